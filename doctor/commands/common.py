"""Options every command that probes a machine shares: which Python, which checkout, which
recipe, network and mirror, which checks, language, and reading a saved report."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from rich.console import Console

from doctor.messages import LANGUAGES, t


def add_python_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--python",
        metavar="PATH",
        help="the interpreter the recipes use (default: python3 first on PATH)",
    )


def add_icefall_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--icefall",
        metavar="DIR",
        help="the icefall checkout (default: on PYTHONPATH or above cwd)",
    )


def add_lang_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=LANGUAGES, help="language of the messages (default: $LANG)")


def add_offline_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--offline", action="store_true", help=t("report.opt.offline"))


def add_yes_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("-y", "--yes", action="store_true", help=t("report.opt.yes"))


def add_json_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help=t("report.opt.json"))


def add_machine_options(p: argparse.ArgumentParser) -> None:
    add_python_option(p)
    add_icefall_option(p)
    p.add_argument("--recipe", metavar="NAME", help="check for this recipe, e.g. baker_zh/matcha")
    add_offline_option(p)
    p.add_argument("--mirror", choices=["cn"], help="cn: k2 -cn wheel pages and the HF mirror")
    p.add_argument(
        "--only", action="append", default=[], metavar="ID", help="only this check or area"
    )
    p.add_argument(
        "--skip", action="append", default=[], metavar="ID", help="skip this check or area"
    )
    p.add_argument(
        "--from",
        dest="from_report",
        metavar="REPORT.json",
        help="use the facts of a saved --json report instead of probing",
    )
    add_json_option(p)
    add_lang_option(p)


def machine_options(ns: argparse.Namespace) -> dict[str, Any]:
    """The options that go into the probes' context (and so into a saved report)."""
    return {"icefall": ns.icefall, "recipe": ns.recipe, "offline": ns.offline, "mirror": ns.mirror}


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
