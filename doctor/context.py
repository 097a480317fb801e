"""Context: what the doctor knows before probing (target interpreter, cwd, options, env)."""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from doctor.errors import DoctorError
from doctor.msgtype import msg

# Environment variables the checks look at; nothing else is recorded in a report.
_ENV_KEEP = re.compile(
    r"^(PATH|PYTHONPATH|PYTHONHOME|PYTHONNOUSERSITE|LD_LIBRARY_PATH|LD_PRELOAD|CUDA_HOME|CUDA_PATH"
    r"|CUDA_VISIBLE_DEVICES|CONDA_.*|VIRTUAL_ENV|HF_.*|HUGGINGFACE_.*|PIP_.*|LANG|LC_ALL|SHELL|HOME"
    r"|USER|K2_.*|NCCL_.*|OMP_NUM_THREADS|TORCH_.*|PYTORCH_.*|.*_PROXY|.*_proxy|ICEFALL_.*)$"
)


ICEFALL_ENV = "ICEFALL_DIR"  # the icefall checkout, as --icefall
OFFLINE_ENV = "ICEFALL_DOCTOR_OFFLINE"  # "1": as if --offline was given (CI, air-gapped hosts)


_TRUE = frozenset({"1", "true", "yes", "on", "y"})
_FALSE = frozenset({"", "0", "false", "no", "off", "n"})


def _flag(env: Mapping[str, str], name: str) -> bool:
    """A yes/no environment variable; anything else is a usage error naming it."""
    value = env.get(name, "").strip().lower()
    if value in _TRUE or value in _FALSE:
        return value in _TRUE
    raise DoctorError(
        msg("cli.env_flag", name=name, value=env[name]), hint=msg("cli.env_flag.hint", name=name)
    )


@dataclass(frozen=True)
class Context:
    target: str  # the interpreter the recipes will use; "" when there is none
    target_source: str  # "--python", "PATH" or "doctor" (fallback)
    doctor_python: str
    cwd: str
    env: Mapping[str, str]
    options: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "target_source": self.target_source,
            "doctor_python": self.doctor_python,
            "doctor_prefix": sys.prefix,
            "cwd": self.cwd,
            "env": dict(self.env),
            "options": dict(self.options),
        }


def relevant_env(env: Mapping[str, str]) -> dict[str, str]:
    return {k: v for k, v in env.items() if _ENV_KEEP.match(k)}


def build(
    python: str | None,
    options: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    cwd: str | None = None,
) -> Context:
    """Resolve the target interpreter: --python, else python3 on PATH, else the doctor's own."""
    env = dict(os.environ if env is None else env)
    target, source = _resolve_target(python, env)
    options = dict(options or {})
    if _flag(env, OFFLINE_ENV):
        options["offline"] = True
    icefall = icefall_dir(options.get("icefall"), env)
    if icefall:
        options["icefall"] = icefall
    return Context(
        target=target,
        target_source=source,
        doctor_python=sys.executable,
        cwd=cwd or current_dir(),
        env=relevant_env(env),
        options=options,
    )


def current_dir() -> str:
    """The working directory; a clear error when it was deleted under the shell."""
    try:
        return os.getcwd()
    except OSError:
        raise DoctorError(msg("cli.cwd_gone"), hint=msg("cli.cwd_gone.hint")) from None


def icefall_dir(given: object, env: Mapping[str, str]) -> str:
    """--icefall DIR, else ICEFALL_DIR, as an absolute path; "" when neither is set. A path
    that is not a directory is a usage error (not "no icefall checkout found")."""
    for value, name in ((given, "--icefall"), (env.get(ICEFALL_ENV), ICEFALL_ENV)):
        if not value:
            continue
        path = Path(os.path.expanduser(str(value)))
        if not path.is_dir():
            raise DoctorError(
                msg("cli.no_dir", option=name, path=value), hint=msg("cli.no_dir.hint")
            )
        return str(path.absolute())
    return ""


def _resolve_target(python: str | None, env: Mapping[str, str]) -> tuple[str, str]:
    if python:
        found = shutil.which(python, path=env.get("PATH")) if os.sep not in python else python
        path = Path(found) if found else None
        if path is None or not path.exists():
            raise DoctorError(msg("cli.no_python", path=python), hint=msg("cli.no_python.hint"))
        if not os.access(path, os.X_OK) or path.is_dir():
            raise DoctorError(
                msg("cli.not_executable", path=python), hint=msg("cli.not_executable.hint")
            )
        return str(path.absolute()), "--python"
    found = shutil.which("python3", path=env.get("PATH", ""))
    if found:
        return found, "PATH"
    return "", "none"
