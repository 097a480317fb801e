"""The family a fine class of failure is reported under (rollup.toml): a Git LFS pointer is a
data problem, no k2 wheel for this platform is k2 not importing. The diagnosis keeps its rule,
sentences and fix; only its category is the family's."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from doctor.datafiles import read_toml
from doctor.explain.model import Diagnosis

Entry = tuple[str, str, tuple[tuple[str, re.Pattern[str]], ...]]


@cache
def _table() -> tuple[Entry, ...]:
    data = read_toml("doctor.explain", "rollup.toml")
    return tuple(
        (
            str(e["from"]),
            str(e["to"]),
            tuple((k, re.compile(v)) for k, v in e.get("when", {}).items()),
        )
        for e in data["rollup"]
    )


def family(category: str, params: Mapping[str, Any]) -> str:
    """The category reported for a fine class with these parameters."""
    for source, target, when in _table():
        if source == category and all(
            params.get(k) not in (None, "") and p.search(str(params[k])) for k, p in when
        ):
            return target
    return category


def rolled_up(diagnosis: Diagnosis) -> Diagnosis:
    """The diagnosis under its family's category (itself when it has none)."""
    target = family(diagnosis.category, diagnosis.params)
    if target == diagnosis.category:
        return diagnosis
    return dataclasses.replace(diagnosis, category=target)
