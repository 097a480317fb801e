"""The resolver as a table of recorded machines, each fed through `check --from`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from doctor.facts import Facts, ProbeResult
from doctor.fixer.steps import Choice, Install, Run
from doctor.k2wheels import WheelIndex, parse
from doctor.messages import text
from doctor.resolver import resolve
from tests.helpers import findings_by_check, run_json

TORCH_INDEX = "--index-url https://download.pytorch.org/whl/"


def _probe(name: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "status": "ok", "data": data}


def _system(os_name: str, arch: str) -> dict[str, Any]:
    """What the system probe records, for a recorded machine."""
    data: dict[str, Any] = {"os": os_name, "machine": arch, "cpus": 8}
    data.update(ram_total=32 * 2**30, ram_available=30 * 2**30)
    if os_name == "Linux":
        data.update(distro={"pretty_name": "Ubuntu 22.04.5 LTS"}, libc="glibc")
        data.update(libc_version="2.35")
    return data


NO_NVIDIA: dict[str, Any] = {
    "source": "none",
    "driver": None,
    "cuda_driver_version": None,
    "gpus": [],
    "error": "NVML: NVMLError_LibraryNotFound: NVML Shared Library Not Found; "
    "nvidia-smi not found on PATH",
}


def machine_facts(
    *,
    python: str,
    os_name: str = "Linux",
    arch: str = "x86_64",
    driver: str = "",
    driver_cuda: str = "",
    ccs: tuple[str, ...] = (),
    torch: dict[str, Any] | None = None,
    k2: dict[str, Any] | None = None,
) -> dict[str, Any]:
    gpus = [
        {
            "index": i,
            "name": "NVIDIA GeForce RTX 3070 Ti" if cc == "8.6" else f"GPU sm_{cc}",
            "memory_total": 8 * 2**30,
            "memory_free": 7 * 2**30,
            "compute_capability": cc,
            "processes": [],
        }
        for i, cc in enumerate(ccs)
    ]
    probes = {
        "python": _probe(
            "python",
            {
                "version": python,
                "executable": "/env/bin/python3",
                "env_kind": "venv",
                "prefix": "/env",
            },
        ),
        "system": _probe("system", _system(os_name, arch)),
        "k2": _probe("k2", k2 or {"found": False, "import_ok": False, "python": python[:4]}),
        "lhotse": _probe(
            "lhotse", {"installed": True, "version": "1.33.0", "lilcom": {"error": ""}}
        ),
        "icefall": _probe("icefall", {"root": ""}),
        "k2wheels": _probe("k2wheels", {"source": "shipped", "error": "offline"}),
    }
    if driver:
        probes["nvidia"] = _probe(
            "nvidia",
            {"source": "nvml", "driver": driver, "cuda_driver_version": driver_cuda, "gpus": gpus},
        )
    else:  # what the probe answers on a machine without NVIDIA's driver (recorded on one)
        probes["nvidia"] = _probe("nvidia", NO_NVIDIA)
    if torch is not None:
        probes["torch"] = _probe("torch", torch)
    return {"probes": probes, "context": {"target": "/env/bin/python3", "target_source": "PATH"}}


RTX_3070TI = machine_facts(
    python="3.10.12",
    driver="550.142",
    driver_cuda="12.4",
    ccs=("8.6",),
    torch={
        "installed": True,
        "version": "2.7.1+cu126",
        "cuda": "12.6",
        "arch_list": ["sm_50", "sm_60", "sm_70", "sm_75", "sm_80", "sm_86", "sm_90"],
    },
)
H100 = machine_facts(python="3.12.3", driver="580.65.06", driver_cuda="13.0", ccs=("9.0",))
RTX_5090 = machine_facts(python="3.11.9", driver="570.124.06", driver_cuda="12.8", ccs=("12.0",))
GTX_1080TI = machine_facts(python="3.10.12", driver="535.104.05", driver_cuda="12.2", ccs=("6.1",))
CPU_LAPTOP = machine_facts(python="3.11.7")
MAC_ARM = machine_facts(python="3.11.7", os_name="Darwin", arch="arm64")


def plan_of(tmp_path: Path, facts: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps({"schema": 1, "facts": facts}))
    _, report = run_json("check", "--from", str(saved), "--only", "k2.plan")
    found = findings_by_check(report)["k2.plan"]
    main = found[-1]
    commands = (main.get("fix") or {}).get("commands") or []
    return main, commands


def test_rtx_3070ti_keeps_installed_torch_and_picks_k2_for_it(tmp_path: Path) -> None:
    main, cmds = plan_of(tmp_path, RTX_3070TI)
    assert not any("install torch" in c for c in cmds), cmds
    assert cmds[0] == (
        "python3 -m pip install k2==1.24.4.devYYYYMMDD+cuda12.6.torch2.7.1 "
        "-f https://k2-fsa.github.io/k2/cuda.html"
    )
    assert main["facts"]["keep_torch"] is True
    assert "keep torch 2.7.1 (CUDA 12.6)" in main["detail_text"]


def test_driver_without_reported_cuda_version_gets_the_same_plan(tmp_path: Path) -> None:
    """NVML / nvidia-smi without "CUDA Version": the driver version alone tells which CUDA it
    runs (550.142 runs 12.4 natively), so the 3070 Ti keeps its torch instead of a source build."""
    facts = json.loads(json.dumps(RTX_3070TI))
    facts["probes"]["nvidia"]["data"]["cuda_driver_version"] = None
    main, cmds = plan_of(tmp_path, facts)
    assert main["facts"]["source_build"] is False, main
    assert main["facts"]["keep_torch"] is True
    assert cmds[0].startswith("python3 -m pip install k2==1.24.4.devYYYYMMDD+cuda12.6.torch2.7.1")


def test_rtx_3070ti_with_wheel_page_names_the_exact_dev_build() -> None:
    page = "".join(
        f'<a href="x/k2-1.24.4.dev{d}%2Bcuda12.6.torch2.7.1-cp310-cp310-'
        f'manylinux_2_28_x86_64.whl">k2</a>'
        for d in ("20250715", "20250807")
    )
    index = WheelIndex("online", ("cuda.html",), tuple(parse(page)))
    plan = resolve(Facts.from_json(RTX_3070TI), wheels=index)
    assert plan.k2 == "1.24.4.dev20250807+cuda12.6.torch2.7.1"
    assert plan.commands == (
        "python3 -m pip install k2==1.24.4.dev20250807+cuda12.6.torch2.7.1 "
        "-f https://k2-fsa.github.io/k2/cuda.html",
    )


@pytest.mark.parametrize(
    ("facts", "torch_cmd", "k2_local"),
    [
        (
            H100,
            "torch==2.12.0 torchaudio==2.11.0 " + TORCH_INDEX + "cu130",
            "+cuda13.0.torch2.12.0",
        ),
        (
            GTX_1080TI,
            "torch==2.12.0 torchaudio==2.11.0 " + TORCH_INDEX + "cu126",
            "+cuda12.6.torch2.12.0",
        ),
        (CPU_LAPTOP, "torch==2.12.0 torchaudio==2.11.0 " + TORCH_INDEX + "cpu", "+cpu.torch2.12.0"),
        (MAC_ARM, "torch==2.12.0 torchaudio==2.11.0", "+cpu.torch2.12.0"),
    ],
    ids=["h100-driver580-py312", "gtx1080ti-driver535", "cpu-laptop", "macos-arm64"],
)
def test_machine_table(
    tmp_path: Path, facts: dict[str, Any], torch_cmd: str, k2_local: str
) -> None:
    _, cmds = plan_of(tmp_path, facts)
    assert cmds[0] == f"python3 -m pip install {torch_cmd}"
    assert cmds[1].startswith("python3 -m pip install k2==1.24.4.devYYYYMMDD" + k2_local)
    page = "cpu.html" if "cpu" in k2_local else "cuda.html"
    assert cmds[1].endswith(f"-f https://k2-fsa.github.io/k2/{page}")
    assert all(c.startswith("python3 -m pip ") for c in cmds)


def test_rtx_5090_gets_a_cu128_wheel_proved_on_cuda_with_the_source_build_as_fallback(
    tmp_path: Path,
) -> None:
    """sm_120 is in no k2 wheel's arch list: a cu128 torch and the matching k2 wheel, a k2 op on
    cuda:0 as the proof, and the source build (C++17, nvcc matching torch) as the other way."""
    plan = resolve(Facts.from_json(RTX_5090))
    assert (plan.torch, plan.variant, plan.source_build) == ("2.11.0", "12.8", False)
    torch_step, k2_step, choice = plan.steps[:3]
    assert isinstance(torch_step, Install) and torch_step.index_url.endswith("/cu128")
    assert isinstance(k2_step, Install) and "+cuda12.8.torch2.11.0" in k2_step.packages[0]
    assert isinstance(choice, Choice)
    proof, source = choice.alternatives
    assert isinstance(proof.steps[0], Run) and 'torch.device("cuda:0")' in proof.steps[0].argv[2]
    cmake = next(s for s in source.steps if isinstance(s, Run) and s.argv[0] == "cmake")
    assert "-DCMAKE_CXX_STANDARD=17" in cmake.argv and "-DK2_BUILD_FOR_ALL_ARCHS=ON" in cmake.argv
    notes = " ".join(text(n) for n in plan.notes)
    assert "compute capability 12.0" in notes and "k2#1332" in notes
    main, _ = plan_of(tmp_path, RTX_5090)
    assert main["status"] == "fail" and "torch 2.11.0 (CUDA 12.8)" in main["title_text"]


def test_mirror_cn_uses_the_cn_pages() -> None:
    plan = resolve(Facts.from_json(CPU_LAPTOP), mirror="cn")
    assert plan.commands[1].endswith("-f https://k2-fsa.github.io/k2/cpu-cn.html")


def test_driver_too_old_for_any_cuda12_build_falls_back_to_cuda11() -> None:
    old = machine_facts(python="3.10.12", driver="470.82.01", driver_cuda="11.4", ccs=("8.6",))
    plan = resolve(Facts.from_json(old))
    assert plan.variant == "11.8"
    assert plan.torch == "2.7.1"


def test_probe_result_round_trip_keeps_plan() -> None:
    facts = Facts.from_json(H100)
    again = Facts.from_json(json.loads(json.dumps(facts.to_json())))
    assert resolve(facts) == resolve(again)
    assert isinstance(facts.probes["python"], ProbeResult)


def _with(facts: dict[str, Any], probe: str, data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(json.dumps(facts))
    out["probes"][probe] = _probe(probe, data)
    return out


def test_working_stack_with_old_lhotse_only_gets_the_rest(tmp_path: Path) -> None:
    k2 = {
        "found": True,
        "import_ok": True,
        "build": {"with_cuda": True, "cuda_version": "12.6", "torch_version": "2.7.1+cu126"},
        "ops": {"cpu": {"ok": True}},
    }
    facts = _with(_with(RTX_3070TI, "k2", k2), "lhotse", {"installed": True, "version": "1.20.0"})
    main, cmds = plan_of(tmp_path, facts)
    assert cmds == ["python3 -m pip install -U lhotse"]
    assert main["status"] == "warn"
    assert main["title_text"].startswith(
        "torch 2.7.1 (CUDA 12.6) and k2 fit this machine; the rest"
    )


def test_fitting_stack_needs_nothing(tmp_path: Path) -> None:
    k2 = {
        "found": True,
        "import_ok": True,
        "build": {"with_cuda": True, "cuda_version": "12.6", "torch_version": "2.7.1+cu126"},
        "ops": {"cpu": {"ok": True}},
    }
    main, cmds = plan_of(tmp_path, _with(RTX_3070TI, "k2", k2))
    assert cmds == []
    assert main["title_text"] == (
        "torch 2.7.1 (CUDA 12.6) and k2 fit this machine; nothing to install"
    )


def test_stale_source_build_must_leave_pythonpath(tmp_path: Path) -> None:
    k2 = {
        "found": True,
        "import_ok": False,
        "import_error": "ImportError: k2 was built using PyTorch 2.5.1",
        "source_build": {"python_dir": "/src/k2/k2/python", "lib_dir": "/src/k2/build/lib"},
    }
    facts = Facts.from_json(_with(RTX_3070TI, "k2", k2))
    plan = resolve(facts)
    assert not any("uninstall" in c for c in plan.commands)
    assert [n.key for n in plan.notes][-1] == "resolver.drop_source_build"
    assert plan.notes[-1].params["python_dir"] == "/src/k2/k2/python"


def test_online_page_with_a_torch_the_table_does_not_know_is_used() -> None:
    name = "k2-1.24.5.dev20261101%2Bcuda13.0.torch2.14.1-cp312-cp312-manylinux_2_28_x86_64.whl"
    index = WheelIndex("online", ("cuda.html",), tuple(parse(f'<a href="{name}">k</a>')))
    plan = resolve(Facts.from_json(H100), wheels=index)
    assert plan.k2 == "1.24.5.dev20261101+cuda13.0.torch2.14.1"
    assert plan.commands[0].startswith("python3 -m pip install torch==2.14.1 ")


# The write-up's machine as recorded: Python 3.11, torch 2.13.0+cpu (no k2 wheel lists it), k2
# built from source in ~/k2 against it.
WRITEUP_TORCH = {
    "installed": True,
    "version": "2.13.0+cpu",
    "cuda": None,
    "torchaudio": {"installed": False, "version": None},
}
WRITEUP_BUILD = {
    "root": "/home/u/k2",
    "python_dir": "/home/u/k2/k2/python",
    "lib_dir": "/home/u/k2/build/lib",
    "so_file": "/home/u/k2/build/lib/_k2.cpython-311-x86_64-linux-gnu.so",
    "python_tag": "cp311",
    "fits_python": True,
    "on_path": False,
    "torch_version": "2.13.0+cpu",
    "torch_cuda": "",
    "with_cuda": False,
}


def _writeup(k2: dict[str, Any]) -> dict[str, Any]:
    return _with(machine_facts(python="3.11.14", torch=WRITEUP_TORCH), "k2", k2)


def test_exported_working_source_build_keeps_torch_and_its_exports(tmp_path: Path) -> None:
    k2 = {
        "found": True,
        "import_ok": True,
        "python": "3.11",
        "source_build": {
            "python_dir": WRITEUP_BUILD["python_dir"],
            "lib_dir": "/home/u/k2/build/lib",
        },
        "build": {"with_cuda": False, "torch_version": "2.13.0+cpu", "version": "1.24.4"},
        "ops": {"cpu": {"ok": True}},
        "torch_version": "2.13.0+cpu",
    }
    main, cmds = plan_of(tmp_path, _writeup(k2))
    assert cmds == []
    assert main["status"] == "ok"
    assert main["title_text"] == "torch 2.13.0 (CPU) and k2 fit this machine; nothing to install"
    plan = resolve(Facts.from_json(_writeup(k2)))
    assert plan.keep_torch and not plan.notes  # no "remove both exports"


def test_forgotten_exports_keep_torch_and_export_the_found_build(tmp_path: Path) -> None:
    k2 = {"found": False, "import_ok": False, "python": "3.11", "source_builds": [WRITEUP_BUILD]}
    main, cmds = plan_of(tmp_path, _writeup(k2))
    assert cmds == [
        'export PYTHONPATH=/home/u/k2/k2/python:"$PYTHONPATH"',
        'export PYTHONPATH=/home/u/k2/build/lib:"$PYTHONPATH"',
    ]
    assert main["title_text"] == (
        "torch 2.13.0 (CPU) stays: the k2 source build in /home/u/k2 fits it; put it on PYTHONPATH"
    )
    assert main["facts"]["keep_torch"] is True


def test_a_build_for_another_python_or_torch_does_not_keep_torch() -> None:
    for change in ({"fits_python": False, "python_tag": "cp39"}, {"torch_version": "2.7.1+cpu"}):
        build = {**WRITEUP_BUILD, **change}
        k2 = {"found": False, "import_ok": False, "python": "3.11", "source_builds": [build]}
        plan = resolve(Facts.from_json(_writeup(k2)))
        assert not plan.found_build
        assert not any(c.startswith("export PYTHONPATH") for c in plan.commands)


def test_a_torch_downgrade_says_why_and_what_it_breaks() -> None:
    torch = {**WRITEUP_TORCH, "torchaudio": {"installed": True, "version": "2.11.0+cpu"}}
    stale = {**WRITEUP_BUILD, "python_tag": "cp39", "fits_python": False}
    k2 = {"found": False, "import_ok": False, "python": "3.11", "source_builds": [stale]}
    facts = _with(machine_facts(python="3.11.14", torch=torch), "k2", k2)
    plan = resolve(Facts.from_json(facts))
    assert plan.commands[0].startswith("python3 -m pip install torch==2.12.0 ")
    (note,) = [n for n in plan.notes if n.key == "resolver.torch_replaced"]
    assert note.params["direction"].key == "resolver.direction.down"
    assert note.params["reason"].key == "resolver.reason.no_k2"
    assert note.params["reason"].params["python"] == "3.11"
    assert note.params["audio"].params == {"ta": "2.11.0+cpu"}
    assert note.params["builds"].key == "resolver.breaks.no_build"


def test_a_cpu_build_for_this_torch_on_a_gpu_machine_is_named_as_broken_by_a_change() -> None:
    gpu = machine_facts(
        python="3.11.14",
        driver="550.142",
        driver_cuda="12.4",
        ccs=("8.6",),
        torch={"installed": True, "version": "2.13.0+cu130", "cuda": "13.0"},
    )
    build = {**WRITEUP_BUILD, "torch_version": "2.13.0+cu130"}
    k2 = {"found": False, "import_ok": False, "python": "3.11", "source_builds": [build]}
    plan = resolve(Facts.from_json(_with(gpu, "k2", k2)))
    (note,) = [n for n in plan.notes if n.key == "resolver.torch_replaced"]
    assert note.params["builds"].params == {"roots": "/home/u/k2"}
    assert note.params["reason"].key == "resolver.reason.unfit"  # cu130 needs a newer driver


def test_working_k2_does_not_keep_a_torch_without_kernels_for_the_gpu() -> None:
    torch = {
        "installed": True,
        "version": "2.7.1+cu126",
        "cuda": "12.6",
        "arch_list": ["sm_50", "sm_60", "sm_70", "sm_75", "sm_80", "sm_86", "sm_90"],
    }
    k2 = {
        "found": True,
        "import_ok": True,
        "build": {"with_cuda": True, "cuda_version": "12.6", "torch_version": "2.7.1+cu126"},
        "ops": {"cpu": {"ok": True}},
    }
    facts = _with(_with(RTX_5090, "torch", torch), "k2", k2)
    plan = resolve(Facts.from_json(facts))
    assert plan.commands  # sm_120 needs another torch (or a source build), not "nothing to do"


def test_a_stale_build_on_pythonpath_and_a_fitting_one_beside_it(tmp_path: Path) -> None:
    stale = {
        **WRITEUP_BUILD,
        "root": "/home/u/k2",
        "on_path": True,
        "torch_version": "2.7.1+cpu",
    }
    new = {
        **WRITEUP_BUILD,
        "root": "/home/u/k2-new",
        "python_dir": "/home/u/k2-new/k2/python",
        "lib_dir": "/home/u/k2-new/build_release/lib",
    }
    k2 = {
        "found": True,
        "import_ok": False,
        "python": "3.11",
        "import_error": "ImportError: k2 was built using PyTorch 2.7.1+cpu",
        "k2_torch_version": "2.7.1+cpu",
        "source_build": {"python_dir": stale["python_dir"], "lib_dir": stale["lib_dir"]},
        "source_builds": [stale, new],
        "torch_version": "2.13.0+cpu",
    }
    saved = tmp_path / "r.json"
    saved.write_text(json.dumps({"schema": 1, "facts": _writeup(k2)}))
    _, report = run_json("check", "--from", str(saved), "--only", "k2.import", "--only", "k2.plan")
    by = findings_by_check(report)
    assert [f["title_text"] for f in by["k2.import"]] == [
        "k2 was built for torch 2.7.1+cpu, this environment has torch 2.13.0+cpu",
        "k2 is built from source in /home/u/k2-new but not on PYTHONPATH",
    ]
    assert by["k2.plan"][-1]["fix"]["commands"] == [
        'export PYTHONPATH=/home/u/k2-new/k2/python:"$PYTHONPATH"',
        'export PYTHONPATH=/home/u/k2-new/build_release/lib:"$PYTHONPATH"',
    ]
