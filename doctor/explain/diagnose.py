"""Hits -> diagnoses: the more specific rule wins, one diagnosis per rule, root cause first."""

from __future__ import annotations

import dataclasses
import re
import shlex
from collections.abc import Mapping
from typing import Any

from doctor.explain import (
    comments,
    confidence,
    evidence,
    interpreter,
    k2plan,
    knowledge,
    memory,
    rollup,
    shellwords,
    structure,
)
from doctor.explain.k2plan import K2Context
from doctor.explain.model import Diagnosis, Hit
from doctor.explain.params import EXTRACTORS, user_frames
from doctor.explain.params import cudnn_fix as params_cudnn
from doctor.explain.scan import ScanResult
from doctor.facts import Facts, marker_environment
from doctor.findings import Msg, msg
from doctor.fixer.render import quote
from doctor.knowledge import torch_builds
from doctor.messages import catalog, text

Params = dict[str, Any]
MAX_EVIDENCE = 4


def diagnose(
    scan: ScanResult, params: Params, facts: Facts | None = None, lang: str = "en"
) -> list[Diagnosis]:
    """Diagnoses, root cause first; the words inside fix commands (comments, placeholders)
    are in ``lang``, the commands themselves verbatim; ``params`` are base_params' (read once
    per judgement, by the caller, which uses them too)."""
    k2 = k2plan.context(facts)
    base = {**params, **k2plan.plan_params(k2)}
    read = {id(h): _diagnosis(h, scan, base, facts, k2, lang) for h in scan.hits}
    # a hit its extractor passes on (the line is not its rule's case) hides nothing; one it
    # drops (what the line says is not the cause) still hides what it supersedes
    hits = [h for h in scan.hits if not isinstance(read[id(h)], _Passed)]
    hits = _first_per_rule(_drop_superseded(hits))
    hits.sort(key=lambda h: (h.rule.rank, _warned(h), h.line_no))
    found = [d for d in (read[id(h)] for h in hits) if isinstance(d, Diagnosis)]
    # a module a library warned it went on without (torch's "Failed to initialize NumPy") is
    # optional to it: no rival to the error the run failed on
    notices = frozenset(
        h.rule.id for h in hits if _warned(h) and h.rule.category == "missing_module"
    )
    return confidence.judge([rollup.rolled_up(d) for d in found], scan, notices)


class _Passed:
    """An extractor's answer that its rule does not apply to the line at all."""


_PASSED = _Passed()


def _warned(hit: Hit) -> bool:
    """The hit's line is a notice given as a warning (pydub's "RuntimeWarning: Couldn't find
    ffmpeg ..., but may not work"): the run went on after it, so an error of the same rank read
    later is what it failed on. A warning that carries a caught error ("Cannot load
    onnxruntime.capi. Error: ...") is that error, and keeps its place."""
    line = hit.line
    warning = "Warning:" in line or "warnings.warn(" in line or bool(_WARNING_LEVEL.match(line))
    return warning and not _CAUGHT_ERROR.search(line)


# glog's (and absl's) warning level at the start of a line: "W0322 05:27:28.710276 70
# file.cc:271]" (Triton, Paddle, TensorFlow); an E or F line of the same log is the failure.
_WARNING_LEVEL = re.compile(r"\s*W\d{4} \d\d:\d\d:\d\d")


_CAUGHT_ERROR = re.compile(r"\b\w*(?:Error|Exception)\b\s*:|\berror:")
# A program's own notice that it caught the error and went on another way ("falling back to
# standard inference: No module named 'deepspeed'", "Using Python fallback. Original ImportError
# was: ..."): what it then failed with, if anything, may be elsewhere.
_FELL_BACK = re.compile(r"(?i)\bfalling back\b|\bfall ?back to\b|\bUsing \w+ fallback\b|回退")
# The error such a notice quotes: a caught error's words, an exception's repr, a module missing.
_ERROR_AFTER = re.compile(_CAUGHT_ERROR.pattern + r"|\b\w*(?:Error|Exception)\(|No module named")


def _fell_back(hit: Hit) -> str:
    """The line says the program fell back, and the error follows that notice."""
    m = _FELL_BACK.search(hit.line)
    return "fell_back" if m and _ERROR_AFTER.search(hit.line, m.end()) else ""


def _drop_superseded(hits: list[Hit]) -> list[Hit]:
    """A rule hides the rules it supersedes: on the same line, or anywhere in its category. A
    rule naming only the shape of a failure (onnxruntime's "Non-zero status code", a C++
    exception) gives way to a class of cause read from the same line: the wrapper's message
    is that cause."""
    keep = []
    for h in hits:
        hidden = any(
            h.rule.id in o.rule.supersedes
            and (o.line_no == h.line_no or o.rule.category == h.rule.category)
            for o in hits
        )
        if not hidden:
            keep.append(h)
    return [h for h in keep if not _wrapped(h, keep)]


def _wrapped(hit: Hit, hits: list[Hit]) -> bool:
    return hit.rule.category in confidence.GENERIC and any(
        _same_message(hit, o) and o.rule.category not in confidence.GENERIC for o in hits
    )


def _same_message(hit: Hit, other: Hit) -> bool:
    """The other hit reads the same message: its line, or (C++'s "terminate called after
    throwing an instance of ...") the ``what():`` line printed right after it."""
    if other.line_no == hit.line_no:
        return True
    return other.line_no == hit.line_no + 1 and other.line.lstrip().startswith("what():")


def _first_per_rule(hits: list[Hit]) -> list[Hit]:
    """One hit per rule and module or distribution it names; a hit that names none (pip's
    "egg_info did not run successfully") joins the rule's named ones, or stands for the rule
    when no line names one."""
    seen: dict[tuple[str, str], Hit] = {}
    for h in sorted(hits, key=lambda h: h.line_no):
        seen.setdefault((h.rule.id, _subject(h)), h)
    named = {rule for rule, subject in seen if subject}
    return [h for (rule, subject), h in seen.items() if subject or rule not in named]


def _subject(hit: Hit) -> str:
    """The module or distribution a hit is about, whichever of its rule's patterns named it
    (pip's "Failed building wheel for X" and "Failed to build X" are one failure of X)."""
    groups = hit.groups
    names = [k for k in groups if k.rstrip("0123456789") in ("module", "dist")]
    names.sort(key=lambda k: (not k.startswith("module"), k))
    return next((groups[k] for k in names if groups[k]), "")


def base_params(scan: ScanResult, facts: Facts | None, python: str = "") -> Params:
    """Parameters every fix template may use: the target python, torch, the recipe's dirs."""
    logged = "" if python else interpreter.log_python(scan)
    p: Params = {"py": python or logged or "python3", "train_cmd": msg("fixtext.train_cmd")}
    p["dl_dir"], p["exp_dir"] = "download", "<exp-dir>/"
    p.update(torch_base="<TORCH>", torch_cuda="<CUDA>", torch_channel="<cuXYZ>")
    p.update(
        torch_index=torch_builds.index_url("<cuXYZ>"), cu128_index=torch_builds.index_url("cu128")
    )
    p.update(k2_flavour="cuda<CUDA>", k2_page="cuda")
    stage = scan.context.get("stage")
    if stage is not None:
        p.update(stage=stage.value, stage_script=stage.groups.get("script", "prepare.sh"))
        script = "./" + str(p["stage_script"]).lstrip("./")
        p["rerun_stage"] = shlex.join(
            [script, "--stage", str(stage.value), "--stop-stage", str(stage.value)]
        )
    if facts is not None:
        p.update(_facts_params(facts))
        if interpreter.another_python(logged, str(p["py"])):
            p["py"] = logged
    return p


def _facts_params(facts: Facts) -> Params:
    out: Params = {}
    exe = (facts.get("python") or {}).get("executable") or facts.context.get("target")
    if exe:
        out["py"] = str(exe)
    torch = facts.get("torch")
    if torch.get("version"):
        out.update(knowledge.torch_params(str(torch["version"]), torch.get("cuda") or None))
    gpus = facts.get("nvidia").get("gpus") or []
    if gpus and gpus[0].get("memory_total"):
        out["gpu_total_gib"] = round(float(gpus[0]["memory_total"]) / 2**30, 2)
    return out


def _diagnosis(
    hit: Hit,
    scan: ScanResult,
    base: Params,
    facts: Facts | None,
    k2: K2Context | None,
    lang: str = "en",
) -> Diagnosis | _Passed | None:
    """None when the extractor finds the line's claim is not the cause; _PASSED when the line is
    not what the rule is about."""
    # an extractor may rewrite the groups it read; the scan's hit stays as read, for a second
    # judgement of the same log (explain re-judges it with this machine's facts)
    hit = dataclasses.replace(hit, groups=dict(hit.groups))
    params: Params = dict(base)
    extractor = EXTRACTORS.get(hit.rule.extract)
    if extractor is not None:
        try:
            params.update(extractor(hit, scan))
        except Exception:  # one hit its extractor cannot read says nothing; the log's other
            return None  # hits still explain it: explain never crashes on a log
    if params.pop("_pass", False):
        return _PASSED
    if params.pop("_drop", False):
        return None
    params.update({k: v for k, v in hit.groups.items() if k not in params or v})
    params.update(_script(hit, str(params["py"])))
    _sharpen(hit.rule.id, params, facts)
    params.update(k2plan.wheel_params(k2, params))
    params = localised(params, lang)
    commands, notes = _commands(hit, params, lang)
    category = str(params.pop("_category", hit.rule.category))
    note = params.pop("_note", "")
    own_doubt = params.pop("_doubt", None)  # "" from an extractor: the rule's doubt is lifted
    doubt = str(hit.rule.doubt if own_doubt is None else own_doubt) or _fell_back(hit)
    key = f"explain.{hit.rule.messages or hit.rule.id}"
    summary_key = f"{key}.{note}" if note and f"{key}.{note}.summary" in catalog("en") else key
    return Diagnosis(
        category=category,
        rule=hit.rule.id,
        summary=msg(f"{summary_key}.summary", **_public(params)),
        why=msg(f"{summary_key}.why", **_public(params)),
        fix=tuple(commands),
        evidence=_evidence(hit),
        line=hit.line_no,
        params=_public(params),
        notes=tuple(notes),
        doubt=doubt,
    )


def localised(params: Params, lang: str) -> Params:
    """The phrases the extractors leave as messages (a placeholder, a comment in a command)
    rendered in ``lang``: a fix command is text, in the user's language."""

    def one(value: Any) -> Any:
        return text(value, lang) if isinstance(value, Msg) else value

    out = {k: v if k.startswith("_") else one(v) for k, v in params.items()}
    for key in ("_extra_fix", "_fallback_fix"):
        if isinstance(out.get(key), list):
            out[key] = [one(v) for v in out[key]]
    return out


def _commands(hit: Hit, params: Params, lang: str) -> tuple[list[str], list[Msg]]:
    """The fix: the rule's plan_fix with the k2 plan spliced in when this machine's plan is
    known, else the templates; and the notes that go with the commands chosen."""
    plan: list[str] = params.pop("_k2_plan", [])
    plan_notes: list[Msg] = params.pop("_plan_notes", [])
    wheel_notes: list[Msg] = params.pop("_wheel_notes", [])
    plan_fix = [] if params.pop("_no_plan", False) else params.pop("_plan_fix", hit.rule.plan_fix)
    extra = params.pop("_extra_fix", [])
    fallback = params.pop("_fallback_fix", [])
    instead = params.pop("_instead_fix", None)  # the rule's own fix cannot work here
    if instead is not None:
        return _render(list(instead), params, lang), []
    if plan and plan_fix:
        out: list[str] = []
        for t in plan_fix:
            for cmd in plan if t == "{k2_plan}" else _render([t], params, lang):
                if cmd not in out:
                    out.append(cmd)
        return out, plan_notes
    commands = _render([*(extra or fallback), *hit.rule.fix], params, lang)
    dated = any("YYYYMMDD" in c for c in commands)
    return commands, wheel_notes if dated else []


def _script(hit: Hit, py: str) -> Params:
    """The user's train script from the traceback, as the recipe runs it (./matcha/train.py)."""
    frames = [p for p, _ in user_frames(hit.before) if "train" in p.rsplit("/", 1)[-1]]
    if not frames:
        return {}
    path = frames[0]
    script = "./" + path.split("/./", 1)[1] if "/./" in path else path
    # a fragment the tool composes: the log's path and the interpreter go in as one word each
    return {"train_cmd": msg("fixtext.train_script", py=quote(py), script=quote(script))}


def _sharpen(rule: str, params: Params, facts: Facts | None) -> None:
    if rule == "cuda.library_missing" and facts is not None and params.get("_cudnn_class"):
        torch_cuda = facts.get("torch").get("cuda")
        if torch_cuda and not params.get("onnxruntime"):
            params.pop("cuda_major", None)  # torch's own build decides: its wheels are the fix
        params.update(params_cudnn(params, str(torch_cuda or "") or None))
    elif rule in _MODULE_RULES and facts is not None:
        top = str(params.get("module", "k2")).split(".")[0]
        if top in ("k2", "_k2"):
            params.update(k2_source_params(facts))
        if params.get("_doubt") == "stack_module" and _probed(top, facts):
            params.pop("_doubt")  # this machine's probe says where it stands: the fix is its own
    elif rule == "cuda.driver_insufficient" and facts is not None and _driver_older(facts):
        params.pop("_doubt", None)  # this machine's driver is older than its torch's CUDA
    elif rule == "cuda.driver_insufficient" and facts is not None and _no_nvidia_gpu(facts):
        params.update(_doubt="", _category="no_nvidia_gpu", _note="no_gpu",
                      _instead_fix=evidence.fixes("no_nvidia_gpu"))  # fmt: skip
    elif rule == "torch.cpu_build" and facts is not None and _on("darwin", facts):
        params.update(evidence.cuda_on_macos())  # no CUDA torch exists there
    elif rule == "cuda.oom":
        _sharpen_oom(params)
    elif rule == "cuda.driver_too_old":
        nv = facts.get("nvidia") if facts is not None else {}
        python = (facts.get("python") if facts is not None else {}).get("version") or ""
        python = ".".join(str(python).split(".")[:2])
        driver = str(nv.get("driver") or "")
        same = str(nv.get("cuda_driver_version") or "") == params["driver_cuda"]
        params.update(
            knowledge.driver_params(params["driver_cuda"], python, driver if same else "")
        )


def _on(sys_platform: str, facts: Facts) -> bool:
    """The target interpreter runs on that platform, when its probe says so."""
    return bool(facts.get("python")) and marker_environment(facts)["sys_platform"] == sys_platform


def _no_nvidia_gpu(facts: Facts) -> bool:
    """The nvidia probe ran here and found no NVIDIA GPU (no driver, or none visible)."""
    nv = facts.get("nvidia")
    return bool(nv) and (nv.get("source") == "none" or not nv.get("driver") or nv.get("gpus") == [])


def _driver_older(facts: Facts) -> bool:
    """This machine's driver supports an older CUDA than its torch was built for."""
    driver = _version(facts.get("nvidia").get("cuda_driver_version"))
    built = _version(facts.get("torch").get("cuda"))
    return bool(driver and built) and driver < built


def _version(value: Any) -> tuple[int, ...]:
    m = re.match(r"(\d+)\.(\d+)", str(value or ""))
    return (int(m.group(1)), int(m.group(2))) if m else ()


_MODULE_RULES = ("module.missing", "module.not_installed_message", "k2.partial_package")


def _probed(top: str, facts: Facts) -> bool:
    """The probe of the target Python reported on the package (found or not)."""
    if top in ("k2", "_k2"):
        return "found" in facts.get("k2")
    torch = facts.get("torch")
    if top == "torch":
        return "installed" in torch
    if top == "torchaudio":
        return "installed" in (torch.get("torchaudio") or {})
    return False


def k2_source_params(facts: Facts) -> Params:
    """A k2 source build that exists on this machine (facts k2.source_builds) and fits this
    Python: point PYTHONPATH at it instead of installing another k2."""
    builds = facts.get("k2").get("source_builds")
    if not isinstance(builds, list):
        return {}
    torch = str(facts.get("torch").get("version") or "")
    fits = [
        b for b in builds if isinstance(b, dict) and b.get("fits_python") and b.get("python_dir")
    ]
    same = [
        b for b in fits if not torch or not b.get("torch_version") or b["torch_version"] == torch
    ]
    if not same:
        return {}
    b = same[0]
    out: Params = {"k2_root": str(b.get("root") or b["python_dir"]), "_no_plan": True}
    out["k2_python_dir"] = str(b["python_dir"])
    if b.get("lib_dir"):
        out["k2_lib_dir"] = str(b["lib_dir"])
    out.update(
        _category="pythonpath", _note="k2_source", _extra_fix=evidence.fixes("k2_source_build")
    )
    return out


def _sharpen_oom(params: Params) -> None:
    """Without a total in the message, this machine's GPU memory (from facts) is the bound."""
    if "total_gib" not in params and params.get("gpu_total_gib"):
        needed = (params.get("allocated_gib") or 0) + (params.get("tried_gib") or 0) or None
        params["total_gib"] = params["gpu_total_gib"]
        params["new_max_duration"] = memory.smaller_max_duration(
            params["max_duration"], params["total_gib"], needed
        )


def _public(params: Mapping[str, Any]) -> Params:
    return {k: v for k, v in params.items() if not k.startswith("_")}


def render(templates: list[str], params: Params, lang: str = "en") -> list[str]:
    """The commands of templates over params (a template naming a missing one is dropped)."""
    return _render(templates, params, lang)


def _render(templates: list[str], params: Params, lang: str = "en") -> list[str]:
    """Fill each template, its comment in ``lang``; drop the ones naming a parameter this log
    did not give, or one that cannot go in safely (doctor.explain.shellwords)."""
    out: list[str] = []
    for t in (comments.in_language(template, lang) for template in templates):
        cmd = shellwords.fill(t, params)
        if cmd is not None and cmd not in out:
            out.append(cmd)
    return out


def _evidence(hit: Hit) -> tuple[str, ...]:
    lines = [structure.shown(hit.line)]
    frames = user_frames(hit.before)
    if frames:
        path, line = frames[-1]
        lines.insert(0, f'File "{path}", line {line}')
    follow = [
        structure.shown(a)
        for a in hit.after[:2]
        if structure.shown(a) and not a.startswith(("Traceback", "During"))
    ]
    return tuple([*lines, *follow][:MAX_EVIDENCE])
