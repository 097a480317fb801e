"""A saved report re-judged with `check --from` takes the k2 pages of this run's `--mirror`
(the mirror of where it is read, not of where it was saved)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import findings_by_check, run_json
from tests.test_resolver import CPU_LAPTOP


def _k2_command(tmp_path: Path, options: dict[str, object], *flags: str) -> str:
    facts = json.loads(json.dumps(CPU_LAPTOP))
    facts["context"]["options"] = options
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps({"schema": 1, "facts": facts}))
    _, report = run_json("check", "--from", str(saved), "--only", "k2.plan", *flags)
    main = findings_by_check(report)["k2.plan"][-1]
    assert main["facts"]["changes_stack"] is True and main["facts"]["variant"] == "cpu", main
    return str(main["fix"]["commands"][-1])


def test_the_mirror_of_the_rejudging_run_picks_the_k2_wheel_page(tmp_path: Path) -> None:
    assert _k2_command(tmp_path, {"mirror": None}, "--mirror", "cn").endswith(
        "-f https://k2-fsa.github.io/k2/cpu-cn.html"
    )
    assert _k2_command(tmp_path, {"mirror": "cn"}).endswith(
        "-f https://k2-fsa.github.io/k2/cpu.html"
    )
