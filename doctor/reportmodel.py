"""The report model for ``check --from`` / ``fix --from``: types and ranges of every fact the
checks judge, so that a hand-edited or corrupt report is a usage error naming the field, not a
check that prints ✓ for a negative GPU memory or fails inside the doctor.

Every other field is checked against the types the probes really write
(doctor.reportshape); fields neither knows are kept as they are (a newer report may carry more).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from packaging.version import InvalidVersion, Version

from doctor import reportshape
from doctor.msgtype import Msg, joined, msg

STATUSES = ("ok", "crashed", "timeout", "missing")  # what doctor.probes.spawn writes
_CC = re.compile(r"^\d{1,2}\.\d$")


@dataclass(frozen=True)
class Rule:
    """What a value must be: ``test`` says whether it is, ``want`` says so to the user."""

    want: Msg
    test: Callable[[Any], bool]


def _is_version(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        Version(value)
    except InvalidVersion:
        return False
    return True


def _count(value: Any) -> bool:
    return (
        isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= reportshape.MAX_INT
    )


TEXT = Rule(msg("saved.want.text"), lambda v: isinstance(v, str))
FLAG = Rule(msg("saved.want.flag"), lambda v: isinstance(v, bool))
LIST = Rule(msg("saved.want.list"), lambda v: isinstance(v, list))
TABLE = Rule(msg("saved.want.object"), lambda v: isinstance(v, dict))
COUNT = Rule(msg("saved.want.count"), _count)
CPUS = Rule(msg("saved.want.cpus"), lambda v: _count(v) and v >= 1)
VERSION = Rule(msg("saved.want.version"), _is_version)
CAPABILITY = Rule(msg("saved.want.capability"), lambda v: isinstance(v, str) and bool(_CC.match(v)))

# probe.field, or probe.list[].field for every item of a list; null (and "") is always allowed:
# it means "not known", which the checks handle.
FIELDS: dict[str, Rule] = {
    "python.executable": TEXT,
    "python.version": VERSION,
    "python.sys_path": LIST,
    "python.markers": TABLE,
    "system.os": TEXT,
    "system.machine": TEXT,
    "system.cpus": CPUS,
    "system.ram_total": COUNT,
    "system.ram_available": COUNT,
    "system.disk": TABLE,
    "system.disk.free": COUNT,
    "system.disk.total": COUNT,
    "system.shm": TABLE,
    "system.shm.free": COUNT,
    "system.shm.total": COUNT,
    "system.nofile": TABLE,
    "nvidia.driver": VERSION,
    "nvidia.cuda_driver_version": VERSION,
    "nvidia.gpus": LIST,
    "nvidia.gpus[].index": COUNT,
    "nvidia.gpus[].name": TEXT,
    "nvidia.gpus[].memory_total": COUNT,
    "nvidia.gpus[].memory_free": COUNT,
    "nvidia.gpus[].compute_capability": CAPABILITY,
    "nvidia.gpus[].processes": LIST,
    "nvidia.gpus[].processes[].used_memory": COUNT,
    "cuda.release": VERSION,
    "torch.installed": FLAG,
    "torch.version": VERSION,
    "torch.cuda": VERSION,
    "torch.cuda_available": FLAG,
    "torch.arch_list": LIST,
    "torch.devices": LIST,
    "torch.devices[].capability": CAPABILITY,
    "torch.devices[].memory_total": COUNT,
    "torch.warnings": LIST,
    "torch.torchaudio": TABLE,
    "torch.smoke": TABLE,
    "torch.distributed": TABLE,
    "k2.found": FLAG,
    "k2.import_ok": FLAG,
    "k2.so_files": LIST,
    "k2.so_files[].path": TEXT,
    "k2.source_builds": LIST,
    "k2.source_builds[].root": TEXT,
    "lhotse.installed": FLAG,
    "lhotse.version": VERSION,
    "icefall.root": TEXT,
    "icefall.installed": TABLE,
    "icefall.requirements": TABLE,
    "k2wheels.wheels": LIST,
    "modules.missing": LIST,
    "modules.found": TABLE,
}


@dataclass(frozen=True)
class Problem:
    where: str  # e.g. "facts.probes.nvidia.data.gpus[0].memory_total"
    value: Any
    want: Msg

    def msg(self) -> Msg:
        shown = repr(self.value)
        shown = shown if len(shown) <= 40 else shown[:37] + "..."
        return msg("saved.problem", where=self.where, value=shown, want=self.want)

    def __str__(self) -> str:
        from doctor.messages import text

        return text(self.msg())


def problems(facts: Mapping[str, Any]) -> Iterator[Problem]:
    """Every value of a report's ``facts`` that breaks the model, in a stable order: the ranges
    of FIELDS first, then the types of every field the probes write; one problem per field."""
    found: dict[str, Problem] = {}
    for problem in [*_model_problems(facts), *_shape_problems(facts)]:
        found.setdefault(problem.where, problem)
    return iter(found.values())


_WANTS = {
    "str": "saved.want.text",
    "bool": "saved.want.flag",
    "list": "saved.want.list",
    "dict": "saved.want.object",
    "int": "saved.want.whole",
    "float": "saved.want.number",
}


def _shape_problems(facts: Mapping[str, Any]) -> Iterator[Problem]:
    for where, value, kinds in reportshape.mismatches(facts, reportshape.load(), "facts"):
        wants = [msg(_WANTS[k]) for k in kinds.split("|") if k in _WANTS]
        want = joined(wants, "phrase.or")
        yield Problem(where, value, want if isinstance(want, Msg) else msg("saved.want.object"))


def _model_problems(facts: Mapping[str, Any]) -> Iterator[Problem]:
    probes = facts.get("probes")
    if not isinstance(probes, dict):
        yield Problem("facts.probes", probes, msg("saved.want.probes"))
        return
    context = facts.get("context", {})
    if not isinstance(context, dict):
        yield Problem("facts.context", context, msg("saved.want.object"))
    for name, result in probes.items():
        yield from _probe_problems(str(name), result)


def _probe_problems(name: str, result: Any) -> Iterator[Problem]:
    where = f"facts.probes.{name}"
    if not isinstance(result, dict):
        yield Problem(where, result, msg("saved.want.probe"))
        return
    if result.get("status") not in STATUSES:
        yield Problem(
            f"{where}.status",
            result.get("status"),
            msg("saved.want.one_of", values=", ".join(STATUSES)),
        )
    data = result.get("data", {})
    if data is None:
        return
    if not isinstance(data, dict):
        yield Problem(f"{where}.data", data, msg("saved.want.object"))
        return
    for path, rule in FIELDS.items():
        probe, _, field = path.partition(".")
        if probe == name:
            yield from _field_problems(f"{where}.data", data, field.split("."), rule)


def _field_problems(where: str, data: Any, parts: list[str], rule: Rule) -> Iterator[Problem]:
    """Walk ``parts`` (``gpus[]`` steps into every item) and test the leaf."""
    if not isinstance(data, dict):
        return  # the parent's own rule reports it
    head, rest = parts[0], parts[1:]
    key = head.removesuffix("[]")
    value = data.get(key)
    if value is None or value == "":
        return
    if not head.endswith("[]"):
        if not rest:
            if not rule.test(value):
                yield Problem(f"{where}.{key}", value, rule.want)
            return
        yield from _field_problems(f"{where}.{key}", value, rest, rule)
        return
    if not isinstance(value, list):
        return  # "probe.list" has its own LIST rule
    for i, item in enumerate(value):
        if rest and not isinstance(item, dict):
            yield Problem(f"{where}.{key}[{i}]", item, msg("saved.want.object"))
        elif rest:
            yield from _field_problems(f"{where}.{key}[{i}]", item, rest, rule)
