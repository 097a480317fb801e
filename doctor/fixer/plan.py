"""Pure: findings (and facts) -> the ordered, de-duplicated commands that fix them.

Order: pip uninstalls, torch/torchaudio, k2, other pip installs, exports, recipe preparation,
then anything else. Within a kind, the order of the checks. A command named by several
findings appears once, resolving all of them. ``python3 -m pip`` becomes the target's
``<executable> -m pip``; ``--index-url`` is added only when the user gave one; ``--mirror cn``
swaps the k2 wheel pages for their -cn copies and sets HF_ENDPOINT for prepare.sh.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from doctor.facts import Facts
from doctor.findings import Finding, Status

HF_MIRROR = "https://hf-mirror.com"
KINDS: tuple[str, ...] = ("uninstall", "torch", "k2", "pip", "export", "prepare", "manual")
RUNS = frozenset({"uninstall", "torch", "k2", "pip", "prepare"})  # what --apply runs itself

_PIP = re.compile(r"^(?P<py>\S+|'[^']*')\s+-m\s+pip\s+(?P<verb>install|uninstall)\b")
_BARE_PYTHON = re.compile(r"^python3?\s+-m\s+pip\b")
_TORCH = re.compile(r"(?:^|\s)(?:torch|torchaudio)(?:[=<>!~\[\s]|$)")
_K2 = re.compile(r"(?:^|\s)k2(?:[=<>!~\[\s]|$)")
_PLACEHOLDER = re.compile(r"<[A-Za-z][\w .-]*>|YYYYMMDD")  # to be filled in by the user
_K2_PAGE = re.compile(r"(k2-fsa\.github\.io/k2/(?:cuda|cpu))\.html")


@dataclass(frozen=True)
class PlanStep:
    """One command and the checks whose findings it resolves."""

    command: str
    resolves: tuple[str, ...]
    kind: str

    @property
    def runs(self) -> bool:
        """Whether ``fix --apply`` runs it: not exports, manual steps or placeholders."""
        return self.kind in RUNS and not _PLACEHOLDER.search(self.command)

    def to_json(self) -> dict[str, object]:
        return {
            "command": self.command,
            "resolves": list(self.resolves),
            "kind": self.kind,
            "runs": self.runs,
        }


def fixable(findings: Iterable[Finding]) -> list[Finding]:
    """Findings that are not fine and carry a fix."""
    return [f for f in findings if f.fix and f.status not in (Status.OK, Status.SKIP)]


def build(
    findings: Sequence[Finding],
    facts: Facts | None = None,
    *,
    index_url: str | None = None,
    mirror: str | None = None,
) -> list[PlanStep]:
    python = _target_python(facts)
    kinds: dict[str, str] = {}
    resolves: dict[str, list[str]] = {}
    for finding in fixable(findings):
        assert finding.fix is not None
        for command, kind in _kinds(finding.fix.commands, python, index_url, mirror):
            kinds.setdefault(command, kind)
            checks = resolves.setdefault(command, [])
            if finding.check not in checks:
                checks.append(finding.check)
    steps = _one_torch_install([PlanStep(c, tuple(resolves[c]), k) for c, k in kinds.items()])
    return sorted(steps, key=lambda s: KINDS.index(s.kind))  # stable: check order kept


def _one_torch_install(steps: list[PlanStep]) -> list[PlanStep]:
    """The resolver's torch + torchaudio install (k2.plan) fits torch, torchaudio, k2, the
    driver and every GPU at once: other checks' torch or torchaudio installs are superseded by
    it, and it resolves their findings too."""
    torch_steps = [s for s in steps if s.kind == "torch"]
    keep = next((s for s in torch_steps if "k2.plan" in s.resolves), None)
    if keep is None or len(torch_steps) < 2:
        return steps
    merged = tuple(dict.fromkeys(c for s in torch_steps for c in s.resolves))
    out = []
    for step in steps:
        if step is keep:
            out.append(PlanStep(step.command, merged, step.kind))
        elif step.kind != "torch":
            out.append(step)
    return out


def _kinds(
    commands: Sequence[str], python: str, index_url: str | None, mirror: str | None
) -> list[tuple[str, str]]:
    """Each command with its kind. From the first manual command of a fix on, the rest of
    that fix is manual too, so a sequence like `git clone && cd k2`, `make`, `export ...`
    stays together and in its order."""
    out: list[tuple[str, str]] = []
    manual = False
    for raw in commands:
        command = adapt(raw, python=python, index_url=index_url, mirror=mirror)
        kind = kind_of(command)
        manual = manual or kind == "manual"
        out.append((command, "manual" if manual else kind))
    return out


def kind_of(command: str) -> str:
    pip = _PIP.match(command)
    if pip:
        if pip.group("verb") == "uninstall":
            return "uninstall"
        args = command[pip.end() :]
        if _TORCH.search(args):
            return "torch"
        return "k2" if _K2.search(args) else "pip"
    if command.startswith("export "):
        return "export"
    if "prepare.sh" in command:
        return "prepare"
    return "manual"


def adapt(command: str, *, python: str, index_url: str | None, mirror: str | None) -> str:
    """The command as it will run: the target's pip, the user's index, the chosen mirror."""
    command = command.strip()
    if python and _BARE_PYTHON.match(command):
        command = _BARE_PYTHON.sub(lambda _: f"{shlex.quote(python)} -m pip", command, count=1)
    pip = _PIP.match(command)
    if pip and pip.group("verb") == "uninstall" and not re.search(r"\s(-y|--yes)\b", command):
        command = command[: pip.end()] + " -y" + command[pip.end() :]
    if pip and pip.group("verb") == "install" and index_url and "--index-url" not in command:
        command = (
            command[: pip.end()] + f" --index-url {shlex.quote(index_url)}" + command[pip.end() :]
        )
    if mirror == "cn":
        command = _K2_PAGE.sub(r"\1-cn.html", command)
        if kind_of(command) == "prepare" and "HF_ENDPOINT=" not in command:
            command = _with_env(command, "HF_ENDPOINT", HF_MIRROR)
    return command


def _with_env(command: str, name: str, value: str) -> str:
    """Set a variable for the prepare.sh part (after a leading `cd DIR &&`)."""
    head, sep, tail = command.partition("&& ")
    if sep and head.startswith("cd "):
        return f"{head}&& {name}={value} {tail}"
    return f"{name}={value} {command}"


def _target_python(facts: Facts | None) -> str:
    if facts is None:
        return ""
    return str(facts.get("python").get("executable") or facts.context.get("target") or "")
