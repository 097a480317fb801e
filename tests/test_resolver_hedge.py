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


def _k2_for_211(build_torch: str, **extra: object) -> dict[str, object]:
    build = {"with_cuda": True, "cuda_version": "12.8", "torch_version": build_torch}
    return {"found": True, "import_ok": True, "python": "3.11", "build": build, **extra}


def test_a_k2_already_built_for_the_chosen_torch_is_not_uninstalled(tmp_path: Path) -> None:
    facts = _with(RTX_5090, "torch", _torch("2.11.0+cu128", "12.8"))
    _, cmds = plan_of(tmp_path, _with(facts, "k2", _k2_for_211("2.11.0+cu128")))
    assert not any("uninstall" in c for c in cmds), cmds
    assert cmds[0].startswith(K2_WHEEL), cmds


def test_an_old_k2_without_its_torch_in_the_build_info_is_judged_by_torch_version_py(
    tmp_path: Path,
) -> None:
    """Older k2 releases leave torch_version out of _k2.version; k2/torch_version.py has it."""
    facts = _with(RTX_5090, "torch", _torch("2.11.0+cu128", "12.8"))
    kept = _with(facts, "k2", _k2_for_211("", k2_torch_version="2.11.0"))
    _, cmds = plan_of(tmp_path, kept)
    assert not any("uninstall" in c for c in cmds), cmds
    other = _with(facts, "k2", _k2_for_211("", k2_torch_version="2.7.1"))
    _, cmds = plan_of(tmp_path, other)
    assert cmds[0] == "python3 -m pip uninstall -y k2", cmds
