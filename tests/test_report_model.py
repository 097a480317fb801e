"""`check --from` / `fix --from` on a report with wrong types or values: a usage error (exit 2)
that names the field, never a ✓ for a nonsense value and never a failure inside the doctor."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import run_cli


def _probe(name: str, data: Any, status: str = "ok") -> dict[str, Any]:
    return {"name": name, "status": status, "data": data}


def _report(nvidia: Any, **extra: Any) -> dict[str, Any]:
    probes = {
        "python": _probe("python", {"executable": "/env/bin/python3", "version": "3.10.12"}),
        "system": _probe("system", {"os": "Linux", "machine": "x86_64", "cpus": 8}),
        "nvidia": _probe("nvidia", nvidia),
    }
    probes.update(extra)
    return {"schema": 1, "facts": {"probes": probes, "context": {"target": "/env/bin/python3"}}}


def _gpu(**over: Any) -> dict[str, Any]:
    gpu = {
        "index": 0,
        "name": "NVIDIA GeForce RTX 3070 Ti",
        "memory_total": 8589934592,
        "memory_free": 8000000000,
        "compute_capability": "8.6",
        "processes": [],
    }
    gpu.update(over)
    return gpu


def _nvidia(**over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "source": "nvml",
        "driver": "550.142",
        "cuda_driver_version": "12.4",
        "gpus": [_gpu()],
        "error": None,
    }
    data.update(over)
    return data


CASES = [
    (_nvidia(gpus=[_gpu(memory_total=-5)]), "gpus[0].memory_total is -5", "a whole number ≥ 0"),
    (_nvidia(driver="abc"), "nvidia.data.driver is 'abc'", "a version"),
    (_nvidia(gpus=[_gpu(compute_capability="sm86")]), "compute_capability is 'sm86'", "8.6"),
    (_nvidia(gpus=[_gpu(memory_free="lots")]), "memory_free is 'lots'", "whole number"),
    (_nvidia(gpus="one"), "nvidia.data.gpus is 'one'", "a list"),
    (["not", "an", "object"], "nvidia.data is", "an object"),
]


@pytest.mark.parametrize(("nvidia", "field", "want"), CASES)
@pytest.mark.parametrize("command", ["check", "fix"])
def test_a_bad_value_is_a_usage_error_naming_the_field(
    tmp_path: Path, nvidia: Any, field: str, want: str, command: str
) -> None:
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps(_report(nvidia)), encoding="utf-8")
    proc = run_cli(command, "--from", str(saved))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    first = proc.stderr.splitlines()[0]
    assert first.startswith(f"icefall-doctor: error: {saved}: facts.probes."), first
    assert field in first and want in first, first
    assert "Traceback" not in proc.stderr and "failed inside" not in proc.stdout
    assert proc.stderr.splitlines()[1].startswith("hint: ")


def test_an_unknown_probe_status_is_named(tmp_path: Path) -> None:
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps(_report(_nvidia(), torch=_probe("torch", {}, "fine"))))
    proc = run_cli("check", "--from", str(saved))
    assert proc.returncode == 2
    assert "facts.probes.torch.status is 'fine'" in proc.stderr


def test_several_problems_say_how_many_more(tmp_path: Path) -> None:
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps(_report(_nvidia(driver="x", gpus=[_gpu(memory_total=-1)]))))
    proc = run_cli("check", "--from", str(saved))
    assert proc.returncode == 2 and "(and 1 more)" in proc.stderr


def test_a_sound_report_with_unknown_values_still_loads(tmp_path: Path) -> None:
    """null and "" mean "not known" and fields the model does not list are kept: a report from
    nvidia-smi without a CUDA version, or from a newer doctor, is judged as usual."""
    nvidia = _nvidia(cuda_driver_version=None, gpus=[_gpu(memory_free=None)], extra={"x": 1})
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps(_report(nvidia)))
    proc = run_cli("check", "--from", str(saved), "--only", "nvidia")
    assert proc.returncode in (0, 1), proc.stderr
    assert "NVIDIA GeForce RTX 3070 Ti" in proc.stdout


def test_a_list_of_records_holding_plain_strings_is_named(tmp_path: Path) -> None:
    """k2.so_files holds one object per shared library ({"path", "python"}), as the probe
    writes it; a hand-made report with bare strings is refused before any check reads it."""
    k2 = _probe("k2", {"found": True, "so_files": ["/env/_k2.cpython-39-x86_64-linux-gnu.so"]})
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps(_report(_nvidia(), k2=k2)))
    proc = run_cli("check", "--from", str(saved))
    assert proc.returncode == 2
    assert "facts.probes.k2.data.so_files[0] is '/env/_k2.cpython-39" in proc.stderr
    assert "it must be an object" in proc.stderr
