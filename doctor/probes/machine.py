"""The "system" probe: facts of the machine the tool runs on (OS, glibc, CPUs, RAM, free disk,
/dev/shm, open-file limit), gathered in the doctor's own process with psutil. It imports nothing
of the target interpreter, so it runs in a thread of the doctor (with its timeout) instead of a
subprocess. The facts' keys are the ones doctor.checks.system reads."""

from __future__ import annotations

import os
import platform
from collections.abc import Mapping
from typing import Any

import psutil

OS_RELEASE = "/etc/os-release"
_RELEASE_KEYS = ("ID", "NAME", "VERSION_ID", "PRETTY_NAME")


def gather(payload: Mapping[str, Any]) -> dict[str, Any]:
    cwd = str(payload.get("cwd") or os.getcwd())
    libc, libc_version = platform.libc_ver()
    memory = psutil.virtual_memory()
    return {
        "os": platform.system(),
        "release": platform.release(),
        "machine": platform.machine(),
        "distro": os_release(),
        "libc": libc,
        "libc_version": libc_version,
        "cpus": cpus(),
        "ram_total": int(memory.total),
        "ram_available": int(memory.available),
        "disk": disk(cwd),
        "shm": disk("/dev/shm") if os.path.isdir("/dev/shm") else None,
        "nofile": nofile(),
        "hostname": platform.node(),
    }


def os_release(path: str = OS_RELEASE) -> dict[str, str]:
    info: dict[str, str] = {}
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                key, _, value = line.strip().partition("=")
                if key in _RELEASE_KEYS:
                    info[key.lower()] = value.strip().strip("\"'")
    except OSError:
        pass
    return info


def cpus() -> int | None:
    """CPUs this process may run on (a container's or taskset's share), else all of them."""
    try:
        allowed = len(psutil.Process().cpu_affinity() or [])
    except (AttributeError, psutil.Error, OSError):
        allowed = 0
    return allowed or psutil.cpu_count() or None


def disk(path: str) -> dict[str, Any]:
    """Free space for an unprivileged user (what a recipe can write) and the total."""
    try:
        usage = psutil.disk_usage(path)
    except OSError as exc:
        return {"path": path, "error": f"{type(exc).__name__}: {exc}"}
    return {"path": path, "free": int(usage.free), "total": int(usage.total)}


def nofile() -> dict[str, Any]:
    try:
        soft, hard = psutil.Process().rlimit(psutil.RLIMIT_NOFILE)
    except (AttributeError, psutil.Error, OSError) as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}
    return {"soft": int(soft), "hard": int(hard)}
