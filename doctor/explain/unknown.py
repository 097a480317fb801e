"""An error no rule knows: show the decisive lines, never a guessed cause."""

from __future__ import annotations

import re

from doctor.explain.model import Diagnosis
from doctor.explain.params import user_frames
from doctor.explain.scan import ScanResult
from doctor.findings import msg

_EXCEPTION = re.compile(
    r"^\s*(?:[A-Za-z_][\w.]*\.)?[A-Z]\w*(?:Error|Exception|Exit|Interrupt|Warning)\b(?::.*)?$"
)
_FATAL = re.compile(r"^\s*(?:ERROR|FATAL|fatal|error)\b[: ].*|\bSegmentation fault\b|\bKilled\b")


def unknown(scan: ScanResult) -> Diagnosis:
    tail = scan.tail
    first = scan.lines - len(tail) + 1
    idx = _last(tail, _EXCEPTION) or _last(tail, _FATAL)
    evidence: list[str] = []
    frames = user_frames(tail[: idx + 1] if idx is not None else tail)
    if frames:
        path, line = frames[-1]
        evidence.append(f'File "{path}", line {line}')
    if idx is not None:
        evidence.append(tail[idx].strip())
    elif tail:
        evidence.extend(t.strip() for t in tail[-3:] if t.strip())
    return Diagnosis(
        category="unknown",
        rule="unknown",
        summary=msg("explain.unknown.summary"),
        why=msg("explain.unknown.why"),
        fix=("icefall-doctor",),
        evidence=tuple(evidence),
        line=first + idx if idx is not None else 0,
        recognised=False,
    )


def _last(lines: list[str], pattern: re.Pattern[str]) -> int | None:
    for i in range(len(lines) - 1, -1, -1):
        if pattern.search(lines[i]):
            return i
    return None
