"""Comments inside explain's fix commands, in the reader's language.

A fix command in the knowledge (``doctor/explain/*.toml``) may end with ``  # why`` in English,
or be a comment alone (``# do this``: a step no command can do). The command stays verbatim;
its comment is a catalog message keyed by the English template's hash
(``doctor/messages/en_fixcomment.py``, its translations beside it). The translation replaces
the comment in the template, before its placeholders are filled.

A placeholder the user replaces by hand (``<the audio file>``) is words too: it is translated
the same way (``doctor/messages/*_fixcomment.py``, keys ``fixplaceholder.<hash>``). Upper-case
tokens (``<VERSION>``, ``<CUDA>``) are names, and stay.
"""

from __future__ import annotations

import hashlib
import re

from doctor.messages import catalog

SEP = "  # "
LEAD = "# "
PREFIX = "fixcomment."
PLACEHOLDER_PREFIX = "fixplaceholder."
# <words to replace>, one level of nesting allowed: <the recipe's folder (egs/<corpus>/TTS)>
PLACEHOLDER = re.compile(r"<(?P<words>[a-z](?:[^<>]|<[^<>]*>)*)>")


def split(template: str) -> tuple[str, str, str]:
    """The command, the separator and the comment of a fix template ("" and "" when none)."""
    if template.startswith(LEAD):
        return "", LEAD, template[len(LEAD) :]
    return template.partition(SEP)


def key(comment: str) -> str:
    """The catalog key of one English comment template."""
    return PREFIX + hashlib.sha1(comment.encode("utf-8")).hexdigest()[:12]


def placeholder_key(words: str) -> str:
    """The catalog key of one placeholder's words (``the audio file``)."""
    return PLACEHOLDER_PREFIX + hashlib.sha1(words.encode("utf-8")).hexdigest()[:12]


def placeholders(command: str) -> list[str]:
    """The words of the placeholders in a command (not in its comment)."""
    return [m.group("words") for m in PLACEHOLDER.finditer(command)]


def in_language(template: str, lang: str) -> str:
    """A fix template with its comment and placeholders in ``lang``; English, or an unknown
    comment or placeholder, as is."""
    if lang == "en":
        return template
    head, sep, comment = split(template)
    messages = catalog(lang)

    def word(m: re.Match[str]) -> str:
        translated = messages.get(placeholder_key(m.group("words")))
        return f"<{translated}>" if translated else m.group(0)

    head = PLACEHOLDER.sub(word, head)
    if not sep:
        return head
    translated = messages.get(key(comment))
    return head + sep + (translated or comment)
