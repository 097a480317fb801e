"""Msg: a user-facing sentence as data (a catalog key plus its parameters)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Msg:
    """A user-facing sentence: a key into the message catalog plus its parameters. A parameter
    may itself be a Msg (a phrase), rendered in the same language."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        params = {
            k: {"$msg": v.to_json()} if isinstance(v, Msg) else v for k, v in self.params.items()
        }
        return {"key": self.key, "params": params}

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> Msg:
        params = {
            k: Msg.from_json(v["$msg"]) if isinstance(v, dict) and "$msg" in v else v
            for k, v in (data.get("params") or {}).items()
        }
        return Msg(str(data["key"]), params)


def msg(key: str, /, **params: Any) -> Msg:
    return Msg(key, params)


def joined(parts: Sequence[Msg], key: str = "phrase.list") -> Msg | str:
    """Several phrases as one, each in the reader's language: ``key`` is a catalog template
    "{first}<separator>{rest}" ("a, b, c" in English); "" when there are none."""
    out: Msg | str = ""
    for part in reversed(parts):
        out = msg(key, first=part, rest=out) if out else part
    return out
