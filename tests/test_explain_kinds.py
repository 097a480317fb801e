"""explain reads kinds of failure, not single logs: each test writes a small log of one kind (never
a copied one) in a form the rules were not written for, and checks what the user sees: the
category, whether it is said with certainty, and the fix."""

from __future__ import annotations

from doctor.explain import explain_lines
from doctor.messages import text

SITE = "/opt/env/lib/python3.9/site-packages"


def _lead(lines: list[str]):  # type: ignore[no-untyped-def]
    return explain_lines(lines)[0]


# --- missing modules ------------------------------------------------------------------------


def test_a_package_whose_own_code_lacks_its_submodule_is_an_incomplete_install() -> None:
    lead = _lead(
        [
            "Traceback (most recent call last):",
            '  File "decode.py", line 3, in <module>',
            "    import speechkit",
            f'  File "{SITE}/speechkit/__init__.py", line 10, in <module>',
            "    from .scorers import Scorer",
            f'  File "{SITE}/speechkit/scorers.py", line 4, in <module>',
            "    from speechkit.lm.rnn import RnnLm",
            "ModuleNotFoundError: No module named 'speechkit.lm'",
        ]
    )
    assert lead.category == "package_incomplete"
    assert "speechkit" in text(lead.summary)
    assert any("--force-reinstall --no-deps speechkit" in c for c in lead.fix)


def test_the_same_submodule_imported_by_the_users_code_is_not_an_incomplete_install() -> None:
    lead = _lead(
        [
            "Traceback (most recent call last):",
            '  File "decode.py", line 3, in <module>',
            "    from speechkit.lm.rnn import RnnLm",
            "ModuleNotFoundError: No module named 'speechkit.lm'",
        ]
    )
    assert lead.category != "package_incomplete"


def test_a_vendored_monotonic_align_extension_not_built_is_the_extension() -> None:
    lead = _lead(
        [
            "Traceback (most recent call last):",
            '  File "/srv/app/serve.py", line 8, in <module>',
            "    import third.mas.monotonic_align.core",
            '  File "/srv/app/third/mas/__init__.py", line 3, in <module>',
            "    from .monotonic_align.core import maximum_path_c",
            "ModuleNotFoundError: No module named 'third.mas.monotonic_align.core'",
        ]
    )
    assert lead.category == "missing_module"
    assert not lead.recognised  # built elsewhere or never built: the log does not say which
    assert any("build_ext --inplace" in c for c in lead.fix)


def test_the_python_module_kaldi_is_pykaldi_not_the_projects_own() -> None:
    lead = _lead(
        [
            "Traceback (most recent call last):",
            '  File "/home/u/proj/src/feats.py", line 17, in <module>',
            "    from kaldi import nnet3",
            "ModuleNotFoundError: No module named 'kaldi'",
        ]
    )
    assert lead.category == "missing_module"
    assert any("pykaldi" in c for c in lead.fix)


def test_an_import_name_unlike_its_distribution_gets_the_distribution() -> None:
    lead = _lead(["ModuleNotFoundError: No module named 'parselmouth'"])
    assert lead.category == "missing_module"
    assert any("praat-parselmouth" in c for c in lead.fix)


# --- commands that a Python package installs ------------------------------------------------


def test_a_console_script_not_found_is_its_distribution_missing() -> None:
    lead = _lead(["-bash: sherpa-onnx-offline-tts: command not found"])
    assert lead.category == "missing_module"
    assert "sherpa-onnx" in text(lead.summary)
    assert lead.fix[0].startswith("python3 -m pip install sherpa-onnx")


def test_zsh_names_the_command_after_the_words_command_not_found() -> None:
    lead = _lead(["zsh: command not found: torchrun"])
    assert lead.params["cmd"] == "torchrun"
    assert lead.category == "missing_module"


def test_a_program_no_package_installs_stays_a_missing_program() -> None:
    lead = _lead(["bash: line 1: flac: command not found"])
    assert lead.category == "command_missing"
    assert lead.params["cmd"] == "flac"


# --- undefined symbols ------------------------------------------------------------------------


def test_macos_symbol_not_found_alone_is_a_torch_symbol_of_an_unnamed_extension() -> None:
    lead = _lead(["Symbol not found: _torch_library_impl"])
    assert lead.category == "torch_torchaudio_mismatch"
    assert not lead.recognised  # the log does not name the library
    assert any("torchaudio==" in c for c in lead.fix)


def test_a_mangled_torch_symbol_without_its_library_is_not_said_with_certainty() -> None:
    lead = _lead(["OSError: undefined symbol: _ZN3c105ErrorC2ENS_14SourceLocationESs"])
    assert lead.category == "torch_torchaudio_mismatch"
    assert not lead.recognised


def test_macos_names_the_library_it_expected_the_symbol_in() -> None:
    lead = _lead(
        [
            "OSError: dlopen(/v/site-packages/fastconv/_C.so, 0x0006): Symbol not found: _fc_init",
            "  Referenced from: <1A2B> /v/site-packages/fastconv/_C.so",
            "  Expected in:     <3C4D> /v/site-packages/torch/lib/libtorch_cpu.dylib",
        ]
    )
    assert lead.category == "torch_extension_mismatch"
    assert lead.params["against"] == "torch"


# --- GPU memory -------------------------------------------------------------------------------


def test_cuda_out_of_memory_spelled_with_a_space_before_the_colon() -> None:
    assert _lead(["Runtime error: CUDA error : out of memory"]).category == "cuda_oom"


def test_the_driver_api_out_of_memory_code() -> None:
    lead = _lead(["RuntimeError: CUDA driver error: CUDA_ERROR_OUT_OF_MEMORY"])
    assert lead.category == "cuda_oom"


# --- a wrapper line that carries its cause ----------------------------------------------------


def test_onnxruntimes_node_failure_gives_way_to_the_cuda_error_it_carries() -> None:
    lead = _lead(
        [
            "onnxruntime.capi.onnxruntime_pybind11_state.Fail: [ONNXRuntimeError] : 1 : FAIL :"
            " Non-zero status code returned while running Conv node. Name:'Conv_3' Status"
            " Message: CUDA error cudaErrorNoKernelImageForDevice:no kernel image is available"
            " for execution on the device"
        ]
    )
    assert lead.category == "cuda_arch_unsupported"


def test_onnxruntimes_node_failure_alone_stays_a_runtime_lead() -> None:
    lead = _lead(
        [
            "onnxruntime.capi.onnxruntime_pybind11_state.Fail: [ONNXRuntimeError] : 1 : FAIL :"
            " Non-zero status code returned while running Reshape node. Name:'R_1' Status"
            " Message: the input tensor cannot be reshaped to the requested shape"
        ]
    )
    assert lead.category == "onnxruntime_runtime"
    assert not lead.recognised


# --- data that is missing, empty or cut short -------------------------------------------------


def test_a_shell_scripts_lowercase_no_such_file_on_a_data_path_is_data_missing() -> None:
    lead = _lead(
        [
            "stage 2: Feature Generation",
            "steps/compute_feats.sh: no such file data/dev_clean/wav.scp",
        ]
    )
    assert lead.category == "data_missing"
    assert lead.params["path"] == "data/dev_clean/wav.scp"


def test_no_such_file_or_directory_is_not_read_as_a_path_named_or() -> None:
    lead = _lead(["open /etc/foo.conf: no such file or directory"])
    assert lead.params.get("path") != "or"


def test_an_lm_without_its_arpa_header_is_data_not_there() -> None:
    lead = _lead(
        [
            "2024-01-02 10:00:00 (prepare.sh:90:main) Stage 5: Prepare G",
            "/build/kaldilm/csrc/arpa_file_parser.cc:void Read(std::istream&):112",
            "[E] line 3 []: \\data\\ section missing or empty.",
            "./prepare.sh: line 101: 4242 Aborted (core dumped) python3 -m kaldilm x.arpa",
        ]
    )
    assert lead.category == "data_missing"
    assert any("git lfs pull" in c and "--stage 5" in c for c in lead.fix)


def test_a_model_file_sherpa_cannot_read_is_offered_as_missing() -> None:
    lead = _lead(["Read binary file: Load 'models/asr/encoder.int8.onnx' failed"])
    assert lead.category == "data_missing"
    assert not lead.recognised  # missing, or read through the wrong Android API
    assert lead.fix[0].startswith("ls -l models/asr/encoder.int8.onnx")


def test_an_onnx_external_data_file_cut_short_is_a_cut_download() -> None:
    lead = _lead(
        [
            "Deserialize tensor w_q4 failed.tensorprotoutils.cc:900 GetExtDataFromTensorProto"
            " External initializer: w_q4 offset: 4096 size to read: 8192 given file_length:"
            " 1024 are out of bounds or can not be read in full."
        ]
    )
    assert lead.category == "data_missing"
    assert any("wget -c" in c for c in lead.fix)


# --- audio backends -------------------------------------------------------------------------


def test_torchaudio_ffmpeg_extension_that_does_not_initialise() -> None:
    lead = _lead(
        [
            "ImportError: Failed to initialize the FFmpeg extension. Tried versions: ['6', '5',"
            " '4', '']. Enabling DEBUG logging will provide more details about the error."
        ]
    )
    assert lead.category == "ffmpeg_backend"


def test_a_named_audio_backend_torchaudio_lacks() -> None:
    lead = _lead(["RuntimeError: Backend \"sox\" is not one of available backends: ['ffmpeg']."])
    assert lead.category == "audio_backend_missing"
    assert "sox" in text(lead.summary)
    lead = _lead(["RuntimeError: sox_io backend is not available."])
    assert lead.category == "audio_backend_missing"


# --- TorchScript ------------------------------------------------------------------------------


def test_an_error_raised_inside_torch_jit_is_a_torchscript_lead() -> None:
    lead = _lead(
        [
            "Traceback (most recent call last):",
            '  File "./zipformer/export-onnx.py", line 400, in main',
            "    export_encoder_model_onnx(encoder, filename)",
            f'  File "{SITE}/torch/jit/_trace.py", line 535, in _check_trace',
            "    raise TracingCheckError(*diag_info)",
            "torch.jit._trace.TracingCheckError: Tracing failed sanity checks!",
        ]
    )
    assert lead.category == "torchscript_error"
    assert not lead.recognised
    assert "model.eval()" in " ".join(lead.fix)
    assert "export-onnx.py" in " ".join(lead.evidence)


def test_a_module_missing_in_a_stage_script_whose_python_is_not_shown_is_a_lead() -> None:
    lead = _lead(
        [
            "stage 0: Setting up directories",
            "Traceback (most recent call last):",
            '  File "local/prepare_text.py", line 4, in <module>',
            "    import pandas as pd",
            "ModuleNotFoundError: No module named 'pandas'",
        ]
    )
    assert lead.category == "missing_module"
    assert not lead.recognised  # the stage may have run another python
    assert any("pip install 'pandas'" in c for c in lead.fix)


def test_a_module_missing_where_the_traceback_shows_the_interpreter_is_certain() -> None:
    lead = _lead(
        [
            "stage 0: Setting up directories",
            "Traceback (most recent call last):",
            '  File "local/prepare_text.py", line 4, in <module>',
            "    import pandas as pd",
            f'  File "{SITE}/somewrapper/__init__.py", line 1, in <module>',
            "ModuleNotFoundError: No module named 'pandas'",
        ]
    )
    assert lead.category == "missing_module"
    assert lead.recognised


# --- libraries that do not load ---------------------------------------------------------------


def test_a_library_with_a_wheels_hash_in_its_name_is_that_wheels_not_aptss() -> None:
    lead = _lead(
        [
            "$ sherpa-offline --help",
            "sherpa-offline: error while loading shared libraries: libsherpa_core-1a2b3c4d.so:"
            " cannot open shared object file: No such file or directory",
        ]
    )
    assert lead.category == "shared_library_missing"
    assert lead.fix[0].startswith("python3 -m pip install --force-reinstall --no-deps k2-sherpa")
    assert not any("apt-get" in c for c in lead.fix)


def test_torchs_own_libshm_is_fixed_by_torch_not_apt() -> None:
    lead = _lead(
        [
            "Traceback (most recent call last):",
            f'  File "{SITE}/torch/__init__.py", line 53, in <module>',
            "    from torch._C import *",
            "ImportError: libshm.so: cannot open shared object file: No such file or directory",
        ]
    )
    assert any("--force-reinstall torch==" in c for c in lead.fix)
    assert not any("apt-get" in c for c in lead.fix)


# --- connections between training processes ---------------------------------------------------


def test_a_refused_connection_in_ncclss_own_log_lines_is_nccl_not_a_download() -> None:
    lead = _lead(
        [
            "node7:454:484 [0] include/socket.h:185 WARN Call to connect failed :"
            " Connection refused",
            "node7:454:484 [0] INFO bootstrap.cu:76 -> 2 [bthread]",
        ]
    )
    assert lead.category == "nccl_error"
    assert any("NCCL_IB_DISABLE=1" in c for c in lead.fix)
    assert not any("HF_ENDPOINT" in c for c in lead.fix)


def test_a_refused_connection_to_the_rendezvous_is_not_a_download() -> None:
    lead = _lead(
        [
            "torch.distributed.DistStoreError: TCPStore client failed to connect to"
            " MASTER_ADDR=10.0.0.2 port 29500",
            "ConnectionRefusedError: [Errno 111] Connection refused",
        ]
    )
    assert lead.category != "download_failed"


def test_a_data_path_a_shell_tool_cannot_access_is_data_missing() -> None:
    lead = _lead(["ls: cannot access 'download/corpus_x/wavs': No such file or directory"])
    assert lead.category == "data_missing"
    assert lead.params["path"] == "download/corpus_x/wavs"


def test_a_system_path_a_shell_tool_cannot_access_is_not_data() -> None:
    lead = _lead(["ls: cannot access '/usr/local/cuda/bin/nvcc': No such file or directory"])
    assert lead.category != "data_missing"


def test_an_empty_manifest_is_data_not_prepared() -> None:
    lead = _lead(["Exception: Manifest data/manifests/corpus_cuts_train.jsonl.gz is empty"])
    assert lead.category == "data_missing"


def test_torchs_cpu_allocator_failing_is_host_memory() -> None:
    lead = _lead(
        [
            "RuntimeError: [enforce fail at alloc_cpu.cpp:83] err == 0. DefaultCPUAllocator:"
            " can't allocate memory: you tried to allocate 2147483648 bytes."
        ]
    )
    assert lead.category == "host_memory"
    assert any("--num-workers" in c for c in lead.fix)


def test_old_pips_has_requirement_wording_is_the_same_conflict() -> None:
    lead = _lead(
        [
            "ERROR: torchaudio 2.1.0 has requirement torch==2.1.0, but you'll have torch 2.2.0"
            " which is incompatible."
        ]
    )
    assert lead.category == "torch_torchaudio_mismatch"


def test_cuts_without_features_are_a_stage_not_run() -> None:
    lead = _lead(
        [
            "2024-01-02 10:00:00 (prepare.sh:60:main) Stage 3: Compute fbank",
            "ValueError: Cut 'rec-0001-0' has no features; did you forget to compute them?",
        ]
    )
    assert lead.category == "data_missing"
    assert "./prepare.sh --stage 3 --stop-stage 3" in lead.fix


def test_a_namespace_packages_missing_part_is_not_an_incomplete_install() -> None:
    lead = _lead(
        [
            "Traceback (most recent call last):",
            '  File "run.py", line 1, in <module>',
            f'  File "{SITE}/google/api_core/__init__.py", line 3, in <module>',
            "    from google.protobuf import message",
            "ModuleNotFoundError: No module named 'google.protobuf'",
        ]
    )
    assert lead.category == "missing_module"
    assert any("pip install protobuf" in c for c in lead.fix)


def test_other_tools_that_cannot_open_a_data_path_say_data_missing() -> None:
    for line in (
        'RuntimeError: Failed to open the input "download/corpus/a.wav" (No such file).',
        "tar: download/corpus.tgz: Cannot open: No such file or directory",
        "utils/validate_data_dir.sh: expected file data/train/text to exist",
    ):
        lead = _lead([line])
        assert lead.category == "data_missing", line
        assert lead.params["path"].startswith(("download/", "data/")), line


def test_a_script_that_cannot_be_opened_is_not_data() -> None:
    lead = _lead(["python3: can't open file 'local/data/prepare.py': [Errno 2] No such file"])
    assert lead.category != "data_missing"


def test_curl_and_gzip_name_their_failures_in_their_own_words() -> None:
    assert _lead(["curl: (22) The requested URL returned error: 404"]).category == "data_missing"
    assert _lead(["gzip: download/c.tar.gz: unexpected end of file"]).category == "data_missing"


def test_git_lfs_failing_to_fetch_the_large_files_is_data_not_there() -> None:
    lead = _lead(
        [
            "Error downloading object: exp/model.pt (1a2b3c): Smudge error: Error downloading"
            " exp/model.pt: batch response: This repository is over its data quota.",
            "error: external filter 'git-lfs filter-process' failed",
        ]
    )
    assert lead.category == "data_missing"  # a model or data file that could not be fetched
    assert any("GIT_LFS_SKIP_SMUDGE=1" in c for c in lead.fix)


def test_cudnn_and_onnxruntime_allocation_failures_are_gpu_memory() -> None:
    assert _lead(["RuntimeError: cuDNN error: CUDNN_STATUS_ALLOC_FAILED"]).category == "cuda_oom"
    lead = _lead(
        [
            "onnxruntime.capi.onnxruntime_pybind11_state.RuntimeException: [ONNXRuntimeError] :"
            " 6 : RUNTIME_EXCEPTION : Non-zero status code returned while running Conv node."
            " Status Message: /ort/core/framework/bfc_arena.cc:376 void*"
            " onnxruntime::BFCArena::AllocateRawInternal(size_t, bool) Failed to allocate memory"
            " for requested buffer of size 1048576"
        ]
    )
    assert lead.category == "cuda_oom"


def test_more_spellings_of_a_cuda_library_or_driver_that_does_not_load() -> None:
    # CTranslate2's words: it loads cuBLAS itself (not torch's wheels); cuBLAS is cuDNN's class
    # here as for torch and onnxruntime, its fix CTranslate2's own
    lead = _lead(["RuntimeError: Library libcublas.so.11 is not found or cannot be loaded"])
    assert lead.category == "cudnn_missing"
    assert any("nvidia-cublas-cu11" in c for c in lead.fix)
    lead = _lead(["RuntimeError: CUDA driver initialization failed, you might not have a GPU."])
    assert lead.category == "nvidia_driver_missing"  # no driver: not one too old


def test_tensors_whose_sizes_disagree_are_a_shape_lead() -> None:
    lead = _lead(
        [
            "Traceback (most recent call last):",
            '  File "./local/train.py", line 50, in <module>',
            "RuntimeError: The size of tensor a (80) must match the size of tensor b (100) at"
            " non-singleton dimension 1",
        ]
    )
    assert lead.category == "tensor_shape_mismatch"
    assert not lead.recognised
    assert any("./local/train.py" in c for c in lead.fix)


# --- modules newer Pythons removed ------------------------------------------------------------


def test_a_module_python_313_removed_is_brought_back_by_its_backport() -> None:
    lead = _lead(
        [
            "Traceback (most recent call last):",
            '  File "/home/u/venv/lib/python3.13/site-packages/pydub/utils.py", line 14',
            "ModuleNotFoundError: No module named 'audioop'",
        ]
    )
    assert lead.category == "missing_module"
    assert lead.recognised
    assert lead.fix[0].startswith("/home/u/venv/bin/python3.13 -m pip install audioop-lts")


def test_the_same_module_missing_from_an_older_python_is_that_python_incomplete() -> None:
    lead = _lead(
        [
            "Traceback (most recent call last):",
            '  File "/usr/lib/python3.10/site.py", line 3, in <module>',
            "ModuleNotFoundError: No module named 'distutils.util'",
        ]
    )
    assert lead.category == "python_incomplete"


def test_a_removed_module_without_the_python_version_shown_is_a_lead() -> None:
    lead = _lead(["ModuleNotFoundError: No module named 'distutils'"])
    assert lead.category == "missing_module"
    assert not lead.recognised


def test_a_dll_inside_an_installed_package_is_that_packages_to_reinstall() -> None:
    lead = _lead(
        [
            "OSError: [WinError 126] The specified module could not be found. Error loading"
            ' "C:\\venv\\lib\\site-packages\\torch\\lib\\c10.dll" or one of its'
            " dependencies."
        ]
    )
    assert lead.fix[0] == "python -m pip install --force-reinstall torch"  # Windows: no python3


def test_an_attribute_a_known_release_removed_names_the_pin() -> None:
    lead = _lead(["AttributeError: module 'numpy' has no attribute 'float'."])
    assert lead.category == "package_version_mismatch"
    assert lead.recognised
    assert lead.fix[0].startswith("python3 -m pip install 'numpy<1.24'")
    lead = _lead(["AttributeError: module 'numpy' has no attribute 'frobnicate'"])
    assert not lead.recognised  # no release is known to have removed it
