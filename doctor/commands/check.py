"""`icefall-doctor [check]`: probe this machine (or re-judge a saved report) and show findings."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from doctor import context, engine, exitcodes, reportmodel
from doctor.checks.registry import AREAS, CHECKS
from doctor.commands.common import add_machine_options, machine_options
from doctor.console import echo, make_console, write_json
from doctor.errors import DoctorError
from doctor.facts import Facts
from doctor.fixer import mirror
from doctor.messages import language, t
from doctor.msgtype import msg
from doctor.recipe import model as recipe_model
from doctor.render import markdown as markdown_report
from doctor.render import report, text
from doctor.render.envelope import READS
from doctor.render.redact import redact_text


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_machine_options(p)
    p.add_argument("-v", "--verbose", action="store_true", help="check.opt.verbose")
    p.add_argument("--strict", action="store_true", help="check.opt.strict")
    p.add_argument("--list", action="store_true", help="check.opt.list")
    p.add_argument("--markdown", action="store_true", help="report.md.help")


def run(ns: argparse.Namespace) -> int:
    return check(
        python=ns.python,
        as_json=ns.json,
        markdown=ns.markdown,
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
    markdown: bool = False,
    strict: bool,
    list_only: bool,
    only: Sequence[str],
    skip: Sequence[str],
    from_report: str | None,
    options: dict[str, Any],
    lang: str,
) -> int:
    if as_json and markdown:
        raise DoctorError(t("report.md.json_markdown", lang), exit_code=exitcodes.USAGE)
    console = make_console()
    checks = engine.select(CHECKS, only, skip)
    if list_only and as_json:
        rows = [
            {
                "id": c.id,
                "area": c.area,
                "probes": list(c.probes),
                "summary_key": c.summary_key,
                "summary": t(c.summary_key, lang),
            }
            for c in checks
        ]
        return write_json("check --list", {"checks": rows}, exitcodes.OK)
    if list_only:
        for c in checks:
            console.print(f"{c.id:<24} {t(c.summary_key, lang)}", highlight=False)
        return exitcodes.OK
    if options.get("recipe"):
        recipe_model.load(options["recipe"])  # an unknown name is a usage error, before probing
    if from_report:
        facts = mirror.with_mirror(load_report(from_report), options.get("mirror"))
    else:
        facts = _probe(python, options, checks)
    findings = engine.judge(facts, checks)
    if as_json:
        data = report.build(facts, findings, strict=strict, lang=lang)
        return write_json("check", data, report.exit_code(findings, strict))
    elif markdown:
        for line in redact_text(markdown_report.render(facts, findings, lang)).splitlines():
            echo(line)
    else:
        text.render(console, facts, findings, areas=AREAS, verbose=verbose, lang=lang)
    return report.exit_code(findings, strict)


def _probe(python: str | None, options: dict[str, Any], checks: Sequence[Any]) -> Facts:
    ctx = context.build(python, {k: v for k, v in options.items() if v})
    return engine.collect(ctx, checks)


MAX_REPORT = 64 << 20  # a report is a few hundred KiB


def _read_report(path: str) -> bytes:
    """The report's bytes: "-" is stdin; a file at most MAX_REPORT bytes is read."""
    if path == "-":
        return sys.stdin.buffer.read(MAX_REPORT + 1)[:MAX_REPORT]
    with open(path, "rb") as fh:
        return fh.read(MAX_REPORT)


def load_report(path: str) -> Facts:
    """The facts of a saved report; a clear error when it is not one."""
    hint = msg("saved.hint")
    try:
        raw = _read_report(path)
    except OSError as exc:
        raise DoctorError(
            msg("saved.unreadable", path=path, error=exc.strerror or exc), hint=hint
        ) from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))  # a byte-order mark, as some editors write
    except (ValueError, RecursionError):  # not UTF-8, not JSON, or nested past any report
        raise DoctorError(msg("saved.not_json", path=path), hint=hint) from None
    if not isinstance(data, dict) or "facts" not in data:
        raise DoctorError(msg("saved.not_report", path=path), hint=hint)
    if data.get("schema") not in READS:
        raise DoctorError(
            msg(
                "saved.schema",
                path=path,
                schema=json.dumps(data.get("schema")),
                reads=", ".join(map(str, READS)),
            ),
            hint=msg("saved.schema.hint"),
        )
    found = list(reportmodel.problems(data["facts"] if isinstance(data["facts"], dict) else {}))
    if not isinstance(data["facts"], dict):
        raise DoctorError(msg("saved.facts_not_object", path=path), hint=hint)
    facts = data["facts"]
    if facts.get("probes") == {} and (facts.get("context") or {}).get("target"):
        # a run with a target always records its probes: judged, this would read as a
        # machine with nothing installed
        raise DoctorError(msg("saved.no_probes", path=path), hint=hint)
    if found:
        more = msg("saved.more", n=len(found) - 1) if len(found) > 1 else ""
        raise DoctorError(
            msg("saved.bad_value", path=path, problem=found[0].msg(), more=more),
            hint=msg("saved.bad_value.hint"),
        )
    try:
        return Facts.from_json(data["facts"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DoctorError(msg("saved.malformed", path=path, error=exc), hint=hint) from None
