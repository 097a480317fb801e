"""After training: where over-fitting starts, the best checkpoint to export, epochs wasted.

Public API (used by the recipe runner's ``--epoch best``)::

    from doctor.analyze import analyze
    result = analyze(Path("matcha/exp-1"))
    result.best_epoch  # int | None
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from doctor.analyze import onset
from doctor.analyze.onset import MIN_POINTS
from doctor.analyze.series import LOSSES, Series, from_events
from doctor.analyze.textlog import read_logs

_CHECKPOINT = re.compile(r"^epoch-(\d+)\.pt$")
PRIMARY_ORDER: tuple[str, ...] = ("total", "diff", "dur", "prior")


@dataclass
class Analysis:
    exp_dir: Path
    series: Series
    verdicts: dict[str, onset.LossVerdict] = field(default_factory=dict)
    checkpoints: list[int] = field(default_factory=list)
    primary: str | None = None  # the loss the verdict and best epoch are judged on
    best_epoch: int | None = None

    @property
    def status(self) -> str:
        """'no_data', or the primary loss's status ('overfitting', 'none', 'too_short', ...)."""
        if self.primary is None:
            return "no_data"
        return self.verdicts[self.primary].status

    @property
    def onset_epoch(self) -> int | None:
        return self.verdicts[self.primary].onset_epoch if self.primary else None

    @property
    def smoothed(self) -> bool:
        """Whether the best epoch was picked on the smoothed curve (else on the raw values)."""
        return self.primary is not None and len(self.series.valid[self.primary]) >= MIN_POINTS

    @property
    def last_epoch(self) -> int | None:
        return self.series.last_epoch

    @property
    def epochs_past_best(self) -> int | None:
        if self.best_epoch is None or self.last_epoch is None:
            return None
        return max(0, self.last_epoch - self.best_epoch)

    def to_json(self) -> dict[str, Any]:
        return {
            "exp_dir": str(self.exp_dir),
            "source": self.series.source,
            "reader": vars(self.series.reader) if self.series.reader else None,
            "files": list(self.series.files),
            "status": self.status,
            "primary_loss": self.primary,
            "onset_epoch": self.onset_epoch,
            "best_epoch": self.best_epoch,
            "best_on": "smoothed" if self.smoothed else "raw",
            "last_epoch": self.last_epoch,
            "epochs_past_best": self.epochs_past_best,
            "finished": self.series.finished,
            "checkpoints": list(self.checkpoints),
            "losses": {k: vars(v) for k, v in self.verdicts.items()},
        }


def load_series(exp_dir: Path) -> Series:
    """TensorBoard events when they hold validation losses, else the text logs."""
    tb = from_events(exp_dir / "tensorboard")
    if tb.has_valid:
        return tb
    logs = read_logs(exp_dir)
    if logs.files or not tb.files:
        return logs
    return tb


def checkpoints(exp_dir: Path) -> list[int]:
    """Epochs N with an ``epoch-N.pt`` on disk, ascending."""
    if not exp_dir.is_dir():
        return []
    found = (_CHECKPOINT.match(p.name) for p in exp_dir.iterdir())
    return sorted(int(m.group(1)) for m in found if m)


def analyze(exp_dir: Path, series: Series | None = None) -> Analysis:
    series = series if series is not None else load_series(exp_dir)
    result = Analysis(exp_dir, series, checkpoints=checkpoints(exp_dir))
    for loss in LOSSES:
        train, valid = series.train.get(loss, {}), series.valid.get(loss, {})
        if train or valid:
            result.verdicts[loss] = onset.judge(loss, train, valid)
    result.primary = next((k for k in PRIMARY_ORDER if series.valid.get(k)), None)
    if result.primary is not None:
        result.best_epoch = best_checkpoint(series.valid[result.primary], result.checkpoints)
    return result


def best_checkpoint(valid: dict[int, float], epochs: list[int]) -> int | None:
    """The saved epoch with the lowest validation loss (smoothed once there are enough points;
    interpolated between validations; the earliest on a tie)."""
    if not epochs or not valid:
        return None
    xs, sv = onset.for_choice(valid)
    return min(epochs, key=lambda e: (round(onset.interpolate(xs, sv, e), 9), e))
