"""Secrets out of everything rendered: token-like variables, proxy credentials, the home dir."""

from __future__ import annotations

import os
import re
from typing import Any

SECRET_NAME = re.compile(
    r"(TOKEN|SECRET|PASSWORD|PASSWD|PWD_|API_?KEY|ACCESS_?KEY|CREDENTIAL|AUTH)", re.I
)
URL_CREDENTIALS = re.compile(r"(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s:]+(:[^/@\s]*)?@")
HIDDEN = "***"
_HOME_END = r"(?=/|$|[\s:;,'\"])"


def redact(value: Any, home: str | None = None) -> Any:
    """A copy of ``value`` (JSON-like) with secrets hidden and the home directory as ~."""
    home = os.path.expanduser("~") if home is None else home
    if isinstance(value, dict):
        return {k: HIDDEN if _secret_key(k) else redact(v, home) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [redact(v, home) for v in value]
    if isinstance(value, str):
        return redact_text(value, home)
    return value


def redact_text(text: str, home: str | None = None) -> str:
    home = os.path.expanduser("~") if home is None else home
    text = URL_CREDENTIALS.sub(lambda m: f"{m.group('scheme')}{HIDDEN}@", text)
    if home and home != "/" and len(home) > 1:
        text = re.sub(re.escape(home.rstrip("/")) + _HOME_END, "~", text)
    return text


def _secret_key(key: object) -> bool:
    return isinstance(key, str) and bool(SECRET_NAME.search(key)) and key not in _NOT_SECRET


_NOT_SECRET = frozenset({"PWD"})
