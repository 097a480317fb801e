"""Short commands the user sees run (`fix --apply` steps, `explain --run`): stdin closed,
stdout and stderr merged and streamed line by line, the tail kept. Spawning, timeouts and
the kill policy (SIGINT, SIGTERM, SIGKILL to the whole tree) are doctor.proc's.

``run_argv`` runs an argv list, never through a shell; ``run_command`` is `explain --run`'s:
the user's own command line, given to ``/bin/sh -c`` as the user typed it."""

from __future__ import annotations

import shlex
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from doctor import proc

TAIL_LINES = 20


@dataclass(frozen=True)
class Outcome:
    """How one command ended; ``command`` is what to show (shell-quoted for an argv)."""

    command: str
    returncode: int
    tail: str
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out


def run_argv(
    argv: Sequence[str],
    *,
    env: Mapping[str, str] | None,
    cwd: str | None,
    on_line: Callable[[str], None],
    label: str = "",
    timeout: float | None = None,
) -> Outcome:
    """Run ``argv`` (no shell), streaming its merged output to ``on_line``; the tail is kept.
    ``label`` is what the outcome shows (default: the argv, shell-quoted). On timeout or Ctrl-C
    its whole process tree is ended with the kill policy. A program that cannot be started
    ends with code 127 and the reason as its output."""
    command = label or shlex.join(argv)
    try:
        done = proc.run_streaming(
            argv, on_line=on_line, env=env, cwd=cwd, timeout=timeout, tail_lines=TAIL_LINES
        )
    except OSError as exc:
        reason = f"{type(exc).__name__}: {exc}"
        on_line(reason)
        return Outcome(command, 127, reason)
    return Outcome(command, done.returncode, "\n".join(done.tail), done.timed_out)


def run_command(
    command: str,
    *,
    env: Mapping[str, str] | None,
    cwd: str | None,
    on_line: Callable[[str], None],
    timeout: float | None = None,
) -> Outcome:
    """Run the user's own command line through bash (the shell it was typed in, most likely;
    its messages are those users paste), or ``/bin/sh`` without one. Only `explain --run`."""
    argv = [shutil.which("bash") or "/bin/sh", "-c", command]
    return run_argv(argv, env=env, cwd=cwd, on_line=on_line, label=command, timeout=timeout)
