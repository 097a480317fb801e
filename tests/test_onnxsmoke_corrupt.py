"""smoke-onnx keeps the good rows when one model among them is corrupt or truncated, and a
vocoder that cannot load is one clear error; through the installed console script."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import run_script

pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")
from tests.test_onnxsmoke import export_dir  # noqa: F401  (the fixture)


def _smoke(d: Path, *extra: str) -> tuple[int, dict[str, Any], str]:
    args = ("smoke-onnx", str(d), "--vocoder", str(d / "hifigan_v2.onnx"), "--engine")
    proc = run_script(*args, "onnxruntime", *extra)
    return proc.returncode, json.loads(proc.stdout) if "--json" in extra else {}, proc.stderr


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_one_corrupt_model_keeps_the_good_rows(export_dir: Path, damage: str) -> None:  # noqa: F811
    bad = export_dir / "model-steps-3.onnx"
    raw = bad.read_bytes()
    bad.write_bytes(b"not an onnx model" if damage == "garbage" else raw[: len(raw) // 2])
    code, data, stderr = _smoke(export_dir, "--json")
    assert code == 1 and "Traceback" not in stderr, stderr
    models = {m["steps"]: m for m in data["models"]}
    assert sorted(models) == [2, 3, 6]
    assert models[3]["error"] and models[3]["wav"] is None
    for good in (2, 6):
        assert models[good]["error"] is None and models[good]["problems"] == []
        assert models[good]["rtf"] is not None and Path(models[good]["wav"]).is_file()
    assert data["failed"] == 1
    text = run_script("smoke-onnx", str(export_dir), "--vocoder",
                      str(export_dir / "hifigan_v2.onnx"), "--engine", "onnxruntime")  # fmt: skip
    assert text.returncode == 1 and "1 model(s) failed the checks." in text.stdout
    assert "ok" in text.stdout  # the good rows are in the table
    # onnxruntime's long error is not squeezed into the table's cell: one line below it
    row = next(line for line in text.stdout.splitlines() if line.lstrip().startswith("3 "))
    assert "failed: see (1) below" in row
    error = models[3]["error"]
    assert f"(1) model-steps-3.onnx: {error}" in text.stdout.splitlines()


def test_a_vocoder_that_cannot_load_is_one_error(export_dir: Path) -> None:  # noqa: F811
    (export_dir / "hifigan_v2.onnx").write_bytes(b"\x00" * 64)
    code, _, stderr = _smoke(export_dir)
    assert code == 1
    assert f"the vocoder {export_dir / 'hifigan_v2.onnx'} cannot be loaded" in stderr
    assert "Traceback" not in stderr and "please report" not in stderr


def test_missing_or_unreadable_text_files_are_usage_errors(
    export_dir: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    missing = run_script("smoke-onnx", str(export_dir), "--lexicon", str(tmp_path / "lexicon.txt"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert f"--lexicon {tmp_path / 'lexicon.txt'}: no such file" in missing.stderr
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00not utf-8")
    unreadable = run_script("smoke-onnx", str(export_dir), "--tokens", str(binary))
    assert unreadable.returncode == 2 and "Traceback" not in unreadable.stderr
    assert "cannot read tokens.txt/lexicon.txt: UnicodeDecodeError" in unreadable.stderr


@pytest.mark.parametrize("engine", ["onnxruntime", "sherpa-onnx"])
def test_an_acoustic_model_given_as_the_vocoder_is_a_usage_error(
    export_dir: Path,  # noqa: F811
    engine: str,
) -> None:
    """sherpa-onnx crashed the process (SIGSEGV) on it: it is named before anything runs."""
    model = export_dir / "model-steps-2.onnx"
    proc = run_script("smoke-onnx", str(export_dir), "--vocoder", str(model), "--engine", engine)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith(f"icefall-doctor: error: --vocoder {model} is not a vocoder: ")
    assert "gives mel (an acoustic model?)" in proc.stderr


def test_an_out_folder_that_cannot_be_made_is_a_usage_error(
    export_dir: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    taken = tmp_path / "afile"
    taken.write_text("")
    proc = run_script("smoke-onnx", str(export_dir), "--out", str(taken))
    assert proc.returncode == 2, proc.stderr
    assert f"--out {taken}: cannot make this folder for the wav files" in proc.stderr
