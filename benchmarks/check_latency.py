"""Latency of `icefall-doctor --json` against the floor `python -c "import torch"` and against
`python -m torch.utils.collect_env`, measured in one run in the same environment, interleaved.

    python3 benchmarks/check_latency.py --python /path/to/venv/bin/python3 [--reps 5]

Prints each command's median wall time and the two ratios. Target: the doctor within 1.5x the
import floor and faster than collect_env.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def commands(python: str, doctor_args: Sequence[str]) -> dict[str, list[str]]:
    return {
        "doctor": [sys.executable, "-m", "doctor", "--json", "--python", python, *doctor_args],
        "import torch": [python, "-c", "import torch"],
        "collect_env": [python, "-m", "torch.utils.collect_env"],
    }


def timed(argv: list[str]) -> tuple[float, int]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    start = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start, proc.returncode


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--python", required=True, help="the environment's interpreter (with torch)")
    p.add_argument("--reps", type=int, default=5, help="repetitions of each command")
    p.add_argument("doctor_args", nargs="*", help="extra icefall-doctor options, after --")
    ns = p.parse_args(argv)
    cmds = commands(ns.python, ns.doctor_args)
    for argv_ in cmds.values():  # warm the page cache once; not counted
        timed(argv_)
    times: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(ns.reps):
        for name, argv_ in cmds.items():  # interleaved, so drift hits all three alike
            seconds, code = timed(argv_)
            if name != "doctor" and code != 0:
                print(f"{name} failed (exit {code}): {' '.join(argv_)}", file=sys.stderr)
                return 2
            times[name].append(seconds)
    med = {name: statistics.median(v) for name, v in times.items()}
    for name, value in med.items():
        spread = f"min {min(times[name]):.2f}  max {max(times[name]):.2f}"
        print(f"{name:<14} median {value:6.2f} s   ({spread}, n={ns.reps})")
    floor, collect = med["doctor"] / med["import torch"], med["doctor"] / med["collect_env"]
    print(f"doctor / import torch = {floor:.2f}x   (target <= 1.5x)")
    print(f"doctor / collect_env  = {collect:.2f}x   (target < 1.0x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
