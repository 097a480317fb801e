"""Classes of failure read from a traceback's structure when no rule knows the log: the root
exception's type and message shape, and the package whose own code raised it.

The knowledge is data (classes.toml [[shape]] and [[raised_in]]): an API call the callee does
not accept (a TypeError about arguments, an AttributeError on an object of a package), a value
that is None, an error raised inside lhotse, k2, onnxruntime, hydra, ... Each gives a specific
class and the commands that check it; none is ever said with certainty (exit 1): the log shows
the failure's shape and place, not which version or input is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from doctor.datafiles import read_toml
from doctor.explain import evidence, structure
from doctor.explain.confidence import WRAPPERS
from doctor.explain.model import MATCH_SPAN, Diagnosis
from doctor.explain.scan import ScanResult
from doctor.findings import msg

Params = dict[str, Any]
_SKIP = ("stdlib", "<string>", "")
_MAX_MESSAGE = 160


@cache
def _data() -> Mapping[str, Any]:
    return read_toml("doctor.explain", "classes.toml")


@cache
def _shapes() -> tuple[tuple[frozenset[str], re.Pattern[str], Mapping[str, Any]], ...]:
    return tuple(
        (frozenset(s["types"]), re.compile(s.get("message", "")), s) for s in _data()["shape"]
    )


def classify(scan: ScanResult, base: Params, lang: str = "en") -> Diagnosis | None:
    """The class of the log's root exception, or None when its structure says nothing more
    than its type (the caller then shows what is certain)."""
    tail = scan.tail
    shadowed = local_shadow(scan, base, lang)
    if shadowed is not None:
        return shadowed
    root = structure.root_cause(tail)
    bare = root is None
    root = _bare_message(tail) if root is None else root
    if root is None or root.type in WRAPPERS:
        return None
    params = {**base, **_params(root)}
    dist = str(params["dist"])
    shadow = None if bare else structure.module_file_shadow(tail)
    if shadow is not None and shadow[0] in _data()["module_file_shadow"]["virtual"]:
        shadow = None  # six.moves is made by six.py itself: a module file is right there
    if shadow is not None:  # the wrong module was imported: what failed after it is a symptom
        params.update(module=shadow[0], module_file=shadow[1])
    entry = _data()["module_file_shadow"] if shadow is not None else None
    entry = entry or _shape(root, dist, False) or _raised_in(root, params)
    entry = entry or _shape(root, dist, True)
    if entry is None:
        return None
    params.update(_named(entry, root))
    if entry.get("key") == "api_call" and not dist:  # the callee is compiled: no frame of it
        params["dist"] = _called_dist(evidence.source_above(tail[: root.index]))
    first = scan.lines - len(tail) + 1
    return _diagnosis(entry, params, root, first, tail, lang, bare)


_CALL = re.compile(r"\b([A-Za-z_]\w*)(?:\.\w+)+\(")


def _called_dist(source: str) -> str:
    """The distribution of a call the source line above the exception makes into a package
    the tables know (`sherpa_onnx.OnlineRecognizer.from_zipformer2_ctc(`), or ""."""
    from doctor.explain.knowledge import known_distribution

    names = _CALL.findall(structure.plain(source))
    return next(filter(None, map(known_distribution, names)), "")


def local_shadow(scan: ScanResult, base: Params, lang: str) -> Diagnosis | None:
    """The user's own file named like a package, run where an installed package imports it:
    a lead from the frames alone (the exception after it is a consequence, or cut off)."""
    from doctor.explain.diagnose import localised, render

    found = structure.local_file_shadow(scan.tail)
    entry = _data()["local_file_shadow"]
    if found is None:
        found, entry = structure.self_import(scan.tail), _data()["self_import"]
    if found is None:
        return None
    name, path, index = found
    params = {
        **base,
        "module": name,
        "shadow_path": path,
        "shadow_path_renamed": structure.my_copy(path),
    }
    fix = render(list(_data()["fixes"][entry["fix"]]), localised(params, lang), lang)
    public = {k: v for k, v in params.items() if v not in (None, "")}
    key = f"explain.class.{entry['key']}"
    return Diagnosis(
        category=str(entry["category"]),
        rule=f"class.{entry['key']}",
        summary=msg(f"{key}.summary", **public),
        why=msg(f"{key}.why", **public),
        fix=tuple(fix),
        evidence=(structure.shown(scan.tail[index]), f'File "{path}"'),
        line=scan.lines - len(scan.tail) + 1 + index,
        params=public,
        recognised=False,
        notes=(msg(f"explain.doubt.{entry['doubt']}", **public),),
    )


# How many of the last lines a message without its exception type is looked for in.
_BARE_LINES = 12
_BARE_SPAN = 12


def _bare_message(tail: list[str]) -> structure.PyError | None:
    """A log that is only the message, its exception type and traceback left out (an issue's
    title, a copied line): a [[shape]] whose message pattern it matches gives the type."""
    start = max(0, len(tail) - _BARE_LINES)
    for i in range(len(tail) - 1, start - 1, -1):
        line = tail[i].strip()
        for types, pattern, _ in _shapes():
            m = pattern.search(line) if pattern.pattern else None
            if m and m.end() - m.start() >= _BARE_SPAN:  # "EOF" alone says nothing
                return structure.PyError(sorted(types)[0], line, i, ())
    return None


def _params(root: structure.PyError) -> Params:
    culprit = root.culprit
    where = f"{culprit.path}:{culprit.line}" if culprit is not None else "the script"
    package = _package(root)
    if not package:
        m = re.match(r"'(\w+)' object has no attribute", root.message)
        package = str(_data()["generic"]["object_types"].get(m.group(1), "")) if m else ""
    message = structure.shown(root.message)
    if len(message) > _MAX_MESSAGE:
        message = message[:_MAX_MESSAGE] + " …"
    return {
        "exc_type": root.type,
        "message": message,
        "where": where,
        "package": package or "?",
        "dist": _distribution(package) if package else "",
        "script": culprit.path if culprit is not None else msg("fixtext.script_only"),
    }


def _package(root: structure.PyError) -> str:
    """The innermost installed package among the frames (an editable checkout of a package
    the tables know counts too: /src/lhotse/lhotse/cut/set.py is lhotse's code)."""
    known = _known_packages()
    for frame in reversed(root.frames):
        pkg = frame.package or _checkout(frame.path, known)
        if pkg not in _SKIP and pkg not in _data()["generic"]["pass_through"]:
            return pkg
    qualifier = root.module.split(".")[0]  # lhotse.utils.NonPositiveEnergyError, no frames
    return qualifier if qualifier in known else ""


def _checkout(path: str, known: frozenset[str]) -> str:
    parts = path.replace("\\", "/").split("/")
    return next((p for p in reversed(parts[:-1]) if p in known), "")


@cache
def _known_packages() -> frozenset[str]:
    return frozenset(p for e in _data()["raised_in"] for p in e["packages"])


def _distribution(package: str) -> str:
    from doctor.explain.knowledge import known_distribution

    return known_distribution(package) or package.replace("_", "-")


def _shape(root: structure.PyError, dist: str, late: bool) -> Mapping[str, Any] | None:
    for types, pattern, entry in _shapes():
        if bool(entry.get("after_package")) != late:
            continue
        if root.type not in types or not pattern.search(root.message[:MATCH_SPAN]):
            continue
        if entry.get("needs_package") and not dist:
            continue
        if entry.get("no_package") and dist:  # the user's own code raised it, not a library
            continue
        return entry
    return None


def _raised_in(root: structure.PyError, params: Params) -> Mapping[str, Any] | None:
    """The class of the package whose code raised it; a submodule named by a path fragment
    (torch/onnx, torch/distributed) wins over its package."""
    package = str(params["package"])
    paths = [f.path.replace("\\", "/") for f in root.frames if f.package not in _SKIP]
    for entry in _data()["raised_in"]:
        if root.type not in entry.get("types", (root.type,)):
            continue  # an entry for some exceptions only (a library that does not load)
        if any(frag in p for frag in entry.get("paths", ()) for p in paths[-3:]):
            return dict(entry)
    return next((e for e in _data()["raised_in"] if package in e["packages"]), None)


def _named(entry: Mapping[str, Any], root: structure.PyError) -> Params:
    """Names the message carries (the argument, the attribute, the object's type)."""
    out: Params = {}
    for name, pattern in (entry.get("groups") or {}).items():
        m = re.search(pattern, root.message)
        if m:
            out[name] = m.group(1)
    return out


def _doubt_key(bare: bool, params: Params) -> str:
    """Only the message; the user's own code (no package raised it); a package's code."""
    if bare:
        return "explain.doubt.class_bare"
    return (
        "explain.doubt.class_own"
        if params.get("package") in (None, "", "?")
        else "explain.doubt.class"
    )


def _diagnosis(
    entry: Mapping[str, Any],
    params: Params,
    root: structure.PyError,
    first: int,
    tail: list[str],
    lang: str,
    bare: bool = False,
) -> Diagnosis:
    from doctor.explain.diagnose import localised, render

    key = f"explain.class.{entry['key']}"
    source = evidence.source_above(tail[: root.index]).strip() if root.frames else ""
    if source and not params["message"]:  # a bare `assert`: the line that asserts says what
        params["message"] = structure.shown(source)
    shown: list[str] = []
    if root.culprit is not None:
        shown.append(f'File "{root.culprit.path}", line {root.culprit.line}')
    raised = next((f for f in reversed(root.frames) if f.package not in _SKIP), None)
    if raised is not None and raised is not root.culprit:
        shown.append(f'File "{raised.path}", line {raised.line}')
    if source:  # the innermost frame's line: what "the line shown" names
        shown.append(structure.shown(source))
    shown.append(structure.shown(tail[root.index]))
    fix = render(list(_data()["fixes"].get(entry["fix"], ())), localised(params, lang), lang)
    public = {k: v for k, v in params.items() if v not in (None, "")}
    return Diagnosis(
        category=str(entry["category"]),
        rule=f"class.{entry['key']}",
        summary=msg(f"{key}.summary", **public),
        why=msg(f"{key}.why", **public),
        fix=tuple(fix),
        evidence=tuple(shown),
        line=first + root.index,
        params=public,
        recognised=False,
        notes=(msg(_doubt_key(bare, params), **public),),
    )
