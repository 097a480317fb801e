"""A non-editable install ships the recipes: build the wheel from a copy of the sources."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.helpers import REPO, source_copy, unavailable


def test_wheel_contains_every_recipe_and_the_module_map(tmp_path: Path) -> None:
    src = source_copy(tmp_path / "src")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "-w",
            str(tmp_path / "dist"),
            str(src),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0 and "setuptools" in proc.stderr and "No matching" in proc.stderr:
        unavailable("no package index to fetch the build backend from")
    assert proc.returncode == 0, proc.stderr[-2000:]
    wheel = next((tmp_path / "dist").glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        p.relative_to(REPO / "recipes").as_posix() for p in (REPO / "recipes").glob("*/*.toml")
    }
    assert shipped and {f"doctor/_recipes/{n}" for n in shipped} <= names
    assert "doctor/knowledge/modules.toml" in names
    assert "doctor/report_shape.json" in names
    assert "doctor/probes/scripts/idoctor_modules.py" in names
