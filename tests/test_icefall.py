"""icefall checks on fixture checkouts: found through cwd, PYTHONPATH or --icefall; the exact
failing import; requirements files against installed distributions; host name resolution."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.helpers import VenvFactory, findings_by_check, run_cli, run_json


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


def test_a_checkout_whose_path_holds_a_colon_is_linked_onto_pythonpath(
    tmp_path: Path, pip_venv: Path
) -> None:
    """PYTHONPATH splits at ':' with no escape: exporting the folder itself would add two
    entries that do not exist. The fix links it from a path without ':'; followed, it works."""
    ice = checkout(tmp_path / "a:b", init="")
    link = tmp_path / "a_b" / "icefall"
    _, report = run_json("--python", str(pip_venv), "--only", "icefall", "--icefall", str(ice))
    found = findings_by_check(report)["icefall.found"][1]
    assert found["title_text"] == f"{ice} cannot go on PYTHONPATH: its path holds ':'"
    assert found["fix"]["commands"] == [
        f"mkdir -p {link.parent}",
        f"ln -sfnT {ice} {link}",
        f'export PYTHONPATH={link}:"$PYTHONPATH"',
    ]
    for command in found["fix"]["commands"][:2]:
        subprocess.run(shlex.split(command), check=True)
    _, after = run_json(
        "--python", str(pip_venv), "--only", "icefall", env={"PYTHONPATH": str(link)}
    )
    by = findings_by_check(after)
    assert [f["status"] for f in by["icefall.found"]] == ["ok"]
    assert by["icefall.import"][0]["title_text"] == "import icefall works"


def test_env_script_refuses_a_folder_whose_path_holds_a_colon(tmp_path: Path) -> None:
    ice = checkout(tmp_path / "a:b", init="")
    proc = run_cli("env-script", "--icefall", str(ice), "--write", "--file", str(tmp_path / "rc"))
    assert proc.returncode == 2 and not (tmp_path / "rc").exists()
    assert proc.stderr.splitlines()[-2:] == [
        f"icefall-doctor: error: {ice} cannot go on PYTHONPATH: its path holds ':', where the"
        " variable splits; nothing was written",
        f"hint: link it from a path without ':' (`mkdir -p {tmp_path}/a_b && ln -sfnT {ice}"
        f" {tmp_path}/a_b/icefall`) and give that path (--icefall), or move it",
    ]


def test_requirements_missing_and_conflicting_with_pip_command(
    tmp_path: Path, pip_venv: Path
) -> None:
    ice = checkout(tmp_path)
    env = {"PYTHONPATH": str(ice)}
    _, report = run_json("--python", str(pip_venv), "--only", "icefall", env=env)
    reqs = {f["title_text"]: f for f in findings_by_check(report)["icefall.requirements"]}
    core = reqs["2 requirement(s) of requirements.txt not installed"]
    assert core["status"] == "fail"
    assert "kaldialign" in core["detail_text"] and "sentencepiece>=0.1.96" in core["detail_text"]
    assert core["fix"]["commands"] == [f"{pip_venv} -m pip install -r {ice}/requirements.txt"]
    tts = reqs["1 requirement(s) of requirements-tts.txt installed at another version"]
    assert tts["status"] == "warn"
    assert tts["detail_text"].startswith("Installed and in use: pip ")
    assert "(file: pip<1.0)" in tts["detail_text"]
    assert tts.get("fix") is None  # a working pip is not downgraded
    assert not any("satisfied" in t for t in reqs)
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


def _probe(name: str, data: Mapping[str, object]) -> dict[str, object]:
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


# The write-up's environment as recorded (everything exported, recipe running): requirements-tts
# pins older numba/matplotlib/Cython than the ones the recipe works with.
TTS_LINES = [
    "# for TTS recipes",
    "matplotlib==3.8.2",
    "cython==3.0.6",
    "numba==0.58.1",
    "g2p_en==2.1.0",
    "espnet_tts_frontend==0.0.3",
]
INSTALLED = {"numpy": "2.4.6", "numba": "0.68.1", "matplotlib": "3.10.7", "Cython": "3.2.1"}


def _tts_facts() -> dict[str, object]:
    k2 = {
        "found": True,
        "import_ok": True,
        "python": "3.11",
        "build": {"with_cuda": False, "torch_version": "2.13.0+cpu"},
        "ops": {"cpu": {"ok": True}},
    }
    icefall = {
        "root": "/src/icefall",
        "requirements": {"requirements-tts.txt": TTS_LINES},
        "installed": INSTALLED,
    }
    modules = {
        "scan": {"files": 40},
        "found": {"numpy": "/x", "matplotlib": "/x", "Cython": "/x"},
        "missing": ["tacotron_cleaner"],
    }
    return {
        "probes": {
            "icefall": _probe("icefall", icefall),
            "python": _probe("python", {"executable": "/env/bin/python3", "version": "3.11.14"}),
            "system": _probe("system", {"os": "Linux", "machine": "x86_64"}),
            "recipe": _probe("recipe", {"active": True, "recipe": "baker_zh/matcha"}),
            "modules": _probe("modules", modules),
            "torch": _probe("torch", {"installed": True, "version": "2.13.0+cpu"}),
            "k2": _probe("k2", k2),
            "lhotse": _probe("lhotse", {"installed": True, "version": "1.33.0"}),
            "k2wheels": _probe("k2wheels", {"source": "shipped"}),
        },
        "context": {"target": "/env/bin/python3", "target_source": "PATH"},
    }


def test_tts_requirements_show_mismatches_and_never_downgrade_working_packages(
    tmp_path: Path,
) -> None:
    saved = tmp_path / "r.json"
    saved.write_text(json.dumps({"schema": 1, "facts": _tts_facts()}))
    _, report = run_json("check", "--from", str(saved), "--only", "icefall.requirements")
    by = {f["title_text"]: f for f in findings_by_check(report)["icefall.requirements"]}
    assert not any("satisfied" in t for t in by), list(by)
    missing = by["1 requirement(s) of requirements-tts.txt not installed"]
    assert missing["fix"]["commands"] == ["python3 -m pip install espnet_tts_frontend==0.0.3"]
    other = by["2 requirement(s) of requirements-tts.txt installed at another version"]
    assert other["status"] == "warn" and other.get("fix") is None
    assert "matplotlib 3.10.7 (file: matplotlib==3.8.2)" in other["detail_text"]
    assert "cython 3.2.1 (file: cython==3.0.6)" in other["detail_text"]
    unused = by[
        "2 requirement(s) of requirements-tts.txt not met (1 not installed, 1 at another "
        "version), but no script of baker_zh/matcha imports them"
    ]
    assert "numba==0.58.1 (have 0.68.1)" in unused["detail_text"]
    _, plan_report = run_json("check", "--from", str(saved), "--only", "k2.plan")
    (plan,) = findings_by_check(plan_report)["k2.plan"]
    assert plan["fix"]["commands"] == ["python3 -m pip install espnet_tts_frontend==0.0.3"]
    assert plan["title_text"].startswith("torch 2.13.0 (CPU) and k2 fit this machine; the rest")


def test_an_older_package_than_the_file_allows_is_upgraded_not_called_missing(
    tmp_path: Path,
) -> None:
    facts = _tts_facts()
    ice = facts["probes"]["icefall"]["data"]  # type: ignore[index]
    ice["requirements"] = {"requirements.txt": ["sentencepiece>=0.1.96"]}
    ice["installed"] = {"sentencepiece": "0.1.90"}
    facts["probes"]["modules"]["data"]["found"] = {"sentencepiece": "/x"}  # type: ignore[index]
    saved = tmp_path / "r.json"
    saved.write_text(json.dumps({"schema": 1, "facts": facts}))
    _, report = run_json("check", "--from", str(saved), "--only", "icefall.requirements")
    (f,) = findings_by_check(report)["icefall.requirements"]
    assert f["title_text"] == "1 requirement(s) of requirements.txt installed at another version"
    assert (
        f["detail_text"]
        == "Older than requirements.txt allows: sentencepiece 0.1.90 (file: sentencepiece>=0.1.96)."
    )
    assert f["fix"]["commands"] == ["python3 -m pip install 'sentencepiece>=0.1.96'"]
