"""explain on a 19-hour training log: time against `grep -c -E` of the same patterns, and memory.

    python3 benchmarks/explain_throughput.py [--lines 1500000] [--keep FILE]

Writes an icefall-style training log (INFO lines of train.py, a params dump with max_duration,
validation lines) with a CUDA OOM traceback near the end; times explain_file over it and
`grep -c -E` over the rules' patterns (translated to ERE) on the same file; prints the ratio
(wall and CPU time, best of 3 each: on a busy machine CPU time is the fairer one) and the peak
memory of the explain run (tracemalloc, and the process's max RSS).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from doctor.explain import explain_file, rules

TRAIN = (
    "2026-11-24 {h:02d}:{m:02d}:{s:02d},{ms:03d} INFO [train.py:536] Epoch {e}, batch {b}, "
    "global_batch_idx: {g}, batch size: 56, loss[dur_loss=0.04412, prior_loss=0.9771, "
    "diff_loss=0.2103, tot_loss=1.232, over 56.00 samples.], tot_loss[dur_loss=0.04512, "
    "prior_loss=0.9811, diff_loss=0.2201, tot_loss=1.246, over 11201.00 samples.], "
    "cur_lr: 1.00e-04\n"
)
OOM = """Traceback (most recent call last):
  File "/home/me/icefall/egs/baker_zh/TTS/./matcha/train.py", line 717, in <module>
    main()
  File "/home/me/icefall/egs/baker_zh/TTS/./matcha/train.py", line 601, in train_one_epoch
    loss.backward()
torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 204.00 MiB. GPU 0 has a total \
capacity of 7.78 GiB of which 190.00 MiB is free. 7.25 GiB is allocated by PyTorch
"""


def write_log(path: Path, lines: int) -> None:
    with open(path, "w") as fh:
        fh.write(
            "2026-11-24 00:00:01,000 INFO [train.py:690] {'max_duration': 1200, 'num_workers': 8}\n"
        )
        for i in range(lines - 10):
            t = i // 20
            if i % 1500 == 1:
                fh.write(
                    "2026-11-24 00:00:02,000 INFO [train.py:560] Epoch 1, validation: "
                    "dur_loss=0.04, tot_loss=1.2\n"
                )
                continue
            fh.write(
                TRAIN.format(
                    h=t // 3600 % 24,
                    m=t // 60 % 60,
                    s=t % 60,
                    ms=i % 1000,
                    e=i // 92 + 1,
                    b=i % 92,
                    g=i,
                )
            )
        fh.write(OOM)


def ere(pattern: str) -> str:
    p = pattern.replace("(?:", "(").replace("\\d", "[0-9]")
    return re.sub(r"\(\?P<\w+>", "(", p)


def grep_time(path: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of one grep run."""
    rs = rules.load()
    pats = [ere(p.pattern) for r in (*rs.rules, *rs.contexts) for p in r.patterns]
    args = ["grep", "-c", "-E"]
    for p in pats:
        args += ["-e", p]
    env = dict(os.environ, LC_ALL="C")
    before = _children_cpu()
    t = time.perf_counter()
    done = subprocess.run([*args, str(path)], capture_output=True, env=env, check=False)
    if done.returncode > 1:  # 2: a pattern grep cannot read; its time would mean nothing
        raise SystemExit(f"grep failed: {done.stderr.decode(errors='replace').strip()}")
    return time.perf_counter() - t, _children_cpu() - before


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def explain_time(path: Path) -> tuple[float, float, str]:
    """(wall, CPU) seconds of one explain_file run, and its leading diagnosis."""
    cpu, t = time.process_time(), time.perf_counter()
    found = explain_file(path)
    lead = f"{found[0].category} at line {found[0].line}"
    return time.perf_counter() - t, time.process_time() - cpu, lead


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=1_500_000)
    ap.add_argument("--keep", metavar="FILE")
    ns = ap.parse_args()
    path = Path(ns.keep) if ns.keep else Path(tempfile.mkdtemp()) / "train.log"
    if not path.exists():
        write_log(path, ns.lines)
    rules.load()
    greps = [grep_time(path) for _ in range(3)]
    runs = [explain_time(path) for _ in range(3)]
    grep_s, grep_cpu = min(g[0] for g in greps), min(g[1] for g in greps)
    explain_s, explain_cpu = min(r[0] for r in runs), min(r[1] for r in runs)
    tracemalloc.start()
    explain_file(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size = path.stat().st_size / 2**20
    print(f"log: {ns.lines} lines, {size:.0f} MiB; diagnosis: {runs[0][2]}")
    print(
        f"wall (best of 3): grep -c -E {grep_s:.2f} s, explain {explain_s:.2f} s, "
        f"ratio {explain_s / grep_s:.2f}x"
    )
    print(
        f"CPU  (best of 3): grep -c -E {grep_cpu:.2f} s, explain {explain_cpu:.2f} s, "
        f"ratio {explain_cpu / grep_cpu:.2f}x"
    )
    print(
        f"explain peak Python memory (tracemalloc): {peak / 2**20:.1f} MiB; "
        f"process max RSS: {rss:.0f} MiB"
    )
    if not ns.keep:
        path.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
