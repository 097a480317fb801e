"""Mutation score per package from mutmut's results: killed / survived / timeout / no tests /
total and the share killed (killed + timeout over total), as benchmarks/mutation.sh prints it.

    python3 benchmarks/mutation_score.py doctor.knowledge doctor.resolver ...
    python3 benchmarks/mutation_score.py --sample 50 doctor.knowledge   # the sampled names
    python3 benchmarks/mutation_score.py --sample 50 --score doctor.knowledge ...  # their score

With --sample N the same N mutants of each package are drawn every time (a fixed seed over the
sorted names): a uniform sample, so its score estimates the package's when a full run is too long.
MUTMUT_SEED=N draws another sample (the default, 17, is the one benchmarks/mutation.md reports).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections import Counter

SEED = int(os.environ.get("MUTMUT_SEED") or 17)  # another seed draws a fresh sample


def statuses() -> dict[str, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"],
        capture_output=True,
        text=True,
        check=True,
    )
    out = {}
    for line in proc.stdout.splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if sep and "__mutmut_" in name:
            out[name] = status
    return out


def sample(found: dict[str, str], pkg: str, size: int) -> list[str]:
    names = sorted(n for n in found if n.startswith(pkg + "."))
    return random.Random(SEED).sample(names, min(size, len(names)))


def main(argv: list[str]) -> int:
    size = 0
    if argv[:1] == ["--sample"]:
        size, argv = int(argv[1]), argv[2:]
        if argv[:1] != ["--score"]:
            for pkg in argv:
                print("\n".join(sample(statuses(), pkg, size)))
            return 0
        argv = argv[1:]
    packages = argv
    found = statuses()
    if size:
        found = {n: found[n] for pkg in packages for n in sample(found, pkg, size)}
    print(
        f"{'package':20} {'killed':>7} {'survived':>8} {'timeout':>7} {'no tests':>8} "
        f"{'other':>5} {'total':>6} {'score':>6}"
    )
    for pkg in packages:
        counts = Counter(s for n, s in found.items() if n.startswith(pkg + "."))
        total = sum(counts.values()) - counts["not checked"]
        if not total:
            print(f"{pkg:20} not run")
            continue
        killed, timeout = counts["killed"], counts["timeout"]
        other = total - killed - timeout - counts["survived"] - counts["no tests"]
        score = 100 * (killed + timeout) / total
        print(
            f"{pkg:20} {killed:7} {counts['survived']:8} {timeout:7} {counts['no tests']:8} "
            f"{other:5} {total:6} {score:5.1f}%"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
