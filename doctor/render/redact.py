"""Secrets out of everything shown, and outside control characters made visible.

- ``redact_secrets`` hides credentials in URLs (``https://user:pass@host``, proxies too),
  ``NAME=value`` / ``NAME: value`` where NAME looks secret (``*TOKEN*``, ``*_KEY``,
  ``*SECRET*``, ``*PASSWORD*``, ...), ``--password X`` options, bearer headers, well-known
  token shapes, and the value of every secret-named environment variable (and every password
  inside a URL in the environment) wherever it appears.
- ``sanitize`` shows control characters, escape sequences and bidirectional overrides from
  outside strings escaped (``\\x1b``), so only the tool's own styling reaches the terminal.
- ``redact``/``redact_text`` also show the home directory as ``~`` (reports meant to be shared).

doctor.console applies ``redact_secrets`` and ``sanitize`` to everything printed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from typing import Any

HIDDEN = "***"
MIN_VALUE = 6  # shorter environment values are not searched for (too many false hits)

_SECRET_WORD = re.compile(r"PASSWORD|PASSWD|PASSPHRASE|SECRET|CREDENTIAL", re.I)
_SECRET_PART = frozenset({"TOKEN", "AUTH", "AUTHORIZATION", "COOKIE", "APIKEY"})
URL_CREDENTIALS = re.compile(r"(?P<scheme>\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^/\s?#\"'<>]*@")
_URL_PASSWORD = re.compile(r"://[^/\s:@]*:(?P<pw>[^/\s@]+)@")
# A NAME that is a path's folder or file (/etc/passwd: ..., /data/token=abc/icefall) is no
# assignment: the path is shown whole.
_ASSIGNMENT = re.compile(
    r"(?<![/\\])(?P<name>\b[A-Za-z_][A-Za-z0-9_.-]*)(?P<sep>[\"']?[ \t]*[=:][ \t]*[\"']?)"
    r"(?P<value>[^\s\"',;\[\]\\]+)"
)
_OPTION = re.compile(
    r"(?P<name>--?(?:[A-Za-z0-9]+-)*(?:password|passwd|token|secret|api-key|access-key))"
    r"(?P<sep>[ =])(?P<value>[^\s\"',;]+)",
    re.I,
)
_HEADER = re.compile(r"(?P<name>\b(?:Proxy-)?Authorization[ \t]*:)[^\r\n\"']*", re.I)
_BEARER = re.compile(r"\bBearer[ \t]+[A-Za-z0-9._~+/=-]{8,}")
_TOKEN_SHAPES = re.compile(
    r"\b(?:hf_[A-Za-z0-9]{20,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}"
    r"|sk-[A-Za-z0-9_-]{20,}|AKIA[0-9A-Z]{16}|xox[abposr]-[A-Za-z0-9-]{10,}"
    r"|glpat-[A-Za-z0-9_-]{20,})\b"
)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# The home folder where a path starts, not inside another path (/opt/rh/devtoolset-11/root/usr
# is not under a home of /root).
_HOME_START = r"(?<![\w.~/-])"
_HOME_END = r"(?=/|$|[\s:;,'\"])"
_NOT_SECRET = frozenset({"PWD", "OLDPWD", "key"})


def secret_name(name: object) -> bool:
    """Whether a variable or key of this name holds a secret: ``*PASSWORD*``, ``*SECRET*``,
    ``*_TOKEN`` (not ``num_tokens`` or ``TOKENIZERS_PARALLELISM``), ``*_KEY``, ``*_AUTH_*``."""
    if not isinstance(name, str) or name in _NOT_SECRET:
        return False
    if _SECRET_WORD.search(name):
        return True
    parts = [p.upper() for p in re.split(r"[_.\-]", name) if p]
    if any(p in _SECRET_PART or p.endswith("TOKEN") for p in parts):
        return True
    return len(parts) > 1 and parts[-1] in ("KEY", "PWD")


def secret_values(env: Mapping[str, str] | None = None) -> list[str]:
    """Values the environment holds that must never be shown: secret-named variables and
    passwords inside URLs (proxies, package indexes), longest first."""
    env = os.environ if env is None else env
    found = {v for k, v in env.items() if secret_name(k) and len(v) >= MIN_VALUE}
    for value in env.values():
        found.update(m["pw"] for m in _URL_PASSWORD.finditer(value) if len(m["pw"]) >= 4)
    return sorted(found, key=len, reverse=True)


def redact_secrets(text: str, values: Iterable[str] | None = None) -> str:
    """``text`` with every secret replaced by ``***`` (see the module's docstring)."""
    for value in secret_values() if values is None else values:
        if value in text:
            text = text.replace(value, HIDDEN)
    text = URL_CREDENTIALS.sub(lambda m: f"{m['scheme']}{HIDDEN}@", text)
    text = _HEADER.sub(lambda m: f"{m['name']} {HIDDEN}", text)
    text = _BEARER.sub(f"Bearer {HIDDEN}", text)
    text = _ASSIGNMENT.sub(_hide_assignment, text)
    text = _OPTION.sub(lambda m: f"{m['name']}{m['sep']}{HIDDEN}", text)
    return _TOKEN_SHAPES.sub(HIDDEN, text)


def _hide_assignment(m: re.Match[str]) -> str:
    if not secret_name(m["name"]) or m["value"] == HIDDEN:
        return m.group(0)
    return f"{m['name']}{m['sep']}{HIDDEN}"


def redact_data(value: Any, values: Iterable[str] | None = None) -> Any:
    """A copy of a JSON-like value with secret-named keys' values and secrets in strings hidden."""
    found = secret_values() if values is None else list(values)
    if isinstance(value, dict):
        return {
            k: HIDDEN if secret_name(k) and v not in (None, "") else redact_data(v, found)
            for k, v in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [redact_data(v, found) for v in value]
    if isinstance(value, str):
        return redact_secrets(value, found)
    return value


def sanitize(text: str) -> str:
    """Control characters, escape sequences and bidi overrides shown escaped; newlines and
    tabs kept."""
    text = text.replace("\r\n", "\n")
    return _CONTROL.sub(_escape, text)


_SGR = re.compile(r"(\x1b\[[0-9;]{0,32}m)")  # colours and bold: nothing else


def passthrough(text: str) -> str:
    """A command's own output line as the terminal would show it: carriage returns (progress
    bars) and colour codes kept; every other control or escape sequence shown escaped."""
    parts = _SGR.split(text)  # odd items are the colour codes
    return "".join(part if i % 2 else _CONTROL.sub(_keep_cr, part) for i, part in enumerate(parts))


def _keep_cr(m: re.Match[str]) -> str:
    return m.group(0) if m.group(0) == "\r" else _escape(m)


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def redact(value: Any, home: str | None = None) -> Any:
    """A copy of ``value`` (JSON-like) with secrets hidden and the home directory as ~."""
    home = os.path.expanduser("~") if home is None else home
    return _home(redact_data(value), home)


def redact_text(text: str, home: str | None = None) -> str:
    """``text`` with secrets hidden and the home directory as ~."""
    home = os.path.expanduser("~") if home is None else home
    return str(_home(redact_secrets(text), home))


def _home(value: Any, home: str) -> Any:
    if isinstance(value, dict):
        return {k: _home(v, home) for k, v in value.items()}
    if isinstance(value, list):
        return [_home(v, home) for v in value]
    if isinstance(value, str) and home and home != "/" and len(home) > 1:
        return re.sub(_HOME_START + re.escape(home.rstrip("/")) + _HOME_END, "~", value)
    return value
