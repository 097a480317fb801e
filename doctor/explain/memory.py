"""CUDA out of memory: read the numbers of torch's message and propose a smaller --max-duration.

The failing allocation only bounds the peak from below (dynamic batches differ in length), so
the proposal scales the run's max-duration by usable/needed memory and then halves it, rounded
down to a multiple of 10; "halve again if it still fails" is said in the message.
"""

from __future__ import annotations

import re
from typing import Any

from doctor.explain import evidence
from doctor.explain.model import Hit
from doctor.explain.scan import ScanResult

_UNIT = {"B": 1 / 2**30, "KiB": 1 / 2**20, "MiB": 1 / 1024, "GiB": 1.0, "TiB": 1024.0}
_NUM = r"([0-9]+(?:\.[0-9]+)?) (B|KiB|MiB|GiB|TiB)"
_PATTERNS = {
    "tried": rf"Tried to allocate {_NUM}",
    "total": rf"total capacity of {_NUM}|{_NUM} total capacity",
    "allocated": rf"{_NUM} is allocated by PyTorch|{_NUM} already allocated",
    "free": rf"of which {_NUM} is free|{_NUM} free",
}
DEFAULT_MAX_DURATION = 200  # icefall's datamodules
USABLE = 0.9


def _gib(text: str, pattern: str) -> float | None:
    m = re.search(pattern, text)
    if not m:
        return None
    groups = [g for g in m.groups() if g is not None]
    return float(groups[0]) * _UNIT[groups[1]]


def read_numbers(text: str) -> dict[str, float]:
    found = {k: _gib(text, p) for k, p in _PATTERNS.items()}
    return {k: round(v, 3) for k, v in found.items() if v is not None}


def smaller_max_duration(old: float, total: float | None, needed: float | None) -> int:
    scale = 0.5
    if total and needed and needed > 0:
        scale = min(1.0, USABLE * total / needed) * 0.5
    return max(10, int(old * scale) // 10 * 10)


# Engines whose own memory, not a training batch, ran out, read from the allocator's own line
# (not a framework named nearby): their knobs, not --max-duration, are the way out. XLA's BFC
# (TensorFlow, JAX) reserves the GPU's memory at start; TensorRT's builder asks for a workspace;
# DeepSpeed's inference kernels reserve theirs.
_ENGINES = (
    (
        "xla",
        re.compile(
            r"_bfc\)|_bfc\b|bfc_allocator|RESOURCE_EXHAUSTED|Resource exhausted|XlaRuntimeError"
            r"|OOM when allocating tensor"
        ),
    ),
    ("tensorrt", re.compile(r"\[TRT\]|TensorRT|Error Code 2: OutOfMemory|User allocator error")),
    ("vllm", re.compile(r"memory for the cache blocks|stored in KV cache")),
    ("deepspeed_workspace", re.compile(r"Workspace can't be allocated")),
    ("ggml", re.compile(r"ggml_\w+|ErrorOutOfDeviceMemory")),
    ("kaldi", re.compile(r"cu-allocator\.cc|cu-device\.cc|Possibly this is due to sharing")),
)


def oom_params(hit: Hit, scan: ScanResult) -> dict[str, Any]:
    for note, pattern in _ENGINES:
        if pattern.search(hit.line):
            return {"_note": note, "_instead_fix": evidence.fixes(f"oom_{note}")}
    text = "\n".join([hit.line, *hit.after[:3]])
    nums = read_numbers(text)
    out: dict[str, Any] = {f"{k}_gib": v for k, v in nums.items()}
    old, source = _max_duration(hit, scan)
    needed = (nums.get("allocated") or 0) + (nums.get("tried") or 0) or None
    out["max_duration"] = old
    out["max_duration_source"] = source
    if source == "default":
        out["_note"] = "assumed"
    out["new_max_duration"] = smaller_max_duration(old, nums.get("total"), needed)
    return out


def _max_duration(hit: Hit, scan: ScanResult) -> tuple[float, str]:
    seen = [v for no, v in scan.context_at.get("max_duration", []) if no <= hit.line_no]
    if seen:
        return float(seen[-1]), "log"
    return float(DEFAULT_MAX_DURATION), "default"
