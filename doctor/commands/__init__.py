"""Subcommands, registered explicitly. Each module defines NAME, ALIASES, HELP,
``add_arguments(parser)`` and ``run(ns) -> int`` (a thin adapter to a typed function)."""

from __future__ import annotations

COMMANDS: tuple[str, ...] = (
    "doctor.commands.check",
    "doctor.commands.fix",
    "doctor.commands.env_script",
    "doctor.commands.explain",
    "doctor.commands.analyze",
    "doctor.commands.smoke_onnx",
    "doctor.commands.run",
    "doctor.commands.recipes",
)
DEFAULT = "check"
