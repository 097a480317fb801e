"""Synthetic icefall-style runs for the analyze tests: curves with a known onset, plus noise,
written as TensorBoard event files (the real writer) or as text logs in icefall's line format."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

PARTS = ("dur", "prior", "diff")


def curves(
    epochs: int, onset: int | None, *, noise: float = 0.01, seed: int = 0
) -> Iterator[tuple[int, dict[str, float], dict[str, float]]]:
    """(epoch, train losses, valid losses): train always falls; valid turns up at ``onset``."""
    rng = random.Random(seed)
    scale = (onset or epochs) / 5
    for e in range(1, epochs + 1):
        slow = 0.3 * (1 - e / epochs)  # training keeps falling, slowly, to the end
        train = {
            p: (0.2 + 0.4 * k) + 2.0 * math.exp(-e / scale) + slow for k, p in enumerate(PARTS)
        }
        train = {p: v + rng.gauss(0, noise / 3) for p, v in train.items()}
        rise = 0.0 if onset is None else 0.012 * max(0, e - onset)
        valid = {
            p: (0.25 + 0.4 * k) + 2.5 * math.exp(-e / scale) + rise + rng.gauss(0, noise)
            for k, p in enumerate(PARTS)
        }
        train["tot"] = sum(train[p] for p in PARTS)
        valid["tot"] = sum(valid[p] for p in PARTS)
        yield e, train, valid


def _losses(values: dict[str, float]) -> str:
    return ", ".join(f"{k}_loss={values[k]:.4f}" for k in (*PARTS, "tot"))


def log_lines(epochs: int, onset: int | None, *, batches: int = 4, **kw: float) -> Iterator[str]:
    """icefall train.py log lines for a synthetic run, ending with 'Done!'."""
    ts = "2026-11-24 10:42:31,200 INFO"
    yield f"{ts} [train.py:900] Training started\n"
    g = 0
    for e, train, valid in curves(epochs, onset, **kw):  # type: ignore[arg-type]
        yield f"{ts} [train.py:700] Start epoch {e}\n"
        for b in range(batches):
            yield (
                f"{ts} [train.py:536] Epoch {e}, batch {b}, global_batch_idx: {g}, batch size: 6, "
                f"loss[{_losses(train)}, over 6.00 samples.], "
                f"tot_loss[{_losses(train)}, over 24.00 samples.], cur_lr: 1e-04\n"
            )
            g += 1
        yield f"{ts} [train.py:560] Computing validation loss\n"
        yield f"{ts} [train.py:566] Epoch {e}, validation: {_losses(valid)}, over 3.00 samples.\n"
        yield f"{ts} [train.py:570] Maximum memory allocated so far is 0MB\n"
    yield f"{ts} [train.py:990] Done!\n"


def write_log(exp: Path, epochs: int, onset: int | None, **kw: float) -> Path:
    (exp / "log").mkdir(parents=True, exist_ok=True)
    path = exp / "log" / "log-train-2026-11-24-10-42-31"
    with path.open("w") as fh:
        fh.writelines(log_lines(epochs, onset, **kw))  # type: ignore[arg-type]
    return path


def write_events(exp: Path, epochs: int, onset: int | None, **kw: float) -> Path:
    """Event files written by tensorboard's own writer, with icefall's tags."""
    writer_mod = pytest.importorskip("tensorboard.summary.writer.event_file_writer")
    summary_pb2 = pytest.importorskip("tensorboard.compat.proto.summary_pb2")
    event_pb2 = pytest.importorskip("tensorboard.compat.proto.event_pb2")
    logdir = exp / "tensorboard"
    writer = writer_mod.EventFileWriter(str(logdir))
    steps = 10
    for e, train, valid in curves(epochs, onset, **kw):  # type: ignore[arg-type]
        step = e * steps
        values = [("train/epoch", float(e))]
        values += [(f"train/tot_{k}_loss", v) for k, v in train.items()]
        values += [(f"train/valid_{k}_loss", v) for k, v in valid.items()]
        summary = summary_pb2.Summary(
            value=[summary_pb2.Summary.Value(tag=t, simple_value=v) for t, v in values]
        )
        writer.add_event(event_pb2.Event(step=step, wall_time=float(e), summary=summary))
    writer.close()
    return logdir


def add_checkpoints(exp: Path, epochs: range) -> None:
    for e in epochs:
        (exp / f"epoch-{e}.pt").write_bytes(b"")


def test_synthetic_log_has_icefall_line_shapes(tmp_path: Path) -> None:
    lines = list(log_lines(3, None))
    assert lines[-1].endswith("Done!\n")
    assert sum(", validation: " in line for line in lines) == 3
    assert all(line.endswith("\n") for line in lines)
