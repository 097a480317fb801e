"""The installer fits the environment: pip where it works, uv in a uv-made venv without pip,
a finding with ensurepip where there is none, and a broken pip caught by `check` itself."""

from __future__ import annotations

import json
import os
import sys
import venv
from pathlib import Path

import pytest

from tests.helpers import VenvFactory, findings_by_check, run_cli, run_json

pytestmark = pytest.mark.venv


def test_no_pip_at_all_is_a_finding_with_ensurepip_first_in_the_plan(bare_venv: Path) -> None:
    code, report = run_json("check", "--python", str(bare_venv), "--only", "python.target")
    [_, missing] = findings_by_check(report)["python.target"]
    assert missing["status"] == "fail"
    assert missing["title_text"] == f"{bare_venv} has no pip: nothing can install packages into it"
    assert missing["fix"]["commands"] == [f"{bare_venv} -m ensurepip --upgrade"]
    assert code == 1
    proc = run_cli(
        "fix", "--python", str(bare_venv), "--only", "python.target", "--only", "lhotse", "--json"
    )
    steps = json.loads(proc.stdout)["steps"]
    assert steps[0]["kind"] == "installer" and steps[0]["runs"] is True
    lhotse = next(s for s in steps if "lhotse" in s["command"])
    assert lhotse["command"] == f"{bare_venv} -m pip install -U lhotse"
    assert lhotse["needs"] == [1]  # the install waits for pip to be there


def _broken_pip(venvs: VenvFactory) -> Path:
    python = venvs.get("broken-pip", [])
    site = next((python.parent.parent / "lib").glob("python3*/site-packages"))
    (site / "pip" / "_internal" / "__init__.py").write_text(
        'raise ImportError("broken on purpose")\n'
    )
    return python


def test_a_broken_pip_is_found_by_check(venvs: VenvFactory) -> None:
    python = _broken_pip(venvs)
    code, report = run_json("check", "--python", str(python), "--only", "python.target")
    broken = findings_by_check(report)["python.target"][-1]
    assert broken["title_text"] == f"pip is installed in {python} but does not run"
    assert "broken on purpose" in broken["detail_text"]
    assert broken["fix"]["commands"][0] == f"{python} -m ensurepip --upgrade"
    assert code == 1


FAKE_UV = """#!{python}
import json, os, sys
with open(os.environ["UV_LOG"], "a") as f:
    f.write(json.dumps(sys.argv[1:]) + "\\n")
"""


def test_a_uv_venv_without_pip_installs_with_uv(tmp_path: Path) -> None:
    env_dir = tmp_path / "uv env"
    venv.EnvBuilder(with_pip=False, symlinks=True).create(env_dir)
    with (env_dir / "pyvenv.cfg").open("a") as cfg:
        cfg.write("uv = 0.5.0\n")
    python = env_dir / "bin" / "python3"
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "uv").write_text(FAKE_UV.format(python=sys.executable))
    (tools / "uv").chmod(0o755)
    log = tmp_path / "uv.jsonl"
    env = {"PATH": f"{tools}{os.pathsep}{os.environ['PATH']}", "UV_LOG": str(log)}
    args = ("--python", str(python), "--only", "python.target", "--only", "lhotse.version")
    _, report = run_json("check", *args, env=env)
    titles = [f["title_text"] for f in findings_by_check(report)["python.target"]]
    assert (
        f"No pip in {python}: install steps use uv ({tools / 'uv'}), which made this venv" in titles
    )
    plan = json.loads(run_cli("fix", *args, "--json", env=env).stdout)["steps"]
    assert [s["command"] for s in plan] == [f"uv pip install --python '{python}' -U lhotse"]
    done = run_cli("fix", *args, "--apply", "--yes", env=env, timeout=300)
    assert json.loads(log.read_text()) == [
        "pip",
        "install",
        "--python",
        str(python),
        "-U",
        "lhotse",
    ]
    assert "still failing" in done.stdout  # the fake uv installed nothing
