"""Golden snapshots under tests/snapshots/: `matches(name, text)` compares a rendered output with
its file, or (re)writes the file when UPDATE_SNAPSHOTS=1. After a deliberate change, rewrite
them with `UPDATE_SNAPSHOTS=1 python -m pytest tests/test_..._snapshots.py` and read the diff:
what it shows is what users will see."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

SNAPSHOTS = Path(__file__).parent / "snapshots"
VOLATILE = ("tool", "knowledge", "facts", "schema")  # version, knowledge date, the input echoed


def matches(name: str, text: str) -> None:
    snap = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        snap.parent.mkdir(parents=True, exist_ok=True)
        snap.write_text(text, encoding="utf-8")
    assert snap.is_file(), f"{snap} is missing: run the test once with UPDATE_SNAPSHOTS=1"
    expected = snap.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs from its snapshot (UPDATE_SNAPSHOTS=1 rewrites it)"


def stable_json(report: dict[str, Any]) -> str:
    """A JSON report without what changes with no change of judgement (the tool's version, the
    knowledge's date, the facts it was given), indented, keys sorted."""
    kept = {k: v for k, v in report.items() if k not in VOLATILE}
    return json.dumps(kept, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
