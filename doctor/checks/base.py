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


def torch_cause(facts: Facts, error: str) -> dict[str, str]:
    """A finding's facts naming torch as its root cause, when its import error is the one
    torch's own import gives (a broken or shadowing torch breaks everything that imports it):
    doctor.render.problems then shows it under torch's problem."""
    torch_error = str(facts.get("torch").get("import_error") or "").strip()
    last = (error.strip().splitlines() or [""])[-1]
    return {"cause": "module:torch"} if torch_error and last == torch_error else {}
