"""The probes that import torch, run together in one target interpreter that imports it once.

torch, k2, lhotse and icefall each import torch, which costs about a second of CPU; started as
four interpreters they import it four times, and on a small machine the check waits for all
four. Here one interpreter (``idoctor_forkserver.py``) imports torch and forks one child per
probe: each probe still runs alone (its own process, input, output, timeout) and a crash or a
hang takes only its own child. When torch does not import there, each probe is started on its
own as before, so that its errors are those of a fresh interpreter.
"""

from __future__ import annotations

import dataclasses
import json
import os
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from doctor import proc
from doctor.facts import ProbeResult
from doctor.probes import spawn

TORCH_SCRIPTS = frozenset(
    {"idoctor_torch.py", "idoctor_k2.py", "idoctor_lhotse.py", "idoctor_icefall.py"}
)
FORKSERVER = "idoctor_forkserver.py"
SLACK = 10.0  # seconds the fork server may take beyond the longest probe's own timeout

Alone = Callable[[spawn.ProbeRun], ProbeResult]


def group_of(runs: Sequence[spawn.ProbeRun]) -> list[spawn.ProbeRun]:
    """The runs that can share one interpreter: torch importers with the same interpreter,
    environment and directory, at least two of them, on a system that can fork."""
    if os.name != "posix":
        return []
    found = [r for r in runs if r.script in TORCH_SCRIPTS and r.inproc is None]
    if not found:
        return []
    key = (found[0].interpreter, found[0].env, found[0].cwd)
    same = [r for r in found if (r.interpreter, r.env, r.cwd) == key]
    return same if len(same) >= 2 else []


def run_group(runs: Sequence[spawn.ProbeRun], alone: Alone) -> list[ProbeResult]:
    """Every run's result: from the shared interpreter, or each run alone when torch does not
    import there (or a run's input could not be prepared)."""
    start = time.monotonic()
    payloads = _payloads(runs)
    # Inputs are prepared once: a run that falls back carries its input, not its recipe.
    ready = [dataclasses.replace(r, payload=payloads[r.name]) for r in runs if r.name in payloads]
    rest = [r for r in runs if r.name not in payloads]
    shared = _run_server(ready, payloads, start) if len(ready) >= 2 else None
    if shared is None:
        return _each_alone([*ready, *rest], alone)
    return shared + _each_alone(rest, alone)


def _payloads(runs: Sequence[spawn.ProbeRun]) -> dict[str, Mapping[str, Any]]:
    def one(run: spawn.ProbeRun) -> Mapping[str, Any] | None:
        try:
            return dict(run.payload() if callable(run.payload) else run.payload)
        except Exception:  # run alone, where the failure is reported as the probe's own
            return None

    with ThreadPoolExecutor(max_workers=len(runs)) as pool:
        found = dict(zip([r.name for r in runs], pool.map(one, runs)))
    return {name: p for name, p in found.items() if p is not None}


def _each_alone(runs: Sequence[spawn.ProbeRun], alone: Alone) -> list[ProbeResult]:
    if not runs:
        return []
    with ThreadPoolExecutor(max_workers=len(runs)) as pool:
        return list(pool.map(alone, runs))


def _run_server(
    runs: Sequence[spawn.ProbeRun], payloads: Mapping[str, Mapping[str, Any]], start: float
) -> list[ProbeResult] | None:
    first = runs[0]
    request = {
        "preload": "torch",
        "probes": [
            {"name": r.name, "script": str(spawn.SCRIPTS / r.script),
             "payload": payloads[r.name], "timeout": r.timeout}
            for r in runs
        ],
    }  # fmt: skip
    argv = [first.interpreter, str(spawn.SCRIPTS / FORKSERVER)]
    timeout = max(r.timeout for r in runs) + SLACK
    try:
        done = proc.run_capture(
            argv,
            data=json.dumps(request).encode(),
            timeout=timeout,
            env=first.env,
            cwd=first.cwd,
            cancel=first.cancel,
        )
    except OSError:
        return None
    if done.returncode is None:  # the import of torch itself hung: every probe would have too
        err = spawn.tail(done.err)
        return [spawn.result(r, "timeout", start, stderr=err, code=None) for r in runs]
    answer = spawn.find_payload(done.out)
    if not answer or answer.get("preloaded") is not True:
        return None
    return _results(runs, answer.get("results"))


def _results(runs: Sequence[spawn.ProbeRun], raw: Any) -> list[ProbeResult] | None:
    by_name = {r.get("name"): r for r in raw or [] if isinstance(r, dict)}
    if set(by_name) != {r.name for r in runs}:
        return None
    out = []
    for run in runs:
        child = by_name[run.name]
        began = time.monotonic() - float(child.get("seconds") or 0.0)
        out_b = str(child.get("out") or "").encode()
        err_b = str(child.get("err") or "").encode()
        code = child.get("code")
        if not isinstance(code, int):
            out.append(spawn.result(run, "timeout", began, stderr=spawn.tail(err_b), code=None))
        else:
            out.append(spawn.parse(run, began, code, out_b, err_b))
    return out
