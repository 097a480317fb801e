"""Resume from the newest epoch-N.pt: icefall loads epoch-(start-1).pt for --start-epoch start.

The model weights, best losses, batch counter and grad scaler come back; the optimizer state
does not (icefall's train.py loads the checkpoint without the optimizer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_EPOCH_PT = re.compile(r"^epoch-(\d+)\.pt$")


def checkpoint_epochs(exp_dir: Path) -> list[int]:
    """Epoch numbers of the epoch-N.pt files in exp_dir, ascending."""
    if not exp_dir.is_dir():
        return []
    found = (_EPOCH_PT.match(p.name) for p in exp_dir.iterdir())
    return sorted(int(m.group(1)) for m in found if m)


@dataclass(frozen=True)
class Resume:
    start_epoch: int
    checkpoint: Path | None  # the file icefall will load; None: a fresh start


def resume_point(exp_dir: Path) -> Resume:
    epochs = checkpoint_epochs(exp_dir)
    if not epochs:
        return Resume(1, None)
    last = epochs[-1]
    return Resume(last + 1, exp_dir / f"epoch-{last}.pt")
