"""The whole of what a user sees for every recorded machine of tests/test_machines.py, pinned:
`check --from` and `fix --from` as plain text (100 columns, English) and as JSON (findings,
problems, summary, plan steps; not the tool's version or the facts given). Any change to a
verdict, a message, a parameter of a message, a fix command or a plan step shows as a diff
here. Rewrite with UPDATE_SNAPSHOTS=1 after a deliberate change, then read the diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.golden import matches, stable_json
from tests.helpers import run_cli_here
from tests.test_machines import MACHINES, Machine

PLAIN = {"COLUMNS": "100", "NO_COLOR": "1", "FORCE_COLOR": ""}


def _run(tmp_path: Path, machine: Machine, *args: str) -> tuple[int, str]:
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps({"schema": 1, "facts": machine.facts}), encoding="utf-8")
    proc = run_cli_here(*args, "--from", str(saved), env=PLAIN)
    assert proc.stderr == "", proc.stderr
    assert proc.returncode in (0, 1), proc.stdout
    return proc.returncode, proc.stdout.replace(str(tmp_path), "<tmp>")


@pytest.mark.parametrize("machine", MACHINES, ids=[m.id for m in MACHINES])
def test_check_and_fix_text_of_a_recorded_machine(tmp_path: Path, machine: Machine) -> None:
    check_code, check = _run(tmp_path, machine, "check")
    fix_code, fix = _run(tmp_path, machine, "fix")
    out = f"$ icefall-doctor check  (exit {check_code})\n{check}\n"
    out += f"$ icefall-doctor fix  (exit {fix_code})\n{fix}"
    assert "\x1b[" not in out
    matches(f"machines/{machine.id}.txt", out)


@pytest.mark.parametrize("machine", MACHINES, ids=[m.id for m in MACHINES])
def test_check_and_fix_json_of_a_recorded_machine(tmp_path: Path, machine: Machine) -> None:
    check_code, check = _run(tmp_path, machine, "check", "--json")
    fix_code, fix = _run(tmp_path, machine, "fix", "--json")
    check_report, fix_report = json.loads(check), json.loads(fix)
    assert check_report["exit_code"] == check_code
    out = f"check (exit {check_code}):\n{stable_json(check_report)}"
    out += f"fix (exit {fix_code}):\n{stable_json(fix_report)}"
    matches(f"machines/{machine.id}.json", out)
