"""Every probe, registered explicitly: its script, which interpreter runs it, its timeout."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from doctor.context import Context


def _no_input(ctx: Context) -> dict[str, Any]:
    return {}


def _cwd_input(ctx: Context) -> dict[str, Any]:
    return {"cwd": ctx.cwd}


@dataclass(frozen=True)
class Probe:
    name: str
    script: str
    where: Literal["target", "doctor"]  # the recipes' python3, or the doctor's own interpreter
    timeout: float
    payload: Callable[[Context], Mapping[str, Any]] = field(default=_no_input)


PROBES: dict[str, Probe] = {
    p.name: p
    for p in (
        Probe("system", "idoctor_system.py", "doctor", 10.0, _cwd_input),
        Probe("python", "idoctor_python.py", "target", 15.0),
    )
}
