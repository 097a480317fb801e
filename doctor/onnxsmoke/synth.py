"""Synthesis of the test sentence: onnxruntime directly (acoustic model, then vocoder), or
sherpa-onnx's OfflineTts with its Matcha config, the way a user deploys. Both import lazily."""

from __future__ import annotations

import importlib
import time
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from doctor.msgtype import Msg, msg


@dataclass(frozen=True)
class Synthesis:
    seconds: float  # wall time of the synthesis (the acoustic model alone without a vocoder)
    samples: int  # 0: no vocoder, no audio
    sample_rate: int
    wav: Path | None
    mel_frames: int | None = None  # None: sherpa-onnx does not expose its mel
    tokens: int | None = None  # ids fed to the acoustic model, blanks included

    @property
    def audio_seconds(self) -> float | None:
        return self.samples / self.sample_rate if self.samples and self.sample_rate else None

    @property
    def rtf(self) -> float | None:
        audio = self.audio_seconds
        return self.seconds / audio if audio else None


def write_wav(path: Path, samples: Any, sample_rate: int) -> None:
    """Float samples in [-1, 1] as 16-bit mono PCM."""
    import numpy as np

    pcm = (np.clip(np.asarray(samples, dtype=np.float32).reshape(-1), -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sample_rate)
        w.writeframes(pcm.tobytes())


NOISE_SCALE = 1.0  # what icefall's onnx_pretrained.py feeds (durations do not depend on it)
LENGTH_SCALE = 1.0


def _feeds(ids: list[int]) -> dict[str, Any]:
    import numpy as np

    return {
        "x": np.array([ids], dtype=np.int64),
        "x_length": np.array([len(ids)], dtype=np.int64),
        "noise_scale": np.array([NOISE_SCALE], dtype=np.float32),
        "length_scale": np.array([LENGTH_SCALE], dtype=np.float32),
    }


def acoustic_only(acoustic: Any, ids: list[int], sample_rate: int) -> Synthesis:
    """Run the acoustic model alone: its time and the mel frames it made (no vocoder)."""
    feeds = _feeds(ids)
    start = time.perf_counter()
    (mel,) = acoustic.run(["mel"], feeds)
    seconds = time.perf_counter() - start
    return Synthesis(seconds, 0, sample_rate, None, int(mel.shape[-1]), len(ids))


def with_onnxruntime(
    acoustic: Any, vocoder: Any, ids: list[int], sample_rate: int, wav: Path
) -> Synthesis:
    """``acoustic`` and ``vocoder`` are onnxruntime sessions; the vocoder maps mel -> audio."""
    import numpy as np

    feeds = _feeds(ids)
    start = time.perf_counter()
    (mel,) = acoustic.run(["mel"], feeds)
    audio = vocoder.run(None, {vocoder.get_inputs()[0].name: mel})[0]
    seconds = time.perf_counter() - start
    samples = np.asarray(audio).reshape(-1)
    write_wav(wav, samples, sample_rate)
    return Synthesis(seconds, int(samples.size), sample_rate, wav, int(mel.shape[-1]), len(ids))


def vocoder_problem(vocoder: Any) -> Msg | None:
    """Why onnxruntime alone cannot run this vocoder (a Vocos model needs sherpa-onnx's ISTFT)."""
    outputs = [o.name for o in vocoder.get_outputs()]
    if len(vocoder.get_inputs()) != 1 or outputs[:1] != ["audio"]:
        return msg("onnx.not_hifigan", outputs=outputs)
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
