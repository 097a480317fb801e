"""The runner's pure parts and its child handling, without the CLI."""

from __future__ import annotations

import io
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from doctor.findings import Finding, Status, msg
from doctor.runner import oom
from doctor.runner.child import Child, OutputSink
from doctor.runner.export import best_epoch, choose_epoch, validation_losses
from doctor.runner.gate import blocks
from doctor.runner.progress import (
    BatchLogged,
    CheckpointSaved,
    NullObserver,
    StageStarted,
    Validated,
    parse_line,
)
from doctor.runner.resume import resume_point
from doctor.runner.steps import LEGACY_ONNX_WRAPPER, StepCommand, child_env, merge_args
from tests.helpers import VenvFactory
from tests.runner_fixtures import make_fake_torch

STAMP = "2026-11-24 10:42:31,200 INFO [train.py:536] "


def test_parse_icefall_lines() -> None:
    batch = parse_line(
        STAMP + "Epoch 3, batch 20, global_batch_idx: 180, batch size: 6, loss[dur_loss=2.797, "
        "prior_loss=1.609, diff_loss=3.076, tot_loss=7.482, over 6.00 samples.], tot_loss[x=1]"
    )
    assert isinstance(batch, BatchLogged)
    assert (batch.epoch, batch.batch, batch.global_batch) == (3, 20, 180)
    assert batch.losses == {
        "dur_loss": 2.797,
        "prior_loss": 1.609,
        "diff_loss": 3.076,
        "tot_loss": 7.482,
    }
    valid = parse_line(STAMP + "Epoch 3, validation: dur_loss=2.348, tot_loss=6.272, over 3.00")
    assert valid == Validated(3, {"dur_loss": 2.348, "tot_loss": 6.272})
    stage = parse_line("2026-11-24 10:00:00 (prepare.sh:57:main) Stage 5: Compute fbank")
    assert stage == StageStarted(5, "Compute fbank")
    assert parse_line("... (prepare.sh:40:main) Stage -1: build") == StageStarted(-1, "build")
    saved = parse_line(STAMP + "Saving checkpoint to matcha/exp/epoch-3.pt")
    assert saved == CheckpointSaved("matcha/exp/epoch-3.pt")
    spaced = parse_line(STAMP + "Saving checkpoint to matcha/exp c/epoch-3.pt \n")
    assert spaced == CheckpointSaved("matcha/exp c/epoch-3.pt")
    assert parse_line(STAMP + "Maximum memory allocated so far is 0MB") is None


def test_merge_args_later_layers_and_extra_win() -> None:
    args = merge_args(
        {"--exp-dir": "matcha/exp", "--max-duration": 200},
        {"--max-duration": 360.0, "--num-workers": None},
        extra=["--max-duration", "120", "--use-fp16=true", "--flag"],
    )
    assert args.argv() == [
        "--exp-dir",
        "matcha/exp",
        "--max-duration",
        "120",
        "--use-fp16",
        "true",
        "--flag",
    ]


def test_child_env_puts_target_first_and_leaves_no_empty_entry() -> None:
    env = child_env("/venv/bin/python3", "/src/icefall", {"PATH": "/usr/bin:/venv/bin"})
    assert env["PATH"] == "/venv/bin:/usr/bin"
    assert env["PYTHONPATH"] == "/src/icefall"
    env = child_env("/venv/bin/python3", "/src/icefall", {"PYTHONPATH": "/k2/python:"})
    assert env["PYTHONPATH"] == "/src/icefall:/k2/python"


def test_resume_point_uses_the_newest_epoch(tmp_path: Path) -> None:
    assert resume_point(tmp_path / "missing").start_epoch == 1
    for n in (10, 20, 9):
        (tmp_path / f"epoch-{n}.pt").write_bytes(b"pt")  # a checkpoint holds bytes
    (tmp_path / "best-valid-loss.pt").touch()
    point = resume_point(tmp_path)
    assert point.start_epoch == 21 and point.checkpoint == tmp_path / "epoch-20.pt"


def test_oom_detection_and_reduction() -> None:
    assert oom.is_oom(["torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2 MiB"])
    assert not oom.is_oom(["RuntimeError: shape mismatch"])
    assert [oom.reduced(x) for x in (1200, 200, 1)] == [840, 140, 1]


def test_best_epoch_only_among_saved_checkpoints(tmp_path: Path) -> None:
    (tmp_path / "log").mkdir()
    lines = [
        STAMP + f"Epoch {e}, validation: tot_loss={v}, over 3.00 samples."
        for e, v in [(1, 6.0), (2, 4.0), (3, 5.0), (4, 5.5)]
    ]
    (tmp_path / "log" / "log-train-2026").write_text("\n".join(lines) + "\n")
    assert validation_losses(lines) == {1: 6.0, 2: 4.0, 3: 5.0, 4: 5.5}
    for n in (1, 3, 4):
        (tmp_path / f"epoch-{n}.pt").write_bytes(b"pt")  # a checkpoint holds bytes
    assert best_epoch(tmp_path) == 3  # epoch 2 is lower but was not saved
    assert choose_epoch(tmp_path, None) == 4 and choose_epoch(tmp_path, "3") == 3


def test_gate_blocks_only_the_steps_and_stages_that_run() -> None:
    def finding(where: str, status: Status = Status.FAIL) -> Finding:
        return Finding("x.y", status, msg("t"), blocks_step=where)

    assert blocks(finding(""), ["export"], None)
    assert not blocks(finding("train"), ["prepare"], (0, 7))
    assert blocks(finding("prepare stage 5"), ["prepare"], (3, 7))
    assert not blocks(finding("prepare stage 5"), ["prepare"], (6, 7))
    assert not blocks(finding("train", Status.WARN), ["train"], None)


def test_output_sink_keeps_a_bounded_tail() -> None:
    log = io.BytesIO()
    sink = OutputSink(log, NullObserver(), tail_lines=5, keep_events=3)
    data = b"".join(STAMP.encode() + b"Start epoch %d\n" % i for i in range(1000))
    sink.pump(io.BytesIO(data))
    assert log.getvalue() == data
    assert list(sink.tail) == [STAMP + f"Start epoch {i}" for i in range(995, 1000)]
    assert len(sink.events) == 3


def test_interrupt_escalates_to_sigterm(tmp_path: Path) -> None:
    code = (
        "import signal, sys, time; signal.signal(signal.SIGINT, signal.SIG_IGN); "
        "print('ready', flush=True); time.sleep(60)"
    )
    cmd = StepCommand("train", (sys.executable, "-c", code), tmp_path, {}, tmp_path / "x.log")
    child = Child(cmd, {})
    assert child.proc.stdout is not None
    assert child.proc.stdout.readline() == b"ready\n"
    assert child.interrupt(grace=0.5) == -signal.SIGTERM


def _wrapper(tmp_path: Path, torch_version: str, call: str) -> subprocess.CompletedProcess[str]:
    torch_dir = make_fake_torch(tmp_path / "faketorch")
    (torch_dir / "torch" / "__init__.py").write_text(
        f"__version__ = {torch_version!r}\nfrom torch import onnx\n"
    )
    real = tmp_path / "real"
    real.mkdir()
    (real / "helper.py").write_text("NAME = 'helper next to the real script'\n")
    (real / "export.py").write_text(
        f"import sys, torch, helper\nprint('argv', sys.argv, helper.NAME)\n{call}\n"
    )
    (tmp_path / "link").mkdir()
    (tmp_path / "link" / "export.py").symlink_to(real / "export.py")
    return subprocess.run(
        [sys.executable, str(LEGACY_ONNX_WRAPPER), "link/export.py", "--epoch", "3"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(torch_dir), "PATH": "/usr/bin:/bin"},
    )


@pytest.mark.parametrize("version", ["2.9.0", "2.13.0+cpu"])
def test_wrapper_selects_legacy_exporter_on_new_torch(tmp_path: Path, version: str) -> None:
    proc = _wrapper(tmp_path, version, "torch.onnx.export(None, None, 'm.onnx')")
    assert proc.returncode == 0, proc.stderr
    assert "argv ['link/export.py', '--epoch', '3'] helper next to the real script" in proc.stdout
    assert (tmp_path / "m.onnx").stat().st_size == 1234
    assert "legacy exporter (dynamo=False)" in proc.stderr


def test_wrapper_leaves_old_torch_and_explicit_dynamo_alone(tmp_path: Path) -> None:
    old = _wrapper(tmp_path, "2.8.0", "torch.onnx.export(None, None, 'm.onnx')")
    assert old.returncode == 1 and "dynamo exporter failed" in old.stderr
    explicit = _wrapper(tmp_path / "b", "2.13.0", "torch.onnx.export(None, None, 'm', dynamo=True)")
    assert explicit.returncode == 1 and "dynamo exporter failed" in explicit.stderr


def test_live_display_shows_epoch_bar_losses_and_tail() -> None:
    from rich.console import Console

    from doctor.runner.display import LiveObserver

    buf = io.StringIO()
    console = Console(file=buf, width=120, color_system=None, force_terminal=True)
    live = LiveObserver(console, num_epochs=10, tail=3)
    live.step_started("train", "python3 ./matcha/train.py", "/tmp/train.log")
    for i in range(5):
        live.line(f"line {i}")
    live.event(Validated(3, {"tot_loss": 6.272}))
    live.event(BatchLogged(3, 20, 180, "tot_loss=7.482, over 6.00 samples."))
    shown = io.StringIO()
    Console(file=shown, width=120, color_system=None).print(live._render())
    live.step_finished("train", 0)
    text = shown.getvalue()
    assert "epoch 3/10" in text and "batch 20" in text and "tot_loss=7.482" in text
    assert "line 4" in text and "line 1" not in text
    assert "epoch 3 validation: tot_loss=6.272" in buf.getvalue()


TINY_EXPORT = """\
import torch

model = torch.nn.Linear(4, 2)
torch.onnx.export(model, (torch.zeros(1, 4),), "tiny.onnx", opset_version=14)
print("exported")
"""


@pytest.mark.venv
def test_wrapper_exports_with_real_torch(tmp_path: Path, venvs: VenvFactory) -> None:
    """torch 2.13's default (dynamo) export fails without onnxscript; the wrapper's does not."""
    torch_venv = venvs.get("torch_onnx", ["torch==2.13.0", "onnx"])
    (tmp_path / "export.py").write_text(TINY_EXPORT)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    plain = subprocess.run(
        [str(torch_venv), "export.py"], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    if plain.returncode == 0:
        pytest.skip("this torch exports with its default exporter; nothing to select")
    wrapped = subprocess.run(
        [str(torch_venv), str(LEGACY_ONNX_WRAPPER), "export.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )
    assert wrapped.returncode == 0, wrapped.stderr[-2000:]
    assert "legacy exporter (dynamo=False)" in wrapped.stderr
    assert "exported" in wrapped.stdout and (tmp_path / "tiny.onnx").stat().st_size > 0
