"""The module -> distribution map shipped as data."""

from __future__ import annotations

from doctor.recipe.modules import distribution_for, pip_command


def test_import_name_traps() -> None:
    assert distribution_for("tacotron_cleaner.cleaners").distribution == "espnet_tts_frontend"
    assert distribution_for("yaml").distribution == "PyYAML"
    assert distribution_for("sklearn").distribution == "scikit-learn"
    assert distribution_for("cv2").distribution == "opencv-python"
    assert distribution_for("PIL").distribution == "Pillow"


def test_piper_phonemize_needs_k2_fsa_page() -> None:
    p = distribution_for("piper_phonemize")
    assert pip_command(p, "/v/bin/python3") == (
        "/v/bin/python3 -m pip install piper_phonemize "
        "-f https://k2-fsa.github.io/icefall/piper_phonemize.html"
    )


def test_monotonic_align_core_is_built_by_stage_minus_one() -> None:
    p = distribution_for("monotonic_align.core")
    assert p.kind == "stage" and p.stage == -1
    assert pip_command(p) is None


def test_unknown_module_falls_back_to_its_name() -> None:
    p = distribution_for("idoctor_unknown_mod.sub")
    assert p.distribution == "idoctor_unknown_mod" and not p.known


def test_pkg_resources_installs_a_setuptools_that_still_ships_it() -> None:
    # setuptools 82 and later have no pkg_resources: installing the newest one changes nothing
    p = distribution_for("pkg_resources")
    assert p.distribution == "setuptools" and p.requirement == "setuptools<82"
    assert pip_command(p, "/v/bin/python3") == "/v/bin/python3 -m pip install 'setuptools<82'"


def test_a_module_without_a_range_installs_the_bare_name() -> None:
    assert distribution_for("tacotron_cleaner").requirement == "espnet_tts_frontend"
