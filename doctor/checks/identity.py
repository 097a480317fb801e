"""Interpreter identity: python3, pip and lhotse on PATH belong to the target's environment."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from doctor.facts import Facts
from doctor.findings import Finding, Fix, Status, msg
from doctor.fixer.steps import SetEnv


def check_identity(facts: Facts) -> Iterator[Finding]:
    ident = facts.get("icefall").get("identity") or {}
    prefix = str(ident.get("prefix") or "")
    if not prefix:
        return
    tools = dict(ident.get("tools") or {})
    if facts.context.get("target_source") == "PATH":
        tools.pop("python3", None)  # the target is python3 on PATH by definition
    strays = [(n, where) for n, info in tools.items() if (where := _stray(info, prefix, n))]
    if not strays:
        yield Finding("python.identity", Status.OK, msg("identity.ok.title", prefix=prefix))
        return
    pip = f"{ident.get('executable') or 'python3'} -m pip"
    listed = ", ".join(f"{name} ({where})" for name, where in strays)
    yield Finding(
        "python.identity",
        Status.WARN,
        msg("identity.stray.title", tools=listed),
        msg("identity.stray.detail", tools=listed, prefix=prefix, pip=pip),
        Fix(
            (SetEnv("PATH", os.path.join(prefix, "bin"), prepend=True),),
            msg("identity.stray.why", prefix=prefix),
        ),
        facts={"tools": tools},
    )


def _stray(info: Any, prefix: str, name: str) -> str:
    """The tool's path when it runs from another environment; "" when fine or unknown."""
    path = str(info.get("path") or "")
    if not path:
        return ""
    if name == "python3":
        return "" if _inside(path, prefix) else path
    interp = str(info.get("interpreter") or "").split(" ")[0]
    if not interp or "python" not in os.path.basename(interp):
        return ""  # a shim or wrapper: cannot tell from here
    return "" if _inside(interp, prefix) else path


def _inside(path: str, prefix: str) -> bool:
    bindir = os.path.join(prefix, "bin")
    return os.path.dirname(path) == bindir or os.path.dirname(
        os.path.realpath(path)
    ) == os.path.realpath(bindir)
