"""The import scan on a real icefall checkout (ICEFALL_DIR); skipped without one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from doctor.recipe import importscan, model, stages
from doctor.recipe.gather import entries

ICEFALL = os.environ.get("ICEFALL_DIR", "")
pytestmark = [
    pytest.mark.icefall,
    pytest.mark.skipif(
        not ICEFALL or not Path(ICEFALL, "egs").is_dir(), reason="needs ICEFALL_DIR"
    ),
]


def _sites(name: str) -> dict[tuple[str, str], importscan.ImportSite]:
    recipe = model.load(name)
    recipe_dir = Path(ICEFALL) / recipe.dir
    result = importscan.scan(recipe_dir, entries(recipe, recipe_dir), ICEFALL)
    assert not result.missing_entries
    return {(s.module, s.step): s for s in result.sites}


def test_baker_matcha_train_needs_tacotron_cleaner_through_tokenizer() -> None:
    sites = _sites("baker_zh/matcha")
    site = sites[("tacotron_cleaner", "train")]
    assert (site.file, site.line) == ("matcha/tokenizer.py", 6)
    piper = sites[("piper_phonemize", "train")]
    assert not piper.guarded  # its except clause raises RuntimeError
    assert ("k2", "prepare stage 5") in sites  # through icefall's __init__
    built = list(Path(ICEFALL, model.load("baker_zh/matcha").dir, "matcha", "monotonic_align")
                 .glob("core*.so"))  # fmt: skip
    if built:  # prepare stage -1 has run in this checkout: nothing to report
        assert ("monotonic_align.core", "train") not in sites
    else:  # a fresh checkout: the recipe's own extension, not built yet
        assert sites[("monotonic_align.core", "train")].local


def test_every_recipe_scans_and_its_prepare_sh_parses() -> None:
    for recipe in model.all_recipes():
        recipe_dir = Path(ICEFALL) / recipe.dir
        assert stages.stage_scripts(recipe, recipe_dir), recipe.name
        sites = _sites(recipe.name)
        assert ("torch", "train") in sites, recipe.name
