"""Contract: every command's `--json`, run through the installed console script, is one envelope
(schema, command, tool, knowledge) around that command's payload, whose keys and types are
pinned here. Changing any of them is a schema change: bump ``doctor.render.envelope.SCHEMA``.

A shape is a type (or a tuple of types), a dict of key -> shape (exactly these keys), a
one-item list ``[shape]`` (a list whose items all match), or ``ANY``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from doctor.render.envelope import SCHEMA
from tests.helpers import run_script
from tests.test_analyze_data import add_checkpoints, write_log

ANY = object()
NONE = type(None)
OPT_STR = (str, NONE)
OPT_INT = (int, NONE)
OPT_NUM = (int, float, NONE)
MSG = {"key": str, "params": dict}

ENVELOPE = {
    "schema": int,
    "command": str,
    "tool": {"name": str, "version": str},
    "knowledge": {"as_of": str},
    "exit_code": int,
}

FIX = {"format": int, "steps": list, "commands": [str], "why": MSG, "why_text": str}
CHECK = {
    "summary": {
        **{s: int for s in ("ok", "warn", "fail", "skip", "crashed", "timeout")},
        "problems": int,
    },
    "problems": [
        {
            "cause": str,
            "status": str,
            "checks": [str],
            "blocks": [str],
            "fixable": bool,
            "title_text": str,
        }
    ],
    "findings": [
        {
            "check": str,
            "status": str,
            "title": MSG,
            "detail": (dict, NONE),
            "fix": (dict, NONE),
            "blocks_step": ANY,
            "facts": dict,
            "title_text": str,
            "detail_text": OPT_STR,
        }
    ],
    "facts": {"probes": dict, "context": dict},
}
FIX_PLAN = {
    "fix_format": int,
    "steps": [
        {
            "command": str,
            "step": dict,
            "resolves": [str],
            "kind": str,
            "runs": bool,
            "needs": [int],
            "notes": [MSG],
        }
    ],
}
EXPLAIN = {
    "source": str,
    "recognised": bool,
    "diagnoses": [
        {
            "category": str,
            "rule": OPT_STR,
            "recognised": bool,
            "summary": MSG,
            "why": MSG,
            "fix": [str],
            "evidence": [str],
            "line": OPT_INT,
            "params": dict,
            "notes": [MSG],
            "summary_text": str,
            "why_text": str,
            "notes_text": [str],
        }
    ],
}
LOSS = {
    "loss": str,
    "status": str,
    "valid_points": int,
    "train_points": int,
    "valid_min_epoch": OPT_INT,
    "valid_min_value": OPT_NUM,
    "onset_epoch": OPT_INT,
    "rise": OPT_NUM,
    "noise": OPT_NUM,
}
ANALYZE = {
    "exp_dir": str,
    "source": str,
    "reader": (dict, NONE),
    "files": [str],
    "status": str,
    "primary_loss": OPT_STR,
    "onset_epoch": OPT_INT,
    "best_epoch": OPT_INT,
    "best_on": str,
    "last_epoch": OPT_INT,
    "epochs_past_best": OPT_INT,
    "finished": bool,
    "checkpoints": [int],
    "losses": dict,
    "verdict_text": str,
    "plot": OPT_STR,
}
RECIPES = {
    "recipes": [
        {
            "name": str,
            "dir": str,
            "model": str,
            "steps": [str],
            "dataset": str,
            "hours": (int, float),
            "size": str,
        }
    ]
}
SMOKE = {
    "dir": str,
    "engine": str,
    "python": str,
    "versions": dict,
    "sentence": str,
    "out": str,
    "notes": [str],
    "failed": int,
    "models": [
        {
            "steps": int,
            "path": str,
            "size": int,
            "metadata": dict,
            "problems": [str],
            "error": OPT_STR,
            "wav": OPT_STR,
            "synthesis_seconds": OPT_NUM,
            "audio_seconds": OPT_NUM,
            "rtf": OPT_NUM,
            "mel_frames": OPT_INT,
            "x_length": OPT_INT,
        }
    ],
}


def mismatches(value: Any, shape: Any, where: str = "$") -> list[str]:
    """Every place where ``value`` does not have ``shape`` (empty: it fits)."""
    if shape is ANY:
        return []
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            return [f"{where}: {type(value).__name__}, not an object"]
        out = [f"{where}: unexpected key {k!r}" for k in sorted(set(value) - set(shape))]
        out += [f"{where}: missing key {k!r}" for k in sorted(set(shape) - set(value))]
        for key in set(shape) & set(value):
            out += mismatches(value[key], shape[key], f"{where}.{key}")
        return out
    if isinstance(shape, list):
        if not isinstance(value, list):
            return [f"{where}: {type(value).__name__}, not a list"]
        return [
            m for i, item in enumerate(value) for m in mismatches(item, shape[0], f"{where}[{i}]")
        ]
    types = shape if isinstance(shape, tuple) else (shape,)
    if isinstance(value, bool) and bool not in types:  # a bool is an int to isinstance
        return [f"{where}: bool, not {shape}"]
    return [] if isinstance(value, types) else [f"{where}: {type(value).__name__}, not {shape}"]


def test_the_validator_catches_wrong_keys_and_types() -> None:
    assert mismatches({"a": 1, "b": [1, "x"]}, {"a": int, "b": [int]}) == [
        "$.b[1]: str, not <class 'int'>"
    ]
    assert mismatches({"a": True}, {"a": int}) == ["$.a: bool, not <class 'int'>"]
    assert mismatches({"c": 1}, {"a": int}) == ["$: unexpected key 'c'", "$: missing key 'a'"]
    assert mismatches({"a": None}, {"a": OPT_STR}) == []


def _envelope_of(
    command: str, *args: str, codes: tuple[int, ...] = (0,), **kw: Any
) -> dict[str, Any]:
    proc = run_script(*args, **kw)
    assert proc.returncode in codes, proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    assert data["exit_code"] == proc.returncode  # every command's JSON says how it ends
    head = {k: data[k] for k in ENVELOPE if k in data}
    assert mismatches(head, ENVELOPE) == []
    assert data["schema"] == SCHEMA and data["command"] == command
    assert data["tool"]["name"] == "icefall-doctor"
    version = run_script("--version").stdout
    assert data["tool"]["version"] in version and data["knowledge"]["as_of"] in version
    return data


def _payload_fits(data: dict[str, Any], shape: dict[str, Any]) -> None:
    assert mismatches(data, {**ENVELOPE, **shape}) == []


@pytest.fixture(scope="module")
def saved_report(bare_venv: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    proc = run_script("--python", str(bare_venv), "--only", "python", "--only", "torch", "--json")
    path = tmp_path_factory.mktemp("contract") / "report.json"
    path.write_text(proc.stdout, encoding="utf-8")
    return path


def test_check(saved_report: Path) -> None:
    data = _envelope_of("check", "check", "--from", str(saved_report), "--json", codes=(0, 1))
    _payload_fits(data, CHECK)
    assert data["findings"] and data["facts"]["probes"]
    for f in data["findings"]:
        if f["fix"]:
            assert mismatches(f["fix"], FIX) == []


def test_the_saved_report_itself(saved_report: Path) -> None:
    data = json.loads(saved_report.read_text(encoding="utf-8"))
    assert data["command"] == "check" and data["schema"] == SCHEMA
    _payload_fits(data, CHECK)


def test_fix(saved_report: Path) -> None:
    data = _envelope_of("fix", "fix", "--from", str(saved_report), "--json", codes=(0, 1))
    _payload_fits(data, FIX_PLAN)
    assert data["steps"], "a venv without torch has a fix step"


def test_explain(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    log.write_text(
        "Traceback (most recent call last):\n"
        '  File "./matcha/train.py", line 3, in <module>\n'
        "    import k2\n"
        "ModuleNotFoundError: No module named 'k2'\n",
        encoding="utf-8",
    )
    data = _envelope_of("explain", "explain", str(log), "--no-probe", "--json", codes=(0, 1))
    _payload_fits(data, EXPLAIN)
    assert data["diagnoses"][0]["category"] == "missing_module"


def test_analyze(tmp_path: Path) -> None:
    write_log(tmp_path, 60, 40, noise=0.01, seed=0)
    add_checkpoints(tmp_path, range(10, 61, 10))
    data = _envelope_of("analyze", "analyze", str(tmp_path), "--json")
    _payload_fits(data, ANALYZE)
    for verdict in data["losses"].values():
        assert mismatches(verdict, LOSS) == []
    assert data["losses"]


def test_recipes() -> None:
    data = _envelope_of("recipes", "recipes", "--json")
    _payload_fits(data, RECIPES)
    assert any(r["name"] == "baker_zh/matcha" for r in data["recipes"])


def test_smoke_onnx(tmp_path: Path) -> None:
    pytest.importorskip("onnx")
    pytest.importorskip("onnxruntime")
    from tests.onnx_graphs import acoustic

    acoustic(tmp_path / "model-steps-2.onnx", 2)
    data = _envelope_of("smoke-onnx", "smoke-onnx", str(tmp_path), "--json")
    _payload_fits(data, SMOKE)
    assert [m["steps"] for m in data["models"]] == [2]


def test_check_list() -> None:
    data = _envelope_of("check --list", "check", "--list", "--json")
    _payload_fits(
        data,
        {"checks": [{"id": str, "area": str, "probes": [str], "summary_key": str, "summary": str}]},
    )
    assert any(c["id"] == "torch.installed" for c in data["checks"])
    only = _envelope_of("check --list", "check", "--list", "--only", "torch", "--json")
    assert only["checks"] and {c["area"] for c in only["checks"]} == {"torch"}


def test_a_schema_1_report_is_still_read(saved_report: Path, tmp_path: Path) -> None:
    old = json.loads(saved_report.read_text(encoding="utf-8"))
    old = {"schema": 1, "facts": old["facts"]}
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    data = _envelope_of("check", "check", "--from", str(path), "--json", codes=(0, 1))
    assert data["schema"] == SCHEMA
