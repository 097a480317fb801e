"""The one reader of the TOML data files shipped inside the package (compatibility knowledge,
recipes, explain and fixer rules): tomllib on Python 3.11+, tomli before."""

from __future__ import annotations

import sys
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # importlib.resources.abc is new in Python 3.11
    from importlib.resources.abc import Traversable

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python < 3.11 only
    import tomli as tomllib


def parse(entry: Traversable) -> dict[str, Any]:
    """One TOML file, found through importlib.resources (works in wheels and editable installs)."""
    return tomllib.loads(entry.read_text(encoding="utf-8"))


@cache
def read_toml(package: str, name: str) -> dict[str, Any]:
    """``name`` inside ``package``, parsed once per run."""
    return parse(resources.files(package).joinpath(name))
