"""Whether this shell has picked up the snippet icefall-doctor wrote (rc file or conda)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from typing import Any

from doctor.facts import Facts
from doctor.findings import Finding, Fix, Status, msg
from doctor.fixer.steps import Run

CHECK = "python.env_snippet"


def check_snippet(facts: Facts) -> Iterator[Finding]:
    for entry in facts.get("rcblock").get("files") or []:
        state = _state(entry.get("state"))
        if not state:
            continue
        path = str(entry.get("path", ""))
        missing = _missing(state, facts)
        if not missing:
            yield Finding(CHECK, Status.OK, msg("fixer.snippet.ok.title", file=path))
            continue
        conda = "activate.d" in path
        yield Finding(
            CHECK,
            Status.WARN,
            msg("fixer.snippet.stale.title", file=path),
            msg("fixer.snippet.stale.detail", missing=", ".join(missing)),
            Fix(
                _reload(path, conda),
                msg("fixer.snippet.stale.conda_why" if conda else "fixer.snippet.stale.why"),
            ),
            facts={"wanted": state, "PYTHONPATH": facts.env("PYTHONPATH")},
        )


def _state(raw: object) -> dict[str, Any]:
    try:
        value = json.loads(str(raw)) if raw else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _missing(state: Mapping[str, Any], facts: Facts) -> list[str]:
    """What the snippet sets that this shell's environment lacks, as NAME=value."""
    out = []
    for name, entries in (state.get("prepend") or {}).items():
        have = {os.path.normpath(p) for p in facts.env(name).split(os.pathsep) if p}
        out += [f"{name}+={e}" for e in entries if os.path.normpath(e) not in have]
    for name, value in state.items():
        if name != "prepend" and facts.env(name) != str(value):
            out.append(f"{name}={value}")
    return out


def _reload(path: str, conda: bool) -> tuple[Run, ...]:
    if conda:
        return (Run(("conda", "deactivate")), Run(("conda", "activate", _env_of(path))))
    return (Run(("source", path)),)


def _env_of(activate_script: str) -> str:
    """The env prefix of <prefix>/etc/conda/activate.d/<script>."""
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(activate_script))))
