"""Every sentence the doctor shows about a recorded machine renders as a sentence, in English and
Chinese: no finding, problem, fix reason or note falls back to its raw catalog key
("torch.arch.title(gpu=...)"), which is what a user sees when a check names a key the catalog
lacks or leaves out a parameter its template needs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from doctor.messages import _fallback, text
from doctor.msgtype import Msg
from tests.helpers import run_cli
from tests.test_machines import CU126_ARCHS, MACHINES, Machine, _torch
from tests.test_resolver import machine_facts


def messages(node: Any) -> Iterator[Msg]:
    """Every message in a JSON report: the {"key", "params"} objects, wherever they sit."""
    if isinstance(node, dict):
        if set(node) == {"key", "params"} and isinstance(node["key"], str):
            yield Msg.from_json(node)
            return
        for value in node.values():
            yield from messages(value)
    elif isinstance(node, list):
        for value in node:
            yield from messages(value)


def raw_keys(report: dict[str, Any]) -> list[str]:
    shown = []
    for m in messages(report):
        for lang in ("en", "zh"):
            rendered = text(m, lang)
            if not rendered.strip() or rendered == _fallback(m):
                shown.append(f"{lang}: {rendered!r}")
    return shown


def _report(tmp_path: Path, machine: Machine, *args: str) -> dict[str, Any]:
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps({"schema": 1, "facts": machine.facts}), encoding="utf-8")
    proc = run_cli(*args, "--from", str(saved), "--json")
    assert proc.returncode in (0, 1), proc.stderr
    report: dict[str, Any] = json.loads(proc.stdout)
    return report


@pytest.mark.parametrize("machine", MACHINES, ids=[m.id for m in MACHINES])
def test_every_check_and_fix_message_of_a_recorded_machine_renders(
    tmp_path: Path, machine: Machine
) -> None:
    check = _report(tmp_path, machine, "check")
    fix = _report(tmp_path, machine, "fix")
    assert check["findings"] and all(f["title"]["key"] for f in check["findings"])
    assert not raw_keys(check), raw_keys(check)
    assert not raw_keys(fix), raw_keys(fix)


@pytest.mark.raw_keys
def test_the_walk_finds_nested_messages_and_flags_a_raw_key() -> None:
    report = {
        "findings": [
            {"title": {"key": "no.such.key", "params": {"gpu": "sm_86"}}},
            {"fix": {"why": {"key": "target.none.why", "params": {}}}},
        ]
    }
    assert [m.key for m in messages(report)] == ["no.such.key", "target.none.why"]
    assert raw_keys(report)[0] == "en: 'no.such.key(gpu=sm_86)'"


def _gpu(ccs: tuple[str, ...], **torch: Any) -> dict[str, Any]:
    """A driver 550 machine with these GPUs and a CUDA 12.6 torch (probe fields changed)."""
    data = {**_torch("2.7.1+cu126", "12.6", CU126_ARCHS), **torch}
    return machine_facts(
        python="3.10.12", driver="550.142", driver_cuda="12.4", ccs=ccs, torch=data
    )


def _k2(facts: dict[str, Any], **k2: Any) -> dict[str, Any]:
    facts["probes"]["k2"]["data"] = {"found": True, "python": "3.10", **k2}
    return facts


K2_BUILD = {"version": "1.24.4", "torch_version": "2.7.1+cu126"}
K2_WHEEL = {
    "dist_version": "1.24.4.dev20250630+cuda12.6.torch2.7.1",
    "torch_version": "2.7.1+cu126",
}
# a working k2 wheel on an RTX 3070 Ti machine (sm_86): built with CUDA, and a CPU-only one
CUDA_K2_WHEEL = _k2(
    _gpu(("8.6",)),
    import_ok=True,
    build={**K2_BUILD, "with_cuda": True, "cuda_version": "12.6"},
    **K2_WHEEL,
)
CPU_K2_WHEEL = _k2(
    _gpu(("8.6",)), import_ok=True, build={**K2_BUILD, "with_cuda": False}, **K2_WHEEL
)

# (case, facts, check id, status, what its title and detail say, what they must not say)
VERDICTS = [
    (
        "cudnn-9.11-refuses-a-1080ti",
        _gpu(("8.6", "6.1"), cudnn=91100),
        "torch.cudnn",
        "fail",
        ("cuDNN 9.11.0 does not support GPUs below sm_75 (6.1)", "bundles an older cuDNN"),
        ("8.6)",),
    ),
    (
        "cudnn-9.1-runs-on-a-1080ti",
        _gpu(("6.1",)),
        "torch.cudnn",
        "ok",
        ("9.1",),
        ("below sm_75",),
    ),
    (
        "cpu-only-k2-on-a-gpu",
        _k2(_gpu(("8.6",)), import_ok=True, build={**K2_BUILD, "with_cuda": False}),
        "k2.cuda",
        "warn",
        ("k2 is a CPU-only build on a machine with an NVIDIA GPU", "stay on the CPU"),
        (),
    ),
    (
        "a-fitting-cuda-k2-is-kept",
        CUDA_K2_WHEEL,
        "k2.plan",
        "ok",
        ("torch 2.7.1 (CUDA 12.6) and k2 fit this machine; nothing to install",),
        ("pip install",),
    ),
    (
        "a-cpu-k2-on-a-gpu-is-replaced-keeping-torch",
        CPU_K2_WHEEL,
        "k2.plan",
        "warn",
        (
            "Plan: keep torch 2.7.1 (CUDA 12.6), then k2",
            "python3 -m pip uninstall -y k2",
            "k2==1.24.4.devYYYYMMDD+cuda12.6.torch2.7.1 -f https://k2-fsa.github.io/k2/cuda.html",
        ),
        ("pip install torch", "None"),
    ),
    (
        "k2-import-names-its-build",
        CPU_K2_WHEEL,
        "k2.import",
        "ok",
        ("k2 1.24.4 (CPU, built with torch 2.7.1+cu126)",),
        (),
    ),
    (
        "k2-import-names-its-cuda",
        CUDA_K2_WHEEL,
        "k2.import",
        "ok",
        ("k2 1.24.4 (CUDA 12.6, built with torch 2.7.1+cu126)",),
        (),
    ),
    (
        "torch-missing",
        machine_facts(python="3.11.7", torch={"installed": False}),
        "torch.installed",
        "fail",
        ("torch is not installed in the target Python", "installed together, before k2"),
        (),
    ),
]


def _verdict(tmp_path: Path, facts: dict[str, Any], check: str) -> list[tuple[str, str]]:
    """(status, title | detail | fix commands) of each finding of one check."""
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps({"schema": 1, "facts": facts}), encoding="utf-8")
    proc = run_cli("check", "--from", str(saved), "--json")
    report = json.loads(proc.stdout)
    return [
        (
            f["status"],
            " | ".join(
                [
                    *(text(Msg.from_json(m)) for m in (f["title"], f["detail"]) if m),
                    *((f["fix"] or {}).get("commands") or []),
                ]
            ),
        )
        for f in report["findings"]
        if f["check"] == check
    ]


@pytest.mark.parametrize(
    ("facts", "check", "status", "says", "never"),
    [case[1:] for case in VERDICTS],
    ids=[case[0] for case in VERDICTS],
)
def test_a_finding_says_what_the_machine_has(
    tmp_path: Path,
    facts: dict[str, Any],
    check: str,
    status: str,
    says: tuple[str, ...],
    never: tuple[str, ...],
) -> None:
    found = _verdict(tmp_path, facts, check)
    assert [got for got, _ in found][-1] == status, found
    shown = " || ".join(text for _, text in found)
    for wanted in says:
        assert wanted in shown, shown
    for unwanted in never:
        assert unwanted not in shown, shown


def test_a_cuda_k2_on_a_gpu_is_not_called_cpu_only(tmp_path: Path) -> None:
    facts = _k2(_gpu(("8.6",)), import_ok=True, build={**K2_BUILD, "with_cuda": True})
    assert _verdict(tmp_path, facts, "k2.cuda") == []
