"""Formatting of sizes and durations for messages."""

from __future__ import annotations

import math


def gib(n: float | int | None) -> str:
    """Bytes as GiB with one decimal, e.g. '7.8 GiB'."""
    if n is None:
        return "?"
    return f"{n / 2**30:.1f} GiB"


def gib_down(n: float | int) -> str:
    """Bytes as GiB rounded down: a value under a limit never shows as the limit (8 GiB less a
    byte is '7.9 GiB', not '8.0 GiB')."""
    return f"{math.floor(n / 2**30 * 10) / 10:.1f} GiB"


def mib(n: float | int | None) -> str:
    if n is None:
        return "?"
    return f"{n / 2**20:.0f} MiB"
