"""The runner after training: the over-fitting warning during train, why `--epoch best` picked
its epoch, and the smoke step on the exported ONNX models, end to end in real subprocesses."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.runner_fixtures import make_icefall

PY = sys.executable
WARNING = "Over-fitting: the validation total loss has been rising since about epoch "


def _run(
    ice: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return run_cli("run", "fake/matcha", "--icefall", str(ice), "--python", PY, *args, env=env)


def test_overfit_warning_once_best_epoch_reason_and_smoke_table(tmp_path: Path) -> None:
    pytest.importorskip("onnx")
    pytest.importorskip("onnxruntime")
    from tests.onnx_graphs import vocoder

    recipe = make_icefall(tmp_path / "ice", onnx_export=True)
    vocoder(str(tmp_path / "hifigan_v2.onnx"))
    args = ("--force", "--steps", "train,export", "--epoch", "best", "--smoke-onnx")
    voc = ("--vocoder", str(tmp_path / "hifigan_v2.onnx"))
    proc = _run(tmp_path / "ice", *args, *voc, "--", "--num-epochs", "20")
    out = proc.stdout
    assert proc.returncode == 0, out + proc.stderr
    # validation tot_loss = 5 + 0.1 (epoch - 6)^2, training loss falls: over-fitting from 6
    warnings = [line for line in out.splitlines() if line.startswith(WARNING)]
    assert len(warnings) == 1, out
    onset = int(re.search(r"since about epoch (\d+)", warnings[0]).group(1))  # type: ignore[union-attr]
    assert 5 <= onset <= 7, warnings[0]
    assert "stop training now with Ctrl-C" in warnings[0]
    assert (
        f"icefall-doctor run fake/matcha --steps export --epoch best --icefall {tmp_path / 'ice'}"
        in warnings[0]
    )
    # said while training ran, long before its last epoch
    assert out.index(WARNING) < out.index("epoch 20 validation")

    closing = out.split("\nSummary\n")[1]
    best = int(re.search(r"epoch exported: (\d+) ", closing).group(1))  # type: ignore[union-attr]
    assert best in (5, 6, 7)
    assert (
        f"epoch exported: {best} (--epoch best: the lowest smoothed validation total loss "
        "among the 20 epoch-N.pt on disk)" in closing
    )
    assert (
        f"why: the validation total loss was lowest at about epoch {onset} and has risen" in closing
    )
    assert f"{20 - best} epoch(s) were trained past epoch {best}." in closing

    out_dir = recipe / "matcha" / "exp" / f"onnx-epoch-{best}"
    assert f"smoke test of {out_dir}:" in closing
    assert "今天天气很好" in closing
    rows = [[c.strip() for c in line.split("│")] for line in closing.splitlines() if "│" in line]
    assert [(r[0], r[2]) for r in rows] == [("2", "ok"), ("3", "ok")], closing
    assert all(float(r[4]) > 1.0 and float(r[5]) >= 0 for r in rows), closing  # audio s, RTF
    assert "RTF" in closing
    assert (out_dir / "smoke-wavs" / "smoke-steps-3.wav").stat().st_size > 1000
    assert re.search(r"smoke\s+ok\s", closing)


def test_smoke_without_vocoder_runs_the_acoustic_models(tmp_path: Path) -> None:
    pytest.importorskip("onnx")
    pytest.importorskip("onnxruntime")
    recipe = make_icefall(tmp_path / "ice", onnx_export=True)
    proc = _run(tmp_path / "ice", "--force", "--steps", "train,export", "--smoke-onnx")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    closing = " ".join(proc.stdout.split("\nSummary\n")[1].split())
    assert "No --vocoder: the acoustic models ran alone" in closing
    assert "mel frames" in closing and "RTF ┃" not in closing and "audio s" not in closing
    assert f"Running in {PY}: onnxruntime" in closing
    assert (recipe / "matcha" / "exp" / "onnx-epoch-3" / "model-steps-3.onnx").is_file()


def test_smoke_with_a_missing_vocoder_is_a_usage_error(tmp_path: Path) -> None:
    recipe = make_icefall(tmp_path / "ice")
    missing = _run(tmp_path / "ice", "--steps", "smoke", "--vocoder", str(tmp_path / "no.onnx"))
    assert missing.returncode == 2
    assert f"vocoder {tmp_path / 'no.onnx'} does not exist" in missing.stdout + missing.stderr
    assert not (recipe / "matcha" / "exp").exists()


def test_dry_run_lists_the_smoke_step(tmp_path: Path) -> None:
    recipe = make_icefall(tmp_path / "ice", onnx_export=True)
    voc = tmp_path / "hifigan_v2.onnx"
    voc.write_bytes(b"onnx")
    proc = _run(tmp_path / "ice", "--dry-run", "--smoke-onnx", "--vocoder", str(voc))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    exp = recipe / "matcha" / "exp"
    assert lines.index("smoke") > lines.index("export")
    assert (
        f"$ icefall-doctor smoke-onnx {exp / 'onnx-epoch-N'} --vocoder {voc} "
        f"--tokens {recipe / 'data' / 'tokens.txt'} --lexicon {recipe / 'lexicon.txt'}"
    ) in lines
    assert not exp.exists()


def test_smoke_step_without_onnxruntime_says_how_to_install(tmp_path: Path) -> None:
    recipe = make_icefall(tmp_path / "ice")
    exp = recipe / "matcha" / "exp"
    (exp / "onnx-epoch-3").mkdir(parents=True)
    (exp / "epoch-3.pt").write_bytes(b"pt")
    voc = tmp_path / "hifigan_v2.onnx"
    voc.write_bytes(b"onnx")
    broken = tmp_path / "shadow" / "onnxruntime"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("raise ImportError('no onnxruntime here')\n")
    env = {"PYTHONPATH": str(tmp_path / "shadow")}
    proc = _run(tmp_path / "ice", "--steps", "smoke", "--vocoder", str(voc), env=env)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    install = f"install it with: {PY} -m pip install onnxruntime"
    assert f"The smoke step needs onnxruntime, which is not installed in {PY}; {install}" in (
        proc.stdout
    )
    closing = proc.stdout.split("\nSummary\n")[1]
    assert "smoke test not run: smoke-onnx needs onnxruntime" in closing
    assert install in closing
    assert re.search(r"smoke\s+not run", closing)


def test_resumed_run_judges_the_epochs_of_the_earlier_logs_too(tmp_path: Path) -> None:
    make_icefall(tmp_path / "ice")
    first = _run(tmp_path / "ice", "--force", "--steps", "train", "--", "--num-epochs", "8")
    assert first.returncode == 0, first.stdout + first.stderr
    assert WARNING not in first.stdout  # 8 validation points: too short to judge
    again = _run(tmp_path / "ice", "--force", "--steps", "train", "--", "--num-epochs", "16")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "--start-epoch 9" in again.stdout
    # epochs 9-16 alone are too few; with epochs 1-8 from the first run's log the onset shows
    assert again.stdout.count(WARNING) == 1, again.stdout


def test_watch_keeps_one_value_per_epoch_and_stays_quiet_on_a_falling_curve(
    tmp_path: Path,
) -> None:
    from doctor.runner.overfit import OverfitWatch
    from doctor.runner.progress import NullObserver, parse_line

    said: list[str] = []

    class Recorder(NullObserver):
        def message(self, text: str) -> None:
            said.append(text)

    watch = OverfitWatch(Recorder(), tmp_path, lambda a: f"onset {a.onset_epoch}")
    stamp = "2026-11-24 10:42:31,200 INFO [train.py:536] "
    for epoch in range(1, 61):
        lines = [
            f"Epoch {epoch}, batch {b}, global_batch_idx: {b}, batch size: 6, loss[tot_loss=7.4, "
            f"over 6.00 samples.], tot_loss[tot_loss={9 - epoch / 10:.2f}, over 6.00 samples.]"
            for b in range(5)
        ]
        lines.append(
            f"Epoch {epoch}, validation: tot_loss={6 - epoch / 20:.3f}, over 3.00 samples."
        )
        for text in lines:
            watch.line(stamp + text)
            event = parse_line(stamp + text)
            if event is not None:
                watch.event(event)
    assert said == []
    assert len(watch.series.valid["total"]) == 60 and len(watch.series.train["total"]) == 60
    assert watch.series.train["total"][60] == 3.0
