"""The flow: Context -> probes -> Facts -> checks -> Findings. Never raises for a broken env."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from doctor.checks.base import Check
from doctor.context import Context
from doctor.errors import DoctorError
from doctor.facts import Facts, ProbeResult
from doctor.findings import Finding, Msg, Status, msg
from doctor.probes import interpreter, spawn
from doctor.probes.registry import PROBES, Probe, timeout_for


def select(checks: Sequence[Check], only: Sequence[str], skip: Sequence[str]) -> list[Check]:
    """Filter by id or area ("torch" selects torch.*); unknown names are a usage error."""
    known = {c.id for c in checks} | {c.area for c in checks}
    for name in [*only, *skip]:
        if name not in known:
            raise DoctorError(msg("check.unknown", name=name), hint=msg("check.unknown.hint"))

    def hit(c: Check, names: Sequence[str]) -> bool:
        return c.id in names or c.area in names

    return [c for c in checks if (not only or hit(c, only)) and not hit(c, skip)]


def probe_run(probe: Probe, ctx: Context, *, cap: float | None = None) -> spawn.ProbeRun | None:
    """How to run one probe for this context (None without an interpreter for it); ``cap``
    shortens its timeout (explain must answer quickly)."""
    interpreter = ctx.target if probe.where == "target" else ctx.doctor_python
    if not interpreter:
        return None
    timeout = timeout_for(probe) if cap is None else min(timeout_for(probe), cap)
    return spawn.ProbeRun(
        probe.name,
        probe.script,
        interpreter,
        functools.partial(probe.payload, ctx),
        timeout,
        cwd=ctx.cwd,
        inproc=probe.inproc,
    )


def run_probes(ctx: Context, names: Iterable[str], *, cap: float | None = None) -> Facts:
    """Run the named probes concurrently; the slowest (longest timeout) start first, and each
    prepares its input in its own thread."""
    probes = sorted({PROBES[n] for n in names}, key=lambda p: (-p.timeout, p.name))
    runs = [r for r in (probe_run(p, ctx, cap=cap) for p in probes) if r is not None]
    results = spawn.run_all(runs)
    context = ctx.to_json()
    interpreter.query_when_broken(results, ctx.target, context)
    return Facts(probes=results, context=context)


def collect(ctx: Context, checks: Iterable[Check]) -> Facts:
    """Run the probes the checks need."""
    return run_probes(ctx, {p for c in checks for p in c.probes})


def judge(facts: Facts, checks: Iterable[Check]) -> list[Finding]:
    """Pure: the same facts give the same findings."""
    findings: list[Finding] = []
    reported: set[str] = set()
    target = str(facts.context.get("target") or "")
    too_old = interpreter.too_old(facts.context)
    down = _target_down(facts, target)
    for check in checks:
        ran = [facts.probes[p] for p in check.probes if p in facts.probes]
        broken = [r for r in ran if not r.ok]
        if too_old and any(r.interpreter == target for r in ran):
            if interpreter.ID not in reported:  # one finding for the whole interpreter
                findings.append(interpreter.finding(too_old, target))
            reported.update({interpreter.ID, *(r.name for r in broken)})
            continue
        if down is not None and broken and all(r.interpreter == target for r in broken):
            if interpreter.ID not in reported:  # the target itself does not run: said once
                findings.append(_probe_finding(down, interpreter.ID))
            reported.update({interpreter.ID, *(r.name for r in broken)})
            continue
        if broken:
            findings.extend(_probe_finding(r, check.id) for r in broken if r.name not in reported)
            reported.update(r.name for r in broken)
            continue
        findings.extend(_run_check(check, facts))
    return findings


def _run_check(check: Check, facts: Facts) -> list[Finding]:
    try:
        return list(check.run(facts))
    except Exception as exc:  # a bug in a check must not hide the others
        return [
            Finding(
                check.id,
                Status.CRASHED,
                msg("check.crashed.title", check=check.id),
                msg("check.crashed.detail", error=f"{type(exc).__name__}: {exc}"),
            )
        ]


def _target_down(facts: Facts, target: str) -> ProbeResult | None:
    """The python probe's failure when the target interpreter itself does not run it (it is
    no Python, it hangs, it cannot start): every other probe in it fails the same way."""
    python = facts.probes.get("python")
    if python is None or python.ok or not target or python.interpreter != target:
        return None
    return python


def _probe_finding(result: ProbeResult, check_id: str) -> Finding:
    params = {
        "probe": result.name,
        "interpreter": result.interpreter,
        "timeout": result.timeout,
        "stderr": result.stderr_tail or "(empty)",
        "how": _how(result.returncode),
        "error": result.stderr_tail,
    }
    if result.status == "timeout":
        return Finding(
            check_id,
            Status.TIMEOUT,
            msg("probe.timeout.title", **params),
            msg("probe.timeout.detail", **params),
        )
    if result.status == "missing":
        return Finding(
            check_id,
            Status.FAIL,
            msg("probe.missing.title", **params),
            msg("probe.missing.detail", **params),
        )
    return Finding(
        check_id,
        Status.CRASHED,
        msg("probe.crashed.title", **params),
        msg("probe.crashed.detail", **params),
    )


def _how(code: int | None) -> Msg:
    if code is None:
        return msg("probe.how.none")
    if code < 0:
        import signal

        try:
            return msg("probe.how.signal", signal=signal.Signals(-code).name)
        except ValueError:
            return msg("probe.how.signal", signal=-code)
    return msg("probe.how.exit", code=code)
