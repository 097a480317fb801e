"""The shape of a report's facts, field by field: which JSON types each one takes.

``doctor/report_shape.json`` is recorded from what the probes really write (a real run's report
and the recorded machines of the tests: ``python3 -m tests.record_report_shape``), so every
field a check reads has its type, not only the ones listed by hand in doctor.reportmodel.

In the shape, a leaf is the JSON types the field takes ("str", "int", "float", "bool", "dict",
"list", joined by "|"), an object is an object of shapes (``"*"`` for one whose keys are data,
such as environment variables), a list is ``[item shape]``. null, and "" for text, always pass:
they mean "not known". Fields the shape does not know are kept as they are (a newer report).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

MAX_INT = 2**63  # a whole number past this is no size, count or version any probe writes
MAX_ITEMS = 1000  # items of one list checked: a report is a file a user may have edited
_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (float, int),
    "bool": (bool,),
    "dict": (dict,),
    "list": (list,),
}


@cache
def load() -> dict[str, Any]:
    shape: dict[str, Any] = json.loads(
        resources.files("doctor").joinpath("report_shape.json").read_text(encoding="utf-8")
    )
    return shape


def mismatches(value: Any, shape: Any, where: str) -> Iterator[tuple[str, Any, str]]:
    """(where, value, the types it must have) for every value that does not fit ``shape``."""
    if value is None or value == "":
        return
    if isinstance(shape, dict):
        yield from _object(value, shape, where)
    elif isinstance(shape, list):
        yield from _list(value, shape, where)
    elif not fits(value, str(shape)):
        yield where, value, str(shape)


def fits(value: Any, kinds: str) -> bool:
    for kind in kinds.split("|"):
        allowed = _TYPES.get(kind, ())
        if isinstance(value, bool) and bool not in allowed:
            continue
        if isinstance(value, allowed):
            return not isinstance(value, int) or -MAX_INT <= value <= MAX_INT
    return False


def _object(value: Any, shape: dict[str, Any], where: str) -> Iterator[tuple[str, Any, str]]:
    if not isinstance(value, dict):
        yield where, value, "dict"
        return
    for key, item in value.items():
        sub = shape.get(key, shape.get("*"))
        if sub is not None:
            yield from mismatches(item, sub, f"{where}.{key}")


def _list(value: Any, shape: list[Any], where: str) -> Iterator[tuple[str, Any, str]]:
    if not isinstance(value, list):
        yield where, value, "list"
        return
    if not shape:
        return
    for i, item in enumerate(value[:MAX_ITEMS]):
        yield from mismatches(item, shape[0], f"{where}[{i}]")
