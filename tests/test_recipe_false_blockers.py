"""What the recipe does not use does not block it, built from the facts the probes recorded on the
write-up's environment (baker_zh/matcha, torch 2.13.0+cpu without torchaudio)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.helpers import findings_by_check, run_json

PY = "/env/bin/python3"


def _probe(name: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "status": "ok", "data": data}


def _report(tmp: Path, modules_found: dict[str, str], missing: tuple[str, ...] = ()) -> str:
    torch = {
        "installed": True,
        "version": "2.13.0+cpu",
        "cuda": None,
        "cuda_available": False,
        "import_error": None,
        "torchaudio": {"installed": False, "version": None, "import_error": None},
    }
    probes: dict[str, dict[str, Any]] = {
        "python": {"executable": PY, "version": "3.11.14"},
        "torch": torch,
        "recipe": {"active": True, "recipe": "baker_zh/matcha", "dir": "/src/icefall/egs/x"},
        "modules": {
            "scan": {"files": 51, "sites": []},
            "found": modules_found,
            "missing": list(missing),
        },
    }
    facts = {
        "probes": {k: _probe(k, v) for k, v in probes.items()},
        "context": {"target": PY, "target_source": "PATH", "env": {}},
    }
    path = tmp / "report.json"
    path.write_text(json.dumps({"schema": 1, "facts": facts}))
    return str(path)


def test_torchaudio_no_script_imports_is_not_a_blocker(tmp_path: Path) -> None:
    saved = _report(tmp_path, {"torch": "/x", "k2": "/x", "lhotse": "/x"})
    code, report = run_json("check", "--from", saved, "--only", "torch.torchaudio")
    (audio,) = findings_by_check(report)["torch.torchaudio"]
    assert audio["status"] == "skip"
    assert audio.get("fix") is None
    assert (
        "No script of baker_zh/matcha, nor icefall's import-time code, imports torchaudio"
        in (audio["detail_text"])
    )
    assert code == 0


def test_torchaudio_a_script_imports_still_blocks(tmp_path: Path) -> None:
    saved = _report(tmp_path, {"torch": "/x"}, missing=("torchaudio",))
    code, report = run_json("check", "--from", saved, "--only", "torch.torchaudio")
    (audio,) = findings_by_check(report)["torch.torchaudio"]
    assert audio["status"] == "fail"
    assert audio["fix"]["commands"]
    assert code == 1


def test_missing_k2_with_a_found_build_points_at_the_exports(tmp_path: Path) -> None:
    site = {
        "module": "k2",
        "file": "icefall/decode.py",
        "line": 23,
        "step": "prepare stage 5",
        "entry": "local/compute_fbank_baker_zh.py",
        "guarded": False,
        "nested": False,
        "local": False,
    }
    build = {
        "root": "/home/u/k2",
        "python_dir": "/home/u/k2/k2/python",
        "lib_dir": "/home/u/k2/build/lib",
        "python_tag": "cp311",
        "fits_python": True,
        "torch_version": "2.13.0+cpu",
    }
    saved = Path(_report(tmp_path, {"torch": "/x"}, missing=("k2",)))
    report = json.loads(saved.read_text())
    probes = report["facts"]["probes"]
    probes["modules"]["data"]["scan"]["sites"] = [site]
    probes["k2"] = _probe("k2", {"found": False, "import_ok": False, "source_builds": [build]})
    saved.write_text(json.dumps(report))
    _, out = run_json("check", "--from", str(saved), "--only", "recipe.imports")
    (k2,) = findings_by_check(out)["recipe.imports"]
    assert k2["title_text"] == "No module named 'k2' (icefall/decode.py:23)"
    assert k2["fix"]["commands"] == [
        'export PYTHONPATH=/home/u/k2/k2/python:"$PYTHONPATH"',
        'export PYTHONPATH=/home/u/k2/build/lib:"$PYTHONPATH"',
    ]
