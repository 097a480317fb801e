"""Scalars out of TensorBoard event files, without tensorflow.

An event file is a sequence of TFRecords (u64 length, u32 masked CRC, data, u32 masked CRC); each
record is an ``Event`` protobuf whose ``summary`` holds tagged values. A scalar is either a
``simple_value`` (what ``torch.utils.tensorboard.SummaryWriter.add_scalar`` writes by default) or
a rank-0 ``TensorProto`` (``add_scalar(new_style=True)``, ``double_precision=True``, and
tensorboard's own ``tensorboard.summary.Writer``). The tensorboard package's bundled protos parse
the file when installed; otherwise a small standard-library protobuf reader does. Both hand the
same fields to :func:`tensor_scalar`, so they give the same answer.
"""

from __future__ import annotations

import importlib
import math
import os
import struct
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

Scalar = tuple[str, int, float]  # (tag, step, value)
_HEADER = struct.Struct("<QI")
_INT64 = 1 << 64

# tensorflow DataType enum values of the dtypes a scalar summary can hold, and their layout.
_DTYPES: dict[int, str] = {1: "<f", 2: "<d", 3: "<i", 9: "<q", 19: "<e"}
DT_FLOAT, DT_DOUBLE, DT_INT32, DT_INT64, DT_HALF = 1, 2, 3, 9, 19


def event_files(logdir: Path) -> list[Path]:
    """The event files under ``logdir`` (recursively), oldest name first."""
    if not logdir.is_dir():
        return []
    return sorted(p for p in logdir.rglob("events.out.tfevents.*") if p.is_file())


@dataclass(frozen=True)
class Reader:
    """Which decoder reads the events, and in which interpreter (for the user to see)."""

    kind: str  # "tensorboard" or "builtin"
    python: str
    version: str = ""
    why: str = ""  # for "builtin": why tensorboard's protos were not used


def reader(*, stdlib: bool = False) -> Reader:
    if stdlib:
        return Reader("builtin", sys.executable, why="asked")
    try:
        importlib.import_module("tensorboard.compat.proto.event_pb2")
    except ImportError as exc:
        missing = getattr(exc, "name", "") or ""
        why = "absent" if missing.split(".")[0] == "tensorboard" else f"broken: {exc}"
        return Reader("builtin", sys.executable, why=why)
    except Exception as exc:  # its protobuf runtime is broken
        return Reader("builtin", sys.executable, why=f"broken: {type(exc).__name__}: {exc}")
    try:
        version = str(importlib.import_module("tensorboard.version").VERSION)
    except Exception:
        version = "?"
    return Reader("tensorboard", sys.executable, version=version)


def read_scalars(path: Path, *, stdlib: bool = False) -> Iterator[Scalar]:
    """Every scalar of one event file; a truncated last record (a run still writing) ends it."""
    decode = _stdlib_decode if stdlib else _decoder()
    with path.open("rb") as fh:
        for record in _records(fh):
            yield from decode(record)


def _records(fh: BinaryIO) -> Iterator[bytes]:
    """TFRecord frames; a length past the end of the file (a damaged header) ends the file
    rather than asking for that many bytes."""
    size = os.fstat(fh.fileno()).st_size
    while True:
        header = fh.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return
        (length, _crc) = _HEADER.unpack(header)
        if length > size - fh.tell():
            return
        data = fh.read(length)
        if len(data) < length or len(fh.read(4)) < 4:
            return
        yield data


@dataclass
class TensorFields:
    """The parts of a TensorProto a scalar can live in (the same names as the proto's)."""

    dtype: int = 0
    dims: list[int] = field(default_factory=list)
    tensor_content: bytes = b""
    float_val: Sequence[float] = ()
    double_val: Sequence[float] = ()
    int_val: Sequence[int] = ()
    int64_val: Sequence[int] = ()
    half_val: Sequence[int] = ()  # IEEE half bit patterns


def tensor_scalar(t: TensorFields) -> float | None:
    """The value of a rank-0 (or one-element) numeric tensor; None for anything else."""
    if math.prod(t.dims) != 1:
        return None
    layout = _DTYPES.get(t.dtype)
    if layout is None:
        return None
    if t.tensor_content:
        size = struct.calcsize(layout)
        if len(t.tensor_content) != size:
            return None
        return float(struct.unpack(layout, t.tensor_content)[0])
    values: Sequence[float] = {
        DT_FLOAT: t.float_val,
        DT_DOUBLE: t.double_val,
        DT_INT32: t.int_val,
        DT_INT64: t.int64_val,
        DT_HALF: [struct.unpack("<e", struct.pack("<H", h & 0xFFFF))[0] for h in t.half_val],
    }[t.dtype]
    return float(values[0]) if len(values) == 1 else None


def _decoder() -> Callable[[bytes], Iterator[Scalar]]:
    try:
        event_pb2 = importlib.import_module("tensorboard.compat.proto.event_pb2")
    except Exception:  # not installed, or its protobuf runtime is broken
        return _stdlib_decode

    def decode(record: bytes) -> Iterator[Scalar]:
        event = event_pb2.Event()
        try:
            event.ParseFromString(record)
        except Exception:
            return
        for v in event.summary.value:
            value = _proto_value(v)
            if value is not None:
                yield v.tag, int(event.step), value

    return decode


def _proto_value(v: Any) -> float | None:
    if v.HasField("simple_value"):
        return float(v.simple_value)
    if not v.HasField("tensor"):
        return None
    t = v.tensor
    return tensor_scalar(
        TensorFields(
            dtype=int(t.dtype),
            dims=[int(d.size) for d in t.tensor_shape.dim],
            tensor_content=bytes(t.tensor_content),
            float_val=list(t.float_val),
            double_val=list(t.double_val),
            int_val=list(t.int_val),
            int64_val=list(t.int64_val),
            half_val=list(t.half_val),
        )
    )


# --- the stdlib protobuf reader: just enough wire format for Event/Summary/Value/TensorProto ---

Fields = dict[int, list[object]]


def _bytes(f: Fields, number: int) -> list[bytes]:
    return [v for v in f.get(number, []) if isinstance(v, bytes)]


def _ints(f: Fields, number: int) -> list[int]:
    return [v for v in f.get(number, []) if isinstance(v, int)]


def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7
        if shift > 63:
            raise ValueError("varint longer than 10 bytes")


def signed64(value: int) -> int:
    """An int64/int32 field's varint, read unsigned, as the signed number it encodes (a negative
    number is written as its 64-bit two's complement: -1 is ten bytes, 2**64 - 1)."""
    value &= _INT64 - 1
    return value - _INT64 if value >= 1 << 63 else value


def _fields(buf: bytes) -> Fields:
    """Field number -> raw values (ints for varints, bytes for fixed and length-delimited)."""
    out: Fields = {}
    pos = 0
    while pos < len(buf):
        key, pos = _varint(buf, pos)
        number, wire = key >> 3, key & 7
        value: object
        if wire == 0:
            value, pos = _varint(buf, pos)
        elif wire in (1, 5):
            size = 8 if wire == 1 else 4
            value, pos = buf[pos : pos + size], pos + size
        elif wire == 2:
            length, pos = _varint(buf, pos)
            value, pos = buf[pos : pos + length], pos + length
        else:
            raise ValueError(f"unsupported wire type {wire}")
        if pos > len(buf):
            raise ValueError("field runs past the end of its message")
        out.setdefault(number, []).append(value)
    return out


def _stdlib_decode(record: bytes) -> Iterator[Scalar]:
    try:
        event = _fields(record)
        steps = _ints(event, 2)  # Event.step: int64
        step = signed64(steps[-1]) if steps else 0
        found = []
        for summary in _bytes(event, 5):
            for value in _bytes(_fields(summary), 1):
                scalar = _value(_fields(value))
                if scalar is not None:
                    found.append((scalar[0], step, scalar[1]))
    except (ValueError, IndexError, OverflowError, struct.error):  # a damaged record
        return
    yield from found


def _value(v: Fields) -> tuple[str, float] | None:
    """Summary.Value: tag (1), simple_value (2, float), tensor (8, TensorProto)."""
    tags = _bytes(v, 1)
    tag = tags[0].decode("utf-8", "replace") if tags else ""
    simple = _bytes(v, 2)
    if simple:
        return tag, float(struct.unpack("<f", simple[-1])[0])
    tensors = _bytes(v, 8)
    if not tensors:
        return None
    value = tensor_scalar(_tensor(_fields(tensors[-1])))
    return None if value is None else (tag, value)


def _tensor(t: Fields) -> TensorFields:
    """TensorProto: dtype (1), tensor_shape (2), tensor_content (4), float_val (5), double_val
    (6), int_val (7), int64_val (10), half_val (13); repeated numbers packed or not."""
    dtypes = _ints(t, 1)
    return TensorFields(
        dtype=dtypes[-1] if dtypes else 0,
        dims=_dims(_bytes(t, 2)),
        tensor_content=b"".join(_bytes(t, 4)),
        float_val=_fixed(t, 5, "<f"),
        double_val=_fixed(t, 6, "<d"),
        int_val=[signed64(i) for i in _packed_ints(t, 7)],
        int64_val=[signed64(i) for i in _packed_ints(t, 10)],
        half_val=_packed_ints(t, 13),
    )


def _dims(shapes: list[bytes]) -> list[int]:
    """TensorShapeProto.dim (2), each TensorShapeProto.Dim.size (1)."""
    dims: list[int] = []
    for shape in shapes[-1:]:
        for dim in _bytes(_fields(shape), 2):
            sizes = _ints(_fields(dim), 1)
            dims.append(signed64(sizes[-1]) if sizes else 0)
    return dims


def _fixed(t: Fields, number: int, layout: str) -> list[float]:
    raw = b"".join(_bytes(t, number))
    size = struct.calcsize(layout)
    if len(raw) % size:
        raise ValueError("packed numbers of a wrong length")
    return [float(x[0]) for x in struct.iter_unpack(layout, raw)]


def _packed_ints(t: Fields, number: int) -> list[int]:
    out: list[int] = []
    for item in t.get(number, []):
        if isinstance(item, int):
            out.append(item)
        elif isinstance(item, bytes):
            pos = 0
            while pos < len(item):
                value, pos = _varint(item, pos)
                out.append(value)
    return out
