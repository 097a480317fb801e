"""What `check` says, word for word, about machine details the recorded machines do not cover:
an nvcc of another CUDA major than torch's, a libc the probe could not name (musl), a
torchaudio that is installed but does not import, a torch in the user site hiding the
environment's own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.test_rendered_text import _gpu, _verdict
from tests.test_resolver import _probe, machine_facts

SHADOW = "/home/u/.local/lib/python3.10/site-packages/torch"


def _nvcc(release: str) -> dict[str, Any]:
    facts = _gpu(("8.6",))  # torch 2.7.1 built with CUDA 12.6
    nvcc = f"/usr/local/cuda-{release}/bin/nvcc"
    facts["probes"]["cuda"] = _probe("cuda", {"release": release, "nvcc": nvcc, "source": "PATH"})
    return facts


def _musl() -> dict[str, Any]:
    facts = machine_facts(python="3.10.12")
    facts["probes"]["system"]["data"].update(libc="", libc_version="")
    return facts


def _cpu_torch(**extra: Any) -> dict[str, Any]:
    torch = {"installed": True, "version": "2.7.1+cpu", "cuda": None, **extra}
    return machine_facts(python="3.10.12", torch=torch)


AUDIO_BROKEN = {
    "installed": True,
    "version": "2.7.1+cpu",
    "import_error": "OSError: libtorchaudio.so: undefined symbol: _ZN3c10",
}


def _lhotse_broken(error: str) -> dict[str, Any]:
    facts = machine_facts(python="3.11.7")
    lhotse = {
        "installed": True,
        "version": "1.33.0",
        "import_error": error,
        "lilcom": {"error": ""},
    }
    facts["probes"]["lhotse"]["data"] = lhotse
    return facts


def _icefall_broken(error: str) -> dict[str, Any]:
    facts = machine_facts(python="3.11.7")
    icefall = {"root": "/src/icefall", "import_ok": False, "import_error_with_root": error}
    facts["probes"]["icefall"]["data"] = icefall
    return facts


def _cuda_torch_no_driver() -> dict[str, Any]:
    torch = {"installed": True, "version": "2.7.1+cu126", "cuda": "12.6", "warnings": []}
    return machine_facts(python="3.10.12", torch=torch)


# (case, facts, check id, [(status, title | detail | fix commands), ...])
CASES = [
    (
        "nvcc-of-another-cuda-major",
        _nvcc("11.8"),
        "cuda.toolkit",
        [
            (
                "warn",
                "CUDA toolkit 11.8 (/usr/local/cuda-11.8/bin/nvcc) but torch is built with CUDA"
                " 12.6 | Building k2 or other extensions from source fails with a major version"
                " mismatch; use k2 wheels, or point CUDA_HOME at a CUDA 12.6 toolkit. Wheels are"
                " not affected.",
            )
        ],
    ),
    (
        "nvcc-of-the-same-major",
        _nvcc("12.4"),
        "cuda.toolkit",
        [
            (
                "ok",
                "CUDA toolkit 12.4: /usr/local/cuda-12.4/bin/nvcc (from PATH); torch is built"
                " with 12.6 | Same major version: building extensions works (torch only warns"
                " about the minor mismatch).",
            )
        ],
    ),
    ("libc-unnamed", _musl(), "system.os", [("ok", "Ubuntu 22.04.5 LTS, x86_64, libc ?")]),
    (
        "torchaudio-does-not-import",
        _cpu_torch(torchaudio=AUDIO_BROKEN),
        "torch.torchaudio",
        [
            (
                "fail",
                "torchaudio 2.7.1+cpu is installed but 'import torchaudio' fails | OSError:"
                " libtorchaudio.so: undefined symbol: _ZN3c10\nIts CPU/CUDA flavour must match"
                " torch's (cpu). | python3 -m pip install --force-reinstall --no-deps"
                " torchaudio==2.7.1 --index-url https://download.pytorch.org/whl/cpu",
            )
        ],
    ),
    (
        # lhotse 1.33 imports urllib3 and does not declare it: installing it is the way out
        "lhotse-lacks-a-module-it-imports",
        _lhotse_broken("ModuleNotFoundError: No module named 'urllib3'"),
        "lhotse.version",
        [
            (
                "fail",
                "lhotse 1.33.0 is installed but does not import | ModuleNotFoundError: No module"
                " named 'urllib3' | python3 -m pip install urllib3",
            )
        ],
    ),
    (
        "lhotse-lacks-a-module-no-table-knows",
        _lhotse_broken("ModuleNotFoundError: No module named 'zz_private_helper'"),
        "lhotse.version",
        [
            (
                "fail",
                "lhotse 1.33.0 is installed but does not import | ModuleNotFoundError: No module"
                " named 'zz_private_helper'",
            )
        ],
    ),
    (
        "icefall-lacks-a-module-one-of-its-imports-imports",
        _icefall_broken("ModuleNotFoundError: No module named 'urllib3'"),
        "icefall.import",
        [
            (
                "fail",
                "import icefall fails: ModuleNotFoundError: No module named 'urllib3' | icefall"
                " imports torch, k2, lhotse, kaldialign, sentencepiece, pypinyin and tensorboard"
                " at once: ModuleNotFoundError: No module named 'urllib3' | python3 -m pip install"
                " urllib3",
            )
        ],
    ),
    (
        "cuda-torch-on-a-machine-without-a-driver",
        _cuda_torch_no_driver(),
        "torch.gpu",
        [
            (
                "warn",
                "torch 2.7.1+cu126 is a CUDA 12.6 build but torch.cuda.is_available() is False |"
                " No NVIDIA driver answers on this machine (see nvidia above), so this CUDA build"
                " of torch runs on the CPU: fine on a machine without a GPU.",
            )
        ],
    ),
]


@pytest.mark.parametrize(
    ("facts", "check", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_the_finding_reads_as_written(
    tmp_path: Path, facts: dict[str, Any], check: str, want: list[tuple[str, str]]
) -> None:
    assert _verdict(tmp_path, facts, check) == want


def test_a_torch_in_the_user_site_is_named_in_the_title_detail_and_fix(tmp_path: Path) -> None:
    ((status, shown),) = _verdict(tmp_path, _cpu_torch(user_site_shadow=SHADOW), "torch.shadow")
    title, detail, *fix = shown.split(" | ")
    assert status == "warn"
    assert title == f"A torch in the user site ({SHADOW}) hides the environment's own torch"
    assert detail == (
        "~/.local packages come before the environment's; the recipes import"
        f" {SHADOW}, not the torch you installed in the environment."
    )
    assert fix[1].startswith(f"  a) Remove the torch in your user site ({SHADOW})")
