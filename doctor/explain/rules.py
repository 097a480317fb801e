"""Loading rules.toml and modules.toml (data files inside the package)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from doctor.datafiles import read_toml
from doctor.explain.model import Rule

# Each anchor once, with the positions of the rules that have it: a line is searched for each
# anchor once, not once per rule that has it.
AnchorIndex = tuple[tuple[str, tuple[int, ...]], ...]


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    contexts: tuple[Rule, ...]
    triggers: tuple[str, ...]
    rule_index: AnchorIndex
    context_index: AnchorIndex

    def rules_in(self, line: str) -> list[Rule]:
        """The rules with an anchor in ``line``, in their table order."""
        return _anchored(self.rules, self.rule_index, line)

    def contexts_in(self, line: str) -> list[Rule]:
        return _anchored(self.contexts, self.context_index, line)


def _anchor_index(rules: tuple[Rule, ...]) -> AnchorIndex:
    index: dict[str, list[int]] = {}
    for i, rule in enumerate(rules):
        for anchor in rule.anchors:
            index.setdefault(anchor, []).append(i)
    return tuple((anchor, tuple(ids)) for anchor, ids in index.items())


def _anchored(rules: tuple[Rule, ...], index: AnchorIndex, line: str) -> list[Rule]:
    found = {i for anchor, ids in index if anchor in line for i in ids}
    return [rules[i] for i in sorted(found)]


def _rule(raw: Mapping[str, Any], kind: str) -> Rule:
    return Rule(
        id=str(raw.get("id") or raw.get("name")),
        kind=kind,
        category=str(raw.get("category", "")),
        anchors=tuple(raw["anchors"]),
        patterns=tuple(re.compile(p) for p in raw["patterns"]),
        extract=str(raw.get("extract", "")),
        fix=tuple(raw.get("fix", ())),
        supersedes=tuple(raw.get("supersedes", ())),
        rank=int(raw.get("rank", 1)),
        doubt=str(raw.get("doubt", "")),
        plan_fix=tuple(raw.get("plan_fix", ())),
        messages=str(raw.get("messages", "")),
        exact_case=bool(raw.get("exact_case", False)),
    )


def build(raw: Mapping[str, Any]) -> RuleSet:
    rules = tuple(_rule(r, "rule") for r in raw.get("rule", ()))
    contexts = tuple(_rule(r, "context") for r in raw.get("context", ()))
    anchors: Sequence[str] = sorted({a for r in (*rules, *contexts) for a in r.anchors})
    triggers = tuple((raw.get("prefilter") or {}).get("triggers") or anchors)
    return RuleSet(rules, contexts, triggers, _anchor_index(rules), _anchor_index(contexts))


@cache
def load() -> RuleSet:
    return build(read_toml("doctor.explain", "rules.toml"))


@cache
def modules() -> Mapping[str, Mapping[str, Any]]:
    """Import name -> {distribution, install, category, note}: explain's own fixes.

    Names not here fall back to the recipe preflight's map (doctor.recipe.modules), see
    knowledge.module_fix.
    """
    return dict(read_toml("doctor.explain", "modules.toml").get("modules", {}))
