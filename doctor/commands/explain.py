"""`icefall-doctor explain FILE | - | --run CMD`: say what went wrong in a failed log."""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import signal
import sys
import tempfile
from collections.abc import Sequence
from typing import TextIO

from doctor import context, engine, exitcodes
from doctor.commands.common import (
    add_json_option,
    add_lang_option,
    add_offline_option,
    add_python_option,
)
from doctor.console import echo_passthrough, make_console, write_json
from doctor.errors import DoctorError
from doctor.explain import diagnose_scan, interpreter, k2plan, rules, scan
from doctor.explain.model import Diagnosis
from doctor.explain.render import render_text, to_json
from doctor.facts import Facts
from doctor.messages import language, t
from doctor.msgtype import msg
from doctor.probes.registry import PROBES
from doctor.shell import run_command

# Categories whose fix is sharper with facts of this machine, and the probes giving them.
_SHARPEN = frozenset(
    {
        "k2_torch_mismatch",
        "k2_import_failure",
        "cuda_oom",
        "missing_module",
        "torch_torchaudio_mismatch",
        "torch_extension_mismatch",
        "cudnn_missing",
        "cuda_driver_too_old",
        "torch_cpu_build",
    }
)
_PROBES = ("python", "torch", "nvidia")
_PLAN_CHECK = "k2.plan"  # a k2 fix is that check's plan: explain collects the same facts
PROBE_TIMEOUT = 20.0


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="?", metavar="FILE", help="explain.opt.file")
    p.add_argument("--run", metavar="CMD", help="explain.opt.run")
    add_json_option(p)
    p.add_argument("--no-probe", action="store_true", help="explain.opt.no_probe")
    add_python_option(p)
    add_lang_option(p)
    add_offline_option(p)
    p.add_argument("--mirror", choices=["cn"], help="explain.opt.mirror")


def run(ns: argparse.Namespace) -> int:
    if bool(ns.file) == bool(ns.run):
        raise DoctorError(msg("explain.usage.one_input"), hint=msg("explain.usage.one_input.hint"))
    return explain(
        file=ns.file, command=ns.run, as_json=ns.json, probe=not ns.no_probe,
        python=ns.python, lang=language(ns.lang),
        options={"offline": ns.offline, "mirror": ns.mirror},
    )  # fmt: skip


def explain(
    *, file: str | None, command: str | None, as_json: bool, probe: bool,
    python: str | None, lang: str, options: dict[str, object] | None = None,
) -> int:  # fmt: skip
    console = make_console()
    if command:
        code, result = _run_and_scan(command, sys.stderr if as_json else sys.stdout)
        if code == 0:
            make_console(stderr=True).print(t("explain.run.ok", lang))
            return exitcodes.OK
        how = _how(code, lang)
        if result.lines == 0:  # nothing to read: what the exit status says is all there is
            make_console(stderr=True).print(f"\n{t('explain.run.silent', lang, how=how)}")
            return exitcodes.BLOCKED
        make_console(stderr=True).print(f"\n{t('explain.run.failed', lang, how=how)}")
        source = command
    else:
        result = _scan_input(file or "-")
        source = file or "-"
    diagnoses = diagnose_scan(result, lang=lang, python=python or "")  # unprobed: as given
    facts: Facts | None = None
    target, may_probe = _target(python, command, result)
    if probe and may_probe and (target or any(d.category in _SHARPEN for d in diagnoses)):
        # --python names the interpreter the fixes are for: its commands use it
        k2 = any(k2plan.wants_plan(d.category, d.params) for d in diagnoses)
        facts = _facts(target or None, options or {}, k2)
        if facts is not None and not python and not _facts_fit(facts, target, result):
            facts = None
        if facts is not None:
            diagnoses = diagnose_scan(result, facts, lang, target)
    code = exitcodes.OK if any(d.recognised for d in diagnoses) else exitcodes.BLOCKED
    _show(console, diagnoses, as_json, lang, source, code)
    if facts is None and probe and not (python or command or as_json):
        _hint_python_path(result, diagnoses, source, lang)
    return code


def _hint_python_path(
    result: scan.ScanResult, diagnoses: list[Diagnosis], source: str, lang: str
) -> None:
    """The log ran a Python by its path, which explain does not run unasked: where that file is
    here and the fixes would be sharper for its torch and GPU, say how to ask."""
    ran = interpreter.ran_python(result)
    if "/" not in ran or not any(d.category in _SHARPEN for d in diagnoses):
        return
    if not os.path.isfile(os.path.expanduser(ran)):  # a stat, never a run
        return
    command = shlex.join(["icefall-doctor", "explain", "--python", ran, source])
    console = make_console(stderr=True)
    console.print(t("explain.hint.python_path", lang))
    console.print(f"  {command}", soft_wrap=True)  # one line: it is pasted as it is


def _show(
    console: object,
    diagnoses: Sequence[Diagnosis],
    as_json: bool,
    lang: str,
    source: str,
    code: int,
) -> None:
    if as_json:
        write_json("explain", to_json(diagnoses, lang, source), code)
    else:
        render_text(make_console(), diagnoses, lang)


def _how(code: int, lang: str) -> str:
    """How the command ended: its exit code, or the signal that killed it (also as the shell
    reports one, 128 + N), with what that signal usually means."""
    number = -code if code < 0 else code - 128 if 128 < code < 160 else 0
    try:
        name = signal.Signals(number).name if number else ""
    except ValueError:
        name = ""
    if not name:
        return t("explain.run.how.exit", lang, code=code)
    said = t("explain.run.how.signal", lang, signal=name, code=code)
    meaning = _SIGNALS.get(name)
    return said + (t(meaning, lang) if meaning else "")


_SIGNALS = {"SIGKILL": "explain.run.sigkill", "SIGSEGV": "explain.run.sigsegv"}


def _scan_input(file: str) -> scan.ScanResult:
    if file == "-":
        return scan.scan_stream(sys.stdin.buffer, rules.load())
    try:
        return scan.scan_file(file, rules.load())
    except OSError as exc:
        raise DoctorError(
            msg("explain.usage.unreadable", path=file, error=exc.strerror or exc),
            hint=msg("explain.usage.unreadable.hint"),
        ) from None


def _run_and_scan(command: str, show: TextIO) -> tuple[int, scan.ScanResult]:
    """Run the command through the shell, echo its output to ``show`` (stderr when stdout is
    for JSON), keep a spooled copy to scan."""
    with tempfile.TemporaryFile() as spool:

        def tee(line: str) -> None:
            echo_passthrough(line, show)  # as the command showed it, secrets hidden
            spool.write((line + "\n").encode("utf-8", "replace"))

        outcome = run_command(command, env=os.environ, cwd=None, on_line=tee)
        spool.seek(0)
        return outcome.returncode, scan.scan_stream(spool, rules.load())


def _probe_names(k2: bool) -> tuple[str, ...]:
    """python, torch, nvidia; for a k2 fix also every probe the k2.plan check reads."""
    names = list(_PROBES)
    if k2:
        from doctor.checks.registry import CHECKS

        plan = next((c for c in CHECKS if c.id == _PLAN_CHECK), None)
        names += [p for p in (plan.probes if plan else ()) if p not in names]
    return tuple(p for p in names if p in PROBES)


def _target(python: str | None, command: str | None, result: scan.ScanResult) -> tuple[str, bool]:
    """The interpreter to probe, and whether to probe at all: --python; else the Python the log
    (or the command run) ran the program with, by a name this machine's PATH has. A log that ran
    a Python this machine lacks came from another machine or PATH: the facts of this machine's
    python3 would describe another Python than the one the fixes are for. An interpreter the log
    names by its path is named in the fixes and never run here: a log is untrusted input, and a
    file at that path (in /tmp, on a shared machine) may be anyone's."""
    if python:
        return python, True
    words = _words(command or "")
    if words and interpreter.is_python(words[0]):  # the user's own command: run as they ran it
        found = shutil.which(os.path.expanduser(words[0]))
        return found or "", found is not None
    ran = interpreter.ran_python(result)
    if not ran or "/" in ran:
        # none named, or a path, which is never run (the log may come from someone else):
        # this machine's python3 is probed, and the fixes keep the log's interpreter
        return "", True
    found = shutil.which(ran)  # a name: the user's own PATH resolves it, as their shell would
    return found or "", found is not None


def _facts_fit(facts: Facts, target: str, result: scan.ScanResult) -> bool:
    """The probed interpreter is the one the log ran: not a name on PATH here that does not run
    (a pyenv shim), nor python3 probed for a log that ran another environment's Python by its
    path (that environment's torch and k2 may differ: a fix built from this one's would not fit
    it)."""
    exe = str((facts.get("python") or {}).get("executable") or "")
    if target:
        return bool(exe)
    return not interpreter.another_python(interpreter.log_python(result), exe)


def _words(command: str) -> list[str]:
    try:
        return shlex.split(command)
    except ValueError:  # an unclosed quote: the shell will say so when it runs
        return []


def _facts(python: str | None, options: dict[str, object], k2: bool) -> Facts | None:
    """Facts of this machine for sharper fixes; None when probing is not possible."""
    names = _probe_names(k2)
    if not names:
        return None
    try:
        ctx = context.build(python, options)
        return engine.run_probes(ctx, names, cap=PROBE_TIMEOUT)
    except DoctorError:
        raise
    except Exception:  # a broken probe must not hide the explanation
        return None
