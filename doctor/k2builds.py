"""Pure: the k2 source builds the k2 probe found (``source_builds``), judged like a wheel against
this Python and the installed torch, and the one to put on PYTHONPATH."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from doctor.facts import Facts
from doctor.fixer.steps import SetEnv

Build = Mapping[str, Any]

FITS = "fits"  # this Python, and the installed torch (or a torch the build does not name)
WRONG_PYTHON = "wrong_python"
TORCH_MISMATCH = "torch_mismatch"
CUDA_MISMATCH = "cuda_mismatch"
NO_TORCH = "no_torch"


def installed_torch(facts: Facts) -> tuple[str, str]:
    """(version, CUDA) of the target's torch, from the torch probe or what the k2 probe saw."""
    t, k2 = facts.get("torch"), facts.get("k2")
    version = str(t.get("version") or k2.get("torch_version") or "")
    cuda = str(t.get("cuda") or k2.get("torch_cuda") or "")
    return version, cuda


def base(version: str) -> str:
    return version.split("+")[0]


def verdict(build: Build, torch: str, torch_cuda: str) -> str:
    """How a build fits, as k2's own `import k2` would judge it (same Python tag, same torch
    release, same CUDA when both use one)."""
    if not build.get("fits_python"):
        return WRONG_PYTHON
    built = str(build.get("torch_version") or "")
    if not torch:
        return NO_TORCH
    if built and base(built) != base(torch):
        return TORCH_MISMATCH
    built_cuda = str(build.get("torch_cuda") or "")
    if built_cuda and torch_cuda and built_cuda != torch_cuda:
        return CUDA_MISMATCH
    return FITS


def found(facts: Facts) -> list[Build]:
    return [b for b in facts.get("k2").get("source_builds") or [] if isinstance(b, Mapping)]


def judged(facts: Facts) -> list[tuple[Build, str]]:
    torch, cuda = installed_torch(facts)
    return [(b, verdict(b, torch, cuda)) for b in found(facts)]


def fitting(facts: Facts, *, gpus: bool = False) -> Build | None:
    """The first found build that fits and is not (all) on PYTHONPATH yet; with GPUs, one not
    known to be CPU-only. None when k2 imports: what works stays."""
    if facts.get("k2").get("import_ok"):
        return None
    for build, how in judged(facts):
        if build.get("on_path"):
            continue  # already there and still not importing: k2.import says why
        if how == FITS and not (gpus and build.get("with_cuda") is False):
            return build
    return None


def best_unfit(facts: Facts) -> tuple[Build, str] | None:
    """The most useful build that does not fit (wrong torch before wrong Python)."""
    rank = (TORCH_MISMATCH, CUDA_MISMATCH, NO_TORCH, WRONG_PYTHON)
    pairs = [(b, h) for b, h in judged(facts) if h in rank and not b.get("on_path")]
    return min(pairs, key=lambda p: rank.index(p[1])) if pairs else None


def export_commands(build: Build) -> tuple[SetEnv, SetEnv]:
    """The two exports of k2's docs: k2/python (for `import k2`), build/lib (for `import _k2`),
    in that order on PYTHONPATH."""
    return (
        SetEnv("PYTHONPATH", str(build["python_dir"]), prepend=True),
        SetEnv("PYTHONPATH", str(build["lib_dir"]), prepend=True),
    )


def for_pythonpath(facts: Facts) -> Build | None:
    """The build whose folders belong on PYTHONPATH: the one k2 imports from, else the fitting
    one found beside it."""
    sb = facts.get("k2").get("source_build")
    other = fitting(facts)
    if isinstance(sb, Mapping) and sb.get("python_dir") and other is None:
        return sb
    return other
