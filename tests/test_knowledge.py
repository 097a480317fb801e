"""The shipped knowledge agrees with itself: every table cross-checked against the others."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from doctor.knowledge import as_of, load, torch_builds
from doctor.knowledge import k2 as k2_knowledge
from doctor.knowledge.versions import channel_of, line_of, vtuple

REPO = Path(__file__).resolve().parent.parent


def _releases() -> dict[str, dict[str, Any]]:
    return {str(r["line"]): r for r in load("torch.toml")["release"]}


def test_every_arch_row_names_a_torch_build_that_exists() -> None:
    releases = _releases()
    for row in load("torch.toml")["archs"]:
        for line in row["lines"]:
            assert line in releases, f"arch row names torch {line}, which has no release row"
            channels = releases[line]["channels"]
            for channel in row["channels"]:
                if channel in channels:
                    break
            else:
                raise AssertionError(f"arch row: torch {line} has none of {row['channels']}")


def test_every_cuda_build_of_every_release_has_an_arch_list() -> None:
    for rel in _releases().values():
        for channel in rel["channels"]:
            version = rel["versions"][-1]
            archs = torch_builds.arch_list(version, channel)
            assert archs, f"torch {version}+{channel} has no arch list"


def test_every_k2_wheel_names_a_torch_build_that_exists() -> None:
    releases = _releases()
    for row in load("k2_wheels.toml")["torch"]:
        for version in row["versions"]:
            rel = releases.get(line_of(version))
            assert rel is not None, f"k2 wheels for torch {version}: no torch release row"
            assert version in rel["versions"], f"torch {version} is not a known patch release"
            lo, hi = rel["python"]
            assert vtuple(lo) <= vtuple(row["python"][0])
            assert vtuple(row["python"][1]) <= vtuple(hi), f"k2 {version}: Python past torch's"
            unlisted = set(row.get("torch_channel_unlisted", []))
            for cuda in row["cuda"]:
                channel = channel_of(cuda)
                assert channel in rel["channels"] or cuda in unlisted, (
                    f"k2 +cuda{cuda}.torch{version}: torch has no {channel} build"
                )


def test_k2_python_lines_come_from_the_k2_table() -> None:
    assert "2.12" in torch_builds.k2_python_lines("3.14")
    assert "2.8" not in torch_builds.k2_python_lines("3.14")
    assert "1.13" in torch_builds.k2_python_lines("3.8")
    assert torch_builds.k2_python_lines("3.15") == []


def test_cuda13_k2_wheels_carry_no_maxwell_pascal_volta_code() -> None:
    k = k2_knowledge.load()
    assert "sm_61" not in k.k2_archs("13.0")
    assert "sm_70" not in k.k2_archs("13.0")
    assert "sm_61" in k.k2_archs("12.6")
    assert "sm_35" in k.k2_archs("11.8") and "sm_35" not in k.k2_archs("12.1")
    assert "sm_61" in k.all_k2_archs() and "sm_120" not in k.all_k2_archs()


def test_k2_cuda_wheels_exist_only_for_linux_x86_64() -> None:
    k = k2_knowledge.load()
    assert k.has_cuda_wheels("linux_x86_64")
    assert not k.has_cuda_wheels("linux_aarch64")
    assert not k.has_wheel("12.6", "2.7.1", "3.11", "linux_aarch64")
    assert k.has_wheel("cpu", "2.7.1", "3.11", "linux_aarch64")


def test_arch_lists_per_platform() -> None:
    x86 = torch_builds.arch_list("2.12.0", "cu130")
    arm = torch_builds.arch_list("2.12.0", "cu130", "linux_aarch64")
    assert x86 and "sm_75" in x86 and "sm_110" not in x86
    assert arm and "sm_110" in arm and "sm_75" not in arm
    assert torch_builds.arch_list("2.9.1", "cu128") and torch_builds.covers(
        torch_builds.arch_list("2.9.1", "cu128") or [], "12.0"
    ), "torch 2.9 cu128 serves an RTX 5090"


def test_cu132_builds_of_2_12_and_2_13_are_known() -> None:
    for version in ("2.12.0", "2.13.0"):
        rel = torch_builds.release(version)
        assert rel is not None and "cu132" in rel["channels"]


def test_every_pytorch_index_url_comes_from_one_place() -> None:
    """Code names the PyTorch wheel index only through torch_builds.index_url."""
    pattern = re.compile(r"download\.pytorch\.org/whl/")
    offenders = []
    for path in sorted([*(REPO / "doctor").rglob("*.py"), *(REPO / "doctor").rglob("*.toml")]):
        if path.name == "torch.toml" or path.name == "torch_builds.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(REPO)}:{n}")
    assert torch_builds.index_url("cu126") == "https://download.pytorch.org/whl/cu126"
    assert offenders == [], offenders


def test_as_of_is_the_oldest_data_date() -> None:
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", as_of())


def _norm(spec: str) -> str:
    """The distribution a pip spec names ("git+https://…/lhotse" and "lhotse==1" -> lhotse)."""
    from doctor.fixer.steps import package_name

    return package_name(spec).lower().replace("-", "_").replace(".", "_")


def test_module_maps_agree_on_every_distribution() -> None:
    """One model for "which package provides this import": the recipe map, explain's fixes and
    the generated import-name table never name two different distributions for one module."""
    from doctor.datafiles import read_toml
    from doctor.recipe.modules import distribution_for, import_name_map

    names = import_name_map()
    recipe = load("modules.toml")["modules"]
    explain = read_toml("doctor.explain", "modules.toml")["modules"]
    for module, entry in [*recipe.items(), *explain.items()]:
        dist = str(entry.get("distribution") or "")
        generated = names.get(module.split(".")[0])
        if dist and generated and entry.get("kind", "pip") == "pip":
            assert _norm(dist) == _norm(generated), (module, dist, generated)
    assert distribution_for("yaml").distribution == "PyYAML"
    assert distribution_for("yaml").known
    for stack in ("torch", "torchaudio", "k2"):
        assert distribution_for(stack).kind == "stack"


def test_explain_pairs_torchaudio_as_the_knowledge_does() -> None:
    from doctor.explain.knowledge import torch_params

    assert torch_params("2.13.0+cpu", None)["torchaudio_version"] == "2.11.0"
    assert torch_params("2.7.1+cu126", None)["torchaudio_version"] == "2.7.1"
    assert torch_params("2.7.1+cu126", None)["torch_index"].endswith("/cu126")
