"""`icefall-doctor fix`: the commands that resolve the findings; `--apply` runs and re-checks."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from rich.console import Console

from doctor import context, engine, exitcodes, k2wheels
from doctor.checks.base import Check
from doctor.checks.registry import CHECKS
from doctor.commands.check import load_report
from doctor.commands.common import (
    add_machine_options,
    add_yes_option,
    confirmed,
    machine_options,
    mirror_of,
)
from doctor.console import make_console, write_json
from doctor.context import Context
from doctor.errors import DoctorError
from doctor.findings import Finding
from doctor.fixer import apply, plan, show
from doctor.fixer import mirror as mirrors
from doctor.fixer.steps import FIX_FORMAT, Install
from doctor.messages import language, t
from doctor.msgtype import msg
from doctor.render.redact import redact


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_machine_options(p)
    p.add_argument("--apply", action="store_true", help="fix.opt.apply")
    add_yes_option(p)
    p.add_argument("--index-url", metavar="URL", help="fix.opt.index_url")


def run(ns: argparse.Namespace) -> int:
    return fix(
        python=ns.python,
        do_apply=ns.apply,
        yes=ns.yes,
        index_url=ns.index_url,
        mirror=mirror_of(ns),
        from_report=ns.from_report,
        as_json=ns.json,
        options=machine_options(ns),
        checks=engine.select(CHECKS, ns.only, ns.skip),
        lang=language(ns.lang),
    )


def fix(
    *,
    python: str | None,
    do_apply: bool,
    yes: bool,
    index_url: str | None,
    mirror: str | None,
    from_report: str | None,
    as_json: bool,
    options: dict[str, Any],
    checks: Sequence[Check],
    lang: str,
    console: Console | None = None,
) -> int:
    console = console or make_console()
    if index_url and not k2wheels.valid_index_url(index_url):
        raise DoctorError(msg("fixer.plan.bad_index_url", url=index_url))
    if do_apply and from_report:
        raise DoctorError(msg("fixer.apply.from_report"), hint=msg("fixer.apply.from_report.hint"))
    ctx: Context | None = None
    if from_report:
        facts = mirrors.with_mirror(load_report(from_report), mirror)
    else:
        ctx = context.build(python, {k: v for k, v in options.items() if v})
        facts = engine.collect(ctx, checks)
    findings = engine.judge(facts, checks)
    steps = plan.build(findings, facts, index_url=index_url, mirror=mirror)
    if as_json:
        data = {"fix_format": FIX_FORMAT, "steps": [s.to_json() for s in steps]}
        return write_json("fix", redact(data), exitcodes.BLOCKED if steps else exitcodes.OK)
    show.plan(console, steps, lang)
    pip_index = str(facts.env("PIP_INDEX_URL"))
    if any(_on_mirror(s) for s in steps) and not index_url:
        console.print(t("fixer.plan.pypi_cn", lang, url=mirrors.PYPI_CN, alt=mirrors.PYPI_CN_ALT))
    elif steps and pip_index and not index_url:
        console.print(t("fixer.plan.pip_config", lang, index=pip_index), highlight=False)
    if not do_apply or ctx is None or not steps:
        if steps:
            console.print(t("fixer.plan.dry", lang), highlight=False, style="dim")
        return exitcodes.BLOCKED if steps else exitcodes.OK
    return _apply(ctx, checks, findings, steps, console, lang, yes)


def _on_mirror(step: plan.PlanStep) -> bool:
    return isinstance(step.step, Install) and step.step.index_url == mirrors.PYPI_CN


def _apply(
    ctx: Context,
    checks: Sequence[Check],
    findings: Sequence[Finding],
    steps: Sequence[plan.PlanStep],
    console: Console,
    lang: str,
    yes: bool,
) -> int:
    runnable = [s for s in steps if s.runs]
    if not runnable:
        console.print(t("fixer.apply.nothing", lang), highlight=False)
        return exitcodes.BLOCKED if steps else exitcodes.OK
    question = t("fixer.apply.ask", lang, n=len(runnable), python=ctx.target)
    if not yes and not confirmed(console, question):
        console.print(t("fixer.apply.declined", lang), highlight=False)
        return exitcodes.BLOCKED
    results = apply.run_steps(
        steps,
        ctx,
        on_start=lambda n, s: show.step_start(console, n, len(steps), s, lang),
        on_line=lambda line: show.output_line(console, line),
        on_end=lambda r: show.result(console, r, lang),
    )
    ran = {r.number for r in results if r.state != "skipped"}
    touched = {c for n, s in enumerate(steps, 1) if n in ran for c in s.resolves}
    console.print()
    console.print(t("fixer.apply.recheck", lang, checks=", ".join(sorted(touched))), style="dim")
    planned = [f for f in plan.fixable(findings) if f.check in touched]
    verdicts, new = apply.recheck(ctx, checks, planned, findings)
    manual = tuple(s for s in steps if not s.runs)
    report = apply.Report(tuple(results), tuple(verdicts), tuple(new), manual)
    show.verdicts(console, report, lang)
    return exitcodes.OK if report.all_fixed and not manual else exitcodes.BLOCKED
