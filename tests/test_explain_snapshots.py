"""What `icefall-doctor explain` tells a user, pinned for a table of small synthetic logs
(tests/explain_logs.py: one or more per rule and class of doctor/explain): the rendered text
(100 columns, English, no colour) and `--json` (category, rule, every message with its
parameters, fix commands, notes), so a change of any class's category, a message parameter or a
fix command shows as a diff. A second table explains the logs whose fix depends on the machine
with the facts of recorded machines (what `explain` probes), as `explain` does after probing.
Rewrite with UPDATE_SNAPSHOTS=1 after a deliberate change, then read the diff."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from doctor.console import make_console
from doctor.explain import diagnose_scan, rules, scan
from doctor.explain.render import render_text, to_json
from doctor.facts import Facts
from tests.explain_logs import LOGS
from tests.golden import matches, stable_json
from tests.helpers import run_cli_here
from tests.test_machines import MACHINES

PLAIN = {"COLUMNS": "100", "NO_COLOR": "1", "FORCE_COLOR": ""}
RECORDED = {m.id: m.facts for m in MACHINES}


def _compact(report: dict[str, Any]) -> dict[str, Any]:
    """The report without the source's path, and a message's parameters written once where
    they are the diagnosis's own (they are, for most messages)."""
    report = {k: v for k, v in report.items() if k != "source"}
    for d in report.get("diagnoses", []):
        for field in ("summary", "why"):
            m = d.get(field)
            if isinstance(m, dict) and m.get("params") == d.get("params"):
                d[field] = {"key": m["key"], "params": "(the diagnosis's params)"}
    return report


@pytest.mark.parametrize("name", sorted(LOGS))
def test_explain_text_and_json_of_a_log(tmp_path: Path, name: str) -> None:
    log = tmp_path / "train.log"
    log.write_text(LOGS[name], encoding="utf-8")
    args = ("explain", str(log), "--no-probe", "--python", "python3")
    shown = run_cli_here(*args, env=PLAIN)
    as_json = run_cli_here(*args, "--json", env=PLAIN)
    assert shown.stderr == as_json.stderr == ""
    assert shown.returncode == as_json.returncode
    report = json.loads(as_json.stdout)
    assert shown.returncode == (0 if report["recognised"] else 1)
    out = f"$ icefall-doctor explain LOG  (exit {shown.returncode})\n{shown.stdout}\n"
    out += stable_json(_compact(report))
    matches(f"explain/{name}.txt", out.replace(str(tmp_path), "<tmp>"))


# Logs whose explanation changes with the machine (explain probes python, torch and nvidia for
# these categories, and the k2.plan check's probes for a k2 fix), and machines that differ in
# what those probes found.
WITH_FACTS = [
    "module-missing-k2",
    "k2-torch-mismatch",
    "k2-cpu-build",
    "k2-undefined-symbol",
    "k2-python-abi",
    "cuda-driver-insufficient",
    "cuda-driver-too-old",
    "cuda-oom",
    "cuda-oom-no-total",
    "cuda-library-missing",
    "cuda-cudnn-version",
    "lib-not-found-torchaudio",
    "module-missing-torch",
]
MACHINE_IDS = [
    "rtx3070ti-write-up",
    "cpu-laptop",
    "rtx3090-old-driver470",
    "a100-driver525-minor-compat",
    "rtx5090-blackwell",
    "write-up-cpu-k2-source-build-exported",
]


@pytest.mark.parametrize("machine", MACHINE_IDS)
@pytest.mark.parametrize("name", WITH_FACTS)
def test_explain_with_a_machines_facts(
    monkeypatch: pytest.MonkeyPatch, name: str, machine: str
) -> None:
    for key, value in PLAIN.items():
        monkeypatch.setenv(key, value)
    result = scan.scan_lines(LOGS[name].splitlines(), rules.load())
    diagnoses = diagnose_scan(result, Facts.from_json(RECORDED[machine]), "en")
    shown = io.StringIO()
    render_text(make_console(shown), diagnoses, "en")
    out = f"$ icefall-doctor explain LOG  (on {machine})\n{shown.getvalue()}\n"
    out += stable_json(_compact(to_json(diagnoses, "en", "LOG")))
    matches(f"explain-facts/{name}--{machine}.txt", out)
