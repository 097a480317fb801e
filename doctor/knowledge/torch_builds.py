"""PyTorch release knowledge (torch.toml): channels, torchaudio pairs, arch lists, commands."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from doctor.knowledge import cuda, load
from doctor.knowledge.versions import cuda_of, line_of, vtuple


def _data() -> dict[str, Any]:
    return load("torch.toml")


def releases() -> list[dict[str, Any]]:
    """Every known release line, newest first."""
    return sorted(_data()["release"], key=lambda r: vtuple(r["line"]), reverse=True)


def release(version: str) -> dict[str, Any] | None:
    line = line_of(version)
    return next((r for r in releases() if r["line"] == line), None)


def torchaudio_for(version: str) -> str | None:
    """The torchaudio release that pairs with this torch."""
    base = ".".join(str(p) for p in vtuple(version))
    stable = _data()["torchaudio_stable_abi"]
    if vtuple(base) >= vtuple(stable["from"]):
        return str(stable["version"])
    rel = release(base)
    if rel is None or base not in rel["versions"]:
        return None
    return str(rel.get("torchaudio", {}).get(base, base))


def channel_for_cuda(cuda_version: str) -> str | None:
    """The newest CUDA channel with torch wheels whose CUDA a toolkit of this version builds
    for: the same major, a minor not above it (nvcc 12.2 builds for cu121); None when none."""
    want = vtuple(cuda_version)[:2]
    by_cuda = {vtuple(b.cuda): b.channel for b in builds() if b.channel != "cpu"}
    fits = [cuda for cuda in by_cuda if len(want) == 2 and cuda[0] == want[0] and cuda <= want]
    return by_cuda[max(fits)] if fits else None


def arch_list(version: str, channel: str, platform: str = "linux_x86_64") -> list[str] | None:
    """torch.cuda.get_arch_list() of a build on a wheel platform, when known."""
    line = line_of(version)
    for row in _data()["archs"]:
        if platform not in row.get("platforms", [platform]):
            continue
        if line in row["lines"] and channel in row["channels"]:
            return list(row["archs"])
    return None


FIND_LINKS = "https://download.pytorch.org/whl/torch_stable.html"  # old +cuXYZ wheels (-f)


def index_url(channel: str) -> str:
    """The PyTorch wheel index of a channel ("cu126", "cpu"): the one place that names it."""
    return str(_data()["index_url"]).format(channel=channel)


def covers(archs: Sequence[str], capability: str) -> str | None:
    """'cubin' when a cubin runs on this capability, 'ptx' when only JIT PTX does, else None."""
    cc = vtuple(capability)
    if len(cc) < 2:
        return None
    for kind, prefix in (("cubin", "sm_"), ("ptx", "compute_")):
        for arch in archs:
            code = _arch_cc(arch, prefix)
            if not code:
                continue
            if kind == "cubin" and code[0] == cc[0] and code[1] <= cc[1]:
                return kind
            if kind == "ptx" and code <= cc:
                return kind
    return None


def _arch_cc(arch: str, prefix: str) -> tuple[int, int] | None:
    if not arch.startswith(prefix):
        return None
    digits = "".join(ch for ch in arch[len(prefix) :] if ch.isdigit())
    return (int(digits[:-1]), int(digits[-1])) if len(digits) >= 2 else None


def serves(
    build: Build,
    *,
    driver: str,
    driver_cuda: str | None,
    ccs: Sequence[str],
    platform: str = "linux_x86_64",
    archs: Sequence[str] | None = None,
    ptx: bool = True,
) -> bool:
    """The one rule for "this torch CUDA build works here": the driver runs its CUDA (natively
    or through minor-version compatibility) and every GPU has code in it: a cubin, or with
    ``ptx`` also PTX the driver can JIT-compile. ``archs``: the build's real arch list when the
    installed torch reported it, else the table's for the platform."""
    if build.channel == "cpu":
        return not ccs
    if (driver or driver_cuda) and not cuda.judge_driver(driver, driver_cuda, build.cuda).runs:
        return False
    known = list(archs) if archs else arch_list(build.version, build.channel, platform)
    if known is None:
        return False
    wanted = {"cubin", "ptx"} if ptx else {"cubin"}
    return all(covers(known, cc) in wanted for cc in ccs)


def python_ok(rel: dict[str, Any], python: str) -> bool:
    lo, hi = rel["python"]
    return vtuple(lo) <= vtuple(python)[:2] <= vtuple(hi)


def k2_python_lines(python: str) -> list[str]:
    """Torch release lines for which k2 ships CUDA wheels for this Python (k2_wheels.toml)."""
    out: set[str] = set()
    for row in load("k2_wheels.toml")["torch"]:
        lo, hi = row["python"]
        if vtuple(lo) <= vtuple(python)[:2] <= vtuple(hi):
            out.update(line_of(v) for v in row["versions"])
    return sorted(out, key=vtuple, reverse=True)


@dataclass(frozen=True)
class Build:
    """One installable torch build."""

    version: str
    channel: str  # "cu126", "cpu"

    @property
    def cuda(self) -> str:
        return cuda_of(self.channel)


def builds(python: str = "", prefer_k2: bool = True) -> Iterator[Build]:
    """Candidate builds, newest first; with prefer_k2, lines that have k2 wheels come first."""
    rels = [r for r in releases() if not python or python_ok(r, python)]
    k2_lines = k2_python_lines(python) if python and prefer_k2 else []
    rels.sort(key=lambda r: (r["line"] in k2_lines, vtuple(r["line"])), reverse=True)
    for rel in rels:
        for channel in sorted(rel["channels"], key=lambda c: vtuple(cuda_of(c)), reverse=True):
            yield Build(rel["versions"][-1], channel)


def install_command(python_exe: str, build: Build) -> str:
    """`<python> -m pip install torch==X torchaudio==Y --index-url .../<channel>`."""
    py = python_exe or "python3"
    audio = torchaudio_for(build.version)
    pkgs = f"torch=={build.version}" + (f" torchaudio=={audio}" if audio else " torchaudio")
    url = index_url(build.channel)
    if vtuple(build.version) < (2, 0):  # 1.13 wheels carry the local tag: torch==1.13.1+cu117
        pkgs = pkgs.replace(f"torch=={build.version}", f"torch=={build.version}+{build.channel}")
        return f"{py} -m pip install {pkgs} --extra-index-url {url}"
    return f"{py} -m pip install {pkgs} --index-url {url}"
