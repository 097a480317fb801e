"""Small lookups over the data files: module -> install commands, CUDA channel tables."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from doctor.explain import rules
from doctor.explain.evidence import fixes
from doctor.knowledge import cuda, torch_builds
from doctor.knowledge.versions import vtuple

Params = dict[str, Any]


def module_fix(name: str, distribution: str = "") -> Params:
    """Parameters for a missing import (or a pip distribution that could not be found)."""
    table = rules.modules()
    key = name if name in table else _local_part(name, table) or name.split(".")[0]
    entry = table.get(key)
    if entry is None and distribution:
        entry = next(
            (
                e
                for e in table.values()
                if normalized(str(e.get("distribution", ""))) == normalized(distribution)
            ),
            None,
        )
    top = name.split(".")[0]
    if entry is None:
        return _shared_fix(name, distribution)
    out: Params = {"module": name, "dist": entry.get("distribution") or top}
    out["_extra_fix"] = list(entry.get("install") or [])
    vendored = name[: -len(key)].rstrip(".") if key != name and name.endswith(key) else ""
    if vendored and entry.get("note") == "monotonic_align" and top != "matcha":
        # another project's copy (piper's larynx_train.vits, HierSpeech++'s ttv_v1): built in
        # its own folder, not by icefall's prepare.sh
        parts = name.split(".")
        out["ext_dir"] = "/".join(parts[: parts.index(key.split(".")[0]) + 1])
        out["_extra_fix"] = fixes("vendored_extension")
    if entry.get("category"):
        out["_category"] = entry["category"]
    if entry.get("note"):
        out["_note"] = entry["note"]
    if entry.get("impostor") and key == top and name != top:
        # melo.api missing while melo imports: the index's package of that name (another
        # project) is installed in this one's place
        out.update(impostor=entry["impostor"], _note="impostor", _category="pythonpath")
        out["_extra_fix"] = [*fixes("impostor_uninstall"), *out["_extra_fix"]]
    if entry.get("doubt"):
        out["_doubt"] = entry["doubt"]
    if entry.get("plan_fix"):
        out["_plan_fix"] = list(entry["plan_fix"])
    return out


def _local_part(name: str, table: Mapping[str, Mapping[str, Any]]) -> str:
    """A dotted entry of a project's own compiled part (monotonic_align.core, no distribution)
    that ends the name: the same extension, vendored under another package (ttv_v1, lib)."""
    parts = name.split(".")
    for i in range(1, len(parts) - 1):
        tail = ".".join(parts[i:])
        entry = table.get(tail)
        if entry is not None and not entry.get("distribution") and entry.get("doubt"):
            return tail
    return ""


def _shared_fix(name: str, distribution: str) -> Params:
    """The recipe preflight's module map (doctor/knowledge/modules.toml) for names ours lacks."""
    dist = distribution or name.split(".")[0]
    out: Params = {"module": name, "dist": dist, "_extra_fix": [f"{{py}} -m pip install {dist}"]}
    try:
        from doctor.recipe.modules import distribution_for
    except ImportError:  # the shared map is optional for explain
        return out
    provider = distribution_for(name)
    if not provider.known:
        return _import_names_fix(name, out, imported=not distribution)
    if provider.kind == "pip":
        links = f" -f {provider.find_links}" if provider.find_links else ""
        out["dist"] = provider.distribution
        out["_extra_fix"] = [f"{{py}} -m pip install '{provider.requirement}'{links}"]
    elif provider.kind == "stage" and provider.stage is not None:
        stage = provider.stage
        out["_extra_fix"] = [f"./prepare.sh --stage {stage} --stop-stage {stage}"]
    elif provider.kind in ("icefall", "recipe_root"):
        out["_category"] = "pythonpath"
        where = "{icefall_root}" if provider.kind == "icefall" else "$PWD"
        tail = "{icefall_comment}" if provider.kind == "icefall" else ""
        out["_extra_fix"] = [f"export PYTHONPATH={where}:$PYTHONPATH{tail}"]
    return out


def _import_names_fix(name: str, out: Params, imported: bool = True) -> Params:
    """The wider map of import names to distributions (import_names.toml: the top-level names
    of the packages these recipes and their users install). A name in neither map is marked
    ``_unknown``: it may be the project's own module, or a typo."""
    top = name.split(".")[0]
    dist = import_names().get(top)
    if dist is None and imported and name.isidentifier():  # an import, not a name pip was given
        sold_as = _import_name_of(top)
        if sold_as:  # `import SpeechRecognition`: the name pip installs, not the one to import
            return {**out, "dist": top, "import_name": sold_as, "_category": "wrong_import_name",
                    "_note": "dist_name", "_extra_fix": fixes("dist_name")}  # fmt: skip
    if dist is None:
        out["_unknown"] = True
        return out
    out["dist"] = dist
    out["_extra_fix"] = [f"{{py}} -m pip install '{dist}'"]
    return out


def _import_name_of(dist: str) -> str:
    """The import name of a distribution named ``dist`` where the two differ (SpeechRecognition
    is imported as speech_recognition, Pillow as PIL), else ""."""
    return _import_names_by_dist().get(normalized(dist), "")


@cache
def _import_names_by_dist() -> Mapping[str, str]:
    """Distribution (normalised) -> its one public import name of another spelling; a
    distribution with several such names (or none) is left out: no one name to give."""
    found: dict[str, list[str]] = {}
    for module, dist in import_names().items():
        want = normalized(dist)
        if normalized(module) != want and not module.startswith("_"):
            found.setdefault(want, []).append(module)
    return {dist: names[0] for dist, names in found.items() if len(names) == 1}


def known_distribution(name: str) -> str:
    """The distribution providing an import name when a map knows it, else ""."""
    params = module_fix(name.split(".")[0])
    return "" if params.get("_unknown") else str(params.get("dist") or "")


def import_names() -> dict[str, str]:
    """Import name -> the distribution that provides it: the one map the recipe checks use."""
    from doctor.recipe.modules import import_name_map

    return dict(import_name_map())


def normalized(dist: str) -> str:
    """A distribution's name as pip compares it (case, - _ and . alike)."""
    return dist.lower().replace("-", "_").replace(".", "_")


# Without facts, builds are ranked for this Python (icefall's CI and TTS recipes use 3.10) so
# that torch lines with k2 wheels come first; with facts, for this machine's Python.
RANK_PYTHON = "3.10"


def build_for_driver(
    driver_cuda: str, python: str = "", driver: str = ""
) -> torch_builds.Build | None:
    """The first torch build (k2 lines first, newest first, newest CUDA first) this driver runs,
    natively or under minor-version compatibility (any 12.x build on a driver >= 525), as the
    resolver chooses. ``driver``: the driver's version; else the oldest one giving driver_cuda."""
    version = driver or cuda.toolkit_driver(driver_cuda) or ""
    for build in torch_builds.builds(python or RANK_PYTHON, prefer_k2=True):
        if not build.channel.startswith("cu"):
            continue
        if cuda.judge_driver(version, driver_cuda, build.cuda).runs:
            return build
    return None


def driver_params(driver_cuda: str, python: str = "", driver: str = "") -> Params:
    """The torch build to install for a driver too old for the torch in use, as a fix."""
    out: Params = {}
    build = build_for_driver(driver_cuda, python, driver)
    if build is not None:
        out.update(driver_channel=build.channel, torch_for_driver=build.version)
        out["_extra_fix"] = [install_torch(build)]
    else:  # older than every known channel: an old torch, or a newer driver
        out["_extra_fix"] = [
            "{py} -m pip install 'torch==<a version built for CUDA {driver_cuda}>' "
            f"-f {torch_builds.FIND_LINKS}"
        ]
    return out


def build_for_arch(sm: int) -> torch_builds.Build | None:
    """The newest torch (k2 lines first) with a cubin for this GPU architecture, on its oldest
    such CUDA channel (the one needing the least new driver)."""
    cc = f"{sm // 10}.{sm % 10}"
    found: list[torch_builds.Build] = []
    for build in torch_builds.builds(RANK_PYTHON, prefer_k2=True):
        if found and build.version != found[0].version:
            break
        archs = torch_builds.arch_list(build.version, build.channel)
        if archs and torch_builds.covers(archs, cc) == "cubin":
            found.append(build)
    return min(found, key=lambda b: vtuple(b.cuda)) if found else None


def install_torch(build: torch_builds.Build) -> str:
    """The install command of a build, with {py} left for the fix templates."""
    return torch_builds.install_command("{py}", build)


def torch_params(version: str, cuda: str | None) -> Params:
    """torch_base, torch_cuda, torch_channel, k2_flavour, k2_page for a torch version string."""
    base, _, local = version.partition("+")
    out: Params = {"torch_base": base}
    if cuda is None and local.startswith("cu") and local[2:].isdigit():
        cuda = f"{local[2:-1]}.{local[-1]}"
    if cuda:
        out.update(
            torch_cuda=cuda,
            torch_channel="cu" + cuda.replace(".", ""),
            k2_flavour=f"cuda{cuda}",
            k2_page="cuda",
        )
    else:
        out.update(torch_channel="cpu", k2_flavour="cpu", k2_page="cpu")
    out["torch_index"] = torch_builds.index_url(str(out["torch_channel"]))
    audio = torch_builds.torchaudio_for(base)
    if audio:
        out["torchaudio_version"] = audio
    return out
