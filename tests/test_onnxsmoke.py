"""smoke-onnx for real: small ONNX graphs with icefall's Matcha export names and metadata (an
acoustic model per step count, and a HiFiGAN-shaped vocoder), run by onnxruntime, and through
sherpa-onnx when it is installed."""

from __future__ import annotations

import json
import wave
from pathlib import Path

import pytest

from tests.helpers import run_cli

onnx = pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")
from tests.onnx_graphs import acoustic, vocoder, vocos_like  # noqa: E402

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


def _smoke(d: Path, *extra: str) -> tuple[int, dict[str, object]]:
    proc = run_cli("smoke-onnx", str(d), "--vocoder", str(d / "hifigan_v2.onnx"), *extra, "--json")
    assert proc.stdout.strip(), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def test_onnxruntime_checks_synthesises_and_times_each_model(export_dir: Path) -> None:
    code, data = _smoke(export_dir, "--engine", "onnxruntime")
    assert code == 0, data
    assert data["engine"] == "onnxruntime"
    models = data["models"]
    assert [m["steps"] for m in models] == [2, 3, 6]  # type: ignore[index]
    for m in models:  # type: ignore[attr-defined]
        assert m["problems"] == [] and m["error"] is None
        assert m["metadata"]["num_ode_steps"] == str(m["steps"])
        with wave.open(m["wav"]) as w:
            assert w.getframerate() == 22050
            # 17 tokens (6 + , + 2+2+1+2+2 + .), 8 mel frames each, 256 samples a frame
            assert w.getnframes() == 17 * 8 * 256
        assert m["audio_seconds"] == pytest.approx(17 * 8 * 256 / 22050)
        assert m["rtf"] == pytest.approx(m["synthesis_seconds"] / m["audio_seconds"])


def test_table_shows_steps_size_time_audio_rtf(export_dir: Path) -> None:
    proc = run_cli("smoke-onnx", str(export_dir), "--vocoder", str(export_dir / "hifigan_v2.onnx"),
                   "--engine", "onnxruntime")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    for word in ("steps", "size", "synthesis s", "audio s", "RTF", "今天天气很好"):
        assert word in proc.stdout
    assert "smoke-wavs" in proc.stdout


def test_wrong_metadata_and_names_are_reported(export_dir: Path) -> None:
    acoustic(export_dir / "model-steps-4.onnx", 5, model_type="vits")
    code, data = _smoke(export_dir, "--engine", "onnxruntime")
    assert code == 1
    bad = next(m for m in data["models"] if m["steps"] == 4)  # type: ignore[attr-defined]
    assert any("model_type is 'vits'" in p for p in bad["problems"])
    assert any("num_ode_steps is '5'" in p for p in bad["problems"])
    assert bad["wav"] is None


def test_no_vocoder_given_is_a_clear_usage_error(export_dir: Path) -> None:
    proc = run_cli("smoke-onnx", str(export_dir))
    assert proc.returncode == 2
    assert "no vocoder given" in proc.stderr and "--vocoder" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_no_models_and_no_tokens(tmp_path: Path, export_dir: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = run_cli("smoke-onnx", str(empty), "--vocoder", str(export_dir / "hifigan_v2.onnx"))
    assert proc.returncode == 1 and "no model-steps-N.onnx" in proc.stderr
    (export_dir / "tokens.txt").unlink()
    code, data = _smoke(export_dir, "--engine", "onnxruntime")
    assert code == 0 and data["engine"] == "none"
    assert "synthesis was skipped" in data["notes"][0]  # type: ignore[index]


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
    for m in data["models"]:  # type: ignore[attr-defined]
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
        assert "pip install sherpa-onnx" in data["notes"][0]  # type: ignore[index]


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
    assert "onnxruntime" in auto.stdout and "RTF" in auto.stdout
