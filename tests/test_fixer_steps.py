"""Typed fix steps: what is printed pastes back as the same argv, what is applied is exactly
that argv (a stub target python records it), and no outside string ever reaches a shell."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doctor.console import make_console
from doctor.context import Context
from doctor.findings import Finding, Fix, Status, msg
from doctor.fixer import apply, render, show
from doctor.fixer.plan import PlanStep, build
from doctor.fixer.steps import (
    Alternative,
    Choice,
    Install,
    Manual,
    Run,
    SetEnv,
    Uninstall,
    step_from_json,
    step_to_json,
)
from doctor.k2wheels import parse_page

# any text a path, version or page may hold, NUL aside (no argv can carry it)
WORD = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=["Cs"]), max_size=30)
HOME = os.path.expanduser("~")


def _not_home(word: str) -> bool:
    return not (word == "~" or word.startswith("~/") or word.startswith(HOME))


# words the shell must not expand: `~/…` is the tool's own spelling of the home folder
PLAIN = WORD.filter(lambda w: not (w == "~" or w.startswith("~/")))
WORDS = st.lists(PLAIN, min_size=1, max_size=6)


@given(WORDS)
def test_any_argv_renders_to_a_line_that_splits_back_to_it(words: list[str]) -> None:
    assert shlex.split(render.join(words, home="")) == words


@given(PLAIN, st.lists(PLAIN, max_size=3), st.lists(PLAIN, max_size=2), PLAIN, PLAIN)
def test_any_install_renders_to_its_argv(
    python: str, packages: list[str], reqs: list[str], index: str, page: str
) -> None:
    step = Install(python, tuple(packages), tuple(reqs), index_url=index, find_links=page)
    assert shlex.split(render.line(step, home="")) == render.words(step)
    assert render.words(step)[:4] == [python, "-m", "pip", "install"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORD.filter(lambda w: "\n" not in w), min_size=1, max_size=4), WORD)
def test_a_pasted_line_gives_bash_the_argv_apply_runs(words: list[str], tail: str) -> None:
    """Through a real shell, `~/…` and paths under the home directory expand as apply's do."""
    words = [*words, "~/" + tail, HOME + "/" + tail]
    step = Run(tuple(words))
    pasted = f"printf '%s\\0' {render.line(step)}"
    got = subprocess.run(["bash", "-c", pasted], capture_output=True, check=True).stdout
    assert got.decode("utf-8", "surrogateescape").split("\0")[:-1] == render.argv(step)


def test_set_env_and_run_in_a_directory_paste_back(tmp_path: Path) -> None:
    odd = tmp_path / "我的 目录 $x 'q'"
    odd.mkdir()
    export = SetEnv("PYTHONPATH", str(odd), prepend=True)
    run = Run(("pwd",), cwd=str(odd), env=(("HF_ENDPOINT", "a b$c"),))
    script = f"PYTHONPATH=/old; {render.line(export)}; printf '%s\\n' \"$PYTHONPATH\"; "
    script += render.line(run)
    out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == [f"{odd}:/old", str(odd)]


STUB = """#!{python}
import json, os, sys
with open(os.environ["STUB_LOG"], "a", encoding="utf-8") as f:
    f.write(json.dumps(sys.argv[1:]) + "\\n")
sys.exit(1 if any(a.startswith("torch==") for a in sys.argv) else 0)
"""


def _stub(root: Path) -> Path:
    """A fake target python that records its argv and fails any torch install."""
    where = root / "my env $(x) 我" / "bin"
    where.mkdir(parents=True, exist_ok=True)
    stub = where / "python3"
    stub.write_text(STUB.format(python=sys.executable))
    stub.chmod(0o755)
    return stub


def _recorded(log: Path) -> list[list[str]]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(WORD.filter(_not_home), min_size=1, max_size=3), st.lists(WORD, max_size=2))
def test_apply_runs_exactly_the_argv_it_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, packages: list[str], reqs: list[str]
) -> None:
    stub = _stub(tmp_path)
    log = tmp_path / "argv.jsonl"
    log.unlink(missing_ok=True)
    monkeypatch.setenv("STUB_LOG", str(log))
    step = Install(str(stub), tuple(packages), tuple(r for r in reqs if _not_home(r)))
    outcome = apply.run_step(_plan_step(step), dict(os.environ), str(tmp_path), lambda _: None)
    assert _recorded(log) == [render.argv(step)[1:]]
    assert shlex.split(render.line(step, home=""))[1:] == render.argv(step)[1:]
    assert outcome.returncode == (1 if any(p.startswith("torch==") for p in packages) else 0)


def _plan_step(step: Install | Uninstall | Run) -> PlanStep:
    return PlanStep(step, ("x",), "pip")


HOSTILE = (
    "k2-1.24.4.dev20250807$(touch {marker})+cpu.torch2.7.1-cp310-cp310-linux_x86_64.whl",
    "`touch {marker}`",
    "; touch {marker}",
    "$(touch {marker})",
)


def test_strings_from_a_saved_report_reach_no_shell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report's fix holding shell syntax is read back as typed data and run as argv: the
    stub receives the strings verbatim and nothing they name happens."""
    marker = tmp_path / "X"
    stub = _stub(tmp_path)
    log = tmp_path / "argv.jsonl"
    monkeypatch.setenv("STUB_LOG", str(log))
    hostile = tuple(h.format(marker=marker) for h in HOSTILE)
    fix = Fix(
        (Install(str(stub), hostile, find_links=hostile[2]), Run((str(stub), *hostile))),
        msg("why"),
    )
    back = Fix.from_json(json.loads(json.dumps(fix.to_json())))
    assert back == fix
    env = dict(os.environ)
    for step in back.steps:
        assert isinstance(step, (Install, Run))
        assert apply.run_step(_plan_step(step), env, str(tmp_path), lambda _: None).ok
    assert _recorded(log) == [
        ["-m", "pip", "install", *hostile, "-f", hostile[2]],
        list(hostile),
    ]
    assert not marker.exists()


def test_a_fix_from_an_old_report_is_shown_never_run() -> None:
    old = {"commands": ["python3 -m pip install x && touch /tmp/X"], "why": msg("w").to_json()}
    fix = Fix.from_json(old)
    [step] = fix.steps
    assert isinstance(step, Manual)
    [planned] = build([Finding("c", Status.FAIL, msg("t"), fix=fix)])
    assert not planned.runs
    assert planned.command.startswith("# python3 -m pip install x && touch /tmp/X")


def test_every_step_type_round_trips_through_json() -> None:
    steps = (
        Install("py", ("a==1",), ("r.txt",), "https://i/", "https://e/", "https://f/", ("-U",)),
        Uninstall("py", ("k2",), reason=msg("r")),
        SetEnv("PATH", "/x", prepend=True),
        Run(("a", "b c"), cwd="/d", env=(("K", "v"),), auto=True, kind="prepare"),
        Manual(msg("fixer.manual.hosts_line", line="127.0.1.1 h")),
        Choice(
            (
                Alternative((SetEnv("A", "1"),), msg("a")),
                Alternative((Manual(msg("m")),), msg("b")),
            ),
            msg("why"),
        ),
    )
    for step in steps:
        back = step_from_json(json.loads(json.dumps(step_to_json(step))))
        assert back == step and step_to_json(back) == step_to_json(step)


def _finding(check: str, *steps: Install) -> Finding:
    return Finding(check, Status.FAIL, msg(f"{check}.title"), fix=Fix(steps, msg("why")))


def test_a_failing_torch_step_skips_k2_and_lhotse_and_still_runs_the_independent_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stub = str(_stub(tmp_path))
    log = tmp_path / "argv.jsonl"
    monkeypatch.setenv("STUB_LOG", str(log))
    torch = Install(stub, ("torch==2.7.1", "torchaudio==2.7.1"), index_url="https://t.example/cpu")
    k2 = Install(stub, ("k2==1.24.4.dev20250807+cpu.torch2.7.1",), find_links="https://p/cpu.html")
    findings = [
        _finding("recipe.imports", Install(stub, ("espnet_tts_frontend",))),
        _finding("k2.plan", torch, k2, Install(stub, ("lhotse",), flags=("-U",))),
    ]
    steps = build(findings)
    assert [(s.kind, s.needs) for s in steps] == [
        ("torch", ()),
        ("k2", (1,)),
        ("pip", (1, 2)),
        ("pip", ()),
    ]
    ctx = Context(stub, "--python", sys.executable, str(tmp_path), {})
    out = tmp_path / "out.txt"
    with out.open("w") as stream:
        console = make_console(stream)
        results = apply.run_steps(
            steps,
            ctx,
            on_start=lambda n, s: show.step_start(console, n, len(steps), s, "en"),
            on_line=lambda line: None,
            on_end=lambda r: show.result(console, r, "en"),
        )
    assert [(r.number, r.state, r.blocked_by) for r in results] == [
        (1, "failed", ()),
        (2, "skipped", (1,)),
        (3, "skipped", (1, 2)),
        (4, "ok", ()),
    ]
    assert [a[3:] for a in _recorded(log)] == [
        ["torch==2.7.1", "torchaudio==2.7.1", "--index-url", "https://t.example/cpu"],
        ["espnet_tts_frontend"],
    ]
    said = out.read_text()
    assert "Step 1 failed (exit code 1)" in said
    # the torch index has no mirror: the failure says so, not "retry with --index-url"
    assert "do not apply to this step: PyTorch's CPU and CUDA builds come only from" in said
    assert "retry with --index-url" not in said
    assert "Step 2 skipped: it needs step 1, which did not succeed." in said
    assert "Step 3 skipped: it needs step 1, 2, which did not succeed." in said
    assert "[4/4]" in said and "espnet_tts_frontend" in said


def test_apply_runs_only_the_preferred_alternative_and_says_which(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stub = str(_stub(tmp_path))
    log = tmp_path / "argv.jsonl"
    monkeypatch.setenv("STUB_LOG", str(log))
    choice = Choice(
        (
            Alternative(
                (Uninstall(stub, ("torch",)),), msg("fixer.alt.uninstall_shadow", path="/u")
            ),
            Alternative((Install(stub, ("other",)),), msg("fixer.alt.nousersite")),
        ),
        msg("why"),
    )
    steps = build([Finding("torch.shadow", Status.WARN, msg("t"), fix=Fix((choice,), msg("w")))])
    ctx = Context(stub, "--python", sys.executable, str(tmp_path), {})
    out = tmp_path / "out.txt"
    with out.open("w") as stream:
        console = make_console(stream)
        results = apply.run_steps(
            steps,
            ctx,
            on_start=lambda n, s: show.step_start(console, n, 1, s, "en"),
            on_line=lambda line: None,
        )
    assert [r.state for r in results] == ["ok"]
    assert _recorded(log) == [["-m", "pip", "uninstall", "-y", "torch"]]
    assert "[1/1] chose: Remove the torch in your user site (/u)" in out.read_text()


@given(PLAIN, PLAIN, st.sampled_from(["cpu", "cuda12.6"]))
def test_whatever_a_wheel_page_says_only_inert_versions_reach_a_plan(
    before: str, inserted: str, flavour: str
) -> None:
    """Names with any text spliced into the version are dropped or kept as a PEP 440 version
    that needs no quoting at all: nothing from a page can mean anything to a shell."""
    name = f"k2-1.24.4.dev2025{inserted}0807+{flavour}.torch2.7.1-cp310-cp310-linux_x86_64.whl"
    wheels, dropped = parse_page(f"{before}<a href='{name}'>{name}</a>", "https://p/x.html")
    for w in wheels:
        spec = f"k2=={w.version}"
        assert shlex.quote(spec) == spec and w.page == "https://p/x.html"
        assert render.line(Install("python3", (spec,), find_links=w.page)).split()[-3] == spec
    # unless markup cuts the name in two, it is seen: kept or dropped, never ignored silently
    if not set(urllib.parse.unquote(inserted)) & set("\"'<>\n"):
        assert len(wheels) + len(dropped) >= 1


def test_the_plans_exports_reach_the_steps_apply_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """prepare.sh needs icefall on PYTHONPATH: apply runs it with the plan's exports."""
    recipe = tmp_path / "egs dir"
    recipe.mkdir()
    script = recipe / "prepare.sh"
    script.write_text('#!/bin/sh\nprintf "%s|%s" "$PYTHONPATH" "$*" > seen.txt\n')
    script.chmod(0o755)
    prepare = Run(
        ("./prepare.sh", "--stage", "1", "--stop-stage", "1"),
        cwd=str(recipe),
        auto=True,
        kind="prepare",
    )
    findings = [
        Finding("recipe.stages", Status.WARN, msg("t"), fix=Fix((prepare,), msg("w"))),
        Finding(
            "icefall.found",
            Status.FAIL,
            msg("t"),
            fix=Fix((SetEnv("PYTHONPATH", "/ice fall", prepend=True),), msg("w")),
        ),
    ]
    steps = build(findings)
    ctx = Context(sys.executable, "--python", sys.executable, str(tmp_path), {})
    monkeypatch.delenv("PYTHONPATH", raising=False)
    [result] = apply.run_steps(steps, ctx, on_start=lambda n, s: None, on_line=lambda _: None)
    assert result.state == "ok"
    assert (recipe / "seen.txt").read_text() == "/ice fall|--stage 1 --stop-stage 1"
