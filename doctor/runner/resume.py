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
    return [n for n, path in _epoch_files(exp_dir) if complete(path)]


def incomplete(exp_dir: Path) -> list[Path]:
    """epoch-N.pt files that cannot be loaded: empty, or a zip (torch.save's format) cut short
    (training killed while saving, a full disk)."""
    return [path for _, path in _epoch_files(exp_dir) if not complete(path)]


def complete(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(4)
    except OSError:
        return False
    if not head:
        return False
    return zipfile.is_zipfile(path) if head.startswith(b"PK") else True  # older pickle format


def _epoch_files(exp_dir: Path) -> list[tuple[int, Path]]:
    if not exp_dir.is_dir():
        return []
    found = ((_EPOCH_PT.match(p.name), p) for p in exp_dir.iterdir())
    out = [(int(m.group(1)), p) for m, p in found if m and int(m.group(1)) <= MAX_EPOCH]
    return sorted(out)


@dataclass(frozen=True)
class Resume:
    start_epoch: int
    checkpoint: Path | None  # the file icefall will load; None: a fresh start
    skipped: tuple[Path, ...] = ()  # newer epoch-N.pt files that cannot be loaded


def resume_point(exp_dir: Path) -> Resume:
    epochs = checkpoint_epochs(exp_dir)
    skipped = tuple(p for p in incomplete(exp_dir) if not epochs or _n(p) > epochs[-1])
    if not epochs:
        return Resume(1, None, skipped)
    last = epochs[-1]
    return Resume(last + 1, exp_dir / f"epoch-{last}.pt", skipped)


def _n(path: Path) -> int:
    m = _EPOCH_PT.match(path.name)
    return int(m.group(1)) if m else 0
