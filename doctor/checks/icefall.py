"""icefall checks: the checkout, `import icefall` with the user's environment, requirements
files against installed distributions, and host name resolution (get_env_info needs it)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from doctor.facts import Facts
from doctor.findings import Finding, Fix, Status, msg
from doctor.fixer import installer
from doctor.fixer.steps import Manual, Run, SetEnv
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
    if not ice.get("on_pythonpath"):
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
    yield Finding(
        "icefall.import",
        Status.FAIL,
        msg("icefall.import.fail.title", error=error.splitlines()[0] if error else "?"),
        msg("icefall.import.fail.detail", error=error),
    )


def requirement_files(facts: Facts) -> list[str]:
    """The requirements files of the checkout with at least one unsatisfied line."""
    ice = facts.get("icefall")
    installed = ice.get("installed") or {}
    reqs: Mapping[str, list[str]] = ice.get("requirements") or {}
    env = marker_environment(facts)
    return [f for f in REQ_FILES if f in reqs and unsatisfied(reqs[f], installed, env)]


def marker_environment(facts: Facts) -> dict[str, str]:
    """The target's PEP 508 marker variables: from the python probe, else derived from the
    python and system facts (an older report), never the doctor's own interpreter."""
    py, system = facts.get("python"), facts.get("system")
    recorded = py.get("markers")
    if isinstance(recorded, Mapping) and recorded.get("python_version"):
        return {str(k): str(v) for k, v in recorded.items()}
    full = str(py.get("version") or "")
    os_name = str(system.get("os") or "Linux")
    return {
        "implementation_name": str(py.get("implementation") or "cpython"),
        "implementation_version": full,
        "os_name": "nt" if os_name == "Windows" else "posix",
        "platform_machine": str(system.get("machine") or ""),
        "platform_release": "",
        "platform_system": os_name,
        "platform_version": "",
        "python_full_version": full,
        "platform_python_implementation": "CPython",
        "python_version": ".".join(full.split(".")[:2]),
        "sys_platform": {"Linux": "linux", "Darwin": "darwin", "Windows": "win32"}.get(
            os_name, os_name.lower()
        ),
    }


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


def check_requirements(facts: Facts) -> Iterator[Finding]:
    ice = facts.get("icefall")
    root, reqs = str(ice.get("root") or ""), ice.get("requirements") or {}
    env, installed = marker_environment(facts), ice.get("installed") or {}
    for name in REQ_FILES:
        if name not in reqs:
            continue
        bad, unused = _split_by_recipe(facts, unsatisfied(reqs[name], installed, env))
        if unused:
            yield _unused_by_recipe(facts, name, unused)
        if not bad:
            yield Finding(
                "icefall.requirements", Status.OK, msg("icefall.reqs.ok.title", file=name)
            )
            continue
        listed = ", ".join(
            b["spec"] + (f" (have {b['installed']})" if b["installed"] else "") for b in bad
        )
        yield Finding(
            "icefall.requirements",
            Status.WARN if name != "requirements.txt" else Status.FAIL,
            msg("icefall.reqs.bad.title", file=name, count=len(bad)),
            msg("icefall.reqs.bad.detail", file=name, listed=listed),
            Fix(
                (installer.of(facts).install(requirements=(f"{root.rstrip('/')}/{name}",)),),
                msg("icefall.reqs.bad.why"),
            ),
            facts={"unsatisfied": bad},
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
    listed = ", ".join(str(b["spec"]) for b in unused)
    return Finding(
        "icefall.requirements",
        Status.SKIP,
        msg("icefall.reqs.unused.title", file=name, count=len(unused), recipe=recipe),
        msg("icefall.reqs.unused.detail", file=name, listed=listed, recipe=recipe),
        facts={"not_imported_by_recipe": unused},
    )


def check_hostname(facts: Facts) -> Iterator[Finding]:
    host = facts.get("icefall").get("hostname") or {}
    name = str(host.get("name") or "")
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
