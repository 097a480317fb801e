"""The one JSON envelope every `--json` output shares.

    {"schema": 3, "command": "check", "tool": {"name": ..., "version": ...},
     "knowledge": {"as_of": "YYYY-MM-DD"}, "exit_code": 1, ...the command's own keys}

``exit_code`` is the exit status the command ends with (the README's table), so a tool reading
the JSON need not also keep the process's status. Schema 3 added it to every command (schema 2
had it in check's report only).

``SCHEMA`` numbers the envelope and every command's payload together: changing a key of any
command's JSON bumps it. ``READS`` are the report schemas ``check --from`` still reads (the facts
of a schema-1 report are the same as today's).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from doctor import __version__

SCHEMA = 3
READS: tuple[int, ...] = (1, 2, 3)
TOOL = "icefall-doctor"
HEAD: tuple[str, ...] = ("schema", "command", "tool", "knowledge", "exit_code")


def envelope(command: str, payload: Mapping[str, Any], exit_code: int) -> dict[str, Any]:
    """``payload`` under the shared head; a payload key that would hide a head key is a bug."""
    from doctor.knowledge import AS_OF

    clash = sorted(set(HEAD) & set(payload))
    if clash:
        raise ValueError(f"the {command} payload must not set {', '.join(clash)}")
    head = {
        "schema": SCHEMA,
        "command": command,
        "tool": {"name": TOOL, "version": __version__},
        "knowledge": {"as_of": AS_OF},
        "exit_code": exit_code,
    }
    return {**head, **payload}
