"""Contract: the keys of the `--json` report (schema 3) and of the GPU/torch probes' facts.

Other tools (CI jobs, bug-report readers, `check --from`) read these; changing one is a schema
change and must bump ``"schema"``."""

from __future__ import annotations

import json
from pathlib import Path

from doctor.findings import Fix
from tests.helpers import run_cli, run_json

REPORT_KEYS = {
    "schema",
    "command",
    "tool",
    "knowledge",
    "exit_code",
    "summary",
    "problems",
    "findings",
    "facts",
}
PROBLEM_KEYS = {"cause", "status", "checks", "blocks", "fixable", "title_text"}
FINDING_KEYS = {
    "check",
    "status",
    "title",
    "detail",
    "fix",
    "blocks_step",
    "facts",
    "title_text",
    "detail_text",
}
FIX_KEYS = {"format", "steps", "commands", "why", "why_text"}
MSG_KEYS = {"key", "params"}
PROBE_KEYS = {
    "name",
    "status",
    "data",
    "interpreter",
    "stderr_tail",
    "returncode",
    "seconds",
    "timeout",
}
STATUSES = {"ok", "warn", "fail", "skip", "crashed", "timeout"}
NVIDIA_KEYS = {"source", "driver", "cuda_driver_version", "gpus", "error"}
TORCH_KEYS = {
    "installed",
    "version",
    "cuda",
    "cuda_available",
    "cudnn",
    "arch_list",
    "devices",
    "warnings",
    "import_error",
    "file",
    "user_site_shadow",
    "torchaudio",
    "smoke",
    "distributed",
}


def test_report_keys_are_pinned(bare_venv: Path) -> None:
    code, data = run_json(
        "--python",
        str(bare_venv),
        "--only",
        "python",
        "--only",
        "nvidia",
        "--only",
        "cuda",
        "--only",
        "torch",
    )
    assert set(data) == REPORT_KEYS
    assert data["schema"] == 3 and data["command"] == "check" and data["exit_code"] == code
    assert f"compatibility data as of {data['knowledge']['as_of']}" in run_cli("--version").stdout
    assert set(data["summary"]) == {*STATUSES, "problems"}
    blocking = [p for p in data["problems"] if p["status"] in ("fail", "crashed", "timeout")]
    assert data["summary"]["problems"] == len(blocking)
    for problem in data["problems"]:
        assert set(problem) == PROBLEM_KEYS
        assert problem["checks"] and all(isinstance(c, str) for c in problem["checks"])
    assert set(data["facts"]) == {"probes", "context"}
    for finding in data["findings"]:
        assert set(finding) == FINDING_KEYS
        assert finding["status"] in STATUSES
        assert set(finding["title"]) == MSG_KEYS
        if finding["fix"]:
            assert set(finding["fix"]) == FIX_KEYS
            assert all(isinstance(c, str) for c in finding["fix"]["commands"])
            assert finding["fix"]["format"] == 2
            fix = Fix.from_json(finding["fix"])  # the typed steps read back
            assert list(fix.commands) == finding["fix"]["commands"]
    probes = data["facts"]["probes"]
    assert {"python", "nvidia", "cuda", "torch"} <= set(probes)
    for result in probes.values():
        assert set(result) == PROBE_KEYS
    assert set(probes["nvidia"]["data"]) == NVIDIA_KEYS
    assert set(probes["torch"]["data"]) == TORCH_KEYS
    assert set(probes["torch"]["data"]["torchaudio"]) == {"installed", "version", "import_error"}
    assert set(probes["torch"]["data"]["smoke"]) >= {"ran", "ok", "error"}
    assert set(probes["torch"]["data"]["distributed"]) == {"available", "nccl", "gloo", "error"}


def test_a_report_round_trips_through_from(bare_venv: Path, tmp_path: Path) -> None:
    args = ("--python", str(bare_venv), "--only", "torch", "--only", "python.version")
    _, first = run_json(*args)
    saved = tmp_path / "r.json"
    saved.write_text(json.dumps(first))
    _, again = run_json(
        "check", "--from", str(saved), "--only", "torch", "--only", "python.version"
    )
    assert [(f["check"], f["status"], f["title_text"]) for f in again["findings"]] == [
        (f["check"], f["status"], f["title_text"]) for f in first["findings"]
    ]
