"""Parameter extractors: numbers and names read from a hit and its context, turned into the
values the fix templates need (CUDA 12.4 from 12040, a smaller --max-duration, ...)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from doctor.errors import DoctorError
from doctor.explain import classes, evidence, imports, knowledge, rules, stdlib_names, structure
from doctor.explain.model import Hit
from doctor.explain.scan import ScanResult
from doctor.fixer.render import quote
from doctor.knowledge import torch_builds
from doctor.msgtype import Msg, msg

K2_SOURCE_DOCS = "https://k2-fsa.github.io/k2/installation/from_source.html"

Params = dict[str, Any]
Extractor = Callable[[Hit, ScanResult], Params]

_PY_PATH = re.compile(r"lib/python(\d+\.\d+)/")
_USER_FRAME = re.compile(r'^\s*File "(?P<path>[^"]+)", line (?P<line>\d+)')


def context_text(hit: Hit) -> str:
    return "\n".join([*hit.before[-15:], hit.line, *hit.after])


def user_frames(lines: list[str]) -> list[tuple[str, str]]:
    """(path, line) of traceback frames outside installed packages and the stdlib."""
    out = []
    for line in lines:
        m = _USER_FRAME.match(line)
        if m and not _is_library(m.group("path")):
            out.append((m.group("path"), m.group("line")))
    return out


def _is_library(path: str) -> bool:
    return any(
        s in path for s in ("site-packages", "dist-packages", "<frozen", "/lib/python3", "<")
    ) or (structure.package_of(path) == "stdlib")


def module_named(hit: Hit, scan: ScanResult) -> Params:
    """A program's own words that a dependency must be installed ("Please install X", "X is
    not installed"): only for a name the import tables know, and not a program's name
    (ffmpeg, sox: the command rules say those)."""
    name = hit.groups.get("module", "")
    if not knowledge.known_distribution(name) and knowledge.known_distribution(name.lower()):
        name = hit.groups["module"] = name.lower()  # "Apex was not found": the import name
    # an ImportError that says so names a distribution the tables may not know (a lead then)
    said = _IMPORT_ERROR_SAYS.match(hit.line) is not None and name == name.lower()
    if not (knowledge.known_distribution(name) or said) or classes.is_command(name):
        return {"_drop": True}
    if classes.ran_inside(name, hit, scan):  # installed, and failed to load: that is the cause
        return {"_drop": True}
    return _with_extra(module(hit, scan), hit.groups.get("extra", ""))


def _with_extra(params: Params, extra: str) -> Params:
    """The install of a distribution with the extra the program asks for ("Please install
    vllm[audio]"): pip install 'vllm[audio]'."""
    dist = str(params.get("dist") or "")
    if not (extra and dist):
        return params
    wanted = f"{{py}} -m pip install {quote(f'{dist}[{extra}]')}"
    fix = [wanted if _installs(c, dist) else c for c in params.get("_extra_fix", [])]
    return {**params, "extra": extra, "_note": "extra", "_extra_fix": fix}


def _installs(command: str, dist: str) -> bool:
    """The command is the plain pip install of this one distribution."""
    words = command.split("#", 1)[0].split()
    return words[1:4] == ["-m", "pip", "install"] and [w.strip("'") for w in words[4:]] == [dist]


_IMPORT_ERROR_SAYS = re.compile(r"\s*(?:[\w.]+\.)?(?:ImportError|ModuleNotFoundError): ")


# pip (or uv) building a package in an isolated environment: its setup.py imports what the
# build environment lacks though this environment has it (torch for a CUDA extension).
_BUILD_ENV = re.compile(
    r"pip-build-env-|Getting requirements to build|_in_process\.py|"
    r"doesn't declare it as a build dependency|get_requires_for_build_wheel|"
    r"This error originates from a subprocess|<pip-setuptools-caller>|"
    r"egg_info did not run successfully"
)
_BUILT_PACKAGE = re.compile(
    r"`(?P<a>[A-Za-z0-9_.-]+)@[0-9][^`]*` depends on|Building wheel for (?P<b>[A-Za-z0-9_.-]+)"
    r"|Collecting (?P<c>[A-Za-z0-9_.-]+)(?![+:/\w])"
    r"|Getting requirements to build wheel for (?P<d>[\w.-]+)"
    r"|Processing (?P<e>\.{0,2}/\S+)$"
    r"|pip-install-\w+/(?P<f>[A-Za-z0-9.-]+(?:_[A-Za-z0-9.-]+)*?)_[0-9a-f]{32}/",
    re.M,
)


def _build_isolation(hit: Hit, scan: ScanResult, name: str) -> Params:
    """A module missing while pip builds a package: torch or numpy, which this environment has
    and pip's isolated build environment lacks; any other, a build requirement the package's
    setup.py imports without declaring it (Cython, packaging)."""
    text = "\n".join([*hit.before[-40:], hit.line, *hit.after, *scan.tail[-30:]])
    if not name or not _BUILD_ENV.search(text):
        return {}
    above = "\n".join(hit.before[-40:])  # the package being built is named before its error
    built = list(_BUILT_PACKAGE.finditer(above))
    pkg = next((v for v in built[-1].groups() if v), "") if built else ""
    if name not in ("torch", "numpy"):
        top = name.split(".")[0]
        stdlib = top in stdlib_names.NAMES or top in evidence.data()["removed_stdlib"]
        if stdlib or not _BUILD_SCRIPT.search(text):
            return {}
        dist = knowledge.module_fix(name).get("dist") or top
        fix = evidence.fixes("build_requirement" if pkg else "build_requirement_unnamed")
        return {"built": pkg, "dist": dist, "_note": "build_requirement", "_instead_fix": fix}
    note = "build_isolation" if pkg else "build_isolation_unnamed"
    out: Params = {"built": pkg, "_instead_fix": evidence.fixes(note)}
    return {**out, "_category": "pythonpath", "_note": note}


# The build's own script raised it (setup.py, a build backend), not the package at run time.
_BUILD_SCRIPT = re.compile(r"[/\\]setup\.py\"|<pip-setuptools-caller>|_in_process\.py|egg_info")


def module(hit: Hit, scan: ScanResult) -> Params:
    name = hit.groups.get("module", "")
    return (
        _build_isolation(hit, scan, name)
        or _python2(hit, name)
        or imports.stale_launcher(hit, name)
        or imports.under_sudo(hit, name)
        or imports.installed_elsewhere(hit, scan, name)
        or _module(hit, scan, name)
    )


def _python2(hit: Hit, name: str) -> Params:
    """Python 2's own module (urllib2), which no map knows: no package brings it back."""
    py2 = imports.python2_module(hit, name)
    if not py2:
        return {}
    params = knowledge.module_fix(name)
    return {**params, **py2} if params.pop("_unknown", False) else {}


def _module(hit: Hit, scan: ScanResult, name: str) -> Params:
    params = knowledge.module_fix(name)
    unknown = params.pop("_unknown", False)
    # google.protobuf: its own distribution; a part below it (pyannote.audio.pipelines) is a
    # part of that distribution's, as pkg.sub is of pkg's
    shared = imports.namespace_package(name.split(".")[0]) and name.count(".") < 2
    if name not in rules.modules():
        partial = imports.own_submodule_missing(hit, name)
        if partial:
            params = {"module": name, "dist": params.get("dist") or partial["top"], **partial}
            unknown = False
    if "." in name and "_category" not in params:
        clash = imports.name_clash(name)
        known = name in rules.modules()  # a part the maps name (an extension to build)
        found = clash or ({} if known else imports.checkout_module(hit, name))
        params.update(found or ({} if known else imports.compiled_part_unseen(hit, name, _STACK)))
    params.update(_on_the_path(hit, scan, name, params))
    if "_category" not in params and name.split(".")[0] not in _STACK:
        params.update(imports.not_importable_here(hit, name))
    # an installed package imports a part its dependency lacks: that dependency's version
    parent_found = "No module named" in hit.line and imports.parent_imported(name)
    parent_found = parent_found and imports.importer(hit) not in (None, "", "stdlib", "<string>")
    if unknown and "_category" not in params and not parent_found:
        params.update(imports.unknown_module(hit, name))
    elif "." in name and "_category" not in params and "_note" not in params and not shared:
        params.update(_doubt="version", _category="package_version_mismatch", _note="version")
        params["_extra_fix"] = evidence.fixes("api_version")  # it is installed: not `pip install`
    if name.split(".")[0] == "k2":
        params.update(classes.k2_built_here(hit))
    if name.split(".")[0] == "icefall":
        frames = [line for line in hit.before if 'File "' in line]  # the traceback's paths win
        params.update(icefall_root([*scan.tail, *_lines(hit), *frames]))
    if name.split(".")[0] in _STACK and "_category" not in params:
        params["_doubt"] = "stack_module"
    if "_category" not in params and "_doubt" not in params and _stage_python_unseen(hit, scan):
        params["_doubt"] = "stage_python"
    return _which_python(hit, scan, params)


def _which_python(hit: Hit, scan: ScanResult, params: Params) -> Params:
    """Two Pythons in the log, or a notebook whose kernel may run another Python than the one
    the shell's pip installs into: the install must go to the Python that ran the import."""
    if "_category" in params:
        return params
    if len(pythons_shown([*_lines(hit), *scan.tail])) > 1:
        params.update(_category="pythonpath", _doubt="two_pythons", _note="two_pythons")
        params["_extra_fix"] = [*evidence.fixes("which_python"), *params.get("_extra_fix", [])]
    elif any(_NOTEBOOK.search(x) for x in [*hit.before, hit.line]):
        params["_extra_fix"] = [*evidence.fixes("notebook_pip"), *params.get("_extra_fix", [])]
    return params


# A traceback printed by IPython/Jupyter: its cell markers.
_NOTEBOOK = re.compile(r"<ipython-input-\d+-|^Cell In\[\d+\]|^----> \d+ |ipykernel_\d+")


# A path through an icefall checkout's recipes: /home/u/icefall/egs/baker_zh/TTS/..., quoted in
# a traceback's frame (any character but the quote) or a bare word of a command.
_EGS_PATHS = (
    re.compile(r'File "(?P<root>/[^"]*?)/egs/[^"/]+/'),
    re.compile(r"(?P<root>/[^\s'\"():,]*?)/egs/[\w.-]+/"),
)
PLACEHOLDER_ROOT = "/path/to/icefall"


def icefall_root(lines: list[str]) -> Params:
    """The icefall checkout a log names (a frame or command through its egs/), else the one
    holding the current folder, else a placeholder its comment explains."""
    for line in reversed(lines):
        for pattern in _EGS_PATHS:
            m = pattern.search(line)
            if m:
                return {
                    "icefall_root": m.group("root"),
                    "icefall_comment": msg("fixtext.icefall_log"),
                }
    from doctor.runner.plan import find_icefall  # the runner's own search: ICEFALL_DIR, cwd's

    try:
        found = find_icefall(None, os.environ, Path.cwd())
    except (DoctorError, OSError):  # none in sight (or the current folder is gone)
        return {"icefall_root": PLACEHOLDER_ROOT, "icefall_comment": msg("fixtext.icefall_unknown")}
    return {"icefall_root": str(found), "icefall_comment": msg("fixtext.icefall_here")}


def _on_the_path(hit: Hit, scan: ScanResult, name: str, params: Params) -> Params:
    """A project's own module (not a distribution), or a package whose own folder is on the
    import path instead of the folder above it."""
    if "_category" in params:
        return {}
    local = imports.local_module(name) if "_note" not in params else {}
    if local and _imported_by_a_package(hit, name):
        local = {}  # a known package's own module imports it: that package's dependency
    if local or "." in name:
        return local
    return imports.path_inside_package(hit, scan, name)


def _imported_by_a_package(hit: Hit, name: str) -> bool:
    """The innermost frame is a module of a package a map knows (TTS/config/x.py importing
    `trainer`), and the name is a distribution's too: a dependency, not the project's file."""
    errors = structure.python_errors([*hit.before[-12:], hit.line])
    frames = errors[-1].frames if errors else []
    if not frames or not knowledge.known_distribution(name.split(".")[0]):
        return False
    folders = frames[-1].path.replace("\\", "/").split("/")[:-1]
    return any(
        knowledge.known_distribution(f) and not imports.recipe_folder(f)
        for f in folders[-3:]
        if f.isidentifier()
    )


# A Python interpreter's path as logs print it (sys.executable, `which python`, a prompt's
# command, a repr with doubled backslashes): .../bin/python3.8, ...\\python.exe.
_PYTHON_EXE = re.compile(
    r"((?:[A-Za-z]:)?[\w~.\\/:-]*?[/\\]+(?:bin[/\\]+python[\d.]*|python[\d.]*\.exe))(?![\w.])"
)


def pythons_shown(lines: list[str]) -> set[str]:
    """The environments whose interpreters the log shows (the folder above bin/python or
    python.exe): two of them, and a module missing in one may be installed in the other."""
    out = set()
    for line in lines:
        if "python" not in line.lower() or len(line) > 1000:  # the pattern's time grows fast
            continue
        for exe in _PYTHON_EXE.findall(line):
            path = re.sub(r"[\\/]+", "/", exe.lower())
            out.add(re.sub(r"(?:/bin)?/python[\d.]*(?:\.exe)?$", "", path))
    return out


def _lines(hit: Hit) -> list[str]:
    return [*hit.before, hit.line, *hit.after]


_STAGE_LINE = re.compile(r"^\s*(?:\S+\s+)?[Ss]tage -?\d+\s*:")
_INTERPRETER = re.compile(r"(?:site|dist)-packages|/lib/python\d|/bin/python")


def _stage_python_unseen(hit: Hit, scan: ScanResult) -> bool:
    """A recipe's stage ran the script (a stage line above it) and nothing in the traceback
    shows which Python: a stage runs whatever `python` its PATH, path.sh or the script's #!
    line gives, which need not be the environment the module is installed in."""
    before = hit.before[-30:]
    if not any(_STAGE_LINE.match(line) for line in before) and "stage" not in scan.context:
        return False
    return not any(_INTERPRETER.search(line) for line in [*before, hit.line])


# Installed together and often built from source: a missing one may live in another env or a
# build tree (the log rarely says which).
_STACK = ("k2", "_k2", "torch", "torchaudio", "kaldifeat")


# A program's advice to install something optional ("... or one of them to enable TensorBoard
# support by default"): a notice the run went on after, not the failure.
_OPTIONAL = re.compile(r"to enable|unless|optional|or one of them|for (?:faster|better)")


def please_install(hit: Hit, scan: ScanResult) -> Params:
    if _OPTIONAL.search(hit.line):
        return {"_pass": True}
    return distribution(hit, scan)


def distribution(hit: Hit, scan: ScanResult) -> Params:
    dist = hit.groups.get("dist", "")
    params = knowledge.module_fix(dist.replace("-", "_"), distribution=dist)
    params.pop("_unknown", None)
    params.setdefault("dist", dist)
    if hit.rule.id == "module.no_distribution" and dist.lower().split("=")[0] == "k2":
        params.update(classes.k2_no_wheel(context_text(hit)))
    elif hit.rule.id == "module.no_distribution":
        params.update(_pin_unavailable(dist, context_text(hit)) or _no_wheel(dist, params))
    return params


def _no_wheel(dist: str, params: Params) -> Params:
    """A name pip knows no file of for this platform and Python is no module to install: no
    wheel fits here (the tables' own cases, and a module sold under another name, stay)."""
    if "_note" in params or "_category" in params:
        return {}
    sold_as = knowledge.normalized(str(params.get("dist", "")))
    if sold_as != knowledge.normalized(dist.split("=")[0]):
        return {}  # the tables install it under another name: the module is what is missing
    return {"_category": "platform_no_wheel", "_instead_fix": evidence.fixes("no_wheel")}


_PINNED = re.compile(
    r"requirement (?P<dist>[A-Za-z0-9_.-]+)==(?P<want>[^\s(,;]+) \(from versions: (?P<have>[^)]*)\)"
)


def _pin_unavailable(dist: str, text: str) -> Params:
    """`X==v (from versions: a, b)`: X exists, only not that release for this Python or
    platform (an old pin in a requirements file); not a package missing from the index."""
    m = _PINNED.search(text)
    have = [v.strip() for v in m.group("have").split(",")] if m else []
    if m is None or m.group("dist") != dist or not have or have == ["none"]:
        return {}
    fix = evidence.fixes("pin_unavailable")
    return {"want": m.group("want"), "newest": have[-1], "_category": "pip_version_unavailable",
            "_note": "pin", "_doubt": "", "_instead_fix": fix}  # fmt: skip


def pip_build(hit: Hit, scan: ScanResult) -> Params:
    """A release whose sdist does not build (pin another version), or, when the log names no
    version, a package that does not build here: the compiler's first error is the cause."""
    text = context_text(hit)
    m = re.search(r"Downloading ([A-Za-z0-9_.-]+?)-(\d[A-Za-z0-9.]*)\.(?:tar\.gz|zip)", text)
    if m:
        return {"dist": m.group(1), "bad_version": m.group(2)}
    g = hit.groups
    dist: str | Msg = g.get("dist3") or g.get("dist2") or g.get("dist") or ""
    if not dist:
        m = re.search(r"(?:Collecting|Building wheel for) ([A-Za-z0-9_.-]+)", text)
        dist = m.group(1) if m else msg("fixtext.the_package")
    return {"dist": dist, **evidence.fix_params("wheel_build"), "_category": "build_failed",
            "_doubt": "build", "_note": "wheel"}  # fmt: skip


def build_error(hit: Hit, scan: ScanResult) -> Params:
    """A compiler or linker error: the class is the build's; what it says, the first lead."""
    g = hit.groups
    what = g.get("what") or g.get("what2") or g.get("what3") or g.get("what4") or ""
    what = what or (f"undefined reference to {g['symbol']}" if g.get("symbol") else "")
    header = g.get("header") or ""
    api = g.get("api") or (header if _TORCH_GONE.match(header) else "")
    if api:  # torch's C++ API of another release: the sources and this torch differ
        return {"api": api, "_category": "torch_extension_mismatch", "_note": "torch_api",
                "_doubt": "", "_instead_fix": evidence.fixes("torch_api_removed")}  # fmt: skip
    if _TORCH_OWN.match(header):  # every torch has it: the build does not see torch at all
        return {"header": header, "_note": "torch_unseen",
                "_instead_fix": evidence.fixes("torch_headers_unseen")}  # fmt: skip
    if header:
        return _header_missing(header)
    return {"what": structure.shown(what or hit.line)[:200]}


# torch's C++ names and headers a later torch removed or moved (AT_CHECK in 1.5, THC in 1.11,
# torch/csrc internals between minor releases); and the headers every torch ships.
_TORCH_GONE = re.compile(r"THC?/|torch/csrc/")
_TORCH_OWN = re.compile(r"(?:torch|ATen|c10)/")


def _header_missing(header: str) -> Params:
    """A header not found: the package that ships it where known (then certain), else how to
    find it."""
    missing = msg("explain.build.header_missing", header=header)
    pkg = evidence.data()["dev_header_packages"].get(header)
    out: Params = {"what": missing, "header": header, "header_pkg": pkg or "", "_note": "header",
                   "header_stem": header.rsplit("/", 1)[-1].split(".")[0]}  # fmt: skip
    if pkg:
        return {**out, "_doubt": "", "_instead_fix": evidence.fixes("dev_header_known")}
    return {**out, "_instead_fix": evidence.fixes("dev_headers")}


def cpp_what(hit: Hit, scan: ScanResult) -> Params:
    """An uncaught C++ exception: its type and the what() line that follows."""
    exc = hit.groups.get("type") or hit.groups.get("type2") or "?"
    what = next((a.split("what():", 1)[1].strip() for a in hit.after if "what():" in a), "")
    return {"exc_type": exc.strip(), "what": structure.shown(what)[:200] or "?"}


def k2_torch(hit: Hit, scan: ScanResult) -> Params:
    k2t = hit.groups["k2_torch"]
    m = re.search(r"using PyTorch (\S+) to run it", context_text(hit))
    out: Params = {"k2_torch_base": k2t.split("+")[0]}
    if m:
        out.update(knowledge.torch_params(m.group(1), None))
        out["running_torch"] = m.group(1)
    return out


# What torch the log shows running: torch.utils.collect_env ("PyTorch version: 2.1.0+cu118"),
# `pip list` ("torch  2.1.0"), `pip freeze` ("torch==2.1.0"), torch.__version__ printed.
_TORCH_SEEN = re.compile(
    r"^\s*(?:PyTorch version:\s*|torch\s+|torch==|torch\.__version__\W+)"
    r"(?P<v>[0-9]+\.[0-9]+[\w.+]*)",
    re.M,
)


def k2_version_report(hit: Hit, scan: ScanResult) -> Params:
    """`python -m k2.version` prints the torch k2 was built with; next to the torch the log
    shows running, a different release is the k2/torch mismatch. Same release: no finding."""
    k2t = hit.groups["k2_torch"].split("+")[0]
    seen = [m.group("v") for m in _TORCH_SEEN.finditer("\n".join([*_lines(hit), *scan.tail]))]
    other = next((v for v in seen if v.split("+")[0] != k2t), None)
    if other is None:
        return {"_drop": True}
    return {"k2_torch": k2t, **k2_torch_params(k2t, other)}


_TORCH_LISTED = re.compile(
    r"^\s*(?:\[(?:pip3?|conda)\]\s*)?(?:torch(?:\s+|==)|PyTorch version:\s*)"
    r"(?P<v>[0-9]+\.[0-9]+[\w.+]*)"
)


def torchaudio_pair(hit: Hit, scan: ScanResult) -> Params:
    """A torchaudio and a torch listed in the same log that are not one release pair (the
    release table's torchaudio for that torch), or one pair built for two CUDAs (+cu118 next
    to +cu121). A listing that fits: no finding."""
    audio = hit.groups["audio"]
    lines = [*_lines(hit), *scan.tail]
    torch = next((m.group("v") for m in map(_TORCH_LISTED.match, lines) if m), "")
    if not torch:
        return {"_drop": True}
    want = torch_builds.torchaudio_for(torch)
    a_base = audio.split("+")[0]
    a_tag, t_tag = audio.partition("+")[2], torch.partition("+")[2]
    tags_differ = bool(a_tag and t_tag) and a_tag != t_tag
    if (want is None or want == a_base) and not tags_differ:
        return {"_drop": True}
    return {"torchaudio_seen": audio, "torch_seen": torch, **knowledge.torch_params(torch, None)}


def k2_torch_params(k2t: str, running: str) -> Params:
    out: Params = {"k2_torch_base": k2t.split("+")[0], "running_torch": running}
    out.update(knowledge.torch_params(running, None))
    return out


def k2_cuda(hit: Hit, scan: ScanResult) -> Params:
    m = re.search(r"you are using CUDA ([0-9.]*[0-9])", context_text(hit))
    return (
        {"torch_cuda": m.group(1), "k2_flavour": f"cuda{m.group(1)}", "k2_page": "cuda"}
        if m
        else {}
    )


def k2_symbol(hit: Hit, scan: ScanResult) -> Params:
    lib = hit.groups.get("lib", "")
    pkg = "kaldifeat" if "kaldifeat" in lib else "k2"
    page = (
        "csukuangfj.github.io/kaldifeat/cuda.html"
        if pkg == "kaldifeat"
        else "k2-fsa.github.io/k2/cuda.html"
    )
    out: Params = {"pkg": pkg, "pkg_page": page, "_no_plan": pkg != "k2"}
    symbol = hit.groups.get("symbol", "")
    out["against"] = classes.symbol_library(symbol) or "?"
    if out["against"] != "torch":  # CUDA's, the C++ runtime's: not a torch mismatch
        out.update(symbol=structure.demangle(symbol) or "?", _note="not_torch")
    text = context_text(hit)
    m = re.search(r"(/\S*?/(?:build[^/]*/lib|k2/python))\b", text)
    if m:
        out["source_build"] = m.group(1)
        out["_extra_fix"] = [
            "unset PYTHONPATH  # drop " + m.group(1),
            "{py} -c 'import k2; print(k2.__file__)'",
        ]
    return out


_K2_SOURCE = re.compile(r'File "(?P<root>[^"]*?)/k2/python/k2/__init__\.py"')


def python_version(hit: Hit, scan: ScanResult) -> Params:
    src = next((m for m in map(_K2_SOURCE.search, hit.before) if m), None)
    if src is not None:  # k2's Python sources from a source tree: its build is not on the path
        root = src.group("root")
        return {"k2_root": root, "k2_python_dir": f"{root}/build/lib:{root}/k2/python",
                "k2_lib_dir": f"{root}/build/lib", "_category": "pythonpath", "_note": "k2_source",
                "_no_plan": True, **evidence.fix_params("k2_source_build")}  # fmt: skip
    return _python_version(hit, scan)


def _python_version(hit: Hit, scan: ScanResult) -> Params:
    m = _PY_PATH.search(context_text(hit))
    return {"py_version": m.group(1), "cp": "cp" + m.group(1).replace(".", "")} if m else {}


def libstdcxx(hit: Hit, scan: ScanResult) -> Params:
    lib = hit.groups.get("lib", "")
    conda = any(s in lib for s in ("conda", "/envs/", "/bin/../lib", "mamba"))
    loaded = "conda" if conda else "system"
    fix = (
        [
            "conda install -c conda-forge 'libstdcxx-ng>=12'",
            "export LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu:$LD_LIBRARY_PATH",
        ]
        if conda
        else [
            "export LD_LIBRARY_PATH=$CONDA_PREFIX/lib:$LD_LIBRARY_PATH  # a newer libstdc++",
            "strings $CONDA_PREFIX/lib/libstdc++.so.6 | grep {symver}",
        ]
    )
    if not lib:  # "version `GLIBCXX_3.4.32' not found" alone: which libstdc++ is not shown
        return {"_note": "unseen", "_extra_fix": fix}
    return {"loaded": loaded, "_extra_fix": fix}


def glibc(hit: Hit, scan: ScanResult) -> Params:
    by = hit.groups.get("by", "")
    pkg = next((p for p in ("kaldifeat", "k2", "torch", "lhotse") if p in by), "")
    fix: list[str | Msg] = ["ldd --version"]
    if pkg and "conda" in by + context_text(hit):
        fix.insert(0, f"conda uninstall -y {pkg}")
    if pkg == "k2":
        fix.append(msg("fixtext.k2_from_source", url=K2_SOURCE_DOCS))
    owner = structure.package_of(by) if by else ""
    site = owner not in ("", "k2", "stdlib") and "-packages" in by  # an installed package's file
    dist = (knowledge.known_distribution(owner) or owner) if site else ""
    if dist:  # a wheel built on a newer Linux: an older release of it, or a build made here
        fix.extend(evidence.fixes("glibc_wheel"))
    elif not pkg:  # a prebuilt program or library: one built for this glibc, or a newer OS
        fix.extend(evidence.fixes("glibc_binary"))
    by_name = re.split(r"[/\\]", by)[-1] if by else ""
    out: Params = {"pkg": pkg, "dist": dist, "by_name": by_name, "_extra_fix": fix}
    if not by:  # the glibc is too old for some binary; the log does not say whose
        out["_doubt"] = "loader"
    return out


def driver(hit: Hit, scan: ScanResult) -> Params:
    """CUDA 12.4 from "found version 12040"; the torch to install is chosen with the machine's
    facts in diagnose (knowledge.driver_params)."""
    found = int(hit.groups["found"])
    major, minor = found // 1000, (found % 1000) // 10
    return {"driver_cuda": f"{major}.{minor}"}


def arch(hit: Hit, scan: ScanResult) -> Params:
    text = context_text(hit)
    out: Params = {}
    m = re.search(r"sm_(\d+) is not compatible", text) or re.search(r"capability (\d)\.(\d)", text)
    if m:
        sm = int("".join(m.groups()))
        out.update({"sm": sm, "cc": f"{sm // 10}.{sm % 10}"})
        build = knowledge.build_for_arch(sm)
        if build is not None:
            out["arch_channel"] = build.channel
            out["_extra_fix"] = [knowledge.install_torch(build)]
    g = re.search(r"(?:Found GPU\d+ )?(NVIDIA [A-Za-z0-9 -]+?)(?: with| which)", text)
    if g:
        out["gpu"] = g.group(1).strip()
    return out


_CUDA_MAJOR = re.compile(
    r"lib(?:cublas(?:Lt)?|cudart|nvrtc)\.so\.(?P<a>1[0-9])"
    r"|CUDA[ -]?(?P<b>1[0-9])(?:\.[0-9])?\b|\bcu(?P<c>1[0-9])[0-9]\b|cuda(?P<d>1[0-9])"
)


# "Could not load library libcudnn_cnn_infer.so.8. Error: libcuda.so: cannot open shared object
# file": the library after "Error:" is the one the loader did not find.
_INNER_LIB = re.compile(r"\. Error: (?P<lib>\S+?): cannot open shared object file")


def cuda_lib(hit: Hit, scan: ScanResult) -> Params:
    """A CUDA/cuDNN library that does not load: which majors it needs, and who loads it. The
    CUDA major comes from the log (a cuBLAS soname, "CUDA 12"); facts of this machine's torch
    decide it in diagnose when the log does not say."""
    name, major = hit.groups.get("name", ""), hit.groups.get("major", "")
    text = context_text(hit)
    ort = "onnxruntime" in text.lower() or "sherpa" in text.lower()
    out: Params = {"lib": hit.groups.get("lib", ""), "onnxruntime": ort, "built_for": "?"}
    inner = _INNER_LIB.search(hit.line)
    if inner and inner.group("lib").startswith("libcuda.so"):
        # cuDNN is there; the driver's library it loads is not on the loader path (WSL keeps
        # it in /usr/lib/wsl/lib): reinstalling cuDNN would not help
        return {**out, "inner": inner.group("lib"), "_note": "libcuda",
                "_extra_fix": evidence.fixes("driver_lib")}  # fmt: skip
    if "Could not load dynamic library" in hit.line:
        # TensorFlow loads the CUDA/cuDNN of the system (or its [and-cuda] wheels), not torch's
        return {**out, **_own_loader(name, "tensorflow", "tf_cuda")}
    if name == "cudnn" and major:
        out.update(built_for=f"cuDNN {major}", cudnn_major=major)
    if "is not found or cannot be loaded" in hit.line:  # CTranslate2's words: it loads its own
        cu_tag = _cu_tag(major if name.startswith("cublas") else "")  # cuBLAS's major is CUDA's
        return {**out, **_own_loader(name, "ctranslate2", "ctranslate2_cuda"), "cu_tag": cu_tag}
    m = _CUDA_MAJOR.search(text)
    if name.startswith("cublas") and major:
        out.update(built_for=f"CUDA {major}", cuda_major=major)
    elif m:
        out["cuda_major"] = next(g for g in m.groups() if g)
    by = classes.loader(hit)
    if by in classes.torchaudio_users():
        by = "torchaudio"  # pure Python over torchaudio: the CUDA build asking for it is that one
    if name != "cudnn" and not ort and by not in _CUDA_LOADERS:
        # A CUDA runtime library: k2, kaldifeat or torch may need it; a package the log names
        # that is none of them (speechbrain importing torchaudio) does not say whose build it is.
        out["_doubt"] = "loader_other" if by else "loader"
        out["loader"] = by or "?"
    if name != "cudnn" and by in _PAIR_FIX:
        # a torch pair package's CUDA build asks for a CUDA runtime this torch does not ship (a
        # CPU torch, another CUDA): it and torch are of different builds.
        category = "torch_torchaudio_mismatch" if by == "torchaudio" else "torch_extension_mismatch"
        out.update(_category=category, _note=by)
        return {**out, "_extra_fix": evidence.fixes(_PAIR_FIX[by])}
    cudnn_loads = "libcudnn" in hit.line  # cuDNN's own library needs it: a cuDNN install
    if name in _RUNTIME_LIBS and not ort and by in ("", "torch") and not cudnn_loads:
        # not cuDNN: the CUDA runtime itself (curand, cufft, cudart) is absent for a torch built
        # with CUDA (a Jetson or source build on a machine without that CUDA, its pip wheels gone)
        runtime = {"_category": "cuda_runtime_missing", "_note": "runtime", "runtime": name}
        return {**out, **runtime, **evidence.fix_params("cuda_runtime")}
    # cuDNN's class (the other returns above are classes of their own): diagnose re-picks its
    # wheel from this machine's torch
    return {**out, **cudnn_fix(out, None), **classes.k2_cuda_lib(hit), "_cudnn_class": True}


# The CUDA toolkit's runtime libraries, apart from cuDNN and cuBLAS (the project's corpus
# counts a cuBLAS that does not load with cuDNN's: both come as torch's nvidia-* wheels).
_RUNTIME_LIBS = ("cudart", "curand", "cufft", "cusolver", "cusparse", "nvrtc", "nvJitLink")
_CUDA_LOADERS = ("torch", "torchaudio", "torchvision", "k2", "_k2", "kaldifeat", "_kaldifeat")
_PAIR_FIX = {"torchaudio": "torch_reinstall", "torchvision": "torchvision_pair"}


def _own_loader(name: str, note: str, fix: str) -> Params:
    """A program that loads CUDA's libraries itself, not torch's (TensorFlow; CTranslate2 under
    faster-whisper): cuDNN and cuBLAS are cuDNN's class (as everywhere here: both come as
    nvidia-* wheels), the others are CUDA's own."""
    cudnn_class = name in ("cudnn", "cublas", "cublasLt")
    category = "cudnn_missing" if cudnn_class else "cuda_runtime_missing"
    return {"_note": note, "_category": category, "_extra_fix": evidence.fixes(fix)}


def _cu_tag(cuda_major: str) -> str:
    """The nvidia-* wheels' CUDA suffix (cu12), or a placeholder where the major is unknown."""
    return f"cu{cuda_major}" if cuda_major else "cu<CUDA major>"


def cudnn_fix(p: Params, torch_cuda: str | None) -> Params:
    """The fix for a CUDA/cuDNN library: torch's own wheels when torch loads it (no
    LD_LIBRARY_PATH: an exported one would shadow them, which `check` warns about); for
    onnxruntime the nvidia wheels of the right majors, on the loader path of that command only."""
    cuda_major = str(p.get("cuda_major") or (torch_cuda or "").split(".")[0] or "")
    out: Params = {"cu_tag": _cu_tag(cuda_major)}
    cudnn = p.get("cudnn_major")
    out["cudnn_wheel"] = f"nvidia-cudnn-{out['cu_tag']}" + (f"=={cudnn}.*" if cudnn else "")
    if p.get("onnxruntime"):
        out["_extra_fix"] = [*evidence.fixes("cudnn_ort_env"), *evidence.fixes("ort_gpu")]
    else:
        out["_extra_fix"] = evidence.fixes("cudnn_torch")
        out["_note"] = "torch"
    return out


def oom(hit: Hit, scan: ScanResult) -> Params:
    from doctor.explain import memory

    return memory.oom_params(hit, scan)


_NOT_DATA = (
    "/usr/",
    "/opt/",
    "/bin/",
    "/lib/",
    "/etc/",
    "site-packages",
    "dist-packages",
    "/proc/",
)


_PATH_GROUPS = ("path", *(f"path{n}" for n in range(2, 20)))  # the rule's alternatives
_READ_FAILED = re.compile(r"(?i)(?:failed to|could not|cannot|unable to) read")
_AUDIO = (".wav", ".flac", ".mp3", ".ogg")


# The code line a traceback shows above its exception, when it writes the file: a file opened
# for writing (or saved) that is "not found" is one whose folder does not exist.
_WRITES = re.compile(
    r"""\bopen\([^)]*,\s*(?:mode\s*=\s*)?['"][wax]|\.(?:to_csv|to_file|write_text|write_bytes)\("""
    r"""|\b(?:torch\.save|np\.save|numpy\.save|sf\.write|soundfile\.write|torchaudio\.save)\("""
)


_PY_ERRNO2 = re.compile(r"(?:FileNotFoundError|IOError|OSError).*\[Errno 2\]")


def data_file(hit: Hit, scan: ScanResult) -> Params:
    g = hit.groups
    path = next((g[k] for k in _PATH_GROUPS if g.get(k)), "")
    if any(s in path for s in _NOT_DATA) or path.endswith((".py", ".sh")):
        return {"_drop": True}  # a program's files or a script: not data a stage writes
    if not path:
        return {}
    if _NOT_ENOENT.search(hit.line):
        return {"_pass": True}  # the file is there: the errno's own rule says what failed
    if _WRITES.search(evidence.source_line(hit)):
        return output_dir(path)
    if _READ_FAILED.search(hit.line) and path.lower().endswith(_AUDIO):
        # an audio file "failed to read": missing, or in a format the reader does not take
        return {"path": path, "_category": "audio_format_unsupported", "_note": "audio_read",
                "_doubt": "audio_read", "_instead_fix": evidence.fixes("audio_read")}  # fmt: skip
    quoted = re.search(r"'([^'\s]*" + re.escape(path) + r")'", hit.line)
    if quoted:
        path = quoted.group(1)
        hit.groups = {k: v for k, v in hit.groups.items() if not k.startswith("path")}
    if path.startswith("~") and _PY_ERRNO2.search(hit.line):
        # Python opened a path with a literal ~: only a shell expands it to the home folder
        return {"path": path, "_category": "path_not_expanded", "_note": "tilde",
                "_instead_fix": evidence.fixes("tilde_path")}  # fmt: skip
    holder = _PLACEHOLDER.search(path)
    if holder:  # a template's slot left in the path: what fills it was never substituted
        return _placeholder(path, holder.group(0))
    out: Params = {"path": path, **classes.stage_for_path(path)}
    if "stage_of_path" not in out and "stage" not in scan.context:
        out["_extra_fix"] = ["ls -l {path}"]  # no step of a known recipe writes it
        if not re.match(r"[/~]|[A-Za-z]:", path):  # relative: a script here writes it
            parts = [p for p in path.replace("\\", "/").split("/") if p not in ("", ".", "..")]
            out["path_name"] = "|".join(reversed(parts[-2:]))  # the file, or its folder
            out["_extra_fix"].extend(evidence.fixes("find_writer"))
        if not classes.recipe_path(path):
            out["_doubt"] = "generic_path"
    out.update(_outside_recipe(path, [*hit.before, *scan.tail]))
    return out


# A slot of a template left in a path: a shell variable in single quotes or unset ($DIR,
# ${DIR}), a Python format string not formatted ({}, {name}, %s), Kaldi's and icefall's JOB
# of a split (data/split4/JOB/...), which run.pl/queue.pl replace and a plain loop does not.
_PLACEHOLDER = re.compile(
    r"\$\{?[A-Za-z_]\w*\}?|\{[A-Za-z_]?\w*\}|%\(\w+\)[sd]|%[sd]|(?<=[./_-])JOB(?=[./_-])"
)


# HDF5's open error names its errno: any but ENOENT (2) says the file is there (24: too many
# open files).
_NOT_ENOENT = re.compile(r"errno = (?!2,)[0-9]+,|[Tt]oo many open files")


def _placeholder(path: str, slot: str) -> Params:
    """A named slot ($DATA_ROOT, {split}) is found by its name in the scripts; JOB, {} or %s
    in too many lines: by the file's own name."""
    named = re.search(r"\w{3,}", slot) and slot != "JOB"
    needle = slot if named else re.split(r"[/\\]", path)[-1]
    fix = evidence.fixes("placeholder_path")
    return {"path": path, "placeholder": slot, "needle": needle, "_note": "placeholder",
            "_category": "path_not_expanded", "_instead_fix": fix}  # fmt: skip


def output_dir(path: str) -> Params:
    """A file the code writes whose folder does not exist: create the folder, nothing to
    download or prepare."""
    path = path.strip("'\"")
    folder = re.sub(r"[/\\][^/\\]*$", "", path) if re.search(r"[/\\]", path) else "."
    return {"path": path, "path_dir": folder, "_category": "output_dir_missing", "_note": "write",
            "_instead_fix": ["mkdir -p {path_dir}"]}  # fmt: skip


def output_dir_hit(hit: Hit, scan: ScanResult) -> Params:
    out = output_dir(hit.groups.get("path", "") + "/x")
    return {**out, "_note": ""}


# A recipe's script started by a path through egs/<corpus>/<task>/: the command ran from above
# the recipe's folder, where its relative paths (data/, download/, exp/) do not exist.
_FROM_ABOVE = re.compile(
    r"(?:python[0-9.]*\s+|bash\s+|sh\s+|^\$?\s*)(?:\./)?(?P<recipe>egs/[\w.-]+/[\w.-]+)/\S+\.(?:py|sh)\b"
)


def _outside_recipe(path: str, lines: list[str]) -> Params:
    if path.startswith(("/", "~")) or not classes.recipe_path(path):
        return {}
    for line in lines:
        m = _FROM_ABOVE.search(line)
        if m:
            out: Params = {"recipe": m.group("recipe"), "_category": "pythonpath"}
            out.update(_note="outside_recipe", _doubt="wrong_folder")
            out["_extra_fix"] = evidence.fixes("outside_recipe")
            return out
    return {}


_ASSERT_PATH = re.compile(
    r"assert\s+(?:os\.path\.(?:isfile|isdir|exists)\((?P<a>[^)]*)\)"
    r"|(?P<c>[A-Za-z_][\w.]*)\.(?:exists|is_file|is_dir)\(\)"
    r"|Path\((?P<b>[^)]*)\)\.(?:is_f|is_d|exi))"
)


def assert_path(hit: Hit, scan: ScanResult) -> Params:
    """An AssertionError is about data only when the failed assert tested a path."""
    for line in reversed(hit.before[-3:]):
        m = _ASSERT_PATH.search(line)
        if m:
            if m.group("c"):  # `assert args.root.exists()`: an expression, not a path
                return {"path": m.group("c"), "_instead_fix": evidence.fixes("assert_expr")}
            return {"path": (m.group("a") or m.group("b") or "").strip()}
    m = _ASSERT_MESSAGE_PATH.search(hit.line)
    if m:  # `assert p.is_file(), f"{p}"`: the message is the path the recipe expected
        return {"path": m.group("p"), **classes.stage_for_path(m.group("p"))}
    return {"_drop": True}


# An assertion whose whole message is a path of a recipe's data (data/, download/, exp/) or a
# data file (.jsonl.gz, .pt, .txt, ...).
_ASSERT_MESSAGE_PATH = re.compile(
    r"AssertionError:\s*['\"]?(?P<p>(?:\S*/)?(?:data|download|manifests|fbank|exp)/\S+"
    r"|\S+\.(?:jsonl\.gz|lca|scp|ark|wav|flac|txt|pt|onnx|json|model|fst|arpa))['\"]?\s*$"
)


def own_hostname(hit: Hit, scan: ScanResult) -> Params:
    """A gaierror is about this machine's name only when gethostname() was being resolved."""
    if any("gethostname" in line or "get_env_info" in line for line in hit.before[-8:]):
        return {}
    return {"_drop": True}


# Connections between the processes of one training job (torch.distributed's store, NCCL's
# sockets): a refused or reset one there is not a download.
_BETWEEN_RANKS = re.compile(
    r"TCPStore|c10d|server socket has failed|rendezvous|init_process_group"
    r"|MASTER_(?:ADDR|PORT)|\bNCCL\b|ProcessGroup"
)


# pip's own spellings of an index it cannot reach (its "WARNING: Retrying (Retry(...))", its
# vendored urllib3, an index's /simple/ page): the package index is unreachable, not a model
# hub or a corpus. urllib3's own retry warning ("WARNING:urllib3.connectionpool:Retrying") is
# any download's, a model's as well.
_PIP_NET = re.compile(
    r"pip\._vendor|WARNING: Retrying \(Retry\(|/simple/|Looking in (?:indexes|links)"
    r"|Could not fetch URL"
)
_HUB = re.compile(
    r"hugging ?face|hf_hub|HF_HUB|HF_ENDPOINT|snapshot_download|from_pretrained|cache snapshot"
    r"|LocalEntryNotFoundError|RepositoryNotFoundError|\(Request ID: ",
    re.I,
)


# What a failed download was fetching, when it is a model or data (the hub, a data set, NLTK's
# data, a checkpoint or an archive): the data family, as the issue counts a download behind a
# firewall. A package index or a git remote is not.
_DATA_DOWNLOAD = re.compile(
    r"load_dataset|datasets[/\\]|nltk|torch\.hub|hub\.load|modelscope|load_model|/resolve/"
    r"|-m (?!pip\b)\w+ download\b"  # a package's own data download (python -m unidic download)
    r"|Couldn't reach|ContentTooShortError|retrieval incomplete"
    r"|\.(?:bin|pt|pth|ckpt|onnx|safetensors|gguf|h5|npz|tar\.gz|tgz|zip|tar|tsv|csv"
    r"|jsonl)\b",
    re.I,
)


def download(hit: Hit, scan: ScanResult) -> Params:
    text = context_text(hit)
    if _PIP_NET.search(text):
        return {"_note": "pip_index", "_instead_fix": evidence.fixes("pip_unreachable")}
    if re.search(r"fatal: unable to access|RPC failed; curl", hit.line):  # git's transport
        return {"_instead_fix": evidence.fixes("git_network")}
    # what was fetched may be named far above a long traceback (Vocos.from_pretrained(...))
    wide = "\n".join([text, *scan.tail[-60:]])
    hub = bool(_HUB.search(wide))  # the mirror variable only reaches huggingface_hub
    data = hub or bool(_DATA_DOWNLOAD.search(wide))
    out: Params = {"_instead_fix": evidence.fixes("hub_unreachable") if hub else []}
    if data:
        out["_category"] = "data_missing"
        out["_instead_fix"] = out["_instead_fix"] or evidence.fixes("data_offline")
    m = re.search(r"(https?://[^\s'\"]+)", text)
    if not m and _BETWEEN_RANKS.search(text):
        return {"_drop": True}
    if not m:
        return out
    url = m.group(1).rstrip(").,")
    name = url.rsplit("/", 1)[-1] or "download"
    out["_instead_fix"] = [*out["_instead_fix"], "{manual_download}"]
    out["url"] = url
    out["manual_download"] = msg(
        "fixtext.commented",
        cmd=f"wget -c {quote(url)} -O {quote('download/' + name)}",  # the log's words
        comment=msg("fixtext.by_hand"),
    )
    return out


# The port a bind failed on: ('0.0.0.0', 9872), [host]:10086, "port 12354", MASTER_PORT: 10086.
_PORT = re.compile(
    r"bind on address \([^)]*?,\s*(?P<a>[0-9]{2,5})\)|\]:(?P<b>[0-9]{2,5})\b"
    r"|\bport\b[ :=]*(?P<c>[0-9]{2,5})\b|MASTER_PORT\W*(?P<d>[0-9]{2,5})\b",
    re.I,
)


def port_in_use(hit: Hit, scan: ScanResult) -> Params:
    """Who holds the port (the system's own tool), and, for a training job's rendezvous, a
    free --master-port; a web UI or server started twice is told to stop the first one."""
    text = context_text(hit)
    m = _PORT.search(hit.line) or _PORT.search(text)  # the failing line's own port first
    port = next(v for v in m.groups() if v) if m else ""
    windows = "_windows" if classes.windows_log(text) else ""
    who = evidence.fixes(("port_holder" if port else "port_listeners") + windows)
    free = str(int(port) + 1) if port.isdigit() and int(port) < 65535 else "12356"
    params: Params = {"port": port, "free_port": free, "_extra_fix": who}
    if not _BETWEEN_RANKS.search(text) and "RuntimeError" not in hit.line:  # c10d's type
        note = "server" if port else "server_any"
        params.update(_category="port_in_use", _note=note, _instead_fix=who)
    return params


def container_need(hit: Hit, scan: ScanResult) -> Params:
    """nvidia-container-cli's requirement, its line wrapped in a pasted log ("unsatisfied
    condi" / "tion: cuda >= 9.0"): the CUDA the image needs, from the next line."""
    if hit.groups.get("need"):
        return {}
    m = re.search(r"cuda ?>= ?([0-9.]+)", " ".join(hit.after[:2]))
    return {"need": m.group(1)} if m else {"_drop": True}


def rendezvous_cut(hit: Hit, scan: ScanResult) -> Params:
    """Only where the pasted log ends at the rendezvous: an exception below it says more."""
    if scan.lines - hit.line_no > 2:
        return {"_drop": True}
    return {**port_in_use(hit, scan), "_category": "ddp_port_in_use"}


def onnx(hit: Hit, scan: ScanResult) -> Params:
    frames = user_frames([*hit.before, hit.line])
    script = next(
        (p for p, _ in reversed(frames) if "export" in p), frames[-1][0] if frames else ""
    )
    return {"script": script} if script else {"script": "./matcha/export_onnx.py"}


EXTRACTORS: dict[str, Extractor] = {
    "module": module,
    "module_named": module_named,
    "output_dir": output_dir_hit,
    "distribution": distribution,
    "please_install": please_install,
    "pip_build": pip_build,
    "build_error": build_error,
    "cpp_what": cpp_what,
    "k2_torch": k2_torch,
    "torchaudio_pair": torchaudio_pair,
    "k2_version_report": k2_version_report,
    "k2_cuda": k2_cuda,
    "k2_symbol": k2_symbol,
    "python_version": python_version,
    "libstdcxx": libstdcxx,
    "glibc": glibc,
    "driver": driver,
    "arch": arch,
    "cuda_lib": cuda_lib,
    "oom": oom,
    "data_file": data_file,
    "download": download,
    "assert_path": assert_path,
    "own_hostname": own_hostname,
    "onnx": onnx,
    "port_in_use": port_in_use,
    "rendezvous_cut": rendezvous_cut,
    "container_need": container_need,
    **classes.EXTRACTORS,
}
