"""k2 source builds where people leave them: entries on PYTHONPATH, ~/k2*, ~/*/k2, beside the
icefall checkout, the environment's prefix. A bounded look (fixed depth, a few seconds), never a
walk of the disk. A build is <root>/k2/python/k2/__init__.py with <root>/build*/lib*/_k2*.so.
Stdlib only, Python 3.8+."""

import glob
import os
import re
import sys
import time

SECONDS = 3.0
MAX_ROOTS = 64
_TAG = re.compile(r"\.cpython-(\d)(\d+)")
_HEADER = re.compile(r'k(Torch|Python|TorchCuda)Version\s*=\s*"([^"]*)"')
_CACHE = re.compile(r"^(Torch_DIR|K2_WITH_CUDA|PYTHON_EXECUTABLE)(?::\w+)?=(.*)$", re.M)


def here_tag():
    return "cp%d%d" % sys.version_info[:2]


def _norm(path):
    return os.path.normpath(os.path.abspath(os.path.expanduser(path)))


def pythonpath():
    return [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]


def _from_path_entry(entry):
    """<root>/k2/python or <root>/build*/lib* -> <root>; else None."""
    p = _norm(entry)
    parent = os.path.dirname(p)
    if os.path.basename(p) == "python" and os.path.basename(parent) == "k2":
        return os.path.dirname(parent)
    if os.path.basename(p).startswith("lib") and os.path.basename(parent).startswith("build"):
        return os.path.dirname(parent)
    return None


def _is_checkout(path):
    return os.path.isfile(os.path.join(path, "icefall", "__init__.py"))


def icefall_roots(payload):
    found = []
    option = str(payload.get("icefall") or "")
    if option:
        found.append(_norm(option))
    found += [_norm(p) for p in pythonpath() if _is_checkout(p)]
    here = _norm(str(payload.get("cwd") or os.getcwd()))
    while True:
        if _is_checkout(here):
            found.append(here)
            break
        if os.path.dirname(here) == here:
            break
        here = os.path.dirname(here)
    return found


def _around(base):
    """base itself (icefall cloned inside k2), base/k2*, base/*/k2."""
    inside = sorted(glob.glob(os.path.join(base, "k2*")))
    return [base, *inside, *sorted(glob.glob(os.path.join(base, "*", "k2")))]


def candidates(payload):
    """Folders that may hold a k2 checkout, most specific first."""
    out = [r for r in (_from_path_entry(e) for e in pythonpath() + sys.path) if r]
    home = os.path.expanduser("~")
    if home and home != "~":
        out += _around(home)[1:]
    for root in icefall_roots(payload):
        out += _around(os.path.dirname(root))
    for prefix in (sys.prefix, os.path.dirname(sys.prefix)):
        out += _around(prefix)[1:] + sorted(glob.glob(os.path.join(prefix, "src", "k2*")))
    return out


def _read(path, limit=400000):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read(limit)
    except OSError:
        return ""


def _torch_from_cache(cache):
    """The torch version of the Torch_DIR CMake used: <torch>/share/cmake/Torch -> <torch>."""
    torch_dir = cache.get("Torch_DIR", "")
    if not torch_dir:
        return None
    root = os.path.dirname(os.path.dirname(os.path.dirname(torch_dir)))
    m = re.search(r"__version__\s*=\s*['\"]([^'\"]+)['\"]", _read(os.path.join(root, "version.py")))
    return m.group(1) if m else None


def _source_torch(python_dir):
    text = _read(os.path.join(python_dir, "k2", "torch_version.py"))
    m = re.search(r"k2_torch_version\s*=\s*['\"]([^'\"]+)['\"]", text)
    return m.group(1) if m else None


def build_facts(build_dir, python_dir):
    """What a build folder says about its build: Python, torch, CUDA."""
    header = dict(_HEADER.findall(_read(os.path.join(build_dir, "k2", "csrc", "version.h"))))
    cache = dict(_CACHE.findall(_read(os.path.join(build_dir, "CMakeCache.txt"))))
    torch = header.get("Torch") or _torch_from_cache(cache) or _source_torch(python_dir)
    cuda = cache.get("K2_WITH_CUDA", "").strip().upper()
    return {
        "header_python": header.get("Python", ""),
        "torch_version": torch or None,
        "torch_cuda": header.get("TorchCuda", ""),
        "with_cuda": (cuda in ("ON", "TRUE", "1")) if cuda else None,
        "built_by": cache.get("PYTHON_EXECUTABLE", "").strip(),
    }


def python_tag(so_path, header_python):
    m = _TAG.search(os.path.basename(so_path))
    if m:
        return "cp%s%s" % (m.group(1), m.group(2))
    digits = header_python.replace(".", "")  # a build may record "." (k2 master does)
    return "cp" + digits if digits.isdigit() else ""


def _on_path(path):
    return _norm(path) in {_norm(p) for p in sys.path if p}


def builds_in(root):
    """Every build of the checkout at root (one per build*/lib* folder holding _k2)."""
    python_dir = os.path.join(root, "k2", "python")
    if not os.path.isfile(os.path.join(python_dir, "k2", "__init__.py")):
        return []
    out = []
    for so in sorted(glob.glob(os.path.join(root, "build*", "lib*", "_k2*.so"))):
        lib_dir = os.path.dirname(so)
        facts = build_facts(os.path.dirname(lib_dir), python_dir)
        tag = python_tag(so, facts.pop("header_python"))
        out.append(
            dict(
                root=root,
                python_dir=python_dir,
                lib_dir=lib_dir,
                so_file=so,
                python_tag=tag,
                fits_python=tag == here_tag(),
                on_path=_on_path(python_dir) and _on_path(lib_dir),
                **facts,
            )
        )
    return out


def search(payload):
    """(builds, a note of the search itself)."""
    start, seen, builds, truncated = time.monotonic(), set(), [], False
    for root in candidates(payload):
        real = os.path.realpath(root)
        if real in seen or not os.path.isdir(real):
            continue
        if len(seen) >= MAX_ROOTS or time.monotonic() - start > SECONDS:
            truncated = True
            break
        seen.add(real)
        builds += builds_in(_norm(root))
    note = {"looked_in": len(seen), "truncated": truncated}
    note["seconds"] = round(time.monotonic() - start, 3)
    return builds, note
