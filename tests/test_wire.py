"""The grading boundary's wire format: plain data round-trips; nothing else crosses, and junk is refused."""

import math
import time

import numpy as np
import pandas as pd
import pytest

from mlkata import seeds
from mlkata.wire import MAX_DEPTH, WireError, decode, encode

PLAIN = {
    "none": None,
    "bool": True,
    "int": 3,
    "float": 2.5,
    "infinity": -math.inf,
    "string": "x",
    "nested": [1, (2, "3"), {"a": [None]}, {4: 5.0}],
    "set": {1, 2},
    "timestamp": pd.Timestamp("2026-01-01 10:00"),
    "timedelta": pd.Timedelta(days=3),
}
ARRAYS = {
    "ints": np.arange(5),
    "floats with NaN": np.array([1.5, np.nan]),
    "bools": np.array([True, False]),
    "dates": pd.to_datetime(["2026-01-01", "2026-02-01"]).to_numpy(),
    "strings (object)": np.array(["a", None], dtype=object),
    "strings (unicode)": np.array(["a", "bc"]),
    "matrix": np.arange(6.0).reshape(2, 3),
}
FRAMES = {
    "series": pd.Series([1, 2], index=["x", "y"], name="n"),
    "strings": pd.Series(["a", None, "c"]),
    "categories": pd.Series(pd.Categorical(["a", "b", "a"])),
    "frame": pd.DataFrame(
        {"u": ["a", "b"], "t": pd.to_datetime(["2026-01-01", "2026-02-01"]), "x": [1.0, 2.0], "b": [True, False]},
        index=[3, 4],
    ),
    "multi-index": pd.DataFrame({"m": [1, 2]}, index=pd.MultiIndex.from_tuples([("a", 1), ("b", 2)], names=["k", "n"])),
    "empty": pd.DataFrame(),
}


@pytest.mark.parametrize("value", PLAIN.values(), ids=PLAIN.keys())
def test_plain_values_round_trip(value):
    back = decode(encode(value))
    assert back == value and type(back) is type(value)


def test_nan_round_trips():
    assert math.isnan(decode(encode(float("nan"))))


@pytest.mark.parametrize("array", ARRAYS.values(), ids=ARRAYS.keys())
def test_arrays_round_trip(array):
    back = decode(encode(array))
    assert back.dtype == array.dtype and back.shape == array.shape
    assert np.array_equal(back, array, equal_nan=array.dtype.kind == "f")


@pytest.mark.parametrize("value", FRAMES.values(), ids=FRAMES.keys())
def test_pandas_objects_round_trip(value):
    back = decode(encode(value))
    if isinstance(value, pd.DataFrame):
        pd.testing.assert_frame_equal(back, value)
    else:
        pd.testing.assert_series_equal(back, value)


class AlwaysEqual:
    def __eq__(self, other):
        return True


class FriendlyDict(dict):
    def __eq__(self, other):
        return True


@pytest.mark.parametrize(
    "value",
    [AlwaysEqual(), [AlwaysEqual()], np.array([AlwaysEqual()], dtype=object), len],
    ids=["object", "inside a list", "inside an object array", "function"],
)
def test_what_is_not_plain_data_is_refused(value):
    with pytest.raises(WireError):
        encode(value)


def test_subclasses_come_back_as_plain_types():
    back = decode(encode(FriendlyDict(a=1)))
    assert type(back) is dict and back != {"b": 2}


def test_nesting_is_bounded():
    value: list = []
    for _ in range(MAX_DEPTH + 5):
        value = [value]
    with pytest.raises(WireError, match="nested"):
        encode(value)


@pytest.mark.parametrize(
    "frame",
    [b"", b"\x00" * 16, b"\x00\x00\x00\x00\x00\x00\x00\x05hello", encode([1])[:-3]],
    ids=["empty", "zeros", "not JSON", "truncated"],
)
def test_malformed_frames_are_refused(frame):
    with pytest.raises(WireError):
        decode(frame)


def test_an_object_dtype_smuggled_into_an_array_node_is_refused():
    forged = encode(np.arange(3)).replace(b'"<i8"', b'"|O" ')
    with pytest.raises(WireError):
        decode(forged)


def test_grading_seeds_never_come_up_in_self_grading():
    drawn = [seeds.random_grading_seed() for _ in range(1000)]
    assert min(drawn) >= seeds.MAX_BASE_SEED > max(seeds.random_seed() for _ in range(1000))


def test_decoding_is_bounded_in_size_and_in_time():
    frame = encode([[] for _ in range(50_000)])
    with pytest.raises(WireError, match="at most 1000 are decoded"):
        decode(frame, max_tree_bytes=1000)
    with pytest.raises(TimeoutError):
        decode(frame, deadline=time.monotonic() - 1)  # past its deadline: work stops, the value is not built
    assert len(decode(frame, max_tree_bytes=len(frame), deadline=time.monotonic() + 60)) == 50_000


@pytest.mark.parametrize("kind", ["csr_matrix", "csc_matrix", "coo_array", "csr_array"])
def test_sparse_matrices_round_trip_as_csr(kind):
    from scipy import sparse

    dense = np.array([[0.0, 1.5, 0.0], [0.0, 0.0, 0.0], [-2.0, 0.0, 3.0]])
    value = getattr(sparse, kind)(dense)
    back = decode(encode({"X": value}))["X"]
    assert back.format == "csr" and isinstance(back, sparse.sparray) == isinstance(value, sparse.sparray)
    assert back.shape == value.shape and np.array_equal(back.toarray(), dense)


def test_a_forged_sparse_matrix_is_refused():
    from scipy import sparse

    frame = encode(sparse.csr_matrix(np.eye(3)))
    # an index pointing past the columns: decoding must refuse it rather than hand the grader a trap
    forged = frame.replace(b'"shape":[3,3]', b'"shape":[3,1]')
    assert forged != frame
    with pytest.raises(WireError):
        decode(forged)
