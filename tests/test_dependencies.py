"""Every runtime dependency declared in pyproject.toml earns its place: some module of doctor/
(the probe scripts the doctor's own interpreter runs included) imports it."""

from __future__ import annotations

import ast
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from doctor.datafiles import parse

REPO = Path(__file__).resolve().parent.parent
# Distributions whose import name is not their own name and which may be absent here (a marker
# that does not apply to this interpreter): where installed, the metadata below is the truth.
KNOWN_IMPORT_NAMES = {"nvidia-ml-py": {"pynvml"}}


def _declared() -> list[Requirement]:
    project = parse(REPO / "pyproject.toml")["project"]
    return [Requirement(spec) for spec in project["dependencies"]]


def _import_names(dist: str) -> set[str]:
    """The top-level names ``dist`` provides: its installed metadata, else its own name."""
    wanted = canonicalize_name(dist)
    names = {
        top
        for top, dists in metadata.packages_distributions().items()
        if wanted in {canonicalize_name(d) for d in dists}
    }
    return names | KNOWN_IMPORT_NAMES.get(wanted, {wanted.replace("-", "_")})


def _imported_by_doctor() -> set[str]:
    found: set[str] = set()
    for path in (REPO / "doctor").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return found


def test_every_runtime_dependency_is_imported_somewhere_in_doctor() -> None:
    imported = _imported_by_doctor()
    unused = [str(req) for req in _declared() if not _import_names(req.name) & imported]
    assert not unused, f"declared in [project].dependencies but imported nowhere: {unused}"


def test_every_dependency_for_this_interpreter_is_installed() -> None:
    """The mapping above reads installed metadata: a dependency this interpreter needs must be
    there, or the first test would fall back to guessing its import name."""
    needed = [r for r in _declared() if r.marker is None or r.marker.evaluate()]
    assert needed, "pyproject.toml declares no runtime dependency for this interpreter"
    for req in needed:
        assert metadata.version(req.name), req.name
