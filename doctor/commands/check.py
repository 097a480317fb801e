"""`icefall-doctor [check]`: probe this machine (or re-judge a saved report) and show findings."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from doctor import context, engine, exitcodes, reportmodel
from doctor.checks.registry import AREAS, CHECKS
from doctor.commands.common import add_machine_options, machine_options
from doctor.console import make_console, write_json
from doctor.errors import DoctorError
from doctor.facts import SCHEMA, Facts
from doctor.fixer import mirror
from doctor.messages import language
from doctor.recipe import model as recipe_model
from doctor.render import report, text


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_machine_options(p)
    p.add_argument("-v", "--verbose", action="store_true", help="every fact and each probe's time")
    p.add_argument("--strict", action="store_true", help="warnings also give exit code 1")
    p.add_argument("--list", action="store_true", help="list the checks and exit")


def run(ns: argparse.Namespace) -> int:
    return check(
        python=ns.python,
        as_json=ns.json,
        verbose=ns.verbose,
        strict=ns.strict,
        list_only=ns.list,
        only=ns.only,
        skip=ns.skip,
        from_report=ns.from_report,
        options=machine_options(ns),
        lang=language(ns.lang),
    )


def check(
    *,
    python: str | None,
    as_json: bool,
    verbose: bool,
    strict: bool,
    list_only: bool,
    only: Sequence[str],
    skip: Sequence[str],
    from_report: str | None,
    options: dict[str, Any],
    lang: str,
) -> int:
    console = make_console()
    checks = engine.select(CHECKS, only, skip)
    if list_only:
        for c in checks:
            console.print(f"{c.id:<24} {c.summary}", highlight=False)
        return exitcodes.OK
    if options.get("recipe") and not from_report:
        recipe_model.load(options["recipe"])  # an unknown name is a usage error, before probing
    if from_report:
        facts = mirror.with_mirror(load_report(from_report), options.get("mirror"))
    else:
        facts = _probe(python, options, checks)
    findings = engine.judge(facts, checks)
    if as_json:
        data = report.build(facts, findings, strict=strict, lang=lang)
        write_json(data)
    else:
        text.render(console, facts, findings, areas=AREAS, verbose=verbose, lang=lang)
    return report.exit_code(findings, strict)


def _probe(python: str | None, options: dict[str, Any], checks: Sequence[Any]) -> Facts:
    ctx = context.build(python, {k: v for k, v in options.items() if v})
    return engine.collect(ctx, checks)


def load_report(path: str) -> Facts:
    """The facts of a saved report; a clear error when it is not one."""
    hint = "give a file written by: icefall-doctor --json > report.json"
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise DoctorError(f"cannot read {path}: {exc.strerror or exc}", hint=hint) from None
    try:
        data = json.loads(raw)
    except ValueError:
        raise DoctorError(f"{path} is not JSON", hint=hint) from None
    if not isinstance(data, dict) or "facts" not in data:
        raise DoctorError(f"{path} is not an icefall-doctor report", hint=hint)
    if data.get("schema") != SCHEMA:
        raise DoctorError(
            f"{path} has report schema {data.get('schema')}, this icefall-doctor reads {SCHEMA}",
            hint="upgrade icefall-doctor, or re-run the report with this version",
        )
    found = list(reportmodel.problems(data["facts"] if isinstance(data["facts"], dict) else {}))
    if not isinstance(data["facts"], dict):
        raise DoctorError(f"{path}: facts is not an object", hint=hint)
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise DoctorError(
            f"{path}: {found[0]}{more}",
            hint="fix the value in the report, or write a new one with: icefall-doctor --json",
        )
    try:
        return Facts.from_json(data["facts"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DoctorError(f"{path}: malformed facts ({exc})", hint=hint) from None
