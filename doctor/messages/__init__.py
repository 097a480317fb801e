"""The message catalog: every user-facing sentence, kept apart from the checks that pick it.

Each area has its own module (``en_<area>.py``) holding ``MESSAGES: dict[str, str]`` with
``str.format`` templates. A translation adds ``zh_<area>.py`` modules and a line in ``LANGUAGES``;
checks do not change. A missing key or a bad template never raises: the key is shown instead.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Mapping
from functools import cache
from typing import Any, TextIO

from doctor.findings import Msg
from doctor.messages.cells import FORMATTER

# Explicit registry: one module per area. Add yours here.
_AREAS: tuple[str, ...] = (
    "core",
    "system",
    "pyver",
    "nvidia",
    "cuda",
    "torch",
    "k2",
    "lhotse",
    "icefall",
    "fixer",
    "explain",
    "analyze",
    "runner",
    "recipe",
    "cli",
    "commands",
    "checks",
    "envscript",
    "onnx",
    "fixtext",
    "fixcomment",
    "report",
)
LANGUAGES: tuple[str, ...] = ("en", "zh")


@cache
def catalog(lang: str) -> Mapping[str, str]:
    """All templates of one language; English fills any key a translation lacks."""
    merged: dict[str, str] = {}
    for code in ("en", lang) if lang != "en" else ("en",):
        for area in _AREAS:
            try:
                module = importlib.import_module(f"doctor.messages.{code}_{area}")
            except ModuleNotFoundError:
                continue
            merged.update(module.MESSAGES)
    return merged


def language(
    explicit: str | None = None,
    env: Mapping[str, str] | None = None,
    stream: TextIO | None = None,
) -> str:
    """The rendering language: --lang, else LC_ALL, LC_MESSAGES or LANG (the first set),
    else English. A locale counts by its language part: zh_CN.UTF-8, zh_TW, zh_HK, zh_SG and
    zh give Chinese; C, POSIX and any language without a catalog give English. A language the
    output (``stream``, standard output by default) cannot encode gives English: Chinese under
    PYTHONIOENCODING=ascii would be rows of '?'."""
    chosen = requested_language(explicit, env)
    return chosen if shows(chosen, sys.stdout if stream is None else stream) else "en"


def requested_language(explicit: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """The language asked for (option or locale), whatever the output can show."""
    if explicit:
        return explicit if explicit in LANGUAGES else "en"
    env = os.environ if env is None else env
    loc = env.get("LC_ALL") or env.get("LC_MESSAGES") or env.get("LANG") or ""
    code = re.split(r"[_.@-]", loc, maxsplit=1)[0].lower()
    return code if code in LANGUAGES else "en"


_SAMPLE = {"zh": "中文：（）"}  # characters every message of the language needs


def shows(lang: str, stream: TextIO | None) -> bool:
    """Whether ``stream``'s encoding can write ``lang``'s script (no stream: yes)."""
    sample = _SAMPLE.get(lang)
    encoding = getattr(stream, "encoding", None) if stream is not None else None
    if not sample or not encoding:
        return True
    try:
        sample.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def text(m: Msg | None, lang: str = "en") -> str:
    """Render one message; never raises."""
    if m is None:
        return ""
    template = catalog(lang).get(m.key)
    if template is None:
        return _fallback(m)
    params = {k: text(v, lang) if isinstance(v, Msg) else v for k, v in m.params.items()}
    try:
        return FORMATTER.vformat(template, (), params)
    except (KeyError, IndexError, ValueError):
        return _fallback(m)


def label(key: str, lang: str = "en") -> str:
    """A heading word with its colon and the space after it ("Fix: ", "修复：")."""
    return t("render.label", lang, label=t(key, lang))


def _fallback(m: Msg) -> str:
    params = ", ".join(f"{k}={v}" for k, v in m.params.items())
    return f"{m.key}({params})" if params else m.key


def t(key: str, lang: str = "en", /, **params: Any) -> str:
    """Shorthand for rendering a key directly (renderers, commands)."""
    return text(Msg(key, params), lang)
