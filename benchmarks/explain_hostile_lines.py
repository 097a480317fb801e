"""The slowest line for each rule: hostile lines of one long word (a rule's anchor at both ends)
against the time of an ordinary log line, measured side by side.

    python3 benchmarks/explain_hostile_lines.py [--top 10]

A pattern that backtracks over a long run of the characters it accepts takes time quadratic in
the line (a 4 kB line, the longest explain reads whole, once took 280 ms in one pattern: a log of
a thousand such lines, minutes). Each pattern of each rule is tried on lines made of an anchor, a
4 kB run of one of several fillers, and the anchor again; the slowest are printed with their ratio
to the same pattern on an ordinary 100-byte line.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from doctor.explain import rules
from doctor.explain.model import MATCH_SPAN

FILLERS = ("a", "a-", "a.", "a: ", "a ", "'a", "/a", "1.", "\\a", "=a", "a_", "A", "0")
ORDINARY = "2026-11-24 10:00:00,000 INFO [train.py:536] Epoch 3, batch 1200, loss[loss=0.123]"


def _time(search: Callable[[str], object], line: str, repeat: int = 1) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        search(line)
    return (time.perf_counter() - start) / repeat


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=10)
    ns = ap.parse_args()
    rs = rules.load()
    rows: list[tuple[float, float, str, str]] = []
    for rule in [*rs.rules, *rs.contexts]:
        for pattern in rule.patterns:
            worst = 0.0
            for anchor in rule.anchors[:3]:
                for filler in FILLERS:
                    run = filler * (2 * MATCH_SPAN // len(filler))
                    line = (anchor + run + anchor)[: 2 * MATCH_SPAN]
                    worst = max(worst, _time(pattern.search, line))
            ordinary = _time(pattern.search, ORDINARY, repeat=200)
            rows.append((worst, ordinary, rule.id, pattern.pattern))
    rows.sort(reverse=True)
    total = sum(r[0] for r in rows)
    print(f"patterns: {len(rows)}; one hostile line of each, all patterns: {total * 1000:.0f} ms")
    for worst, ordinary, rule_id, text in rows[: ns.top]:
        ratio = worst / ordinary if ordinary else float("inf")
        print(f"{worst * 1000:8.1f} ms  {ratio:8.0f}x an ordinary line  {rule_id}: {text[:70]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
