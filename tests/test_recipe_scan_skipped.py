"""`recipe.imports` says ✓ only when a scan read the recipe's scripts: a scan that did not
happen, failed, or found no script is said as skipped, with why (through the console script)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import run_script

RECIPE = {"active": True, "recipe": "baker_zh/matcha", "dir": "/x/egs/baker_zh/TTS"}


def _check(tmp_path: Path, modules: dict[str, Any]) -> str:
    probes = {
        n: {"name": n, "status": "ok", "data": d}
        for n, d in (("recipe", RECIPE), ("modules", {"found": {}, "missing": [], **modules}))
    }
    saved = tmp_path / "r.json"
    saved.write_text(json.dumps({"schema": 2, "facts": {"probes": probes, "context": {}}}))
    proc = run_script("check", "--from", str(saved), "--only", "recipe.imports")
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.parametrize(
    ("modules", "why"),
    [
        ({"scan": None}, "its scripts were not scanned"),
        ({"scan": None, "scan_error": "OSError: disk gone"}, "the scan of its scripts failed"),
        ({"scan": {"files": 0, "sites": []}}, "none of its step scripts was found to scan"),
    ],
    ids=["no-scan", "scan-error", "no-files"],
)
def test_no_tick_without_a_scan(tmp_path: Path, modules: dict[str, Any], why: str) -> None:
    out = _check(tmp_path, modules)
    assert "Every module" not in out and "✓" not in out
    assert f"The recipe's imports were not checked: {why}" in out
    if modules.get("scan_error"):
        assert "OSError: disk gone" in out


def test_a_real_scan_still_gets_its_tick(tmp_path: Path) -> None:
    out = _check(tmp_path, {"found": {"torch": "x"}, "scan": {"files": 7, "sites": []}})
    assert "✓ Every module the recipe's scripts import resolves (1 names, 7 files scanned)" in out
