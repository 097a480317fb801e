"""The env snippet: what real bash makes of it, conda activate/deactivate, `env-script`, and the
check that notices when the current shell has not picked it up."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from doctor.facts import Facts, ProbeResult
from doctor.fixer import envscript, rcblock
from tests.helpers import VenvFactory, findings_by_check, run_cli, run_json

ICEFALL = "/data/my icefall/ïce-中文 $HOME `x`"


def _facts(**probes: Mapping[str, object]) -> Facts:
    return Facts(probes={n: ProbeResult(n, "ok", dict(d)) for n, d in probes.items()})


def _bash(script: str, env: dict[str, str] | None = None) -> str:
    base = {"PATH": os.environ["PATH"], "HOME": os.environ["HOME"]}
    out = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script],
        capture_output=True,
        text=True,
        env={**base, **(env or {})},
        check=True,
    )
    return out.stdout


def test_pythonpath_entries_in_order_once_and_cwd_kept_when_it_was_empty(tmp_path: Path) -> None:
    build = {"python_dir": "/src/k2/k2/python", "lib_dir": "/src/k2/build/lib"}
    plan = envscript.plan_env(_facts(k2={"source_build": build}), icefall=ICEFALL)
    rc = tmp_path / "rc"
    rc.write_text(envscript.rc_body(plan), encoding="utf-8")
    script = f'. "{rc}"; . "{rc}"; printf "%s" "$PYTHONPATH"'
    want = f"{ICEFALL}:/src/k2/k2/python:/src/k2/build/lib:"
    assert _bash(script) == want  # the trailing ':' is the current directory (infer.py)
    assert _bash(script, {"PYTHONPATH": "/mine"}) == want[:-1] + ":/mine"


def test_cuda_and_mirror_only_when_needed() -> None:
    nvcc = {"source": "/usr/local/cuda", "nvcc": "/usr/local/cuda/bin/nvcc", "release": "12.6"}
    cuda = {"candidates": [nvcc]}
    plain = envscript.rc_body(envscript.plan_env(_facts(cuda=cuda)))  # wheels: no CUDA_HOME
    assert "CUDA_HOME" not in plain and "HF_ENDPOINT" not in plain
    assert "icefall checkout not found" in plain
    build = {"python_dir": "/k2/k2/python", "lib_dir": "/k2/build/lib"}
    facts = _facts(k2={"source_build": build}, cuda=cuda)
    body = envscript.rc_body(envscript.plan_env(facts, icefall="/ice", mirror="cn"))
    out = _bash(f'{body}\nprintf "%s|%s|%s" "$CUDA_HOME" "$HF_ENDPOINT" "${{PATH%%:*}}"')
    assert out == "/usr/local/cuda|https://hf-mirror.com|/usr/local/cuda/bin"
    on_path = {"candidates": [{**nvcc, "source": "PATH"}, nvcc]}
    found = envscript.plan_env(_facts(k2={"source_build": build}, cuda=on_path), icefall="/i")
    assert "CUDA_HOME" not in envscript.rc_body(found)  # the shell already finds nvcc


def test_conda_env_is_activated_first() -> None:
    facts = _facts(python={"env_kind": "conda", "prefix": "/opt/conda/envs/matcha"})
    body = envscript.rc_body(envscript.plan_env(facts, icefall="/ice"))
    assert body.splitlines()[1] == 'conda activate "/opt/conda/envs/matcha"'


@pytest.mark.parametrize("before", [None, "", "/old/path"])
def test_conda_deactivate_restores_the_previous_values(tmp_path: Path, before: str | None) -> None:
    plan = envscript.plan_env(_facts(), icefall=ICEFALL, mirror="cn")
    activate, deactivate = envscript.conda_scripts(plan)
    (tmp_path / "a.sh").write_text(activate, encoding="utf-8")
    (tmp_path / "d.sh").write_text(deactivate, encoding="utf-8")
    leftovers = "$(env | grep -c _ICEFALL_DOCTOR_)"
    show = f'printf "%s|%s|%s;" "${{PYTHONPATH-unset}}" "${{HF_ENDPOINT-unset}}" "{leftovers}"'
    env = {} if before is None else {"PYTHONPATH": before, "HF_ENDPOINT": before}
    out = _bash(f'. "{tmp_path}/a.sh"; {show}; . "{tmp_path}/d.sh"; {show}', env)
    active, restored = out.split(";")[:2]
    assert active.startswith(f"{ICEFALL}:{before or ''}|https://hf-mirror.com|")
    shown = "unset" if before is None else before
    assert restored == f"{shown}|{shown}|0"


def test_env_script_write_keeps_a_dotfile_symlink_and_the_check_sees_the_shell(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home dir"
    dotfiles = home / "dotfiles"
    dotfiles.mkdir(parents=True)
    (dotfiles / "bashrc").write_text("# mine\nexport EDITOR=vi", encoding="utf-8")
    (home / ".bashrc").symlink_to(dotfiles / "bashrc")
    ice = tmp_path / "ice fall"
    ice.mkdir()
    env = {"HOME": str(home), "SHELL": "/bin/bash"}
    first = run_cli("bashrc", "--write", "--icefall", str(ice), env=env)
    assert first.returncode == 0, first.stderr
    assert "+++" in first.stdout and "Run `source" in first.stdout
    again = run_cli("env-script", "--write", "--icefall", str(ice), env=env)
    assert "already holds this block" in again.stdout
    assert (home / ".bashrc").is_symlink()
    text = (dotfiles / "bashrc").read_text(encoding="utf-8")
    assert text.startswith("# mine\nexport EDITOR=vi\n" + rcblock.BEGIN)
    _, stale = run_json("check", "--only", "python.env_snippet", env=env)
    [finding] = findings_by_check(stale)["python.env_snippet"]
    assert finding["status"] == "warn" and f"PYTHONPATH+={ice}" in finding["detail_text"]
    sourced = _bash(f'. "{home}/.bashrc"; printf "%s" "$PYTHONPATH"', {"HOME": str(home)})
    _, fresh = run_json("check", "--only", "python.env_snippet", env={**env, "PYTHONPATH": sourced})
    assert [f["status"] for f in findings_by_check(fresh)["python.env_snippet"]] == ["ok"]
    removed = run_cli("env-script", "--remove", env=env)
    assert removed.returncode == 0, removed.stderr
    assert (dotfiles / "bashrc").read_text(encoding="utf-8") == "# mine\nexport EDITOR=vi"


def test_env_script_prints_the_block_and_refuses_a_read_only_rc(tmp_path: Path) -> None:
    printed = run_cli("env-script", "--icefall", str(tmp_path))
    assert printed.returncode == 0, printed.stderr
    lines = printed.stdout.splitlines()
    assert lines[0] == rcblock.BEGIN and lines[-1] == rcblock.END
    state = envscript.parse_state(printed.stdout)
    assert state["prepend"]["PYTHONPATH"] == [str(tmp_path)]
    rc = tmp_path / "rc"
    rc.write_text("keep me\n")
    rc.chmod(0o444)
    refused = run_cli("env-script", "--write", "--file", str(rc), "--icefall", str(tmp_path))
    assert refused.returncode == 2
    assert "read-only; nothing was changed" in refused.stderr and "hint:" in refused.stderr
    assert rc.read_text() == "keep me\n"


def test_conda_option_needs_a_conda_env(bare_venv: Path) -> None:
    proc = run_cli("env-script", "--conda", "--python", str(bare_venv))
    assert proc.returncode == 2 and "not in one" in proc.stderr


def test_conda_option_writes_activate_and_deactivate_scripts(
    venvs: VenvFactory, tmp_path: Path
) -> None:
    python = venvs.get("fake-conda", [], with_pip=False)
    prefix = python.parent.parent
    (prefix / "conda-meta").mkdir(exist_ok=True)  # what makes an env a conda env
    ice = tmp_path / "ice fall"
    ice.mkdir()
    proc = run_cli("env-script", "--conda", "--python", str(python), "--icefall", str(ice))
    assert proc.returncode == 0, proc.stderr
    activate = prefix / "etc/conda/activate.d/icefall-doctor.sh"
    deactivate = prefix / "etc/conda/deactivate.d/icefall-doctor.sh"
    assert f"conda deactivate && conda activate {prefix}" in proc.stdout.replace("\n", "")
    script = (
        f'. "{activate}"; printf "%s;" "$PYTHONPATH"; . "{deactivate}"; printf "%s" "$PYTHONPATH"'
    )
    assert _bash(script, {"PYTHONPATH": "/x"}) == f"{ice}:/x;/x"


def test_state_line_round_trips() -> None:
    plan = envscript.plan_env(_facts(), icefall=ICEFALL, mirror="cn")
    state = envscript.parse_state(envscript.rc_body(plan))
    assert state == {"prepend": {"PYTHONPATH": [ICEFALL]}, "HF_ENDPOINT": "https://hf-mirror.com"}
    assert json.loads(json.dumps(state)) == state


def _env_script_into(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(home), "SHELL": "/bin/bash"}
    return run_cli("env-script", "--write", "--yes", "--python", sys.executable,
                   "--icefall", str(home), *args, env=env, timeout=60)  # fmt: skip


def test_a_bashrc_that_links_to_a_socket_is_refused_and_left_alone(tmp_path: Path) -> None:
    """~/.bashrc linked to something that is not a file (as to /dev/null, to switch it off in
    a container): refused, never replaced by a file and never read."""
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock"))
    (tmp_path / ".bashrc").symlink_to(tmp_path / "sock")
    try:
        proc = _env_script_into(tmp_path)
    finally:
        sock.close()
    assert proc.returncode == 2, proc.stderr
    assert "/.bashrc -> " in proc.stderr and "is not a regular file" in proc.stderr
    assert stat.S_ISSOCK((tmp_path / "sock").lstat().st_mode)
    assert not list(tmp_path.glob("*.bak"))


def test_a_fifo_given_with_file_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    proc = _env_script_into(tmp_path, "--file", str(fifo))
    assert proc.returncode == 2
    assert f"{fifo} is not a regular file" in proc.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.parametrize(
    ("env", "said"),
    [
        ({"HOME": "", "SHELL": "/bin/bash"}, "HOME is '', not a folder"),
        ({"HOME": "relative", "SHELL": "/bin/bash"}, "HOME is 'relative', not a folder"),
        ({"SHELL": "/usr/bin/fish"}, "your login shell is fish, which reads neither"),
    ],
)
def test_no_rc_file_is_guessed(tmp_path: Path, env: dict[str, str], said: str) -> None:
    """Where ~/.bashrc would be a guess (an empty HOME wrote /.bashrc at the root; fish reads
    no .bashrc), --write stops with a usage error and writes nothing."""
    full = {"HOME": str(tmp_path), **env}
    proc = run_cli("env-script", "--write", "--yes", "--python", sys.executable,
                   "--icefall", str(tmp_path), env=full, cwd=tmp_path)  # fmt: skip
    assert proc.returncode == 2 and said in proc.stderr
    assert "--file" in proc.stderr and not list(tmp_path.iterdir())
