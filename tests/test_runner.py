"""`icefall-doctor run` end to end on fixture recipe trees, in real subprocesses."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.helpers import REPO, run_cli
from tests.runner_fixtures import make_fake_torch, make_icefall

PY = sys.executable


def _run(
    ice: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return run_cli("run", "fake/matcha", "--icefall", str(ice), "--python", PY, *args, env=env)


def _argv_runs(recipe: Path) -> list[list[str]]:
    lines = (recipe / "matcha" / "exp" / "argv.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines]


def _opt(argv: list[str], name: str) -> str:
    return argv[len(argv) - 1 - argv[::-1].index(name) + 1]


def test_dry_run_prints_commands_and_runs_nothing(tmp_path: Path) -> None:
    recipe = make_icefall(tmp_path / "ice")
    proc = _run(tmp_path / "ice", "--dry-run", "--max-duration", "360", "--", "--num-epochs", "5")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "$ bash ./prepare.sh --stage 0 --stop-stage 3" in out
    assert f"$ {PY} ./matcha/train.py --exp-dir matcha/exp --max-duration 360" in out
    assert "--num-epochs 5" in out
    wrapper = REPO / "doctor" / "runner" / "scripts" / "idoctor_onnx_legacy.py"
    assert f"{wrapper} ./matcha/export_onnx.py --exp-dir matcha/exp --epoch N" in out
    assert f"cwd: {recipe}" in out
    assert f"env: PYTHONPATH={tmp_path / 'ice'}" in out
    assert f"env: PATH={Path(PY).parent}{os.pathsep}" in out
    assert not (recipe / "data").exists() and not (recipe / "matcha" / "exp").exists()
    using = [line for line in out.splitlines() if line.startswith("Using --num-workers")]
    assert using and "CPUs" in using[0] and "GiB RAM" in using[0], using


def test_gate_blocks_and_force_goes_on(tmp_path: Path) -> None:
    recipe = make_icefall(tmp_path / "ice")
    broken = tmp_path / "python3"
    broken.write_text(
        f'#!/bin/sh\ncase "$1" in */idoctor_*) echo probe broke >&2; exit 1;; esac\n'
        f'exec {PY} "$@"\n'
    )
    broken.chmod(0o755)
    args = ("run", "fake/matcha", "--icefall", str(tmp_path / "ice"), "--python", str(broken))
    proc = run_cli(*args, "--steps", "prepare")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "block this run" in proc.stdout and "--force" in proc.stdout
    assert not (recipe / "data" / "ran.txt").exists()
    forced = run_cli(*args, "--steps", "prepare", "--force")
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert "--force: going on despite" in forced.stdout
    assert "python.interpreter" in forced.stdout  # the target itself, said once
    assert "Traceback" not in forced.stdout and "recipe probe crashed" not in forced.stdout
    assert (recipe / "data" / "ran.txt").read_text().split("\n")[:4] == [
        "ran 0",
        "ran 1",
        "ran 2",
        "ran 3",
    ]


def test_world_size_beyond_usable_gpus_blocks(tmp_path: Path) -> None:
    recipe = make_icefall(tmp_path / "ice")
    proc = _run(tmp_path / "ice", "--steps", "train", "--world-size", "64")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "--world-size 64 needs 64 usable GPUs" in proc.stdout
    assert not (recipe / "matcha" / "exp").exists()


def test_stage_range_and_done_stages(tmp_path: Path) -> None:
    recipe = make_icefall(tmp_path / "ice")
    (recipe / "data").mkdir()
    (recipe / "data" / ".stage1.done").touch()
    proc = _run(
        tmp_path / "ice", "--force", "--steps", "prepare", "--from-stage", "1", "--to-stage", "2"
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "stage 1: manifests" in proc.stdout and "stage 2: tokens" in proc.stdout
    assert "stage 3" not in proc.stdout and "stage 0" not in proc.stdout
    assert (recipe / "data" / "ran.txt").read_text() == "ran 2\n"
    log = next((recipe / "matcha" / "exp" / "icefall-doctor").glob("prepare-*.log"))
    assert "Stage 2: tokens" in log.read_text()


def test_default_start_is_first_undone_stage_of_a_known_recipe(tmp_path: Path) -> None:
    recipe = make_icefall(tmp_path / "ice", corpus="baker_zh")
    (recipe / "matcha" / "monotonic_align" / "build").mkdir(parents=True)
    (recipe / "download" / "BZNSYP" / "Wave").mkdir(parents=True)
    proc = run_cli(
        "run",
        "baker_zh/matcha",
        "--icefall",
        str(tmp_path / "ice"),
        "--python",
        PY,
        "--steps",
        "prepare",
        "--dry-run",
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "$ bash ./prepare.sh --stage 1 --stop-stage 7" in proc.stdout


def test_train_resumes_from_newest_checkpoint(tmp_path: Path) -> None:
    recipe = make_icefall(tmp_path / "ice")
    first = _run(tmp_path / "ice", "--force", "--steps", "train", "--", "--num-epochs", "2")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "epoch 2/2" in first.stdout and "saved matcha/exp/epoch-2.pt" in first.stdout
    assert "checkpoints written: epoch-1.pt, epoch-2.pt" in first.stdout
    again = _run(tmp_path / "ice", "--force", "--steps", "train", "--", "--num-epochs", "3")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "--start-epoch 3" in again.stdout and "optimizer state is not restored" in again.stdout
    runs = _argv_runs(recipe)
    assert "--start-epoch" not in runs[0] and _opt(runs[1], "--start-epoch") == "3"
    assert "checkpoints written: epoch-3.pt" in again.stdout


def test_oom_retry_reduces_max_duration_and_resumes(tmp_path: Path) -> None:
    recipe = make_icefall(tmp_path / "ice")
    env = {"FAKE_TRAIN": "oom:100:2"}
    proc = _run(
        tmp_path / "ice",
        "--force",
        "--steps",
        "train",
        "--retry-oom",
        "--max-duration",
        "200",
        "--",
        "--num-epochs",
        "3",
        env=env,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "retry 1 of 3 with --max-duration 140 (was 200)" in proc.stdout
    assert "retry 2 of 3 with --max-duration 98 (was 140)" in proc.stdout
    runs = _argv_runs(recipe)
    assert [_opt(r, "--max-duration") for r in runs] == ["200", "140", "98"]
    assert "--start-epoch" not in runs[0]
    assert _opt(runs[1], "--start-epoch") == "2" and _opt(runs[2], "--start-epoch") == "2"
    assert (recipe / "matcha" / "exp" / "epoch-3.pt").exists()


def test_oom_without_retry_fails_with_log_and_diagnosis(tmp_path: Path) -> None:
    make_icefall(tmp_path / "ice")
    proc = _run(
        tmp_path / "ice",
        "--force",
        "--steps",
        "train,export",
        "--max-duration",
        "300",
        env={"FAKE_TRAIN": "oom:100:1"},
    )
    assert proc.returncode == 1
    assert "train failed with exit code 1" in proc.stdout
    assert "train-" in proc.stdout and ".log" in proc.stdout
    assert "CUDA out of memory" in proc.stdout
    assert "--retry-oom" in proc.stdout and "export" not in proc.stdout.split("Summary")[1]


def test_export_best_epoch_with_legacy_exporter(tmp_path: Path) -> None:
    recipe = make_icefall(tmp_path / "ice")
    torch_dir = make_fake_torch(tmp_path / "faketorch")
    env = {"PYTHONPATH": str(torch_dir)}
    proc = _run(
        tmp_path / "ice",
        "--force",
        "--steps",
        "train,export",
        "--epoch",
        "best",
        "--",
        "--num-epochs",
        "12",
        env=env,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out_dirs = list((recipe / "matcha" / "exp").glob("onnx-epoch-*"))
    assert len(out_dirs) == 1
    epoch = out_dirs[0].name.split("-")[-1]
    assert f"Exporting epoch {epoch} (lowest validation loss)" in proc.stdout
    assert epoch in ("5", "6", "7")  # tot_loss is lowest at epoch 6 (smoothing may shift it)
    assert sorted(p.name for p in out_dirs[0].iterdir()) == [
        "model-steps-2.onnx",
        "model-steps-3.onnx",
    ]
    assert "model-steps-2.onnx  1,234 bytes" in proc.stdout
    assert not list(recipe.glob("*.onnx"))
    log = next((recipe / "matcha" / "exp" / "icefall-doctor").glob("export-*.log")).read_text()
    assert "legacy exporter (dynamo=False)" in log and "sibling matcha-sibling" in log


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def test_ctrl_c_stops_the_group_and_leaves_no_orphans(tmp_path: Path) -> None:
    recipe = make_icefall(tmp_path / "ice")
    exp = recipe / "matcha" / "exp"
    env = dict(os.environ, PYTHONPATH=str(REPO), FAKE_TRAIN="hang", COLUMNS="200")
    runner = subprocess.Popen(
        [
            PY,
            "-m",
            "doctor",
            "run",
            "fake/matcha",
            "--icefall",
            str(tmp_path / "ice"),
            "--python",
            PY,
            "--force",
            "--steps",
            "train,export",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 60
    while not (exp / "grandchild.pid").exists() and runner.poll() is None:
        assert time.monotonic() < deadline, "the fake train.py never started"
        time.sleep(0.1)
    time.sleep(0.3)
    pids = [int((exp / n).read_text()) for n in ("train.pid", "grandchild.pid")]
    assert all(_alive(p) for p in pids)
    runner.send_signal(signal.SIGINT)
    out, _ = runner.communicate(timeout=60)
    assert runner.returncode == 130, out
    assert "Interrupted during train" in out
    assert "To go on: icefall-doctor run fake/matcha --steps train,export" in out
    time.sleep(0.2)
    assert not any(_alive(p) for p in pids)


@pytest.mark.icefall
def test_dry_run_against_real_icefall() -> None:
    root = os.environ.get("ICEFALL_DIR")
    if not root:
        pytest.skip("ICEFALL_DIR is not set")
    proc = run_cli("run", "baker_zh/matcha", "--icefall", root, "--python", PY, "--dry-run")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    recipe = Path(root).resolve() / "egs" / "baker_zh" / "TTS"
    assert f"cwd: {recipe}" in proc.stdout
    assert "./matcha/train.py --exp-dir matcha/exp" in proc.stdout
    assert "./matcha/export_onnx.py --exp-dir matcha/exp --epoch" in proc.stdout


@pytest.mark.parametrize(
    ("stages", "said"),
    [
        (("--from-stage", "5", "--to-stage", "2"), "--from-stage 5 is after --to-stage 2"),
        (("--from-stage", "50"), "--from-stage 50: prepare.sh has stages -1..7"),
        (("--to-stage", "-3"), "--to-stage -3: prepare.sh has stages -1..7"),
    ],
)
def test_stages_prepare_sh_does_not_have_are_a_usage_error(
    tmp_path: Path, stages: tuple[str, ...], said: str
) -> None:
    make_icefall(tmp_path / "ice", corpus="baker_zh")
    proc = run_cli("run", "baker_zh/matcha", "--icefall", str(tmp_path / "ice"), "--python", PY,
                   "--steps", "prepare", "--dry-run", *stages)  # fmt: skip
    assert proc.returncode == 2, proc.stdout
    assert f"icefall-doctor: error: {said}" in proc.stderr
    assert "prepare.sh --stage" not in proc.stdout


@pytest.mark.parametrize("name", ["baker_zh", "../../../etc", "", "a/b/c"])
def test_a_name_that_is_no_recipe_is_a_usage_error_before_any_probe(name: str) -> None:
    proc = run_cli("run", name, "--dry-run")
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"icefall-doctor: error: unknown recipe '{name}'")
    assert "known recipes: baker_zh/matcha" in proc.stderr and not proc.stdout


def test_a_checkpoint_cut_short_is_not_resumed_from(tmp_path: Path) -> None:
    """Training killed while saving leaves an empty or truncated epoch-N.pt: the run resumes
    from the newest one that is whole, and says which file it passed over."""
    recipe = make_icefall(tmp_path / "ice")
    exp = recipe / "matcha" / "exp"
    exp.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("archive/data.pkl", b"x" * 1000)
    (exp / "epoch-3.pt").write_bytes(buf.getvalue())  # torch.save's format, whole
    (exp / "epoch-4.pt").write_bytes(buf.getvalue()[:300])  # cut short
    (exp / "epoch-5.pt").write_bytes(b"")  # empty
    (exp / "epoch-99999999999999999999.pt").write_bytes(b"pt")  # no epoch icefall trained
    proc = _run(tmp_path / "ice", "--force", "--steps", "train", "--dry-run")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "--start-epoch 4" in proc.stdout
    for name in ("epoch-4.pt", "epoch-5.pt"):
        assert f"{name} is empty or cut short" in " ".join(proc.stdout.split())


def test_the_gate_counts_problems_as_check_does(tmp_path: Path, bare_venv: Path) -> None:
    """A bare venv: lhotse missing is seen by the lhotse check and the recipe scan; the gate
    shows it once and counts each problem once, as `check` does."""
    make_icefall(tmp_path / "ice", corpus="baker_zh")
    args = ("baker_zh/matcha", "--icefall", str(tmp_path / "ice"), "--python", str(bare_venv))
    proc = run_cli("run", *args, "--dry-run", "--offline")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    failed = [line for line in lines if line.startswith("  ✗ ")]
    assert sum("lhotse is not installed" in line for line in failed) == 1
    assert not [line for line in failed if "No module named 'lhotse'" in line]
    assert "Also found by: " in proc.stdout
    (dry,) = [line for line in lines if line.startswith("Dry run: ") and "blocking" in line]
    assert dry.startswith(f"Dry run: {len(failed)} blocking problem(s) would stop this run: ")


def test_an_epoch_the_user_gives_is_shown_in_the_dry_run_export(tmp_path: Path) -> None:
    make_icefall(tmp_path / "ice")
    proc = _run(tmp_path / "ice", "--force", "--dry-run", "--epoch", "7")
    assert proc.returncode == 0, proc.stderr
    assert "export_onnx.py --exp-dir matcha/exp --epoch 7" in proc.stdout
    assert "--epoch is chosen after training" not in proc.stdout
