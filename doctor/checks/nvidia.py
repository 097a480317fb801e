"""NVIDIA driver and GPUs (NVML, or nvidia-smi): what training on the GPU will have."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from doctor.facts import Facts
from doctor.findings import Finding, Status, msg
from doctor.knowledge import cuda
from doctor.units import gib, mib

BUSY_BYTES = 512 * 2**20  # other processes holding more than this leave less for training


def check_driver(facts: Facts) -> Iterator[Finding]:
    nv = facts.get("nvidia")
    if not nv:
        return
    driver, gpus = nv.get("driver"), nv.get("gpus") or []
    if nv.get("source") == "none" or not driver or not gpus:
        key = "nvidia.no_gpu" if driver else "nvidia.no_driver"
        params = {"error": nv.get("error") or "-", "driver": driver or "-"}
        yield Finding(
            "nvidia.driver",
            Status.WARN,
            msg(f"{key}.title", **params),  # no_gpu's title names the driver
            msg(f"{key}.detail", **params),
            facts={"source": nv.get("source"), "error": nv.get("error")},
        )
        return
    newest = nv.get("cuda_driver_version") or cuda.native_cuda(str(driver)) or "?"
    yield Finding(
        "nvidia.driver",
        Status.OK,
        msg("nvidia.driver.title", driver=driver, cuda=newest, source=nv.get("source") or "?"),
        facts={"driver": driver, "cuda_driver_version": newest, "source": nv.get("source")},
    )


def check_gpus(facts: Facts) -> Iterator[Finding]:
    for gpu in facts.get("nvidia").get("gpus") or []:
        yield from _gpu(gpu)


def _gpu(gpu: dict[str, Any]) -> Iterator[Finding]:
    cc = str(gpu.get("compute_capability") or "?")
    params = {
        "index": gpu.get("index", 0),
        "name": gpu.get("name") or "?",
        "total": gib(gpu.get("memory_total")),
        "free": gib(gpu.get("memory_free")),
        "sm": "sm_" + cc.replace(".", "") if cc != "?" else "sm_?",
    }
    yield Finding("nvidia.gpus", Status.OK, msg("nvidia.gpu.title", **params), facts=dict(gpu))
    others = [p for p in gpu.get("processes") or [] if (p.get("used_memory") or 0) > 0]
    used = sum(int(p.get("used_memory") or 0) for p in others)
    if used > BUSY_BYTES:
        names = ", ".join(
            f"{p.get('name') or '?'} (pid {p.get('pid')}, {mib(p.get('used_memory'))})"
            for p in others[:5]
        )
        yield Finding(
            "nvidia.gpus",
            Status.WARN,
            msg("nvidia.busy.title", used=gib(used), n=len(others), **params),
            msg("nvidia.busy.detail", processes=names, **params),
        )
