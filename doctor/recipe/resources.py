"""Training settings this machine can take: --max-duration, --num-workers, --world-size.

Calibration (one real run, Matcha on baker_zh): on an 8 GB RTX 3070 Ti --max-duration 1200 ran
out of memory and 360 used about 6.3 GB, so about 17.5 MB of GPU memory per second of audio in a
batch; we keep a 20 % margin and leave 0.5 GB for the CUDA context.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

MB_PER_SECOND = 6300 / 360  # MB of GPU memory per second of audio in one batch
CONTEXT_MB = 500
MARGIN = 0.8
MIN_DURATION = 20
MAX_DURATION = 1600
CPU_DEFAULT_DURATION = 200  # the data module's default
RAM_PER_WORKER = 2 * 2**30
CHECKPOINT_BYTES = 223_000_000  # epoch-N.pt of Matcha


@dataclass(frozen=True)
class Recommendation:
    max_duration: int
    num_workers: int
    world_size: int
    reasons: tuple[tuple[str, Mapping[str, Any]], ...] = field(default_factory=tuple)
    gpu_name: str = ""
    gpu_free_mb: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "max_duration": self.max_duration,
            "num_workers": self.num_workers,
            "world_size": self.world_size,
            "reasons": [[key, dict(params)] for key, params in self.reasons],
        }


def _facts_get(facts: Any, name: str) -> Mapping[str, Any]:
    if isinstance(facts, Mapping):
        return facts.get(name) or {}
    value = facts.get(name)
    return value if isinstance(value, Mapping) else {}


def max_duration_for(free_mb: float) -> int:
    """Seconds of audio per batch that fit in ``free_mb`` MB of GPU memory, rounded down to 20."""
    usable = max(0.0, free_mb - CONTEXT_MB) * MARGIN
    seconds = int(usable / MB_PER_SECOND) // 20 * 20
    return max(MIN_DURATION, min(MAX_DURATION, seconds))


def usable_gpus(nvidia: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [g for g in nvidia.get("gpus") or [] if isinstance(g, Mapping)]


def nccl_state(torch: Mapping[str, Any]) -> bool | None:
    """What the torch probe found of NCCL: True, False, or None when it could not tell
    (torch missing or broken, torch.distributed failed to load, facts from an older probe)."""
    if not torch.get("installed") or torch.get("import_error"):
        return None
    dist = torch.get("distributed")
    if not isinstance(dist, Mapping) or dist.get("error"):
        return None
    return bool(dist.get("available") and dist.get("nccl"))


def recommend(facts: Any) -> Recommendation:
    """From facts ("nvidia", "system", "torch"): a Facts object or a plain dict of probe data."""
    nvidia, system = _facts_get(facts, "nvidia"), _facts_get(facts, "system")
    torch = _facts_get(facts, "torch")
    gpus = usable_gpus(nvidia)
    reasons: list[tuple[str, Mapping[str, Any]]] = []
    if gpus and torch.get("installed") and not torch.get("cuda_available"):
        reasons.append(("torch_no_cuda", {"version": torch.get("version") or "?"}))
        gpus = []
    if gpus:
        smallest = min(gpus, key=lambda g: _mb(g.get("memory_free")))
        free_mb = _mb(smallest.get("memory_free"))
        duration = max_duration_for(free_mb)
        reasons.append(("gpu", {"name": smallest.get("name", "?"), "free_mb": int(free_mb)}))
    else:
        duration, free_mb = CPU_DEFAULT_DURATION, 0
        reasons.append(("cpu", {}))
    workers = _workers(system, reasons)
    world = len(gpus) if gpus else 1
    if world > 1 and nccl_state(torch) is False:  # icefall's DDP workers need NCCL
        reasons.append(("no_nccl", {"gpus": world, "version": torch.get("version") or "?"}))
        world = 1
    if world > 1:
        reasons.append(("ddp", {"gpus": world}))
    return Recommendation(
        duration,
        workers,
        world,
        tuple(reasons),
        str(gpus[0].get("name", "")) if gpus else "",
        int(free_mb),
    )


def _workers(system: Mapping[str, Any], reasons: list[tuple[str, Mapping[str, Any]]]) -> int:
    cpus = int(system.get("cpus") or 1)
    ram = system.get("ram_available") or system.get("ram_total") or 0
    by_cpu = max(1, cpus - 1)
    by_ram = max(1, int(ram) // RAM_PER_WORKER) if ram else by_cpu
    workers = max(1, min(8, by_cpu, by_ram))
    reasons.append(("workers", {"cpus": cpus, "ram_gib": round(int(ram) / 2**30, 1)}))
    return workers


def _mb(value: Any) -> float:
    """nvidia facts give memory in bytes or MiB; treat values below 1e6 as MiB."""
    try:
        n = float(value)
    except (TypeError, ValueError):
        return 0.0
    return n if n < 1e6 else n / 2**20


def checkpoint_bytes(num_epochs: int, save_every_n: int = 10) -> int:
    """Disk for the epoch-N.pt files of a run (plus best-train/best-valid copies)."""
    saves = num_epochs // max(1, save_every_n) + (1 if num_epochs % max(1, save_every_n) else 0)
    return (saves + 2) * CHECKPOINT_BYTES
