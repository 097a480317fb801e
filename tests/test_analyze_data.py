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


STYLES = ("simple", "new_style", "double", "tb_writer")


class _Writer:
    """add_scalar(tag, value, step) the ways real writers store a scalar: ``simple``
    (torch.utils.tensorboard's add_scalar default: simple_value), ``new_style`` and ``double``
    (add_scalar(new_style=True[, double_precision=True]): a rank-0 float/double TensorProto
    with the scalars plugin), ``tb_writer`` (tensorboard.summary.Writer: a rank-0 tensor), and
    ``torch`` (torch's SummaryWriter itself, when torch is installed)."""

    def __init__(self, logdir: Path, style: str) -> None:
        self.style = style
        if style == "torch":
            tb = pytest.importorskip("torch.utils.tensorboard")
            self.torch = tb.SummaryWriter(log_dir=str(logdir))
        elif style == "tb_writer":
            self.native = pytest.importorskip("tensorboard.summary").Writer(str(logdir))
        else:
            writer_mod = pytest.importorskip("tensorboard.summary.writer.event_file_writer")
            self.pb = pytest.importorskip("tensorboard.compat.proto.summary_pb2")
            self.tensor_pb = pytest.importorskip("tensorboard.compat.proto.tensor_pb2")
            self.event_pb = pytest.importorskip("tensorboard.compat.proto.event_pb2")
            self.file = writer_mod.EventFileWriter(str(logdir))

    def add_scalar(self, tag: str, value: float, step: int) -> None:
        if self.style == "torch":
            self.torch.add_scalar(tag, value, step)
            return
        if self.style == "tb_writer":
            self.native.add_scalar(tag, value, step)
            return
        self.file.add_event(
            self.event_pb.Event(step=step, wall_time=1.7e9, summary=self._summary(tag, value))
        )

    def _summary(self, tag: str, value: float) -> object:
        pb = self.pb
        if self.style == "simple":
            return pb.Summary(value=[pb.Summary.Value(tag=tag, simple_value=value)])
        tensor = (
            self.tensor_pb.TensorProto(double_val=[value], dtype="DT_DOUBLE")
            if self.style == "double"
            else self.tensor_pb.TensorProto(float_val=[value], dtype="DT_FLOAT")
        )
        meta = pb.SummaryMetadata(plugin_data=pb.SummaryMetadata.PluginData(plugin_name="scalars"))
        return pb.Summary(value=[pb.Summary.Value(tag=tag, tensor=tensor, metadata=meta)])

    def close(self) -> None:
        {"torch": lambda: self.torch.close(), "tb_writer": lambda: self.native.close()}.get(
            self.style, lambda: self.file.close()
        )()


def write_events(
    exp: Path,
    epochs: int,
    onset: int | None,
    *,
    style: str = "simple",
    batches: int = 2,
    valid_interval: int = 2,
    start_epoch: int = 1,
    end_epoch: int | None = None,
    batch_idx: int = -1,
    **kw: float,
) -> Path:
    """Event files as icefall's matcha train.py writes them: the batch counter starts at -1;
    ``train/epoch`` = E is written at the counter before epoch E's first batch; after each
    batch (counter += 1) ``train/tot_*`` every other batch and ``train/valid_*`` when
    counter % valid_interval == 1. The defaults put each validation on an epoch's last batch,
    the step at which the next epoch's marker is written."""
    logdir = exp / "tensorboard"
    writer = _Writer(logdir, style)
    for e, train, valid in curves(epochs, onset, **kw):  # type: ignore[arg-type]
        if e < start_epoch or (end_epoch is not None and e > end_epoch):
            continue
        writer.add_scalar("train/epoch", e, batch_idx)
        for _ in range(batches):
            batch_idx += 1
            if batch_idx % 2 == 0:
                for k, v in train.items():
                    writer.add_scalar(f"train/current_{k}_loss", v, batch_idx)
                    writer.add_scalar(f"train/tot_{k}_loss", v, batch_idx)
            if batch_idx % valid_interval == 1:
                for k, v in valid.items():
                    writer.add_scalar(f"train/valid_{k}_loss", v, batch_idx)
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
