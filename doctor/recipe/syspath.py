"""One Python file parsed once: its imports (with guard and nesting flags) and the directories
it adds to ``sys.path`` (literal strings and ``__file__``-based expressions, evaluated)."""

from __future__ import annotations

import ast
import os
import re
import warnings
from dataclasses import dataclass, field

# Invalid escapes and the like in the scanned code are not ours to report. A filter installed
# once, not warnings.catch_warnings(): the scan runs in a probe thread, and catch_warnings
# restores the process-wide filters when it ends, dropping filters that another thread set
# meanwhile (requests' SOCKS DependencyWarning then leaked onto stderr now and then).
warnings.filterwarnings("ignore", category=SyntaxWarning)
warnings.filterwarnings("ignore", message="invalid escape sequence", category=DeprecationWarning)

_IMPORT_ERRORS = frozenset(
    {"ImportError", "ModuleNotFoundError", "Exception", "BaseException", "RuntimeError"}
)


@dataclass(frozen=True)
class ParsedFile:
    @dataclass(frozen=True)
    class Import:
        module: str  # "" for `from . import x`
        names: tuple[str, ...]
        level: int
        line: int
        guarded: bool
        nested: bool

    imports: list[ParsedFile.Import] = field(default_factory=list)
    sys_path: list[str] = field(default_factory=list)
    error: str = ""


MAX_PARSE_BYTES = 1 << 20  # icefall's largest script is ~100 KB; past this, generated code


def parse_file(filename: str) -> ParsedFile:
    try:
        with open(filename, "rb") as fh:
            source = fh.read()
        if len(source) > MAX_PARSE_BYTES:  # parsing megabytes holds the GIL for seconds
            return _top_level_imports(source)
        tree = ast.parse(source, filename)
    except (OSError, SyntaxError, ValueError) as exc:
        return ParsedFile(error=f"{type(exc).__name__}: {exc}")
    visitor = _Visitor(os.path.abspath(filename))
    visitor.visit(tree)
    return ParsedFile(visitor.imports, visitor.sys_path)


_IMPORT_LINE = re.compile(
    rb"^(?:import[ \t]+(?P<mods>[\w. \t,]+)"
    rb"|from[ \t]+(?P<dots>\.*)(?P<mod>[\w.]*)[ \t]+import[ \t]+\(?(?P<names>[\w \t,*]+))",
    re.MULTILINE,
)


def _top_level_imports(source: bytes) -> ParsedFile:
    """The unindented import statements of a file too big to parse, found line by line (no
    sys.path changes, nothing inside functions or try blocks: guarded or not, they are rarer)."""
    imports = []
    line, at = 1, 0
    for m in _IMPORT_LINE.finditer(source):
        line, at = line + source.count(b"\n", at, m.start()), m.start()
        if m["mods"] is not None:
            for part in m["mods"].decode().split(","):
                name = part.split()[0] if part.split() else ""
                if name:
                    imports.append(ParsedFile.Import(name, (), 0, line, False, False))
        else:
            words = [n.split()[0] for n in m["names"].decode().split(",") if n.split()]
            names = tuple(n for n in words if n != "*")
            level = len(m["dots"])
            imports.append(ParsedFile.Import(m["mod"].decode(), names, level, line, False, False))
    return ParsedFile(imports)


class _Visitor:
    """Walks statements only (expressions hold no imports), which keeps the scan fast."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.imports: list[ParsedFile.Import] = []
        self.sys_path: list[str] = []

    def visit(self, tree: ast.Module) -> None:
        self._body(tree.body, guarded=False, nested=False)

    def _body(self, stmts: list[ast.stmt], *, guarded: bool, nested: bool) -> None:
        for node in stmts:
            self._stmt(node, guarded, nested)

    def _stmt(self, node: ast.stmt, guarded: bool, nested: bool) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                self._add(alias.name, (), 0, node.lineno, guarded, nested)
        elif isinstance(node, ast.ImportFrom):
            names = tuple(a.name for a in node.names if a.name != "*")
            self._add(node.module or "", names, node.level, node.lineno, guarded, nested)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self._body(node.body, guarded=guarded, nested=True)
        elif isinstance(node, ast.Try) or type(node).__name__ == "TryStar":
            swallow = any(_swallows_import_error(h) for h in node.handlers)  # type: ignore[attr-defined]
            self._body(node.body, guarded=guarded or swallow, nested=nested)  # type: ignore[attr-defined]
            for h in node.handlers:  # type: ignore[attr-defined]
                self._body(h.body, guarded=guarded, nested=nested)
            for part in (node.orelse, node.finalbody):  # type: ignore[attr-defined]
                self._body(part, guarded=guarded, nested=nested)
        elif isinstance(node, ast.If):
            if not (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"):
                self._body(node.body, guarded=guarded, nested=nested)
            self._body(node.orelse, guarded=guarded, nested=nested)
        elif isinstance(node, (ast.ClassDef, ast.With, ast.AsyncWith, ast.For, ast.While)):
            self._body(node.body, guarded=guarded, nested=nested)
            self._body(getattr(node, "orelse", []), guarded=guarded, nested=nested)
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            self._call(node.value)

    def _add(
        self,
        module: str,
        names: tuple[str, ...],
        level: int,
        line: int,
        guarded: bool,
        nested: bool,
    ) -> None:
        self.imports.append(ParsedFile.Import(module, names, level, line, guarded, nested))

    def _call(self, node: ast.Call) -> None:
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr in ("insert", "append")
            and _dotted(func.value) == "sys.path"
            and node.args
        ):
            value = _evaluate(node.args[-1], self.filename)
            if value:
                self.sys_path.append(os.path.normpath(value))


def _swallows_import_error(handler: ast.ExceptHandler) -> bool:
    """An except clause that catches import errors and does not raise again."""
    if handler.type is None:
        caught = True
    else:
        types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        caught = any(_dotted(t).split(".")[-1] in _IMPORT_ERRORS for t in types)
    raises = any(isinstance(n, ast.Raise) for n in ast.walk(handler))
    return caught and not raises


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _evaluate(node: ast.AST, filename: str) -> str | None:
    """A path expression built from literals, __file__, os.path and pathlib; None otherwise."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return filename if node.id == "__file__" else None
    if isinstance(node, ast.Attribute) and node.attr == "parent":
        inner = _evaluate(node.value, filename)
        return os.path.dirname(inner) if inner else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        left, right = _evaluate(node.left, filename), _evaluate(node.right, filename)
        return os.path.join(left, right) if left and right else None
    if isinstance(node, ast.Call):
        return _evaluate_call(node, filename)
    return None


def _evaluate_call(node: ast.Call, filename: str) -> str | None:
    name = _dotted(node.func)
    args = [_evaluate(a, filename) for a in node.args]
    if name.endswith(("resolve", "absolute")) and isinstance(node.func, ast.Attribute):
        inner = _evaluate(node.func.value, filename)
        return os.path.realpath(inner) if inner else None
    if any(a is None for a in args) or not args:
        return None
    first = str(args[0])
    if name in ("str", "Path", "pathlib.Path", "os.fspath"):
        return os.path.join(first, *[str(a) for a in args[1:]])
    if name == "os.path.dirname":
        return os.path.dirname(first)
    if name in ("os.path.abspath", "os.path.realpath", "os.path.normpath"):
        return os.path.realpath(first) if name.endswith("realpath") else os.path.abspath(first)
    if name == "os.path.join":
        return os.path.join(*[str(a) for a in args])
    return None
