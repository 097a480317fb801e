"""NVIDIA 显卡驱动与 GPU 检查的消息。"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "nvidia.driver.title": "NVIDIA 驱动 {driver}：最高支持 CUDA {cuda}（来自 {source}）",
    "nvidia.no_driver.title": "未找到 NVIDIA 驱动：训练将在 CPU 上运行",
    "nvidia.no_driver.detail": "NVML 和 nvidia-smi 都没有响应（{error}）。icefall 的 TTS recipe 在这里会用 CPU 训练，慢很多倍；如果这台机器有 GPU，请安装 NVIDIA 显卡驱动。",
    "nvidia.no_gpu.title": "NVIDIA 驱动 {driver} 看不到任何 GPU：训练将在 CPU 上运行",
    "nvidia.no_gpu.detail": "驱动已加载，但没有列出 GPU（请检查 CUDA_VISIBLE_DEVICES、容器的 --gpus 选项，或运行 nvidia-smi）。",
    "nvidia.gpu.title": "GPU {index}：{name}，{total}（可用 {free}），{sm}",
    "nvidia.busy.title": "GPU {index}：另有 {n} 个进程占用了 {used}",
    "nvidia.busy.detail": "训练只能使用剩余的显存（{total} 中可用 {free}）；请调低 --max-duration 或停止这些进程：{processes}",
}
