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


def _pyplot() -> Any:
    try:
        matplotlib = importlib.import_module("matplotlib")
        matplotlib.use("Agg")
        plt = importlib.import_module("matplotlib.pyplot")
    except ImportError:
        python = sys.executable
        raise DoctorError(
            t("analyze.plot.missing", python=python),
            hint=t("analyze.plot.missing.hint", python=python),
            exit_code=BLOCKED,
        ) from None
    return plt


def plot(result: Analysis, out: Path) -> Path:
    plt = _pyplot()
    losses = list(result.verdicts)
    fig, axes = plt.subplots(len(losses), 1, figsize=(10, 3 * len(losses)), squeeze=False)
    for ax, loss in zip(axes[:, 0], losses):
        _panel(ax, result, loss)
    axes[-1, 0].set_xlabel("epoch")
    fig.suptitle(f"{result.exp_dir}: {_title(result)}")
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def _title(result: Analysis) -> str:
    onset = f"over-fitting from epoch {result.onset_epoch}" if result.onset_epoch else result.status
    best = f", best epoch {result.best_epoch}" if result.best_epoch else ""
    return onset + best


def _panel(ax: Any, result: Analysis, loss: str) -> None:
    for split, colour in (("train", "tab:blue"), ("valid", "tab:orange")):
        curve = getattr(result.series, split).get(loss, {})
        if not curve:
            continue
        xs, ys = smoothed(curve)
        ax.plot(xs, [curve[x] for x in xs], color=colour, alpha=0.25, linewidth=0.8)
        ax.plot(xs, ys, color=colour, label=f"{split} (smoothed)")
    v = result.verdicts[loss]
    if v.onset_epoch is not None:
        ax.axvline(v.onset_epoch, color="red", linestyle="--", label=f"onset {v.onset_epoch}")
    if result.best_epoch is not None:
        ax.axvline(result.best_epoch, color="green", label=f"best epoch {result.best_epoch}")
    ax.set_ylabel(f"{loss} loss")
    ax.legend(loc="upper right")
    ax.grid(alpha=0.3)
