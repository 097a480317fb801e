"""Typed fix steps: what a fix does, as data (in the spirit of pip-audit's resolved fixes).

A check builds these; doctor.fixer.render turns them into shell text for a human to paste
(every word quoted) and into argv lists for `fix --apply` (never a shell string).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Union

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from doctor.msgtype import Msg, msg

FIX_FORMAT = 2  # the JSON form of a Fix; 1 was a list of shell strings


@dataclass(frozen=True)
class Install:
    """`<installer> install` of packages (requirement specs or URLs) and requirements files."""

    python: str  # the target interpreter
    packages: tuple[str, ...] = ()  # "torch==2.7.1", "lhotse", "git+https://…/lhotse"
    requirements: tuple[str, ...] = ()  # -r files
    index_url: str = ""
    extra_index_url: str = ""
    find_links: str = ""
    flags: tuple[str, ...] = ()  # "-U", "--force-reinstall", "--no-deps"
    installer: str = "pip"  # "pip": <python> -m pip; "uv": uv pip --python <python>
    auto: bool = True  # False: a placeholder the user must fill in (a wheel's date)
    reason: Msg | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Uninstall:
    python: str
    packages: tuple[str, ...]
    installer: str = "pip"
    reason: Msg | None = field(default=None, compare=False)


@dataclass(frozen=True)
class SetEnv:
    """`export NAME=value` (prepend: in front of the variable's current value)."""

    name: str
    value: str
    prepend: bool = False
    reason: Msg | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Run:
    """A command as an argv list, run in ``cwd`` with ``env`` added. ``auto``: `fix --apply`
    runs it; ``kind``: "installer" (bootstraps pip, first), "prepare" (a recipe stage) or
    "run"."""

    argv: tuple[str, ...]
    cwd: str = ""
    env: tuple[tuple[str, str], ...] = ()
    auto: bool = False
    kind: str = "run"
    reason: Msg | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Manual:
    """Something only the user can do, said in words."""

    text: Msg
    reason: Msg | None = field(default=None, compare=False)


Action = Union[Install, Uninstall, SetEnv, Run, Manual]


@dataclass(frozen=True)
class Alternative:
    steps: tuple[Action, ...]
    reason: Msg = field(compare=False)


@dataclass(frozen=True)
class Choice:
    """Do one of these, not all: the first is preferred; `fix --apply` runs only it."""

    alternatives: tuple[Alternative, ...]
    reason: Msg | None = field(default=None, compare=False)

    @property
    def preferred(self) -> Alternative:
        return self.alternatives[0]


Step = Union[Install, Uninstall, SetEnv, Run, Manual, Choice]
_TYPES: dict[str, type[Any]] = {
    "install": Install,
    "uninstall": Uninstall,
    "set_env": SetEnv,
    "run": Run,
    "manual": Manual,
    "choice": Choice,
}
_NAMES = {v: k for k, v in _TYPES.items()}
KINDS: tuple[str, ...] = (
    "installer",
    "uninstall",
    "torch",
    "k2",
    "pip",
    "run",
    "export",
    "prepare",
    "manual",
)
_LEAD_NAME = re.compile(r"([A-Za-z0-9][A-Za-z0-9._-]*?)(?:[=<>!~ \[;@]|$)")
_URL_NAME = re.compile(r"/([A-Za-z0-9][A-Za-z0-9._-]*?)(?:\.git)?/?(?:[@#].*)?$")


def kind(step: Step) -> str:
    """Where a step goes in a plan (the order of KINDS)."""
    if isinstance(step, Choice):
        first = step.preferred.steps if step.alternatives else ()
        return kind(first[0]) if first else "manual"
    if isinstance(step, Uninstall):
        return "uninstall"
    if isinstance(step, Install):
        names = package_names(step)
        if names & {"torch", "torchaudio"}:
            return "torch"
        return "k2" if "k2" in names else "pip"
    if isinstance(step, SetEnv):
        return "export"
    if isinstance(step, Run):
        return step.kind if step.auto else "manual"
    return "manual"


def runs(step: Step) -> bool:
    """Whether `fix --apply` runs it: installs, uninstalls and automatic commands; for a
    choice, its preferred alternative when all of that runs. Exports and manual steps are
    the user's (an export must reach their shell)."""
    if isinstance(step, Choice):
        first = step.preferred.steps if step.alternatives else ()
        return bool(first) and all(runs(s) for s in first)
    if isinstance(step, (Install, Run)):
        return step.auto
    return isinstance(step, Uninstall)


def package_name(spec: str) -> str:
    """The canonical distribution name of a requirement spec or a VCS/URL spec; "" if none."""
    try:
        return canonicalize_name(Requirement(spec).name)
    except InvalidRequirement:
        m = _URL_NAME.search(spec) if "://" in spec else _LEAD_NAME.match(spec)
        return canonicalize_name(m.group(1)) if m else ""


def package_names(step: Install | Uninstall) -> set[str]:
    return {n for n in (package_name(p) for p in step.packages) if n}


FORCE = "--force-reinstall"


def covers(first: Install, later: Install) -> bool:
    """Whether running ``first`` makes ``later`` needless: it installs every package ``later``
    names, and a ``later`` that reinstalls (a torch whose CUDA libraries went missing) is
    covered only by one that reinstalls too or changes a version (a fresh install)."""
    if not package_names(later) <= package_names(first):
        return False
    if FORCE not in later.flags or FORCE in first.flags:
        return True
    specs = {package_name(p): p for p in first.packages}
    return any(specs.get(package_name(p)) != p for p in later.packages)


def key(step: Step) -> str:
    """What makes two steps the same step (reasons aside): the de-duplication key."""
    return json.dumps(_data(step, reasons=False), sort_keys=True, ensure_ascii=False)


def step_to_json(step: Step) -> dict[str, Any]:
    return _data(step, reasons=True)


def _data(step: Step | Alternative, *, reasons: bool) -> dict[str, Any]:
    out: dict[str, Any] = {} if isinstance(step, Alternative) else {"type": _NAMES[type(step)]}
    for f in dataclasses.fields(step):
        value = getattr(step, f.name)
        if f.name == "reason" and not reasons:
            continue
        out[f.name] = _value(value, reasons)
    return out


def _value(value: Any, reasons: bool) -> Any:
    if isinstance(value, Msg):
        return value.to_json()
    if isinstance(value, Alternative):
        return _data(value, reasons=reasons)
    if isinstance(value, tuple):
        return [_value(v, reasons) for v in value]
    if value is None or isinstance(value, (str, bool, int)):
        return value
    return _data(value, reasons=reasons)


def step_from_json(data: Mapping[str, Any]) -> Step:
    cls = _TYPES[str(data["type"])]
    if cls is Choice:
        alts = tuple(
            Alternative(
                tuple(_action(s) for s in a["steps"]), Msg.from_json(a["reason"] or {"key": "?"})
            )
            for a in data["alternatives"]
        )
        return Choice(alts, _msg(data.get("reason")))
    return _action(data)


def _action(data: Mapping[str, Any]) -> Action:
    cls = _TYPES[str(data["type"])]
    kw: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        if f.name in ("reason", "text"):
            kw[f.name] = _msg(value)
        elif f.name == "env":
            kw[f.name] = tuple((str(k), str(v)) for k, v in value)
        elif isinstance(value, list):
            kw[f.name] = tuple(str(v) for v in value)
        else:
            kw[f.name] = value
    step: Action = cls(**kw)
    return step


def _msg(data: Any) -> Msg | None:
    return Msg.from_json(data) if isinstance(data, Mapping) else None


def legacy_step(command: str) -> Manual:
    """A shell string from an old report: shown as text, never run."""
    return Manual(msg("fixer.step.legacy", command=command))
