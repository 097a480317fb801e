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
    Check("system.os", ("system",), system.check_os),
    Check("system.cpu_ram", ("system",), system.check_resources),
    Check("system.disk", ("system",), system.check_disk),
    Check("system.shm", ("system",), system.check_shm),
    Check("system.nofile", ("system",), system.check_nofile),
    Check("python.target", ("python",), target.check_target),
    Check("python.version", ("python",), pyver.check_version),
    Check("nvidia.driver", ("nvidia",), nvidia.check_driver),
    Check("nvidia.gpus", ("nvidia",), nvidia.check_gpus),
    Check("cuda.toolkit", ("cuda",), cuda.check_toolkit),
    Check("cuda.libs", ("cuda",), cuda.check_libs),
    Check(
        "torch.installed",
        ("torch", "python", "nvidia"),
        torchenv.check_installed,
    ),
    Check(
        "torch.gpu",
        ("torch", "python", "nvidia"),
        torchenv.check_gpu,
    ),
    Check(
        "torch.arch",
        ("torch", "python", "nvidia"),
        torchenv.check_arch,
    ),
    Check("torch.cudnn", ("torch",), torchextra.check_cudnn),
    Check("torch.smoke", ("torch",), torchextra.check_smoke),
    Check(
        "torch.nccl",
        ("torch", "nvidia"),
        torchextra.check_nccl,
    ),
    Check(
        "torch.torchaudio",
        ("torch", "python", "recipe", "modules"),
        torchextra.check_torchaudio,
    ),
    Check("torch.shadow", ("torch", "python"), torchextra.check_shadow),
    Check("python.identity", ("icefall",), identity.check_identity),
    Check("k2.import", ("k2",), k2.check_import),
    Check("k2.ops", ("k2",), k2.check_ops),
    Check("k2.cuda", ("k2", "nvidia"), k2.check_cuda),
    Check(
        "k2.plan",
        ("python", "system", "nvidia", "torch", "k2", "lhotse", "icefall", "k2wheels"),
        k2.check_plan,
    ),
    Check("lhotse.version", ("lhotse", "python"), lhotse.check_version),
    Check("lhotse.lilcom", ("lhotse", "python"), lhotse.check_lilcom),
    Check("lhotse.cli", ("lhotse", "python"), lhotse.check_cli),
    Check("lhotse.audio", ("lhotse", "python"), lhotse.check_audio),
    Check("icefall.found", ("icefall", "python"), icefall.check_found),
    Check("icefall.import", ("icefall",), icefall.check_import),
    Check(
        "icefall.requirements",
        ("icefall", "python"),
        icefall.check_requirements,
    ),
    Check(
        "icefall.pip_changes",
        ("icefall", "python", "pipdry"),
        icefall.check_pip_changes,
    ),
    Check("icefall.hostname", ("icefall",), icefall.check_hostname),
    Check(
        "python.env_snippet",
        ("rcblock", "k2"),
        snippet.check_snippet,
    ),
    Check("recipe.detect", ("recipe",), recipe_checks.check_detect),
    Check(
        "recipe.imports",
        ("recipe", "modules"),
        recipe_checks.check_imports,
    ),
    Check("recipe.commands", ("recipe",), recipe_checks.check_commands),
    Check("recipe.dataset", ("recipe",), recipe_data.check_dataset),
    Check("recipe.stages", ("recipe",), recipe_data.check_stages),
    Check(
        "recipe.resources",
        ("recipe", "system", "nvidia"),
        recipe_data.check_resources,
    ),
    Check("recipe.export", ("recipe", "modules"), recipe_data.check_export),
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
