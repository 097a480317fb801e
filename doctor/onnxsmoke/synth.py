"""Synthesis of the test sentence: onnxruntime directly (acoustic model, then vocoder), or
sherpa-onnx's OfflineTts with its Matcha config, the way a user deploys. Both import lazily."""

from __future__ import annotations

import importlib
import time
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Synthesis:
    seconds: float  # wall time of the synthesis
    samples: int
    sample_rate: int
    wav: Path

    @property
    def audio_seconds(self) -> float:
        return self.samples / self.sample_rate if self.sample_rate else 0.0

    @property
    def rtf(self) -> float | None:
        return self.seconds / self.audio_seconds if self.audio_seconds else None


def write_wav(path: Path, samples: Any, sample_rate: int) -> None:
    """Float samples in [-1, 1] as 16-bit mono PCM."""
    import numpy as np

    pcm = (np.clip(np.asarray(samples, dtype=np.float32).reshape(-1), -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sample_rate)
        w.writeframes(pcm.tobytes())


def with_onnxruntime(
    acoustic: Any, vocoder: Any, ids: list[int], sample_rate: int, wav: Path
) -> Synthesis:
    """``acoustic`` and ``vocoder`` are onnxruntime sessions; the vocoder maps mel -> audio."""
    import numpy as np

    feeds = {
        "x": np.array([ids], dtype=np.int64),
        "x_length": np.array([len(ids)], dtype=np.int64),
        "noise_scale": np.array([0.667], dtype=np.float32),
        "length_scale": np.array([1.0], dtype=np.float32),
    }
    start = time.perf_counter()
    (mel,) = acoustic.run(["mel"], feeds)
    audio = vocoder.run(None, {vocoder.get_inputs()[0].name: mel})[0]
    seconds = time.perf_counter() - start
    samples = np.asarray(audio).reshape(-1)
    write_wav(wav, samples, sample_rate)
    return Synthesis(seconds, int(samples.size), sample_rate, wav)


def vocoder_problem(vocoder: Any) -> str | None:
    """Why onnxruntime alone cannot run this vocoder (a Vocos model needs sherpa-onnx's ISTFT)."""
    outputs = [o.name for o in vocoder.get_outputs()]
    if len(vocoder.get_inputs()) != 1 or outputs[:1] != ["audio"]:
        return f"vocoder outputs {outputs}: not a HiFiGAN (mel -> audio); use sherpa-onnx for Vocos"
    return None


def with_sherpa(
    model: Path,
    vocoder: Path,
    tokens: Path,
    lexicon: Path,
    dict_dir: Path | None,
    wav: Path,
    text: str,
) -> Synthesis:
    sherpa_onnx = importlib.import_module("sherpa_onnx")

    matcha = sherpa_onnx.OfflineTtsMatchaModelConfig(
        acoustic_model=str(model),
        vocoder=str(vocoder),
        lexicon=str(lexicon),
        tokens=str(tokens),
        dict_dir=str(dict_dir) if dict_dir else "",
    )
    config = sherpa_onnx.OfflineTtsConfig(
        model=sherpa_onnx.OfflineTtsModelConfig(matcha=matcha, num_threads=1, provider="cpu")
    )
    tts = sherpa_onnx.OfflineTts(config)
    start = time.perf_counter()
    audio = tts.generate(text)
    seconds = time.perf_counter() - start
    write_wav(wav, audio.samples, int(audio.sample_rate))
    return Synthesis(seconds, len(audio.samples), int(audio.sample_rate), wav)
