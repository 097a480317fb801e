"""What `analyze` prints: a table per loss, the verdict, the best checkpoint; or JSON."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from doctor.analyze import Analysis
from doctor.analyze.onset import MIN_POINTS, LossVerdict
from doctor.knowledge.versions import onnx_export_needs_legacy
from doctor.messages import t
from doctor.render.redact import redact
from doctor.runner.steps import LEGACY_ONNX_WRAPPER


def to_json(result: Analysis) -> dict[str, Any]:
    data = {**result.to_json(), "verdict_text": verdict(result, "en")}
    return dict(redact(data))


def verdict(result: Analysis, lang: str) -> str:
    if result.primary is None:
        return t("analyze.no_data", lang, exp_dir=result.exp_dir)
    v = result.verdicts[result.primary]
    return t(
        f"analyze.verdict.{v.status}",
        lang,
        loss=v.loss,
        onset=v.onset_epoch,
        points=v.valid_points,
        needed=MIN_POINTS,
    )


def reader_line(result: Analysis, lang: str) -> str | None:
    """Which decoder read the TensorBoard events, in which interpreter, and what it lacks."""
    r = result.series.reader
    if result.series.source != "tensorboard" or r is None:
        return None
    if r.kind == "tensorboard":
        return t("analyze.reader.tensorboard", lang, version=r.version, python=r.python)
    if r.why.startswith("broken"):
        why = r.why.partition(": ")[2]
        return t("analyze.reader.builtin.broken", lang, python=r.python, why=why)
    return t(f"analyze.reader.builtin.{r.why}", lang, python=r.python)


def _status(v: LossVerdict, lang: str) -> str:
    return t(f"analyze.status.{v.status}", lang, onset=v.onset_epoch)


def _table(result: Analysis, lang: str) -> Table:
    table = Table(show_edge=False, pad_edge=False)
    for key in ("loss", "min", "onset", "points", "status"):
        table.add_column(t(f"analyze.table.{key}", lang))
    for v in result.verdicts.values():
        low = "-" if v.valid_min_value is None else f"{v.valid_min_value:.4g} ({v.valid_min_epoch})"
        onset = "-" if v.onset_epoch is None else str(v.onset_epoch)
        table.add_row(v.loss, low, onset, str(v.valid_points), escape(_status(v, lang)))
    return table


def render(console: Console, result: Analysis, lang: str, target: Target | None = None) -> None:
    s = result.series
    console.print(
        escape(
            t(
                "analyze.source",
                lang,
                source=t(f"analyze.source.{s.source}", lang),
                files=len(s.files),
                last_epoch=s.last_epoch,
            )
        )
    )
    line = reader_line(result, lang)
    if line:
        console.print(f"[dim]{escape(line)}[/]")
    if s.finished:
        console.print(escape(t("analyze.source.finished", lang)))
    console.print(_table(result, lang))
    style = "yellow" if result.status == "overfitting" else "bold"
    console.print(f"[{style}]{escape(verdict(result, lang))}[/]")
    _best(console, result, lang, target or Target())


def _best(console: Console, result: Analysis, lang: str, target: Target) -> None:
    if result.best_epoch is None:
        console.print(escape(t("analyze.best.none", lang, exp_dir=result.exp_dir)))
        return
    console.print(
        "[green]"
        + escape(
            t(
                "analyze.best" if result.smoothed else "analyze.best.raw",
                lang,
                best=result.best_epoch,
                loss=result.primary,
                n=len(result.checkpoints),
            )
        )
        + "[/]"
    )
    if result.epochs_past_best:
        console.print(
            escape(
                t("analyze.past", lang, past=result.epochs_past_best, last_epoch=result.last_epoch)
            )
        )
    legacy = onnx_export_needs_legacy(target.torch_version)
    key = "analyze.export.legacy" if legacy else "analyze.export"
    console.print(escape("  " + t(key, lang, version=target.torch_version)))
    console.print(f"    [cyan]{escape(export_command(result, target))}[/]", soft_wrap=True)


@dataclass(frozen=True)
class Target:
    """The interpreter the export runs in, and its torch (None: not installed or not read)."""

    python: str = "python3"
    torch_version: str | None = None


def export_command(result: Analysis, target: Target = Target()) -> str:
    """The export of the best checkpoint, one line to paste (never wrapped). On torch 2.9 or
    newer it runs through the wrapper that selects the legacy ONNX exporter, as `run` does."""
    script = ["./matcha/export_onnx.py"]
    if onnx_export_needs_legacy(target.torch_version):
        script = [str(LEGACY_ONNX_WRAPPER), *script]
    argv = [target.python, *script, "--exp-dir", str(result.exp_dir)]
    argv += ["--epoch", str(result.best_epoch), "--tokens", "./data/tokens.txt"]
    return shlex.join([*argv, "--cmvn", "./data/fbank/cmvn.json"])
