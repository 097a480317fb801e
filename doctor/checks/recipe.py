"""Recipe checks: which recipe, the modules its scripts import, the commands they run."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import Any

from doctor import k2builds
from doctor.checks.depfix import install_step
from doctor.facts import Facts
from doctor.findings import Finding, Fix, Status, msg
from doctor.fixer.steps import Manual, Run, SetEnv
from doctor.recipe.modules import Provider, distribution_for

Site = Mapping[str, Any]


def active(facts: Facts) -> Mapping[str, Any]:
    """The recipe probe's data when a recipe is active and its directory was found; else {}."""
    r = facts.get("recipe")
    return r if r.get("active") and r.get("dir") else {}


def imports_module(facts: Facts, module: str) -> bool | None:
    """Whether a script of the active recipe, or icefall's import-time code, imports ``module``
    (top-level name); None when no recipe scan is known."""
    mods = facts.get("modules")
    if not active(facts) or not mods.get("scan"):
        return None
    names = [*(mods.get("found") or {}), *(mods.get("missing") or [])]
    return module in {str(n).split(".")[0] for n in names}


def step_rank(step: str) -> tuple[int, int]:
    if step.startswith("prepare stage "):
        try:
            return (0, int(step.rsplit(" ", 1)[1]))
        except ValueError:
            return (0, 99)
    return ({"train": 1, "export": 2, "infer": 3}.get(step, 4), 0)


def python_of(facts: Facts) -> str:
    return facts.python_cmd()


def check_detect(facts: Facts) -> Iterator[Finding]:
    r = facts.get("recipe")
    if not r.get("active"):
        return
    if r.get("dir"):
        yield Finding(
            "recipe.detect",
            Status.OK,
            msg("recipe.detect.ok.title", recipe=r["recipe"], dir=r["dir"]),
        )
        return
    yield Finding(
        "recipe.detect",
        Status.FAIL,
        msg(
            "recipe.detect.nodir.title", recipe=r.get("recipe", "?"), wanted=r.get("wanted_dir", "")
        ),
        msg("recipe.detect.nodir.detail", wanted=r.get("wanted_dir", "")),
        Fix(
            (
                Run(
                    ("icefall-doctor", "check", "--recipe", str(r.get("recipe", ""))),
                    cwd=f"/path/to/icefall/{r.get('wanted_dir', '')}",
                ),
            ),
            msg("recipe.detect.nodir.why"),
        ),
    )


def check_imports(facts: Facts) -> Iterator[Finding]:
    if not active(facts):
        return
    mods = facts.get("modules")
    scan = mods.get("scan") or {}
    missing = set(mods.get("missing") or [])
    by_module: dict[str, list[Site]] = {}
    for site in scan.get("sites") or []:
        if site.get("local") or site["module"] in missing:
            by_module.setdefault(site["module"], []).append(site)
    for module in sorted(by_module, key=lambda m: _first(by_module[m])):
        yield _missing_module(facts, module, by_module[module])
    yield from _requires(facts, missing, set(by_module))
    for step, script in scan.get("missing_entries") or []:
        yield Finding(
            "recipe.imports",
            Status.WARN,
            msg("recipe.entry_missing.title", script=script, step=step),
            msg("recipe.entry_missing.detail"),
            blocks_step=step,
        )
    if not by_module and not (missing & {str(q.get("module")) for q in mods.get("requires") or []}):
        yield _all_resolve(mods, scan)


def _all_resolve(mods: Mapping[str, Any], scan: Mapping[str, Any]) -> Finding:
    """✓ only when a scan read files; else that the scan was skipped, and why."""
    if not scan.get("files"):
        error = str(mods.get("scan_error") or "")
        reason = "error" if error else ("no_files" if scan else "no_scan")
        return Finding(
            "recipe.imports",
            Status.SKIP,
            msg("report.scan.skipped.title", why=msg(f"report.scan.why.{reason}", error=error)),
        )
    found = len(mods.get("found") or {})
    return Finding(
        "recipe.imports", Status.OK, msg("recipe.imports.ok.title", n=found, files=scan["files"])
    )


def _first(sites: list[Site]) -> tuple[int, tuple[int, int]]:
    strong = [s for s in sites if not (s.get("guarded") or s.get("nested"))]
    pool = strong or sites
    return (0 if strong else 1, min(step_rank(s["step"]) for s in pool))


def _missing_module(facts: Facts, module: str, sites: list[Site]) -> Finding:
    strong = [s for s in sites if not (s.get("guarded") or s.get("nested"))]
    pool = sorted(strong or sites, key=lambda s: step_rank(s["step"]))
    site = pool[0]
    if site.get("broken"):
        return _broken_module(module, site, Status.FAIL if strong else Status.WARN)
    steps = sorted({s["step"] for s in sites}, key=step_rank)
    provider = distribution_for(module)
    how = "top" if strong else ("guarded" if site.get("guarded") else "nested")
    later = ", ".join(s for s in steps if s != site["step"])
    if how == "top" and not later:
        how = "top_only"
    params = {
        "module": module,
        "file": site["file"],
        "line": site["line"],
        "entry": site["entry"],
        "step": site["step"],
        "steps": later or "-",
        "distribution": provider.distribution,
    }
    return Finding(
        "recipe.imports",
        Status.FAIL if strong else Status.WARN,
        msg(f"recipe.module.{'local' if site.get('local') else 'missing'}.title", **params),
        msg(f"recipe.module.{how}.detail", **params),
        _module_fix(facts, provider),
        blocks_step=site["step"],
        facts={"sites": pool[:5]},
    )


def _broken_module(module: str, site: Site, status: Status) -> Finding:
    """The recipe's own module is there as a link to nothing (a recipe folder copied without
    the recipes it links into) or as something no one can read: never a pip package."""
    link = str(site["broken"])
    params = {"module": module, "file": site["file"], "line": site["line"], "link": link}
    return Finding(
        "recipe.imports",
        status,
        msg("recipe.module.broken.title", **params),
        msg("recipe.module.broken.detail", **params),
        Fix(
            (Manual(msg("fixer.manual.whole_checkout", link=link)),),
            msg("recipe.broken.why"),
        ),
        blocks_step=site["step"],
        facts={"sites": [site]},
    )


def _module_fix(facts: Facts, provider: Provider) -> Fix:
    r = active(facts)
    if provider.kind == "stage":
        return Fix(
            (prepare_step(str(r["dir"]), int(provider.stage or 0)),),
            msg("recipe.module.fix.stage", stage=provider.stage),
        )
    if provider.kind == "icefall":
        root = str(r["dir"]).rsplit("/egs/", 1)[0]
        return Fix((SetEnv("PYTHONPATH", root, prepend=True),), msg("recipe.module.fix.icefall"))
    if provider.kind == "stack":
        build = k2builds.fitting(facts) if provider.module.split(".")[0] == "k2" else None
        if build is not None:
            why = msg("recipe.module.fix.k2_build", root=build.get("root", ""))
            return Fix(k2builds.export_commands(build), why)
        return Fix((), msg("recipe.module.fix.stack", module=provider.module))
    if provider.kind == "recipe_root":
        return Fix(
            (SetEnv("PYTHONPATH", str(r["dir"]), prepend=True),),
            msg("recipe.module.fix.recipe_root"),
        )
    note = f"recipe.module.note.{provider.note}" if provider.note else "recipe.module.fix.pip"
    if not provider.known:
        note = "recipe.module.fix.guess"
    steps = (install_step(facts, provider),)
    return Fix(steps, msg(note, module=provider.module, distribution=provider.distribution))


def prepare_step(recipe_dir: str, stage: int, *env: tuple[str, str]) -> Run:
    """`./prepare.sh --stage N --stop-stage N` in the recipe directory, run by fix --apply."""
    argv = ("./prepare.sh", "--stage", str(stage), "--stop-stage", str(stage))
    return Run(argv, cwd=recipe_dir, env=env, auto=True, kind="prepare")


def _requires(facts: Facts, missing: set[str], reported: set[str]) -> Iterator[Finding]:
    for req in facts.get("modules").get("requires") or []:
        module = str(req.get("module"))
        if module not in missing or module in reported:
            continue
        provider = distribution_for(module)
        yield Finding(
            "recipe.imports",
            Status.FAIL,
            msg("recipe.requires.title", module=module, step=req.get("step", "")),
            msg(f"recipe.requires.{req.get('reason', 'generic')}", module=module),
            _module_fix(facts, provider),
            blocks_step=str(req.get("step", "")),
        )


def check_commands(facts: Facts) -> Iterator[Finding]:
    r = active(facts)
    if not r:
        return
    commands = r.get("commands") or []
    missing = [c for c in commands if not c.get("found")]
    for c in sorted(missing, key=lambda c: step_rank(c["step"])):
        names = " / ".join(c["names"])
        yield Finding(
            "recipe.commands",
            Status.FAIL,
            msg("recipe.command.missing.title", command=names, step=c["step"]),
            msg("recipe.command.missing.detail", command=names, step=c["step"]),
            _command_fix(facts, c),
            blocks_step=c["step"],
            facts={"in_target_bin": c.get("in_target_bin") or ""},
        )
    if commands and not missing:
        yield Finding("recipe.commands", Status.OK, msg("recipe.command.ok.title", n=len(commands)))


def _command_fix(facts: Facts, c: Mapping[str, Any]) -> Fix:
    name = c["names"][0]
    if c.get("in_target_bin"):  # installed, but the environment is not activated
        bin_dir = os.path.dirname(str(c["in_target_bin"]))
        return Fix(
            (SetEnv("PATH", bin_dir, prepend=True),),
            msg("recipe.command.fix.activate", command=name, bin=bin_dir),
        )
    if c.get("distribution"):
        provider = distribution_for(c["distribution"])
        return Fix((install_step(facts, provider),), msg("recipe.command.fix.pip", command=name))
    if c.get("reason") == "c_compiler":
        return Fix((_apt("build-essential"),), msg("recipe.command.fix.cc"))
    if name == "python":
        return Fix((_apt("python-is-python3"),), msg("recipe.command.fix.python"))
    return Fix((_apt(name),), msg("recipe.command.fix.apt", command=name))


def _apt(package: str) -> Run:
    return Run(("sudo", "apt-get", "install", "-y", package))
