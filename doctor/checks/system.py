"""System checks: OS, glibc, CPUs, RAM, free disk, /dev/shm, open-file limit."""

from __future__ import annotations

from collections.abc import Iterator

from doctor.facts import Facts
from doctor.findings import Finding, Fix, Status, msg
from doctor.fixer.steps import Run
from doctor.units import gib, gib_down

MIN_DISK = 30 * 2**30  # baker_zh: download + extraction + features + checkpoints
MIN_SHM = 2 * 2**30  # DataLoader workers and NCCL share tensors through /dev/shm
MIN_RAM = 8 * 2**30
MIN_NOFILE = 4096
MIN_GLIBC = (2, 28)  # manylinux_2_28: current torch and k2 wheels


def check_os(facts: Facts) -> Iterator[Finding]:
    s = facts.get("system")
    distro = s.get("distro", {}).get("pretty_name") or s.get("os", "?")
    params = {"distro": distro, "machine": s.get("machine", "?"), "libc": _libc(s)}
    if s.get("os") != "Linux":
        yield Finding(
            "system.os",
            Status.WARN,
            msg("system.os.not_linux.title", **params),
            msg("system.os.not_linux.detail", **params),
        )
        return
    version = _version_tuple(s.get("libc_version", ""))
    if s.get("libc") == "glibc" and version and version < MIN_GLIBC:
        yield Finding(
            "system.os",
            Status.FAIL,
            msg("system.glibc_old.title", need=_dotted(MIN_GLIBC), **params),
            msg("system.glibc_old.detail", need=_dotted(MIN_GLIBC), **params),
        )
        return
    yield Finding("system.os", Status.OK, msg("system.os.ok.title", **params))


def check_resources(facts: Facts) -> Iterator[Finding]:
    s = facts.get("system")
    cpus, ram = s.get("cpus") or 0, s.get("ram_total") or 0
    if not cpus and not ram:
        return  # not measured (a report without them): no ✓ for an unknown
    status = Status.WARN if ram and ram < MIN_RAM else Status.OK
    params = {"cpus": cpus, "ram": gib_down(ram) if status is Status.WARN else gib(ram)}
    key = "system.ram_low" if status is Status.WARN else "system.cpu_ram"
    yield Finding("system.cpu_ram", status, msg(f"{key}.title", **params))


def check_disk(facts: Facts) -> Iterator[Finding]:
    d = facts.get("system").get("disk") or {}
    if "free" not in d:
        return
    low = d["free"] < MIN_DISK
    free = gib_down(d["free"]) if low else gib(d["free"])
    params = {"path": d.get("path", "?"), "free": free, "need": gib(MIN_DISK)}
    if low:
        yield Finding(
            "system.disk",
            Status.WARN,
            msg("system.disk_low.title", **params),
            msg("system.disk_low.detail", **params),
        )
    else:
        yield Finding("system.disk", Status.OK, msg("system.disk.title", **params))


def check_shm(facts: Facts) -> Iterator[Finding]:
    shm = facts.get("system").get("shm")
    if not shm or "total" not in shm:
        return
    params = {"size": gib(shm["total"]), "free": gib(shm.get("free", 0)), "need": gib(MIN_SHM)}
    if shm["total"] < MIN_SHM:
        yield Finding(
            "system.shm",
            Status.WARN,
            msg("system.shm_small.title", **params),
            msg("system.shm_small.detail", **params),
            Fix(
                (Run(("sudo", "mount", "-o", "remount,size=8G", "/dev/shm")),),
                msg("system.shm_small.why"),
            ),
        )
    else:
        yield Finding("system.shm", Status.OK, msg("system.shm.title", **params))


def check_nofile(facts: Facts) -> Iterator[Finding]:
    lim = facts.get("system").get("nofile") or {}
    soft = lim.get("soft")
    if not isinstance(soft, int) or soft < 0:
        return
    params = {"soft": soft, "hard": lim.get("hard"), "need": MIN_NOFILE}
    if soft < MIN_NOFILE:
        yield Finding(
            "system.nofile",
            Status.WARN,
            msg("system.nofile_low.title", **params),
            msg("system.nofile_low.detail", **params),
            Fix(
                (Run(("ulimit", "-n", str(min(65536, int(lim.get("hard") or 65536))))),),
                msg("system.nofile_low.why"),
            ),
        )
    else:
        yield Finding("system.nofile", Status.OK, msg("system.nofile.title", **params))


def _libc(s: dict[str, object]) -> str:
    return f"{s.get('libc') or 'libc'} {s.get('libc_version') or '?'}"


def _dotted(version: tuple[int, ...]) -> str:
    return ".".join(str(p) for p in version)


def _version_tuple(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(p) for p in text.split(".")[:2])
    except ValueError:
        return ()
