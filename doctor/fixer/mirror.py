"""Mirrors for users in China (``--mirror cn``, the default when the language is Chinese).

One table of URLs and the questions the rest of the code asks: which mirror this run uses, the
PyPI mirror pip installs go through (doctor.fixer.installer puts it on every install without an
index of its own), and the Hugging Face mirror for the downloads that name huggingface.co
themselves and so ignore HF_ENDPOINT (lhotse's baker_zh download).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from doctor.facts import Facts

CHOICES = ("cn", "none")
PYPI_CN = "https://pypi.tuna.tsinghua.edu.cn/simple"  # Tsinghua TUNA
PYPI_CN_ALT = "https://mirrors.aliyun.com/pypi/simple/"  # Aliyun, the usual alternative
HF_HOST = "https://huggingface.co/"
HF_MIRROR = "https://hf-mirror.com"


def choose(given: str | None, lang: str) -> str | None:
    """--mirror as given ("none" turns the default off), else cn for Chinese output."""
    if given in ("cn", "none"):
        return None if given == "none" else given
    return "cn" if lang == "zh" else None


def of(facts: Facts) -> str | None:
    """The mirror the run that gathered (or re-judges) these facts chose."""
    options: Mapping[str, Any] = facts.context.get("options") or {}
    return "cn" if options.get("mirror") == "cn" else None


def pypi(mirror: str | None) -> str:
    """The PyPI mirror pip installs use; "" for pip's own configuration."""
    return PYPI_CN if mirror == "cn" else ""


def hf_url(url: str, mirror: str | None) -> str:
    """A huggingface.co download URL on the mirror's host (same path) with --mirror cn."""
    if mirror == "cn" and url.startswith(HF_HOST):
        return f"{HF_MIRROR}/{url[len(HF_HOST) :]}"
    return url


def with_mirror(facts: Facts, mirror: str | None) -> Facts:
    """Facts of a saved report, judged with this run's mirror choice."""
    options = dict(facts.context.get("options") or {})
    options["mirror"] = mirror
    return Facts(probes=facts.probes, context={**facts.context, "options": options})
