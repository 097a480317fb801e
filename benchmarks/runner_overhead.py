"""Overhead of the runner's output handling on a long training log.

Writes N icefall-style log lines (default 1.5 million, about a 19-hour Matcha run) to a file,
then streams them through the runner exactly as a training child's output goes (own process
group, pipe, per-step log file, bounded tail, line parser, observer) with `cat` as the child,
and compares with plain `cat FILE > /dev/null`. Prints lines per second and peak memory.

    python3 benchmarks/runner_overhead.py [--lines N] [--dir DIR]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from doctor.runner.child import run_child
from doctor.runner.progress import NullObserver
from doctor.runner.steps import StepCommand

STAMP = "2026-11-24 10:42:31,200 INFO [train.py:536] "


def write_log(path: Path, n: int) -> None:
    """Mostly batch lines, with epoch starts, validations and checkpoints between them."""
    with open(path, "w") as fh:
        epoch, batch = 1, 0
        for i in range(n):
            if i % 92 == 0:
                epoch, batch = i // 92 + 1, 0
                fh.write(f"{STAMP}Start epoch {epoch}\n")
            elif i % 92 == 91:
                fh.write(
                    f"{STAMP}Epoch {epoch}, validation: dur_loss=0.044, prior_loss=0.977, "
                    "diff_loss=0.210, tot_loss=1.231, over 100.00 samples.\n"
                )
            else:
                batch += 10
                fh.write(
                    f"{STAMP}Epoch {epoch}, batch {batch}, global_batch_idx: {i}, batch size: 6,"
                    " loss[dur_loss=2.797, prior_loss=1.609, diff_loss=3.076, tot_loss=7.482, "
                    "over 6.00 samples.], tot_loss[dur_loss=2.797, prior_loss=1.609, "
                    "diff_loss=3.076, tot_loss=7.482, over 6.00 samples.]\n"
                )


def maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=1_500_000)
    ap.add_argument("--dir", default=None, help="where to write the log (default: a temp dir)")
    ns = ap.parse_args()
    work = Path(ns.dir or tempfile.mkdtemp(prefix="runner-bench-"))
    src = work / "train.log"
    write_log(src, ns.lines)
    size = src.stat().st_size
    print(f"{ns.lines:,} lines, {size / 2**20:.0f} MiB in {src}")

    start = time.perf_counter()
    subprocess.run(["cat", str(src)], stdout=subprocess.DEVNULL, check=True)
    cat_s = time.perf_counter() - start

    before = maxrss_mib()
    cmd = StepCommand("train", ("cat", str(src)), work, {}, work / "runner.log")
    start = time.perf_counter()
    result = run_child(cmd, {"PATH": "/usr/bin:/bin"}, NullObserver())
    runner_s = time.perf_counter() - start
    after = maxrss_mib()
    assert result.returncode == 0 and (work / "runner.log").stat().st_size == size

    print(f"cat:    {ns.lines / cat_s:>12,.0f} lines/s  ({cat_s:.2f} s)")
    print(
        f"runner: {ns.lines / runner_s:>12,.0f} lines/s  ({runner_s:.2f} s, "
        f"{runner_s / cat_s:.1f}x cat; {result.seconds:.2f} s inside run_child)"
    )
    print(
        f"peak RSS of this process: {before:.1f} MiB before, {after:.1f} MiB after the run "
        f"(kept: {len(result.tail)} tail lines, {len(result.events)} events)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
