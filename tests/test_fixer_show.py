"""What `fix --apply` prints after its steps ran, word for word, in English and Chinese: the failed
step with its output and what it means, the per-step verdicts, fixed / still failing / new
problems, the steps left to the user and the exports hint."""

from __future__ import annotations

import io

from rich.console import Console

from doctor.findings import Finding, Fix, Status, msg
from doctor.fixer import show
from doctor.fixer.apply import Report, StepResult, Verdict
from doctor.fixer.installer import Installer
from doctor.fixer.plan import PlanStep, build
from doctor.fixer.steps import Manual, SetEnv, Step
from doctor.shell import Outcome
from tests.test_fixer_plan import _facts

PY = "/env/bin/python3"
TORCH = "torch==2.7.1"
OFFLINE = "ERROR: Could not find a version: Max retries exceeded with url: /simple/torch/"


def _finding(check: str, *steps: Step, title: str = "system.shm_small.why") -> Finding:
    return Finding(check, Status.FAIL, msg(title), None, Fix(steps, msg("target.none.why")))


def _console() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=200, color_system=None, force_terminal=False), out


def _steps() -> list[PlanStep]:
    findings = [
        _finding("torch.installed", Installer(PY).install(TORCH)),
        _finding("icefall.pythonpath", SetEnv("PYTHONPATH", "/ice", prepend=True)),
        _finding("nvidia.driver", Manual(msg("fixer.manual.upgrade_driver", needs="525"))),
    ]
    return build(findings, _facts(PY))


def _failure(lang: str) -> str:
    [torch, *_] = _steps()
    outcome = Outcome(torch.command, 1, f"Collecting torch\n{OFFLINE}")
    console, out = _console()
    show.failure(console, StepResult(1, torch, "failed", outcome), lang)
    return out.getvalue()


def test_a_failed_download_shows_its_output_what_it_means_and_the_mirror_advice() -> None:
    lines = _failure("en").strip().splitlines()
    assert lines[0] == f"Step 1 failed (exit code 1): {PY} -m pip install {TORCH}"
    assert lines[1:4] == ["Last lines of its output:", "    Collecting torch", f"    {OFFLINE}"]
    assert "--index-url URL (a PyPI mirror) or --mirror cn" in lines[-1]


def test_the_failure_text_is_chinese_under_lang_zh() -> None:
    out = _failure("zh")
    assert "Last lines" not in out and "mirror)" not in out
    assert "--mirror cn" in out and f"{PY} -m pip install {TORCH}" in out


def _verdicts(lang: str) -> str:
    torch, export, manual = _steps()
    report = Report(
        results=(StepResult(1, torch, "ok"), StepResult(2, export, "failed")),
        verdicts=(
            Verdict(_finding("torch.installed", title="summary.ok"), True),
            Verdict(_finding("icefall.pythonpath"), False),
        ),
        new=(_finding("k2.import", title="target.none.title"),),
        manual=(export, manual),
    )
    console, out = _console()
    show.verdicts(console, report, lang)
    return out.getvalue()


def test_verdicts_name_each_step_each_fixed_and_still_failing_problem_and_what_is_left() -> None:
    from doctor.messages import t

    lines = [line.strip() for line in _verdicts("en").strip().splitlines() if line.strip()]
    export_line = 'export PYTHONPATH=/ice:"$PYTHONPATH"'
    assert lines[:2] == [
        f"step 1 done: {PY} -m pip install {TORCH}",
        f"step 2 failed: {export_line}",
    ]
    assert lines[2] == "fixed: " + t("summary.ok")
    assert lines[3] == "still failing: " + t("system.shm_small.why")
    assert lines[4] == "new problem: " + t("target.none.title")
    assert lines[5] == f"Still to do yourself: {export_line}"
    assert lines[6].startswith("Still to do yourself: ") and "525" in lines[6]
    assert lines[-2].startswith("The exports belong in your shell: `icefall-doctor env-script")
    assert lines[-1] == "Not everything is fixed yet."


def test_verdicts_in_chinese_keep_the_commands_and_drop_the_english() -> None:
    out = _verdicts("zh")
    assert 'export PYTHONPATH=/ice:"$PYTHONPATH"' in out and "icefall-doctor env-script" in out
    for english in ("step 1 done", "fixed:", "still failing", "new problem", "Still to do"):
        assert english not in out


def test_no_exports_left_means_no_shell_hint_and_all_fixed_is_said() -> None:
    torch, _, manual = _steps()
    report = Report(
        results=(StepResult(1, torch, "ok"),),
        verdicts=(Verdict(_finding("torch.installed"), True),),
        manual=(manual,),
    )
    console, out = _console()
    show.verdicts(console, report, "en")
    text = out.getvalue()
    assert "env-script" not in text
    assert text.strip().splitlines()[-1] == "Everything the plan touched is fixed."
