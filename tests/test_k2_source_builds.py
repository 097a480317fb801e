"""k2 source builds off PYTHONPATH, found where people leave them: fixture trees of the layouts a
`cmake`/`make` build leaves (k2/python/k2, build*/lib/_k2.cpython-3XX-….so, build*/CMakeCache.txt,
build*/k2/csrc/version.h), judged against a real venv's Python and torch."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.helpers import findings_by_check, run_cli, run_json

HERE = f"{sys.version_info[0]}{sys.version_info[1]}"
TORCH = "2.13.0+cpu"  # the torch of the session's torch venv


def k2_tree(
    root: Path,
    *,
    tag: str = HERE,
    build: str = "build",
    torch: str | None = TORCH,
    torch_dir: Path | None = None,
    built: bool = True,
) -> Path:
    """A k2 checkout at root, built (or not) into root/<build>; returns root."""
    pkg = root / "k2" / "python" / "k2"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("import _k2\n")
    if not built:
        return root
    lib = root / build / "lib"
    lib.mkdir(parents=True)
    (lib / f"_k2.cpython-{tag}-x86_64-linux-gnu.so").write_bytes(b"\x7fELF fake")
    if torch is not None:
        csrc = root / build / "k2" / "csrc"
        csrc.mkdir(parents=True)
        (csrc / "version.h").write_text(
            f'static constexpr const char *kPythonVersion = "{tag[0]}.{tag[1:]}";\n'
            f'static constexpr const char *kTorchVersion = "{torch}";\n'
            'static constexpr const char *kTorchCudaVersion = "";\n'
        )
    if torch_dir is not None:
        cmake = torch_dir / "share" / "cmake" / "Torch"
        (root / build / "CMakeCache.txt").write_text(
            f"Torch_DIR:PATH={cmake}\nK2_WITH_CUDA:BOOL=OFF\nPYTHON_EXECUTABLE:FILEPATH=/x/python\n"
        )
    return root


def tilde(path: Path) -> str:
    """How reports show a path under the home directory."""
    return "~/" + str(path.relative_to(os.environ["HOME"]))


def home_word(path: Path) -> str:
    """How a printed command names a path under the home directory (it still expands)."""
    return '"$HOME"/' + str(path.relative_to(os.environ["HOME"]))


def _check(python: Path, *args: str, cwd: Path | None = None) -> tuple[int, dict[str, list[Any]]]:
    code, report = run_json(
        "check", "--python", str(python), "--only", "k2", "--offline", *args, cwd=cwd, timeout=240
    )
    return code, findings_by_check(report) | {"_probe": [report["facts"]["probes"]["k2"]["data"]]}


def test_build_in_home_k2_that_fits_gives_the_two_exports_and_keeps_torch(
    torch_venv: Path,
) -> None:
    root = k2_tree(Path(os.environ["HOME"]) / "k2")
    code, by = _check(torch_venv)
    probe = by["_probe"][0]
    (build,) = probe["source_builds"]
    assert build["root"] == tilde(root)
    assert build["python_dir"] == tilde(root / "k2" / "python")
    assert build["lib_dir"] == tilde(root / "build" / "lib")
    assert build["python_tag"] == f"cp{HERE}"
    assert build["fits_python"] is True
    assert build["torch_version"] == TORCH
    imp = by["k2.import"]
    assert [f["title_text"] for f in imp] == [
        f"k2 is built from source in {tilde(root)} but not on PYTHONPATH"
    ]
    assert imp[0]["fix"]["commands"] == [
        f'export PYTHONPATH={home_word(root)}/k2/python:"$PYTHONPATH"',
        f'export PYTHONPATH={home_word(root)}/build/lib:"$PYTHONPATH"',
    ]
    plan = by["k2.plan"][-1]
    assert plan["title_text"].startswith("torch 2.13.0 (CPU) stays: the k2 source build in")
    cmds = plan["fix"]["commands"]
    assert not any(re.search(r"pip install .*\btorch(==|\s|$)", c) for c in cmds), cmds
    assert cmds[:2] == imp[0]["fix"]["commands"]
    assert code == 1  # k2 does not import until the exports are made


def test_build_release_for_another_python_says_which(torch_venv: Path) -> None:
    root = k2_tree(Path(os.environ["HOME"]) / "k2-master", tag="39", build="build_release")
    _, by = _check(torch_venv)
    (build,) = by["_probe"][0]["source_builds"]
    assert build["lib_dir"] == tilde(root / "build_release" / "lib")
    assert (build["python_tag"], build["fits_python"]) == ("cp39", False)
    imp = by["k2.import"]
    assert [f["title_text"] for f in imp] == [
        f"k2 is built from source in {tilde(root)}, but for Python cp39; this is cp{HERE}"
    ]
    assert imp[0].get("fix") is None
    plan_cmds = by["k2.plan"][-1]["fix"]["commands"]
    assert not any("export PYTHONPATH" in c for c in plan_cmds)


def test_build_for_another_torch_read_from_cmake_cache_is_a_torch_mismatch(
    tmp_path: Path, torch_venv: Path
) -> None:
    old_torch = tmp_path / "old-env" / "site-packages" / "torch"
    old_torch.mkdir(parents=True)
    (old_torch / "version.py").write_text("__version__ = '2.7.1+cpu'\n")
    root = k2_tree(Path(os.environ["HOME"]) / "src" / "k2", torch=None, torch_dir=old_torch)
    _, by = _check(torch_venv)
    (build,) = by["_probe"][0]["source_builds"]
    assert build["torch_version"] == "2.7.1+cpu"
    assert build["with_cuda"] is False
    imp = by["k2.import"][0]
    assert imp["title_text"] == (
        f"k2 is built from source in {tilde(root)} for torch 2.7.1+cpu; this environment has torch "
        "2.13.0+cpu"
    )


def test_build_beside_the_icefall_checkout_is_found_from_the_recipe_folder(
    tmp_path: Path, torch_venv: Path
) -> None:
    work = tmp_path / "work"
    recipe = work / "icefall" / "egs" / "baker_zh" / "TTS"
    recipe.mkdir(parents=True)
    (work / "icefall" / "icefall").mkdir()
    (work / "icefall" / "icefall" / "__init__.py").write_text("")
    root = k2_tree(work / "k2", build="build_release")
    _, by = _check(torch_venv, cwd=recipe)
    assert [b["root"] for b in by["_probe"][0]["source_builds"]] == [str(root)]
    assert by["k2.import"][0]["title_text"].endswith("but not on PYTHONPATH")


def test_an_unbuilt_checkout_is_not_a_build(torch_venv: Path) -> None:
    k2_tree(Path(os.environ["HOME"]) / "k2", built=False)
    _, by = _check(torch_venv)
    probe = by["_probe"][0]
    assert probe["source_builds"] == []
    assert probe["source_search"]["looked_in"] >= 1
    imp = by["k2.import"][0]
    assert imp["title_text"] == "k2 is not installed in this environment"
    assert "No k2 source build either" in imp["detail_text"]


def test_env_script_carries_the_found_build_and_a_new_shell_gets_it(
    tmp_path: Path, torch_venv: Path
) -> None:
    root = k2_tree(Path(os.environ["HOME"]) / "k2")
    ice = tmp_path / "icefall"
    (ice / "icefall").mkdir(parents=True)
    (ice / "icefall" / "__init__.py").write_text("")
    proc = run_cli("env-script", "--python", str(torch_venv), "--icefall", str(ice), timeout=240)
    assert proc.returncode == 0, proc.stderr
    snippet = tmp_path / "snippet.sh"
    snippet.write_text(proc.stdout)
    shell = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", f'. "{snippet}"; echo "$PYTHONPATH"'],
        capture_output=True,
        text=True,
        env={"PATH": os.environ["PATH"], "HOME": os.environ["HOME"]},
        check=True,
    )
    entries = shell.stdout.strip().split(":")
    assert entries[:3] == [str(ice), str(root / "k2" / "python"), str(root / "build" / "lib")]


def test_a_snippet_written_before_the_build_was_found_is_called_outdated(tmp_path: Path) -> None:
    build = {
        "root": "/home/u/k2",
        "python_dir": "/home/u/k2/k2/python",
        "lib_dir": "/home/u/k2/build/lib",
        "python_tag": "cp311",
        "fits_python": True,
        "torch_version": "2.13.0+cpu",
    }
    state = json.dumps({"prepend": {"PYTHONPATH": ["/home/u/icefall"]}})
    k2 = {"found": False, "import_ok": False, "python": "3.11", "torch_version": "2.13.0+cpu"}
    probes = {
        "rcblock": {"files": [{"path": "/home/u/.bashrc", "state": state}]},
        "k2": {**k2, "source_builds": [build]},
    }
    facts = {
        "probes": {n: {"name": n, "status": "ok", "data": d} for n, d in probes.items()},
        "context": {"env": {"PYTHONPATH": "/home/u/icefall"}},
    }
    saved = tmp_path / "r.json"
    saved.write_text(json.dumps({"schema": 1, "facts": facts}))
    _, report = run_json("check", "--from", str(saved), "--only", "python.env_snippet")
    outdated, ok = findings_by_check(report)["python.env_snippet"]
    assert outdated["title_text"] == (
        "The icefall-doctor settings in /home/u/.bashrc do not put the k2 source build on "
        "PYTHONPATH"
    )
    assert "/home/u/k2/k2/python, /home/u/k2/build/lib" in outdated["detail_text"]
    assert outdated["fix"]["commands"] == ["icefall-doctor env-script --write"]
    assert ok["status"] == "ok"


def test_an_untagged_library_takes_the_python_its_build_header_names(bare_venv: Path) -> None:
    home = Path(os.environ["HOME"])
    for name, header in (("k2", f"{HERE[0]}.{HERE[1:]}"), ("k2-old", ".")):
        root = k2_tree(home / name)
        so = next((root / "build" / "lib").glob("_k2*.so"))
        so.rename(so.with_name("_k2.so"))
        version_h = root / "build" / "k2" / "csrc" / "version.h"
        text = version_h.read_text().replace(f'"{HERE[0]}.{HERE[1:]}"', f'"{header}"')
        version_h.write_text(text)
    _, report = run_json("check", "--python", str(bare_venv), "--only", "k2.import")
    builds = {b["root"]: b for b in report["facts"]["probes"]["k2"]["data"]["source_builds"]}
    assert (builds["~/k2"]["python_tag"], builds["~/k2"]["fits_python"]) == (f"cp{HERE}", True)
    assert (builds["~/k2-old"]["python_tag"], builds["~/k2-old"]["fits_python"]) == ("", False)
    (imp,) = findings_by_check(report)["k2.import"]
    assert imp["title_text"] == "k2 is built from source in ~/k2, but torch is not installed here"
