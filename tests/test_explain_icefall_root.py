"""`No module named 'icefall'`: the fix names the user's icefall clone, from the log's paths or
the folder explain runs in, and says what to put there when neither names one."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from doctor.explain import explain_lines

TRACE = [
    "Traceback (most recent call last):",
    '  File "{script}", line 3, in <module>',
    "    from icefall.utils import str2bool",
    "ModuleNotFoundError: No module named 'icefall'",
]


def _log(script: str) -> list[str]:
    return [line.replace("{script}", script) for line in TRACE]


def _export(fix: tuple[str, ...]) -> str:
    return next(c for c in fix if c.startswith("export PYTHONPATH="))


def test_the_clone_a_frame_runs_through_is_named_and_quoted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    d = explain_lines(_log("/home/me/my icefall/egs/baker_zh/TTS/matcha/train.py"))[0]
    assert d.category == "pythonpath"
    command = _export(d.fix)
    words = shlex.split(command, comments=True)
    assert words == ["export", "PYTHONPATH=/home/me/my icefall:$PYTHONPATH"]


def test_the_clone_holding_the_current_folder_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clone = tmp_path / "icefall"
    (clone / "icefall").mkdir(parents=True)
    (clone / "icefall" / "__init__.py").write_text("")
    recipe = clone / "egs" / "baker_zh" / "TTS"
    recipe.mkdir(parents=True)
    monkeypatch.chdir(recipe)
    d = explain_lines(_log("./local/prepare.py"))[0]
    assert _export(d.fix).startswith(f"export PYTHONPATH={clone}:$PYTHONPATH  # ")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_without_a_clone_in_sight_the_placeholder_says_what_goes_there(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    command = _export(explain_lines(_log("./local/prepare.py"), lang=lang)[0].fix)
    head, _, comment = command.partition("  # ")
    assert head == "export PYTHONPATH=/path/to/icefall:$PYTHONPATH"
    assert "egs/" in comment and "icefall/" in comment
    assert lang == "en" or any("\u4e00" <= ch <= "\u9fff" for ch in comment)
