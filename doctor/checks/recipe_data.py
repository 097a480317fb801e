"""Recipe checks: the dataset, prepare.sh's stages, training settings, the export step."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from doctor.checks.recipe import active, prepare_step, python_of
from doctor.facts import Facts
from doctor.findings import Finding, Fix, Msg, Status, msg
from doctor.fixer import mirror
from doctor.fixer.steps import Action, Alternative, Choice, Run
from doctor.knowledge.versions import onnx_export_needs_legacy
from doctor.messages import catalog
from doctor.msgtype import joined
from doctor.recipe import resources
from doctor.units import gib

DEFAULT_EPOCHS = 2000  # the README's training command


def check_dataset(facts: Facts) -> Iterator[Finding]:
    r = active(facts)
    ds = r.get("dataset") if r else None
    if not ds:
        return
    params = {
        "name": ds["name"],
        "path": ds["path"],
        "hours": ds.get("hours", 0),
        "licence": ds.get("licence", ""),
    }
    if ds.get("broken_link"):
        yield Finding(
            "recipe.dataset",
            Status.FAIL,
            msg("recipe.dataset.broken_link.title", **params),
            msg("recipe.dataset.broken_link.detail", target=ds.get("symlink", "?"), **params),
            _manual_fix(r, ds, mirror.of(facts)),
            blocks_step="prepare stage 1",
        )
    elif ds.get("complete"):
        yield Finding(
            "recipe.dataset",
            Status.OK,
            msg("recipe.dataset.ok.title", **params),
            msg(f"recipe.dataset.licence.{params['licence'] or 'unknown'}"),
        )
    elif ds.get("present") and _consistent(ds.get("pairs") or {}):
        yield _subset(ds, params)
    elif ds.get("present"):
        failed = [t for t in ds.get("tests") or [] if not t.get("ok")]
        pairs = ds.get("pairs") or {}
        detail = "holes" if pairs.get("labels_readable") else "detail"
        yield Finding(
            "recipe.dataset",
            Status.FAIL,
            msg("recipe.dataset.incomplete.title", **params),
            msg(
                f"recipe.dataset.incomplete.{detail}",
                problems=_problems(failed),
                **params,
                **_holes(pairs),
            ),
            _manual_fix(r, ds, mirror.of(facts)),
            blocks_step="prepare stage 1",
            facts={"tests": failed, "pairs": ds.get("pairs")},
        )
    else:
        yield from _absent(r, ds, params, mirror.of(facts))


def _consistent(pairs: Mapping[str, Any]) -> bool:
    """Every labelled utterance has its (whole) audio and every audio file its label."""
    holes = ("labels_without_audio", "audio_without_labels", "truncated")
    return bool(pairs.get("labels_readable") and pairs.get("labels")) and not any(
        pairs.get(h) for h in holes
    )


def _subset(ds: Mapping[str, Any], params: dict[str, Any]) -> Finding:
    pairs = ds["pairs"]
    want = max([int(t.get("want") or 0) for t in ds.get("tests") or []] or [0])
    seconds = float(pairs.get("seconds") or 0)
    size = {"n": pairs["labels"], "want": want or "?", "minutes": round(seconds / 60, 1)}
    return Finding(
        "recipe.dataset",
        Status.WARN,
        msg("recipe.dataset.subset.title", **params, **size),
        msg("recipe.dataset.subset.detail", **params, **size),
        facts={"pairs": pairs},
    )


def _holes(pairs: Mapping[str, Any]) -> dict[str, Any]:
    """Counts and example ids of each hole between labels and audio."""
    examples = pairs.get("examples") or {}
    out: dict[str, Any] = {}
    for key, short in (("labels_without_audio", "la"), ("audio_without_labels", "al")):
        out[short] = pairs.get(key, 0)
        out[f"ex_{short}"] = ", ".join(examples.get(key) or []) or "-"
    out["tr"] = pairs.get("truncated", 0)
    out["ex_tr"] = ", ".join(examples.get("truncated") or []) or "-"
    return out


def _problems(failed: list[Mapping[str, Any]]) -> Msg | str:
    """The failed tests as one phrase: "a; b; c", each part a catalog message."""
    parts = [
        msg("dataset.problem.glob", glob=t["glob"], found=t["found"], want=t["want"])
        if "glob" in t
        else msg("dataset.problem.missing", file=t["file"])
        for t in failed
    ]
    return joined(parts, "dataset.problem.join")


def _absent(
    r: Mapping[str, Any], ds: Mapping[str, Any], params: dict[str, Any], where: str | None
) -> Iterator[Finding]:
    free, need = ds.get("free"), int(ds.get("need") or 0)
    space = {"free": gib(free), "need": gib(need)}
    if free is not None and free < need:
        yield Finding(
            "recipe.dataset",
            Status.FAIL,
            msg("recipe.dataset.no_space.title", **params, **space),
            msg("recipe.dataset.no_space.detail", **params, **space),
            blocks_step="prepare stage 0",
        )
    reach = ds.get("reach")
    # lhotse's download ignores HF_ENDPOINT: with --mirror cn the way round it is the fix.
    url = str(ds.get("url", ""))
    cn = _manual_fix(r, ds, where) if mirror.hf_url(url, where) != url else None
    if r.get("offline"):
        yield Finding(
            "recipe.dataset",
            Status.WARN,
            msg("recipe.dataset.absent.title", **params),
            msg("recipe.dataset.offline.detail", url=ds.get("url", ""), **space),
            cn,
        )
    elif reach and not reach.get("ok"):
        yield Finding(
            "recipe.dataset",
            Status.FAIL,
            msg("recipe.dataset.unreachable.title", **params),
            msg(
                "recipe.dataset.unreachable.detail",
                url=reach.get("url", ""),
                error=reach.get("error") or reach.get("status"),
                **space,
            ),
            _manual_fix(r, ds, where),
            blocks_step="prepare stage 0",
            facts={"reach": reach},
        )
    else:
        yield Finding(
            "recipe.dataset",
            Status.WARN,
            msg("recipe.dataset.absent.title", **params),
            msg("recipe.dataset.download.detail", url=ds.get("url", ""), **space),
            cn,
        )


def what(text: str) -> Msg | str:
    """What a prepare.sh stage does (a recipe file's `what`), as a catalog phrase where the
    catalog has one, so that it reads in the user's language; file names stay as they are."""
    key = "recipe.what." + re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return msg(key) if key in catalog("en") else text


def _manual_fix(r: Mapping[str, Any], ds: Mapping[str, Any], where: str | None) -> Fix:
    """Download the corpus by hand (from the mirror with --mirror cn, since lhotse's download
    names huggingface.co itself and ignores HF_ENDPOINT), or link a copy already on disk; both
    as prepare.sh's comments describe."""
    recipe_dir = str(r["dir"])
    path = str(ds["path"])
    url = str(ds.get("url", ""))
    on_mirror = mirror.hf_url(url, where)
    if ds.get("mirror_option") and on_mirror == url:
        step = prepare_step(recipe_dir, 0)
        step = replace(step, argv=(*step.argv, *str(ds["mirror_option"]).split()))
        return Fix((step,), msg("recipe.dataset.fix.mirror"))
    parent, leaf = path.rsplit("/", 1)
    name = ds.get("name", "")
    auto = on_mirror != url  # fix --apply downloads from the mirror; the original did not answer
    fetch: list[Action] = [Run(("wget", "-c", on_mirror, "-P", parent), recipe_dir, auto=auto)]
    archive = str(ds.get("archive") or "")
    if ".tar" in archive:
        unpack = ("tar", "xf", f"{parent}/{archive}", "-C", parent)
        fetch.append(Run(unpack, recipe_dir, auto=auto))
    link = Run(("ln", "-sfv", f"/path/to/{leaf}", path), cwd=recipe_dir)
    download = msg("recipe.dataset.alt.download", name=name, url=on_mirror, dir=parent)
    choice = Choice(
        (
            Alternative(tuple(fetch), download),
            Alternative((link,), msg("recipe.dataset.alt.link", name=name, path=path)),
        )
    )
    why = "cn" if on_mirror != url else "manual"
    return Fix((choice,), msg(f"recipe.dataset.fix.{why}", name=name, url=url))


def check_stages(facts: Facts) -> Iterator[Finding]:
    r = active(facts)
    states = r.get("stages") if r else None
    if not states:
        return
    done = [s["n"] for s in states if s["state"] == "done"]
    nxt = next((s for s in states if s["state"] != "done"), None)
    if nxt is None:
        yield Finding(
            "recipe.stages", Status.OK, msg("recipe.stages.all_done.title", n=len(states))
        )
    else:
        yield Finding(
            "recipe.stages",
            Status.OK,
            msg("recipe.stages.next.title", done=_ranges(done), n=nxt["n"], what=what(nxt["what"])),
            facts={"stages": [[s["n"], s["state"]] for s in states]},
        )
    for s in (s for s in states if s["state"] == "partial"):
        n = s["n"]
        yield Finding(
            "recipe.stages",
            Status.WARN,
            msg("recipe.stages.partial.title", n=n, what=what(s["what"])),
            msg(
                "recipe.stages.partial.detail",
                present=", ".join(s["present"]),
                missing=", ".join(s["missing"]),
            ),
            Fix(_rerun(str(r["dir"]), n, s["present"]), msg("recipe.stages.partial.why")),
            blocks_step=f"prepare stage {n}",
        )


def _rerun(recipe_dir: str, n: int, present: list[str]) -> tuple[Run, ...]:
    """Remove the stage's own .done markers (never data), then run the stage again."""
    markers = tuple(p for p in present if p.rsplit("/", 1)[-1].startswith("."))
    rm = (Run(("rm", "-f", *markers), cwd=recipe_dir, auto=True, kind="prepare"),)
    return (*(rm if markers else ()), prepare_step(recipe_dir, n))


def _ranges(numbers: list[int]) -> Msg | str:
    if not numbers:
        return msg("k2.phrase.none")
    out, start, prev = [], numbers[0], numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(str(start) if start == prev else f"{start}..{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(out)


def check_resources(facts: Facts) -> Iterator[Finding]:
    r = active(facts)
    if not r or "train" not in (r.get("steps") or []):
        return
    rec = resources.recommend(facts)
    flags = (
        f"--max-duration {rec.max_duration} --num-workers {rec.num_workers} "
        f"--world-size {rec.world_size}"
    )
    params: dict[str, Any] = {"max_duration": rec.max_duration, "world": rec.world_size}
    for _, p in rec.reasons:
        params.update(p)
    keys = [k for k, _ in rec.reasons]
    mode = "torch_no_cuda" if "torch_no_cuda" in keys else "gpu" if "gpu" in keys else "cpu"
    if mode == "gpu" and rec.world_size > 1:
        mode = "ddp"
    if mode == "gpu" and "no_nccl" in keys:
        mode = "no_nccl"
    yield Finding(
        "recipe.resources",
        Status.OK,
        msg("recipe.resources.title", flags=flags),
        msg(f"recipe.resources.detail.{mode}", **params),
        blocks_step="train",
        facts=rec.to_json(),
    )
    free = (r.get("dataset") or {}).get("free")
    need = resources.checkpoint_bytes(DEFAULT_EPOCHS, 10)
    if free is not None and free < need:
        yield Finding(
            "recipe.resources",
            Status.WARN,
            msg(
                "recipe.resources.disk.title", free=gib(free), need=gib(need), epochs=DEFAULT_EPOCHS
            ),
            msg("recipe.resources.disk.detail"),
            blocks_step="train",
        )


def check_export(facts: Facts) -> Iterator[Finding]:
    r = active(facts)
    if not r or "export" not in (r.get("steps") or []):
        return
    version = facts.get("torch").get("version") or (facts.get("modules").get("versions") or {}).get(
        "torch"
    )
    if not onnx_export_needs_legacy(version):
        return
    code = (
        "import functools, os, runpy, sys, torch; "
        "torch.onnx.export = functools.partial(torch.onnx.export, dynamo=False); "
        "sys.argv = sys.argv[1:]; "
        "sys.path.insert(0, os.path.dirname(os.path.realpath(sys.argv[0]))); "
        'runpy.run_path(sys.argv[0], run_name="__main__")'
    )
    script = f"./{(r.get('export_scripts') or ['export_onnx.py'])[0]}"
    wrapper = Run(
        (python_of(facts), "-c", code, script, "--exp-dir", "<exp-dir>", "--epoch", "<N>"),
        cwd=str(r["dir"]),
    )
    yield Finding(
        "recipe.export",
        Status.WARN,
        msg("recipe.export.dynamo.title", version=str(version)),
        msg("recipe.export.dynamo.detail", version=str(version)),
        Fix((wrapper,), msg("recipe.export.dynamo.why")),
        blocks_step="export",
    )
