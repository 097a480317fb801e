"""Import-scan speed on a real icefall checkout, and its share of a whole `check`.

    python3 benchmarks/scan_speed.py /path/to/icefall [--repeat 5]

For every recipe in recipes/: files parsed, seconds (best of --repeat, cold cache each time),
files per second. Then one full `icefall-doctor check --recipe baker_zh/matcha --json` run in
the recipe folder, timed, next to the scan of that recipe alone.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from doctor.recipe import importscan, model
from doctor.recipe.gather import entries


def scan_once(recipe: model.Recipe, icefall: Path) -> tuple[int, float]:
    importscan._parsed.cache_clear()
    importscan._find_cached.cache_clear()
    recipe_dir = icefall / recipe.dir
    start = time.perf_counter()
    result = importscan.scan(recipe_dir, entries(recipe, recipe_dir), str(icefall))
    return result.files, time.perf_counter() - start


def check_seconds(icefall: Path, name: str) -> float:
    recipe_dir = icefall / model.load(name).dir
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(Path(__file__).parent.parent), str(icefall)])
    )
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "doctor", "check", "--recipe", name, "--json", "--offline"],
        cwd=recipe_dir,
        env=env,
        capture_output=True,
        check=False,
    )
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("icefall", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    ns = ap.parse_args()
    total_files, total_seconds = 0, 0.0
    print(f"{'recipe':<18} {'files':>6} {'seconds':>8} {'files/s':>8}")
    for recipe in model.all_recipes():
        runs = [scan_once(recipe, ns.icefall) for _ in range(ns.repeat)]
        files, seconds = runs[0][0], min(s for _, s in runs)
        total_files, total_seconds = total_files + files, total_seconds + seconds
        print(f"{recipe.name:<18} {files:>6} {seconds:>8.3f} {files / seconds:>8.0f}")
    print(f"{'all':<18} {total_files:>6} {total_seconds:>8.3f} {total_files / total_seconds:>8.0f}")
    _, scan = scan_once(model.load("baker_zh/matcha"), ns.icefall)
    whole = min(check_seconds(ns.icefall, "baker_zh/matcha") for _ in range(3))
    print(f"baker_zh/matcha: scan {scan:.3f} s of a whole check {whole:.2f} s ({scan / whole:.0%})")


if __name__ == "__main__":
    main()
