"""Pure: facts -> the shell lines the environment needs (rc-file body, conda activate.d pair).

PYTHONPATH gets the icefall checkout (and a source-built k2's ``k2/python`` and ``build/lib``: the
one k2 imports from, else a fitting build the k2 probe found off PYTHONPATH).
Each entry is prepended once, even when the file is sourced again. When PYTHONPATH was empty
the result ends with ':', an empty entry Python reads as the current directory, which
``matcha/infer.py`` needs to import ``local.*`` from the recipe folder (icefall's own docs and
CI rely on the same). CUDA_HOME, PATH and LD_LIBRARY_PATH are set only when a source build
needs them; HF_ENDPOINT only with ``--mirror cn``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from doctor import k2builds
from doctor.context import Context
from doctor.errors import DoctorError
from doctor.facts import Facts
from doctor.fixer.plan import HF_MIRROR
from doctor.messages import t
from doctor.msgtype import msg

STATE = "# icefall-doctor state: "
PREPENDED = ("PYTHONPATH", "PATH", "LD_LIBRARY_PATH")


@dataclass(frozen=True)
class EnvPlan:
    """What the snippet sets; empty fields are left out."""

    prepend: Mapping[str, tuple[str, ...]]  # PYTHONPATH / PATH / LD_LIBRARY_PATH entries
    variables: Mapping[str, str]  # CUDA_HOME, HF_ENDPOINT
    conda_env: str = ""  # `conda activate` this env first ("" none)
    icefall_missing: bool = False

    @property
    def empty(self) -> bool:
        """Nothing to set: no icefall checkout, no k2 source build, no variable."""
        return not any(self.prepend.values()) and not self.variables and not self.conda_env

    def state(self) -> dict[str, Any]:
        return {"prepend": {k: list(v) for k, v in self.prepend.items()}, **self.variables}


def colon_free_link(path: str) -> tuple[str, tuple[tuple[str, ...], ...]]:
    """A folder whose path holds ':' (os.pathsep) cannot be an entry of PYTHONPATH: the path of
    a link to it without ':', and the commands that make the link (its folder first)."""
    link = path.replace(os.pathsep, "_")
    make = ("ln", "-sfnT", path, link)
    parent = os.path.dirname(link)
    if parent == os.path.dirname(path):
        return link, (make,)
    return link, (("mkdir", "-p", parent), make)


def plan_env(facts: Facts, *, icefall: str | None = None, mirror: str | None = None) -> EnvPlan:
    ice = facts.get("icefall")
    root = icefall or str(ice.get("root") or "")
    pythonpath = [root] if root else []
    build = k2builds.for_pythonpath(facts) or {}
    pythonpath += [str(build[k]) for k in ("python_dir", "lib_dir") if build.get(k)]
    prepend: dict[str, tuple[str, ...]] = {"PYTHONPATH": tuple(_unique(pythonpath))}
    variables: dict[str, str] = {}
    home, set_up = _cuda_home(facts)
    if build and home and not set_up:  # rebuilding k2 needs nvcc; the shell does not find it
        variables["CUDA_HOME"] = home
        prepend["PATH"] = (os.path.join(home, "bin"),)
    if build and home and "cannot open shared object" in str(facts.get("k2").get("import_error")):
        prepend["LD_LIBRARY_PATH"] = (os.path.join(home, "lib64"),)
    if mirror == "cn":
        variables["HF_ENDPOINT"] = HF_MIRROR
    return EnvPlan(
        {k: v for k, v in prepend.items() if v},
        variables,
        conda_env=_conda_env(facts),
        icefall_missing=not root,
    )


def _cuda_home(facts: Facts) -> tuple[str, bool]:
    """The toolkit nvcc comes from, and whether CUDA_HOME/CUDA_PATH or PATH already find it."""
    found = [c for c in facts.get("cuda").get("candidates") or [] if c.get("release")]
    if not found:
        return "", False
    home = os.path.dirname(os.path.dirname(str(found[0].get("nvcc") or "")))
    set_up = any(c.get("source") in ("CUDA_HOME", "CUDA_PATH", "PATH") for c in found)
    return home, set_up


def _conda_env(facts: Facts) -> str:
    py = facts.get("python")
    if py.get("env_kind") != "conda":
        return ""
    return str(py.get("prefix") or "")


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(os.path.normpath(i) for i in items if i))


def dq(value: str) -> str:
    """A double-quoted shell word: spaces and non-ASCII kept, $ ` " \\ escaped."""
    out = value
    for ch in ("\\", '"', "$", "`"):
        out = out.replace(ch, "\\" + ch)
    return f'"{out}"'


def _prepend_lines(name: str, entries: tuple[str, ...]) -> list[str]:
    lines = []
    for entry in reversed(entries):  # prepending in reverse keeps the listed order
        lines.append(
            f'case ":${{{name}-}}:" in *{dq(":" + entry + ":")}*) ;; '
            f'*) export {name}={dq(entry)}:"${{{name}-}}" ;; esac'
        )
    return lines


def export_lines(p: EnvPlan) -> list[str]:
    lines: list[str] = []
    for name, value in p.variables.items():
        lines.append(f"export {name}={dq(value)}")
    for name in PREPENDED:
        if name in p.prepend:
            lines += _prepend_lines(name, p.prepend[name])
    return lines


def _comment(key: str, lang: str) -> str:
    """A comment line of the snippet, in the user's language (one line, whatever the text)."""
    return "# " + " ".join(t(key, lang).split())


def rc_body(p: EnvPlan, lang: str = "en") -> str:
    """The lines between the markers of the rc-file block."""
    lines = [_comment("envscript.written", lang)]
    if p.icefall_missing:
        lines.append(_comment("envscript.no_icefall", lang))
    if p.conda_env:
        lines.append(f"conda activate {dq(p.conda_env)}")
    lines += export_lines(p)
    lines.append(STATE + json.dumps(p.state(), ensure_ascii=False, sort_keys=True))
    return "\n".join(lines) + "\n"


def conda_scripts(p: EnvPlan, lang: str = "en") -> tuple[str, str]:
    """(activate.d, deactivate.d) scripts; deactivation restores every previous value."""
    names = [*p.variables, *(n for n in PREPENDED if n in p.prepend)]
    save, restore = [], []
    for name in names:
        keep = f"_ICEFALL_DOCTOR_OLD_{name}"
        had = f"_ICEFALL_DOCTOR_HAD_{name}"
        save.append(f'export {keep}="${{{name}-}}" {had}="${{{name}+1}}"')
        restore.append(
            f'if [ -n "${{{had}-}}" ]; then export {name}="${{{keep}}}"; '
            f"else unset {name}; fi; unset {keep} {had}"
        )
    head = _comment("envscript.written.conda", lang) + "\n"
    state = STATE + json.dumps(p.state(), ensure_ascii=False, sort_keys=True)
    activate = head + "\n".join([*save, *export_lines(p), state]) + "\n"
    deactivate = head + "\n".join(restore) + "\n"
    return activate, deactivate


def parse_state(body: str) -> dict[str, Any]:
    """The state line of a block body ({} when absent or unreadable)."""
    for line in body.splitlines():
        if line.startswith(STATE):
            try:
                value = json.loads(line[len(STATE) :])
            except ValueError:
                return {}
            return value if isinstance(value, dict) else {}
    return {}


CONDA_SCRIPT = "icefall-doctor.sh"


def default_rc(env: Mapping[str, str]) -> str:
    """~/.zshrc when the login shell is zsh, else ~/.bashrc. Never a guess: an empty or
    relative HOME, or a shell that reads neither file (fish, csh), is a usage error."""
    home = env["HOME"] if "HOME" in env else os.path.expanduser("~")
    if not os.path.isabs(home):
        raise DoctorError(msg("envscript.no_home", home=home), hint=msg("envscript.give_file"))
    shell = os.path.basename(env.get("SHELL", ""))
    if shell in _OTHER_SHELLS:
        hint = msg("envscript.give_file")
        raise DoctorError(msg("envscript.other_shell", shell=shell), hint=hint)
    name = ".zshrc" if shell.endswith("zsh") else ".bashrc"
    return os.path.join(home, name)


_OTHER_SHELLS = frozenset({"fish", "csh", "tcsh", "nu", "xonsh", "elvish"})


def conda_paths(prefix: str) -> tuple[str, str]:
    """The activate.d and deactivate.d scripts of a conda environment."""
    base = os.path.join(prefix, "etc", "conda")
    return (
        os.path.join(base, "activate.d", CONDA_SCRIPT),
        os.path.join(base, "deactivate.d", CONDA_SCRIPT),
    )


def probe_input(ctx: Context) -> dict[str, Any]:
    """Input of the rcblock probe: the files a snippet may have been written to."""
    env = ctx.env
    home = env.get("HOME") or os.path.expanduser("~")
    files = [os.path.join(home, ".bashrc"), os.path.join(home, ".zshrc")]
    if env.get("CONDA_PREFIX"):
        files.append(conda_paths(env["CONDA_PREFIX"])[0])
    return {"files": files, "state_prefix": STATE}
