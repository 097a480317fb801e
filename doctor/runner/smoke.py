"""The runner's optional last step: `smoke-onnx` on the exported models, in this process.

Asked for with ``--smoke-onnx [--vocoder F]`` (or ``smoke`` in ``--steps``, to test an earlier
export); without a vocoder the acoustic models run alone. tokens.txt and lexicon.txt are looked
for next to the models, then in the recipe directory and its data/ (where prepare.sh writes
tokens.txt).
"""

from __future__ import annotations

import importlib
import shlex
import time
from dataclasses import dataclass
from pathlib import Path

from doctor.errors import DoctorError
from doctor.exitcodes import USAGE
from doctor.messages import t
from doctor.onnxsmoke import Inputs, SmokeReport, smoke


@dataclass
class SmokeResult:
    directory: Path
    seconds: float = 0.0
    report: SmokeReport | None = None
    error: DoctorError | None = None  # why it could not run (a message and a hint)

    @property
    def ok(self) -> bool:
        return self.report is not None and not self.report.failed

    @property
    def status(self) -> str:
        if self.report is None:
            return "not run"
        return f"{self.report.failed} failed" if self.report.failed else "ok"


def check_usage(steps: tuple[str, ...], vocoder: str | None, lang: str) -> None:
    """A vocoder given for the smoke step must exist: a usage error (exit 2) before anything
    runs. Without one the smoke step runs the acoustic models alone."""
    if "smoke" not in steps or not vocoder:
        return
    if not Path(vocoder).is_file():
        raise DoctorError(t("smoke.vocoder_missing", lang, path=vocoder), exit_code=USAGE)


def onnxruntime_missing() -> bool:
    """Whether onnxruntime fails to import here (absent, or a broken install)."""
    try:
        importlib.import_module("onnxruntime")
    except ImportError:
        return True
    return False


def _first(*candidates: Path) -> Path | None:
    return next((c for c in candidates if c.is_file()), None)


def inputs(directory: Path, recipe_dir: Path, vocoder: str) -> Inputs:
    return Inputs(
        vocoder=Path(vocoder).resolve() if vocoder else None,
        tokens=_first(directory / "tokens.txt", recipe_dir / "data" / "tokens.txt"),
        lexicon=_first(
            directory / "lexicon.txt", recipe_dir / "lexicon.txt", recipe_dir / "data/lexicon.txt"
        ),
        dict_dir=None,
        engine="auto",
        out=directory / "smoke-wavs",
    )


def command(directory: Path, given: Inputs) -> str:
    """The equivalent `icefall-doctor smoke-onnx` command line (shown by --dry-run)."""
    argv = ["icefall-doctor", "smoke-onnx", str(directory)]
    if given.vocoder:
        argv += ["--vocoder", str(given.vocoder)]
    if given.tokens:
        argv += ["--tokens", str(given.tokens)]
    if given.lexicon:
        argv += ["--lexicon", str(given.lexicon)]
    return shlex.join(argv)


def run(directory: Path, given: Inputs) -> SmokeResult:
    """smoke-onnx's checks and synthesis; its usage problems (no onnxruntime, no models) are
    the step's result, not a crash."""
    start = time.monotonic()
    result = SmokeResult(directory)
    try:
        result.report = smoke(directory, given)
    except DoctorError as exc:
        result.error = exc
    result.seconds = time.monotonic() - start
    return result
