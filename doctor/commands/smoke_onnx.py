"""`icefall-doctor smoke-onnx DIR [--vocoder F]`: load, check and time the exported Matcha
models (without a vocoder: the acoustic model alone, mel frames and time)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rich.markup import escape
from rich.table import Table

from doctor import exitcodes
from doctor.commands.common import add_json_option, add_lang_option
from doctor.console import make_console, write_json
from doctor.errors import DoctorError
from doctor.messages import language, t, text
from doctor.msgtype import Msg, joined, msg
from doctor.onnxsmoke import Inputs, Row, SmokeReport, smoke
from doctor.onnxsmoke.text import SENTENCE
from doctor.render.redact import redact


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", metavar="DIR", help="smoke.opt.dir")
    p.add_argument(
        "--vocoder",
        metavar="F",
        help="smoke.opt.vocoder",
    )
    p.add_argument("--tokens", metavar="F", help="smoke.opt.tokens")
    p.add_argument("--lexicon", metavar="F", help="smoke.opt.lexicon")
    p.add_argument("--dict-dir", metavar="D", help="smoke.opt.dict_dir")
    p.add_argument(
        "--engine", choices=["auto", "onnxruntime", "sherpa-onnx"], default="auto",
        help="smoke.opt.engine",
    )  # fmt: skip
    p.add_argument("--out", metavar="D", help="smoke.opt.out")
    add_json_option(p)
    add_lang_option(p)


def _default(given: str | None, directory: Path, name: str) -> Path | None:
    if given:
        return Path(given)
    return directory / name if (directory / name).is_file() else None


def run(ns: argparse.Namespace) -> int:
    directory = Path(ns.dir)
    lang = language(ns.lang)
    if not directory.is_dir():
        raise DoctorError(msg("smoke.no_dir", dir=directory))
    if ns.vocoder and not Path(ns.vocoder).is_file():
        raise DoctorError(msg("smoke.vocoder_missing", path=ns.vocoder))
    for option, given in (("--tokens", ns.tokens), ("--lexicon", ns.lexicon)):
        if given and not Path(given).is_file():
            raise DoctorError(msg("smoke.file_missing", option=option, path=given))
    if ns.dict_dir and not Path(ns.dict_dir).is_dir():
        raise DoctorError(msg("smoke.no_dir", dir=ns.dict_dir))
    inputs = Inputs(
        vocoder=Path(ns.vocoder) if ns.vocoder else None,
        tokens=_default(ns.tokens, directory, "tokens.txt"),
        lexicon=_default(ns.lexicon, directory, "lexicon.txt"),
        dict_dir=Path(ns.dict_dir) if ns.dict_dir else None,
        engine=ns.engine,
        out=Path(ns.out) if ns.out else directory / "smoke-wavs",
    )
    report = smoke(directory, inputs)
    code = exitcodes.BLOCKED if report.failed else exitcodes.OK
    if ns.json:
        return write_json("smoke-onnx", to_json(report), code)
    render(report, lang)
    return code


def to_json(report: SmokeReport) -> dict[str, Any]:
    rows = []
    for r in report.rows:
        s = r.synthesis
        rows.append({
            "steps": r.check.steps, "path": str(r.check.path), "size": r.check.size,
            "metadata": r.check.metadata, "problems": [text(p) for p in r.check.problems],
            "error": text(r.error) if r.error else None,
            "wav": str(s.wav) if s and s.wav else None,
            "synthesis_seconds": s.seconds if s else None,
            "audio_seconds": s.audio_seconds if s else None, "rtf": s.rtf if s else None,
            "mel_frames": s.mel_frames if s else None, "x_length": s.tokens if s else None,
        })  # fmt: skip
    data = {
        "dir": str(report.directory), "engine": report.engine,
        "python": report.python, "versions": report.versions,
        "sentence": SENTENCE, "out": str(report.out), "notes": [text(n) for n in report.notes],
        "failed": report.failed, "models": rows,
    }  # fmt: skip
    return dict(redact(data))


def interpreter_line(report: SmokeReport, lang: str) -> str:
    """Which interpreter ran the models, and what it has or lacks."""
    missing = t("smoke.python.missing", lang)
    return t(
        "smoke.python",
        lang,
        python=report.python,
        ort=report.versions.get("onnxruntime") or missing,
        sherpa=report.versions.get("sherpa_onnx") or missing,
    )


CELL_TEXT = 40  # characters of a problem shown in the table; a longer one goes below it


def _columns(report: SmokeReport) -> tuple[str, ...]:
    if report.engine == "acoustic":
        return ("steps", "size", "check", "acoustic_time", "mel")
    return ("steps", "size", "check", "time", "audio", "rtf", "mel")


def _cells(r: Row, lang: str) -> dict[str, str]:
    s = r.synthesis
    found = joined([*r.check.problems, *([r.error] if r.error else [])], "onnx.join")
    problems = text(found, lang) if isinstance(found, Msg) else found
    return {
        "steps": str(r.check.steps),
        "size": f"{r.check.size / 1e6:.1f} MB",
        "check": problems,
        "time": f"{s.seconds:.3f}" if s else "-",
        "acoustic_time": f"{s.seconds:.3f}" if s else "-",
        "audio": f"{s.audio_seconds:.2f}" if s and s.audio_seconds is not None else "-",
        "rtf": f"{s.rtf:.3f}" if s and s.rtf is not None else "-",
        "mel": str(s.mel_frames) if s and s.mel_frames is not None else "-",
    }


def render(report: SmokeReport, lang: str) -> None:
    console = make_console()
    console.print(f"[dim]{escape(interpreter_line(report, lang))}[/]")
    console.print(escape(t("smoke.sentence", lang, text=SENTENCE)))
    table = Table(show_edge=False, pad_edge=False)
    columns = _columns(report)
    for key in columns:
        table.add_column(t(f"smoke.col.{key}", lang))
    below: list[str] = []  # problems too long for a cell: numbered, printed under the table
    for r in report.rows:
        cells = _cells(r, lang)
        found = cells["check"] or t("smoke.ok", lang)
        if len(found) > CELL_TEXT:
            below.append(
                t("smoke.below.line", lang, n=len(below) + 1, steps=r.check.steps, text=found)
            )
            found = t("smoke.below", lang, n=len(below))
        cells["check"] = escape(found)
        table.add_row(*(cells[k] for k in columns))
    console.print(table)
    for line in below:
        console.print(escape(line), soft_wrap=True)
    for note in report.notes:
        console.print(f"[yellow]{escape(text(note, lang))}[/]")
    if report.engine == "acoustic":
        console.print(escape(t("smoke.engine.acoustic", lang)))
    elif report.engine != "none":
        console.print(escape(t("smoke.engine", lang, engine=report.engine, out=report.out)))
        console.print(f"[dim]{escape(t('smoke.rtf_hint', lang))}[/]")
    if report.failed:
        console.print(f"[red]{escape(t('smoke.problems', lang, n=report.failed))}[/]")
