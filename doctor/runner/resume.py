"""Resume from the newest epoch-N.pt: icefall loads epoch-(start-1).pt for --start-epoch start.

The model weights, best losses, batch counter and grad scaler come back; the optimizer state
does not (icefall's train.py loads the checkpoint without the optimizer).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

_EPOCH_PT = re.compile(r"^epoch-(\d+)\.pt$")


MAX_EPOCH = 100_000  # a larger N in epoch-N.pt is no epoch icefall trained


def checkpoint_epochs(exp_dir: Path) -> list[int]:
    """Epoch numbers of the complete epoch-N.pt files in exp_dir, ascending."""
    return [n for n, _, whole in _epoch_files(exp_dir) if whole]


def complete(path: Path) -> bool:
    """Whether an epoch-N.pt can be loaded: not empty, and not a zip (torch.save's format) cut
    short (training killed while saving, a full disk)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4)
    except OSError:
        return False
    if not head:
        return False
    return zipfile.is_zipfile(path) if head.startswith(b"PK") else True  # older pickle format


def _epoch_files(exp_dir: Path) -> list[tuple[int, Path, bool]]:
    """(N, epoch-N.pt, whether it is complete), ascending; each file is read once."""
    if not exp_dir.is_dir():
        return []
    found = ((_EPOCH_PT.match(p.name), p) for p in exp_dir.iterdir())
    epochs = [(int(m.group(1)), p) for m, p in found if m and int(m.group(1)) <= MAX_EPOCH]
    return [(n, p, complete(p)) for n, p in sorted(epochs)]


@dataclass(frozen=True)
class Resume:
    start_epoch: int
    checkpoint: Path | None  # the file icefall will load; None: a fresh start
    skipped: tuple[Path, ...] = ()  # newer epoch-N.pt files that cannot be loaded


def resume_point(exp_dir: Path) -> Resume:
    files = _epoch_files(exp_dir)
    whole = [n for n, _, ok in files if ok]
    last = whole[-1] if whole else 0
    skipped = tuple(p for n, p, ok in files if not ok and n > last)
    if not whole:
        return Resume(1, None, skipped)
    return Resume(last + 1, exp_dir / f"epoch-{last}.pt", skipped)
