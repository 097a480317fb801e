"""Inputs of the recipe probes, built from the Context (run in the doctor's process)."""

from __future__ import annotations

from typing import Any

from doctor.context import Context


def recipe_input(ctx: Context) -> dict[str, Any]:
    return {
        "options": {k: ctx.options.get(k) for k in ("recipe", "icefall", "offline")},
        "cwd": ctx.cwd,
        "env": dict(ctx.env),
        "target": ctx.target,
    }


def modules_input(ctx: Context) -> dict[str, Any]:
    """Scan the recipe's scripts here; the target only resolves the names found."""
    from doctor.recipe.gather import scan_payload

    try:
        return scan_payload(ctx.options, ctx.cwd, ctx.env)
    except Exception as exc:  # a scan bug must not stop the other probes
        return {"modules": [], "scan": None, "error": f"{type(exc).__name__}: {exc}"}
