"""System facts: OS, glibc, CPUs, RAM, free disk, /dev/shm, open-file limit. Stdlib only."""

import os
import platform

from idoctor_common import emit, error_text, read_input


def os_release():
    info = {}
    try:
        with open("/etc/os-release") as fh:
            for line in fh:
                key, _, value = line.strip().partition("=")
                if key in ("ID", "NAME", "VERSION_ID", "PRETTY_NAME"):
                    info[key.lower()] = value.strip('"')
    except OSError:
        pass
    return info


def ram():
    try:
        pages = os.sysconf("SC_PHYS_PAGES")
        size = os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None
    return pages * size


def available_ram():
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return None


def disk(path):
    try:
        st = os.statvfs(path)
    except OSError as exc:
        return {"path": path, "error": error_text(exc)}
    return {"path": path, "free": st.f_bavail * st.f_frsize, "total": st.f_blocks * st.f_frsize}


def nofile():
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        return {"soft": soft, "hard": hard}
    except Exception as exc:
        return {"error": error_text(exc)}


def cpu_count():
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count()


def main():
    payload = read_input()
    cwd = payload.get("cwd") or os.getcwd()
    libc, libc_version = platform.libc_ver()
    emit(
        {
            "os": platform.system(),
            "release": platform.release(),
            "machine": platform.machine(),
            "distro": os_release(),
            "libc": libc,
            "libc_version": libc_version,
            "cpus": cpu_count(),
            "ram_total": ram(),
            "ram_available": available_ram(),
            "disk": disk(cwd),
            "shm": disk("/dev/shm") if os.path.isdir("/dev/shm") else None,
            "nofile": nofile(),
            "hostname": platform.node(),
        }
    )


main()
