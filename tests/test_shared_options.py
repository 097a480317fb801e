"""The same option means the same in every command: each parser is walked for the shared
options, and the cases where commands used to differ run through the installed console script
(`run --offline`, `env-script --yes`, ICEFALL_DIR)."""

from __future__ import annotations

import argparse
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from doctor.cli import build_parser
from doctor.commands import COMMANDS
from tests.helpers import _user_env, console_script, icefall_checkout, run_script, serve_directory
from tests.runner_fixtures import make_icefall

ALL = {c.name for c in COMMANDS}
# option -> (the commands that must have it, its dest). The commands left out do not do what the
# option is about: analyze, smoke-onnx and recipes probe no target interpreter (smoke-onnx runs
# the models in the doctor's own interpreter and says which), and nothing but fix and env-script
# changes the machine (--yes).
SHARED: dict[str, tuple[set[str], str]] = {
    "--python": ({"check", "fix", "env-script", "explain", "run"}, "python"),
    "--icefall": ({"check", "fix", "env-script", "run"}, "icefall"),
    "--offline": ({"check", "fix", "explain", "run"}, "offline"),
    "--yes": ({"fix", "env-script"}, "yes"),
    "--lang": (ALL, "lang"),
    "--json": ({"check", "fix", "explain", "analyze", "smoke-onnx", "recipes"}, "json"),
}


def _options(name: str) -> dict[str, argparse.Action]:
    parser = build_parser(name)
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {o: a for a in sub.choices[name]._actions for o in a.option_strings}


PARSERS = {name: _options(name) for name in sorted(ALL)}


@pytest.mark.parametrize("option", sorted(SHARED))
def test_a_shared_option_exists_and_means_the_same_everywhere(option: str) -> None:
    wanted, dest = SHARED[option]
    having = {name for name, opts in PARSERS.items() if option in opts}
    assert wanted <= having, f"{option} is missing from {sorted(wanted - having)}"
    actions = [PARSERS[name][option] for name in sorted(having)]
    first = actions[0]
    for name, action in zip(sorted(having), actions):
        assert action.dest == dest, (name, action.dest)
        assert action.help == first.help, f"{name} {option}: {action.help!r} vs {first.help!r}"
        assert type(action) is type(first) and action.choices == first.choices, name
        assert action.option_strings == first.option_strings, (name, action.option_strings)


def test_yes_is_also_minus_y() -> None:
    for name in SHARED["--yes"][0]:
        assert "-y" in PARSERS[name], name


def test_every_help_names_the_environment_variables() -> None:
    for name in sorted(ALL):
        out = run_script(name, "--help").stdout
        assert "ICEFALL_DIR" in out and "ICEFALL_DOCTOR_OFFLINE" in out, name


@pytest.mark.parametrize(
    "args",
    [["check"], ["fix"], ["env-script"], ["run", "fake/matcha", "--dry-run"]],
    ids=lambda a: a[0],
)
def test_icefall_dir_that_does_not_exist_is_a_usage_error_everywhere(
    tmp_path: Path, args: list[str]
) -> None:
    missing = tmp_path / "nowhere"
    proc = run_script(*args, "--offline" if args[0] != "env-script" else "--lang=en",
                      env={"ICEFALL_DIR": str(missing)}, cwd=tmp_path)  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert f"ICEFALL_DIR {missing}: no such directory" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_run_reads_icefall_dir_like_icefall(tmp_path: Path) -> None:
    make_icefall(tmp_path / "ice")
    by_env = run_script(
        "run", "fake/matcha", "--dry-run", "--offline", "--python", sys.executable,
        env={"ICEFALL_DIR": str(tmp_path / "ice")}, cwd=tmp_path,
    )  # fmt: skip
    assert by_env.returncode == 0, by_env.stderr
    assert f"cwd: {(tmp_path / 'ice' / 'egs' / 'fake' / 'TTS').resolve()}" in by_env.stdout
    not_a_checkout = run_script(
        "run", "fake/matcha", "--dry-run", env={"ICEFALL_DIR": str(tmp_path)}, cwd=tmp_path
    )
    assert not_a_checkout.returncode == 2
    assert f"ICEFALL_DIR {tmp_path}: no egs/ directory there" in not_a_checkout.stderr


def test_run_offline_reaches_no_network(tmp_path: Path) -> None:
    make_icefall(tmp_path / "ice")
    pages = tmp_path / "pages"
    pages.mkdir()
    args: tuple[str, ...] = ("run", "fake/matcha", "--dry-run", "--icefall", str(tmp_path / "ice"))
    args += ("--python", sys.executable)
    with serve_directory(pages) as (url, hits):
        env = {
            "ICEFALL_DOCTOR_OFFLINE": "",  # the tests' default is offline: here only --offline
            "ICEFALL_DOCTOR_K2_WHEELS_URL": url,
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
        }
        online = run_script(*args, env=env)
        assert online.returncode == 0, online.stderr
        assert hits, "without --offline the gate reads the k2 wheel pages"
        hits.clear()
        offline = run_script(*args, "--offline", env=env)
        assert offline.returncode == 0, offline.stderr
        assert hits == []


def _rc_env(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    rc = tmp_path / "bashrc"
    rc.write_text("# mine\n", encoding="utf-8")
    ice = str(icefall_checkout(tmp_path / "icefall"))
    return rc, _user_env({"HOME": str(tmp_path), "ICEFALL_DIR": ice})


def _on_terminal(args: list[str], env: dict[str, str], answer: bytes) -> tuple[int, str]:
    """Run the console script with a terminal as stdin; type ``answer`` when it asks."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [str(console_script()), *args],
        stdin=follower,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
    )
    os.close(follower)
    try:
        os.write(leader, answer)
        out, _ = proc.communicate(timeout=120)
    finally:
        os.close(leader)
    return proc.returncode, out.decode()


def test_env_script_asks_on_a_terminal_and_no_keeps_the_file(tmp_path: Path) -> None:
    rc, env = _rc_env(tmp_path)
    code, out = _on_terminal(["env-script", "--write", "--file", str(rc)], env, b"n\n")
    assert code == 1, out
    assert "as shown above? [y/N]" in out and "Nothing was changed" in out
    assert rc.read_text(encoding="utf-8") == "# mine\n"
    code, out = _on_terminal(["env-script", "--write", "--file", str(rc)], env, b"y\n")
    assert code == 0, out
    assert "icefall-doctor" in rc.read_text(encoding="utf-8")


def test_env_script_yes_does_not_ask(tmp_path: Path) -> None:
    rc, env = _rc_env(tmp_path)
    # nothing is typed: had it asked, it would wait until communicate() times out
    code, out = _on_terminal(["env-script", "--write", "--yes", "--file", str(rc)], env, b"")
    assert code == 0, out
    assert "[y/N]" not in out and "icefall-doctor" in rc.read_text(encoding="utf-8")
    code, out = _on_terminal(["env-script", "--remove", "-y", "--file", str(rc)], env, b"")
    assert code == 0 and "[y/N]" not in out, out
    assert rc.read_text(encoding="utf-8") == "# mine\n"


def test_env_script_without_a_terminal_writes_as_before(tmp_path: Path) -> None:
    rc, env = _rc_env(tmp_path)
    proc = run_script("env-script", "--write", "--file", str(rc), env=env,
                      stdin=subprocess.DEVNULL)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "[y/N]" not in proc.stdout and "icefall-doctor" in rc.read_text(encoding="utf-8")
