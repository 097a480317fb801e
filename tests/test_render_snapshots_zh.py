"""The Chinese rendering, pinned as snapshots (tests/snapshots/zh-*.txt): `check --lang zh` on
three recorded machines at 80 and 40 columns, `fix`, an `explain` diagnosis and `--help` under
LANG=zh_CN.UTF-8. Set UPDATE_SNAPSHOTS=1 to rewrite them after a deliberate change, then read the
diff as a user would."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from tests.helpers import run_cli
from tests.test_machines import MACHINES

SNAPSHOTS = Path(__file__).parent / "snapshots"
RECORDED = {m.id: m.facts for m in MACHINES}
CASES = ["rtx3070ti-write-up", "cpu-laptop", "pypi-k2-trap-conda"]
PLAIN = {"NO_COLOR": "1", "FORCE_COLOR": ""}

HOSTNAME_LOG = """\
Traceback (most recent call last):
  File "/home/u/icefall/egs/baker_zh/TTS/./matcha/train.py", line 680, in run
    params.env_info = get_env_info()
  File "/home/u/icefall/icefall/utils.py", line 1100, in get_env_info
    "IP address": socket.gethostbyname(socket.gethostname()),
socket.gaierror: [Errno -2] Name or service not known
"""


def _saved(tmp_path: Path, machine: str) -> str:
    path = tmp_path / "report.json"
    path.write_text(json.dumps({"schema": 1, "facts": RECORDED[machine]}), encoding="utf-8")
    return str(path)


def _pinned(name: str, out: str) -> None:
    snap = SNAPSHOTS / f"zh-{name}.txt"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        snap.write_text(out, encoding="utf-8")
    assert out == snap.read_text(encoding="utf-8")


@pytest.mark.parametrize("columns", [80, 40])
@pytest.mark.parametrize("machine", CASES)
def test_check_in_chinese(tmp_path: Path, machine: str, columns: int) -> None:
    env = {"COLUMNS": str(columns), **PLAIN}
    proc = run_cli("check", "--from", _saved(tmp_path, machine), "--lang", "zh", env=env)
    assert proc.stderr == "", proc.stderr
    _pinned(f"check-{machine}-{columns}", proc.stdout)
    assert "阻碍训练" in proc.stdout
    # wrapped by cells: no line is wider than the terminal, except commands (never wrapped)
    wide = [x for x in proc.stdout.splitlines() if cell_len(x) > columns]
    assert all(x.startswith("        ") for x in wide), wide


def test_the_locale_alone_gives_the_same_chinese(tmp_path: Path) -> None:
    saved = _saved(tmp_path, "cpu-laptop")
    env = {"COLUMNS": "80", "LANG": "zh_CN.UTF-8", **PLAIN}
    by_locale = run_cli("check", "--from", saved, env=env).stdout
    by_option = run_cli("check", "--from", saved, "--lang", "zh", env={**env, "LANG": "C"}).stdout
    assert by_locale == by_option and "阻碍训练" in by_locale


def test_fix_in_chinese(tmp_path: Path) -> None:
    proc = run_cli(
        "fix",
        "--from",
        _saved(tmp_path, "pypi-k2-trap-conda"),
        "--lang",
        "zh",
        env={"COLUMNS": "80", **PLAIN},
    )
    assert proc.returncode == 1, proc.stderr
    _pinned("fix-pypi-k2-trap-conda-80", proc.stdout)
    assert "修复方案" in proc.stdout


def test_explain_in_chinese(tmp_path: Path) -> None:
    log = tmp_path / "train.log"
    log.write_text(HOSTNAME_LOG, encoding="utf-8")
    env = {"COLUMNS": "80", **PLAIN}
    proc = run_cli("explain", str(log), "--lang", "zh", "--offline", env=env)
    assert proc.returncode == 0, proc.stderr
    _pinned("explain-hostname-80", proc.stdout)
    assert "主机名无法解析" in proc.stdout and "原因：" in proc.stdout and "修复：" in proc.stdout


def test_help_under_a_chinese_locale() -> None:
    proc = run_cli("check", "--help", env={"COLUMNS": "80", "LANG": "zh_CN.UTF-8", **PLAIN})
    assert proc.returncode == 0, proc.stderr
    _pinned("help-check-80", proc.stdout)
    assert "--lang {en,zh}" in proc.stdout and "{cn,none}" in proc.stdout


def test_json_keeps_keys_and_parameters_and_adds_the_chinese_text(tmp_path: Path) -> None:
    """Only the language differs (--mirror none: the mirror Chinese output turns on changes the
    k2 page in the parameters, which is not a matter of language)."""
    saved = _saved(tmp_path, "rtx3070ti-write-up")
    en = json.loads(run_cli("check", "--from", saved, "--json").stdout)
    zh_args = ("--json", "--lang", "zh", "--mirror", "none")
    zh = json.loads(run_cli("check", "--from", saved, *zh_args).stdout)
    findings_en: list[dict[str, Any]] = en["findings"]
    findings_zh: list[dict[str, Any]] = zh["findings"]
    assert [_neutral(f) for f in findings_en] == [_neutral(f) for f in findings_zh]
    texts = [f["title_text"] for f in findings_zh]
    assert texts != [f["title_text"] for f in findings_en]
    assert any("驱动" in x for x in texts)


def _neutral(data: Any) -> Any:
    """A report's data without its rendered texts (the "..._text" fields)."""
    if isinstance(data, dict):
        return {k: _neutral(v) for k, v in data.items() if not k.endswith("_text")}
    if isinstance(data, list):
        return [_neutral(v) for v in data]
    return data
