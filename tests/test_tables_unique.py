"""Each rule, class and message is defined once: a second definition would silently win."""

from __future__ import annotations

import ast
import collections
from pathlib import Path

from doctor.explain import evidence, rules

MESSAGES = Path(__file__).resolve().parent.parent / "doctor" / "messages"


def _twice(names: list[str]) -> list[str]:
    return sorted(k for k, n in collections.Counter(names).items() if n > 1)


def test_every_rule_id_is_defined_once() -> None:
    assert _twice([r.id for r in rules.load().rules]) == []


def test_every_class_key_is_defined_once() -> None:
    for table in ("shape", "raised_in", "errno"):
        keys = [str(e.get("key") or e.get("name")) for e in evidence.data()[table]]
        assert _twice(keys) == [], table


def test_no_message_catalog_names_a_key_twice() -> None:
    for path in sorted(MESSAGES.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
                assert _twice([str(k) for k in keys]) == [], path.name
