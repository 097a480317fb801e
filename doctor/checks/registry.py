"""Every check, registered explicitly, in the order findings are shown."""

from __future__ import annotations

from doctor.checks import (
    cuda,
    icefall,
    identity,
    k2,
    lhotse,
    nvidia,
    pyver,
    recipe_data,
    snippet,
    system,
    target,
    torchenv,
    torchextra,
)
from doctor.checks import recipe as recipe_checks
from doctor.checks.base import Check

CHECKS: tuple[Check, ...] = (
    Check("system.os", ("system",), system.check_os, "OS, distribution and glibc"),
    Check("system.cpu_ram", ("system",), system.check_resources, "CPU count and RAM"),
    Check("system.disk", ("system",), system.check_disk, "free disk where you run"),
    Check("system.shm", ("system",), system.check_shm, "/dev/shm size for NCCL and workers"),
    Check("system.nofile", ("system",), system.check_nofile, "open-file limit (ulimit -n)"),
    Check("python.target", ("python",), target.check_target, "which python3 the recipes use"),
    Check("python.version", ("python",), pyver.check_version, "torch/k2 wheels for this Python"),
    Check("nvidia.driver", ("nvidia",), nvidia.check_driver, "NVIDIA driver and its newest CUDA"),
    Check("nvidia.gpus", ("nvidia",), nvidia.check_gpus, "each GPU: memory, capability, users"),
    Check("cuda.toolkit", ("cuda",), cuda.check_toolkit, "nvcc: CUDA_HOME, PATH, /usr/local/cuda"),
    Check("cuda.libs", ("cuda",), cuda.check_libs, "LD_LIBRARY_PATH shadowing torch's CUDA libs"),
    Check(
        "torch.installed",
        ("torch", "python", "nvidia"),
        torchenv.check_installed,
        "torch installed and imports",
    ),
    Check(
        "torch.gpu",
        ("torch", "python", "nvidia"),
        torchenv.check_gpu,
        "CUDA build, driver, is_available()",
    ),
    Check(
        "torch.arch",
        ("torch", "python", "nvidia"),
        torchenv.check_arch,
        "kernels for each GPU's capability",
    ),
    Check("torch.cudnn", ("torch",), torchextra.check_cudnn, "the cuDNN torch loaded"),
    Check("torch.smoke", ("torch",), torchextra.check_smoke, "CUDA matmul + cuDNN conv on GPU 0"),
    Check(
        "torch.nccl",
        ("torch", "nvidia"),
        torchextra.check_nccl,
        "NCCL for multi-GPU training (--world-size)",
    ),
    Check(
        "torch.torchaudio",
        ("torch", "python", "recipe", "modules"),
        torchextra.check_torchaudio,
        "torchaudio matches torch",
    ),
    Check(
        "torch.shadow", ("torch", "python"), torchextra.check_shadow, "a user-site torch shadowing"
    ),
    Check("python.identity", ("icefall",), identity.check_identity, "python3/pip/lhotse on PATH"),
    Check("k2.import", ("k2",), k2.check_import, "k2 imports; where from; why not"),
    Check("k2.ops", ("k2",), k2.check_ops, "a k2.RaggedTensor pad on CPU and cuda:0"),
    Check("k2.cuda", ("k2", "nvidia"), k2.check_cuda, "CPU-only k2 on a GPU machine"),
    Check(
        "k2.plan",
        ("python", "system", "nvidia", "torch", "k2", "lhotse", "icefall", "k2wheels"),
        k2.check_plan,
        "one set of commands for torch, torchaudio, k2, lhotse, icefall",
    ),
    Check("lhotse.version", ("lhotse", "python"), lhotse.check_version, "lhotse 1.23 or newer"),
    Check("lhotse.lilcom", ("lhotse", "python"), lhotse.check_lilcom, "lilcom for features"),
    Check("lhotse.cli", ("lhotse", "python"), lhotse.check_cli, "the lhotse command on PATH"),
    Check("lhotse.audio", ("lhotse", "python"), lhotse.check_audio, "lhotse reads a wav"),
    Check("icefall.found", ("icefall", "python"), icefall.check_found, "the icefall checkout"),
    Check("icefall.import", ("icefall",), icefall.check_import, "import icefall works"),
    Check(
        "icefall.requirements",
        ("icefall", "python"),
        icefall.check_requirements,
        "requirements.txt and requirements-tts.txt satisfied",
    ),
    Check(
        "icefall.pip_changes",
        ("icefall", "python", "pipdry"),
        icefall.check_pip_changes,
        "what pip install -r would change (pip's dry run)",
    ),
    Check("icefall.hostname", ("icefall",), icefall.check_hostname, "the host name resolves"),
    Check(
        "python.env_snippet",
        ("rcblock", "k2"),
        snippet.check_snippet,
        "the shell has the snippet env-script wrote",
    ),
    Check("recipe.detect", ("recipe",), recipe_checks.check_detect, "which recipe, and its folder"),
    Check(
        "recipe.imports",
        ("recipe", "modules"),
        recipe_checks.check_imports,
        "modules the recipe's scripts import: installed?",
    ),
    Check("recipe.commands", ("recipe",), recipe_checks.check_commands, "commands prepare.sh runs"),
    Check("recipe.dataset", ("recipe",), recipe_data.check_dataset, "the dataset: there, complete"),
    Check("recipe.stages", ("recipe",), recipe_data.check_stages, "prepare.sh stages done, next"),
    Check(
        "recipe.resources",
        ("recipe", "system", "nvidia"),
        recipe_data.check_resources,
        "--max-duration, --num-workers, --world-size here",
    ),
    Check("recipe.export", ("recipe", "modules"), recipe_data.check_export, "ONNX export on torch"),
)

# Areas in display order; a check's area is the part of its id before the first dot.
AREAS: tuple[str, ...] = (
    "system",
    "python",
    "nvidia",
    "cuda",
    "torch",
    "k2",
    "lhotse",
    "icefall",
    "recipe",
)
