"""Which interpreter the recipes will use, and whether it is the doctor's own."""

from __future__ import annotations

import os
from collections.abc import Iterator

from doctor.facts import Facts
from doctor.findings import Finding, Fix, Status, msg


def check_target(facts: Facts) -> Iterator[Finding]:
    ctx = facts.context
    target = str(ctx.get("target") or "")
    if not target:
        yield Finding(
            "python.target",
            Status.FAIL,
            msg("target.none.title"),
            msg("target.none.detail"),
            Fix(
                ("conda activate <env>   # or: source <venv>/bin/activate",), msg("target.none.why")
            ),
        )
        return
    py = facts.get("python")
    kind = py.get("env_kind", "system")
    yield Finding(
        "python.target",
        Status.OK,
        msg(f"target.{kind}.title", interpreter=target, name=py.get("env_name", "")),
        facts={"executable": py.get("executable"), "prefix": py.get("prefix")},
    )
    doctor_py = str(ctx.get("doctor_python") or "")
    same_env = _same_prefix(py.get("prefix", ""), ctx.get("doctor_prefix", ""))
    if doctor_py and not same_env and _real(doctor_py) != _real(target):
        yield Finding(
            "python.target",
            Status.WARN,
            msg("target.differs.title", doctor=doctor_py, target=target),
            msg("target.differs.detail", target=target),
        )


def _same_prefix(a: object, b: object) -> bool:
    return bool(a) and bool(b) and _real(str(a)) == _real(str(b))


def _real(path: str) -> str:
    return os.path.realpath(path)
