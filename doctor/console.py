"""The rich Console every command prints through (injectable for tests)."""

from __future__ import annotations

import sys
from typing import TextIO

from rich.console import Console


def make_console(stream: TextIO | None = None, *, stderr: bool = False) -> Console:
    target = stream if stream is not None else (sys.stderr if stderr else sys.stdout)
    return Console(file=target, highlight=False, soft_wrap=False)
