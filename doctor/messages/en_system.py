"""Messages of the system checks."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "system.os.ok.title": "{distro}, {machine}, {libc}",
    "system.os.not_linux.title": "{distro} {machine}: icefall trains on Linux",
    "system.os.not_linux.detail": "k2 has CUDA wheels only for Linux x86_64; on this system "
    "training runs on the CPU at best.",
    "system.glibc_old.title": "{libc} is older than {need}",
    "system.glibc_old.detail": "Current torch and k2 wheels are built for manylinux_2_28 and "
    "need glibc {need} or newer; upgrade the OS or use a container.",
    "system.cpu_ram.title": "{cpus} CPUs, {ram} RAM",
    "system.ram_low.title": "{cpus} CPUs, only {ram} RAM",
    "system.disk.title": "{free} free in {path}",
    "system.disk_low.title": "Only {free} free in {path}",
    "system.disk_low.detail": "Dataset, features and checkpoints of a TTS recipe need about "
    "{need}; each saved epoch-N.pt is about 220 MB.",
    "system.shm.title": "/dev/shm: {size} ({free} free)",
    "system.shm_small.title": "/dev/shm is only {size}",
    "system.shm_small.detail": "DataLoader workers and NCCL pass tensors through /dev/shm; "
    "with less than {need} training fails with 'No space left on device' or bus errors.",
    "system.shm_small.why": "Gives DataLoader workers and NCCL room to share tensors "
    "(in Docker: --shm-size=8g).",
    "system.nofile.title": "Open-file limit {soft}",
    "system.nofile_low.title": "Open-file limit is only {soft}",
    "system.nofile_low.detail": "Lhotse and DataLoader workers open many files at once; "
    "below {need} training can fail with 'Too many open files'.",
    "system.nofile_low.why": "Raises the limit for this shell (add it to ~/.bashrc to keep it).",
}
