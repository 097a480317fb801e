"""The plan: order, de-duplication, the target's pip, --index-url, --mirror cn, and the exact
plan for the machine of the baker_zh write-up."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from doctor import resolver
from doctor.facts import Facts, ProbeResult
from doctor.findings import Finding, Fix, Status, msg
from doctor.fixer.installer import Installer
from doctor.fixer.plan import PlanStep, build
from doctor.fixer.steps import Alternative, Choice, Install, Manual, Run, SetEnv, Step, covers
from tests.helpers import run_cli

PY = "/home/u/miniconda3/envs/matcha/bin/python3"
TOOL = Installer(PY)
K2_CUDA = "https://k2-fsa.github.io/k2/cuda.html"


def _finding(check: str, *steps: Step, status: Status = Status.FAIL) -> Finding:
    return Finding(check, status, msg(f"{check}.title"), None, Fix(steps, msg("why")))


def _facts(python: str = PY) -> Facts:
    probe = ProbeResult("python", "ok", {"executable": python, "version": "3.10.12"})
    return Facts(probes={"python": probe}, context={"target": python})


def _commands(steps: list[PlanStep]) -> list[str]:
    return [s.command for s in steps]


def _prepare(stage: int) -> Run:
    argv = ("./prepare.sh", "--stage", str(stage), "--stop-stage", str(stage))
    return Run(argv, cwd="/ice/egs/baker_zh/TTS", auto=True, kind="prepare")


def test_order_dedup_and_resolves() -> None:
    findings = [
        _finding("recipe.modules", TOOL.install("espnet_tts_frontend")),
        _finding("icefall.pythonpath", SetEnv("PYTHONPATH", "/ice", prepend=True)),
        _finding("k2.import", TOOL.install("k2==1.24.4", find_links=K2_CUDA)),
        _finding("torch.cuda", TOOL.install("torch==2.7.1", "torchaudio==2.7.1")),
        _finding("k2.stale", TOOL.uninstall("k2")),
        _finding("recipe.monotonic_align", _prepare(-1)),
        _finding("lhotse.version", TOOL.install("lhotse", flags=("-U",)), status=Status.WARN),
        _finding("recipe.lhotse", TOOL.install("git+https://github.com/lhotse-speech/lhotse")),
        _finding("system.nofile", Run(("ulimit", "-n", "65536")), status=Status.WARN),
        _finding("system.ok", TOOL.install("never"), status=Status.OK),
    ]
    steps = build(findings, _facts())
    assert [(s.kind, s.resolves, s.needs) for s in steps] == [
        ("uninstall", ("k2.stale",), ()),
        ("torch", ("torch.cuda",), ()),
        ("k2", ("k2.import",), (1, 2)),
        ("pip", ("recipe.modules",), ()),
        ("pip", ("lhotse.version", "recipe.lhotse"), (2, 3)),  # one lhotse spec
        ("export", ("icefall.pythonpath",), ()),
        ("prepare", ("recipe.monotonic_align",), ()),
        ("manual", ("system.nofile",), ()),
    ]
    assert steps[0].command == f"{PY} -m pip uninstall -y k2"
    assert steps[4].command == f"{PY} -m pip install -U lhotse"
    assert all(s.command.startswith(PY) for s in steps[:5])
    assert steps[5].command == 'export PYTHONPATH=/ice:"$PYTHONPATH"'
    assert steps[6].command == "cd /ice/egs/baker_zh/TTS && ./prepare.sh --stage -1 --stop-stage -1"
    assert [s.runs for s in steps] == [True] * 5 + [False, True, False]


def test_one_requirements_install_and_one_export() -> None:
    reqs = TOOL.install(requirements=("/ice/requirements.txt",))
    export = SetEnv("PYTHONPATH", "/a/我的 目录/icefall", prepend=True)
    findings = [
        _finding("k2.plan", TOOL.install("lhotse", flags=("-U",)), reqs),
        _finding("icefall.requirements", reqs),
        _finding("recipe.imports", TOOL.install(requirements=("/ice/requirements.txt",))),
        _finding("icefall.found", export),
        _finding("recipe.imports.icefall", SetEnv("PYTHONPATH", "/a/我的 目录/icefall", True)),
    ]
    steps = build(findings, _facts())
    assert _commands(steps) == [
        f"{PY} -m pip install -U lhotse",
        f"{PY} -m pip install -r /ice/requirements.txt",
        "export PYTHONPATH='/a/我的 目录/icefall':\"$PYTHONPATH\"",
    ]
    assert steps[1].resolves == ("k2.plan", "icefall.requirements", "recipe.imports")
    assert steps[2].resolves == ("icefall.found", "recipe.imports.icefall")


def test_index_url_goes_on_every_install_and_the_torch_index_says_it_has_no_mirror() -> None:
    torch = TOOL.install("torch==2.7.1", index_url="https://download.pytorch.org/whl/cu126")
    findings = [
        _finding("torch.cuda", torch),
        _finding("recipe.modules", TOOL.install("jieba")),
    ]
    plain = build(findings, _facts())
    assert plain[1].command == f"{PY} -m pip install jieba" and not plain[0].notes
    mirrored = build(findings, _facts(), index_url="https://mirror.example/simple")
    assert _commands(mirrored) == [
        f"{PY} -m pip install torch==2.7.1 --index-url https://download.pytorch.org/whl/cu126",
        f"{PY} -m pip install jieba --index-url https://mirror.example/simple",
    ]
    [note] = mirrored[0].notes
    assert note.key == "fixer.plan.no_mirror"
    assert note.params["url"] == "https://download.pytorch.org/whl/cu126"


def test_mirror_cn_uses_the_cn_pages_and_hf_endpoint() -> None:
    findings = [
        _finding(
            "k2.import",
            TOOL.install("k2==1.24.4", find_links="https://k2-fsa.github.io/k2/cpu.html"),
        ),
        _finding("recipe.data", _prepare(0)),
    ]
    assert _commands(build(findings, _facts(), mirror="cn")) == [
        f"{PY} -m pip install k2==1.24.4 -f https://k2-fsa.github.io/k2/cpu-cn.html",
        "cd /ice/egs/baker_zh/TTS && HF_ENDPOINT=https://hf-mirror.com"
        " ./prepare.sh --stage 0 --stop-stage 0",
    ]


def test_a_target_path_with_spaces_is_quoted() -> None:
    tool = Installer("/opt/my env/bin/python3")
    steps = build([_finding("x.y", tool.install("jieba"))], _facts("/opt/my env/bin/python3"))
    assert steps[0].command == "'/opt/my env/bin/python3' -m pip install jieba"
    assert steps[0].kind == "pip"


def test_a_choice_is_one_step_with_its_alternatives_not_numbered_steps() -> None:
    choice = Choice(
        (
            Alternative((TOOL.uninstall("torch"),), msg("fixer.alt.uninstall_shadow", path="/u")),
            Alternative((SetEnv("PYTHONNOUSERSITE", "1"),), msg("fixer.alt.nousersite")),
        ),
        msg("why"),
    )
    [step] = build([_finding("torch.shadow", choice)], _facts())
    assert step.kind == "uninstall" and step.runs
    assert step.lines() == [
        "Do one of these, not both:",
        "  a) Remove the torch in your user site (/u) (preferred: fix --apply does this one)",
        f"      {PY} -m pip uninstall -y torch",
        "  b) Keep it, and hide the user site from this shell only",
        "      export PYTHONNOUSERSITE=1",
    ]
    manual_first = Choice(tuple(reversed(choice.alternatives)), msg("why"))
    assert not build([_finding("torch.shadow", manual_first)], _facts())[0].runs


def test_a_source_build_stays_manual_and_in_order() -> None:
    fix = (
        TOOL.uninstall("k2"),
        Run(("git", "clone", "https://github.com/k2-fsa/k2.git", "~/k2")),
        Run(("make", "-j4"), cwd="~/k2/build_release"),
        SetEnv("PYTHONPATH", "~/k2/build_release/lib", prepend=True),
    )
    steps = build(
        [
            _finding("k2.import", *fix),
            _finding("icefall.pythonpath", SetEnv("PYTHONPATH", "/ice", prepend=True)),
        ],
        _facts(),
    )
    assert [s.kind for s in steps] == ["uninstall", "export", "export", "manual", "manual"]
    assert _commands(steps)[3:] == [
        'git clone https://github.com/k2-fsa/k2.git "$HOME"/k2',
        'cd "$HOME"/k2/build_release && make -j4',
    ]
    assert steps[1].command == 'export PYTHONPATH="$HOME"/k2/build_release/lib:"$PYTHONPATH"'


def test_manual_words_are_never_run() -> None:
    [step] = build([_finding("x", Manual(msg("fixer.manual.activate_env")))], _facts())
    assert not step.runs and step.command.startswith("# Activate the conda env")


# The machine of the baker_zh write-up: RTX 3070 Ti (sm_86), driver 550 (CUDA 12.4), conda env
# with Python 3.10, nothing installed yet, icefall cloned but not on PYTHONPATH. The k2 finding
# carries what doctor.resolver.resolve() plans for these facts (computed below when the resolver
# is there; the other findings are built by hand, as their checks are still being written).
WRITEUP_FACTS: dict[str, dict[str, Any]] = {
    "python": {
        "version": "3.10.12",
        "executable": PY,
        "env_kind": "conda",
        "prefix": "/home/u/miniconda3/envs/matcha",
    },
    "system": {"os": "Linux", "machine": "x86_64"},
    "nvidia": {
        "gpus": [{"name": "NVIDIA GeForce RTX 3070 Ti", "compute_capability": "8.6"}],
        "cuda_driver_version": "12.4",
        "driver": "550.142",
    },
    "k2": {"found": False},
    "lhotse": {"installed": False},
    "icefall": {"root": "/home/u/icefall", "on_pythonpath": False, "is_checkout": True},
}


def _writeup_facts() -> Facts:
    probes = {n: ProbeResult(n, "ok", d) for n, d in WRITEUP_FACTS.items()}
    return Facts(probes=probes, context={"target": PY, "target_source": "PATH"})


def _writeup_findings(facts: Facts) -> list[Finding]:
    plan = resolver.resolve(facts)
    tool = Installer("python3")
    piper = "https://k2-fsa.github.io/icefall/piper_phonemize.html"
    return [
        _finding("k2.import", *plan.steps),
        _finding("lhotse.installed", tool.install("lhotse", flags=("-U",))),
        _finding("icefall.pythonpath", SetEnv("PYTHONPATH", "/home/u/icefall", prepend=True)),
        _finding(
            "icefall.requirements", tool.install(requirements=("/home/u/icefall/requirements.txt",))
        ),
        _finding(
            "recipe.modules",
            tool.install("espnet_tts_frontend"),
            tool.install("piper_phonemize", find_links=piper),
        ),
        _finding(
            "recipe.monotonic_align",
            Run(
                ("./prepare.sh", "--stage", "-1", "--stop-stage", "-1"),
                cwd="/home/u/icefall/egs/baker_zh/TTS",
                auto=True,
                kind="prepare",
            ),
        ),
    ]


def test_plan_for_the_writeup_machine_is_exactly_the_expected_list() -> None:
    facts = _writeup_facts()
    steps = build(_writeup_findings(facts), facts)
    # without the wheel page in the facts the k2 date is a placeholder: shown, never run
    assert [s.runs for s in steps] == [True, False, True, True, True, True, False, True]
    pip = "python3 -m pip"  # the python3 on PATH is the target: what the user pastes
    assert [s.needs for s in steps] == [(), (1,), (1, 2), (1, 2), (), (), (), ()]
    assert [(s.command, s.resolves) for s in steps] == [
        (
            f"{pip} install torch==2.12.0 torchaudio==2.11.0 --index-url https://download.pytorch.org/whl/cu126",
            ("k2.import",),
        ),
        (
            f"{pip} install k2==1.24.4.devYYYYMMDD+cuda12.6.torch2.12.0 -f https://k2-fsa.github.io/k2/cuda.html",
            ("k2.import",),
        ),
        (f"{pip} install -U lhotse", ("k2.import", "lhotse.installed")),
        (f"{pip} install -r /home/u/icefall/requirements.txt", ("icefall.requirements",)),
        (f"{pip} install espnet_tts_frontend", ("recipe.modules",)),
        (
            f"{pip} install piper_phonemize -f https://k2-fsa.github.io/icefall/piper_phonemize.html",
            ("recipe.modules",),
        ),
        ('export PYTHONPATH=/home/u/icefall:"$PYTHONPATH"', ("icefall.pythonpath",)),
        (
            "cd /home/u/icefall/egs/baker_zh/TTS && ./prepare.sh --stage -1 --stop-stage -1",
            ("recipe.monotonic_align",),
        ),
    ]


def test_fix_from_a_saved_report_prints_the_plan_and_runs_nothing(tmp_path: Path) -> None:
    facts = Facts(context={"target": ""})  # no python3 on PATH: python.target fails
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps({"schema": 1, "facts": facts.to_json(), "findings": []}))
    proc = run_cli("fix", "--from", str(saved), "--only", "python.target", "--json")
    assert proc.returncode == 1, proc.stderr
    [step] = json.loads(proc.stdout)["steps"]
    assert step["resolves"] == ["python.target"] and step["kind"] == "manual"
    assert step["command"].startswith("# Activate the conda env") and step["runs"] is False
    assert step["step"]["type"] == "manual"
    shown = run_cli("fix", "--from", str(saved), "--only", "python.target")
    assert " 1. # Activate the conda env" in shown.stdout
    assert "(run this yourself)" in shown.stdout
    assert "Nothing was run" in shown.stdout
    refused = run_cli("fix", "--from", str(saved), "--apply")
    assert refused.returncode == 2 and "needs this machine's facts" in refused.stderr


def test_fix_from_the_writeup_facts_with_the_registered_checks(tmp_path: Path) -> None:
    """The same machine through `fix --from`: every registered check judges the recorded facts
    (no recipe facts recorded, so only the install and PYTHONPATH findings fire)."""
    saved = tmp_path / "writeup.json"
    saved.write_text(json.dumps({"schema": 1, "facts": _writeup_facts().to_json()}))
    proc = run_cli("fix", "--from", str(saved), "--json", "--mirror", "cn")
    assert proc.returncode == 1, proc.stderr
    steps = [(s["command"], s["resolves"], s["runs"]) for s in json.loads(proc.stdout)["steps"]]
    pip = "python3 -m pip"
    torch = "torch==2.12.0 torchaudio==2.11.0 --index-url https://download.pytorch.org/whl/cu126"
    tuna = "--index-url https://pypi.tuna.tsinghua.edu.cn/simple"  # --mirror cn: the PyPI mirror
    k2 = f"k2==1.24.4.devYYYYMMDD+cuda12.6.torch2.12.0 {tuna} -f https://k2-fsa.github.io/k2/cuda-cn.html"
    assert steps == [
        (f"{pip} install {torch}", ["k2.plan"], True),  # PyTorch's own index: no mirror
        (f"{pip} install {k2}", ["k2.plan"], False),
        (f"{pip} install -U lhotse {tuna}", ["k2.plan", "lhotse.version"], True),
        ('export PYTHONPATH=/home/u/icefall:"$PYTHONPATH"', ["icefall.found"], False),
    ]


def test_the_k2_plans_torch_install_supersedes_other_torch_installs() -> None:
    url = "https://download.pytorch.org/whl/cpu"
    stack = TOOL.install("torch==2.12.0", "torchaudio==2.11.0", index_url=url)
    findings = [
        _finding(
            "torch.torchaudio",
            TOOL.install("torchaudio==2.11.0", flags=("--no-deps",), index_url=url),
        ),
        _finding("k2.plan", stack, TOOL.install("lhotse", flags=("-U",))),
    ]
    steps = build(findings, _facts())
    torch_steps = [s for s in steps if s.kind == "torch"]
    assert [s.step for s in torch_steps] == [stack]
    assert torch_steps[0].resolves == ("k2.plan", "torch.torchaudio")


def test_without_a_k2_plan_each_torch_fix_stays() -> None:
    findings = [
        _finding("torch.torchaudio", TOOL.install("torchaudio==2.11.0")),
        _finding("torch.shadow", TOOL.uninstall("torch")),
    ]
    assert len(build(findings, _facts())) == 2


def _lhotse_missing_report(tmp_path: Path, python: str) -> Path:
    """A saved report of ``python`` without lhotse: the one-step plan `pip install -U lhotse`."""
    probes = {
        "python": ProbeResult("python", "ok", {"executable": python, "version": "3.10.12"}),
        "lhotse": ProbeResult("lhotse", "ok", {"installed": False}),
    }
    facts = Facts(probes=probes, context={"target": python, "target_source": "--python"})
    saved = tmp_path / "r.json"
    saved.write_text(json.dumps({"schema": 1, "facts": facts.to_json()}))
    return saved


def test_a_saved_reports_home_relative_python_still_expands_when_pasted(tmp_path: Path) -> None:
    """Reports show the home folder as ~: the plan prints it as "$HOME", which a shell expands."""
    python = "~/miniconda3/envs/my env/bin/python3"
    saved = _lhotse_missing_report(tmp_path, python)
    proc = run_cli("fix", "--from", str(saved), "--only", "lhotse.version", "--json")
    [step] = json.loads(proc.stdout)["steps"]
    assert (
        step["command"]
        == """"$HOME"'/miniconda3/envs/my env/bin/python3' -m pip install -U lhotse"""
    )


@pytest.mark.parametrize(
    "url", ["http://x/$(id)", "file://srv/simple", "file:///srv/a b", "https://a b/", "ftp://x/"]
)
def test_an_index_url_with_shell_syntax_is_refused(tmp_path: Path, url: str) -> None:
    saved = tmp_path / "r.json"
    saved.write_text(json.dumps({"schema": 1, "facts": Facts(context={}).to_json()}))
    proc = run_cli("fix", "--from", str(saved), "--index-url", url)
    assert proc.returncode == 2
    assert "is not an http(s) or file:/// URL without shell syntax" in proc.stderr


def test_a_local_index_is_taken_for_a_machine_without_the_internet(tmp_path: Path) -> None:
    """pip reads an index from a folder (file:///srv/simple): the installs use it."""
    python = "/opt/env/bin/python3"
    saved = _lhotse_missing_report(tmp_path, python)
    url = "file:///srv/simple"
    proc = run_cli("fix", "--from", str(saved), "--only", "lhotse.version", "--index-url", url)
    assert proc.returncode == 1, proc.stderr
    assert f"{python} -m pip install -U lhotse --index-url {url}" in proc.stdout


@pytest.mark.raw_keys
def test_a_choice_with_a_torch_index_under_index_url_keeps_its_index_and_says_so() -> None:
    url = "https://download.pytorch.org/whl/cu118"
    choice = Choice(
        (
            Alternative((TOOL.install("torch==2.1.2", index_url=url),), msg("a")),
            Alternative((Manual(msg("fixer.manual.upgrade_driver", needs="525")),), msg("b")),
        ),
        msg("why"),
    )
    [step] = build(
        [_finding("torch.gpu", choice)], _facts(), index_url="https://mirror.example/simple"
    )
    assert step.kind == "torch" and step.own_index == url
    assert [n.params["url"] for n in step.notes] == [url]
    assert f"--index-url {url}" in step.command and "mirror.example" not in step.command


def test_a_reinstall_of_the_planned_torch_makes_the_plans_install_a_reinstall() -> None:
    """torch's CUDA libraries went missing (a reinstall fixes it) and the k2 plan installs that
    same torch: a plain install would find it installed and do nothing, so the one merged step
    reinstalls; a reinstall of other pins than the plan's is covered by the plan's fresh install."""
    pins = ("torch==2.12.0", "torchaudio==2.11.0")
    plan = Install(PY, pins, index_url="https://download.pytorch.org/whl/cu126")
    again = Install(PY, pins, index_url=plan.index_url, flags=("--force-reinstall",))
    steps = build([_finding("k2.plan", plan), _finding("torch.installed", again)], _facts())
    assert [s.command for s in steps] == [
        f"{PY} -m pip install --force-reinstall torch==2.12.0 torchaudio==2.11.0"
        " --index-url https://download.pytorch.org/whl/cu126"
    ]
    assert steps[0].resolves == ("k2.plan", "torch.installed")
    older = Install(PY, ("torch==2.7.1", "torchaudio==2.7.1"), flags=("--force-reinstall",))
    assert covers(plan, older) and not covers(plan, again) and covers(again, again)
    assert not covers(Install(PY, ("torch==2.12.0",)), plan)  # torchaudio is not installed
