"""Argument parsing, dispatch to one command module, and the single error handler."""

from __future__ import annotations

import argparse
import contextlib
import difflib
import importlib
import os
import platform
import re
import sys
import tempfile
import traceback
from collections.abc import Sequence
from typing import Any, NoReturn, TextIO

from doctor import __version__, console, exitcodes, proc
from doctor.commands import COMMANDS, DEFAULT, ENVIRONMENT, Command
from doctor.errors import DoctorError
from doctor.knowledge import AS_OF
from doctor.messages import language, requested_language, t
from doctor.msgtype import Msg, msg
from doctor.render.redact import redact_text
from doctor.render.wrap import break_offsets

PROG = "icefall-doctor"


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Help in the user's language: an option's help is a catalog key, rendered here."""

    def __init__(self, prog: str, lang: str) -> None:
        super().__init__(prog)
        self._lang = lang

    def _get_help_string(self, action: argparse.Action) -> str | None:
        return t(action.help, self._lang) if action.help else action.help

    def _split_lines(self, text: str, width: int) -> list[str]:
        """Wrapped by terminal cells (a Chinese character takes two), not by characters."""
        plain = " ".join(text.split())
        bounds = [0, *break_offsets(plain, width), len(plain)]
        return [plain[a:b].strip() for a, b in zip(bounds, bounds[1:]) if plain[a:b].strip()]

    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        if prefix is None:
            prefix = t("cli.usage", self._lang)
        super().add_usage(usage, actions, groups, prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line error and a hint instead of the usage dump, and its help
    (headings, options, description, epilog) in the language ``lang``."""

    def __init__(self, *args: Any, lang: str = "en", **kwargs: Any) -> None:
        kwargs["add_help"] = False  # our own -h, with its help in ``lang``
        super().__init__(*args, **kwargs)
        self.lang = lang
        self._positionals.title = t("cli.positionals", lang)
        self._optionals.title = t("cli.options", lang)
        self.add_argument(
            "-h", "--help", action="help", default=argparse.SUPPRESS, help="cli.opt.help"
        )

    def _get_formatter(self) -> argparse.HelpFormatter:
        return _Formatter(self.prog, self.lang)

    def error(self, message: str) -> NoReturn:
        raise DoctorError(_argparse_message(message), hint=msg("cli.hint.help", prog=self.prog))


# argparse's own messages (English whatever the locale), most specific first; their words go
# through the catalog, the options and values they name stay as they are.
_ARGPARSE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"unrecognized arguments: (?P<args>.*)", re.S), "cli.argparse.unrecognized"),
    (re.compile(r"the following arguments are required: (?P<args>.*)"), "cli.argparse.required"),
    (
        re.compile(
            r"argument (?P<arg>\S+): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.*)\)"
        ),
        "cli.argparse.choice",
    ),
    (re.compile(r"argument (?P<arg>\S+): expected one argument"), "cli.argparse.one_argument"),
    (
        re.compile(r"argument (?P<arg>\S+): not allowed with argument (?P<other>\S+)"),
        "cli.argparse.exclusive",
    ),
    (re.compile(r"argument (?P<arg>\S+): (?P<message>.*)", re.S), "cli.argparse.argument"),
)


def _argparse_message(message: str) -> Msg | str:
    for pattern, key in _ARGPARSE:
        m = pattern.fullmatch(message)
        if m:
            return msg(key, **m.groupdict())
    return message


def _names() -> dict[str, Command]:
    return {n: c for c in COMMANDS for n in (c.name, *c.aliases)}


def build_parser(
    chosen: str | None, lang: str = "en", typed: str | None = None
) -> argparse.ArgumentParser:
    """Every command appears in --help; only the chosen one's module is imported for its options.
    Help is in ``lang``: options name catalog keys, rendered by the formatter. ``typed`` is the
    name the user gave the chosen command (an alias: `bashrc --help` says `usage: … bashrc`)."""
    parser = _Parser(
        prog=PROG,
        description=t("cli.description", lang),
        epilog=_epilog(next(c for c in COMMANDS if c.name == DEFAULT), None, lang),
        lang=lang,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=t("cli.version", lang, prog=PROG, version=__version__, as_of=AS_OF),
        help="cli.opt.version",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in COMMANDS:
        shown = typed if command.name == chosen and typed in command.aliases else command.name
        p = sub.add_parser(
            command.name,
            aliases=list(command.aliases),
            help=command.help,
            description=t(command.help, lang),
            lang=lang,
            prog=f"{PROG} {shown}",
        )
        if command.name == chosen:
            module = importlib.import_module(command.module)
            module.add_arguments(p)
            p.set_defaults(func=module.run)
            p.epilog = _epilog(command, p.epilog, lang)
    return parser


def _epilog(command: Command, own: str | None, lang: str) -> str:
    """Examples, aliases and the environment variables, after a command's own epilog (a key)."""
    parts = [t(own, lang)] if own else []
    if command.aliases:
        parts.append(t("cli.aliases", lang, names=", ".join(command.aliases)))
    if command.examples:
        parts.append(t("cli.examples", lang) + "\n" + "\n".join(f"  {e}" for e in command.examples))
    width = max(len(name) for name, _ in ENVIRONMENT)
    env = "\n".join(f"  {name:<{width}}  {t(what, lang)}" for name, what in ENVIRONMENT)
    parts.append(t("cli.environment", lang) + "\n" + env)
    return "\n\n".join(parts)


def _with_default_command(
    argv: list[str], names: dict[str, Command]
) -> tuple[list[str], str | None]:
    """`icefall-doctor --json` means `icefall-doctor check --json`; returns argv and the command."""
    if any(a in ("-h", "--help", "--version") for a in argv[:1]):
        return argv, None
    at = _command_at(argv, names)
    if at:  # `icefall-doctor --lang zh recipes`: options before the command go after it
        argv = [argv[at], *argv[:at], *argv[at + 1 :]]
    if argv and not argv[0].startswith("-") and argv[0] not in names:
        raise _unknown_command(argv[0], names)
    first = next((a for a in argv if not a.startswith("-")), None)
    if first is None or first not in names:
        return [DEFAULT, *argv], DEFAULT
    return argv, names[first].name


_VALUED = frozenset({"--lang", "--python", "--icefall", "--mirror"})  # options taking a value


def _command_at(argv: list[str], names: dict[str, Command]) -> int | None:
    """Where the command is when only options (and their values) come before it."""
    i = 0
    while i < len(argv):
        if argv[i] in names:
            return i
        if not argv[i].startswith("-"):
            return None
        i += 2 if argv[i] in _VALUED else 1
    return None


def _unknown_command(word: str, names: dict[str, Command]) -> DoctorError:
    close = difflib.get_close_matches(word, list(names), n=1)
    listed = ", ".join(c.name for c in COMMANDS)
    guess: Msg | str = msg("cli.unknown.guess", name=close[0]) if close else ""
    return DoctorError(
        msg("cli.unknown", word=repr(word)),
        hint=msg("cli.unknown.hint", guess=guess, commands=listed, prog=PROG),
    )


def _lang_arg(argv: Sequence[str]) -> str | None:
    """The value of --lang, read before parsing so that --help and errors are in it."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    asked = requested_language(_lang_arg(args))
    lang = language(asked)
    if lang != asked:
        _say_language_unshown(asked)
    try:
        argv, chosen = _with_default_command(args, _names())
        try:
            ns = build_parser(chosen, lang, argv[0] if argv else None).parse_args(argv)
        except SystemExit:  # --help, --version: printed (argparse ignores a failed write)
            if sys.stdout is not None:
                sys.stdout.flush()
            failed = getattr(sys.stdout, "failed", None)
            if isinstance(failed, OSError):
                raise failed from None  # told below as the output that could not be written
            raise
        return int(ns.func(ns))
    except DoctorError as exc:
        _error(*exc.render(lang), lang=lang)
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("\n" + t("cli.interrupted", lang) + "\n")
        return _interrupted_code()
    except BrokenPipeError:
        return exitcodes.OK
    except OSError as exc:
        if not _output_failed():
            return _crashed(args, exc, lang)
        _silence_stdout()
        _error(
            t("cli.output_failed", lang, error=exc.strerror or exc),
            t("cli.output_failed.hint", lang),
            lang,
        )
        return exitcodes.USAGE
    except Exception as exc:  # the doctor's own bug: one line, and a log to attach
        return _crashed(args, exc, lang)


def _crashed(args: Sequence[str], exc: BaseException, lang: str) -> int:
    log = _crash_log(args)
    _error(
        t("cli.crashed", lang, error=f"{type(exc).__name__}: {exc}"),
        t("cli.crashed.hint", lang, log=log),
        lang,
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


def _say_language_unshown(requested: str) -> None:
    """Chinese asked for, an output that cannot encode it: one line, in English, on stderr."""
    encoding = getattr(sys.stdout, "encoding", None) or "?"
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(t("cli.lang_unshown", "en", language=requested, encoding=encoding) + "\n")


def _error(message: str, hint: str, lang: str = "en") -> None:
    console.error(message, hint, PROG, lang)


def _crash_log(argv: Sequence[str]) -> str:
    fd, path = tempfile.mkstemp(prefix="icefall-doctor-crash-", suffix=".log")
    report = (
        f"{PROG} {__version__}\nargv: {list(argv)}\npython: {sys.version}\n"
        f"platform: {platform.platform()}\n\n{traceback.format_exc()}"
    )
    with os.fdopen(fd, "w") as fh:  # the user is asked to attach it to a public issue
        fh.write(redact_text(report))
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
    if sys.stdout is None:  # started with stdout closed (>&-): nothing could be shown
        lang = language(_lang_arg(sys.argv[1:]))
        _error(t("cli.output_failed", lang, error=t("cli.stdout_closed", lang)),
               t("cli.output_failed.hint", lang), lang)  # fmt: skip
        raise SystemExit(exitcodes.USAGE)
    code = main()
    if proc.stop_signal() is not None:
        proc.exit_now(_interrupted_code())
    raise SystemExit(code)
