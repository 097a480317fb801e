"""k2 checks: where k2 comes from, why it does not import, a RaggedTensor pad on CPU and GPU,
and the resolver's plan for this machine."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from doctor import k2builds, k2wheels
from doctor.facts import Facts
from doctor.findings import Finding, Fix, Status, msg
from doctor.fixer.steps import Install, package_names
from doctor.resolver import Plan, machine, resolve

# (substring of the import error, diagnosis); the first match wins
_ERRORS: tuple[tuple[str, str], ...] = (
    ("k2 was built using PyTorch", "torch_mismatch"),
    ("k2 was built using CUDA", "cuda_mismatch"),
    ("undefined symbol", "undefined_symbol"),
    ("GLIBCXX_", "glibc"),
    ("GLIBC_", "glibc"),
    ("cannot open shared object file", "missing_lib"),
)


def diagnose(k2: dict[str, Any]) -> str:
    """Why k2 does not import, as one key."""
    if not k2.get("found"):
        return "not_found"
    if k2.get("zipped"):
        return "zipped"
    so = [s for s in k2.get("so_files") or [] if s.get("python")]
    if not k2.get("so_file") and so and all(s["python"] != k2.get("python") for s in so):
        return "wrong_python"
    if k2.get("torch_import_error"):
        return "no_torch"
    error = str(k2.get("import_error") or "")
    return next((key for text, key in _ERRORS if text in error), "other")


def _params(facts: Facts) -> dict[str, Any]:
    k2 = facts.get("k2")
    so = (k2.get("so_files") or [{}])[0]
    sb = k2.get("source_build") or {}
    return {
        "version": k2.get("dist_version")
        or (k2.get("build") or {}).get("version")
        or (msg("k2.phrase.source_build") if sb else "?"),
        "built_torch": k2.get("k2_torch_version") or k2.get("dist_torch") or "?",
        "built_cuda": k2.get("k2_torch_cuda_version") or msg("k2.phrase.cpu_build"),
        "torch": k2.get("torch_version")
        or facts.get("torch").get("version")
        or msg("k2.phrase.not_installed"),
        "torch_cuda": k2.get("torch_cuda")
        or facts.get("torch").get("cuda")
        or msg("k2.phrase.none"),
        "python": k2.get("python", "?"),
        "so_python": so.get("python", "?"),
        "so": so.get("path", ""),
        "error": str(k2.get("import_error") or k2.get("torch_import_error") or ""),
        "where": sb.get("python_dir") or k2.get("file") or "",
        "lib_dir": sb.get("lib_dir") or "",
    }


def check_import(facts: Facts) -> Iterator[Finding]:
    k2 = facts.get("k2")
    params = _params(facts)
    facts_out = {k: k2.get(k) for k in ("file", "so_file", "source_build", "dist_version")}
    if k2.get("import_ok"):
        b = k2.get("build") or {}
        kind = "source" if k2.get("source_build") else "wheel"
        yield Finding(
            "k2.import",
            Status.OK,
            msg(
                f"k2.ok.{kind}.title",
                version=b.get("version") or params["version"],
                cuda=f"CUDA {b.get('cuda_version')}" if b.get("with_cuda") else "CPU",
                built_torch=b.get("torch_version") or params["built_torch"],
                where=params["where"],
            ),
            facts={**facts_out, "build": b},
        )
        return
    kind = diagnose(k2)
    found = source_build_finding(facts, unfit=kind == "not_found")
    if kind != "not_found" or found is None:
        detail = f"k2.{kind}.detail" if kind != "not_found" else _not_found_detail(k2)
        yield Finding(
            "k2.import",
            Status.FAIL,
            msg(f"k2.{kind}.title", **params),
            msg(detail, **params, looked_in=(k2.get("source_search") or {}).get("looked_in", 0)),
            facts=facts_out,
        )
    if found is not None:
        yield found


def _not_found_detail(k2: dict[str, Any]) -> str:
    return "k2.not_found.searched" if k2.get("source_search") else "k2.not_found.detail"


def source_build_finding(facts: Facts, *, unfit: bool = True) -> Finding | None:
    """A source build found off PYTHONPATH: the two exports when it fits this Python and torch,
    else (``unfit``: when no k2 was found at all) what does not fit, as for a wheel."""
    build = k2builds.fitting(facts, gpus=bool(machine(facts).ccs))
    how = k2builds.FITS
    if build is None:
        unfit_build = k2builds.best_unfit(facts) if unfit else None
        if unfit_build is None:
            return None
        build, how = unfit_build
    torch, torch_cuda = k2builds.installed_torch(facts)
    params = {
        "root": build.get("root", ""),
        "python_dir": build.get("python_dir", ""),
        "lib_dir": build.get("lib_dir", ""),
        "tag": build.get("python_tag") or "?",
        "here": "cp" + str(facts.get("k2").get("python") or "?").replace(".", ""),
        "built_torch": build.get("torch_version") or msg("k2.phrase.unknown_torch"),
        "built_cuda": build.get("torch_cuda") or msg("k2.phrase.none"),
        "torch": torch or msg("k2.phrase.not_installed"),
        "torch_cuda": torch_cuda or msg("k2.phrase.none"),
    }
    fix = (
        Fix(k2builds.export_commands(build), msg("k2.found.fits.why", **params))
        if how == k2builds.FITS
        else None
    )
    return Finding(
        "k2.import",
        Status.FAIL,
        msg(f"k2.found.{how}.title", **params),
        msg(f"k2.found.{how}.detail", **params),
        fix,
        facts={"source_build": dict(build), "verdict": how},
    )


def check_ops(facts: Facts) -> Iterator[Finding]:
    ops = facts.get("k2").get("ops") or {}
    for device in ("cpu", "cuda"):
        if device not in ops:
            continue
        result = ops[device]
        status = Status.OK if result.get("ok") else Status.FAIL
        key = "ok" if result.get("ok") else "fail"
        yield Finding(
            "k2.ops",
            status,
            msg(f"k2.ops.{key}.title", device=device),
            msg("k2.ops.fail.detail", error=result.get("error", "")) if key == "fail" else None,
        )


def check_cuda(facts: Facts) -> Iterator[Finding]:
    k2 = facts.get("k2")
    b = k2.get("build") or {}
    if not k2.get("import_ok") or b.get("with_cuda") or not machine(facts).ccs:
        return
    yield Finding(
        "k2.cuda",
        Status.WARN,
        msg("k2.cpu_only.title"),
        msg("k2.cpu_only.detail"),
    )


def check_plan(facts: Facts) -> Iterator[Finding]:
    if facts.get("torch").get("path_shadow"):
        return  # another torch is found first (torch.installed says so): no plan on top of it
    plan = resolve(facts)
    params = _plan_params(plan)
    if not plan.commands:
        yield Finding("k2.plan", Status.OK, msg("k2.plan.ok.title", **params), facts=plan.to_json())
        return
    kind = _plan_kind(plan)
    k2 = facts.get("k2")
    status = Status.WARN if k2.get("import_ok") and not plan.source_build else Status.FAIL
    # what the wheel pages said matters only to a plan that installs a k2 wheel
    page_notes = (
        k2wheels.notes(k2wheels.from_json(facts.get("k2wheels"))) if _uses_wheels(plan) else []
    )
    for note in [*page_notes, *plan.notes]:
        yield Finding("k2.plan", Status.WARN, note)
    yield Finding(
        "k2.plan",
        status,
        msg(f"k2.plan.{kind}.title", **params),
        msg(f"k2.plan.{kind}.detail", **params),
        Fix(plan.steps, msg(f"k2.plan.{kind}.why", **params)),
        facts=plan.to_json(),
    )


def _plan_kind(plan: Plan) -> str:
    if plan.found_build:
        return "found"  # a source build off PYTHONPATH fits: exports, torch stays
    if plan.source_build:
        return "source"
    return "wheels" if plan.changes_stack else "rest"


def _uses_wheels(plan: Plan) -> bool:
    """Whether the plan installs a k2 wheel (not a kept, found or source-built k2)."""
    return any(isinstance(s, Install) and "k2" in package_names(s) for s in plan.steps)


def _plan_params(plan: Plan) -> dict[str, Any]:
    build = (
        msg("k2.plan.phrase.cpu")
        if plan.variant == "cpu"
        else msg("k2.plan.phrase.cuda", v=plan.variant)
    )
    return {
        "torch": plan.torch or "?",
        "build": build,
        "k2": msg("k2.plan.phrase.exact", version=plan.k2)
        if plan.k2
        else msg("k2.plan.phrase.newest"),
        "keep": msg("k2.plan.phrase.keep" if plan.keep_torch else "k2.plan.phrase.install"),
        "source": msg(f"k2.plan.phrase.from_{plan.wheels_from}"),
        "root": plan.found_build,
    }
