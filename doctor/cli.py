"""Argument parsing, dispatch to one command module, and the single error handler."""

from __future__ import annotations

import argparse
import difflib
import importlib
import os
import platform
import sys
import tempfile
import traceback
from collections.abc import Sequence
from typing import Any, NoReturn, TextIO

from doctor import __version__, console, exitcodes, proc
from doctor.commands import COMMANDS, DEFAULT, ENVIRONMENT, Command
from doctor.errors import DoctorError
from doctor.knowledge import AS_OF

PROG = "icefall-doctor"


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line error and a hint instead of the usage dump."""

    def error(self, message: str) -> NoReturn:
        raise DoctorError(message, hint=f"run '{self.prog} --help' for the options")


def _names() -> dict[str, Command]:
    return {n: c for c in COMMANDS for n in (c.name, *c.aliases)}


def build_parser(chosen: str | None) -> argparse.ArgumentParser:
    """Every command appears in --help; only the chosen one's module is imported for its options."""
    parser = _Parser(
        prog=PROG,
        description="Gets a machine ready to train k2-fsa/icefall "
        "speech models, then runs the recipe.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_epilog(next(c for c in COMMANDS if c.name == DEFAULT), None),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"{PROG} {__version__} (compatibility data as of {AS_OF})",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in COMMANDS:
        p = sub.add_parser(
            command.name,
            aliases=list(command.aliases),
            help=command.help,
            description=command.help,
        )
        if command.name == chosen:
            module = importlib.import_module(command.module)
            module.add_arguments(p)
            p.set_defaults(func=module.run)
            p.formatter_class = argparse.RawDescriptionHelpFormatter
            p.epilog = _epilog(command, p.epilog)
    return parser


def _epilog(command: Command, own: str | None) -> str:
    """Examples, aliases and the environment variables, after a command's own epilog."""
    parts = [own] if own else []
    if command.aliases:
        parts.append(f"Also called: {', '.join(command.aliases)}.")
    if command.examples:
        parts.append("examples:\n" + "\n".join(f"  {e}" for e in command.examples))
    width = max(len(name) for name, _ in ENVIRONMENT)
    env = "\n".join(f"  {name:<{width}}  {what}" for name, what in ENVIRONMENT)
    parts.append(f"environment:\n{env}")
    return "\n\n".join(parts)


def _with_default_command(
    argv: list[str], names: dict[str, Command]
) -> tuple[list[str], str | None]:
    """`icefall-doctor --json` means `icefall-doctor check --json`; returns argv and the command."""
    if any(a in ("-h", "--help", "--version") for a in argv[:1]):
        return argv, None
    if argv and not argv[0].startswith("-") and argv[0] not in names:
        raise _unknown_command(argv[0], names)
    first = next((a for a in argv if not a.startswith("-")), None)
    if first is None or first not in names:
        return [DEFAULT, *argv], DEFAULT
    return argv, names[first].name


def _unknown_command(word: str, names: dict[str, Command]) -> DoctorError:
    close = difflib.get_close_matches(word, list(names), n=1)
    listed = ", ".join(c.name for c in COMMANDS)
    guess = f"did you mean '{close[0]}'? " if close else ""
    return DoctorError(
        f"unknown command {word!r}",
        hint=f"{guess}the commands are: {listed} (run '{PROG} COMMAND --help')",
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        argv, chosen = _with_default_command(args, _names())
        ns = build_parser(chosen).parse_args(argv)
        return int(ns.func(ns))
    except DoctorError as exc:
        _error(exc.message, exc.hint)
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted\n")
        return _interrupted_code()
    except BrokenPipeError:
        return exitcodes.OK
    except OSError as exc:
        if not _output_failed():
            return _crashed(args, exc)
        _silence_stdout()
        _error(
            f"cannot write the output: {exc.strerror or exc}",
            "check where the output goes (a full disk, a closed pipe) and run it again",
        )
        return exitcodes.USAGE
    except Exception as exc:  # the doctor's own bug: one line, and a log to attach
        return _crashed(args, exc)


def _crashed(args: Sequence[str], exc: BaseException) -> int:
    log = _crash_log(args)
    _error(
        f"icefall-doctor failed: {type(exc).__name__}: {exc}",
        f"please report this with the log {log}",
    )
    return exitcodes.INTERNAL


class _WatchedStream:
    """Standard output that remembers a failed write (a full disk, /dev/full, an I/O error),
    so that the error is told as that, not as a crash of the doctor."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.failed: OSError | None = None

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            self.failed = exc
            raise

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            self.failed = exc
            raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _output_failed() -> bool:
    return isinstance(sys.stdout, _WatchedStream) and sys.stdout.failed is not None


def _silence_stdout() -> None:
    """Drop what could not be written, so that exiting does not fail on it again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115  (lives until exit)


def _prepare_streams() -> None:
    """Standard streams any terminal or redirection can take: a closed stdin reads as empty,
    and text the output encoding cannot show (✓ under PYTHONIOENCODING=ascii, Chinese on a
    latin-1 terminal) is replaced instead of failing."""
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115  (lives until exit)
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            try:
                "✓✗–中".encode(stream.encoding or "ascii")
            except (UnicodeEncodeError, LookupError):
                stream.reconfigure(errors="replace")
    if sys.stdout is not None:
        sys.stdout = _WatchedStream(sys.stdout)  # type: ignore[assignment,unused-ignore]


def _error(message: str, hint: str) -> None:
    console.error(message, hint, PROG)


def _crash_log(argv: Sequence[str]) -> str:
    fd, path = tempfile.mkstemp(prefix="icefall-doctor-crash-", suffix=".log")
    with os.fdopen(fd, "w") as fh:
        fh.write(
            f"{PROG} {__version__}\nargv: {list(argv)}\npython: {sys.version}\n"
            f"platform: {platform.platform()}\n\n{traceback.format_exc()}"
        )
    return path


def _interrupted_code() -> int:
    signum = proc.stop_signal()
    return exitcodes.INTERRUPTED if signum is None else 128 + signum


def entry() -> NoReturn:
    """The console script: signals handled here, once, for every command. After SIGINT or
    SIGTERM every child is already ended (doctor.proc); exit with 130/143 at once, without
    waiting for threads still blocked on a child or the network."""
    proc.install_signal_handlers()
    _prepare_streams()
    code = main()
    if proc.stop_signal() is not None:
        proc.exit_now(_interrupted_code())
    raise SystemExit(code)
