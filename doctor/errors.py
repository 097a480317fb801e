"""The one exception family the CLI turns into a one-line error with a hint."""

from __future__ import annotations

from doctor.exitcodes import USAGE
from doctor.msgtype import Msg


class DoctorError(Exception):
    """A problem the user can act on: shown as one line plus a hint, never a traceback.

    The message and the hint are catalog messages (Msg), rendered in the user's language where
    the CLI shows them; a plain str is outside text shown as it is (argparse's own message)."""

    def __init__(self, message: str | Msg, hint: str | Msg = "", exit_code: int = USAGE) -> None:
        self.parts = (message, hint)
        self.exit_code = exit_code
        super().__init__(self.message)

    def render(self, lang: str = "en") -> tuple[str, str]:
        """The message and the hint in ``lang``."""
        from doctor.messages import text

        message, hint = self.parts
        return (
            message if isinstance(message, str) else text(message, lang),
            hint if isinstance(hint, str) else text(hint, lang),
        )

    @property
    def message(self) -> str:
        return self.render()[0]

    @property
    def hint(self) -> str:
        return self.render()[1]
