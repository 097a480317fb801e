"""系统检查项的消息。"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "system.os.ok.title": "{distro}，{machine}，{libc}",
    "system.os.not_linux.title": "{distro} {machine}：icefall 需要在 Linux 上训练",
    "system.os.not_linux.detail": "k2 只为 Linux x86_64 提供 CUDA wheel 包；在此系统上最多只能用 CPU 训练。",
    "system.glibc_old.title": "{libc} 低于 {need}",
    "system.glibc_old.detail": "当前的 torch 和 k2 wheel 包基于 manylinux_2_28 构建，需要 glibc {need} 或更新版本；"
    "请升级操作系统或使用容器。",
    "system.cpu_ram.title": "{cpus} 个 CPU，{ram} 内存",
    "system.ram_low.title": "{cpus} 个 CPU，内存只有 {ram}",
    "system.disk.title": "{path} 可用空间 {free}",
    "system.disk_low.title": "{path} 可用空间只有 {free}",
    "system.disk_low.detail": "TTS recipe 的数据集、特征和 checkpoint 大约需要 {need}；"
    "每个保存的 epoch-N.pt 约 220 MB。",
    "system.shm.title": "/dev/shm：{size}（可用 {free}）",
    "system.shm_small.title": "/dev/shm 只有 {size}",
    "system.shm_small.detail": "DataLoader worker 和 NCCL 通过 /dev/shm 传递张量；"
    "少于 {need} 时训练会报 'No space left on device' 或 bus error。",
    "system.shm_small.why": "为 DataLoader worker 和 NCCL 共享张量留出空间（Docker 中：--shm-size=8g）。",
    "system.nofile.title": "打开文件数上限 {soft}",
    "system.nofile_low.title": "打开文件数上限只有 {soft}",
    "system.nofile_low.detail": "Lhotse 和 DataLoader worker 会同时打开大量文件；"
    "低于 {need} 时训练可能报 'Too many open files'。",
    "system.nofile_low.why": "提高当前 shell 的上限（写入 ~/.bashrc 可长期生效）。",
}
