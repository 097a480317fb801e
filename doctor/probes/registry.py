"""Every probe, registered explicitly: its script, which interpreter runs it, its timeout."""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from doctor.context import Context
from doctor.errors import DoctorError
from doctor.msgtype import msg


def _no_input(ctx: Context) -> dict[str, Any]:
    return {}


def _cwd_input(ctx: Context) -> dict[str, Any]:
    return {"cwd": ctx.cwd}


# Inputs computed by other packages: imported when the probe runs (in its own thread), so that
# loading the registry stays cheap and the slow probes start at once.
def _icefall_input(ctx: Context) -> Mapping[str, Any]:
    from doctor.checks import icefall

    return icefall.probe_input(ctx)


def _pipdry_input(ctx: Context) -> Mapping[str, Any]:
    from doctor.checks import icefall

    limit = 0.7 * timeout_for(PROBES["pipdry"], ctx.env)  # pip stops before the probe is killed
    offline = bool((ctx.options or {}).get("offline"))
    return {**icefall.probe_input(ctx), "offline": offline, "timeout": limit}


def _k2wheels_input(ctx: Context) -> Mapping[str, Any]:
    from doctor import k2wheels

    return k2wheels.probe_input(ctx)


def _rcblock_input(ctx: Context) -> Mapping[str, Any]:
    from doctor.fixer import envscript

    return envscript.probe_input(ctx)


def _recipe_input(ctx: Context) -> Mapping[str, Any]:
    from doctor.recipe import inputs

    return inputs.recipe_input(ctx)


def _k2wheels_run(payload: Mapping[str, Any]) -> Mapping[str, Any]:
    from doctor import k2wheels

    return k2wheels.probe_run(payload)


def _recipe_run(payload: Mapping[str, Any]) -> Mapping[str, Any]:
    from doctor.recipe.gather import gather

    return gather(payload)


def _machine_run(payload: Mapping[str, Any]) -> Mapping[str, Any]:
    from doctor.probes import machine

    return machine.gather(payload)


def _modules_input(ctx: Context) -> Mapping[str, Any]:
    from doctor.recipe import inputs

    return inputs.modules_input(ctx)


@dataclass(frozen=True)
class Probe:
    name: str
    script: str
    where: Literal["target", "doctor"]  # the recipes' python3, or the doctor's own interpreter
    timeout: float
    payload: Callable[[Context], Mapping[str, Any]] = field(default=_no_input)
    # The doctor's own code, run in a thread of the doctor instead of a subprocess (script "").
    inproc: Callable[[Mapping[str, Any]], Mapping[str, Any]] | None = None


TIMEOUT_ENV = "ICEFALL_DOCTOR_PROBE_TIMEOUT"
MAX_TIMEOUT = 3600  # seconds: past an hour a probe is hung, whatever the file system


def timeout_for(probe: Probe, env: Mapping[str, str] | None = None) -> float:
    """The probe's timeout; ICEFALL_DOCTOR_PROBE_TIMEOUT (seconds) overrides every probe's
    (slow network file systems, tests)."""
    env = os.environ if env is None else env
    raw = env.get(TIMEOUT_ENV)
    if raw is None or not raw.strip():
        return probe.timeout
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 < value <= MAX_TIMEOUT):
        raise DoctorError(
            msg("probe.timeout_env", name=TIMEOUT_ENV, value=raw, most=MAX_TIMEOUT),
            hint=msg("probe.timeout_env.hint", name=TIMEOUT_ENV),
        )
    return value


PROBES: dict[str, Probe] = {
    p.name: p
    for p in (
        Probe("system", "", "doctor", 10.0, _cwd_input, _machine_run),
        Probe("python", "idoctor_python.py", "target", 15.0),
        Probe("nvidia", "idoctor_nvidia.py", "doctor", 20.0),
        Probe("cuda", "idoctor_cuda.py", "doctor", 20.0),
        Probe("torch", "idoctor_torch.py", "target", 90.0),
        Probe("k2", "idoctor_k2.py", "target", 90.0, _icefall_input),
        Probe("lhotse", "idoctor_lhotse.py", "target", 60.0),
        Probe("icefall", "idoctor_icefall.py", "target", 90.0, _icefall_input),
        Probe("k2wheels", "", "doctor", 20.0, _k2wheels_input, _k2wheels_run),
        Probe("rcblock", "idoctor_rcblock.py", "doctor", 5.0, _rcblock_input),
        Probe("recipe", "", "doctor", 20.0, _recipe_input, _recipe_run),
        Probe("modules", "idoctor_modules.py", "target", 30.0, _modules_input),
        Probe("pipdry", "idoctor_pipdry.py", "target", 60.0, _pipdry_input),
    )
}
