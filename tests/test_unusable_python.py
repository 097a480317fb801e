"""Interpreters the tool cannot use, through the installed console script: a Python 2.7 target
is one finding (no probe tracebacks), and a target without pip, or whose pip raises on import,
is a finding in `check` with the fix."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import VenvFactory, run_script

# Python 2.7 as the probes meet it: it answers the (2-and-3) version query, and every probe
# script is a SyntaxError, as f-strings and keyword-only arguments are in Python 2.
FAKE_PY2 = """#!/bin/sh
case "$1" in
  -c) case "$2" in *version_info*) printf '2.7.18'; exit 0;; esac ;;
  -V|--version) echo "Python 2.7.18" >&2; exit 0 ;;
esac
printf '  File "%s", line 12\\n    print(f"{x}")\\n' "$1" >&2
echo "SyntaxError: invalid syntax" >&2
exit 1
"""


def _real_python2() -> str | None:
    home = pwd.getpwuid(os.getuid()).pw_dir  # the tests' HOME is a temporary folder
    found = [shutil.which("python2.7"), shutil.which("python2")]
    found += [str(p) for p in sorted(Path(home, ".pyenv", "versions").glob("2.7*/bin/python2.7"))]
    for path in filter(None, found):
        try:
            done = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0 and "Python 2.7" in done.stdout + done.stderr:
            return path
    return None


@pytest.fixture(params=["real", "fake"])
def python2(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "real":
        real = _real_python2()
        if real is None:
            pytest.skip("no Python 2.7 on this machine (the fake one stands in)")
        return real
    fake = tmp_path / "python2.7"
    fake.write_text(FAKE_PY2)
    fake.chmod(0o755)
    return str(fake)


def _check(python: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_script("check", "--python", python, "--offline", *extra)


def test_python_2_is_one_finding_and_no_tracebacks(python2: str) -> None:
    proc = _check(python2)
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout
    assert out.count("This Python is 2.7; icefall needs Python 3.8 or newer") == 1
    assert "is Python 2.7.18" in out and "conda create -n icefall python=3.10" in out
    for noise in ("Traceback", "SyntaxError", "probe crashed", "failed inside icefall-doctor"):
        assert noise not in out, noise
    assert "1 problem(s) block training." in out


def test_python_2_in_json_and_from_a_saved_report(python2: str, tmp_path: Path) -> None:
    proc = _check(python2, "--json")
    data: dict[str, Any] = json.loads(proc.stdout)
    target = [f for f in data["findings"] if f["status"] in ("fail", "crashed", "timeout")]
    assert [f["check"] for f in target] == ["python.interpreter"]
    assert data["summary"]["crashed"] == 0 and data["summary"]["problems"] == 1
    assert data["facts"]["context"]["target_version"] == "2.7.18"
    saved = tmp_path / "r.json"
    saved.write_text(proc.stdout, encoding="utf-8")
    again = run_script("check", "--from", str(saved))
    assert again.stdout.count("icefall needs Python 3.8 or newer") == 1
    plan = run_script("fix", "--from", str(saved))
    assert "conda create -n icefall python=3.10" in plan.stdout and "Traceback" not in plan.stdout


def test_a_working_python_3_is_not_asked_again(bare_venv: Path) -> None:
    data = json.loads(_check(str(bare_venv), "--only", "python", "--json").stdout)
    assert "target_version" not in data["facts"]["context"]
    assert not [f for f in data["findings"] if f["check"] == "python.interpreter"]


def test_no_pip_is_a_finding_with_the_fix(bare_venv: Path) -> None:
    proc = _check(str(bare_venv), "--only", "python")
    assert proc.returncode == 1
    assert f"{bare_venv} has no pip: nothing can install packages into it" in proc.stdout
    assert f"{bare_venv} -m ensurepip --upgrade" in proc.stdout


def test_a_pip_that_raises_on_import_is_a_finding_with_the_fix(venvs: VenvFactory) -> None:
    python = venvs.get("pip-raises", [], with_pip=False)
    site = next((python.parent.parent / "lib").glob("python3*/site-packages"))
    (site / "pip").mkdir(exist_ok=True)
    (site / "pip" / "__init__.py").write_text('raise RuntimeError("half-upgraded pip")\n')
    (site / "pip" / "__main__.py").write_text("")
    proc = _check(str(python), "--only", "python")
    assert proc.returncode == 1
    assert f"pip is installed in {python} but does not run" in proc.stdout
    assert "half-upgraded pip" in proc.stdout
    assert f"{python} -m ensurepip --upgrade" in proc.stdout


def _real_python(version: str) -> str | None:
    home = pwd.getpwuid(os.getuid()).pw_dir
    found = sorted(Path(home, ".pyenv", "versions").glob(f"{version}.*/bin/python{version}"))
    found += [Path(p) for p in filter(None, [shutil.which(f"python{version}")])]
    for path in found:
        done = subprocess.run([str(path), "-c", "print(1)"], capture_output=True, timeout=30)
        if done.returncode == 0:
            return str(path)
    return None


@pytest.mark.parametrize("version", ["3.6", "3.7"])
def test_a_python_older_than_icefalls_that_runs_the_probes_is_one_finding(version: str) -> None:
    """3.6 and 3.7 run the probes (unlike 2.7); what they find is no plan to carry out in
    them: one finding, no torch, k2 or lhotse install into an interpreter icefall cannot use."""
    python = _real_python(version)
    if python is None:
        pytest.skip(f"no Python {version} on this machine")
    proc = _check(python)
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout
    assert out.count(f"This Python is {version}; icefall needs Python 3.8 or newer") == 1
    assert "pip install" not in out and "cmake" not in out and "torch ?" not in out
    assert "1 problem(s) block training." in out


NOT_PYTHON = {
    "binary": bytes(range(256)) * 4,  # "Exec format error": it cannot start at all
    "script": b'#!/bin/sh\necho "I am not python"\n',  # starts, and answers no probe
}


@pytest.mark.parametrize("kind", sorted(NOT_PYTHON))
def test_a_target_that_is_no_python_is_one_problem(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "python3"
    target.write_bytes(NOT_PYTHON[kind])
    target.chmod(0o755)
    proc = _check(str(target), "--json")
    data: dict[str, Any] = json.loads(proc.stdout)
    failed = [f for f in data["findings"] if f["status"] in ("fail", "crashed", "timeout")]
    assert [f["check"] for f in failed] == ["python.interpreter"], failed
    assert data["summary"]["problems"] == 1
    text = _check(str(target)).stdout
    assert "1 problem(s) block training." in text
    assert ("cannot be run" if kind == "binary" else "I am not python") in text
