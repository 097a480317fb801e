"""System facts of this machine (psutil, in the doctor's process) checked against independent
readings, and every runtime dependency of the package earning its place. (The thresholds are
pinned at their edges by the system threshold tests.)"""

from __future__ import annotations

import ast
import json
import os
import re
import resource
import sys
from importlib.metadata import packages_distributions
from pathlib import Path
from typing import Any

from tests.helpers import REPO, run_json

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the test venv's Python decides
    import tomli as tomllib

GIB = 2**30


def test_system_facts_are_this_machines(tmp_path: Path) -> None:
    _, report = run_json("--only", "system", cwd=tmp_path)
    s = report["facts"]["probes"]["system"]["data"]
    assert s["ram_total"] == os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    assert 0 < s["ram_available"] <= s["ram_total"]
    st = os.statvfs(tmp_path)
    assert s["disk"]["path"] == str(tmp_path)
    assert s["disk"]["total"] == st.f_blocks * st.f_frsize
    assert abs(s["disk"]["free"] - st.f_bavail * st.f_frsize) < GIB  # other writers meanwhile
    assert s["cpus"] == len(os.sched_getaffinity(0))
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    assert s["nofile"] == {"soft": soft, "hard": hard}
    assert s["os"] == "Linux" and s["libc"] == "glibc"
    titles = [f["title_text"] for f in report["findings"]]
    assert any(re.search(r"\d+ CPUs, (only )?[\d.]+ GiB RAM", t) for t in titles), titles


def _system_report(tmp: Path, **over: Any) -> str:
    data: dict[str, Any] = {
        "os": "Linux",
        "machine": "x86_64",
        "distro": {"pretty_name": "Ubuntu 22.04.4 LTS"},
        "libc": "glibc",
        "libc_version": "2.35",
        "cpus": 8,
        "ram_total": 32 * GIB,
        "ram_available": 30 * GIB,
        "disk": {"path": "/data", "free": 100 * GIB, "total": 500 * GIB},
        "shm": {"path": "/dev/shm", "free": 16 * GIB, "total": 16 * GIB},
        "nofile": {"soft": 65536, "hard": 65536},
    }
    data.update(over)
    probe = {"name": "system", "status": "ok", "data": data, "interpreter": sys.executable}
    facts = {"probes": {"system": probe}, "context": {"target": "", "env": {}}}
    path = tmp / "report.json"
    path.write_text(json.dumps({"schema": 1, "facts": facts}))
    return str(path)


def _status(tmp: Path, **over: Any) -> dict[str, tuple[str, str]]:
    _, report = run_json("check", "--from", _system_report(tmp, **over), "--only", "system")
    return {f["check"]: (f["status"], f["title_text"]) for f in report["findings"]}


def test_an_old_glibc_is_named_in_the_title(tmp_path: Path) -> None:
    status, title = _status(tmp_path, libc_version="2.27")["system.os"]
    assert (status, title) == ("fail", "glibc 2.27 is older than 2.28")


# --- runtime dependencies ----------------------------------------------------------------


def _imported_top_levels() -> set[str]:
    names: set[str] = set()
    for path in (REPO / "doctor").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return names


def _runtime_dependencies() -> list[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    return [re.split(r"[\s;<>=!~\[]", d, maxsplit=1)[0] for d in project["dependencies"]]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_runtime_dependency_is_imported_by_the_package() -> None:
    by_dist: dict[str, set[str]] = {}
    for module, dists in packages_distributions().items():
        for dist in dists:
            by_dist.setdefault(_norm(dist), set()).add(module)
    imported = _imported_top_levels()
    deps = _runtime_dependencies()
    assert "psutil" in deps
    unused = []
    for dep in deps:
        modules = by_dist.get(_norm(dep)) or {dep.replace("-", "_")}  # not installed here
        if not modules & imported:
            unused.append(dep)
    assert unused == [], f"declared but never imported in doctor/: {unused}"
