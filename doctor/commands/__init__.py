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
    help: str  # a catalog key: the one line of help
    aliases: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()  # shown in --help, each a line a user can paste


COMMANDS: tuple[Command, ...] = (
    Command(
        "check",
        "doctor.commands.check",
        "cmd.check",
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
        "cmd.fix",
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
        "cmd.env-script",
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
        "cmd.explain",
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
        "cmd.analyze",
        (),
        ("icefall-doctor analyze matcha/exp", "icefall-doctor analyze matcha/exp --plot loss.png"),
    ),
    Command(
        "smoke-onnx",
        "doctor.commands.smoke_onnx",
        "cmd.smoke-onnx",
        (),
        ("icefall-doctor smoke-onnx matcha/exp --vocoder hifigan_v2.onnx",),
    ),
    Command(
        "run",
        "doctor.commands.run",
        "cmd.run",
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
        "cmd.recipes",
        (),
        ("icefall-doctor recipes",),
    ),
)
DEFAULT = "check"

# Environment variables the tool reads, for every --help (name, catalog key).
ENVIRONMENT: tuple[tuple[str, str], ...] = (
    ("ICEFALL_DIR", "env.icefall_dir"),
    ("ICEFALL_DOCTOR_OFFLINE=1", "env.offline"),
    ("ICEFALL_DOCTOR_PROBE_TIMEOUT=S", "env.probe_timeout"),
    ("LC_ALL, LC_MESSAGES, LANG", "env.lang"),
    ("PIP_INDEX_URL", "env.pip_index_url"),
    ("PYTHONPATH", "env.pythonpath"),
    ("NO_COLOR", "env.no_color"),
)
