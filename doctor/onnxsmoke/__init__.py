"""`smoke-onnx`: load each exported model-steps-N.onnx, check metadata and names, synthesise a
fixed Chinese sentence with the user's vocoder, and time it (RTF = synthesis s / audio s)."""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from doctor.errors import DoctorError
from doctor.exitcodes import BLOCKED
from doctor.messages import t
from doctor.onnxsmoke import synth
from doctor.onnxsmoke.models import ModelCheck, check_session, find_models
from doctor.onnxsmoke.text import SENTENCE, read_lexicon, read_tokens, token_ids


@dataclass
class Row:
    check: ModelCheck
    synthesis: synth.Synthesis | None = None
    error: str | None = None


@dataclass
class SmokeReport:
    directory: Path
    engine: str  # "sherpa-onnx", "onnxruntime" or "none" (no tokens/lexicon)
    out: Path
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(1 for r in self.rows if r.check.problems or r.error)


@dataclass(frozen=True)
class Inputs:
    vocoder: Path
    tokens: Path | None
    lexicon: Path | None
    dict_dir: Path | None
    engine: str  # "auto", "onnxruntime", "sherpa-onnx"
    out: Path


def _ort() -> Any:
    try:
        onnxruntime = importlib.import_module("onnxruntime")
    except ImportError:
        py = sys.executable
        raise DoctorError(
            t("smoke.no_ort", python=py), hint=t("smoke.no_ort.hint", python=py), exit_code=BLOCKED
        ) from None
    return onnxruntime


def _importable(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


def _engine(requested: str, have_text: bool, notes: list[str]) -> str:
    has_sherpa = _importable("sherpa_onnx")
    if requested == "sherpa-onnx" and not has_sherpa:
        py = sys.executable
        raise DoctorError(
            t("smoke.no_sherpa", python=py),
            hint=t("smoke.no_sherpa.hint", python=py),
            exit_code=BLOCKED,
        )
    if not have_text:
        notes.append(t("smoke.no_tokens"))
        return "none"
    if requested == "auto" and not has_sherpa:
        notes.append(t("smoke.sherpa_absent", python=sys.executable))
    return "sherpa-onnx" if requested != "onnxruntime" and has_sherpa else "onnxruntime"


def smoke(directory: Path, inputs: Inputs) -> SmokeReport:
    ort = _ort()
    models = find_models(directory)
    if not models:
        raise DoctorError(
            t("smoke.no_models", dir=directory), hint=t("smoke.no_models.hint"), exit_code=BLOCKED
        )
    have_text = bool(inputs.tokens and inputs.lexicon)
    notes: list[str] = []
    report = SmokeReport(
        directory, _engine(inputs.engine, have_text, notes), inputs.out, notes=notes
    )
    inputs.out.mkdir(parents=True, exist_ok=True)
    opts = ort.SessionOptions()
    opts.log_severity_level = 3
    vocoder = ort.InferenceSession(str(inputs.vocoder), opts, providers=["CPUExecutionProvider"])
    ids: list[int] = []
    if have_text and inputs.tokens and inputs.lexicon:
        ids = token_ids(SENTENCE, read_tokens(inputs.tokens), read_lexicon(inputs.lexicon))
    for steps, path in models:
        session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        row = Row(check_session(path, steps, session))
        report.rows.append(row)
        if report.engine != "none" and not row.check.problems:
            _synthesise(row, session, vocoder, ids, inputs, report.engine)
    return report


def _synthesise(
    row: Row, session: Any, vocoder: Any, ids: list[int], inputs: Inputs, engine: str
) -> None:
    wav = inputs.out / f"smoke-steps-{row.check.steps}.wav"
    try:
        if engine == "sherpa-onnx" and inputs.tokens and inputs.lexicon:
            row.synthesis = synth.with_sherpa(
                row.check.path, inputs.vocoder, inputs.tokens, inputs.lexicon,
                inputs.dict_dir, wav, SENTENCE,
            )  # fmt: skip
            return
        problem = synth.vocoder_problem(vocoder)
        if problem:
            row.error = problem
            return
        if not ids:
            row.error = "no token of the sentence is in tokens.txt/lexicon.txt"
            return
        row.synthesis = synth.with_onnxruntime(session, vocoder, ids, row.check.sample_rate, wav)
    except Exception as exc:  # an onnxruntime/sherpa-onnx error is this model's verdict
        row.error = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
