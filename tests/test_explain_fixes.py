"""The torch install command `explain` gives for a driver too old for the torch in use: the very
build it names, from that build's own index, in the form pip needs for that torch line."""

from __future__ import annotations

import re

from doctor.explain import explain_lines
from doctor.facts import Facts, ProbeResult
from doctor.knowledge import torch_builds
from doctor.knowledge.versions import line_of, vtuple

TOO_OLD = "RuntimeError: The NVIDIA driver on your system is too old (found version {v})."


def _on(python: str) -> Facts:
    return Facts(probes={"python": ProbeResult("python", "ok", {"version": python})})


def test_driver_fix_installs_the_named_torch_and_its_torchaudio_from_the_channel_index() -> None:
    d = explain_lines([TOO_OLD.format(v="12040")])[0]
    torch, channel = d.params["torch_for_driver"], d.params["driver_channel"]
    assert channel == "cu126"
    # the newest torch line k2 has wheels for (icefall needs k2), not simply the newest torch
    assert line_of(torch) == max(torch_builds.k2_python_lines("3.10"), key=vtuple)
    pattern = (
        rf"python3 -m pip install torch=={re.escape(torch)} torchaudio==\d+\.\d+\.\d+ "
        rf"--index-url https://download\.pytorch\.org/whl/{channel}"
    )
    assert re.fullmatch(pattern, d.fix[0]), d.fix


def test_a_torch_1_13_fix_carries_the_local_tag_and_keeps_the_default_index() -> None:
    """Python 3.7 has no torch 2.x: the 1.13 wheels on the CUDA index are tagged +cu117, so
    pip needs torch==1.13.1+cu117 and --extra-index-url (torchaudio 0.13 comes from there)."""
    d = explain_lines([TOO_OLD.format(v="11070")], _on("3.7.3"))[0]
    assert d.params["torch_for_driver"] == "1.13.1"
    assert d.fix[0] == (
        "python3 -m pip install torch==1.13.1+cu117 torchaudio==0.13.1 "
        "--extra-index-url https://download.pytorch.org/whl/cu117"
    )
