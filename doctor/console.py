"""The single output point: everything a command shows goes through here, text or JSON.

- ``make_console`` gives a rich Console whose every printed string is redacted before markup
  is parsed (so wrapping cannot split a secret) and whose every rendered segment (tables, live
  displays, panels of a child's output) is redacted and sanitised before it is written: only
  the tool's own styling (rich styles and controls) reaches the terminal.
- ``write_json`` prints a command's JSON payload inside the shared envelope
  (``doctor.render.envelope``), secrets hidden and every control character escaped.
- ``echo`` passes one line of a child's output (`explain --run`) through, made safe.
- ``error`` writes the CLI's one-line error and hint to stderr.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.text import Text

from doctor.render.envelope import envelope
from doctor.render.redact import passthrough, redact_data, redact_secrets, sanitize
from doctor.render.wrap import CellText

# json.dumps(ensure_ascii=False) escapes C0 controls but not DEL, C1 or bidi overrides.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """An outside string made safe to show: secrets hidden, control characters escaped."""
    return sanitize(redact_secrets(text))


class SafeConsole(Console):
    """A rich Console that cannot print a secret or an outside escape sequence."""

    def print(self, *objects: Any, **kwargs: Any) -> None:
        super().print(*(clean(o) if isinstance(o, str) else o for o in objects), **kwargs)

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        """Text wraps by cells and may break between Chinese characters (tables' cells too)."""
        if type(renderable) is Text:
            renderable = CellText.of(renderable)
        return super().render(renderable, options)

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(_safe_segments(buffer))


def _safe_segments(buffer: Iterable[Segment]) -> Iterable[Segment]:
    for segment in buffer:
        if segment.control or not segment.text:
            yield segment  # the tool's own cursor movements and styling
        else:
            yield Segment(clean(segment.text), segment.style)


def make_console(stream: TextIO | None = None, *, stderr: bool = False) -> Console:
    target = stream if stream is not None else (sys.stderr if stderr else sys.stdout)
    return SafeConsole(file=target, highlight=False, soft_wrap=False)


def json_text(data: Any) -> str:
    """``data`` as indented JSON, secrets hidden, every control character escaped."""
    text = json.dumps(redact_data(data), indent=2, ensure_ascii=False, default=str)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def write_json(
    command: str, payload: Mapping[str, Any], exit_code: int, stream: TextIO | None = None
) -> int:
    """The one way a command prints JSON: its payload in the shared, versioned envelope, with
    the exit status the command ends with (returned, for `return write_json(...)`)."""
    (stream or sys.stdout).write(json_text(envelope(command, payload, exit_code)) + "\n")
    return exit_code


def echo(line: str, stream: TextIO | None = None) -> None:
    """One line of a child's output, shown as it comes (flushed), made safe."""
    out = stream or sys.stdout
    out.write(clean(line) + "\n")
    out.flush()


def echo_passthrough(line: str, stream: TextIO | None = None) -> None:
    """One line of the user's own command (`explain --run`) as it would show without the
    doctor: progress bars and colours kept, secrets hidden, other escape sequences escaped."""
    out = stream or sys.stdout
    out.write(passthrough(redact_secrets(line)) + "\n")
    out.flush()


def error(message: str, hint: str = "", prog: str = "icefall-doctor", lang: str = "en") -> None:
    from doctor.messages import t

    sys.stderr.write(t("cli.error_line", lang, prog=prog, message=clean(message)) + "\n")
    if hint:
        sys.stderr.write(t("cli.hint_line", lang, hint=clean(hint)) + "\n")
