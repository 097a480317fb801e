"""Driver <-> CUDA knowledge (cuda.toml): the newest CUDA a driver runs, and what it needs."""

from __future__ import annotations

from dataclasses import dataclass

from doctor.knowledge import load
from doctor.knowledge.versions import vtuple


def _data() -> dict[str, dict[str, str]]:
    return load("cuda.toml")


def native_cuda(driver: str) -> str | None:
    """The newest CUDA whose toolkit driver is not newer than this driver."""
    have = vtuple(driver)
    if not have:
        return None
    best: str | None = None
    for cuda, needs in _data()["toolkit_driver"].items():
        if vtuple(needs) <= have and (best is None or vtuple(cuda) > vtuple(best)):
            best = cuda
    return best


def minor_compat_min(cuda: str) -> str | None:
    """The oldest driver that runs applications built with any CUDA of this major."""
    major = str(vtuple(cuda)[:1][0]) if vtuple(cuda) else ""
    return _data()["minor_compat"].get(major)


def toolkit_driver(cuda: str) -> str | None:
    """The driver the CUDA toolkit release shipped with (its native requirement)."""
    key = ".".join(str(p) for p in vtuple(cuda)[:2])
    return _data()["toolkit_driver"].get(key)


def arch_first_cuda(capability: str) -> str | None:
    return _data()["arch_first_cuda"].get(capability)


@dataclass(frozen=True)
class DriverVerdict:
    """Whether a driver runs code built with a CUDA version, and how."""

    runs: bool
    how: str  # "native", "minor_compat" or "too_old"
    needs: str  # the driver version the verdict compared against


def judge_driver(driver: str, driver_cuda: str | None, built_cuda: str) -> DriverVerdict:
    """driver_cuda: what NVML / nvidia-smi says the driver supports (preferred when known)."""
    supported = driver_cuda or native_cuda(driver) or ""
    if not vtuple(driver) and supported:  # only the CUDA is known: at least its toolkit's driver
        driver = toolkit_driver(supported) or ""
    if supported and vtuple(built_cuda)[:2] <= vtuple(supported)[:2]:
        return DriverVerdict(True, "native", toolkit_driver(built_cuda) or "")
    minimum = minor_compat_min(built_cuda)
    if minimum and vtuple(driver) >= vtuple(minimum):
        return DriverVerdict(True, "minor_compat", minimum)
    return DriverVerdict(False, "too_old", minimum or toolkit_driver(built_cuda) or "")
