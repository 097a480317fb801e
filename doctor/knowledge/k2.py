"""The shipped k2 knowledge (k2_wheels.toml): wheels per torch, the k2 arch lists,
torchaudio pairing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from doctor.knowledge import load as load_toml


def vkey(version: str) -> tuple[int, ...]:
    """Numeric key of "2.7.1+cu126" / "12.6"."""
    return tuple(int(p) for p in re.findall(r"\d+", version.split("+")[0])[:3])


@dataclass(frozen=True)
class K2Knowledge:
    data: Any

    @property
    def k2_base(self) -> str:
        return str(self.data["k2_base"])

    @property
    def cuda_page(self) -> str:
        return str(self.data["cuda_page"])

    @property
    def cpu_page(self) -> str:
        return str(self.data["cpu_page"])

    @property
    def cuda_page_cn(self) -> str:
        return str(self.data["cuda_page_cn"])

    @property
    def cpu_page_cn(self) -> str:
        return str(self.data["cpu_page_cn"])

    def _row(self, torch: str) -> dict[str, Any] | None:
        base = torch.split("+")[0]
        return next((r for r in self.data["torch"] if base in r["versions"]), None)

    def torch_versions(self) -> list[str]:
        return sorted(
            {v for r in self.data["torch"] for v in r["versions"]}, key=vkey, reverse=True
        )

    def has_wheel(self, variant: str, torch: str, python: str, platform: str) -> bool:
        row = self._row(torch)
        if row is None or not _py_in(python, row["python"]):
            return False
        if variant == "cpu":
            return platform in self.data["cpu_platforms"]
        return platform in self.data["cuda_platforms"] and variant in row["cuda"]

    def has_cuda_wheels(self, platform: str) -> bool:
        """Whether k2 publishes CUDA wheels for this platform at all (Linux x86_64 only)."""
        return platform in self.data["cuda_platforms"]

    def cuda_builds(self, torch: str) -> list[str]:
        row = self._row(torch)
        return list(row["cuda"]) if row else []

    def k2_archs(self, cuda: str) -> list[str]:
        a = self.data["k2_arch"]
        archs = list(a["base"])
        if vkey(cuda) < (13,):
            archs = [*a["before_13"], *archs]
        if vkey(cuda) >= (11, 8):
            archs += a["from_11_8"]
        if vkey(cuda) < (12,):
            archs += a["before_12"]
        return [f"sm_{x}" for x in archs]

    def all_k2_archs(self) -> list[str]:
        """Every arch some k2 CUDA wheel carries a cubin for (over all its CUDA builds)."""
        cudas = {c for r in self.data["torch"] for c in r["cuda"]}
        return sorted({a for c in cudas for a in self.k2_archs(c)}, key=vkey)


def _py_in(python: str, bounds: list[str]) -> bool:
    """python: "cp310" or "3.10"."""
    text = python[2:] if python.startswith("cp") else python.replace(".", "")
    key = (int(text[0]), int(text[1:] or 0))
    return vkey(bounds[0])[:2] <= key <= vkey(bounds[1])[:2]


@cache
def load() -> K2Knowledge:
    return K2Knowledge(load_toml("k2_wheels.toml"))
