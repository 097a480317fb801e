"""icefall-style log lines -> events, and the observer that receives them (no-op by default)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol, Union

_STAGE = re.compile(r"\(prepare\.sh:\d+:\w+\) Stage (-?\d+): (.*)")
_BATCH = re.compile(r"Epoch (\d+), batch (\d+), global_batch_idx: (\d+).*?loss\[([^\]]*)\]")
_VALID = re.compile(r"Epoch (\d+), validation: (.*)")
_START = re.compile(r"Start epoch (\d+)")
_SAVE = re.compile(r"Saving checkpoint to (.*\S)")  # the rest of the line: a path may hold spaces
_LOSS = re.compile(r"(\w+)=(-?[\d.]+(?:[eE][-+]?\d+)?)")


@dataclass(frozen=True)
class StageStarted:
    stage: int
    name: str


@dataclass(frozen=True)
class EpochStarted:
    epoch: int


@dataclass(frozen=True)
class BatchLogged:
    """A batch line; its losses are parsed only when asked for (most are never shown)."""

    epoch: int
    batch: int
    global_batch: int
    loss_text: str = ""

    @property
    def losses(self) -> dict[str, float]:
        return losses(self.loss_text)


@dataclass(frozen=True)
class Validated:
    epoch: int
    losses: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class CheckpointSaved:
    path: str


Event = Union[StageStarted, EpochStarted, BatchLogged, Validated, CheckpointSaved]


def losses(text: str) -> dict[str, float]:
    """`dur_loss=2.797, prior_loss=1.609, ..., over 6.00 samples.` -> {name: value}."""
    return {k: float(v) for k, v in _LOSS.findall(text)}


def parse_line(line: str) -> Event | None:
    """One event for a line that carries one; None for the rest (most lines: kept cheap)."""
    if "Epoch " in line:
        return _parse_epoch_line(line)
    if "Stage " in line and "prepare.sh:" in line:
        m = _STAGE.search(line)
        return StageStarted(int(m.group(1)), m.group(2).strip()) if m else None
    if "Start epoch " in line:
        m = _START.search(line)
        return EpochStarted(int(m.group(1))) if m else None
    if "Saving checkpoint to " in line:
        m = _SAVE.search(line)
        return CheckpointSaved(m.group(1)) if m else None
    return None


def _parse_epoch_line(line: str) -> Event | None:
    if ", batch " in line:
        m = _BATCH.search(line)
        if m:
            e, b, g, loss = m.groups()
            return BatchLogged(int(e), int(b), int(g), loss)
        return None
    if ", validation: " in line:
        m = _VALID.search(line)
        return Validated(int(m.group(1)), losses(m.group(2))) if m else None
    return None


class Observer(Protocol):
    """What the runner reports while it works. The CLI attaches a rich display."""

    def step_started(self, step: str, command: str, log: str) -> None: ...

    def line(self, text: str) -> None: ...

    def event(self, event: Event) -> None: ...

    def step_finished(self, step: str, returncode: int) -> None: ...

    def message(self, text: str) -> None: ...


class NullObserver:
    """Does nothing: the default, and what the benchmark measures."""

    def step_started(self, step: str, command: str, log: str) -> None:
        return None

    def line(self, text: str) -> None:
        return None

    def event(self, event: Event) -> None:
        return None

    def step_finished(self, step: str, returncode: int) -> None:
        return None

    def message(self, text: str) -> None:
        return None
