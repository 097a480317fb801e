"""The log as structure: Python tracebacks (chained ones too), their frames and the package each
frame belongs to, and the decisive line of other kinds of failure (a C++ check, CMake, pip, the
shell, a signal).

Works on the few lines the scan keeps (hit context and the tail), never on the whole log.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from doctor.explain import stdlib_names

_FRAME = re.compile(r'^\s*File "(?P<path>[^"]+)", line (?P<line>\d+)(?:, in (?P<func>\S+))?')
# A frame's file anywhere in a line or a text (a quoted or prefixed traceback, a joined block).
FRAME_PATH = re.compile(r'File "(?P<path>[^"]+)", line \d+')
# IPython's frame line; Colab shows its path as a link: [/usr/lib/x.py](https://...) in f()
_IPY_FRAME = re.compile(
    r"^\s*\[?(?P<path>(?:~|/|[A-Za-z]:\\)[^\s\]]+\.py)(?:\]\([^)]*\))? in (?P<func>\S*)\("
)
_EXC = re.compile(
    r"^\s*(?:(?P<mod>[A-Za-z_][\w.]*)\.)?(?P<type>_?[A-Z]\w*(?:Error|Exception|Exit|Interrupt|Warning"
    r"|Fault|NotFound|Timeout))(?::\s*(?P<msg>.*))?$"
)
_CHAIN = (
    "During handling of the above exception",
    "The above exception was the direct cause",
)
_SITE = re.compile(r"[/\\](?:site|dist)-packages[/\\](?P<pkg>[A-Za-z0-9_.-]+)")
_STDLIB = re.compile(r"[/\\]lib[/\\]python\d+(?:\.\d+)?[/\\](?P<mod>[A-Za-z0-9_]+)")
# Windows keeps the standard library in <install>\Lib\<module> (no pythonX.Y folder).
_WIN_STDLIB = re.compile(r"\\[Ll]ib\\(?P<mod>[A-Za-z_]\w*)(?:\\|\.py$)")
_STDLIB_NAMES = stdlib_names.NAMES
_DECISIVE = re.compile(
    r"Check failed|CMake Error|\berror:|\bERROR:|fatal error|\bfatal\b|command not found"
    r"|Killed|Bus error|Segmentation fault|core dumped|exit(?:ed with)? (?:code|status) \d+"
    r"|\[E:|\bFAILED\b|Error\b|error\b"
)
MAX_SHOWN = 300


@dataclass(frozen=True)
class Frame:
    path: str
    line: int
    package: str  # the installed package ("torch", "k2"), "stdlib", or "" for the user's code


@dataclass(frozen=True)
class PyError:
    type: str
    message: str
    index: int  # index of the exception line in the lines given
    frames: tuple[Frame, ...]
    module: str = ""  # the module the exception's type is qualified with (lhotse.utils)

    @property
    def culprit(self) -> Frame | None:
        """The innermost frame of the user's own code (outside installed packages)."""
        own = [f for f in self.frames if not f.package]
        return own[-1] if own else None

    @property
    def raised_in(self) -> str:
        """The package of the innermost frame: where the error came from."""
        return self.frames[-1].package if self.frames else ""


def package_of(path: str) -> str:
    m = _SITE.search(path)
    if m:
        return m.group("pkg").split(".")[0].split("-")[0]
    if _STDLIB.search(path) or path.startswith("<frozen"):
        return "stdlib"
    w = _WIN_STDLIB.search(path)
    if w and w.group("mod") in _STDLIB_NAMES:
        return "stdlib"
    if path.startswith("<"):
        return "<string>"
    return ""


# A log pasted into an issue: quoted ("> Traceback ...") or each line as inline code.
_QUOTED = re.compile(r"^\s*>(?!>) ?")


def plain(line: str) -> str:
    """A line without the markup an issue's paste adds around it (a blockquote's "> ", a pair
    of backticks around the whole line); other lines as they are."""
    line = _QUOTED.sub("", line, count=1)
    s = line.strip()
    if len(s) > 2 and s[0] == "`" and s[-1] == "`" and "`" not in s[1:-1]:
        return line.replace("`", "", 2) if line.lstrip().startswith("`") else line
    return line


def python_errors(lines: list[str]) -> list[PyError]:
    """Every Python exception line with the frames printed above it, in log order."""
    out: list[PyError] = []
    frames: list[Frame] = []
    for i, raw in enumerate(lines):
        line = plain(raw)
        m = _FRAME.match(line) or _IPY_FRAME.match(line)
        if m:
            path = m.group("path")
            no = int(m.groupdict().get("line") or 0)
            frames.append(Frame(path, no, package_of(path)))
            continue
        if line.startswith("Traceback") or line.strip().startswith(_CHAIN):
            frames = []
            continue
        e = _EXC.match(line)
        if e and (frames or e.group("msg") is not None):
            msg, mod = (e.group("msg") or "").strip(), e.group("mod") or ""
            out.append(PyError(e.group("type"), msg, i, tuple(frames), mod))
            frames = []
    return out


_IMPORT_DOTTED = re.compile(
    r"^\s*(?:from\s+(?P<a>[A-Za-z_]\w*)\.[\w.]+\s+import\b|import\s+(?P<b>[A-Za-z_]\w*)\.\w)"
)


def _imports(lines: list[str], statement: re.Pattern[str]) -> Iterator[tuple[int, str, str, str]]:
    """Each frame whose source line is an import ``statement`` matches, with the frame just
    after it: (index of the import's line, the importing frame's path, the imported top-level
    name, the next frame's path)."""
    for i in range(len(lines) - 2):
        frame = _FRAME.match(lines[i])
        m = statement.match(lines[i + 1]) if frame else None
        nxt = next((f for f in map(_FRAME.match, lines[i + 2 : i + 4]) if f), None) if m else None
        if frame and m and nxt:
            yield i + 1, frame.group("path"), m.group("a") or m.group("b"), nxt.group("path")


def module_file_shadow(lines: list[str]) -> tuple[str, str] | None:
    """`from x.y import ...` whose next frame runs site-packages/x.py: a single-file module
    cannot have submodules, so the code meant a package x (the project's own folder) and an
    installed module of that name was imported instead. (name, the module file's path)."""
    for _, _, name, path in _imports(lines, _IMPORT_DOTTED):
        if re.search(rf"[/\\](?:site|dist)-packages[/\\]{re.escape(name)}\.py$", path):
            return name, path
    return None


_IMPORT_TOP = re.compile(
    r"^\s*(?:from\s+(?P<a>[A-Za-z_]\w*)[\w.]*\s+import\b|import\s+(?P<b>[A-Za-z_]\w*))"
)


def local_file_shadow(lines: list[str]) -> tuple[str, str, int] | None:
    """An installed package's `import x` (or `from x import`) whose next frame runs the user's
    own x.py, outside site-packages: a file named like the package hides it (a script saved as
    jax.py). (name, that file's path, the index of the import's line). The traceback's end may
    be cut: the frames say it."""
    for index, importer, name, path in _imports(lines, _IMPORT_TOP):
        outer = package_of(importer)
        if outer and outer != name and not package_of(path) and basename(path) == f"{name}.py":
            return name, path, index
    return None


def self_import(lines: list[str]) -> tuple[str, str, int] | None:
    """A file of the user's that imports the package it is named like: the import's next frame
    runs the same import statement again, in a file outside site-packages (a script saved as
    tensorboardX.py doing `from tensorboardX import SummaryWriter` imports itself). (name, that
    file's path, the index of the first import's line)."""
    for index, _, name, path in _imports(lines, _IMPORT_TOP):
        again = _source_after(lines, index + 1)
        same = again is not None and again.strip() == lines[index].strip()
        if same and not package_of(path) and basename(path) != "__init__.py":
            return name, path, index
    return None


def _source_after(lines: list[str], start: int) -> str | None:
    """The source line printed under the next frame line at or after ``start``."""
    for i in range(start, min(start + 3, len(lines) - 1)):
        if _FRAME.match(lines[i]):
            return lines[i + 1]
    return None


def basename(path: str) -> str:
    """The file name of a path from a log, Windows' or POSIX's."""
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def my_copy(path: str) -> str:
    """The name a user's file that hides a package is renamed to: x.py -> my_x.py, beside it."""
    name = basename(path)
    return path[: -len(name)] + f"my_{name}"


def root_cause(lines: list[str]) -> PyError | None:
    """The first link of the last chain of exceptions: the cause, not its consequences."""
    errors = python_errors(lines)
    if not errors:
        return None
    chain_start = 0
    for i, e in enumerate(errors):
        if i and not _chained(lines, errors[i - 1].index, e.index):
            chain_start = i
    return errors[chain_start]


def _chained(lines: list[str], a: int, b: int) -> bool:
    return any(line.strip().startswith(_CHAIN) for line in lines[a:b])


def decisive(lines: list[str]) -> int | None:
    """Index of the last line that reads as an error of any kind (not only Python's)."""
    for i in range(len(lines) - 1, -1, -1):
        if _DECISIVE.search(lines[i]):
            return i
    return None


# A log's colour codes (onnxruntime's and glog's coloured lines): decoration, left out of what
# is shown. Any other escape sequence stays, and the console shows it escaped.
_COLOUR = re.compile(r"\x1b\[[0-9;]{0,32}m")


def shown(line: str) -> str:
    """A line as displayed: without colour codes, stripped, and cut when it is huge (a 10 MB
    line of JSON)."""
    s = _COLOUR.sub("", line).strip()
    return s if len(s) <= MAX_SHOWN else s[:MAX_SHOWN] + f" … [{len(s) - MAX_SHOWN} more chars]"


_ID = re.compile(r"(\d+)")
_ABI_TAG = re.compile(r"B(\d+)")


def demangle(symbol: str) -> str:
    """A readable form of an Itanium C++ symbol's nested name (_ZN3c104impl...E): enough to say
    which library's API it is (c10::impl::...). Falls back to the symbol itself."""
    s = symbol.lstrip("_")
    if not s.startswith("Z"):
        return symbol
    s = s[1:]
    if s[:2] in ("TI", "TV", "TS"):  # the typeinfo, vtable or type name of a class: its name
        s = s[2:]
    nested = s.startswith("N")
    s = re.sub(r"^[KVr]+", "", s[1:] if nested else s)
    parts = _names(s, nested)
    return "::".join(parts) if parts else symbol


def _names(s: str, nested: bool) -> list[str] | None:
    """The names of a mangled (nested) name, up to its end, a template's arguments (shown as
    <…>), or a constructor or destructor; None where it holds what this reading does not know."""
    parts: list[str] = []
    while s:
        if s.startswith("St"):
            parts.append("std")
            s = s[2:]
            continue
        tag = _ABI_TAG.match(s)  # [abi:cxx11] after a name: not a part of it
        if tag and parts:
            s = s[tag.end() + int(tag.group(1)) :]
        else:
            m = _ID.match(s)
            end = m.end() + int(m.group(1)) if m else 0
            if not m or end > len(s):
                return None
            parts.append(s[m.end() : end])
            s = s[end:]
        if not nested or _ends(s, parts):
            break
    return parts


def _ends(s: str, parts: list[str]) -> bool:
    """Whether the nested name ends at ``s``, completing ``parts`` as it does."""
    if s[:2] in ("C1", "C2"):
        parts.append(parts[-1])
    elif s[:2] in ("D0", "D1", "D2"):
        parts.append("~" + parts[-1])
    elif s[:1] == "I":  # template arguments, and maybe more names: not read
        parts[-1] += "<…>"
        parts.append("…")
    return s[:1] in ("", "C", "D", "I", "E")
