"""Train and validation losses per epoch from ``EXP_DIR/log/log-train-*``, streamed line by line.

A 1.5-million-line log is read in one pass with memory bounded by the number of epochs: for
training lines only the last one of each epoch is kept (as text) and parsed when the epoch ends.
"""

from __future__ import annotations

import re
from pathlib import Path

from doctor.analyze.series import LOG_NAMES, Series

_PAIR = re.compile(r"(\w+?)_loss=([-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|nan|inf))")
_VALID = ", validation: "
_TRAIN = "tot_loss["
_EPOCH = "Epoch "


def log_files(exp_dir: Path) -> list[Path]:
    """The run's training logs, oldest first (their names end in a timestamp)."""
    logdir = exp_dir / "log"
    if not logdir.is_dir():
        return []
    return sorted(p for p in logdir.glob("log-train-*") if p.is_file())


def losses(segment: str) -> dict[str, float]:
    """'dur_loss=0.04, prior_loss=0.98, ...' -> {'dur': 0.04, 'prior': 0.98, ...}."""
    out: dict[str, float] = {}
    for name, value in _PAIR.findall(segment):
        if name in LOG_NAMES:
            out[LOG_NAMES[name]] = float(value)
    return out


def _epoch(line: str) -> int | None:
    i = line.find(_EPOCH)
    if i < 0:
        return None
    j = line.find(",", i)
    try:
        return int(line[i + len(_EPOCH) : j])
    except ValueError:
        return None


def read_logs(exp_dir: Path) -> Series:
    files = log_files(exp_dir)
    series = Series("log", [str(f) for f in files])
    for path in files:
        _read_one(path, series)
    return series


def _read_one(path: Path, series: Series) -> None:
    pending: tuple[int, str] | None = None  # the last training line of the current epoch
    with path.open("r", encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if _TRAIN in line and _VALID not in line:
                epoch = _epoch(line)
                if epoch is None:
                    continue
                if pending is not None and pending[0] != epoch:
                    _add_train(series, *pending)
                pending = (epoch, line)
            elif _VALID in line and line.endswith("\n"):
                epoch = _epoch(line)
                if epoch is not None:
                    for loss, value in losses(line[line.find(_VALID) :]).items():
                        series.add("valid", loss, epoch, value)
            elif line.rstrip().endswith("Done!"):
                series.finished = True
    if pending is not None:
        _add_train(series, *pending)


def _add_train(series: Series, epoch: int, line: str) -> None:
    """The running average ``tot_loss[...]`` of an epoch's last training line."""
    start = line.find(_TRAIN) + len(_TRAIN)
    end = line.find("]", start)
    if end < 0:  # a line cut off by a truncated log
        return
    for loss, value in losses(line[start:end]).items():
        series.add("train", loss, epoch, value)
