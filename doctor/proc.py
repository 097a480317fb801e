"""The one process module: every child the doctor starts (probes, fix steps, `explain --run`,
recipe steps) is spawned, watched and ended here.

- Every child gets its own session (so its own process group) and is registered until reaped.
- One kill policy: SIGINT, then SIGTERM, then SIGKILL, each followed by a bounded wait. It is
  sent to the whole tree, found with psutil: the child, its descendants (by parent, so a
  grandchild that called setsid is not forgotten), every member of the child's session or
  group (even once reparented) and, when the doctor is a child subreaper, orphans it adopted.
- On SIGINT or SIGTERM the CLI's handler (installed by :func:`install_signal_handlers`) ends
  every registered child with that policy, refuses new ones and then raises
  KeyboardInterrupt; a watchdog ends the process with 128+signal if unwinding takes too long,
  so the tool is gone within :data:`EXIT_DEADLINE` seconds whatever its children do.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import FrameType
from typing import IO, Any

import psutil

PIPE = subprocess.PIPE
DEVNULL = subprocess.DEVNULL
STDOUT = subprocess.STDOUT

EXIT_DEADLINE = 2.7  # seconds from the first signal to the tool's exit, whatever happens
LINGER = 0.5  # seconds a finished command's leftovers may keep its output pipe open
ONE_ACTION = 0.25  # seconds within which a second stop signal is the same one, delivered twice
POLL = 0.02
CANCEL_POLL = 0.1  # seconds between looks at a run_capture's cancel event


@dataclass(frozen=True)
class KillPolicy:
    """How long each signal is given before the next one is sent."""

    interrupt_wait: float = 1.0  # after SIGINT: Python children unwind, tools clean up
    term_wait: float = 0.7  # after SIGTERM
    kill_wait: float = 0.3  # after SIGKILL: only to see the processes gone

    def steps(self) -> tuple[tuple[signal.Signals, float], ...]:
        return (
            (signal.SIGINT, self.interrupt_wait),
            (signal.SIGTERM, self.term_wait),
            (signal.SIGKILL, self.kill_wait),
        )


POLICY = KillPolicy()
HURRY = KillPolicy(0.0, 0.0, 0.3)  # a second signal: no more patience


class Interrupted(KeyboardInterrupt):
    """Raised instead of starting a child once the tool has been told to stop."""


_LOCK = threading.RLock()
_LIVE: dict[int, subprocess.Popen[bytes]] = {}
_CLOSING = threading.Event()


# --- spawning ----------------------------------------------------------------------------


def spawn(
    argv: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: str | os.PathLike[str] | None = None,
    stdin: int | IO[Any] | None = DEVNULL,
    stdout: int | IO[Any] | None = PIPE,
    stderr: int | IO[Any] | None = PIPE,
) -> subprocess.Popen[bytes]:
    """Start ``argv`` (never through a shell) in its own session and register it. Raises
    OSError when it cannot start and :class:`Interrupted` once the tool is stopping."""
    with _LOCK:
        if _CLOSING.is_set():
            raise Interrupted
        proc = subprocess.Popen(
            list(argv),
            stdin=stdin,
            stdout=stdout,
            stderr=stderr,
            env=dict(env) if env is not None else None,
            cwd=cwd,
            start_new_session=True,
        )
        _LIVE[proc.pid] = proc
    return proc


def finish(proc: subprocess.Popen[bytes], policy: KillPolicy = POLICY) -> int:
    """Wait for ``proc``, end what it left in its group or session, forget it; its exit code."""
    try:
        code = proc.wait()
    except BaseException:  # Ctrl-C while waiting: the tree first, then its exit status
        stop(proc, policy)
        proc.wait()
        raise
    finally:
        if _group_alive(proc.pid):
            _escalate([proc], policy, adopted=False)
        with _LOCK:
            _LIVE.pop(proc.pid, None)
        with contextlib.suppress(psutil.Error):
            _reap_adopted(psutil.Process().children())  # orphans that ended meanwhile
    return code


def stop(proc: subprocess.Popen[bytes], policy: KillPolicy = POLICY) -> None:
    """End ``proc`` and its whole tree with the kill policy (returns once all are gone or the
    policy's time is spent). Safe to call on a finished child."""
    _escalate([proc], policy, adopted=False)


def terminate_all(policy: KillPolicy = POLICY) -> None:
    """Refuse new children and end every registered one with its tree, plus any orphan the
    doctor adopted as subreaper."""
    _CLOSING.set()
    with _LOCK:
        roots = list(_LIVE.values())
    _escalate(roots, policy, adopted=True)


def live_pids() -> list[int]:
    """The registered children (tests, diagnostics)."""
    with _LOCK:
        return list(_LIVE)


# --- running to the end --------------------------------------------------------------------


@dataclass(frozen=True)
class Captured:
    """A child run with captured output; ``returncode`` is None when it timed out."""

    returncode: int | None
    out: bytes
    err: bytes

    @property
    def timed_out(self) -> bool:
        return self.returncode is None


def run_capture(
    argv: Sequence[str],
    *,
    data: bytes,
    timeout: float,
    env: Mapping[str, str] | None = None,
    cwd: str | None = None,
    cancel: threading.Event | None = None,
) -> Captured:
    """Run ``argv`` with ``data`` on stdin, capturing stdout and stderr; on timeout, or once
    ``cancel`` is set, the tree is ended with the kill policy and the output so far is kept
    (returncode None). A child that ended in time is not a timeout even when this thread got to
    read it late (the doctor busy elsewhere). OSError when it cannot start."""
    proc = spawn(argv, stdin=PIPE, stdout=PIPE, stderr=PIPE, env=env, cwd=cwd)
    watcher = _StopOnCancel(proc, cancel) if cancel is not None else None
    try:
        out, err = proc.communicate(data, timeout=timeout)
    except subprocess.TimeoutExpired:
        if proc.poll() is not None and not (watcher and watcher.stopped):
            out, err = _drain(proc)
            return Captured(finish(proc), out, err)
        stop(proc)
        out, err = _drain(proc)
        finish(proc)
        return Captured(None, out, err)
    except BaseException:
        stop(proc)
        finish(proc)
        raise
    finally:
        if watcher is not None:
            watcher.close()
    code = finish(proc)
    return Captured(None if watcher and watcher.stopped else code, out, err)


class _StopOnCancel:
    """A thread that ends ``proc``'s tree once ``cancel`` is set, until closed. (communicate()
    cannot be interrupted and resumed: input not yet written at a timeout is never sent.)"""

    def __init__(self, proc: subprocess.Popen[bytes], cancel: threading.Event) -> None:
        self.proc, self.cancel, self.stopped = proc, cancel, False
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="stop-on-cancel", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._closed.wait(CANCEL_POLL):
            if self.cancel.is_set():
                self.stopped = True
                stop(self.proc)
                return

    def close(self) -> None:
        self._closed.set()
        self._thread.join()


def _drain(proc: subprocess.Popen[bytes]) -> tuple[bytes, bytes]:
    """What a stopped child wrote; empty when something escaped still holds its pipes."""
    try:
        return proc.communicate(timeout=LINGER)
    except (subprocess.TimeoutExpired, ValueError, OSError):
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        return b"", b""


@dataclass(frozen=True)
class Streamed:
    """A child whose merged output was streamed line by line; the last lines are kept."""

    returncode: int
    tail: tuple[str, ...]
    timed_out: bool = False


def run_streaming(
    argv: Sequence[str],
    *,
    on_line: Callable[[str], None],
    env: Mapping[str, str] | None = None,
    cwd: str | None = None,
    timeout: float | None = None,
    tail_lines: int = 20,
) -> Streamed:
    """Run ``argv`` with stdin closed, stdout and stderr merged; each line goes to ``on_line``
    in the calling thread. On timeout or KeyboardInterrupt the tree is ended with the kill
    policy. Leftovers that keep the output pipe open after the child exited are ended too."""
    proc = spawn(argv, stdin=DEVNULL, stdout=PIPE, stderr=STDOUT, env=env, cwd=cwd)
    assert proc.stdout is not None
    lines: queue.Queue[str | None] = queue.Queue()
    reader = threading.Thread(target=_read_lines, args=(proc.stdout, lines), daemon=True)
    reader.start()
    tail: deque[str] = deque(maxlen=tail_lines)
    try:
        timed_out = _pump(proc, lines, tail, on_line, timeout)
    except BaseException:
        stop(proc)
        finish(proc)
        raise
    code = finish(proc)
    reader.join(LINGER)
    _flush_lines(lines, tail, on_line)
    return Streamed(code, tuple(tail), timed_out)


def _read_lines(stream: IO[bytes], lines: queue.Queue[str | None]) -> None:
    try:
        for raw in stream:
            lines.put(raw.decode("utf-8", "replace").rstrip("\r\n"))
    except (OSError, ValueError):
        pass
    finally:
        lines.put(None)


def _pump(
    proc: subprocess.Popen[bytes],
    lines: queue.Queue[str | None],
    tail: deque[str],
    on_line: Callable[[str], None],
    timeout: float | None,
) -> bool:
    """Hand lines over until the output ends; True when the timeout ended the child."""
    deadline = None if timeout is None else time.monotonic() + timeout
    exited: float | None = None
    while True:
        try:
            line = lines.get(timeout=0.1)
        except queue.Empty:
            now = time.monotonic()
            if deadline is not None and now > deadline:
                stop(proc)
                return True
            if exited is None and proc.poll() is not None:
                exited = now
            if exited is not None and now - exited > LINGER:
                stop(proc)  # the child is done; what holds its pipe open is left over
                return False
            continue
        if line is None:
            return False
        tail.append(line)
        on_line(line)


def _flush_lines(
    lines: queue.Queue[str | None], tail: deque[str], on_line: Callable[[str], None]
) -> None:
    while True:
        try:
            line = lines.get_nowait()
        except queue.Empty:
            return
        if line is not None:
            tail.append(line)
            on_line(line)


# --- the tree and the kill policy ----------------------------------------------------------


def _escalate(
    procs: Sequence[subprocess.Popen[bytes]], policy: KillPolicy, *, adopted: bool
) -> None:
    # A reaped child's pid may be reused: only unreaped ones are looked up by pid. Its group
    # and session ids stay reserved while any member lives, so those are safe to use.
    roots = [p.pid for p in procs if p.returncode is None]
    groups = [p.pid for p in procs]
    known: dict[int, psutil.Process] = {}
    for sig, wait in policy.steps():
        known.update(_tree(roots, groups, known.values(), adopted=adopted))
        alive = [p for p in known.values() if _alive(p)]
        if not alive:
            return
        _send(sig, groups, alive)
        _wait_gone(alive, wait)


def _send(sig: signal.Signals, groups: Sequence[int], procs: Iterable[psutil.Process]) -> None:
    """``sig`` once to each process: to the children's groups as a whole (members forked a
    moment ago included), and one by one to those outside them. A process must not get SIGINT
    twice: the second would cut short what the first let it clean up."""
    for group in groups:
        with contextlib.suppress(OSError):
            os.killpg(group, sig)
    for p in procs:
        with contextlib.suppress(psutil.Error, OSError):
            if os.getpgid(p.pid) not in groups:
                p.send_signal(sig)


def _tree(
    roots: Iterable[int], groups: Sequence[int], known: Iterable[psutil.Process], *, adopted: bool
) -> dict[int, psutil.Process]:
    """Every process of the children's trees: by parent (setsid does not hide a grandchild),
    by session or group (reparented ones), and the doctor's adopted orphans."""
    found: dict[int, psutil.Process] = {}
    tops: list[psutil.Process] = list(known)
    for pid in roots:
        with contextlib.suppress(psutil.Error):
            tops.append(psutil.Process(pid))
    if adopted:
        with contextlib.suppress(psutil.Error):
            tops.extend(psutil.Process().children())
    for top in tops:
        found[top.pid] = top
        with contextlib.suppress(psutil.Error):
            found.update((c.pid, c) for c in top.children(recursive=True))
    found.update(_session_members(set(groups)))
    found.pop(os.getpid(), None)
    return found


def _session_members(roots: set[int]) -> dict[int, psutil.Process]:
    if not roots:
        return {}
    out: dict[int, psutil.Process] = {}
    for p in psutil.process_iter():
        try:
            if os.getsid(p.pid) in roots or os.getpgid(p.pid) in roots:
                out[p.pid] = p
        except OSError:
            continue
    return out


def _alive(p: psutil.Process) -> bool:
    try:
        return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def _wait_gone(procs: Sequence[psutil.Process], wait: float) -> None:
    deadline = time.monotonic() + wait
    while True:
        _reap_adopted(procs)
        if not any(_alive(p) for p in procs) or time.monotonic() >= deadline:
            return
        time.sleep(POLL)


def _reap_adopted(procs: Sequence[psutil.Process]) -> None:
    """Collect zombies the doctor adopted as subreaper (never a registered child: its Popen
    must see the exit code)."""
    if not _STATE.subreaper:
        return  # nothing is adopted; a zombie child may be someone's Popen to wait for
    me = os.getpid()
    with _LOCK:
        mine = set(_LIVE)
    for p in procs:
        if p.pid in mine:
            continue
        with contextlib.suppress(psutil.Error, OSError):
            if p.ppid() == me and p.status() == psutil.STATUS_ZOMBIE:
                os.waitpid(p.pid, os.WNOHANG)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except OSError:
        return False
    return True


# --- signals at the CLI entry --------------------------------------------------------------


class _Stopping:
    signum: int | None = None
    since: float = 0.0
    subreaper: bool = False


_STATE = _Stopping()


def install_signal_handlers() -> None:
    """SIGINT and SIGTERM end every child with the kill policy, then raise KeyboardInterrupt
    in the main thread; a second signal kills at once and exits. Call once, from the main
    thread, at the CLI entry. The doctor also becomes a child subreaper (Linux), so orphans
    of its children are still its own to end."""
    _become_subreaper()
    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)


def stop_signal() -> int | None:
    """The signal that told the tool to stop, if any."""
    return _STATE.signum


def exit_now(code: int) -> None:
    """Leave without waiting for threads stuck on a child or the network."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


def _on_signal(signum: int, frame: FrameType | None) -> None:
    if _STATE.signum is not None and time.monotonic() - _STATE.since < ONE_ACTION:
        return  # one stop delivered twice (`timeout -s INT` signals the process and its group)
    if _STATE.signum is not None:  # asked twice: no more waiting
        terminate_all(HURRY)
        exit_now(128 + _STATE.signum)
    _STATE.signum = signum
    _STATE.since = time.monotonic()
    watchdog = threading.Thread(target=_watchdog, args=(128 + signum,), daemon=True)
    watchdog.start()
    terminate_all(POLICY)
    raise KeyboardInterrupt


def _watchdog(code: int) -> None:
    time.sleep(max(0.0, _STATE.since + EXIT_DEADLINE - time.monotonic()))
    terminate_all(HURRY)
    exit_now(code)


def _become_subreaper() -> None:
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        _STATE.subreaper = libc.prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
