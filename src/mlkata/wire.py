"""Plain data across the grading boundary, decoded without unpickling.

What a candidate's function receives and returns crosses between the grader's process and the
worker that runs candidate code as a frame: a JSON tree, plus raw buffers for numpy arrays. Only
plain values survive the trip (None, bools, numbers, strings, lists, tuples, sets, dicts, numpy
arrays and scalars of non-object dtypes, object arrays of plain scalars, pandas Series, Index,
DataFrames, Timestamps and Timedeltas, SciPy sparse matrices and arrays, which arrive in CSR form,
their structure checked); decoding builds fresh instances of those types, so nothing
the candidate defined (an ``__eq__`` that is always true, say) ever reaches a grader.
"""

from __future__ import annotations

import json
import struct
import sys
import time
from typing import Any, BinaryIO

import numpy as np
import pandas as pd

MAX_FRAME_BYTES = 1 << 30  # one call's inputs or result; more is refused, not read
MAX_DEPTH = 64
_LENGTH = struct.Struct(">Q")
_SCALARS = (type(None), bool, int, float, str)
_CSR_PARTS = ("data", "indices", "indptr")


class WireError(ValueError):
    """A value that cannot cross the boundary, or a frame that is not one."""


def _encode_array(array: np.ndarray, buffers: list[bytes]) -> dict:
    if array.dtype.hasobject:
        items = array.ravel().tolist()
        if not all(isinstance(item, _SCALARS) for item in items):
            kinds = sorted({type(item).__name__ for item in items if not isinstance(item, _SCALARS)})
            raise WireError(f"an object array holding {', '.join(kinds)}")
        return {"t": "objects", "shape": list(array.shape), "items": [_float_safe(i) for i in items]}
    buffers.append(np.ascontiguousarray(array).tobytes())
    return {"t": "array", "dtype": array.dtype.str, "shape": list(array.shape), "buffer": len(buffers) - 1}


def _float_safe(value: Any) -> Any:
    # JSON has no NaN or infinity: such floats travel as tagged strings
    if isinstance(value, float) and not np.isfinite(value):
        return {"t": "float", "v": repr(value)}
    return value


def _encode(value: Any, buffers: list[bytes], depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise WireError(f"a value nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if value is None or type(value) in (int, str):
        return value
    if type(value) is float:
        return _float_safe(value)
    if isinstance(value, np.generic):
        return {"t": "scalar", "array": _encode_array(np.asarray(value), buffers)}
    if isinstance(value, np.ndarray):
        return _encode_array(value, buffers)
    sparse = sys.modules.get("scipy.sparse")  # never imported here: a sparse value means scipy is loaded
    if sparse is not None and sparse.issparse(value):
        matrix = value.tocsr()
        parts = {name: _encode_array(np.asarray(getattr(matrix, name)), buffers) for name in _CSR_PARTS}
        kind = "array" if isinstance(value, sparse.sparray) else "matrix"
        return {"t": "csr", "kind": kind, "shape": [int(n) for n in matrix.shape], **parts}
    if isinstance(value, pd.Timestamp):
        return {"t": "timestamp", "v": value.isoformat()}
    if isinstance(value, pd.Timedelta):
        return {"t": "timedelta", "v": int(value.value)}
    if isinstance(value, pd.MultiIndex):
        levels = [_encode(value.get_level_values(i), buffers, depth + 1) for i in range(value.nlevels)]
        return {"t": "multiindex", "levels": levels, "names": [_encode(n, buffers, depth + 1) for n in value.names]}
    if isinstance(value, pd.Index):
        return {"t": "index", "values": _encode_column(value, buffers), "name": _encode(value.name, buffers, depth)}
    if isinstance(value, pd.Series):
        return {
            "t": "series",
            "values": _encode_column(value, buffers),
            "index": _encode(value.index, buffers, depth + 1),
            "name": _encode(value.name, buffers, depth + 1),
        }
    if isinstance(value, pd.DataFrame):
        return {
            "t": "frame",
            "columns": _encode(value.columns, buffers, depth + 1),
            "index": _encode(value.index, buffers, depth + 1),
            "data": [_encode_column(value.iloc[:, i], buffers) for i in range(value.shape[1])],
        }
    if isinstance(value, (list, tuple, set, frozenset)):
        tag = {list: "list", tuple: "tuple", set: "set", frozenset: "set"}[_plain_type(value)]
        return {"t": tag, "items": [_encode(item, buffers, depth + 1) for item in value]}
    if isinstance(value, dict):
        pairs = [[_encode(k, buffers, depth + 1), _encode(v, buffers, depth + 1)] for k, v in value.items()]
        return {"t": "dict", "pairs": pairs}
    if isinstance(value, int):  # an int subclass other than bool: its plain value
        return int(value)
    if isinstance(value, float):
        return _float_safe(float(value))
    if isinstance(value, str):
        return str(value)
    raise WireError(f"a {type(value).__module__}.{type(value).__qualname__}")


def _plain_type(value: Any) -> type:
    return next(t for t in (list, tuple, set, frozenset) if isinstance(value, t))


def _encode_column(values: pd.Series | pd.Index, buffers: list[bytes]) -> dict:
    """A column's values with its dtype's name, so that strings, categories and dates come back as such."""
    dtype = str(values.dtype)
    if isinstance(values.dtype, pd.CategoricalDtype) or not isinstance(values.dtype, np.dtype):
        array = values.to_numpy(dtype=object)
        array = np.array([None if pd.isna(v) else v for v in array], dtype=object)
    else:
        array = values.to_numpy()
    return {"dtype": dtype, "values": _encode_array(array, buffers)}


def encode(value: Any) -> bytes:
    """``value`` as one frame; raises WireError naming what cannot cross."""
    buffers: list[bytes] = []
    tree = json.dumps(_encode(value, buffers, 0), separators=(",", ":"), allow_nan=False).encode()
    parts = [_LENGTH.pack(len(tree)), tree, _LENGTH.pack(len(buffers))]
    for buffer in buffers:
        parts += [_LENGTH.pack(len(buffer)), buffer]
    return b"".join(parts)


def _decode_array(node: dict, buffers: list[bytes]) -> np.ndarray:
    shape = tuple(int(n) for n in node["shape"])
    if node["t"] == "objects":
        items = [_decode_float(item) for item in node["items"]]
        if not all(isinstance(item, _SCALARS) for item in items):
            raise WireError("an object array may hold only plain scalars")
        array = np.empty(len(items), dtype=object)
        array[:] = items
        return array.reshape(shape)
    dtype = np.dtype(node["dtype"])
    if dtype.hasobject:
        raise WireError("an array with an object dtype outside an 'objects' node")
    return np.frombuffer(buffers[int(node["buffer"])], dtype=dtype).reshape(shape).copy()


def _decode_csr(node: dict, buffers: list[bytes]) -> Any:
    from scipy import sparse

    parts = [node[name] for name in _CSR_PARTS]
    if not all(isinstance(part, dict) and part.get("t") == "array" for part in parts):
        raise WireError("a sparse matrix whose parts are not numeric arrays")
    data, indices, indptr = (_decode_array(part, buffers) for part in parts)
    shape = tuple(int(n) for n in node["shape"])
    if len(shape) != 2 or min(shape) < 0 or indices.dtype.kind not in "iu" or indptr.dtype.kind not in "iu":
        raise WireError("a sparse matrix with a malformed shape or index arrays")
    build = sparse.csr_array if node.get("kind") == "array" else sparse.csr_matrix
    try:
        matrix = build((data, indices, indptr), shape=shape)
        matrix.check_format(full_check=True)  # indices in range, indptr monotone: safe for any operation
    except (ValueError, TypeError, IndexError) as error:
        raise WireError(f"a malformed sparse matrix: {error}") from None
    return matrix


def _decode_float(item: Any) -> Any:
    if isinstance(item, dict) and item.get("t") == "float" and item.get("v") in ("nan", "inf", "-inf"):
        return float(item["v"])
    return item


def _decode_column(node: dict, buffers: list[bytes]) -> pd.Series:
    values = _decode_array(node["values"], buffers)
    column = pd.Series(values)
    try:
        return column.astype(node["dtype"]) if str(column.dtype) != node["dtype"] else column
    except (TypeError, ValueError):
        return column


class _Budget:
    """Decoding work bounded by a deadline: checked every few hundred nodes."""

    def __init__(self, deadline: float | None):
        self.deadline = deadline
        self.nodes = 0

    def spend(self) -> None:
        self.nodes += 1
        if self.deadline is not None and self.nodes % 256 == 0 and time.monotonic() > self.deadline:
            raise TimeoutError


def _decode(node: Any, buffers: list[bytes], depth: int, budget: _Budget) -> Any:
    budget.spend()
    if depth > MAX_DEPTH:
        raise WireError(f"a value nested more than {MAX_DEPTH} levels deep")
    if node is None or isinstance(node, (bool, int, float, str)):
        return node
    if not isinstance(node, dict) or not isinstance(node.get("t"), str):
        raise WireError("a node that is not a tagged object")
    tag = node["t"]
    if tag == "float":
        return _decode_float(node)
    if tag in ("array", "objects"):
        return _decode_array(node, buffers)
    if tag == "scalar":
        return _decode_array(node["array"], buffers)[()]
    if tag == "csr":
        return _decode_csr(node, buffers)
    if tag == "timestamp":
        return pd.Timestamp(str(node["v"]))
    if tag == "timedelta":
        return pd.Timedelta(int(node["v"]), unit="ns")
    if tag == "index":
        return pd.Index(_decode_column(node["values"], buffers), name=_decode(node["name"], buffers, depth + 1, budget))
    if tag == "multiindex":
        levels = [_decode(level, buffers, depth + 1, budget) for level in node["levels"]]
        return pd.MultiIndex.from_arrays(levels, names=[_decode(n, buffers, depth + 1, budget) for n in node["names"]])
    if tag == "series":
        values = _decode_column(node["values"], buffers)
        values.index = _decode(node["index"], buffers, depth + 1, budget)
        values.name = _decode(node["name"], buffers, depth + 1, budget)
        return values
    if tag == "frame":
        columns = _decode(node["columns"], buffers, depth + 1, budget)
        index = _decode(node["index"], buffers, depth + 1, budget)
        data = []
        for column in node["data"]:
            budget.spend()
            data.append(_decode_column(column, buffers))
        table = pd.concat([c.reset_index(drop=True) for c in data], axis=1) if data else pd.DataFrame()
        table.columns = columns
        table.index = index
        return table
    if tag in ("list", "tuple", "set"):
        items = [_decode(item, buffers, depth + 1, budget) for item in node["items"]]
        return {"list": list, "tuple": tuple, "set": set}[tag](items)
    if tag == "dict":
        return {
            _decode(k, buffers, depth + 1, budget): _decode(v, buffers, depth + 1, budget) for k, v in node["pairs"]
        }
    raise WireError(f"an unknown node type {tag!r}")


def decode(frame: bytes, *, max_tree_bytes: int | None = None, deadline: float | None = None) -> Any:
    """The value a frame holds, built from plain types only; raises WireError on anything else.

    ``max_tree_bytes`` bounds the JSON part (what decoding spends its time on) and ``deadline``
    (a ``time.monotonic()`` value) the work of building the value: TimeoutError past it.
    """
    try:
        (length,) = _LENGTH.unpack_from(frame, 0)
        if max_tree_bytes is not None and length > max_tree_bytes:
            raise WireError(f"a value whose structure takes {length} bytes (at most {max_tree_bytes} are decoded)")
        tree = json.loads(frame[8 : 8 + length])
        offset = 8 + length
        (count,) = _LENGTH.unpack_from(frame, offset)
        offset += 8
        buffers = []
        for _ in range(count):
            (size,) = _LENGTH.unpack_from(frame, offset)
            buffers.append(frame[offset + 8 : offset + 8 + size])
            offset += 8 + size
        return _decode(tree, buffers, 0, _Budget(deadline))
    except WireError:
        raise
    except (struct.error, ValueError, TypeError, KeyError, IndexError, RecursionError) as error:
        raise WireError(f"a malformed frame ({type(error).__name__}: {error})") from None


def frame(payload: bytes) -> bytes:
    """``payload`` as one length-prefixed message."""
    return _LENGTH.pack(len(payload)) + payload


def write_message(stream: BinaryIO, payload: bytes) -> None:
    stream.write(frame(payload))
    stream.flush()


def read_message(stream: BinaryIO) -> bytes:
    """One length-prefixed message; EOFError when the stream ends first."""
    header = stream.read(_LENGTH.size)
    if len(header) < _LENGTH.size:
        raise EOFError("the stream ended")
    (length,) = _LENGTH.unpack(header)
    if length > MAX_FRAME_BYTES:
        raise WireError(f"a message of {length} bytes (at most {MAX_FRAME_BYTES} are read)")
    payload = stream.read(length)
    if len(payload) < length:
        raise EOFError("the stream ended inside a message")
    return payload
