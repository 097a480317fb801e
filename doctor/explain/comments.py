"""Comments inside explain's fix commands, in the reader's language.

A fix command in the knowledge (``doctor/explain/*.toml``) may end with ``  # why`` in English,
or be a comment alone (``# do this``: a step no command can do). The command stays verbatim;
its comment is a catalog message keyed by the English template's hash
(``doctor/messages/en_fixcomment.py``, its translations beside it). The translation replaces
the comment in the template, before its placeholders are filled.
"""

from __future__ import annotations

import hashlib

from doctor.messages import catalog

SEP = "  # "
LEAD = "# "
PREFIX = "fixcomment."


def split(template: str) -> tuple[str, str, str]:
    """The command, the separator and the comment of a fix template ("" and "" when none)."""
    if template.startswith(LEAD):
        return "", LEAD, template[len(LEAD) :]
    return template.partition(SEP)


def key(comment: str) -> str:
    """The catalog key of one English comment template."""
    return PREFIX + hashlib.sha1(comment.encode("utf-8")).hexdigest()[:12]


def in_language(template: str, lang: str) -> str:
    """A fix template with its comment in ``lang``; English, or an unknown comment, as is."""
    head, sep, comment = split(template)
    if lang == "en" or not sep:
        return template
    translated = catalog(lang).get(key(comment))
    return head + sep + translated if translated else template
