"""lhotse checks: version (baker_zh needs 1.23+), the `lhotse` command, lilcom, audio reading."""

from __future__ import annotations

from collections.abc import Iterator

from doctor.checks.depfix import broken_import
from doctor.facts import Facts
from doctor.findings import Finding, Fix, Status, msg
from doctor.fixer import installer
from doctor.knowledge.k2 import vkey
from doctor.resolver import MIN_LHOTSE

NEED = ".".join(str(p) for p in MIN_LHOTSE)


def check_version(facts: Facts) -> Iterator[Finding]:
    lh, tool = facts.get("lhotse"), installer.of(facts)
    version = str(lh.get("version") or "")
    if not lh.get("installed"):
        yield Finding(
            "lhotse.version",
            Status.FAIL,
            msg("lhotse.missing.title"),
            msg("lhotse.missing.detail", need=NEED),
            Fix((tool.install("lhotse", flags=("-U",)),), msg("lhotse.install.why")),
        )
        return
    if lh.get("import_error"):
        yield _import_fail(facts, version, str(lh["import_error"]))
        return
    if vkey(version)[:2] < MIN_LHOTSE:
        yield Finding(
            "lhotse.version",
            Status.FAIL,
            msg("lhotse.old.title", version=version, need=NEED),
            msg("lhotse.old.detail", need=NEED),
            Fix((tool.install("lhotse", flags=("-U",)),), msg("lhotse.install.why")),
        )
        return
    yield Finding("lhotse.version", Status.OK, msg("lhotse.ok.title", version=version))


def _import_fail(facts: Facts, version: str, error: str) -> Finding:
    """lhotse there but broken: torch's problem when torch's import gives the same error, an
    install when a module it imports is missing (urllib3 for lhotse 1.33), else the error."""
    fix, cause = broken_import(facts, error, "lhotse")
    return Finding(
        "lhotse.version",
        Status.FAIL,
        msg("lhotse.import_fail.title", version=version),
        msg("lhotse.import_fail.detail", error=error),
        fix,
        facts=cause,
    )


def check_lilcom(facts: Facts) -> Iterator[Finding]:
    lil = facts.get("lhotse").get("lilcom") or {}
    if not lil.get("error"):
        yield Finding(
            "lhotse.lilcom",
            Status.OK,
            msg("lhotse.lilcom.ok.title", version=lil.get("version", "")),
        )
        return
    yield Finding(
        "lhotse.lilcom",
        Status.FAIL,
        msg("lhotse.lilcom.missing.title"),
        msg("lhotse.lilcom.missing.detail", error=lil["error"]),
        Fix((installer.of(facts).install("lilcom"),), msg("lhotse.lilcom.why")),
        blocks_step="prepare stage 5",
    )


def check_cli(facts: Facts) -> Iterator[Finding]:
    lh = facts.get("lhotse")
    if not lh.get("installed"):
        return
    cli = lh.get("cli") or {}
    path = str(cli.get("path") or "")
    if not path:
        yield Finding(
            "lhotse.cli",
            Status.WARN,
            msg("lhotse.cli.missing.title"),
            msg(
                "lhotse.cli.missing.detail", python=facts.get("python").get("executable", "python3")
            ),
        )
        return
    yield Finding("lhotse.cli", Status.OK, msg("lhotse.cli.ok.title", path=path))


def check_audio(facts: Facts) -> Iterator[Finding]:
    audio = facts.get("lhotse").get("audio")
    if not audio:
        return
    if audio.get("ok"):
        yield Finding("lhotse.audio", Status.OK, msg("lhotse.audio.ok.title"))
        return
    yield Finding(
        "lhotse.audio",
        Status.FAIL,
        msg("lhotse.audio.fail.title"),
        msg("lhotse.audio.fail.detail", error=audio.get("error", "")),
        Fix((installer.of(facts).install("soundfile"),), msg("lhotse.audio.why")),
    )
