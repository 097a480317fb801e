"""System thresholds as a user meets them, through `check --from`: each limit just below and just
above, so that a threshold set to zero (or dropped) fails here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import findings_by_check, run_json

GIB = 2**30


def _system(**over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "os": "Linux",
        "machine": "x86_64",
        "distro": {"pretty_name": "Ubuntu 22.04.5 LTS"},
        "libc": "glibc",
        "libc_version": "2.35",
        "cpus": 8,
        "ram_total": 32 * GIB,
        "ram_available": 30 * GIB,
        "disk": {"path": "/home/me", "free": 200 * GIB},
        "shm": {"total": 16 * GIB, "free": 16 * GIB},
        "nofile": {"soft": 65536, "hard": 1048576},
    }
    data.update(over)
    return data


def _judge(tmp_path: Path, check: str, system: dict[str, Any]) -> dict[str, Any]:
    facts = {
        "probes": {"system": {"name": "system", "status": "ok", "data": system}},
        "context": {"target": "/env/bin/python3", "target_source": "PATH"},
    }
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps({"schema": 1, "facts": facts}))
    _, report = run_json("check", "--from", str(saved), "--only", check)
    [finding] = findings_by_check(report)[check]
    return finding


CASES = [
    ("system.os", {"libc_version": "2.27"}, "fail", "glibc 2.27", {"libc_version": "2.28"}),
    ("system.cpu_ram", {"ram_total": 8 * GIB - 1}, "warn", "RAM", {"ram_total": 8 * GIB}),
    ("system.disk", {"disk": {"path": "/d", "free": 30 * GIB - 1}}, "warn", "/d", None),
    ("system.shm", {"shm": {"total": 2 * GIB - 1, "free": 0}}, "warn", "/dev/shm", None),
    ("system.nofile", {"nofile": {"soft": 4095, "hard": 8192}}, "warn", "4095", None),
]


@pytest.mark.parametrize(("check", "low", "status", "named", "enough"), CASES)
def test_each_threshold_below_and_at_the_limit(
    tmp_path: Path,
    check: str,
    low: dict[str, Any],
    status: str,
    named: str,
    enough: dict[str, Any] | None,
) -> None:
    below = _judge(tmp_path, check, _system(**low))
    assert below["status"] == status, below
    assert named in below["title_text"] + (below["detail_text"] or ""), below
    limits: dict[str, dict[str, Any]] = {
        "system.disk": {"disk": {"path": "/d", "free": 30 * GIB}},
        "system.shm": {"shm": {"total": 2 * GIB, "free": 0}},
        "system.nofile": {"nofile": {"soft": 4096, "hard": 8192}},
    }
    at_limit = enough or limits[check]
    assert _judge(tmp_path, check, _system(**at_limit))["status"] == "ok"


def test_low_open_file_limit_fix_raises_it_within_the_hard_limit(tmp_path: Path) -> None:
    finding = _judge(tmp_path, "system.nofile", _system(nofile={"soft": 1024, "hard": 8192}))
    assert finding["fix"]["commands"] == ["ulimit -n 8192"]
