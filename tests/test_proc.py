"""doctor.proc with real processes: the kill policy reaches the whole tree (a grandchild that
called setsid, children that ignore signals), and SIGINT or SIGTERM to the tool ends `check`,
`fix --apply` and `explain --run` with exit 130/143 and no process of its tree left alive.

How long the tool takes to exit is measured by benchmarks/interrupt_exit.py; these tests give it
a generous limit only so that a hang fails instead of waiting for the children's 600 s sleeps."""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest

from doctor import proc, shell
from tests.helpers import REPO, VenvFactory
from tests.recipe_tree import tacotron_tree

EXIT_LIMIT = 20.0  # far above the 3 s target, far below the children's sleeps

# A process that ignores SIGINT and SIGTERM, starts a grandchild that leaves the session with
# setsid and ignores them too; both write their pid into PIDS, then sleep.
STUBBORN = textwrap.dedent(
    """
    import os, signal, subprocess, sys, time
    PIDS = os.environ["IDOCTOR_TEST_PIDS"]
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_IGN)
    GRANDCHILD = (
        "import os, signal, sys, time\\n"
        "os.setsid()\\n"
        "for s in (signal.SIGINT, signal.SIGTERM): signal.signal(s, signal.SIG_IGN)\\n"
        "open(os.path.join(sys.argv[1], 'grandchild-%d' % os.getpid()), 'w').close()\\n"
        "time.sleep(600)\\n"
    )
    subprocess.Popen([sys.executable, "-c", GRANDCHILD, PIDS])
    open(os.path.join(PIDS, "child-%d" % os.getpid()), "w").close()
    print("ready", flush=True)
    time.sleep(600)
    """
)


def _alive(p: psutil.Process) -> bool:
    try:
        return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def _wait_for(cond: Callable[[], bool], what: str, limit: float = 120.0) -> None:
    end = time.monotonic() + limit
    while not cond():
        assert time.monotonic() < end, f"timed out waiting for {what}"
        time.sleep(0.05)


class Recorder:
    """Every process seen in a tree or named by a pid file; all killed at teardown."""

    def __init__(self, pids_dir: Path) -> None:
        self.pids_dir = pids_dir
        self.seen: dict[int, psutil.Process] = {}

    def record(self, root: int | None = None) -> None:
        with contextlib.suppress(psutil.Error):
            if root is not None:
                top = psutil.Process(root)
                for p in [top, *top.children(recursive=True)]:
                    self.seen.setdefault(p.pid, p)
        for f in self.pids_dir.iterdir():
            pid = int(f.name.rsplit("-", 1)[1])
            with contextlib.suppress(psutil.Error):
                self.seen.setdefault(pid, psutil.Process(pid))

    def grandchildren(self) -> list[Path]:
        return list(self.pids_dir.glob("grandchild-*"))

    def alive(self) -> list[str]:
        return [f"{p.pid} {p.cmdline()}" for p in self.seen.values() if _alive(p)]

    def kill_all(self) -> None:
        for p in self.seen.values():
            with contextlib.suppress(psutil.Error):
                p.kill()


@pytest.fixture
def recorder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorder]:
    pids = tmp_path / "pids"
    pids.mkdir()
    monkeypatch.setenv("IDOCTOR_TEST_PIDS", str(pids))
    rec = Recorder(pids)
    yield rec
    rec.kill_all()


def _start_cli(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    full = dict(os.environ)
    full.update(env or {})
    full["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), full.get("PYTHONPATH", "")]))
    full["COLUMNS"] = "200"
    out = open(tmp_path / "stdout.txt", "wb")  # noqa: SIM115 - closed by the child's exit
    err = open(tmp_path / "stderr.txt", "wb")  # noqa: SIM115
    return subprocess.Popen(
        [sys.executable, "-m", "doctor", *args], stdout=out, stderr=err, env=full, cwd=tmp_path
    )


def _stop_and_check(
    tool: subprocess.Popen[bytes], sig: signal.Signals, rec: Recorder, tmp_path: Path
) -> None:
    rec.record(tool.pid)
    assert len(rec.seen) >= 2, rec.seen  # the tool and its children
    tool.send_signal(sig)
    try:
        code = tool.wait(timeout=EXIT_LIMIT)
    except subprocess.TimeoutExpired:
        tool.kill()
        pytest.fail("the tool did not exit after " + sig.name)
    shown = (tmp_path / "stdout.txt").read_text(errors="replace")
    shown += (tmp_path / "stderr.txt").read_text(errors="replace")
    assert code == 128 + sig, shown
    assert "interrupted" in shown.lower()  # the user is told, not left with a silent exit
    rec.record(tool.pid)  # grandchildren that wrote their pid file late
    assert rec.alive() == []


SIGNALS = [signal.SIGINT, signal.SIGTERM]


@pytest.mark.parametrize("sig", SIGNALS, ids=lambda s: s.name)
def test_check_with_an_import_that_hangs_ends_everything(
    tmp_path: Path, recorder: Recorder, sig: signal.Signals
) -> None:
    fake = tmp_path / "fakepkgs"
    (fake / "torch").mkdir(parents=True)
    (fake / "torch" / "__init__.py").write_text(STUBBORN)
    tool = _start_cli(tmp_path, "check", "--python", sys.executable, env={"PYTHONPATH": str(fake)})
    _wait_for(lambda: bool(recorder.grandchildren()), "the torch import to hang")
    _stop_and_check(tool, sig, recorder, tmp_path)


@pytest.mark.parametrize("sig", SIGNALS, ids=lambda s: s.name)
def test_explain_run_ends_a_child_ignoring_signals_and_its_setsid_grandchild(
    tmp_path: Path, recorder: Recorder, sig: signal.Signals
) -> None:
    script = tmp_path / "stubborn.py"
    script.write_text(STUBBORN)
    command = shlex.join([sys.executable, str(script)])
    tool = _start_cli(tmp_path, "explain", "--no-probe", "--run", command)
    _wait_for(lambda: bool(recorder.grandchildren()), "the command's grandchild")
    _stop_and_check(tool, sig, recorder, tmp_path)
    assert "ready" in (tmp_path / "stdout.txt").read_text()


@contextlib.contextmanager
def silent_server() -> Iterator[tuple[str, threading.Event]]:
    """A server on 127.0.0.1 that accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    hit = threading.Event()
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            held.append(conn)
            hit.set()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/simple", hit
    finally:
        sock.close()
        for conn in held:
            conn.close()


@pytest.mark.venv
@pytest.mark.parametrize("sig", SIGNALS, ids=lambda s: s.name)
def test_fix_apply_with_pip_hanging_on_the_network_ends_everything(
    tmp_path: Path, recorder: Recorder, venvs: VenvFactory, sig: signal.Signals
) -> None:
    python = venvs.get("hanging-pip", [])
    tacotron_tree(tmp_path / "ice")
    with silent_server() as (index, hit):
        index = index.replace("http://", "http://alice:idxSECRET-31@")  # never printed
        env = {"PIP_INDEX_URL": index, "PIP_DEFAULT_TIMEOUT": "600", "PIP_RETRIES": "0"}
        env["HF_TOKEN"] = "hf_tokSECRET-32-value"
        args = ["fix", "--apply", "--yes", "--python", str(python), "--only", "recipe.imports"]
        args += ["--icefall", str(tmp_path / "ice"), "--recipe", "baker_zh/matcha"]
        tool = _start_cli(tmp_path, *args, env=env)
        _wait_for(hit.is_set, "pip to connect to the silent index")
        _stop_and_check(tool, sig, recorder, tmp_path)
    shown = (tmp_path / "stdout.txt").read_text() + (tmp_path / "stderr.txt").read_text()
    assert "pip install" in shown and "http://***@127.0.0.1" in shown
    assert "SECRET" not in shown


def test_a_second_signal_kills_at_once(tmp_path: Path, recorder: Recorder) -> None:
    script = tmp_path / "stubborn.py"
    script.write_text(STUBBORN)
    tool = _start_cli(
        tmp_path, "explain", "--no-probe", "--run", shlex.join([sys.executable, str(script)])
    )
    _wait_for(lambda: bool(recorder.grandchildren()), "the command's grandchild")
    recorder.record(tool.pid)
    tool.send_signal(signal.SIGINT)
    time.sleep(0.1)  # inside the first SIGINT's patience, which the stubborn child ignores
    tool.send_signal(signal.SIGINT)
    try:
        assert tool.wait(timeout=EXIT_LIMIT) == 130
    finally:
        tool.kill()
    recorder.record(tool.pid)
    assert recorder.alive() == []


# --- the module in this process: timeouts, leftovers, the policy's order ----------------


def test_streaming_timeout_ends_the_tree_and_keeps_the_output(
    tmp_path: Path, recorder: Recorder
) -> None:
    script = tmp_path / "stubborn.py"
    script.write_text(STUBBORN)
    lines: list[str] = []
    out = shell.run_argv(
        [sys.executable, str(script)], env=None, cwd=None, on_line=lines.append, timeout=3
    )
    assert out.timed_out and not out.ok
    assert out.returncode == -signal.SIGKILL  # it ignored SIGINT and SIGTERM
    assert lines == ["ready"] and out.tail == "ready"
    recorder.record()
    assert len(recorder.grandchildren()) == 1 and len(recorder.seen) >= 1
    assert recorder.alive() == []
    assert proc.live_pids() == []


def test_leftovers_of_a_finished_command_are_ended(tmp_path: Path) -> None:
    marker = tmp_path / "bg.pid"
    lines: list[str] = []
    out = shell.run_command(
        f"sleep 600 & echo $! > {shlex.quote(str(marker))}; echo done",
        env=dict(os.environ),
        cwd=None,
        on_line=lines.append,
    )
    assert out.ok and lines == ["done"]
    background = int(marker.read_text())
    _wait_for(
        lambda: not psutil.pid_exists(background) or not _alive(psutil.Process(background)),
        "the background job to end",
        10,
    )


def test_capture_timeout_reaches_a_grandchild_that_left_the_session(
    tmp_path: Path, recorder: Recorder
) -> None:
    done = proc.run_capture(
        [sys.executable, "-c", STUBBORN], data=b"", timeout=3, env=None, cwd=None
    )
    assert done.timed_out
    assert b"ready" in done.out
    recorder.record()
    assert len(recorder.grandchildren()) == 1 and len(recorder.seen) >= 1
    assert recorder.alive() == []


def test_policy_sends_sigint_first(tmp_path: Path) -> None:
    code = "import time\ntry:\n    print('up', flush=True)\n    time.sleep(600)\n"
    code += "except KeyboardInterrupt:\n    print('int')\n"
    child = proc.spawn([sys.executable, "-c", code])
    assert child.stdout is not None and child.stdout.readline() == b"up\n"
    proc.stop(child)
    assert proc.finish(child) == 0
    assert child.stdout.read() == b"int\n"


def test_a_program_that_cannot_start_ends_with_127_and_says_why(tmp_path: Path) -> None:
    lines: list[str] = []
    out = shell.run_argv([str(tmp_path / "nope")], env=None, cwd=None, on_line=lines.append)
    assert out.returncode == 127 and not out.ok
    assert lines == [out.tail] and "No such file" in out.tail
    with pytest.raises(OSError):
        proc.run_capture([str(tmp_path / "nope")], data=b"", timeout=5)  # a probe: "missing"
    assert proc.live_pids() == []


@pytest.mark.parametrize("sig", SIGNALS, ids=lambda s: s.name)
def test_an_orphan_whose_parent_already_exited_is_ended_too(
    tmp_path: Path, recorder: Recorder, sig: signal.Signals
) -> None:
    """The doctor is a child subreaper: a setsid'd grandchild whose parent exited is adopted
    by the doctor, not by init, so the interrupt still reaches it."""
    pidfile = tmp_path / "orphan.pid"
    inner = f"setsid sleep 600 & echo $! > {shlex.quote(str(pidfile))}.tmp"
    command = f"sh -c {shlex.quote(inner)}; mv {shlex.quote(str(pidfile))}.tmp "
    command += f"{shlex.quote(str(pidfile))}; sleep 600"
    tool = _start_cli(tmp_path, "explain", "--no-probe", "--run", command)
    _wait_for(pidfile.exists, "the orphan")
    orphan = psutil.Process(int(pidfile.read_text()))
    recorder.seen[orphan.pid] = orphan
    _wait_for(lambda: orphan.ppid() == tool.pid, "the doctor to adopt the orphan", 10)
    _stop_and_check(tool, sig, recorder, tmp_path)


def test_sigterm_stops_a_recipe_run_like_ctrl_c_with_143(
    tmp_path: Path, recorder: Recorder
) -> None:
    """`run` prints what ran and how to go on, and exits 143, after SIGTERM as after Ctrl-C."""
    from tests.runner_fixtures import make_icefall

    recipe = make_icefall(tmp_path / "ice")
    exp = recipe / "matcha" / "exp"
    args = ["run", "fake/matcha", "--icefall", str(tmp_path / "ice"), "--python", sys.executable]
    tool = _start_cli(tmp_path, *args, "--force", "--steps", "train", env={"FAKE_TRAIN": "hang"})
    _wait_for((exp / "grandchild.pid").exists, "the fake train.py")
    recorder.seen.update(
        (p.pid, p)
        for p in (
            psutil.Process(int((exp / n).read_text())) for n in ("train.pid", "grandchild.pid")
        )
    )
    _stop_and_check(tool, signal.SIGTERM, recorder, tmp_path)
    out = (tmp_path / "stdout.txt").read_text()
    assert "Interrupted during train" in out
    assert "To go on: icefall-doctor run fake/matcha --steps train" in out


def test_the_watchdog_exits_when_unwinding_hangs(tmp_path: Path, recorder: Recorder) -> None:
    """After the signal the children are ended at once; if the tool's own unwinding then hangs,
    the watchdog still ends the process with 128+signal."""
    stubborn = tmp_path / "stubborn.py"
    stubborn.write_text(STUBBORN)
    script = tmp_path / "tool.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import sys, time
            from doctor import proc
            proc.install_signal_handlers()
            proc.spawn([sys.executable, {str(stubborn)!r}], stdout=None, stderr=None)
            try:
                time.sleep(600)
            except KeyboardInterrupt:
                time.sleep(600)  # an unwinding that never ends
            """
        )
    )
    env = dict(os.environ, PYTHONPATH=str(REPO))
    tool = subprocess.Popen([sys.executable, str(script)], env=env)
    _wait_for(lambda: bool(recorder.grandchildren()), "the child's grandchild")
    recorder.record(tool.pid)
    tool.send_signal(signal.SIGTERM)
    try:
        assert tool.wait(timeout=EXIT_LIMIT) == 143
    finally:
        tool.kill()  # nothing to do once it exited; ends it when the watchdog failed
    recorder.record()
    assert recorder.alive() == []


def test_run_capture_stops_a_hung_child_once_cancel_is_set() -> None:
    """A probe whose interpreter is known to hang is stopped then, not at its own timeout."""
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    done = proc.run_capture(
        [sys.executable, "-c", "import time; time.sleep(60)"], data=b"", timeout=50, cancel=cancel
    )
    assert done.timed_out and proc.live_pids() == []


def test_run_capture_keeps_the_input_flowing_across_cancel_checks() -> None:
    """With a cancel event that is never set, input larger than a pipe's buffer, read slowly,
    arrives whole."""
    data = b"x" * (1 << 20)
    code = "import sys,time; time.sleep(0.5); print(len(sys.stdin.buffer.read()))"
    done = proc.run_capture(
        [sys.executable, "-c", code], data=data, timeout=50, cancel=threading.Event()
    )
    assert done.returncode == 0 and done.out.strip() == str(len(data)).encode()


def test_a_child_that_ended_in_time_is_no_timeout_when_read_late(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The doctor's thread may see the deadline pass after the child ended (another thread held
    the interpreter, e.g. parsing a huge file): the child's real result counts."""
    real = subprocess.Popen.communicate
    calls = []

    def late(self: subprocess.Popen[bytes], *args: Any, **kw: Any) -> tuple[bytes, bytes]:
        calls.append(1)
        if len(calls) == 1:
            self.wait()  # the child ends in time, this thread wakes after the deadline
            raise subprocess.TimeoutExpired(self.args, 1.0)
        return real(self, *args, **kw)

    monkeypatch.setattr(subprocess.Popen, "communicate", late)
    done = proc.run_capture([sys.executable, "-c", "print('answer')"], data=b"", timeout=1)
    assert done.returncode == 0 and done.out.strip() == b"answer"
