"""explain by class of error: small logs written here (never copied ones), what the user sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from doctor.explain import explain_lines
from doctor.explain.structure import demangle, root_cause
from doctor.facts import Facts, ProbeResult
from doctor.messages import text
from tests.helpers import run_cli

SITE = "/home/u/venv/lib/python3.10/site-packages"

CASES = [
    # (log lines, category, a string the fix or summary must hold)
    (
        [
            "Traceback (most recent call last):",
            f'  File "{SITE}/k2/__init__.py", line 2, in <module>',
            "    from _k2 import DeterminizeWeightPushingType",
            "ImportError: libc10.so: cannot open shared object file: No such file or directory",
        ],
        "k2_import_failure",
        "k2",
    ),
    (
        [
            f'  File "{SITE}/torchaudio/_extension.py", line 5, in <module>',
            "OSError: libc10.so: cannot open shared object file: No such file or directory",
        ],
        "torch_torchaudio_mismatch",
        "torchaudio==",
    ),
    (
        ["ImportError: libpython3.10.so.1.0: cannot open shared object file: No such file"],
        "shared_library_missing",
        "libpython3.10",
    ),
    (
        ["OSError: libsndfile.so.1: cannot open shared object file: No such file or directory"],
        "audio_library_missing",
        "libsndfile1",
    ),
    (
        [
            f"ImportError: {SITE}/sherpa_onnx/lib/_sherpa_onnx.so: libonnxruntime.so: cannot open"
            " shared object file: No such file or directory"
        ],
        "onnxruntime_library",
        "sherpa-onnx",
    ),
    (
        [
            "OSError: dlopen(x/libtorchaudio_sox.so, 0x0006): "
            "Library not loaded: @rpath/libsox.dylib"
        ],
        "audio_library_missing",
        "brew install sox",
    ),
    (
        [
            f"ImportError: {SITE}/fancy_ext/_C.so: undefined symbol: "
            "_ZN3c106detail14torchCheckFailEPKcS2_jRKSs"
        ],
        "torch_extension_mismatch",
        "fancy_ext",
    ),
    (
        [
            "ImportError: /x/site-packages/torchaudio/lib/libtorchaudio.so: undefined symbol: "
            "_ZN2at4_ops5zeros4callEv"
        ],
        "torch_torchaudio_mismatch",
        "torchaudio==",
    ),
    (
        ["./prepare.sh: line 40: sox: command not found"],
        "command_missing",
        "apt-get install -y sox",
    ),
    (["/bin/sh: 1: cmake: not found"], "command_missing", "pip install -U cmake"),
    (["git: 'lfs' is not a git command. See 'git --help'."], "command_missing", "git-lfs"),
    (
        ["OSError: [Errno 28] No space left on device: 'exp/epoch-12.pt'"],
        "disk_full",
        "df -h . exp",
    ),
    (
        ["PermissionError: [Errno 13] Permission denied: '/opt/data/x'"],
        "permission_denied",
        "/opt/data",
    ),
    (
        [
            "RuntimeError: DataLoader worker (pid 812) is killed by signal: Bus error. "
            "It is possible"
            " that dataloader's workers are out of shared memory."
        ],
        "dataloader_shm",
        "--shm-size",
    ),
    (
        ["RuntimeError: DataLoader worker (pid 99) is killed by signal: Killed."],
        "host_oom_killed",
        "--num-workers",
    ),
    (["Killed"], "host_oom_killed", "free -g"),
    (
        [
            "urllib.error.HTTPError: HTTP Error 404: Not Found",
            "while downloading https://example.org/resources/33/data_aishell.tgz",
        ],
        "data_missing",
        "data_aishell.tgz",
    ),
    (
        [
            "OSError: The detected CUDA version (12.1) mismatches the version that was used to "
            "compile",
            "PyTorch (11.8). Please make sure to use the same CUDA versions.",
        ],
        "torch_extension_mismatch",
        "cuda-11.8",
    ),
    (
        [
            "CMake Error at CMakeLists.txt:1 (cmake_minimum_required):",
            "  CMake 3.18 or higher is required.  You are running version 3.10.2",
        ],
        "build_tool_too_old",
        "pip install -U cmake",
    ),
    (
        ["#error -- unsupported GNU version! gcc versions later than 12 are not supported!"],
        "compiler_unsupported",
        "CUDAHOSTCXX",
    ),
    (
        ["nvcc fatal   : Value 'sm_91' is not defined for option 'gpu-architecture'"],
        "cuda_arch_unsupported",
        "get_device_capability",
    ),
    (
        [
            "CUDA initialization: Error 803: system has unsupported display driver / cuda driver "
            "combination"
        ],
        "nvidia_driver_mismatch",
        "/proc/driver/nvidia/version",
    ),
    (
        [
            "RuntimeError: NCCL error in: ProcessGroupNCCL.cpp:1191, unhandled system error",
            "ncclSystemError: System call failed",
        ],
        "nccl_system_error",
        "NCCL_DEBUG=INFO",
    ),
    (
        [
            "ImportError: cannot import name 'Shout' from partially initialized module 'loudlib'"
            " (most likely due to a circular import) (/home/u/proj/loudlib.py)"
        ],
        "pythonpath",
        "my_loudlib.py",
    ),
    (["AttributeError: module 'k2' has no attribute 'Fsa'"], "k2_import_failure", "k2.__file__"),
    (
        ["ValueError: Cannot split iterable into more chunks (4) than its number of items 0"],
        "data_missing",
        "data/manifests",
    ),
    (["RuntimeError: espeak not installed on your system"], "espeak_missing", "espeak-ng"),
    (
        ["/x/online-model.cc:Init:98 encoder_dims does not exist in the metadata"],
        "onnx_metadata_missing",
        "OfflineRecognizer",
    ),
    (
        ["RuntimeError: cuda runtime error (2) : out of memory at /pytorch/aten/src/THC/x.cu:25"],
        "cuda_oom",
        "--max-duration",
    ),
]


CASES += [
    (["ModuleNotFoundError: No module named 'asr_datamodule'"], "pythonpath", "PYTHONPATH=$PWD"),
    (
        [
            '  File "/home/u/proj/pypinyin.py", line 1, in <module>',
            "AttributeError: module 'pypinyin' has no attribute 'lazy_pinyin'",
        ],
        "pythonpath",
        "my_pypinyin.py",
    ),
    (["No module named 'matcha.text'; 'matcha' is not a package"], "pythonpath", "matcha.__file__"),
]


def test_attribute_error_without_evidence_of_shadowing_claims_nothing() -> None:
    d = explain_lines(["AttributeError: module 'torch' has no attribute 'compile'"])[0]
    # a lead (a version mismatch), not a verdict: exit 1, the line shown
    assert not d.recognised and d.category == "package_version_mismatch"
    assert any("AttributeError" in e for e in d.evidence)


@pytest.mark.parametrize(("log", "category", "needle"), CASES)
def test_class_of_error(log: list[str], category: str, needle: str) -> None:
    d = explain_lines(log)[0]
    assert d.category == category, (d.rule, d.category)
    assert d.recognised
    shown = " ".join([*d.fix, text(d.summary), text(d.why)])
    assert needle in shown, shown


def test_no_fix_exports_ld_library_path() -> None:
    """An exported LD_LIBRARY_PATH to CUDA libraries is what `check` warns about."""
    for lib in ("libcudnn.so.9", "libcublasLt.so.12", "libcudnn_ops_infer.so.8"):
        for loader in ("import torch", "import onnxruntime"):
            d = explain_lines([loader, f"OSError: {lib}: cannot open shared object file"])[0]
            assert d.category == "cudnn_missing"
            assert not any(c.startswith("export LD_LIBRARY_PATH") for c in d.fix), d.fix


def _facts(**probes: dict[str, object]) -> Facts:
    return Facts(probes={k: ProbeResult(k, "ok", v) for k, v in probes.items()})


def test_cudnn_wheel_follows_this_machines_torch_build() -> None:
    facts = _facts(torch={"installed": True, "version": "2.3.1+cu121", "cuda": "12.1"})
    log = ["import torch", "OSError: libcudnn.so.8: cannot open shared object file"]
    d = explain_lines(log, facts)[0]
    fix = " ".join(d.fix)
    assert "cu12" in fix and "cu11" not in fix
    assert "torch==2.3.1" in fix and "whl/cu121" in fix


def test_existing_k2_source_build_is_pointed_to_not_reinstalled(tmp_path: Path) -> None:
    build = {
        "root": str(tmp_path / "k2"),
        "python_dir": str(tmp_path / "k2/k2/python"),
        "lib_dir": str(tmp_path / "k2/build/lib"),
        "python_tag": "cp310",
        "fits_python": True,
        "torch_version": "2.4.0+cu121",
    }
    torch = {"installed": True, "version": "2.4.0+cu121", "cuda": "12.1"}
    facts = _facts(torch=torch, k2={"found": False, "source_builds": [build]})
    d = explain_lines(["ModuleNotFoundError: No module named 'k2'"], facts)[0]
    assert d.category == "pythonpath"
    assert any(str(tmp_path / "k2/k2/python") in c for c in d.fix)
    assert not any("pip install" in c for c in d.fix)
    assert str(tmp_path / "k2") in text(d.summary)


def test_k2_source_builds_of_odd_shape_are_ignored() -> None:
    torch = {"installed": True, "version": "2.4.0+cu121", "cuda": "12.1"}
    for odd in (None, "x", [1, "y"], [{"fits_python": False, "python_dir": "/p"}]):
        facts = _facts(torch=torch, k2={"found": False, "source_builds": odd})
        d = explain_lines(["ModuleNotFoundError: No module named 'k2'"], facts)[0]
        assert d.category == "missing_module"


def test_chained_traceback_root_cause_is_the_first_link() -> None:
    log = [
        "Traceback (most recent call last):",
        '  File "/home/u/recipe/local/prep.py", line 12, in <module>',
        f'  File "{SITE}/yaml/loader.py", line 40, in load',
        "KeyError: 'supervisions'",
        "",
        "During handling of the above exception, another exception occurred:",
        "",
        "Traceback (most recent call last):",
        '  File "/home/u/recipe/local/prep.py", line 14, in <module>',
        "RuntimeError: could not load the manifest",
    ]
    root = root_cause(log)
    assert root is not None and root.type == "KeyError"
    assert root.culprit is not None and root.culprit.path.endswith("prep.py")
    assert root.raised_in == "yaml"
    d = explain_lines(log)[0]
    assert not d.recognised and d.category == "program_error"  # a lead, never certain
    assert d.line == 4
    assert "KeyError" in text(d.summary) and "prep.py:12" in text(d.summary)


def test_demangle_names_the_library() -> None:
    assert demangle("_ZN3c104impl3cow11cow_deleterEPv") == "c10::impl::cow::cow_deleter"
    assert demangle("_ZN2at19UndefinedTensorImpl10_singletonE").startswith("at::")
    assert demangle("not_mangled") == "not_mangled"


def test_one_line_log_is_not_reported_at_line_zero() -> None:
    d = explain_lines(["something odd happened"])[0]
    assert not d.recognised and d.line == 1


def test_huge_line_is_cut_in_what_is_shown() -> None:
    d = explain_lines(["x" * 10_000_000 + " fatal: it broke"])[0]
    assert all(len(e) < 1000 for e in d.evidence)
    assert d.line == 1


@pytest.mark.parametrize(
    ("content", "category"),
    [(b"", "empty_log"), (b"\n\n  \n", "empty_log"), (b"\x00\x01PK\x03\x04", "binary_log")],
)
def test_cli_names_empty_and_binary_files(tmp_path: Path, content: bytes, category: str) -> None:
    log = tmp_path / "step.log"
    log.write_bytes(content)
    r = run_cli("explain", str(log), "--json", "--no-probe")
    assert r.returncode == 1
    data = json.loads(r.stdout)
    assert data["diagnoses"][0]["category"] == category
    assert data["recognised"] is False


def test_error_804_is_a_driver_lead_that_names_the_container_case() -> None:
    """804 is also a container's CUDA compatibility libraries on a GPU without support for
    them: the driver class, said with that doubt (exit 1), not as certain."""
    d = explain_lines(["Error 804: forward compatibility was attempted on non supported HW"])[0]
    assert (d.category, d.recognised, d.doubt) == ("cuda_driver_too_old", False, "forward_compat")
    assert "container" in text(d.notes[0], "en")


def test_torchs_own_library_missing_under_k2_imports_torch_first_not_a_reinstall() -> None:
    # libc10.so lives in torch/lib: k2's extension finds it once torch is loaded. A reinstall
    # of torch and torchaudio (the answer the issue calls confidently wrong) does not help.
    log = [
        "Traceback (most recent call last):",
        f'  File "{SITE}/k2/autograd.py", line 6, in <module>',
        "    import _k2",
        "ImportError: libc10.so: cannot open shared object file: No such file or directory",
    ]
    d = explain_lines(log)[0]
    assert d.category == "k2_import_failure"
    assert any("import torch, k2" in c for c in d.fix), d.fix
    assert not any("torchaudio" in c for c in d.fix), d.fix
    assert "not imported before k2" in text(d.summary, "en")


def test_cuda_asked_for_on_a_mac_chooses_mps_not_a_cuda_torch() -> None:
    # no CUDA build of torch exists for macOS: the cu128 reinstall would not help there
    log = ["AssertionError: Torch not compiled with CUDA enabled"]
    on_mac = _facts(python={"markers": {"sys_platform": "darwin", "python_version": "3.11"}})
    d = explain_lines(log, on_mac)[0]
    assert not any("cu128" in c for c in d.fix), d.fix
    assert any("mps" in c for c in d.fix), d.fix
    on_linux = _facts(python={"markers": {"sys_platform": "linux", "python_version": "3.11"}})
    assert any("cu128" in c for c in explain_lines(log, on_linux)[0].fix)
