"""The torch probe in real interpreters: a venv without torch, a venv with CPU torch 2.13.0,
and fake `torch` packages that raise, abort, print garbage or hang. Each gives its finding;
the doctor never crashes or hangs."""

from __future__ import annotations

import subprocess
import venv
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FakePackages
from tests.helpers import findings_by_check, run_cli, run_json
from tests.test_nccl import CPU_TORCH

TORCH = ("--only", "torch")


def torch_report(python: Path, env: dict[str, str] | None = None) -> tuple[int, dict[str, Any]]:
    return run_json("--python", str(python), *TORCH, env=env)


def test_bare_venv_says_torch_missing_with_an_install_command(bare_venv: Path) -> None:
    code, data = torch_report(bare_venv)
    assert code == 1
    (missing,) = findings_by_check(data)["torch.installed"]
    assert missing["status"] == "fail"
    assert missing["title_text"] == "torch is not installed in the target Python"
    (command,) = missing["fix"]["commands"]
    assert command.startswith(f"{bare_venv} -m pip install torch==")
    assert " torchaudio==" in command
    assert "--index-url https://download.pytorch.org/whl/" in command
    assert data["facts"]["probes"]["torch"]["data"]["installed"] is False


@pytest.mark.venv
def test_cpu_torch_venv_reports_build_and_missing_torchaudio(torch_venv: Path) -> None:
    _, data = torch_report(torch_venv)
    facts = data["facts"]["probes"]["torch"]["data"]
    assert facts["version"] == "2.13.0+cpu"
    assert facts["cuda"] is None and facts["cuda_available"] is False
    assert facts["arch_list"] == [] and facts["smoke"]["ran"] is False
    dist = facts["distributed"]  # the CPU build has torch.distributed with gloo, never NCCL
    assert dist == {"available": True, "nccl": False, "gloo": True, "error": None}
    assert facts["file"].startswith(str(torch_venv.parent.parent))
    found = findings_by_check(data)
    assert found["torch.installed"][0]["title_text"] == "torch 2.13.0+cpu (CPU)"
    audio = found["torch.torchaudio"][0]
    assert audio["status"] == "fail"
    assert audio["fix"]["commands"][0].endswith(
        "torchaudio==2.11.0 --index-url https://download.pytorch.org/whl/cpu"
    )


def test_torchaudio_that_fails_to_import_is_reported_with_its_error(
    bare_venv: Path, fake_pkg: FakePackages
) -> None:
    fake_pkg.add(
        "torch",
        "__version__ = '2.13.0+cpu'\nclass version:\n    cuda = None\n"
        "class cuda:\n    is_available = staticmethod(lambda: False)\n"
        "    get_arch_list = staticmethod(lambda: [])\n"
        "class backends:\n    class cudnn:\n        version = staticmethod(lambda: None)\n",
    )
    fake_pkg.add("torchaudio", "raise OSError('libc10_cuda.so: cannot open shared object file')")
    _, data = torch_report(bare_venv, env={"PYTHONPATH": str(fake_pkg.root)})
    audio = findings_by_check(data)["torch.torchaudio"][0]
    assert audio["status"] == "fail"
    assert "'import torchaudio' fails" in audio["title_text"]
    assert "OSError: libc10_cuda.so: cannot open shared object file" in audio["detail_text"]


FAULTS = {
    "raises": ("raise ImportError('libtorch_cuda.so: undefined symbol: ncclCommSplit')", "fail"),
    "aborts": ("import os\nos.abort()", "crashed"),
    "garbage": (
        "import os, sys\nsys.stdout.write('\\x00\\xff{garbage\\n')\nsys.stdout.flush()\n"
        "os._exit(0)",
        "crashed",
    ),
    "hangs": ("import time\nwhile True:\n    time.sleep(1)", "timeout"),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_broken_torch_gives_its_finding_never_a_crash(
    fault: str, bare_venv: Path, fake_pkg: FakePackages
) -> None:
    source, status = FAULTS[fault]
    fake_pkg.add("torch", source)
    env = {"PYTHONPATH": str(fake_pkg.root), "ICEFALL_DOCTOR_PROBE_TIMEOUT": "3"}
    proc = run_cli("--python", str(bare_venv), *TORCH, env=env, timeout=60)
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout + proc.stderr
    assert "icefall-doctor failed" not in out  # the doctor itself never crashes
    if fault == "hangs":  # stopped with SIGINT first: its traceback shows where it hung
        assert "time.sleep(1)" in out and "KeyboardInterrupt" in out
    else:
        assert "Traceback" not in out
    _, data = torch_report(bare_venv, env=env)
    statuses = {f["status"] for f in data["findings"]}
    assert statuses == {status}, data["findings"]
    text = " ".join(f"{f['title_text']} {f['detail_text']}" for f in data["findings"])
    expected = {
        "raises": "ImportError: libtorch_cuda.so: undefined symbol: ncclCommSplit",
        "aborts": "signal SIGABRT",
        "garbage": "no JSON result on stdout",
        "hangs": "did not answer within 3 s",
    }[fault]
    assert expected in text
    if fault == "hangs":  # how to give a slow machine more time
        assert "give more with ICEFALL_DOCTOR_PROBE_TIMEOUT=120" in text


def test_a_torch_on_pythonpath_that_shadows_the_installed_one_is_named_never_reinstalled(
    tmp_path: Path,
) -> None:
    """A folder on PYTHONPATH with a torch of its own (a broken one here) is found first: the
    finding names that folder, and no fix reinstalls or downgrades the environment's torch."""
    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=False, symlinks=True).create(env_dir)
    where = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    argv = [str(env_dir / "bin" / "python3"), "-c", where]
    purelib = subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip()
    (Path(purelib) / "torch").mkdir()
    (Path(purelib) / "torch" / "__init__.py").write_text(CPU_TORCH)
    shadow = tmp_path / "shadow"
    (shadow / "torch").mkdir(parents=True)
    (shadow / "torch" / "__init__.py").write_text("raise RuntimeError('boom')\n")
    _, data = run_json("--python", str(env_dir / "bin" / "python3"), "--only", "torch",
                       "--only", "k2", "--offline", env={"PYTHONPATH": str(shadow)})  # fmt: skip
    (failed,) = [f for f in data["findings"] if f["check"] == "torch.installed"]
    assert failed["status"] == "fail"
    assert failed["title_text"] == (
        f"'import torch' finds {shadow}/torch, not the torch installed in this environment"
    )
    assert "RuntimeError: boom" in failed["detail_text"]
    commands = [c for f in data["findings"] if f["fix"] for c in f["fix"]["commands"]]
    assert not any("torch==" in c or "install torch" in c for c in commands), commands
    assert "k2.plan" not in {f["check"] for f in data["findings"]}
    assert any(f"Remove {shadow} from PYTHONPATH" in c for c in commands), commands
