"""The one spawn point for long-running children (prepare.sh, train.py, export).

Each child gets its own process group; stdout and stderr are streamed line by line into the
step's log file, a bounded tail (a deque) and the observer. Ctrl-C sends SIGINT to the group,
SIGTERM after a grace period, then SIGKILL; nothing of the group is left behind.
"""

from __future__ import annotations

import collections
import contextlib
import os
import signal
import subprocess
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO

from doctor.runner.progress import Event, NullObserver, Observer, parse_line
from doctor.runner.steps import StepCommand

TAIL_LINES = 200
GRACE_SECONDS = 10.0


@dataclass(frozen=True)
class ChildResult:
    step: str
    returncode: int
    interrupted: bool
    log: str
    tail: tuple[str, ...]
    events: tuple[Event, ...]
    seconds: float


class OutputSink:
    """Where a child's lines go: the log file, a bounded tail, the parser and the observer.

    Memory stays bounded whatever the run's length: only ``tail_lines`` lines and the last
    ``keep_events`` events are kept.
    """

    def __init__(
        self,
        log: IO[bytes],
        observer: Observer,
        tail_lines: int = TAIL_LINES,
        keep_events: int = 64,
    ) -> None:
        self.log = log
        self.observer = observer
        self.tail: collections.deque[str] = collections.deque(maxlen=tail_lines)
        self.events: collections.deque[Event] = collections.deque(maxlen=keep_events)

    def feed(self, raw: bytes) -> None:
        self.log.write(raw)
        text = raw.decode("utf-8", "replace").rstrip("\r\n")
        self.tail.append(text)
        self.observer.line(text)
        event = parse_line(text)
        if event is not None:
            self.events.append(event)
            self.observer.event(event)

    def pump(self, stream: IO[bytes]) -> None:
        for raw in stream:
            self.feed(raw)
        self.log.flush()


class Child:
    """A running child in its own process group."""

    def __init__(self, cmd: StepCommand, base_env: Mapping[str, str]) -> None:
        self.cmd = cmd
        self.proc = subprocess.Popen(
            list(cmd.argv),
            cwd=str(cmd.cwd),
            env=cmd.env(base_env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def signal_group(self, sig: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, sig)

    def interrupt(self, grace: float = GRACE_SECONDS) -> int:
        """SIGINT to the group, SIGTERM after ``grace`` seconds, then SIGKILL."""
        for sig in (signal.SIGINT, signal.SIGTERM):
            self.signal_group(sig)
            try:
                return self.proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                continue
            except KeyboardInterrupt:  # a second Ctrl-C: escalate now
                continue
        self.signal_group(signal.SIGKILL)
        return self.proc.wait()

    def reap_group(self) -> None:
        """Kill what the child left in its group (workers, background jobs)."""
        self.signal_group(signal.SIGKILL)


def run_child(
    cmd: StepCommand,
    base_env: Mapping[str, str] | None = None,
    observer: Observer | None = None,
    grace: float = GRACE_SECONDS,
) -> ChildResult:
    """Run one step to the end (or to Ctrl-C), streaming its output to its log file."""
    observer = observer or NullObserver()
    cmd.log.parent.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    with open(cmd.log, "ab") as log:
        sink = OutputSink(log, observer)
        child = Child(cmd, os.environ if base_env is None else base_env)
        assert child.proc.stdout is not None
        reader = threading.Thread(target=sink.pump, args=(child.proc.stdout,), daemon=True)
        reader.start()
        interrupted = False
        try:
            code = child.proc.wait()
        except KeyboardInterrupt:
            interrupted = True
            code = child.interrupt(grace)
        child.reap_group()
        reader.join(timeout=5)
    return ChildResult(
        cmd.step,
        code,
        interrupted,
        str(cmd.log),
        tuple(sink.tail),
        tuple(sink.events),
        time.monotonic() - start,
    )
