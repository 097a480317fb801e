"""The options that change what `check` and `fix` print, pinned for a few recorded machines:
`--mirror cn` (k2's -cn wheel pages, a PyPI mirror), `--index-url` (the user's package index
kept in every pip command), `--lang zh`, `check --markdown` (the redacted block for an issue)
and `--strict`; and every explain log of tests/explain_logs.py in Chinese (one file). Rewrite
with UPDATE_SNAPSHOTS=1 after a deliberate change, then read the diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.explain_logs import LOGS
from tests.golden import matches
from tests.helpers import run_cli_here
from tests.test_machines import MACHINES

PLAIN = {"COLUMNS": "100", "NO_COLOR": "1", "FORCE_COLOR": ""}
RECORDED = {m.id: m.facts for m in MACHINES}
CHOSEN = [
    "rtx3070ti-write-up",
    "rtx5090-blackwell",
    "cpu-laptop",
    "pypi-k2-trap-conda",
    "write-up-cpu-k2-source-build-exports-forgotten",
    "windows-gpu",
]
OPTIONS = {
    "mirror-cn": ("fix", "--mirror", "cn"),
    "index-url": ("fix", "--index-url", "https://pypi.example.org/simple"),
    "zh": ("fix", "--lang", "zh"),
    "check-zh": ("check", "--lang", "zh"),
    "markdown": ("check", "--markdown"),
    "strict": ("check", "--strict"),
}


@pytest.mark.parametrize("option", sorted(OPTIONS))
@pytest.mark.parametrize("machine", CHOSEN)
def test_an_option_on_a_recorded_machine(tmp_path: Path, machine: str, option: str) -> None:
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps({"schema": 1, "facts": RECORDED[machine]}), encoding="utf-8")
    command, *args = OPTIONS[option]
    proc = run_cli_here(command, "--from", str(saved), *args, env=PLAIN)
    assert proc.stderr == "", proc.stderr
    out = proc.stdout.replace(str(tmp_path), "<tmp>")
    head = f"$ icefall-doctor {' '.join(OPTIONS[option])}  (exit {proc.returncode})\n"
    matches(f"options/{machine}--{option}.txt", head + out)


def test_every_explain_log_in_chinese(tmp_path: Path) -> None:
    out = ""
    for name in sorted(LOGS):
        log = tmp_path / "train.log"
        log.write_text(LOGS[name], encoding="utf-8")
        args = ("explain", str(log), "--no-probe", "--python", "python3", "--lang", "zh")
        proc = run_cli_here(*args, env=PLAIN)
        assert proc.stderr == ""
        out += f"=== {name}  (exit {proc.returncode})\n{proc.stdout}\n"
    matches("explain-zh.txt", out.replace(str(tmp_path), "<tmp>"))
