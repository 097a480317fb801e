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
    examples: tuple[str, ...] = ()  # shown in --help, each a line a user can paste


COMMANDS: tuple[Command, ...] = (
    Command(
        "check",
        "doctor.commands.check",
        "check this machine for icefall training (the default command)",
        (),
        (
            "icefall-doctor",
            "icefall-doctor check --recipe baker_zh/matcha",
            "icefall-doctor check --python ~/venvs/matcha/bin/python --json > report.json",
            "icefall-doctor check --from report.json",
            "icefall-doctor check --recipe baker_zh/matcha --markdown > issue.md",
        ),
    ),
    Command(
        "fix",
        "doctor.commands.fix",
        "show the commands that fix what `check` found; --apply runs them and re-checks",
        (),
        (
            "icefall-doctor fix --recipe baker_zh/matcha",
            "icefall-doctor fix --apply",
            "icefall-doctor fix --mirror cn",
        ),
    ),
    Command(
        "env-script",
        "doctor.commands.env_script",
        "print the shell snippet (PYTHONPATH, ...) the environment needs; "
        "--write puts it in ~/.bashrc",
        ("bashrc",),
        (
            "icefall-doctor env-script",
            "icefall-doctor env-script --write",
            "icefall-doctor env-script --remove",
        ),
    ),
    Command(
        "explain",
        "doctor.commands.explain",
        "explain a failed log or traceback: what went wrong, why, and the fix",
        (),
        (
            "icefall-doctor explain matcha/exp/log/log-train-2026-11-29-10-00-00",
            "python3 ./matcha/train.py --max-duration 1200 2>&1 | icefall-doctor explain -",
            "icefall-doctor explain --run 'python3 -c \"import k2\"'",
        ),
    ),
    Command(
        "analyze",
        "doctor.commands.analyze",
        "after training: find where over-fitting starts and the best epoch to export",
        (),
        ("icefall-doctor analyze matcha/exp", "icefall-doctor analyze matcha/exp --plot loss.png"),
    ),
    Command(
        "smoke-onnx",
        "doctor.commands.smoke_onnx",
        "load each exported model-steps-N.onnx, check it and time a Chinese test sentence",
        (),
        ("icefall-doctor smoke-onnx matcha/exp --vocoder hifigan_v2.onnx",),
    ),
    Command(
        "run",
        "doctor.commands.run",
        "run a recipe: gated prepare, train and export, with progress, logs and resume",
        (),
        (
            "icefall-doctor run baker_zh/matcha --dry-run",
            "icefall-doctor run baker_zh/matcha",
            "icefall-doctor run baker_zh/matcha --steps train,export --epoch best",
        ),
    ),
    Command(
        "recipes",
        "doctor.commands.recipes",
        "list the recipes icefall-doctor can check (check one with --recipe NAME)",
        (),
        ("icefall-doctor recipes",),
    ),
)
DEFAULT = "check"

# Environment variables the tool reads, for every --help.
ENVIRONMENT: tuple[tuple[str, str], ...] = (
    ("ICEFALL_DIR", "the icefall checkout, as --icefall"),
    ("ICEFALL_DOCTOR_OFFLINE=1", "as --offline: no network (CI, air-gapped hosts)"),
    ("ICEFALL_DOCTOR_PROBE_TIMEOUT=S", "every probe's timeout in seconds (slow file systems)"),
    ("LC_ALL, LC_MESSAGES, LANG", "the language of the messages when --lang is not given"),
    ("PIP_INDEX_URL", "your package index: fix keeps it (or give --index-url)"),
    ("PYTHONPATH", "where icefall and a source-built k2 are found"),
    ("NO_COLOR", "plain text without colour"),
)
