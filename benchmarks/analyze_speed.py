"""Benchmark: `icefall-doctor analyze` on a 1.5-million-line icefall training log, against
`grep -c validation` of the same file. Prints wall time and peak memory (max RSS) of each.

    python3 benchmarks/analyze_speed.py [--lines 1500000] [--epochs 2000] [--keep DIR]

The log is synthetic, in the line format of icefall's matcha train.py (training lines every
10 batches with loss[...] and tot_loss[...], a validation line every few epochs), with
over-fitting from 60 % of the run.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TS = "2026-11-24 10:42:31,200 INFO"


def _losses(rng: random.Random, level: float) -> str:
    parts = {"dur": 0.05 + level * 0.1, "prior": 0.98 + level * 0.2, "diff": 0.2 + level}
    parts = {k: v + rng.gauss(0, 0.01) for k, v in parts.items()}
    body = ", ".join(f"{k}_loss={v:.3f}" for k, v in parts.items())
    return f"{body}, tot_loss={sum(parts.values()):.3f}"


def write_log(path: Path, lines: int, epochs: int) -> int:
    rng = random.Random(0)
    per_epoch = max(1, lines // epochs - 1)
    onset = int(epochs * 0.6)
    written = 0
    with path.open("w") as fh:
        for e in range(1, epochs + 1):
            train = math.exp(-e / (epochs / 5)) + 0.1 * (1 - e / epochs)
            for b in range(per_epoch):
                losses = _losses(rng, train)
                fh.write(
                    f"{TS} [train.py:536] Epoch {e}, batch {b * 10}, global_batch_idx: "
                    f"{e * per_epoch + b}, batch size: 6, loss[{losses}, over 6.00 samples.], "
                    f"tot_loss[{losses}, over 600.00 samples.], cur_lr: 1.00e-04\n"
                )
            valid = math.exp(-e / (epochs / 5)) + 0.002 * max(0, e - onset) / (epochs / 1000)
            fh.write(
                f"{TS} [train.py:566] Epoch {e}, validation: {_losses(rng, valid)}, "
                "over 100.00 samples.\n"
            )
            written += per_epoch + 1
        fh.write(f"{TS} [train.py:990] Done!\n")
    return written + 1


def timed(cmd: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in KiB (of this child alone, via a fresh wait4), stdout."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):  # grep -c exits 1 on no match
        sys.exit(f"{cmd[0]} failed with exit code {proc.returncode}")
    return elapsed, usage.ru_maxrss, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=1_500_000)
    ap.add_argument("--epochs", type=int, default=2000)
    ap.add_argument("--keep", metavar="DIR", help="write the run here and keep it")
    ns = ap.parse_args()
    exp = Path(ns.keep) if ns.keep else Path(tempfile.mkdtemp(prefix="analyze-bench-"))
    (exp / "log").mkdir(parents=True, exist_ok=True)
    log = exp / "log" / "log-train-2026-11-24-10-42-31"
    n = write_log(log, ns.lines, ns.epochs)
    for e in range(10, ns.epochs + 1, 10):
        (exp / f"epoch-{e}.pt").write_bytes(b"")
    print(f"log: {n} lines, {log.stat().st_size / 2**20:.0f} MiB, {ns.epochs} epochs")
    env_py = [sys.executable, "-m", "doctor"]
    os.environ["PYTHONPATH"] = str(REPO)
    g_time, g_rss, g_out = timed(["grep", "-c", "validation", str(log)])
    d_time, d_rss, d_out = timed([*env_py, "analyze", str(exp), "--json"])
    b_time, b_rss, _ = timed([*env_py, "analyze", "--help"])
    print(f"grep -c validation : {g_time:6.2f} s  peak RSS {g_rss / 1024:6.1f} MiB  "
          f"({g_out.strip()} lines)")  # fmt: skip
    print(f"icefall-doctor analyze: {d_time:6.2f} s  peak RSS {d_rss / 1024:6.1f} MiB")
    print(f"  (startup only, analyze --help: {b_time:.2f} s, {b_rss / 1024:.1f} MiB)")
    print(f"  ratio to grep: {d_time / g_time:.1f}x time")
    import json

    data = json.loads(d_out)
    onset = int(ns.epochs * 0.6)
    print(f"  result: onset {data['onset_epoch']}, best epoch {data['best_epoch']}, "
          f"{data['epochs_past_best']} epochs past it (synthetic onset {onset})")  # fmt: skip


if __name__ == "__main__":
    main()
