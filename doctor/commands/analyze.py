"""`icefall-doctor analyze EXP_DIR`: over-fitting onset, best checkpoint, epochs past it."""

from __future__ import annotations

import argparse
import dataclasses
import math
import time
from collections.abc import Callable
from pathlib import Path

from doctor import context, engine, exitcodes
from doctor.analyze import Analysis, analyze
from doctor.analyze import report as analyze_report
from doctor.commands.common import add_json_option, add_lang_option, add_python_option
from doctor.console import make_console, write_json
from doctor.errors import DoctorError
from doctor.messages import language, t
from doctor.msgtype import msg
from doctor.probes import spawn
from doctor.probes.registry import PROBES


def add_arguments(p: argparse.ArgumentParser) -> None:
    lang = str(getattr(p, "lang", "en"))  # the CLI's parser knows the language of its help
    p.add_argument("exp_dir", metavar="EXP_DIR", help="analyze.opt.exp_dir")
    add_json_option(p)
    p.add_argument("--plot", metavar="OUT.png", help="analyze.opt.plot")
    p.add_argument("--watch", action="store_true", help="analyze.opt.watch")
    p.add_argument(
        "--interval", type=_seconds(lang), default=60.0, metavar="S", help="analyze.opt.interval"
    )
    add_python_option(p)
    add_lang_option(p)


PLOT_FORMATS = (".png", ".svg", ".pdf")


def _seconds(lang: str) -> Callable[[str], float]:
    """--interval: a number of seconds above 0 (no nan, inf or negative)."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not (math.isfinite(value) and value > 0):
            raise argparse.ArgumentTypeError(t("analyze.usage.interval", lang, value=repr(text)))
        return value

    return parse


def _plot_path(plot: str) -> Path:
    out = Path(plot)
    if out.is_dir() or out.suffix.lower() not in PLOT_FORMATS:
        raise DoctorError(
            msg("analyze.usage.plot", path=plot, formats=", ".join(PLOT_FORMATS)),
            hint=msg("analyze.usage.plot.hint"),
        )
    return out


def run(ns: argparse.Namespace) -> int:
    exp_dir = Path(ns.exp_dir)
    lang = language(ns.lang)
    if ns.watch:
        return watch(exp_dir, interval=ns.interval, lang=lang)
    return analyze_once(exp_dir, as_json=ns.json, plot=ns.plot, lang=lang, python=ns.python)


def _checked(exp_dir: Path, lang: str) -> Analysis:
    if not exp_dir.is_dir():
        raise DoctorError(
            t("analyze.no_dir", lang, exp_dir=exp_dir), hint=t("analyze.no_dir.hint", lang)
        )
    result = analyze(exp_dir)
    if result.primary is None:
        raise DoctorError(
            t("analyze.no_data", lang, exp_dir=exp_dir), hint=t("analyze.no_data.hint", lang)
        )
    return result


def export_target(python: str | None) -> analyze_report.Target:
    """The interpreter the export command names and its torch, read without importing torch
    (a broken or missing interpreter leaves the version unknown: the plain command)."""
    run = engine.probe_run(PROBES["modules"], context.build(python, {}))
    # the modules probe with nothing to resolve: its distribution versions only, no recipe scan
    done = spawn.run_one(dataclasses.replace(run, payload={"modules": []})) if run else None
    version = ((done.data if done else {}).get("versions") or {}).get("torch")
    return analyze_report.Target(python or "python3", str(version) if version else None)


def analyze_once(
    exp_dir: Path, *, as_json: bool, plot: str | None, lang: str, python: str | None = None
) -> int:
    out = _plot_path(plot) if plot else None
    result = _checked(exp_dir, lang)
    written = None
    if out is not None:
        from doctor.analyze.plot import plot as draw

        try:
            written = draw(result, out, lang)
        except OSError as exc:
            raise DoctorError(
                msg("analyze.plot.unwritable", path=out, error=exc.strerror or exc),
                hint=msg("analyze.usage.plot.hint"),
            ) from None
    if as_json:
        data = analyze_report.to_json(result)
        data["plot"] = str(written) if written else None
        return write_json("analyze", data, exitcodes.OK)
    console = make_console()
    analyze_report.render(console, result, lang, export_target(python))
    if written:
        console.print(t("analyze.plot.written", lang, path=written), highlight=False)
    return exitcodes.OK


def watch(exp_dir: Path, *, interval: float, lang: str) -> int:
    """Re-analyse every ``interval`` s; warn once at the onset; stop when the log says Done!."""
    console = make_console()
    console.print(
        t("analyze.watch.start", lang, exp_dir=exp_dir, interval=interval), highlight=False
    )
    warned = False
    while True:
        result = analyze(exp_dir) if exp_dir.is_dir() else None
        if result is not None and not warned and result.onset_epoch is not None:
            best = f"epoch-{result.best_epoch}.pt" if result.best_epoch else "-"
            text = t(
                "analyze.watch.onset",
                lang,
                loss=result.primary,
                onset=result.onset_epoch,
                best=best,
            )
            console.print(f"[yellow]{text}[/]", highlight=False)
            warned = True
        if result is not None and result.series.finished:
            console.print(t("analyze.watch.done", lang), highlight=False)
            return exitcodes.OK
        time.sleep(interval)
