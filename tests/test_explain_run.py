"""`explain --run CMD`: the command's output shows as it would without the doctor (progress
bars and colours kept, other escape sequences escaped), a command that prints nothing is said
to have printed nothing (with what its signal usually means), and bash's own messages are read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import _user_env as user_env
from tests.helpers import run_cli


def _run(cmd: str, *extra: str) -> tuple[int, str, str]:
    proc = run_cli("explain", "--no-probe", "--run", cmd, *extra)
    return proc.returncode, proc.stdout, proc.stderr


def test_progress_bars_and_colours_pass_through_other_escapes_do_not() -> None:
    cmd = r'printf "10%%\r100%%\n\033[31mred\033[0m \033]0;title\007\n"; exit 1'
    argv = [sys.executable, "-m", "doctor", "explain", "--no-probe", "--run", cmd]
    proc = subprocess.run(argv, capture_output=True, env=user_env(None), timeout=120)  # bytes
    assert proc.returncode == 1
    assert proc.stdout.startswith(b"10%\r100%\n\x1b[31mred\x1b[0m \\x1b]0;title\\x07\n")


def test_a_secret_in_the_output_is_hidden() -> None:
    _, out, _ = _run("echo https://alice:s3cret@mirror.example/simple; exit 1")
    assert "s3cret" not in out and "https://***@mirror.example/simple" in out


@pytest.mark.parametrize(
    ("cmd", "said"),
    [
        ("exit 255", "The command failed: exit code 255. It printed nothing"),
        ("kill -KILL $$", "killed by SIGKILL (exit status -9); with no message this is most often"
                          " the kernel's out-of-memory killer"),
        ("kill -SEGV $$", "killed by SIGSEGV (exit status -11); a crash in native code"),
    ],
)  # fmt: skip
def test_a_command_that_prints_nothing_is_said_to_and_how_it_ended(cmd: str, said: str) -> None:
    code, out, err = _run(cmd)
    assert code == 1 and out == ""
    assert said in " ".join(err.split())
    assert "The log is empty" not in err + out


def test_a_message_of_the_shell_users_type_in_is_read() -> None:
    _, out, err = _run("./no/such/step.sh")
    assert "The command failed: exit code 127. Explaining its output." in err
    assert "The shell cannot find ./no/such/step.sh." in out


def test_with_json_stdout_is_one_json_document_and_the_output_goes_to_stderr() -> None:
    code, out, err = _run("echo 'ModuleNotFoundError: No module named lilcom'; exit 3", "--json")
    data = json.loads(out)
    assert data["command"] == "explain" and code == 0
    assert "ModuleNotFoundError: No module named lilcom" in err


def test_an_endless_binary_input_is_named_at_once() -> None:
    """/dev/zero never ends and has no newline: the NUL bytes at its start are enough."""
    proc = run_cli("explain", "--no-probe", "/dev/zero", timeout=60)
    assert proc.returncode == 1
    assert proc.stdout.startswith("? This is a binary file, not a text log.")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-16-le-nobom", "utf-16-be-nobom"])
def test_a_utf16_log_as_windows_powershell_writes_it_is_read(tmp_path: Path, encoding: str) -> None:
    """With its byte-order mark, or without one (Out-File, .NET writers): not a binary file."""
    text = (
        "Traceback (most recent call last):\r\n"
        '  File "x.py", line 1, in <module>\r\n'
        "ModuleNotFoundError: No module named 'lilcom'\r\n"
    )
    log = tmp_path / "train.log"
    bom = b"\xfe\xff" if encoding == "utf-16-be" else b""
    log.write_bytes(bom + text.encode(encoding.removesuffix("-nobom")))
    proc = run_cli("explain", "--no-probe", str(log))
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.startswith("✗ Python cannot import lilcom")
