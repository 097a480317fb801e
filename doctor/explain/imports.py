"""Classes of error on the import path: a name a module lacks (another version, a file of the
user's named like the package, a source tree, only a folder of that name), a module no table
knows (the project's own, a compiled extension not built), a checkout's own parts, Python's own
modules. Extractors as in classes.py, with the same tables (classes.toml).
"""

from __future__ import annotations

import posixpath
import re

from doctor.explain import evidence, stdlib_names, structure
from doctor.explain.evidence import Params, fix_params, fixes
from doctor.explain.knowledge import known_distribution, module_fix
from doctor.explain.model import MATCH_SPAN, Hit
from doctor.explain.scan import ScanResult


def _own_file_frame(hit: Hit, module: str) -> str:
    """A partially initialized module named by no path: the frame above, outside any installed
    package, whose file has the module's name (the user's script importing itself)."""
    if "partially initialized" not in hit.line:
        return ""
    top = module.split(".")[0]
    for line in reversed(hit.before[-12:]):
        m = structure.FRAME_PATH.search(line)
        stem = m.group(1).replace("\\", "/").rsplit("/", 1)[-1] if m else ""
        if m and stem == f"{top}.py" and not structure.package_of(m.group(1)):
            return m.group(1)
    return ""


_FROM_IMPORT = re.compile(r"^\s*from\s+(?P<mod>[\w.]+)\s+import\s+(?P<names>.+)$")


_IMPORT_ERROR_LINE = re.compile(r"\s*(?:[\w.]+\.)?ImportError: ")


def _script_named_like(frames: list[structure.Frame], module: str) -> str:
    """A file of the user's in the traceback named like a package the import involves
    (chapter7/tensorboard.py while torch.utils.tensorboard imports tensorboard)."""
    names = {module.split(".")[0], module.split(".")[-1]}
    for frame in frames:
        stem = frame.path.replace("\\", "/").rsplit("/", 1)[-1]
        if frame.package or not stem.endswith(".py") or stem[:-3] not in names:
            continue
        if known_distribution(stem[:-3]):
            return frame.path
    return ""


def _module_of_statement(hit: Hit, frames: list[structure.Frame], name: str) -> str:
    """`from pkg import name` shown above the error (an IPython trace marks it `---->`); a
    relative `from . import name` is the package of the innermost frame's file."""
    for line in reversed(hit.before[-8:]):
        m = _FROM_IMPORT.match(re.sub(r"^\s*-*>\s*\d+\s", "", line))
        if m and name in m.group("names"):
            if not m.group("mod").startswith("."):
                return m.group("mod")
            parts = frames[-1].path.replace("\\", "/").split("/") if frames else []
            return parts[-2] if len(parts) > 1 else ""
    return ""


def _source_tree(frames: list[structure.Frame], path: str, top: str) -> str:
    """The folder of package `top` that the error's innermost frame (or path) lies in, when
    pip did not install it there (a checkout, a source tree); else ""."""
    inner = (path or next((f.path for f in reversed(frames)), "")).replace("\\", "/")
    if "-packages" in inner or f"/{top}/" not in inner:
        return ""
    return inner.split(f"/{top}/")[0] + f"/{top}"


# torch.hub's download of a repository: ~/.cache/torch/hub/<owner>_<repo>_<ref>/ (TORCH_HOME)
_TORCH_HUB = re.compile(r"/hub/[\w.-]+_[\w.-]+_[\w.-]+(?=/)")


def _hub_copy(path: str) -> Params:
    """A module of a repository torch.hub downloaded: its code at that tag or branch (stale, or
    a tag moved since), not the user's own file."""
    hub = _TORCH_HUB.search(path.replace("\\", "/"))
    if hub is None:
        return {}
    hub_dir = path[: hub.end()]
    return {"hub_dir": hub_dir, "hub_dir_old": hub_dir + ".old", "_note": "torch_hub",
            "_category": "package_version_mismatch", "_doubt": "",
            "_instead_fix": fixes("torch_hub_stale")}  # fmt: skip


def cannot_import(hit: Hit, scan: ScanResult) -> Params:
    g = hit.groups
    name = g.get("name") or g.get("name2") or g.get("name3") or g.get("name4", "")
    frames = evidence.frames(hit)  # read once: the helpers below all look at them
    module = g.get("module") or g.get("module2") or g.get("module3", "")
    if not module:  # an older Python names no module: the statement above the error does
        module = _module_of_statement(hit, frames, name)
    if not module:
        return {"_drop": True}
    path = hit.groups.get("path", "") or _own_file_frame(hit, module)
    out: Params = {"name": name, "module": module, "path": path or "?"}
    top = module.split(".")[0]
    if path == "unknown location":
        # only a folder of that name without __init__.py: an installed package (a regular one,
        # anywhere on the path) would have been found before it, so this Python has none
        # a recipe's own matcha/, not a dist
        recipe = top in evidence.data()["recipe_folders"]["names"]
        dist = "" if recipe else known_distribution(top)
        out.update(top=top, dist=dist or top, _category="pythonpath", _note="namespace")
        out["_extra_fix"] = fixes("namespace_only" if dist else "namespace_only_unknown")
        return out
    if top in evidence.data()["recipe_folders"]["names"] and structure.package_of(path) == top:
        return {**out, **_recipe_folder(top)}
    script = _script_named_like(frames, module)
    if script:  # the user's tensorboard.py in the traceback: `import tensorboard` finds it
        stem = structure.basename(script)
        return {**out, "shadow_name": stem[:-3], "_category": "pythonpath",
                "_note": "script_shadow", "shadow_path": script,
                "shadow_path_renamed": structure.my_copy(script),
                **fix_params("shadow_rename")}  # fmt: skip
    tree = _source_tree(frames, path, top)
    private = name.startswith("_") and not name.startswith("__")
    if tree and (private or _COMPILED_NAME.fullmatch(name)):
        # a compiled part (_C, _ext) asked of a source tree: only the built copy has it; a
        # program's own message about it (a fallback it takes) is a lead
        doubt = "" if _IMPORT_ERROR_LINE.match(hit.line) else "source_tree"
        return {**out, "top": top, "checkout": tree, "_category": "pythonpath", "_doubt": doubt,
                "_note": "source_tree", "_instead_fix": fixes("source_tree")}  # fmt: skip
    if path and not structure.package_of(path):  # torch.hub's download, or the user's copy
        return {**out, **(_hub_copy(path) or _local_copy(path, top, frames))}
    if "partially initialized" in hit.line and not hit.groups.get("path"):
        # half imported, and no frame shows which file: a circular import, most often through
        # a file of the user's named like the package
        return {**out, "top": top, "_category": "pythonpath", "_note": "circular",
                "_doubt": "circular", "_instead_fix": fixes("circular_import")}  # fmt: skip
    if stdlib_module(module) and structure.package_of(path) in ("stdlib", ""):
        if frames and frames[-1].package == "stdlib" and not path:
            # Python's own module asks another of its own for a name it has: the one found is
            # not the standard library's but a file of the user's named like it (time.py)
            return {**out, "top": top, "_category": "pythonpath", "_note": "stdlib_shadow",
                    "_instead_fix": fixes("which_module")}  # fmt: skip
        return {**out, **stdlib_api(evidence.caller_package(frames))}
    installed = "." in module and top not in evidence.data()["project_folders"]["names"]
    if not known_distribution(top) and top not in stdlib_names.NAMES and not installed:
        # no distribution of that name is known: the project's own module (utils, models), or
        # another file or package of its name found first (a package's own part that was
        # imported, chatterbox.mtl_tts, is a package of another version: below)
        return {**out, "top": top, "_category": "pythonpath", "_note": "unknown_owner",
                "_doubt": "unknown_owner", "_instead_fix": fixes("which_module")}  # fmt: skip
    return {**out, **_other_version(hit, top, path, module, name)}


def _other_version(hit: Hit, top: str, path: str, module: str, name: str) -> Params:
    """An installed package lacks the name: another version of it (which way, older or newer,
    the log does not say, unless a table knows the release that removed it). A package no
    table knows, or one the user's own code imports with no file shown (a project folder of
    that name, detectron's lib/datasets, lacks it too): a lead."""
    removed = removed_api(module, name, known_distribution(top))
    if removed:
        return removed
    out: Params = {"top": top, "dist": known_distribution(top) or top, **fix_params("version_attr")}
    out["_category"] = "package_version_mismatch"
    if not known_distribution(top):
        return {**out, "_doubt": "version"}
    if not path and importer(hit) == "":
        return {**out, "_doubt": "owner_unseen",
                "_extra_fix": [*fixes("which_module"), *out["_extra_fix"]]}  # fmt: skip
    return out


def _local_copy(path: str, top: str, frames: list[structure.Frame]) -> Params:
    """The module was imported from a file or folder outside any installed package. A single
    file named like the package is imported in its place (an installed package is a folder):
    beside the user's code, the user's file; elsewhere, a vendored copy (pip --target) as
    likely, so no rename. A folder (a checkout, an editable install): maybe another version."""
    stem = structure.basename(path)
    out: Params = {"_category": "pythonpath", "_note": "shadow"}
    if stem == f"{top}.py" and _beside_user_code(path, frames):
        return {**out, "shadow_path": path, "shadow_path_renamed": structure.my_copy(path),
                **fix_params("shadow_rename")}  # fmt: skip
    if stem == f"{top}.py":
        return {**out, "top": top, "_doubt": "shadow_elsewhere", **fix_params("shadow_elsewhere")}
    which = f'{{py}} -c "import {top}; print({top}.__file__)"'
    return {**out, "_doubt": "shadow_or_version", "_extra_fix": [which]}


def _beside_user_code(path: str, frames: list[structure.Frame]) -> bool:
    """The file lies in the folder of the user's code the traceback runs (or of a parent of
    it): Python put that folder on sys.path. True when no user frame shows a folder."""
    folders = [
        posixpath.dirname(f.path.replace("\\", "/"))
        for f in frames
        if not f.package and "/" in f.path.replace("\\", "/")
    ]
    here = posixpath.dirname(path.replace("\\", "/"))
    return not folders or any(d == here or d.startswith(here + "/") for d in folders)


def stdlib_module(module: str) -> bool:
    """A module of Python's own standard library (collections, pkgutil, distutils.util)."""
    top = module.split(".")[0]
    return top in stdlib_names.NAMES and not known_distribution(top)


def stdlib_api(caller: str) -> Params:
    """Python's standard library lacks a name the code uses: the code was written for another
    Python (collections.Mapping, pkgutil.ImpImporter are gone from newer ones). No pip package
    provides it; a release of the calling package made for this Python does."""
    out: Params = {"_category": "python_version_unsupported", "_note": "stdlib_api"}
    out["_instead_fix"] = fixes("stdlib_api")  # the upgrade is dropped when no caller is seen
    if caller:
        out["caller"] = known_distribution(caller) or caller
    return out


def _recipe_folder(top: str) -> Params:
    """An installed package has the name of a recipe's own folder (Matcha-TTS installs
    `matcha`, icefall's TTS recipes have a `matcha/` folder): the import finds the installed
    one, which lacks the recipe's modules."""
    out: Params = {"top": top, "_category": "pythonpath", "_note": "recipe_folder"}
    out["recipe_dist"] = evidence.data()["recipe_folders"]["dists"].get(top, "")
    out["_doubt"] = "recipe_folder"
    out["_extra_fix"] = fixes("recipe_folder")
    return out


def module_attribute(hit: Hit, scan: ScanResult) -> Params:
    """`module 'x' has no attribute 'y'`: an import-path mistake only when x was loaded from
    the user's own file or folder named like the package (a frame shows it), or mid-import."""
    module, name = hit.groups.get("module", ""), hit.groups.get("name", "")
    top = module.split(".")[0]
    frames = evidence.frames(hit)
    own = evidence.own_module_file(frames, top)
    if module == "k2" and not own.endswith("k2.py"):
        return {"_drop": True}  # k2.partial_package says it
    # torchaudio half imported without its own part: its import stopped, not a circular one
    if not own and ("partially initialized" not in hit.line or _torchaudio_part(module, name)):
        caller = evidence.caller_package(frames)
        return _attribute_of_installed(module, name, caller)
    out: Params = {"module": module, "name": name, "path": own or "?", "_note": "shadow"}
    if own.endswith(f"{top}.py"):
        out.update(shadow_path=own, shadow_path_renamed=own[: -len(f"{top}.py")] + f"my_{top}.py")
        out["_extra_fix"] = fixes("shadow_rename")
    else:
        out["_extra_fix"] = [f'{{py}} -c "import {top}; print({top}.__file__)"']
    return out


# torch lacks what a package compiled against it uses: that package and torch are mismatched.
_TORCH_PAIRS = {"torchaudio": "torch_torchaudio_mismatch", "k2": "k2_torch_mismatch"}


def _torchaudio_part(module: str, name: str) -> bool:
    """One of torchaudio's own parts, which every release has (transforms, lib, ...)."""
    return module == "torchaudio" and name in evidence.data()["torchaudio_core"]["names"]


def _attribute_of_installed(module: str, name: str, caller: str = "") -> Params:
    """An installed package lacks an attribute the code uses (numpy.float, torch._six): most
    likely a version the code was not written for; a lead, since the log does not show versions."""
    # a submodule of it was found (nemo.core.classes): the package of that name is there, not
    # the unrelated one, which has no such submodules
    clash = name_clash(module) if "." not in module else {}
    if clash:
        return {"module": module, "name": name, **clash}
    if module == "distutils":  # setuptools' own copy of it, not Python's
        return {"module": module, "name": name, "_category": "package_version_mismatch",
                "_note": "setuptools_distutils", **fix_params("setuptools_distutils")}  # fmt: skip
    if stdlib_module(module):
        return {"module": module, "name": name, **stdlib_api(caller)}
    dist = known_distribution(module)
    if module in ("k2", "_k2"):
        return {"_drop": True}
    if not dist and not _COMPILED_NAME.fullmatch(module.split(".")[-1]):
        return {"_drop": True}
    if not dist:  # a project's own compiled part no map knows: another build of it
        return {"module": module, "name": name, "top": module.split(".")[0],
                "_category": "package_version_mismatch", "_note": "unknown_module",
                "_doubt": "version", "_extra_fix": fixes("stale_module")}  # fmt: skip
    if name in evidence.data()["core_api"].get(module, ()):
        # every release has it: the module Python imported is not the package (a file or
        # folder of that name, a leftover of an old install)
        return {"module": module, "name": name, "top": module.split(".")[0],
                "_category": "pythonpath", "_note": "not_the_package", "_doubt": "shadow_or_stale",
                "_extra_fix": fixes("which_module")}  # fmt: skip
    if _torchaudio_part(module, name):
        # torchaudio without its own core parts: its __init__ stopped early (its library does
        # not load into this torch)
        return {"module": module, "name": name, "dist": "torchaudio", "_doubt": "version",
                "_category": "torch_torchaudio_mismatch", "_note": "core_part",
                **fix_params("torch_reinstall")}  # fmt: skip
    pair = _TORCH_PAIRS.get(caller) if module.split(".")[0] == "torch" else None
    if pair is not None:
        fix = "torch_reinstall" if caller == "torchaudio" else "k2_reinstall"
        return {"module": module, "name": name, "dist": caller, "_category": pair,
                "_note": "torch_pair", "_doubt": "version", **fix_params(fix)}  # fmt: skip
    added = evidence.data()["added_api"].get(module, {}).get(name)
    if added is not None:  # older than the release that added it: a lead (another copy first)
        return {"module": module, "name": name, "dist": dist, "top": module.split(".")[0],
                "_note": "added_api", "_category": "package_version_mismatch", "since": added,
                "_doubt": "version",
                **fix_params("added_api_torch" if dist == "torch" else "added_api")}  # fmt: skip
    removed = removed_api(module, name, dist)
    if removed:
        return removed
    return {"module": module, "name": name, "dist": dist, "_category": "package_version_mismatch",
            "_note": "version", "_doubt": "version", **fix_params("version_attr")}  # fmt: skip


def removed_api(module: str, name: str, dist: str) -> Params:
    """A release of the package known to have removed the name (numpy 1.24 and np.float): the
    pin is known too. Empty when the table does not know it."""
    removed = evidence.data()["removed_api"].get(module, {}).get(name)
    if removed is None:
        return {}
    fix = "removed_api_torch_pair" if dist == "torchaudio" else "removed_api"
    return {"module": module, "name": name, "dist": dist, "_note": "removed_api",
            "_category": "package_version_mismatch", "since": removed,
            **fix_params(fix)}  # fmt: skip


def object_attribute(hit: Hit, scan: ScanResult) -> Params:
    """`'FigureCanvasAgg' object has no attribute 'tostring_rgb'`: a method a release of a
    known package removed (the table names the package and the release); else not this rule."""
    name = hit.groups.get("name", "")
    removed = evidence.data()["removed_methods"].get(name)
    if removed is None or removed.get("type", hit.groups.get("obj")) != hit.groups.get("obj"):
        return {"_drop": True}
    return {"dist": removed["dist"], "since": removed["since"], **fix_params("removed_method")}


def name_clash(module: str) -> Params:
    """A top-level name two distributions install (classes.toml [name_clashes]): the one of the
    same name is likely installed instead of the one the code means. A lead."""
    entry = evidence.data()["name_clashes"].get(module.split(".")[0])
    if entry is None:
        return {}
    top = module.split(".")[0]
    return {"top": top, "right": entry["right"], "wrong": entry["wrong"], "dist": entry["right"],
            "_category": "missing_module", "_note": "name_clash", "_doubt": "name_clash",
            **fix_params("name_clash")}  # fmt: skip


def recipe_folder(name: str) -> bool:
    """A folder name an icefall recipe uses for its own code (matcha/, vits/), though a
    distribution of that name exists."""
    return name in evidence.data()["recipe_folders"]["names"]


def namespace_package(top: str) -> bool:
    """A top-level name several distributions share (google, nvidia)."""
    return top in evidence.data()["namespace_packages"]["names"]


def own_submodule_missing(hit: Hit, name: str) -> Params:
    """`No module named 'pkg.sub'` raised by the installed pkg's own code: pkg imported, and
    its own files import a part of it that is not there. The install is incomplete (a packaging
    that left subpackages out, files of two versions mixed), not a path or a version of
    another package."""
    top, _, sub = name.partition(".")
    if not sub or top in evidence.data()["recipe_folders"]["names"] or namespace_package(top):
        return {}
    own = evidence.own_error(hit)
    if own is None or not own.frames or own.frames[-1].package != top:
        return {}
    return {"top": top, "_category": "package_incomplete", "_note": "partial",
            **fix_params("partial_install")}  # fmt: skip


def compiled_part_unseen(hit: Hit, name: str, stack: tuple[str, ...]) -> Params:
    """`No module named 'pkg.sub._part'` with no traceback to read: pkg was imported but not its
    private (compiled) part; a source tree taken for the package, or a build that failed."""
    top, last = name.split(".")[0], name.rsplit(".", 1)[-1]
    if importer(hit) is not None or top in stack or not last.startswith("_") or last[:2] == "__":
        return {}
    return {"top": top, "_category": "pythonpath", "_note": "compiled_part",
            "_doubt": "source_tree_part", "_instead_fix": fixes("source_tree")}  # fmt: skip


def local_module(name: str) -> Params:
    """A missing module that is one of a project's own files, not a distribution."""
    top = name.split(".")[0]
    if top not in evidence.data()["local_modules"]["names"]:
        return {}
    out: Params = {"top": top, "_category": "pythonpath", "_note": "local"}
    if "." in name:  # models.models: the folder may be found and lack the file (a lead)
        return {**out, "_doubt": "local_part", "_extra_fix": fixes("local_part")}
    return {**out, **fix_params("local_module")}


_PY2_MISSING = re.compile(r"^ImportError: No module named [A-Za-z_][\w.]*\s*$")


# A line that shows the import path ("echo $PYTHONPATH", "export PYTHONPATH=...", sys.path);
# its value may be printed on the next line.
_SHOWS_PATH = re.compile(r"PYTHONPATH|sys\.path")


_PATH_WORD = re.compile(r"(?:[A-Za-z]:)?[\w~.\\/-]*[/\\][\w~.\\/-]*")


def path_inside_package(hit: Hit, scan: ScanResult, name: str) -> Params:
    """The import path the log shows holds a folder named like the missing top-level package
    (PYTHONPATH=/src/TTS for `import TTS`): Python looks for TTS/ inside each entry, so the
    folder above it belongs on the path. Its sub-packages then import as top-level names."""
    top = name.split(".")[0]
    lines = [*hit.before, hit.line, *hit.after, *scan.tail]
    shown = [j for i, line in enumerate(lines) if _SHOWS_PATH.search(line) for j in (i, i + 1)]
    for i in shown[: 2 * 20]:
        for word in _PATH_WORD.findall(lines[i] if i < len(lines) else ""):
            for entry in word.split(":" if "\\" not in word else ";"):
                parts = entry.replace("\\", "/").rstrip("/").split("/")
                if len(parts) > 1 and parts[-1] == top and "-packages" not in entry:
                    parent = "/".join(parts[:-1]) or "/"
                    return {"top": top, "entry": entry, "parent": parent,
                            "_category": "pythonpath", "_note": "inside_package",
                            **fix_params("path_parent")}  # fmt: skip
    return {}


def _norm_name(name: str) -> str:
    return re.sub(r"[-_.]", "", name).lower()


def _project_named(hit: Hit, top: str) -> bool:
    """The log's paths run through a folder named like the module but spelled apart
    (privateGPT/ for private_gpt): a project's checkout, its package inside, not one to
    install. A folder of exactly that name is a subpackage of something else (nemo's
    megatron/), which says nothing."""
    want = _norm_name(top)
    for line in [*hit.before[-12:], hit.line]:
        for path in re.findall(r"[\w.:~-]*[/\\][^\s\"']+", line[:MATCH_SPAN]):
            if "-packages" in path:
                continue
            folders = re.split(r"[/\\]+", path)[:-1]
            if any(f != top and _norm_name(f) == want for f in folders if f):
                return True
    return False


def same_named_importer(hit: Hit, name: str) -> bool:
    """The innermost frame is a file named like the module it fails to import (a package's
    backend/segments.py doing `import segments`): a module inside a package, importing the
    distribution of that name, which is not installed; not the user's own module."""
    own = evidence.own_error(hit)
    if own is None or not own.frames:
        return False
    base = own.frames[-1].path.replace("\\", "/").rsplit("/", 1)[-1]
    return base == f"{name.split('.')[0]}.py"


_RELATIVE_IMPORT = re.compile(r"^\s*from \.", re.M)


def _in_checkout(hit: Hit, name: str) -> tuple[str, str] | None:
    """For `No module named 'pkg.sub'`: the innermost frame's path and the folder holding pkg/
    when that frame is pkg's own code outside any installed package (a checkout), else None."""
    top, _, sub = name.partition(".")
    own = evidence.own_error(hit)
    if not sub or own is None or not own.frames or own.frames[-1].package:
        return None
    path = posixpath.normpath(own.frames[-1].path.replace("\\", "/"))
    parts = path.split("/")[:-1]
    if top not in parts:
        return None
    return path, "/".join(parts[: parts.index(top)]) or "."


def _imported_interactively(hit: Hit) -> bool:
    """The traceback starts at a prompt or `python -c` (<stdin>, <string>, an IPython cell)."""
    own = evidence.own_error(hit)
    first = own.frames[0].path if own is not None and own.frames else ""
    return first in ("<stdin>", "<string>") or first.startswith("<ipython-input")


def checkout_module(hit: Hit, name: str) -> Params:
    """`No module named 'pkg.sub'` raised by pkg's own code from a checkout (its pkg/ folder,
    not site-packages). A compiled part (`_ext`): Python took the source tree for the built
    package. A part its relative import names: a file the checkout lacks (a lead). A script of
    the checkout importing pkg.sub: the pkg Python imported is another copy, an older or newer
    pip install (a lead: the checkout may lack it too). pkg's own __init__ importing its part:
    the checkout's copy is the one imported, none of these."""
    found = _in_checkout(hit, name)
    if found is None:
        return {}
    path, checkout = found
    out: Params = {"top": name.split(".")[0], "checkout": checkout}
    last = name.rsplit(".", 1)[-1]
    if last.startswith("_") and not last.startswith("__"):
        return {**out, "_category": "pythonpath", "_note": "source_tree",
                "_instead_fix": fixes("source_tree")}  # fmt: skip
    if path.endswith("/__init__.py") and _imported_interactively(hit):
        # `python -c "import pkg"` (or a prompt) in the folder holding pkg/: its __init__ asks
        # for a part only a build makes (a lead: a checkout may also just lack the file)
        return {**out, "_category": "pythonpath", "_note": "source_tree",
                "_doubt": "source_tree_part", "_instead_fix": fixes("source_tree")}  # fmt: skip
    if path.endswith("/__init__.py"):
        return {}
    if _RELATIVE_IMPORT.search("\n".join([*hit.before[-2:], evidence.source_line(hit)])):
        return {**out, "_category": "checkout_incomplete", "_note": "own_part",
                "_doubt": "own_part", "_instead_fix": fixes("checkout_incomplete")}  # fmt: skip
    return {**out, "_category": "pythonpath", "_note": "stale", "_doubt": "checkout_stale",
            **fix_params("checkout_stale")}  # fmt: skip


def not_importable_here(hit: Hit, name: str) -> Params:
    """A missing module whose package is on this machine but not importable by this Python: a
    folder of that name holds the running script (a checkout of it), or Python 2 ran the script
    (its message has no quotes) instead of the environment's python3. A submodule that is
    missing (its package imported) is not a path problem."""
    top = name.split(".")[0]
    frames = structure.FRAME_PATH.finditer("\n".join(hit.before)) if top == name else iter(())
    for m in frames:
        path = m.group(1)
        if "-packages" in path:
            continue
        parts = path.replace("\\", "/").split("/")[:-1]
        if top in parts:
            checkout = "/".join(parts[: parts.index(top) + 1]) or "/"
            return {"top": top, "checkout": checkout, "_category": "pythonpath",
                    "_note": "checkout", **fix_params("checkout_module")}  # fmt: skip
    if not _PY2_MISSING.match(hit.line.strip()):
        return {}
    if _python2_environment(hit):  # the environment's own Python 2: install into that one
        return {"py": "python2"}
    return {"top": top, "_category": "pythonpath", "_note": "python2", "_doubt": "python2",
            **fix_params("python2")}  # fmt: skip


_PY2_PATH = re.compile(r"[/\\]python2\.\d+[/\\]|[/\\]Python2\d[/\\]")


def _python2_environment(hit: Hit) -> bool:
    """The log's own paths are a Python 2's (site-packages of python2.7): that Python is the
    environment's, not one run by mistake; the module is simply not installed in it."""
    return any(_PY2_PATH.search(line) for line in [*hit.before[-30:], hit.line, *hit.after])


_PY_SHOWN = re.compile(r"python(\d)\.(\d+)")


def python_c_library(name: str) -> Params:
    """The fix for a C module of the standard library that this Python lacks (``lzma`` is
    read as ``_lzma``): the system package it is built from, when the table knows it."""
    table = evidence.data()["python_c_library"]
    key = name if name in table else f"_{name}"
    which, *install = evidence.fixes("python_c_library")
    if key not in table:  # which Python this is: no package known to name
        return {"_instead_fix": [which.split("  #", 1)[0]]}
    return {"c_module": key, **table[key], "_instead_fix": [which, *install]}


def _python_shown(lines: list[str]) -> tuple[int, ...]:
    """The Python version the log's paths show (lib/python3.10/...), or ()."""
    for line in reversed(lines):
        m = _PY_SHOWN.search(line)
        if m:
            return (int(m.group(1)), int(m.group(2)))
    return ()


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split("."))


def importer(hit: Hit) -> str | None:
    """The package of the innermost frame of the hit's own traceback: "" for the user's code,
    None when the log shows no frames."""
    own = evidence.own_error(hit)
    return own.frames[-1].package if own is not None and own.frames else None


def parent_imported(name: str) -> bool:
    """`No module named 'a.b'`: Python imports a package before its submodules, so a missing
    submodule means the package itself was found (a version of it without that part). Not so
    for a namespace shared by many distributions (google.protobuf), or Python's own modules."""
    top = name.split(".")[0]
    if "." not in name or namespace_package(top) or top in stdlib_names.NAMES:
        return False
    return top not in evidence.data()["removed_stdlib"]


def unknown_module(hit: Hit, name: str) -> Params:
    """A missing module no map knows. A module of Python's own standard library means a Python
    built without it; one imported by the user's own code is most likely the project's own
    module not on the path; one imported by an installed package, a dependency it lacks. The
    last two are leads, not verdicts."""
    top = name.split(".")[0]
    removed = evidence.data()["removed_stdlib"].get(top)
    shown = _python_shown(evidence.hit_lines(hit))
    if removed is not None and shown and shown < _version_tuple(removed["since"]):
        removed = None  # this Python still has it in its standard library: it is incomplete
    if removed is not None and any("pip-build-env-" in line for line in hit.before[-30:]):
        # pip builds an old release from source: its build tools predate this Python
        build: Params = {"top": top, "since": removed["since"], "_note": "removed_stdlib_build"}
        build["_category"] = "python_version_unsupported"
        return {**build, "_instead_fix": fixes("sdist_build_unknown")}
    if removed is not None:  # a newer Python than the code was written for
        out: Params = {"top": top, "since": removed["since"], "_note": "removed_stdlib"}
        if not shown:
            out["_doubt"] = "python_unseen"
        if removed.get("dist"):
            return {**out, "dist": removed["dist"], **fix_params("removed_stdlib")}
        return {**out, "_category": "python_version", "_instead_fix": fixes("removed_stdlib")[1:]}
    if top in stdlib_names.NAMES:
        # pip cannot install a part of Python itself: which Python this is, and the system
        # library its C part needs at build time, when known
        return {"top": top, "_category": "python_incomplete", "_note": "stdlib",
                **python_c_library(top)}  # fmt: skip
    # the user's own code imports it, or no traceback says who does and the name is not one
    # a distribution would choose (GPT_SoVITS: import names on the index are lower case)
    guess = top != top.lower() or top in evidence.data()["project_folders"]["names"]
    by = importer(hit)  # "" the user's file, None no traceback, "<string>" python -c
    own = by == "" or (by in (None, "<string>", "<stdin>") and guess) or _project_named(hit, top)
    dependency = same_named_importer(hit, name)  # a package's own module imports its dist
    if own and not dependency:
        # a lower-case name a package could have; not a namespace (nvidia) or a recipe's folder
        shared = namespace_package(top) or recipe_folder(top)
        fix = fixes("local_module") + ([] if guess or shared else fixes("index_lookup"))
        return {"top": top, "_category": "pythonpath", "_note": "unknown_local",
                "_doubt": "unknown_module", "_extra_fix": fix}  # fmt: skip
    if _COMPILED_NAME.fullmatch(top):  # fused_layer_norm_cuda: an extension a build makes
        return {"module": top, "_note": "unbuilt_extension", "_doubt": "unknown_module",
                "_instead_fix": fixes("extension_build")}  # fmt: skip
    return {"_doubt": "unknown_module", **({} if dependency else fix_params("unknown_module"))}


# pip's launcher of a command: bin/cmake (Scripts\\cmake-script.py on Windows), no .py, in a
# Python environment's bin (a venv, conda, ~/.local, pyenv, /usr/local): not /usr/bin's
# scripts of the system's own packages (yum, lsb_release), nor a project's bin/ folder.
_LAUNCHER = re.compile(
    r"[/\\](?:bin|Scripts)[/\\](?:(?P<cmd>[\w.-]+)-script\.py|(?P<cmd2>[\w-][\w.-]*(?<!\.py)))$"
)
_ENV_BIN = re.compile(
    r"[/\\](?:\.local|\.?venv\w*|env|envs[/\\][^/\\]+|[\w-]*(?:conda|forge)\d*|\.pyenv[/\\]versions"
    r"[/\\][^/\\]+|usr[/\\]local|Python\d*[/\\]Scripts[/\\]?|Scripts)[/\\]",
    re.I,
)


def stale_launcher(hit: Hit, name: str) -> Params:
    """`No module named 'cmake'` raised by bin/cmake itself: the command is the launcher pip
    wrote for a package that the Python it runs no longer has (removed, or installed for another
    Python, a --user install): the command on PATH is stale, not a module to add to a project."""
    own = evidence.own_error(hit)
    frames = own.frames if own is not None else ()
    m = _LAUNCHER.search(frames[-1].path) if len(frames) == 1 else None
    if m is None or not _ENV_BIN.search(frames[-1].path):
        return {}
    top = name.split(".")[0]
    if not re.match(rf"\s*from {re.escape(top)}(?:\.\w+)* import \w", evidence.source_line(hit)):
        return {}
    dist = known_distribution(top) or top
    return {"module": name, "top": top, "dist": dist, "cmd": m.group("cmd") or m.group("cmd2"),
            "launcher": frames[-1].path, "_category": "stale_launcher", "_note": "launcher",
            "_instead_fix": fixes("stale_launcher")}  # fmt: skip


# A command run through sudo at the prompt of an activated environment:
# `(wenet) u@host:~/s0$ sudo bash run.sh`, `(venv) PS> sudo python3 x.py`
_SUDO = re.compile(
    r"^\s*\([\w.-]+\)\s.*[$#>]\s*sudo\s+(?:-\S+\s+)*(?:bash|sh|python[\d.]*|\./|\S+\.(?:sh|py)\b)"
)
# A shell prompt followed by a command: `(env) u@host:~/x$ python train.py`, `$ bash run.sh`
_PROMPT = re.compile(r"^\s*(?:\([\w.-]+\)\s*)?[\w.@:~/\\-]*[$#>]\s*\S")


def under_sudo(hit: Hit, name: str) -> Params:
    """A missing module in a command the log shows run with sudo from an activated environment:
    root's PATH (secure_path) finds the system's python, not the environment's that has the
    package. Only the last command the log shows counts, only a top-level module (a missing
    part means the package was found), and not a part of Python itself."""
    top = name.split(".")[0]
    if top != name or top in stdlib_names.NAMES or top in evidence.data()["removed_stdlib"]:
        return {}
    last = next((line for line in reversed(hit.before[-40:]) if _PROMPT.match(line)), "")
    if not _SUDO.search(last):
        return {}
    return {"module": name, "top": top, "_category": "pythonpath", "_note": "sudo",
            "_instead_fix": fixes("sudo_python")}  # fmt: skip


def installed_elsewhere(hit: Hit, scan: ScanResult, name: str) -> Params:
    """The log itself says the package is installed (pip's "Requirement already satisfied:
    X in <path>", its "Successfully installed X-1.0" above the failure, or the user's words),
    yet the code cannot import it: it was installed for another Python than the one that runs
    the code (a notebook's kernel, another pip)."""
    top = name.split(".")[0]
    if top != name:  # a missing part of a package: the package itself was found
        return {}
    dist = known_distribution(top) or top
    text = "\n".join(line[:MATCH_SPAN] for line in [*scan.tail[-80:], *hit.before[-40:]])
    names = {re.escape(n) for n in (top, dist, dist.replace("-", "_"), dist.replace("_", "-"))}
    alt = "|".join(sorted(names))
    # pip's line: the name, an optional extra and version spec, then " in <where>"
    satisfied = re.search(
        rf"Requirement already satisfied: (?i:{alt})(?:\[[^\]\s]*\])?(?:[<>=!~][^\s]*)?"
        r" in (\S+)",
        text,
    )
    if satisfied is None:  # pip installed it above the failure, for the Python pip belongs to
        before = "\n".join(line[:MATCH_SPAN] for line in hit.before[-40:])
        satisfied = re.search(rf"Successfully installed (?:\S+ )*(?i:{alt})-[0-9]", before)
    said = re.search(
        rf"(?i)\b(?:I(?:'ve| have)? (?:already )?installed|(?:{alt}) is (?:already )?installed)"
        r"\b[^\n]*",
        text,
    )
    if satisfied is None and (said is None or not re.search(rf"(?i)\b(?:{alt})\b", said.group(0))):
        return {}
    out: Params = {"module": name, "top": top, "dist": dist, "_category": "pythonpath"}
    out.update(_note="installed_elsewhere", _instead_fix=fixes("installed_elsewhere"))
    return out if satisfied is not None else {**out, "_doubt": "installed_said"}


def python2_module(hit: Hit, name: str) -> Params:
    """A module Python 2's standard library had and Python 3 renamed (urllib2, cPickle,
    ConfigParser): the code was written for Python 2; no package brings it back. Raised in an
    installed package: a release of it made for Python 3; in the user's code: Python 3's name."""
    top = name.split(".")[0]
    py3 = evidence.data()["python2_stdlib"].get(top)
    if py3 is None or top != name:  # commands.train: a project's package, not Python 2's
        return {}
    out: Params = {"module": name, "top": top, "py3": py3, "_note": "python2_stdlib"}
    out["_category"] = "python_version_unsupported"
    by = importer(hit)
    if by and by not in ("stdlib", "<string>", "<stdin>"):
        return {**out, "dist": known_distribution(by) or by, "_instead_fix": fixes("py2_package")}
    return {**out, "_instead_fix": fixes("python2_module")}


def name_undefined(hit: Hit, scan: ScanResult) -> Params:
    """`name 'spm' is not defined`: a module the code imports under that name, whose import a
    try/except swallowed. torch's `_C` inside a torch/ outside site-packages: a source tree."""
    alias = hit.groups.get("alias", "")
    frames = evidence.frames(hit)
    if alias == "_C" and any(
        f.path.replace("\\", "/").endswith("/torch/__init__.py") and not f.package for f in frames
    ):
        return {**module_fix("torch._C"), "module": "torch._C"}
    module = evidence.data()["import_aliases"].get(alias)
    if module is None and _COMPILED_NAME.fullmatch(alias):
        out: Params = {"module": alias, "dist": alias, "_doubt": "optional_import"}
        fix = [*fixes("extension_import_check"), *fixes("extension_build")]
        return {**out, "_note": "undefined_extension", "_extra_fix": fix}
    if module is None:
        return {"_drop": True}
    return {**module_fix(module), "module": module, "_doubt": "optional_import"}


# The name of a compiled extension module (selective_scan_cuda_core, nms_cuda, _ext, roi_C):
# a project imports it in a try/except and the NameError comes when it is used.
_COMPILED_NAME = re.compile(
    r"(?!(?:use|is|has|with|on|to|no|enable|disable|run)_)\w*_(?:cuda(?:_core|_kernel|_ext)?|C|ext|cpp|kernels?|cu|engine)"
)
