"""The Recipe record, loaded from the TOML files shipped with the package."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from doctor.datafiles import parse
from doctor.errors import DoctorError
from doctor.msgtype import msg

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

STEP_ORDER = ("train", "export", "infer")


@dataclass(frozen=True)
class Stage:
    n: int
    what: str
    markers: tuple[str, ...]
    outputs: tuple[str, ...] = ()

    @property
    def step(self) -> str:
        return f"prepare stage {self.n}"


@dataclass(frozen=True)
class Command:
    names: tuple[str, ...]  # any one of them on PATH will do
    step: str
    distribution: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Requirement:
    module: str
    step: str
    reason: str


@dataclass(frozen=True)
class Dataset:
    name: str
    path: str
    url: str
    archive: str
    licence: str
    hours: float
    download_bytes: int
    extracted_bytes: int
    features_bytes: int
    complete: tuple[Mapping[str, Any], ...] = ()
    mirror_option: str = ""
    # labels file, a regex whose group 1 is an utterance id, and the audio glob (id = file stem):
    # a subset where both sides match is usable, a hole between them is not
    pairs: Mapping[str, str] | None = None

    @property
    def need_bytes(self) -> int:
        return self.download_bytes + self.extracted_bytes + self.features_bytes


@dataclass(frozen=True)
class Recipe:
    name: str  # "baker_zh/matcha"
    dir: str  # "egs/baker_zh/TTS", relative to the icefall checkout
    model: str
    prepare: str
    steps: Mapping[str, tuple[str, ...]]
    stages: tuple[Stage, ...]
    commands: tuple[Command, ...] = ()
    requires: tuple[Requirement, ...] = ()
    dataset: Dataset | None = None

    def step_order(self) -> list[str]:
        """Every step in the order a user meets them: prepare stages, train, export, infer."""
        return [s.step for s in self.stages] + [s for s in STEP_ORDER if s in self.steps]


def _recipes_root() -> Traversable:
    """The installed `doctor._recipes` folder, or `recipes/` next to a source checkout (an
    editable install). A folder, not importlib.resources: `doctor._recipes` is a namespace
    package, which importlib.resources.files cannot open before Python 3.10."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "_recipes"
    return installed if installed.is_dir() else here.parent / "recipes"


def _parse(data: Mapping[str, Any]) -> Recipe:
    ds = data.get("dataset")
    return Recipe(
        name=data["name"],
        dir=data["dir"],
        model=data["model"],
        prepare=data.get("prepare", "prepare.sh"),
        steps={k: tuple(v) for k, v in data.get("steps", {}).items()},
        stages=tuple(
            Stage(s["n"], s["what"], tuple(s.get("markers", ())), tuple(s.get("outputs", ())))
            for s in data.get("stages", ())
        ),
        commands=tuple(
            Command(tuple(c["names"]), c["step"], c.get("distribution", ""), c.get("reason", ""))
            for c in data.get("commands", ())
        ),
        requires=tuple(
            Requirement(r["module"], r["step"], r["reason"]) for r in data.get("requires", ())
        ),
        dataset=_dataset(ds) if ds else None,
    )


def _dataset(ds: Mapping[str, Any]) -> Dataset:
    return Dataset(
        name=ds["name"],
        path=ds["path"],
        url=ds.get("url", ""),
        archive=ds.get("archive", ""),
        licence=ds.get("licence", ""),
        hours=float(ds.get("hours", 0)),
        download_bytes=int(ds.get("download_bytes", 0)),
        extracted_bytes=int(ds.get("extracted_bytes", 0)),
        features_bytes=int(ds.get("features_bytes", 0)),
        complete=tuple(ds.get("complete", ())),
        mirror_option=ds.get("mirror_option", ""),
        pairs=ds.get("pairs"),
    )


@cache
def all_recipes() -> tuple[Recipe, ...]:
    """Every recipe shipped, sorted by name: recipes/<corpus>/<model>.toml."""
    out = []
    for corpus in _recipes_root().iterdir():
        if not corpus.is_dir():
            continue
        for item in corpus.iterdir():
            if item.name.endswith(".toml"):
                out.append(_parse(parse(item)))
    return tuple(sorted(out, key=lambda r: r.name))


def load(name: str) -> Recipe:
    """The recipe called NAME ("baker_zh/matcha"); a usage error listing the known ones."""
    for recipe in all_recipes():
        if recipe.name == name:
            return recipe
    raise unknown(name)


def unknown(name: str) -> DoctorError:
    """The usage error for a name that is no recipe, listing the known ones."""
    known = ", ".join(r.name for r in all_recipes())
    return DoctorError(
        msg("recipe.unknown", name=name), hint=msg("recipe.unknown.hint", known=known)
    )


def detect(cwd: str | os.PathLike[str]) -> Recipe | None:
    """The recipe whose directory (egs/<corpus>/TTS) holds cwd; the first model when several."""
    found = locate(cwd)
    return found[0] if found else None


def locate(cwd: str | os.PathLike[str]) -> tuple[Recipe, Path] | None:
    """(recipe, recipe directory) when cwd is inside egs/<corpus>/TTS[/<model>...]."""
    parts = Path(os.path.abspath(cwd)).parts
    for recipe in all_recipes():
        tail = Path(recipe.dir).parts
        for i in range(len(parts) - len(tail), -1, -1):
            if parts[i : i + len(tail)] == tail:
                rest = parts[i + len(tail) :]
                if rest and rest[0] != recipe.model and _sibling_model(recipe, rest[0]):
                    break
                return recipe, Path(*parts[: i + len(tail)])
    return None


def _sibling_model(recipe: Recipe, sub: str) -> bool:
    """cwd is in another model's folder of the same recipe directory (ljspeech/TTS/vits)."""
    return any(r.dir == recipe.dir and r.model == sub for r in all_recipes())
