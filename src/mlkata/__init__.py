"""mlkata: machine-learning interview exercises graded by hidden, audited pytest graders."""

from mlkata.cache import shared
from mlkata.checks import (
    GradeFailure,
    as_array,
    as_float,
    as_frame,
    as_int,
    as_mapping,
    expect,
    expect_arguments_unchanged,
    expect_at_least,
    expect_at_most,
    expect_fast,
    expect_rejected,
    is_close,
)

__version__ = "0.1.0"

__all__ = [
    "GradeFailure",
    "__version__",
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
    "shared",
]
