"""Subcommands, registered explicitly: name, module, one line of help and aliases. A command's
module (``add_arguments(parser)`` and ``run(ns) -> int``, a thin adapter to a typed function) is
imported only when that command runs, so `icefall-doctor` starts probing without loading the
runner, explain or analyze."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    name: str
    module: str
    help: str
    aliases: tuple[str, ...] = ()


COMMANDS: tuple[Command, ...] = (
    Command(
        "check",
        "doctor.commands.check",
        "check this machine for icefall training (the default command)",
        (),
    ),
    Command(
        "fix",
        "doctor.commands.fix",
        "show the commands that fix what `check` found; --apply runs them and re-checks",
        (),
    ),
    Command(
        "env-script",
        "doctor.commands.env_script",
        "print the shell snippet (PYTHONPATH, ...) the environment needs; "
        "--write puts it in ~/.bashrc",
        ("bashrc",),
    ),
    Command(
        "explain",
        "doctor.commands.explain",
        "explain a failed log or traceback: what went wrong, why, and the fix",
        (),
    ),
    Command(
        "analyze",
        "doctor.commands.analyze",
        "after training: find where over-fitting starts and the best epoch to export",
        (),
    ),
    Command(
        "smoke-onnx",
        "doctor.commands.smoke_onnx",
        "load each exported model-steps-N.onnx, check it and time a Chinese test sentence",
        (),
    ),
    Command(
        "run",
        "doctor.commands.run",
        "run a recipe: gated prepare, train and export, with progress, logs and resume",
        (),
    ),
    Command(
        "recipes",
        "doctor.commands.recipes",
        "list the recipes icefall-doctor can check (check one with --recipe NAME)",
        (),
    ),
)
DEFAULT = "check"
