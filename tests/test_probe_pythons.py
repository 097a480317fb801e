"""The probes run in the user's interpreter, which may be as old as Python 3.8: every probe must
run there. Uses the other CPython versions this machine has (pyenv's, when present); skips
without them."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.helpers import run_json

WANTED = ("3.8", "3.9", "3.12", "3.13")


def _interpreters() -> list[Path]:
    root = Path(os.environ.get("PYENV_ROOT", "/nonexistent")) / "versions"
    found = []
    for version in WANTED:
        for candidate in sorted(root.glob(f"{version}.*/bin/python3")):
            if subprocess.run([str(candidate), "-c", "pass"], capture_output=True).returncode == 0:
                found.append(candidate)
                break
    return found


@pytest.mark.parametrize(
    "python", _interpreters() or [None], ids=lambda p: p.parent.parent.name if p else "none"
)
def test_every_probe_answers_in_other_pythons(python: Path | None) -> None:
    if python is None:
        pytest.skip("no other CPython versions on this machine (set PYENV_ROOT)")
    _, report = run_json("--python", str(python), timeout=300)
    probes = report["facts"]["probes"]
    broken = {name: p["stderr_tail"] for name, p in probes.items() if p["status"] != "ok"}
    assert not broken
    version = ".".join(probes["python"]["data"]["version"].split(".")[:2])
    assert str(python).split("/versions/")[1].startswith(version)
