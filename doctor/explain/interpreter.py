"""The Python a log shows running the program that failed: fix commands name that one.

A module "not installed" after the user installed it is most often installed into another
Python than the one that ran (a conda env's pip and another `python` on PATH). A fix that says
`python3 -m pip install X` installs into whatever `python3` is; the command the log shows
(`$ python3.10 train.py`, `PS C:\\x> python .\\run.py`) names the Python that needs it. A log
written on Windows without one gets `python`: Windows' installers and conda give no `python3`
(the name opens the Store's installer there). Else a traceback through one environment's
site-packages names that environment's interpreter. Only the lines explain keeps (the last lines
and the lines above each finding) are read: no pass over a long log of its own.
"""

from __future__ import annotations

import posixpath
import re

from doctor.explain.classes import windows_log
from doctor.explain.scan import ScanResult

# A command line running Python on a script or a module: after a shell's prompt ("$ ", "# ",
# "> " of cmd or PowerShell, "% " of zsh), bash's `set -x` trace ("+ "), or alone on its line.
# The interpreter is a plain name or a POSIX path (a Windows path cannot go into a POSIX
# command as one word).
_EXE = r"(?:~?/[\w.~/-]*/)?python(?:[23](?:\.\d{1,2})?)?(?:\.exe)?"
_RUN = re.compile(
    rf"^\s*(?:.{{0,200}}?[$#>%]\s*|\++\s+)?(?P<exe>{_EXE})"
    r"(?:\s+-[A-Za-z]+)*\s+(?:-m\s+[\w.]+|\S+\.py)(?:\s|$)"
)
# A shell's, cmd's or PowerShell's words for a command it did not find.
_NOT_FOUND = re.compile(
    r"'?(?P<cmd>[^\s':]+)'?(?:: command not found|: not found|: No such file or directory"
    r"|' is not recognized)"
)


def log_python(scan: ScanResult) -> str:
    """The interpreter fix commands should run: the one the log ran the program with, else
    ``python`` for a log written on Windows, else the one environment its traceback's packages
    come from; "" when the log says nothing of it."""
    lines = _kept_lines(scan)
    runs = _runs(lines)
    if runs:
        return _ran(runs, lines)  # "" when the log says that Python is not there
    if any(windows_log(line) for line in lines):
        return "python"
    return _env_python(lines)


def ran_python(scan: ScanResult) -> str:
    """The interpreter the log ran the program with, as the log wrote it, else the one whose
    environment the traceback's packages come from; "" when none shows."""
    lines = _kept_lines(scan)
    runs = _runs(lines)
    return _ran(runs, lines) if runs else _env_python(lines)


# A traceback frame in an environment's packages: <prefix>/lib/python3.X/site-packages/, whose
# interpreter is <prefix>/bin/python3.X (a venv, a conda env, /usr/local, /opt/conda). The
# user site (~/.local) is no environment of its own: any python3.X reads it.
_ENV_FRAME = re.compile(r'File "(?P<prefix>/[^"]*?)/lib/python(?P<ver>3\.\d{1,2})/site-packages/')


def _env_python(lines: list[str]) -> str:
    found = {
        f"{m.group('prefix')}/bin/python{m.group('ver')}"
        for m in map(_ENV_FRAME.search, lines)
        if m and "/.local" not in m.group("prefix")
    }
    return found.pop() if len(found) == 1 else ""  # two environments: which one ran is unclear


def another_python(logged: str, probed: str) -> bool:
    """The log ran a Python by its path in another environment than the probed one (a path is
    never probed here), or is a Windows log (`python`): facts of the probed interpreter are not
    of the one the fixes are for."""
    if logged == "python":
        return not probed.lower().endswith("python.exe")  # the doctor itself on Windows fits
    return "/" in logged and posixpath.dirname(logged) != posixpath.dirname(probed)


def is_python(word: str) -> bool:
    """The word names a Python interpreter as `_RUN` reads one (python3.10, /env/bin/python)."""
    return re.fullmatch(_EXE, word) is not None


def _kept_lines(scan: ScanResult) -> list[str]:
    before = [line for hit in scan.hits[:4] for line in hit.before]
    return [line for line in [*before, *scan.tail] if len(line) <= 1000]


def _runs(lines: list[str]) -> list[str]:
    return [m.group("exe") for m in map(_RUN.match, lines) if m]


def _ran(runs: list[str], lines: list[str]) -> str:
    """The last interpreter the log's command lines ran, unless the log says there is no such
    command."""
    exe = runs[-1]
    text = "\n".join(lines)
    said = {m.group("cmd") for m in _NOT_FOUND.finditer(text)}
    if "Python was not found" in text or exe in said:
        return ""
    return exe.removesuffix(".exe") if exe.endswith(".exe") and "/" not in exe else exe
