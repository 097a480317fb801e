"""Every field of a saved report has its type (doctor/report_shape.json, recorded from what the
probes write): a report a real run wrote always loads, and a wrong type in any field, not only
the ones doctor.reportmodel lists by hand, is a usage error naming the field (exit 2), never a
check "failed inside icefall-doctor"."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from doctor import reportshape
from tests.helpers import _user_env as user_env
from tests.helpers import run_cli, run_json
from tests.test_machines import MACHINES


@pytest.fixture(scope="module")
def real_report(bare_venv: Path) -> dict[str, Any]:
    """What every probe writes on this machine, for a bare venv and for the doctor's own Python."""
    _, bare = run_json("--python", str(bare_venv), "--offline")
    _, own = run_json("--python", sys.executable, "--offline")
    assert bare["facts"]["probes"] and own["facts"]["probes"]
    return {"bare": bare, "own": own}


def test_the_facts_real_probes_write_fit_the_shape(real_report: dict[str, Any]) -> None:
    for report in real_report.values():
        assert list(reportshape.mismatches(report["facts"], reportshape.load(), "facts")) == []


def test_the_recorded_machines_fit_the_shape() -> None:
    for machine in MACHINES:
        found = list(reportshape.mismatches(machine.facts, reportshape.load(), "facts"))
        assert found == [], machine.id


def _set(report: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    out = copy.deepcopy(report)
    node = out
    *parents, last = path.split(".")
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value
    return out


CASES = [
    ("facts.context.options", 12345, "facts.context.options is 12345: it must be an object"),
    ("facts.probes.system.data.distro", "x", "system.data.distro is 'x': it must be an object"),
    ("facts.probes.system.data.disk", {"free": "x"}, "disk.free is 'x': it must be a whole number"),
    ("facts.probes.system.data.ram_total", 10**400, "ram_total is 100000"),
    (
        "facts.probes.system.data.disk",
        {"free": -5},
        "disk.free is -5: it must be a whole number ≥ 0",
    ),
    ("facts.probes.python.data.sys_path", [1], "sys_path[0] is 1: it must be text"),
    ("facts.probes.k2.data", {"build": "x"}, "k2.data.build is 'x': it must be an object"),
    ("facts.probes.modules.data", {"missing": [1, None]}, "missing[0] is 1: it must be text"),
    ("facts.probes.recipe.data", {"stages": 7}, "recipe.data.stages is 7: it must be a list"),
]


@pytest.mark.parametrize(("path", "value", "said"), CASES, ids=[c[0] for c in CASES])
def test_a_wrong_type_anywhere_is_a_usage_error_naming_the_field(
    tmp_path: Path, real_report: dict[str, Any], path: str, value: Any, said: str
) -> None:
    report = copy.deepcopy(real_report["own"])
    if path.startswith("facts.probes."):  # a probe this run did not start (no recipe): as if
        report["facts"]["probes"].setdefault(path.split(".")[2], {"status": "ok", "data": {}})
    report = _set(report, path, value)
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps(report), encoding="utf-8")
    proc = run_cli("check", "--from", str(saved))
    assert proc.returncode == 2, proc.stdout
    assert said in proc.stderr and "inside icefall-doctor" not in proc.stdout + proc.stderr


def test_a_probe_a_newer_doctor_writes_is_kept_and_the_rest_judged(
    tmp_path: Path, real_report: dict[str, Any]
) -> None:
    report = _set(real_report["own"], "facts.probes.future", {"status": "ok", "data": {"x": 1}})
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps(report), encoding="utf-8")
    proc = run_cli("check", "--from", str(saved))
    assert proc.returncode in (0, 1), proc.stderr
    assert "Python " in proc.stdout and not proc.stderr


def test_a_schema_given_as_text_is_shown_as_text(tmp_path: Path) -> None:
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps({"schema": "2", "facts": {"probes": {}}}), encoding="utf-8")
    proc = run_cli("check", "--from", str(saved))
    assert proc.returncode == 2
    assert f'{saved} has report schema "2", this icefall-doctor reads 1, 2, 3' in proc.stderr


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe{\x00}\x00", bytes(range(256)) * 8, b"[" * 100_000 + b"]" * 100_000],
    ids=["utf-16", "binary", "nested-100000"],
)
def test_a_file_that_is_no_json_report_is_said_so(tmp_path: Path, content: bytes) -> None:
    saved = tmp_path / "report.json"
    saved.write_bytes(content)
    for command in ("check", "fix"):
        proc = run_cli(command, "--from", str(saved))
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.startswith(f"icefall-doctor: error: {saved} is not JSON")


def test_a_report_with_a_byte_order_mark_or_on_stdin_is_read(
    tmp_path: Path, real_report: dict[str, Any]
) -> None:
    text = json.dumps(real_report["own"])
    saved = tmp_path / "report.json"
    saved.write_bytes(b"\xef\xbb\xbf" + text.encode())
    marked = run_cli("check", "--from", str(saved))
    argv = [sys.executable, "-m", "doctor", "check", "--from", "-"]
    piped = subprocess.run(argv, input=text, capture_output=True, text=True, env=user_env(None))
    for proc in (marked, piped):
        assert proc.returncode in (0, 1), proc.stderr
        assert proc.stdout.startswith("system\n") and not proc.stderr


def test_a_report_without_probe_results_is_said_to_hold_nothing(tmp_path: Path) -> None:
    saved = tmp_path / "report.json"
    context = {"target": "/env/bin/python3"}
    saved.write_text(json.dumps({"schema": 2, "facts": {"probes": {}, "context": context}}))
    proc = run_cli("check", "--from", str(saved))
    assert proc.returncode == 2
    assert f"{saved} holds no probe results: there is nothing to judge" in proc.stderr
