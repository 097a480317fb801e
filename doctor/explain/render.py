"""Rendering diagnoses: rich text for people, versioned JSON for tools."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape

from doctor.explain.model import Diagnosis
from doctor.messages import label, t, text
from doctor.render.redact import redact, redact_text
from doctor.render.wrap import styled_label


def render_text(console: Console, diagnoses: Sequence[Diagnosis], lang: str) -> None:
    for i, d in enumerate(diagnoses):
        if i == 1:
            console.print(f"\n[dim]{escape(t('explain.also', lang))}[/]")
        _one(console, d, lang, lead=i == 0)


def _one(console: Console, d: Diagnosis, lang: str, lead: bool) -> None:
    mark = "[red]✗[/]" if d.recognised else "[yellow]?[/]"
    summary = escape(redact_text(text(d.summary, lang)))
    console.print(f"{mark} [bold]{summary}[/]  [dim]({d.category})[/]", soft_wrap=True)
    if not lead:
        return
    if "stage" in d.params:
        console.print(f"  {escape(t('explain.stage', lang, stage=d.params['stage']))}")
    why = escape(redact_text(text(d.why, lang)))
    console.print(f"  {styled_label(label('explain.why', lang), 'bold')}{why}", soft_wrap=True)
    if d.fix:
        console.print(f"  [bold]{escape(label('explain.fix', lang).rstrip())}[/]")
        for cmd in d.fix:
            console.print(f"    [cyan]{escape(redact_text(cmd))}[/]", soft_wrap=True)
    for note in d.notes:
        note_text = escape(redact_text(text(note, lang)))
        console.print(
            f"  {styled_label(label('explain.note', lang), 'yellow')}{note_text}", soft_wrap=True
        )
    if d.evidence:
        evidence = t("render.label", lang, label=t("explain.evidence", lang, line=d.line))
        evidence = evidence.rstrip()
        console.print(f"  [dim]{escape(evidence)}[/]")
        for line in d.evidence:
            console.print(f"    [dim]{escape(redact_text(line))}[/]", soft_wrap=True)


def to_json(diagnoses: Sequence[Diagnosis], lang: str, source: str) -> dict[str, Any]:
    items = []
    for d in diagnoses:
        data = d.to_json()
        data["summary_text"] = text(d.summary, lang)
        data["why_text"] = text(d.why, lang)
        data["notes_text"] = [text(n, lang) for n in d.notes]
        items.append(data)
    report = {
        "source": source,
        "recognised": any(d.recognised for d in diagnoses),
        "diagnoses": items,
    }
    return dict(redact(report))
