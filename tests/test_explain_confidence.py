"""explain claims a cause (exit 0) only on decisive evidence; otherwise it offers its lead and
exits 1. Each kind of over-reach gets a small log written here."""

from __future__ import annotations

import json
from pathlib import Path

from doctor.explain import explain_lines
from doctor.messages import text
from tests.helpers import run_cli

SITE = "/home/u/venv/lib/python3.10/site-packages"


def _tb(*frames: str) -> list[str]:
    return ["Traceback (most recent call last):", *frames]


def test_a_module_no_map_knows_imported_by_own_code_is_a_path_lead_not_a_verdict() -> None:
    log = [
        *_tb('  File "/home/u/proj/run.py", line 3, in <module>', "    import mystuff_helpers"),
        "ModuleNotFoundError: No module named 'mystuff_helpers'",
    ]
    d = explain_lines(log)[0]
    assert d.category == "pythonpath"
    assert not d.recognised
    assert "not certain" in text(d.notes[0], "en").lower()
    assert any("PYTHONPATH" in c for c in d.fix)


def test_a_module_no_map_knows_imported_by_a_package_is_a_missing_dependency_lead() -> None:
    log = [
        *_tb(f'  File "{SITE}/somepkg/core.py", line 3, in <module>', "    import zzfoo_dep"),
        "ModuleNotFoundError: No module named 'zzfoo_dep'",
    ]
    d = explain_lines(log)[0]
    assert (d.category, d.recognised) == ("missing_module", False)


def test_a_known_import_name_names_its_distribution_with_certainty() -> None:
    log = [
        *_tb('  File "/home/u/proj/run.py", line 3, in <module>', "    import yaml"),
        "ModuleNotFoundError: No module named 'yaml'",
    ]
    d = explain_lines(log)[0]
    assert (d.category, d.recognised) == ("missing_module", True)
    assert any("PyYAML" in c for c in d.fix)


def test_a_standard_library_module_means_python_was_built_without_it() -> None:
    d = explain_lines(["ModuleNotFoundError: No module named '_lzma'"])[0]
    assert (d.category, d.recognised) == ("python_incomplete", True)


def test_no_matching_distribution_is_only_a_lead() -> None:
    log = [
        "ERROR: Could not find a version that satisfies the requirement fooo-x (from versions:"
        " none)",
        "ERROR: No matching distribution found for fooo-x",
    ]
    d = explain_lines(log)[0]
    assert not d.recognised
    assert "platform" in text(d.notes[0], "en")


def test_no_k2_wheel_for_the_platform_points_to_a_source_build() -> None:
    log = [
        "ERROR: Could not find a version that satisfies the requirement "
        "k2==1.24.4.dev20250208+cuda12.4.torch2.5.1 (from versions: 0.0.2.dev0, 0.1)",
        "ERROR: No matching distribution found for k2==1.24.4.dev20250208+cuda12.4.torch2.5.1",
    ]
    d = explain_lines(log)[0]
    assert d.category == "k2_import_failure"
    assert any("git clone https://github.com/k2-fsa/k2" in c for c in d.fix)


def test_a_missing_recipe_file_names_the_stage_that_writes_it() -> None:
    log = [
        "FileNotFoundError: [Errno 2] No such file or directory: "
        "'data/fbank/baker_zh_cuts_train.jsonl.gz'"
    ]
    d = explain_lines(log)[0]
    assert (d.category, d.recognised) == ("data_missing", True)
    assert d.fix == ("./prepare.sh --stage 6 --stop-stage 6",)
    assert "stage 6" in text(d.summary, "en")


def test_a_missing_file_outside_any_recipe_is_only_a_lead() -> None:
    log = [
        *_tb('  File "aligner/corpus.py", line 813, in combine_feats'),
        "FileNotFoundError: [Errno 2] No such file or directory: '/home/u/x/corpus_data/s1/f.scp'",
    ]
    d = explain_lines(log)[0]
    assert (d.category, d.recognised) == ("data_missing", False)


def test_two_classes_that_both_fit_make_neither_certain() -> None:
    log = [
        "ERROR: No matching distribution found for onnxruntime==1.7.0",
        "ERROR: onnxruntime-1.7.0-cp36-cp36m-manylinux2014_x86_64.whl is not a supported wheel"
        " on this platform.",
    ]
    found = explain_lines(log)
    assert len({d.category for d in found}) > 1
    assert not any(d.recognised for d in found)


def test_an_old_line_far_above_an_unrelated_final_traceback_is_not_the_cause() -> None:
    log = [
        "RuntimeError: CUDA out of memory. Tried to allocate 20.00 MiB",
        *[f"epoch {i} batch ok" for i in range(40)],
        *_tb('  File "/home/u/proj/train.py", line 9, in <module>', "    main()"),
        "ValueError: bad value in config",
    ]
    d = explain_lines(log)[0]
    assert d.category == "cuda_oom"
    assert not d.recognised
    assert "later exception" in text(d.notes[0], "en")


def test_a_warning_just_above_the_traceback_stays_certain() -> None:
    log = [
        "UserWarning: Cannot load onnxruntime.capi. Error: '/lib64/libstdc++.so.6: version "
        "`GLIBCXX_3.4.20' not found (required by x/onnxruntime_pybind11_state.so)'",
        *_tb(f'  File "{SITE}/onnxruntime/__init__.py", line 21, in <module>'),
        "ImportError: cannot import name 'RunOptions'",
    ]
    d = explain_lines(log)[0]
    assert (d.category, d.recognised) == ("libstdcxx_glibcxx", True)


def test_cli_exits_1_on_a_lead(tmp_path: Path) -> None:
    log = tmp_path / "step.log"
    log.write_text("ModuleNotFoundError: No module named 'zzfoo_dep'\n", encoding="utf-8")
    r = run_cli("explain", str(log), "--json", "--no-probe")
    assert r.returncode == 1
    data = json.loads(r.stdout)
    assert data["recognised"] is False
    assert data["diagnoses"][0]["category"] == "missing_module"
