"""Rich text rendering of findings: one group per area, ✓ / ! / ✗ lines, fixes as commands."""

from __future__ import annotations

import json
from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from doctor.facts import Facts
from doctor.findings import Finding, Status
from doctor.fixer.render import fix_lines
from doctor.messages import label, t, text
from doctor.render.problems import Problem, deferred_to_plan, problems
from doctor.render.redact import redact, redact_text, sanitize
from doctor.render.wrap import styled_label, wrap

ASCII_ICON = {
    Status.OK: "[green]+[/]",
    Status.WARN: "[yellow]![/]",
    Status.FAIL: "[red]x[/]",
    Status.SKIP: "[dim]-[/]",
    Status.CRASHED: "[red]x[/]",
    Status.TIMEOUT: "[red]x[/]",
}
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
    found = problems(findings)
    merged = {id(f) for p in found for f in p.others}
    faces = {id(p.face): p for p in found}
    deferred = deferred_to_plan(findings)
    for area in _ordered_areas(findings, areas):
        shown = [f for f in findings if f.check.split(".")[0] == area and id(f) not in merged]
        if not shown:
            continue
        console.print(f"[bold]{escape(t(f'area.{area}', lang))}[/]")
        for f in shown:
            finding(console, f, verbose, lang, faces.get(id(f)), id(f) in deferred)
    _summary(console, found, lang)
    if verbose:
        _facts(console, facts)
    else:
        _para(console, f"[dim]{escape(t('render.more', lang))}[/]", 0)


def icons(console: Console) -> dict[Status, str]:
    """✓ ! ✗ where the output encoding can show them, else + ! x."""
    encoding = (console.encoding or "").lower().replace("-", "")
    return ICON if encoding.startswith("utf") else ASCII_ICON


MAX_PLACES = 2  # places shown per check under a merged problem


def _para(console: Console, markup: str, indent: int, first: str | None = None) -> None:
    """A paragraph wrapped to the terminal (cell widths, so Chinese counts double) with a
    hanging indent: every line starts at ``indent``; the first after ``first`` when given."""
    body = Text.from_markup(markup)
    width = max(20, console.width - indent)
    lines = wrap(body, width) if console.width else [body]
    for n, line in enumerate(lines):
        lead = first if n == 0 and first is not None else " " * indent
        console.print(Text.from_markup(lead) + line, soft_wrap=True)


def _ordered_areas(findings: Sequence[Finding], areas: Sequence[str]) -> list[str]:
    present = {f.check.split(".")[0] for f in findings}
    return [a for a in areas if a in present] + sorted(present - set(areas))


def finding(
    console: Console,
    f: Finding,
    verbose: bool,
    lang: str,
    problem: Problem | None = None,
    deferred: bool = False,
) -> None:
    _title(console, f, lang, problem)
    show_detail = f.status is not Status.OK or verbose
    if f.detail and show_detail:
        for line in _shown(text(f.detail, lang)).splitlines():
            _para(console, escape(line), 6)
    if problem is not None and problem.others:
        also = _seen_by_all(problem.others, lang)
        _para(console, f"[dim]{escape(t('render.also', lang, checks=also))}[/]", 6)
    fix = problem.fix if problem is not None else f.fix
    if fix and deferred:  # the k2 plan installs the same packages: one way out, not two
        pointer = escape(t("render.fix.in_plan", lang))
        _para(console, f"{styled_label(label('render.fix', lang), 'bold')}{pointer}", 6)
    elif fix and f.status is not Status.OK:
        why = escape(_shown(text(fix.why, lang)))
        _para(console, f"{styled_label(label('render.fix', lang), 'bold')}{why}", 6)
        for cmd in fix_lines(fix, lang):  # never wrapped: a command must paste as one line
            console.print(
                f"        [cyan]{escape(redact_text(cmd))}[/]", highlight=False, soft_wrap=True
            )
    if verbose and f.facts:
        console.print(
            f"      [dim]{escape(json.dumps(redact(dict(f.facts)), default=str))}[/]",
            highlight=False,
            soft_wrap=True,
        )


def _title(console: Console, f: Finding, lang: str, problem: Problem | None) -> None:
    steps = problem.steps if problem is not None else ((f.blocks_step,) if f.blocks_step else ())
    blocking = f.status.blocks or (problem is not None and problem.blocks)
    blocks = ""
    if steps and blocking:
        blocks = f"[dim]{escape(t('render.blocks', lang, steps=', '.join(steps)))}[/]"
    title = escape(_shown(text(f.title, lang)))
    _para(console, title + blocks, 4, first=f"  {icons(console)[f.status]} ")


def _shown(value: str) -> str:
    """Text from outside as it may reach the terminal: secrets hidden, the home folder as ~, and
    control characters escaped now (rich would silently drop them while wrapping)."""
    return sanitize(redact_text(value))


def _seen_by_all(others: Sequence[Finding], lang: str) -> str:
    """Each other check once, with the places it saw the problem (the first few)."""
    places: dict[str, list[str]] = {}
    for f in others:
        params = f.title.params
        seen = places.setdefault(f.check, [])
        if "file" in params and "line" in params:
            seen.append(f"{params['file']}:{params['line']}")
    return t("phrase.comma", lang).join(_check_places(c, p, lang) for c, p in places.items())


def _check_places(check: str, places: list[str], lang: str) -> str:
    if not places:
        return check
    shown = t("phrase.comma", lang).join(places[:MAX_PLACES])
    if len(places) > MAX_PLACES:
        shown += t("render.more_places", lang, n=len(places) - MAX_PLACES)
    return f"{check} ({shown})"


def _summary(console: Console, found: Sequence[Problem], lang: str) -> None:
    blocked = sum(1 for p in found if p.blocks)
    warned = sum(1 for p in found if not p.blocks)
    fixable = sum(1 for p in found if p.fix is not None)
    console.print()
    if blocked:
        console.print(f"[bold red]{escape(t('summary.blocked', lang, n=blocked))}[/]")
    else:
        console.print(f"[bold green]{escape(t('summary.ok', lang))}[/]")
    if warned:
        console.print(f"[yellow]{escape(t('summary.warn', lang, n=warned))}[/]")
    if fixable:
        _para(console, f"[bold]{escape(t('summary.next_fix', lang, n=fixable))}[/]", 0)


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
