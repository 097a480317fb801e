"""Python 版本检查的消息。"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "pyver.ok.title": "Python {version}：torch 有 {torch_lo}–{torch_hi} 的 wheel 包，k2 有适配 torch {k2_lo}–{k2_hi} 的 CUDA wheel 包",
    "pyver.ok_cpu_k2.title": "Python {version}：torch 有 {torch_lo}–{torch_hi} 的 wheel 包；k2 在 {platform} 上只有 CPU wheel 包（torch {k2_lo}–{k2_hi}）：要用 GPU 需要源码编译 k2",
    "pyver.no_torch.title": "Python {version}：没有适用于 Python {py} 的 torch wheel 包",
    "pyver.no_torch.detail": "本工具已知的 PyTorch 版本都没有 Python {py} 的 wheel 包，因此 torch 和 k2 都无法通过 wheel 安装。",
    "pyver.no_k2.title": "Python {version}：torch {torch_lo}–{torch_hi} 有 wheel 包，但 k2 没有 Python {py} 的 CUDA wheel 包",
    "pyver.no_k2.detail": "k2 只能源码编译（需要 CMake 和与 torch 匹配的 CUDA 工具包）。使用 Python {recommended} 的环境可以直接安装现成的 k2 wheel 包。",
    "pyver.new_env.why": "Python {recommended} 对近期每个 torch 版本都有 torch 和 k2 的 CUDA wheel 包。",
}
