"""The one spawn point for long-running children (prepare.sh, train.py, export).

Each child is started by doctor.proc in its own session; stdout and stderr are streamed line
by line into the step's log file, a bounded tail (a deque) and the observer. Ctrl-C ends the
child's whole tree with doctor.proc's kill policy (SIGINT, SIGTERM after a grace period, then
SIGKILL); nothing it started is left behind.
"""

from __future__ import annotations

import collections
import dataclasses
import os
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO

from doctor import proc
from doctor.runner.progress import Event, NullObserver, Observer, parse_line
from doctor.runner.steps import StepCommand

TAIL_LINES = 200
GRACE_SECONDS = proc.POLICY.interrupt_wait


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
    """A running child in its own session, started and ended by doctor.proc."""

    def __init__(self, cmd: StepCommand, base_env: Mapping[str, str]) -> None:
        self.cmd = cmd
        self.proc = proc.spawn(
            cmd.argv, cwd=str(cmd.cwd), env=cmd.env(base_env), stdout=proc.PIPE, stderr=proc.STDOUT
        )

    def interrupt(self, grace: float = GRACE_SECONDS) -> int:
        """The kill policy on the whole tree, SIGINT given ``grace`` seconds; the exit code."""
        proc.stop(self.proc, dataclasses.replace(proc.POLICY, interrupt_wait=grace))
        return self.proc.wait()

    def reap_group(self) -> None:
        """End what the child left behind (workers, background jobs) and forget it."""
        proc.finish(self.proc)


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
        reader.join(timeout=proc.LINGER if interrupted else 5)
    return ChildResult(
        cmd.step,
        code,
        interrupted,
        str(cmd.log),
        tuple(sink.tail),
        tuple(sink.events),
        time.monotonic() - start,
    )
