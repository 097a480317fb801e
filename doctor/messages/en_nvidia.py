"""Messages of the NVIDIA driver and GPU checks."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "nvidia.driver.title": "NVIDIA driver {driver}: runs CUDA up to {cuda} (via {source})",
    "nvidia.no_driver.title": "No NVIDIA driver found: training would run on CPU",
    "nvidia.no_driver.detail": "Neither NVML nor nvidia-smi answered ({error}). icefall TTS recipes train on the CPU here, many times slower; install the NVIDIA driver if this machine has a GPU.",
    "nvidia.no_gpu.title": "NVIDIA driver {driver} sees no GPU: training would run on CPU",
    "nvidia.no_gpu.detail": "The driver is loaded but lists no GPU (check CUDA_VISIBLE_DEVICES, the container's --gpus option, or nvidia-smi).",
    "nvidia.gpu.title": "GPU {index}: {name}, {total} ({free} free), {sm}",
    "nvidia.busy.title": "GPU {index}: {n} other process(es) hold {used}",
    "nvidia.busy.detail": "Training gets only what is left ({free} free of {total}); lower --max-duration or stop them: {processes}",
}
