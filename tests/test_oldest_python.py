"""The doctor runs on the oldest Python its pyproject.toml declares, installed from a wheel the
way a user installs it (not editable, so the recipes come from the installed package): a 3.10+
call or a resource lookup that only newer Pythons support fails here, not on a user's machine.
Skipped when that Python is not on this machine."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from doctor.datafiles import parse
from tests.helpers import REPO, icefall_checkout, source_copy, unavailable

OLDEST = re.sub(r"[^0-9.]", "", parse(REPO / "pyproject.toml")["project"]["requires-python"])
LOG = 'Traceback (most recent call last):\n  File "x.py", line 1, in <module>\n'
LOG += "ModuleNotFoundError: No module named 'tacotron_cleaner'\n"


@pytest.fixture(scope="module")
def oldest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The console script of a venv of the oldest declared Python with the doctor's wheel."""
    python = next((p for p in _candidates() if _runs(p)), None)
    if python is None:
        pytest.skip(f"no python{OLDEST} on this machine")
    root = tmp_path_factory.mktemp("oldest")
    made = subprocess.run([python, "-m", "venv", str(root / "venv")], capture_output=True)
    assert made.returncode == 0, made.stderr
    pip = [str(root / "venv" / "bin" / "python"), "-m", "pip", "install", "-q"]
    proc = subprocess.run([*pip, str(source_copy(root / "src"))], capture_output=True, text=True,
                          timeout=900)  # fmt: skip
    if proc.returncode != 0:
        unavailable(f"cannot install the doctor into a {OLDEST} venv: {proc.stderr[-500:]}")
    yield root / "venv" / "bin" / "icefall-doctor"


def _candidates() -> list[str]:
    """python3.X on PATH, then pyenv's installs of it (its shim on PATH may refuse to run it)."""
    pyenv = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    found = [shutil.which(f"python{OLDEST}")]
    found += [str(p) for p in sorted(pyenv.glob(f"versions/{OLDEST}.*/bin/python{OLDEST}"))]
    return [p for p in found if p]


def _runs(python: str) -> bool:
    return subprocess.run([python, "-c", ""], capture_output=True, timeout=60).returncode == 0


def _run(script: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ICEFALL_DIR")}
    env.update(HOME=str(home), COLUMNS="120", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    return subprocess.run([str(script), *args], capture_output=True, text=True, env=env,
                          cwd=home, timeout=300)  # fmt: skip


def test_the_installed_doctor_works_on_the_oldest_python(oldest: Path, tmp_path: Path) -> None:
    version = _run(oldest, "--version", home=tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("icefall-doctor "), version
    recipes = _run(oldest, "recipes", home=tmp_path)
    assert recipes.returncode == 0, recipes.stderr
    assert "baker_zh/matcha" in recipes.stdout and "BZNSYP" in recipes.stdout
    check = _run(oldest, "check", "--recipe", "baker_zh/matcha", "--offline", "--markdown",
                 "--python", sys.executable, home=tmp_path)  # fmt: skip
    assert check.returncode in (0, 1), check.stderr
    assert check.stdout.startswith("### icefall-doctor report") and not check.stderr


def test_explain_and_env_script_work_on_the_oldest_python(oldest: Path, tmp_path: Path) -> None:
    (tmp_path / "e.log").write_text(LOG)
    explain = _run(oldest, "explain", "e.log", home=tmp_path)
    assert explain.returncode == 0, explain.stderr
    assert "python3 -m pip install espnet_tts_frontend" in explain.stdout
    ice = str(icefall_checkout(tmp_path / "icefall"))
    write = _run(oldest, "env-script", "--write", "--yes", "--python", sys.executable,
                 "--icefall", ice, home=tmp_path)  # fmt: skip
    assert write.returncode == 0, write.stderr
    assert "# >>> icefall-doctor >>>" in (tmp_path / ".bashrc").read_text()
