"""The one exception family the CLI turns into a one-line error with a hint."""

from __future__ import annotations

from doctor.exitcodes import USAGE


class DoctorError(Exception):
    """A problem the user can act on: shown as one line plus a hint, never a traceback."""

    def __init__(self, message: str, hint: str = "", exit_code: int = USAGE) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.exit_code = exit_code
