"""`icefall-doctor analyze` on synthetic runs: TensorBoard events from the real writer and
icefall-style text logs, with a known onset plus noise, a monotone run, and a truncated log."""

from __future__ import annotations

import json
import random
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from doctor.analyze import analyze
from doctor.analyze.series import from_events
from doctor.runner.steps import LEGACY_ONNX_WRAPPER
from tests.conftest import FakePackages
from tests.helpers import run_cli
from tests.test_analyze_data import add_checkpoints, log_lines, write_events, write_log

TOLERANCE = 8  # epochs: the synthetic valid curve is nearly flat for ~20 epochs before it turns


def _json(exp: Path, *extra: str) -> dict[str, Any]:
    proc = run_cli("analyze", str(exp), "--json", *extra)
    assert proc.returncode == 0, proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


@pytest.mark.parametrize("seed", [0, 1])
def test_log_with_known_onset(tmp_path: Path, seed: int) -> None:
    write_log(tmp_path, 120, 70, noise=0.015, seed=seed)
    add_checkpoints(tmp_path, range(10, 121, 10))
    data = _json(tmp_path)
    assert data["source"] == "log" and data["status"] == "overfitting"
    assert abs(data["onset_epoch"] - 70) <= TOLERANCE
    for loss in ("diff", "dur", "prior", "total"):
        assert abs(data["losses"][loss]["onset_epoch"] - 70) <= TOLERANCE
    assert data["best_epoch"] in (60, 70, 80)
    assert data["epochs_past_best"] == 120 - data["best_epoch"]
    assert data["finished"] is True
    assert analyze(tmp_path).best_epoch == data["best_epoch"]  # the runner's --epoch best API
    assert "Over-fitting from about epoch" in data["verdict_text"]


def test_events_from_tensorboard_writer(tmp_path: Path) -> None:
    write_events(tmp_path, 150, 90, noise=0.01)
    add_checkpoints(tmp_path, range(10, 151, 10))
    proc = run_cli("analyze", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert "Read TensorBoard events" in proc.stdout
    assert "Over-fitting from about epoch" in proc.stdout
    data = _json(tmp_path)
    assert data["source"] == "tensorboard"
    assert abs(data["onset_epoch"] - 90) <= TOLERANCE
    assert data["best_epoch"] in (80, 90, 100)
    assert f"epoch-{data['best_epoch']}.pt" in proc.stdout
    assert f"{150 - data['best_epoch']} epoch(s) were trained past it" in proc.stdout


def test_stdlib_event_parser_agrees_with_protobuf(tmp_path: Path) -> None:
    write_events(tmp_path, 30, 20)
    fast = from_events(tmp_path / "tensorboard")
    plain = from_events(tmp_path / "tensorboard", stdlib=True)
    assert fast.valid == plain.valid and fast.train == plain.train
    assert sorted(plain.valid["total"]) == list(range(1, 31))


def test_monotone_run_says_no_overfitting_yet(tmp_path: Path) -> None:
    write_log(tmp_path, 120, None, noise=0.02)
    add_checkpoints(tmp_path, range(10, 121, 10))
    proc = run_cli("analyze", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert "No over-fitting yet" in proc.stdout
    data = _json(tmp_path)
    assert data["onset_epoch"] is None and data["best_epoch"] == 120
    assert data["epochs_past_best"] == 0


def test_truncated_log_too_short_to_judge(tmp_path: Path) -> None:
    text = "".join(log_lines(40, 20))
    cut = text[: text.index("Epoch 7, validation") + 40]  # cut mid-line, mid-run
    (tmp_path / "log").mkdir()
    (tmp_path / "log" / "log-train-2026-11-24-10-00-00").write_text(cut)
    proc = run_cli("analyze", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert "Too short to judge: 6 validation point(s)" in proc.stdout
    assert "No epoch-N.pt" in proc.stdout
    result = analyze(tmp_path)
    assert result.onset_epoch is None and result.last_epoch == 7
    assert not result.series.finished


def test_no_events_and_no_logs(tmp_path: Path) -> None:
    proc = run_cli("analyze", str(tmp_path))
    assert proc.returncode == 2
    assert "no TensorBoard events" in proc.stderr and "no training logs" in proc.stderr
    missing = run_cli("analyze", str(tmp_path / "nope"))
    assert missing.returncode == 2 and "is not a directory" in missing.stderr


def test_plot_is_written(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    write_log(tmp_path, 60, 35)
    out = tmp_path / "plots" / "curves.png"
    proc = run_cli("analyze", str(tmp_path), "--plot", str(out))
    assert proc.returncode == 0, proc.stderr
    assert f"Plot written to {out}" in proc.stdout.replace("\n", "")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_plot_without_matplotlib_names_install(tmp_path: Path) -> None:
    write_log(tmp_path, 30, None)
    blocker = tmp_path / "block"
    (blocker / "matplotlib").mkdir(parents=True)
    (blocker / "matplotlib" / "__init__.py").write_text("raise ImportError('blocked')\n")
    proc = run_cli("analyze", str(tmp_path), "--plot", str(tmp_path / "x.png"),
                   env={"PYTHONPATH": str(blocker)})  # fmt: skip
    assert proc.returncode == 1
    assert "needs matplotlib" in proc.stderr and "-m pip install matplotlib" in proc.stderr


def test_watch_warns_once_while_log_grows(tmp_path: Path) -> None:
    lines = list(log_lines(100, 50, noise=0.01))
    (tmp_path / "log").mkdir()
    log = tmp_path / "log" / "log-train-2026-11-24-10-00-00"
    log.write_text("".join(lines[:100]))

    def grow() -> None:
        with log.open("a") as fh:
            for i in range(100, len(lines), 60):
                fh.write("".join(lines[i : i + 60]))
                fh.flush()
                time.sleep(0.03)

    writer = threading.Thread(target=grow)
    writer.start()
    proc = run_cli("analyze", str(tmp_path), "--watch", "--interval", "0.05", timeout=120)
    writer.join()
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("Over-fitting detected") == 1
    assert "stopped watching" in proc.stdout


def test_event_file_cut_mid_record_is_read_up_to_the_cut(tmp_path: Path) -> None:
    logdir = write_events(tmp_path, 40, None)
    (path,) = list(logdir.iterdir())
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 50])  # a run still writing its last record
    for stdlib in (False, True):
        series = from_events(logdir, stdlib=stdlib)
        assert sorted(series.valid["total"]) == list(range(1, 40))


@pytest.mark.parametrize("where", [0, 3, "random"])
def test_a_damaged_event_file_is_read_as_far_as_it_goes_never_a_crash(
    tmp_path: Path, where: int | str
) -> None:
    """A flipped byte in a record's length (it asked for petabytes: MemoryError) or random
    bytes (OverflowError): the reader stops there, and `analyze` says what it found."""
    logdir = write_events(tmp_path, 10, None)
    (path,) = list(logdir.iterdir())
    data = bytearray(path.read_bytes())
    if where == "random":
        data = bytearray(random.Random(7).randbytes(len(data)))
    else:
        data[int(where)] ^= 0xFF
    path.write_bytes(bytes(data))
    for stdlib in (False, True):
        from_events(logdir, stdlib=stdlib)  # returns, whatever it could read
    proc = run_cli("analyze", str(tmp_path))
    assert proc.returncode in (0, 1, 2), proc.stderr
    assert "Traceback" not in proc.stderr and "icefall-doctor failed" not in proc.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--watch", "--interval", "-1"), "argument --interval: '-1' is not a number of seconds"),
        (("--watch", "--interval", "nan"), "argument --interval: 'nan' is not a number of seconds"),
        (("--plot", "losses.txt"), "--plot losses.txt: give a file ending in .png, .svg, .pdf"),
    ],
)
def test_bad_option_values_are_usage_errors(
    tmp_path: Path, args: tuple[str, ...], said: str
) -> None:
    write_events(tmp_path, 10, None)
    proc = run_cli("analyze", str(tmp_path), *args, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith(f"icefall-doctor: error: {said}")


@pytest.mark.parametrize(("torch", "legacy"), [("2.8.0+cu128", False), ("2.9.0+cu128", True)])
def test_the_export_command_fits_the_targets_torch(
    tmp_path: Path, fake_pkg: FakePackages, torch: str, legacy: bool
) -> None:
    """torch 2.9 made the dynamo exporter the default, and export_onnx.py fails with it: from
    2.9 on, the printed command runs it through the wrapper `run` uses (the legacy exporter)."""
    write_log(tmp_path, 12, None, noise=0.02)
    add_checkpoints(tmp_path, range(12, 13))
    fake_pkg.add("torch", "", dist_version=torch)
    proc = run_cli(
        "analyze", str(tmp_path), "--python", sys.executable, env={"PYTHONPATH": str(fake_pkg.root)}
    )
    assert proc.returncode == 0, proc.stderr
    command = proc.stdout.splitlines()[-1].split()
    wrapper = str(LEGACY_ONNX_WRAPPER)
    assert command[:3] == (
        [sys.executable, wrapper, "./matcha/export_onnx.py"]
        if legacy
        else [sys.executable, "./matcha/export_onnx.py", "--exp-dir"]
    )
    assert (f"torch {torch} picks the dynamo ONNX exporter" in proc.stdout) is legacy
    assert command[-6:] == ["--epoch", "12", "--tokens", "./data/tokens.txt", "--cmvn",
                            "./data/fbank/cmvn.json"]  # fmt: skip
