"""Benchmark: seconds from SIGINT / SIGTERM to the tool's exit, against the 3 s target, for
`check` with an `import torch` that hangs and `explain --run` with a child that ignores
SIGINT and SIGTERM and a grandchild that left its session (setsid). Also counts the
processes of the tool's tree still alive after it exited (must be 0).

    python3 benchmarks/interrupt_exit.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
TARGET = 3.0

STUBBORN = textwrap.dedent(
    """
    import os, signal, subprocess, sys, time
    for s in (signal.SIGINT, signal.SIGTERM):
        signal.signal(s, signal.SIG_IGN)
    GC = ("import os, signal, sys, time\\nos.setsid()\\n"
          "for s in (signal.SIGINT, signal.SIGTERM): signal.signal(s, signal.SIG_IGN)\\n"
          "open(sys.argv[1] + '/gc-%d' % os.getpid(), 'w').close()\\ntime.sleep(600)\\n")
    subprocess.Popen([sys.executable, "-c", GC, os.environ["BENCH_PIDS"]])
    time.sleep(600)
    """
)


def _alive(p: psutil.Process) -> bool:
    try:
        return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def one(
    args: list[str], env: dict[str, str], pids: Path, sig: signal.Signals
) -> tuple[float, int, int]:
    tool = subprocess.Popen(
        [sys.executable, "-m", "doctor", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    end = time.monotonic() + 120
    while not list(pids.glob("gc-*")):
        if time.monotonic() > end:
            tool.kill()
            raise SystemExit("the child never started")
        time.sleep(0.05)
    tree = [psutil.Process(tool.pid), *psutil.Process(tool.pid).children(recursive=True)]
    tree += [psutil.Process(int(f.name[3:])) for f in pids.glob("gc-*")]
    start = time.monotonic()
    tool.send_signal(sig)
    code = tool.wait()
    seconds = time.monotonic() - start
    left = [p for p in tree if _alive(p)]
    for p in left:
        p.kill()
    for f in pids.iterdir():
        f.unlink()
    return seconds, code, len(left)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "fake" / "torch").mkdir(parents=True)
        (root / "fake" / "torch" / "__init__.py").write_text(STUBBORN)
        (root / "stubborn.py").write_text(STUBBORN)
        (root / "pids").mkdir()
        base = dict(os.environ, BENCH_PIDS=str(root / "pids"))
        base["PYTHONPATH"] = str(REPO)
        cases = {
            "check, import torch hangs": (
                ["check", "--python", sys.executable],
                dict(base, PYTHONPATH=f"{REPO}{os.pathsep}{root / 'fake'}"),
            ),
            "explain --run, stubborn child": (
                [
                    "explain",
                    "--no-probe",
                    "--run",
                    shlex.join([sys.executable, str(root / "stubborn.py")]),
                ],
                base,
            ),
        }
        print(f"{'case':32} {'signal':8} {'exit':>4} {'worst s':>8} {'/ 3 s':>6} {'left':>4}")
        for name, (args, env) in cases.items():
            for sig in (signal.SIGINT, signal.SIGTERM):
                runs = [one(args, env, root / "pids", sig) for _ in range(opts.repeat)]
                worst = max(r[0] for r in runs)
                codes = sorted({r[1] for r in runs})
                left = sum(r[2] for r in runs)
                print(
                    f"{name:32} {sig.name:8} {codes[0]:>4} {worst:8.2f} "
                    f"{worst / TARGET:6.2f} {left:>4}"
                )


if __name__ == "__main__":
    main()
