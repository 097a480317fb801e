"""The probes that import torch share one interpreter that imports it once (doctor.probes.shared):
each probe still gets its own input, output and timeout, a crash or a hang stays its own, and
when torch does not import there every probe runs alone as before."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from doctor.probes import shared, spawn
from tests.conftest import FakePackages
from tests.helpers import run_json
from tests.test_nccl import CPU_TORCH

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the shared interpreter forks")

REPORT = (
    "import json, os, sys\n"
    "d = json.loads(sys.stdin.read() or '{{}}')\n"
    "print('noise')\n"
    "print({marker!r} + json.dumps({{'got': d.get('x'), 'preloaded': 'torch' in sys.modules,"
    " 'pid': os.getpid()}}))\n"
)


def _scripts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bodies: dict[str, str]) -> None:
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    shutil.copy(spawn.SCRIPTS / shared.FORKSERVER, scripts / shared.FORKSERVER)
    for name, body in bodies.items():
        (scripts / f"idoctor_{name}.py").write_text(body.format(marker=spawn.MARKER))
    monkeypatch.setattr(spawn, "SCRIPTS", scripts)


def _runs(
    tmp_path: Path, names: list[str], *, torch: bool, timeout: float = 20
) -> list[spawn.ProbeRun]:
    site = tmp_path / "site"
    if torch:
        (site / "torch").mkdir(parents=True)
        (site / "torch" / "__init__.py").write_text("LOADED = True\n")
    env = {**os.environ, "PYTHONPATH": str(site)}
    return [
        spawn.ProbeRun(n, f"idoctor_{n}.py", sys.executable, {"x": i}, timeout, env=env)
        for i, n in enumerate(names)
    ]


def test_each_probe_gets_its_own_input_and_finds_torch_already_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = ["torch", "k2", "lhotse", "icefall"]
    _scripts(tmp_path, monkeypatch, dict.fromkeys(names, REPORT))
    runs = _runs(tmp_path, names, torch=True)
    assert shared.group_of(runs) == runs
    results = spawn.run_all(runs)
    assert [results[n].status for n in names] == ["ok"] * 4
    assert [results[n].data["got"] for n in names] == [0, 1, 2, 3]
    assert all(results[n].data["preloaded"] for n in names)
    assert len({results[n].data["pid"] for n in names}) == 4  # one process each


def test_a_hang_or_a_crash_stays_with_its_own_probe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hang = "import time\ntime.sleep(60)\n"
    crash = "import os, signal, sys\nsys.stderr.write('dying\\n')\n"
    crash += "os.kill(os.getpid(), signal.SIGSEGV)\n"
    _scripts(tmp_path, monkeypatch, {"torch": REPORT, "k2": hang, "lhotse": crash})
    runs = _runs(tmp_path, ["torch", "k2", "lhotse"], torch=True, timeout=3)
    results = spawn.run_all(runs)
    assert results["torch"].status == "ok" and results["torch"].data["got"] == 0
    assert results["k2"].status == "timeout"
    assert results["lhotse"].status == "crashed"
    assert results["lhotse"].returncode == -11 and "dying" in results["lhotse"].stderr_tail
    assert results["torch"].seconds < 3  # its time is its own, not the hung probe's


def test_without_torch_every_probe_runs_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = ["torch", "k2"]
    _scripts(tmp_path, monkeypatch, dict.fromkeys(names, REPORT))
    results = spawn.run_all(_runs(tmp_path, names, torch=False))
    assert [results[n].status for n in names] == ["ok", "ok"]
    assert [results[n].data["got"] for n in names] == [0, 1]
    assert not any(results[n].data["preloaded"] for n in names)


def test_a_probe_whose_input_fails_is_reported_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = ["torch", "k2", "lhotse"]
    _scripts(tmp_path, monkeypatch, dict.fromkeys(names, REPORT))
    runs = _runs(tmp_path, names, torch=True)

    def broken() -> dict[str, int]:
        raise ValueError("no input")

    runs[1] = spawn.ProbeRun("k2", "idoctor_k2.py", sys.executable, broken, 20, env=runs[1].env)
    results = spawn.run_all(runs)
    assert results["k2"].status == "crashed" and "no input" in results["k2"].stderr_tail
    assert results["torch"].data["preloaded"] and results["lhotse"].data["preloaded"]


def test_only_torch_importers_with_one_interpreter_are_grouped(tmp_path: Path) -> None:
    runs = _runs(tmp_path, ["torch", "k2"], torch=False)
    other = spawn.ProbeRun("python", "idoctor_python.py", sys.executable, {}, 5)
    elsewhere = spawn.ProbeRun("lhotse", "idoctor_lhotse.py", "/other/python", {}, 5)
    assert shared.group_of([*runs, other, elsewhere]) == runs
    assert shared.group_of([runs[0], other]) == []


WARNING_TORCH = (
    "import warnings\n"
    "warnings.warn('Failed to initialize NumPy: _ARRAY_API not found', UserWarning)\n" + CPU_TORCH
)


def test_a_warning_torch_gives_on_import_reaches_the_torch_probe_from_the_shared_interpreter(
    bare_venv: Path, fake_pkg: FakePackages
) -> None:
    fake_pkg.add("torch", WARNING_TORCH)
    fake_pkg.add("lhotse", "__version__ = '1.31.1'\n")
    only = ("--only", "torch", "--only", "lhotse")
    env = {"PYTHONPATH": str(fake_pkg.root)}
    _, data = run_json("--python", str(bare_venv), *only, env=env)
    torch = data["facts"]["probes"]["torch"]["data"]
    assert torch["version"] == "2.13.0+cpu"
    assert torch["warnings"] == ["Failed to initialize NumPy: _ARRAY_API not found"]
    assert data["facts"]["probes"]["lhotse"]["data"]["version"] == "1.31.1"
