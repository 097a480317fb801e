"""A bug of the doctor's own: one line naming the error, exit 3, and a log to attach to an issue,
with the secrets of the command line and the error hidden (the log is meant to be public)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from doctor import cli, exitcodes
from doctor.commands import recipes


def test_a_crash_is_one_line_exit_3_and_a_redacted_log(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(ns: argparse.Namespace) -> int:
        raise RuntimeError("cannot reach https://alice:s3cret@mirror.example/simple")

    monkeypatch.setattr(recipes, "run", broken)
    code = cli.main(["recipes", "--lang", "en"])
    err = capsys.readouterr().err
    assert code == exitcodes.INTERNAL == 3
    first, hint = err.strip().splitlines()
    assert first == (
        "icefall-doctor: error: icefall-doctor failed: "
        "RuntimeError: cannot reach https://***@mirror.example/simple"
    )
    match = re.fullmatch(r"hint: please report this with the log (\S+)", hint)
    assert match, hint
    log = Path(match.group(1)).read_text()
    Path(match.group(1)).unlink()
    assert "argv: ['recipes', '--lang', 'en']" in log and "RuntimeError" in log
    assert "s3cret" not in log and "https://***@mirror.example/simple" in log
