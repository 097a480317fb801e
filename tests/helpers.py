"""Test helpers importable from any test module."""

from __future__ import annotations

import contextlib
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import threading
import venv
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

import pytest

REPO = Path(__file__).resolve().parent.parent
# benchmarks/mutation.sh sets this: run_cli then calls the CLI's main() in the test's own process,
# so that the mutation tool sees which test reaches which function (it cannot follow a subprocess).
IN_PROCESS = os.environ.get("IDOCTOR_TESTS_IN_PROCESS") == "1"


def unavailable(reason: str) -> NoReturn:
    """Something a test needs from outside could not be had (a package index that does not
    answer): skipped on a developer's machine, a failure in CI (CI=true), so an unreachable
    index can never turn the run green without the tests."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)


class VenvFactory:
    """Real virtual environments, built once per test run and reused by every test."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._built: dict[str, Path] = {}

    def get(self, name: str, packages: Sequence[str], *, with_pip: bool = True) -> Path:
        if name in self._built:
            return self._built[name]
        where = self.root / name
        venv.EnvBuilder(with_pip=with_pip or bool(packages), symlinks=True).create(where)
        python = where / "bin" / "python3"
        if packages:
            proc = subprocess.run(
                [str(python), "-m", "pip", "install", "-q", *packages],
                capture_output=True,
                text=True,
                timeout=900,
            )
            if proc.returncode != 0:
                unavailable(f"cannot install {packages} into a venv: {proc.stderr[-500:]}")
        self._built[name] = python
        return python


def _user_env(env: dict[str, str] | None) -> dict[str, str]:
    """The environment a test's command runs with: this checkout's code first on PYTHONPATH
    (so a worktree tests its own code), a wide terminal unless the test sets COLUMNS."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    full_env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO), *filter(None, [(env or {}).get("PYTHONPATH", "")])]
    )
    full_env.setdefault("COLUMNS", "200")
    return full_env


def run_cli(
    *args: str,
    env: dict[str, str] | None = None,
    cwd: str | Path | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run `python -m doctor ARGS` as a user would, in a real subprocess."""
    if IN_PROCESS:
        return _run_in_process(list(args), _user_env(env), cwd)
    return subprocess.run(
        [sys.executable, "-m", "doctor", *args],
        capture_output=True,
        text=True,
        env=_user_env(env),
        cwd=cwd,
        timeout=timeout,
    )


def run_cli_here(
    *args: str, env: dict[str, str] | None = None, cwd: str | Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m doctor ARGS` as run_cli runs it, but always in this process: for the snapshot
    tables, which run the CLI hundreds of times (`--from` and explain's logs touch no process
    state a subprocess would hide)."""
    return _run_in_process(list(args), _user_env(env), cwd)


def _run_in_process(
    args: list[str], env: dict[str, str], cwd: str | Path | None
) -> subprocess.CompletedProcess[str]:
    """`python -m doctor ARGS` as run_cli runs it, but in this process (mutation testing only)."""
    from doctor import cli

    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    out, err = io.StringIO(), io.StringIO()
    os.environ.clear()
    os.environ.update(env)
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(args)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    argv = [sys.executable, "-m", "doctor", *args]
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())


def console_script() -> Path:
    """The installed `icefall-doctor` console script of this interpreter (pip install -e .).
    Missing is a failure, not a skip: the console script is part of the project."""
    exe = Path(sysconfig.get_path("scripts")) / "icefall-doctor"
    assert exe.is_file(), f"{exe} is missing: run python3 -m pip install -e '.[test]'"
    return exe


def run_script(
    *args: str,
    env: dict[str, str] | None = None,
    cwd: str | Path | None = None,
    timeout: float = 120,
    stdin: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the installed console script as a user would."""
    if IN_PROCESS and stdin is None:
        return _run_in_process(list(args), _user_env(env), cwd)
    return subprocess.run(
        [str(console_script()), *args],
        capture_output=True,
        text=True,
        env=_user_env(env),
        cwd=cwd,
        timeout=timeout,
        stdin=stdin,
    )


def run_json(*args: str, **kw: Any) -> tuple[int, dict[str, Any]]:
    proc = run_cli(*args, "--json", **kw)
    assert proc.stdout.strip(), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def findings_by_check(report: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for f in report["findings"]:
        out.setdefault(f["check"], []).append(f)
    return out


@contextlib.contextmanager
def serve_directory(root: Path) -> Iterator[tuple[str, list[str]]]:
    """Serve ``root`` over HTTP on 127.0.0.1 (a stand-in for a remote site): yields the base URL
    and the list of paths requested so far."""
    hits: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a: Any, **kw: Any) -> None:
            super().__init__(*a, directory=str(root), **kw)

        def log_message(self, fmt: str, *args: object) -> None:
            hits.append(self.path)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()


def source_copy(dest: Path) -> Path:
    """The project's files a wheel is built from, copied to ``dest`` (no build/ left in the
    checkout); returns ``dest``."""
    dest.mkdir(parents=True)
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(REPO / name, dest / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "doctor", dest / "doctor", ignore=ignore)
    shutil.copytree(REPO / "recipes", dest / "recipes", ignore=ignore)
    return dest


def icefall_checkout(root: Path) -> Path:
    """The smallest folder the icefall probe takes for a checkout: icefall/ and egs/."""
    (root / "icefall").mkdir(parents=True)
    (root / "icefall" / "__init__.py").write_text("", encoding="utf-8")
    (root / "egs").mkdir()
    return root
