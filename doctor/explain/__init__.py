"""`explain`: read a failed log and say what went wrong, why, and how to fix it.

Public API (the runner calls these on a failed step's log)::

    explain_lines(lines, facts=None) -> list[Diagnosis]
    explain_file(path, facts=None) -> list[Diagnosis]

The list leads with the root cause. When no rule matched it holds one Diagnosis with
``recognised=False`` and category "unknown", showing the decisive lines.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from doctor.explain import generic, rollup, rules, scan
from doctor.explain.diagnose import base_params, diagnose, localised
from doctor.explain.model import Diagnosis
from doctor.explain.unknown import unknown
from doctor.facts import Facts

__all__ = ["Diagnosis", "diagnose_scan", "explain_file", "explain_lines", "explain_stream"]


def diagnose_scan(
    result: scan.ScanResult, facts: Facts | None = None, lang: str = "en", python: str = ""
) -> list[Diagnosis]:
    """Diagnoses of an already scanned log (re-judge with facts without reading it again).
    ``python``: the interpreter the fixes name when no facts say it (--python, unprobed)."""
    return _finish(result, facts, lang, python)


def _finish(
    result: scan.ScanResult, facts: Facts | None, lang: str = "en", python: str = ""
) -> list[Diagnosis]:
    params = base_params(result, facts, python)
    found = diagnose(result, params, facts, lang)
    base = localised(params, lang)
    shadowed = generic.local_shadow(result, base, lang) if found else None
    if shadowed is not None and found[0].category != shadowed.category:
        # the frames show the user's own file imported in a package's place: what any rule
        # read after that import is its consequence
        return [shadowed, *(dataclasses.replace(d, recognised=False) for d in found)]
    if found and not _is_warning(found[0]):
        return found
    found_class = generic.classify(result, base, lang)
    if found and found_class is not None and found_class.category in _NOT_FROM_A_WARNING:
        # the run failed on the API error after the warning, not on the warning
        return [found_class, *(dataclasses.replace(d, recognised=False) for d in found)]
    if found:
        return found
    return [rollup.rolled_up(found_class) if found_class is not None else unknown(result)]


# Classes of the root exception that a warning printed before it cannot have caused: the code
# calls an API of another version (a TypeError or AttributeError of a package's own function).
_NOT_FROM_A_WARNING = frozenset({"package_version_mismatch"})


def _is_warning(lead: Diagnosis) -> bool:
    """The lead is a warning (torch's "driver too old" UserWarning, which falls back to the
    CPU): the log may end in a traceback of another class, which the run failed on."""
    return any("Warning:" in line or "warnings.warn" in line for line in lead.evidence[:1])


def explain_lines(
    lines: Iterable[str], facts: Facts | None = None, lang: str = "en"
) -> list[Diagnosis]:
    return _finish(scan.scan_lines(lines, rules.load()), facts, lang)


def explain_stream(stream: BinaryIO, facts: Facts | None = None) -> list[Diagnosis]:
    return _finish(scan.scan_stream(stream, rules.load()), facts)


def explain_file(path: str | Path, facts: Facts | None = None) -> list[Diagnosis]:
    return _finish(scan.scan_file(path, rules.load()), facts)
