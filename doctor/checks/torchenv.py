"""torch in the target Python: installed, its CUDA build against the driver and the GPUs,
cuDNN, a smoke test, torchaudio, and a user-site torch shadowing the environment's."""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from typing import Any

from doctor.checks.torchpick import capabilities, gpus, install, pick
from doctor.facts import Facts
from doctor.findings import Finding, Fix, Msg, Status, msg
from doctor.fixer.steps import Alternative, Choice, Manual
from doctor.knowledge import cuda, torch_builds
from doctor.knowledge.versions import channel_of, vtuple


def usable(facts: Facts) -> dict[str, Any]:
    """The torch facts when torch is installed and imports; {} otherwise."""
    t = facts.get("torch")
    return t if t.get("installed") and not t.get("import_error") else {}


def build_of(t: dict[str, Any]) -> str:
    return str(t.get("version") or "?")


def check_installed(facts: Facts) -> Iterator[Finding]:
    t = facts.get("torch")
    if not t:
        return
    build = pick(facts)
    fix = Fix((install(facts, build),), msg("torch.install.why", channel=build.channel))
    if not t.get("installed"):
        yield Finding(
            "torch.installed",
            Status.FAIL,
            msg("torch.missing.title"),
            msg("torch.missing.detail"),
            fix,
        )
        return
    if t.get("path_shadow"):
        yield _path_shadow(t)
        return
    if t.get("import_error"):
        fix = Fix((install(facts, build, "--force-reinstall"),), msg("torch.reinstall.why"))
        yield Finding(
            "torch.installed",
            Status.FAIL,
            msg("torch.import_error.title"),
            msg("torch.import_error.detail", error=t["import_error"]),
            fix,
        )
        return
    params = {
        "version": build_of(t),
        "cuda": f"CUDA {t['cuda']}" if t.get("cuda") else "CPU",
        "file": t.get("file") or "?",
    }
    yield Finding(
        "torch.installed",
        Status.OK,
        msg("torch.ok.title", **params),
        msg("torch.ok.detail", **params),
    )


def _path_shadow(t: dict[str, Any]) -> Finding:
    """Another torch first on sys.path: its folder is the fix, never a reinstall."""
    path, error = str(t["path_shadow"]), t.get("import_error")
    said = msg("torch.path_shadow.error", error=error) if error else ""
    return Finding(
        "torch.installed",
        Status.FAIL if error else Status.WARN,
        msg("torch.path_shadow.title", path=path),
        msg("torch.path_shadow.detail", path=path, error=said),
        Fix((Manual(msg("fixer.manual.drop_path", path=path)),), msg("torch.path_shadow.why")),
        facts={"path_shadow": path},
    )


def check_gpu(facts: Facts) -> Iterator[Finding]:
    t = usable(facts)
    if not t:
        return
    nv, has_gpu = facts.get("nvidia"), bool(gpus(facts))
    version, built = build_of(t), str(t.get("cuda") or "")
    if not built:
        if has_gpu:
            yield _cpu_only(facts, version)
        return
    driver = str(nv.get("driver") or "")
    if has_gpu and driver:
        verdict = cuda.judge_driver(driver, nv.get("cuda_driver_version"), built)
        if not verdict.runs:
            yield _too_old(facts, t, driver, verdict.needs)
            return
    else:
        verdict = cuda.DriverVerdict(True, "unknown", "")
    yield from _available(facts, t, driver, verdict)


def _unavailable_detail(
    facts: Facts, t: dict[str, Any], driver: str, params: dict[str, Any]
) -> Msg:
    """What torch said; when it said nothing: no driver here, or the command that shows why."""
    if t.get("warnings"):
        return msg("torch.unavailable.detail", **params)
    if not driver:
        return msg("torch.unavailable.no_driver_detail", **params)
    return msg("torch.unavailable.silent_detail", python=shlex.quote(facts.python_cmd()))


def _available(
    facts: Facts, t: dict[str, Any], driver: str, verdict: cuda.DriverVerdict
) -> Iterator[Finding]:
    nv = facts.get("nvidia")
    params = {
        "version": build_of(t),
        "cuda": t.get("cuda"),
        "driver": driver or "?",
        # as nvidia.driver says it: the probe's CUDA, else the newest the driver runs natively
        "driver_cuda": nv.get("cuda_driver_version") or cuda.native_cuda(driver) or "?",
        "needs": verdict.needs,
        "warnings": "\n".join(t.get("warnings") or []) or "-",
        "major": (vtuple(t.get("cuda")) or (0,))[0],
    }
    if not t.get("cuda_available"):
        status = Status.FAIL if gpus(facts) else Status.WARN
        yield Finding(
            "torch.gpu",
            status,
            msg("torch.unavailable.title", **params),
            _unavailable_detail(facts, t, driver, params),
            facts={"warnings": t.get("warnings") or []},
        )
        return
    key = "torch.gpu_minor" if verdict.how == "minor_compat" else "torch.gpu_ok"
    yield Finding(
        "torch.gpu",
        Status.OK,
        msg(f"{key}.title", **params),
        msg(f"{key}.detail", **params) if verdict.how == "minor_compat" else None,
    )


def _cpu_only(facts: Facts, version: str) -> Finding:
    build = pick(facts, prefer_version=version)
    return Finding(
        "torch.gpu",
        Status.FAIL,
        msg("torch.cpu_only.title", version=version),
        msg("torch.cpu_only.detail", n=len(gpus(facts))),
        Fix((install(facts, build),), msg("torch.cpu_only.why", channel=build.channel)),
    )


def _too_old(facts: Facts, t: dict[str, Any], driver: str, needs: str) -> Finding:
    nv = facts.get("nvidia")
    driver_cuda = nv.get("cuda_driver_version") or cuda.native_cuda(driver) or "?"
    build = pick(facts, prefer_version=build_of(t))
    params = {
        "version": build_of(t),
        "cuda": t.get("cuda"),
        "driver": driver,
        "driver_cuda": driver_cuda,
        "needs": needs,
        "channel": build.channel,
    }
    why = msg("torch.driver_old.why", **params)
    choice = Choice(
        (
            Alternative((install(facts, build),), msg("fixer.alt.torch_build", **params)),
            Alternative(
                (Manual(msg("fixer.manual.upgrade_driver", needs=needs)),),
                msg("fixer.alt.upgrade_driver", needs=needs),
            ),
        ),
        why,
    )
    return Finding(
        "torch.gpu",
        Status.FAIL,
        msg("torch.driver_old.title", **params),
        msg("torch.driver_old.detail", **params),
        Fix((choice,), why),
    )


def check_arch(facts: Facts) -> Iterator[Finding]:
    t = usable(facts)
    built = str(t.get("cuda") or "")
    devices = t.get("devices") or gpus(facts)
    archs = t.get("arch_list") or torch_builds.arch_list(build_of(t), channel_of(built)) or []
    if not built or not devices or not archs:
        return
    for d in devices:
        cc = str(d.get("capability") or d.get("compute_capability") or "")
        if cc:
            yield _arch(facts, t, d, cc, archs)


def _arch(
    facts: Facts, t: dict[str, Any], dev: dict[str, Any], cc: str, archs: list[str]
) -> Finding:
    params = {
        "name": dev.get("name") or "?",
        "sm": "sm_" + cc.replace(".", ""),
        "version": build_of(t),
        "archs": " ".join(archs),
    }
    kind = torch_builds.covers(archs, cc)
    if kind == "cubin":
        return Finding("torch.arch", Status.OK, msg("torch.arch_ok.title", **params))
    if kind == "ptx":
        return Finding(
            "torch.arch",
            Status.WARN,
            msg("torch.arch_ptx.title", **params),
            msg("torch.arch_ptx.detail", **params),
        )
    build = pick(facts, prefer_version=build_of(t), ccs=capabilities(facts) or [cc])
    params["first"] = cuda.arch_first_cuda(cc) or "?"
    return Finding(
        "torch.arch",
        Status.FAIL,
        msg("torch.arch_none.title", **params),
        msg("torch.arch_none.detail", **params),
        Fix((install(facts, build),), msg("torch.arch_none.why", channel=build.channel, **params)),
    )
