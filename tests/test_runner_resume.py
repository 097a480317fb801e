"""The runner's "To go on" command repeats every option the user gave, and every log file it
writes carries the run's time, whatever the steps."""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from doctor.cli import build_parser
from doctor.commands.run import options
from doctor.runner.adapters import Advice
from doctor.runner.plan import RunOptions, build
from doctor.runner.summary import resume_command
from tests.helpers import REPO, run_cli
from tests.runner_fixtures import make_icefall

PY = sys.executable
STAMPED = re.compile(r"^(prepare|train|export)-\d{8}-\d{6}\.log$")


def _options(argv: list[str]) -> RunOptions:
    """The options exactly as `icefall-doctor ARGV` would parse them."""
    assert argv[:2] == ["icefall-doctor", "run"]
    return options(build_parser("run").parse_args(argv[1:]))


def test_resume_command_parses_back_to_the_same_options(tmp_path: Path) -> None:
    ice = tmp_path / "ice with space"
    make_icefall(ice)
    voc = tmp_path / "voc 'v2'.onnx"
    voc.write_bytes(b"onnx")
    given = ["icefall-doctor", "run", "fake/matcha", "--icefall", str(ice), "--python", PY,
             "--steps", "prepare,train,export", "--smoke-onnx", "--vocoder", str(voc),
             "--from-stage", "1", "--to-stage", "3", "--max-duration", "50", "--num-workers", "1",
             "--world-size", "1", "--epoch", "best", "--force", "--retry-oom", "--lang", "en",
             "--", "--num-epochs", "7", "--exp-dir", "matcha/exp 2"]  # fmt: skip
    opts = _options(given)
    plan = build(opts, PY, Advice(), dict(os.environ), tmp_path)
    cmd = resume_command(opts, plan, "train")
    again = _options(shlex.split(cmd))
    assert again.steps == ("train", "export", "smoke")
    assert replace(again, steps=opts.steps, icefall=opts.icefall) == opts
    assert again.icefall == str(ice)
    assert cmd.endswith("-- --num-epochs 7 --exp-dir 'matcha/exp 2'")


def test_resume_command_keeps_a_minimal_run_minimal(tmp_path: Path) -> None:
    make_icefall(tmp_path / "ice")
    opts = _options(["icefall-doctor", "run", "fake/matcha", "--icefall", str(tmp_path / "ice"),
                     "--python", PY])  # fmt: skip
    plan = build(opts, PY, Advice(), dict(os.environ), tmp_path)
    assert resume_command(opts, plan, "export") == shlex.join(
        ["icefall-doctor", "run", "fake/matcha", "--steps", "export", "--icefall",
         str(tmp_path / "ice"), "--python", PY]
    )  # fmt: skip


def _argv_runs(recipe: Path) -> list[list[str]]:
    lines = (recipe / "matcha" / "exp" / "argv.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines]


def _training(ice: Path, exp: Path, user: list[str]) -> subprocess.Popen[str]:
    """`icefall-doctor run` with a fake train.py that hangs, once training has started."""
    argv = [PY, "-m", "doctor", "run", "fake/matcha", "--icefall", str(ice), "--python", PY, *user]
    env = dict(os.environ, PYTHONPATH=str(REPO), FAKE_TRAIN="hang", COLUMNS="300")
    runner = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env=env)  # fmt: skip
    deadline = time.monotonic() + 60
    while not (exp / "grandchild.pid").exists() and runner.poll() is None:
        assert time.monotonic() < deadline, "the fake train.py never started"
        time.sleep(0.1)
    time.sleep(0.3)
    return runner


def test_ctrl_c_then_the_printed_command_goes_on_with_every_option(tmp_path: Path) -> None:
    recipe = make_icefall(tmp_path / "ice")
    exp = recipe / "matcha" / "exp"
    user = ["--force", "--steps", "train,export", "--max-duration", "50", "--num-workers", "1",
            "--retry-oom", "--", "--num-epochs", "4"]  # fmt: skip
    runner = _training(tmp_path / "ice", exp, user)
    runner.send_signal(signal.SIGINT)
    out, _ = runner.communicate(timeout=60)
    assert runner.returncode == 130, out
    line = next(x for x in out.splitlines() if x.startswith("To go on: "))
    resume = shlex.split(line[len("To go on: ") :])
    for option in ("--force", "--retry-oom"):
        assert option in resume
    assert resume[resume.index("--max-duration") + 1] == "50"
    assert resume[resume.index("--num-workers") + 1] == "1"
    assert resume[resume.index("--") :] == ["--", "--num-epochs", "4"]

    proc = run_cli(*resume[1:], env={"FAKE_TRAIN": "ok"}, timeout=180)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr  # export may fail: no torch
    last = _argv_runs(recipe)[-1]
    assert last[last.index("--max-duration") + 1] == "50"
    assert last[last.index("--num-epochs") + 1] == "4"
    assert (exp / "epoch-4.pt").is_file()


def test_every_log_carries_its_time_export_only_too(tmp_path: Path) -> None:
    recipe = make_icefall(tmp_path / "ice")
    exp = recipe / "matcha" / "exp"
    first = run_cli("run", "fake/matcha", "--icefall", str(tmp_path / "ice"), "--python", PY,
                    "--force", "--steps", "prepare,train", "--", "--num-epochs", "3")  # fmt: skip
    assert first.returncode == 0, first.stdout + first.stderr
    time.sleep(1.1)  # a later second: a later stamp
    again = run_cli("run", "fake/matcha", "--icefall", str(tmp_path / "ice"), "--python", PY,
                    "--force", "--steps", "export", "--epoch", "best")  # fmt: skip
    assert "Exporting epoch" in again.stdout, again.stdout + again.stderr
    logs = sorted(p.name for p in (exp / "icefall-doctor").iterdir())
    assert len(logs) == 3 and all(STAMPED.match(name) for name in logs), logs
    assert {name.split("-", 1)[0] for name in logs} == {"prepare", "train", "export"}
    stamps = {name.split("-", 1)[1] for name in logs}
    assert len(stamps) == 2  # prepare and train share the first run's time
    assert f"log: {exp / 'icefall-doctor' / next(n for n in logs if n.startswith('export'))}" in (
        again.stdout
    )


def test_one_stop_delivered_twice_still_ends_with_the_summary(tmp_path: Path) -> None:
    """`timeout -s INT` signals the tool and then its whole group: two SIGINTs at once. That is
    one stop: the run still ends children politely and prints how to go on."""
    recipe = make_icefall(tmp_path / "ice")
    exp = recipe / "matcha" / "exp"
    runner = _training(tmp_path / "ice", exp, ["--force", "--steps", "train"])
    runner.send_signal(signal.SIGINT)
    runner.send_signal(signal.SIGINT)
    out, _ = runner.communicate(timeout=60)
    assert runner.returncode == 130, out
    assert "Interrupted during train" in out and "To go on: " in out
