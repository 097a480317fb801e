"""`fix --apply` end to end in a real venv: espnet_tts_frontend installed from the registry and
re-checked as fixed; a package that cannot be found stops the plan and changes nothing."""

from __future__ import annotations

import io
import subprocess
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from doctor.checks.base import Check
from doctor.checks.registry import CHECKS
from doctor.commands import fix as fix_command
from doctor.console import make_console
from doctor.facts import Facts
from doctor.findings import Finding, Fix, Status, msg
from doctor.fixer import installer
from doctor.fixer.apply import meaning
from doctor.messages import text
from doctor.probes.registry import PROBES, Probe
from doctor.shell import Outcome
from tests.helpers import VenvFactory, run_cli
from tests.recipe_tree import tacotron_tree

pytestmark = pytest.mark.venv

BAD = "icefall-doctor-no-such-pkg-xyz"
# module -> distribution, as a recipe's module scan would map them
WANTED = {"tacotron_cleaner": "espnet_tts_frontend", "icefall_doctor_no_such_mod": BAD}

PROBE = textwrap.dedent(
    """
    import importlib.util, json, sys
    wanted = json.loads(sys.stdin.read() or "{}").get("modules", [])
    found = {m: importlib.util.find_spec(m) is not None for m in wanted}
    print("\\n@@icefall-doctor@@ " + json.dumps({"found": found}))
    """
)


def _modules_check(facts: Facts) -> Iterator[Finding]:
    """A stand-in for the recipe module scan: one finding per missing module, with its fix."""
    for module, present in sorted(facts.get("test_modules").get("found", {}).items()):
        if present:
            continue
        dist = WANTED[module]
        yield Finding(
            "recipe.test_modules",
            Status.FAIL,
            msg("test.missing", module=module),
            fix=Fix((installer.of(facts).install(dist),), msg("test.why")),
        )


@pytest.fixture
def fixer_venv(venvs: VenvFactory) -> Path:
    return venvs.get("fixer", [])


class ModuleScan:
    """A probe + check pair registered for one test; ``modules`` is what the probe looks for."""

    def __init__(self, script: Path) -> None:
        self.modules: list[str] = []
        self.probe = Probe("test_modules", str(script), "target", 60.0, self._payload)
        self.checks = [Check("recipe.test_modules", ("test_modules",), _modules_check)]

    def _payload(self, ctx: object) -> dict[str, object]:
        return {"modules": self.modules}


@pytest.fixture
def scan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleScan:
    script = tmp_path / "probe_modules.py"
    script.write_text(PROBE)
    found = ModuleScan(script)
    monkeypatch.setitem(PROBES, "test_modules", found.probe)
    return found


def _freeze(python: Path) -> str:
    return subprocess.run(
        [str(python), "-m", "pip", "freeze", "--all"], capture_output=True, text=True, check=True
    ).stdout


def _fix(
    python: Path, scan: ModuleScan, modules: list[str], *, yes: bool = True
) -> tuple[int, str]:
    scan.modules[:] = modules
    out = io.StringIO()
    code = fix_command.fix(
        python=str(python),
        do_apply=True,
        yes=yes,
        index_url=None,
        mirror=None,
        from_report=None,
        as_json=False,
        options={},
        checks=scan.checks,
        lang="en",
        console=make_console(out),
    )
    return code, out.getvalue()


@pytest.mark.raw_keys  # its findings use made-up keys (test.missing)
def test_a_failing_install_is_reported_and_the_independent_one_still_runs(
    fixer_venv: Path, scan: ModuleScan
) -> None:
    code, out = _fix(fixer_venv, scan, ["icefall_doctor_no_such_mod", "tacotron_cleaner"])
    assert code == 1
    assert f"Step 1 failed (exit code 1): {fixer_venv} -m pip install {BAD}" in out
    assert f"pip found no release of {BAD}" in out and "--mirror cn" in out
    assert "[2/2]" in out  # espnet_tts_frontend does not depend on the failed step
    assert "step 1 failed:" in out and "step 2 done:" in out
    assert "still failing: test.missing(module=icefall_doctor_no_such_mod)" in out
    assert "fixed: test.missing(module=tacotron_cleaner)" in out
    assert "espnet-tts-frontend" in _freeze(fixer_venv).lower().replace("_", "-")


def test_declining_runs_nothing(
    fixer_venv: Path, scan: ModuleScan, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))  # Enter: the default, No
    code, out = _fix(fixer_venv, scan, ["icefall_doctor_no_such_mod"], yes=False)
    assert code == 1
    assert "Run 1 command(s) with" in out and "[y/N]" in out and "Nothing was run." in out
    assert "[1/1]" not in out


@pytest.mark.parametrize(
    ("tail", "key", "mirror"),
    [
        (
            "WARNING: Retrying ... NewConnectionError ...\n"
            "ERROR: No matching distribution found for k2",
            "fixer.failure.download",
            True,
        ),
        ("ERROR: No matching distribution found for jieba==9.9", "fixer.failure.not_found", True),
        ("ERROR: ResolutionImpossible: ...", "fixer.failure.conflict", False),
        ("error: externally-managed-environment", "fixer.failure.externally_managed", False),
        ("Killed", "fixer.failure.other", False),
    ],
)
def test_failure_meanings(tail: str, key: str, mirror: bool) -> None:
    what, suggest = meaning(Outcome("x", 1, tail))
    assert (what.key, suggest) == (key, mirror)
    assert not text(what).startswith(key)  # every meaning has a sentence


def test_cli_fix_apply_yes_installs_what_the_recipe_scan_found_missing(
    venvs: VenvFactory, tmp_path: Path
) -> None:
    assert "recipe.imports" in {c.id for c in CHECKS}, "the recipe module scan is registered"
    python = venvs.get("fixer-cli", [])
    ice = tmp_path / "ice fall"
    recipe = tacotron_tree(ice)
    args: tuple[str, ...] = ("--python", str(python), "--only", "recipe.imports")
    args += ("--icefall", str(ice), "--recipe", "baker_zh/matcha")
    plan = run_cli("fix", *args, cwd=recipe)
    assert plan.returncode == 1, plan.stderr
    assert f"{python} -m pip install espnet_tts_frontend" in plan.stdout
    assert "Nothing was run" in plan.stdout and "espnet" not in _freeze(python).lower()
    done = run_cli("fix", "--apply", "--yes", *args, cwd=recipe, timeout=600)
    assert "fixed: No module named 'tacotron_cleaner'" in done.stdout, done.stdout[-3000:]
    assert "Everything the plan touched is fixed." in done.stdout
    assert done.returncode == 0
    assert "espnet-tts-frontend" in _freeze(python).lower().replace("_", "-")
