"""Multi-GPU training needs NCCL in torch: the torch probe's "distributed" facts, the
torch.nccl finding and recipe.resources from recorded machines (`check --from`), and
`icefall-doctor run --world-size N` on a fixture recipe tree with a fake NVML and a fake
CUDA torch (the two things a test machine cannot have)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from doctor.facts import Facts, ProbeResult
from doctor.messages import t
from doctor.runner.gate import world_size_problem
from tests.conftest import FakePackages
from tests.helpers import findings_by_check, run_cli, run_json
from tests.runner_fixtures import make_icefall

GIB = 2**30
PY = "/home/u/miniconda3/envs/icefall/bin/python3"
A100 = "NVIDIA A100-SXM4-40GB"
ONLY = ("--only", "torch.nccl", "--only", "recipe.resources")


def _gpu(index: int) -> dict[str, Any]:
    return {
        "index": index,
        "name": A100,
        "memory_total": 40 * GIB,
        "memory_free": 36 * GIB,
        "compute_capability": "8.0",
        "processes": [],
    }


def _torch(distributed: dict[str, Any] | None, n: int) -> dict[str, Any]:
    data: dict[str, Any] = {
        "installed": True,
        "version": "2.7.1+cu126",
        "cuda": "12.6",
        "cuda_available": True,
        "cudnn": 90501,
        "arch_list": ["sm_80", "sm_86", "sm_90"],
        "devices": [{"index": i, "name": A100, "capability": "8.0"} for i in range(n)],
        "warnings": [],
        "import_error": None,
        "file": "/env/lib/python3.10/site-packages/torch/__init__.py",
        "user_site_shadow": None,
        "torchaudio": {"installed": True, "version": "2.7.1+cu126", "import_error": None},
        "smoke": {"ran": True, "ok": True, "error": None},
    }
    if distributed is not None:  # reports from before the probe looked have no such key
        data["distributed"] = distributed
    return data


def _dist(nccl: bool) -> dict[str, Any]:
    return {"available": True, "nccl": nccl, "gloo": True, "error": None}


def _report(tmp: Path, gpus: int, distributed: dict[str, Any] | None) -> str:
    data = {
        "python": {"executable": PY, "version": "3.10.12"},
        "system": {"cpus": 16, "ram_total": 64 * GIB, "ram_available": 60 * GIB},
        "nvidia": {
            "source": "nvml",
            "driver": "550.142",
            "cuda_driver_version": "12.6",
            "gpus": [_gpu(i) for i in range(gpus)],
            "error": None,
        },
        "torch": _torch(distributed, gpus),
        "recipe": {
            "active": True,
            "recipe": "baker_zh/matcha",
            "dir": "/x/egs/baker_zh/TTS",
            "steps": ["train"],
        },
    }
    probes = {k: {"name": k, "status": "ok", "data": v, "interpreter": PY} for k, v in data.items()}
    context = {"target": PY, "target_source": "PATH", "env": {}}
    path = tmp / "report.json"
    path.write_text(json.dumps({"schema": 1, "facts": {"probes": probes, "context": context}}))
    return str(path)


def _judged(tmp: Path, gpus: int, distributed: dict[str, Any] | None) -> dict[str, Any]:
    _, data = run_json("check", "--from", _report(tmp, gpus, distributed), *ONLY)
    return findings_by_check(data)


def test_two_gpus_with_nccl_train_on_both(tmp_path: Path) -> None:
    found = _judged(tmp_path, 2, _dist(nccl=True))
    (nccl,) = found["torch.nccl"]
    assert nccl["status"] == "ok"
    assert nccl["title_text"] == (
        "torch 2.7.1+cu126 has NCCL: --world-size up to 2 trains on all 2 GPUs"
    )
    (res,) = found["recipe.resources"]
    assert res["title_text"].endswith("--world-size 2")
    assert "2 GPUs: --world-size 2 trains with DDP over NCCL" in res["detail_text"]


def test_two_gpus_without_nccl_warn_and_recommend_one_process(tmp_path: Path) -> None:
    found = _judged(tmp_path, 2, _dist(nccl=False))
    (nccl,) = found["torch.nccl"]
    assert nccl["status"] == "warn"
    assert nccl["title_text"] == (
        "torch 2.7.1+cu126 has no NCCL: multi-GPU training on these 2 GPUs will not work"
    )
    assert "is_nccl_available() is False" in nccl["detail_text"]
    assert "only --world-size 1 (one GPU) can train" in nccl["detail_text"]
    (command,) = nccl["fix"]["commands"]
    assert command.startswith(
        "python3 -m pip install --force-reinstall torch==2.7.1 torchaudio==2.7.1 "
    )
    channel = command.split("--index-url https://download.pytorch.org/whl/")[1].split()[0]
    assert channel.startswith("cu")  # a CUDA build of the same release, from pytorch.org
    assert (
        nccl["fix"]["why_text"]
        == f"Reinstalls torch as a {channel} build for Linux, which includes NCCL."
    )
    (res,) = found["recipe.resources"]
    assert res["title_text"] == "Train with --max-duration 1600 --num-workers 8 --world-size 1"
    assert res["detail_text"].startswith("2 GPUs, but torch 2.7.1+cu126 has no NCCL")
    assert "--world-size 1 trains on one GPU" in res["detail_text"]
    assert res["facts"]["world_size"] == 1
    assert ["no_nccl", {"gpus": 2, "version": "2.7.1+cu126"}] in res["facts"]["reasons"]


def test_one_gpu_or_a_report_without_distributed_facts_says_nothing_of_nccl(
    tmp_path: Path,
) -> None:
    one = _judged(tmp_path, 1, _dist(nccl=False))
    assert "torch.nccl" not in one
    assert one["recipe.resources"][0]["title_text"].endswith("--world-size 1")
    old = _judged(tmp_path, 2, None)  # NCCL unknown: no warning, no change of advice
    assert "torch.nccl" not in old
    assert old["recipe.resources"][0]["title_text"].endswith("--world-size 2")
    broken = _judged(tmp_path, 2, {**_dist(nccl=False), "error": "ImportError: x"})
    assert "torch.nccl" not in broken


def test_probe_keeps_its_facts_when_torch_distributed_fails_to_load(
    bare_venv: Path, fake_pkg: FakePackages
) -> None:
    fake_pkg.add("torch", CPU_TORCH)
    fake_pkg.add("torch/distributed", "raise ImportError('libtorch_distributed.so: missing')")
    _, data = run_json(
        "--python", str(bare_venv), "--only", "torch", env={"PYTHONPATH": str(fake_pkg.root)}
    )
    facts = data["facts"]["probes"]["torch"]["data"]
    assert facts["version"] == "2.13.0+cpu" and facts["import_error"] is None
    assert facts["distributed"] == {
        "available": False,
        "nccl": False,
        "gloo": False,
        "error": "ImportError: libtorch_distributed.so: missing",
    }
    titles = [f["title_text"] for f in data["findings"]]
    assert "torch 2.13.0+cpu (CPU)" in titles


def _gate_says(argv: list[str], gpus: int, nccl: bool) -> list[str]:
    probes = {
        "nvidia": ProbeResult("nvidia", "ok", {"gpus": [_gpu(i) for i in range(gpus)]}),
        "torch": ProbeResult("torch", "ok", _torch(_dist(nccl), gpus)),
    }
    problem = world_size_problem(argv, Facts(probes=probes))
    return [t(key, **params) for key, params in problem.messages()] if problem else []


def test_gate_names_each_reason_and_the_world_size_that_fits() -> None:
    assert _gate_says(["--world-size", "2"], 2, nccl=True) == []
    assert _gate_says(["--world-size", "1"], 1, nccl=False) == []
    (short,) = _gate_says(["--world-size=3"], 2, nccl=True)
    assert short.startswith("--world-size 3 needs 3 usable GPUs; this machine has 2.")
    assert short.endswith("use --world-size 2.")
    short, no_nccl = _gate_says(["--world-size", "2", "--world-size", "4"], 2, nccl=False)
    assert short.endswith("use --world-size 1.")  # without NCCL only one process can train
    assert no_nccl.startswith("--world-size 4 needs NCCL")


# --- the runner: a fake NVML with two GPUs, a fake CUDA torch with or without NCCL ----------

CPU_TORCH = """\
__version__ = '2.13.0+cpu'
class version:
    cuda = None
class cuda:
    is_available = staticmethod(lambda: False)
    get_arch_list = staticmethod(lambda: [])
class backends:
    class cudnn:
        version = staticmethod(lambda: None)
"""

CUDA_TORCH = """\
__version__ = '2.7.1+cu126'
class version:
    cuda = '12.6'
class _Props:
    name, major, minor, total_memory = 'NVIDIA A100-SXM4-40GB', 8, 0, 42949672960
class cuda:
    is_available = staticmethod(lambda: True)
    device_count = staticmethod(lambda: 2)
    get_device_properties = staticmethod(lambda i: _Props())
    get_arch_list = staticmethod(lambda: ['sm_80', 'sm_86', 'sm_90'])
class backends:
    class cudnn:
        version = staticmethod(lambda: 90501)
def randn(*args, **kwargs):
    raise RuntimeError('no GPU behind this fake torch')
"""

DISTRIBUTED = """\
def is_available():
    return True
def is_nccl_available():
    return {nccl}
def is_gloo_available():
    return True
"""

TWO_GPU_NVML = """\
class NVMLError(Exception):
    pass
class _Mem:
    total, free, used = 42949672960, 38654705664, 4294967296
def nvmlInit(): pass
def nvmlShutdown(): pass
def nvmlSystemGetDriverVersion(): return '550.142'
def nvmlSystemGetCudaDriverVersion(): return 12060
def nvmlDeviceGetCount(): return 2
def nvmlDeviceGetHandleByIndex(i): return ('gpu', i)
def nvmlDeviceGetName(h): return b'NVIDIA A100-SXM4-40GB'
def nvmlDeviceGetMemoryInfo(h): return _Mem()
def nvmlDeviceGetCudaComputeCapability(h): return (8, 0)
def nvmlDeviceGetComputeRunningProcesses(h): return []
def nvmlDeviceGetGraphicsRunningProcesses(h): return []
"""


def _machine(fake_pkg: FakePackages, nccl: bool) -> dict[str, str]:
    fake_pkg.add("pynvml", TWO_GPU_NVML)
    fake_pkg.add("torch", CUDA_TORCH)
    fake_pkg.add("torch/distributed", DISTRIBUTED.format(nccl=nccl))
    return {"PYTHONPATH": str(fake_pkg.root)}


def _train(ice: Path, env: dict[str, str], *args: str) -> Any:
    where = ("--icefall", str(ice), "--python", sys.executable, "--steps", "train")
    return run_cli("run", "fake/matcha", *where, *args, "--", "--num-epochs", "1", env=env)


def test_world_size_2_without_nccl_is_blocked_and_force_goes_on(
    tmp_path: Path, fake_pkg: FakePackages
) -> None:
    recipe = make_icefall(tmp_path / "ice")
    env = _machine(fake_pkg, nccl=False)
    blocked = _train(tmp_path / "ice", env, "--world-size", "2")
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert (
        "--world-size 2 needs NCCL: icefall's DDP workers join over NCCL, but torch 2.7.1+cu126 "
        "has none (torch.distributed.is_nccl_available() is False). Use --world-size 1 (one GPU), "
        "or install a CUDA build of torch for Linux from download.pytorch.org, which includes NCCL."
    ) in blocked.stdout
    assert "usable GPUs" not in blocked.stdout  # two GPUs are there: NCCL is the only problem
    assert not (recipe / "matcha" / "exp").exists()
    forced = _train(tmp_path / "ice", env, "--world-size", "2", "--force")
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert "--force: going on despite" in forced.stdout and "world_size" in forced.stdout
    (argv,) = [json.loads(x) for x in (recipe / "matcha/exp/argv.jsonl").read_text().splitlines()]
    assert argv[argv.index("--world-size") + 1] == "2"


def test_runner_advice_follows_nccl(tmp_path: Path, fake_pkg: FakePackages) -> None:
    make_icefall(tmp_path / "ice")
    without = _train(tmp_path / "ice", _machine(fake_pkg, nccl=False), "--dry-run")
    (using,) = [x for x in without.stdout.splitlines() if x.startswith("Using --world-size")]
    assert using.startswith("Using --world-size 1 (")
    assert "2 GPUs, but torch 2.7.1+cu126 has no NCCL for DDP, so one process on one GPU" in using
    assert "--world-size 1" in without.stdout.split("$ ")[-1]
    with_nccl = _train(tmp_path / "ice", _machine(fake_pkg, nccl=True), "--dry-run")
    (using,) = [x for x in with_nccl.stdout.splitlines() if x.startswith("Using --world-size")]
    assert using.startswith("Using --world-size 2 (") and "2 GPUs, one process each" in using
    asked = _train(
        tmp_path / "ice", _machine(fake_pkg, nccl=True), "--dry-run", "--world-size", "2"
    )
    assert "needs NCCL" not in asked.stdout and "usable GPUs" not in asked.stdout
    assert "world_size" not in asked.stdout
