"""pip's own dry run of `pip install -r FILE` in a real venv, against a local wheel folder: it
names the installed package the file would downgrade, and the fixes then never use `-r`."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.helpers import VenvFactory, findings_by_check, run_json


def wheel(folder: Path, name: str, version: str) -> Path:
    """A minimal pure-Python wheel, written by hand (no build tools needed)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}-{version}-py3-none-any.whl"
    info = f"{name}-{version}.dist-info"
    files = {
        f"{name}/__init__.py": f"VERSION = {version!r}\n",
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\n"
        "Tag: py3-none-any\n",
    }
    files[f"{info}/RECORD"] = "".join(f"{n},,\n" for n in [*files, f"{info}/RECORD"])
    with zipfile.ZipFile(path, "w") as z:
        for n, text in files.items():
            z.writestr(n, text)
    return path


@pytest.fixture(scope="module")
def links(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("links")
    wheel(folder, "idoctor_demo", "1.0")
    wheel(folder, "idoctor_extra", "0.1")
    return folder


@pytest.fixture(scope="module")
def demo_venv(venvs: VenvFactory, tmp_path_factory: pytest.TempPathFactory) -> Path:
    newer = wheel(tmp_path_factory.mktemp("newer"), "idoctor_demo", "2.0")
    return venvs.get("pipdry_demo", [str(newer)])


@pytest.mark.venv
def test_dry_run_names_the_downgrade_and_the_fix_installs_only_what_is_missing(
    tmp_path: Path, demo_venv: Path, links: Path
) -> None:
    ice = tmp_path / "icefall"
    (ice / "icefall").mkdir(parents=True)
    (ice / "icefall" / "__init__.py").write_text("")
    (ice / "requirements.txt").write_text("idoctor_demo==1.0\nidoctor_extra\n")
    env = {
        "ICEFALL_DOCTOR_OFFLINE": "",
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(links),
        "PYTHONPATH": str(ice),
    }
    args = ("--only", "icefall.pip_changes", "--only", "icefall.requirements")
    _, report = run_json(
        "check", "--python", str(demo_venv), "--icefall", str(ice), *args, env=env, timeout=240
    )
    by = findings_by_check(report)
    (pip,) = by["icefall.pip_changes"]
    assert pip["status"] == "warn"
    assert pip["title_text"] == (
        "`pip install -r requirements.txt` would change 1 installed package(s), "
        "1 of them downgrades"
    )
    assert "idoctor_demo 2.0 → 1.0 ↓" in pip["detail_text"]
    missing = next(f for f in by["icefall.requirements"] if "not installed" in f["title_text"])
    assert missing["fix"]["commands"] == [f"{demo_venv} -m pip install idoctor_extra"]


def test_offline_no_dry_run(tmp_path: Path, bare_venv: Path) -> None:
    ice = tmp_path / "icefall"
    (ice / "icefall").mkdir(parents=True)
    (ice / "icefall" / "__init__.py").write_text("")
    (ice / "requirements.txt").write_text("idoctor_demo==1.0\n")
    _, report = run_json(
        "check", "--python", str(bare_venv), "--icefall", str(ice), "--only", "icefall.pip_changes"
    )
    assert report["facts"]["probes"]["pipdry"]["data"] == {"skipped": "offline"}
    assert not findings_by_check(report).get("icefall.pip_changes")
