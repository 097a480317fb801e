"""The static import scan and the prepare.sh parser on fixture trees."""

from __future__ import annotations

from pathlib import Path

from doctor.recipe import importscan, model, stages
from doctor.recipe.gather import entries
from tests.recipe_tree import PREPARE, build


def _scan(tmp_path: Path) -> dict[tuple[str, str], importscan.ImportSite]:
    baker = build(tmp_path)
    recipe = model.load("baker_zh/matcha")
    result = importscan.scan(baker, entries(recipe, baker))
    return {(s.module, s.step): s for s in result.sites}


def test_symlinks_two_hops_resolve_to_the_real_file(tmp_path: Path) -> None:
    site = _scan(tmp_path)[("idoctor_fake_cleaner", "train")]
    assert site.file == "matcha/utils.py"
    assert site.line == 2
    assert site.entry == "matcha/train.py"
    assert not site.guarded and not site.nested


def test_symlinked_script_runs_from_its_target_directory(tmp_path: Path) -> None:
    # baker's matcha/infer.py links to ljspeech's: `from train import main` imports ljspeech's
    sites = _scan(tmp_path)
    assert sites[("idoctor_fake_soundfile", "infer")].file == "matcha/infer.py"
    lj_train = sites[("idoctor_fake_ljspeech_train", "infer")]
    assert lj_train.file == "egs/ljspeech/TTS/matcha/train.py"
    assert ("idoctor_fake_ljspeech_train", "train") not in sites


def test_package_and_relative_imports_are_followed(tmp_path: Path) -> None:
    sites = _scan(tmp_path)
    deep = sites[("idoctor_fake_deep", "train")]
    assert deep.file == "matcha/models/components/decoder.py"
    assert ("base", "train") not in sites  # `from ..base import x` is local and present


def test_missing_local_extension_is_reported_as_local(tmp_path: Path) -> None:
    core = _scan(tmp_path)[("monotonic_align.core", "train")]
    assert core.local
    assert core.file == "matcha/monotonic_align/__init__.py"


def test_built_extension_is_found(tmp_path: Path) -> None:
    from importlib.machinery import EXTENSION_SUFFIXES

    baker = build(tmp_path)
    so = tmp_path / "egs/ljspeech/TTS/matcha/monotonic_align" / ("core" + EXTENSION_SUFFIXES[0])
    so.write_bytes(b"")
    result = importscan.scan(baker, {"train": ("matcha/train.py",)})
    assert "monotonic_align.core" not in {s.module for s in result.sites}


def test_sys_path_insert_is_honoured(tmp_path: Path) -> None:
    sites = _scan(tmp_path)
    assert sites[("idoctor_fake_via_syspath", "train")].file == "matcha/extra/extra_mod.py"
    assert ("extra_mod", "train") not in sites


def test_guarded_and_nested_imports_are_flagged(tmp_path: Path) -> None:
    sites = _scan(tmp_path)
    assert sites[("idoctor_fake_optional", "train")].guarded
    assert sites[("idoctor_fake_nested", "train")].nested


def test_prepare_stages_scripts_are_scanned_with_their_step(tmp_path: Path) -> None:
    sites = _scan(tmp_path)
    assert sites[("idoctor_fake_jieba", "prepare stage 2")].file == "local/generate_tokens.py"
    assert ("Cython", "prepare stage -1") in sites
    assert sites[("idoctor_fake_present", "prepare stage 5")].entry == (
        "local/compute_fbank_baker_zh.py"
    )


def test_pythonpath_makes_a_module_local(tmp_path: Path) -> None:
    baker = build(tmp_path)
    lib = tmp_path / "lib"
    (lib / "idoctor_fake_jieba").mkdir(parents=True)
    (lib / "idoctor_fake_jieba" / "__init__.py").write_text("import idoctor_fake_below\n")
    result = importscan.scan(baker, {"x": ("local/generate_tokens.py",)}, str(lib))
    assert {s.module for s in result.sites} == {"idoctor_fake_below"}


def test_missing_entry_script_is_listed(tmp_path: Path) -> None:
    baker = build(tmp_path)
    result = importscan.scan(baker, {"train": ("matcha/nope.py",)})
    assert result.missing_entries == [("train", "matcha/nope.py")]


def test_prepare_parser_finds_scripts_commands_and_loops() -> None:
    blocks = {b.n: b for b in stages.parse_prepare(PREPARE)}
    assert blocks[-1].scripts == ("matcha/monotonic_align/setup.py",)
    assert blocks[0].commands == ("lhotse",)
    assert blocks[2].scripts == ("local/generate_tokens.py",)
    assert blocks[5].scripts == ("local/compute_fbank_baker_zh.py",)
    assert "idoctor-no-such-tool" in blocks[5].commands and "sort" in blocks[5].commands


def test_scanned_code_with_invalid_escapes_prints_no_warning(tmp_path: Path) -> None:
    """The scan silences warnings about the scanned code without catch_warnings(), which is not
    thread-safe: the probe threads' restore used to drop requests' filter, so a SOCKS
    DependencyWarning reached stderr now and then."""
    import subprocess
    import sys

    from tests.helpers import REPO

    script = tmp_path / "x.py"
    script.write_text('import re\nPATTERN = re.compile("\\d+")\n')
    code = (
        "import warnings\n"
        "def refuse(*a, **k):\n"
        "    raise AssertionError('catch_warnings is not thread-safe')\n"
        "warnings.catch_warnings = refuse\n"
        "from doctor.recipe.syspath import parse_file\n"
        f"print(parse_file({str(script)!r}).imports[0].module)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-W", "default", "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "re\n" and proc.stderr == ""


def test_a_generated_file_of_megabytes_is_scanned_by_its_import_lines(tmp_path: Path) -> None:
    """Parsing 8 MB of generated code held the interpreter for seconds, and every probe running
    meanwhile timed out. Past MAX_PARSE_BYTES a file's unindented import lines are read."""
    from doctor.recipe import syspath

    baker = build(tmp_path)
    train = baker / "matcha" / "train.py"
    train.write_text("import idoctor_generated\n" + train.read_text(encoding="utf-8"))
    body = "x = 1\n" * (syspath.MAX_PARSE_BYTES // 6 + 10)
    head = "import os, idoctor_fake_big as big\nfrom idoctor_fake_star import *\n"
    (baker / "matcha" / "idoctor_generated.py").write_text(
        head + "from . import (sibling,\n    other)\n" + body + "def f():\n    import inside\n"
    )
    result = importscan.scan(baker, {"train": ("matcha/train.py",)})
    found = {s.module: s for s in result.sites}
    assert found["idoctor_fake_big"].file == "matcha/idoctor_generated.py"
    assert found["idoctor_fake_big"].line == 1 and found["idoctor_fake_star"].line == 2
    assert "inside" not in found and "idoctor_generated" not in found
