"""Run a plan's automatic steps with the target interpreter, as argv lists (never a shell),
in dependency order: a step whose needed step failed or was skipped is skipped with that
reason; independent steps still run. Then re-check.

Every command goes through ``doctor.shell.run_argv``; its tail is kept for the failure report.
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
from doctor.fixer import render
from doctor.fixer.plan import PlanStep
from doctor.fixer.steps import Action, Choice, Install, Manual, Run, SetEnv, Uninstall
from doctor.shell import Outcome, run_argv


@dataclass(frozen=True)
class Verdict:
    """A finding from before the fix, and whether the re-check still shows it."""

    finding: Finding
    fixed: bool


@dataclass(frozen=True)
class StepResult:
    """How one automatic step of the plan went: "ok", "failed" or "skipped"."""

    number: int
    step: PlanStep
    state: str
    outcome: Outcome | None = None
    blocked_by: tuple[int, ...] = ()  # for "skipped": the failed or skipped steps it needs


@dataclass(frozen=True)
class Report:
    results: tuple[StepResult, ...]
    verdicts: tuple[Verdict, ...] = ()
    new: tuple[Finding, ...] = ()  # problems the re-check found that were not there before
    manual: tuple[PlanStep, ...] = ()

    @property
    def failed(self) -> tuple[StepResult, ...]:
        return tuple(r for r in self.results if r.state != "ok")

    @property
    def all_fixed(self) -> bool:
        return not self.failed and not self.new and all(v.fixed for v in self.verdicts)


def step_env(ctx: Context, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of every step: the target's bin folder first on PATH, no prompts."""
    env = dict(os.environ if base is None else base)
    if ctx.target:
        bin_dir = os.path.dirname(ctx.target)
        env["PATH"] = os.pathsep.join(filter(None, [bin_dir, env.get("PATH", "")]))
    env["PIP_NO_INPUT"] = "1"
    return env


def with_exports(env: Mapping[str, str], steps: Iterable[object]) -> dict[str, str]:
    """The plan's exports applied to the steps' own environment (prepare.sh needs icefall on
    PYTHONPATH): the user's shell still gets them only from the printed lines or env-script."""
    out = dict(env)
    for step in steps:
        if isinstance(step, SetEnv):
            value = render.expand(step.value)
            old = out.get(step.name, "")
            out[step.name] = f"{value}{os.pathsep}{old}" if step.prepend and old else value
    return out


def run_steps(
    steps: Sequence[PlanStep],
    ctx: Context,
    *,
    on_start: Callable[[int, PlanStep], None],
    on_line: Callable[[str], None],
    on_end: Callable[[StepResult], None] = lambda r: None,
) -> list[StepResult]:
    """Run every step that ``runs``, in order; skip those whose needed steps did not succeed."""
    env = with_exports(step_env(ctx), [s.step for s in steps])
    results: dict[int, StepResult] = {}
    for n, step in enumerate(steps, 1):
        if not step.runs:
            continue
        blocked = tuple(d for d in step.needs if d in results and results[d].state != "ok")
        if blocked:
            result = StepResult(n, step, "skipped", blocked_by=blocked)
        else:
            on_start(n, step)
            outcome = run_step(step, env, ctx.cwd, on_line)
            result = StepResult(n, step, "ok" if outcome.ok else "failed", outcome)
        results[n] = result
        on_end(result)
    return list(results.values())


def run_step(
    step: PlanStep, env: Mapping[str, str], cwd: str | None, on_line: Callable[[str], None]
) -> Outcome:
    """One plan step: a command, or the preferred alternative of a choice (its commands in
    order, up to the first that fails)."""
    actions = step.step.preferred.steps if isinstance(step.step, Choice) else (step.step,)
    outcome = Outcome("", 0, "")
    for action in actions:
        outcome = _run_action(action, env, cwd, on_line)
        if not outcome.ok:
            break
    return outcome


def _run_action(
    action: Action, env: Mapping[str, str], cwd: str | None, on_line: Callable[[str], None]
) -> Outcome:
    assert not isinstance(action, (SetEnv, Manual)), "exports and manual steps are the user's"
    assert isinstance(action, (Install, Uninstall, Run))
    full_env = dict(env)
    where = cwd
    if isinstance(action, Run):
        full_env.update(render.env(action))
        where = render.cwd(action) or cwd
    label = render.line(action)
    return run_argv(render.argv(action), env=full_env, cwd=where, on_line=on_line, label=label)


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
