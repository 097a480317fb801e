"""k2 fixes for this machine, from the same wheel list and resolver the k2 checks use.

With facts of this machine's Python and GPUs, the fix is the resolver's plan: the very commands
of the ``k2.plan`` finding. With fewer facts, the k2 wheel for the torch in use is named from the
wheel list (online page, day cache, or the shipped table offline). Where only the shipped table
knows the build, the dev date stays a placeholder and a note says where to read it, in the k2
checks' own words (``resolver.dev_date_on_page``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from doctor import k2wheels, resolver
from doctor.facts import Facts
from doctor.findings import Msg, msg
from doctor.k2wheels import WheelIndex
from doctor.knowledge.k2 import load

Params = dict[str, Any]
# Without these the resolver would have to guess the Python (cp tag) and whether there are GPUs.
PLAN_PROBES = ("python", "nvidia")
# Diagnoses whose fix is a k2 wheel: explain collects the k2.plan check's facts for them.
K2_CATEGORIES = frozenset({"k2_torch_mismatch", "k2_import_failure"})


@dataclass(frozen=True)
class K2Context:
    """What explain knows of k2 wheels for this machine, computed once per log."""

    index: WheelIndex
    mirror: str | None
    python: str  # "3.12"; "" when no python facts
    platform: str
    plan: tuple[str, ...]  # the resolver's commands; () when unknown or when k2 already fits
    plan_notes: tuple[Msg, ...]


def wants_plan(category: str, params: Mapping[str, Any]) -> bool:
    """Whether a diagnosis' fix installs k2 (so the k2 plan's facts sharpen it)."""
    return category in K2_CATEGORIES or params.get("dist") == "k2"


def context(facts: Facts | None) -> K2Context | None:
    if facts is None:
        return None
    options = facts.context.get("options") or {}
    mirror = str(options.get("mirror") or "") or None
    index = k2wheels.from_json(facts.get("k2wheels"))
    m = resolver.machine(facts)
    python = m.python if facts.has("python") else ""
    plan, notes = _plan(facts, index, mirror)
    return K2Context(index, mirror, python, m.platform, plan, notes)


def _plan(
    facts: Facts, index: WheelIndex, mirror: str | None
) -> tuple[tuple[str, ...], tuple[Msg, ...]]:
    """The resolver's plan when it changes torch or k2; a plan needs python and nvidia facts."""
    if not all(facts.has(p) for p in PLAN_PROBES):
        return (), ()
    if not (resolver.torch_facts(facts).get("version") or facts.has("k2")):
        return (), ()
    try:
        plan = resolver.resolve(facts, mirror=mirror, wheels=index)
    except Exception:  # odd facts must not hide the explanation; the templates remain
        return (), ()
    if not plan.commands or not plan.changes_stack:
        return (), ()
    return plan.commands, plan.notes


def plan_params(k2: K2Context | None) -> Params:
    """``_k2_plan`` (the plan's commands) and its notes, when a plan is known."""
    if k2 is None or not k2.plan:
        return {}
    return {"_k2_plan": list(k2.plan), "_plan_notes": list(k2.plan_notes)}


def wheel_params(k2: K2Context | None, params: Mapping[str, Any]) -> Params:
    """``k2_version`` and ``k2_page_url`` for the templates' ``k2=={k2_version} -f {k2_page_url}``:
    exact from the wheel list when the torch, CUDA and Python are known; else a placeholder.
    ``k2_comment`` ends a command with what the version is for."""
    flavour, torch = str(params.get("k2_flavour")), str(params.get("torch_base"))
    kind = "cpu" if flavour == "cpu" else "cuda"
    cuda_page, cpu_page = k2wheels.page_urls(k2.mirror if k2 else None)
    out: Params = {
        "k2_version": f"<VERSION>+{flavour}.torch{torch}",
        "k2_page_url": cpu_page if kind == "cpu" else cuda_page,
        "k2_comment": msg("fixtext.k2_other_cpu", torch=torch, page=cpu_page)
        if kind == "cuda"
        else msg("fixtext.k2_other_cuda", torch=torch, page=cuda_page),
    }
    python = (k2.python if k2 else "") or str(params.get("py_version") or "")
    variant = "cpu" if kind == "cpu" else flavour.removeprefix("cuda")
    if k2 is None or "<" in torch + variant or not python:
        return out
    wheel = k2.index.find(variant, torch, "cp" + python.replace(".", ""), k2.platform)
    if wheel is None:
        return out
    build = "CPU" if kind == "cpu" else f"CUDA {variant}"
    out["k2_comment"] = msg("fixtext.k2_for", torch=torch, build=build, python=python)
    if wheel.version:
        out["k2_version"] = wheel.version
    else:
        out["k2_version"] = f"{load().k2_base}.devYYYYMMDD+{flavour}.torch{torch}"
        note = msg("resolver.dev_date_on_page", page=out["k2_page_url"], python=python)
        out["_wheel_notes"] = [note]
    return out
