"""icefall checks on fixture checkouts: found through cwd, PYTHONPATH or --icefall; the exact
failing import; requirements files against installed distributions; host name resolution."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.helpers import VenvFactory, findings_by_check, run_json


@pytest.fixture(scope="module")
def pip_venv(venvs: VenvFactory) -> Path:
    """A venv with pip (and nothing else): its python3."""
    return venvs.get("pip_only", [], with_pip=True)


def checkout(root: Path, init: str = "import k2\n") -> Path:
    ice = root / "icefall"
    (ice / "icefall").mkdir(parents=True)
    (ice / "icefall" / "__init__.py").write_text(init)
    (ice / "requirements.txt").write_text("# core\npip>=1\nkaldialign\nsentencepiece>=0.1.96\n")
    (ice / "requirements-tts.txt").write_text("pip<1.0\n")
    recipe = ice / "egs" / "baker_zh" / "TTS"
    recipe.mkdir(parents=True)
    return ice


def test_found_from_recipe_dir_but_not_on_pythonpath(tmp_path: Path, pip_venv: Path) -> None:
    ice = checkout(tmp_path)
    _, report = run_json(
        "--python", str(pip_venv), "--only", "icefall", cwd=ice / "egs" / "baker_zh" / "TTS"
    )
    by = findings_by_check(report)
    titles = [f["title_text"] for f in by["icefall.found"]]
    assert titles[1] == f"{ice} is not on PYTHONPATH"
    assert by["icefall.found"][1]["fix"]["commands"] == [f'export PYTHONPATH={ice}:"$PYTHONPATH"']
    imp = by["icefall.import"][0]
    assert imp["title_text"] == "import icefall fails: ModuleNotFoundError: No module named 'k2'"
    data = report["facts"]["probes"]["icefall"]["data"]
    assert data["root"] == str(ice) and data["on_pythonpath"] is False


def test_requirements_missing_and_conflicting_with_pip_command(
    tmp_path: Path, pip_venv: Path
) -> None:
    ice = checkout(tmp_path)
    env = {"PYTHONPATH": str(ice)}
    _, report = run_json("--python", str(pip_venv), "--only", "icefall", env=env)
    reqs = {f["title_text"]: f for f in findings_by_check(report)["icefall.requirements"]}
    core = reqs["2 requirement(s) of requirements.txt missing or conflicting"]
    assert core["status"] == "fail"
    assert "kaldialign" in core["detail_text"] and "sentencepiece>=0.1.96" in core["detail_text"]
    assert core["fix"]["commands"] == [f"{pip_venv} -m pip install -r {ice}/requirements.txt"]
    tts = reqs["1 requirement(s) of requirements-tts.txt missing or conflicting"]
    assert "pip<1.0 (have " in tts["detail_text"]
    assert report["facts"]["probes"]["icefall"]["data"]["on_pythonpath"] is True


def test_icefall_option_and_working_import(tmp_path: Path, pip_venv: Path) -> None:
    ice = checkout(tmp_path, init="")
    env = {"PYTHONPATH": str(ice)}
    _, report = run_json(
        "--python", str(pip_venv), "--only", "icefall", "--icefall", str(ice), env=env
    )
    by = findings_by_check(report)
    assert by["icefall.import"][0]["title_text"] == "import icefall works"
    assert report["facts"]["probes"]["icefall"]["data"]["found_by"] == "option"


def test_unresolvable_hostname_gives_the_etc_hosts_fix(tmp_path: Path) -> None:
    facts = {
        "probes": {
            "icefall": {
                "name": "icefall",
                "status": "ok",
                "data": {
                    "hostname": {
                        "name": "gpu-box-7",
                        "ip": "",
                        "error": "gaierror: [Errno -2] Name or service not known",
                    }
                },
            }
        },
        "context": {},
    }
    saved = tmp_path / "r.json"
    saved.write_text(json.dumps({"schema": 1, "facts": facts}))
    code, report = run_json("check", "--from", str(saved), "--only", "icefall.hostname")
    f = findings_by_check(report)["icefall.hostname"][0]
    assert f["title_text"] == "Host name gpu-box-7 does not resolve"
    assert f["fix"]["commands"] == ["# Add this line to /etc/hosts (as root): 127.0.1.1 gpu-box-7"]
    assert code == 1


def test_this_machine_hostname_resolves(pip_venv: Path) -> None:
    _, report = run_json("--python", str(pip_venv), "--only", "icefall.hostname")
    f = findings_by_check(report)["icefall.hostname"][0]
    assert f["status"] in ("ok", "fail")
    assert os.uname().nodename in f["title_text"]


def test_tools_from_another_env_are_named(tmp_path: Path, pip_venv: Path) -> None:
    other = tmp_path / "other" / "bin"
    other.mkdir(parents=True)
    lhotse = other / "lhotse"
    lhotse.write_text("#!/opt/elsewhere/bin/python3\nprint('x')\n")
    lhotse.chmod(0o755)
    env = {"PATH": f"{other}{os.pathsep}{os.environ['PATH']}"}
    _, report = run_json("--python", str(pip_venv), "--only", "python.identity", env=env)
    f = findings_by_check(report)["python.identity"][0]
    assert f["status"] == "warn"
    assert f"lhotse ({lhotse})" in f["title_text"]
    assert f["fix"]["commands"] == [f'export PATH={pip_venv.parent.parent}/bin:"$PATH"']


def _probe(name: str, data: dict[str, object]) -> dict[str, object]:
    return {"name": name, "status": "ok", "data": data}


def test_requirements_a_recipe_never_imports_do_not_block_it(tmp_path: Path) -> None:
    reqs = {"requirements.txt": ["kaldifeat", "pypinyin==0.50.0", "PyYAML"]}
    facts = {
        "probes": {
            "icefall": _probe("icefall", {"root": "/src/icefall", "requirements": reqs}),
            "python": _probe("python", {"executable": "/env/bin/python3", "version": "3.10.4"}),
            "recipe": _probe("recipe", {"active": True, "recipe": "baker_zh/matcha"}),
            "modules": _probe(
                "modules", {"scan": {"files": 3}, "found": {"yaml": "/x"}, "missing": ["pypinyin"]}
            ),
        },
        "context": {"target": "/env/bin/python3", "target_source": "PATH"},
    }
    saved = tmp_path / "r.json"
    saved.write_text(json.dumps({"schema": 1, "facts": facts}))
    code, report = run_json("check", "--from", str(saved), "--only", "icefall.requirements")
    blocking, unused = sorted(
        findings_by_check(report)["icefall.requirements"], key=lambda f: f["status"]
    )
    assert blocking["status"] == "fail"
    assert "pypinyin==0.50.0, PyYAML" in blocking["detail_text"]
    assert "kaldifeat" not in blocking["detail_text"]
    assert unused["status"] == "skip"
    assert "no script of baker_zh/matcha imports them" in unused["title_text"]
    assert "kaldifeat" in unused["detail_text"]
    assert code == 1


def _report_for_python(tmp_path: Path, version: str, markers: dict[str, str] | None) -> Path:
    reqs = {"requirements.txt": ['dataclasses; python_version < "3.9"', "sentencepiece"]}
    python: dict[str, object] = {"executable": "/env/bin/python3", "version": version}
    if markers is not None:
        python["markers"] = markers
    facts = {
        "probes": {
            "icefall": _probe(
                "icefall",
                {"root": "/src/icefall", "requirements": reqs, "installed": {"sentencepiece": "1"}},
            ),
            "python": _probe("python", python),
            "system": _probe("system", {"os": "Linux", "machine": "x86_64"}),
        },
        "context": {"target": "/env/bin/python3", "target_source": "PATH"},
    }
    saved = tmp_path / f"r{version}.json"
    saved.write_text(json.dumps({"schema": 1, "facts": facts}))
    return saved


@pytest.mark.parametrize("recorded", [True, False], ids=["probe-markers", "derived-markers"])
def test_requirement_markers_are_judged_for_the_target_python(
    tmp_path: Path, recorded: bool
) -> None:
    """`dataclasses; python_version < "3.9"` is missing on a 3.8 target and not needed on 3.12,
    whatever Python the doctor itself runs on."""
    for version, blocks in (("3.8.18", True), ("3.12.3", False)):
        markers = {"python_version": version.rsplit(".", 1)[0]} if recorded else None
        if markers is not None:
            markers["python_full_version"] = version
        saved = _report_for_python(tmp_path, version, markers)
        code, report = run_json("check", "--from", str(saved), "--only", "icefall.requirements")
        statuses = [f["status"] for f in findings_by_check(report)["icefall.requirements"]]
        text = json.dumps(report["findings"])
        if blocks:
            assert "fail" in statuses and "dataclasses" in text, (version, report["findings"])
            assert code == 1
        else:
            assert statuses == ["ok"] and "dataclasses" not in text, (version, statuses)
