"""The plan `fix` prints, word for word where it matters: for a GPU newer than every k2 wheel
(an RTX 5090, sm_120) the choice between proving the wheel on the GPU and building k2 from
source, which of the two `fix --apply` runs, in English, Chinese and JSON; the uninstall of a
k2 that does not fit the chosen torch, with pip or (a uv venv without pip) uv; and the reason a
source build's torch step gives in `fix --json`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.helpers import run_cli
from tests.test_resolver import RTX_5090, _with, machine_facts

SMOKE = (
    "/env/bin/python3 -c 'import torch, k2; r = k2.RaggedTensor([[1, 2, 3], [4]])"
    '.to(torch.device("cuda:0")); print(r.pad(mode="constant", padding_value=0).tolist())\''
)


def _plan(tmp_path: Path, facts: dict[str, Any], *args: str) -> list[str]:
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps({"schema": 1, "facts": facts}), encoding="utf-8")
    proc = run_cli("fix", "--from", str(saved), "--mirror", "none", *args)
    assert proc.returncode == 1, proc.stderr  # a plan left to run
    return proc.stdout.splitlines()


def _step(lines: list[str], n: int) -> list[str]:
    """The lines of step n of the printed plan, up to the next step."""
    start = next(i for i, x in enumerate(lines) if x.startswith(f"{n:>2}. "))
    end = next((i for i, x in enumerate(lines[start + 1 :], start + 1) if x[:4].strip()), None)
    return lines[start:end]


def test_the_choice_shows_both_ways_and_which_one_apply_runs(tmp_path: Path) -> None:
    step = _step(_plan(tmp_path, RTX_5090), 3)
    assert step[:4] == [
        " 3. Do one of these, not both:",
        "      a) run a k2 op on cuda:0 with the wheel: it prints [[1, 2, 3], [4, 0, 0]] when the"
        " wheel runs on this GPU (preferred: fix --apply does this one)",
        "          " + SMOKE,
        "      b) build k2 from source for this GPU, against the same torch",
    ]
    assert '          git clone https://github.com/k2-fsa/k2.git "$HOME"/k2' in step
    assert step[-2:] == ["    resolves k2.plan", "    needs step 2 to succeed first"]


def test_the_choice_reads_in_chinese(tmp_path: Path) -> None:
    step = _step(_plan(tmp_path, RTX_5090, "--lang", "zh"), 3)
    assert step[0] == " 3. 以下二选一，不要都做："
    assert step[1].startswith("      a) 用 wheel 包在 cuda:0 上运行一个 k2 操作")
    assert step[1].endswith("（推荐：fix --apply 执行的是这一项）")
    assert step[2] == "          " + SMOKE


# a working k2 built for torch 2.7.1+cu126, which the RTX 5090's plan replaces with torch 2.11
K2_FOR_TORCH_271 = {
    "found": True,
    "import_ok": True,
    "python": "3.11",
    "build": {"with_cuda": True, "cuda_version": "12.6", "torch_version": "2.7.1+cu126"},
}


def test_a_k2_for_another_torch_is_uninstalled_first(tmp_path: Path) -> None:
    lines = _plan(tmp_path, _with(RTX_5090, "k2", K2_FOR_TORCH_271))
    assert lines[1] == " 1. python3 -m pip uninstall -y k2"
    assert lines[3].startswith(" 2. python3 -m pip install torch==2.11.0 torchaudio==2.11.0 ")


def test_fix_json_gives_each_way_with_its_reason_and_which_one_runs(tmp_path: Path) -> None:
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps({"schema": 1, "facts": RTX_5090}), encoding="utf-8")
    proc = run_cli("fix", "--from", str(saved), "--mirror", "none", "--json")
    choice = json.loads(proc.stdout)["steps"][2]["step"]
    assert choice["type"] == "choice"
    assert choice["reason"]["key"] == "resolver.hedge.choice"
    proof, source = choice["alternatives"]
    assert proof["reason"]["key"] == "resolver.hedge.proof"
    assert source["reason"]["key"] == "resolver.hedge.fallback"
    assert [(s["type"], s["auto"]) for s in proof["steps"]] == [("run", True)]
    assert proof["steps"][0]["argv"][:2] == ["/env/bin/python3", "-c"]
    # a step inside a choice has the fields of the same step outside one (a script reads both)
    assert all("reason" in s for s in proof["steps"] + source["steps"])


def test_in_a_uv_venv_without_pip_the_steps_use_uv_which_asks_nothing(tmp_path: Path) -> None:
    facts = _with(RTX_5090, "k2", K2_FOR_TORCH_271)
    uv = {"pip": "missing", "uv_venv": True, "uv": "/usr/bin/uv"}
    facts["probes"]["python"]["data"]["installer"] = uv
    lines = _plan(tmp_path, facts)
    assert lines[1] == " 1. uv pip uninstall --python /env/bin/python3 k2"  # uv has no -y
    assert lines[3].startswith(" 2. uv pip install --python /env/bin/python3 torch==2.11.0 ")


def test_fix_json_says_why_a_source_build_first_installs_torch(tmp_path: Path) -> None:
    """An aarch64 GPU machine: no k2 CUDA wheels there, so k2 is built from source against a
    CUDA torch the plan installs first; the step's reason says so for a script."""
    arm = machine_facts(
        python="3.11.7", arch="aarch64", driver="550.142", driver_cuda="12.4", ccs=("8.7",)
    )
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps({"schema": 1, "facts": arm}), encoding="utf-8")
    proc = run_cli("fix", "--from", str(saved), "--mirror", "none", "--json")
    torch = json.loads(proc.stdout)["steps"][0]
    assert torch["kind"] == "torch" and torch["step"]["packages"][0] == "torch==2.12.0"
    reason = torch["step"]["reason"]
    assert reason["key"] == "resolver.source.torch" and reason["params"]["torch"] == "2.12.0"
