"""An interpreter the probes cannot run in (Python 2, or older than icefall supports): asked for
its version only after its python probe failed, so a working target costs nothing more. The
version query is valid Python 2 and 3."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from doctor import proc
from doctor.facts import ProbeResult
from doctor.findings import Finding, Fix, Status, msg
from doctor.fixer.steps import Run

ID = "python.interpreter"
OLDEST = (3, 8)  # icefall's oldest Python
RECOMMENDED = "3.10"
QUERY = "import sys; sys.stdout.write('%d.%d.%d' % tuple(sys.version_info[:3]))"
TIMEOUT = 10.0
CONTEXT_KEY = "target_version"  # set in Facts.context when the query ran


def version_of(python: str) -> str:
    """``"2.7.18"``; "" when it cannot tell (it does not start, hangs or prints something else)."""
    try:
        done = proc.run_capture([python, "-c", QUERY], data=b"", timeout=TIMEOUT)
    except OSError:
        return ""
    text = done.out.decode("ascii", "replace").strip()
    return text if done.returncode == 0 and re.fullmatch(r"\d+\.\d+\.\d+", text) else ""


def query_when_broken(
    results: Mapping[str, ProbeResult], target: str, context: dict[str, Any]
) -> None:
    """After the probes: when the target's python probe crashed, record its version; when it
    ran but reports a Python older than icefall's oldest (3.6, 3.7), record that one."""
    python = results.get("python")
    if not target or python is None:
        return
    if python.status == "crashed":
        context[CONTEXT_KEY] = version_of(target)
    elif python.ok and too_old({CONTEXT_KEY: python.data.get("version")}):
        context[CONTEXT_KEY] = str(python.data.get("version"))


def too_old(context: Mapping[str, Any]) -> str:
    """The target's version when it is one icefall cannot use, else ""."""
    version = str(context.get(CONTEXT_KEY) or "")
    match = re.match(r"(\d+)\.(\d+)", version)
    parts = (int(match.group(1)), int(match.group(2))) if match else ()
    return version if parts and parts < OLDEST else ""


def finding(version: str, interpreter: str) -> Finding:
    """The one finding for the whole target interpreter."""
    params = {
        "version": version,
        "short": ".".join(version.split(".")[:2]),
        "interpreter": interpreter,
        "oldest": ".".join(map(str, OLDEST)),
        "recommended": RECOMMENDED,
    }
    fix = Fix(
        (
            Run(("conda", "create", "-n", "icefall", f"python={RECOMMENDED}")),
            Run(("conda", "activate", "icefall")),
        ),
        msg("report.py.too_old.why", **params),
    )
    return Finding(
        ID,
        Status.FAIL,
        msg("report.py.too_old.title", **params),
        msg("report.py.too_old.detail", **params),
        fix,
        facts={"version": version, "interpreter": interpreter},
    )
