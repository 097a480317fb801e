"""Facts: plain data gathered by probes, round-tripping through JSON (--json / --from)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]


@dataclass(frozen=True)
class ProbeResult:
    """What one probe script returned. status: ok, crashed, timeout or missing."""

    name: str
    status: str
    data: JSON = field(default_factory=dict)
    interpreter: str = ""
    stderr_tail: str = ""
    returncode: int | None = 0
    seconds: float = 0.0
    timeout: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_json(self) -> JSON:
        return {
            "name": self.name,
            "status": self.status,
            "data": self.data,
            "interpreter": self.interpreter,
            "stderr_tail": self.stderr_tail,
            "returncode": self.returncode,
            "seconds": round(self.seconds, 3),
            "timeout": self.timeout,
        }

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> ProbeResult:
        return ProbeResult(
            name=str(data["name"]),
            status=str(data["status"]),
            data=dict(data.get("data") or {}),
            interpreter=str(data.get("interpreter", "")),
            stderr_tail=str(data.get("stderr_tail", "")),
            returncode=data.get("returncode"),
            seconds=float(data.get("seconds", 0.0)),
            timeout=float(data.get("timeout", 0.0)),
        )


@dataclass(frozen=True)
class Facts:
    """Everything the checks judge: the probes' results and the run's context.

    ``context`` holds what the doctor knew without probing: the target interpreter path,
    the working directory, options (--icefall, --recipe, --offline) and the relevant
    environment variables.
    """

    probes: Mapping[str, ProbeResult] = field(default_factory=dict)
    context: Mapping[str, Any] = field(default_factory=dict)

    def get(self, probe: str) -> JSON:
        """The data of a probe that answered; {} when it is absent or broke."""
        result = self.probes.get(probe)
        return result.data if result is not None and result.ok else {}

    def has(self, probe: str) -> bool:
        result = self.probes.get(probe)
        return result is not None and result.ok

    def env(self, name: str, default: str = "") -> str:
        value = (self.context.get("env") or {}).get(name, default)
        return str(value)

    def python_cmd(self) -> str:
        """How fix commands name the target: ``python3`` when it is the python3 on PATH (what a
        user pastes into the same shell), else its absolute path (--python)."""
        target = str(self.context.get("target") or "")
        if self.context.get("target_source") in ("PATH", None, "") or not target:
            return "python3"
        return str(self.get("python").get("executable") or target)

    def to_json(self) -> JSON:
        return {
            "probes": {k: v.to_json() for k, v in self.probes.items()},
            "context": dict(self.context),
        }

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> Facts:
        probes = {
            k: ProbeResult.from_json({"name": k, **v})
            for k, v in (data.get("probes") or {}).items()
        }
        return Facts(probes=probes, context=dict(data.get("context") or {}))


def marker_environment(facts: Facts) -> dict[str, str]:
    """The target's PEP 508 marker variables: from the python probe, else derived from the
    python and system facts (an older report), never the doctor's own interpreter."""
    py, system = facts.get("python"), facts.get("system")
    recorded = py.get("markers")
    if isinstance(recorded, Mapping) and recorded.get("python_version"):
        return {str(k): str(v) for k, v in recorded.items()}
    full = str(py.get("version") or "")
    os_name = str(system.get("os") or "Linux")
    return {
        "implementation_name": str(py.get("implementation") or "cpython"),
        "implementation_version": full,
        "os_name": "nt" if os_name == "Windows" else "posix",
        "platform_machine": str(system.get("machine") or ""),
        "platform_release": "",
        "platform_system": os_name,
        "platform_version": "",
        "python_full_version": full,
        "platform_python_implementation": "CPython",
        "python_version": ".".join(full.split(".")[:2]),
        "sys_platform": {"Linux": "linux", "Darwin": "darwin", "Windows": "win32"}.get(
            os_name, os_name.lower()
        ),
    }
