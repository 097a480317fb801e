"""Finding, Status, Fix and Msg: what every check returns."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from doctor.fixer.steps import FIX_FORMAT, Step, legacy_step, step_from_json, step_to_json
from doctor.msgtype import Msg, msg

__all__ = ["Finding", "Fix", "Msg", "Status", "msg"]


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
class Fix:
    """Typed steps that resolve a finding (doctor.fixer.steps), and one sentence of why."""

    steps: tuple[Step, ...]
    why: Msg

    @property
    def commands(self) -> tuple[str, ...]:
        """The steps as English shell lines (what a human pastes); apply uses ``steps``."""
        from doctor.fixer.render import fix_lines

        return tuple(fix_lines(self))

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FIX_FORMAT,
            "steps": [step_to_json(s) for s in self.steps],
            "why": self.why.to_json(),
        }

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> Fix:
        """A fix as written by to_json; a report of the shell-string era (no "format") reads
        back as manual steps, never as something to run."""
        why = Msg.from_json(data["why"])
        if data.get("format") == FIX_FORMAT:
            return Fix(tuple(step_from_json(s) for s in data["steps"]), why)
        return Fix(tuple(legacy_step(str(c)) for c in data.get("commands") or []), why)


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
