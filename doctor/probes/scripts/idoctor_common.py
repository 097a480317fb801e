"""Shared by the probe scripts. Standard library only; must run on Python 3.8+."""

import json
import sys

MARKER = "@@icefall-doctor@@ "


def read_input():
    """The probe's input: one JSON object on stdin (may be empty)."""
    try:
        raw = sys.stdin.read()
    except Exception:
        return {}
    try:
        value = json.loads(raw) if raw.strip() else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def emit(result):
    """Print the result as the last stdout line."""
    sys.stdout.write("\n" + MARKER + json.dumps(result, default=str) + "\n")
    sys.stdout.flush()


def error_text(exc):
    return "%s: %s" % (type(exc).__name__, exc)


def shebang(path):
    try:
        with open(path, "rb") as f:
            first = f.readline(400).decode("utf-8", "replace").strip()
    except OSError:
        return ""
    return first[2:].strip() if first.startswith("#!") else ""
