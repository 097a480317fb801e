"""Typed steps -> argv lists (what `fix --apply` runs) and shell text (what a human pastes).

Every word of the shell text is quoted with shlex.quote, so a path with spaces, quotes, `$` or
Chinese characters pastes back as the same argv. A word under the home directory (or a `~/…`
word from a saved report) is written as "$HOME"/… so that the shell still expands it.
"""

from __future__ import annotations

import os
import re
import shlex
import string
from collections.abc import Sequence

from doctor.findings import Fix
from doctor.fixer.steps import (
    Action,
    Choice,
    Install,
    Manual,
    Run,
    SetEnv,
    Step,
    Uninstall,
    runs,
)
from doctor.messages import t, text

_NAME_CHARS = set(string.ascii_letters + string.digits + "_")


def argv(step: Install | Uninstall | Run) -> list[str]:
    """The argv `fix --apply` runs: no shell, `~/` expanded."""
    return [_expand(w) for w in words(step)]


def words(step: Install | Uninstall | Run) -> list[str]:
    """The argv as data, before `~/` expansion."""
    if isinstance(step, Run):
        return list(step.argv)
    verb = "install" if isinstance(step, Install) else "uninstall"
    if step.installer == "uv":
        head = ["uv", "pip", verb, "--python", step.python]
    else:
        head = [step.python, "-m", "pip", verb]
    if isinstance(step, Uninstall):
        return [*head, *([] if step.installer == "uv" else ["-y"]), *step.packages]
    return [*head, *step.flags, *step.packages, *_install_options(step)]


def _install_options(step: Install) -> list[str]:
    out: list[str] = []
    for req in step.requirements:
        out += ["-r", req]
    if step.index_url:
        out += ["--index-url", step.index_url]
    if step.extra_index_url:
        out += ["--extra-index-url", step.extra_index_url]
    if step.find_links:
        out += ["-f", step.find_links]
    return out


def cwd(step: Run) -> str | None:
    return _expand(step.cwd) if step.cwd else None


def env(step: Run) -> dict[str, str]:
    return {name: _expand(value) for name, value in step.env}


_OPTION = re.compile(r"-{0,2}[A-Za-z_][A-Za-z0-9_-]*=")


def quote(word: str, home: str | None = None) -> str:
    """One word for a POSIX shell; the home directory stays "$HOME" so it still expands, also
    after an option's "=" (-DPYTHON_EXECUTABLE=~/x: the shell expands no "~" there)."""
    home = (os.path.expanduser("~") if home is None else home).rstrip("/")
    option = _OPTION.match(word)
    if option and option.end() < len(word):
        value = quote(word[option.end() :], home)
        if value.startswith('"$HOME"'):
            return shlex.quote(option.group()) + value
    rest: str | None = None
    if word == "~" or word.startswith("~/"):
        rest = word[1:]
    elif home and (word == home or word.startswith(home + "/")):
        rest = word[len(home) :]
    if rest is None:
        return shlex.quote(word)
    return '"$HOME"' + (shlex.quote(rest) if rest else "")


def join(argv_words: Sequence[str], home: str | None = None) -> str:
    return " ".join(quote(w, home) for w in argv_words)


def line(step: Install | Uninstall | Run | SetEnv, home: str | None = None) -> str:
    """The one shell line of a command step."""
    if isinstance(step, SetEnv):
        name = step.name if set(step.name) <= _NAME_CHARS else shlex.quote(step.name)
        tail = f':"${name}"' if step.prepend else ""
        return f"export {name}={quote(step.value, home)}{tail}"
    head = ""
    if isinstance(step, Run):
        if step.cwd:
            head = f"cd {quote(step.cwd, home)} && "
        head += "".join(f"{n}={quote(v, home)} " for n, v in step.env)
    return head + join(words(step), home)


def lines(step: Step, lang: str = "en", home: str | None = None) -> list[str]:
    """How a step reads in a plan or a report: command lines, words, or the alternatives."""
    if isinstance(step, Choice):
        out = [t("fixer.choice.header", lang)]
        for n, alt in enumerate(step.alternatives):
            applied = n == 0 and all(runs(s) for s in alt.steps)
            key = "fixer.choice.preferred" if applied else "fixer.choice.other"
            out.append("  " + t(key, lang, letter="abcdefgh"[n], reason=text(alt.reason, lang)))
            out += ["      " + x for s in alt.steps for x in lines(s, lang, home)]
        return out
    return [action_line(step, lang, home)]


def action_line(step: Action, lang: str = "en", home: str | None = None) -> str:
    if isinstance(step, Manual):
        return "# " + text(step.text, lang)
    return line(step, home)


def fix_lines(fix: Fix, lang: str = "en", home: str | None = None) -> list[str]:
    return [x for s in fix.steps for x in lines(s, lang, home)]


def expand(word: str) -> str:
    """`~` and `~/…` (the tool's spelling of the home folder) as a path; any other word as it is."""
    return _expand(word)


def _expand(word: str) -> str:
    return os.path.expanduser(word) if word == "~" or word.startswith("~/") else word
