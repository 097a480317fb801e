"""icefall checks: the checkout, `import icefall` with the user's environment, requirements
files against installed distributions, and host name resolution (get_env_info needs it)."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from doctor.checks.depfix import broken_import
from doctor.facts import Facts, marker_environment
from doctor.findings import Finding, Fix, Msg, Status, msg
from doctor.fixer import envscript, installer
from doctor.fixer.steps import Install, Manual, Run, SetEnv
from doctor.msgtype import joined
from doctor.recipe.modules import import_names

REQ_FILES = ("requirements.txt", "requirements-tts.txt")
ICEFALL_HOME = "~/icefall"  # where the clone step puts a new checkout


def check_found(facts: Facts) -> Iterator[Finding]:
    ice = facts.get("icefall")
    root = str(ice.get("root") or "")
    if not root or not ice.get("is_checkout"):
        yield Finding(
            "icefall.found",
            Status.FAIL,
            msg("icefall.not_found.title", root=root or "-"),
            msg("icefall.not_found.detail"),
            Fix(
                (
                    Run(
                        ("git", "clone", "https://github.com/k2-fsa/icefall", ICEFALL_HOME),
                        auto=True,
                    ),
                    SetEnv("PYTHONPATH", ICEFALL_HOME, prepend=True),
                ),
                msg("icefall.not_found.why"),
            ),
        )
        return
    git = ice.get("git") or {}
    params = {"root": root, "how": ice.get("found_by", ""), "commit": str(git.get("commit", ""))}
    yield Finding(
        "icefall.found",
        Status.OK,
        msg("icefall.found.title", **params),
        facts={"root": root, "commit": git.get("commit"), "dirty": git.get("dirty")},
    )
    if ice.get("on_pythonpath"):
        return
    if os.pathsep in root:  # PYTHONPATH splits at ':' and has no escape for it
        link, commands = envscript.colon_free_link(root)
        yield Finding(
            "icefall.found",
            Status.FAIL,
            msg("icefall.colon.title", root=root, sep=os.pathsep),
            msg("icefall.colon.detail", root=root, sep=os.pathsep),
            Fix(
                (*(Run(c) for c in commands), SetEnv("PYTHONPATH", link, prepend=True)),
                msg("icefall.colon.why", sep=os.pathsep),
            ),
        )
    else:
        yield Finding(
            "icefall.found",
            Status.FAIL,
            msg("icefall.not_on_path.title", root=root),
            msg("icefall.not_on_path.detail", root=root),
            Fix((SetEnv("PYTHONPATH", root, prepend=True),), msg("icefall.not_on_path.why")),
        )


def check_import(facts: Facts) -> Iterator[Finding]:
    ice = facts.get("icefall")
    if ice.get("import_ok"):
        yield Finding("icefall.import", Status.OK, msg("icefall.import.ok.title"))
        return
    error = str(ice.get("import_error_with_root") or ice.get("import_error") or "")
    if not ice.get("root") or (
        not ice.get("import_error_with_root") and ice.get("import_ok_with_root")
    ):
        return  # nothing found, or only PYTHONPATH is missing: icefall.found says so
    fix, cause = broken_import(facts, error, "icefall")
    yield Finding(
        "icefall.import",
        Status.FAIL,
        msg("icefall.import.fail.title", error=error.splitlines()[0] if error else "?"),
        msg("icefall.import.fail.detail", error=error),
        fix,
        facts=cause,
    )


def install_command(facts: Facts, name: str) -> Install | None:
    """What installs the missing lines of ``name`` that matter here (all of them without a
    recipe; those the recipe imports with one), changing no installed distribution: ``-r FILE``
    only when every unmet line of the file is a missing one, else just those lines."""
    split = split_file(facts, name)
    if split is None or not split.missing:
        return None
    root = str(facts.get("icefall").get("root") or "")
    inst = installer.of(facts)
    quiet = not (split.unused or split.changes or split.upgrades or pip_changes(facts, name))
    if quiet:
        return inst.install(requirements=(f"{root.rstrip('/')}/{name}",))
    return inst.install(*(str(b["spec"]) for b in [*split.missing, *split.upgrades]))


def unsatisfied(
    lines: list[str], installed: Mapping[str, str], env: Mapping[str, str]
) -> list[dict[str, Any]]:
    """Missing and conflicting requirements, parsed with packaging; markers are evaluated with
    the target's environment (``env``), not the doctor's."""
    have = {canonicalize_name(k): str(v) for k, v in installed.items()}
    out = []
    for line in lines:
        req = _parse(line)
        if req is None or (req.marker is not None and not req.marker.evaluate(dict(env))):
            continue
        version = have.get(canonicalize_name(req.name))
        if version is None:
            out.append({"name": req.name, "spec": str(req), "installed": ""})
        elif req.specifier and not req.specifier.contains(version, prereleases=True):
            out.append({"name": req.name, "spec": str(req), "installed": version})
    return out


def _parse(line: str) -> Requirement | None:
    text = line.split("#", 1)[0].strip()
    if not text or text.startswith("-"):
        return None
    try:
        return Requirement(text)
    except InvalidRequirement:
        return None


def pip_changes(facts: Facts, name: str) -> list[dict[str, str]]:
    """Installed distributions pip's dry run of ``-r name`` would replace, with the versions
    (transitive ones too: numba's pin moves numpy); [] without a dry run."""
    answer = (facts.get("pipdry").get("files") or {}).get(name) or {}
    have = {
        canonicalize_name(k): str(v)
        for k, v in (facts.get("icefall").get("installed") or {}).items()
    }
    out = []
    for item in answer.get("install") or [] if answer.get("ok") else []:
        key, new = canonicalize_name(str(item.get("name") or "")), str(item.get("version") or "")
        old = have.get(key)
        if old and new and old != new:
            out.append({"name": str(item["name"]), "have": old, "new": new, "way": _way(old, new)})
    return out


def _dry_run_answered(facts: Facts, name: str) -> bool:
    """pip's dry run of ``-r name`` answered: icefall.pip_changes lists every change itself."""
    return bool(((facts.get("pipdry").get("files") or {}).get(name) or {}).get("ok"))


def _way(old: str, new: str) -> str:
    try:
        return "down" if Version(new) < Version(old) else "up"
    except InvalidVersion:
        return "up"


def check_pip_changes(facts: Facts) -> Iterator[Finding]:
    """What `pip install -r FILE` would do to installed packages, from pip's own dry run."""
    for name, answer in (facts.get("pipdry").get("files") or {}).items():
        if not answer.get("ok"):
            yield Finding(
                "icefall.pip_changes",
                Status.SKIP,
                msg("icefall.pip.no_answer.title", file=name),
                msg("icefall.pip.no_answer.detail", error=answer.get("error") or "?"),
            )
            continue
        changes = pip_changes(facts, name)
        if not changes:
            continue
        down = [c for c in changes if c["way"] == "down"]
        listed = ", ".join(
            f"{c['name']} {c['have']} → {c['new']}" + (" ↓" if c["way"] == "down" else "")
            for c in changes
        )
        yield Finding(
            "icefall.pip_changes",
            Status.WARN,
            msg("icefall.pip.changes.title", file=name, count=len(changes), down=len(down)),
            msg("icefall.pip.changes.detail", file=name, listed=listed),
            facts={"changes": changes},
        )


@dataclass(frozen=True)
class FileSplit:
    """The unmet lines of one requirements file, by what installing them would do here."""

    missing: list[dict[str, Any]]  # not installed, and needed (the recipe imports them)
    upgrades: list[dict[str, Any]]  # installed older than the file allows, and needed
    changes: list[dict[str, Any]]  # installed and working, the file pins another: pip would
    unused: list[dict[str, Any]]  # not met, but no script of the recipe imports them


def split_file(facts: Facts, name: str) -> FileSplit | None:
    ice = facts.get("icefall")
    reqs = ice.get("requirements") or {}
    if name not in reqs:
        return None
    installed = ice.get("installed") or {}
    bad, unused = _split_by_recipe(
        facts, unsatisfied(reqs[name], installed, marker_environment(facts))
    )
    have = [b for b in bad if b["installed"]]
    up = [b for b in have if _direction(b) == "up"]
    return FileSplit(
        [b for b in bad if not b["installed"]], up, [b for b in have if b not in up], unused
    )


def _direction(b: Mapping[str, Any]) -> str:
    """ "up" when every unmet bound of the line asks for a newer release than the installed
    one, else "down" (or sideways: a pin, an exclusion): a change of a working package."""
    try:
        req, have = Requirement(str(b["spec"])), Version(str(b["installed"]))
    except (InvalidRequirement, InvalidVersion):
        return "down"
    ups = []
    for spec in req.specifier:
        if spec.contains(have, prereleases=True):
            continue
        try:
            bound = Version(spec.version.rstrip(".*"))
        except InvalidVersion:
            return "down"
        ups.append(spec.operator in (">", ">=", "==", "~=", "===") and bound > have)
    return "up" if ups and all(ups) else "down"


def check_requirements(facts: Facts) -> Iterator[Finding]:
    for name in REQ_FILES:
        split = split_file(facts, name)
        if split is None:
            continue
        if split.unused:
            yield _unused_by_recipe(facts, name, split.unused)
        if split.missing:
            yield _missing(facts, name, split)
        if split.upgrades or (split.changes and not _dry_run_answered(facts, name)):
            yield _other_versions(facts, name, split)
        if not (split.missing or split.upgrades or split.changes or split.unused):
            yield Finding(
                "icefall.requirements", Status.OK, msg("icefall.reqs.ok.title", file=name)
            )


def _against_file(b: dict[str, Any]) -> Msg:
    return msg("phrase.installed_vs_file", name=b["name"], installed=b["installed"], spec=b["spec"])


def _listed(items: list[dict[str, Any]]) -> str:
    return ", ".join(str(b["spec"]) for b in items)


def _missing(facts: Facts, name: str, split: FileSplit) -> Finding:
    command = install_command(facts, name)
    return Finding(
        "icefall.requirements",
        Status.WARN if name != "requirements.txt" else Status.FAIL,
        msg("icefall.reqs.missing.title", file=name, count=len(split.missing)),
        msg("icefall.reqs.missing.detail", file=name, listed=_listed(split.missing)),
        Fix((command,), msg("icefall.reqs.missing.why")) if command else None,
        facts={"missing": split.missing},
    )


def _other_versions(facts: Facts, name: str, split: FileSplit) -> Finding:
    """Installed at another version than the file names: a mismatch, not a missing package.
    Newer ones the recipe works with are left alone (pip install -r would downgrade them)."""
    changes = joined([_against_file(b) for b in split.changes])
    upgrades = joined([_against_file(b) for b in split.upgrades])
    detail = "icefall.reqs.mismatch.detail_" + (
        "both" if changes and upgrades else "down" if changes else "up"
    )
    fix = None
    if split.upgrades and not split.missing:
        specs = (str(b["spec"]) for b in split.upgrades)
        fix = Fix((installer.of(facts).install(*specs),), msg("icefall.reqs.mismatch.why"))
    return Finding(
        "icefall.requirements",
        Status.WARN,
        msg(
            "icefall.reqs.mismatch.title", file=name, count=len(split.changes) + len(split.upgrades)
        ),
        msg(detail, file=name, changes=changes, upgrades=upgrades),
        fix,
        facts={"would_change": split.changes, "too_old": split.upgrades},
    )


def _split_by_recipe(
    facts: Facts, bad: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """With a recipe active, requirements none of its scripts imports do not block it."""
    modules = facts.get("modules")
    if not modules.get("scan"):
        return bad, []
    imported = {
        n.split(".")[0] for n in [*(modules.get("found") or {}), *(modules.get("missing") or [])]
    }
    needed = [b for b in bad if import_names(str(b["name"])) & imported]
    return needed, [b for b in bad if b not in needed]


def _unused_by_recipe(facts: Facts, name: str, unused: list[dict[str, Any]]) -> Finding:
    recipe = facts.get("recipe").get("recipe") or msg("icefall.phrase.this_recipe")
    missing = [b for b in unused if not b["installed"]]
    other = [b for b in unused if b["installed"]]
    listed = joined(
        [
            msg("phrase.spec_have", spec=b["spec"], have=b["installed"])
            if b["installed"]
            else msg("phrase.spec", spec=b["spec"])
            for b in unused
        ]
    )
    return Finding(
        "icefall.requirements",
        Status.SKIP,
        msg(
            "icefall.reqs.unused.title",
            file=name,
            count=len(unused),
            missing=len(missing),
            other=len(other),
            recipe=recipe,
        ),
        msg("icefall.reqs.unused.detail", file=name, listed=listed, recipe=recipe),
        facts={"not_imported_by_recipe": unused},
    )


def check_hostname(facts: Facts) -> Iterator[Finding]:
    host = facts.get("icefall").get("hostname") or {}
    name = str(host.get("name") or "")
    if not name:
        return  # not looked up (a report without it): nothing to say
    if not host.get("error"):
        yield Finding(
            "icefall.hostname",
            Status.OK,
            msg("icefall.hostname.ok.title", name=name, ip=host.get("ip", "")),
        )
        return
    yield Finding(
        "icefall.hostname",
        Status.FAIL,
        msg("icefall.hostname.fail.title", name=name),
        msg("icefall.hostname.fail.detail", name=name, error=host.get("error", "")),
        Fix(
            (Manual(msg("fixer.manual.hosts_line", line=f"127.0.1.1 {name}")),),
            msg("icefall.hostname.fail.why"),
        ),
        blocks_step="train",
    )


def probe_input(ctx: Any) -> dict[str, Any]:
    """The icefall probe's input: --icefall and the working directory."""
    return {"icefall": (ctx.options or {}).get("icefall") or "", "cwd": ctx.cwd}
