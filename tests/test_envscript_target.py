"""Where `env-script --write` writes, as a user runs it: the zsh user's ~/.zshrc, the bash
user's ~/.bashrc (also when SHELL is unset), and a folder given to --file is a usage error with
a hint; what the block puts on the paths: the checkout ICEFALL_DIR names, a toolkit's lib64."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from doctor.facts import Facts, ProbeResult
from doctor.fixer import envscript
from tests.helpers import icefall_checkout, run_cli


@pytest.mark.parametrize(("shell", "rc"), [("/usr/bin/zsh", ".zshrc"), ("/bin/bash", ".bashrc")])
def test_write_goes_to_the_login_shells_rc_file(tmp_path: Path, shell: str, rc: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    ice = str(icefall_checkout(tmp_path / "icefall"))
    proc = run_cli(
        "env-script", "--write", env={"HOME": str(home), "SHELL": shell, "ICEFALL_DIR": ice}
    )
    assert proc.returncode == 0, proc.stderr
    assert [p.name for p in home.iterdir()] == [rc]
    assert f"Wrote the icefall-doctor block into {home / rc}." in proc.stdout


def test_a_folder_given_to_file_is_a_usage_error_with_a_hint(tmp_path: Path) -> None:
    proc = run_cli("env-script", "--write", "--file", str(tmp_path), env={"HOME": str(tmp_path)})
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[-2:] == [
        f"icefall-doctor: error: {tmp_path} is a directory",
        "hint: give a file with --file",
    ]
    assert not list(tmp_path.iterdir())


def test_without_shell_set_write_goes_to_bashrc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SHELL", raising=False)  # a cron job, a container's bare environment
    home = tmp_path / "home"
    home.mkdir()
    ice = str(icefall_checkout(tmp_path / "icefall"))
    proc = run_cli("env-script", "--write", env={"HOME": str(home), "ICEFALL_DIR": ice})
    assert proc.returncode == 0, proc.stderr
    assert [p.name for p in home.iterdir()] == [".bashrc"]


def test_with_nothing_to_set_write_refuses_and_keeps_the_block_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No checkout found (it moved, or none was given): writing would replace the user's block
    with one that sets nothing. A usage error, the file as it was."""
    monkeypatch.delenv("ICEFALL_DIR", raising=False)
    rc = tmp_path / ".bashrc"
    rc.write_text("alias ll='ls -l'\n", encoding="utf-8")
    ice = icefall_checkout(tmp_path / "icefall")
    first = run_cli("env-script", "--write", "--file", str(rc), "--icefall", str(ice))
    assert first.returncode == 0, first.stderr
    before = rc.read_bytes()
    shutil.rmtree(ice)  # the checkout moved
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = run_cli("env-script", "--write", "--file", str(rc), cwd=empty)
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[-2:] == [
        "icefall-doctor: error: nothing to write: no icefall checkout and no k2 source build were"
        " found, so the snippet would set nothing; nothing was changed",
        "hint: give your icefall clone with --icefall DIR (or set ICEFALL_DIR), then run it again",
    ]
    assert rc.read_bytes() == before and f'"PYTHONPATH": ["{ice}"]' in rc.read_text()
    assert len(list(tmp_path.glob(".bashrc*"))) == 2  # the file and the first write's backup


def test_the_checkout_found_through_icefall_dir_goes_on_pythonpath(tmp_path: Path) -> None:
    ice = icefall_checkout(tmp_path / "my icefall")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = run_cli("env-script", env={"ICEFALL_DIR": str(ice)}, cwd=elsewhere)
    assert proc.returncode == 0, proc.stderr
    assert envscript.parse_state(proc.stdout)["prepend"]["PYTHONPATH"] == [str(ice)]
    assert "icefall checkout not found" not in proc.stdout


def test_a_source_k2_missing_cuda_libraries_gets_the_toolkits_lib64() -> None:
    nvcc = {"source": "/usr/local/cuda-12.1", "nvcc": "/usr/local/cuda-12.1/bin/nvcc"}
    build = {"python_dir": "/k2/k2/python", "lib_dir": "/k2/build/lib"}
    error = "libcudart.so.12: cannot open shared object file: No such file or directory"
    facts = Facts(
        probes={
            "k2": ProbeResult("k2", "ok", {"source_build": build, "import_error": error}),
            "cuda": ProbeResult("cuda", "ok", {"candidates": [{**nvcc, "release": "12.1"}]}),
        }
    )
    state = envscript.parse_state(envscript.rc_body(envscript.plan_env(facts, icefall="/ice")))
    assert state["prepend"]["LD_LIBRARY_PATH"] == ["/usr/local/cuda-12.1/lib64"]
    assert state["prepend"]["PATH"] == ["/usr/local/cuda-12.1/bin"]
