"""Run probe scripts in subprocesses with timeouts; every failure becomes a ProbeResult.

A probe script reads one JSON object (its input) on stdin and prints its result as the
last stdout line, prefixed by ``MARKER``. Anything else it prints is ignored. Probes are
started and ended by doctor.proc: on timeout the probe's whole process tree gets the kill
policy, so a hung import leaves nothing behind.
"""

from __future__ import annotations

import functools
import json
import threading
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from doctor import proc
from doctor.facts import ProbeResult

MARKER = "@@icefall-doctor@@ "
SCRIPTS = Path(__file__).resolve().parent / "scripts"
STDERR_TAIL_LINES = 15


@dataclass(frozen=True)
class ProbeRun:
    """One probe to run: which script, with which interpreter, input and limits. The input may be
    a function, called in the probe's own thread so slow inputs do not delay other probes."""

    name: str
    script: str
    interpreter: str
    payload: Mapping[str, Any] | Callable[[], Mapping[str, Any]]
    timeout: float
    env: Mapping[str, str] | None = None
    cwd: str | None = None
    # Set for probes that are the doctor's own code (no foreign imports): run in a daemon thread
    # of this process with the same timeout, instead of starting an interpreter.
    inproc: Callable[[Mapping[str, Any]], Mapping[str, Any]] | None = None
    # Set when this run's interpreter is known to hang (its python probe timed out): stop now.
    cancel: threading.Event | None = field(default=None, compare=False)


def run_all(runs: Sequence[ProbeRun]) -> dict[str, ProbeResult]:
    """Run independent probes concurrently, each in its own thread (they only wait on children);
    list the slow ones first so they start first. The probes that import torch run as one
    group (doctor.probes.shared), which imports torch once for all of them."""
    if not runs:
        return {}
    from doctor.probes import shared

    runs = _cancelled_with_python(runs)
    grouped = shared.group_of(runs)
    jobs: list[Callable[[], list[ProbeResult]]] = [
        functools.partial(_one, r) for r in runs if r not in grouped
    ]
    if grouped:
        jobs.insert(0, functools.partial(shared.run_group, grouped, run_one))
    pool = ThreadPoolExecutor(max_workers=len(jobs))
    try:
        results = [r for done in pool.map(lambda job: job(), jobs) for r in done]
    except BaseException:  # Ctrl-C: do not wait for probes still starting or still hung
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return {r.name: r for r in results}


def _cancelled_with_python(runs: Sequence[ProbeRun]) -> list[ProbeRun]:
    """The python probe is the quickest run in the target (15 s): when it times out, the
    interpreter hangs (a sitecustomize, a .pth, a wrapper script), and every other run in it
    would wait for its own, longer timeout. They share one event the python probe sets."""
    python = next((r for r in runs if r.name == "python" and r.inproc is None), None)
    if python is None:
        return list(runs)
    hung = threading.Event()
    return [
        replace(r, cancel=hung) if r.interpreter == python.interpreter and r.inproc is None else r
        for r in runs
    ]


def _one(run: ProbeRun) -> list[ProbeResult]:
    done = run_one(run)
    if run.name == "python" and done.status == "timeout" and run.cancel is not None:
        run.cancel.set()
    return [done]


def run_one(run: ProbeRun) -> ProbeResult:
    argv = [run.interpreter, str(SCRIPTS / run.script)]
    start = time.monotonic()
    try:
        payload = dict(run.payload() if callable(run.payload) else run.payload)
    except Exception as exc:  # a bug in preparing the input must not stop the other probes
        error = f"icefall-doctor could not prepare this probe's input: {type(exc).__name__}: {exc}"
        return result(run, "crashed", start, stderr=error, code=None)
    if run.inproc is not None:
        return _run_inproc(run, run.inproc, payload, start)
    try:
        done = proc.run_capture(
            argv,
            data=json.dumps(payload).encode(),
            timeout=run.timeout,
            env=run.env,
            cwd=run.cwd,
            cancel=run.cancel,
        )
    except OSError as exc:
        return result(run, "missing", start, stderr=f"{type(exc).__name__}: {exc}", code=None)
    if done.returncode is None:
        return result(run, "timeout", start, stderr=tail(done.err), code=None)
    return parse(run, start, done.returncode, done.out, done.err)


def _run_inproc(
    run: ProbeRun,
    fn: Callable[[Mapping[str, Any]], Mapping[str, Any]],
    payload: dict[str, Any],
    start: float,
) -> ProbeResult:
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["data"] = dict(fn(payload))
        except BaseException:  # reported like a crashed probe, never raised
            box["error"] = traceback.format_exc(limit=-STDERR_TAIL_LINES)

    worker = threading.Thread(target=work, name=f"probe-{run.name}", daemon=True)
    worker.start()
    worker.join(run.timeout)
    if worker.is_alive():  # left behind: a daemon thread does not keep the doctor from exiting
        return result(run, "timeout", start, stderr="", code=None)
    if "error" in box:
        return result(run, "crashed", start, stderr=str(box["error"]).strip(), code=1)
    return result(run, "ok", start, stderr="", code=0, data=box["data"])


def parse(run: ProbeRun, start: float, code: int, out: bytes, err: bytes) -> ProbeResult:
    data = find_payload(out)
    if code == 0 and data is not None:
        return result(run, "ok", start, stderr=tail(err), code=code, data=data)
    stderr = tail(err)
    if data is None and code == 0:
        stderr = (stderr + "\n" if stderr else "") + "(no JSON result on stdout) " + tail(out)
    return result(run, "crashed", start, stderr=stderr.strip(), code=code)


def find_payload(out: bytes) -> dict[str, Any] | None:
    for line in reversed(out.decode("utf-8", "replace").splitlines()):
        if line.startswith(MARKER):
            try:
                value = json.loads(line[len(MARKER) :])
            except ValueError:
                return None
            return value if isinstance(value, dict) else None
    return None


def tail(raw: bytes) -> str:
    lines = raw.decode("utf-8", "replace").rstrip().splitlines()
    return "\n".join(lines[-STDERR_TAIL_LINES:])


def result(
    run: ProbeRun,
    status: str,
    start: float,
    *,
    stderr: str,
    code: int | None,
    data: dict[str, Any] | None = None,
) -> ProbeResult:
    return ProbeResult(
        name=run.name,
        status=status,
        data=data or {},
        interpreter=run.interpreter,
        stderr_tail=stderr,
        returncode=code,
        seconds=time.monotonic() - start,
        timeout=run.timeout,
    )
