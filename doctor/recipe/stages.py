"""prepare.sh: which scripts and commands each stage runs, and which stages are done."""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from doctor.recipe.model import Recipe, Stage

_STAGE = re.compile(r"^\s*if \[ \$stage -le (-?\d+) \] && \[ \$stop_stage -ge (-?\d+) \]")
_FOR = re.compile(r"^\s*for (\w+) in ([^;]+);")
_SPLIT = re.compile(r"\|\||&&|\||;|\$\(|`|\(\(")
_SHELL_WORDS = frozenset(
    (
        "if",
        "then",
        "else",
        "elif",
        "fi",
        "for",
        "in",
        "do",
        "done",
        "while",
        "case",
        "esac",
        "function",
        "return",
        "exit",
        "set",
        "export",
        "local",
        "cd",
        "echo",
        "log",
        "true",
        "false",
        "test",
        "[",
        "[[",
        "]",
        "]]",
        ".",
        "source",
        "shift",
        "break",
        "continue",
        "eval",
        "read",
        "printf",
        "unset",
        "declare",
        "n",
    )
)


@dataclass(frozen=True)
class StageScripts:
    n: int
    scripts: tuple[str, ...]  # python files, relative to the recipe directory
    commands: tuple[str, ...]  # programs the stage runs from PATH
    lines: tuple[int, ...] = ()  # prepare.sh line of each script


@dataclass(frozen=True)
class StageState:
    n: int
    what: str
    state: str  # "done", "partial" or "pending"
    present: tuple[str, ...] = field(default_factory=tuple)
    missing: tuple[str, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, object]:
        return {
            "n": self.n,
            "what": self.what,
            "state": self.state,
            "present": list(self.present),
            "missing": list(self.missing),
        }


def parse_prepare(text: str) -> list[StageScripts]:
    """Each `if [ $stage -le N ] && [ $stop_stage -ge N ]` block: its scripts and commands."""
    blocks: list[tuple[int, list[tuple[int, str]]]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        m = _STAGE.match(line)
        if m:
            blocks.append((int(m.group(1)), []))
        elif blocks and not line.lstrip().startswith("#"):
            blocks[-1][1].append((lineno, line))
    return [_block(n, lines) for n, lines in blocks]


def _block(n: int, lines: list[tuple[int, str]]) -> StageScripts:
    scripts: dict[str, int] = {}
    commands: list[str] = []
    cwd = [""]
    loop: dict[str, list[str]] = {}
    for lineno, line in lines:
        m = _FOR.match(line)
        if m:
            loop[m.group(1)] = m.group(2).split()
            continue
        for piece in _SPLIT.split(line):
            words = _words(piece)
            if not words:
                continue
            if words[0] == "cd" and len(words) > 1:
                cwd = _cd(cwd, words[1], loop)
                continue
            for script in _script_of(words, cwd):
                scripts.setdefault(script, lineno)
            cmd = words[0]
            if _is_command(cmd) and cmd not in commands:
                commands.append(cmd)
    return StageScripts(n, tuple(scripts), tuple(commands), tuple(scripts.values()))


def _words(piece: str) -> list[str]:
    try:
        return shlex.split(piece, comments=True)
    except ValueError:
        return piece.split()


def _cd(cwd: list[str], target: str, loop: dict[str, list[str]]) -> list[str]:
    out = []
    for base in cwd:
        for expanded in _expand(target, loop):
            out.append(os.path.normpath(os.path.join(base, expanded)))
    return [("" if p == "." else p) for p in out]


def _expand(word: str, loop: dict[str, list[str]]) -> list[str]:
    for var, values in loop.items():
        if f"${var}" in word or f"${{{var}}}" in word:
            return [word.replace(f"${{{var}}}", v).replace(f"${var}", v) for v in values]
    return [word]


def _script_of(words: list[str], cwd: list[str]) -> list[str]:
    """python3 X.py, python X.py, or ./X.py run through its shebang."""
    if words[0] in ("python3", "python") and len(words) > 1 and words[1].endswith(".py"):
        path = words[1]
    elif words[0].endswith(".py") and "/" in words[0]:
        path = words[0]
    else:
        return []
    return [os.path.normpath(os.path.join(base, path)) for base in cwd]


def _is_command(word: str) -> bool:
    if word in _SHELL_WORDS or "=" in word or word.startswith(("$", "-", "/", ".", "#")):
        return False
    return bool(re.fullmatch(r"[A-Za-z][\w.+-]*", word)) and not word.endswith(".py")


def stage_scripts(recipe: Recipe, recipe_dir: str | os.PathLike[str]) -> list[StageScripts]:
    """The stages of the recipe's prepare.sh as found on disk; [] when there is none."""
    path = Path(recipe_dir) / recipe.prepare
    try:
        return parse_prepare(path.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return []


def stage_status(recipe: Recipe, recipe_dir: str | os.PathLike[str]) -> list[StageState]:
    """done: every marker and output is there; partial: some are; pending: none is."""
    return [_state(stage, Path(recipe_dir)) for stage in recipe.stages]


def _state(stage: Stage, root: Path) -> StageState:
    wanted = (*stage.markers, *stage.outputs)
    present = tuple(p for p in wanted if (root / p).exists())
    missing = tuple(p for p in wanted if p not in present)
    if not missing:
        state = "done"
    elif present:
        state = "partial"
    else:
        state = "pending"
    return StageState(stage.n, stage.what, state, present, missing)


def next_stage(states: list[StageState]) -> StageState | None:
    return next((s for s in states if s.state != "done"), None)
