"""Coverage per package of doctor/ (a folder's modules together, the top-level modules as
"doctor"), from coverage's JSON report (``coverage json -o FILE``), lowest first.

    python3 .ci/coverage_by_package.py coverage.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path, PurePosixPath


def by_package(files: dict[str, dict[str, dict[str, int]]]) -> dict[str, tuple[int, int]]:
    """Package -> (covered statements, statements)."""
    out: dict[str, tuple[int, int]] = {}
    for name, entry in files.items():
        path = PurePosixPath(name.replace("\\", "/"))
        package = "/".join(path.parts[:2]) if len(path.parts) > 2 else path.parts[0]
        covered, total = out.get(package, (0, 0))
        summary = entry["summary"]
        out[package] = (covered + summary["covered_lines"], total + summary["num_statements"])
    return out


def main(argv: list[str]) -> int:
    files = json.loads(Path(argv[1]).read_text(encoding="utf-8"))["files"]
    rows = [(c / t * 100, pkg, c, t) for pkg, (c, t) in by_package(files).items() if t]
    print("Coverage by package:")
    for pct, pkg, covered, total in sorted(rows):
        print(f"  {pkg:<22} {pct:5.1f} %  ({covered}/{total} statements)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
