"""`icefall-doctor run RECIPE`: gated prepare, train and export with progress and logs."""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import shlex
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console

from doctor import context, exitcodes
from doctor.analyze import Analysis
from doctor.checks.registry import CHECKS
from doctor.commands.common import (
    add_icefall_option,
    add_lang_option,
    add_mirror_option,
    add_offline_option,
    add_python_option,
)
from doctor.console import make_console
from doctor.errors import DoctorError
from doctor.fixer import mirror
from doctor.messages import language, t
from doctor.msgtype import msg
from doctor.recipe.model import unknown
from doctor.runner import adapters, smoke, summary
from doctor.runner.display import LiveObserver, PlainObserver
from doctor.runner.gate import run_gate, world_size_problem
from doctor.runner.overfit import OverfitWatch
from doctor.runner.plan import (
    Plan,
    RunOptions,
    build,
    command_line,
    find_icefall,
    parse_steps,
)
from doctor.runner.progress import Observer
from doctor.runner.session import Session
from doctor.runner.steps import STEPS, child_env


def _at_least(low: int, lang: str = "en") -> Callable[[str], int]:
    """An argparse type: a whole number >= low, else a one-line usage error naming it."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                t("run.usage.not_whole", lang, value=repr(text))
            ) from None
        if value < low:
            raise argparse.ArgumentTypeError(t("run.usage.less_than", lang, value=value, low=low))
        return value

    return parse


def _epoch(lang: str = "en") -> Callable[[str], str]:
    """An argparse type: an epoch to export, a whole number >= 1, or "best"."""

    def parse(text: str) -> str:
        if text == "best":
            return text
        try:
            return str(_at_least(1)(text))
        except argparse.ArgumentTypeError:
            raise argparse.ArgumentTypeError(t("run.usage.epoch", lang, value=repr(text))) from None

    return parse


def add_arguments(p: argparse.ArgumentParser) -> None:
    lang = str(getattr(p, "lang", "en"))  # the CLI's parser knows the language of its help
    p.add_argument("recipe", metavar="RECIPE", help="run.opt.recipe")
    p.add_argument("--steps", default=",".join(STEPS), help="run.opt.steps")
    p.add_argument("--from-stage", type=int, metavar="N", help="run.opt.from_stage")
    p.add_argument("--to-stage", type=int, metavar="M", help="run.opt.to_stage")
    p.add_argument(
        "--max-duration", type=_at_least(1, lang), metavar="N", help="run.opt.max_duration"
    )
    p.add_argument(
        "--num-workers", type=_at_least(0, lang), metavar="N", help="run.opt.num_workers"
    )
    p.add_argument("--world-size", type=_at_least(1, lang), metavar="N", help="run.opt.world_size")
    p.add_argument("--epoch", type=_epoch(lang), metavar="N|best", help="run.opt.epoch")
    p.add_argument(
        "--smoke-onnx",
        action="store_true",
        help="run.opt.smoke_onnx",
    )
    p.add_argument("--vocoder", metavar="F", help="run.opt.vocoder")
    p.add_argument("--dry-run", action="store_true", help="run.opt.dry_run")
    p.add_argument("--force", action="store_true", help="run.opt.force")
    p.add_argument(
        "--retry-oom",
        action="store_true",
        help="run.opt.retry_oom",
    )
    add_icefall_option(p)
    add_python_option(p)
    add_offline_option(p)
    add_lang_option(p)
    add_mirror_option(p)
    p.epilog = "run.epilog"
    p.set_defaults(extra=[])
    # argparse cannot take `RECIPE [options] -- ARGS` (a positional after options); split the
    # arguments at the first -- before this subcommand's parser sees them.
    setattr(p, "parse_known_args", _split_at_dashes(p.parse_known_args))  # noqa: B010


def _split_at_dashes(parse: Callable[..., Any]) -> Callable[..., Any]:
    def parse_known_args(
        args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> Any:
        items = list(args or [])
        tail: list[str] = []
        if "--" in items:
            i = items.index("--")
            items, tail = items[:i], items[i + 1 :]
        ns, rest = parse(items, namespace)
        ns.extra = tail
        return ns, rest

    return parse_known_args


def run(ns: argparse.Namespace) -> int:
    return run_recipe(options(ns), language(ns.lang))


def options(ns: argparse.Namespace) -> RunOptions:
    """The parsed command line as the runner's options (checked: steps, the vocoder file)."""
    steps = parse_steps(ns.steps + (",smoke" if ns.smoke_onnx else ""))
    smoke.check_usage(steps, ns.vocoder, language(ns.lang))
    return RunOptions(
        recipe=ns.recipe,
        steps=steps,
        from_stage=ns.from_stage,
        to_stage=ns.to_stage,
        max_duration=ns.max_duration,
        num_workers=ns.num_workers,
        world_size=ns.world_size,
        epoch=ns.epoch,
        dry_run=ns.dry_run,
        force=ns.force,
        retry_oom=ns.retry_oom,
        icefall=ns.icefall,
        python=ns.python,
        extra=tuple(ns.extra or []),
        vocoder=ns.vocoder,
        lang=ns.lang,
        offline=ns.offline,
        mirror=ns.mirror,
    )


def _context_options(opts: RunOptions, lang: str) -> dict[str, Any]:
    """What the gate's probes and checks are told: the checkout, the recipe, --offline and the
    mirror (which shapes their fixes)."""
    options = {"icefall": opts.icefall, "recipe": opts.recipe, "offline": opts.offline}
    chosen = mirror.choose(opts.mirror, lang)
    return {**options, "mirror": chosen} if chosen else options


def _stages(plan: Plan) -> tuple[int, int] | None:
    if plan.prepare is None:
        return None
    argv = plan.prepare.argv
    return int(argv[argv.index("--stage") + 1]), int(argv[argv.index("--stop-stage") + 1])


_RECIPE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*/[A-Za-z0-9_][A-Za-z0-9_.-]*")


def _check_name(name: str) -> None:
    """CORPUS/MODEL (a recipe icefall-doctor knows, or one laid out as icefall's TTS recipes
    are); anything else is a usage error listing the known recipes, before any probe runs."""
    if not _RECIPE_NAME.fullmatch(name):
        raise unknown(name)


def run_recipe(opts: RunOptions, lang: str) -> int:
    console = make_console()
    say = summary.Printer(console, lang)
    _check_name(opts.recipe)
    icefall = find_icefall(opts.icefall, os.environ, Path(context.current_dir()))
    opts = dataclasses.replace(opts, icefall=str(icefall))
    ctx = context.build(opts.python, _context_options(opts, lang))
    if not ctx.target:
        raise DoctorError(msg("run.usage.no_python"), hint=msg("run.usage.no_python.hint"))
    # The gate judges the environment the steps will run in (PATH and PYTHONPATH as set below).
    base_env = dict(os.environ)
    os.environ.update(child_env(ctx.target, opts.icefall, base_env))
    ctx = context.build(opts.python, _context_options(opts, lang))
    say("runner.gate.checking", steps=", ".join(opts.steps))
    gate = run_gate(ctx, CHECKS, opts.steps)
    advice = adapters.advice(gate.facts)
    snippet = adapters.env_snippet(gate.facts, opts.icefall or "")
    plan = build(opts, ctx.target, advice, base_env, Path(ctx.cwd), snippet)
    blocking: list[Any] = gate.blocking(opts.steps, _stages(plan))
    world = world_size_problem(plan.train.argv, gate.facts) if plan.train else None
    if world:
        for key, params in world.messages():
            say(key, style="red", **params)
        blocking.append(world)
    summary.gate(say, console, blocking, opts.force, opts.dry_run)
    if blocking and not (opts.force or opts.dry_run):
        return exitcodes.BLOCKED
    if not blocking:
        say("runner.gate.ok", style="green", steps=", ".join(opts.steps))
    summary.advice(say, plan, advice.reasons)
    if "smoke" in opts.steps and not opts.dry_run and smoke.onnxruntime_missing():
        summary.onnxruntime_warning(say)  # now, so it can be installed while training runs
    if opts.dry_run:
        summary.dry_run(say, plan, opts)
        return exitcodes.OK
    return _execute(plan, opts, console, say)


def _observer(console: Console, lang: str, plan: Plan, opts: RunOptions) -> Observer:
    epochs = None
    if plan.train is not None and "--num-epochs" in plan.train.argv:
        value = plan.train.argv[plan.train.argv.index("--num-epochs") + 1]
        epochs = int(value) if value.isdigit() else None
    display: Observer = (
        LiveObserver(console, lang, epochs)
        if console.is_terminal
        else PlainObserver(console, lang, epochs)
    )
    if plan.train is None:
        return display
    return OverfitWatch(
        display, plan.exp_dir, _overfit_warning(opts, plan, lang), bool(plan.resume.checkpoint)
    )


def _overfit_warning(opts: RunOptions, plan: Plan, lang: str) -> Callable[[Analysis], str]:
    cmd = shlex.join(command_line(opts, ("export",), plan.icefall, plan.python, epoch="best"))

    def warn(a: Analysis) -> str:
        best = t("runner.overfit.best", lang, epoch=a.best_epoch) if a.best_epoch else ""
        return t("runner.overfit", lang, loss=a.primary, onset=a.onset_epoch, best=best, cmd=cmd)

    return warn


def _execute(plan: Plan, opts: RunOptions, console: Console, say: summary.Printer) -> int:
    # SIGTERM, like Ctrl-C, reaches the session as KeyboardInterrupt (doctor.proc, at the CLI).
    session = Session(plan, opts, _observer(console, say.lang, plan, opts), say)
    out = session.run()
    if out.failed is not None:
        summary.failure(say, console, out.failed)
    if out.interrupted:
        say("runner.interrupted", style="bold yellow", step=out.interrupted)
        done = [s for s, status, _ in out.steps if status == "ok"]
        say("runner.completed", steps=", ".join(done) or "-")
        say("runner.resume_cmd", cmd=summary.resume_command(opts, plan, out.interrupted))
    summary.summary(say, out)
    if out.interrupted:
        return exitcodes.INTERRUPTED
    return exitcodes.OK if out.ok else exitcodes.BLOCKED
