"""Static import scan: which modules a recipe's scripts import, resolved as Python will.

Each entry script runs with its symlink-resolved directory as ``sys.path[0]``, then the
directories its files add with ``sys.path.insert``/``append``, then PYTHONPATH (an empty entry is
the working directory). A module found on that path is local and is scanned in turn (packages,
relative imports, symlinked files and folders); any other top-level name is reported as an
import site for the target interpreter to resolve.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from doctor.recipe.syspath import ParsedFile, parse_file


@dataclass(frozen=True)
class ImportSite:
    module: str  # top-level name (third party) or the dotted local module that is missing
    file: str  # where the import statement is, shown relative to the recipe directory
    line: int
    step: str
    entry: str  # the entry script whose run reaches this import
    guarded: bool = False  # inside try/except ImportError that does not re-raise
    nested: bool = False  # inside a function: fails only when that code runs
    local: bool = False  # a module of the recipe itself that is not there (not built yet)
    broken: str = ""  # the recipe's own file or folder for it is a link to nothing (or no file)

    @property
    def strength(self) -> int:
        """Which site of a module to report: top level over a function body over a guard."""
        if self.guarded:
            return 0
        return 1 if self.nested else 2

    def to_json(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass
class ScanResult:
    sites: list[ImportSite] = field(default_factory=list)
    files: int = 0  # distinct files parsed
    missing_entries: list[tuple[str, str]] = field(default_factory=list)  # (step, script)

    def modules(self) -> list[str]:
        return sorted({s.module for s in self.sites if not s.local})

    def to_json(self) -> dict[str, object]:
        return {
            "sites": [s.to_json() for s in self.sites],
            "files": self.files,
            "missing_entries": [list(m) for m in self.missing_entries],
        }


def scan(
    recipe_dir: str | os.PathLike[str],
    entries: Mapping[str, Sequence[str]],
    pythonpath: str = "",
) -> ScanResult:
    """Scan every entry script of every step; ``entries`` maps step -> scripts (recipe-relative)."""
    root = Path(os.path.abspath(recipe_dir))
    _parsed.cache_clear()  # files may have changed since a previous scan in this process
    _find_cached.cache_clear()
    result = ScanResult()
    best: dict[tuple[str, str], ImportSite] = {}
    parsed: set[str] = set()
    for step, scripts in entries.items():
        for script in scripts:
            path = root / script
            if not path.is_file():
                result.missing_entries.append((step, script))
                continue
            walker = _Walker(root, step, script, _base_path(path, root, pythonpath), parsed)
            walker.visit_file(str(path))
            for site in walker.sites:
                key = (site.module, step)
                if key not in best or site.strength > best[key].strength:
                    best[key] = site
    result.sites = list(best.values())
    result.files = len(parsed)
    return result


def _base_path(script: Path, root: Path, pythonpath: str) -> list[str]:
    entries = [os.path.dirname(os.path.realpath(script))]
    for p in pythonpath.split(os.pathsep) if pythonpath else []:
        entries.append(str(root / p) if not os.path.isabs(p) else p)
    return entries


class _Walker:
    """Follows one entry script through its local imports."""

    def __init__(self, root: Path, step: str, entry: str, path: list[str], parsed: set[str]):
        self.root, self.step, self.entry = root, step, entry
        self.path = path
        self.parsed = parsed
        self.seen: set[str] = set()
        self.sites: list[ImportSite] = []

    def visit_file(self, filename: str, package: str = "", pkg_dir: str = "") -> None:
        key = os.path.abspath(filename)
        if key in self.seen:
            return
        self.seen.add(key)
        self.parsed.add(os.path.realpath(filename))
        info = _parsed(key)
        for extra in info.sys_path:
            if extra not in self.path:
                self.path.append(extra)
        for imp in info.imports:
            self._resolve(imp, filename, package, pkg_dir)

    def _resolve(self, imp: ParsedFile.Import, filename: str, package: str, pkg_dir: str) -> None:
        if imp.level:
            self._relative(imp, filename, package, pkg_dir)
            return
        top = imp.module.split(".")[0]
        found = _find(top, self.path)
        if found is None:
            self._site(top, imp, filename, local=False)
            return
        if _broken(found):
            self._site(top, imp, filename, local=True, broken=found)
            return
        self._descend(top, found, imp.module.split(".")[1:], imp, filename)

    def _relative(self, imp: ParsedFile.Import, filename: str, package: str, pkg_dir: str) -> None:
        base = pkg_dir or os.path.dirname(filename)
        for _ in range(imp.level - 1):
            base = os.path.dirname(base)
        parts = [p for p in imp.module.split(".") if p]
        name = ".".join([package, *parts]) if package else ".".join(parts)
        if not parts:  # from . import x
            for n in imp.names:
                sub = _find(n, [base])
                if sub is not None:
                    self._enter(f"{package}.{n}" if package else n, sub)
            return
        found = _find(parts[0], [base])
        if found is None or _broken(found):
            self._site(name, imp, filename, local=True, broken=found or "")
            return
        prefix = f"{package}.{parts[0]}" if package else parts[0]
        self._descend(prefix, found, parts[1:], imp, filename)

    def _descend(
        self, name: str, found: str, rest: list[str], imp: ParsedFile.Import, filename: str
    ) -> None:
        self._enter(name, found)
        for part in rest:
            if not os.path.isdir(found):
                return
            sub = _find(part, [found])
            if sub is None or _broken(sub):
                self._site(f"{name}.{part}", imp, filename, local=True, broken=sub or "")
                return
            name, found = f"{name}.{part}", sub
            self._enter(name, found)
        if os.path.isdir(found):
            for n in imp.names:
                sub = _find(n, [found])
                if sub is not None:
                    self._enter(f"{name}.{n}", sub)

    def _enter(self, name: str, found: str) -> None:
        if found.endswith(tuple(EXTENSION_SUFFIXES)):
            return
        if os.path.isdir(found):
            init = os.path.join(found, "__init__.py")
            if os.path.isfile(init):
                self.visit_file(init, name, found)
            return
        pkg = name.rpartition(".")[0]
        self.visit_file(found, pkg, os.path.dirname(found) if pkg else "")

    def _site(
        self, module: str, imp: ParsedFile.Import, filename: str, *, local: bool, broken: str = ""
    ) -> None:
        shown = _show(filename, self.root)
        if (imp.guarded or imp.nested) and _library(shown):
            return  # optional imports deep inside icefall or other libraries: not the recipe's
        where = _show(broken, self.root) if broken else ""
        site = ImportSite(
            module, shown, imp.line, self.step, self.entry, imp.guarded, imp.nested, local, where
        )
        self.sites.append(site)


def _library(shown: str) -> bool:
    """Code of the icefall package (or outside the checkout), not of a recipe."""
    return os.path.isabs(shown) or shown.startswith("icefall/")


@lru_cache(maxsize=4096)
def _parsed(filename: str) -> ParsedFile:
    return parse_file(filename)


def _find(name: str, path: Iterable[str]) -> str | None:
    """Where ``name`` is on ``path``: a package/namespace dir, a .py file or an extension."""
    return _find_cached(name, tuple(path))


def _dangling(cand: str) -> str | None:
    """``cand`` as a link to nothing, or ``cand.py`` as anything but a readable file."""
    if os.path.islink(cand) and not os.path.exists(cand):
        return cand
    py = cand + ".py"
    return py if os.path.lexists(py) and not os.path.isfile(py) else None


def _broken(found: str) -> bool:
    """A name that is there but cannot be read: a link to nothing, a loop, a FIFO."""
    return not (os.path.isdir(found) or os.path.isfile(found))


@lru_cache(maxsize=65536)
def _find_cached(name: str, path: tuple[str, ...]) -> str | None:
    """The first match on ``path``; a dangling link or a non-file in its place is returned too
    (it is the recipe's own module, broken), never passed over for a pip package of that name."""
    for d in path:
        cand = os.path.join(d, name)
        if os.path.isdir(cand) and name.isidentifier():
            return cand
        if os.path.isfile(cand + ".py"):
            return cand + ".py"
        for suffix in EXTENSION_SUFFIXES:
            if os.path.isfile(cand + suffix):
                return cand + suffix
        dangling = _dangling(cand) if name.isidentifier() else None
        if dangling:
            return dangling
    return None


def _show(filename: str, root: Path) -> str:
    """A path as the user knows it: inside the recipe, else inside icefall, else absolute."""
    absolute = os.path.abspath(filename)
    for base in (str(root), str(root.parent.parent.parent)):
        if absolute.startswith(base.rstrip(os.sep) + os.sep):
            return absolute[len(base.rstrip(os.sep)) + 1 :]
    return absolute
