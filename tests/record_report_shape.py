"""Record doctor/report_shape.json from what the probes really write: the facts of the reports
given (``icefall-doctor --json`` on real machines) and of the tests' recorded machines.

    python3 -m tests.record_report_shape REPORT.json... [--check]

A value's shape is its JSON type; shapes seen for one field are joined ("str|int"); objects
whose keys are data (MAPS) are recorded as ``{"*": shape of any value}``. With --check, prints
the difference from the file instead of writing it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

SHAPE = Path(__file__).resolve().parent.parent / "doctor" / "report_shape.json"
# Objects whose keys are data, not field names (a path of keys, "*" for any key).
MAPS = (
    r"context\.env",
    r"context\.options",
    r"probes\.\*\.data\.markers",
    r"probes\.icefall\.data\.installed",
    r"probes\.icefall\.data\.requirements",
    r"probes\.modules\.data\.found",
    r"probes\.modules\.data\.files",
)


def kind(value: Any) -> str:
    return {bool: "bool", int: "int", float: "float", str: "str"}.get(type(value), "")


def shape_of(value: Any, path: str) -> Any:
    if isinstance(value, dict):
        if any(re.fullmatch(m, path) for m in MAPS):
            found: Any = None
            for item in value.values():
                found = merge(found, shape_of(item, path + ".*"))
            return {"*": found}
        return {k: shape_of(v, f"{path}.{k}") for k, v in value.items()}
    if isinstance(value, list):
        found = None
        for item in value:
            found = merge(found, shape_of(item, path + "[]"))
        return [found] if found is not None else []
    return kind(value) or None


def merge(a: Any, b: Any) -> Any:
    if a is None:
        return b
    if b is None:
        return a
    if isinstance(a, dict) and isinstance(b, dict):
        return {k: merge(a.get(k), b.get(k)) for k in sorted({*a, *b})}
    if isinstance(a, list) and isinstance(b, list):
        inner = merge(a[0] if a else None, b[0] if b else None)
        return [inner] if inner is not None else []
    kinds = set(_kinds(a)) | set(_kinds(b))
    return "|".join(sorted(kinds))


def _kinds(shape: Any) -> list[str]:
    if isinstance(shape, dict):
        return ["dict"]
    if isinstance(shape, list):
        return ["list"]
    return str(shape).split("|")


def facts_shape(all_facts: list[dict[str, Any]]) -> Any:
    found: Any = None
    for facts in all_facts:
        probes = {name: shape_of(p, f"probes.{name}") for name, p in facts["probes"].items()}
        # "*": any probe, also one a newer doctor writes: what every probe result has
        for result in facts["probes"].values():
            common = {k: v for k, v in result.items() if k != "data"}
            probes["*"] = merge(probes.get("*"), shape_of(common, "probes.*"))
        found = merge(found, {"probes": probes, "context": shape_of(facts["context"], "context")})
    return found


def recorded_machines() -> list[dict[str, Any]]:
    from tests.test_machines import MACHINES

    return [json.loads(json.dumps(m.facts)) for m in MACHINES]


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("reports", nargs="+")
    p.add_argument("--check", action="store_true")
    ns = p.parse_args(argv)
    facts = [json.loads(Path(r).read_text(encoding="utf-8"))["facts"] for r in ns.reports]
    text = json.dumps(facts_shape(facts + recorded_machines()), indent=1, sort_keys=True) + "\n"
    if ns.check:
        print("same" if SHAPE.read_text(encoding="utf-8") == text else "differs")
        return 0
    SHAPE.write_text(text, encoding="utf-8")
    print(f"wrote {SHAPE} ({len(text)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
