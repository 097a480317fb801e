"""explain reports a fine class under the family of failure it belongs to (rollup.toml), and
recognises classes that are not named by any one log: small synthetic logs, one per class."""

from __future__ import annotations

import pytest

from doctor.explain import explain_lines
from doctor.explain.rollup import family


def _lead(lines: list[str]) -> tuple[str, bool, list[str]]:
    d = explain_lines(lines)[0]
    return d.category, d.recognised, list(d.fix)


def test_lfs_pointer_is_a_data_problem_with_the_lfs_fix() -> None:
    category, recognised, fix = _lead(
        [
            "Traceback (most recent call last):",
            '  File "/home/u/proj/load.py", line 3, in <module>',
            "    model = pickle.load(open('model.pkl', 'rb'))",
            "_pickle.UnpicklingError: invalid load key, 'v'.",
        ]
    )
    assert (category, recognised) == ("data_missing", True)
    assert fix == ["git lfs install", "git lfs pull"]


def test_no_k2_wheel_for_this_platform_is_k2_not_importing() -> None:
    category, _, fix = _lead(
        [
            "ERROR: k2-1.24.4.dev20240223+cpu.torch2.2.1-cp310-cp310-manylinux_2_17_x86_64.whl "
            "is not a supported wheel on this platform."
        ]
    )
    assert category == "k2_import_failure"
    assert any("compatible tags" in c for c in fix)


def test_no_wheel_of_another_package_stays_a_platform_problem() -> None:
    category, _, _ = _lead(
        ["ERROR: foo-1.0-cp39-cp39-win_amd64.whl is not a supported wheel on this platform."]
    )
    assert category == "platform_no_wheel"


def test_cxx11_abi_symbol_of_an_extension_is_the_libstdcxx_family() -> None:
    category, _, fix = _lead(
        [
            "ImportError: /opt/env/lib/python3.9/site-packages/fastlm.cpython-39-x86_64-linux-gnu"
            ".so: undefined symbol: "
            "_ZNKSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE7compareEPKc"
        ]
    )
    assert category == "libstdcxx_glibcxx"
    assert any("nm -D" in c for c in fix)


def test_torch_symbol_stays_an_extension_built_for_another_torch() -> None:
    category, _, _ = _lead(
        [
            "ImportError: /opt/env/lib/python3.9/site-packages/myext_cuda.so: undefined symbol: "
            "_ZN3c106detail"
            "14torchCheckFailEPKcS2_jRKNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEEE"
        ]
    )
    assert category == "torch_extension_mismatch"


def test_import_error_raised_inside_k2_is_k2_not_importing() -> None:
    category, recognised, _ = _lead(
        [
            ">>> import k2",
            "Traceback (most recent call last):",
            '  File "<stdin>", line 1, in <module>',
            '  File "/opt/env/lib/python3.8/site-packages/k2/__init__.py", line 2, in <module>',
            "    from _k2 import Something",
            "ImportError: arg(): could not convert default argument into a Python object",
        ]
    )
    assert (category, recognised) == ("k2_import_failure", False)


def test_rollup_table_conditions() -> None:
    assert family("git_lfs_pointer", {}) == "data_missing"
    assert family("platform_no_wheel", {"wheel": "k2-1.0.whl"}) == "k2_import_failure"
    assert family("platform_no_wheel", {}) == "platform_no_wheel"
    assert family("k2_runtime_error", {"exc_type": "RuntimeError"}) == "k2_runtime_error"
    assert family("cuda_oom", {"symbol": "__cxx11"}) == "cuda_oom"


@pytest.mark.parametrize(
    "line",
    [
        "nvcc fatal   : Unsupported gpu architecture 'compute_120'",
        "nvcc fatal   : Unsupported gpu architecture 'compute_20'",
    ],
)
def test_nvcc_rejecting_the_arch_list_is_a_build_configuration_problem(line: str) -> None:
    category, recognised, fix = _lead(
        ["[ 10%] Building NVCC (Device) object CMakeFiles/x.dir/x.cu.o", line]
    )
    assert (category, recognised) == ("nvcc_arch_unsupported", True)
    assert any("nvcc --list-gpu-arch" in c for c in fix)
    assert any("TORCH_CUDA_ARCH_LIST" in c for c in fix)
