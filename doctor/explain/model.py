"""The records of explain: a rule, a hit of a rule in a log, and the diagnosis made of it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from doctor.findings import Msg

# How much of each end of a very long line the rules (and the extractors' path readers) read: a
# 60 kB line of one word made some patterns take a minute.
MATCH_SPAN = 2048


@dataclass(frozen=True)
class Rule:
    """One recognisable failure (or, with kind "context", one fact the log states)."""

    id: str
    kind: str  # "rule" or "context"
    category: str
    anchors: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    extract: str = ""
    fix: tuple[str, ...] = ()
    supersedes: tuple[str, ...] = ()
    rank: int = 1
    # Why a hit of this rule alone is not decisive evidence ("" when it is): a shape of failure
    # that many causes share. Extractors may raise a doubt of their own ("_doubt").
    doubt: str = ""
    # The fix when the resolver's plan for this machine is known; "{k2_plan}" stands for the
    # plan's commands (the k2.plan finding's), so explain and the checks give the same fix.
    plan_fix: tuple[str, ...] = ()
    # Another rule whose sentences this one shows (a second spelling of the same class).
    messages: str = ""
    # Letters of another case mean another message (CMake's "Could NOT find" is not a
    # program's "Could not find"): no second pass ignoring case for this rule.
    exact_case: bool = False

    def match(self, line: str) -> dict[str, str] | None:
        """The named groups of the first pattern that matches, or None. A line longer than
        ``MATCH_SPAN`` is read as its head and its tail: a message sits at one end, and some
        patterns take time quadratic in what they scan."""
        if len(line) > 2 * MATCH_SPAN:
            line = line[:MATCH_SPAN] + " ... " + line[-MATCH_SPAN:]
        for pattern in self.patterns:
            m = pattern.search(line)
            if m:
                return {k: v for k, v in m.groupdict().items() if v is not None}
        return None

    def match_across(self, text: str, cut: int) -> dict[str, str] | None:
        """The named groups of the first pattern whose match spans offset ``cut`` of ``text``.

        For a sentence a terminal or a paste wrapped over two lines: the joined text matches
        only where neither line alone would have.
        """
        if len(text) > 4 * MATCH_SPAN:  # two lines this long are records, not a wrapped one
            return None
        for pattern in self.patterns:
            for m in pattern.finditer(text):
                if m.start() < cut < m.end():
                    return {k: v for k, v in m.groupdict().items() if v is not None}
        return None


@dataclass
class Hit:
    """A line that matched a rule, with bounded context around it."""

    rule: Rule
    line_no: int  # 1-based
    line: str
    groups: dict[str, str]
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Diagnosis:
    """What went wrong (summary), why, and the commands that fix it."""

    category: str
    rule: str
    summary: Msg
    why: Msg
    fix: tuple[str, ...]
    evidence: tuple[str, ...]
    line: int  # 1-based line of the decisive line; 0 when unknown
    params: Mapping[str, Any] = field(default_factory=dict)
    recognised: bool = True
    notes: tuple[Msg, ...] = ()  # what the user must still fill in or know (a wheel's date)
    doubt: str = ""  # why the evidence is not decisive (explain.doubt.<doubt>); "" when it is

    def to_json(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "rule": self.rule,
            "recognised": self.recognised,
            "summary": self.summary.to_json(),
            "why": self.why.to_json(),
            "fix": list(self.fix),
            "evidence": list(self.evidence),
            "line": self.line,
            "params": {k: v for k, v in self.params.items() if not k.startswith("_")},
            "notes": [n.to_json() for n in self.notes],
        }
