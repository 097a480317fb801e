"""torch checks past the build: cuDNN, the GPU smoke test, NCCL for multi-GPU training,
torchaudio, user-site shadowing."""

from __future__ import annotations

from collections.abc import Iterator

from doctor.checks.recipe import imports_module
from doctor.checks.torchenv import build_of, usable
from doctor.checks.torchpick import capabilities, gpus, install, pick
from doctor.facts import Facts
from doctor.findings import Finding, Fix, Status, msg
from doctor.fixer import installer
from doctor.fixer.steps import Alternative, Choice, SetEnv
from doctor.knowledge import torch_builds
from doctor.knowledge.versions import channel_of, vtuple
from doctor.recipe.resources import nccl_state

CUDNN_SM75_FROM = 91100  # cuDNN >= 9.11 refuses devices below sm_75


def cudnn_text(v: int) -> str:
    """8902 -> '8.9.2'; 90501 -> '9.5.1'."""
    if v >= 10000:
        return f"{v // 10000}.{v % 10000 // 100}.{v % 100}"
    return f"{v // 1000}.{v % 1000 // 100}.{v % 100}"


def check_cudnn(facts: Facts) -> Iterator[Finding]:
    t = usable(facts)
    if not t.get("cuda") or not t.get("cuda_available"):
        return
    v = t.get("cudnn")
    if not isinstance(v, int):
        yield Finding(
            "torch.cudnn",
            Status.WARN,
            msg("torch.cudnn_none.title"),
            msg("torch.cudnn_none.detail", error=t.get("cudnn_error") or "-"),
        )
        return
    old = [cc for cc in capabilities(facts) if vtuple(cc) < (7, 5)]
    params = {"cudnn": cudnn_text(v), "ccs": ", ".join(old)}
    if v >= CUDNN_SM75_FROM and old:
        yield Finding(
            "torch.cudnn",
            Status.FAIL,
            msg("torch.cudnn_sm75.title", **params),
            msg("torch.cudnn_sm75.detail", **params),
        )
        return
    yield Finding("torch.cudnn", Status.OK, msg("torch.cudnn_ok.title", **params))


def check_smoke(facts: Facts) -> Iterator[Finding]:
    s = usable(facts).get("smoke") or {}
    if not s.get("ran"):
        return
    if s.get("ok"):
        yield Finding("torch.smoke", Status.OK, msg("torch.smoke_ok.title"))
        return
    yield Finding(
        "torch.smoke",
        Status.FAIL,
        msg("torch.smoke_fail.title"),
        msg("torch.smoke_fail.detail", error=s.get("error") or "?"),
    )


def check_nccl(facts: Facts) -> Iterator[Finding]:
    """With 2+ GPUs, a CUDA torch needs NCCL: icefall's --world-size N > 1 joins its DDP
    workers over it. Silent on one GPU, a CPU torch, or when the probe could not tell."""
    t, n = usable(facts), len(gpus(facts))
    state = nccl_state(t) if t.get("cuda") else None
    if n < 2 or state is None:
        return
    params = {"version": build_of(t), "gpus": n}
    if state:
        yield Finding("torch.nccl", Status.OK, msg("torch.nccl_ok.title", **params))
        return
    build = pick(facts, prefer_version=build_of(t))
    command = install(facts, build, "--force-reinstall")
    yield Finding(
        "torch.nccl",
        Status.WARN,
        msg("torch.nccl_none.title", **params),
        msg("torch.nccl_none.detail", **params),
        Fix((command,), msg("torch.nccl_none.why", channel=build.channel)),
    )


def check_torchaudio(facts: Facts) -> Iterator[Finding]:
    t = usable(facts)
    if not t:
        return
    ta = t.get("torchaudio") or {}
    version, channel = build_of(t), channel_of(t.get("cuda"))
    want = torch_builds.torchaudio_for(version)
    params = {
        "torch": version,
        "want": want or "?",
        "have": ta.get("version") or "?",
        "channel": channel,
        "error": ta.get("import_error") or "",
    }
    problem = _audio_problem(ta, want, version)
    if problem is None:
        yield Finding("torch.torchaudio", Status.OK, msg("torch.audio_ok.title", **params))
        return
    spec = f"torchaudio=={want}" if want else "torchaudio"
    command = installer.of(facts).install(
        spec,
        flags=("--force-reinstall", "--no-deps"),
        index_url=torch_builds.index_url(channel),
    )
    fix = Fix((command,), msg("torch.audio.why", **params))
    if imports_module(facts, "torchaudio") is False:  # the recipe runs without it
        recipe = str(facts.get("recipe").get("recipe") or "")
        missing = problem == "audio_missing"
        yield Finding(
            "torch.torchaudio",
            Status.SKIP if missing else Status.WARN,
            msg(f"torch.{problem}.title", **params),
            msg("recipe.not_imported.detail", module="torchaudio", recipe=recipe),
            None if missing else fix,
        )
        return
    yield Finding(
        "torch.torchaudio",
        Status.FAIL,
        msg(f"torch.{problem}.title", **params),
        msg(f"torch.{problem}.detail", **params),
        fix,
    )


def _audio_problem(ta: dict[str, object], want: str | None, torch_version: str) -> str | None:
    """The message stem of what is wrong with torchaudio, or None."""
    have = str(ta.get("version") or "")
    if not ta.get("installed"):
        return "audio_missing"
    if ta.get("import_error"):
        return "audio_broken"
    if want and vtuple(have)[:2] != vtuple(want)[:2]:
        return "audio_pair"
    flavour, torch_flavour = _local(have), _local(torch_version)
    if flavour and torch_flavour and flavour != torch_flavour:
        return "audio_flavour"
    return None


def _local(version: str) -> str:
    """'2.7.1+cu126' -> 'cu126'."""
    return version.partition("+")[2]


def check_shadow(facts: Facts) -> Iterator[Finding]:
    shadow = usable(facts).get("user_site_shadow") or facts.get("torch").get("user_site_shadow")
    if not shadow:
        return
    tool = installer.of(facts)
    why = msg("torch.shadow.why")
    choice = Choice(
        (
            Alternative((tool.uninstall("torch"),), msg("fixer.alt.uninstall_shadow", path=shadow)),
            Alternative((SetEnv("PYTHONNOUSERSITE", "1"),), msg("fixer.alt.nousersite")),
        ),
        why,
    )
    yield Finding(
        "torch.shadow",
        Status.WARN,
        msg("torch.shadow.title", path=shadow),
        msg("torch.shadow.detail", path=shadow),
        Fix((choice,), why),
    )
