"""Exit codes, as documented in the README."""

from __future__ import annotations

OK = 0  # nothing blocks training
BLOCKED = 1  # something blocks training (warnings too under --strict)
USAGE = 2  # bad command line or input
INTERNAL = 3  # the doctor itself failed
INTERRUPTED = 130  # Ctrl-C (SIGINT)
TERMINATED = 143  # SIGTERM
