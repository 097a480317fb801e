"""From the command line's options to the commands of each step (pure but for reading the
recipe tree: which stages and checkpoints exist)."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from doctor.context import ICEFALL_ENV, icefall_dir
from doctor.errors import DoctorError
from doctor.msgtype import msg
from doctor.runner import adapters
from doctor.runner.adapters import Advice, RunnerRecipe, Snippet
from doctor.runner.resume import Resume, resume_point
from doctor.runner.steps import (
    ALL_STEPS,
    STEPS,
    StepCommand,
    TrainArgs,
    child_env,
    merge_args,
    prepare_command,
    train_command,
)


@dataclass(frozen=True)
class RunOptions:
    recipe: str
    steps: tuple[str, ...] = STEPS
    from_stage: int | None = None
    to_stage: int | None = None
    max_duration: int | None = None
    num_workers: int | None = None
    world_size: int | None = None
    epoch: str | None = None
    dry_run: bool = False
    force: bool = False
    retry_oom: bool = False
    icefall: str | None = None
    python: str | None = None
    extra: tuple[str, ...] = ()
    vocoder: str | None = None  # for the smoke step
    lang: str | None = None  # --lang as given
    offline: bool = False  # --offline: the gate's probes use no network
    mirror: str | None = None  # --mirror as given


def command_line(
    opts: RunOptions, steps: tuple[str, ...], icefall: Path, python: str, epoch: str | None = None
) -> list[str]:
    """`icefall-doctor run ...` repeating every option the user gave, for the given steps (and
    --epoch, when given here): the resume command after Ctrl-C and the over-fitting hint."""
    argv = ["icefall-doctor", "run", opts.recipe, "--steps", ",".join(steps)]
    epoch = epoch or opts.epoch
    if epoch:
        argv += ["--epoch", epoch]
    argv += ["--icefall", str(icefall), "--python", python]
    valued = (
        ("--from-stage", opts.from_stage),
        ("--to-stage", opts.to_stage),
        ("--max-duration", opts.max_duration),
        ("--num-workers", opts.num_workers),
        ("--world-size", opts.world_size),
        ("--vocoder", opts.vocoder),
        ("--lang", opts.lang),
        ("--mirror", opts.mirror),
    )
    for name, value in valued:
        if value is not None:
            argv += [name, str(value)]
    flags = (("--force", opts.force), ("--retry-oom", opts.retry_oom), ("--offline", opts.offline))
    argv += [flag for flag, on in flags if on]
    if opts.extra:
        argv += ["--", *opts.extra]
    return argv


@dataclass(frozen=True)
class Plan:
    recipe: RunnerRecipe
    icefall: Path
    recipe_dir: Path
    python: str
    env: Mapping[str, str]
    exp_dir: Path
    log_dir: Path
    prepare: StepCommand | None
    train: StepCommand | None
    resume: Resume
    advice_used: tuple[tuple[str, int], ...] = ()
    steps: tuple[str, ...] = field(default_factory=tuple)
    stamp: str = ""  # when the run started: every step's log file carries it

    def log(self, step: str) -> Path:
        """One rule for every step's log: LOG_DIR/<step>-<YYYYmmdd-HHMMSS>.log."""
        return log_path(self.log_dir, step, self.stamp)


def log_path(log_dir: Path, step: str, stamp: str) -> Path:
    return log_dir / f"{step}-{stamp}.log"


def parse_steps(text: str) -> tuple[str, ...]:
    names = tuple(s.strip() for s in text.split(",") if s.strip())
    bad = [s for s in names if s not in ALL_STEPS]
    if bad or not names:
        raise DoctorError(
            msg("run.plan.bad_steps", steps=text, bad=", ".join(bad) or msg("run.plan.none")),
            hint=msg("run.plan.bad_steps.hint"),
        )
    return tuple(s for s in ALL_STEPS if s in names)


def find_icefall(given: str | None, env: Mapping[str, str], cwd: Path) -> Path:
    """--icefall, else ICEFALL_DIR (as every command reads them: a missing folder is a usage
    error), else a PYTHONPATH entry or a parent of cwd holding egs/."""
    named = icefall_dir(given, env)
    if named:
        if (Path(named) / "egs").is_dir():
            return Path(named).resolve()
        name, value = ("--icefall", given) if given else (ICEFALL_ENV, env.get(ICEFALL_ENV))
        raise DoctorError(
            msg("run.plan.no_egs", name=name, path=value), hint=msg("run.plan.no_egs.hint")
        )
    candidates = env.get("PYTHONPATH", "").split(os.pathsep)
    candidates += [str(p) for p in (cwd, *cwd.parents)]
    for c in candidates:
        if c and (Path(c) / "egs").is_dir():
            return Path(c).resolve()
    raise DoctorError(msg("run.plan.no_icefall"), hint=msg("run.plan.no_icefall.hint"))


def _exp_dir(r: RunnerRecipe, extra: tuple[str, ...]) -> str:
    args = merge_args(extra=extra)
    return args.get("--exp-dir") or f"{r.model}/exp"


def build(
    opts: RunOptions,
    python: str,
    advice: Advice,
    env: Mapping[str, str],
    cwd: Path,
    snippet: Snippet | None = None,
) -> Plan:
    r = adapters.recipe(opts.recipe)
    icefall = find_icefall(opts.icefall, env, cwd)
    recipe_dir = icefall / r.dir
    if not (recipe_dir / r.prepare).exists() and not (recipe_dir / r.train).exists():
        raise DoctorError(
            msg(
                "run.plan.no_scripts",
                dir=recipe_dir,
                prepare=r.prepare,
                train=r.train,
                recipe=opts.recipe,
            ),
            hint=msg("run.plan.no_scripts.hint"),
        )
    snippet = snippet or Snippet({}, {})
    changes = child_env(python, str(icefall), env, snippet.prepend, snippet.variables)
    exp = _exp_dir(r, opts.extra)
    log_dir = recipe_dir / exp / "icefall-doctor"
    stamp = time.strftime("%Y%m%d-%H%M%S")
    resume = resume_point(recipe_dir / exp)
    prep = _prepare(opts, r, recipe_dir, changes, log_path(log_dir, "prepare", stamp))
    args, used = _train_args(opts, exp, advice, resume)
    train = train_command(
        python, recipe_dir, f"./{r.train}", args, changes, log_path(log_dir, "train", stamp)
    )
    return Plan(
        r,
        icefall,
        recipe_dir,
        python,
        changes,
        recipe_dir / exp,
        log_dir,
        prep if "prepare" in opts.steps else None,
        train if "train" in opts.steps else None,
        resume,
        used,
        opts.steps,
        stamp,
    )


def _prepare(
    opts: RunOptions, r: RunnerRecipe, recipe_dir: Path, env: Mapping[str, str], log: Path
) -> StepCommand | None:
    stages = [s.n for s in adapters.stages(r, recipe_dir)]
    _check_stages(opts, stages)
    start = opts.from_stage if opts.from_stage is not None else adapters.first_undone(r, recipe_dir)
    if start is None:
        return None
    stop = opts.to_stage if opts.to_stage is not None else max(stages, default=start)
    return prepare_command(recipe_dir, start, stop, env, log)


def _check_stages(opts: RunOptions, stages: list[int]) -> None:
    """--from-stage / --to-stage: stages prepare.sh has, in order (a usage error otherwise)."""
    known = f"{min(stages)}..{max(stages)}" if stages else ""
    for option, value in (("--from-stage", opts.from_stage), ("--to-stage", opts.to_stage)):
        if value is not None and stages and value not in stages:
            raise DoctorError(
                msg("run.usage.no_stage", option=option, value=value, known=known),
                hint=msg("run.usage.stage.hint"),
            )
    start, stop = opts.from_stage, opts.to_stage
    if start is not None and stop is not None and start > stop:
        raise DoctorError(
            msg("run.usage.stage_order", start=start, stop=stop),
            hint=msg("run.usage.stage.hint"),
        )


def _train_args(
    opts: RunOptions, exp: str, advice: Advice, resume: Resume
) -> tuple[TrainArgs, tuple[tuple[str, int], ...]]:
    user = {
        "--max-duration": opts.max_duration,
        "--num-workers": opts.num_workers,
        "--world-size": opts.world_size,
    }
    rec = {
        "--max-duration": advice.max_duration,
        "--num-workers": advice.num_workers,
        "--world-size": advice.world_size,
    }
    used = tuple((k, v) for k, v in rec.items() if v is not None and user[k] is None)
    start = {"--start-epoch": resume.start_epoch} if resume.checkpoint else {}
    args = merge_args({"--exp-dir": exp}, rec, user, start, extra=opts.extra)
    return args, used
