"""The probe spawner turns every way a probe can break into a result, never an exception."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from doctor.errors import DoctorError
from doctor.facts import ProbeResult
from doctor.probes import spawn


def _probe(
    tmp_path: Path, body: str, monkeypatch: pytest.MonkeyPatch, timeout: float = 10
) -> spawn.ProbeRun:
    scripts = tmp_path / "scripts"
    scripts.mkdir(exist_ok=True)
    (scripts / "p.py").write_text(body)
    monkeypatch.setattr(spawn, "SCRIPTS", scripts)
    return spawn.ProbeRun("p", "p.py", sys.executable, {"x": 1}, timeout)


def test_ok_probe_reads_input_and_returns_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = _probe(
        tmp_path,
        "import json,sys\nd=json.load(sys.stdin)\nprint('noise')\n"
        f"print({spawn.MARKER!r} + json.dumps({{'got': d['x']}}))\n",
        monkeypatch,
    )
    result = spawn.run_one(run)
    assert result.status == "ok"
    assert result.data == {"got": 1}


@pytest.mark.parametrize(
    ("body", "expect_in_stderr"),
    [
        (
            "raise ImportError('libtorch_cuda.so: cannot open shared object file')\n",
            "cannot open shared",
        ),
        ("import os\nos.abort()\n", ""),
        ("print('<html>garbage</html>')\n", "no JSON result"),
        (f"print({spawn.MARKER!r} + '{{not json')\n", "no JSON result"),
    ],
)
def test_broken_probe_is_crashed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, expect_in_stderr: str
) -> None:
    result = spawn.run_one(_probe(tmp_path, body, monkeypatch))
    assert result.status == "crashed"
    assert expect_in_stderr in result.stderr_tail


def test_abort_reports_the_signal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = spawn.run_one(_probe(tmp_path, "import os\nos.abort()\n", monkeypatch))
    assert result.returncode == -6


def test_hanging_probe_times_out_and_its_children_die(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pidfile = tmp_path / "child.pid"
    body = (
        "import subprocess,sys,time\n"
        "c=subprocess.Popen([sys.executable,'-c','import time; time.sleep(60)'])\n"
        f"open({str(pidfile)!r},'w').write(str(c.pid))\n"
        "time.sleep(60)\n"
    )
    start = time.monotonic()
    result = spawn.run_one(_probe(tmp_path, body, monkeypatch, timeout=2))
    assert result.status == "timeout"
    assert time.monotonic() - start < 30
    pid = int(pidfile.read_text())
    for _ in range(50):
        if not Path(f"/proc/{pid}").exists() or "Z" in _state(pid):
            break
        time.sleep(0.1)
    assert not Path(f"/proc/{pid}").exists() or "Z" in _state(pid)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[1].split()[0]
    except OSError:
        return "Z"


def test_missing_interpreter_is_missing(tmp_path: Path) -> None:
    run = spawn.ProbeRun("p", "idoctor_python.py", str(tmp_path / "nope" / "python3"), {}, 5)
    result = spawn.run_one(run)
    assert result.status == "missing"
    assert "No such file" in result.stderr_tail or "FileNotFoundError" in result.stderr_tail


def test_probes_run_concurrently(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    (scripts / "slow.py").write_text(
        f"import time,json\ntime.sleep(1.0)\nprint({spawn.MARKER!r} + json.dumps({{}}))\n"
    )
    monkeypatch.setattr(spawn, "SCRIPTS", scripts)
    runs = [spawn.ProbeRun(f"s{i}", "slow.py", sys.executable, {}, 20) for i in range(4)]
    start = time.monotonic()
    results = spawn.run_all(runs)
    elapsed = time.monotonic() - start
    assert all(r.ok for r in results.values())
    assert elapsed < 3.5  # four 1-second probes in sequence would take 4 s or more


def test_probe_timeout_override_applies_to_every_probe() -> None:
    from doctor.probes.registry import PROBES, timeout_for

    env = {"ICEFALL_DOCTOR_PROBE_TIMEOUT": "3"}
    assert {timeout_for(p, env) for p in PROBES.values()} == {3.0}
    assert timeout_for(PROBES["torch"], {}) == PROBES["torch"].timeout
    assert timeout_for(PROBES["torch"], {"ICEFALL_DOCTOR_PROBE_TIMEOUT": " "}) == 90.0
    with pytest.raises(DoctorError, match="ICEFALL_DOCTOR_PROBE_TIMEOUT=soon"):
        timeout_for(PROBES["torch"], {"ICEFALL_DOCTOR_PROBE_TIMEOUT": "soon"})


def test_a_probe_whose_input_cannot_be_prepared_is_crashed_not_fatal() -> None:
    def broken_input() -> dict[str, object]:
        raise ValueError("recipe file unreadable")

    run = spawn.ProbeRun("p", "idoctor_python.py", sys.executable, broken_input, 5)
    result = spawn.run_one(run)
    assert result.status == "crashed"
    assert "could not prepare this probe's input: ValueError: recipe file unreadable" in (
        result.stderr_tail
    )


def test_in_process_probe_results_crashes_and_hangs() -> None:
    def ok(payload: object) -> dict[str, object]:
        return {"echo": payload}

    def boom(payload: object) -> dict[str, object]:
        raise RuntimeError("wheel page parser broke")

    def hang(payload: object) -> dict[str, object]:
        time.sleep(30)
        return {}

    def run(fn: object, timeout: float = 5) -> ProbeResult:
        return spawn.run_one(spawn.ProbeRun("p", "", "", {"x": 1}, timeout, inproc=fn))  # type: ignore[arg-type]

    assert run(ok).data == {"echo": {"x": 1}}
    crashed = run(boom)
    assert (
        crashed.status == "crashed"
        and "RuntimeError: wheel page parser broke" in crashed.stderr_tail
    )
    start = time.monotonic()
    assert run(hang, timeout=1).status == "timeout"
    assert time.monotonic() - start < 10


def test_a_hanging_interpreter_costs_the_python_probes_timeout_not_the_longest(
    tmp_path: Path,
) -> None:
    """A target that never answers (a wrapper script that hangs, a sitecustomize that waits):
    when the quick python probe times out, the others in that interpreter stop too, the torch
    group's shared interpreter included, instead of each waiting for its own 60-90 s."""
    hang = tmp_path / "python3"
    hang.write_text("#!/bin/sh\nsleep 120\n")
    hang.chmod(0o755)
    runs = [
        spawn.ProbeRun("python", "idoctor_python.py", str(hang), {}, 1.0),
        spawn.ProbeRun("torch", "idoctor_torch.py", str(hang), {}, 60),
        spawn.ProbeRun("k2", "idoctor_k2.py", str(hang), {}, 60),
        spawn.ProbeRun("modules", "idoctor_modules.py", str(hang), {}, 60),
    ]
    results = spawn.run_all(runs)
    assert {r.status for r in results.values()} == {"timeout"}
    assert all(r.seconds < 30 for r in results.values()), {
        r.name: r.seconds for r in results.values()
    }


def test_other_interpreters_are_not_stopped_with_a_hanging_target(tmp_path: Path) -> None:
    hang = tmp_path / "python3"
    hang.write_text("#!/bin/sh\nsleep 120\n")
    hang.chmod(0o755)
    runs = [
        spawn.ProbeRun("python", "idoctor_python.py", str(hang), {}, 1.0),
        spawn.ProbeRun("cuda", "idoctor_cuda.py", sys.executable, {}, 60),
    ]
    results = spawn.run_all(runs)
    assert results["python"].status == "timeout" and results["cuda"].ok
