"""Pure: findings -> problems. One problem per root cause: a missing torch is one problem,
whether the torch check, the k2 check, icefall's import or the recipe's import scan saw it.

A finding names its cause through its title (the message key and its parameters), read here from
one table, so the checks stay as they are. A problem keeps the most severe of its findings as
its face (the first in check order on a tie), every other check that saw it, every step it
blocks, and the first fix any of them carries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from doctor.findings import Finding, Fix, Status
from doctor.fixer.plan import fixable
from doctor.fixer.steps import Install, covers, package_names
from doctor.recipe.modules import import_names

_NO_MODULE = re.compile(r"No module named '([\w.]+)'")
_SEVERITY = {
    Status.OK: 0,
    Status.SKIP: 0,
    Status.WARN: 1,
    Status.TIMEOUT: 2,
    Status.CRASHED: 2,
    Status.FAIL: 3,
}
# commands a recipe runs -> the distribution that provides them
_COMMAND_MODULE = {"lhotse": "lhotse", "lilcom": "lilcom"}


def _module(name: object) -> frozenset[str]:
    top = str(name or "").split(".")[0]
    return frozenset({f"module:{top.lower()}"}) if top else frozenset()


def _from_error(p: Mapping[str, Any]) -> frozenset[str]:
    found = _NO_MODULE.search(str(p.get("error") or ""))
    return _module(found.group(1)) if found else frozenset()


def _command(p: Mapping[str, Any]) -> frozenset[str]:
    name = str(p.get("command") or "")
    return _module(_COMMAND_MODULE[name]) if name in _COMMAND_MODULE else frozenset()


_STACK = frozenset({"module:torch", "module:torchaudio", "module:k2", "module:_k2"})

# title key -> the causes it names (from the title's parameters)
CAUSES: dict[str, Callable[[Mapping[str, Any]], frozenset[str]]] = {
    "torch.missing.title": lambda p: frozenset({"module:torch"}),
    "torch.path_shadow.title": lambda p: frozenset({"module:torch"}),
    "recipe.module.local.title": lambda p: _module(p.get("module")),
    "recipe.module.broken.title": lambda p: frozenset({"recipe:broken-links"}),
    "k2.not_found.title": lambda p: frozenset({"module:k2"}),
    "k2.found.no_torch.title": lambda p: frozenset({"module:torch"}),
    "k2.no_torch.title": lambda p: frozenset({"module:torch"}),
    "k2.plan.wheels.title": lambda p: _STACK,
    "k2.plan.source.title": lambda p: _STACK,
    "lhotse.missing.title": lambda p: frozenset({"module:lhotse"}),
    "lhotse.lilcom.missing.title": lambda p: frozenset({"module:lilcom"}),
    "recipe.module.missing.title": lambda p: _module(p.get("module")),
    "recipe.requires.title": lambda p: _module(p.get("module")),
    "recipe.command.missing.title": _command,
    "identity.stray.title": lambda p: frozenset({"path:target-bin"}),
    "lhotse.cli.missing.title": lambda p: frozenset({"path:target-bin"}),
    "k2.found.fits.title": lambda p: frozenset({"module:k2"}),
    "k2.plan.found.title": lambda p: frozenset({"module:k2"}),
    "icefall.import.fail.title": _from_error,
    "icefall.not_on_path.title": lambda p: frozenset({"pythonpath:icefall"}),
}


def _requirements(f: Finding) -> frozenset[str]:
    """A requirements file's missing lines: the modules their distributions provide."""
    out: set[str] = set()
    for line in f.facts.get("missing") or []:
        name = str(line.get("name") or "") if isinstance(line, Mapping) else ""
        for module in import_names(name) if name else ():
            out |= _module(module)
    return frozenset(out)


def causes_of(f: Finding) -> frozenset[str]:
    """The root causes a finding names; empty when it stands alone."""
    if f.status in (Status.OK, Status.SKIP):
        return frozenset()
    if f.facts.get("cause"):  # named by the check itself (doctor.checks.base.torch_cause)
        return frozenset({str(f.facts["cause"])})
    if f.title.key == "icefall.reqs.missing.title":
        return _requirements(f)
    if f.title.key == "recipe.command.missing.title" and f.facts.get("in_target_bin"):
        return frozenset({"path:target-bin"})
    rule = CAUSES.get(f.title.key)
    return rule(f.title.params) if rule else frozenset()


@dataclass(frozen=True)
class Problem:
    face: Finding  # what the user reads
    others: tuple[Finding, ...]  # every other finding of the same cause
    cause: str  # "" for a finding that stands alone

    @property
    def findings(self) -> tuple[Finding, ...]:
        return (self.face, *self.others)

    @property
    def blocks(self) -> bool:
        return any(f.status.blocks for f in self.findings)

    @property
    def steps(self) -> tuple[str, ...]:
        """Every step it blocks; () when one of them blocks everything."""
        if any(f.status.blocks and not f.blocks_step for f in self.findings):
            return ()
        return tuple(dict.fromkeys(f.blocks_step for f in self.findings if f.blocks_step))

    @property
    def fix(self) -> Fix | None:
        return next((f.fix for f in self.findings if f.fix), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "cause": self.cause,
            "status": self.face.status.value,
            "checks": list(dict.fromkeys(f.check for f in self.findings)),
            "blocks": list(self.steps),
            "fixable": self.fix is not None,
        }


def problems(findings: Sequence[Finding]) -> list[Problem]:
    """The findings that are not fine, one problem per root cause, in the order of their faces.

    The most severe finding (the first on a tie) becomes a face; every later finding whose
    causes it covers, and which is no more severe, is merged into it."""
    live = [(i, f, causes_of(f)) for i, f in enumerate(findings)]
    live = [x for x in live if x[1].status not in (Status.OK, Status.SKIP)]
    ranked = sorted(live, key=lambda x: (-_SEVERITY[x[1].status], x[0]))
    taken: set[int] = set()
    out: list[tuple[int, Problem]] = []
    for i, face, causes in ranked:
        if i in taken:
            continue
        taken.add(i)
        others = [
            (j, g)
            for j, g, c in ranked
            if j not in taken
            and c
            and causes
            and c <= causes
            and _SEVERITY[g.status] <= _SEVERITY[face.status]
        ]
        taken.update(j for j, _ in others)
        members = tuple(g for _, g in sorted(others, key=lambda m: m[0]))
        out.append((i, Problem(face, members, " ".join(sorted(causes)))))
    return [p for _, p in sorted(out, key=lambda pair: pair[0])]


_TORCH_STACK = frozenset({"torch", "torchaudio", "torchvision", "k2"})


def deferred_to_plan(findings: Sequence[Finding]) -> set[int]:
    """The findings (by id) whose fix is an install of torch, torchaudio or k2 that the k2
    plan's install covers (doctor.fixer.steps.covers): their own command would pick other
    versions (torch 2.7.1 for cu128 where the plan chose 2.12.0 for cu126) and the plan would
    undo it, so they point to the plan, as `fix` merges them into it."""
    shown = fixable(findings)
    plan = next((f for f in shown if f.check == "k2.plan"), None)
    if plan is None or plan.fix is None:
        return set()
    planned = [s for s in plan.fix.steps if isinstance(s, Install)]
    return {
        id(f)
        for f in shown
        if f is not plan
        and f.fix
        and f.fix.steps
        and all(_within_plan(s, planned) for s in f.fix.steps)
    }


def _within_plan(step: object, planned: Sequence[Install]) -> bool:
    if not isinstance(step, Install) or not package_names(step) <= _TORCH_STACK:
        return False
    return any(covers(first, step) for first in planned)
