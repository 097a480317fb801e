"""Every sentence the doctor shows about a recorded machine renders as a sentence, in English and
Chinese: no finding, problem, fix reason or note falls back to its raw catalog key
("torch.arch.title(gpu=...)"), which is what a user sees when a check names a key the catalog
lacks or leaves out a parameter its template needs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from doctor.messages import _fallback, text
from doctor.msgtype import Msg
from tests.helpers import run_cli
from tests.test_machines import MACHINES, Machine


def messages(node: Any) -> Iterator[Msg]:
    """Every message in a JSON report: the {"key", "params"} objects, wherever they sit."""
    if isinstance(node, dict):
        if set(node) == {"key", "params"} and isinstance(node["key"], str):
            yield Msg.from_json(node)
            return
        for value in node.values():
            yield from messages(value)
    elif isinstance(node, list):
        for value in node:
            yield from messages(value)


def raw_keys(report: dict[str, Any]) -> list[str]:
    shown = []
    for m in messages(report):
        for lang in ("en", "zh"):
            rendered = text(m, lang)
            if not rendered.strip() or rendered == _fallback(m):
                shown.append(f"{lang}: {rendered!r}")
    return shown


def _report(tmp_path: Path, machine: Machine, *args: str) -> dict[str, Any]:
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps({"schema": 1, "facts": machine.facts}), encoding="utf-8")
    proc = run_cli(*args, "--from", str(saved), "--json")
    assert proc.returncode in (0, 1), proc.stderr
    report: dict[str, Any] = json.loads(proc.stdout)
    return report


@pytest.mark.parametrize("machine", MACHINES, ids=[m.id for m in MACHINES])
def test_every_check_and_fix_message_of_a_recorded_machine_renders(
    tmp_path: Path, machine: Machine
) -> None:
    check = _report(tmp_path, machine, "check")
    fix = _report(tmp_path, machine, "fix")
    assert check["findings"] and all(f["title"]["key"] for f in check["findings"])
    assert not raw_keys(check), raw_keys(check)
    assert not raw_keys(fix), raw_keys(fix)


@pytest.mark.raw_keys
def test_the_walk_finds_nested_messages_and_flags_a_raw_key() -> None:
    report = {
        "findings": [
            {"title": {"key": "no.such.key", "params": {"gpu": "sm_86"}}},
            {"fix": {"why": {"key": "target.none.why", "params": {}}}},
        ]
    }
    assert [m.key for m in messages(report)] == ["no.such.key", "target.none.why"]
    assert raw_keys(report)[0] == "en: 'no.such.key(gpu=sm_86)'"
