"""Output that survives any terminal, through the installed console script: an ASCII-only
encoding, a closed stdin, and standard output on a full disk."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.helpers import REPO, console_script, run_script


def test_ascii_output_encoding_gets_ascii_icons_and_no_crash() -> None:
    proc = run_script("--offline", "--only", "system", env={"PYTHONIOENCODING": "ascii"})
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr and "UnicodeEncodeError" not in proc.stderr
    lines = [x for x in proc.stdout.splitlines() if x.startswith("  ")]
    assert lines and all(x.lstrip()[0] in "+!x-" for x in lines if x[2] != " "), proc.stdout
    assert "✓" not in proc.stdout


def test_explain_with_stdin_closed_names_an_empty_log() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [str(console_script()), "explain", "-", "--no-probe"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        preexec_fn=lambda: os.close(0),
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and "failed:" not in proc.stderr


def test_stdout_on_a_full_disk_is_a_one_line_error() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [str(console_script()), "--offline", "--only", "system"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=60,
        )
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "icefall-doctor: error: cannot write the output: No space left on device",
        "hint: check where the output goes (a full disk, a closed pipe) and run it again",
    ]


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("recipes", "--help")])
def test_help_on_a_full_disk_is_the_same_error(args: tuple[str, ...]) -> None:
    """argparse drops a failed write of --help; it was exit 0 with nothing shown."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with open("/dev/full", "w") as full:
        proc = subprocess.run([str(console_script()), *args], stdout=full,
                              stderr=subprocess.PIPE, text=True, env=env, timeout=60)  # fmt: skip
    assert proc.returncode == 2
    assert proc.stderr.startswith("icefall-doctor: error: cannot write the output: No space")


def test_stdout_closed_is_said_on_stderr() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run([str(console_script()), "recipes"], stderr=subprocess.PIPE, text=True,
                          env=env, timeout=60, preexec_fn=lambda: os.close(1))  # fmt: skip
    assert proc.returncode == 2
    assert proc.stderr.startswith(
        "icefall-doctor: error: cannot write the output: standard output is closed"
    )
