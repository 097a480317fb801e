"""`check --from` and `fix --from` for a machine inside a baker_zh recipe, pinned as text: the
recipe and modules facts are what the real probes wrote for the tree of tests/recipe_tree.py
(recorded in tests/recorded/recipe-baker-tree.json, with the tree at /src/icefall and this
machine's paths and free disk replaced by fixed ones), on the recorded RTX 3070 Ti machine;
then one recipe fact changed at a time: stages done or half done, the corpus complete, a
subset, with holes, behind a broken link, its archive only, short of disk, the commands found,
every module present, a newer torch for the export. Rewrite with UPDATE_SNAPSHOTS=1 after a
deliberate change, then read the diff."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.golden import matches
from tests.helpers import run_cli_here
from tests.test_machines import MACHINES

PLAIN = {"COLUMNS": "100", "NO_COLOR": "1", "FORCE_COLOR": ""}
RECORDED = json.loads((Path(__file__).parent / "recorded/recipe-baker-tree.json").read_text())
ICEFALL = {"root": "/src/icefall", "found_by": "option", "is_checkout": True, "on_pythonpath": True,
           "import_ok": True, "file": "/src/icefall/icefall/__init__.py"}  # fmt: skip


def _base() -> dict[str, Any]:
    facts = copy.deepcopy(next(m.facts for m in MACHINES if m.id == "rtx3070ti-write-up"))
    facts["probes"].update(copy.deepcopy(RECORDED))
    facts["probes"]["icefall"]["data"] = dict(ICEFALL)
    # the recorded target lacked lilcom: its lhotse probe says so too
    facts["probes"]["lhotse"]["data"]["lilcom"] = {"error": "No module named 'lilcom'"}
    return facts


def _recipe(facts: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = facts["probes"]["recipe"]["data"]
    return data


def _stages(done: int, partial: int | None = None) -> Callable[[dict[str, Any]], None]:
    def change(facts: dict[str, Any]) -> None:
        for s in _recipe(facts)["stages"]:
            if s["n"] <= done:
                s.update(state="done", present=s["present"] + s["missing"], missing=[])
            elif s["n"] == partial:
                s.update(state="partial", present=s["missing"][:1], missing=s["missing"][1:])

    return change


def _dataset(**fields: Any) -> Callable[[dict[str, Any]], None]:
    def change(facts: dict[str, Any]) -> None:
        _recipe(facts)["dataset"].update(fields)

    return change


def _commands_found(facts: dict[str, Any]) -> None:
    for c in _recipe(facts)["commands"]:
        c["found"] = c["found"] or f"/env/bin/{c['names'][0]}"


def _modules_present(facts: dict[str, Any]) -> None:
    mods = facts["probes"]["modules"]["data"]
    mods["found"].update({m: "/env/lib/python3.10/site-packages" for m in mods["missing"]})
    mods["missing"] = []
    mods["versions"].update(torch="2.7.1+cu126", lhotse="1.33.0", numpy="1.26.4", onnx="1.17.0")


def _newer_torch_export(facts: dict[str, Any]) -> None:
    _modules_present(facts)
    facts["probes"]["modules"]["data"]["versions"].update(torch="2.9.0+cu128", onnxscript=None)
    facts["probes"]["torch"]["data"].update(version="2.9.0+cu128", cuda="12.8")


PAIRS = {"labels_readable": True, "labels": 10000, "seconds": 43200.0}
VARIANTS: dict[str, Callable[[dict[str, Any]], None] | None] = {
    "as-recorded": None,
    "stages-done-to-2-stage-3-partial": _stages(2, partial=3),
    "stage-5-partial": _stages(4, partial=5),
    "all-stages-done": _stages(7),
    "corpus-complete": _dataset(present=True, complete=True),
    "corpus-broken-link": _dataset(present=False, broken_link=True, symlink="/mnt/gone/BZNSYP"),
    "corpus-archive-only": _dataset(archive_present=True),
    "corpus-short-of-disk": _dataset(free=2 * 2**30),
    "corpus-subset": _dataset(
        present=True,
        pairs={**PAIRS, "labels": 200, "seconds": 800.0},
        tests=[{"glob": "Wave/*.wav", "found": 200, "want": 10000, "ok": False}],
    ),
    "corpus-with-holes": _dataset(
        present=True,
        tests=[{"file": "ProsodyLabeling/000001-010000.txt", "ok": False}],
        pairs={
            **PAIRS,
            "labels_without_audio": 3,
            "truncated": 1,
            "examples": {"labels_without_audio": ["000007", "000010"], "truncated": ["000042"]},
        },
    ),
    "corpus-missing-files": _dataset(
        present=True,
        tests=[
            {"file": "ProsodyLabeling/000001-010000.txt", "ok": False},
            {"glob": "Wave/*.wav", "found": 9000, "want": 10000, "ok": False},
        ],
    ),
    "commands-found": _commands_found,
    "modules-present": _modules_present,
    "newer-torch-for-export": _newer_torch_export,
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_a_recipe_machine(tmp_path: Path, variant: str) -> None:
    facts = _base()
    change = VARIANTS[variant]
    if change is not None:
        change(facts)
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps({"schema": 1, "facts": facts}), encoding="utf-8")
    out = ""
    for command in ("check", "fix"):
        proc = run_cli_here(command, "--from", str(saved), env=PLAIN)
        assert proc.stderr == "", proc.stderr
        out += f"$ icefall-doctor {command}  (exit {proc.returncode})\n{proc.stdout}\n"
    matches(f"recipe/{variant}.txt", out.replace(str(tmp_path), "<tmp>"))
