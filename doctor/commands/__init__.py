"""Subcommands, registered explicitly. Each module defines NAME, ALIASES, HELP,
``add_arguments(parser)`` and ``run(ns) -> int`` (a thin adapter to a typed function)."""

from __future__ import annotations

COMMANDS: tuple[str, ...] = ("doctor.commands.check",)
DEFAULT = "check"
