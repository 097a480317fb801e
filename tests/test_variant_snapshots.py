# ruff: noqa: E501  (one variant a line: the facts a probe writes, kept readable)
"""Recorded machines with one probe fact changed, the whole of `check --from` and `fix --from`
pinned (text and JSON): the facts no recorded machine carries (a cuDNN 8 torch, no distribution
name, a working CUDA k2 built from source, a working k2 wheel kept, a torch built without this
GPU's architecture, sound files that do not load, a driver at a toolkit's exact minimum, ...),
so a mutation of the branch that reads them shows as a diff. Rewrite with UPDATE_SNAPSHOTS=1
after a deliberate change, then read the diff."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from doctor.knowledge.versions import cuda_of
from tests.golden import matches, stable_json
from tests.helpers import run_cli_here
from tests.test_machines import MACHINES

PLAIN = {"COLUMNS": "100", "NO_COLOR": "1", "FORCE_COLOR": ""}
RECORDED = {m.id: m.facts for m in MACHINES}
GPU = "rtx3070ti-write-up"
CPU = "cpu-laptop"
CU126_K2 = "1.24.4.dev20250630+cuda12.6.torch2.7.1"


def _gpu(index: int, name: str, cc: str, used: list[int] | None = None) -> dict[str, Any]:
    """One GPU as the nvidia probe lists it, with processes holding ``used`` bytes."""
    processes = [
        {"pid": 100 + i, "name": "python3", "used_memory": u} for i, u in enumerate(used or [])
    ]
    return {"index": index, "name": name, "memory_total": 8 * 2**30, "memory_free": 7 * 2**30,
            "compute_capability": cc, "processes": processes}  # fmt: skip


K2_FILE = "/env/lib/python3.10/site-packages/k2/__init__.py"


def _cuda_k2(**fields: Any) -> dict[str, Any]:
    """The k2 probe's data for a k2 built for torch 2.7.1+cu126 that imports and runs on the
    GPU (a wheel or a source build: ``fields`` add or replace keys)."""
    build = {"with_cuda": True, "cuda_version": "12.6", "torch_version": "2.7.1+cu126",
             "version": "1.24.4"}  # fmt: skip
    ops = {"cpu": {"ok": True}, "cuda": {"ok": True}}
    return {"found": True, "import_ok": True, "python": "3.10", "build": build, "ops": ops,
            "torch_version": "2.7.1+cu126", "torch_cuda": "12.6", **fields}  # fmt: skip


def _on_driver(
    variant: str, driver: str, cuda: str, torch: str = ""
) -> tuple[str, str, dict[str, Any]]:
    """The GPU machine on another driver (and, given, a torch built for another CUDA)."""
    changes: dict[str, Any] = {
        "nvidia.data.driver": driver,
        "nvidia.data.cuda_driver_version": cuda,
    }
    if torch:
        changes.update(
            {"torch.data.version": torch, "torch.data.cuda": cuda_of(torch.split("+")[1])}
        )
    return variant, GPU, changes


# (variant id, recorded machine, {dotted path under probes: new value (None deletes it)})
VARIANTS: list[tuple[str, str, dict[str, Any]]] = [
    ("cudnn8", GPU, {"torch.data.cudnn": 8902}),
    ("cudnn-unknown", GPU, {"torch.data.cudnn": None}),
    (
        "cudnn-error",
        GPU,
        {
            "torch.data.cudnn": None,
            "torch.data.cudnn_error": "libcudnn.so.9: cannot open shared object file",
        },
    ),
    ("no-distro-name", CPU, {"system.data.distro": {}}),
    (
        "no-distro-no-libc",
        CPU,
        {"system.data.distro": None, "system.data.libc": None, "system.data.libc_version": None},
    ),
    ("glibc-2.27", CPU, {"system.data.libc_version": "2.27"}),
    ("glibc-2.28", CPU, {"system.data.libc_version": "2.28"}),
    ("ram-just-under-8g", CPU, {"system.data.ram_total": 8 * 2**30 - 1}),
    ("ram-8g", CPU, {"system.data.ram_total": 8 * 2**30}),
    (
        "torch-without-this-arch",
        GPU,
        {"torch.data.arch_list": ["sm_50", "sm_60", "sm_70", "sm_75", "sm_90"]},
    ),
    (
        "torch-same-major-cubin",
        GPU,
        {"torch.data.arch_list": ["sm_50", "sm_60", "sm_70", "sm_75", "sm_80", "sm_90"]},
    ),
    (
        "torch-ptx-only",
        GPU,
        {"torch.data.arch_list": ["sm_50", "sm_60", "sm_70", "sm_75", "compute_75"]},
    ),
    ("torch-cuda-unavailable", GPU, {"torch.data.cuda_available": False}),
    ("torch-missing", GPU, {"torch.data": {"installed": False}}),
    (
        "torch-import-error",
        GPU,
        {
            "torch.data": {
                "installed": True,
                "version": "2.7.1+cu126",
                "import_error": "ImportError: libcudnn.so.9: cannot open shared object file",
            }
        },
    ),
    (
        "torchaudio-mismatch",
        GPU,
        {"torch.data.torchaudio": {"installed": True, "version": "2.5.1", "import_error": None}},
    ),
    ("torchaudio-missing", GPU, {"torch.data.torchaudio": {"installed": False}}),
    _on_driver("driver-525-60", "525.60.13", "12.0"),
    _on_driver("driver-525-59", "525.59.99", "12.0"),
    _on_driver("cu118-on-driver-450-80-02", "450.80.02", "11.0", torch="2.7.1+cu118"),
    _on_driver("cu118-on-driver-450-80-01", "450.80.01", "11.0", torch="2.7.1+cu118"),
    _on_driver("cu126-on-driver-560-28-03", "560.28.03", ""),
    _on_driver("cu126-on-driver-560-28-02", "560.28.02", ""),
    _on_driver("driver-450", "450.80.02", "11.0"),
    _on_driver("driver-cuda-only", "", "12.6"),
    (
        "k2-cuda-wheel-works",
        GPU,
        {"k2.data": _cuda_k2(dist_version=CU126_K2, file=K2_FILE)},
    ),
    (
        "k2-cuda-source-works",
        GPU,
        {
            "k2.data": _cuda_k2(
                source_build={
                    "python_dir": "/home/u/k2/k2/python",
                    "lib_dir": "/home/u/k2/build/lib",
                }
            )
        },
    ),
    (
        "k2-cuda-op-fails",
        GPU,
        {
            "k2.data": _cuda_k2(
                dist_version=CU126_K2,
                file=K2_FILE,
                ops={
                    "cpu": {"ok": True},
                    "cuda": {
                        "ok": False,
                        "error": "RuntimeError: CUDA error: invalid device function",
                    },
                },
            )
        },
    ),
    (
        "k2-cpu-wheel-works",
        CPU,
        {
            "torch": {
                "name": "torch",
                "status": "ok",
                "data": {
                    "installed": True,
                    "version": "2.7.1+cpu",
                    "cuda": None,
                    "cuda_available": False,
                    "arch_list": [],
                    "torch_version": "2.7.1+cpu",
                    "torchaudio": {"installed": True, "version": "2.7.1", "import_error": None},
                },
            },
            "k2.data": {
                "found": True,
                "import_ok": True,
                "python": "3.11",
                "file": "/env/lib/python3.11/site-packages/k2/__init__.py",
                "dist_version": "1.24.4.dev20250630+cpu.torch2.7.1",
                "build": {"with_cuda": False, "torch_version": "2.7.1+cpu", "version": "1.24.4"},
                "ops": {"cpu": {"ok": True}},
                "torch_version": "2.7.1+cpu",
            },
        },
    ),
    (
        "k2-undefined-symbol",
        GPU,
        {
            "k2.data": {
                "found": True,
                "import_ok": False,
                "python": "3.10",
                "dist_version": "1.24.4.dev20240606+cuda12.1.torch2.3.1",
                "k2_torch_version": "2.3.1+cu121",
                "k2_torch_cuda_version": "12.1",
                "torch_version": "2.7.1+cu126",
                "torch_cuda": "12.6",
                "import_error": "ImportError: /env/lib/python3.10/site-packages/_k2.cpython-310-x86_64-linux-gnu.so: undefined symbol: _ZN3c104cuda9SetDeviceEi",
            }
        },
    ),
    (
        "lhotse-audio-fails",
        GPU,
        {"lhotse.data.audio": {"ok": False, "error": "OSError: sndfile library not found"}},
    ),
    ("lhotse-audio-ok", GPU, {"lhotse.data.audio": {"ok": True, "backend": "soundfile"}}),
    ("lhotse-missing", GPU, {"lhotse.data": {"installed": False}}),
    (
        "lhotse-import-error",
        GPU,
        {
            "lhotse.data": {
                "installed": True,
                "version": "1.33.0",
                "import_error": "ModuleNotFoundError: No module named 'lilcom'",
            }
        },
    ),
    (
        "lilcom-error",
        GPU,
        {"lhotse.data.lilcom": {"error": "ModuleNotFoundError: No module named 'lilcom'"}},
    ),
    (
        "icefall-found",
        GPU,
        {
            "icefall.data": {
                "root": "/src/icefall",
                "found_by": "PYTHONPATH",
                "is_checkout": True,
                "on_pythonpath": True,
                "import_ok": True,
                "file": "/src/icefall/icefall/__init__.py",
                "git": {"commit": "0123abc", "dirty": False},
            }
        },
    ),
    (
        "icefall-not-on-path",
        GPU,
        {
            "icefall.data": {
                "root": "/src/icefall",
                "found_by": "cwd",
                "is_checkout": True,
                "on_pythonpath": False,
                "import_ok": False,
                "import_error": "ModuleNotFoundError: No module named 'icefall'",
                "import_ok_with_root": True,
            }
        },
    ),
    (
        "icefall-import-fails",
        GPU,
        {
            "icefall.data": {
                "root": "/src/icefall",
                "found_by": "PYTHONPATH",
                "is_checkout": True,
                "on_pythonpath": True,
                "import_ok": False,
                "import_error": "ModuleNotFoundError: No module named 'kaldifeat'",
                "import_error_with_root": "ModuleNotFoundError: No module named 'kaldifeat'",
            }
        },
    ),
    ("kepler-k80", GPU, {"nvidia.data.gpus": [_gpu(0, "Tesla K80", "3.7")]}),
    (
        "two-gpus",
        GPU,
        {
            "nvidia.data.gpus": [
                _gpu(0, "NVIDIA GeForce RTX 3070 Ti", "8.6"),
                _gpu(1, "NVIDIA GeForce RTX 3070 Ti", "8.6"),
            ]
        },
    ),
    (
        "gpu-busy-at-512mib",
        GPU,
        {"nvidia.data.gpus": [_gpu(0, "NVIDIA GeForce RTX 3070 Ti", "8.6", [512 * 2**20])]},
    ),
    (
        "gpu-busy-over-512mib",
        GPU,
        {
            "nvidia.data.gpus": [
                _gpu(0, "NVIDIA GeForce RTX 3070 Ti", "8.6", [256 * 2**20, 256 * 2**20 + 1, 0])
            ]
        },
    ),
    (
        "cpu-torch-on-gpu",
        GPU,
        {
            "torch.data": {
                "installed": True,
                "version": "2.7.1+cpu",
                "cuda": None,
                "cuda_available": False,
                "arch_list": [],
                "torchaudio": {"installed": True, "version": "2.7.1", "import_error": None},
            }
        },
    ),
    ("no-gpu-driver-only", GPU, {"nvidia.data.gpus": []}),
]


def _with(facts: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(facts)
    for path, value in changes.items():
        *parents, last = path.split(".")
        node = out["probes"]
        for key in parents:
            node = node.setdefault(key, {})
        if value is None:
            node.pop(last, None)
        else:
            node[last] = value
    return out


def _run(tmp_path: Path, facts: dict[str, Any], *args: str) -> tuple[int, str]:
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps({"schema": 1, "facts": facts}), encoding="utf-8")
    proc = run_cli_here(*args, "--from", str(saved), env=PLAIN)
    assert proc.stderr == "", proc.stderr
    assert proc.returncode in (0, 1), proc.stdout
    return proc.returncode, proc.stdout.replace(str(tmp_path), "<tmp>")


@pytest.mark.parametrize(("variant", "machine", "changes"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_a_machine_with_one_fact_changed(
    tmp_path: Path, variant: str, machine: str, changes: dict[str, Any]
) -> None:
    facts = _with(RECORDED[machine], changes)
    out = f"{machine}, with {json.dumps(changes, sort_keys=True)}\n"
    for command in ("check", "fix"):
        code, shown = _run(tmp_path, facts, command)
        out += f"\n$ icefall-doctor {command}  (exit {code})\n{shown}"
    for command in ("check", "fix"):
        code, shown = _run(tmp_path, facts, command, "--json")
        out += f"\n{command} --json (exit {code}):\n{stable_json(json.loads(shown))}"
    matches(f"variants/{variant}.txt", out)
