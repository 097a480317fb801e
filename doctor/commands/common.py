"""Options every command that probes a machine shares: which Python, which checkout, which
recipe, network and mirror, which checks, language, and reading a saved report."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from rich.console import Console

from doctor.fixer import mirror
from doctor.messages import LANGUAGES, language


def add_python_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--python",
        metavar="PATH",
        help="opt.python",
    )


def add_icefall_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--icefall",
        metavar="DIR",
        help="opt.icefall",
    )


def add_lang_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=LANGUAGES, help="opt.lang")


def add_offline_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--offline", action="store_true", help="report.opt.offline")


def add_yes_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("-y", "--yes", action="store_true", help="report.opt.yes")


def add_json_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="report.opt.json")


def add_mirror_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--mirror",
        choices=mirror.CHOICES,
        help="opt.mirror",
    )


def mirror_of(ns: argparse.Namespace) -> str | None:
    """--mirror, else cn when the messages are Chinese."""
    return mirror.choose(ns.mirror, language(ns.lang))


def add_machine_options(p: argparse.ArgumentParser) -> None:
    add_python_option(p)
    add_icefall_option(p)
    p.add_argument("--recipe", metavar="NAME", help="opt.recipe")
    add_offline_option(p)
    add_mirror_option(p)
    p.add_argument("--only", action="append", default=[], metavar="ID", help="opt.only")
    p.add_argument("--skip", action="append", default=[], metavar="ID", help="opt.skip")
    p.add_argument(
        "--from",
        dest="from_report",
        metavar="REPORT.json",
        help="opt.from",
    )
    add_json_option(p)
    add_lang_option(p)


def machine_options(ns: argparse.Namespace) -> dict[str, Any]:
    """The options that go into the probes' context (and so into a saved report)."""
    return {
        "icefall": ns.icefall,
        "recipe": ns.recipe,
        "offline": ns.offline,
        "mirror": mirror_of(ns),
    }


def confirmed(console: Console, question: str) -> bool:
    """A yes/no question; only "y"/"yes" is yes (a closed or empty stdin answers no). ``--yes``
    skips the question in every command that asks one."""
    console.print(question, end="", markup=False, highlight=False)
    try:
        answer = sys.stdin.readline() if sys.stdin else ""
    except (OSError, EOFError):
        answer = ""
    return answer.strip().lower() in ("y", "yes")


def interactive() -> bool:
    try:
        return bool(sys.stdin) and sys.stdin.isatty()
    except (OSError, ValueError):
        return False
