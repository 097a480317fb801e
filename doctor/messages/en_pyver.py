"""Messages of the Python version check."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "pyver.ok.title": "Python {version}: torch wheels for {torch_lo}–{torch_hi}, k2 CUDA wheels for torch {k2_lo}–{k2_hi}",
    "pyver.ok_cpu_k2.title": "Python {version}: torch wheels for {torch_lo}–{torch_hi}; k2 has CPU wheels only on {platform} (torch {k2_lo}–{k2_hi}): a GPU needs k2 built from source",
    "pyver.no_torch.title": "Python {version}: no torch wheels for Python {py}",
    "pyver.no_torch.detail": "No PyTorch release this doctor knows ships wheels for Python {py}, so neither torch nor k2 can be installed from wheels.",
    "pyver.no_k2.title": "Python {version}: torch {torch_lo}–{torch_hi} has wheels, but k2 has no CUDA wheels for Python {py}",
    "pyver.no_k2.detail": "k2 would have to be built from source (CMake, a CUDA toolkit matching torch). An environment with Python {recommended} gets ready-made k2 wheels.",
    "pyver.new_env.why": "Python {recommended} has torch and k2 CUDA wheels for every recent torch release.",
}
