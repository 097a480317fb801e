"""Thin adapters to the parts of icefall-doctor the runner builds on.

Each reads the other package through a narrow surface and falls back to a small, documented
behaviour of its own when that package is absent or does not know the recipe:
- recipes (doctor.recipe.model.load): else the icefall layout convention
  ``corpus/model`` -> ``egs/corpus/TTS`` with ``model/train.py`` and ``model/export_onnx.py``;
- stage status (doctor.recipe.stages.stage_status): else the recipe's stage markers;
- resources (doctor.recipe.resources.recommend): else no recommendation;
- explain (doctor.explain.explain_lines): else no diagnosis.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from doctor.facts import Facts
from doctor.runner.steps import prepare_stages


@dataclass(frozen=True)
class Stage:
    n: int
    what: str
    markers: tuple[str, ...] = ()


@dataclass(frozen=True)
class RunnerRecipe:
    name: str
    dir: str  # relative to the icefall root
    model: str
    prepare: str
    train: str
    export: str
    stages: tuple[Stage, ...] = ()


@dataclass(frozen=True)
class Advice:
    max_duration: int | None = None
    num_workers: int | None = None
    world_size: int | None = None
    reasons: tuple[tuple[str, Any], ...] = ()  # (message key, params)


def _optional(module: str, attr: str) -> Any:
    try:
        return getattr(importlib.import_module(module), attr, None)
    except ImportError:
        return None


def recipe(name: str) -> RunnerRecipe:
    load = _optional("doctor.recipe.model", "load")
    if load is not None:
        try:
            return _from_model(load(name))
        except Exception:  # an unknown name: the layout convention may still find it
            pass
    return _by_convention(name)


def _first(value: Any, default: str) -> str:
    if isinstance(value, (list, tuple)):
        return str(value[0]) if value else default
    return str(value) if value else default


def _from_model(model: Any) -> RunnerRecipe:
    name = str(model.name)
    conv = _by_convention(name)
    steps = getattr(model, "steps", None) or {}
    get = steps.get if isinstance(steps, dict) else (lambda k, d=None: getattr(steps, k, d))
    stages = tuple(
        Stage(int(_attr(s, "n")), str(_attr(s, "what", "")), tuple(_attr(s, "markers", ()) or ()))
        for s in (getattr(model, "stages", None) or ())
    )
    return RunnerRecipe(
        name=name,
        dir=str(getattr(model, "dir", conv.dir)),
        model=str(getattr(model, "model", conv.model)),
        prepare=str(getattr(model, "prepare", "") or conv.prepare),
        train=_first(get("train", None), conv.train),
        export=_first(get("export", None), conv.export),
        stages=stages,
    )


def _attr(obj: Any, key: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(key, default)
    return getattr(obj, key, default)


def _by_convention(name: str) -> RunnerRecipe:
    corpus, _, model = name.partition("/")
    model = model or "matcha"
    return RunnerRecipe(
        name=name,
        dir=f"egs/{corpus}/TTS",
        model=model,
        prepare="prepare.sh",
        train=f"{model}/train.py",
        export=f"{model}/export_onnx.py",
    )


def stages(r: RunnerRecipe, recipe_dir: Path) -> tuple[Stage, ...]:
    """The recipe's stages; parsed from prepare.sh when the recipe lists none."""
    if r.stages:
        return r.stages
    return tuple(Stage(n, "") for n in prepare_stages(recipe_dir / r.prepare))


def first_undone(r: RunnerRecipe, recipe_dir: Path) -> int | None:
    """The first stage whose markers are not all present; None when every stage is done."""
    status = _optional("doctor.recipe.stages", "stage_status")
    model = _optional("doctor.recipe.model", "load")
    if r.stages and status is not None and model is not None:
        try:
            states = status(model(r.name), recipe_dir)
            return next((int(s.n) for s in states if s.state != "done"), None)
        except Exception:  # the markers below answer the same question
            pass
    all_stages = stages(r, recipe_dir)
    for s in all_stages:
        if not s.markers or not all((recipe_dir / m).exists() for m in s.markers):
            return s.n
    return None


def advice(facts: Facts) -> Advice:
    recommend = _optional("doctor.recipe.resources", "recommend")
    if recommend is None:
        return Advice()
    try:
        rec = recommend(facts)
    except Exception:  # advice is optional: the recipe defaults still apply
        return Advice()
    reasons = getattr(rec, "reasons", ()) or ()
    return Advice(
        _int(getattr(rec, "max_duration", None)),
        _int(getattr(rec, "num_workers", None)),
        _int(getattr(rec, "world_size", None)),
        tuple((str(k), dict(p)) for k, p in reasons),
    )


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def analysis(exp_dir: Path) -> Any:
    """doctor.analyze's Analysis of exp_dir (curves, onset, best checkpoint); None without it."""
    analyze = _optional("doctor.analyze", "analyze")
    if analyze is None:
        return None
    try:
        return analyze(exp_dir)
    except Exception:  # the runner's own log reading is the fallback
        return None


def best_epoch(exp_dir: Path) -> int | None:
    """doctor.analyze's best checkpoint (smoothed validation loss); None when it has none."""
    best = getattr(analysis(exp_dir), "best_epoch", None)
    return int(best) if best is not None else None


@dataclass(frozen=True)
class Snippet:
    prepend: dict[str, tuple[str, ...]]
    variables: dict[str, str]


def env_snippet(facts: Facts, icefall: str) -> Snippet:
    """What doctor.fixer.envscript would export (k2 source-build paths, CUDA_HOME)."""
    plan_env = _optional("doctor.fixer.envscript", "plan_env")
    if plan_env is None:
        return Snippet({}, {})
    try:
        p = plan_env(facts, icefall=icefall)
    except Exception:  # the runner's own PATH and PYTHONPATH still apply
        return Snippet({}, {})
    prepend = {str(k): tuple(str(x) for x in v) for k, v in dict(p.prepend).items()}
    return Snippet(prepend, {str(k): str(v) for k, v in dict(p.variables).items()})


def diagnose(lines: Sequence[str], lang: str = "en") -> list[Any]:
    explain_lines = _optional("doctor.explain", "explain_lines")
    if explain_lines is None:
        return []
    try:
        return list(explain_lines(list(lines), lang=lang))
    except Exception:  # a diagnosis is a bonus; the log path is always shown
        return []
