"""Finding, Status, Fix and Msg: what every check returns."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class Status(str, enum.Enum):
    OK = "ok"
    WARN = "warn"
    FAIL = "fail"
    SKIP = "skip"
    CRASHED = "crashed"
    TIMEOUT = "timeout"

    @property
    def blocks(self) -> bool:
        """Whether this status stops training (exit code 1)."""
        return self in (Status.FAIL, Status.CRASHED, Status.TIMEOUT)


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


def msg(key: str, **params: Any) -> Msg:
    return Msg(key, params)


@dataclass(frozen=True)
class Fix:
    """Shell commands that resolve a finding, and one sentence of why."""

    commands: tuple[str, ...]
    why: Msg

    def to_json(self) -> dict[str, Any]:
        return {"commands": list(self.commands), "why": self.why.to_json()}

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> Fix:
        return Fix(tuple(data["commands"]), Msg.from_json(data["why"]))


@dataclass(frozen=True)
class Finding:
    """One verdict of one check."""

    check: str  # stable check id, e.g. "torch.arch"
    status: Status
    title: Msg
    detail: Msg | None = None
    fix: Fix | None = None
    blocks_step: str = ""  # e.g. "train", "prepare stage 5"; empty: everything
    facts: Mapping[str, Any] = field(default_factory=dict)  # the facts it judged, for -v

    def to_json(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "status": self.status.value,
            "title": self.title.to_json(),
            "detail": self.detail.to_json() if self.detail else None,
            "fix": self.fix.to_json() if self.fix else None,
            "blocks_step": self.blocks_step,
            "facts": dict(self.facts),
        }
