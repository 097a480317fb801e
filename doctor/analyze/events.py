"""Scalars out of TensorBoard event files, without tensorflow.

An event file is a sequence of TFRecords (u64 length, u32 masked CRC, data, u32 masked CRC); each
record is an ``Event`` protobuf whose ``summary`` holds tagged scalar values. The tensorboard
package's bundled protos parse it when installed; otherwise a small stdlib protobuf reader does.
"""

from __future__ import annotations

import importlib
import struct
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

Scalar = tuple[str, int, float]  # (tag, step, value)
_HEADER = struct.Struct("<QI")


def event_files(logdir: Path) -> list[Path]:
    """The event files under ``logdir`` (recursively), oldest name first."""
    if not logdir.is_dir():
        return []
    return sorted(p for p in logdir.rglob("events.out.tfevents.*") if p.is_file())


def read_scalars(path: Path, *, stdlib: bool = False) -> Iterator[Scalar]:
    """Every scalar of one event file; a truncated last record (a run still writing) ends it."""
    decode = _stdlib_decode if stdlib else _decoder()
    with path.open("rb") as fh:
        for record in _records(fh):
            yield from decode(record)


def _records(fh: BinaryIO) -> Iterator[bytes]:
    while True:
        header = fh.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return
        (length, _crc) = _HEADER.unpack(header)
        data = fh.read(length)
        if len(data) < length or len(fh.read(4)) < 4:
            return
        yield data


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
            if v.HasField("simple_value"):
                yield v.tag, int(event.step), float(v.simple_value)
            elif v.HasField("tensor") and v.tensor.float_val:
                yield v.tag, int(event.step), float(v.tensor.float_val[0])
            elif v.HasField("tensor") and len(v.tensor.tensor_content) == 4:
                yield v.tag, int(event.step), struct.unpack("<f", v.tensor.tensor_content)[0]

    return decode


# --- the stdlib protobuf reader: just enough wire format for Event/Summary/Value/TensorProto ---

Fields = dict[int, list[object]]


def _bytes(f: Fields, number: int) -> list[bytes]:
    return [v for v in f.get(number, []) if isinstance(v, bytes)]


def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7


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
        out.setdefault(number, []).append(value)
    return out


def _stdlib_decode(record: bytes) -> Iterator[Scalar]:
    try:
        event = _fields(record)
        steps = [v for v in event.get(2, []) if isinstance(v, int)]
        step = steps[-1] if steps else 0
        for summary in _bytes(event, 5):
            for value in _bytes(_fields(summary), 1):
                scalar = _value(_fields(value))
                if scalar is not None:
                    yield scalar[0], step, scalar[1]
    except (ValueError, IndexError, struct.error):
        return


def _value(v: Fields) -> tuple[str, float] | None:
    tags = _bytes(v, 1)
    tag = tags[0].decode("utf-8", "replace") if tags else ""
    if 2 in v:  # simple_value: a fixed32 float
        return tag, float(struct.unpack("<f", _bytes(v, 2)[-1])[0])
    for tensor_raw in _bytes(v, 8):  # TensorProto: float_val (5), or 4-byte tensor_content (4)
        tensor = _fields(tensor_raw)
        for raw in _bytes(tensor, 5) + [c for c in _bytes(tensor, 4) if len(c) == 4]:
            return tag, float(struct.unpack("<f", raw[:4])[0])
    return None
