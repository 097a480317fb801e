"""Warn once, during training, when the validation curve turns upward (over-fitting).

An observer wrapper: it passes everything on to the display and keeps one value per epoch per
loss (validation losses from ``Epoch N, validation: ...`` lines, training losses from the
``tot_loss[...]`` running average of each epoch's last batch line). doctor.analyze judges the
primary loss only when a new validation point arrives (every n/200 of them on long runs), so a
line costs one assignment and the whole run a few seconds of analysis.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from doctor.analyze import PRIMARY_ORDER, Analysis, analyze
from doctor.analyze.series import LOG_NAMES, Series
from doctor.analyze.textlog import losses as log_losses
from doctor.analyze.textlog import read_logs
from doctor.runner.progress import BatchLogged, Event, Observer, Validated

_TRAIN = "tot_loss["
Warn = Callable[[Analysis], str]  # the analysis at the onset -> the sentence to show


class OverfitWatch:
    """Forwards to ``inner``; says ``warn(analysis)`` once, at the first detected onset."""

    def __init__(self, inner: Observer, exp_dir: Path, warn: Warn, resume: bool = False) -> None:
        self.inner, self.exp_dir, self.warn = inner, exp_dir, warn
        self.series = Series("log")
        self.warned = False
        self.resume = resume  # a resumed run: the earlier epochs are in the logs already
        self._line = ""
        self._train: tuple[int, str] | None = None  # (epoch, its latest batch line)
        self._judged_at = 0  # validation points at the last look

    def step_started(self, step: str, command: str, log: str) -> None:
        if step == "train" and self.resume and not self.series.files:
            self.series = read_logs(self.exp_dir)  # before the child writes its own log
        self.inner.step_started(step, command, log)

    def line(self, text: str) -> None:
        self._line = text
        self.inner.line(text)

    def event(self, event: Event) -> None:
        if isinstance(event, BatchLogged):
            self._train = (event.epoch, self._line)
        elif isinstance(event, Validated):
            self._validated(event)
        self.inner.event(event)

    def step_finished(self, step: str, returncode: int) -> None:
        self.inner.step_finished(step, returncode)

    def message(self, text: str) -> None:
        self.inner.message(text)

    def _validated(self, event: Validated) -> None:
        if self._train is not None:
            epoch, line = self._train
            start = line.find(_TRAIN) + len(_TRAIN)
            end = line.find("]", start)
            if start >= len(_TRAIN) and end > 0:
                for loss, value in log_losses(line[start:end]).items():
                    self.series.add("train", loss, epoch, value)
        for name, value in event.losses.items():
            known = LOG_NAMES.get(name.removesuffix("_loss"))
            if known is not None:
                self.series.add("valid", known, event.epoch, value)
        if not self.warned and self._due():
            self._judge()

    def _due(self) -> bool:
        """Every new point up to 200 of them; then every n/200 (a 3000-epoch run: ~740 looks)."""
        n = max((len(c) for c in self.series.valid.values()), default=0)
        if n - self._judged_at < max(1, n // 200):
            return False
        self._judged_at = n
        return True

    def _judge(self) -> None:
        """doctor.analyze on the primary loss only (the one its verdict is judged on)."""
        primary = next((k for k in PRIMARY_ORDER if self.series.valid.get(k)), None)
        if primary is None:
            return
        view = Series(
            "log",
            train={primary: self.series.train.get(primary, {})},
            valid={primary: self.series.valid[primary]},
        )
        result = analyze(self.exp_dir, series=view)
        if result.onset_epoch is not None:
            self.warned = True
            self.inner.message(self.warn(result))
