"""Runs a plan: each step as a child, the OOM retry, export collection, and what happened."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from doctor.errors import DoctorError
from doctor.runner import oom, smoke
from doctor.runner.child import ChildResult, run_child
from doctor.runner.export import EpochChoice, OnnxFile, collect_onnx, pick_epoch, snapshot
from doctor.runner.plan import Plan, RunOptions
from doctor.runner.progress import Observer
from doctor.runner.resume import checkpoint_epochs, resume_point
from doctor.runner.smoke import SmokeResult
from doctor.runner.steps import StepCommand, export_command

Say = Callable[..., None]  # say(message_key, **params)


@dataclass
class Outcome:
    """What a run did, for the summary and the exit code."""

    steps: list[tuple[str, str, float]] = field(default_factory=list)  # step, status, seconds
    checkpoints: list[int] = field(default_factory=list)
    onnx: list[OnnxFile] = field(default_factory=list)
    onnx_dir: Path | None = None
    failed: ChildResult | None = None
    interrupted: str = ""
    epoch: EpochChoice | None = None  # the exported epoch and why
    smoke: SmokeResult | None = None

    @property
    def ok(self) -> bool:
        smoke_ok = self.smoke is None or self.smoke.ok
        return self.failed is None and not self.interrupted and smoke_ok


def export_step(plan: Plan, epoch: int | str) -> StepCommand:
    exp = os.path.relpath(plan.exp_dir, plan.recipe_dir)
    options = {"--exp-dir": exp, "--epoch": str(epoch)}
    return export_command(
        plan.python,
        plan.recipe_dir,
        f"./{plan.recipe.export}",
        options,
        plan.env,
        plan.log("export"),
    )


class Session:
    def __init__(
        self,
        plan: Plan,
        opts: RunOptions,
        observer: Observer,
        say: Say,
        base_env: Mapping[str, str] | None = None,
        grace: float = 10.0,
    ) -> None:
        self.plan, self.opts, self.observer, self.say = plan, opts, observer, say
        self.base_env = dict(os.environ if base_env is None else base_env)
        self.grace = grace
        self.outcome = Outcome()

    def _run(self, cmd: StepCommand) -> ChildResult:
        self.observer.step_started(cmd.step, cmd.shell(), str(cmd.log))
        result = run_child(cmd, self.base_env, self.observer, self.grace)
        self.observer.step_finished(cmd.step, result.returncode)
        status = (
            "interrupted"
            if result.interrupted
            else ("ok" if result.returncode == 0 else f"exit {result.returncode}")
        )
        self.outcome.steps.append((cmd.step, status, result.seconds))
        if result.interrupted:
            self.outcome.interrupted = cmd.step
        elif result.returncode != 0:
            self.outcome.failed = result
        return result

    def run(self) -> Outcome:
        before = set(checkpoint_epochs(self.plan.exp_dir))
        try:
            for step in self.plan.steps:
                if not getattr(self, f"_{step}")():
                    break
        finally:
            now = checkpoint_epochs(self.plan.exp_dir)
            self.outcome.checkpoints = [e for e in now if e not in before]
        return self.outcome

    def _prepare(self) -> bool:
        if self.plan.prepare is None:
            self.say("runner.prepare.all_done")
            return True
        return self._ok(self._run(self.plan.prepare))

    def _ok(self, result: ChildResult) -> bool:
        return result.returncode == 0 and not result.interrupted

    def _train(self) -> bool:
        cmd = self.plan.train
        assert cmd is not None
        if self.plan.resume.checkpoint:
            self.say(
                "runner.resume",
                checkpoint=self.plan.resume.checkpoint,
                start=self.plan.resume.start_epoch,
            )
        result = self._run(cmd)
        retries = 0
        while self._oom(result) and self.opts.retry_oom and retries < oom.MAX_RETRIES:
            retries += 1
            step, _, seconds = self.outcome.steps[-1]
            self.outcome.steps[-1] = (step, "oom", seconds)
            cmd = self._retry_command(cmd, retries)
            self.outcome.failed = None
            result = self._run(cmd)
        if self._oom(result):
            key = "runner.oom.gave_up" if self.opts.retry_oom else "runner.oom.hint"
            self.say(key, max=oom.MAX_RETRIES, value=f"{_max_duration(cmd):g}")
        return self._ok(result)

    def _oom(self, result: ChildResult) -> bool:
        return result.returncode != 0 and not result.interrupted and oom.is_oom(result.tail)

    def _retry_command(self, cmd: StepCommand, n: int) -> StepCommand:
        old = _max_duration(cmd)
        new = oom.reduced(old)
        argv = _set_option(list(cmd.argv), "--max-duration", str(new))
        resume = resume_point(self.plan.exp_dir)
        if resume.checkpoint:
            argv = _set_option(argv, "--start-epoch", str(resume.start_epoch))
        self.say("runner.oom.retry", n=n, max=oom.MAX_RETRIES, new=new, old=f"{old:g}")
        return cmd.with_argv(argv)

    def _export(self) -> bool:
        self.outcome.epoch = choice = pick_epoch(self.plan.exp_dir, self.opts.epoch)
        epoch = choice.epoch
        why = "best" if choice.how.startswith("best") else choice.how
        self.say("runner.export.epoch", epoch=epoch, why=_why(why))
        cmd = export_step(self.plan, epoch)
        before = snapshot(cmd.cwd)
        result = self._run(cmd)
        out_dir = self.plan.exp_dir / f"onnx-epoch-{epoch}"
        self.outcome.onnx = collect_onnx(cmd.cwd, before, out_dir)
        self.outcome.onnx_dir = out_dir
        if self._ok(result) and not self.outcome.onnx:
            self.say("runner.export.none", cwd=cmd.cwd)
        return self._ok(result)

    def _smoke(self) -> bool:
        directory = self.outcome.onnx_dir
        if directory is None:  # smoke only: the export of the epoch --epoch names
            try:
                epoch = pick_epoch(self.plan.exp_dir, self.opts.epoch).epoch
            except DoctorError as exc:
                self.outcome.smoke = SmokeResult(
                    self.plan.exp_dir, error=DoctorError(exc.parts[0], exit_code=exc.exit_code)
                )
                self.outcome.steps.append(("smoke", "not run", 0.0))
                return False
            directory = self.plan.exp_dir / f"onnx-epoch-{epoch}"
        given = smoke.inputs(directory, self.plan.recipe_dir, self.opts.vocoder or "")
        self.say("runner.smoke.start", cmd=smoke.command(directory, given))
        result = self.outcome.smoke = smoke.run(directory, given)
        self.outcome.steps.append(("smoke", result.status, result.seconds))
        return result.ok


def _why(kind: str) -> str:
    from doctor.messages import t

    return t(f"runner.export.why.{kind}")


def _max_duration(cmd: StepCommand) -> float:
    argv = list(cmd.argv)
    value = None
    for i, token in enumerate(argv[:-1]):
        if token == "--max-duration":
            value = argv[i + 1]
    try:
        return float(value) if value is not None else float(oom.ICEFALL_DEFAULT_MAX_DURATION)
    except ValueError:
        return float(oom.ICEFALL_DEFAULT_MAX_DURATION)


def _set_option(argv: list[str], name: str, value: str) -> list[str]:
    """Set every occurrence of `name value` (the last wins in argparse); append if absent."""
    found = False
    out = list(argv)
    for i, token in enumerate(out[:-1]):
        if token == name:
            out[i + 1] = value
            found = True
    return out if found else [*out, name, value]
