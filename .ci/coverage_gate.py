"""Per-module coverage gate: every module of doctor/ is covered at least 80 %, or is listed in
tests/coverage_exceptions.toml with its own minimum and the reason it stays lower.

Reads coverage's JSON report (``coverage json -o FILE``). Prints one line per offending module
and exits 1 when any module is under its floor, or when an exception names a module that no
longer exists (a stale entry would hide a new module's gap).

    python3 .ci/coverage_gate.py coverage.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python < 3.11
    import tomli as tomllib

REPO = Path(__file__).resolve().parent.parent
EXCEPTIONS = REPO / "tests" / "coverage_exceptions.toml"
DEFAULT_FLOOR = 80.0


def _exceptions() -> dict[str, dict[str, object]]:
    data = tomllib.loads(EXCEPTIONS.read_text(encoding="utf-8"))
    modules: dict[str, dict[str, object]] = data["module"]
    for name, entry in modules.items():
        if not str(entry.get("reason", "")).strip():
            raise SystemExit(f"{EXCEPTIONS.name}: {name} has no reason")
    return modules


def _covered(report: Path) -> dict[str, float]:
    files = json.loads(report.read_text(encoding="utf-8"))["files"]
    out: dict[str, float] = {}
    for name, entry in files.items():
        summary = entry["summary"]
        if summary["num_statements"]:
            out[Path(name).as_posix()] = float(summary["percent_covered"])
    return out


def problems(covered: dict[str, float], exceptions: dict[str, dict[str, object]]) -> list[str]:
    out = []
    for module, pct in sorted(covered.items()):
        entry = exceptions.get(module)
        floor = float(entry["minimum"]) if entry else DEFAULT_FLOOR  # type: ignore[arg-type]
        if pct + 1e-9 < floor:
            why = "its listed minimum" if entry else "80 % and not listed in coverage_exceptions"
            out.append(f"{module}: {pct:.1f} % is under {floor:g} % ({why})")
    for module in sorted(set(exceptions) - set(covered)):
        if not (REPO / module).is_file():
            out.append(f"{module}: listed in coverage_exceptions.toml but does not exist")
    return out


def main(argv: list[str]) -> int:
    found = problems(_covered(Path(argv[1])), _exceptions())
    for line in found:
        print(f"coverage gate: {line}")
    if not found:
        print("coverage gate: every module at 80 % or at its listed minimum")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
