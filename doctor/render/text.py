"""Rich text rendering of findings: one group per area, ✓ / ! / ✗ lines, fixes as commands."""

from __future__ import annotations

import json
from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape

from doctor.facts import Facts
from doctor.findings import Finding, Status
from doctor.messages import t, text
from doctor.render.redact import redact, redact_text
from doctor.render.report import counts

ICON = {
    Status.OK: "[green]✓[/]",
    Status.WARN: "[yellow]![/]",
    Status.FAIL: "[red]✗[/]",
    Status.SKIP: "[dim]-[/]",
    Status.CRASHED: "[red]✗[/]",
    Status.TIMEOUT: "[red]✗[/]",
}


def render(
    console: Console,
    facts: Facts,
    findings: Sequence[Finding],
    *,
    areas: Sequence[str],
    verbose: bool,
    lang: str,
) -> None:
    for area in _ordered_areas(findings, areas):
        console.print(f"[bold]{escape(area)}[/]")
        for f in (f for f in findings if f.check.split(".")[0] == area):
            finding(console, f, verbose, lang)
    _summary(console, findings, lang)
    if verbose:
        _facts(console, facts)
    else:
        console.print(f"[dim]{escape(t('render.more', lang))}[/]")


def _ordered_areas(findings: Sequence[Finding], areas: Sequence[str]) -> list[str]:
    present = {f.check.split(".")[0] for f in findings}
    return [a for a in areas if a in present] + sorted(present - set(areas))


def finding(console: Console, f: Finding, verbose: bool, lang: str) -> None:
    title = redact_text(text(f.title, lang))
    blocks = (
        f" [dim](blocks {escape(f.blocks_step)})[/]" if f.blocks_step and f.status.blocks else ""
    )
    console.print(f"  {ICON[f.status]} {escape(title)}{blocks}", highlight=False, soft_wrap=True)
    show_detail = f.status is not Status.OK or verbose
    if f.detail and show_detail:
        for line in redact_text(text(f.detail, lang)).splitlines():
            console.print(f"      {escape(line)}", highlight=False, soft_wrap=True)
    if f.fix and f.status is not Status.OK:
        console.print(
            f"      [bold]{escape(t('render.fix', lang))}:[/] "
            f"{escape(redact_text(text(f.fix.why, lang)))}",
            highlight=False,
            soft_wrap=True,
        )
        for cmd in f.fix.commands:
            console.print(
                f"        [cyan]{escape(redact_text(cmd))}[/]", highlight=False, soft_wrap=True
            )
    if verbose and f.facts:
        console.print(
            f"      [dim]{escape(json.dumps(redact(dict(f.facts)), default=str))}[/]",
            highlight=False,
            soft_wrap=True,
        )


def _summary(console: Console, findings: Sequence[Finding], lang: str) -> None:
    c = counts(findings)
    blocked = c["fail"] + c["crashed"] + c["timeout"]
    console.print()
    if blocked:
        console.print(f"[bold red]{escape(t('summary.blocked', lang, n=blocked))}[/]")
    else:
        console.print(f"[bold green]{escape(t('summary.ok', lang))}[/]")
    if c["warn"]:
        console.print(f"[yellow]{escape(t('summary.warn', lang, n=c['warn']))}[/]")


def _facts(console: Console, facts: Facts) -> None:
    console.print()
    console.print("[bold]probes[/]")
    for name, result in sorted(facts.probes.items()):
        console.print(
            f"  {escape(name)}: {result.status} in {result.seconds:.2f} s", highlight=False
        )
        data = json.dumps(redact(result.data), indent=2, default=str, sort_keys=True)
        for line in data.splitlines():
            console.print(f"    [dim]{escape(line)}[/]", highlight=False, soft_wrap=True)
