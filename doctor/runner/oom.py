"""--retry-oom: after a CUDA out-of-memory, retry training with less audio per batch."""

from __future__ import annotations

import re
from collections.abc import Iterable

FACTOR = 0.7
MAX_RETRIES = 3
# The default of --max-duration in icefall's TTS data modules, used when none was given.
ICEFALL_DEFAULT_MAX_DURATION = 200

_OOM = re.compile(r"CUDA out of memory|OutOfMemoryError|CUDA error: out of memory")


def is_oom(lines: Iterable[str]) -> bool:
    return any(_OOM.search(line) for line in lines)


def reduced(max_duration: float) -> int:
    """x0.7, rounded down, never below 1."""
    return max(1, int(max_duration * FACTOR))
