"""What `check` says about a recipe's corpus, from a saved report: a broken link is fixed with
prepare.sh's own option where the recipe has one (VCTK's Edinburgh URL) and by a download or a
link otherwise; a complete corpus names its licence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.helpers import findings_by_check, run_json

VCTK = {
    "name": "VCTK-Corpus-0.92",
    "path": "download/VCTK",
    "url": "https://datashare.ed.ac.uk/bitstream/handle/10283/3443/VCTK-Corpus-0.92.zip",
    "archive": "VCTK-Corpus-0.92.zip",
    "mirror_option": "--use-edinburgh-vctk-url false",
    "licence": "cc_by_4",
}
BAKER = {
    "name": "BZNSYP",
    "path": "download/BZNSYP",
    "url": "https://huggingface.co/openspeech/BZNSYP/resolve/main/BZNSYP.tar.bz2",
    "archive": "BZNSYP.tar.bz2",
    "licence": "non_commercial",
}
BROKEN = {"broken_link": True, "symlink": "/gone/corpus"}


def _dataset(tmp_path: Path, recipe_dir: str, ds: dict[str, Any]) -> dict[str, Any]:
    recipe = {"active": True, "recipe": "x", "dir": recipe_dir, "steps": ["train"], "dataset": ds}
    probes = {"recipe": {"name": "recipe", "status": "ok", "data": recipe}}
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps({"schema": 1, "facts": {"probes": probes, "context": {}}}))
    _, report = run_json("check", "--from", str(saved), "--only", "recipe.dataset")
    (found,) = findings_by_check(report)["recipe.dataset"]
    return found


def test_a_broken_vctk_link_is_fixed_with_prepares_own_download_option(tmp_path: Path) -> None:
    found = _dataset(tmp_path, "/x/egs/vctk/TTS", {**VCTK, **BROKEN})
    assert found["status"] == "fail" and found["blocks_step"] == "prepare stage 1"
    assert found["title_text"] == "download/VCTK is a broken symlink"
    assert found["fix"]["commands"] == [
        "cd /x/egs/vctk/TTS && ./prepare.sh --stage 0 --stop-stage 0 --use-edinburgh-vctk-url false"
    ]


def test_a_broken_link_without_such_an_option_is_downloaded_or_linked(tmp_path: Path) -> None:
    found = _dataset(tmp_path, "/x/egs/baker_zh/TTS", {**BAKER, **BROKEN})
    assert found["fix"]["commands"] == [
        "Do one of these, not both:",
        f"  a) Download BZNSYP from {BAKER['url']} and unpack it into download",
        f"      cd /x/egs/baker_zh/TTS && wget -c {BAKER['url']} -P download",
        "      cd /x/egs/baker_zh/TTS && tar xf download/BZNSYP.tar.bz2 -C download",
        "  b) You have BZNSYP elsewhere already: link it to download/BZNSYP",
        "      cd /x/egs/baker_zh/TTS && ln -sfv /path/to/BZNSYP download/BZNSYP",
    ]


def test_a_complete_corpus_names_its_licence(tmp_path: Path) -> None:
    found = _dataset(tmp_path, "/x/egs/baker_zh/TTS", {**BAKER, "complete": True})
    assert found["status"] == "ok"
    assert found["title_text"] == "BZNSYP is complete in download/BZNSYP"
    assert found["detail_text"] == "Licence: non-commercial use only."
