"""k2 wheel pages: fetch cuda.html / cpu.html (or the -cn mirrors), parse the wheel names, cache
them for a day; offline, fall back to the table shipped in doctor/knowledge/k2_wheels.toml."""

from __future__ import annotations

import json
import os
import re
import time
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from packaging.utils import InvalidWheelFilename, parse_wheel_filename
from packaging.version import InvalidVersion, Version

from doctor.knowledge.k2 import K2Knowledge, load
from doctor.msgtype import Msg, msg

TIMEOUT = 5.0
CACHE_SECONDS = 24 * 3600
URL_ENV = "ICEFALL_DOCTOR_K2_WHEELS_URL"  # base URL of the pages (tests, private mirrors)

_CANDIDATE = re.compile(r"k2-[^\"'<>\n]*?\.whl", re.IGNORECASE)
_LOCAL = re.compile(r"^(?:cuda(?P<cuda>\d+\.\d+)|(?P<cpu>cpu))\.torch(?P<torch>\d+\.\d+\.\d+)$")
_PY_TAG = re.compile(r"^cp3\d{1,2}$")
_PLAT_TAG = re.compile(r"^[a-z0-9_.]+$")


@dataclass(frozen=True)
class Wheel:
    version: str  # "1.24.4.dev20250807+cuda12.6.torch2.7.1"; "" when only the table knows it
    variant: str  # "12.6" or "cpu"
    torch: str
    python: str  # "cp310"
    platform: str  # "linux_x86_64", "linux_aarch64", "macosx_arm64", "macosx_x86_64", "win"
    page: str = ""  # the page that listed it: the plan's -f link


@dataclass(frozen=True)
class WheelIndex:
    source: str  # "online", "cache" or "shipped"
    pages: tuple[str, ...]
    wheels: tuple[Wheel, ...] = ()
    error: str = ""
    knowledge: K2Knowledge = field(default_factory=load, compare=False)
    dropped: tuple[tuple[str, str], ...] = ()  # (page, name) of entries that failed validation

    def find(self, variant: str, torch: str, python: str, platform: str) -> Wheel | None:
        """The newest wheel for this build, or a dateless one the shipped table promises."""
        if self.source != "shipped":
            hits = [
                w
                for w in self.wheels
                if (w.variant, w.torch, w.python, w.platform) == (variant, torch, python, platform)
            ]
            return max(hits, key=lambda w: Version(w.version)) if hits else None
        if self.knowledge.has_wheel(variant, torch, python, platform):
            return Wheel("", variant, torch, python, platform)
        return None

    def torch_versions(self) -> list[str]:
        if self.source == "shipped":
            return self.knowledge.torch_versions()
        return sorted({w.torch for w in self.wheels}, key=_vkey, reverse=True)

    def cuda_builds(self, torch: str) -> list[str]:
        """The CUDA versions k2 has wheels for with this torch release."""
        if self.source == "shipped":
            return self.knowledge.cuda_builds(torch)
        return sorted({w.variant for w in self.wheels if w.torch == torch} - {"cpu"})

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "pages": list(self.pages),
            "error": self.error,
            "wheels": [_row(w) for w in self.wheels],
            "dropped": [list(d) for d in self.dropped],
        }


def from_json(data: Mapping[str, Any]) -> WheelIndex:
    """A WheelIndex from probe facts (a saved report is outside input too: every row is
    validated again); the shipped table when there is none."""
    dropped = tuple((str(p), str(n)) for p, n in (data or {}).get("dropped") or [])
    if not data or data.get("source") not in ("online", "cache"):
        return shipped(str(data.get("error", "")) if data else "", dropped)
    wheels = _rows(data.get("wheels") or [])
    pages = tuple(str(p) for p in data.get("pages") or () if valid_url(str(p)))
    if not wheels:
        return shipped("no valid wheel rows in the facts", dropped)
    return WheelIndex(str(data["source"]), pages, tuple(wheels), dropped=dropped)


def shipped(error: str = "", dropped: tuple[tuple[str, str], ...] = ()) -> WheelIndex:
    k = load()
    return WheelIndex("shipped", (k.cuda_page, k.cpu_page), (), error, k, dropped)


def valid_url(url: str) -> bool:
    """An http(s) URL with a host and no shell syntax, whitespace or control characters."""
    if not url or _UNSAFE.search(url):
        return False
    parts = urllib.parse.urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def valid_index_url(url: str) -> bool:
    """An index pip can use: an http(s) URL as above, or a local one (file:///abs/simple, a
    machine without the internet), with no shell syntax either."""
    if valid_url(url):
        return True
    parts = urllib.parse.urlsplit(url)
    local = parts.scheme == "file" and parts.netloc in ("", "localhost")
    return local and parts.path.startswith("/") and not _UNSAFE.search(url)


_UNSAFE = re.compile(r"[\s\"'`$;|&<>(){}\\\x00-\x1f\x7f]")


def notes(index: WheelIndex) -> list[Msg]:
    """What to tell the user about the pages: entries dropped by validation, a page that
    could not be read (so the shipped table stands in)."""
    out = []
    for page in dict.fromkeys(p for p, _ in index.dropped):
        names = [n for p, n in index.dropped if p == page]
        out.append(msg("fixer.wheels.dropped", page=page, n=len(names), names=", ".join(names[:3])))
    if index.source == "shipped" and index.error and index.error != "offline":
        out.append(msg("fixer.wheels.unreadable", error=index.error))
    return out


def page_urls(mirror: str | None, base: str | None = None) -> tuple[str, str]:
    k = load()
    if base:
        suffix = "-cn" if mirror == "cn" else ""
        root = base.rstrip("/")
        return f"{root}/cuda{suffix}.html", f"{root}/cpu{suffix}.html"
    if mirror == "cn":
        return k.cuda_page_cn, k.cpu_page_cn
    return k.cuda_page, k.cpu_page


def parse(html: str, page: str = "") -> list[Wheel]:
    """Every valid k2 wheel named on a page, newest per build kept."""
    return parse_page(html, page)[0]


def parse_page(html: str, page: str = "") -> tuple[list[Wheel], list[str]]:
    """Every valid k2 wheel named on a page (%2B unquoted), newest per build kept; and the
    k2 wheel-like names that failed validation (not PEP 440, not the wheel file-name grammar,
    not a CPython k2 build)."""
    best: dict[tuple[str, str, str, str], Wheel] = {}
    dropped: list[str] = []
    for name in dict.fromkeys(_CANDIDATE.findall(urllib.parse.unquote(html))):
        w = wheel_from_name(name, page)
        if w is None:
            dropped.append(name)
            continue
        key = (w.variant, w.torch, w.python, w.platform)
        if key not in best or Version(w.version) > Version(best[key].version):
            best[key] = w
    return list(best.values()), dropped


def wheel_from_name(name: str, page: str = "") -> Wheel | None:
    """A k2 Wheel from a file name, or None when the name is not a valid k2 wheel name."""
    try:
        dist, version, _, tags = parse_wheel_filename(name)
    except (InvalidWheelFilename, InvalidVersion):
        return None
    if dist != "k2" or not str(version).replace("+", "").replace(".", "").isalnum():
        return None
    pys = sorted({t.interpreter for t in tags})
    plats = sorted({t.platform for t in tags})
    if not pys or not plats:
        return None
    return _wheel(str(version), pys[0], plats[-1], page)


class PageError(Exception):
    """A page that answered but named no k2 wheel (a captive portal, a login page)."""


def fetch(
    *,
    mirror: str | None = None,
    offline: bool = False,
    base_url: str | None = None,
    cache_dir: Path | None = None,
) -> WheelIndex:
    """The wheel index: the day-old cache, else the pages, else the shipped table. A page that
    cannot be read, or names no valid k2 wheel, is never cached nor taken as "no wheel"."""
    if offline:
        return shipped("offline")
    base = base_url or os.environ.get(URL_ENV) or None
    if base and not valid_url(base):
        return shipped(f"ignored {URL_ENV}: not an http(s) URL without shell syntax: {base!r}")
    pages = page_urls(mirror, base)
    cache = (cache_dir or default_cache_dir()) / _cache_name(pages)
    cached = _read_cache(cache)
    if cached:
        return WheelIndex("cache", pages, tuple(cached))
    wheels: list[Wheel] = []
    dropped: list[tuple[str, str]] = []
    try:
        for url in pages:
            found, bad = parse_page(_get(url), url)
            dropped += [(url, b) for b in bad]
            if not found:
                raise PageError(f"{url} names no valid k2 wheel")
            wheels += found
    except Exception as exc:  # any network or HTTP failure, or an empty page: the table
        return shipped(f"{type(exc).__name__}: {exc}", tuple(dropped))
    _write_cache(cache, wheels)
    return WheelIndex("online", pages, tuple(wheels), dropped=tuple(dropped))


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "icefall-doctor"


def _get(url: str) -> str:
    import requests

    resp = requests.get(url, timeout=TIMEOUT)
    resp.raise_for_status()
    return resp.text


def _cache_name(pages: Iterable[str]) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "_", "_".join(pages))[-120:]
    return f"k2wheels-{slug}.json"


def _read_cache(path: Path) -> list[Wheel] | None:
    """The cached wheels, validated again; None when stale, unreadable or empty."""
    try:
        if time.time() - path.stat().st_mtime > CACHE_SECONDS:
            return None
        rows = json.loads(path.read_text(encoding="utf-8"))
        return _rows(rows) or None
    except (OSError, ValueError, TypeError):
        return None


def _write_cache(path: Path, wheels: Iterable[Wheel]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps([_row(w) for w in wheels]), encoding="utf-8")
    except OSError:
        pass


def _row(w: Wheel) -> list[str]:
    return [w.version, w.python, w.platform, w.page]


def _rows(rows: Iterable[Any]) -> list[Wheel]:
    out = []
    for row in rows:
        if not isinstance(row, (list, tuple)) or len(row) not in (3, 4):
            continue
        page = str(row[3]) if len(row) == 4 else ""
        w = _wheel(str(row[0]), str(row[1]), str(row[2]), page if valid_url(page) else "")
        if w:
            out.append(w)
    return out


def _wheel(version: str, python: str, plat: str, page: str = "") -> Wheel | None:
    """A Wheel when the version is PEP 440 with a k2 local tag and the tags look like tags."""
    try:
        v = Version(version)
    except InvalidVersion:
        return None
    m = _LOCAL.match(v.local or "")
    if not m or not _PY_TAG.match(python) or not _PLAT_TAG.match(plat):
        return None
    variant = "cpu" if m["cpu"] else str(m["cuda"])
    return Wheel(str(v), variant, m["torch"], python, _platform(plat), page)


def _platform(tag: str) -> str:
    if tag in ("linux_x86_64", "linux_aarch64", "macosx_arm64", "macosx_x86_64", "win"):
        return tag
    arch = "aarch64" if "aarch64" in tag else "arm64" if "arm64" in tag else "x86_64"
    if tag.startswith(("manylinux", "linux", "musllinux")):
        return f"linux_{arch}"
    if tag.startswith("macosx") or "universal2" in tag:
        return f"macosx_{arch}"
    return "win" if tag.startswith("win") else tag


def _vkey(version: str) -> Version:
    try:
        return Version(version)
    except InvalidVersion:
        return Version("0")


def probe_input(ctx: Any) -> dict[str, Any]:
    """The k2wheels probe's input, from the run's Context."""
    options = ctx.options or {}
    return {
        "offline": bool(options.get("offline")),
        "mirror": options.get("mirror") or None,
        "base_url": (ctx.env or {}).get(URL_ENV, ""),
    }


def probe_run(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The k2wheels probe (run in the doctor's own process): the index as JSON, never raising."""
    try:
        index = fetch(
            mirror=payload.get("mirror"),
            offline=bool(payload.get("offline")),
            base_url=payload.get("base_url") or None,
        )
    except Exception as exc:
        return {
            "source": "shipped",
            "error": f"{type(exc).__name__}: {exc}",
            "pages": [],
            "wheels": [],
        }
    return index.to_json()
