"""mlkata: machine-learning interview exercises graded by hidden, audited pytest graders."""

import importlib

# what graders import from here, loaded on first use: the command line starts without numpy and pandas
_EXPORTS = {
    "shared": "mlkata.cache",
    **dict.fromkeys(
        [
            "GradeFailure",
            "as_array",
            "as_float",
            "as_frame",
            "as_int",
            "as_mapping",
            "expect",
            "expect_arguments_unchanged",
            "expect_at_least",
            "expect_at_most",
            "expect_fast",
            "expect_rejected",
            "is_close",
        ],
        "mlkata.checks",
    ),
}

__version__ = "0.1.0"

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'mlkata' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
