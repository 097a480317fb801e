"""The recipe preflight as a user meets it: `check` inside a recipe folder or with --recipe."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from doctor.render.envelope import SCHEMA
from tests.helpers import findings_by_check, run_cli, run_json
from tests.recipe_tree import build

ONLY = ("--only", "recipe")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    baker = build(tmp_path / "icefall")
    fake = tmp_path / "fake"
    (fake / "idoctor_fake_present").mkdir(parents=True)
    (fake / "idoctor_fake_present" / "__init__.py").write_text("raise SystemExit('imported!')\n")
    return baker


def _env(tree: Path) -> dict[str, str]:
    return {"PYTHONPATH": str(tree.parents[3] / "fake")}


def _missing(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out = {}
    for f in findings_by_check(report).get("recipe.imports", []):
        out[f["title"]["params"].get("module", "")] = f
    return out


def test_inside_recipe_dir_is_recognised_and_missing_modules_reported(tree: Path) -> None:
    code, report = run_json(
        *ONLY, "--python", sys.executable, "--offline", cwd=tree, env=_env(tree)
    )
    found = findings_by_check(report)
    assert found["recipe.detect"][0]["status"] == "ok"
    assert "baker_zh/matcha" in found["recipe.detect"][0]["title_text"]
    missing = _missing(report)
    cleaner = missing["idoctor_fake_cleaner"]
    assert cleaner["status"] == "fail"
    assert cleaner["blocks_step"] == "train"
    assert "matcha/utils.py:2" in cleaner["title_text"]
    assert cleaner["fix"]["commands"] == [f"{sys.executable} -m pip install idoctor_fake_cleaner"]
    assert "idoctor_fake_present" not in missing  # on PYTHONPATH: found without importing it
    assert missing["idoctor_fake_jieba"]["blocks_step"] == "prepare stage 2"
    assert missing["idoctor_fake_optional"]["status"] == "warn"
    assert missing["idoctor_fake_nested"]["status"] == "warn"
    core = missing["monotonic_align.core"]
    assert core["status"] == "fail" and "--stage -1" in core["fix"]["commands"][0]
    assert code == 1


def test_commands_not_on_path_block_their_stage(tree: Path) -> None:
    _, report = run_json(*ONLY, "--python", sys.executable, "--offline", cwd=tree, env=_env(tree))
    cmds = {
        f["title"]["params"]["command"]: f for f in findings_by_check(report)["recipe.commands"]
    }
    tool = cmds["idoctor-no-such-tool"]
    assert tool["status"] == "fail" and tool["blocks_step"] == "prepare stage 5"
    assert "sort" not in cmds  # found on PATH


def test_text_output_names_the_step_and_the_pip_command(tree: Path) -> None:
    proc = run_cli(*ONLY, "--python", sys.executable, "--offline", cwd=tree, env=_env(tree))
    assert "No module named 'idoctor_fake_cleaner'" in proc.stdout
    assert "(blocks train)" in proc.stdout
    assert "-m pip install idoctor_fake_cleaner" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_recipe_option_with_icefall_dir_from_elsewhere(tree: Path, tmp_path: Path) -> None:
    icefall = tree.parents[2]
    _, report = run_json(
        *ONLY,
        "--recipe",
        "baker_zh/matcha",
        "--icefall",
        str(icefall),
        "--offline",
        cwd=tmp_path,
        env=_env(tree),
    )
    detect = findings_by_check(report)["recipe.detect"][0]
    assert detect["status"] == "ok"
    assert str(tree) in detect["title_text"]


def test_recipe_option_without_a_checkout_says_where_it_looked(tmp_path: Path) -> None:
    code, report = run_json(
        *ONLY, "--recipe", "ljspeech/vits", "--offline", cwd=tmp_path, env={"ICEFALL_DIR": ""}
    )
    detect = findings_by_check(report)["recipe.detect"][0]
    assert detect["status"] == "fail"
    assert "egs/ljspeech/TTS" in detect["title_text"]
    assert code == 1


def test_outside_any_recipe_no_recipe_findings(tmp_path: Path) -> None:
    _, report = run_json(*ONLY, cwd=tmp_path)
    assert not report["findings"]


@pytest.mark.parametrize("saved", [False, True])
def test_unknown_recipe_is_a_usage_error(tmp_path: Path, saved: bool) -> None:
    """Also with a saved report (it was ignored there: exit 1, no error)."""
    report = tmp_path / "r.json"
    report.write_text(json.dumps({"schema": 3, "facts": {"probes": {}, "context": {}}}))
    extra = ("--from", str(report)) if saved else ()
    proc = run_cli("check", "--recipe", "aishell3/matcha", *extra)
    assert proc.returncode == 2
    assert "unknown recipe 'aishell3/matcha'" in proc.stderr
    assert "baker_zh/matcha" in proc.stderr


def test_offline_skips_the_download_check_and_says_so(tree: Path) -> None:
    _, report = run_json(*ONLY, "--python", sys.executable, "--offline", cwd=tree, env=_env(tree))
    ds = findings_by_check(report)["recipe.dataset"][0]
    assert ds["status"] == "warn"
    assert "--offline" in ds["detail_text"]
    assert "reach" not in report["facts"]["probes"]["recipe"]["data"]["dataset"]


def test_incomplete_dataset_through_a_symlink(tree: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "data" / "BZNSYP"
    (elsewhere / "Wave").mkdir(parents=True)
    for i in range(3):
        (elsewhere / "Wave" / f"{i:06d}.wav").write_bytes(b"RIFF")
    (tree / "download").mkdir()
    (tree / "download" / "BZNSYP").symlink_to(elsewhere)
    _, report = run_json(*ONLY, "--python", sys.executable, "--offline", cwd=tree, env=_env(tree))
    ds = findings_by_check(report)["recipe.dataset"][0]
    assert ds["status"] == "fail" and ds["blocks_step"] == "prepare stage 1"
    assert "Wave/*.wav: 3 of 10000" in ds["detail_text"]
    assert "ProsodyLabeling/000001-010000.txt" in ds["detail_text"]
    stages = findings_by_check(report)["recipe.stages"][0]
    assert "stages done: 0" in stages["title_text"]  # Wave/ exists: stage 0 skips itself


def test_export_on_new_torch_is_flagged_from_a_saved_report(tmp_path: Path) -> None:
    def facts(torch: str) -> dict[str, Any]:
        recipe = {
            "active": True,
            "recipe": "baker_zh/matcha",
            "dir": "/x/egs/baker_zh/TTS",
            "steps": ["train", "export"],
            "export_scripts": ["matcha/export_onnx.py"],
        }
        modules = {"found": {}, "missing": [], "versions": {"torch": torch}, "scan": {}}
        probes = {
            n: {"name": n, "status": "ok", "data": d}
            for n, d in (("recipe", recipe), ("modules", modules))
        }
        return {"schema": 1, "facts": {"probes": probes, "context": {}}}

    saved = tmp_path / "r.json"
    saved.write_text(json.dumps(facts("2.13.0+cpu")))
    _, report = run_json("check", "--from", str(saved), "--only", "recipe.export")
    export = findings_by_check(report)["recipe.export"][0]
    assert export["status"] == "warn" and export["blocks_step"] == "export"
    assert "onnxscript" in export["detail_text"]
    assert "dynamo=False" in export["fix"]["commands"][0]
    assert "matcha/export_onnx.py" in export["fix"]["commands"][0]
    saved.write_text(json.dumps(facts("2.8.0")))
    _, report = run_json("check", "--from", str(saved), "--only", "recipe.export")
    assert "recipe.export" not in findings_by_check(report)


def test_recipes_command_lists_the_shipped_recipes() -> None:
    proc = run_cli("recipes")
    assert proc.returncode == 0
    for name in (
        "baker_zh/matcha",
        "ljspeech/matcha",
        "ljspeech/vits",
        "vctk/vits",
        "libritts/vits",
    ):
        assert name in proc.stdout
    data = json.loads(run_cli("recipes", "--json").stdout)
    assert data["schema"] == SCHEMA and data["command"] == "recipes"
    baker = next(r for r in data["recipes"] if r["name"] == "baker_zh/matcha")
    assert baker["dataset"] == "BZNSYP"
    assert baker["steps"][0] == "prepare stage -1" and baker["steps"][-1] == "infer"


def test_partial_stage_is_flagged_with_a_rerun_that_keeps_the_data(tree: Path) -> None:
    marker = tree / "data/manifests/.baker-zh.done"
    marker.parent.mkdir(parents=True)
    marker.write_text("")
    _, report = run_json(*ONLY, "--python", sys.executable, "--offline", cwd=tree, env=_env(tree))
    partial = [f for f in findings_by_check(report)["recipe.stages"] if f["status"] == "warn"]
    assert len(partial) == 1 and partial[0]["blocks_step"] == "prepare stage 1"
    assert "baker_zh_recordings_all.jsonl.gz" in partial[0]["detail_text"]
    rm, rerun = partial[0]["fix"]["commands"]
    assert rm.endswith(" && rm -f data/manifests/.baker-zh.done")
    assert rerun.endswith(" && ./prepare.sh --stage 1 --stop-stage 1")


def _wav(path: Path, seconds: float, rate: int = 48000, truncate: bool = False) -> None:
    import wave

    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\0\0" * int(seconds * rate))
    if truncate:
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])


def _bznsyp(tree: Path, ids: range, labelled: range, truncated: tuple[int, ...] = ()) -> None:
    root = tree / "download" / "BZNSYP"
    for i in ids:
        _wav(root / "Wave" / f"{i:06d}.wav", 1.5, truncate=i in truncated)
    lines = []
    for i in labelled:
        lines += [
            f"{i:06d}\t卡尔普#2陪外孙#1玩滑梯#4。",
            "\tka2 er2 pu3 pei2 wai4 sun1 wan2 hua2 ti1",
        ]
    labels = root / "ProsodyLabeling" / "000001-010000.txt"
    labels.parent.mkdir(parents=True, exist_ok=True)
    labels.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")


def _dataset_finding(tree: Path) -> dict[str, Any]:
    _, report = run_json(*ONLY, "--python", sys.executable, "--offline", cwd=tree, env=_env(tree))
    (ds,) = findings_by_check(report)["recipe.dataset"]
    return ds


def test_a_consistent_bznsyp_subset_is_a_warning_with_its_size(tree: Path) -> None:
    _bznsyp(tree, range(1, 41), range(1, 41))
    ds = _dataset_finding(tree)
    assert ds["status"] == "warn"
    assert ds["title_text"] == (
        "BZNSYP in download/BZNSYP is a subset: 40 of 10000 utterances, 1.0 min of audio, "
        "every one labelled"
    )
    assert not ds.get("blocks_step")


def test_labels_without_audio_stay_a_blocker(tree: Path) -> None:
    _bznsyp(tree, range(1, 38), range(1, 41))
    ds = _dataset_finding(tree)
    assert ds["status"] == "fail" and ds["blocks_step"] == "prepare stage 1"
    assert (
        "3 labelled utterance(s) without audio (e.g. 000038, 000039, 000040)" in (ds["detail_text"])
    )


def test_a_truncated_wav_stays_a_blocker(tree: Path) -> None:
    _bznsyp(tree, range(1, 41), range(1, 41), truncated=(7,))
    ds = _dataset_finding(tree)
    assert ds["status"] == "fail"
    assert "1 truncated or unreadable audio file(s) (e.g. 000007)" in ds["detail_text"]


def test_a_bare_python_is_told_what_no_import_reveals_and_where_icefall_comes_from(
    tree: Path, bare_venv: Path
) -> None:
    utils = tree / "matcha" / "utils.py"
    utils.write_text(utils.read_text() + "from icefall.utils import AttributeDict\n")
    _, report = run_json(*ONLY, "--python", str(bare_venv), "--offline", cwd=tree, env=_env(tree))
    missing = _missing(report)
    lilcom = missing["lilcom"]  # the recipe file's [[requires]]: lhotse loads it at stage 5
    assert lilcom["title_text"] == "'lilcom' is not installed; prepare stage 5 needs it"
    assert lilcom["status"] == "fail" and lilcom["blocks_step"] == "prepare stage 5"
    assert missing["Cython"]["blocks_step"] == "prepare stage -1"
    icefall = missing["icefall"]
    assert icefall["fix"]["commands"] == [f'export PYTHONPATH={tree.parents[2]}:"$PYTHONPATH"']
    assert icefall["fix"]["why_text"].startswith(
        "The icefall package comes from the checkout itself: put its root on PYTHONPATH"
    )


def test_a_recipe_folder_copied_without_the_recipes_it_links_into(tree: Path) -> None:
    """baker_zh's matcha/ links into ljspeech/: without it those links point to nothing. That is
    one problem, a broken link, and no fix installs a pip package named like the local module."""
    shutil.rmtree(tree.parents[1] / "ljspeech")
    fifo = tree / "matcha" / "idoctor_fifo.py"
    os.mkfifo(fifo)  # a module path that is no readable file either
    (tree / "matcha" / "train.py").write_text(
        (tree / "matcha" / "train.py").read_text() + "import idoctor_fifo\n"
    )
    code, report = run_json(
        *ONLY, "--python", sys.executable, "--offline", cwd=tree, env=_env(tree)
    )
    found = findings_by_check(report)["recipe.imports"]
    broken = [f for f in found if f["title"]["key"] == "recipe.module.broken.title"]
    assert {f["title"]["params"]["module"] for f in broken} >= {"utils", "idoctor_fifo"}
    assert all("is a broken link in the recipe" in f["title_text"] for f in broken)
    commands = [c for f in found if f["fix"] for c in f["fix"]["commands"]]
    for name in ("utils", "idoctor_fifo"):
        assert not [c for c in commands if c.endswith(f"pip install {name}")], commands
    assert code == 1
    problems = [p for p in report["problems"] if "broken link" in p["title_text"]]
    assert len(problems) == 1  # one cause: the recipes it links into are not there
