"""The exact argv, working directory and environment of each step: pure, so --dry-run and the
tests see exactly what would run."""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

STEPS: tuple[str, ...] = ("prepare", "train", "export")  # the default --steps
# "smoke" (smoke-onnx on the exported models) runs only when asked: --smoke-onnx or --steps.
ALL_STEPS: tuple[str, ...] = (*STEPS, "smoke")
LEGACY_ONNX_WRAPPER = Path(__file__).resolve().parent / "scripts" / "idoctor_onnx_legacy.py"
_STAGE_TEST = re.compile(r"\$\{?stage\}?\s+-le\s+(-?\d+)")


@dataclass(frozen=True)
class StepCommand:
    """One child to run: what, where, with which environment changes, logging where."""

    step: str
    argv: tuple[str, ...]
    cwd: Path
    env_changes: Mapping[str, str]
    log: Path

    def env(self, base: Mapping[str, str]) -> dict[str, str]:
        merged = dict(base)
        merged.update(self.env_changes)
        return merged

    def shell(self) -> str:
        return shlex.join(self.argv)

    def with_argv(self, argv: Sequence[str]) -> StepCommand:
        return StepCommand(self.step, tuple(argv), self.cwd, self.env_changes, self.log)


@dataclass(frozen=True)
class TrainArgs:
    """Train options in the order they are passed; ``passthrough`` keeps what is not --k v."""

    options: Mapping[str, str] = field(default_factory=dict)
    passthrough: tuple[str, ...] = ()

    def argv(self) -> list[str]:
        out: list[str] = []
        for name, value in self.options.items():
            out += [name, value]
        return out + list(self.passthrough)

    def get(self, name: str) -> str | None:
        return self.options.get(name)

    def set(self, name: str, value: str | int | float) -> TrainArgs:
        options = dict(self.options)
        options[name] = _fmt(value)
        return TrainArgs(options, self.passthrough)


def _fmt(value: str | int | float) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def merge_args(
    *layers: Mapping[str, str | int | float | None], extra: Sequence[str] = ()
) -> TrainArgs:
    """Later layers win; ``extra`` (after --) wins over all, its `--k v` pairs merged in place."""
    options: dict[str, str] = {}
    for layer in layers:
        for name, value in layer.items():
            if value is not None:
                options[name] = _fmt(value)
    passthrough: list[str] = []
    items = list(extra)
    i = 0
    while i < len(items):
        token = items[i]
        has_value = i + 1 < len(items) and not items[i + 1].startswith("--")
        if token.startswith("--") and "=" in token:
            name, value = token.split("=", 1)
            options[name] = value
        elif token.startswith("--") and has_value:
            options[token] = items[i + 1]
            i += 1
        else:
            passthrough.append(token)
        i += 1
    return TrainArgs(options, tuple(passthrough))


def child_env(
    python: str,
    icefall: str | None,
    base: Mapping[str, str],
    prepend: Mapping[str, Sequence[str]] | None = None,
    variables: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The target interpreter's bin dir first on PATH; the icefall root first on PYTHONPATH.

    ``prepend`` and ``variables`` come from the environment snippet (a source-built k2's
    directories, CUDA_HOME). No empty PATH-like entry is left behind (Python would read an
    empty PYTHONPATH entry as the current directory).
    """
    extra = dict(prepend or {})
    changes = dict(variables or {})
    changes["PYTHONUNBUFFERED"] = "1"
    firsts = {
        "PATH": [str(Path(python).parent), *extra.get("PATH", ())],
        "PYTHONPATH": [*([icefall] if icefall else []), *extra.get("PYTHONPATH", ())],
        "LD_LIBRARY_PATH": list(extra.get("LD_LIBRARY_PATH", ())),
    }
    for name, first in firsts.items():
        entries = _prepend(first, base.get(name, ""))
        if entries and (first or name == "PATH"):
            changes[name] = entries
    return changes


def _prepend(first: Sequence[str], current: str) -> str:
    out: list[str] = []
    for entry in [*first, *current.split(os.pathsep)]:
        if entry and entry not in out:
            out.append(entry)
    return os.pathsep.join(out)


def prepare_stages(prepare_sh: Path) -> list[int]:
    """The stage numbers a prepare.sh tests for (`[ $stage -le N ]`), sorted."""
    try:
        text = prepare_sh.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return sorted({int(n) for n in _STAGE_TEST.findall(text)})


def prepare_command(
    recipe_dir: Path, stage: int, stop_stage: int, env: Mapping[str, str], log: Path
) -> StepCommand:
    argv = ("bash", "./prepare.sh", "--stage", str(stage), "--stop-stage", str(stop_stage))
    return StepCommand("prepare", argv, recipe_dir, env, log)


def train_command(
    python: str, recipe_dir: Path, script: str, args: TrainArgs, env: Mapping[str, str], log: Path
) -> StepCommand:
    return StepCommand("train", (python, script, *args.argv()), recipe_dir, env, log)


def export_command(
    python: str,
    recipe_dir: Path,
    script: str,
    options: Mapping[str, str],
    env: Mapping[str, str],
    log: Path,
) -> StepCommand:
    """export_onnx.py through the wrapper that selects the legacy exporter on torch >= 2.9."""
    argv = [python, str(LEGACY_ONNX_WRAPPER), script]
    for name, value in options.items():
        argv += [name, value]
    return StepCommand("export", tuple(argv), recipe_dir, env, log)
