"""Options every command that probes a machine shares: which Python, which checkout, which
recipe, network and mirror, which checks, language, and reading a saved report."""

from __future__ import annotations

import argparse
from typing import Any

from doctor.fixer import mirror
from doctor.messages import LANGUAGES, language


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


def add_mirror_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--mirror",
        choices=mirror.CHOICES,
        help="cn: PyPI mirror, k2's -cn wheel pages and the HF mirror (default with --lang zh);"
        " none: no mirror",
    )


def mirror_of(ns: argparse.Namespace) -> str | None:
    """--mirror, else cn when the messages are Chinese."""
    return mirror.choose(ns.mirror, language(ns.lang))


def add_machine_options(p: argparse.ArgumentParser) -> None:
    add_python_option(p)
    add_icefall_option(p)
    p.add_argument("--recipe", metavar="NAME", help="check for this recipe, e.g. baker_zh/matcha")
    p.add_argument("--offline", action="store_true", help="no network checks")
    add_mirror_option(p)
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
    p.add_argument("--json", action="store_true", help="print versioned JSON")
    add_lang_option(p)


def machine_options(ns: argparse.Namespace) -> dict[str, Any]:
    """The options that go into the probes' context (and so into a saved report)."""
    return {
        "icefall": ns.icefall,
        "recipe": ns.recipe,
        "offline": ns.offline,
        "mirror": mirror_of(ns),
    }
