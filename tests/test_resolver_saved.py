"""A saved report is re-judged with this run's mirror: `check --from R --mirror cn` gives the -cn
k2 pages whatever the report was saved with, and without it (English output) the plain pages."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import findings_by_check, run_json
from tests.test_resolver import CPU_LAPTOP, RTX_3070TI, _with, plan_of


def _k2_command(tmp_path: Path, options: dict[str, object], *flags: str) -> str:
    facts = json.loads(json.dumps(CPU_LAPTOP))
    facts["context"]["options"] = options
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps({"schema": 1, "facts": facts}))
    _, report = run_json("check", "--from", str(saved), "--only", "k2.plan", *flags)
    main = findings_by_check(report)["k2.plan"][-1]
    assert main["facts"]["changes_stack"] is True and main["facts"]["variant"] == "cpu", main
    return str(main["fix"]["commands"][-1])


def test_this_runs_mirror_picks_the_k2_wheel_page(tmp_path: Path) -> None:
    cn, plain = (
        "-f https://k2-fsa.github.io/k2/cpu-cn.html",
        "-f https://k2-fsa.github.io/k2/cpu.html",
    )
    assert _k2_command(tmp_path, {"mirror": None}, "--mirror", "cn").endswith(cn)
    assert _k2_command(tmp_path, {"mirror": "cn"}, "--mirror", "none").endswith(plain)
    assert _k2_command(tmp_path, {"mirror": "cn"}).endswith(plain)
    assert _k2_command(tmp_path, {"mirror": None}, "--lang", "zh").endswith(cn)


def test_a_working_stack_is_kept_and_the_json_names_the_installed_k2(tmp_path: Path) -> None:
    """The plan a script reads from `check --json` for a machine whose torch and CUDA k2 work:
    the k2 version is the installed one, nothing changes, no source build."""
    k2 = {
        "found": True,
        "import_ok": True,
        "python": "3.10",
        "build": {
            "with_cuda": True,
            "cuda_version": "12.6",
            "torch_version": "2.7.1+cu126",
            "version": "1.24.4.dev20250630",
        },
        "ops": {"cpu": {"ok": True}},
    }
    main = plan_of(tmp_path, _with(RTX_3070TI, "k2", k2))[0]
    assert main["status"] == "ok"
    assert main["title_text"] == (
        "torch 2.7.1 (CUDA 12.6) and k2 fit this machine; nothing to install"
    )
    facts = main["facts"]
    assert (facts["torch"], facts["variant"], facts["k2"]) == (
        "2.7.1",
        "12.6",
        "1.24.4.dev20250630",
    )
    assert facts["keep_torch"] is True and facts["changes_stack"] is False
    assert facts["source_build"] is False and facts["commands"] == []
