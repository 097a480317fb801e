"""`check --markdown`: the paste-ready issue block, through the installed console script."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.helpers import run_script
from tests.test_machines import MACHINES

RECORDED = {m.id: m.facts for m in MACHINES}


def _saved(tmp_path: Path, machine: str) -> Path:
    path = tmp_path / "report.json"
    path.write_text(json.dumps({"schema": 1, "facts": RECORDED[machine]}), encoding="utf-8")
    return path


def test_blocking_problems_come_first_then_the_environment(tmp_path: Path) -> None:
    proc = run_script("check", "--from", str(_saved(tmp_path, "rtx3070ti-write-up")), "--markdown")
    assert proc.returncode == 1 and proc.stderr == "", proc.stderr
    out = proc.stdout
    blocking, environment = out.index("#### Blocking problems"), out.index("#### Environment")
    assert blocking < environment
    problems = out[blocking:environment]
    assert "1. **" in problems and "```bash" in problems
    assert "pip install k2==" in problems  # the fix command, paste-ready
    table = out[environment:]
    assert "| GPU 0 | NVIDIA GeForce RTX 3070 Ti, compute capability 8.6, 8.0 GiB |" in table
    assert "| torch | 2.7.1+cu126 (CUDA 12.6, cuDNN 90100, GPU usable: yes) |" in table
    assert "| NVIDIA driver | 550.142 (supports CUDA 12.4) |" in table
    assert "| lhotse | 1.33.0 |" in table and "| k2 | not installed |" in table
    assert "| Python | 3.10.12 at /env/bin/python3 (venv) |" in table
    # one line per root cause: no title is listed twice
    titles = [line for line in problems.splitlines() if line[:1].isdigit()]
    assert len(titles) == len(set(titles))
    assert "\x1b[" not in out  # no colour codes in a block meant for pasting


def test_a_machine_with_nothing_blocking_says_so(tmp_path: Path) -> None:
    proc = run_script("check", "--from", str(_saved(tmp_path, "cpu-laptop")), "--markdown")
    assert "#### Environment" in proc.stdout and "| OS |" in proc.stdout


def test_secrets_and_the_home_folder_never_appear(tmp_path: Path) -> None:
    home = tmp_path / "home"
    secret = "s3cr3tVALUE99"
    bindir = home / "envs" / f"tok-{secret}" / "bin"
    bindir.mkdir(parents=True)
    (bindir / "python3").symlink_to(sys.executable)
    env = {
        "HOME": str(home),
        "MY_API_TOKEN": secret,
        "https_proxy": "http://alice:pr0xyPassw0rd@127.0.0.1:9",
    }
    proc = run_script(
        "check", "--markdown", "--offline", "--python", str(bindir / "python3"),
        "--only", "python", "--only", "torch", "--only", "k2", env=env,
    )  # fmt: skip
    assert proc.returncode in (0, 1), proc.stderr
    assert "| Python |" in proc.stdout and "~/envs/tok-***/bin/python3" in proc.stdout
    for hidden in (secret, str(home), "pr0xyPassw0rd"):
        assert hidden not in proc.stdout and hidden not in proc.stderr


def test_json_and_markdown_together_is_a_usage_error(tmp_path: Path) -> None:
    saved = _saved(tmp_path, "cpu-laptop")
    proc = run_script("check", "--from", str(saved), "--markdown", "--json")
    assert proc.returncode == 2 and proc.stdout == ""
    assert "--json or --markdown" in proc.stderr


def test_only_check_has_markdown() -> None:
    assert "--markdown" in run_script("check", "--help").stdout
    assert "--markdown" not in run_script("fix", "--help").stdout
    assert "report" not in run_script("--help").stdout.split("environment:")[0].split()


@pytest.mark.parametrize("machine", sorted(RECORDED))
def test_every_recorded_machine_gives_a_block(tmp_path: Path, machine: str) -> None:
    proc = run_script("check", "--from", str(_saved(tmp_path, machine)), "--markdown")
    assert proc.returncode in (0, 1) and proc.stderr == "", proc.stderr
    assert "#### Environment" in proc.stdout and "| icefall-doctor |" in proc.stdout
