"""Every check, registered explicitly, in the order findings are shown."""

from __future__ import annotations

from doctor.checks import system, target
from doctor.checks.base import Check

CHECKS: tuple[Check, ...] = (
    Check("system.os", ("system",), system.check_os, "OS, distribution and glibc"),
    Check("system.cpu_ram", ("system",), system.check_resources, "CPU count and RAM"),
    Check("system.disk", ("system",), system.check_disk, "free disk where you run"),
    Check("system.shm", ("system",), system.check_shm, "/dev/shm size for NCCL and workers"),
    Check("system.nofile", ("system",), system.check_nofile, "open-file limit (ulimit -n)"),
    Check("python.target", ("python",), target.check_target, "which python3 the recipes use"),
)

# Areas in display order; a check's area is the part of its id before the first dot.
AREAS: tuple[str, ...] = (
    "system",
    "python",
    "nvidia",
    "cuda",
    "torch",
    "k2",
    "lhotse",
    "icefall",
    "recipe",
)
