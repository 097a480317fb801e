"""The payload of `check --json` (the envelope is added where it is written, doctor.console):
findings with their rendered text, and the raw facts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from doctor.facts import Facts
from doctor.findings import Finding, Status
from doctor.fixer.render import fix_lines
from doctor.messages import text
from doctor.render.problems import problems
from doctor.render.redact import redact


def counts(findings: Sequence[Finding]) -> dict[str, int]:
    out = {s.value: 0 for s in Status}
    for f in findings:
        out[f.status.value] += 1
    return out


def exit_code(findings: Sequence[Finding], strict: bool = False) -> int:
    if any(f.status.blocks for f in findings):
        return 1
    if strict and any(f.status is Status.WARN for f in findings):
        return 1
    return 0


def finding_json(f: Finding, lang: str) -> dict[str, Any]:
    data = f.to_json()
    data["title_text"] = text(f.title, lang)
    data["detail_text"] = text(f.detail, lang) if f.detail else None
    if f.fix:
        data["fix"]["why_text"] = text(f.fix.why, lang)
        data["fix"]["commands"] = fix_lines(f.fix, lang)
    return data


def build(facts: Facts, findings: Sequence[Finding], *, strict: bool, lang: str) -> dict[str, Any]:
    found = problems(findings)
    report = {
        "summary": {**counts(findings), "problems": sum(1 for p in found if p.blocks)},
        "problems": [{**p.to_json(), "title_text": text(p.face.title, lang)} for p in found],
        "findings": [finding_json(f, lang) for f in findings],
        "facts": facts.to_json(),
    }
    return dict(redact(report))
