"""`icefall-doctor recipes`: the recipes icefall-doctor knows, as shipped with the package."""

from __future__ import annotations

import argparse

from doctor import exitcodes
from doctor.commands.common import add_json_option, add_lang_option
from doctor.console import make_console, write_json
from doctor.findings import msg
from doctor.messages import language, t, text
from doctor.recipe.model import Recipe, all_recipes
from doctor.units import gib


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_json_option(p)
    add_lang_option(p)


def run(ns: argparse.Namespace) -> int:
    return list_recipes(as_json=ns.json, lang=language(ns.lang))


def _row(r: Recipe) -> dict[str, object]:
    ds = r.dataset
    return {
        "name": r.name,
        "dir": r.dir,
        "model": r.model,
        "steps": r.step_order(),
        "dataset": ds.name if ds else "",
        "hours": ds.hours if ds else 0,
        "size": gib(ds.need_bytes) if ds else "?",
    }


def list_recipes(*, as_json: bool, lang: str = "en") -> int:
    rows = [_row(r) for r in all_recipes()]
    if as_json:
        return write_json("recipes", {"recipes": rows}, exitcodes.OK)
    console = make_console()
    console.print(t("recipes.header", lang), highlight=False, soft_wrap=True)
    for row in rows:
        line = "  " + text(msg("recipes.row", **row), lang)
        console.print(line, highlight=False, soft_wrap=True)
    return exitcodes.OK
