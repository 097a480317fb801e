"""explain's less common classes, by what the user reads: the summary names the library, module,
directory or versions taken from the log line, and the fix commands use them (small logs written
here, never copied ones)."""

from __future__ import annotations

from pathlib import Path

import pytest

from doctor.explain import Diagnosis, explain_lines
from doctor.messages import text
from tests.helpers import run_cli

K2_SO = "/env/lib/python3.10/site-packages/_k2.cpython-310-x86_64-linux-gnu.so"

# (case, log lines, category, what summary + why + fix + notes must all hold)
CASES = [
    (
        "k2-undefined-symbol",
        [f"ImportError: {K2_SO}: undefined symbol: _ZN3c104cuda9SetDeviceEi"],
        "k2_torch_mismatch",
        (f"k2 was compiled against another torch (undefined symbol in {K2_SO}).",),
    ),
    (
        "library-undefined-symbol",
        ["OSError: /usr/lib/libfoo.so.1: undefined symbol: foo_bar_init"],
        "undefined_symbol",
        (
            "/usr/lib/libfoo.so.1 needs foo_bar_init, which the loaded libraries do not have.",
            "nm -D /usr/lib/libfoo.so.1",
        ),
    ),
    (
        "windows-dll",
        ["ImportError: DLL load failed while importing _k2: The specified module was not found."],
        "windows_dll",
        ("Windows cannot load the DLLs of _k2 (from k2).", "pip install --force-reinstall k2"),
    ),
    (
        "cudnn-so-list",
        ["Unable to load any of {libcudnn_cnn.so.9.1.0, libcudnn_cnn.so.9, libcudnn_cnn.so}"],
        "cudnn_missing",
        ("cuDNN does not load: libcudnn_cnn.so.9 is missing", "built for cuDNN 9"),
    ),
    (
        "cublas-missing",
        ["OSError: libcublasLt.so.12: cannot open shared object file: No such file or directory"],
        "cudnn_missing",
        ("libcublasLt.so.12 cannot be loaded.", "(here cu12, from torch", "nvidia-cudnn-cu12"),
    ),
    (
        "nvcc-vs-torch",
        [
            "RuntimeError: The detected CUDA version (12.1) mismatches the version that was used"
            " to compile PyTorch (11.8). Please make sure to use the same CUDA versions."
        ],
        "torch_extension_mismatch",
        (
            "nvcc is CUDA 12.1 but torch was built with CUDA 11.8",
            "export CUDA_HOME=/usr/local/cuda-11.8",
            "whl/cu121",
        ),
    ),
    (
        "build-ext-dir",
        [
            "error: could not create 'matcha/monotonic_align/core.cpython-310-x86_64-linux-gnu.so'"
            ": No such file or directory"
        ],
        "build_failed",
        ("matcha/monotonic_align does not exist", "mkdir -p matcha/monotonic_align"),
    ),
    (
        "permission-denied",
        ["PermissionError: [Errno 13] Permission denied: '/data/exp/epoch-1.pt'"],
        "permission_denied",
        ("Permission denied: /data/exp/epoch-1.pt.", "ls -ld /data/exp"),
    ),
]


def diagnosis_saying(log: list[str], category: str, says: tuple[str, ...]) -> Diagnosis:
    """The first diagnosis of ``log``: of ``category``, its shown text holding each of ``says``."""
    d = explain_lines(log)[0]
    assert d.category == category, (d.rule, d.category)
    shown = "\n".join([text(d.summary), text(d.why), *d.fix, *(text(n) for n in d.notes)])
    for wanted in says:
        assert wanted in shown, shown
    return d


@pytest.mark.parametrize(
    ("log", "category", "says"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_less_common_class_names_what_the_log_names(
    log: list[str], category: str, says: tuple[str, ...]
) -> None:
    d = diagnosis_saying(log, category, says)
    zh = "\n".join([text(d.summary, "zh"), text(d.why, "zh")])
    assert text(d.summary) not in zh


def test_the_second_diagnosis_comes_under_also_found(tmp_path: Path) -> None:
    log = tmp_path / "train.log"
    log.write_text(
        "OSError: libcublasLt.so.12: cannot open shared object file: No such file or directory\n"
        "PermissionError: [Errno 13] Permission denied: '/data/exp/epoch-1.pt'\n",
        encoding="utf-8",
    )
    proc = run_cli("explain", str(log))
    first, also = proc.stdout.split("\n\nAlso found (probably a consequence of the first):\n")
    assert first.startswith("? libcublasLt.so.12 cannot be loaded.  (cudnn_missing)")
    assert also.startswith("? Permission denied: /data/exp/epoch-1.pt.  (permission_denied)")
    assert proc.returncode == 1
