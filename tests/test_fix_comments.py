"""Comments inside explain's fix commands follow the reader's language: every comment written in
the knowledge has its catalog entry, and explain shows it translated while the command itself
stays verbatim."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import tomllib

from doctor.explain import comments, explain_lines
from doctor.explain.diagnose import render
from doctor.messages import catalog

DOCTOR = Path(__file__).resolve().parent.parent / "doctor"


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def _toml_comments() -> set[str]:
    found = set()
    for path in [*DOCTOR.glob("explain/*.toml"), *DOCTOR.glob("knowledge/*.toml")]:
        for text in _strings(tomllib.loads(path.read_text(encoding="utf-8"))):
            _, sep, comment = comments.split(text)
            if sep:
                found.add(comment)
    return found


def test_every_comment_in_the_knowledge_has_its_catalog_entry() -> None:
    en = {k: v for k, v in catalog("en").items() if k.startswith(comments.PREFIX)}
    assert set(en.values()) == _toml_comments()
    assert all(comments.key(v) == k for k, v in en.items())


def _fix_templates(value: Any, fixish: bool = False) -> Iterator[str]:
    """The fix templates of a table: values under a key naming a fix (fix, plan_fix, [fixes])."""
    if isinstance(value, dict):
        for k, item in value.items():
            yield from _fix_templates(item, fixish or "fix" in k)
    elif isinstance(value, list):
        for item in value:
            yield from _fix_templates(item, fixish)
    elif isinstance(value, str) and fixish:
        yield value


def _toml_placeholders() -> set[str]:
    found = set()
    for path in DOCTOR.glob("explain/*.toml"):
        for template in _fix_templates(tomllib.loads(path.read_text(encoding="utf-8"))):
            found.update(comments.placeholders(comments.split(template)[0]))
    return found


def test_every_placeholder_in_a_command_has_its_catalog_entry_in_each_language() -> None:
    wanted = _toml_placeholders()
    assert "the audio file" in wanted  # the walk reaches the [fixes] tables
    for lang in ("en", "zh"):
        have = {k for k in catalog(lang) if k.startswith(comments.PLACEHOLDER_PREFIX)}
        assert have == {comments.placeholder_key(w) for w in wanted}, lang


def test_a_placeholder_is_in_chinese_and_the_command_around_it_verbatim() -> None:
    log = [
        "Traceback (most recent call last):",
        '  File "/home/u/t.py", line 3, in <module>',
        "ValueError: Default process group has not been initialized, please make sure to call "
        "init_process_group.",
    ]
    en = explain_lines(log)[0].fix[0]
    zh = explain_lines(log, lang="zh")[0].fix[0]
    assert en.startswith("torchrun --nproc_per_node=1 <your script> <its options>  # ")
    assert zh.startswith("torchrun --nproc_per_node=1 <你的脚本> <它的参数>  # ")
    (kept,) = render(["ls <VERSION> <not a known placeholder>"], {}, "zh")
    assert kept == "ls <VERSION> <not a known placeholder>"  # names and unknown words stay


def test_explain_shows_the_comment_in_chinese_and_the_command_verbatim() -> None:
    log = ["RuntimeError: CUDA error: no kernel image is available for execution on the device"]
    en = explain_lines(log)[0].fix
    zh = explain_lines(log, lang="zh")[0].fix
    assert len(en) == len(zh)
    with_comment = [i for i, c in enumerate(en) if comments.SEP in c]
    assert with_comment
    for i in with_comment:
        command_en, _, note_en = en[i].partition(comments.SEP)
        command_zh, _, note_zh = zh[i].partition(comments.SEP)
        assert command_zh == command_en and note_zh != note_en
        assert any("\u4e00" <= ch <= "\u9fff" for ch in note_zh)


def test_a_comment_with_a_value_keeps_the_value_in_chinese() -> None:
    template = next(
        v for k, v in catalog("en").items() if k.startswith(comments.PREFIX) and "{top}" in v
    )
    (shown,) = render(["pip install -e .  # " + template], {"top": "matcha"}, "zh")
    assert shown.startswith("pip install -e .  # ") and "matcha" in shown
    assert shown != "pip install -e .  # " + template.replace("{top}", "matcha")


def test_a_fix_that_is_only_a_comment_is_in_chinese_too() -> None:
    log = [
        "RuntimeError: Expected to have finished reduction in the prior iteration before "
        "starting a new one. This error indicates that your module has parameters that were "
        "not used in producing loss."
    ]
    en = explain_lines(log)[0].fix
    zh = explain_lines(log, lang="zh")[0].fix
    only_comment = [i for i, c in enumerate(en) if c.startswith(comments.LEAD)]
    assert only_comment
    for i in only_comment:
        assert zh[i].startswith(comments.LEAD) and zh[i] != en[i]
        assert "find_unused_parameters=True" in zh[i]
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh[i])
