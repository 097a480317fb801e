"""The k2 plan for a GPU newer than every k2 wheel (an RTX 5090, sm_120), through
`check --from`: the torch that serves it is kept when it is the one installed, and reinstalled
when the installed one is the same version built for another CUDA."""

from __future__ import annotations

from pathlib import Path

from tests.test_resolver import RTX_5090, _with, plan_of

CU128_ARCHS = ["sm_75", "sm_80", "sm_86", "sm_90", "sm_100", "sm_120"]
K2_WHEEL = "python3 -m pip install k2==1.24.4.devYYYYMMDD+cuda12.8.torch2.11.0 "


def _torch(version: str, cuda: str) -> dict[str, object]:
    return {"installed": True, "version": version, "cuda": cuda, "arch_list": CU128_ARCHS}


def test_the_chosen_torch_already_installed_is_kept_and_only_k2_installed(tmp_path: Path) -> None:
    facts = _with(RTX_5090, "torch", _torch("2.11.0+cu128", "12.8"))
    main, cmds = plan_of(tmp_path, facts)
    assert main["facts"]["keep_torch"] is True and main["facts"]["changes_stack"] is True, main
    assert cmds[0].startswith(K2_WHEEL), cmds
    assert not any("torch==" in c for c in cmds), cmds


def test_the_same_torch_for_another_cuda_is_reinstalled_from_the_cu128_index(
    tmp_path: Path,
) -> None:
    facts = _with(RTX_5090, "torch", _torch("2.11.0+cu126", "12.6"))
    main, cmds = plan_of(tmp_path, facts)
    assert main["facts"]["keep_torch"] is False, main
    assert cmds[0] == (
        "python3 -m pip install torch==2.11.0 torchaudio==2.11.0 "
        "--index-url https://download.pytorch.org/whl/cu128"
    )
    assert cmds[1].startswith(K2_WHEEL), cmds
