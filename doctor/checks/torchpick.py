"""Pure helpers shared by the torch checks: what the machine has, and which build to install."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from doctor.facts import Facts
from doctor.fixer import installer
from doctor.fixer.steps import Install
from doctor.knowledge import torch_builds
from doctor.knowledge.torch_builds import Build
from doctor.knowledge.versions import vtuple
from doctor.resolver import wheel_platform


def python_exe(facts: Facts) -> str:
    """The target interpreter for fix commands (`<it> -m pip ...`)."""
    return facts.python_cmd()


def python_version(facts: Facts) -> str:
    return ".".join(str(facts.get("python").get("version") or "").split(".")[:2])


def gpus(facts: Facts) -> list[dict[str, Any]]:
    return list(facts.get("nvidia").get("gpus") or [])


def capabilities(facts: Facts) -> list[str]:
    """Each GPU's compute capability, from torch when it saw them, else from NVML."""
    devices = facts.get("torch").get("devices") or gpus(facts)
    out = []
    for d in devices:
        cc = d.get("capability") or d.get("compute_capability")
        if cc:
            out.append(str(cc))
    return out


def serves(
    build: Build,
    driver: str,
    driver_cuda: str | None,
    ccs: Sequence[str],
    platform: str = "linux_x86_64",
) -> bool:
    """The driver runs the build and every GPU has a cubin in it (torch_builds.serves)."""
    if build.channel == "cpu":
        return False
    return torch_builds.serves(
        build, driver=driver, driver_cuda=driver_cuda, ccs=ccs, platform=platform, ptx=False
    )


def _same_version(version: str) -> Iterable[Build]:
    rel = torch_builds.release(version)
    base = ".".join(str(p) for p in vtuple(version))
    if rel is None or base not in rel["versions"]:
        return []
    chans = sorted(rel["channels"], key=lambda c: vtuple(c[2:]), reverse=True)
    return [Build(base, c) for c in chans]


def pick(facts: Facts, *, prefer_version: str = "", ccs: Sequence[str] | None = None) -> Build:
    """The build to install: the same torch version when one of its builds serves this machine,
    else the newest that does (k2 wheels first); a CPU build when there is no NVIDIA GPU."""
    nv = facts.get("nvidia")
    driver, driver_cuda = str(nv.get("driver") or ""), nv.get("cuda_driver_version")
    wanted = list(capabilities(facts) if ccs is None else ccs)
    python = python_version(facts)
    if not gpus(facts) and not wanted:
        newest = next(torch_builds.builds(python), None)
        return Build(prefer_version or (newest.version if newest else ""), "cpu")
    candidates = [*_same_version(prefer_version), *torch_builds.builds(python)]
    platform = wheel_platform(facts)
    for drv in (driver, ""):  # second pass: builds that need a driver upgrade
        for build in candidates:
            if serves(build, drv, driver_cuda if drv else None, wanted, platform):
                return build
    return Build(prefer_version, "cpu") if prefer_version else Build("", "cpu")


def install(facts: Facts, build: Build, *flags: str) -> Install:
    """The install step of a torch build with its torchaudio, from the build's own index."""
    return installer.of(facts).torch(build, platform=wheel_platform(facts), flags=flags)
