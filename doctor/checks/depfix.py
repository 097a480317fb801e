"""A package that does not import because a module it imports is not installed (lhotse 1.33
imports urllib3 without declaring it): the install that gives it that module."""

from __future__ import annotations

import re

from doctor.facts import Facts
from doctor.findings import Fix, msg
from doctor.fixer import installer
from doctor.k2wheels import valid_url
from doctor.recipe.modules import distribution_for

_NO_MODULE = re.compile(r"^(?:ModuleNotFoundError|ImportError): No module named '([\w.]+)'$")

# Not installed by name here: modules with checks of their own, whose findings carry their way
# out (the k2 plan, torch's index, lilcom's blocked stage), and torch extensions, whose build must
# be the one made for the installed torch (kaldifeat's wheels are named for a torch release).
_OWNED = frozenset(
    {"torch", "torchaudio", "torchvision", "k2", "_k2", "lhotse", "icefall", "lilcom"}
    | {"kaldifeat", "_kaldifeat"}
)


def missing_dependency(facts: Facts, error: str, package: str) -> tuple[Fix | None, dict[str, str]]:
    """The fix and the finding's cause (``module:<name>``, so the problems that one missing
    module breaks are shown as one) when ``error`` ends in a missing module pip can install;
    (None, {}) otherwise."""
    lines = error.strip().splitlines()
    found = _NO_MODULE.match(lines[-1].strip()) if lines else None
    if found is None:
        return None, {}
    provider = distribution_for(found.group(1))
    top = provider.module.split(".")[0]
    if top in _OWNED or provider.kind != "pip" or not provider.known:
        return None, {}
    page = provider.find_links if valid_url(provider.find_links or "") else ""
    step = installer.of(facts).install(provider.requirement, find_links=page)
    why = msg(
        "check.dependency.why", module=top, package=package, distribution=provider.requirement
    )
    return Fix((step,), why), {"cause": f"module:{top.lower()}"}
