"""GPU paths judged from recorded machines through `check --from`, the NVML probe with a fake
pynvml, and the nvidia-smi fallback with a fake nvidia-smi on PATH."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FakePackages
from tests.helpers import findings_by_check, run_cli, run_json

GIB = 2**30
PY = "/home/u/miniconda3/envs/matcha/bin/python3"
CU126_ARCHS = ["sm_50", "sm_60", "sm_70", "sm_75", "sm_80", "sm_86", "sm_90"]
CU128_ARCHS = ["sm_75", "sm_80", "sm_86", "sm_90", "sm_100", "sm_120"]


def probe(name: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "status": "ok", "data": data, "interpreter": PY}


def gpu(name: str, cc: str, total_gib: float, processes: list[Any] | None = None) -> dict[str, Any]:
    return {
        "index": 0,
        "name": name,
        "memory_total": int(total_gib * GIB),
        "memory_free": int(total_gib * GIB * 0.9),
        "compute_capability": cc,
        "processes": processes or [],
    }


def nvidia(driver: str, cuda: str, *gpus: dict[str, Any]) -> dict[str, Any]:
    return {
        "source": "nvml",
        "driver": driver,
        "cuda_driver_version": cuda,
        "gpus": list(gpus),
        "error": None,
    }


def torch(
    version: str,
    cuda: str | None,
    archs: list[str],
    devices: list[Any],
    *,
    available: bool = True,
    cudnn: int | None = 90501,
    audio: str | None = None,
    warnings: list[str] | None = None,
) -> dict[str, Any]:
    return {
        "installed": True,
        "version": version,
        "cuda": cuda,
        "cuda_available": available,
        "cudnn": cudnn if available else None,
        "arch_list": archs if available else [],
        "devices": devices if available else [],
        "warnings": warnings or [],
        "import_error": None,
        "file": "/env/lib/python3.10/site-packages/torch/__init__.py",
        "user_site_shadow": None,
        "torchaudio": {"installed": True, "version": audio or version, "import_error": None},
        "smoke": {"ran": available, "ok": available, "error": None},
    }


def device(name: str, cc: str, total_gib: float) -> dict[str, Any]:
    return {"index": 0, "name": name, "capability": cc, "memory_total": int(total_gib * GIB)}


def report(tmp: Path, python: str = "3.10.12", **probes: Any) -> str:
    """Write a schema-1 report holding these probes' data; returns its path."""
    data = {"python": {"executable": PY, "version": python}, **probes}
    facts = {
        "probes": {k: probe(k, v) for k, v in data.items()},
        "context": {"target": PY, "target_source": "PATH", "env": {}},
    }
    path = tmp / "report.json"
    path.write_text(json.dumps({"schema": 1, "facts": facts}))
    return str(path)


def rtx3070ti(driver_cuda: str = "12.6") -> dict[str, Any]:
    """The user's write-up machine: RTX 3070 Ti 8 GB, driver 550.142, torch 2.7.1+cu126."""
    name = "NVIDIA GeForce RTX 3070 Ti"
    return {
        "nvidia": nvidia("550.142", driver_cuda, gpu(name, "8.6", 8)),
        "torch": torch("2.7.1+cu126", "12.6", CU126_ARCHS, [device(name, "8.6", 7.8)]),
    }


def driver470_cu121() -> dict[str, Any]:
    name = "Tesla T4"
    return {
        "nvidia": nvidia("470.82.01", "11.4", gpu(name, "7.5", 16)),
        "torch": torch(
            "2.1.2+cu121",
            "12.1",
            [],
            [],
            available=False,
            warnings=["CUDA initialization: the NVIDIA driver is too old (found version 11040)."],
        ),
    }


def rtx5090_cu126() -> dict[str, Any]:
    name = "NVIDIA GeForce RTX 5090"
    return {
        "nvidia": nvidia("570.124.06", "12.8", gpu(name, "12.0", 32)),
        "torch": {
            **torch("2.7.1+cu126", "12.6", CU126_ARCHS, [device(name, "12.0", 31.4)]),
            "smoke": {
                "ran": True,
                "ok": False,
                "error": "AcceleratorError: CUDA error: no "
                "kernel image is available for execution on the device",
            },
        },
    }


def gtx1080ti_cu128() -> dict[str, Any]:
    name = "NVIDIA GeForce GTX 1080 Ti"
    return {
        "nvidia": nvidia("580.65.06", "13.0", gpu(name, "6.1", 11)),
        "torch": torch(
            "2.11.0+cu128",
            "12.8",
            CU128_ARCHS,
            [device(name, "6.1", 10.9)],
            cudnn=91002,
            audio="2.11.0",
        ),
    }


GPU_AREAS = ("--only", "python.version", "--only", "nvidia", "--only", "torch")


def judged(tmp: Path, machine: dict[str, Any]) -> tuple[int, dict[str, list[dict[str, Any]]]]:
    code, data = run_json("check", "--from", report(tmp, **machine), *GPU_AREAS)
    return code, findings_by_check(data)


def statuses(found: dict[str, list[dict[str, Any]]]) -> dict[str, set[str]]:
    return {k: {f["status"] for f in v} for k, v in found.items()}


def test_rtx3070ti_driver550_torch271_cu126_passes(tmp_path: Path) -> None:
    code, found = judged(tmp_path, rtx3070ti())
    assert code == 0
    assert all(s == {"ok"} for s in statuses(found).values()), statuses(found)
    assert "driver 550.142" in found["torch.gpu"][0]["title_text"]
    assert (
        "RTX 3070 Ti (sm_86): torch 2.7.1+cu126 has kernels" in found["torch.arch"][0]["title_text"]
    )
    assert "cuDNN 9.5.1" in found["torch.cudnn"][0]["title_text"]


def test_rtx3070ti_on_a_driver_reporting_cuda_124_passes_with_minor_compat_note(
    tmp_path: Path,
) -> None:
    code, found = judged(tmp_path, rtx3070ti(driver_cuda="12.4"))
    assert code == 0
    gpu_finding = found["torch.gpu"][0]
    assert gpu_finding["status"] == "ok"
    assert "minor-version compatibility" in gpu_finding["title_text"]
    assert "525.60.13" in gpu_finding["detail_text"]


def test_driver470_with_torch_cu121_fails_with_both_ways_out(tmp_path: Path) -> None:
    code, found = judged(tmp_path, driver470_cu121())
    assert code == 1
    too_old = found["torch.gpu"][0]
    assert too_old["status"] == "fail"
    assert "Driver 470.82.01 (CUDA 11.4) is too old for torch 2.1.2+cu121" in too_old["title_text"]
    header, first, install, second, upgrade = too_old["fix"]["commands"]
    assert header == "Do one of these, not both:"
    assert first.strip().startswith("a) Install the torch build for cu118") and "preferred" in first
    assert install.strip().startswith("python3 -m pip install torch==2.1.2 torchaudio==2.1.2 ")
    assert install.endswith("--index-url https://download.pytorch.org/whl/cu118")
    assert second.strip().startswith("b) Keep this torch and upgrade the NVIDIA driver")
    assert "Upgrade the NVIDIA driver to 525.60.13 or newer" in upgrade
    assert "cu118" in too_old["fix"]["why_text"] and "525.60.13" in too_old["fix"]["why_text"]


def test_rtx5090_with_cu126_build_is_told_no_kernels_and_given_a_cu128_build(
    tmp_path: Path,
) -> None:
    code, found = judged(tmp_path, rtx5090_cu126())
    assert code == 1
    arch = found["torch.arch"][0]
    assert arch["status"] == "fail"
    assert "RTX 5090 (sm_120): torch 2.7.1+cu126 has no kernels" in arch["title_text"]
    assert "CUDA 12.8 or newer" in arch["detail_text"]
    assert found["torch.smoke"][0]["status"] == "fail"
    (command,) = arch["fix"]["commands"]
    assert command == (
        "python3 -m pip install torch==2.7.1 torchaudio==2.7.1 "
        "--index-url https://download.pytorch.org/whl/cu128"
    )


def test_pascal_gpu_on_cu128_build_is_sent_to_the_cu126_build(tmp_path: Path) -> None:
    code, found = judged(tmp_path, gtx1080ti_cu128())
    assert code == 1
    arch = found["torch.arch"][0]
    assert "(sm_61): torch 2.11.0+cu128 has no kernels" in arch["title_text"]
    assert arch["fix"]["commands"][0].endswith(
        "torch==2.11.0 torchaudio==2.11.0 --index-url https://download.pytorch.org/whl/cu126"
    )


def test_cpu_only_torch_on_a_gpu_machine_fails_with_a_cuda_build(tmp_path: Path) -> None:
    machine = rtx3070ti()
    machine["torch"] = torch("2.7.1+cpu", None, [], [], available=False)
    code, found = judged(tmp_path, machine)
    assert code == 1
    cpu = found["torch.gpu"][0]
    assert "CPU-only build" in cpu["title_text"]
    assert "torch==2.7.1 torchaudio==2.7.1" in cpu["fix"]["commands"][0]
    assert "/whl/cu12" in cpu["fix"]["commands"][0]


def test_torchaudio_of_another_release_and_user_site_torch_are_reported(tmp_path: Path) -> None:
    machine = rtx3070ti()
    machine["torch"]["torchaudio"]["version"] = "2.6.0+cu126"
    machine["torch"]["user_site_shadow"] = "/home/u/.local/lib/python3.10/site-packages/torch"
    _, found = judged(tmp_path, machine)
    audio = found["torch.torchaudio"][0]
    assert audio["status"] == "fail"
    assert "torchaudio 2.6.0+cu126 does not match torch 2.7.1+cu126" in audio["title_text"]
    assert (
        "torchaudio==2.7.1 --index-url https://download.pytorch.org/whl/cu126"
        in audio["fix"]["commands"][0]
    )
    shadow = found["torch.shadow"][0]
    assert shadow["status"] == "warn"
    cmds = shadow["fix"]["commands"]
    assert cmds[2].strip() == "python3 -m pip uninstall -y torch"
    assert cmds[4].strip() == "export PYTHONNOUSERSITE=1"


def test_cpu_torchaudio_next_to_cuda_torch_is_a_flavour_mismatch(tmp_path: Path) -> None:
    machine = rtx3070ti()
    machine["torch"]["torchaudio"]["version"] = "2.7.1+cpu"
    _, found = judged(tmp_path, machine)
    audio = found["torch.torchaudio"][0]
    assert audio["status"] == "fail"
    assert "another build flavour" in audio["title_text"]
    assert audio["fix"]["commands"][0].endswith(
        "--index-url https://download.pytorch.org/whl/cu126"
    )


@pytest.mark.parametrize(
    ("python", "status", "words"),
    [
        ("3.10.12", "ok", "torch wheels for 1.13–2.14, k2 CUDA wheels for torch 1.13–2.12"),
        ("3.15.0", "warn", "k2 has no CUDA wheels for Python 3.15"),
        ("3.6.15", "fail", "no torch wheels for Python 3.6"),
    ],
)
def test_python_version_against_torch_and_k2_wheels(
    tmp_path: Path, python: str, status: str, words: str
) -> None:
    _, data = run_json("check", "--from", report(tmp_path, python), "--only", "python.version")
    (finding,) = data["findings"]
    assert finding["status"] == status
    assert words in finding["title_text"]
    if status != "ok":
        assert finding["fix"]["commands"] == [
            "conda create -n icefall python=3.10",
            "conda activate icefall",
        ]


def test_other_processes_holding_gpu_memory_warn(tmp_path: Path) -> None:
    machine = rtx3070ti()
    machine["nvidia"]["gpus"][0]["processes"] = [
        {"pid": 777, "name": "Xorg", "used_memory": 300 * 2**20},
        {"pid": 4242, "name": "python3", "used_memory": 3 * GIB},
    ]
    _, found = judged(tmp_path, machine)
    busy = [f for f in found["nvidia.gpus"] if f["status"] == "warn"]
    assert len(busy) == 1
    assert "2 other process(es) hold 3.3 GiB" in busy[0]["title_text"]
    assert "python3 (pid 4242, 3072 MiB)" in busy[0]["detail_text"]


# --- the probe itself, with a fake NVML and a fake nvidia-smi -------------------------------

FAKE_NVML = """
class NVMLError(Exception):
    pass

class _Mem:
    total, free, used = 8589934592, 7516192768, 1073741824

class _Proc:
    pid, usedGpuMemory = 4242, 1610612736

def nvmlInit(): pass
def nvmlShutdown(): pass
def nvmlSystemGetDriverVersion(): return "550.142"
def nvmlSystemGetCudaDriverVersion(): return 12060
def nvmlDeviceGetCount(): return 1
def nvmlDeviceGetHandleByIndex(i): return ("gpu", i)
def nvmlDeviceGetName(h): return b"NVIDIA GeForce RTX 3070 Ti"
def nvmlDeviceGetMemoryInfo(h): return _Mem()
def nvmlDeviceGetCudaComputeCapability(h): return (8, 6)
def nvmlDeviceGetComputeRunningProcesses(h): return [_Proc()]
def nvmlDeviceGetGraphicsRunningProcesses(h): return []
def nvmlSystemGetProcessName(pid): return "python3"
"""

BROKEN_NVML = """
class NVMLError(Exception):
    pass

def nvmlInit():
    raise NVMLError("NVML Shared Library Not Found")
"""

FAKE_SMI = """#!/bin/sh
case "$*" in
  *compute_cap*) echo "Field \\"compute_cap\\" is not a valid field to query." >&2; exit 2 ;;
  *--query-gpu*) echo "0, 00000000:01:00.0, Tesla T4, 15109, 14000" ;;
  *--query-compute-apps*) echo "00000000:01:00.0, 999, /usr/bin/python3, 2048" ;;
  *) echo "| NVIDIA-SMI 470.82.01    Driver Version: 470.82.01    CUDA Version: 11.4     |" ;;
esac
"""


def nvidia_facts(env: dict[str, str]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    _, data = run_json("--only", "nvidia", env=env)
    probe_result = data["facts"]["probes"]["nvidia"]
    assert probe_result["status"] == "ok", probe_result
    return probe_result["data"], data["findings"]


def test_nvml_probe_reads_driver_gpus_and_processes(fake_pkg: FakePackages) -> None:
    fake_pkg.add("pynvml", FAKE_NVML)
    facts, findings = nvidia_facts({"PYTHONPATH": str(fake_pkg.root)})
    assert facts == {
        "source": "nvml",
        "driver": "550.142",
        "cuda_driver_version": "12.6",
        "error": None,
        "gpus": [
            {
                "index": 0,
                "name": "NVIDIA GeForce RTX 3070 Ti",
                "memory_total": 8 * GIB,
                "memory_free": 7 * GIB,
                "compute_capability": "8.6",
                "processes": [{"pid": 4242, "name": "python3", "used_memory": 1.5 * GIB}],
            }
        ],
    }
    titles = [f["title_text"] for f in findings]
    assert "NVIDIA driver 550.142: runs CUDA up to 12.6 (via nvml)" in titles
    assert "GPU 0: NVIDIA GeForce RTX 3070 Ti, 8.0 GiB (7.0 GiB free), sm_86" in titles
    assert "GPU 0: 1 other process(es) hold 1.5 GiB" in titles


def _smi_bin(tmp: Path) -> Path:
    bindir = tmp / "bin"
    bindir.mkdir()
    smi = bindir / "nvidia-smi"
    smi.write_text(FAKE_SMI)
    smi.chmod(smi.stat().st_mode | stat.S_IEXEC)
    return bindir


def test_nvidia_smi_fallback_on_an_old_driver(tmp_path: Path, fake_pkg: FakePackages) -> None:
    fake_pkg.add("pynvml", BROKEN_NVML)
    path = f"{_smi_bin(tmp_path)}{os.pathsep}{os.environ['PATH']}"
    facts, _ = nvidia_facts({"PYTHONPATH": str(fake_pkg.root), "PATH": path})
    assert facts["source"] == "nvidia-smi"
    assert (facts["driver"], facts["cuda_driver_version"]) == ("470.82.01", "11.4")
    (gpu_seen,) = facts["gpus"]
    assert gpu_seen["name"] == "Tesla T4" and gpu_seen["compute_capability"] is None
    assert gpu_seen["memory_total"] == 15109 * 2**20
    assert gpu_seen["processes"] == [
        {"pid": 999, "name": "/usr/bin/python3", "used_memory": 2048 * 2**20}
    ]


def test_no_driver_is_one_clear_cpu_finding(tmp_path: Path, fake_pkg: FakePackages) -> None:
    fake_pkg.add("pynvml", BROKEN_NVML)
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = run_cli("--only", "nvidia", env={"PYTHONPATH": str(fake_pkg.root), "PATH": str(empty)})
    assert proc.returncode == 0, proc.stderr
    assert "! No NVIDIA driver found: training would run on CPU" in proc.stdout
    assert proc.stdout.count("!") == 1
    assert "Traceback" not in proc.stdout + proc.stderr


# --- the CUDA toolkit probe: nvcc from CUDA_HOME, LD_LIBRARY_PATH shadowing ----------------

FAKE_NVCC = """#!/bin/sh
echo "nvcc: NVIDIA (R) Cuda compiler driver"
echo "Cuda compilation tools, release 12.6, V12.6.85"
"""


def test_cuda_home_nvcc_and_shadowing_libraries(tmp_path: Path) -> None:
    nvcc = tmp_path / "cuda-12.6" / "bin" / "nvcc"
    nvcc.parent.mkdir(parents=True)
    nvcc.write_text(FAKE_NVCC)
    nvcc.chmod(0o755)
    libs = tmp_path / "cudnn" / "lib"
    libs.mkdir(parents=True)
    (libs / "libcudnn.so.9").write_bytes(b"")
    keep = tmp_path / "other"
    keep.mkdir()
    env = {"CUDA_HOME": str(nvcc.parent.parent), "LD_LIBRARY_PATH": f"{libs}:{keep}"}
    _, data = run_json("--only", "cuda", env=env)
    found = findings_by_check(data)
    toolkit = found["cuda.toolkit"][0]
    assert toolkit["status"] == "ok"
    assert toolkit["title_text"] == f"CUDA toolkit 12.6: {nvcc} (from CUDA_HOME)"
    shadow = found["cuda.libs"][0]
    assert shadow["status"] == "warn"
    assert str(libs) in shadow["title_text"] and "libcudnn.so.9" in shadow["detail_text"]
    assert shadow["fix"]["commands"] == [f"export LD_LIBRARY_PATH={keep}"]
