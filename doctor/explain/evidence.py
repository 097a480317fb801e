"""What every class of error reads of a hit: the tables of classes.toml and their named fixes,
the hit's lines and text, the Python error its line belongs to, and that error's frames."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from doctor.datafiles import read_toml
from doctor.explain import structure
from doctor.explain.model import Hit

Params = dict[str, Any]
# Frames' packages that are not the caller of an API: the stdlib, a -c string, torch itself.
NOT_CALLERS = ("", "stdlib", "<string>", "torch")


@cache
def data() -> Mapping[str, Any]:
    return read_toml("doctor.explain", "classes.toml")


def fixes(name: str) -> list[str]:
    """The command templates of a named fix (classes.toml [fixes])."""
    return list(data()["fixes"].get(name, ()))


def fix_params(name: str) -> Params:
    return {"_extra_fix": fixes(name)}


def hit_text(hit: Hit) -> str:
    return "\n".join([*hit.before[-15:], hit.line, *hit.after])


def hit_lines(hit: Hit) -> list[str]:
    return [*hit.before, hit.line, *hit.after]


_CARETS = re.compile(r"^\s*[~^]+[~^\s]*$")  # Python 3.11+'s markers under the source line


def source_line(hit: Hit) -> str:
    """The source line the traceback shows for the failing frame (the line above the error,
    Python 3.11's ~~~^^^ markers and blank lines skipped), or ""."""
    return source_above(hit.before)


def source_above(lines: list[str]) -> str:
    """The source line right above an error line (see source_line), or "" when the frame
    shows none (its file line comes first)."""
    for line in reversed(lines[-4:]):
        if not line.strip() or _CARETS.match(line):
            continue
        return "" if line.lstrip().startswith(("File ", "Traceback")) else line
    return ""


def own_error(hit: Hit) -> structure.PyError | None:
    """The Python error the hit's own line belongs to (not one earlier in the log)."""
    errors = structure.python_errors(hit_lines(hit))
    return next((e for e in errors if e.index >= len(hit.before)), None)


def frames(hit: Hit) -> list[structure.Frame]:
    return [f for e in structure.python_errors(hit_lines(hit)) for f in e.frames]


def own_module_file(frames: list[structure.Frame], top: str) -> str:
    """The user's own file or folder named like the package that a frame shows, or ""."""
    ends = (f"/{top}.py", f"/{top}/__init__.py")
    return next(
        (f.path for f in frames if not f.package and _slashed(f.path).endswith(ends)),
        "",
    )


def _slashed(path: str) -> str:
    """A frame's path with / separators and a leading one (a bare "dis.py" too)."""
    path = path.replace("\\", "/")
    return path if path.startswith("/") else "/" + path


def caller_package(frame_list: list[structure.Frame]) -> str:
    """The innermost frame's package that calls an API (not the stdlib, a -c string, torch)."""
    return next((f.package for f in reversed(frame_list) if f.package not in NOT_CALLERS), "")


def cuda_on_macos() -> Params:
    """Code asking for CUDA on a Mac: no CUDA build of torch exists there; its device is "mps"
    (Apple's GPU) or "cpu"."""
    return {"_note": "macos", "_doubt": "", "_instead_fix": fixes("cuda_on_macos")}
