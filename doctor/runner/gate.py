"""The gate: the checks that matter for the steps asked for; blocking findings stop the run."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from doctor import engine
from doctor.checks.base import Check
from doctor.context import Context
from doctor.facts import Facts
from doctor.findings import Finding
from doctor.recipe.resources import nccl_state

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


@dataclass(frozen=True)
class WorldSizeProblem:
    """train.py would get --world-size ``asked`` > 1, and this machine cannot start that many
    DDP workers: too few usable GPUs, or a torch without NCCL (``nccl`` is None: not known)."""

    asked: int
    usable: int
    nccl: bool | None
    torch_version: str

    def messages(self) -> list[tuple[str, dict[str, Any]]]:
        """(message key, params) for each reason, the fix included."""
        out: list[tuple[str, dict[str, Any]]] = []
        if self.usable < self.asked:
            fit = 1 if self.nccl is False else max(self.usable, 1)
            params = {"asked": self.asked, "usable": self.usable, "fit": fit}
            out.append(("runner.world_size", params))
        if self.nccl is False:
            out.append(
                ("runner.world_size.no_nccl", {"asked": self.asked, "version": self.torch_version})
            )
        return out


def asked_world_size(argv: Sequence[str]) -> int:
    """The last --world-size N (or --world-size=N) in train.py's argv; 1 when none."""
    items = list(argv)
    asked = 1
    for i, token in enumerate(items):
        value = items[i + 1] if token == "--world-size" and i + 1 < len(items) else ""
        if token.startswith("--world-size="):
            value = token.partition("=")[2]
        if value.isdigit():
            asked = int(value)
    return asked


def world_size_problem(argv: Sequence[str], facts: Facts) -> WorldSizeProblem | None:
    """A WorldSizeProblem when train.py would get --world-size N > 1 that cannot run here.

    icefall spawns one process per GPU itself (mp.spawn) and joins them over NCCL; it cannot
    share one GPU, and without NCCL in torch the workers never start.
    """
    asked = asked_world_size(argv)
    if asked <= 1:
        return None
    torch = facts.get("torch")
    problem = WorldSizeProblem(
        asked, usable_gpus(facts), nccl_state(torch), str(torch.get("version") or "?")
    )
    return problem if problem.messages() else None
