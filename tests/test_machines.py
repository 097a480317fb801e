"""Recorded machines through `fix --from`, as a user's saved report: for each, what the plan
must contain and what it must never contain (issue: every GPU machine gets a plan that works)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import run_cli
from tests.test_resolver import WRITEUP_BUILD, WRITEUP_TORCH, machine_facts

CU = "--index-url https://download.pytorch.org/whl/"
NO_PLACEHOLDERS = ("torch -", "(?)", "None", "torch none")


@dataclass(frozen=True)
class Machine:
    id: str
    facts: dict[str, Any]
    must: tuple[str, ...]
    never: tuple[str, ...] = ()
    extra_never: tuple[str, ...] = field(default=NO_PLACEHOLDERS)


def _torch(version: str, cuda: str | None, archs: list[str] | None = None) -> dict[str, Any]:
    """What the torch probe records for an installed torch (CUDA works where it is a CUDA build)."""
    return {
        "installed": True,
        "version": version,
        "cuda": cuda,
        "cuda_available": bool(cuda),
        "cudnn": 90100 if cuda else None,
        "arch_list": archs or [],
        "torchaudio": {"installed": True, "version": version.split("+")[0], "import_error": None},
    }


PYPI_K2 = {
    "found": True,
    "import_ok": False,
    "python": "3.10",
    "dist_version": "1.23.4",
    "k2_torch_version": "1.13.1+cu117",
    "k2_torch_cuda_version": "11.7",
    "torch_version": "2.7.1+cu126",
    "torch_cuda": "12.6",
    "so_files": [
        {
            "path": "/env/lib/python3.10/site-packages/_k2.cpython-39-x86_64-linux-gnu.so",
            "python": "3.9",
        }
    ],
    "import_error": "ModuleNotFoundError: No module named '_k2'",
}
WORKING_SOURCE_K2 = {
    "found": True,
    "import_ok": True,
    "python": "3.11",
    "source_build": {"python_dir": "/home/u/k2/k2/python", "lib_dir": "/home/u/k2/build/lib"},
    "build": {"with_cuda": False, "torch_version": "2.13.0+cpu", "version": "1.24.4"},
    "ops": {"cpu": {"ok": True}},
    "torch_version": "2.13.0+cpu",
}
FOUND_SOURCE_K2 = {
    "found": False,
    "import_ok": False,
    "python": "3.11",
    "source_builds": [WRITEUP_BUILD],
}
CU126_ARCHS = ["sm_50", "sm_60", "sm_70", "sm_75", "sm_80", "sm_86", "sm_90"]

MACHINES = [
    Machine(
        "rtx3070ti-write-up",
        machine_facts(
            python="3.10.12",
            driver="550.142",
            driver_cuda="12.4",
            ccs=("8.6",),
            torch=_torch("2.7.1+cu126", "12.6", CU126_ARCHS),
        ),
        ("k2==1.24.4.devYYYYMMDD+cuda12.6.torch2.7.1", "-f https://k2-fsa.github.io/k2/cuda.html"),
        ("pip install torch", "cpu.html"),
    ),
    Machine(
        "rtx3070ti-driver-cuda-unknown",
        machine_facts(
            python="3.10.12",
            driver="550.142",
            ccs=("8.6",),
            torch=_torch("2.7.1+cu126", "12.6", CU126_ARCHS),
        ),
        ("k2==1.24.4.devYYYYMMDD+cuda12.6.torch2.7.1",),
        ("pip install torch", "build k2 from source", "k2.git"),
    ),
    Machine(
        "rtx4090-workstation",
        machine_facts(python="3.10.14", driver="560.35.05", driver_cuda="12.6", ccs=("8.9",)),
        ("torch==2.12.0", CU + "cu126", "+cuda12.6.torch2.12.0"),
        ("cpu.html", "whl/cpu", "cu130"),
    ),
    Machine(
        "h100-driver580-py312",
        machine_facts(python="3.12.3", driver="580.65.06", driver_cuda="13.0", ccs=("9.0",)),
        ("torch==2.12.0", CU + "cu130", "+cuda13.0.torch2.12.0"),
        ("cpu.html", "whl/cpu"),
    ),
    Machine(
        "h100-py314",
        machine_facts(python="3.14.0", driver="580.65.06", driver_cuda="13.0", ccs=("9.0",)),
        ("torch==2.12.0", "+cuda13.0.torch2.12.0"),
        ("k2.git",),
    ),
    Machine(
        "a100-driver525-minor-compat",
        machine_facts(python="3.10.12", driver="525.60.13", driver_cuda="12.0", ccs=("8.0",)),
        (CU + "cu126", "+cuda12.6.torch2.12.0"),
        ("cu130", "cpu.html"),
    ),
    Machine(
        "v100-driver580",
        machine_facts(python="3.11.9", driver="580.65.06", driver_cuda="13.0", ccs=("7.0",)),
        (CU + "cu126", "+cuda12.6"),
        ("cu130", "cu132", "cpu.html"),
    ),
    Machine(
        "gtx1080ti-driver535",
        machine_facts(python="3.10.12", driver="535.104.05", driver_cuda="12.2", ccs=("6.1",)),
        (CU + "cu126", "+cuda12.6.torch2.12.0"),
        ("cu130", "cpu.html"),
    ),
    Machine(
        "rtx3090-old-driver470",
        machine_facts(python="3.10.12", driver="470.82.01", driver_cuda="11.4", ccs=("8.6",)),
        ("torch==2.7.1", CU + "cu118", "+cuda11.8.torch2.7.1"),
        ("cu126", "cpu.html"),
    ),
    Machine(
        "t4-py39",
        machine_facts(python="3.9.18", driver="535.104.05", driver_cuda="12.2", ccs=("7.5",)),
        ("torch==2.8.0", "+cuda12.6.torch2.8.0"),
        ("torch==2.12", "cpu.html"),
    ),
    Machine(
        "mixed-gpus-3090-1080ti",
        machine_facts(python="3.10.12", driver="550.54.14", driver_cuda="12.4", ccs=("8.6", "6.1")),
        (CU + "cu126", "+cuda12.6"),
        ("cu128", "cu130", "cpu.html"),
    ),
    Machine(
        "rtx5090-blackwell",
        machine_facts(python="3.11.9", driver="570.124.06", driver_cuda="12.8", ccs=("12.0",)),
        (
            CU + "cu128",
            "+cuda12.8.torch2.11.0",
            'torch.device("cuda:0")',
            "build k2 from source",
            "-DCMAKE_CXX_STANDARD=17",
            "Install the CUDA 12.8 toolkit",
            "sm_90 (k2#1332)",
        ),
        ("cpu.html", "No k2 wheel exists for Python 3.11", "whl/cpu"),
    ),
    Machine(
        "rtx5090-torch291-cu126",
        machine_facts(
            python="3.11.9",
            driver="570.124.06",
            driver_cuda="12.8",
            ccs=("12.0",),
            torch=_torch("2.9.1+cu126", "12.6", CU126_ARCHS),
        ),
        (CU + "cu128", "k2==1.24.4.devYYYYMMDD+cuda12.8"),
        ("cpu.html", "whl/cpu"),
    ),
    Machine(
        "gh200-aarch64",
        machine_facts(
            python="3.11.9", arch="aarch64", driver="580.65.06", driver_cuda="13.0", ccs=("9.0",)
        ),
        (
            "build k2 from source",
            CU + "cu130",
            "-DK2_BUILD_FOR_ALL_ARCHS=ON",
            "Install the CUDA 13.0 toolkit",
            "k2 publishes CUDA wheels only for Linux x86_64",
        ),
        ("cpu.html", "whl/cpu", "-DK2_WITH_CUDA=OFF"),
    ),
    Machine(
        "jetson-orin-aarch64",
        machine_facts(
            python="3.10.12", arch="aarch64", driver="540.4.0", driver_cuda="12.6", ccs=("8.7",)
        ),
        ("build k2 from source", "-DK2_BUILD_FOR_ALL_ARCHS=ON"),
        ("cpu.html", "whl/cpu", "-DK2_WITH_CUDA=OFF"),
    ),
    Machine(
        "cpu-laptop",
        machine_facts(python="3.11.7"),
        (CU + "cpu", "+cpu.torch2.12.0", "cpu.html"),
        ("cuda.html", "cu126"),
    ),
    Machine(
        "cpu-laptop-py38",
        machine_facts(python="3.8.18"),
        ("torch==2.4.1", "+cpu.torch2.4.1"),
        ("torch==2.12",),
    ),
    Machine(
        "cpu-py315-no-k2-wheels",
        machine_facts(python="3.15.0"),
        ("build k2 from source", "-DK2_WITH_CUDA=OFF", "torch==2.1"),
        ("cuda.html", "cpu.html"),
    ),
    Machine(
        "macos-arm64",
        machine_facts(python="3.11.7", os_name="Darwin", arch="arm64"),
        ("torch==2.12.0 torchaudio==2.11.0", "+cpu.torch2.12.0"),
        ("--index-url", "cuda.html"),
    ),
    Machine(
        "wsl2-rtx3060",
        machine_facts(python="3.10.12", driver="560.94", driver_cuda="12.6", ccs=("8.6",)),
        (CU + "cu126", "+cuda12.6.torch2.12.0"),
        ("cpu.html",),
    ),
    Machine(
        "pypi-k2-trap-conda",
        machine_facts(
            python="3.10.14",
            driver="550.142",
            driver_cuda="12.4",
            ccs=("8.6",),
            torch=_torch("2.7.1+cu126", "12.6", CU126_ARCHS),
            k2=PYPI_K2,
        ),
        ("uninstall -y k2", "+cuda12.6.torch2.7.1"),
        ("pip install torch",),
    ),
    Machine(
        "write-up-cpu-k2-source-build-exported",
        machine_facts(python="3.11.14", torch=WRITEUP_TORCH, k2=WORKING_SOURCE_K2),
        ("torch 2.13.0 (CPU) and k2 fit this machine; nothing to install",),
        ("pip install torch", "torch==", "remove both exports", "k2.git"),
    ),
    Machine(
        "write-up-cpu-k2-source-build-exports-forgotten",
        machine_facts(python="3.11.14", torch=WRITEUP_TORCH, k2=FOUND_SOURCE_K2),
        ('export PYTHONPATH=/home/u/k2/k2/python:"$PYTHONPATH"', "built from source in /home/u/k2"),
        ("pip install torch", "torch==", "k2.git", "cpu.html"),
    ),
    Machine(
        "windows-gpu",
        machine_facts(
            python="3.11.7",
            os_name="Windows",
            arch="AMD64",
            driver="560.94",
            driver_cuda="12.6",
            ccs=("8.6",),
        ),
        ("build k2 from source",),
        ("cpu.html",),
    ),
]


@pytest.mark.parametrize("machine", MACHINES, ids=[m.id for m in MACHINES])
def test_plan_for_recorded_machine(tmp_path: Path, machine: Machine) -> None:
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps({"schema": 1, "facts": machine.facts}), encoding="utf-8")
    check = run_cli(
        "check", "--from", str(saved), "--only", "k2", "--only", "torch", "--only", "python"
    )
    fix = run_cli("fix", "--from", str(saved))
    assert "Traceback" not in check.stderr + fix.stderr, check.stderr + fix.stderr
    text = check.stdout + fix.stdout
    for wanted in machine.must:
        assert wanted in text, f"{machine.id}: plan lacks {wanted!r}\n{text}"
    for unwanted in (*machine.never, *machine.extra_never):
        assert unwanted not in text, f"{machine.id}: plan holds {unwanted!r}\n{text}"


def test_the_table_covers_at_least_twenty_machines() -> None:
    assert len({m.id for m in MACHINES}) >= 20
