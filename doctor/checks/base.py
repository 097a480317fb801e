"""The Check record and small helpers every check module uses."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from doctor.facts import Facts
from doctor.findings import Finding

CheckFn = Callable[[Facts], Iterable[Finding]]


@dataclass(frozen=True)
class Check:
    id: str  # stable, "<area>.<name>"
    probes: tuple[str, ...]  # probes whose facts it reads; it is skipped when one broke
    run: CheckFn

    @property
    def summary_key(self) -> str:
        """The catalog key of its one line for --list."""
        return f"checks.{self.id}"

    @property
    def area(self) -> str:
        return self.id.split(".", 1)[0]
