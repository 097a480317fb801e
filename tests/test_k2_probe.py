"""k2 in real environments: PyPI's k2 1.23.4 next to torch 2.13 CPU, and fixture source-build
trees (k2/python plus build/lib) on PYTHONPATH."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import VenvFactory, findings_by_check, run_json, unavailable

SO_TAG = f"cpython-{sys.version_info[0]}{sys.version_info[1]}-x86_64-linux-gnu"


@pytest.fixture(scope="module")
def pypi_k2_venv(venvs: VenvFactory) -> Path:
    python = venvs.get("torch_k2", ["torch==2.13.0"])
    site = subprocess.run(
        [str(python), "-c", "import importlib.util as u; print(bool(u.find_spec('k2')))"],
        capture_output=True,
        text=True,
    )
    if site.stdout.strip() != "True":
        proc = subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "--no-deps", "k2"],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if proc.returncode != 0:
            unavailable(f"cannot install k2 from the registry: {proc.stderr[-300:]}")
    return python


@pytest.mark.venv
def test_pypi_k2_names_python_and_torch_and_gives_the_real_fix(pypi_k2_venv: Path) -> None:
    code, report = run_json("--python", str(pypi_k2_venv), "--only", "k2", "--offline", timeout=240)
    by = findings_by_check(report)
    imp = by["k2.import"][0]
    assert imp["status"] == "fail"
    here = f"{sys.version_info[0]}.{sys.version_info[1]}"
    assert imp["title_text"] == f"k2 1.23.4 is built for Python 3.9, this is Python {here}"
    assert "torch 1.13.1+cu117" in imp["detail_text"]
    assert "torch 2.13.0+cpu" in imp["detail_text"]
    assert imp["facts"]["source_build"] is None
    cmds = by["k2.plan"][-1]["fix"]["commands"]
    py = str(pypi_k2_venv)
    assert cmds[0] == f"{py} -m pip uninstall -y k2"
    assert cmds[1] == (
        f"{py} -m pip install torch==2.12.0 torchaudio==2.11.0 "
        "--index-url https://download.pytorch.org/whl/cpu"
    )
    assert cmds[2].startswith(f"{py} -m pip install k2==1.24.4.devYYYYMMDD+cpu.torch2.12.0 -f ")
    notes = " | ".join(f["title_text"] for f in by["k2.plan"])
    assert "torch 2.13.0+cpu stays only if k2 is built from source" in notes
    assert code == 1


def _source_tree(root: Path, so_tag: str, init: str) -> tuple[Path, Path]:
    python_dir = root / "k2" / "k2" / "python"
    (python_dir / "k2").mkdir(parents=True)
    (python_dir / "k2" / "__init__.py").write_text(init)
    (python_dir / "k2" / "torch_version.py").write_text(
        'k2_torch_version = "2.7.1+cu126"\nk2_torch_cuda_version = "12.6"\n'
    )
    lib = root / "k2" / "build" / "lib"
    lib.mkdir(parents=True)
    (lib / f"_k2.{so_tag}.so").write_bytes(b"not an ELF file")
    return python_dir, lib


def test_source_build_tree_on_pythonpath_is_found_and_its_build_facts_read(
    tmp_path: Path, bare_venv: Path
) -> None:
    python_dir, lib = _source_tree(tmp_path, SO_TAG, "import _k2\n")
    env = {"PYTHONPATH": os.pathsep.join([str(python_dir), str(lib)])}
    _, report = run_json("--python", str(bare_venv), "--only", "k2.import", env=env)
    imp = findings_by_check(report)["k2.import"][0]
    assert imp["facts"]["source_build"] == {"python_dir": str(python_dir), "lib_dir": str(lib)}
    k2 = report["facts"]["probes"]["k2"]["data"]
    assert k2["k2_torch_version"] == "2.7.1+cu126"
    assert k2["so_files"][0]["python"] == f"{sys.version_info[0]}.{sys.version_info[1]}"
    assert imp["status"] == "fail"
    assert "torch" in imp["title_text"]  # the bare venv has no torch: that is the real problem


def test_source_build_for_another_python_says_so(tmp_path: Path, bare_venv: Path) -> None:
    python_dir, lib = _source_tree(tmp_path, "cpython-39-x86_64-linux-gnu", "import _k2\n")
    env = {"PYTHONPATH": os.pathsep.join([str(python_dir), str(lib)])}
    _, report = run_json("--python", str(bare_venv), "--only", "k2.import", env=env)
    imp = findings_by_check(report)["k2.import"][0]
    k2 = report["facts"]["probes"]["k2"]["data"]
    assert k2["so_files"][0]["python"] == "3.9"
    assert k2["source_build"]["python_dir"] == str(python_dir)
    assert k2["source_build"]["lib_dir"] is None  # _k2 for 3.9 is not importable here
    here = f"{sys.version_info[0]}.{sys.version_info[1]}"
    assert imp["title_text"] == f"k2 (source build) is built for Python 3.9, this is Python {here}"


def test_missing_k2_is_named(bare_venv: Path) -> None:
    _, report = run_json("--python", str(bare_venv), "--only", "k2.import")
    imp = findings_by_check(report)["k2.import"][0]
    assert imp["title_text"] == "k2 is not installed in this environment"
