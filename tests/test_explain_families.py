"""explain reports a fine class under the family of failure it belongs to (rollup.toml), and
recognises classes that are not named by any one log: small synthetic logs, one per class."""

from __future__ import annotations

import pytest

from doctor.explain import explain_lines
from doctor.explain.rollup import family
from doctor.facts import Facts, ProbeResult
from doctor.messages import text


def lead_of(lines: list[str]) -> tuple[str, bool, list[str]]:
    """The leading diagnosis of a log: its category, whether it is said as certain, its fix."""
    d = explain_lines(lines)[0]
    return d.category, d.recognised, list(d.fix)


def test_lfs_pointer_is_its_own_class_with_the_lfs_fix() -> None:
    category, recognised, fix = lead_of(
        [
            "Traceback (most recent call last):",
            '  File "/home/u/proj/load.py", line 3, in <module>',
            "    model = pickle.load(open('model.pkl', 'rb'))",
            "_pickle.UnpicklingError: invalid load key, 'v'.",
        ]
    )
    assert (category, recognised) == ("git_lfs_pointer", True)
    assert fix == ["git lfs install", "git lfs pull"]


def test_no_k2_wheel_for_this_platform_is_k2_not_importing() -> None:
    category, _, fix = lead_of(
        [
            "ERROR: k2-1.24.4.dev20240223+cpu.torch2.2.1-cp310-cp310-manylinux_2_17_x86_64.whl "
            "is not a supported wheel on this platform."
        ]
    )
    assert category == "k2_import_failure"
    assert any("compatible tags" in c for c in fix)


def test_no_wheel_of_another_package_stays_a_platform_problem() -> None:
    category, _, _ = lead_of(
        ["ERROR: foo-1.0-cp39-cp39-win_amd64.whl is not a supported wheel on this platform."]
    )
    assert category == "platform_no_wheel"


def test_cxx11_abi_symbol_of_an_extension_is_the_libstdcxx_family() -> None:
    category, _, fix = lead_of(
        [
            "ImportError: /opt/env/lib/python3.9/site-packages/fastlm.cpython-39-x86_64-linux-gnu"
            ".so: undefined symbol: "
            "_ZNKSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE7compareEPKc"
        ]
    )
    assert category == "libstdcxx_glibcxx"
    assert any("nm -D" in c for c in fix)


def test_torch_symbol_stays_an_extension_built_for_another_torch() -> None:
    category, _, _ = lead_of(
        [
            "ImportError: /opt/env/lib/python3.9/site-packages/myext_cuda.so: undefined symbol: "
            "_ZN3c106detail"
            "14torchCheckFailEPKcS2_jRKNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEEE"
        ]
    )
    assert category == "torch_extension_mismatch"


def test_import_error_raised_inside_k2_is_k2_not_importing() -> None:
    category, recognised, _ = lead_of(
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
    assert family("git_lfs_pointer", {}) == "git_lfs_pointer"
    assert family("nvcc_arch_unsupported", {"arch": "sm_86"}) == "cuda_arch_unsupported"
    assert family("nvcc_arch_unsupported", {"arch": "sm_120"}) == "cuda_arch_unsupported"
    # an architecture newer toolkits dropped is the build's list, not this GPU
    assert family("nvcc_arch_unsupported", {"arch": "sm_30"}) == "nvcc_arch_unsupported"
    assert family("platform_no_wheel", {"wheel": "k2-1.0.whl"}) == "k2_import_failure"
    assert family("platform_no_wheel", {}) == "platform_no_wheel"
    assert family("k2_runtime_error", {"exc_type": "RuntimeError"}) == "k2_runtime_error"
    assert family("cuda_oom", {"symbol": "__cxx11"}) == "cuda_oom"


@pytest.mark.parametrize(
    ("line", "category"),
    [
        ("nvcc fatal   : Unsupported gpu architecture 'compute_120'", "cuda_arch_unsupported"),
        # a Fermi/Kepler architecture newer toolkits dropped: the build's list, not this GPU
        ("nvcc fatal   : Unsupported gpu architecture 'compute_20'", "nvcc_arch_unsupported"),
    ],
)
def test_nvcc_rejecting_the_arch_list_is_an_unsupported_architecture(
    line: str, category: str
) -> None:
    got, recognised, fix = lead_of(
        ["[ 10%] Building NVCC (Device) object CMakeFiles/x.dir/x.cu.o", line]
    )
    assert (got, recognised) == (category, True)
    assert any("nvcc --list-gpu-arch" in c for c in fix)
    assert any("TORCH_CUDA_ARCH_LIST" in c for c in fix)


def _cuda_facts(driver_cuda: str, torch_cuda: str) -> Facts:
    nvidia = {"driver": "470.57", "cuda_driver_version": driver_cuda}
    torch = {"version": "2.4.0", "cuda": torch_cuda}
    return Facts(
        probes={k: ProbeResult(k, "ok", v) for k, v in (("nvidia", nvidia), ("torch", torch))}
    )


_DRIVER = ["RuntimeError: CUDA error: CUDA driver version is insufficient for CUDA runtime version"]


def test_driver_message_alone_is_a_lead_not_a_verdict() -> None:
    category, recognised, fix = lead_of(_DRIVER)
    assert (category, recognised) == ("cuda_driver_too_old", False)
    assert "nvidia-smi" in fix
    note = text(explain_lines(_DRIVER)[0].notes[0])
    assert "no NVIDIA GPU" in note and "--gpus" in note


def test_driver_message_is_certain_when_this_machines_driver_is_older() -> None:
    d = explain_lines(_DRIVER, facts=_cuda_facts("11.4", "12.1"))[0]
    assert (d.category, d.recognised) == ("cuda_driver_too_old", True)
    d = explain_lines(_DRIVER, facts=_cuda_facts("12.4", "12.1"))[0]
    assert (d.category, d.recognised) == ("cuda_driver_too_old", False)


@pytest.mark.parametrize(
    "line",
    [
        "RuntimeError: cuDNN version mismatch: PyTorch was compiled against 7102 but linked "
        "against 7605",
        "RuntimeError: cuDNN version incompatibility: PyTorch was compiled against (8, 3, 2) but "
        "linked against (8, 0, 3)",
    ],
)
def test_cudnn_linked_against_another_version_is_cudnn(line: str) -> None:
    category, recognised, fix = lead_of([line])
    assert (category, recognised) == ("cudnn_missing", True)
    assert any("cudnn" in c.lower() for c in fix)


@pytest.mark.parametrize(
    "log",
    [
        ["RuntimeError: NCCL Error 2: unhandled system error"],
        ["test: NCCL failure common.cu:777 'unhandled system error'"],
    ],
)
def test_nccl_unhandled_system_error_points_at_ipc_and_shm(log: list[str]) -> None:
    category, recognised, fix = lead_of(log)
    assert (category, recognised) == ("nccl_system_error", True)
    assert any("--ipc=host" in c for c in fix)


def test_other_nccl_errors_stay_generic_nccl() -> None:
    category, _, fix = lead_of(["RuntimeError: NCCL error in: x.cpp:10, ncclInternalError"])
    assert category == "nccl_error"
    assert "export NCCL_DEBUG=INFO" in fix


@pytest.mark.parametrize(
    "log",
    [
        [
            "RuntimeError: DataLoader worker (pid 47) is killed by signal: Bus",
            "error. It is possible that dataloader's workers are out of shared",
            "memory. Please try to raise your shared memory limit.",
        ],
        ["Bus error (core dumped)"],
        ["train.sh: line 3:   812 Bus error (core dumped) python3 train.py --num-workers 8"],
    ],
)
def test_bus_error_is_shared_memory(log: list[str]) -> None:
    category, recognised, fix = lead_of(log)
    assert (category, recognised) == ("dataloader_shm", True)
    assert "df -h /dev/shm" in fix


def test_gpu_below_the_minimum_capability_is_arch_unsupported() -> None:
    category, _, _ = lead_of(
        [
            "Found GPU0 NVIDIA GeForce GT 730 which is of cuda capability 3.5.",
            "    PyTorch no longer supports this GPU because it is too old.",
            "    The minimum cuda capability supported by this library is 3.7.",
        ]
    )
    assert category == "cuda_arch_unsupported"


def test_torchaudio_op_without_the_backend_is_a_torch_torchaudio_mismatch() -> None:
    category, recognised, fix = lead_of(
        [
            "NotImplementedError: Could not run 'torchaudio::rnnt_loss' with arguments from the "
            "'CUDA' backend."
        ]
    )
    assert (category, recognised) == ("torch_torchaudio_mismatch", True)
    assert any("torchaudio==" in c for c in fix)


def _tb(frame: str, error: str) -> list[str]:
    return ["Traceback (most recent call last):", frame, "    import x", error]


@pytest.mark.parametrize(
    ("frame", "module", "checkout"),
    [
        (
            '  File "/work/espnet/egs/ljspeech/tts1/../../../utils/merge.py", line 15, in <module>',
            "espnet",
            "/work/espnet",
        ),
        ('  File "/home/u/speech/train.py", line 3, in <module>', "speech", "/home/u/speech"),
    ],
)
def test_package_named_like_a_folder_of_the_script_is_a_path_problem(
    frame: str, module: str, checkout: str
) -> None:
    d = explain_lines(_tb(frame, f"ModuleNotFoundError: No module named '{module}'"))[0]
    assert (d.category, d.recognised) == ("pythonpath", True)
    assert f"cd {checkout} && python3 -m pip install -e ." in d.fix[0]
    assert d.fix[1].startswith(f"export PYTHONPATH={checkout}:$PYTHONPATH")


@pytest.mark.parametrize("module", ["tacotron_cleaner", "piper_phonemize", "lilcom", "nltk"])
def test_real_missing_packages_are_not_taken_for_path_problems(module: str) -> None:
    frame = '  File "/home/u/icefall/egs/baker_zh/TTS/matcha/train.py", line 3, in <module>'
    d = explain_lines(_tb(frame, f"ModuleNotFoundError: No module named '{module}'"))[0]
    assert d.category == "missing_module"
    assert any("pip install" in c for c in d.fix)


def test_k2_in_a_folder_named_k2_keeps_the_k2_answer() -> None:
    frame = '  File "/home/u/k2/egs/train.py", line 3, in <module>'
    d = explain_lines(_tb(frame, "ModuleNotFoundError: No module named 'k2'"))[0]
    assert d.category == "missing_module"


def test_python2_message_is_a_lead_on_the_interpreter() -> None:
    category, recognised, fix = lead_of(["ImportError: No module named sentencepiece"])
    assert (category, recognised) == ("pythonpath", False)
    assert any("python --version" in c for c in fix)


@pytest.mark.parametrize("module", ["monotonic_align.monotonic_align", "monotonic_align.core"])
def test_local_extension_not_built_is_a_lead_with_the_build(module: str) -> None:
    category, recognised, fix = lead_of([f"ModuleNotFoundError: No module named '{module}'"])
    assert (category, recognised) == ("missing_module", False)
    assert any("build_ext --inplace" in c for c in fix)


def test_glibc_too_old_without_the_loader_is_a_lead() -> None:
    category, recognised, fix = lead_of(
        ["ImportError: /lib64/libm.so.6: version `GLIBC_2.27' not found"]
    )
    assert (category, recognised) == ("libstdcxx_glibcxx", False)
    assert "ldd --version" in fix


def test_k2_fsa_without_states_is_missing_data_with_the_lfs_fix() -> None:
    category, recognised, fix = lead_of(
        [
            "INFO [compile_hlg.py:69] Loading pre-compiled G_3_gram",
            "[W] /src/k2/csrc/fsa.cu:244:k2::Fsa k2::FsaFromArray1(k2::Array1<k2::Arc>&, bool*) "
            "Could not convert Array1 to FSA, there are no states",
            "[F] /src/k2/python/csrc/torch/fsa.cu:87: Check failed: !error",
        ]
    )
    assert (category, recognised) == ("data_missing", False)
    assert any("git lfs pull" in c for c in fix)


def test_torchscript_op_unknown_to_the_runtime_is_a_runtime_too_old() -> None:
    category, recognised, fix = lead_of(
        [
            "terminate called after throwing an instance of 'torch::jit::ErrorReport'",
            "  what():",
            "Unknown builtin op: aten::scaled_dot_product_attention.",
            "Here are some suggestions:",
            "        aten::_scaled_dot_product_attention",
        ]
    )
    assert (category, recognised) == ("torchscript_runtime_too_old", True)
    assert any("libtorch" in c for c in fix)


def test_onnx_opset_newer_than_onnxruntime_is_an_onnxruntime_version_problem() -> None:
    category, recognised, fix = lead_of(
        [
            "terminating due to uncaught exception of type Ort::Exception: ",
            "Failed to load model with error: /src/onnxruntime/core/graph/model_load_utils.h:56 ",
            "ONNX Runtime only *guarantees* support for models stamped with ",
            "official released onnx opset versions. Opset 21 is under development",
            " and support for this is limited. The operator schemas may change.",
            "Current official support for domain ai.onnx is till opset 20.",
        ]
    )
    assert (category, recognised) == ("onnxruntime_version", True)
    assert any("pip install -U onnxruntime" in c for c in fix)


def test_python2_fix_looks_at_what_puts_it_on_the_path() -> None:
    _, _, fix = lead_of(["ImportError: No module named kaldiio"])
    assert any("env.sh" in c and "path.sh" in c for c in fix)


_K2_SO = "/env/lib/python3.10/site-packages/_k2.cpython-310-x86_64-linux-gnu.so"


@pytest.mark.parametrize(
    ("symbol", "category"),
    [
        ("_ZN3c104cuda20getCurrentCUDAStreamEa", "k2_torch_mismatch"),
        # the CUDA runtime torch loaded lacks it: k2 was built for another CUDA than torch's,
        # which k2/python/k2/__init__.py itself refuses as a k2/torch mismatch
        ("cudaGetDriverEntryPoint", "k2_torch_mismatch"),
        (
            "_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE9_M_createERmm",
            "k2_import_failure",
        ),
    ],
)
def test_undefined_symbol_in_k2_is_the_k2_family(symbol: str, category: str) -> None:
    got, recognised, fix = lead_of([f"ImportError: {_K2_SO}: undefined symbol: {symbol}"])
    assert (got, recognised) == (category, True)
    assert "python3 -m pip uninstall -y k2" in fix


def test_library_k2_cannot_load_is_k2_not_importing() -> None:
    category, _, fix = lead_of(
        [
            "Traceback (most recent call last):",
            '  File "train.py", line 1, in <module>',
            "    import k2",
            '  File "/env/lib/python3.10/site-packages/k2/__init__.py", line 23, in <module>',
            "    from _k2 import DenseFsaVec",
            "ImportError: libfoo.so.3: cannot open shared object file: No such file or directory",
        ]
    )
    assert category == "k2_import_failure"
    assert any("libfoo" in c for c in fix)


def test_cudnn_loaded_older_than_built_with_is_cudnn() -> None:
    category, recognised, fix = lead_of(
        [
            "2021-03-01 10:00:00.1: E tensorflow/stream_executor/cuda/cuda_dnn.cc:336] Loaded "
            "runtime CuDNN library: 8.0.4 but source was compiled with: 8.1.0.  CuDNN library "
            "needs to have matching major version and equal or higher minor version."
        ]
    )
    assert (category, recognised) == ("cudnn_missing", True)
    assert fix[0].startswith("unset LD_LIBRARY_PATH")
    assert "(8.1.0)" in fix[1]
