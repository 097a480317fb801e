"""Parameters put into explain's fix commands as shell words that can never become syntax.

A value from outside (a path or a name read from the log, an interpreter) goes in as one shell
word, quoted when it is not plain; in a command's comment, which the shell does not run, it goes
in as it is, on the comment's one line. Inside a quoted part of a template (``-c "import {top}"``)
quoting cannot protect it, so there only a plain value is accepted: the command is left out
rather than printed with a log's ``$(...)`` inside double quotes.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from doctor.explain import comments
from doctor.fixer.render import quote

# Command fragments the tool composed itself (several words on purpose).
FRAGMENTS = frozenset({"rerun_stage", "train_cmd", "df_targets", "manual_download", "who_holds"})
PLAIN = re.compile(r"[\w@%+=:,./~-]*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# <the recipe's folder (egs/<corpus>/TTS)>: words for the reader, one level of nesting
_PLACEHOLDER = re.compile(r"<[^<>]*(?:<[^<>]*>[^<>]*)*>")


def word(name: str, value: Any) -> str:
    """A parameter as it goes into a printed command."""
    text = str(value)
    if name.endswith("_comment"):  # "  # ..." the tool wrote: a comment, kept on its one line
        return _CONTROL.sub(" ", text)
    if name in FRAGMENTS or PLAIN.fullmatch(text):
        return text
    return quote(text)


def fill(template: str, params: Mapping[str, Any]) -> str | None:
    """The command, or None when a parameter is missing or cannot go in safely."""
    fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
    if any(params.get(f) in (None, "") for f in fields):
        return None
    command = comments.split(template)[0]  # what runs; its comment does not
    in_command = {f for _, f, _, _ in string.Formatter().parse(command) if f}
    if any(str(params[f]).startswith("-") and f not in FRAGMENTS for f in in_command):
        return None  # a value from the log read as an option (`pip install -e`): left out
    inside = quoted_fields(template)
    if any(f in inside and not PLAIN.fullmatch(str(params[f])) for f in fields):
        return None
    code, sep, note = comments.split(template)
    in_note = {f for _, f, _, _ in string.Formatter().parse(note) if f}
    code = code.format(**{f: word(f, params[f]) for f in in_command})
    return code + sep + note.format(**{f: _CONTROL.sub(" ", str(params[f])) for f in in_note})


@lru_cache(maxsize=512)
def quoted_fields(template: str) -> frozenset[str]:
    """The fields of ``template`` inside single or double quotes, its comment left out."""
    code = _PLACEHOLDER.sub("", template.split("  # ", 1)[0])
    found: set[str] = set()
    quote_char = ""
    for n, ch in enumerate(code):
        if quote_char and ch == quote_char:
            quote_char = ""
        elif not quote_char and ch in "'\"":
            quote_char = ch
        elif quote_char and ch == "{":
            match = re.match(r"\{(\w+)\}", code[n:])
            if match and code[n - 1 : n] != "{":
                found.add(match.group(1))
    return frozenset(found)
