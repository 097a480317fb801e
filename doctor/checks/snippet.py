"""Whether this shell has picked up the snippet icefall-doctor wrote (rc file or conda)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from typing import Any

from doctor import k2builds
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
        lacks = _lacks_k2(state, facts)
        if lacks:
            yield _outdated(path, lacks)
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


def _lacks_k2(state: Mapping[str, Any], facts: Facts) -> list[str]:
    """The folders of a fitting k2 source build, found off PYTHONPATH, that the snippet omits
    (None while k2 imports: exports the user keeps elsewhere are theirs)."""
    build = k2builds.fitting(facts)
    if not build:
        return []
    have = {os.path.normpath(str(p)) for p in (state.get("prepend") or {}).get("PYTHONPATH") or []}
    wanted = [str(build[k]) for k in ("python_dir", "lib_dir") if build.get(k)]
    return [w for w in wanted if os.path.normpath(w) not in have]


def _outdated(path: str, lacks: list[str]) -> Finding:
    conda = "activate.d" in path
    argv = ["icefall-doctor", "env-script", "--conda" if conda else "--write"]
    if not conda and not path.endswith(("/.bashrc", "/.zshrc")):
        argv += ["--file", path]
    return Finding(
        CHECK,
        Status.WARN,
        msg("fixer.snippet.outdated.title", file=path),
        msg("fixer.snippet.outdated.detail", missing=", ".join(lacks)),
        Fix((Run(tuple(argv)),), msg("fixer.snippet.outdated.why")),
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
