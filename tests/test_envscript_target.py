"""Where `env-script --write` writes, as a user runs it: the zsh user's ~/.zshrc, the bash
user's ~/.bashrc, and a folder given to --file is a usage error with a hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_cli


@pytest.mark.parametrize(("shell", "rc"), [("/usr/bin/zsh", ".zshrc"), ("/bin/bash", ".bashrc")])
def test_write_goes_to_the_login_shells_rc_file(tmp_path: Path, shell: str, rc: str) -> None:
    proc = run_cli("env-script", "--write", env={"HOME": str(tmp_path), "SHELL": shell})
    assert proc.returncode == 0, proc.stderr
    assert [p.name for p in tmp_path.iterdir()] == [rc]
    assert f"Wrote the icefall-doctor block into {tmp_path / rc}." in proc.stdout


def test_a_folder_given_to_file_is_a_usage_error_with_a_hint(tmp_path: Path) -> None:
    proc = run_cli("env-script", "--write", "--file", str(tmp_path), env={"HOME": str(tmp_path)})
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[-2:] == [
        f"icefall-doctor: error: {tmp_path} is a directory",
        "hint: give a file with --file",
    ]
    assert not list(tmp_path.iterdir())
