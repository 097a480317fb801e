"""torch.arch as a user meets it through `check --from`: a cubin runs on a GPU of the same major
and an equal or newer minor; PTX alone runs JIT-compiled (a warning); else no kernels (a fail)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_checks_gpu import device, gpu, judged, nvidia, torch

NAME = "GPU under test"


def _arch(tmp_path: Path, cc: str, archs: list[str]) -> dict[str, object]:
    machine = {
        "nvidia": nvidia("580.65.06", "13.0", gpu(NAME, cc, 16)),
        "torch": torch("2.7.1+cu126", "12.6", archs, [device(NAME, cc, 15.5)]),
    }
    _, found = judged(tmp_path, machine)
    [arch] = found["torch.arch"]
    return arch


@pytest.mark.parametrize(
    ("cc", "archs", "status", "says"),
    [
        ("8.6", ["sm_80"], "ok", "has kernels"),  # same major, newer minor: the cubin runs
        ("8.0", ["sm_86"], "fail", "has no kernels"),  # older minor: it does not
        ("9.0", ["sm_80"], "fail", "has no kernels"),  # another major: it does not
        ("9.0", ["sm_80", "compute_80"], "warn", "has only PTX for it"),  # PTX is JIT-compiled
        ("8.6", ["sm_75", "compute_90"], "fail", "has no kernels"),  # PTX newer than the GPU
    ],
)
def test_which_builds_run_on_which_gpu(
    tmp_path: Path, cc: str, archs: list[str], status: str, says: str
) -> None:
    arch = _arch(tmp_path, cc, archs)
    assert arch["status"] == status, arch
    sm = "sm_" + cc.replace(".", "")
    assert f"{NAME} ({sm}): torch 2.7.1+cu126 {says}" in str(arch["title_text"])


def test_ptx_only_tells_why_the_first_start_is_slow(tmp_path: Path) -> None:
    arch = _arch(tmp_path, "9.0", ["sm_80", "compute_80"])
    assert "JIT-compiled on first use" in str(arch["detail_text"])
    assert "Built for: sm_80 compute_80" in str(arch["detail_text"])
