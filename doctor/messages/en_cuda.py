"""Messages of the CUDA toolkit checks."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "cuda.none.title": "No CUDA toolkit (nvcc): not needed for torch and k2 wheels",
    "cuda.none.detail": "pip wheels bring their own CUDA libraries; nvcc is needed only to build k2 from source (CUDA_HOME, PATH or /usr/local/cuda).",
    "cuda.ok.title": "CUDA toolkit {release}: {nvcc} (from {source})",
    "cuda.ok.detail": "Used only to build k2 or other extensions from source.",
    "cuda.minor_mismatch.title": "CUDA toolkit {release}: {nvcc} (from {source}); torch is built with {torch_cuda}",
    "cuda.minor_mismatch.detail": "Same major version: building extensions works (torch only warns about the minor mismatch).",
    "cuda.major_mismatch.title": "CUDA toolkit {release} ({nvcc}) but torch is built with CUDA {torch_cuda}",
    "cuda.major_mismatch.detail": "Building k2 or other extensions from source fails with a major version mismatch; use k2 wheels, or point CUDA_HOME at a CUDA {torch_cuda} toolkit. Wheels are not affected.",
    "cuda.libs.title": "LD_LIBRARY_PATH puts CUDA/cuDNN libraries before torch's own: {dirs}",
    "cuda.libs.detail": "pip torch bundles its CUDA and cuDNN libraries; these ({libs}) can be loaded instead and cause 'cuDNN version incompatibility', undefined symbols or wrong kernels.",
    "cuda.libs.why": "Lets torch load the CUDA and cuDNN libraries it was built with.",
}
