"""What `fix` and `fix --apply` print in a colour terminal, pinned with its ANSI styles: the
plan (steps cyan, what they resolve dim, notes yellow), each step as it starts and ends, a
failed step, and the verdicts (fixed green, still failing red, the closing line bold green when
everything is fixed and bold red when not). Rewrite with UPDATE_SNAPSHOTS=1, then read the
diff."""

from __future__ import annotations

import io

from rich.console import Console

from doctor.fixer import show
from doctor.fixer.apply import Report, StepResult, Verdict
from doctor.shell import Outcome
from tests.golden import matches
from tests.test_fixer_show import OFFLINE, _finding, _steps


def _colour() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=120, color_system="standard", force_terminal=True), out


def test_plan_steps_and_verdicts_in_colour() -> None:
    console, out = _colour()
    torch, export, manual = steps = _steps()
    show.plan(console, steps, "en")
    show.plan(console, [], "en")
    show.step_start(console, 1, 3, torch, "en")
    show.output_line(console, "Collecting torch")
    show.result(console, StepResult(1, torch, "ok"), "en")
    failed = StepResult(2, export, "failed", Outcome(torch.command, 1, f"x\n{OFFLINE}"))
    show.result(console, failed, "en")
    show.failure(console, failed, "en")
    not_all = Report(
        results=(StepResult(1, torch, "ok"), failed),
        verdicts=(
            Verdict(_finding("torch.installed", title="summary.ok"), True),
            Verdict(_finding("icefall.pythonpath"), False),
        ),
        new=(_finding("k2.import", title="target.none.title"),),
        manual=(export, manual),
    )
    show.verdicts(console, not_all, "en")
    all_fixed = Report(
        results=(StepResult(1, torch, "ok"),),
        verdicts=(Verdict(_finding("torch.installed"), True),),
    )
    show.verdicts(console, all_fixed, "en")
    text = out.getvalue()
    assert "\x1b[1;32mEverything the plan touched is fixed." in text
    assert "\x1b[1;31mNot everything is fixed yet." in text
    matches("fixer/colour.txt", text)
