"""explain over one small log per entry of each knowledge table of doctor/explain/classes.toml
(a library that does not load, with and without the package loading it; a command or console
script not found; an OS error; an undefined C++ symbol; a removed stdlib module or numpy name; a
module named like another package; a namespace package; a recipe-local module; an error raised
inside a package; an object's missing attribute), so a change to how any entry is looked up or
shown is a diff. One snapshot file per table; the logs are built here from the table's keys.
Rewrite with UPDATE_SNAPSHOTS=1 after a deliberate change, then read the diff."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from doctor.datafiles import read_toml
from tests.golden import matches
from tests.helpers import run_cli_here

TABLES = read_toml("doctor.explain", "classes.toml")
SITE = "/env/lib/python3.10/site-packages"
PLAIN = {"COLUMNS": "100", "NO_COLOR": "1", "FORCE_COLOR": ""}


def _frame(package: str) -> str:
    return f'  File "{SITE}/{package}/__init__.py", line 7, in <module>\n'


def _head() -> str:
    return 'Traceback (most recent call last):\n  File "./matcha/train.py", line 3, in <module>\n'


def _soname() -> Iterator[tuple[str, str]]:
    for entry in TABLES["soname"]:
        prefix = entry["prefix"]
        lib = (
            prefix if ".so" in prefix else prefix + ("core" if prefix[-1] in "_-" else "") + ".so.1"
        )
        line = f"OSError: {lib}: cannot open shared object file: No such file or directory\n"
        yield prefix, line
        for loader in sorted(entry.get("by") or {}):
            yield (
                f"{prefix} loaded by {loader}",
                _head() + _frame(loader) + "    from . import _C\n" + line,
            )


def _commands() -> Iterator[tuple[str, str]]:
    for entry in TABLES["command"]:
        yield entry["name"], f"./prepare.sh: line 9: {entry['name']}: command not found\n"
    for entry in TABLES["console_script"]:
        yield entry["names"][0], f"bash: {entry['names'][0]}: command not found\n"


def _errno() -> Iterator[tuple[str, str]]:
    for entry in TABLES["errno"]:
        for text in entry["text"][:2]:
            yield f"{entry['name']}: {text}", f"OSError: {text}: '/data/exp/epoch-3.pt'\n"


def _symbols() -> Iterator[tuple[str, str]]:
    for entry in TABLES["symbol"]:
        names = [f"_ZN{len(ns)}{ns}3fooEv" for ns in entry["namespace"][:1]]
        names += [f"{prefix}Foo" for prefix in entry.get("prefixes", [])[:2]]  # C names
        for symbol in names:
            yield symbol, f"ImportError: /opt/lib/libbar.so: undefined symbol: {symbol}\n"


def _modules() -> Iterator[tuple[str, str]]:
    for name in TABLES["removed_stdlib"]:
        yield f"stdlib {name}", _head() + f"ModuleNotFoundError: No module named '{name}'\n"
    for name in TABLES["namespace_packages"]["names"]:
        yield f"namespace {name}", _head() + f"ModuleNotFoundError: No module named '{name}.sub'\n"
    for name in TABLES["local_modules"]["names"]:
        yield f"local {name}", _head() + f"ModuleNotFoundError: No module named '{name}'\n"
    for name in TABLES["recipe_folders"]["names"]:
        yield f"recipe folder {name}", _head() + f"ModuleNotFoundError: No module named '{name}'\n"


def _attributes() -> Iterator[tuple[str, str]]:
    for module, names in TABLES["removed_api"].items():
        for name in sorted(names):
            line = f"AttributeError: module '{module}' has no attribute '{name}'\n"
            yield f"{module}.{name}", _head() + line
    for module in sorted(TABLES["name_clashes"]):
        line = f"AttributeError: module '{module}' has no attribute 'load'\n"
        yield f"clash {module}", _head() + _frame("matcha") + line
    for obj in sorted(TABLES["generic"]["object_types"]):
        yield f"object {obj}", _head() + f"AttributeError: '{obj}' object has no attribute 'foo'\n"


def _raised_in() -> Iterator[tuple[str, str]]:
    for entry in TABLES["raised_in"]:
        where = [f"{p}/" for p in entry["packages"]] or entry["paths"]
        package = where[0].strip("/")
        frame = f'  File "{SITE}/{package}/core.py", line 80, in run\n'
        exc = entry.get("types", ["ValueError"])[0]  # an entry for some exceptions only
        yield entry["key"], _head() + frame + f"{exc}: something this package rejects\n"


TABLE_LOGS: dict[str, Callable[[], Iterator[tuple[str, str]]]] = {
    "soname": _soname,
    "commands": _commands,
    "errno": _errno,
    "symbols": _symbols,
    "modules": _modules,
    "attributes": _attributes,
    "raised-in": _raised_in,
}


@pytest.mark.parametrize("table", sorted(TABLE_LOGS))
def test_explain_over_one_log_per_table_entry(tmp_path: Path, table: str) -> None:
    out = ""
    log = tmp_path / "train.log"
    for name, text in TABLE_LOGS[table]():
        log.write_text(text, encoding="utf-8")
        args = ("explain", str(log), "--no-probe", "--python", "python3")
        proc = run_cli_here(*args, env=PLAIN)
        assert proc.stderr == "", proc.stderr
        out += f"=== {name}  (exit {proc.returncode})\n{text}---\n{proc.stdout}\n"
    matches(f"explain-tables/{table}.txt", out.replace(str(tmp_path), "<tmp>"))


def test_every_table_gives_logs() -> None:
    counts: dict[str, Any] = {t: sum(1 for _ in make()) for t, make in TABLE_LOGS.items()}
    assert all(counts.values()), counts
