"""Rendering of plans, running steps, failures and re-check verdicts (rich console)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape

from doctor.findings import Msg
from doctor.fixer.apply import Report, meaning
from doctor.fixer.plan import PlanStep
from doctor.messages import t, text
from doctor.render.redact import redact_text
from doctor.shell import Outcome


def _say(console: Console, line: str, style: str = "") -> None:
    body = escape(redact_text(line))
    console.print(f"[{style}]{body}[/]" if style else body, highlight=False, soft_wrap=True)


def plan(console: Console, steps: Sequence[PlanStep], lang: str) -> None:
    if not steps:
        _say(console, t("fixer.plan.none", lang), "green")
        return
    _say(console, t("fixer.plan.header", lang, n=len(steps)), "bold")
    for n, step in enumerate(steps, 1):
        yours = "" if step.runs else "  " + t("fixer.plan.yours", lang)
        _say(console, f"{n:>2}. {step.command}", "cyan")
        checks = ", ".join(step.resolves)
        _say(console, f"    {t('fixer.plan.resolves', lang, checks=checks)}{yours}", "dim")


def step_start(console: Console, n: int, total: int, step: PlanStep, lang: str) -> None:
    console.print()
    _say(console, t("fixer.apply.step", lang, n=n, total=total, command=step.command), "bold")


def output_line(console: Console, line: str) -> None:
    _say(console, f"    {line}", "dim")


def failure(console: Console, n: int, outcome: Outcome, lang: str) -> None:
    console.print()
    params = {"n": n, "code": outcome.returncode, "command": outcome.command}
    _say(console, t("fixer.apply.failed", lang, **params), "bold red")
    _say(console, t("fixer.apply.tail", lang))
    for line in outcome.tail.splitlines():
        _say(console, f"    {line}")
    what, mirror = meaning(outcome)
    _say(console, text(what, lang), "red")
    if mirror:
        _say(console, t("fixer.apply.mirror", lang), "yellow")
    _say(console, t("fixer.apply.stopped", lang))


def verdicts(console: Console, report: Report, lang: str) -> None:
    console.print()
    for v in report.verdicts:
        key = "fixer.apply.fixed" if v.fixed else "fixer.apply.still"
        _line(console, key, v.finding.title, lang, "green" if v.fixed else "red")
    for f in report.new:
        _line(console, "fixer.apply.new", f.title, lang, "red")
    for step in report.manual:
        _say(console, t("fixer.apply.manual", lang, command=step.command), "yellow")
    if any(s.kind == "export" for s in report.manual):
        _say(console, t("fixer.apply.env_hint", lang), "yellow")
    console.print()
    if report.all_fixed:
        _say(console, t("fixer.apply.all_fixed", lang), "bold green")
    else:
        _say(console, t("fixer.apply.not_all_fixed", lang), "bold red")


def _line(console: Console, key: str, title: Msg, lang: str, style: str) -> None:
    _say(console, "  " + t(key, lang, title=text(title, lang)), style)
