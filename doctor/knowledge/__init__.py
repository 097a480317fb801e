"""Compatibility knowledge shipped as TOML data files, with the date it was last checked.

Every data file carries ``as_of = "YYYY-MM-DD"``; ``AS_OF`` (printed by ``--version`` and put
in every JSON report) is the oldest of them, so it never claims more than the data holds.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from doctor.datafiles import read_toml


def load(name: str) -> dict[str, Any]:
    """One data file of this package, e.g. ``load("torch.toml")``."""
    return read_toml(__name__, name)


@cache
def as_of() -> str:
    """The oldest ``as_of`` date over all data files."""
    dates = [
        str(load(entry.name).get("as_of", ""))
        for entry in resources.files(__name__).iterdir()
        if entry.name.endswith(".toml")
    ]
    dates = [d for d in dates if d]
    return min(dates) if dates else "unknown"


def __getattr__(name: str) -> str:
    """``AS_OF`` is read from the data files on first use, not at import."""
    if name == "AS_OF":
        return as_of()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
