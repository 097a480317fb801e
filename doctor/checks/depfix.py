"""A package that does not import because a module it imports is not installed (lhotse 1.33
imports urllib3 without declaring it): the install that gives it that module. Also the one
install step of a module map entry, which the recipe checks use too."""

from __future__ import annotations

import re

from doctor.checks.base import torch_cause
from doctor.facts import Facts
from doctor.findings import Fix, msg
from doctor.fixer import installer
from doctor.fixer.steps import Install
from doctor.k2wheels import valid_url
from doctor.recipe.modules import Provider, distribution_for

_NO_MODULE = re.compile(r"^(?:ModuleNotFoundError|ImportError): No module named '([\w.]+)'$")

# Installed by name elsewhere, not here: modules whose checks carry their own way out (torch,
# torchaudio and k2 are kind "stack" in the module map, icefall kind "icefall", so never "pip"
# here), and torch extensions, whose build must be the one made for the installed torch
# (kaldifeat's wheels are named for a torch release).
_OWNED = frozenset({"torchvision", "lhotse", "lilcom", "kaldifeat", "_kaldifeat"})


def install_step(facts: Facts, provider: Provider) -> Install:
    """The install step of a module map entry (doctor/knowledge/modules.toml)."""
    page = provider.find_links if valid_url(provider.find_links or "") else ""
    return installer.of(facts).install(provider.requirement, find_links=page)


def broken_import(facts: Facts, error: str, package: str) -> tuple[Fix | None, dict[str, str]]:
    """The fix and the finding's cause for ``package`` failing to import with ``error``: torch's
    problem when torch's own import fails the same way (its finding has the fix); an install
    when the error ends in a missing module pip can install (``module:<name>``, so what that one
    module breaks is shown as one problem); else neither."""
    cause = torch_cause(facts, error)
    if cause:
        return None, cause
    lines = error.strip().splitlines()
    found = _NO_MODULE.match(lines[-1].strip()) if lines else None
    if found is None:
        return None, {}
    provider = distribution_for(found.group(1))
    top = provider.module.split(".")[0]
    if top in _OWNED or provider.kind != "pip" or not provider.known:
        return None, {}
    why = msg(
        "check.dependency.why", module=top, package=package, distribution=provider.requirement
    )
    return Fix((install_step(facts, provider),), why), {"cause": f"module:{top.lower()}"}
