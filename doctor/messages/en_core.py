"""Messages of the engine itself: probes that crash or time out, the target interpreter."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "probe.crashed.title": "The {probe} probe crashed in the target Python",
    "probe.crashed.detail": "{interpreter} exited with {how}. Last lines of its stderr:\n{stderr}",
    "probe.crashed.why": "A package imported by this probe is broken; reinstalling it is the usual cure.",
    "probe.timeout.title": "The {probe} probe did not answer within {timeout:g} s",
    "probe.timeout.detail": "{interpreter} was stopped after {timeout:g} s. Last lines of its stderr:\n{stderr}",
    "probe.missing.title": "The target Python {interpreter} cannot be run",
    "probe.missing.detail": "{error}",
    "check.crashed.title": "The check {check} failed inside icefall-doctor",
    "check.crashed.detail": "{error}. This is a bug in icefall-doctor; please report it with --json output.",
    "check.skipped_probe.title": "Skipped: the {probe} probe gave no facts",
    "target.venv.title": "Target Python: {interpreter} (virtual environment {name})",
    "target.conda.title": "Target Python: {interpreter} (conda environment {name})",
    "target.system.title": "Target Python: {interpreter} (system Python)",
    "target.differs.title": "icefall-doctor runs in {doctor}, but the recipes will use {target}",
    "target.differs.detail": "Checks probe {target} (the python3 first on PATH, or --python).",
    "target.none.title": "No python3 on PATH",
    "target.none.detail": "prepare.sh and train.py call python3; activate your environment first.",
    "target.none.why": "The recipe scripts run whatever python3 is first on PATH.",
    "summary.ok": "Nothing blocks training.",
    "summary.blocked": "{n} problem(s) block training.",
    "summary.warn": "{n} warning(s).",
    "summary.counts": "{ok} ok, {warn} warnings, {fail} failures",
    "render.fix": "Fix",
    "render.why": "Why",
    "render.more": "Run with -v for every fact and each probe's time.",
    "render.also": "Also found by: {checks}",
    "render.blocks": "blocks {steps}",
    "summary.next_fix": "Next: `icefall-doctor fix` shows how to fix {n} of them (`fix --apply` runs what it can).",
}
