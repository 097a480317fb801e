"""The command line as a user meets it: exit codes, one-line errors, --list/--only/--from."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from doctor import cli
from doctor.commands import COMMANDS, Command
from tests.helpers import findings_by_check, run_cli, run_json, run_script


def test_plain_run_prints_groups_and_exits_zero_on_this_machine() -> None:
    proc = run_cli("--only", "system")
    assert proc.returncode == 0, proc.stderr
    assert "system" in proc.stdout
    assert "✓" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_unknown_option_is_one_line_error_exit_2() -> None:
    proc = run_cli("--no-such-flag")
    assert proc.returncode == 2
    assert proc.stderr.startswith("icefall-doctor: error: unrecognized arguments: --no-such-flag")
    assert "hint:" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_unknown_check_id_is_usage_error() -> None:
    proc = run_cli("--only", "nonsense.check")
    assert proc.returncode == 2
    assert "unknown check 'nonsense.check'" in proc.stderr
    assert "--list" in proc.stderr


def test_list_names_every_check_and_runs_nothing() -> None:
    proc = run_cli("--list")
    assert proc.returncode == 0
    assert "system.shm" in proc.stdout
    assert "python.target" in proc.stdout


def test_skip_area_removes_its_findings() -> None:
    _, report = run_json("--skip", "system")
    assert not any(f["check"].startswith("system.") for f in report["findings"])


def test_python_option_with_missing_path_is_usage_error(tmp_path: Path) -> None:
    proc = run_cli("--python", str(tmp_path / "no" / "python3"))
    assert proc.returncode == 2
    assert "no such interpreter" in proc.stderr


def test_json_report_rejudged_from_file_gives_same_findings(tmp_path: Path) -> None:
    code, report = run_json("--only", "system")
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps(report))
    code2, again = run_json("check", "--from", str(saved), "--only", "system")
    assert code == code2
    assert [f["title_text"] for f in report["findings"]] == [
        f["title_text"] for f in again["findings"]
    ]


def test_from_report_judges_recorded_small_shm(tmp_path: Path) -> None:
    facts = {
        "probes": {
            "system": {
                "name": "system",
                "status": "ok",
                "data": {
                    "os": "Linux",
                    "shm": {"path": "/dev/shm", "total": 64 * 2**20, "free": 64 * 2**20},
                },
            }
        },
        "context": {},
    }
    saved = tmp_path / "r.json"
    saved.write_text(json.dumps({"schema": 1, "facts": facts}))
    code, report = run_json("check", "--from", str(saved), "--only", "system.shm")
    shm = findings_by_check(report)["system.shm"][0]
    assert shm["status"] == "warn"
    assert "64 MiB" in shm["title_text"] or "0.1 GiB" in shm["title_text"]
    assert "remount" in shm["fix"]["commands"][0]
    assert code == 0
    strict = run_cli("check", "--from", str(saved), "--only", "system.shm", "--strict")
    assert strict.returncode == 1


def test_from_with_bad_files_is_usage_error(tmp_path: Path) -> None:
    missing = run_cli("check", "--from", str(tmp_path / "none.json"))
    assert missing.returncode == 2 and "cannot read" in missing.stderr
    garbage = tmp_path / "g.json"
    garbage.write_text("{not json")
    bad = run_cli("check", "--from", str(garbage))
    assert bad.returncode == 2 and "is not JSON" in bad.stderr
    other = tmp_path / "o.json"
    other.write_text(json.dumps({"schema": 99, "facts": {}}))
    newer = run_cli("check", "--from", str(other))
    assert newer.returncode == 2 and "schema 99" in newer.stderr


def test_version_names_the_knowledge_date() -> None:
    proc = run_cli("--version")
    assert proc.returncode == 0
    assert "compatibility data as of" in proc.stdout


def test_python_m_doctor_and_console_script_agree() -> None:
    proc = run_script("--list")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == run_cli("--list").stdout
    assert "torch.arch" in proc.stdout


def test_unknown_command_names_the_commands() -> None:
    proc = run_script("chek")
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "icefall-doctor: error: unknown command 'chek'",
        "hint: did you mean 'check'? the commands are: check, fix, env-script, explain, "
        "analyze, smoke-onnx, run, recipes (run 'icefall-doctor COMMAND --help')",
    ]


def test_options_without_a_command_still_mean_check() -> None:
    proc = run_script("--python", "python3", "--list")
    assert proc.returncode == 0 and "torch.arch" in proc.stdout


def test_options_given_before_the_command_apply_to_it() -> None:
    """`icefall-doctor --lang zh recipes` as `icefall-doctor recipes --lang zh` (it was
    "unrecognized arguments: recipes")."""
    zh = run_script("--lang", "zh", "recipes")
    assert zh.returncode == 0, zh.stderr
    assert zh.stdout.startswith("icefall-doctor 已知的 recipe")
    as_json = run_script("--json", "recipes")
    assert as_json.returncode == 0 and json.loads(as_json.stdout)["command"] == "recipes"


@pytest.mark.parametrize("name", [c.name for c in COMMANDS] + ["bashrc"])
def test_every_help_has_examples_and_the_environment(name: str) -> None:
    proc = run_script(name, "--help")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"usage: icefall-doctor {name} [-h]")  # an alias's own name
    assert "\nexamples:\n  icefall-doctor" in proc.stdout
    assert (
        "\nenvironment:\n  ICEFALL_DIR " in proc.stdout and "ICEFALL_DOCTOR_OFFLINE" in proc.stdout
    )
    if name == "bashrc":
        assert "Also called: bashrc." in proc.stdout


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_every_example_parses(command: Command) -> None:
    """An example in --help must work: each is parsed by that command's real parser."""
    for example in command.examples:
        words = shlex.split(example[example.index("icefall-doctor") :])
        words = words[1 : words.index(">")] if ">" in words else words[1:]
        argv, chosen = cli._with_default_command(words, cli._names())
        assert chosen == command.name, example
        cli.build_parser(chosen).parse_args(argv)  # raises on an unknown option


def test_an_unreachable_index_fails_ci_instead_of_skipping(tmp_path: Path) -> None:
    """tests/helpers.unavailable: a skip on a developer's machine, a failure under CI=true."""
    import os
    import subprocess
    import sys

    test = tmp_path / "test_x.py"
    test.write_text(
        "from tests.helpers import unavailable\n"
        "def test_needs_index():\n"
        "    unavailable('cannot install lhotse')\n"
    )
    from tests.helpers import REPO

    def pytest_run(ci: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "CI": ci, "PYTHONPATH": str(REPO)}
        return subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test)],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=120,
        )

    assert pytest_run("").returncode == 0 and "1 skipped" in pytest_run("").stdout
    failed = pytest_run("true")
    assert failed.returncode == 1 and "CI=true and cannot install lhotse" in failed.stdout
