"""`analyze --plot out.png`: train and valid curves per loss, the onset and the best epoch marked.
matplotlib is optional and imported only here."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

from doctor.analyze import Analysis
from doctor.analyze.onset import smoothed
from doctor.errors import DoctorError
from doctor.exitcodes import BLOCKED
from doctor.messages import t
from doctor.msgtype import msg


def _pyplot() -> Any:
    try:
        matplotlib = importlib.import_module("matplotlib")
        matplotlib.use("Agg")
        plt = importlib.import_module("matplotlib.pyplot")
    except ImportError:
        python = sys.executable
        raise DoctorError(
            msg("analyze.plot.missing", python=python),
            hint=msg("analyze.plot.missing.hint", python=python),
            exit_code=BLOCKED,
        ) from None
    return plt


# Fonts that show Chinese labels; without one of them the labels stay English (no tofu boxes).
_CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
)


def _labels_lang(plt: Any, lang: str) -> str:
    """The language the labels can be drawn in: ``lang`` when a font for it is installed."""
    if lang == "en":
        return lang
    installed = {
        f.name for f in importlib.import_module("matplotlib.font_manager").fontManager.ttflist
    }
    font = next((name for name in _CJK_FONTS if name in installed), None)
    if font is None:
        return "en"
    plt.rcParams["font.sans-serif"] = [font, *plt.rcParams["font.sans-serif"]]
    return lang


def plot(result: Analysis, out: Path, lang: str = "en") -> Path:
    plt = _pyplot()
    lang = _labels_lang(plt, lang)
    losses = list(result.verdicts)
    fig, axes = plt.subplots(len(losses), 1, figsize=(10, 3 * len(losses)), squeeze=False)
    for ax, loss in zip(axes[:, 0], losses):
        _panel(ax, result, loss, lang)
    axes[-1, 0].set_xlabel(t("analyze.plot.epoch", lang))
    fig.suptitle(f"{result.exp_dir}: {_title(result, lang)}")
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def _title(result: Analysis, lang: str) -> str:
    onset = (
        t("analyze.plot.onset_title", lang, epoch=result.onset_epoch)
        if result.onset_epoch
        else t(f"analyze.status.{result.status}", lang)
    )
    best = t("analyze.plot.best_title", lang, epoch=result.best_epoch) if result.best_epoch else ""
    return onset + best


def _panel(ax: Any, result: Analysis, loss: str, lang: str) -> None:
    for split, colour in (("train", "tab:blue"), ("valid", "tab:orange")):
        curve = getattr(result.series, split).get(loss, {})
        if not curve:
            continue
        xs, ys = smoothed(curve)
        ax.plot(xs, [curve[x] for x in xs], color=colour, alpha=0.25, linewidth=0.8)
        ax.plot(xs, ys, color=colour, label=t(f"analyze.plot.{split}", lang))
    v = result.verdicts[loss]
    if v.onset_epoch is not None:
        ax.axvline(
            v.onset_epoch,
            color="red",
            linestyle="--",
            label=t("analyze.plot.onset", lang, epoch=v.onset_epoch),
        )
    if result.best_epoch is not None:
        ax.axvline(
            result.best_epoch,
            color="green",
            label=t("analyze.plot.best", lang, epoch=result.best_epoch),
        )
    ax.set_ylabel(t("analyze.plot.loss", lang, loss=loss))
    ax.legend(loc="upper right")
    ax.grid(alpha=0.3)
