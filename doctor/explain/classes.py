"""Classes of error, with knowledge as data (classes.toml): a library that does not load and who
loaded it, an undefined symbol and whose API it is, a program not found, an OS errno, an HTTP
status, a signal. Each extractor reads the hit's line and its bounded context, looks the names
up in the tables, and returns the parameters (and the category) of the diagnosis.

Every fix these give is a named list in classes.toml [fixes]: ``fix_params(name)``. The classes
of the import path (a name a module lacks, a module no table knows) are in imports.py; what
both read of a hit is in evidence.py.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from doctor.explain import evidence, imports, structure
from doctor.explain.evidence import Params, fix_params, fixes
from doctor.explain.knowledge import known_distribution, module_fix
from doctor.explain.model import MATCH_SPAN, Hit
from doctor.explain.scan import ScanResult
from doctor.fixer.render import quote
from doctor.knowledge import torch_builds
from doctor.msgtype import Msg, msg

# --- who loaded it ------------------------------------------------------------------------

_LOADERS = ("k2", "_k2", "kaldifeat", "torchaudio", "sherpa_onnx", "onnxruntime", "lhotse",
            "kaldifst", "kaldilm", "torch")  # fmt: skip
_IMPORT = re.compile(
    r"^\s*(?:>>>\s*|In \[\d+\]:\s*|-*>\s*\d+\s+|\$?\s*python[\d.]*\s+-c\s+['\"](?:[^'\"]*;\s*)?)?"
    r"(?:import|from)\s+(?P<mod>[A-Za-z_][\w]*)"
)
_REQUIRED_BY = re.compile(r"required by (?P<by>[^)\s]+)")


def loader(hit: Hit) -> str:
    """The package that tried to load the library: `required by`, the innermost frame in an
    installed package, or the import statement shown above the error."""
    m = _REQUIRED_BY.search(hit.line)
    if m:
        return _package_in(m.group("by")) or ""
    own = evidence.own_error(hit)
    if own is not None:
        for frame in reversed(own.frames):
            if frame.package and frame.package not in ("stdlib", "<string>"):
                return frame.package
    for line in [hit.line, *reversed(hit.before[-12:])]:  # a session pasted on one line first
        im = _IMPORT.match(line)
        if im:
            return im.group("mod")
    # the next lines may name the library that failed ("Could not load this library: .../x.so")
    following = [line for line in hit.after[:2] if "load" in line.lower()]
    return next((p for p in map(_package_in, [hit.line, *following]) if p), "")


def torchaudio_users() -> frozenset[str]:
    """Pure-Python packages whose only CUDA-built dependency besides torch is torchaudio."""
    return frozenset(evidence.data()["torchaudio_users"]["packages"])


def _package_in(text: str) -> str:
    pkg = structure.package_of(text)
    if pkg and pkg not in ("stdlib", "<string>"):
        return pkg
    low = text.lower()
    # A whole name: "torch." inside "libtorch.so" is torch's library, not torch loading it.
    return next((p for p in _LOADERS if re.search(rf"(?<![\w]){p}(?:/|\.)", low)), "")


# --- shared libraries -------------------------------------------------------------------------


def _macos_lib(hit: Hit) -> Params:
    """A macOS library no table knows: the file the loader looked for (not an @rpath name,
    which is no file to list) and where macOS libraries come from; never apt-get."""
    path = hit.groups.get("path", "")
    if path.startswith("@"):
        hit.groups["path"] = ""
        return {"_extra_fix": fixes("dylib_lib")}
    return {"path": path, "_extra_fix": fixes("dylib_lib")}


def soname(hit: Hit, scan: ScanResult) -> Params:
    lib = hit.groups.get("lib", "") or hit.groups.get("lib2", "")
    lib = lib or hit.groups.get("path", "")
    lib = re.split(r"[/\\]", lib)[-1]  # a Windows path too (C:\\...\\libtorchaudio.pyd)
    by = loader(hit)
    needed = msg("explain.lib.needed_by", loader=by) if by else ""  # no "(needed by ?)"
    out: Params = {"lib": lib, "loader": by or "?", "needed": needed}
    out["lib_stem"] = re.sub(r"\.(so|dylib|dll|pyd).*$", "", lib)
    out["lib_stem_re"] = out["lib_stem"].replace("+", ".")  # libstdc++: + is apt's regex
    found = [e for e in evidence.data()["soname"] if lib.startswith(e["prefix"])]
    entry = (
        max(found, key=lambda e: len(e["prefix"])) if found else None
    )  # libtorchaudio, not libtorch
    if entry is None and _BUNDLED.search(lib):
        return {**out, **_bundled(lib, by)}
    if entry is None:
        out["provider"] = "?"
        out["_note"] = "unknown"
        out["_extra_fix"] = fixes("apt_lib")
        return {**out, **_macos_lib(hit)} if lib.endswith(".dylib") else out
    out["provider"] = entry["provider"]
    by_cat = entry.get("by", {})
    out["_category"] = by_cat.get(by, entry["category"])
    if entry.get("unsure_without_loader") and by and by not in by_cat and by not in _TORCH_OWN:
        # torch's library, loaded by another package's extension (wenetruntime, a custom op):
        # torch is missing or not imported first; not a torchaudio or k2 matter.
        out["_category"] = "shared_library_missing"
        out["_extra_fix"] = fixes("torch_for_extension")
        return out
    if entry.get("unsure_without_loader") and not by:
        out["_doubt"] = "loader"  # who loads it decides the class, and the log does not say
    if out["_category"] in ("k2_import_failure", "k2_torch_mismatch") and by in _K2_LOADERS:
        out["_extra_fix"] = []
        out["_plan_fix"] = ["{k2_plan}"]
        # torch's own core library (libc10.so, not libc10_cuda): found once torch is imported;
        # a torch reinstall would not help a torch that is there
        core = by in ("k2", "_k2") and entry["provider"] == "torch"
        out["_fallback_fix"] = fixes("k2_torch_libs" if core else "torch_reinstall")
        out["_note"] = "k2_torch_core" if core else "k2_torch"
    else:
        out["_extra_fix"] = fixes(entry["fix"])
    m = re.search(r"libpython(\d\.\d+)", lib)
    if m:
        out["py_version"] = m.group(1)
    return out


# A library a wheel carries inside itself, renamed by auditwheel with a hash of its contents
# (libsherpa_cpp_api-811695b3.so, libavutil-6d1e6b7c.so.58).
_BUNDLED = re.compile(r"-[0-9a-f]{8}\.(?:so|dylib)")


def _bundled(lib: str, by: str) -> Params:
    """A library only its wheel has: that wheel's install is broken or incomplete; apt has
    nothing to give. The wheel is the loader's, else the one named like the library."""
    stem = re.sub(r"-[0-9a-f]{8}\..*$", "", lib)
    first = re.split(r"[_.-]", stem.removeprefix("lib"), maxsplit=1)[0]
    dist = (by and known_distribution(by)) or known_distribution(first) or by or first
    return {"provider": dist, "dist": dist, "lib_stem": stem, "_note": "bundled",
            "_extra_fix": fixes("bundled_lib")}  # fmt: skip


_K2_LOADERS = ("k2", "_k2", "kaldifeat", "_kaldifeat")
_TORCH_OWN = ("torch", "torchaudio", "torchvision")  # torch's own packages: the entry's class


def k2_cuda_lib(hit: Hit) -> Params:
    """A CUDA runtime library that k2 (or kaldifeat) loads and cannot find: the wheel was built
    for another CUDA than this torch's. The k2 plan gives the matching wheel."""
    if loader(hit) not in _K2_LOADERS:
        return {}
    return {"_category": "k2_torch_mismatch", "_note": "k2", "_extra_fix": [],
            "_plan_fix": ["{k2_plan}"], "_fallback_fix": fixes("k2_reinstall")}  # fmt: skip


_WRAPPED_DLL = re.compile(r"(?P<path>[^\"\s]*?(?P<module>[A-Za-z0-9_]+)\.(?:dll|pyd))[\"”]")


def dll(hit: Hit, scan: ScanResult) -> Params:
    wrapped = _WRAPPED_DLL.search(hit.after[0]) if hit.after else None
    if not hit.groups.get("module") and wrapped and hit.line.rstrip().endswith("Error loading"):
        hit.groups.update(path=wrapped.group("path"), module=wrapped.group("module"))
    mod = hit.groups.get("module", "")
    known = {"_sherpa_onnx": "sherpa-onnx", "_k2": "k2", "_kaldifeat": "kaldifeat"}.get(mod)
    dist = known or mod.lstrip("_").replace("_", "-") or msg("fixtext.the_package")
    owner = structure.package_of(hit.groups.get("path", ""))
    frames = evidence.frames(hit)
    init = frames[-1] if frames and frames[-1].path.endswith("__init__.py") else None
    if owner in ("", "stdlib", "<string>") and init and not known:
        owner = init.package  # `from onnx.onnx_cpp2py_export import` in onnx/__init__.py
    if owner not in ("", "stdlib", "<string>"):
        dist = owner  # a DLL inside an installed package (torch\lib\c10.dll) is that package's
    out: Params = {"module": mod or "?", "dist": dist, **fix_params("dll")}
    procedure = any(w in hit.line for w in evidence.data()["windows_dll"]["procedure"])
    via_torch = any(f.path.replace("\\", "/").endswith("torch/_ops.py") for f in frames)
    torchaudio = (
        dist == "torchaudio"
        or "torchaudio" in hit.groups.get("path", "").lower()
        or any(f.package == "torchaudio" for f in frames)
        or (via_torch and "torchaudio" in "\n".join([evidence.hit_text(hit), *scan.tail]).lower())
    )  # its _load_lib("libtorchaudio") frames, or torch's load_library with torchaudio named
    if mod.lower().startswith("cudnn") and not procedure and "1455" not in hit.line:
        # torch's own cuDNN (torch\lib\cudnn_*64_8.dll) or a DLL it needs does not load
        out.update(_category="cudnn_missing", _note="cudnn_dll", _extra_fix=fixes("cudnn_dll"))
        return out
    if procedure and torchaudio:
        out.update(dist="torchaudio", _category="torch_torchaudio_mismatch", _note="procedure")
        out["_extra_fix"] = fixes("torch_reinstall")
    elif procedure and dist in ("k2", "kaldifeat"):
        # A procedure (symbol) the DLL lacks, not a DLL not found: k2 was built against
        # another torch (Linux says "undefined symbol").
        out.update(_category="k2_torch_mismatch", _note="procedure")
        out.update(_extra_fix=[], _plan_fix=["{k2_plan}"], _fallback_fix=fixes("torch_reinstall"))
    elif procedure and owner in ("", "stdlib", "<string>") and mod and dist not in _NO_TORCH:
        # a compiled extension module whose DLL lacks a procedure of a library it links: for
        # the CUDA kernels of ML packages, most often torch (a wheel for another torch or
        # CUDA); the package whose code imports it installed it. A lead
        importer = next((f.package for f in reversed(frames) if f.package), "")
        out.update(_category="torch_extension_mismatch", _note="procedure", _doubt="procedure")
        out.update(dist=importer or dist, _extra_fix=fixes("win_procedure"))
    return out


# Compiled modules that do not link torch: a procedure they lack is another library's version.
_NO_TORCH = ("sherpa-onnx", "onnxruntime", "onnxruntime-gpu", "kaldi-native-fbank")


def ort_load(hit: Hit, scan: ScanResult) -> Params:
    code = hit.groups.get("code", "")
    text = evidence.hit_text(hit)
    dist = "sherpa-onnx" if "sherpa" in text.lower() else "onnxruntime-gpu"
    out: Params = {"code": code, "dist": dist}
    if code == "126" and "providers_cuda" in text:
        out.update(_category="cudnn_missing", _note="cuda_deps")
        out.update(cudnn_wheel="nvidia-cudnn-cu12", cu_tag="cu12")
        out["_extra_fix"] = fixes("cudnn_ort")
    else:
        out["_extra_fix"] = fixes("ort_provider")
    return out


# --- undefined symbols -----------------------------------------------------------------------

_OWNERS = {
    "torchaudio": "torch_torchaudio_mismatch",
    "torchvision": "torch_extension_mismatch",  # a compiled extension of torch, made per release
    "_torch_sox": "torch_torchaudio_mismatch",
    "libtorchaudio": "torch_torchaudio_mismatch",
    "k2": "k2_torch_mismatch",
    "_k2": "k2_torch_mismatch",
    "kaldifeat": "k2_torch_mismatch",
    "_kaldifeat": "k2_torch_mismatch",
}


_DRIVER_API = re.compile(r"_?(?:cu|nvml)[A-Z][A-Za-z0-9]*(?:_v[0-9]+)?")  # libcuda, NVML


def symbol_library(symbol: str, expected_in: str = "") -> str:
    """The library whose API the symbol is: its C++ namespace (c10::, at::), the prefix of a C
    name (macOS adds a leading _: _torch_library_impl), or the library macOS expected it in."""
    if _DRIVER_API.fullmatch(symbol):
        return "libcuda"  # driver API (cuTensorMapEncodeTiled, nvmlInit_v2): an old one lacks it
    readable = structure.demangle(symbol)
    first = readable.split("::", 1)[0]
    if readable == symbol:  # not a mangled C++ name
        first = symbol.lstrip("_").split("_", 1)[0]
    for entry in evidence.data()["symbol"]:
        if first in entry["namespace"]:
            return str(entry["library"])
        if readable == symbol and first.startswith(tuple(entry.get("prefixes", ()))):
            return str(entry["library"])
    owner = structure.package_of(expected_in)
    if owner in ("torch", "k2", "onnxruntime"):
        return owner
    return ""


_EXPECTED_IN = re.compile(r"^\s*Expected in:\s*(?:<[^>]*>\s*)?(?P<path>\S+)")


def _expected_in(hit: Hit) -> str:
    """macOS's dyld names the library it looked in for the symbol on a line below."""
    for line in hit.after[:3]:
        m = _EXPECTED_IN.match(line)
        if m:
            return m.group("path")
    return ""


def _symbol(hit: Hit) -> str:
    """The undefined symbol's name: markdown's bold (**...**) around the message taken off and
    the underscores it ate inside the name put back; a name a terminal wrapped onto the next
    line read from there."""
    symbol = hit.groups.get("symbol", "").rstrip("*").replace("*", "_")
    if symbol:
        hit.groups["symbol"] = symbol  # what is shown: the name as it is, without the markdown
    elif hit.after and re.match(r"\s*_+Z\w+$", hit.after[0]):
        symbol = hit.after[0].strip()
    return symbol


def undefined_symbol(hit: Hit, scan: ScanResult) -> Params:
    lib = hit.groups.get("lib", "") or hit.groups.get("exe", "")  # a program's own name
    if not lib:  # the path ended the line above ("ImportError: /x/_torch_sox.so:")
        m = re.search(r"(\S+\.(?:so|dylib)[^\s:]*):?\s*$", hit.before[-1] if hit.before else "")
        lib = m.group(1) if m else ""
    symbol = _symbol(hit)
    name = lib.replace("\\", "/").rsplit("/", 1)[-1]
    owner = structure.package_of(lib) or name.split(".")[0]
    against = symbol_library(symbol, _expected_in(hit))
    readable = symbol_name = structure.demangle(symbol) if symbol else "?"
    if symbol and readable != symbol:  # the C++ name, and the symbol as the loader wrote it
        hit.groups["symbol"] = readable = f"{readable} ({symbol})"
    out: Params = {
        "lib": name or "?",
        "symbol": readable,
        "symbol_name": symbol_name,
        "mangled": symbol,
        "owner": owner or "?",
        "against": against or "?",
    }
    category = next((c for k, c in _OWNERS.items() if name.startswith(k) or owner == k), "")
    if category == "k2_torch_mismatch" and against == "k2":
        # k2's own function missing from k2's own library: parts of two k2 installs
        out.update(_note="k2_parts", _extra_fix=[*fixes("k2_parts"), *fixes("k2_reinstall")])
        out["_category"] = "k2_import_failure"
        return out
    if owner == "torch" and against == "torch":
        # torch's own library lacks torch's own symbol: files of two torch installs are mixed
        # (one left in site-packages, another libtorch/libc10 on LD_LIBRARY_PATH)
        out.update(_note="torch_parts", _category="torch_install_mixed",
                   _extra_fix=fixes("torch_parts"))  # fmt: skip
        return out
    tv = owner == "torchvision" or name.startswith("torchvision")
    if category == "torch_torchaudio_mismatch" or tv:
        out["_extra_fix"] = fixes("torchvision_pair" if tv else "torch_reinstall")
    elif category:  # k2 or kaldifeat built for another torch: the k2 plan where known
        out["_plan_fix"] = ["{k2_plan}"]
        out["_extra_fix"] = fixes("k2_reinstall")
    elif against == "torch" and not lib:
        # torch's symbol, missing from a library the log does not name: most often torchaudio
        # (installed apart from torch, another release); k2 and kaldifeat name their .so.
        category = "torch_torchaudio_mismatch"
        out.update(_doubt="symbol_owner", _note="no_lib", _extra_fix=fixes("torch_reinstall"))
    elif against == "torch":
        category = "torch_extension_mismatch"
        out.update(_rebuild_fix(lib, owner))
    elif against == "libcuda":  # the driver that loads is older than the CUDA it was built for
        category = "cuda_driver_too_old"
        out.update(_note="driver_api", _extra_fix=fixes("driver_api"))
    elif against == "cudnn":  # the cuDNN that loads is older than the one the binary needs
        category = "cudnn_missing"
        out["_extra_fix"] = fixes("cudnn_status")
    elif not symbol and owner in evidence.data()["torch_extensions"]["names"]:
        # a torch extension whose symbol the log does not show: most often built for another
        # torch than the one installed (a lead)
        category = "torch_extension_mismatch"
        out.update(_doubt="symbol_unseen", **_rebuild_fix(lib, owner))
    else:
        category = "undefined_symbol"
        out.update(_symbol_of_another_build(lib, against))
    out["_category"] = category
    return out


def _symbol_of_another_build(lib: str, against: str) -> Params:
    """What to look at when no class names the cause: what the library needs (nm), and no
    guessed owner in the sentence when no table names the symbol's library."""
    needs = msg(
        "fixtext.commented", cmd="nm -D {lib_path} | grep -c ' U '", comment=msg("fixtext.nm")
    )  # a template: the log's path goes in as one quoted word
    out: Params = {"lib_path": lib, "_extra_fix": [needs] if lib else []}
    if not against:
        out["_note"] = "owner_unknown"
    return out


# --- programs, errno, signals ---------------------------------------------------------------


_PY_EXTENSION = re.compile(r"\.(?:cpython-\d+|abi3|pypy\d*)[\w.-]*\.(?:so|pyd)$")
_SITE_DIR = re.compile(r"^(?P<site>.*[/\\](?:site|dist)-packages)[/\\]")


_EGG = re.compile(r"/(?P<dist>[A-Za-z0-9_.]+?)-[0-9][^/]*\.egg/")


def _rebuild_fix(lib: str, owner: str) -> Params:
    """An extension built against another torch is rebuilt against the one installed: through
    its distribution where a map knows the import name (a module name is no distribution:
    apex installs amp_C); else the distribution that installed the file (its RECORD names it);
    else its source tree, the folder above the package the file sits in (an in-place build)."""
    dist = known_distribution(owner.lstrip("_")) if owner else ""
    if dist:
        reinstall = (
            "{py} -m pip install --force-reinstall --no-cache-dir --no-build-isolation {dist}"
        )
        return {"dist": dist, "_extra_fix": [reinstall]}
    name = posixpath.basename(lib.replace("\\", "/"))
    egg = _EGG.search(lib.replace("\\", "/"))
    if egg:
        return {"dist": egg.group("dist"), "_extra_fix": fixes("rebuild_egg")}
    site = _SITE_DIR.match(lib)
    if site:
        return {
            "dist": "?",
            "site": site.group("site"),
            "file": name,
            "_extra_fix": fixes("rebuild_owner"),
        }
    folder = posixpath.dirname(posixpath.dirname(lib.replace("\\", "/")))
    if folder in ("", "/") or not _PY_EXTENSION.search(name):  # no tree to name
        return {"dist": "?"}
    return {"dist": "?", "src": folder, "_extra_fix": fixes("rebuild_source")}


def command(hit: Hit, scan: ScanResult) -> Params:
    g = hit.groups
    for alias in ("cmd5", "cmd6", "cmd7"):  # "Could not find "cmake" executable", "ffmpeg was
        if g.get(alias):  # not found", "CMake must be installed to build"
            g.setdefault("cmd3", g[alias].lower().replace(" ", "-"))  # "eSpeak NG", "Git LFS"
    if g.get("cmd4") and not (_program_run(hit) or is_command(g["cmd4"])):
        return {"_drop": True}  # a bare relative file name that a script opened: not a program
    lang = g.get("lang") or g.get("lang2") or ""
    named = g.get("cmd") or g.get("cmd2") or g.get("cmd3") or g.get("cmd4")
    cmd = named or _COMPILERS.get(lang, "?")
    if g.get("lfs"):
        cmd = "git-lfs"
    entry = next((e for e in evidence.data()["command"] if e["name"] == cmd), None)
    out: Params = {"cmd": cmd}
    script = console_script(cmd)
    if script:
        out.update(dist=script, _category="missing_module", _note="console_script")
        out["_extra_fix"] = fixes("console_script")
    elif entry is not None:
        out["_extra_fix"] = fixes(entry["fix"])
    elif cmd != "?":
        out["_extra_fix"] = ["which {cmd}; apt-cache search --names-only {cmd} | head"]
    else:
        out["_note"] = "unnamed"
    if (g.get("cmd3") or g.get("cmd4")) and "_note" not in out:
        out["_note"] = "program"  # subprocess started it: no shell, no exit code 127
    return out


def is_command(name: str) -> bool:
    """A program the [[command]] table knows (ffmpeg, sox, cmake)."""
    return any(e["name"] == name.lower() for e in evidence.data()["command"])


def console_script(cmd: str) -> str:
    """The pip distribution that installs the command ``cmd`` (its console script), or ""."""
    for entry in evidence.data()["console_script"]:
        if cmd in entry["names"] or cmd.startswith(tuple(entry.get("prefixes", ()))):
            return str(entry["dist"])
    return ""


_COMPILERS = {"CUDA": "nvcc", "CXX": "g++", "C": "gcc"}
_PATH_IN = re.compile(
    r"""['"](?P<p>[^'"\s]*[/\\.][^'"\s]*)['"]|(?:^|(?<=\s))(?P<q>(?:/|\./)[^\s:'"]+)"""
)


_OS_ERROR_PATH = re.compile(r"""\]\s[^'"]*?:\s(?:'(?P<p>[^'\n]+)'|"(?P<q>[^"\n]+)")\s*$""")


def errno(hit: Hit, scan: ScanResult) -> Params:
    line = hit.line.lower()  # the scan matches letters of either case: so does this
    entry = next(
        (e for e in evidence.data()["errno"] if any(t.lower() in line for t in e["text"])), None
    )
    if entry is None:
        return {"_drop": True}
    if "</torch_" in hit.line and entry["name"] == "ENOSPC":
        return {"_drop": True}  # torch's shared memory (/dev/shm) is full, not a disk
    out: Params = {"errno": entry["name"], "_category": entry["category"], "_note": entry["name"]}
    out["path_text"], out["df_targets"] = "", "."
    # Python's OSError ends with the path quoted (spaces and quotes inside it kept)
    quoted = _OS_ERROR_PATH.search(hit.line[-MATCH_SPAN:])
    m = _PATH_IN.search(hit.line.split(entry["text"][0], 1)[-1]) or _PATH_IN.search(hit.line)
    found = quoted or m
    path = (found.group("p") or found.group("q")) if found else ""
    if path:
        out.update(_path_params(path))
    out.update(_two_ends(hit.line, entry["name"]))
    out["_extra_fix"] = fixes(entry["fix"])
    return out


# Python's OSError of a rename or a link names both ends: 'src' -> 'dst'.
_TWO_PATHS = re.compile(r"""'(?P<src>[^'\n]+)' -> '(?P<dst>[^'\n]+)'""")


def _two_ends(line: str, name: str) -> Params:
    """An error of a rename, link or symlink names both ends ('src' -> 'dst'). Across file
    systems (EXDEV) both folders matter: df compares them. Otherwise the path that is in the
    way is the destination (EEXIST: the link or file to be made is already there)."""
    m = _TWO_PATHS.search(line[-MATCH_SPAN:])
    if m is None:
        return {}
    src, dst = m.group("src"), m.group("dst")
    if name != "EXDEV":
        return _path_params(dst)
    out = _path_params(src)
    out.update(path_text=f": {src} -> {dst}", df_targets=f"{quote(out['path_dir'])} "
               f"{quote(posixpath.dirname(dst) or '.')}")  # fmt: skip
    return out


def _path_params(path: str) -> Params:
    """The path an OS error names, its folder, the words that show it, and what df looks at."""
    folder = posixpath.dirname(path) or "."
    return {"path": path, "path_dir": folder, "path_text": f": {path}",
            "df_targets": f". {quote(folder)}"}  # a fragment: quoted here  # fmt: skip


def dataloader_killed(hit: Hit, scan: ScanResult) -> Params:
    return fix_params("dataloader_killed" if "DataLoader" in hit.line else "process_killed")


# --- network --------------------------------------------------------------------------------

_URL = re.compile(r"https?://[^\s'\"<>)]+")
_DATA_URL = re.compile(
    r"\.(?:tar\.gz|tgz|tar|zip|flac|wav|mp3|bz2|xz|jsonl\.gz|pt|onnx|bin)\b|openslr|/datasets?/"
    r"|/resolve/|/api/models/|download"
)


_DATA_WORDS = ("prepare", "download", "lhotse", "urlretrieve", "wget", "curl", "fetch", "hf_hub")
_INDEX_URL = re.compile(r"\.whl\b|/simple/|/whl/|\.html$")
_PIP = re.compile(r"\bpip\b|Looking in (?:indexes|links)|Collecting |Could not install")


def http(hit: Hit, scan: ScanResult) -> Params:
    status = hit.groups.get("status", "")
    m = _URL.search(hit.line) or _URL.search(evidence.hit_text(hit))
    out: Params = {"status": status, "url_text": ""}
    if m:
        url = m.group(0).rstrip(".,;:")
        out.update(url=url, url_file=url.rsplit("/", 1)[-1].split("?")[0] or "download")
        out["url_text"] = f" for {url}"
    text = evidence.hit_text(hit)
    data = bool(m and _DATA_URL.search(m.group(0))) or "stage" in scan.context
    data = data or any(w in text for w in _DATA_WORDS)
    # A 4xx is data or a model that is not there, unless pip asked a package index for it.
    package = bool(m and _INDEX_URL.search(m.group(0))) or (not data and bool(_PIP.search(text)))
    if status.startswith("4") and not package:
        out["_category"] = "data_missing"
        out["_extra_fix"] = fixes("http_data")
        return out
    if status.startswith("5") and data:  # the server failed: the data or model is not had
        out["_category"] = "data_missing"
    out["_extra_fix"] = fixes("http_other")
    return out


# --- builds ---------------------------------------------------------------------------------


def nvcc_torch(hit: Hit, scan: ScanResult) -> Params:
    text = evidence.hit_text(hit)
    nvcc = hit.groups.get("nvcc") or hit.groups.get("nvcc2") or hit.groups.get("nvcc3") or ""
    nvcc = nvcc or _first(r"current running CUDA version is: ([0-9]+\.[0-9]+)", text)
    torch = _first(r"compile\s*PyTorch \(([0-9.]+)\)", text) or hit.groups.get("torch_built", "")
    torch = torch or _first(r"compiled with CUDA ([0-9.]+)", text)
    torch = torch or _first(r"Pytorch binaries were compiled with Cuda ([0-9]+\.[0-9]+)", text)
    nvcc = nvcc or _first(r"release ([0-9]+\.[0-9]+), V[0-9]", text)  # nvcc --version's words
    out: Params = {"nvcc_cuda": nvcc or "?", "torch_cuda_built": torch or "?"}
    if not nvcc and torch:
        out["_note"] = "nvcc_unseen"  # the build's check names torch's CUDA only
    if torch:
        out["torch_cuda_major_minor"] = ".".join(torch.split(".")[:2])
    channel = torch_builds.channel_for_cuda(nvcc) if nvcc else None
    if channel:  # the newest torch channel nvcc builds for (nvcc 12.2: cu121; no cu122 exists)
        out["nvcc_tag"] = channel[2:]
        out["nvcc_index"] = torch_builds.index_url(channel)
    return {**out, **fix_params("nvcc_torch")}


def _first(pattern: str, text: str) -> str:
    m = re.search(pattern, text)
    return m.group(1) if m else ""


def build_dir(hit: Hit, scan: ScanResult) -> Params:
    target = hit.groups.get("target", "")
    return {"missing_dir": posixpath.dirname(target) or ".", **fix_params("build_ext_dir")}


def arch_value(hit: Hit, scan: ScanResult) -> Params:
    if hit.groups.get("arch"):
        # k2's CMake predates this GPU: the GPU is what the software does not support yet
        out: Params = {"arch": hit.groups["arch"], "_note": "k2_cmake"}
        out["_category"] = "cuda_arch_unsupported"
        out["_extra_fix"] = [
            msg("fixtext.commented", cmd="cd k2 && git pull", comment=msg("fixtext.k2_cmake")),
            "{py} -m pip install k2=={k2_version} -f {k2_page_url}",
        ]
        return out
    sm = hit.groups.get("sm") or hit.groups.get("sm2") or "?"
    if "'gpu-name'" in hit.line and "triton" in evidence.hit_text(hit).lower():
        # the ptxas Triton bundles (torch.compile's kernels) predates this GPU: no build of
        # the user's to configure, a newer torch and its Triton are the way out
        return {"arch": f"sm_{sm}", "_note": "triton", "_category": "cuda_arch_unsupported",
                **fix_params("triton_ptxas")}  # fmt: skip
    return {"arch": f"sm_{sm}", **fix_params("cuda_arch_value")}


def driver_unconfirmed(hit: Hit, scan: ScanResult) -> Params:
    """The driver message alone: a container or machine without the GPU passed through says the
    same; diagnose lifts the doubt when this machine's driver is known to be older."""
    return {"_doubt": "driver_or_container"}


# --- imports --------------------------------------------------------------------------------


_RECIPE_DIR = re.compile(r"(?:^|[/\\])(?P<rel>(?:data|download)[/\\].+)$")


def recipe_path(path: str) -> str:
    """The part of a path inside a recipe's directory (data/..., download/...), or ""."""
    m = _RECIPE_DIR.search(path)
    if m is None or (m.start() == 0 and path[:1] in ("/", "\\")):
        return ""  # /data/... at the root of the file system is not a recipe's data/
    return m.group("rel").replace("\\", "/")


def stage_for_path(path: str) -> Params:
    """The prepare.sh stage that writes a missing path, from the recipes' stage outputs and
    markers: the same file first, else the same folder (the earliest stage writing there)."""
    rel = recipe_path(path)
    if not rel:
        return {}
    try:
        from doctor.recipe.model import all_recipes
    except ImportError:  # the recipes are optional for explain
        return {}
    folder = posixpath.dirname(rel)
    same_dir: list[tuple[int, str]] = []
    for recipe in all_recipes():
        for stage in recipe.stages:
            for out in (*stage.outputs, *stage.markers):
                if out == rel or rel.startswith(out.rstrip("/") + "/"):
                    return _stage_params(stage.n, stage.what)
                if "/" in folder and posixpath.dirname(out) == folder:  # not all of data/
                    same_dir.append((stage.n, stage.what))
    return _stage_params(*min(same_dir)) if same_dir else {}


def _stage_params(n: int, what: str) -> Params:
    cmd = f"./prepare.sh --stage {n} --stop-stage {n}"
    return {"stage_of_path": n, "stage_what": what, "rerun_stage": cmd, "_note": "stage"}


_K2_BUILT = re.compile(
    r"Built target _k2|/k2/build\b|cd k2\b.*(?:setup\.py|cmake)|"
    r"K2_MAKE_ARGS|k2/scripts/build_pip|Finished processing dependencies for k2"
)
_K2_ROOT = re.compile(r"(?P<root>/[^\s'\"]*/k2)/build\b")


def k2_built_here(hit: Hit) -> Params:
    """`No module named 'k2'` in a log that shows k2 being built from source: the build exists
    but is not on the Python path (k2's source install needs PYTHONPATH, or pip install .)."""
    m = _K2_BUILT.search("\n".join(hit.before))
    if m is None:
        return {}
    r = _K2_ROOT.search("\n".join(hit.before))
    root = r.group("root") if r else "/path/to/k2"
    out: Params = {"k2_python_dir": f"{root}/k2/python", "k2_lib_dir": f"{root}/build/lib"}
    out.update(_category="pythonpath", _note="k2_built", _no_plan=True, _doubt="k2_built")
    out["_extra_fix"] = fixes("k2_build_path")
    return out


_K2_BUILDS = re.compile(r"from versions: [^)]*\.torch\d")


def k2_no_wheel(text: str) -> Params:
    """pip finds no k2 wheel. When the index lists k2 builds for other torch versions, none is
    made for this torch (a k2/torch mismatch: the k2 plan picks a pair that exists); when it
    lists none, k2 publishes none for this platform (aarch64, Windows with CUDA): build it."""
    if _K2_BUILDS.search(text):
        return {"_category": "k2_torch_mismatch", "_note": "k2_torch", "_extra_fix": [],
                "_plan_fix": ["{k2_plan}"], "_fallback_fix": fixes("k2_build_source")}  # fmt: skip
    return {"_category": "k2_import_failure", "_note": "k2_no_wheel", "_no_plan": True,
            **fix_params("k2_build_source")}  # fmt: skip


def assert_code(hit: Hit, scan: ScanResult) -> Params:
    """The last frame of a traceback is an assert that a path exists (the exception line itself
    may be cut off): the file it tests is missing. Which stage writes it the log rarely says."""
    path = (hit.groups.get("a") or hit.groups.get("b") or "").strip()
    literal = path[:1] in ("'", '"')
    shown: Msg | str = path.strip("'\"") if literal else msg("fixtext.path_in", code=path or "?")
    out: Params = {"path": shown, **stage_for_path(path.strip("'\"") if literal else path)}
    failed = next((line for line in hit.after[:3] if "AssertionError" in line), "")
    option = _OPTION_AS_FILE.search(failed)
    if option:  # "AssertionError: sample-rate=16000 does not exist": an option typed without --
        return option_as_file(option.group("opt"))
    if not failed and "stage_of_path" not in out:
        out["_doubt"] = "assert_code"
    return out


# An option's name=value (or a word) where a file was expected: typed without its leading "--".
_OPTION_AS_FILE = re.compile(
    r"(?:AssertionError|FileNotFoundError|No such file or directory)\W*['\"]?"
    r"(?P<opt>[A-Za-z][A-Za-z0-9_-]*=[^\s/\\'\"]+)['\"]?:?\s*(?:does not exist|$)"
)


def option_as_file(opt: str) -> Params:
    return {"opt": opt, "_category": "option_as_file", "_note": "option", "_doubt": "",
            "_instead_fix": fixes("option_dashes")}  # fmt: skip


def ort_cuda_provider(hit: Hit, scan: ScanResult) -> Params:
    """onnxruntime's CUDA provider did not start: its CUDA/cuDNN libraries are missing or of
    other majors (the reason is on a line before, when the log kept it)."""
    return {"cudnn_wheel": "nvidia-cudnn-cu12", "cu_tag": "cu12", **fix_params("cudnn_ort")}


# A log written on Windows: its paths, prompt, conda platform, errno and socket words.
_WINDOWS_SHOWN = re.compile(
    r"win-64|win32|[A-Z]:\\|\\Users\\|Windows|\.exe\b|PS [A-Z]:|WinError|WSAE|10048"
    r"|Only one usage|只允许使用一次"
)


def windows_log(text: str) -> bool:
    return bool(_WINDOWS_SHOWN.search(text))


def requirement(hit: Hit, scan: ScanResult) -> Params:
    """A distribution and its version range as one requirement (accelerate>=0.20.1): one word."""
    return {"requirement": hit.groups.get("dist", "") + hit.groups.get("spec", "")}


def hpc_module(hit: Hit, scan: ScanResult) -> Params:
    """The module's name without its version (cuda/12.1 -> cuda): what `module avail` lists."""
    return {"base": hit.groups.get("name", "").split("/")[0]}


def binding_library(hit: Hit, scan: ScanResult) -> Params:
    """The library a binding could not load, by the name its message gives (a path or a name)."""
    groups = hit.groups
    return {"library": groups.get("path") or groups.get("lib") or ""}


_STARTS_PROGRAM = re.compile(r"_execute_child|subprocess|Popen|os\.exec")


def _program_run(hit: Hit) -> bool:
    """A missing file that is a program: the name given twice (subprocess's form on older
    Pythons), or the traceback shows subprocess starting it."""
    if hit.groups.get("twice") == hit.groups.get("cmd4"):
        return True
    return any(_STARTS_PROGRAM.search(line) for line in hit.before[-12:])


def conda_unavailable(hit: Hit, scan: ScanResult) -> Params:
    """conda cannot satisfy the request; for k2 that means no package for this PyTorch."""
    text = evidence.hit_text(hit)
    if "PackagesNotFoundError" in hit.line and re.search(r"^\s*- k2\s*$", text, re.M):
        # k2 itself (no version, no build asked for) is in no channel given, for this
        # platform: not a version conflict
        where = "windows" if windows_log(text) else "k2_none"
        fix = fixes("k2_windows") if where == "windows" else fixes("k2_reinstall")
        return {"_category": "k2_import_failure", "_note": where, "_extra_fix": [],
                "_plan_fix": [] if where == "windows" else ["{k2_plan}"],
                "_fallback_fix": fix}  # fmt: skip
    if re.search(r"\bk2\b", text):
        return {"_category": "k2_torch_mismatch", "_note": "k2", "_extra_fix": [],
                "_plan_fix": ["{k2_plan}"], "_fallback_fix": fixes("k2_reinstall")}  # fmt: skip
    wanted = [m.group(1) for m in map(_CONDA_SPEC.match, hit.after) if m]
    if wanted and re.search(r"PackagesNotFoundError|ResolvePackageNotFound", hit.line):
        # a package (or this version of it) in none of the channels given, for this platform
        spec = wanted[0]
        name = re.split(r"[=<>!~ ]", spec, maxsplit=1)[0]
        out: Params = {"_note": "not_found", "conda_spec": spec, "conda_name": name,
                       **fix_params("conda_not_found")}  # fmt: skip
        if len(wanted) > 1 or "PackagesNotFoundError" not in hit.line:
            out["_doubt"] = "conda"  # an environment file's pins: which of them is not said
        return out
    return {"_doubt": "conda"}


# The packages conda lists under "not available from current channels" ("  - cudatoolkit=11.1").
_CONDA_SPEC = re.compile(r"^\s*-\s+([A-Za-z0-9_][\w.-]*(?:[=<>!~][^\s]*)?)\s*$")


def k2_source(hit: Hit, scan: ScanResult) -> Params:
    if evidence.own_module_file(evidence.frames(hit), "k2").endswith("k2.py"):
        return {"_drop": True}  # the user's own k2.py: import.module_attribute names it
    return fix_params("k2_source_check")


def k2_cmake(hit: Hit, scan: ScanResult) -> Params:
    return fix_params("k2_cmake")


# --- runtime libraries ----------------------------------------------------------------------


def named(name: str) -> Any:
    def extract(hit: Hit, scan: ScanResult) -> Params:
        return fix_params(name)

    return extract


def metadata(hit: Hit, scan: ScanResult) -> Params:
    text = evidence.hit_text(hit)
    m = re.search(r"([\w./\\-]+\.onnx)", text)
    key = hit.groups.get("meta_key") or hit.groups.get("meta_key2") or "?"
    out: Params = {"meta_key": key, "model": m.group(1) if m else "model.onnx"}
    if "online" in text.lower():
        out["_note"] = "online"
    return {**out, **fix_params("onnx_metadata")}


def empty_cuts(hit: Hit, scan: ScanResult) -> Params:
    return {"manifest_dir": "data/manifests", **fix_params("empty_cutset")}


def segfault(hit: Hit, scan: ScanResult) -> Params:
    frames = structure.python_errors(scan.tail)
    script = next(
        (f.path for e in frames for f in e.frames if not f.package), msg("fixtext.your_script")
    )
    return {"script": script, **fix_params("segfault")}


def cudnn_load(hit: Hit, scan: ScanResult) -> Params:
    """cuDNN that does not load, in the forms Windows and cuDNN 9 print it: the same class as a
    missing libcudnn*.so (the groups normalised for that extractor)."""
    from doctor.explain.params import cuda_lib

    g = hit.groups
    if g.get("zlib"):  # cuDNN 8 on Windows links zlib: its DLL is not on PATH
        return {"lib": g["zlib"], "_note": "zlib", **fix_params("zlibwapi")}
    hit.groups = {
        "lib": g.get("lib") or g.get("lib2") or g.get("sym") or "libcudnn",
        "name": g.get("name") or g.get("name2") or "cudnn",
        "major": g.get("major") or g.get("major2") or "",
    }
    return cuda_lib(hit, scan)


def local_repo_path(hit: Hit, scan: ScanResult) -> Params:
    """Only a value that is a path (./x, /x, C:\\x, a/b/c): a malformed repo id says nothing."""
    path = hit.groups.get("path", "")
    if path.startswith("~"):  # the program does not expand ~: the folder may well be there
        return {"_note": "tilde", "_category": "path_not_expanded", "_instead_fix": fixes("tilde")}
    local = path.startswith((".", "/")) or "\\" in path or path.count("/") > 1
    return {} if local else {"_drop": True}


def vosk_dir(hit: Hit, scan: ScanResult) -> Params:
    """Vosk (Kaldi) on Windows does not open a path with letters outside ASCII: the folder may
    be right, its name is what fails."""
    if hit.groups.get("path", "").isascii():
        return {}
    return {"_note": "non_ascii", "_category": "path_encoding", "_doubt": "non_ascii_path"}


def nltk(hit: Hit, scan: ScanResult) -> Params:
    resource = hit.groups.get("resource") or hit.groups.get("resource2") or "<resource>"
    return {"resource": resource, **fix_params("nltk")}


def sherpa_config(hit: Hit, scan: ScanResult) -> Params:
    """The option sherpa-onnx rejected: this line's, else the line above "Errors in config"."""
    g = hit.groups
    what = g.get("what") or g.get("what2") or ""
    if not what and hit.before:
        what = structure.shown(hit.before[-1]).rsplit(" ", 8)[-1] if hit.before[-1].strip() else ""
    return {"what": what or "?"}


_TORCH_LOAD = re.compile(r"torch[/\\]serialization|torch\.load|\.pt\b")


def checkpoint_file(hit: Hit, scan: ScanResult) -> Params:
    """A checkpoint that is no checkpoint (an LFS pointer, a cut download). "File is not a zip
    file" is one only when torch (or a .pt file) reads it; else it is an archive."""
    text = evidence.hit_text(hit)
    if hit.groups.get("zip") and not _TORCH_LOAD.search(text):
        return {"_drop": True}
    named = _CKPT_NAMED.search(text)  # the file the traceback's source line loads
    if named:
        return {"ckpt": named.group(1), **fix_params("checkpoint_corrupt_named")}
    return fix_params("checkpoint_corrupt")


_CKPT_NAMED = re.compile(r"""['"]([^'"\s]+\.(?:pt|pth|ckpt|bin|safetensors|tar))['"]""")


def archive(hit: Hit, scan: ScanResult) -> Params:
    """A downloaded archive cut short; not when torch reads a checkpoint (checkpoint_file)."""
    if hit.groups.get("zip") and _TORCH_LOAD.search(evidence.hit_text(hit)):
        return {"_drop": True}
    return fix_params("redownload")


def model_file(hit: Hit, scan: ScanResult) -> Params:
    m = re.search(r"([\w./\\-]+\.onnx)", evidence.hit_text(hit))
    model = hit.groups.get("model") or (m.group(1) if m else "model.onnx")
    wrong = wrong_file(model, (".onnx", ".ort"), "onnx")
    return wrong or {"model": model, **fix_params("model_file")}


def spm_model(hit: Hit, scan: ScanResult) -> Params:
    return wrong_file(hit.groups.get("model", ""), (".model",), "spm")


def wrong_file(model: str, suffixes: tuple[str, ...], kind: str) -> Params:
    """A file of another kind given to a loader (a .vocab to SentencePiece, an ncnn .bin to
    onnxruntime): its name says so; the file is fine, the argument is not."""
    folder, _, name = model.replace("\\", "/").rpartition("/")
    if "." not in name or name.lower().endswith(suffixes):
        return {}
    instead = fixes(f"wrong_{kind}_file")
    return {"model": model, "model_dir": folder or ".", "_note": "wrong_file",
            "_category": "model_file_wrong", "_instead_fix": instead}  # fmt: skip


def crlf(hit: Hit, scan: ScanResult) -> Params:
    script = hit.groups.get("script", "") or msg("fixtext.the_script")
    return {"script": script, **fix_params("crlf")}


# A package built against another one's exact version: pip's warning names a real mismatch.
_BUILT_AGAINST = {
    ("k2", "torch"): "k2_torch_mismatch",
    ("kaldifeat", "torch"): "k2_torch_mismatch",
    ("torchaudio", "torch"): "torch_torchaudio_mismatch",
    ("torch", "torchaudio"): "torch_torchaudio_mismatch",
}


def requires_but_have(hit: Hit, scan: ScanResult) -> Params:
    """`X v requires Y==a, but you have Y b`: for a compiled package and the torch it was built
    against, that is the mismatch itself (the k2 plan picks a pair that exists)."""
    g = hit.groups
    pair = (g.get("dist", "").lower(), g.get("req", "").lower())
    out: Params = {"requirement": g.get("req", "") + g.get("want", "").strip()}
    category = _BUILT_AGAINST.get(pair)
    if category is None and pair[1] == "torch" and g.get("want", "").strip().startswith("=="):
        # a package that pins one exact torch is compiled against it (fairseq2n, xformers)
        return {**out, **fix_params("pin_required"), "_category": "torch_extension_mismatch",
                "_note": "built_for"}  # fmt: skip
    if category is None:
        return {**out, **fix_params("pin_required")}
    out["_category"] = category
    if category == "k2_torch_mismatch":  # one way out: keep this k2, give it its torch
        out.update(_plan_fix=["{k2_plan}"], _fallback_fix=fixes("pin_required"), _note="k2")
    else:
        out.update(_extra_fix=fixes("torch_reinstall"), _note="torchaudio")
    return out


# pip's "The conflict is caused by:" lines: "torchaudio 2.2.1 depends on torch==2.2.1".
# A Docker build prefixes each line with its step and time ("#8 12.3 " or "1.856 ").
_DEPENDS_ON = re.compile(
    r"^(?:#\d+ )?(?:\d+\.\d+ )?\s*(?P<dist>[\w.-]+) [\w.+!-]+ depends on (?P<req>[\w.-]+)\s*[=<>!~]"
)


def resolver(hit: Hit, scan: ScanResult) -> Params:
    """pip found no versions that fit together. Where the conflict it lists is between torch
    and a package built against one torch (torchaudio, k2), that pair is the cause: install
    them as a pair, not relax a pin."""
    pairs = {
        (m.group("dist").lower(), m.group("req").lower())
        for line in [*hit.after, *scan.tail]
        for m in [_DEPENDS_ON.match(line)]
        if m
    }
    category = next((_BUILT_AGAINST[p] for p in sorted(pairs) if p in _BUILT_AGAINST), None)
    if category == "torch_torchaudio_mismatch":
        return {"_category": category, "_note": "torchaudio",
                "_instead_fix": fixes("torch_reinstall")}  # fmt: skip
    if category == "k2_torch_mismatch":
        return {"_category": category, "_note": "k2", "_plan_fix": ["{k2_plan}"],
                "_fallback_fix": module_fix("k2")["_extra_fix"]}  # fmt: skip
    return fix_params("resolver")


def xformers(hit: Hit, scan: ScanResult) -> Params:
    """xFormers' own report of the torch it was built for and the one loaded: its wheel for
    this torch, or the torch (and CUDA) it was built for; a CPU torch needs the CUDA build."""
    text = evidence.hit_text(hit)
    m = re.search(
        r"PyTorch (?P<built>[0-9][^ ]*) with CUDA [0-9]+ \(you have (?P<have>[^)]+)\)", text
    )
    if m is None:
        return {"xformers_torch": "?", "have": "?", **fix_params("xformers")}
    built, have = m.group("built"), m.group("have")
    base, _, flavour = built.partition("+")
    out: Params = {"xformers_torch": base, "xformers_built": built, "have": have}
    out["xformers_index"] = torch_builds.index_url(flavour or "cpu")
    if have.endswith("+cpu"):
        out["_note"] = "cpu_torch"
    return {**out, **fix_params("xformers")}


def torchvision_cuda(hit: Hit, scan: ScanResult) -> Params:
    """torchvision built for another CUDA than torch: the torchvision for torch's CUDA, from
    that CUDA's index (the log names both CUDA versions)."""
    cuda = hit.groups.get("torch_cuda", "")
    channel = "cu" + cuda.replace(".", "") if cuda else "<cuXYZ>"
    out: Params = {"torch_cuda": cuda or "?", "tv_cuda": hit.groups.get("tv_cuda", "?")}
    return {**out, "torch_index": torch_builds.index_url(channel), **fix_params("torchvision_pair")}


_EGG = re.compile(r"[/\\](?P<dist>[A-Za-z0-9_.]+?)-[0-9][^/\\]*?\.egg[/\\]")


def zipped_egg(hit: Hit, scan: ScanResult) -> Params:
    """A module missing while the frames run code from inside a .egg: the package was installed
    as a zipped egg, from which a compiled module cannot be imported. Else not this rule's."""
    egg = next(filter(None, (_EGG.search(f.path) for f in evidence.frames(hit))), None)
    if egg is None:
        return {"_pass": True}
    out: Params = {"dist": egg.group("dist"), "egg": egg.group(0).strip("/\\")}
    if out["dist"] == "k2":  # PyPI's k2 is an old build: k2's own wheel page has this torch's
        out["_instead_fix"] = fixes("k2_egg")
    return out


def config_program(hit: Hit, scan: ScanResult) -> Params:
    """mecab-config -> mecab, mysql_config -> mysql (the library whose development files bring
    the program)."""
    cmd = hit.groups.get("cmd", "")
    return {"cmd": cmd, "lib": re.sub(r"[-_]config$", "", cmd) or cmd}


def install_first(hit: Hit, scan: ScanResult) -> Params:
    """The package whose build needs another installed first, when the message names it."""
    return {"pkg": hit.groups.get("pkg") or msg("fixtext.the_package")}


def asset_path(hit: Hit, scan: ScanResult) -> Params:
    """sherpa-onnx prints "Read binary file: Load ... failed" only when it reads through
    Android's AssetManager: an absolute path there is a file on the device's file system, which
    it must read with assetManager = null."""
    if not hit.groups.get("path", "").startswith("/"):
        return {}
    return {"_category": "sherpa_onnx_config", "_note": "absolute", "_doubt": "",
            "_instead_fix": fixes("asset_manager_null")}  # fmt: skip


_GENERIC_ALIAS = re.compile(r"\b(?:list|dict|tuple|set|frozenset|type)\[")
_UNION = re.compile(r"[\w\]]\s*\|\s*(?:None|[A-Za-z_][\w.]*\[?)")


def annotation_syntax(hit: Hit, scan: ScanResult) -> Params:
    """The source line above the error uses list[...] (Python 3.9) or X | Y (Python 3.10) in an
    annotation: an older Python runs code written for a newer one. Else not this rule's."""
    source = evidence.source_line(hit)
    if "subscriptable" in hit.line and _GENERIC_ALIAS.search(source):
        return {"syntax": "list[...]", "need": "3.9"}
    if "|" in hit.line and _UNION.search(source):
        return {"syntax": "X | Y", "need": "3.10"}
    return {"_pass": True}


_MACOS = re.compile(
    r"(?:^|[\s\"'(])/(?:Users|opt/homebrew)/|Python\.framework|\.dylib\b|-darwin\b|macosx_"
)


def cpu_build(hit: Hit, scan: ScanResult) -> Params:
    """torch without CUDA, asked for CUDA: on a Mac (the log's paths say so) no CUDA build of
    torch exists, and the code must choose "mps" or "cpu"; elsewhere a CUDA build is the fix."""
    macos = any(map(_MACOS.search, evidence.hit_lines(hit)))
    return evidence.cuda_on_macos() if macos else {}


def ext_cuda(hit: Hit, scan: ScanResult) -> Params:
    """A compiled torch extension built for another CUDA than torch; CUDA 0.0 is one built
    without CUDA at all, which a rebuild with FORCE_CUDA=1 fixes where no GPU is visible."""
    g = hit.groups
    ext, cuda = g.get("ext", ""), g.get("ext_cuda", "")
    out: Params = {"ext": ext, "ext_dist": ext.replace("_", "-"),
                   "torch_cuda": g.get("torch_cuda") or "?", "ext_cuda": cuda or "?"}  # fmt: skip
    if cuda and float(cuda) == 0:
        out.update(_note="no_cuda", _instead_fix=fixes("ext_without_cuda"))
    return out


def script_path(hit: Hit, scan: ScanResult) -> Params:
    """A script given by its absolute path is not there whatever the folder the command runs
    in: it moved or the checkout is elsewhere (not a wrong folder)."""
    path = hit.groups.get("path", "")
    if not re.match(r"/|[A-Za-z]:[\\/]", path):
        return {}
    folder = posixpath.dirname(path.replace("\\", "/")) or "/"
    return {"script_dir": folder, "_note": "absolute", "_doubt": "", "_category": "script_missing",
            "_instead_fix": fixes("script_absolute")}  # fmt: skip


def audio_backend(hit: Hit, scan: ScanResult) -> Params:
    """torchaudio's "soundfile" backend is the soundfile package: pip installs it; the sox and
    FFmpeg backends load system libraries (the rule's own fix)."""
    if hit.groups.get("backend") != "soundfile":
        return {}
    return {"_note": "soundfile", "_instead_fix": fixes("soundfile_backend")}


def forward_compat(hit: Hit, scan: ScanResult) -> Params:
    """Error 804 ("forward compatibility was attempted on non supported HW") is a driver older
    than the CUDA runtime, or a container's CUDA compatibility libraries on a GPU that does not
    support them; 803 is a libcuda of another release than the kernel module."""
    if re.search(r"Error 803\b|unsupported display driver", hit.line):
        # 803: the user-space driver (libcuda) is not the kernel module's release: a cuda-compat
        # libcuda on the library path of a GPU without forward compatibility, or an update
        # without a reboot. No newer driver is needed.
        return {"_note": "mismatch", "_category": "nvidia_driver_mismatch",
                "_instead_fix": fixes("driver_mismatch_803")}  # fmt: skip
    return {"_doubt": "forward_compat"} if re.search(r"804|forward compat", hit.line) else {}


def cmake_dependency(hit: Hit, scan: ScanResult) -> Params:
    """What CMake did not find: the package it names, or the stem of a *-NOTFOUND variable
    (ZLIB_LIBRARY -> ZLIB, SHERPA_ONNX_CORE_LIB -> SHERPA_ONNX)."""
    dep = hit.groups.get("dep", "")
    if not dep:
        dep = re.sub(r"_(?:CORE_)?(?:LIB|LIBRARY|LIBRARIES|INCLUDE_DIRS?|DIR|EXECUTABLE)$", "",
                     hit.groups.get("var", "")) or "?"  # fmt: skip
    lower = re.sub(r"[^a-z0-9+.]+", "-", dep.lower()).strip("-") or dep
    return {"dep": dep, "dep_lower": lower, **fix_params("cmake_dependency")}


def torch_op(hit: Hit, scan: ScanResult) -> Params:
    """An operator of an extension's namespace that torch's dispatcher does not have: the
    extension's library did not load into this torch (built for another one), or predates
    the operator. torchaudio's is the torch/torchaudio mismatch."""
    ns = hit.groups.get("ns", "")
    if ns in ("aten", "prim", "_c10d_functional"):
        return {"_drop": True}  # torch's own operators: not an extension
    if ns == "torchaudio" and re.match(r"(?:sox|ffmpeg)", hit.groups.get("op", "")):
        # its audio I/O operators live in optional libraries (libtorchaudio_sox, the FFmpeg
        # one) that load only where sox/FFmpeg are present: a backend may just be missing
        return {"_category": "audio_backend_missing", "_doubt": "audio_backend", "_note": "backend",
                "_instead_fix": fixes("audio_backends")}  # fmt: skip
    if ns == "torchaudio":
        return {"_category": "torch_torchaudio_mismatch", "_instead_fix": fixes("torch_reinstall")}
    return {}  # torchvision's, another extension's: one made for another torch (the rule's class)


_SDIST = re.compile(
    r"(?:Downloading|Using cached) (?:\S*/)?(?P<dist>[A-Za-z0-9_.]+?)-(?P<ver>[0-9][\w.]*)"
    r"\.(?:tar\.gz|zip)\b"
)


def sdist_build(hit: Hit, scan: ScanResult) -> Params:
    """The release pip downloaded as source (the last one above the failure): no wheel of it
    for this Python or platform, so pip builds it, and the build failed."""
    found = [m for line in hit.before[-40:] for m in [_SDIST.search(line)] if m]
    if not found:
        return {"dist": hit.groups.get("dist") or "?", **fix_params("sdist_build_unknown")}
    m = found[-1]
    return {"dist": m.group("dist"), "ver": m.group("ver"), **fix_params("sdist_build")}


def execstack(hit: Hit, scan: ScanResult) -> Params:
    """The library's file and the package it belongs to (the frames' innermost package)."""
    lib = hit.groups.get("lib", "")
    owner = evidence.caller_package(evidence.frames(hit))
    dist = known_distribution(owner) or owner
    system = re.match(r"/(?:usr/)?lib(?:32|64|x32)?/", lib) is not None
    # a system library is its distribution's to change: which package owns it, not patchelf
    clear = fixes("execstack_system" if system else "execstack_clear")
    fix = [*clear, *(fixes("execstack_upgrade") if dist else [])]
    return {"lib_file": lib, "dist": dist, "_extra_fix": fix}


# The divisor of the failing line is a count: len(x), i, n, num_batches, count, total, steps
_COUNT_DIVISOR = re.compile(
    r"/\s*\(?\s*(?:len\(|(?:i|n|j|k|cnt|count\w*|num\w*|n_\w+|total\w*|steps?|step_\w+"
    r"|batch\w*|\w+_(?:count|num|len|size|steps|batches))\b)"
)


# The failing line takes the first or last item of a listing of files, ids or checkpoints
_LISTING_END = re.compile(
    r"(?:glob|listdir|files?|paths?|ckpts?|checkpoints?|_ids|wavs|audios|utts|run_path|dirs)"
    r"\w*(?:\([^\n]{0,300}\))?\)*\s*\)*\[(?:0|-1)\]"
)


def source_shows(pattern: re.Pattern[str]) -> Any:
    """An extractor that keeps the hit only when the failing source line (the line above the
    error) matches: a ZeroDivisionError that divides by a count, an IndexError that indexes a
    listing, is empty data; one over another value is not."""

    def extract(hit: Hit, scan: ScanResult) -> Params:
        return {} if pattern.search(evidence.source_line(hit)[:500]) else {"_drop": True}

    return extract


def frozen_pkg(hit: Hit, scan: ScanResult) -> Params:
    """The folder under _MEI... is a package only when a table knows it (config/ is not)."""
    return {} if known_distribution(hit.groups.get("pkg", "")) else {"_doubt": "frozen_pkg"}


def audio_format(hit: Hit, scan: ScanResult) -> Params:
    path = hit.groups.get("path", "")
    return {"path_said": f": {path}" if path else "", "path": path}


def cuda_false(hit: Hit, scan: ScanResult) -> Params:
    """Only the answer to torch.cuda.is_available() typed just above it."""
    above = next((line for line in reversed(hit.before[-2:]) if line.strip()), "")
    return {} if "cuda.is_available()" in above else {"_drop": True}


def config_value(hit: Hit, scan: ScanResult) -> Params:
    """The config's name of the value (hyperpyyaml's key, or OmegaConf's dotted one)."""
    return {"name": hit.groups.get("key") or hit.groups.get("key2") or "?"}


def save_cannot_open(hit: Hit, scan: ScanResult) -> Params:
    """Only for torch's writer (torch.save); the folder the file goes in."""
    if "PyTorchFileWriter" not in "\n".join([*hit.before[-6:], hit.line]):
        return {"_drop": True}
    path = hit.groups.get("path", "")
    folder = posixpath.dirname(path.replace("\\", "/")) or "."
    return {"path_dir": folder, **fix_params("save_cannot_open")}


def py2_syntax(hit: Hit, scan: ScanResult) -> Params:
    """A package's file (upgrade the package) or the user's script (convert it)."""
    for line in reversed(hit.before[-4:]):
        m = structure.FRAME_PATH.search(line)
        pkg = structure.package_of(m.group("path")) if m else ""
        if pkg and pkg not in ("stdlib", "<string>"):
            return {"dist": known_distribution(pkg) or pkg, "_instead_fix": fixes("py2_package")}
    return {"_instead_fix": fixes("py2_script")}


def job_log(hit: Hit, scan: ScanResult) -> Params:
    """The log a Kaldi-style runner names; several jobs' logs (stats.*.log): their folder."""
    path = hit.groups.get("path", "")
    if "*" in path:
        return {"path_dir": posixpath.dirname(path) or ".", "_instead_fix": fixes("job_logs")}
    return {"_instead_fix": fixes("job_log")}


def pipeline_none(hit: Hit, scan: ScanResult) -> Params:
    """Only when the failing line (or the one above) loaded a pipeline with from_pretrained."""
    lines = [evidence.source_line(hit), *hit.before[-2:], hit.line]
    if not any("from_pretrained(" in line or "use_auth_token=" in line for line in lines):
        return {"_drop": True}
    return {}


# libc's own symbols: a library built for a newer Android API level than the device's.
_ANDROID_LIBC = re.compile(
    r"^(?:rand_r|__register_atfork|__\w+_chk|pthread_\w+|getrandom|aligned_alloc|\w*64|stpcpy"
    r"|strchrnul|posix_spawn\w*|__cxa_thread_atexit_impl)$"
)


def android_symbol(hit: Hit, scan: ScanResult) -> Params:
    """Android's loader: libc's symbol means an API level too old; another library's, a
    packaged library of another version."""
    symbol = hit.groups.get("symbol", "")
    lib = hit.groups.get("lib", "").rsplit("/", 1)[-1]
    if _ANDROID_LIBC.match(symbol):
        return {"symbol": symbol, "lib": lib, "_note": "api_level", **fix_params("android_api")}
    return {"symbol": symbol, "lib": lib, **fix_params("android_lib_version")}


def kaldi_data_dir(hit: Hit, scan: ScanResult) -> Params:
    """validate_data_dir.sh: the folder when the line names it; utt2spk sorted apart from
    spk2utt means utterance-ids that do not start with their speaker-id."""
    spk = "sorted first on speaker-id" in hit.line
    out: Params = {"_note": "spk_prefix"} if spk else {}
    first = fixes("kaldi_spk_prefix") if spk else []
    if hit.groups.get("dir"):
        return {**out, "_extra_fix": first}
    return {**out, "_instead_fix": [*first, *fixes("kaldi_data_dir")]}


def module_said_missing(hit: Hit, scan: ScanResult) -> Params:
    """torch.onnx's "Module onnx is not installed!" names any failed import of onnx: when a
    traceback in the log runs inside that package's own __init__.py, it is installed and
    failed to load (a DLL, a missing dependency); that failure is the cause."""
    return {"_drop": True} if ran_inside(hit.groups.get("dist", ""), hit, scan) else {}


def ran_inside(package: str, hit: Hit, scan: ScanResult) -> bool:
    """A traceback of the log runs in the package's own __init__.py: it is installed."""
    own = re.compile(r"[/\\]" + re.escape(package) + r"[/\\]__init__\.py\"")
    return bool(package) and any(own.search(line) for line in [*hit.after, *scan.tail])


_HYDRA = re.compile(r"Error in call to target '(?P<target>[\w.]+)'")
_FULL_KEY = re.compile(r"^full_key: (?P<key>[\w.]+)")


def file_unnamed(hit: Hit, scan: ScanResult) -> Params:
    """hydra names the object whose constructor failed and the config key that built it."""
    target = next((m for m in map(_HYDRA.search, hit.before[-3:]) if m), None)
    key = next((m for m in map(_FULL_KEY.search, hit.after[:3]) if m), None)
    if not (target and key):
        return {}
    out: Params = {"target": target.group("target"), "full_key": key.group("key")}
    return {**out, "_note": "hydra", "_instead_fix": fixes("hydra_file")}


# GGML's older magics (llama.cpp before GGUF), as the loader prints them (hex of the first
# four bytes read as a little-endian integer)
_GGML_MAGICS = ("67676a74", "67676d6c", "67676d66", "746a6767", "6c6d6767")


def model_magic(hit: Hit, scan: ScanResult) -> Params:
    """An older GGML file given to a GGUF reader, when the magic says so."""
    magic = hit.groups.get("magic", "")
    return {"_note": "ggml", "_category": "model_format_version"} if magic in _GGML_MAGICS else {}


def version_range(hit: Hit, scan: ScanResult) -> Params:
    """The range a package asks for, as one pip requirement: "mmcv>=2.0.0rc4,<2.2.0"."""
    want = re.sub(r"\s+", "", hit.groups.get("want", ""))
    return {"spec": hit.groups.get("dist", "") + want} if want else {}


def jax_backend(hit: Hit, scan: ScanResult) -> Params:
    """JAX's CUDA backend that did not start gives way to the cuDNN it names (the same line or
    the lines after it): that is the cuDNN class."""
    return {"_drop": True} if any("cuDNN" in x for x in [hit.line, *hit.after[:4]]) else {}


def hydra_plugin(hit: Hit, scan: ScanResult) -> Params:
    """The plugin package of a Hydra option (colorlog: hydra-colorlog); an option no plugin
    provides is the project's own config that is not there, not this class."""
    option = hit.groups.get("option", "")
    plugins = evidence.data()["hydra_plugins"]
    dist = plugins.get(option) or plugins.get(option.split("_")[0])
    return {"dist": dist} if dist else {"_drop": True}


# onnxruntime-gpu's CUDA provider that is there and does not load (a CUDA library it lacks)
_ORT_PROVIDER_FAILED = re.compile(
    r"(?i)(?:providers_cuda|CUDAExecutionProvider).*fail|fail.*(?:providers_cuda|CUDAExecution)"
    r"|cannot\sopen"
)


def ort_cpu_package(hit: Hit, scan: ScanResult) -> Params:
    """The CPU package of onnxruntime, unless the log shows the GPU package's CUDA provider
    failing to load: then the provider is installed and that failure is the cause."""
    near = [*hit.before[-20:], *hit.after[:20], *scan.tail[-40:]]
    failed = any(x != hit.line and _ORT_PROVIDER_FAILED.search(x) for x in near)
    return {"_drop": True} if failed else {}


def pickle_lookup(hit: Hit, scan: ScanResult) -> Params:
    """An object pickle cannot find again by its module and name (a class made at run time),
    rather than a lambda or a nested function."""
    if not hit.groups.get("lookup"):
        return {}
    return {"_note": "not_importable", "_instead_fix": fixes("pickle_not_importable")}


_K2_NAMED = re.compile(r"(?:^|[/\\(\s'\"])_?k2(?:[/\\._'\"]|\b)")


def k2_dylib(hit: Hit, scan: ScanResult) -> Params:
    """k2's extension on macOS linked to a versioned library name its environment lacks (MKL's
    libmkl_intel_ilp64.2.dylib): only when the log shows k2 or MKL, not any @rpath library."""
    near = [*hit.before[-10:], hit.line, *hit.after[:3]]
    if hit.groups.get("lib", "").startswith("libmkl_") or any(map(_K2_NAMED.search, near)):
        return {}
    return {"_pass": True}  # another library's: the general rule reads it


_GXX_BELOW = re.compile(r"You need g\+\+ < ([0-9]+)")


def gcc_unsupported(hit: Hit, scan: ScanResult) -> Params:
    """nvcc refuses the host compiler: a Visual Studio it does not know, or a GCC newer than the
    newest it supports, which the message names ("later than 6", Kaldi's "g++ < 7.0")."""
    if hit.groups.get("msvc"):
        return {"_note": "msvc", **fix_params("msvc_unsupported")}
    below = hit.groups.get("gxx_below", "") or next(
        (m.group(1) for m in map(_GXX_BELOW.search, hit.after[:2]) if m), ""
    )  # Kaldi's configure says it on the next line
    newest = hit.groups.get("gcc_max", "") or (str(int(below) - 1) if below else "")
    if not newest:
        return fix_params("gcc_unsupported")
    return {"gcc_max": newest, **fix_params("gcc_newest")}


_NP_ATTR = re.compile(r"\b(?:np|numpy)\.(?P<attr>complex|float|int|bool|object|str|long|unicode)\b")


def numpy_former_attr(hit: Hit, scan: ScanResult) -> Params:
    """The alias numpy no longer has, from the code line above its raise (`dtype=np.complex,`)."""
    for line in reversed(hit.before[-8:]):
        m = _NP_ATTR.search(line)
        if m:
            return {"attr": m.group("attr")}
    return {"_drop": True}  # which alias the log does not show


def pickle_module_installed(hit: Hit, scan: ScanResult) -> Params:
    """The module pickle found for the class is an installed package's (site-packages), not
    the script's own module of that name that saved it: another package named like it."""
    found = hit.groups.get("mod_file", "")
    if "-packages" not in found:
        return {}
    return {"_note": "installed", "_category": "pythonpath",
            "_instead_fix": fixes("pickle_module_shadowed")}  # fmt: skip


def incomplete_python(hit: Hit, scan: ScanResult) -> Params:
    """A package's warning that this Python lacks a C module of its standard library."""
    return imports.python_c_library(hit.groups.get("module", ""))


EXTRACTORS = {
    "incomplete_python": incomplete_python,
    "pickle_module_installed": pickle_module_installed,
    "numpy_former_attr": numpy_former_attr,
    "pickle_lookup": pickle_lookup,
    "soname": soname,
    "dll": dll,
    "binding_library": binding_library,
    "hpc_module": hpc_module,
    "requirement": requirement,
    "ort_load": ort_load,
    "undefined_symbol": undefined_symbol,
    "command": command,
    "errno": errno,
    "dataloader_killed": dataloader_killed,
    "http": http,
    "nvcc_torch": nvcc_torch,
    "build_dir": build_dir,
    "arch_value": arch_value,
    "driver_unconfirmed": driver_unconfirmed,
    "cannot_import": imports.cannot_import,
    "k2_source": k2_source,
    "module_attribute": imports.module_attribute,
    "object_attribute": imports.object_attribute,
    "k2_cmake": k2_cmake,
    "metadata": metadata,
    "empty_cuts": empty_cuts,
    "segfault": segfault,
    "fix_ort_version": named("ort_version"),
    "fix_container_toolkit": named("container_toolkit"),
    "sdist_build": sdist_build,
    "pipeline_none": pipeline_none,
    "job_log": job_log,
    "py2_syntax": py2_syntax,
    "execstack": execstack,
    "config_value": config_value,
    "cuda_false": cuda_false,
    "audio_format": audio_format,
    "frozen_pkg": frozen_pkg,
    "empty_count": source_shows(_COUNT_DIVISOR),
    "empty_listing": source_shows(_LISTING_END),
    "save_cannot_open": save_cannot_open,
    "fix_driver_lib": named("driver_lib"),
    "fix_ct2_compute_type": named("ct2_compute_type"),
    "fix_sherpa_gpu": named("sherpa_gpu"),
    "fix_tts_oov": named("tts_oov"),
    "fix_espeak": named("espeak"),
    "fix_shm": named("shm"),
    "fix_cmake_too_old": named("cmake_too_old"),
    "gcc_unsupported": gcc_unsupported,
    "k2_dylib": k2_dylib,
    "fix_lto": named("lto"),
    "fix_python_headers": named("python_headers"),
    "fix_no_wheel": named("no_wheel"),
    "fix_resolver": resolver,
    "fix_torchvision_pair": named("torchvision_pair"),
    "torchvision_cuda": torchvision_cuda,
    "ext_cuda": ext_cuda,
    "zipped_egg": zipped_egg,
    "config_program": config_program,
    "install_first": install_first,
    "asset_path": asset_path,
    "annotation_syntax": annotation_syntax,
    "cpu_build": cpu_build,
    "xformers": xformers,
    "cmake_dependency": cmake_dependency,
    "forward_compat": forward_compat,
    "audio_backend": audio_backend,
    "name_undefined": imports.name_undefined,
    "script_path": script_path,
    "fix_nccl": named("nccl"),
    "fix_host_memory": named("host_memory"),
    "fix_nvidia_driver": named("nvidia_driver"),
    "cudnn_load": cudnn_load,
    "vosk_dir": vosk_dir,
    "local_repo_path": local_repo_path,
    "fix_cudnn_status": named("cudnn_status"),
    "fix_onnx_export": named("onnx_export"),
    "fix_ort_runtime": named("ort_runtime"),
    "fix_weights_only": named("weights_only"),
    "fix_state_dict": named("state_dict"),
    "fix_sndfile": named("sndfile"),
    "fix_crlf": crlf,
    "fix_protobuf": named("protobuf"),
    "fix_numpy2": named("numpy2"),
    "nltk": nltk,
    "fix_ssl": named("ssl"),
    "conda_unavailable": conda_unavailable,
    "ort_cuda_provider": ort_cuda_provider,
    "assert_code": assert_code,
    "fix_nvml_mismatch": named("nvml_mismatch"),
    "fix_redownload": named("redownload"),
    "fix_checkpoint_corrupt": named("checkpoint_corrupt"),
    "checkpoint_file": checkpoint_file,
    "archive": archive,
    "sherpa_config": sherpa_config,
    "fix_ninja": named("ninja"),
    "fix_msvc": named("msvc"),
    "fix_ancdata": named("ancdata"),
    "fix_model_file": model_file,
    "spm_model": spm_model,
    "fix_ort_too_old": named("ort_too_old"),
    "fix_nccl_missing": named("nccl_missing"),
    "fix_cuda_toolkit": named("nvcc"),
    "requires_but_have": requires_but_have,
    "torch_op": torch_op,
    "jax_backend": jax_backend,
    "version_range": version_range,
    "model_magic": model_magic,
    "file_unnamed": file_unnamed,
    "module_said_missing": module_said_missing,
    "kaldi_data_dir": kaldi_data_dir,
    "android_symbol": android_symbol,
    "hydra_plugin": hydra_plugin,
    "ort_cpu_package": ort_cpu_package,
}
