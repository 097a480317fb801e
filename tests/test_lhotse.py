"""lhotse checks with fake lhotse packages on PYTHONPATH and a bare venv."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import FakePackages
from tests.helpers import findings_by_check, run_json


def test_old_lhotse_without_lilcom(fake_pkg: FakePackages, bare_venv: Path) -> None:
    fake_pkg.add("lhotse", "__version__ = '1.20.0'\n", dist_version="1.20.0")
    env = {"PYTHONPATH": str(fake_pkg.root)}
    code, report = run_json("--python", str(bare_venv), "--only", "lhotse", env=env)
    by = findings_by_check(report)
    assert by["lhotse.version"][0]["title_text"] == "lhotse 1.20.0 is older than 1.23"
    assert by["lhotse.version"][0]["fix"]["commands"] == [f"{bare_venv} -m pip install -U lhotse"]
    lil = by["lhotse.lilcom"][0]
    assert lil["title_text"] == "lilcom is not installed"
    assert lil["blocks_step"] == "prepare stage 5"
    assert by["lhotse.audio"][0]["status"] == "fail"  # the fake has no Recording
    assert code == 1


def test_current_lhotse_with_lilcom(fake_pkg: FakePackages, bare_venv: Path) -> None:
    fake_pkg.add("lhotse", "__version__ = '1.33.0'\n", dist_version="1.33.0")
    fake_pkg.add("lilcom", "", dist_version="1.8.2")
    env = {"PYTHONPATH": str(fake_pkg.root)}
    _, report = run_json("--python", str(bare_venv), "--only", "lhotse", env=env)
    by = findings_by_check(report)
    assert by["lhotse.version"][0]["title_text"] == "lhotse 1.33.0"
    assert by["lhotse.lilcom"][0]["title_text"] == "lilcom 1.8.2"


def test_missing_lhotse(bare_venv: Path) -> None:
    _, report = run_json("--python", str(bare_venv), "--only", "lhotse")
    by = findings_by_check(report)
    assert by["lhotse.version"][0]["title_text"] == "lhotse is not installed"
    assert "lhotse.cli" not in by
