"""Every probe, registered explicitly: its script, which interpreter runs it, its timeout."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from doctor import k2wheels
from doctor.checks import icefall as icefall_checks
from doctor.context import Context
from doctor.fixer import envscript
from doctor.recipe import inputs as recipe_inputs


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


def timeout_for(probe: Probe, env: Mapping[str, str] | None = None) -> float:
    """The probe's timeout; ICEFALL_DOCTOR_PROBE_TIMEOUT (seconds) overrides every probe's
    (slow network file systems, tests)."""
    env = os.environ if env is None else env
    try:
        value = float(env["ICEFALL_DOCTOR_PROBE_TIMEOUT"])
    except (KeyError, ValueError):
        return probe.timeout
    return value if value > 0 else probe.timeout


PROBES: dict[str, Probe] = {
    p.name: p
    for p in (
        Probe("system", "idoctor_system.py", "doctor", 10.0, _cwd_input),
        Probe("python", "idoctor_python.py", "target", 15.0),
        Probe("nvidia", "idoctor_nvidia.py", "doctor", 20.0),
        Probe("cuda", "idoctor_cuda.py", "doctor", 20.0),
        Probe("torch", "idoctor_torch.py", "target", 90.0),
        Probe("k2", "idoctor_k2.py", "target", 90.0),
        Probe("lhotse", "idoctor_lhotse.py", "target", 60.0),
        Probe("icefall", "idoctor_icefall.py", "target", 90.0, icefall_checks.probe_input),
        Probe("k2wheels", "idoctor_k2wheels.py", "doctor", 20.0, k2wheels.probe_input),
        Probe("rcblock", "idoctor_rcblock.py", "doctor", 5.0, envscript.probe_input),
        Probe("recipe", "idoctor_recipe.py", "doctor", 20.0, recipe_inputs.recipe_input),
        Probe("modules", "idoctor_modules.py", "target", 30.0, recipe_inputs.modules_input),
    )
}
