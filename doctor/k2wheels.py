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

from doctor.knowledge.k2 import K2Knowledge, load

TIMEOUT = 5.0
CACHE_SECONDS = 24 * 3600
URL_ENV = "ICEFALL_DOCTOR_K2_WHEELS_URL"  # base URL of the pages (tests, private mirrors)

_WHEEL = re.compile(
    r"k2-(?P<version>[0-9][^-\s\"'<>]*)-(?P<py>cp\d+)-[^-\s\"'<>]+-(?P<plat>[^\s\"'<>]+?)\.whl"
)
_LOCAL = re.compile(r"\+(?:cuda(?P<cuda>\d+\.\d+)|(?P<cpu>cpu))\.torch(?P<torch>\d+\.\d+\.\d+)")


@dataclass(frozen=True)
class Wheel:
    version: str  # "1.24.4.dev20250807+cuda12.6.torch2.7.1"; "" when only the table knows it
    variant: str  # "12.6" or "cpu"
    torch: str
    python: str  # "cp310"
    platform: str  # "linux_x86_64", "linux_aarch64", "macosx_arm64", "macosx_x86_64", "win"


@dataclass(frozen=True)
class WheelIndex:
    source: str  # "online", "cache" or "shipped"
    pages: tuple[str, ...]
    wheels: tuple[Wheel, ...] = ()
    error: str = ""
    knowledge: K2Knowledge = field(default_factory=load, compare=False)

    def find(self, variant: str, torch: str, python: str, platform: str) -> Wheel | None:
        """The newest wheel for this build, or a dateless one the shipped table promises."""
        if self.source != "shipped":
            hits = [
                w
                for w in self.wheels
                if (w.variant, w.torch, w.python, w.platform) == (variant, torch, python, platform)
            ]
            return max(hits, key=lambda w: w.version) if hits else None
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
            "wheels": [[w.version, w.python, w.platform] for w in self.wheels],
        }


def from_json(data: Mapping[str, Any]) -> WheelIndex:
    """A WheelIndex from probe facts; the shipped table when there is none."""
    if not data or data.get("source") not in ("online", "cache"):
        return shipped(str(data.get("error", "")) if data else "")
    wheels = [_wheel(str(v), str(py), str(pl)) for v, py, pl in data.get("wheels") or []]
    return WheelIndex(
        str(data["source"]), tuple(data.get("pages") or ()), tuple(w for w in wheels if w)
    )


def shipped(error: str = "") -> WheelIndex:
    k = load()
    return WheelIndex("shipped", (k.cuda_page, k.cpu_page), (), error, k)


def page_urls(mirror: str | None, base: str | None = None) -> tuple[str, str]:
    k = load()
    if base:
        suffix = "-cn" if mirror == "cn" else ""
        root = base.rstrip("/")
        return f"{root}/cuda{suffix}.html", f"{root}/cpu{suffix}.html"
    if mirror == "cn":
        return k.cuda_page_cn, k.cpu_page_cn
    return k.cuda_page, k.cpu_page


def parse(html: str) -> list[Wheel]:
    """Every k2 wheel named on a page (%2B unquoted), newest per build kept."""
    best: dict[tuple[str, str, str, str], Wheel] = {}
    for m in _WHEEL.finditer(urllib.parse.unquote(html)):
        w = _wheel(m["version"], m["py"], m["plat"])
        if w is None:
            continue
        key = (w.variant, w.torch, w.python, w.platform)
        if key not in best or _vkey(w.version) > _vkey(best[key].version):
            best[key] = w
    return list(best.values())


def fetch(
    *,
    mirror: str | None = None,
    offline: bool = False,
    base_url: str | None = None,
    cache_dir: Path | None = None,
) -> WheelIndex:
    """The wheel index: the day-old cache, else the pages, else the shipped table."""
    if offline:
        return shipped("offline")
    pages = page_urls(mirror, base_url or os.environ.get(URL_ENV))
    cache = (cache_dir or default_cache_dir()) / _cache_name(pages)
    cached = _read_cache(cache)
    if cached is not None:
        return WheelIndex("cache", pages, tuple(cached))
    try:
        wheels = [w for url in pages for w in parse(_get(url))]
    except Exception as exc:  # any network or HTTP failure: fall back to the table
        return shipped(f"{type(exc).__name__}: {exc}")
    _write_cache(cache, wheels)
    return WheelIndex("online", pages, tuple(wheels))


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
    try:
        if time.time() - path.stat().st_mtime > CACHE_SECONDS:
            return None
        rows = json.loads(path.read_text(encoding="utf-8"))
        return [w for w in (_wheel(*row) for row in rows) if w]
    except (OSError, ValueError, TypeError):
        return None


def _write_cache(path: Path, wheels: Iterable[Wheel]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        rows = [[w.version, w.python, w.platform] for w in wheels]
        path.write_text(json.dumps(rows), encoding="utf-8")
    except OSError:
        pass


def _wheel(version: str, python: str, plat: str) -> Wheel | None:
    m = _LOCAL.search(version)
    if not m:
        return None
    variant = "cpu" if m["cpu"] else str(m["cuda"])
    return Wheel(version, variant, m["torch"], python, _platform(plat))


def _platform(tag: str) -> str:
    if tag in ("linux_x86_64", "linux_aarch64", "macosx_arm64", "macosx_x86_64", "win"):
        return tag
    arch = "aarch64" if "aarch64" in tag else "arm64" if "arm64" in tag else "x86_64"
    if tag.startswith(("manylinux", "linux", "musllinux")):
        return f"linux_{arch}"
    if tag.startswith("macosx") or "universal2" in tag:
        return f"macosx_{arch}"
    return "win" if tag.startswith("win") else tag


def _vkey(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", version.split("+")[0]))


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
