"""CUDA 工具包检查的消息。"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "cuda.none.title": "没有 CUDA 工具包（nvcc）：安装 torch 和 k2 的 wheel 包不需要它",
    "cuda.none.detail": "pip 的 wheel 包自带 CUDA 库；只有源码编译 k2 才需要 nvcc（CUDA_HOME、PATH 或 /usr/local/cuda）。",
    "cuda.ok.title": "CUDA 工具包 {release}：{nvcc}（来自 {source}）",
    "cuda.ok.detail": "只在源码编译 k2 或其他扩展时使用。",
    "cuda.minor_mismatch.title": "CUDA 工具包 {release}：{nvcc}（来自 {source}）；torch 基于 {torch_cuda} 构建",
    "cuda.minor_mismatch.detail": "主版本相同：可以编译扩展（torch 只会对次版本不一致给出警告）。",
    "cuda.major_mismatch.title": "CUDA 工具包是 {release}（{nvcc}），但 torch 基于 CUDA {torch_cuda} 构建",
    "cuda.major_mismatch.detail": "源码编译 k2 或其他扩展会因主版本不一致而失败；请使用 k2 wheel 包，或把 CUDA_HOME 指向 CUDA {torch_cuda} 工具包。wheel 包不受影响。",
    "cuda.libs.title": "LD_LIBRARY_PATH 把 CUDA/cuDNN 库排在 torch 自带的库之前：{dirs}",
    "cuda.libs.detail": "pip 安装的 torch 自带 CUDA 和 cuDNN 库；这些库（{libs}）可能被优先加载，导致 'cuDNN version incompatibility'、未定义符号或错误的 kernel。",
    "cuda.libs.why": "让 torch 加载它构建时所用的 CUDA 和 cuDNN 库。",
}
