"""The dataset on disk (where prepare.sh looks, symlinks followed); does its source answer."""

from __future__ import annotations

import glob
import os
import shutil
import urllib.error
import urllib.request
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
