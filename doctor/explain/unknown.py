"""An error no rule knows: show what is certain (the root exception of the traceback, the
innermost frame of the user's own code, the decisive line), never a guessed cause. Also the
logs that hold nothing to read: an empty file, a binary file."""

from __future__ import annotations

import re

from doctor.explain import structure
from doctor.explain.model import Diagnosis
from doctor.explain.scan import ScanResult
from doctor.findings import msg


def unknown(scan: ScanResult) -> Diagnosis:
    if scan.binary:
        return _nothing("binary", scan)
    if not any(line.strip() for line in scan.tail):
        return _nothing("empty", scan)
    tail = scan.tail
    first = scan.lines - len(tail) + 1
    root = structure.root_cause(tail)
    if root is not None:
        return _python(root, first, tail)
    idx = structure.decisive(tail)
    if idx is None and not any(_FAILURE_WORDS.search(line) for line in tail):
        return _no_error(first, tail)
    if idx is None:
        idx = max(i for i, line in enumerate(tail) if line.strip())
    lo = idx if structure.decisive(tail[idx : idx + 1]) is not None else max(0, idx - 2)
    evidence = [structure.shown(t) for t in tail[lo : idx + 1] if t.strip()]
    return _diagnosis("unknown", evidence, first + idx, {})


# Words any failure, warning or refusal is written with; a log with none of them in its last
# lines (progress, "Done", a prompt) states no error, and explain says so.
_FAILURE_WORDS = re.compile(
    r"(?i)error|fail|exception|traceback|warn|cannot|can't|could not|unable|not found|no such"
    r"|denied|refused|killed|abort|fatal|invalid|missing|segmentation|core dumped|exit code"
    r"|exit status|exited|terminated|not supported|unsupported|panic|\bassert|illegal|signal"
    r"|out of memory|\boom\b|timed? ?out|mismatch|incompatible|undefined|unavailable"
    r"|not available|not compiled|not loaded|corrupt|错误|失败|报错"
)
_NO_ERROR_SHOWN = 3


def _no_error(first: int, tail: list[str]) -> Diagnosis:
    shown = [i for i, line in enumerate(tail) if line.strip()][-_NO_ERROR_SHOWN:]
    evidence = tuple(structure.shown(tail[i]) for i in shown)
    return Diagnosis(
        category="no_error_log",
        rule="no_error",
        summary=msg("explain.no_error.summary"),
        why=msg("explain.no_error.why"),
        fix=(),
        evidence=evidence,
        line=first + shown[-1],
        recognised=False,
    )


def _python(root: structure.PyError, first: int, tail: list[str]) -> Diagnosis:
    evidence: list[str] = []
    culprit = root.culprit
    if culprit is not None:
        evidence.append(f'File "{culprit.path}", line {culprit.line}')
        where = f"{culprit.path}:{culprit.line}"
    else:
        where = root.raised_in or "the script"
    evidence.append(structure.shown(tail[root.index]))
    params = {"exc_type": root.type, "where": where, "raised_in": root.raised_in}
    return _diagnosis("unknown.python", evidence, first + root.index, params)


def _diagnosis(key: str, evidence: list[str], line: int, params: dict[str, str]) -> Diagnosis:
    return Diagnosis(
        category="unknown",
        rule="unknown",
        summary=msg(f"explain.{key}.summary", **params),
        why=msg(f"explain.{key}.why", **params),
        fix=("icefall-doctor check",),
        evidence=tuple(evidence),
        line=line,
        params=params,
        recognised=False,
    )


def _nothing(kind: str, scan: ScanResult) -> Diagnosis:
    return Diagnosis(
        category=f"{kind}_log",
        rule=kind,
        summary=msg(f"explain.{kind}.summary"),
        why=msg(f"explain.{kind}.why"),
        fix=(),
        evidence=(),
        line=0,
        recognised=False,
    )
