"""The target Python's version: do torch wheels and k2 CUDA wheels exist for it?"""

from __future__ import annotations

from collections.abc import Iterator

from doctor.checks.torchpick import python_version
from doctor.facts import Facts
from doctor.findings import Finding, Fix, Status, msg
from doctor.fixer.steps import Run
from doctor.knowledge import k2 as k2_knowledge
from doctor.knowledge import torch_builds
from doctor.knowledge.versions import vtuple
from doctor.resolver import wheel_platform

ID = "python.version"
RECOMMENDED = "3.10"


def check_version(facts: Facts) -> Iterator[Finding]:
    full = str(facts.get("python").get("version") or "")
    py = python_version(facts)
    if not py:
        return
    torch_lines = [r["line"] for r in torch_builds.releases() if torch_builds.python_ok(r, py)]
    k2_lines = torch_builds.k2_python_lines(py)
    params = {"version": full, "py": py, "recommended": RECOMMENDED}
    fix = Fix(
        (
            Run(("conda", "create", "-n", "icefall", f"python={RECOMMENDED}")),
            Run(("conda", "activate", "icefall")),
        ),
        msg("pyver.new_env.why", recommended=RECOMMENDED),
    )
    facts_seen = {"torch_lines": torch_lines, "k2_lines": k2_lines}
    if not torch_lines:
        yield Finding(
            ID,
            Status.FAIL,
            msg("pyver.no_torch.title", **params),
            msg("pyver.no_torch.detail", **params),
            fix,
            facts=facts_seen,
        )
        return
    params.update(torch_lo=_lo(torch_lines), torch_hi=_hi(torch_lines))
    if not k2_lines:
        yield Finding(
            ID,
            Status.WARN,
            msg("pyver.no_k2.title", **params),
            msg("pyver.no_k2.detail", **params),
            fix,
            facts=facts_seen,
        )
        return
    params.update(k2_lo=_lo(k2_lines), k2_hi=_hi(k2_lines))
    platform = wheel_platform(facts)
    if not k2_knowledge.load().has_cuda_wheels(platform):  # aarch64, macOS, Windows
        title = msg("pyver.ok_cpu_k2.title", platform=platform, **params)
        yield Finding(ID, Status.OK, title, facts=facts_seen)
        return
    yield Finding(ID, Status.OK, msg("pyver.ok.title", **params), facts=facts_seen)


def _lo(lines: list[str]) -> str:
    return min(lines, key=vtuple)


def _hi(lines: list[str]) -> str:
    return max(lines, key=vtuple)
