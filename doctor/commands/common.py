"""Options every command that probes a machine shares: which Python, which checkout, which
recipe, network and mirror, which checks, language, and reading a saved report."""

from __future__ import annotations

import argparse
from typing import Any

from doctor.messages import LANGUAGES


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


def add_machine_options(p: argparse.ArgumentParser) -> None:
    add_python_option(p)
    add_icefall_option(p)
    p.add_argument("--recipe", metavar="NAME", help="opt.recipe")
    p.add_argument("--offline", action="store_true", help="opt.offline")
    p.add_argument("--mirror", choices=["cn"], help="opt.mirror")
    p.add_argument("--only", action="append", default=[], metavar="ID", help="opt.only")
    p.add_argument("--skip", action="append", default=[], metavar="ID", help="opt.skip")
    p.add_argument(
        "--from",
        dest="from_report",
        metavar="REPORT.json",
        help="opt.from",
    )
    p.add_argument("--json", action="store_true", help="opt.json")
    add_lang_option(p)


def machine_options(ns: argparse.Namespace) -> dict[str, Any]:
    """The options that go into the probes' context (and so into a saved report)."""
    return {"icefall": ns.icefall, "recipe": ns.recipe, "offline": ns.offline, "mirror": ns.mirror}
