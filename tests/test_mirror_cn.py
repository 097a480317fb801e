"""Advice for users in China: with --mirror cn (the default when the output is Chinese) pip
installs go through the Tsinghua PyPI mirror, k2 comes from its -cn wheel pages, and the
baker_zh download, which names huggingface.co itself, is fetched from the HF mirror."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from doctor.checks.recipe_data import check_dataset
from doctor.facts import Facts, ProbeResult
from doctor.fixer import mirror
from doctor.fixer.render import fix_lines
from doctor.fixer.steps import Choice, runs
from tests.helpers import run_cli
from tests.test_machines import MACHINES

TUNA = "--index-url https://pypi.tuna.tsinghua.edu.cn/simple"
RECORDED = {m.id: m.facts for m in MACHINES}


def _saved(tmp_path: Path, machine: str) -> str:
    path = tmp_path / "report.json"
    path.write_text(json.dumps({"schema": 1, "facts": RECORDED[machine]}), encoding="utf-8")
    return str(path)


def _pip_lines(out: str) -> list[str]:
    return [line.strip() for line in out.splitlines() if " -m pip install " in line]


def test_chinese_output_uses_the_mirrors_by_default(tmp_path: Path) -> None:
    proc = run_cli("check", "--from", _saved(tmp_path, "cpu-laptop"), "--lang", "zh")
    pips = _pip_lines(proc.stdout)
    assert pips, proc.stdout
    torch = [p for p in pips if "torch==" in p]
    others = [p for p in pips if "torch==" not in p]
    # PyTorch's own index has no PyPI mirror: it stays as it is
    assert torch and all("https://download.pytorch.org/whl/" in p and TUNA not in p for p in torch)
    assert others and all(TUNA in p for p in others)
    k2 = [p for p in pips if "k2==" in p]
    assert k2 and all(p.endswith("-f https://k2-fsa.github.io/k2/cpu-cn.html") for p in k2)


@pytest.mark.parametrize(
    ("args", "mirrored"),
    [
        (["--lang", "en"], False),
        (["--lang", "en", "--mirror", "cn"], True),
        (["--lang", "zh", "--mirror", "none"], False),
    ],
)
def test_mirror_option_wins_over_the_language(
    tmp_path: Path, args: list[str], mirrored: bool
) -> None:
    proc = run_cli("check", "--from", _saved(tmp_path, "cpu-laptop"), *args)
    others = [p for p in _pip_lines(proc.stdout) if "torch==" not in p]
    assert others
    assert all((TUNA in p) is mirrored for p in others)
    assert all(("cpu-cn.html" in p) is mirrored for p in others if "k2==" in p)


def test_locale_alone_turns_on_chinese_and_the_mirror(tmp_path: Path) -> None:
    proc = run_cli("fix", "--from", _saved(tmp_path, "cpu-laptop"), env={"LANG": "zh_CN.UTF-8"})
    assert "修复方案" in proc.stdout
    assert any(TUNA in p for p in _pip_lines(proc.stdout))
    assert "https://mirrors.aliyun.com/pypi/simple/" in proc.stdout  # the alternative, named once
    assert proc.stdout.count("mirrors.aliyun.com") == 1


def test_an_index_url_given_replaces_the_mirror(tmp_path: Path) -> None:
    saved = _saved(tmp_path, "cpu-laptop")
    proc = run_cli("fix", "--from", saved, "--lang", "zh", "--index-url", "http://127.0.0.1:9/s")
    pips = _pip_lines(proc.stdout)
    assert pips and not any("tuna" in p for p in pips)
    assert all("--index-url http://127.0.0.1:9/s" in p for p in pips if "torch==" not in p)
    assert "mirrors.aliyun.com" not in proc.stdout


def test_env_script_in_chinese_sets_the_hf_mirror(tmp_path: Path) -> None:
    zh = run_cli("env-script", env={"LANG": "zh_CN.UTF-8"})
    en = run_cli("env-script", env={"LANG": "C.UTF-8"})
    assert zh.returncode == 0 and en.returncode == 0, zh.stderr + en.stderr
    assert 'export HF_ENDPOINT="https://hf-mirror.com"' in zh.stdout
    assert "HF_ENDPOINT" not in en.stdout


def _dataset_facts(where: str | None, offline: bool = True, **ds: Any) -> Facts:
    data = {
        "name": "BZNSYP",
        "path": "download/BZNSYP",
        "url": "https://huggingface.co/openspeech/BZNSYP/resolve/main/BZNSYP.tar.bz2",
        "archive": "BZNSYP.tar.bz2",
        "present": False,
        "free": 100 * 2**30,
        "need": 8 * 2**30,
        **ds,
    }
    recipe = {"active": True, "dir": "/ice/egs/baker_zh/TTS", "offline": offline, "dataset": data}
    return Facts(
        probes={"recipe": ProbeResult("recipe", "ok", recipe)},
        context={"options": {"mirror": where}},
    )


def test_baker_download_comes_from_the_hf_mirror_with_the_documented_link() -> None:
    [finding] = check_dataset(_dataset_facts("cn"))
    assert finding.fix is not None and finding.fix.why.key == "recipe.dataset.fix.cn"
    [choice] = finding.fix.steps
    assert isinstance(choice, Choice)
    lines = fix_lines(finding.fix)
    wget = "wget -c https://hf-mirror.com/openspeech/BZNSYP/resolve/main/BZNSYP.tar.bz2"
    assert any(f"cd /ice/egs/baker_zh/TTS && {wget} -P download" in line for line in lines)
    assert any("tar xf download/BZNSYP.tar.bz2 -C download" in line for line in lines)
    assert any("ln -sfv /path/to/BZNSYP download/BZNSYP" in line for line in lines)
    assert runs(choice)  # fix --apply downloads from the mirror and unpacks
    assert any("(preferred: fix --apply does this one)" in line for line in lines)


def test_without_the_mirror_stage_0_downloads_it_and_there_is_no_fix() -> None:
    [finding] = check_dataset(_dataset_facts(None))
    assert finding.fix is None


def test_unreachable_source_without_mirror_offers_the_original_url() -> None:
    reach = {"ok": False, "url": "https://huggingface.co/x", "error": "timed out"}
    [finding] = check_dataset(_dataset_facts(None, offline=False, reach=reach))
    assert finding.fix is not None and finding.fix.why.key == "recipe.dataset.fix.manual"
    lines = fix_lines(finding.fix)
    assert any("wget -c https://huggingface.co/openspeech/" in x for x in lines)
    # the source did not answer: nothing runs by itself, and no line says it would
    assert not runs(finding.fix.steps[0]) and not any("preferred" in x for x in lines)


def test_hf_url_only_moves_huggingface_downloads() -> None:
    url = "https://huggingface.co/openspeech/BZNSYP/resolve/main/BZNSYP.tar.bz2"
    assert mirror.hf_url(url, "cn") == (
        "https://hf-mirror.com/openspeech/BZNSYP/resolve/main/BZNSYP.tar.bz2"
    )
    assert mirror.hf_url(url, None) == url
    assert mirror.hf_url("https://www.openslr.org/resources/60/x.tar.gz", "cn").startswith(
        "https://www.openslr.org/"
    )
