"""Which installer fits the target environment, and the install steps it makes.

`<python> -m pip` where pip works; `uv pip … --python <python>` in a uv-made venv without pip
(pyvenv.cfg says uv, and uv is on PATH); otherwise pip, which a `python.installer` finding
says to bootstrap first with `python -m ensurepip`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from doctor.facts import Facts
from doctor.fixer import mirror
from doctor.fixer.steps import Install, Uninstall
from doctor.knowledge import torch_builds
from doctor.knowledge.torch_builds import Build
from doctor.knowledge.versions import vtuple
from doctor.msgtype import Msg


@dataclass(frozen=True)
class Installer:
    python: str  # how steps name the target (python3, or its path)
    state: str = "ok"  # pip's state: "ok", "missing", "broken"; "uv" when uv stands in
    index: str = ""  # the PyPI mirror of --mirror cn, on every install without its own index

    @property
    def tool(self) -> str:
        return "uv" if self.state == "uv" else "pip"

    def install(self, *packages: str, reason: Msg | None = None, **kw: Any) -> Install:
        if self.index and not kw.get("index_url") and not kw.get("extra_index_url"):
            kw["index_url"] = self.index
        return Install(self.python, tuple(packages), installer=self.tool, reason=reason, **kw)

    def uninstall(self, *packages: str, reason: Msg | None = None) -> Uninstall:
        return Uninstall(self.python, tuple(packages), installer=self.tool, reason=reason)

    def torch(
        self,
        build: Build,
        *,
        platform: str = "linux_x86_64",
        flags: tuple[str, ...] = (),
        reason: Msg | None = None,
    ) -> Install:
        """torch with its torchaudio, from the build's own PyTorch index: the one way every
        check and plan installs torch. macOS wheels come from the default index; 1.13 wheels
        carry their local tag (torch==1.13.1+cu117) and need --extra-index-url."""
        if not build.version:
            return self.install("torch", "torchaudio", flags=flags, reason=reason)
        audio = torch_builds.torchaudio_for(build.version)
        audio_spec = f"torchaudio=={audio}" if audio else "torchaudio"
        if platform.startswith("macosx"):
            return self.install(f"torch=={build.version}", audio_spec, flags=flags, reason=reason)
        url = torch_builds.index_url(build.channel)
        if vtuple(build.version) < (2, 0):
            torch = f"torch=={build.version}+{build.channel}"
            return self.install(torch, audio_spec, extra_index_url=url, flags=flags, reason=reason)
        return self.install(
            f"torch=={build.version}", audio_spec, index_url=url, flags=flags, reason=reason
        )


def facts_of(facts: Facts) -> dict[str, Any]:
    """The python probe's installer facts; {} from a report of an older version."""
    value = facts.get("python").get("installer")
    return dict(value) if isinstance(value, dict) else {}


def of(facts: Facts) -> Installer:
    inst = facts_of(facts)
    state = str(inst.get("pip") or "ok")
    index = mirror.pypi(mirror.of(facts))
    if state != "ok" and inst.get("uv_venv") and inst.get("uv"):
        exe = str(facts.get("python").get("executable") or facts.python_cmd())
        return Installer(exe, "uv", index)
    return Installer(facts.python_cmd(), state if state in ("missing", "broken") else "ok", index)
