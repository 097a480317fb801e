"""torch.torchaudio on a CPU-only machine, through `check --from`: a torchaudio of another
release is reinstalled in the version that pairs with torch, from the CPU index."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import findings_by_check, run_json
from tests.test_checks_gpu import report, torch


def test_mismatched_torchaudio_on_cpu_torch_is_reinstalled_from_the_cpu_index(
    tmp_path: Path,
) -> None:
    t = torch("2.7.1+cpu", None, [], [], available=False, audio="2.6.0+cpu")
    _, data = run_json("check", "--from", report(tmp_path, torch=t), "--only", "torch.torchaudio")
    [audio] = findings_by_check(data)["torch.torchaudio"]
    assert audio["status"] in ("warn", "fail"), audio
    assert "torchaudio 2.6.0+cpu does not match torch 2.7.1+cpu" in audio["title_text"]
    assert audio["fix"]["commands"] == [
        "python3 -m pip install --force-reinstall --no-deps torchaudio==2.7.1 "
        "--index-url https://download.pytorch.org/whl/cpu"
    ]
