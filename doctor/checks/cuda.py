"""CUDA toolkit (nvcc) and LD_LIBRARY_PATH entries that shadow the libraries torch bundles."""

from __future__ import annotations

from collections.abc import Iterator

from doctor.facts import Facts
from doctor.findings import Finding, Fix, Status, msg
from doctor.fixer.steps import SetEnv
from doctor.knowledge.versions import vtuple


def check_toolkit(facts: Facts) -> Iterator[Finding]:
    c = facts.get("cuda")
    if not c:
        return
    release, nvcc = c.get("release"), c.get("nvcc")
    if not nvcc:
        yield Finding("cuda.toolkit", Status.OK, msg("cuda.none.title"), msg("cuda.none.detail"))
        return
    params = {"release": release or "?", "nvcc": nvcc, "source": c.get("source") or "?"}
    torch_cuda = str(facts.get("torch").get("cuda") or "")
    if release and torch_cuda and vtuple(release)[:1] != vtuple(torch_cuda)[:1]:
        yield Finding(
            "cuda.toolkit",
            Status.WARN,
            msg("cuda.major_mismatch.title", torch_cuda=torch_cuda, **params),
            msg("cuda.major_mismatch.detail", torch_cuda=torch_cuda, **params),
        )
        return
    key = "cuda.minor_mismatch" if torch_cuda and release and release != torch_cuda else "cuda.ok"
    yield Finding(
        "cuda.toolkit",
        Status.OK,
        msg(f"{key}.title", torch_cuda=torch_cuda, **params),
        msg(f"{key}.detail", torch_cuda=torch_cuda, **params),
        facts={"candidates": c.get("candidates") or []},
    )


def check_libs(facts: Facts) -> Iterator[Finding]:
    entries = facts.get("cuda").get("ld_library_path") or []
    if not entries:
        return
    t = facts.get("torch")
    if t and not t.get("cuda"):
        return  # a CPU torch loads none of them
    dirs = [str(e.get("dir")) for e in entries]
    libs = sorted({lib for e in entries for lib in e.get("libs") or []})
    yield Finding(
        "cuda.libs",
        Status.WARN,
        msg("cuda.libs.title", dirs=", ".join(dirs)),
        msg("cuda.libs.detail", libs=", ".join(libs[:8])),
        Fix(
            (SetEnv("LD_LIBRARY_PATH", _without(facts.env("LD_LIBRARY_PATH"), dirs)),),
            msg("cuda.libs.why"),
        ),
        facts={"ld_library_path": entries},
    )


def _without(value: str, dirs: list[str]) -> str:
    return ":".join(p for p in value.split(":") if p and p not in dirs)
