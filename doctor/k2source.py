"""Pure: what a k2 source build needs on this machine, as typed steps.

A source-build plan never lacks what it builds against: the torch it compiles with (the installed
one when it fits, else the newest fitting build, k2-tested torch lines first), and with a GPU the
CUDA toolkit whose nvcc matches that torch's CUDA (k2's build asserts it). Then clone, configure
with C++17 (torch >= 2.1's headers need it), build, and the two PYTHONPATH entries.
"""

from __future__ import annotations

from dataclasses import dataclass

from doctor.findings import Msg, msg
from doctor.fixer.installer import Installer
from doctor.fixer.steps import Action, Install, Manual, Run, SetEnv
from doctor.knowledge import torch_builds
from doctor.knowledge.torch_builds import Build
from doctor.knowledge.versions import cuda_of, line_of, vtuple

K2_SRC = "~/k2"  # where the steps clone k2 (a folder the k2 source-build search looks in)
K2_ARCH_NEWEST = (9, 0)  # k2's CMake arch list stops at sm_90 (k2#1332)


@dataclass(frozen=True)
class Target:
    """What the build is for: the interpreter, its Python and platform, the GPUs and driver."""

    python_exe: str
    python: str  # "3.11"
    platform: str  # "linux_aarch64"
    ccs: tuple[str, ...]
    driver: str
    driver_cuda: str
    nvcc: str  # nvcc's release ("12.8"), "" when there is none


@dataclass(frozen=True)
class SourcePlan:
    torch: Build | None  # what k2 is built against; None: no torch build fits
    keep_torch: bool
    actions: tuple[Action, ...]  # the steps, in order
    notes: tuple[Msg, ...]


def plan(target: Target, installed: str, installed_cuda: str, inst: Installer) -> SourcePlan:
    """The whole source build: torch (kept or installed), toolkit, clone, configure, build."""
    gpu = bool(target.ccs) and target.platform.startswith("linux")
    kept = _kept(target, installed, installed_cuda, gpu)
    build = kept or pick_torch(target, gpu)
    steps: list[Action] = []
    notes: list[Msg] = []
    if build is None:
        notes.append(msg("resolver.source.no_torch", python=target.python, gpus=_ccs(target)))
    elif kept is None:
        steps.append(_torch_install(build, target, inst))
    if gpu and build is not None and line_of(target.nvcc) != build.cuda:
        steps.append(_toolkit_step(build.cuda, target.nvcc))
    newer = [cc for cc in target.ccs if vtuple(cc)[:2] > K2_ARCH_NEWEST]
    if gpu and newer:
        notes.append(msg("resolver.source.new_arch", ccs=", ".join(newer)))
    steps += build_steps(target.python_exe, gpu)
    return SourcePlan(build, kept is not None, tuple(steps), tuple(notes))


def _kept(target: Target, installed: str, installed_cuda: str, gpu: bool) -> Build | None:
    """The installed torch, when a k2 built against it would serve this machine."""
    if not installed:
        return None
    base = ".".join(str(p) for p in vtuple(installed)[:3])
    if not gpu:
        return Build(base, "cpu")
    if not installed_cuda:
        return None  # a CPU torch on a GPU machine: k2 would be CPU-only too
    channel = "cu" + installed_cuda.replace(".", "")
    build = Build(base, channel)
    return build if _serves(build, target) else None


def pick_torch(target: Target, gpu: bool) -> Build | None:
    """The newest torch build that serves this machine: lines k2 ships wheels for first (k2's
    own CI builds against them), CPU without a GPU."""
    candidates = list(torch_builds.builds(target.python, prefer_k2=True))
    if not gpu:
        return Build(candidates[0].version, "cpu") if candidates else None
    # within a release (kept in builds()'s order), the CUDA the driver runs natively first
    # (icefall's advice: not newer than nvidia-smi's CUDA Version), then newer ones through
    # minor-version compatibility
    native = vtuple(target.driver_cuda)[:2]
    releases = list(dict.fromkeys(b.version for b in candidates))
    candidates.sort(key=lambda b: (releases.index(b.version), vtuple(b.cuda)[:2] > native))
    return next((b for b in candidates if _serves(b, target)), None)


def _serves(build: Build, target: Target) -> bool:
    return torch_builds.serves(
        build,
        driver=target.driver,
        driver_cuda=target.driver_cuda or None,
        ccs=target.ccs,
        platform=target.platform,
    )


def _torch_install(build: Build, target: Target, inst: Installer) -> Install:
    reason = msg("resolver.source.torch", torch=build.version, build=_build_name(build))
    return inst.torch(build, platform=target.platform, reason=reason)


def _toolkit_step(cuda: str, nvcc: str) -> Manual:
    found = (
        msg("resolver.source.nvcc_found", release=nvcc) if nvcc else msg("resolver.source.no_nvcc")
    )
    return Manual(msg("resolver.source.toolkit", cuda=cuda, found=found))


def build_steps(python_exe: str, gpu: bool) -> list[Action]:
    """Clone, configure and build k2 for the target Python; then the two PYTHONPATH entries."""
    build = f"{K2_SRC}/build_release"
    cmake = ["-DCMAKE_BUILD_TYPE=Release", "-DCMAKE_CXX_STANDARD=17"]
    cmake += ["-DK2_BUILD_FOR_ALL_ARCHS=ON"] if gpu else ["-DK2_WITH_CUDA=OFF"]
    return [
        Run(("git", "clone", "https://github.com/k2-fsa/k2.git", K2_SRC)),
        Run(("mkdir", "-p", build)),
        Run(("cmake", *cmake, f"-DPYTHON_EXECUTABLE={python_exe}", ".."), cwd=build),
        Run(("make", "-j4", "_k2"), cwd=build),
        SetEnv("PYTHONPATH", f"{K2_SRC}/k2/python", prepend=True),
        SetEnv("PYTHONPATH", f"{build}/lib", prepend=True),
    ]


def _build_name(build: Build) -> Msg:
    if build.channel == "cpu":
        return msg("k2.plan.phrase.cpu")
    return msg("k2.plan.phrase.cuda", v=cuda_of(build.channel))


def _ccs(target: Target) -> str:
    return ", ".join(target.ccs) or "-"
