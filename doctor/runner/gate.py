"""The gate: the checks that matter for the steps asked for; blocking findings stop the run."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from doctor import engine
from doctor.checks.base import Check
from doctor.context import Context
from doctor.facts import Facts
from doctor.findings import Finding

# Which check areas each step depends on.
AREAS_FOR_STEP: dict[str, tuple[str, ...]] = {
    "prepare": ("system", "python", "k2", "lhotse", "icefall", "recipe"),
    "train": ("system", "python", "nvidia", "cuda", "torch", "k2", "lhotse", "icefall", "recipe"),
    "export": ("python", "torch", "k2", "icefall", "recipe"),
}
_STAGE = re.compile(r"prepare stage (-?\d+)")


@dataclass(frozen=True)
class GateResult:
    facts: Facts
    findings: tuple[Finding, ...]

    def blocking(self, steps: Sequence[str], stages: tuple[int, int] | None) -> list[Finding]:
        return [f for f in self.findings if blocks(f, steps, stages)]


def relevant_checks(checks: Sequence[Check], steps: Sequence[str]) -> list[Check]:
    areas = {a for s in steps for a in AREAS_FOR_STEP.get(s, ())}
    return [c for c in checks if c.area in areas]


def blocks(f: Finding, steps: Sequence[str], stages: tuple[int, int] | None) -> bool:
    """A blocking status whose blocks_step is one of the steps (and stages) that will run."""
    if not f.status.blocks:
        return False
    where = f.blocks_step.strip()
    if not where:
        return True
    step = where.split()[0]
    if step not in steps:
        return False
    m = _STAGE.match(where)
    if m and stages is not None:
        return stages[0] <= int(m.group(1)) <= stages[1]
    return True


def run_gate(
    ctx: Context,
    checks: Sequence[Check],
    steps: Sequence[str],
) -> GateResult:
    selected = relevant_checks(checks, steps)
    facts = engine.collect(ctx, selected)
    return GateResult(facts, tuple(engine.judge(facts, selected)))


def usable_gpus(facts: Facts) -> int:
    gpus = facts.get("nvidia").get("gpus") or []
    return sum(1 for g in gpus if isinstance(g, dict))


def world_size_problem(argv: Sequence[str], facts: Facts) -> tuple[int, int] | None:
    """(asked, usable) when train.py would get --world-size N > 1 with fewer usable GPUs.

    icefall spawns one process per GPU itself (mp.spawn, NCCL); it cannot share one.
    """
    items = list(argv)
    asked = 1
    for i, token in enumerate(items[:-1]):
        if token == "--world-size" and items[i + 1].isdigit():
            asked = int(items[i + 1])
    usable = usable_gpus(facts)
    return (asked, usable) if asked > 1 and usable < asked else None
