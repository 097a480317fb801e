"""Every sentence a user reads comes from the message catalogs, in every language.

An AST scan over doctor/ (outside doctor/messages/ and the scripts that run inside the target
interpreter) finds string literals a user would read and fails on any that is built in code.

A literal (a str constant, or an f-string read with "{}" for each placeholder) is user-facing
when it is
  - the help=, description=, epilog=, hint= or version= of a call, or the message of a
    DoctorError or an argparse.ArgumentTypeError (any text there: the user reads it), or
  - a sentence anywhere else: at least three words of two or more letters, separated by
    spaces; a shell command counts only by an English comment in it ("cmd  # words ...").
It is not user-facing when it is
  - a docstring, a dict key, a subscript, an operand of ==, != or in (text matched against
    a log or a tool's output), a pattern given to re.*, or an argument of a str method
    (startswith, split, ...),
  - the message of another exception or of an assert: the doctor's own bugs, reported
    through the crash log, or caught and turned into a catalog message,
  - a catalog key (lowercase words joined by dots),
  - the value of a module-level constant named in DATA (names, markers, patterns), or
    listed in ALLOWED below, each with the reason.
"""

from __future__ import annotations

import ast
import importlib
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from doctor.checks.registry import AREAS, CHECKS
from doctor.commands import COMMANDS, ENVIRONMENT
from doctor.messages import _AREAS, LANGUAGES, catalog

DOCTOR = Path(__file__).resolve().parent.parent / "doctor"
# Code that runs inside the target interpreter or is the catalog itself.
EXCLUDED_DIRS = ("messages", "probes/scripts", "runner/scripts")

# (file relative to doctor/, the literal's text with "{}" for placeholders): why it stays.
ALLOWED: dict[tuple[str, str], str] = {
    ("cli.py", "{} {}\nargv: {}\npython: {}\nplatform: {}\n\n{}"): (
        "the crash log's field names, read by the maintainers the user sends it to"
    ),
    ("probes/spawn.py", "icefall-doctor could not prepare this probe's input: {}: {}"): (
        "stored as the probe's stderr in the facts (a saved report), shown as captured output"
    ),
    ("probes/spawn.py", "(no JSON result on stdout) "): (
        "stored as the probe's stderr in the facts (a saved report), shown as captured output"
    ),
    ("k2wheels.py", "no valid wheel rows in the facts"): (
        "the k2wheels probe's error field in the facts, shown like an exception's text"
    ),
    ("k2wheels.py", "ignored {}: not an http(s) URL without shell syntax: {}"): (
        "the k2wheels probe's error field in the facts, shown like an exception's text"
    ),
    ("checks/recipe_data.py", "--max-duration {} --num-workers {} --world-size {}"): (
        "train.py's options, pasted by the user"
    ),
    ("explain/params.py", "undefined reference to {}"): (
        "the linker's own words, rebuilt from the log line that quotes them"
    ),
    ("explain/params.py", "cu<CUDA major>"): (
        "a placeholder inside a wheel's name (nvidia-cudnn-cu<CUDA major>), one shell word"
    ),
}

# (file relative to doctor/, a module-level constant): why its strings are data, not sentences.
DATA: dict[tuple[str, str], str] = {
    ("analyze/plot.py", "_CJK_FONTS"): "font family names matplotlib looks up",
    ("checks/k2.py", "_ERRORS"): "substrings of k2's import error, matched against it",
    ("commands/__init__.py", "ENVIRONMENT"): (
        "environment variable names; their descriptions are catalog keys (checked below)"
    ),
    ("explain/memory.py", "_NUM"): "a pattern of PyTorch's out-of-memory message",
    ("explain/memory.py", "_PATTERNS"): "patterns of PyTorch's out-of-memory message",
    ("explain/structure.py", "_CHAIN"): "Python's own lines between chained tracebacks",
    ("fixer/envscript.py", "STATE"): "a marker line the tool reads back from the rc file",
    ("fixer/rcblock.py", "CHECKSUM"): "a marker line the tool reads back from the rc file",
}

_WORD = re.compile(r"[A-Za-z]{2,}")
_KEY = re.compile(r"^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)+$")
_COMMAND = re.compile(
    r"^(?:\{[^}]*\} -[mc] |--?[a-z]|\./|(?:icefall-doctor|python3?|pip|cd|export|unset|wget"
    r"|conda|nm|which|strings|case|if|git|ln|mkdir|import)\b)"
)
_COMMENT = re.compile(r"(?:^|\s)#\s*(.*)$")
_USER_KEYWORDS = {"help", "description", "epilog", "hint", "version"}
_USER_ERRORS = {"DoctorError", "ArgumentTypeError"}
_RE_FUNCS = {"compile", "search", "match", "fullmatch", "sub", "subn", "findall", "finditer"}
_PATTERN_CALLS = {
    "filterwarnings",
    "_first",
}  # every argument: a pattern (explain's _first(re, text))
_STR_METHODS = {
    "startswith", "endswith", "find", "rfind", "index", "split", "rsplit", "replace",
    "count", "removeprefix", "removesuffix", "partition", "rpartition", "strip",
}  # fmt: skip


def _files() -> list[Path]:
    excluded = [DOCTOR / d for d in EXCLUDED_DIRS]
    return sorted(
        p
        for p in DOCTOR.rglob("*.py")
        if not any(p.is_relative_to(d) for d in excluded) and "__pycache__" not in p.parts
    )


def _text(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(v.value) if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _sentence(text: str) -> bool:
    if _KEY.match(text):
        return False
    if _COMMAND.match(text.strip()):
        comment = _COMMENT.search(text)
        return bool(comment) and len(_WORD.findall(comment.group(1) if comment else "")) >= 3
    return " " in text.strip() and len(_WORD.findall(text)) >= 3


class _Scan(ast.NodeVisitor):
    """Collects (line, text, always) for every literal outside the contexts that exclude it;
    ``always`` marks the contexts where any text is user-facing."""

    def __init__(self, rel: str = "") -> None:
        self.found: list[tuple[int, str, bool]] = []
        self.rel = rel

    def _skip(self, node: ast.AST | None) -> None:
        """Nothing under ``node`` is a sentence, but calls inside it are still visited."""
        for child in ast.iter_child_nodes(node) if node is not None else ():
            if isinstance(child, ast.Call):
                self.visit(child)
            else:
                self._skip(child)

    def _user(self, node: ast.expr) -> None:
        text = _text(node)
        if text is not None and not _KEY.match(text) and text.strip():
            self.found.append((node.lineno, text, True))
        else:
            self.visit(node)

    def generic_visit(self, node: ast.AST) -> None:
        text = _text(node) if isinstance(node, ast.expr) else None
        if text is not None and isinstance(node, ast.expr):
            self.found.append((node.lineno, text, False))
            return
        super().generic_visit(node)

    def _body(self, body: list[ast.stmt]) -> list[ast.stmt]:
        first = body[0] if body else None
        if isinstance(first, ast.Expr) and _text(first.value) is not None:
            return body[1:]  # the docstring
        return body

    def visit_Module(self, node: ast.Module) -> None:
        for stmt in self._body(node.body):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else []
            if isinstance(stmt, ast.AnnAssign):
                targets = [stmt.target]
            names = {t.id for t in targets if isinstance(t, ast.Name)}
            if any((self.rel, n) in DATA for n in names):
                continue
            self.visit(stmt)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for d in node.decorator_list:
            self.visit(d)
        self.visit(node.args)
        for stmt in self._body(node.body):
            self.visit(stmt)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for stmt in self._body(node.body):
            self.visit(stmt)

    def visit_Dict(self, node: ast.Dict) -> None:
        for k in node.keys:
            self._skip(k)
        for v in node.values:
            self.visit(v)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        self.visit(node.value)
        self._skip(node.slice)

    def visit_Compare(self, node: ast.Compare) -> None:
        if any(isinstance(op, (ast.Eq, ast.NotEq, ast.In, ast.NotIn)) for op in node.ops):
            for operand in (node.left, *node.comparators):
                self._skip(operand)
        else:
            self.generic_visit(node)

    def visit_Assert(self, node: ast.Assert) -> None:
        self.visit(node.test)
        self._skip(node.msg)

    def visit_Raise(self, node: ast.Raise) -> None:
        exc = node.exc
        if isinstance(exc, ast.Call) and _name(exc.func) not in _USER_ERRORS:
            self._skip(exc)
        elif exc is not None:
            self.visit(exc)
        if node.cause is not None:
            self.visit(node.cause)

    def visit_Call(self, node: ast.Call) -> None:
        name = _name(node.func)
        self.visit(node.func)
        args = list(node.args)
        if name in _RE_FUNCS and isinstance(node.func, ast.Attribute) and args:
            self._skip(args.pop(0))
        if name in _PATTERN_CALLS or (
            name in _STR_METHODS and isinstance(node.func, ast.Attribute)
        ):
            for a in args:
                self._skip(a)
            args = []
        if name in _USER_ERRORS and args:
            self._user(args.pop(0))
        for a in args:
            self.visit(a)
        for kw in node.keywords:
            if name in _PATTERN_CALLS:
                self._skip(kw.value)
            elif kw.arg in _USER_KEYWORDS:
                self._user(kw.value)
            else:
                self.visit(kw.value)


def _literals() -> Iterator[tuple[str, int, str, bool]]:
    for path in _files():
        rel = path.relative_to(DOCTOR).as_posix()
        scan = _Scan(rel)
        scan.visit(ast.parse(path.read_text(encoding="utf-8")))
        for line, text, always in scan.found:
            yield rel, line, text, always


def test_no_user_facing_sentence_is_built_in_code() -> None:
    built = [
        f"doctor/{rel}:{line}: {text!r}"
        for rel, line, text, always in _literals()
        if (always or _sentence(text)) and (rel, text) not in ALLOWED
    ]
    assert not built, "move these into doctor/messages/ (en + zh):\n" + "\n".join(built)


def test_every_allowed_literal_is_still_there() -> None:
    present = {(rel, text) for rel, _, text, _ in _literals()}
    assert not [a for a in ALLOWED if a not in present], "drop stale ALLOWED entries"
    for rel, name in DATA:
        tree = ast.parse((DOCTOR / rel).read_text(encoding="utf-8"))
        assigned = {
            t.id
            for stmt in tree.body
            for t in (
                stmt.targets if isinstance(stmt, ast.Assign) else [getattr(stmt, "target", None)]
            )
            if isinstance(t, ast.Name)
        }
        assert name in assigned, f"drop the stale DATA entry {rel} {name}"


def test_the_scan_finds_what_it_must() -> None:
    """The rules, on a small module: what counts as a sentence and what does not."""
    source = '''
"""A docstring is not a sentence a user reads."""
import re
PATTERN = re.compile(r"Saving checkpoint to (.*)")
def f(line, p, exc):
    """Nor is this one."""
    if "out of memory here" in line:
        p.add_argument("--x", help="x")
    d = {"a key with words": 1}
    assert line, "an internal invariant message"
    raise DoctorError(f"cannot open {line}", hint="give another file instead")
    return "the install failed for this reason"
'''
    scan = _Scan()
    scan.visit(ast.parse(source))
    hits = [text for _, text, always in scan.found if always or _sentence(text)]
    assert hits == [
        "x",
        "cannot open {}",
        "give another file instead",
        "the install failed for this reason",
    ]
    assert not _sentence("icefall-doctor run baker_zh/matcha --dry-run")
    assert _sentence("cd k2 && git pull  # newer releases know more GPU architectures")


def _literal_keys() -> Iterator[tuple[str, int, str]]:
    """Keys given literally to t(), msg(), Msg(), a Printer (say) or an argparse help=; a key
    built by an f-string is its literal start followed by "*" (some key must start so)."""
    for path in _files():
        rel = path.relative_to(DOCTOR).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            values = []
            if _name(node.func) in ("t", "msg", "Msg", "say") and node.args:
                values.append(node.args[0])
            values += [kw.value for kw in node.keywords if kw.arg in _USER_KEYWORDS]
            for v in values:
                if isinstance(v, ast.Constant) and isinstance(v.value, str) and v.value:
                    yield rel, node.lineno, v.value
                elif isinstance(v, ast.JoinedStr) and isinstance(v.values[0], ast.Constant):
                    yield rel, node.lineno, str(v.values[0].value) + "*"  # f"smoke.col.{c}"


def test_every_key_the_code_uses_exists() -> None:
    en = catalog("en")
    used = [(rel, line, key) for rel, line, key in _literal_keys()]
    assert len(used) > 300  # the scan sees the code's keys
    missing = [
        f"doctor/{rel}:{line}: {key}"
        for rel, line, key in used
        if (key not in en if not key.endswith("*") else not any(k.startswith(key[:-1]) for k in en))
    ]
    missing += [c.summary_key for c in CHECKS if c.summary_key not in en]
    missing += [f"area.{a}" for a in AREAS if f"area.{a}" not in en]
    missing += [c.help for c in COMMANDS if c.help not in en]
    missing += [key for _, key in ENVIRONMENT if key not in en]
    assert not missing, "\n".join(missing)


def _module(lang: str, area: str) -> dict[str, str] | None:
    try:
        return dict(importlib.import_module(f"doctor.messages.{lang}_{area}").MESSAGES)
    except ModuleNotFoundError:
        return None


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f is not None}


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_each_translated_area_has_every_key_with_the_same_placeholders(lang: str) -> None:
    """A translation of an area carries every English key of it, with the same {fields}."""
    problems = []
    translated = 0
    for area in _AREAS:
        en, other = _module("en", area), _module(lang, area)
        if en is None or other is None:
            continue
        translated += 1
        problems += [f"{lang}_{area}: missing {k}" for k in en if k not in other]
        problems += [f"{lang}_{area}: extra {k}" for k in other if k not in en]
        problems += [
            f"{lang}_{area}: {k} has {_fields(other[k])}, English has {_fields(v)}"
            for k, v in en.items()
            if k in other and _fields(other[k]) != _fields(v)
        ]
    assert translated >= 5 and not problems, "\n".join(problems)


def test_no_key_is_defined_in_two_areas() -> None:
    seen: dict[str, str] = {}
    twice = []
    for area in _AREAS:
        for key in _module("en", area) or {}:
            if key in seen:
                twice.append(f"{key}: en_{seen[key]} and en_{area}")
            seen[key] = area
    assert not twice, "\n".join(twice)
