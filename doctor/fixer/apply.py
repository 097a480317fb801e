"""Run a plan's steps with the target interpreter, stop at the first failure, re-check.

Every command goes through ``doctor.shell.run_command``; its tail is kept for the failure
report.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from doctor import engine
from doctor.checks.base import Check
from doctor.context import Context
from doctor.datafiles import read_toml
from doctor.findings import Finding, Msg, Status, msg
from doctor.fixer.plan import PlanStep
from doctor.shell import Outcome, run_command


@dataclass(frozen=True)
class Verdict:
    """A finding from before the fix, and whether the re-check still shows it."""

    finding: Finding
    fixed: bool


@dataclass(frozen=True)
class Report:
    failed: Outcome | None
    verdicts: tuple[Verdict, ...] = ()
    new: tuple[Finding, ...] = ()  # problems the re-check found that were not there before
    manual: tuple[PlanStep, ...] = ()

    @property
    def all_fixed(self) -> bool:
        return self.failed is None and not self.new and all(v.fixed for v in self.verdicts)


def step_env(ctx: Context, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of every step: the target's bin folder first on PATH, no prompts."""
    env = dict(os.environ if base is None else base)
    if ctx.target:
        bin_dir = os.path.dirname(ctx.target)
        env["PATH"] = os.pathsep.join(filter(None, [bin_dir, env.get("PATH", "")]))
    env["PIP_NO_INPUT"] = "1"
    return env


def run_steps(
    steps: Sequence[PlanStep],
    ctx: Context,
    *,
    on_start: Callable[[int, PlanStep], None],
    on_line: Callable[[str], None],
) -> tuple[list[Outcome], Outcome | None]:
    """Run the steps that ``runs`` in order; stop at the first failure."""
    env = step_env(ctx)
    done: list[Outcome] = []
    for n, step in enumerate(steps, 1):
        if not step.runs:
            continue
        on_start(n, step)
        outcome = run_command(step.command, env=env, cwd=ctx.cwd, on_line=on_line)
        done.append(outcome)
        if not outcome.ok:
            return done, outcome
    return done, None


def recheck(
    ctx: Context, checks: Iterable[Check], planned: Sequence[Finding], earlier: Sequence[Finding]
) -> tuple[list[Verdict], list[Finding]]:
    """Re-run the checks of the planned findings: each is fixed or still there. A problem
    none of the ``earlier`` findings showed is new (one the commands may have caused)."""
    touched = {f.check for f in planned}
    selected = [c for c in checks if c.id in touched]
    after = engine.judge(engine.collect(ctx, selected), selected)
    bad = [f for f in after if f.status not in (Status.OK, Status.SKIP)]
    verdicts = [Verdict(f, not any(_same(f, a) for a in bad)) for f in planned]
    new = [a for a in bad if not any(_same(f, a) for f in earlier)]
    return verdicts, new


def _same(a: Finding, b: Finding) -> bool:
    return a.check == b.check and a.title == b.title


@dataclass(frozen=True)
class Rule:
    id: str
    message: str
    mirror: bool
    patterns: tuple[re.Pattern[str], ...]


@cache
def rules() -> tuple[Rule, ...]:
    data = read_toml("doctor.fixer", "failures.toml")
    return tuple(
        Rule(
            r["id"],
            r["message"],
            bool(r.get("mirror")),
            tuple(re.compile(p, re.IGNORECASE) for p in r["patterns"]),
        )
        for r in data["rule"]
    )


def meaning(outcome: Outcome) -> tuple[Msg, bool]:
    """What a failed command's output means, and whether to suggest a mirror."""
    for rule in rules():
        for pattern in rule.patterns:
            found = pattern.search(outcome.tail)
            if found:
                what = found.groupdict().get("what") or ""
                return msg(rule.message, what=what, code=outcome.returncode), rule.mirror
    return msg("fixer.failure.other", code=outcome.returncode), False
