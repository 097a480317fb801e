"""What the doctor learns about the active recipe on disk (run at the edge, in probes).

``locate`` finds the recipe: --recipe NAME, or the egs/<corpus>/TTS directory holding cwd.
``scan_payload`` feeds the target's modules probe; ``gather`` is the recipe probe's result.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from doctor.errors import DoctorError
from doctor.recipe import dataset, importscan, model, stages
from doctor.recipe.model import Recipe


def locate(
    name: str | None, cwd: str, env: Mapping[str, str], icefall: str | None = None
) -> tuple[Recipe | None, Path | None]:
    """(recipe, its directory); the directory is None when no icefall checkout holds it."""
    found = model.locate(cwd)
    if not name:
        return found if found else (None, None)
    try:
        recipe = model.load(name)
    except DoctorError:  # `run` of a recipe laid out by convention: no recipe data to judge
        return None, None
    if found and found[0].dir == recipe.dir:
        return recipe, found[1]
    for root in _icefall_roots(cwd, env, icefall):
        if (root / recipe.dir).is_dir():
            return recipe, root / recipe.dir
    return recipe, None


def _icefall_roots(cwd: str, env: Mapping[str, str], icefall: str | None) -> list[Path]:
    roots = [icefall, env.get("ICEFALL_DIR")]
    roots += [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    here = Path(os.path.abspath(cwd))
    roots += [str(p) for p in (here, *here.parents) if (p / "egs").is_dir()]
    return [Path(r) for r in roots if r]


def entries(recipe: Recipe, recipe_dir: Path) -> dict[str, tuple[str, ...]]:
    """Entry scripts per step: prepare.sh's stages as found on disk, then train/export/infer."""
    out: dict[str, tuple[str, ...]] = {}
    for block in stages.stage_scripts(recipe, recipe_dir):
        out[f"prepare stage {block.n}"] = block.scripts
    out.update(recipe.steps)
    return out


def scan_payload(options: Mapping[str, Any], cwd: str, env: Mapping[str, str]) -> dict[str, Any]:
    """The modules probe's input: every import name to resolve, and the scan that found them."""
    recipe, recipe_dir = locate(options.get("recipe"), cwd, env, options.get("icefall"))
    if recipe is None or recipe_dir is None:
        return {"modules": [], "scan": None}
    result = importscan.scan(
        recipe_dir, entries(recipe, recipe_dir), _scan_path(recipe, recipe_dir, env)
    )
    required = [r.module for r in recipe.requires]
    return {
        "modules": sorted(set(result.modules()) | set(required) | {"torch"}),
        "scan": result.to_json(),
        "requires": [vars(r) for r in recipe.requires],
    }


def _scan_path(recipe: Recipe, recipe_dir: Path, env: Mapping[str, str]) -> str:
    """PYTHONPATH, then the checkout holding the recipe: the scan follows icefall's import-time
    code even before the user exports it (a missing export is icefall.found's to report)."""
    pythonpath = env.get("PYTHONPATH", "")
    depth = len(Path(recipe.dir).parts)
    root = recipe_dir.parents[depth - 1] if depth else recipe_dir
    if not (root / "icefall" / "__init__.py").is_file():
        return pythonpath
    return os.pathsep.join(p for p in (pythonpath, str(root)) if p)


def gather(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The recipe probe: which recipe, its stages, its dataset, the commands it needs."""
    options, cwd, env = (
        payload.get("options") or {},
        payload.get("cwd") or ".",
        payload.get("env") or {},
    )
    recipe, recipe_dir = locate(options.get("recipe"), cwd, env, options.get("icefall"))
    if recipe is None:
        return {"active": False}
    out: dict[str, Any] = {"active": True, "recipe": recipe.name, "dir": str(recipe_dir or "")}
    out["wanted_dir"] = recipe.dir
    out["steps"] = recipe.step_order()
    out["offline"] = bool(options.get("offline"))
    out["export_scripts"] = list(recipe.steps.get("export", ()))
    if recipe_dir is None:
        return out
    states = stages.stage_status(recipe, recipe_dir)
    out["stages"] = [s.to_json() for s in states]
    out["commands"] = _commands(recipe, recipe_dir, env, str(payload.get("target") or ""))
    if recipe.dataset is not None:
        out["dataset"] = dataset.inspect(recipe.dataset, recipe_dir)
        out["dataset"].update(_dataset_meta(recipe))
        if not out["dataset"]["present"] and not out["offline"] and recipe.dataset.url:
            out["dataset"]["reach"] = dataset.reachable(recipe.dataset.url)
    return out


def _dataset_meta(recipe: Recipe) -> dict[str, Any]:
    ds = recipe.dataset
    assert ds is not None
    return {
        "name": ds.name,
        "url": ds.url,
        "licence": ds.licence,
        "hours": ds.hours,
        "need": ds.need_bytes,
        "mirror_option": ds.mirror_option,
        "archive": ds.archive,
    }


def _commands(
    recipe: Recipe, recipe_dir: Path, env: Mapping[str, str], target: str = ""
) -> list[dict[str, Any]]:
    """Each program prepare.sh or the recipe needs, where PATH finds it, and, when PATH does
    not, whether the target environment's bin folder holds it (not activated)."""
    path = env.get("PATH", os.defpath)
    wanted: dict[str, dict[str, Any]] = {}
    for block in stages.stage_scripts(recipe, recipe_dir):
        for cmd in block.commands:
            wanted.setdefault(cmd, {"names": [cmd], "step": f"prepare stage {block.n}"})
    for c in recipe.commands:
        key = c.names[0]
        wanted[key] = {
            "names": list(c.names),
            "step": c.step,
            "distribution": c.distribution,
            "reason": c.reason,
        }
    bin_dir = os.path.dirname(target) if target else ""
    for item in wanted.values():
        item["found"] = next(
            (hit for n in item["names"] if (hit := shutil.which(n, path=path))), None
        )
        if not item["found"] and bin_dir:
            item["in_target_bin"] = next(
                (hit for n in item["names"] if (hit := shutil.which(n, path=bin_dir))), None
            )
    return list(wanted.values())
