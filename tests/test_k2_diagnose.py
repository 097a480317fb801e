"""Each way k2 breaks, as recorded probe facts judged through `check --from`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import findings_by_check, run_json

BASE: dict[str, Any] = {
    "found": True,
    "file": "/env/lib/python3.10/site-packages/k2/__init__.py",
    "so_file": "/env/lib/python3.10/site-packages/_k2.cpython-310-x86_64-linux-gnu.so",
    "so_files": [{"path": "/env/_k2.cpython-310-x86_64-linux-gnu.so", "python": "3.10"}],
    "source_build": None,
    "python": "3.10",
    "dist_version": "1.24.4.dev20250807+cuda12.6.torch2.7.1",
    "k2_torch_version": "2.7.1+cu126",
    "k2_torch_cuda_version": "12.6",
    "torch_version": "2.7.1+cu126",
    "torch_cuda": "12.6",
    "import_ok": False,
}


def judge(tmp_path: Path, k2: dict[str, Any], check: str = "k2") -> dict[str, list[Any]]:
    facts = {
        "probes": {
            "k2": {"name": "k2", "status": "ok", "data": {**BASE, **k2}},
            "nvidia": {
                "name": "nvidia",
                "status": "ok",
                "data": {"cuda_driver_version": "12.6", "gpus": [{"compute_capability": "8.6"}]},
            },
        },
        "context": {},
    }
    saved = tmp_path / "r.json"
    saved.write_text(json.dumps({"schema": 1, "facts": facts}))
    _, report = run_json("check", "--from", str(saved), "--only", check)
    return findings_by_check(report)


@pytest.mark.parametrize(
    ("k2", "title"),
    [
        (
            {
                "import_error": "ImportError: k2 was built using CUDA 12.6\n"
                "But you are using CUDA 12.8 to run it.",
                "torch_cuda": "12.8",
            },
            "k2 was built for CUDA 12.6, torch here uses CUDA 12.8",
        ),
        (
            {"import_error": "ImportError: /env/_k2.so: undefined symbol: _ZN3c104impl8GPUTrace"},
            "k2's library does not match this torch (undefined symbol)",
        ),
        (
            {
                "import_error": "ImportError: /lib/x86_64-linux-gnu/libstdc++.so.6: "
                "version `GLIBCXX_3.4.30' not found"
            },
            "k2 needs a newer C library than this system has",
        ),
        (
            {
                "import_error": "OSError: libcudart.so.12: "
                "cannot open shared object file: No such file or directory"
            },
            "k2 cannot load a shared library",
        ),
        (
            {"zipped": True, "import_error": "ImportError: cannot import _k2"},
            "k2 is installed as a zipped egg",
        ),
        (
            {
                "import_error": "ImportError: k2 was built using PyTorch 2.7.1+cu126\n"
                "But you are using PyTorch 2.8.0+cu126 to run it",
                "torch_version": "2.8.0+cu126",
            },
            "k2 was built for torch 2.7.1+cu126, this environment has torch 2.8.0+cu126",
        ),
    ],
    ids=["cuda", "undefined-symbol", "glibcxx", "missing-lib", "zipped-egg", "torch"],
)
def test_import_failure_is_named(tmp_path: Path, k2: dict[str, Any], title: str) -> None:
    f = judge(tmp_path, k2, "k2.import")["k2.import"][0]
    assert f["status"] == "fail"
    assert f["title_text"] == title


def test_cpu_only_k2_on_gpu_machine_warns(tmp_path: Path) -> None:
    k2 = {
        "import_ok": True,
        "build": {"with_cuda": False, "version": "1.24.4", "torch_version": "2.7.1"},
        "ops": {"cpu": {"ok": True, "error": ""}},
    }
    by = judge(tmp_path, k2)
    assert by["k2.cuda"][0]["title_text"] == (
        "k2 is a CPU-only build on a machine with an NVIDIA GPU"
    )
    assert by["k2.ops"][0]["title_text"] == "k2.RaggedTensor pad works on cpu"


def test_pad_failing_on_cuda_is_a_failure(tmp_path: Path) -> None:
    k2 = {
        "import_ok": True,
        "build": {"with_cuda": True, "cuda_version": "12.6", "torch_version": "2.7.1+cu126"},
        "ops": {
            "cpu": {"ok": True, "error": ""},
            "cuda": {"ok": False, "error": "RuntimeError: invalid device function"},
        },
    }
    ops = judge(tmp_path, k2, "k2.ops")["k2.ops"]
    assert [f["status"] for f in ops] == ["ok", "fail"]
    assert "invalid device function" in ops[1]["detail_text"]
