"""The full text of `check --from` on three recorded machines, at 80 and 40 columns, with and
without colour, pinned as snapshots (tests/snapshots/). Set UPDATE_SNAPSHOTS=1 to rewrite them
after a deliberate change, then read the diff."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from doctor.findings import Finding, Status
from doctor.msgtype import msg
from doctor.render.problems import Problem
from doctor.render.text import finding
from tests.helpers import run_cli
from tests.test_machines import MACHINES

SNAPSHOTS = Path(__file__).parent / "snapshots"
RECORDED = {m.id: m.facts for m in MACHINES}
CASES = ["rtx3070ti-write-up", "cpu-laptop", "pypi-k2-trap-conda"]


def _output(tmp_path: Path, facts: dict[str, Any], columns: int, colour: bool) -> str:
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps({"schema": 1, "facts": facts}), encoding="utf-8")
    env = {"COLUMNS": str(columns), "NO_COLOR": "", "FORCE_COLOR": "1" if colour else ""}
    if not colour:
        env["NO_COLOR"] = "1"
    proc = run_cli("check", "--from", str(saved), env=env)
    assert proc.stderr == "", proc.stderr
    return proc.stdout


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
@pytest.mark.parametrize("columns", [80, 40])
@pytest.mark.parametrize("machine", CASES)
def test_check_text_output(tmp_path: Path, machine: str, columns: int, colour: bool) -> None:
    out = _output(tmp_path, RECORDED[machine], columns, colour)
    snap = SNAPSHOTS / f"check-{machine}-{columns}-{'colour' if colour else 'plain'}.txt"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        snap.write_text(out, encoding="utf-8")
    assert out == snap.read_text(encoding="utf-8")
    if not colour:
        assert "\x1b[" not in out
        assert all(len(line) <= columns or line.startswith("        ") for line in out.splitlines())
    else:
        assert "\x1b[" in out


def test_one_problem_is_said_once(tmp_path: Path) -> None:
    """A missing torch seen by the torch check, icefall's import and the recipe scan is one
    problem: one ✗ line, the others named under it, counted once in the summary."""
    facts = json.loads(json.dumps(RECORDED["cpu-laptop"]))
    probes = facts["probes"]
    probes["torch"] = {"name": "torch", "status": "ok", "data": {"installed": False}}
    probes["icefall"]["data"] = {
        "root": "/src/icefall",
        "is_checkout": True,
        "on_pythonpath": True,
        "import_error": "ModuleNotFoundError: No module named 'torch'",
        "import_error_with_root": "ModuleNotFoundError: No module named 'torch'",
    }
    out = _output(tmp_path, facts, 100, False)
    assert out.count("torch is not installed") == 1, out
    assert "icefall.import" in out and "Also found by:" in out
    assert "import icefall fails" not in out
    summary = out[out.index("problem(s) block training") - 3 :]
    assert "Next: `icefall-doctor fix` shows how to fix" in summary


def test_an_installed_command_off_path_is_one_problem_with_the_path_fix(tmp_path: Path) -> None:
    """lhotse installed in the environment but the environment not activated: the recipe's
    'lhotse is not on PATH', the lhotse CLI check and the stray-tools warning are one problem,
    fixed by putting the environment's bin folder first on PATH, never by reinstalling lhotse."""
    facts = json.loads(json.dumps(RECORDED["cpu-laptop"]))
    probes = facts["probes"]
    probes["python"]["data"]["executable"] = "/env/bin/python3"
    probes["recipe"] = {
        "name": "recipe",
        "status": "ok",
        "data": {
            "active": True,
            "recipe": "baker_zh/matcha",
            "dir": "/src/icefall/egs/baker_zh/TTS",
            "commands": [
                {
                    "names": ["lhotse"],
                    "step": "prepare stage 0",
                    "found": None,
                    "in_target_bin": "/env/bin/lhotse",
                }
            ],
        },
    }
    probes["lhotse"]["data"]["cli"] = {"path": ""}
    out = _output(tmp_path, facts, 100, False)
    assert out.count("' is not on PATH;") == 1 and "The lhotse command" not in out, out
    assert 'export PATH=/env/bin:"$PATH"' in out
    assert "pip install" not in out.split("'lhotse' is not on PATH")[1].split("\n  ")[0]


def test_a_place_where_a_merged_problem_was_seen_is_named_with_its_check() -> None:
    """A finding merged under another one is listed by its check; when it was seen at a line of
    a script, that place follows in parentheses, so it cannot read as one more check."""
    face = Finding("k2.import", Status.FAIL, msg("recipe.module.missing.title", module="k2",
                   file="matcha/train.py", line=20))  # fmt: skip
    seen = Finding("recipe.imports", Status.FAIL, msg("recipe.module.missing.title", module="k2",
                   file="icefall/decode.py", line=23))  # fmt: skip
    plain = Finding("k2.plan", Status.FAIL, msg("k2.phrase.none"))
    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None, force_terminal=False)
    finding(console, face, False, "en", Problem(face, (plain, seen), cause="k2"))
    assert "Also found by: k2.plan, recipe.imports (icefall/decode.py:23)" in out.getvalue()
