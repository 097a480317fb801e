"""The two TensorBoard event readers (tensorboard's protos, and the built-in one used when
tensorboard is not installed) on event files written the way icefall's matcha train.py writes
them, by the real writers: they must give the same curves, and `analyze` the same answer."""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

import pytest

from doctor.analyze import analyze
from doctor.analyze.events import event_files, read_scalars, signed64
from doctor.analyze.series import from_events
from doctor.analyze.textlog import read_logs
from tests.helpers import run_cli
from tests.test_analyze_data import STYLES, add_checkpoints, curves, write_events, write_log


def _blocked_env(tmp_path: Path) -> dict[str, str]:
    """PYTHONPATH with a `tensorboard` package that fails to import, as if not installed."""
    blocker = tmp_path / "no-tensorboard"
    (blocker / "tensorboard").mkdir(parents=True, exist_ok=True)
    (blocker / "tensorboard" / "__init__.py").write_text(
        "raise ModuleNotFoundError(\"No module named 'tensorboard'\", name='tensorboard')\n"
    )
    return {"PYTHONPATH": str(blocker)}


def _analyze_json(exp: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    proc = run_cli("analyze", str(exp), "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


@pytest.mark.parametrize("style", STYLES)
def test_both_readers_read_every_writer_style_alike(tmp_path: Path, style: str) -> None:
    write_events(tmp_path, 30, 20, style=style)
    fast = from_events(tmp_path / "tensorboard")
    plain = from_events(tmp_path / "tensorboard", stdlib=True)
    assert fast.reader is not None and fast.reader.kind == "tensorboard"
    assert plain.reader is not None and plain.reader.kind == "builtin"
    assert fast.valid == plain.valid and fast.train == plain.train
    assert sorted(plain.valid["total"]) == list(range(1, 31))
    expected = {e: valid["tot"] for e, _, valid in curves(30, 20)}
    for epoch, value in plain.valid["total"].items():  # each epoch's own validation
        assert value == pytest.approx(expected[epoch], rel=1e-6)


def test_torch_summary_writer_when_installed(tmp_path: Path) -> None:
    write_events(tmp_path, 12, None, style="torch")  # skipped without torch
    fast = from_events(tmp_path / "tensorboard")
    plain = from_events(tmp_path / "tensorboard", stdlib=True)
    assert fast.valid == plain.valid and sorted(plain.valid["total"]) == list(range(1, 13))


def test_first_epoch_marker_is_at_step_minus_one(tmp_path: Path) -> None:
    write_events(tmp_path, 3, None)
    (path,) = event_files(tmp_path / "tensorboard")
    for stdlib in (False, True):
        marks = [(s, v) for tag, s, v in read_scalars(path, stdlib=stdlib) if tag == "train/epoch"]
        assert marks == [(-1, 1.0), (1, 2.0), (3, 3.0)]


def test_signed64() -> None:
    assert signed64(2**64 - 1) == -1
    assert signed64(2**63) == -(2**63)
    assert signed64(5) == 5
    assert signed64((2**64 - 7) | (1 << 70)) == -7  # bits past 64 are dropped


def test_validation_on_an_epochs_last_batch_belongs_to_that_epoch(tmp_path: Path) -> None:
    """The validation after epoch E's last batch shares its step with epoch E+1's marker."""
    write_events(tmp_path, 3, None, batches=2, valid_interval=2)
    add_checkpoints(tmp_path, range(1, 4))
    (path,) = event_files(tmp_path / "tensorboard")
    steps = [s for tag, s, _ in read_scalars(path) if tag == "train/valid_tot_loss"]
    assert steps == [1, 3, 5]
    expected = {e: valid["tot"] for e, _, valid in curves(3, None)}
    for stdlib in (False, True):
        got = from_events(tmp_path / "tensorboard", stdlib=stdlib).valid["total"]
        assert got == pytest.approx(expected, rel=1e-6)


def test_resumed_run_in_a_second_file(tmp_path: Path) -> None:
    """A resume opens a new event file whose counter goes on from the checkpoint's."""
    write_events(tmp_path, 8, None, batches=3, valid_interval=3, end_epoch=4)
    write_events(tmp_path, 8, None, batches=3, valid_interval=3, start_epoch=5, batch_idx=11)
    files = event_files(tmp_path / "tensorboard")
    assert len(files) == 2
    expected = {e: valid["tot"] for e, _, valid in curves(8, None)}
    for stdlib in (False, True):
        got = from_events(tmp_path / "tensorboard", stdlib=stdlib).valid["total"]
        assert got == pytest.approx(expected, rel=1e-6)


def test_analyze_gives_the_same_answer_without_tensorboard(tmp_path: Path) -> None:
    """A 3-epoch run whose validation loss falls every epoch: epoch 3 is best, in both."""
    write_events(tmp_path, 3, None, batches=5, valid_interval=5)
    add_checkpoints(tmp_path, range(1, 4))
    with_tb = _analyze_json(tmp_path)
    without = _analyze_json(tmp_path, _blocked_env(tmp_path))
    assert with_tb["source"] == without["source"] == "tensorboard"
    assert with_tb["reader"]["kind"] == "tensorboard"
    assert without["reader"]["kind"] == "builtin" and without["reader"]["why"] == "absent"
    assert with_tb["best_epoch"] == without["best_epoch"] == 3
    for key in ("status", "last_epoch", "losses", "best_on", "checkpoints"):
        assert with_tb[key] == without[key], key
    proc = run_cli("analyze", str(tmp_path), env=_blocked_env(tmp_path))
    assert proc.returncode == 0, proc.stderr
    text = " ".join(proc.stdout.split())
    assert "Events read with the built-in reader: tensorboard is not installed in" in text
    assert "epoch-3.pt" in text
    shown = run_cli("analyze", str(tmp_path))
    assert "Events read with tensorboard 2." in " ".join(shown.stdout.split())


def test_long_run_same_answer_both_ways(tmp_path: Path) -> None:
    write_events(tmp_path, 120, 70, noise=0.01, style="new_style")
    add_checkpoints(tmp_path, range(10, 121, 10))
    with_tb = _analyze_json(tmp_path)
    without = _analyze_json(tmp_path, _blocked_env(tmp_path))
    assert with_tb["status"] == without["status"] == "overfitting"
    assert with_tb["onset_epoch"] == without["onset_epoch"]
    assert with_tb["best_epoch"] == without["best_epoch"]
    assert with_tb["losses"] == without["losses"]


def test_broken_record_fields_are_skipped_not_fatal(tmp_path: Path) -> None:
    logdir = write_events(tmp_path, 5, None)
    (path,) = list(logdir.iterdir())
    junk = b"\x2a\xff\xff"  # Event.summary (field 5) claiming more bytes than there are
    record = struct.pack("<QI", len(junk), 0) + junk + b"\0\0\0\0"
    path.write_bytes(path.read_bytes() + record)
    for stdlib in (False, True):
        assert sorted(from_events(logdir, stdlib=stdlib).valid["total"]) == [1, 2, 3, 4, 5]
    assert analyze(tmp_path).series.source == "tensorboard"


def test_events_and_text_log_of_one_run_agree(tmp_path: Path) -> None:
    """train.py writes each validation to the log ("Epoch E, validation: ...") and to the
    events; both sources must put it at the same epoch."""
    write_log(tmp_path, 30, 20, noise=0.01)
    write_events(tmp_path, 30, 20, noise=0.01, style="double")
    logs = read_logs(tmp_path)
    for stdlib in (False, True):
        events = from_events(tmp_path / "tensorboard", stdlib=stdlib)
        for loss in ("diff", "dur", "prior", "total"):
            assert events.valid[loss] == pytest.approx(logs.valid[loss], abs=1e-4)
