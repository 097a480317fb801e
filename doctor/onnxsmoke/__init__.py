"""`smoke-onnx`: load each exported model-steps-N.onnx, check metadata and names, synthesise a
fixed Chinese sentence with the user's vocoder, and time it (RTF = synthesis s / audio s).

Without a vocoder the acoustic model runs alone: mel frames and its time, no audio and no RTF.
It all runs in this interpreter (``sys.executable``), which the report names with what it has.
"""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from doctor.errors import DoctorError
from doctor.exitcodes import BLOCKED, USAGE
from doctor.msgtype import Msg, msg
from doctor.onnxsmoke import synth
from doctor.onnxsmoke.models import ModelCheck, check_session, find_models
from doctor.onnxsmoke.text import (
    SENTENCE,
    blank_id,
    intersperse,
    read_lexicon,
    read_tokens,
    token_ids,
)

# engines: "sherpa-onnx", "onnxruntime" (acoustic model + vocoder), "acoustic" (onnxruntime, the
# acoustic model alone: no vocoder given), "none" (no tokens/lexicon: metadata checks only)


@dataclass
class Row:
    check: ModelCheck
    synthesis: synth.Synthesis | None = None
    error: Msg | None = None


@dataclass
class SmokeReport:
    directory: Path
    engine: str
    out: Path
    rows: list[Row] = field(default_factory=list)
    notes: list[Msg] = field(default_factory=list)
    python: str = sys.executable
    versions: dict[str, str | None] = field(default_factory=dict)  # module -> version or None

    @property
    def failed(self) -> int:
        return sum(1 for r in self.rows if r.check.problems or r.error)


@dataclass(frozen=True)
class Inputs:
    vocoder: Path | None
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
            msg("smoke.no_ort", python=py),
            hint=msg("smoke.no_ort.hint", python=py),
            exit_code=BLOCKED,
        ) from None
    return onnxruntime


def _version(name: str) -> str | None:
    """The module's version, or None when it does not import here."""
    try:
        module = importlib.import_module(name)
    except ImportError:
        return None
    return str(getattr(module, "__version__", "?"))


def _engine(inputs: Inputs, have_text: bool, notes: list[Msg], has_sherpa: bool) -> str:
    requested = inputs.engine
    py = sys.executable
    if requested == "sherpa-onnx" and not has_sherpa:
        raise DoctorError(
            msg("smoke.no_sherpa", python=py),
            hint=msg("smoke.no_sherpa.hint", python=py),
            exit_code=BLOCKED,
        )
    if requested == "sherpa-onnx" and inputs.vocoder is None:
        raise DoctorError(msg("smoke.sherpa_needs_vocoder"), exit_code=USAGE)
    if not have_text:
        notes.append(msg("smoke.no_tokens"))
        return "none"
    if inputs.vocoder is None:
        notes.append(msg("smoke.acoustic_only"))
        return "acoustic"
    if requested == "auto" and not has_sherpa:
        notes.append(msg("smoke.sherpa_absent", python=py))
    return "sherpa-onnx" if requested != "onnxruntime" and has_sherpa else "onnxruntime"


def smoke(directory: Path, inputs: Inputs) -> SmokeReport:
    ort = _ort()
    models = find_models(directory)
    if not models:
        raise DoctorError(
            msg("smoke.no_models", dir=directory),
            hint=msg("smoke.no_models.hint"),
            exit_code=BLOCKED,
        )
    versions = {"onnxruntime": _version("onnxruntime"), "sherpa_onnx": _version("sherpa_onnx")}
    have_text = bool(inputs.tokens and inputs.lexicon)
    notes: list[Msg] = []
    engine = _engine(inputs, have_text, notes, versions["sherpa_onnx"] is not None)
    report = SmokeReport(directory, engine, inputs.out, notes=notes, versions=versions)
    try:
        inputs.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file of that name, no permission, a read-only disk
        raise DoctorError(
            msg("smoke.out_unwritable", path=inputs.out, error=exc.strerror or exc),
            hint=msg("smoke.out_unwritable.hint"),
        ) from None
    opts = ort.SessionOptions()
    opts.log_severity_level = 3

    def session(path: Path) -> Any:
        return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])

    vocoder = _vocoder(session, inputs.vocoder) if engine not in ("acoustic", "none") else None
    tokens, ids = _sentence(inputs)
    for steps, path in models:
        try:
            acoustic = session(path)
        except Exception as exc:  # a corrupt or truncated file is this model's verdict only
            report.rows.append(Row(ModelCheck(path, steps, _size(path)), error=_error(exc)))
            continue
        row = Row(check_session(path, steps, acoustic, tokens))
        report.rows.append(row)
        if engine != "none" and not row.check.problems:
            blank = blank_id(row.check.metadata, tokens)
            _synthesise(row, acoustic, vocoder, intersperse(ids, blank), inputs, engine)
    return report


def _vocoder(session: Any, path: Path | None) -> Any:
    """The vocoder's session; one that cannot load stops the run (every row needs it)."""
    if path is None:
        return None
    try:
        vocoder = session(path)
    except Exception as exc:
        raise DoctorError(
            msg("report.smoke.bad_vocoder", path=path, error=_error(exc)), exit_code=BLOCKED
        ) from None
    inputs = [i.name for i in vocoder.get_inputs()]
    outputs = [o.name for o in vocoder.get_outputs()]
    if len(inputs) != 1 or "mel" in outputs:  # an acoustic model given as the vocoder
        params = {"path": path, "inputs": ", ".join(inputs), "outputs": ", ".join(outputs)}
        raise DoctorError(
            msg("smoke.not_a_vocoder", **params), hint=msg("smoke.not_a_vocoder.hint")
        )
    return vocoder


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _error(exc: BaseException) -> Msg:
    """An onnxruntime error as one line: its type and first line, at most 300 characters."""
    return msg("onnx.failed", error=f"{type(exc).__name__}: {exc}".splitlines()[0][:300])


def _sentence(inputs: Inputs) -> tuple[dict[str, int], list[int]]:
    """tokens.txt, and the test sentence's ids before the blanks go in."""
    if not (inputs.tokens and inputs.lexicon):
        return {}, []
    try:
        tokens = read_tokens(inputs.tokens)
        lexicon = read_lexicon(inputs.lexicon)
    except (OSError, UnicodeDecodeError) as exc:
        raise DoctorError(msg("smoke.unreadable", error=f"{type(exc).__name__}: {exc}")) from None
    return tokens, token_ids(SENTENCE, tokens, lexicon)


def _synthesise(
    row: Row, session: Any, vocoder: Any, ids: list[int], inputs: Inputs, engine: str
) -> None:
    wav = inputs.out / f"smoke-steps-{row.check.steps}.wav"
    if inputs.tokens and inputs.lexicon and len(ids) < 3:  # only blanks: no word is known
        row.error = msg("onnx.no_tokens")  # (sherpa-onnx said "sampling rate not specified")
        return
    try:
        if engine == "sherpa-onnx" and inputs.tokens and inputs.lexicon and inputs.vocoder:
            row.synthesis = synth.with_sherpa(
                row.check.path, inputs.vocoder, inputs.tokens, inputs.lexicon,
                inputs.dict_dir, wav, SENTENCE,
            )  # fmt: skip
            return
        if engine == "acoustic":
            row.synthesis = synth.acoustic_only(session, ids, row.check.sample_rate)
            return
        problem = synth.vocoder_problem(vocoder)
        if problem:
            row.error = problem
            return
        row.synthesis = synth.with_onnxruntime(session, vocoder, ids, row.check.sample_rate, wav)
    except Exception as exc:  # an onnxruntime/sherpa-onnx error is this model's verdict
        row.error = _error(exc)
