"""Runs the probes that import torch in one target interpreter that imports torch once.

Input (stdin, JSON): {"preload": "torch", "probes": [{"name", "script", "payload", "timeout"}]}.
The preload is imported here; then each probe runs in a child forked from this process (so it
finds torch already in memory, copy-on-write, instead of importing it again), with its own stdin,
stdout and stderr pipes, its own process group and its own timeout, exactly as if it had been
started alone. A probe that crashes or hangs takes only its child with it.

When the preload does not import (missing, broken, hung), nothing is forked: the result says
so and the doctor starts each probe on its own, so their error messages are those of a fresh
interpreter. The warnings the preload gave are kept in the module ``idoctor_preload``
(attribute ``warnings``), where a forked probe finds what it would have caught importing it.
When every child is done and the result written, this process ends with ``os._exit``: torch's
own teardown at interpreter exit costs about 0.4 s, and nothing here needs it.
Standard library only; Python 3.8+; POSIX only (fork).
"""

import contextlib
import json
import os
import runpy
import select
import signal
import sys
import time
import traceback
import types
import warnings

MARKER = "@@icefall-doctor@@ "
MAX_OUTPUT = 1 << 20  # bytes kept of each probe's stdout and stderr


def main():
    request = json.loads(sys.stdin.read() or "{}")
    try:
        preload(request.get("preload") or "torch")
    except BaseException as exc:
        emit({"preloaded": False, "error": "%s: %s" % (type(exc).__name__, exc)})
        return
    sys.stdout.flush()
    sys.stderr.flush()
    children = []
    for probe in request.get("probes") or []:
        children.append(start(probe, [fd for c in children for fd in c["fds"]]))
    emit({"preloaded": True, "results": collect(children)})
    sys.stderr.flush()
    os._exit(0)


def preload(name):
    record = types.ModuleType("idoctor_preload")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        __import__(name)
    record.warnings = list(caught)
    sys.modules[record.__name__] = record


def start(probe, parents_fds):
    stdin_r, stdin_w = os.pipe()
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: becomes the probe script, holding only its own pipe ends
        for fd in (stdin_w, out_r, err_r, *parents_fds):
            os.close(fd)
        run_child(probe["script"], stdin_r, out_w, err_w)
    for fd in (stdin_r, out_w, err_w):
        os.close(fd)
    with contextlib.suppress(OSError):  # a child that exits without reading its input
        os.write(stdin_w, json.dumps(probe.get("payload") or {}).encode())
    os.close(stdin_w)
    return {
        "name": probe["name"],
        "pid": pid,
        "fds": {out_r: "out", err_r: "err"},
        "out": b"",
        "err": b"",
        "start": time.monotonic(),
        "deadline": time.monotonic() + float(probe.get("timeout") or 60),
    }


def run_child(script, stdin_r, out_w, err_w):
    code = 1
    try:
        os.setpgid(0, 0)
        for fd, target in ((stdin_r, 0), (out_w, 1), (err_w, 2)):
            os.dup2(fd, target)
        text = {"encoding": "utf-8", "errors": "backslashreplace"}
        sys.stdin = os.fdopen(0, "r", encoding="utf-8", errors="replace")
        sys.stdout = os.fdopen(1, "w", **text)
        sys.stderr = os.fdopen(2, "w", buffering=1, **text)  # line-buffered, as Python's own
        sys.argv = [script]
        runpy.run_path(script, run_name="__main__")
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)


def collect(children):
    open_fds = {fd: child for child in children for fd in child["fds"]}
    while open_fds:
        expire(children, open_fds)
        if open_fds:
            read_ready(open_fds)
    return [finish(child) for child in children]


def expire(children, open_fds):
    """Kill a probe past its timeout; 2 s later stop waiting for its pipes (a grandchild that
    left its process group may still hold them)."""
    now = time.monotonic()
    for child in children:
        if not any(fd in open_fds for fd in child["fds"]):  # done: its output is all read
            continue
        if now >= child["deadline"] and not child.get("timed_out"):
            child["timed_out"] = True
            kill(child["pid"])
        elif now >= child["deadline"] + 2:
            for fd in child["fds"]:
                if open_fds.pop(fd, None) is not None:
                    os.close(fd)


def read_ready(open_fds):
    wait = min(c["deadline"] for c in open_fds.values()) - time.monotonic()
    ready, _, _ = select.select(list(open_fds), [], [], min(max(wait, 0.05), 1.0))
    for fd in ready:
        child = open_fds[fd]
        chunk = os.read(fd, 65536)
        if not chunk:
            os.close(fd)
            del open_fds[fd]
            child["end"] = time.monotonic()
            continue
        key = child["fds"][fd]
        if len(child[key]) < MAX_OUTPUT:
            child[key] += chunk


def finish(child):
    _, status = os.waitpid(child["pid"], 0)
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -os.WTERMSIG(status)
    return {
        "name": child["name"],
        "code": None if child.get("timed_out") else code,
        "out": child["out"].decode("utf-8", "replace"),
        "err": child["err"].decode("utf-8", "replace"),
        "seconds": child.get("end", time.monotonic()) - child["start"],
    }


def kill(pid):
    for target in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
        try:
            target()
            return
        except OSError:
            continue


def emit(result):
    sys.stdout.write("\n" + MARKER + json.dumps(result) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
