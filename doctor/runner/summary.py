"""What the user reads around a run: the dry run, the gate, a failure, and the summary."""

from __future__ import annotations

import contextlib
import re
import shlex
import sys
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape

from doctor.findings import Finding, Msg, msg
from doctor.messages import t, text
from doctor.msgtype import joined
from doctor.runner import adapters, smoke
from doctor.runner.child import ChildResult
from doctor.runner.display import fmt_seconds
from doctor.runner.export import EpochChoice, choose_epoch
from doctor.runner.gate import WorldSizeProblem
from doctor.runner.plan import Plan, RunOptions, command_line
from doctor.runner.session import Outcome, export_step
from doctor.runner.steps import StepCommand

TAIL_SHOWN = 15


class Printer:
    def __init__(self, console: Console, lang: str) -> None:
        self.console, self.lang = console, lang

    def __call__(self, key: str, style: str = "", **params: Any) -> None:
        text = escape(t(key, self.lang, **params))
        self.console.print(
            f"[{style}]{text}[/]" if style else text, highlight=False, soft_wrap=True
        )


def dry_run(say: Printer, plan: Plan, opts: RunOptions) -> None:
    say("runner.dry.header", style="bold")
    commands: list[StepCommand] = [c for c in (plan.prepare, plan.train) if c is not None]
    if "prepare" in plan.steps and plan.prepare is None:
        say("runner.prepare.all_done")
    note = ""
    if "export" in plan.steps:
        cmd, note = _export_preview(plan, opts, say.lang)
        commands.append(cmd)
    for cmd in commands:
        say("runner.dry.step", style="bold", step=cmd.step)
        say("runner.dry.cwd", cwd=cmd.cwd)
        for name, value in sorted(cmd.env_changes.items()):
            say("runner.dry.env", name=name, value=value)
        say("runner.dry.log", log=cmd.log)
        say("runner.dry.cmd", style="cyan", cmd=cmd.shell())
    if note:
        say("runner.dry.export_epoch", what=note)
    if "smoke" in plan.steps:
        _smoke_preview(say, plan, opts)


def _smoke_preview(say: Printer, plan: Plan, opts: RunOptions) -> None:
    epoch = "N"
    if "train" not in plan.steps:
        with contextlib.suppress(Exception):  # shown as N; the real run reports it
            epoch = str(choose_epoch(plan.exp_dir, opts.epoch))
    directory = plan.exp_dir / f"onnx-epoch-{epoch}"
    given = smoke.inputs(directory, plan.recipe_dir, opts.vocoder or "")
    say("runner.dry.step", style="bold", step="smoke")
    say("runner.dry.smoke", dir=directory)
    say("runner.dry.cmd", style="cyan", cmd=smoke.command(directory, given))
    if smoke.onnxruntime_missing():
        onnxruntime_warning(say)


def onnxruntime_warning(say: Printer) -> None:
    say("runner.smoke.no_ort", style="yellow", python=sys.executable)


def _export_preview(plan: Plan, opts: RunOptions, lang: str) -> tuple[StepCommand, str]:
    if opts.epoch and opts.epoch.isdigit():  # the user's own number: known now
        return export_step(plan, opts.epoch), ""
    if "train" not in plan.steps:
        try:
            return export_step(plan, choose_epoch(plan.exp_dir, opts.epoch)), ""
        except Exception:  # shown as N; the real run reports the problem
            pass
    return export_step(plan, "N"), opts.epoch or t("runner.export.why.last", lang)


def advice(say: Printer, plan: Plan, reasons: Sequence[tuple[str, Any]]) -> None:
    reason = joined([msg(f"recipe.reason.{k}", **dict(p)) for k, p in reasons], "phrase.reasons")
    why = (
        text(reason, say.lang) if isinstance(reason, Msg) else t("runner.advice.default", say.lang)
    )
    for name, value in plan.advice_used:
        say("runner.advice", name=name, value=value, why=why)
    if plan.train is not None:
        last = plan.resume.checkpoint
        for path in plan.resume.skipped:  # the newest checkpoint is empty or cut short
            key = "runner.resume.skipped" if last else "runner.resume.skipped_fresh"
            say(key, style="yellow", file=path.name, start=last.name if last else "")


def gate(
    say: Printer,
    console: Console,
    blocking: Sequence[Finding | WorldSizeProblem],
    forced: bool,
    dry: bool,
) -> None:
    """Blocking findings as `check` shows them; a --world-size this machine cannot run (too few
    GPUs, no NCCL) as world_size."""
    from doctor.render.problems import problems
    from doctor.render.text import finding

    found = problems([f for f in blocking if isinstance(f, Finding)])  # one per root cause
    names = {p.face.check for p in found} | {
        "world_size" for f in blocking if not isinstance(f, Finding)
    }
    checks = ", ".join(sorted(names))
    for problem in found:
        finding(console, problem.face, False, say.lang, problem)
    n = len(found) + sum(1 for f in blocking if not isinstance(f, Finding))
    if dry and blocking:
        say("runner.gate.dry", style="yellow", n=n, checks=checks)
    elif forced and blocking:
        say("runner.gate.forced", style="yellow", n=n, checks=checks)
    elif blocking:
        say("runner.gate.blocked", style="bold red", n=n)


def failure(say: Printer, console: Console, result: ChildResult) -> None:
    say(
        "runner.step.failed",
        style="bold red",
        step=result.step,
        code=result.returncode,
        seconds=fmt_seconds(result.seconds),
        log=result.log,
    )
    say("runner.step.tail", style="dim")
    for line in result.tail[-TAIL_SHOWN:]:
        console.print(f"  [dim]{escape(line)}[/]", highlight=False, soft_wrap=True)
    diagnoses = adapters.diagnose(result.tail, say.lang)
    if diagnoses:
        from doctor.explain.render import render_text

        render_text(console, diagnoses, say.lang)
    else:
        say("runner.step.no_diagnosis", log=result.log)


def resume_command(opts: RunOptions, plan: Plan, from_step: str) -> str:
    """The run again from the interrupted step, with every option the user gave."""
    steps = plan.steps[plan.steps.index(from_step) :] if from_step in plan.steps else plan.steps
    return shlex.join(command_line(opts, steps, plan.icefall, plan.python))


def _status(status: str) -> Msg:
    """A step's status ("ok", "exit 2", "oom", "not run", "3 failed", ...) as a message."""
    if m := re.fullmatch(r"exit (-?\d+)", status):
        return msg("run.status.exit", code=int(m.group(1)))
    if m := re.fullmatch(r"(\d+) failed", status):
        return msg("run.status.failed", n=int(m.group(1)))
    return msg("run.status." + status.replace(" ", "_"))


def summary(say: Printer, out: Outcome) -> None:
    say("runner.summary", style="bold")
    for step, status, seconds in out.steps:
        say("runner.summary.step", step=step, status=_status(status), seconds=fmt_seconds(seconds))
    files = ", ".join(f"epoch-{e}.pt" for e in out.checkpoints) or t("runner.none", say.lang)
    say("runner.summary.checkpoints", files=files)
    if out.onnx:
        say("runner.summary.onnx", dir=out.onnx_dir)
        for f in out.onnx:
            say("runner.export.file", path=f.path.name, size=f"{f.size:,} bytes")
    if out.epoch is not None:
        epoch_choice(say, out.epoch)
    if out.smoke is not None:
        smoke_summary(say, out.smoke)


def epoch_choice(say: Printer, choice: EpochChoice) -> None:
    """Which epoch was exported and why; for --epoch best, what the analysis saw."""
    a = choice.analysis
    if choice.how != "best" or a is None or a.primary is None:
        how = "best_log" if choice.how == "best" else choice.how
        say(f"runner.summary.epoch.{how}", epoch=choice.epoch)
        return
    v = a.verdicts[a.primary]
    key = "runner.summary.epoch.best" if a.smoothed else "runner.summary.epoch.best_raw"
    say(key, epoch=choice.epoch, loss=a.primary, n=len(a.checkpoints))
    _reader(say, a)
    params = {
        "loss": a.primary,
        "epoch": choice.epoch,
        "min": v.valid_min_epoch,
        "onset": v.onset_epoch,
        "points": v.valid_points,
        "past": a.epochs_past_best or 0,
        "last": a.last_epoch,
    }
    say(f"runner.summary.curve.{v.status}", **params)


def _reader(say: Printer, a: Any) -> None:
    """Which event reader (and interpreter) the --epoch best analysis used."""
    from doctor.analyze.report import reader_line

    line = reader_line(a, say.lang)
    if line:
        say("runner.summary.reader", line=line)


def smoke_summary(say: Printer, result: smoke.SmokeResult) -> None:
    say("runner.summary.smoke", dir=result.directory)
    if result.error is not None:
        message, hint = result.error.render(say.lang)
        say("runner.summary.smoke.error", style="red", message=message)
        if hint:
            say("runner.summary.smoke.hint", hint=hint)
        return
    if result.report is not None:
        from doctor.commands.smoke_onnx import render

        render(result.report, say.lang)
