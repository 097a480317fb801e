"""The error a user sees for a bad input, pinned: exit code and stderr (the one error line with
its parameters, and its hint) for a table of wrong invocations, missing or broken files and
unwritable targets. Rewrite with UPDATE_SNAPSHOTS=1 after a deliberate change, then read the
diff."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.golden import matches
from tests.helpers import run_cli_here


def _file(text: str) -> Callable[[Path], str]:
    def make(tmp: Path) -> str:
        path = tmp / "report.json"
        path.write_text(text, encoding="utf-8")
        return str(path)

    return make


def _missing(tmp: Path) -> str:
    return str(tmp / "missing" / "rc")


def _folder(tmp: Path) -> str:
    return str(tmp)


ERROR_LINES = ("icefall-doctor: error: ", "hint: ")
# (case id, arguments; a callable builds the file argument in the test's folder)
CASES: list[tuple[str, tuple[str | Callable[[Path], str], ...]]] = [
    ("check-from-missing", ("check", "--from", lambda tmp: str(tmp / "nope.json"))),
    ("check-from-not-json", ("check", "--from", _file("{"))),
    ("check-from-a-list", ("check", "--from", _file("[]"))),
    ("check-from-no-facts", ("check", "--from", _file('{"schema": 1}'))),
    ("check-from-newer-schema", ("check", "--from", _file('{"schema": 99, "facts": {}}'))),
    ("fix-from-missing", ("fix", "--from", lambda tmp: str(tmp / "nope.json"))),
    (
        "check-only-unknown",
        ("check", "--from", _file('{"schema": 1, "facts": {"probes": {}}}'), "--only", "no.such"),
    ),
    ("check-recipe-unknown", ("check", "--recipe", "no_such/recipe")),
    ("explain-no-input", ("explain",)),
    ("explain-file-and-run", ("explain", "log.txt", "--run", "true")),
    ("explain-missing-file", ("explain", lambda tmp: str(tmp / "nope.log"), "--no-probe")),
    ("env-script-write-missing-folder", ("env-script", "--write", "-y", "--file", _missing)),
    ("env-script-write-a-folder", ("env-script", "--write", "-y", "--file", _folder)),
    ("unknown-command", ("frobnicate",)),
]


@pytest.mark.parametrize(("case", "args"), CASES, ids=[c[0] for c in CASES])
def test_the_error_a_user_sees(
    tmp_path: Path, case: str, args: tuple[str | Callable[[Path], str], ...]
) -> None:
    argv = [a if isinstance(a, str) else a(tmp_path) for a in args]
    proc = run_cli_here(*argv, env={"COLUMNS": "100", "NO_COLOR": "1"}, cwd=tmp_path)
    assert proc.returncode != 0
    # the error line and its hint (env-script's notes before it depend on this machine)
    err = proc.stderr.replace(str(tmp_path), "<tmp>")
    err = "".join(line for line in err.splitlines(True) if line.startswith(ERROR_LINES))
    matches(
        f"errors/{case}.txt",
        f"$ icefall-doctor {argv[0] if argv else ''} ...  (exit {proc.returncode})\n{err}",
    )
