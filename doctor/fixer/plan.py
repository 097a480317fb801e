"""Pure: findings (and facts) -> the ordered, de-duplicated typed steps that fix them.

Order: pip bootstrap, uninstalls, torch/torchaudio, k2, other installs, other commands,
exports, recipe preparation, then manual steps; within a kind, the order of the checks (the
resolver's k2.plan first, so its torch, lhotse and requirements installs stand for the others).
Two steps are one when their typed data is equal, and an install whose packages (or
requirements files) an earlier install already covers is merged into it. ``--index-url`` goes
on every install without an index of its own; ``--mirror cn`` swaps the k2 wheel pages for
their -cn copies and sets HF_ENDPOINT for prepare.sh. Each step records the steps it needs
(pip bootstrap -> every install; torch -> k2 -> lhotse and icefall's requirements).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from doctor import k2wheels
from doctor.facts import Facts
from doctor.findings import Finding, Msg, Status, msg
from doctor.fixer import mirror as mirror_module
from doctor.fixer import render
from doctor.fixer.steps import (
    FORCE,
    KINDS,
    Action,
    Alternative,
    Choice,
    Install,
    Run,
    Step,
    Uninstall,
    covers,
    key,
    kind,
    package_names,
    runs,
    step_to_json,
)

HF_MIRROR = mirror_module.HF_MIRROR
_AFTER_STACK = {"lhotse"}  # installs that need the torch and k2 steps first


@dataclass(frozen=True)
class PlanStep:
    """One typed step, the checks whose findings it resolves, and the steps it needs."""

    step: Step
    resolves: tuple[str, ...]
    kind: str
    needs: tuple[int, ...] = ()  # 1-based numbers of the steps that must succeed first
    notes: tuple[Msg, ...] = ()
    own_index: str = ""  # the index the step brings itself (no mirror replaces it)

    @property
    def runs(self) -> bool:
        """Whether ``fix --apply`` runs it: not exports, manual steps or placeholders."""
        return runs(self.step)

    def lines(self, lang: str = "en") -> list[str]:
        return render.lines(self.step, lang)

    @property
    def command(self) -> str:
        return "\n".join(self.lines())

    def to_json(self) -> dict[str, object]:
        return {
            "command": self.command,
            "step": step_to_json(self.step),
            "resolves": list(self.resolves),
            "kind": self.kind,
            "runs": self.runs,
            "needs": list(self.needs),
            "notes": [n.to_json() for n in self.notes],
        }


def fixable(findings: Iterable[Finding]) -> list[Finding]:
    """Findings that are not fine and carry a fix."""
    return [f for f in findings if f.fix and f.status not in (Status.OK, Status.SKIP)]


@dataclass
class _Entry:
    step: Step
    resolves: list[str]
    after: str  # key of the step before it in its own fix ("" for the first)
    notes: tuple[Msg, ...]
    own_index: str


def build(
    findings: Sequence[Finding],
    facts: Facts | None = None,
    *,
    index_url: str | None = None,
    mirror: str | None = None,
) -> list[PlanStep]:
    entries: dict[str, _Entry] = {}
    ordered = sorted(fixable(findings), key=lambda f: f.check != "k2.plan")
    for finding in ordered:
        assert finding.fix is not None
        before = ""
        for raw in finding.fix.steps:
            step, notes = adapt(raw, index_url=index_url, mirror=mirror)
            k = _merge_into(entries, step) or key(step)
            entry = entries.setdefault(k, _Entry(step, [], before, notes, own_index(raw)))
            if finding.check not in entry.resolves:
                entry.resolves.append(finding.check)
            before = k
    items = sorted(entries.items(), key=lambda kv: KINDS.index(kind(kv[1].step)))
    numbers = {k: n for n, (k, _) in enumerate(items, 1)}
    steps = [
        PlanStep(e.step, tuple(e.resolves), kind(e.step), (), e.notes, e.own_index)
        for _, e in items
    ]
    return [
        replace(s, needs=_needs(s, steps, numbers.get(items[i][1].after)))
        for i, s in enumerate(steps)
    ]


def _covers(step: Step) -> set[str]:
    """What an install puts in place: package names and requirements files."""
    if not isinstance(step, Install):
        return set()
    return package_names(step) | {f"-r {r}" for r in step.requirements}


def _merge_into(entries: dict[str, _Entry], step: Step) -> str:
    """The key of an earlier install that already covers everything this one installs."""
    wanted = _covers(step)
    if not wanted:
        return ""
    for k, entry in entries.items():
        first = entry.step
        if not (wanted <= _covers(first) and isinstance(step, Install)):
            continue
        if isinstance(first, Install) and not covers(first, step):
            # the same pins, reinstalled (a torch whose CUDA libraries went missing): the
            # earlier install reinstalls them too, instead of a second install of the same
            entry.step = replace(first, flags=(*first.flags, FORCE))
        return k
    return ""


def _needs(step: PlanStep, steps: Sequence[PlanStep], before: int | None) -> tuple[int, ...]:
    """The numbers of the steps this one needs: a bootstrap of pip before any install; torch
    and old-k2 removal before k2; torch and k2 before lhotse and icefall's requirements; a
    command after the step before it in its own fix."""
    kinds = {"installer"} if isinstance(_first(step.step), (Install, Uninstall)) else set()
    first = _first(step.step)
    if step.kind == "k2":
        kinds |= {"torch"}
    if isinstance(first, Install) and (package_names(first) & _AFTER_STACK or first.requirements):
        kinds |= {"torch", "k2"}
    out = {n for n, s in enumerate(steps, 1) if s.kind in kinds and s is not step}
    if step.kind == "k2":
        out |= {n for n, s in enumerate(steps, 1) if _removes_k2(s.step)}
    if before and isinstance(first, Run):
        out.add(before)
    return tuple(sorted(out))


def _first(step: Step) -> Action | None:
    if isinstance(step, Choice):
        first = step.preferred.steps if step.alternatives else ()
        return first[0] if first else None
    return step


def _removes_k2(step: Step) -> bool:
    return isinstance(step, Uninstall) and "k2" in package_names(step)


def adapt(step: Step, *, index_url: str | None, mirror: str | None) -> tuple[Step, tuple[Msg, ...]]:
    """The step as it will run: the user's index, the chosen mirror; and a note where a step's
    own source has no mirror."""
    if isinstance(step, Choice):
        alts, notes = [], []
        for alt in step.alternatives:
            done = [adapt(s, index_url=index_url, mirror=mirror) for s in alt.steps]
            alts.append(Alternative(tuple(_action(s) for s, _ in done), alt.reason))
            notes += [n for _, ns in done for n in ns if n not in notes]  # Msg: not hashable
        return Choice(tuple(alts), step.reason), tuple(notes)
    if isinstance(step, Install):
        return _adapt_install(step, index_url, mirror)
    cn_prepare = isinstance(step, Run) and step.kind == "prepare" and mirror == "cn"
    if cn_prepare and isinstance(step, Run) and "HF_ENDPOINT" not in dict(step.env):
        return replace(step, env=(*step.env, ("HF_ENDPOINT", HF_MIRROR))), ()
    return step, ()


def _action(step: Step) -> Action:
    assert not isinstance(step, Choice)
    return step


def _adapt_install(
    step: Install, index_url: str | None, mirror: str | None
) -> tuple[Install, tuple[Msg, ...]]:
    notes: tuple[Msg, ...] = ()
    own = step.index_url and step.index_url != mirror_module.PYPI_CN
    if own and (index_url or mirror):
        notes = (msg("fixer.plan.no_mirror", url=step.index_url),)
    elif index_url:
        step = replace(step, index_url=index_url)
    if mirror == "cn" and step.find_links:
        cn = dict(zip(k2wheels.page_urls(None), k2wheels.page_urls("cn")))
        step = replace(step, find_links=cn.get(step.find_links, step.find_links))
    return step, notes


def own_index(step: Step) -> str:
    """The package index an install step brings itself (the PyTorch index), which the user's
    --index-url and --mirror cn do not replace; "" for any other step. Ask it of the step as
    the check built it (PlanStep.own_index), before adapt() adds the user's index."""
    first = _first(step)
    if not isinstance(first, Install) or first.index_url == mirror_module.PYPI_CN:
        return ""
    return first.index_url or ""
