"""Rendering of plans, running steps, failures, skips and re-check verdicts (rich console)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape

from doctor.findings import Msg
from doctor.fixer.apply import Report, StepResult, meaning
from doctor.fixer.plan import PlanStep
from doctor.fixer.steps import Choice
from doctor.messages import t, text
from doctor.render.redact import redact_text


def _say(console: Console, line: str, style: str = "") -> None:
    body = escape(redact_text(line))
    console.print(f"[{style}]{body}[/]" if style else body, highlight=False, soft_wrap=True)


def plan(console: Console, steps: Sequence[PlanStep], lang: str) -> None:
    if not steps:
        _say(console, t("fixer.plan.none", lang), "green")
        return
    _say(console, t("fixer.plan.header", lang, n=len(steps)), "bold")
    for n, step in enumerate(steps, 1):
        first, *rest = step.lines(lang)
        _say(console, f"{n:>2}. {first}", "cyan")
        for line in rest:
            _say(console, f"    {line}", "cyan")
        yours = "" if step.runs else "  " + t("fixer.plan.yours", lang)
        checks = ", ".join(step.resolves)
        _say(console, f"    {t('fixer.plan.resolves', lang, checks=checks)}{yours}", "dim")
        if step.needs and step.runs:
            needs = ", ".join(str(d) for d in step.needs)
            _say(console, "    " + t("fixer.plan.needs", lang, steps=needs), "dim")
        for note in step.notes:
            _say(console, "    " + text(note, lang), "yellow")


def step_start(console: Console, n: int, total: int, step: PlanStep, lang: str) -> None:
    console.print()
    if isinstance(step.step, Choice):
        chosen = text(step.step.preferred.reason, lang)
        _say(console, t("fixer.apply.chose", lang, n=n, total=total, choice=chosen), "bold")
        for line in step.lines(lang)[2:]:
            if not line.startswith("      "):
                break
            _say(console, f"    {line.strip()}", "bold")
        return
    _say(console, t("fixer.apply.step", lang, n=n, total=total, command=step.command), "bold")


def output_line(console: Console, line: str) -> None:
    _say(console, f"    {line}", "dim")


def result(console: Console, r: StepResult, lang: str) -> None:
    if r.state == "skipped":
        console.print()
        needs = ", ".join(str(d) for d in r.blocked_by)
        _say(console, t("fixer.apply.skipped", lang, n=r.number, steps=needs), "yellow")
        _say(console, f"    {r.step.command}", "dim")
    elif r.state == "failed" and r.outcome is not None:
        failure(console, r, lang)


def failure(console: Console, r: StepResult, lang: str) -> None:
    outcome = r.outcome
    assert outcome is not None
    console.print()
    params = {"n": r.number, "code": outcome.returncode, "command": outcome.command}
    _say(console, t("fixer.apply.failed", lang, **params), "bold red")
    _say(console, t("fixer.apply.tail", lang))
    for line in outcome.tail.splitlines():
        _say(console, f"    {line}")
    what, mirror = meaning(outcome)
    _say(console, text(what, lang), "red")
    own = r.step.own_index
    if own:  # --index-url and --mirror cn do not change this step: say what does
        _say(console, t("fixer.plan.no_mirror", lang, url=own), "yellow")
    elif mirror:
        _say(console, t("fixer.apply.mirror", lang), "yellow")


def verdicts(console: Console, report: Report, lang: str) -> None:
    console.print()
    for r in report.results:
        key = {"ok": "fixer.apply.done", "failed": "fixer.apply.step_failed"}.get(
            r.state, "fixer.apply.step_skipped"
        )
        style = {"ok": "green", "failed": "red"}.get(r.state, "yellow")
        _say(console, "  " + t(key, lang, n=r.number, command=r.step.lines(lang)[0]), style)
    for v in report.verdicts:
        key = "fixer.apply.fixed" if v.fixed else "fixer.apply.still"
        _line(console, key, v.finding.title, lang, "green" if v.fixed else "red")
    for f in report.new:
        _line(console, "fixer.apply.new", f.title, lang, "red")
    for step in report.manual:
        for line in step.lines(lang):
            _say(console, t("fixer.apply.manual", lang, command=line), "yellow")
    if any(s.kind == "export" for s in report.manual):
        _say(console, t("fixer.apply.env_hint", lang), "yellow")
    console.print()
    if report.all_fixed:
        _say(console, t("fixer.apply.all_fixed", lang), "bold green")
    else:
        _say(console, t("fixer.apply.not_all_fixed", lang), "bold red")


def _line(console: Console, key: str, title: Msg, lang: str, style: str) -> None:
    _say(console, "  " + t(key, lang, title=text(title, lang)), style)
