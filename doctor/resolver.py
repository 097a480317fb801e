"""Pure: facts -> one coherent plan of install commands for torch, torchaudio, k2, lhotse and
icefall's requirements. No I/O: the wheel index comes in (facts["k2wheels"] or `wheels=`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from doctor import k2builds, k2source, k2wheels
from doctor.facts import Facts
from doctor.findings import Msg, msg
from doctor.fixer import installer
from doctor.fixer import steps as fixsteps
from doctor.fixer.installer import Installer
from doctor.fixer.render import lines
from doctor.fixer.steps import Install, Run, Step, step_to_json
from doctor.k2wheels import Wheel, WheelIndex
from doctor.knowledge import cuda as cuda_knowledge
from doctor.knowledge import torch_builds
from doctor.knowledge.k2 import K2Knowledge, load, vkey
from doctor.knowledge.versions import cuda_of

MIN_LHOTSE = (1, 23)


@dataclass(frozen=True)
class Machine:
    python: str  # "3.10"
    platform: str  # wheel platform family, e.g. "linux_x86_64"
    driver_cuda: str  # "12.6"; "" without an NVIDIA driver
    ccs: tuple[str, ...]  # compute capabilities of every GPU, e.g. ("8.6",)
    pip: str  # "python3 -m pip" of the target
    installer: Installer = field(default_factory=lambda: Installer("python3"))  # installs use it
    driver: str = ""  # "570.124.06"; "" without an NVIDIA driver

    @property
    def cp(self) -> str:
        return "cp" + self.python.replace(".", "")


@dataclass(frozen=True)
class Plan:
    torch: str  # chosen torch release, e.g. "2.7.1"; "" when none fits
    variant: str  # "12.6" or "cpu"
    keep_torch: bool
    k2: str  # exact k2 version; "" when only the shipped table knows the build
    source_build: bool
    steps: tuple[Step, ...]  # typed steps (doctor.fixer.steps)
    notes: tuple[Msg, ...]
    wheels_from: str  # "online", "cache" or "shipped"
    changes_stack: bool = True  # torch or k2 change; False: only lhotse/requirements remain
    found_build: str = ""  # root of a k2 source build found off PYTHONPATH that fits: exported

    @property
    def commands(self) -> tuple[str, ...]:
        """The steps as shell lines (for explain and humans); fix --apply uses ``steps``."""
        return tuple(x for s in self.steps for x in lines(s))

    def to_json(self) -> dict[str, Any]:
        return {
            "torch": self.torch,
            "variant": self.variant,
            "keep_torch": self.keep_torch,
            "k2": self.k2,
            "source_build": self.source_build,
            "commands": list(self.commands),
            "steps": [step_to_json(s) for s in self.steps],
            "notes": [n.to_json() for n in self.notes],
            "wheels_from": self.wheels_from,
            "changes_stack": self.changes_stack,
            "found_build": self.found_build,
        }


def machine(facts: Facts) -> Machine:
    py = facts.get("python")
    version = ".".join(str(py.get("version") or "3.10").split(".")[:2])
    nv = facts.get("nvidia")
    gpus = nv.get("gpus") or []
    return Machine(
        python=version,
        platform=wheel_platform(facts),
        driver_cuda=_driver_cuda(nv) if gpus else "",
        ccs=tuple(str(g["compute_capability"]) for g in gpus if g.get("compute_capability")),
        pip=f"{_python_cmd(facts)} -m pip",
        installer=installer.of(facts),
        driver=str(nv.get("driver") or "") if gpus else "",
    )


def _driver_cuda(nv: dict[str, Any]) -> str:
    """The newest CUDA the driver runs: as NVML / nvidia-smi report it, else derived from the
    driver version (some drivers and nvidia-smi builds do not print "CUDA Version")."""
    reported = str(nv.get("cuda_driver_version") or "")
    return reported or cuda_knowledge.native_cuda(str(nv.get("driver") or "")) or ""


def resolve(facts: Facts, *, mirror: str | None = None, wheels: WheelIndex | None = None) -> Plan:
    """The newest torch with a k2 wheel that fits this Python, driver and every GPU; the
    installed torch is kept when it already fits."""
    m = machine(facts)
    index = wheels or k2wheels.from_json(facts.get("k2wheels"))
    mirror = mirror or str((facts.context.get("options") or {}).get("mirror") or "") or None
    k = load()
    kept = _keep_what_works(facts, m, index, k)
    if kept is not None:
        return kept
    choice = _keep_installed(facts, m, index, k) or _newest(m, index, k)
    if choice is None:
        return _hedge_plan(facts, m, index, k) or _source_plan(facts, m, index, k)
    torch, variant, wheel, keep = choice
    cmds: list[Step] = [*_remove_k2(facts, wheel)]
    cmds += [] if keep else [_torch_cmd(m, torch, variant)]
    notes: list[Msg] = []
    installed = str(torch_facts(facts).get("version") or "")
    if installed and not keep:
        notes.append(_torch_change(facts, m, k, installed, torch))
    changes_k2 = not _k2_fits(facts, wheel)
    if changes_k2:
        cmds.append(_k2_cmd(m, wheel, index, k, mirror, notes))
        notes += _drop_source_build(facts)
    cmds += _after_k2(facts, m)
    return Plan(
        torch,
        variant,
        keep,
        wheel.version,
        False,
        tuple(cmds),
        tuple(notes),
        index.source,
        changes_k2 or not keep,
    )


Choice = tuple[str, str, Wheel, bool]


def _keep_what_works(facts: Facts, m: Machine, index: WheelIndex, k: K2Knowledge) -> Plan | None:
    """torch stays when it fits this machine and k2 already works with it, or a source build of
    k2 for it was found (then that build goes on PYTHONPATH): what imports and fits stays."""
    t = torch_facts(facts)
    installed = str(t.get("version") or "")
    torch_variant = str(t.get("cuda") or "cpu") if m.ccs else "cpu"
    archs = list(t.get("arch_list") or []) or None
    if not installed or not _build_fits(m, k2builds.base(installed), torch_variant, k, archs):
        return None
    build = k2builds.fitting(facts, gpus=bool(m.ccs))
    if build is not None:
        cmds = (*k2builds.export_commands(build), *_after_k2(facts, m))
        variant = str(build.get("torch_cuda") or "") or "cpu"
        root = str(build.get("root") or "")
        torch = k2builds.base(installed)
        return Plan(torch, variant, True, "", False, cmds, (), index.source, True, root)
    k2 = facts.get("k2")
    b = k2.get("build") or {}
    works = k2.get("import_ok") and (k2.get("ops") or {}).get("cpu", {}).get("ok", True)
    if not works or (m.ccs and not b.get("with_cuda")):
        return None  # a CPU k2 on a GPU machine: a CUDA wheel may serve it better
    variant = str(b.get("cuda_version") or "cpu") if b.get("with_cuda") else "cpu"
    version = str(b.get("version") or k2.get("dist_version") or "")
    cmds = tuple(_after_k2(facts, m))
    return Plan(
        k2builds.base(installed), variant, True, version, False, cmds, (), index.source, False
    )


def _torch_change(facts: Facts, m: Machine, k: K2Knowledge, installed: str, chosen: str) -> Msg:
    """Why torch changes, and what the change breaks."""
    t = torch_facts(facts)
    variant = str(t.get("cuda") or "cpu") if m.ccs else "cpu"
    archs = list(t.get("arch_list") or []) or None
    fits = _build_fits(m, k2builds.base(installed), variant, k, archs)
    why = "broken" if t.get("import_error") else "no_k2" if fits else "unfit"
    reason = msg(
        f"resolver.reason.{why}",
        installed=installed,
        python=m.python,
        platform=m.platform,
    )
    base = vkey(k2builds.base(installed))
    direction = "down" if vkey(chosen) < base else "up" if vkey(chosen) > base else "same"
    audio = str((torch_facts(facts).get("torchaudio") or {}).get("version") or "")
    roots = [str(b.get("root")) for b in k2builds.found(facts) if _built_for(b, installed)]
    breaks = msg("resolver.breaks.build", roots=", ".join(roots)) if roots else None
    return msg(
        "resolver.torch_replaced",
        reason=reason,
        chosen=chosen,
        direction=msg(f"resolver.direction.{direction}"),
        audio=msg("resolver.breaks.audio", ta=audio) if audio else msg("resolver.breaks.none"),
        builds=breaks or msg("resolver.breaks.no_build"),
    )


def _built_for(build: k2builds.Build, torch: str) -> bool:
    built = k2builds.base(str(build.get("torch_version") or ""))
    return bool(build.get("fits_python")) and built == k2builds.base(torch)


def torch_facts(facts: Facts) -> dict[str, Any]:
    """The torch probe's data, else what the k2 probe saw of torch."""
    t = facts.get("torch")
    if t:
        return t
    k2 = facts.get("k2")
    version = str(k2.get("torch_version") or "")
    return {"installed": bool(version), "version": version, "cuda": k2.get("torch_cuda") or None}


def _keep_installed(facts: Facts, m: Machine, index: WheelIndex, k: K2Knowledge) -> Choice | None:
    t = torch_facts(facts)
    if not t.get("installed") or not t.get("version"):
        return None
    base = str(t["version"]).split("+")[0]
    variant = str(t.get("cuda") or "cpu") if m.ccs else "cpu"
    if not _build_fits(m, base, variant, k, list(t.get("arch_list") or []) or None):
        return None
    wheel = index.find(variant, base, m.cp, m.platform)
    return (base, variant, wheel, True) if wheel else None


def _newest(m: Machine, index: WheelIndex, k: K2Knowledge) -> Choice | None:
    """The newest torch build with a k2 wheel whose code covers every GPU."""
    found = _first_wheel(m, index, lambda torch, variant: _build_fits(m, torch, variant, k))
    return (*found, False) if found else None


def _first_wheel(
    m: Machine, index: WheelIndex, fits: Callable[[str, str], bool]
) -> tuple[str, str, Wheel] | None:
    """The newest (torch, variant, k2 wheel) whose torch is on the index and ``fits``."""
    for torch in index.torch_versions():
        for variant in _variants(m, index.cuda_builds(torch)):
            if _installable(torch, variant) and fits(torch, variant):
                wheel = index.find(variant, torch, m.cp, m.platform)
                if wheel:
                    return torch, variant, wheel
    return None


def _installable(torch: str, variant: str) -> bool:
    """A torch build the plan can install: its channel is on the PyTorch index (k2 has
    +cuda12.9 wheels for torch 2.9-2.11 whose torch comes only from a find-links page)."""
    rel = torch_builds.release(torch)
    channel = "cpu" if variant == "cpu" else "cu" + variant.replace(".", "")
    return variant == "cpu" or rel is None or channel in rel["channels"]


def _variants(m: Machine, builds: list[str]) -> list[str]:
    """The k2 wheel builds worth trying, best first: CPU without a GPU; none on a GPU machine
    whose platform has no k2 CUDA wheels (aarch64, macOS, Windows): a CPU k2 would leave the
    GPU unused, so that machine gets a CUDA source build instead."""
    if not m.ccs:
        return ["cpu"]
    if not load().has_cuda_wheels(m.platform):
        return []
    within = [c for c in builds if vkey(c) <= vkey(m.driver_cuda)]
    compat = [c for c in builds if c not in within]
    return sorted(within, key=vkey, reverse=True) + sorted(compat, key=vkey)


def _build_fits(
    m: Machine, torch: str, variant: str, k: K2Knowledge, archs: list[str] | None = None
) -> bool:
    if variant == "cpu":
        return not m.ccs
    if not _torch_fits(m, torch, variant, k, archs):
        return False
    return all(covers(k.k2_archs(variant), cc) for cc in m.ccs)


def _torch_fits(
    m: Machine, torch: str, variant: str, k: K2Knowledge, archs: list[str] | None = None
) -> bool:
    """The driver runs this torch CUDA build and every GPU has code in it (cubin or PTX)."""
    if variant == "cpu":
        return not m.ccs
    build = torch_builds.Build(torch, "cu" + variant.replace(".", ""))
    return torch_builds.serves(
        build,
        driver=m.driver,
        driver_cuda=m.driver_cuda or None,
        ccs=m.ccs,
        platform=m.platform,
        archs=archs,
    )


def covers(archs: Iterable[str], cc: str) -> bool:
    """A cubin sm_XY runs on X.Z for Z >= Y; PTX compute_XY is JIT-compiled for newer GPUs."""
    return torch_builds.covers(list(archs), cc) is not None


def gpu_gap(m: Machine, k: K2Knowledge) -> list[str]:
    """GPUs no k2 wheel build covers (no cubin for their arch in any k2 CUDA build)."""
    return [cc for cc in m.ccs if not covers(k.all_k2_archs(), cc)]


def _k2_fits(facts: Facts, wheel: Wheel) -> bool:
    k2 = facts.get("k2")
    if not k2.get("import_ok") or not (k2.get("ops") or {}).get("cpu", {}).get("ok", True):
        return False
    build = k2.get("build") or {}
    variant = str(build.get("cuda_version") or "") if build.get("with_cuda") else "cpu"
    torch = str(build.get("torch_version") or k2.get("k2_torch_version") or "").split("+")[0]
    return (variant, torch) == (wheel.variant, wheel.torch) or (
        variant != "cpu" and wheel.variant != "cpu" and torch == wheel.torch
    )


def _drop_source_build(facts: Facts) -> list[Msg]:
    """A source build on PYTHONPATH shadows any wheel: its exports must go."""
    sb = facts.get("k2").get("source_build")
    if not sb:
        return []
    return [
        msg(
            "resolver.drop_source_build",
            python_dir=sb.get("python_dir"),
            lib_dir=sb.get("lib_dir") or "-",
        )
    ]


def _remove_k2(facts: Facts, wheel: Wheel | None) -> list[Step]:
    k2 = facts.get("k2")
    if not k2.get("found") or k2.get("source_build") or (wheel and _k2_fits(facts, wheel)):
        return []
    return [machine(facts).installer.uninstall("k2")]


def _torch_cmd(m: Machine, torch: str, variant: str) -> Install:
    channel = "cpu" if variant == "cpu" else "cu" + variant.replace(".", "")
    return m.installer.torch(torch_builds.Build(torch, channel), platform=m.platform)


def _k2_cmd(
    m: Machine,
    wheel: Wheel,
    index: WheelIndex,
    k: K2Knowledge,
    mirror: str | None,
    notes: list[Msg],
) -> Install:
    cuda_page, cpu_page = k2wheels.page_urls(mirror)
    page = wheel.page or (cpu_page if wheel.variant == "cpu" else cuda_page)
    version = wheel.version
    if not version:
        local = "cpu" if wheel.variant == "cpu" else f"cuda{wheel.variant}"
        version = f"{k.k2_base}.devYYYYMMDD+{local}.torch{wheel.torch}"
        notes.append(msg("resolver.dev_date_on_page", page=page, python=m.python))
    return m.installer.install(f"k2=={version}", find_links=page, auto=bool(wheel.version))


def _after_k2(facts: Facts, m: Machine) -> list[Step]:
    cmds: list[Step] = []
    lh = facts.get("lhotse")
    if lh and (not lh.get("installed") or vkey(str(lh.get("version") or "0"))[:2] < MIN_LHOTSE):
        cmds.append(m.installer.install("lhotse", flags=("-U",)))
    if lh and (lh.get("lilcom") or {}).get("error"):
        cmds.append(m.installer.install("lilcom"))
    root = str(facts.get("icefall").get("root") or "")
    if root:
        from doctor.checks.icefall import REQ_FILES, install_command

        # what is missing and needed; never `-r` over installed packages it would change
        cmds += [c for c in (install_command(facts, f) for f in REQ_FILES) if c]
    return cmds


def _source_plan(facts: Facts, m: Machine, index: WheelIndex, k: K2Knowledge) -> Plan:
    t = torch_facts(facts)
    installed = str(t.get("version") or "")
    src = k2source.plan(_source_target(facts, m), installed, str(t.get("cuda") or ""), m.installer)
    notes = [
        msg(
            "resolver.no_wheel",
            python=m.python,
            platform=m.platform,
            torch=installed or msg("resolver.phrase.no_torch"),
            gpus=", ".join(m.ccs) or "-",
        ),
        *src.notes,
    ]
    if m.ccs and not k.has_cuda_wheels(m.platform):
        notes.append(msg("resolver.no_cuda_wheels", platform=m.platform))
    elif gpu_gap(m, k):
        notes.append(msg("resolver.gpu_not_in_k2", ccs=", ".join(gpu_gap(m, k))))
    build = src.torch
    return Plan(
        build.version if build else "",
        cuda_of(build.channel) or "cpu" if build else "cpu",
        src.keep_torch,
        "",
        True,
        (*_remove_k2(facts, None), *src.actions),
        tuple(notes),
        index.source,
    )


def _source_target(facts: Facts, m: Machine) -> k2source.Target:
    exe = str(facts.get("python").get("executable") or facts.context.get("target") or "python3")
    return k2source.Target(
        python_exe=exe,
        python=m.python,
        platform=m.platform,
        ccs=m.ccs,
        driver=m.driver,
        driver_cuda=m.driver_cuda,
        nvcc=str(facts.get("cuda").get("release") or ""),
    )


SMOKE = (
    "import torch, k2; "
    'r = k2.RaggedTensor([[1, 2, 3], [4]]).to(torch.device("cuda:0")); '
    'print(r.pad(mode="constant", padding_value=0).tolist())'
)


def _hedge_plan(facts: Facts, m: Machine, index: WheelIndex, k: K2Knowledge) -> Plan | None:
    """GPUs newer than every k2 build (an RTX 5090, sm_120): no k2 wheel lists their arch, but
    on a torch that serves them a wheel may still run them. The plan installs that torch and
    the matching k2 wheel, proves it with a k2 op on cuda:0, and keeps the source build as the
    other way out."""
    if not m.ccs or not gpu_gap(m, k) or not k.has_cuda_wheels(m.platform):
        return None
    # torch must serve the GPUs; the k2 wheel's code is what the proof step finds out
    found = _first_wheel(m, index, lambda torch, variant: _torch_fits(m, torch, variant, k))
    if found is None:
        return None
    torch, variant, wheel = found
    t = torch_facts(facts)
    keep = str(t.get("version") or "").split("+")[0] == torch and str(t.get("cuda")) == variant
    notes = [msg("resolver.hedge", ccs=", ".join(gpu_gap(m, k)), torch=torch, cuda=variant)]
    steps: list[Step] = [*_remove_k2(facts, wheel)]
    steps += [] if keep else [_torch_cmd(m, torch, variant)]
    steps.append(_k2_cmd(m, wheel, index, k, None, notes))
    src = k2source.plan(_source_target(facts, m), torch, variant, m.installer)
    notes += src.notes
    steps.append(
        fixsteps.Choice(
            (
                fixsteps.Alternative((_smoke_step(facts),), msg("resolver.hedge.proof")),
                fixsteps.Alternative(src.actions, msg("resolver.hedge.fallback")),
            ),
            msg("resolver.hedge.choice"),
        )
    )
    steps += _after_k2(facts, m)
    return Plan(
        torch, variant, keep, wheel.version, False, tuple(steps), tuple(notes), index.source
    )


def _smoke_step(facts: Facts) -> Run:
    exe = str(facts.get("python").get("executable") or facts.context.get("target") or "python3")
    return Run((exe, "-c", SMOKE), auto=True, kind="run")


def wheel_platform(facts: Facts) -> str:
    """The target's wheel platform family, e.g. "linux_x86_64", "linux_aarch64", "macosx_arm64"."""
    system = facts.get("system")
    return _platform(str(system.get("os", "Linux")), str(system.get("machine", "x86_64")))


def _platform(os_name: str, arch: str) -> str:
    a = {"amd64": "x86_64", "aarch64": "aarch64", "arm64": "arm64"}.get(arch.lower(), arch)
    if os_name == "Darwin":
        return "macosx_arm64" if a in ("arm64", "aarch64") else "macosx_x86_64"
    if os_name == "Windows":
        return "win"
    return f"linux_{'aarch64' if a in ('arm64', 'aarch64') else a}"


def _python_cmd(facts: Facts) -> str:
    return facts.python_cmd()
