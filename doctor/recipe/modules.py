"""Which distribution provides an import name: doctor/knowledge/modules.toml, as data.

API (used by the recipe checks and by ``explain``)::

    provider = distribution_for("tacotron_cleaner")
    provider.kind          # "pip" | "stage" | "icefall" | "recipe_root"
    provider.distribution  # "espnet_tts_frontend" (the module name when the map has no entry)
    provider.find_links    # "" or the -f page (piper_phonemize, k2)
    provider.stage         # prepare.sh stage that builds it (kind "stage")
    provider.note          # "" or a message key suffix: recipe.module.note.<note>
    provider.requirement   # what pip installs: "setuptools<82" for pkg_resources, else the name
    pip_command(provider, "/path/to/python3")
      -> "/path/to/python3 -m pip install espnet_tts_frontend" (None unless kind is "pip")
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from doctor.datafiles import read_toml


@dataclass(frozen=True)
class Provider:
    module: str
    kind: str
    distribution: str
    find_links: str = ""
    stage: int | None = None
    note: str = ""
    known: bool = True  # False: a guess, the import name itself
    spec: str = ""  # a version range the module needs ("<82": setuptools without pkg_resources)

    @property
    def requirement(self) -> str:
        """What pip installs: the distribution, with the version range where one is needed."""
        return f"{self.distribution}{self.spec}"


@cache
def _table() -> Mapping[str, Mapping[str, Any]]:
    modules: Mapping[str, Mapping[str, Any]] = read_toml("doctor.knowledge", "modules.toml")[
        "modules"
    ]
    return modules


@cache
def import_name_map() -> Mapping[str, str]:
    """Import name -> the distribution that provides it, for the packages icefall, lhotse, k2,
    sherpa-onnx and their users install (knowledge/import_names.toml, generated from their
    metadata by tools/import_names.py). modules.toml refines it where more than a pip install
    is needed."""
    data = read_toml("doctor.knowledge", "import_names.toml")
    return {str(k): str(v) for k, v in (data.get("names") or {}).items()}


def distribution_for(module: str) -> Provider:
    """The provider of ``module`` (dotted names: full name first, then the top level)."""
    table = _table()
    for name in (module, module.split(".")[0]):
        entry = table.get(name)
        if entry is not None:
            return Provider(
                module=module,
                kind=str(entry.get("kind", "pip")),
                distribution=str(entry.get("distribution", name)),
                find_links=str(entry.get("find_links", "")),
                stage=entry.get("stage"),
                note=str(entry.get("note", "")),
                spec=str(entry.get("spec", "")),
            )
    top = module.split(".")[0]
    known = import_name_map().get(top)
    if known:
        return Provider(module=module, kind="pip", distribution=known)
    return Provider(module=module, kind="pip", distribution=top, known=False)


def pip_command(provider: Provider, python: str = "python3") -> str | None:
    if provider.kind != "pip":
        return None
    cmd = f"{shlex.quote(python)} -m pip install {shlex.quote(provider.requirement)}"
    return f"{cmd} -f {provider.find_links}" if provider.find_links else cmd


def known_modules() -> tuple[str, ...]:
    return tuple(_table())


def import_names(distribution: str) -> set[str]:
    """The import names a distribution may provide: the map read backwards, plus its own name
    normalised (``PyYAML`` -> ``yaml`` through the map, ``kaldi-native-fbank`` ->
    ``kaldi_native_fbank`` by the rule)."""
    wanted = _normalise(distribution)
    names = {
        m.split(".")[0]
        for m, e in _table().items()
        if _normalise(str(e.get("distribution", ""))) == wanted
    }
    names |= {m for m, d in import_name_map().items() if _normalise(d) == wanted}
    return names | {wanted.replace("-", "_")}


def _normalise(name: str) -> str:
    return name.split("==")[0].split(">")[0].split("<")[0].strip().lower().replace("_", "-")
