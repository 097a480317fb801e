"""str.format that pads by terminal cells: ``{status:<12}`` with a Chinese value still ends in
column 12, since a Chinese character takes two cells."""

from __future__ import annotations

import re
import string
from typing import Any

from rich.cells import cell_len

_PAD = re.compile(r"(?:(?P<fill>.)?(?P<align>[<>^]))?(?P<width>\d+)")


class CellFormatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> Any:
        m = _PAD.fullmatch(format_spec)
        if not isinstance(value, str) or m is None:
            return super().format_field(value, format_spec)
        gap = max(0, int(m["width"]) - cell_len(value))
        fill = m["fill"] or " "
        align = m["align"] or "<"
        if align == "<":
            return value + fill * gap
        if align == ">":
            return fill * gap + value
        return fill * (gap // 2) + value + fill * (gap - gap // 2)


FORMATTER = CellFormatter()
