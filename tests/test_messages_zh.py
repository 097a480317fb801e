"""The Chinese catalog: every English key has a Chinese template with the same placeholders,
no Chinese template is the English one copied, and the locale picks the language."""

from __future__ import annotations

import importlib
import re
import string
from collections.abc import Mapping
from pathlib import Path

import pytest

from doctor.findings import msg
from doctor.messages import _AREAS, LANGUAGES, language, text

# Templates that are the same in both languages on purpose: only placeholders, a command, a
# flag, a package name with its version, or a term the glossary keeps in English.
SAME_ON_PURPOSE: dict[str, str] = {
    "runner.epoch": "'epoch' stays English in icefall's Chinese docs (docs/glossary-zh.md)",
    "runner.export.why.given": "the flag --epoch itself",
    "lhotse.ok.title": "a package name and its version",
    "lhotse.lilcom.ok.title": "a package name and its version",
    "k2.plan.phrase.cpu": "the word CPU",
    "k2.plan.phrase.cuda": "CUDA and its version",
    "analyze.plot.epoch": "'epoch' stays English in icefall's Chinese docs (docs/glossary-zh.md)",
    "area.python": "a group heading: the id typed after --only/--skip, a tool name",
    "area.nvidia": "a group heading: the id typed after --only/--skip, a tool name",
    "area.cuda": "a group heading: the id typed after --only/--skip, a tool name",
    "area.torch": "a group heading: the id typed after --only/--skip, a tool name",
    "area.k2": "a group heading: the id typed after --only/--skip, a tool name",
    "area.lhotse": "a group heading: the id typed after --only/--skip, a tool name",
    "area.icefall": "a group heading: the id typed after --only/--skip, a tool name",
    "area.recipe": "a group heading: the id typed after --only/--skip, a tool name",
    "report.md.row.python": "a package or program name in the environment table",
    "report.md.row.torch": "a package or program name in the environment table",
    "report.md.row.torchaudio": "a package or program name in the environment table",
    "report.md.row.k2": "a package or program name in the environment table",
    "report.md.row.lhotse": "a package or program name in the environment table",
    "report.md.row.icefall": "a package or program name in the environment table",
    "report.md.row.doctor": "a package or program name in the environment table",
    "report.md.row.recipe": "'recipe' stays English in icefall's Chinese docs (glossary)",
    "report.md.row.gpu": "GPU and its index read the same in Chinese",
    "smoke.col.rtf": "RTF, the real-time factor, is the column's name in both languages",
}


def _catalog(code: str, area: str) -> Mapping[str, str]:
    try:
        module = importlib.import_module(f"doctor.messages.{code}_{area}")
    except ModuleNotFoundError:
        return {}
    messages: Mapping[str, str] = module.MESSAGES
    return messages


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _words(template: str) -> list[str]:
    """The words a reader reads: the template without its placeholders."""
    literal = "".join(part for part, _, _, _ in string.Formatter().parse(template))
    return re.findall(r"[A-Za-z]{2,}", literal)


AREAS_WITH_ENGLISH = [a for a in _AREAS if _catalog("en", a)]


def test_chinese_is_offered() -> None:
    assert "zh" in LANGUAGES


@pytest.mark.parametrize("area", AREAS_WITH_ENGLISH)
def test_every_english_key_has_a_chinese_one_with_the_same_placeholders(area: str) -> None:
    en, zh = _catalog("en", area), _catalog("zh", area)
    assert sorted(set(en) - set(zh)) == [], f"zh_{area}.py lacks these keys"
    assert sorted(set(zh) - set(en)) == [], f"zh_{area}.py has keys English lacks"
    differ = {k: (_fields(en[k]), _fields(zh[k])) for k in en if _fields(en[k]) != _fields(zh[k])}
    assert differ == {}


@pytest.mark.parametrize("area", AREAS_WITH_ENGLISH)
def test_no_chinese_template_is_the_english_one_copied(area: str) -> None:
    en, zh = _catalog("en", area), _catalog("zh", area)
    copied = [k for k in en if zh.get(k) == en[k] and _words(en[k]) and k not in SAME_ON_PURPOSE]
    assert copied == []


def test_the_allow_list_holds_only_keys_that_exist_and_are_still_the_same() -> None:
    for key in SAME_ON_PURPOSE:
        en = [_catalog("en", a)[key] for a in _AREAS if key in _catalog("en", a)]
        zh = [_catalog("zh", a)[key] for a in _AREAS if key in _catalog("zh", a)]
        assert en and en == zh, key


def test_chinese_templates_render_with_the_english_parameters() -> None:
    m = msg("k2.plan.wheels.title", torch="2.7.1", build=msg("k2.plan.phrase.cuda", v="12.6"))
    assert text(m, "zh") == "一组命令即可让 torch 2.7.1（CUDA 12.6）和 k2 适配这台机器"
    assert text(msg("summary.blocked", n=3), "zh") == "有 3 个问题阻碍训练。"


@pytest.mark.parametrize(
    ("env", "want"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_TW.UTF-8"}, "zh"),
        ({"LANG": "zh_HK"}, "zh"),
        ({"LANG": "zh_SG.GB2312"}, "zh"),
        ({"LANG": "zh"}, "zh"),
        ({"LANG": "zh-CN"}, "zh"),
        ({"LANG": "zh_CN.UTF-8@pinyin"}, "zh"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({}, "en"),
        ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "C"}, "zh"),
        ({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_CN.UTF-8"}, "zh"),
    ],
)
def test_the_locale_picks_the_language(env: dict[str, str], want: str) -> None:
    assert language(None, env) == want


def test_lang_option_wins_over_the_locale() -> None:
    assert language("zh", {"LANG": "C"}) == "zh"
    assert language("en", {"LANG": "zh_CN.UTF-8"}) == "en"


def test_every_stage_description_of_the_shipped_recipes_reads_in_chinese() -> None:
    """A stage's `what` (recipes/*/*.toml) becomes a catalog phrase; only file names stay."""
    from doctor.checks.recipe_data import what
    from doctor.datafiles import parse

    root = Path(__file__).resolve().parent.parent / "recipes"
    texts = {s["what"] for f in root.glob("*/*.toml") for s in parse(f)["stages"]}
    assert texts
    for value in sorted(texts):
        phrase = what(value)
        if isinstance(phrase, str):
            assert re.fullmatch(r"[\w.]+\.txt", value), value
        else:
            assert text(phrase, "en") == value
            assert re.search(r"[\u4e00-\u9fff]", text(phrase, "zh")), value
