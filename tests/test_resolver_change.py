"""What the k2 plan says and does, through `check --from`, for machines the other resolver tests
do not cover: why torch changes (no k2 wheel for it, or it does not fit this GPU machine) and in
which direction; the torch the k2 probe saw when the torch probe reported nothing; a GPU no
torch serves with its driver; a source build on PYTHONPATH a wheel replaces; an H100 on a CUDA
11.8 driver; a laptop whose wheel pages list no CPU k2."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.helpers import findings_by_check, run_cli, run_json
from tests.test_resolver import CPU_LAPTOP, RTX_3070TI, _probe, _with, machine_facts, plan_of


def _k2_plan(tmp_path: Path, facts: dict[str, Any]) -> list[dict[str, Any]]:
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps({"schema": 1, "facts": facts}), encoding="utf-8")
    _, report = run_json("check", "--from", str(saved), "--only", "k2.plan")
    return findings_by_check(report)["k2.plan"]


def _torch(version: str, cuda: str | None) -> dict[str, Any]:
    return {"installed": True, "version": version, "cuda": cuda}


def test_a_cpu_torch_on_a_gpu_machine_is_reinstalled_for_cuda(tmp_path: Path) -> None:
    found = _k2_plan(tmp_path, _with(RTX_3070TI, "torch", _torch("2.12.0+cpu", None)))
    assert found[0]["status"] == "warn"
    assert found[0]["title_text"].startswith(
        "torch 2.12.0+cpu does not fit this machine's driver or GPUs. So the plan reinstalls"
        " torch to 2.12.0;"
    )
    assert found[-1]["fix"]["commands"][0] == (
        "python3 -m pip install torch==2.12.0 torchaudio==2.11.0 "
        "--index-url https://download.pytorch.org/whl/cu126"
    )


def test_a_torch_that_does_not_import_is_said_so_not_called_unfit(tmp_path: Path) -> None:
    broken = {**_torch("2.12.0+cpu", None), "import_error": "OSError: libtorch_cpu.so: bad ELF"}
    found = _k2_plan(tmp_path, _with(RTX_3070TI, "torch", broken))
    assert found[0]["title_text"].startswith(
        "torch 2.12.0+cpu does not import here. So the plan reinstalls torch to 2.12.0;"
    )


def test_a_cuda_torch_on_a_laptop_without_k2_wheels_is_upgraded(tmp_path: Path) -> None:
    found = _k2_plan(tmp_path, _with(CPU_LAPTOP, "torch", _torch("1.12.0+cu113", "11.3")))
    assert found[0]["title_text"].startswith(
        "torch 1.12.0+cu113 stays only if k2 is built from source: no k2 wheel exists for it"
        " with Python 3.11 on linux_x86_64, and no k2 source build found here fits it. So the"
        " plan upgrades torch to 2.12.0;"
    )


def test_without_a_torch_probe_the_torch_k2_saw_is_kept(tmp_path: Path) -> None:
    facts = json.loads(json.dumps(RTX_3070TI))
    del facts["probes"]["torch"]  # a probe that timed out: the k2 probe still imported torch
    k2 = {"found": True, "import_ok": False, "python": "3.10"}
    facts = _with(facts, "k2", {**k2, "torch_version": "2.7.1+cu126", "torch_cuda": "12.6"})
    main, cmds = plan_of(tmp_path, facts)
    assert main["facts"]["keep_torch"] is True and main["facts"]["torch"] == "2.7.1"
    assert not any("install torch" in c for c in cmds), cmds
    assert cmds[-1].startswith("python3 -m pip install k2==1.24.4.devYYYYMMDD+cuda12.6.torch2.7.1")


def test_a_gpu_no_torch_serves_with_this_driver_gets_the_source_plan_and_why(
    tmp_path: Path,
) -> None:
    """An RTX 5090 on a CUDA 11.8 driver: no torch build serves sm_120 there, so no wheel and
    no hedge; the notes say no k2 build carries its code."""
    old = machine_facts(python="3.11.9", driver="520.61.05", driver_cuda="11.8", ccs=("12.0",))
    found = _k2_plan(tmp_path, old)
    titles = [f["title_text"] for f in found]
    assert titles[0] == (
        "No k2 wheel fits Python 3.11 on linux_x86_64 (torch: none installed; GPUs: 12.0)"
    )
    assert (
        "No k2 build carries code for compute capability 12.0; a source build may need a k2"
        " newer than its last release"
    ) in titles
    assert titles[-1] == "No k2 wheel fits this machine: build k2 from source"
    assert found[-1]["facts"]["source_build"] is True


def test_a_source_build_on_pythonpath_is_named_when_a_wheel_replaces_it(tmp_path: Path) -> None:
    k2 = {
        "found": True,
        "import_ok": True,
        "python": "3.10",
        "source_build": {"python_dir": "/src/k2/k2/python"},
        "build": {"with_cuda": False, "torch_version": "2.7.1+cu126"},
        "ops": {"cpu": {"ok": True}},
    }
    titles = [f["title_text"] for f in _k2_plan(tmp_path, _with(RTX_3070TI, "k2", k2))]
    assert (
        "The k2 source build on PYTHONPATH (/src/k2/k2/python, -) would shadow the wheel: remove"
        " both exports from ~/.bashrc and this shell"
    ) in titles


def test_an_h100_on_a_cuda_11_8_driver_gets_the_cu118_k2_that_carries_sm_90(
    tmp_path: Path,
) -> None:
    h100 = machine_facts(python="3.10.12", driver="520.61.05", driver_cuda="11.8", ccs=("9.0",))
    main, cmds = plan_of(tmp_path, h100)
    assert (main["facts"]["torch"], main["facts"]["variant"]) == ("2.7.1", "11.8")
    assert cmds == [
        "python3 -m pip install torch==2.7.1 torchaudio==2.7.1 "
        "--index-url https://download.pytorch.org/whl/cu118",
        "python3 -m pip install k2==1.24.4.devYYYYMMDD+cuda11.8.torch2.7.1 "
        "-f https://k2-fsa.github.io/k2/cuda.html",
    ]


def test_a_laptop_the_wheel_pages_list_no_cpu_k2_for_gets_a_cpu_source_build(
    tmp_path: Path,
) -> None:
    laptop = machine_facts(python="3.11.7")
    page = "https://k2-fsa.github.io/k2/cuda.html"
    wheel = ["1.24.4.dev20250630+cuda12.6.torch2.7.1", "cp311", "linux_x86_64", page]
    laptop["probes"]["k2wheels"] = _probe(
        "k2wheels", {"source": "online", "pages": [page], "wheels": [wheel]}
    )
    main, cmds = plan_of(tmp_path, laptop)
    assert main["title_text"] == "No k2 wheel fits this machine: build k2 from source"
    assert main["detail_text"].startswith("Build k2 against torch 2.12.0 (CPU, install)")
    facts = main["facts"]
    assert (facts["torch"], facts["variant"], facts["source_build"]) == ("2.12.0", "cpu", True)
    assert any("-DK2_WITH_CUDA=OFF" in c for c in cmds), cmds


def test_an_old_driver_without_its_cuda_reported_gets_no_torch_it_cannot_run(
    tmp_path: Path,
) -> None:
    """Driver 418 (CUDA 10.1, older than the driver table) and no CUDA version from the probe:
    judged by the driver version itself, no torch build the doctor knows runs on it, so no
    wheel plan is offered."""
    old = machine_facts(python="3.10.12", driver="418.67", driver_cuda="", ccs=("8.6",))
    titles = [f["title_text"] for f in _k2_plan(tmp_path, old)]
    assert (
        "No torch build this doctor knows serves Python 3.10 with GPUs 8.6 and this driver:"
        " install a CUDA torch for this platform by hand, then build k2 against it"
    ) in titles
    assert titles[-1] == "No k2 wheel fits this machine: build k2 from source"


def test_check_gives_one_torch_for_a_cpu_torch_on_a_gpu_not_three(tmp_path: Path) -> None:
    """The torch line (2.7.1 for cu128), the torchaudio line (a CPU torchaudio) and the k2 plan
    (2.12.0 for cu126) each gave their own command; pasted in order, the last one undid the
    others. The torch lines point to the plan; every install shown is the plan's."""
    saved = tmp_path / "report.json"
    facts = _with(RTX_3070TI, "torch", _torch("2.7.1+cpu", None))
    saved.write_text(json.dumps({"schema": 1, "facts": facts}), encoding="utf-8")
    for extra in ((), ("--markdown",)):
        proc = run_cli("check", "--from", str(saved), *extra)
        installs = [line.strip() for line in proc.stdout.splitlines() if "pip install" in line]
        assert installs == [
            "python3 -m pip install torch==2.12.0 torchaudio==2.11.0"
            " --index-url https://download.pytorch.org/whl/cu126",
            "python3 -m pip install k2==1.24.4.devYYYYMMDD+cuda12.6.torch2.12.0"
            " -f https://k2-fsa.github.io/k2/cuda.html",
        ], proc.stdout
        assert proc.stdout.count("In the one set of commands under k2, which installs") == 2
