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
    reader: events.Reader | None = None  # for "tensorboard": which decoder read the events

    def add(self, split: str, loss: str, epoch: int, value: float) -> None:
        target = self.train if split == "train" else self.valid
        target.setdefault(loss, {})[epoch] = value
        if self.last_epoch is None or epoch > self.last_epoch:
            self.last_epoch = epoch

    @property
    def has_valid(self) -> bool:
        return any(self.valid.values())


def from_events(logdir: Path, *, stdlib: bool = False) -> Series:
    """Curves from ``EXP_DIR/tensorboard``: train/tot_* and train/valid_* by train/epoch.

    icefall's train.py writes ``train/epoch`` = E at the global batch index *before* epoch E's
    first batch (-1 for epoch 1 of a fresh run: the counter starts at -1), and each loss at the
    index of the batch it follows. So a point belongs to the last epoch marked strictly before
    its step, the way the text log's "Epoch E, validation" line names it. Each file (one per
    run or resume) is mapped with its own markers; a later file overrides an earlier one.
    """
    files = events.event_files(logdir)
    series = Series("tensorboard", [str(f) for f in files], reader=events.reader(stdlib=stdlib))
    read = [_read_file(path, stdlib) for path in files]
    every_marker = sorted(m for markers, _ in read for m in markers)
    for markers, points in read:
        marks = sorted(markers) or every_marker
        for split, loss, step, value in sorted(points, key=lambda p: p[2]):
            epoch = _epoch_at(marks, step)
            if epoch is not None:
                series.add(split, loss, epoch, value)
    return series


Point = tuple[str, str, int, float]  # (split, loss, step, value)


def _read_file(path: Path, stdlib: bool) -> tuple[list[tuple[int, int]], list[Point]]:
    markers: list[tuple[int, int]] = []  # (step, epoch)
    points: list[Point] = []
    for tag, step, value in events.read_scalars(path, stdlib=stdlib):
        if tag == "train/epoch":
            markers.append((step, round(value)))
            continue
        parsed = _tag(tag)
        if parsed:
            points.append((parsed[0], parsed[1], step, value))
    return markers, points


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
    """The epoch marked last strictly before ``step`` (the list is sorted by step)."""
    lo, hi = 0, len(epochs)
    while lo < hi:
        mid = (lo + hi) // 2
        if epochs[mid][0] < step:
            lo = mid + 1
        else:
            hi = mid
    return epochs[lo - 1][1] if lo else None
