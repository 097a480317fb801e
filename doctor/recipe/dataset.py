"""The dataset on disk (where prepare.sh looks, symlinks followed); does its source answer."""

from __future__ import annotations

import glob
import os
import re
import shutil
import urllib.error
import urllib.request
import wave
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from doctor.recipe.model import Dataset

HEAD_TIMEOUT = 5.0


def inspect(ds: Dataset, recipe_dir: str | os.PathLike[str]) -> dict[str, Any]:
    """present / complete, what each completeness test found, and the free disk there."""
    root = Path(recipe_dir) / ds.path
    out: dict[str, Any] = {
        "path": ds.path,
        "present": root.is_dir(),
        "symlink": os.path.realpath(root) if root.is_symlink() else "",
        "broken_link": root.is_symlink() and not root.exists(),
        "tests": [],
        "free": _free(Path(recipe_dir)),
    }
    if out["present"]:
        out["tests"] = [_test(root, t) for t in ds.complete]
    out["complete"] = bool(out["present"]) and all(t["ok"] for t in out["tests"])
    if out["present"] and not out["complete"] and ds.pairs:
        out["pairs"] = pairs(root, ds.pairs)
    archive = Path(recipe_dir) / Path(ds.path).parent / ds.archive if ds.archive else None
    out["archive_present"] = bool(archive and archive.is_file())
    return out


def _test(root: Path, test: Any) -> dict[str, Any]:
    if "glob" in test:
        found = len(glob.glob(str(root / test["glob"])))
        want = int(test.get("count", 1))
        return {"glob": test["glob"], "want": want, "found": found, "ok": found >= want}
    path = root / test["file"]
    try:
        with path.open("rb") as fh:
            readable = bool(fh.read(1))
    except OSError:
        readable = False
    return {"file": test["file"], "ok": readable}


EXAMPLES = 5


def pairs(root: Path, spec: Mapping[str, str]) -> dict[str, Any]:
    """Labelled utterances against audio files: counts, what lacks its other half, truncated
    audio, and the seconds of audio there (from the wav headers)."""
    labels = _label_ids(root / spec["labels"], spec["label_id"])
    files = {Path(f).stem: Path(f) for f in glob.glob(str(root / spec["audio"]))}
    seconds, truncated = 0.0, []
    for stem in sorted(files):
        length = wav_seconds(files[stem])
        if length is None:
            truncated.append(stem)
        else:
            seconds += length
    no_audio = sorted(set(labels or ()) - set(files))
    no_label = sorted(set(files) - set(labels or ())) if labels is not None else []
    return {
        "labels_readable": labels is not None,
        "labels": len(labels or ()),
        "audio": len(files),
        "seconds": round(seconds, 1),
        "labels_without_audio": len(no_audio),
        "audio_without_labels": len(no_label),
        "truncated": len(truncated),
        "examples": {
            "labels_without_audio": no_audio[:EXAMPLES],
            "audio_without_labels": no_label[:EXAMPLES],
            "truncated": truncated[:EXAMPLES],
        },
    }


def _label_ids(path: Path, pattern: str) -> set[str] | None:
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return None
    rx = re.compile(pattern)
    return {m.group(1) for m in map(rx.match, text.splitlines()) if m}


def wav_seconds(path: Path) -> float | None:
    """The duration a wav's header promises; None when the header is unreadable or the file is
    shorter than the header says (a truncated copy or extraction)."""
    try:
        with wave.open(str(path), "rb") as w:
            frames, rate, width = w.getnframes(), w.getframerate(), w.getsampwidth()
            channels = w.getnchannels()
        size = path.stat().st_size
    except (OSError, EOFError, wave.Error):
        return None
    if rate <= 0 or frames <= 0 or size < 44 + frames * width * channels:
        return None
    return frames / rate


def _free(path: Path) -> int | None:
    for candidate in (path, *path.parents):
        if candidate.exists():
            try:
                return shutil.disk_usage(candidate).free
            except OSError:
                return None
    return None


def reachable(url: str, timeout: float = HEAD_TIMEOUT) -> dict[str, Any]:
    """A HEAD request: status code, or the error that stopped it."""
    req = urllib.request.Request(url, method="HEAD", headers={"User-Agent": "icefall-doctor"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return {"url": url, "ok": True, "status": resp.status}
    except urllib.error.HTTPError as exc:
        return {"url": url, "ok": exc.code < 400, "status": exc.code, "error": str(exc.reason)}
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return {"url": url, "ok": False, "status": None, "error": str(reason)}
