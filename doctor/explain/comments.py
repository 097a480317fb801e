"""Comments inside explain's fix commands, in the reader's language.

A fix command in the knowledge (``doctor/explain/*.toml``) may end with ``  # why`` in English.
The command stays verbatim; its comment is a catalog message keyed by the English template's
hash (``doctor/messages/en_fixcomment.py``, its translations beside it). A comment whose
template holds placeholders is matched back to its template to find their values.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache

from doctor.messages import catalog, t

SEP = "  # "
PREFIX = "fixcomment."


def key(comment: str) -> str:
    """The catalog key of one English comment template."""
    return PREFIX + hashlib.sha1(comment.encode("utf-8")).hexdigest()[:12]


def localised(commands: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """The commands with their comments in ``lang``; English, or an unknown comment, as is."""
    if lang == "en":
        return commands
    return tuple(_one(c, lang) for c in commands)


def _one(command: str, lang: str) -> str:
    head, sep, comment = command.partition(SEP)
    if not sep:
        return command
    found = _match(comment)
    if found is None:
        return command
    name, params = found
    return head + SEP + t(name, lang, **params)


def _match(comment: str) -> tuple[str, dict[str, str]] | None:
    exact = key(comment)
    if exact in catalog("en"):
        return exact, {}
    for pattern, name in _templated():
        m = pattern.fullmatch(comment)
        if m:
            return name, m.groupdict()
    return None


@cache
def _templated() -> list[tuple[re.Pattern[str], str]]:
    out = []
    for name, template in catalog("en").items():
        if name.startswith(PREFIX) and re.search(r"\{\w+\}", template):
            parts = re.split(r"\{(\w+)\}", template)
            regex = "".join(
                re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts)
            )
            try:
                out.append((re.compile(regex, re.S), name))
            except re.error:  # a placeholder used twice: matched only as an exact comment
                continue
    return out
