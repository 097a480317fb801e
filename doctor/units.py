"""Formatting of sizes and durations for messages."""

from __future__ import annotations


def gib(n: float | int | None) -> str:
    """Bytes as GiB with one decimal, e.g. '7.8 GiB'."""
    if n is None:
        return "?"
    return f"{n / 2**30:.1f} GiB"


def mib(n: float | int | None) -> str:
    if n is None:
        return "?"
    return f"{n / 2**20:.0f} MiB"
