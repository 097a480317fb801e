"""smoke-onnx for real: small ONNX graphs with icefall's Matcha export names and metadata (an
acoustic model per step count, and a HiFiGAN-shaped vocoder), run by onnxruntime, and through
sherpa-onnx when it is installed."""

from __future__ import annotations

import json
import sys
import wave
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import run_cli

onnx = pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")
from doctor.onnxsmoke.text import blank_id, intersperse  # noqa: E402
from tests.onnx_graphs import acoustic, vocoder, vocos_like  # noqa: E402


def _version(name: str) -> str:
    return str(__import__(name).__version__)


PINYIN = ["jin1", "tian1", "qi4", "hen3", "hao3", "wo3", "men5", "yi4", "qi3", "qu4", "gong1",
          "yuan2", "san4", "bu4"]  # fmt: skip
LEXICON = {"今": "jin1", "天": "tian1", "气": "qi4", "很": "hen3", "好": "hao3", "我们": "wo3 men5",
           "一起": "yi4 qi3", "去": "qu4", "公园": "gong1 yuan2", "散步": "san4 bu4"}  # fmt: skip


@pytest.fixture
def export_dir(tmp_path: Path) -> Path:
    d = tmp_path / "export"
    d.mkdir()
    for steps in (2, 3, 6):
        acoustic(d / f"model-steps-{steps}.onnx", steps)
    vocoder(d / "hifigan_v2.onnx")
    tokens = [" ", "_", ",", ".", *PINYIN]
    lines = ["0"] + [f"{tok} {i}" for i, tok in enumerate(tokens) if i]
    (d / "tokens.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lex = "".join(f"{w} {p}\n" for w, p in LEXICON.items())
    (d / "lexicon.txt").write_text(lex, encoding="utf-8")
    return d


def _smoke(d: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    proc = run_cli("smoke-onnx", str(d), "--vocoder", str(d / "hifigan_v2.onnx"), *extra, "--json")
    assert proc.stdout.strip(), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


# The test sentence is 17 tokens (6 syllables + "," + 2+2+1+2+2 + "."); icefall feeds them with a
# blank before, between and after: 35 ids. The test graphs make 8 mel frames an id, and the
# HiFiGAN-shaped vocoder 256 samples a frame.
IDS = 2 * 17 + 1


def test_onnxruntime_checks_synthesises_and_times_each_model(export_dir: Path) -> None:
    code, data = _smoke(export_dir, "--engine", "onnxruntime")
    assert code == 0, data
    assert data["engine"] == "onnxruntime"
    models: list[dict[str, Any]] = data["models"]
    assert [m["steps"] for m in models] == [2, 3, 6]
    for m in models:
        assert m["problems"] == [] and m["error"] is None
        assert m["metadata"]["num_ode_steps"] == str(m["steps"])
        assert m["x_length"] == IDS and m["mel_frames"] == IDS * 8
        with wave.open(m["wav"]) as w:
            assert w.getframerate() == 22050
            assert w.getnframes() == IDS * 8 * 256
        assert m["audio_seconds"] == pytest.approx(IDS * 8 * 256 / 22050)
        assert m["rtf"] == pytest.approx(m["synthesis_seconds"] / m["audio_seconds"])


def test_blanks_between_tokens_use_the_models_pad_id() -> None:
    assert intersperse([4, 5, 6], 1) == [1, 4, 1, 5, 1, 6, 1]
    assert intersperse([], 1) == [1]
    assert blank_id({"pad_id": "3"}, {"_": 1}) == 3
    assert blank_id({}, {"_": 1, " ": 0}) == 1
    assert blank_id({"pad_id": "x"}, {}) == 0


def test_audio_length_matches_sherpa_onnx(export_dir: Path) -> None:
    """The same models through onnxruntime and through sherpa-onnx: within 10 % (sherpa-onnx
    splits the sentence at its comma and adds the blanks to each part: 15 + 21 ids)."""
    pytest.importorskip("sherpa_onnx")
    _, ort = _smoke(export_dir, "--engine", "onnxruntime")
    _, sherpa = _smoke(export_dir, "--engine", "sherpa-onnx")
    for a, b in zip(ort["models"], sherpa["models"]):
        assert b["error"] is None, b["error"]
        assert a["audio_seconds"] == pytest.approx(b["audio_seconds"], rel=0.10)


def test_table_shows_steps_size_time_audio_rtf(export_dir: Path) -> None:
    proc = run_cli("smoke-onnx", str(export_dir), "--vocoder", str(export_dir / "hifigan_v2.onnx"),
                   "--engine", "onnxruntime")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    for word in ("steps", "size", "synthesis s", "audio s", "RTF", "mel frames", "今天天气很好"):
        assert word in proc.stdout
    assert "smoke-wavs" in proc.stdout
    text = " ".join(proc.stdout.split())
    assert f"Running in {sys.executable}: onnxruntime {_version('onnxruntime')}," in text


def test_without_vocoder_runs_the_acoustic_model_alone(export_dir: Path) -> None:
    proc = run_cli("smoke-onnx", str(export_dir), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["engine"] == "acoustic" and data["failed"] == 0
    for m in data["models"]:
        assert m["problems"] == [] and m["error"] is None
        assert m["mel_frames"] == IDS * 8 and m["synthesis_seconds"] > 0
        assert m["audio_seconds"] is None and m["rtf"] is None and m["wav"] is None
    assert "no audio length and no RTF" in data["notes"][0]
    table = run_cli("smoke-onnx", str(export_dir))
    assert table.returncode == 0, table.stderr
    assert "Traceback" not in table.stderr
    assert "mel frames" in table.stdout and "acoustic model s" in table.stdout
    header = next(line for line in table.stdout.splitlines() if line.startswith("steps"))
    columns = [c.strip() for c in header.split("┃")]
    assert columns == ["steps", "size", "metadata / names", "acoustic model s", "mel frames"]
    assert str(IDS * 8) in table.stdout
    text = " ".join(table.stdout.split())
    assert "No --vocoder: the acoustic models ran alone" in text
    broken = run_cli("smoke-onnx", str(export_dir), "--vocoder", str(export_dir / "none.onnx"))
    assert broken.returncode == 2 and "does not exist" in broken.stderr


def test_pad_id_that_disagrees_with_tokens_is_reported(export_dir: Path) -> None:
    acoustic(export_dir / "model-steps-4.onnx", 4, pad_id="7")
    code, data = _smoke(export_dir, "--engine", "onnxruntime")
    assert code == 1
    bad = next(m for m in data["models"] if m["steps"] == 4)
    assert any("pad_id is 7 but tokens.txt gives '_' the id 1" in p for p in bad["problems"])


def test_wrong_metadata_and_names_are_reported(export_dir: Path) -> None:
    acoustic(export_dir / "model-steps-4.onnx", 5, model_type="vits")
    code, data = _smoke(export_dir, "--engine", "onnxruntime")
    assert code == 1
    bad = next(m for m in data["models"] if m["steps"] == 4)
    assert any("model_type is 'vits'" in p for p in bad["problems"])
    assert any("num_ode_steps is '5'" in p for p in bad["problems"])
    assert bad["wav"] is None


def test_no_models_and_no_tokens(tmp_path: Path, export_dir: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = run_cli("smoke-onnx", str(empty), "--vocoder", str(export_dir / "hifigan_v2.onnx"))
    assert proc.returncode == 1 and "no model-steps-N.onnx" in proc.stderr
    (export_dir / "tokens.txt").unlink()
    code, data = _smoke(export_dir, "--engine", "onnxruntime")
    assert code == 0 and data["engine"] == "none"
    assert "synthesis was skipped" in data["notes"][0]


def test_onnxruntime_missing_names_the_install_command(export_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "block"
    (blocker / "onnxruntime").mkdir(parents=True)
    (blocker / "onnxruntime" / "__init__.py").write_text("raise ImportError('blocked for test')\n")
    proc = run_cli("smoke-onnx", str(export_dir), "--vocoder", str(export_dir / "hifigan_v2.onnx"),
                   env={"PYTHONPATH": str(blocker)})  # fmt: skip
    assert proc.returncode == 1
    assert "needs onnxruntime" in proc.stderr and "-m pip install onnxruntime" in proc.stderr


def test_through_sherpa_onnx(export_dir: Path) -> None:
    pytest.importorskip("sherpa_onnx")
    code, data = _smoke(export_dir, "--engine", "sherpa-onnx")
    assert data["engine"] == "sherpa-onnx"
    for m in data["models"]:
        assert m["error"] is None, m["error"]
        assert m["audio_seconds"] > 0 and m["rtf"] is not None
        assert Path(m["wav"]).is_file()
    assert code == 0


def test_vocos_vocoder_with_onnxruntime_says_use_sherpa(export_dir: Path) -> None:
    vocos_like(export_dir / "vocos.onnx")
    proc = run_cli("smoke-onnx", str(export_dir), "--vocoder", str(export_dir / "vocos.onnx"),
                   "--engine", "onnxruntime", "--json")  # fmt: skip
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert all("use sherpa-onnx for Vocos" in m["error"] for m in data["models"])


def test_auto_engine_prefers_sherpa_when_installed(export_dir: Path) -> None:
    import importlib.util

    code, data = _smoke(export_dir)
    assert code == 0
    if importlib.util.find_spec("sherpa_onnx"):
        assert data["engine"] == "sherpa-onnx" and data["notes"] == []
    else:
        assert data["engine"] == "onnxruntime"
        assert "pip install sherpa-onnx" in data["notes"][0]


def test_sherpa_missing_names_the_install_command(export_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "block"
    (blocker / "sherpa_onnx").mkdir(parents=True)
    (blocker / "sherpa_onnx" / "__init__.py").write_text("raise ImportError('blocked for test')\n")
    vocoder = str(export_dir / "hifigan_v2.onnx")
    env = {"PYTHONPATH": str(blocker)}
    proc = run_cli("smoke-onnx", str(export_dir), "--vocoder", vocoder, "--engine", "sherpa-onnx",
                   env=env)  # fmt: skip
    assert proc.returncode == 1
    assert "needs sherpa-onnx" in proc.stderr and "-m pip install sherpa-onnx" in proc.stderr
    auto = run_cli("smoke-onnx", str(export_dir), "--vocoder", vocoder, env=env)
    assert auto.returncode == 0, auto.stderr
    assert "sherpa-onnx is not installed, so synthesis used onnxruntime" in auto.stdout
    assert "sherpa-onnx not installed." in " ".join(auto.stdout.split())
    assert "onnxruntime" in auto.stdout and "RTF" in auto.stdout


@pytest.mark.parametrize("engine", ["onnxruntime", "sherpa-onnx"])
def test_an_empty_tokens_file_is_said_as_such(export_dir: Path, engine: str) -> None:
    """sherpa-onnx said "sampling rate not specified" (after a line per unknown token)."""
    if engine == "sherpa-onnx":
        pytest.importorskip("sherpa_onnx")
    (export_dir / "tokens.txt").write_text("", encoding="utf-8")
    code, data = _smoke(export_dir, "--engine", engine)
    assert code == 1
    for m in data["models"]:
        assert m["error"] == "no token of the sentence is in tokens.txt/lexicon.txt", m
