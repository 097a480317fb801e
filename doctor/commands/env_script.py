"""`icefall-doctor env-script` (alias `bashrc`): the shell snippet the environment needs."""

from __future__ import annotations

import argparse
import os
import shlex
from pathlib import Path

from rich.console import Console

from doctor import context, engine, exitcodes
from doctor.commands.common import (
    add_icefall_option,
    add_lang_option,
    add_mirror_option,
    add_python_option,
    add_yes_option,
    confirmed,
    interactive,
    mirror_of,
)
from doctor.console import make_console
from doctor.errors import DoctorError
from doctor.facts import Facts
from doctor.fixer import envscript, rcblock
from doctor.messages import language, t
from doctor.msgtype import msg

_PROBES = ("python", "icefall", "k2", "cuda")  # the facts the snippet is made of


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_python_option(p)
    add_icefall_option(p)
    add_mirror_option(p)
    where = p.add_mutually_exclusive_group()
    where.add_argument("--write", action="store_true", help="envscript.opt.write")
    where.add_argument("--remove", action="store_true", help="envscript.opt.remove")
    where.add_argument("--conda", action="store_true", help="envscript.opt.conda")
    p.add_argument("--file", metavar="F", help="envscript.opt.file")
    add_yes_option(p)
    add_lang_option(p)


def run(ns: argparse.Namespace) -> int:
    icefall = str(Path(ns.icefall).absolute()) if ns.icefall else None
    lang = language(ns.lang)
    console, err = make_console(), make_console(stderr=True)
    if ns.remove:
        return remove(_rc_file(ns), console, lang, ns.yes)
    facts = gather(ns.python, icefall)
    env = envscript.plan_env(facts, icefall=icefall, mirror=mirror_of(ns))
    _refuse_unsplittable(env)
    if env.icefall_missing:
        err.print(t("fixer.env.no_icefall", lang), highlight=False)
    if ns.conda:
        return write_conda(facts, env, console, lang)
    body = envscript.rc_body(env, lang)
    if ns.write:
        return write_rc(_rc_file(ns), body, console, lang, ns.yes, empty=env.empty)
    console.print(rcblock.block(body), markup=False, highlight=False, soft_wrap=True)
    return exitcodes.OK


def _refuse_unsplittable(env: envscript.EnvPlan) -> None:
    """A folder whose path holds ':' cannot be one entry of PYTHONPATH (no escape exists)."""
    for name, entries in env.prepend.items():
        bad = next((e for e in entries if os.pathsep in e), None)
        if bad is not None:
            _, commands = envscript.colon_free_link(bad)
            raise DoctorError(
                msg("envscript.colon", path=bad, name=name, sep=os.pathsep),
                hint=msg(
                    "envscript.colon.hint",
                    command=" && ".join(shlex.join(c) for c in commands),
                    sep=os.pathsep,
                ),
            )


def _rc_file(ns: argparse.Namespace) -> Path:
    return Path(ns.file or envscript.default_rc(os.environ)).expanduser()


def gather(python: str | None, icefall: str | None) -> Facts:
    ctx = context.build(python, {"icefall": icefall} if icefall else {})
    return engine.run_probes(ctx, _PROBES)


def _declined(console: Console, path: Path, lang: str, yes: bool) -> bool:
    """On a terminal, without --yes: ask before the file changes; True when the answer is no."""
    if yes or not interactive():
        return False
    if confirmed(console, t("report.env.ask", lang, file=path)):
        return False
    console.print(t("report.env.declined", lang, file=path), highlight=False)
    return True


def _refuse_empty() -> DoctorError:
    """A block that sets nothing would replace the one the user has: refused, nothing written."""
    return DoctorError(msg("envscript.nothing"), hint=msg("envscript.nothing.hint"))


def write_rc(
    path: Path, body: str, console: Console, lang: str, yes: bool = True, empty: bool = False
) -> int:
    change = rcblock.prepare(path, body)  # a file that cannot be written is told first
    if empty:
        raise _refuse_empty()
    if not change.changed:
        console.print(t("fixer.env.unchanged", lang, file=path), highlight=False)
        return exitcodes.OK
    console.print(change.diff(), markup=False, highlight=False, soft_wrap=True, end="")
    if _declined(console, path, lang, yes):
        return exitcodes.BLOCKED
    backup = rcblock.commit(change)
    console.print(t("fixer.env.written", lang, file=path), highlight=False)
    if backup:
        console.print(t("fixer.env.backup", lang, backup=backup), highlight=False)
    console.print(t("fixer.env.source", lang, file=path), highlight=False)
    return exitcodes.OK


def remove(path: Path, console: Console, lang: str, yes: bool = True) -> int:
    change = rcblock.prepare(path, None)
    if not change.exists or not change.changed:
        console.print(t("fixer.env.no_block", lang, file=path), highlight=False)
        return exitcodes.OK
    console.print(change.diff(), markup=False, highlight=False, soft_wrap=True, end="")
    if _declined(console, path, lang, yes):
        return exitcodes.BLOCKED
    backup = rcblock.commit(change)
    console.print(t("fixer.env.removed", lang, file=path), highlight=False)
    console.print(t("fixer.env.backup", lang, backup=backup), highlight=False)
    return exitcodes.OK


def write_conda(facts: Facts, env: envscript.EnvPlan, console: Console, lang: str) -> int:
    py = facts.get("python")
    prefix = str(py.get("prefix") or "")
    if py.get("env_kind") != "conda" or not prefix:
        raise DoctorError(
            msg("fixer.env.not_conda", python=facts.context.get("target") or "?"),
            hint=msg("fixer.env.not_conda.hint"),
        )
    if env.empty:
        raise _refuse_empty()
    activate, deactivate = envscript.conda_scripts(env, lang)
    paths = envscript.conda_paths(prefix)
    for path, content in zip(paths, (activate, deactivate)):
        target = Path(path)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            rcblock.write_atomic(target, content)
        except OSError as exc:
            raise DoctorError(
                msg("envscript.conda_unwritable", path=target, error=exc.strerror or exc),
                hint=msg("envscript.conda_unwritable.hint"),
            ) from None
    console.print(
        t("fixer.env.conda_written", lang, activate=paths[0], deactivate=paths[1]),
        highlight=False,
    )
    console.print(t("fixer.env.conda_reactivate", lang, env=prefix), highlight=False)
    return exitcodes.OK
