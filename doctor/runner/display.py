"""Observers that show a run: plain lines (logs, pipes, tests) or a rich Live display."""

from __future__ import annotations

import collections
import time
from typing import Any

from rich.console import Console, Group
from rich.live import Live
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text

from doctor.messages import t
from doctor.runner.progress import (
    BatchLogged,
    CheckpointSaved,
    EpochStarted,
    Event,
    StageStarted,
    Validated,
)


def fmt_losses(losses: dict[str, float]) -> str:
    return ", ".join(f"{k}={v:.3f}" for k, v in losses.items())


def fmt_seconds(seconds: float) -> str:
    seconds = int(seconds)
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}h{m:02d}m{s:02d}s" if h else (f"{m}m{s:02d}s" if m else f"{s}s")


class PlainObserver:
    """One line per stage, epoch, validation and checkpoint; child lines go to the log only."""

    def __init__(self, console: Console, lang: str = "en", num_epochs: int | None = None) -> None:
        self.console = console
        self.lang = lang
        self.num_epochs = num_epochs

    def _say(self, key: str, **params: Any) -> None:
        self.console.print(escape(t(key, self.lang, **params)), highlight=False, soft_wrap=True)

    def step_started(self, step: str, command: str, log: str) -> None:
        self._say("runner.step.start", step=step, cmd=command)
        self._say("runner.step.log", log=log)

    def line(self, text: str) -> None:
        return None

    def event(self, event: Event) -> None:
        if isinstance(event, StageStarted):
            self._say("runner.stage", stage=event.stage, name=event.name)
        elif isinstance(event, EpochStarted):
            total = f"/{self.num_epochs}" if self.num_epochs else ""
            self._say("runner.epoch", epoch=event.epoch, total=total)
        elif isinstance(event, Validated):
            self._say("runner.valid", epoch=event.epoch, losses=fmt_losses(event.losses))
        elif isinstance(event, CheckpointSaved):
            self._say("runner.saved", path=event.path)

    def step_finished(self, step: str, returncode: int) -> None:
        return None

    def message(self, text: str) -> None:
        self.console.print(escape(text), highlight=False, soft_wrap=True)


class LiveObserver(PlainObserver):
    """A status line (stage, or an epoch bar with losses and time per epoch) over a tail panel."""

    def __init__(
        self, console: Console, lang: str = "en", num_epochs: int | None = None, tail: int = 10
    ) -> None:
        super().__init__(console, lang, num_epochs)
        self.tail: collections.deque[str] = collections.deque(maxlen=tail)
        self.status = ""
        self.step = ""
        self.epoch_started = 0.0
        self.per_epoch = 0.0
        self.batch: BatchLogged | None = None
        self.live = Live(
            console=console, get_renderable=self._render, refresh_per_second=4, transient=True
        )

    def _render(self) -> Group:
        status = self.status
        if self.batch is not None:  # formatted here, a few times a second, not per line
            b = self.batch
            status = self._epoch_bar(b.epoch, b.batch, b.losses)
        body = Text("\n".join(self.tail), overflow="ellipsis", no_wrap=True)
        return Group(Text(status), Panel(body, title=self.step, title_align="left"))

    def step_started(self, step: str, command: str, log: str) -> None:
        super().step_started(step, command, log)
        self.step, self.status = step, ""
        self.tail.clear()
        self.live.start()

    def line(self, text: str) -> None:
        self.tail.append(text)

    def event(self, event: Event) -> None:
        if isinstance(event, BatchLogged):
            self.batch = event
            return
        if isinstance(event, (EpochStarted, StageStarted)):
            self.batch = None
        if isinstance(event, EpochStarted):
            now = time.monotonic()
            if self.epoch_started:
                self.per_epoch = now - self.epoch_started
            self.epoch_started = now
            self.status = self._epoch_bar(event.epoch, 0, {})
        if isinstance(event, StageStarted):
            self.status = f"stage {event.stage}: {event.name}"
        line = self._line_for(event)
        if line:
            self.live.console.print(escape(line), highlight=False)

    def _line_for(self, event: Event) -> str:
        if isinstance(event, StageStarted):
            return t("runner.stage", self.lang, stage=event.stage, name=event.name)
        if isinstance(event, Validated):
            return t("runner.valid", self.lang, epoch=event.epoch, losses=fmt_losses(event.losses))
        if isinstance(event, CheckpointSaved):
            return t("runner.saved", self.lang, path=event.path)
        return ""

    def _epoch_bar(self, epoch: int, batch: int, losses: dict[str, float]) -> str:
        total = self.num_epochs or 0
        width = 30
        done = int(width * min(epoch - 1, total) / total) if total else 0
        bar = "█" * done + "░" * (width - done) if total else ""
        per = f"  {fmt_seconds(self.per_epoch)}/epoch" if self.per_epoch else ""
        of = f"/{total}" if total else ""
        return f"epoch {epoch}{of} {bar} batch {batch}  {fmt_losses(losses)}{per}"

    def step_finished(self, step: str, returncode: int) -> None:
        self.live.stop()
