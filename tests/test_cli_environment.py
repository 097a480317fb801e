"""The command line on a strange machine, through the installed console script: a deleted
working directory, a checkout path that does not exist, ICEFALL_DIR honoured by every command."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.helpers import REPO, console_script, run_json, run_script


def _one_line_error(proc: subprocess.CompletedProcess[str], first: str) -> None:
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert lines[0] == f"icefall-doctor: error: {first}", lines
    assert lines[1].startswith("hint: ") and len(lines) == 2, lines
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("command", ["check", "fix", "env-script"])
def test_icefall_option_that_is_not_a_directory(command: str, tmp_path: Path) -> None:
    missing = tmp_path / "no such dir"
    proc = run_script(*command.split(), "--icefall", str(missing), cwd=tmp_path)
    _one_line_error(proc, f"--icefall {missing}: no such directory")


def test_run_with_an_icefall_option_that_is_not_a_checkout(tmp_path: Path) -> None:
    missing = tmp_path / "no such dir"
    proc = run_script("run", "baker_zh/matcha", "--icefall", str(missing), cwd=tmp_path)
    assert proc.returncode == 2 and f"--icefall {missing}" in proc.stderr.splitlines()[0]
    assert "Traceback" not in proc.stderr


def test_icefall_dir_that_is_not_a_directory(tmp_path: Path) -> None:
    proc = run_script("check", env={"ICEFALL_DIR": "/nonexistent/icefall"}, cwd=tmp_path)
    _one_line_error(proc, "ICEFALL_DIR /nonexistent/icefall: no such directory")


def test_check_finds_the_checkout_through_icefall_dir(tmp_path: Path) -> None:
    ice = tmp_path / "my icefall"
    (ice / "icefall").mkdir(parents=True)
    (ice / "icefall" / "__init__.py").write_text("")
    (ice / "egs").mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _, report = run_json("--only", "icefall.found", env={"ICEFALL_DIR": str(ice)}, cwd=elsewhere)
    data = report["facts"]["probes"]["icefall"]["data"]
    assert data["root"] == str(ice), data


@pytest.mark.parametrize("command", ["check", "env-script", "run baker_zh/matcha --dry-run"])
def test_a_deleted_working_directory_is_a_clear_error(command: str, tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    env = {**os.environ, "PYTHONPATH": str(REPO)}

    def enter_and_delete() -> None:
        os.chdir(gone)
        os.rmdir(gone)

    proc = subprocess.run(
        [str(console_script()), *command.split()],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        preexec_fn=enter_and_delete,
    )
    _one_line_error(proc, "the current directory no longer exists")


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--epoch", "abc", "argument --epoch: 'abc': give an epoch number (1 or more) or best"),
        ("--epoch", "0", "argument --epoch: '0': give an epoch number (1 or more) or best"),
        ("--max-duration", "-5", "argument --max-duration: -5 is less than 1"),
        ("--world-size", "0", "argument --world-size: 0 is less than 1"),
        ("--num-workers", "x", "argument --num-workers: 'x' is not a whole number"),
    ],
)
def test_run_refuses_bad_values_before_anything_runs(
    tmp_path: Path, option: str, value: str, said: str
) -> None:
    proc = run_script("run", "baker_zh/matcha", option, value, cwd=tmp_path)
    _one_line_error(proc, said)


@pytest.mark.parametrize("value", ["inf", "0", "-1", "abc", "nan"])
def test_a_probe_timeout_that_is_no_number_of_seconds_is_a_usage_error(value: str) -> None:
    proc = run_script("check", "--offline", "--only", "python",
                      env={"ICEFALL_DOCTOR_PROBE_TIMEOUT": value})  # fmt: skip
    _one_line_error(
        proc,
        f"ICEFALL_DOCTOR_PROBE_TIMEOUT={value}: give a number of seconds above 0 and at most 3600",
    )


@pytest.mark.parametrize(("value", "offline"), [("on", True), ("1", True), ("off", False)])
def test_the_offline_variable_takes_the_usual_yes_and_no(value: str, offline: bool) -> None:
    _, report = run_json("--only", "python.version", env={"ICEFALL_DOCTOR_OFFLINE": value})
    assert bool(report["facts"]["context"]["options"].get("offline")) is offline


def test_an_offline_variable_that_is_no_yes_or_no_is_a_usage_error() -> None:
    proc = run_script("check", "--only", "python", env={"ICEFALL_DOCTOR_OFFLINE": "2"})
    _one_line_error(proc, "ICEFALL_DOCTOR_OFFLINE=2: give 1 or 0 (yes/no, true/false, on/off)")
