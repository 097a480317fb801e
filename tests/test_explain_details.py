"""What explain shows for the less common forms of a class: a line without the usual detail (no
module name, the library path on the line above, an unquoted path), a fallback fix, a doubt
note, and the JSON fields a script reads (small logs written here, never copied ones)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from doctor.explain import explain_lines
from doctor.facts import Facts, ProbeResult
from doctor.messages import text
from tests.helpers import run_cli
from tests.test_explain_rendered import diagnosis_saying

K2_LINE = "k2 1.24.4.dev20240223+cuda12.1.torch2.2.1"
SITE = "/env/lib/python3.10/site-packages"

# (case, log lines, category, what summary + why + fix + notes must all hold)
CASES = [
    (
        "stdlib-module",
        ["ModuleNotFoundError: No module named '_ctypes'"],
        "python_incomplete",
        (
            "Python cannot import _ctypes, a module of its own standard library.",
            'python3 -c "import sys; print(sys.executable, sys.version)"',
        ),
    ),
    (
        "k2-requires-torch",
        [f"{K2_LINE} requires torch==2.2.1, but you have torch 2.3.0 which is incompatible."],
        "k2_torch_mismatch",
        (
            f"{K2_LINE} was built for torch==2.2.1, but torch 2.3.0 is installed.",
            "python3 -m pip install torch==2.2.1  # the version k2 1.24.4",
        ),
    ),
    (
        "symbol-library-on-the-line-above",
        ["ImportError: /opt/lib/libfoo.so.1:", "undefined symbol: foo_bar_init"],
        "undefined_symbol",
        (
            "libfoo.so.1 needs foo_bar_init, which the loaded libraries do not have.",
            "nm -D /opt/lib/libfoo.so.1 | grep -c ' U '",
        ),
    ),
    (
        "disk-full-unquoted-path",
        ["OSError: [Errno 28] No space left on device: /data/exp/epoch-3.pt"],
        "disk_full",
        ("The disk is full (ENOSPC): /data/exp/epoch-3.pt.", "df -h . /data/exp"),
    ),
    (
        "dll-without-module",
        ["ImportError: DLL load failed: The specified module could not be found."],
        "windows_dll",
        ("Windows cannot load the DLLs of ? (from <the package>).",),
    ),
    (
        "torch-built-with-cuda",
        ["PyTorch is built with CUDA version: 11.8"],
        "torch_extension_mismatch",
        (
            "not the CUDA 11.8 torch was built with",
            "export CUDA_HOME=/usr/local/cuda-11.8 PATH=/usr/local/cuda-11.8/bin:$PATH",
        ),
    ),
    (
        "k2-cmake-gpu-arch",
        ["CMake Error: Unknown CUDA Architecture Name 12.0 in CUDA_SELECT_NVCC_ARCH_FLAGS"],
        "cuda_arch_unsupported",
        (
            "k2's CMake does not know this GPU's architecture (12.0).",
            "The k2 release's CMake predates this GPU",
            "cd k2 && git pull",
        ),
    ),
    (
        "data-file-any-directory",
        ["FileNotFoundError: [Errno 2] No such file or directory: 'exp/foo/bar'"],
        "data_missing",
        ("ls -l exp/foo/bar",),
    ),
    (
        "k2-pinned-no-wheel",
        [
            "ERROR: Could not find a version that satisfies the requirement k2==1.24.4"
            " (from versions: none)",
            "ERROR: No matching distribution found for k2==1.24.4",
        ],
        "k2_import_failure",
        ("pip finds no k2 wheel", "git clone https://github.com/k2-fsa/k2"),
    ),
    (
        "onnxruntime-cudnn",
        [
            "[E:onnxruntime:Default, provider_bridge_ort.cc:1480 TryGetProviderInfo_CUDA] Failed"
            " to load library libonnxruntime_providers_cuda.so with error: libcudnn.so.8: cannot"
            " open shared object file: No such file or directory"
        ],
        "cudnn_missing",
        (
            "libcudnn.so.8 cannot be loaded.",
            "python3 -m pip install --force-reinstall onnxruntime-gpu  # or a build for the CUDA",
        ),
    ),
    (
        "recipe-local-package",
        ["ModuleNotFoundError: No module named 'local.prepare'"],
        "pythonpath",
        ("export PYTHONPATH=$PWD:$PYTHONPATH",),
    ),
    (
        "segfault-in-a-dataloader-worker",
        [
            "Traceback (most recent call last):",
            '  File "/home/u/egs/baker_zh/TTS/matcha/train.py", line 1100, in <module>',
            "    main()",
            f'  File "{SITE}/torch/utils/data/dataloader.py", line 1133, in _try_get_data',
            "    data = self._data_queue.get(timeout=timeout)",
            "RuntimeError: DataLoader worker (pid 12345) is killed by signal: Segmentation fault.",
        ],
        "process_crashed",
        ("/env/bin/python3.10 -X faulthandler /home/u/egs/baker_zh/TTS/matcha/train.py  # shows",),
    ),
]


@pytest.mark.parametrize(
    ("log", "category", "says"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_less_common_form_still_names_what_the_log_names(
    log: list[str], category: str, says: tuple[str, ...]
) -> None:
    diagnosis_saying(log, category, says)


def test_a_stdlib_module_is_never_offered_as_a_pip_install() -> None:
    d = explain_lines(["ModuleNotFoundError: No module named '_ctypes'"])[0]
    assert not any("pip install" in f for f in d.fix), d.fix


GLIBC = "ImportError: /lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.34' not found"


def test_glibc_names_the_package_that_needs_it_or_says_it_is_not_certain() -> None:
    by_k2 = explain_lines([f"{GLIBC} (required by {SITE}/k2/lib/libk2context.so)"])[0]
    assert by_k2.fix[0] == "ldd --version"
    assert "build k2 from source" in by_k2.fix[1]
    assert by_k2.notes == ()
    unknown = explain_lines([GLIBC])[0]
    assert unknown.fix == ("ldd --version",)
    assert [text(n) for n in unknown.notes] == [
        "Not certain: the log does not show which package tried to load "
        "/lib/x86_64-linux-gnu/libc.so.6."
    ]


def test_explain_json_carries_the_rendered_notes(tmp_path: Path) -> None:
    log = tmp_path / "train.log"
    log.write_text(GLIBC + "\n", encoding="utf-8")
    proc = run_cli("explain", "--json", str(log))
    first = json.loads(proc.stdout)["diagnoses"][0]
    assert first["notes_text"] == [
        "Not certain: the log does not show which package tried to load "
        "/lib/x86_64-linux-gnu/libc.so.6."
    ]
    assert first["summary_text"] == "The system's glibc is too old: GLIBC_2.34 is missing."


def _source_builds(torch: str) -> Facts:
    builds = [
        {"root": f"/src/{name}", "python_dir": f"/src/{name}/k2/python", "fits_python": True,
         "lib_dir": f"/src/{name}/build/lib", "torch_version": built}
        for name, built in (("k2-old", "2.5.0+cu124"), ("k2", "2.7.1+cu126"))
    ]  # fmt: skip
    k2 = ProbeResult("k2", "ok", {"found": False, "source_builds": builds})
    return Facts(probes={"k2": k2, "torch": ProbeResult("torch", "ok", {"version": torch})})


def test_a_missing_k2_points_at_the_source_build_made_for_this_torch() -> None:
    d = explain_lines(["ModuleNotFoundError: No module named 'k2'"], _source_builds("2.7.1+cu126"))[
        0
    ]
    assert d.category == "pythonpath"
    assert text(d.summary) == "k2 is built from source in /src/k2 but Python does not find it."
    assert d.fix[:2] == (
        "export PYTHONPATH=/src/k2/k2/python:$PYTHONPATH  # your k2 source build",
        "export PYTHONPATH=/src/k2/build/lib:$PYTHONPATH  # where its _k2 module is",
    )


def test_an_undefined_symbol_on_the_line_after_its_library_is_found_anywhere_in_the_log() -> None:
    """The loader's two-line form (the library ends one line, "undefined symbol: ..." starts
    the next) far from the end of a long log: found by the whole-log pass, not only the tail."""
    first = [
        "Traceback (most recent call last):",
        '  File "train.py", line 3, in <module>',
        "    import k2",
        "ImportError: /env/lib/python3.10/site-packages/_k2.cpython-310-x86_64-linux-gnu.so:",
        "undefined symbol: _ZN3c104cuda9SetDeviceEi",
    ]
    later = [f"[rank1] step {n}: waiting for rank 0" for n in range(300)]
    (d, *_) = explain_lines(first + later)
    assert (d.category, d.recognised) == ("k2_torch_mismatch", True)
    assert text(d.summary).startswith(
        "_k2.cpython-310-x86_64-linux-gnu.so needs c10::cuda::SetDevice (_ZN3c104cuda9"
    )
