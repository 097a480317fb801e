"""Which interpreter the recipes will use, and whether it is the doctor's own."""

from __future__ import annotations

import os
from collections.abc import Iterator

from doctor.facts import Facts
from doctor.findings import Finding, Fix, Status, msg
from doctor.fixer import installer
from doctor.fixer.steps import Manual, Run


def check_target(facts: Facts) -> Iterator[Finding]:
    ctx = facts.context
    target = str(ctx.get("target") or "")
    if not target:
        yield Finding(
            "python.target",
            Status.FAIL,
            msg("target.none.title"),
            msg("target.none.detail"),
            Fix((Manual(msg("fixer.manual.activate_env")),), msg("target.none.why")),
        )
        return
    py = facts.get("python")
    kind = py.get("env_kind", "system")
    yield Finding(
        "python.target",
        Status.OK,
        msg(
            f"target.{kind}.title",
            interpreter=target,
            name=py.get("env_name") or os.path.basename(str(py.get("prefix") or "")) or "?",
        ),
        facts={"executable": py.get("executable"), "prefix": py.get("prefix")},
    )
    yield from _installer(facts, target)
    doctor_py = str(ctx.get("doctor_python") or "")
    same_env = _same_prefix(py.get("prefix", ""), ctx.get("doctor_prefix", ""))
    if doctor_py and not same_env and _real(doctor_py) != _real(target):
        yield Finding(
            "python.target",
            Status.WARN,
            msg("target.differs.title", doctor=doctor_py, target=target),
            msg("target.differs.detail", target=target),
        )


def _installer(facts: Facts, target: str) -> Iterator[Finding]:
    """pip works, or uv stands in for it (a uv-made venv), or there is no working installer:
    then every install step of a plan would fail, so say it here, with ensurepip first."""
    inst = installer.facts_of(facts)
    state = str(inst.get("pip") or "ok")
    if state == "ok":
        return
    params = {"python": target, "uv": inst.get("uv") or "", "error": inst.get("pip_error") or "-"}
    if installer.of(facts).tool == "uv":
        yield Finding("python.target", Status.OK, msg("fixer.installer.uv.title", **params))
        return
    py = facts.python_cmd()
    steps: tuple[Run | Manual, ...] = (
        Run((py, "-m", "ensurepip", "--upgrade"), auto=True, kind="installer"),
    )
    if state == "broken":
        steps += (Manual(msg("fixer.manual.broken_pip", **params)),)
    yield Finding(
        "python.target",
        Status.FAIL,
        msg(f"fixer.installer.{state}.title", **params),
        msg(f"fixer.installer.{state}.detail", **params),
        Fix(steps, msg("fixer.installer.why", **params)),
        facts={"installer": inst},
    )


def _same_prefix(a: object, b: object) -> bool:
    return bool(a) and bool(b) and _real(str(a)) == _real(str(b))


def _real(path: str) -> str:
    return os.path.realpath(path)
