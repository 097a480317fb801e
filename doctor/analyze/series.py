"""Loss curves per epoch, from TensorBoard events or from the text logs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from doctor.analyze import events

LOSSES: tuple[str, ...] = ("diff", "dur", "prior", "total")
# icefall logs "tot_loss" for the sum; the others as "<name>_loss".
LOG_NAMES: dict[str, str] = {"diff": "diff", "dur": "dur", "prior": "prior", "tot": "total"}

Curve = dict[int, float]  # epoch -> value


@dataclass
class Series:
    """Train and valid curves per loss, and what the run's files said about its progress."""

    source: str  # "tensorboard", "log" or "none"
    files: list[str] = field(default_factory=list)
    train: dict[str, Curve] = field(default_factory=dict)
    valid: dict[str, Curve] = field(default_factory=dict)
    last_epoch: int | None = None
    finished: bool = False

    def add(self, split: str, loss: str, epoch: int, value: float) -> None:
        target = self.train if split == "train" else self.valid
        target.setdefault(loss, {})[epoch] = value
        if self.last_epoch is None or epoch > self.last_epoch:
            self.last_epoch = epoch

    @property
    def has_valid(self) -> bool:
        return any(self.valid.values())


def from_events(logdir: Path, *, stdlib: bool = False) -> Series:
    """Curves from ``EXP_DIR/tensorboard``: train/tot_* and train/valid_* by train/epoch."""
    files = events.event_files(logdir)
    series = Series("tensorboard", [str(f) for f in files])
    epochs: list[tuple[int, int]] = []  # (step, epoch)
    points: list[tuple[str, str, int, float]] = []
    for path in files:
        for tag, step, value in events.read_scalars(path, stdlib=stdlib):
            if tag == "train/epoch":
                epochs.append((step, round(value)))
                continue
            parsed = _tag(tag)
            if parsed:
                points.append((parsed[0], parsed[1], step, value))
    if not epochs:
        return series
    epochs.sort()
    for split, loss, step, value in sorted(points, key=lambda p: p[2]):
        epoch = _epoch_at(epochs, step)
        if epoch is not None:
            series.add(split, loss, epoch, value)
    return series


def _tag(tag: str) -> tuple[str, str] | None:
    """'train/valid_diff_loss' -> ('valid', 'diff'); 'train/tot_tot_loss' -> ('train', 'total')."""
    if not tag.startswith("train/") or not tag.endswith("_loss"):
        return None
    name = tag[len("train/") : -len("_loss")]
    for prefix, split in (("valid_", "valid"), ("tot_", "train")):
        if name.startswith(prefix) and name[len(prefix) :] in LOG_NAMES:
            return split, LOG_NAMES[name[len(prefix) :]]
    return None


def _epoch_at(epochs: list[tuple[int, int]], step: int) -> int | None:
    """The epoch logged last at or before ``step`` (the list is sorted by step)."""
    lo, hi = 0, len(epochs)
    while lo < hi:
        mid = (lo + hi) // 2
        if epochs[mid][0] <= step:
            lo = mid + 1
        else:
            hi = mid
    return epochs[lo - 1][1] if lo else None
