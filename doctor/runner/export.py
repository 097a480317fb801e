"""Which epoch to export, and moving export_onnx.py's output into an output directory."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from doctor.errors import DoctorError
from doctor.msgtype import msg
from doctor.runner import adapters
from doctor.runner.progress import Validated, parse_line
from doctor.runner.resume import checkpoint_epochs


@dataclass(frozen=True)
class OnnxFile:
    path: Path
    size: int


def validation_losses(lines: Iterable[str], key: str = "tot_loss") -> dict[int, float]:
    """Epoch -> its last validation ``key`` loss, from icefall training log lines."""
    out: dict[int, float] = {}
    for line in lines:
        if ", validation: " not in line:
            continue
        event = parse_line(line)
        if isinstance(event, Validated) and key in event.losses:
            out[event.epoch] = event.losses[key]
    return out


def train_logs(exp_dir: Path) -> list[Path]:
    log_dir = exp_dir / "log"
    return sorted(log_dir.glob("log-train*")) if log_dir.is_dir() else []


def best_epoch(exp_dir: Path) -> int:
    """The checkpointed epoch with the lowest validation tot_loss in exp_dir/log/log-train*."""
    losses: dict[int, float] = {}
    for log in train_logs(exp_dir):
        with open(log, encoding="utf-8", errors="replace") as fh:
            losses.update(validation_losses(fh))
    saved = set(checkpoint_epochs(exp_dir))
    candidates = {e: v for e, v in losses.items() if e in saved}
    if not candidates:
        raise DoctorError(
            msg("run.export.no_valid_loss", exp_dir=exp_dir),
            hint=msg("run.export.no_valid_loss.hint"),
        )
    return min(candidates, key=lambda e: (candidates[e], -e))


@dataclass(frozen=True)
class EpochChoice:
    """The epoch to export and why: "given" (--epoch N), "last", "best" (doctor.analyze's
    smoothed validation curve, kept in ``analysis``) or "best_log" (the raw log minimum)."""

    epoch: int
    how: str
    analysis: Any = None


def pick_epoch(exp_dir: Path, wanted: str | None) -> EpochChoice:
    if wanted != "best":
        return EpochChoice(choose_epoch(exp_dir, wanted), "given" if wanted else "last")
    analysis = adapters.analysis(exp_dir)
    best = getattr(analysis, "best_epoch", None)
    if best is not None:
        return EpochChoice(int(best), "best", analysis)
    return EpochChoice(best_epoch(exp_dir), "best_log")


def choose_epoch(exp_dir: Path, wanted: str | None) -> int:
    """--epoch N, 'best', or by default the last saved epoch."""
    saved = checkpoint_epochs(exp_dir)
    if wanted == "best":
        return pick_epoch(exp_dir, wanted).epoch
    if wanted:
        if not re.fullmatch(r"\d+", wanted):
            raise DoctorError(msg("run.export.bad_epoch", epoch=wanted))
        if int(wanted) not in saved:
            raise DoctorError(
                msg("run.export.no_epoch", epoch=wanted, exp_dir=exp_dir),
                hint=msg("run.export.saved", epochs=_span(saved)),
            )
        return int(wanted)
    if not saved:
        raise DoctorError(msg("run.export.none", exp_dir=exp_dir), hint=msg("run.export.none.hint"))
    return saved[-1]


def _span(epochs: list[int]) -> str:
    if not epochs:
        return "none"
    return ", ".join(str(e) for e in epochs[-5:])


def snapshot(directory: Path) -> dict[str, float]:
    return {p.name: p.stat().st_mtime for p in directory.glob("*.onnx")}


def collect_onnx(workdir: Path, before: dict[str, float], out_dir: Path) -> list[OnnxFile]:
    """Move the .onnx files the export wrote into workdir to out_dir; their sizes."""
    moved: list[OnnxFile] = []
    for path in sorted(workdir.glob("*.onnx")):
        if before.get(path.name) == path.stat().st_mtime:
            continue
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / path.name
        shutil.move(str(path), str(target))
        moved.append(OnnxFile(target, target.stat().st_size))
    return moved
