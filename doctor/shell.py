"""The one spawn point for short shell commands the user sees run (`fix --apply` steps,
`explain --run`): ``/bin/sh -c`` in its own process group, stdin closed, stdout and stderr
merged and streamed line by line, the tail kept. Ctrl-C takes the whole group down with it.
Long recipe steps go through doctor.runner.child, which adds log files and a grace period."""

from __future__ import annotations

import os
import signal
import subprocess
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

TAIL_LINES = 20


@dataclass(frozen=True)
class Outcome:
    """How one command ended."""

    command: str
    returncode: int
    tail: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def run_command(
    command: str,
    *,
    env: Mapping[str, str],
    cwd: str | None,
    on_line: Callable[[str], None],
) -> Outcome:
    """Run one shell command, streaming its merged output; the tail is kept."""
    return run_argv(["/bin/sh", "-c", command], env=env, cwd=cwd, on_line=on_line, label=command)


def run_argv(
    argv: Sequence[str],
    *,
    env: Mapping[str, str],
    cwd: str | None,
    on_line: Callable[[str], None],
    label: str = "",
) -> Outcome:
    """Run one argv list (no shell), streaming its merged output; the tail is kept. A command
    that cannot be started ends with code 127 and the reason as its output."""
    tail: deque[str] = deque(maxlen=TAIL_LINES)
    command = label or " ".join(argv)
    try:
        proc = subprocess.Popen(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=dict(env),
            cwd=cwd,
            start_new_session=True,
        )
    except OSError as exc:
        on_line(f"{type(exc).__name__}: {exc}")
        return Outcome(command, 127, f"{type(exc).__name__}: {exc}")
    assert proc.stdout is not None
    try:
        for raw in proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            tail.append(line)
            on_line(line)
        code = proc.wait()
    except BaseException:  # Ctrl-C: stop the whole child group, then let the CLI say so
        _kill(proc)
        raise
    return Outcome(command, code, "\n".join(tail))


def _kill(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError):
        proc.terminate()
    proc.wait()
