"""explain claims a cause (exit 0) only on decisive evidence; otherwise it offers its lead and
exits 1. Each kind of over-reach gets a small log written here."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from doctor.explain import explain_lines
from doctor.messages import text
from tests.helpers import run_cli

SITE = "/home/u/venv/lib/python3.10/site-packages"


def _tb(*frames: str) -> list[str]:
    return ["Traceback (most recent call last):", *frames]


def test_a_module_no_map_knows_imported_by_own_code_is_a_path_lead_not_a_verdict() -> None:
    log = [
        *_tb('  File "/home/u/proj/run.py", line 3, in <module>', "    import mystuff_helpers"),
        "ModuleNotFoundError: No module named 'mystuff_helpers'",
    ]
    d = explain_lines(log)[0]
    assert d.category == "pythonpath"
    assert not d.recognised
    assert "not certain" in text(d.notes[0], "en").lower()
    assert any("PYTHONPATH" in c for c in d.fix)


def test_a_module_no_map_knows_imported_by_a_package_is_a_missing_dependency_lead() -> None:
    log = [
        *_tb(f'  File "{SITE}/somepkg/core.py", line 3, in <module>', "    import zzfoo_dep"),
        "ModuleNotFoundError: No module named 'zzfoo_dep'",
    ]
    d = explain_lines(log)[0]
    assert (d.category, d.recognised) == ("missing_module", False)


def test_a_known_import_name_names_its_distribution_with_certainty() -> None:
    log = [
        *_tb('  File "/home/u/proj/run.py", line 3, in <module>', "    import yaml"),
        "ModuleNotFoundError: No module named 'yaml'",
    ]
    d = explain_lines(log)[0]
    assert (d.category, d.recognised) == ("missing_module", True)
    assert any("PyYAML" in c for c in d.fix)


def test_a_standard_library_module_means_python_was_built_without_it() -> None:
    d = explain_lines(["ModuleNotFoundError: No module named '_lzma'"])[0]
    assert (d.category, d.recognised) == ("python_incomplete", True)
    assert not any("pip install" in c for c in d.fix)  # pip cannot install a part of Python
    assert d.fix[0].startswith('python3 -c "import sys; print(sys.executable, sys.version)"')
    assert d.fix[1].startswith("sudo apt-get install -y liblzma-dev  # Debian/Ubuntu")
    assert "brew install xz" in d.fix[1] and d.fix[2].startswith("pyenv install --force $(")
    unknown_c = explain_lines(["ModuleNotFoundError: No module named 'pyexpat'"])[0]
    assert unknown_c.fix == ('python3 -c "import sys; print(sys.executable, sys.version)"',)
    warned = explain_lines(
        ["/home/u/.pyenv/versions/3.9.4/lib/python3.9/site-packages/pandas/compat/__init__.py:124:"
         " UserWarning: Could not import the lzma module. Your installed Python is incomplete. "
         "Attempting to use lzma compression will result in a RuntimeError."]
    )[0]  # fmt: skip
    assert (warned.category, warned.rule) == ("python_incomplete", "python.incomplete")
    assert warned.fix[1:] == d.fix[1:]


def test_no_matching_distribution_is_only_a_lead() -> None:
    log = [
        "ERROR: Could not find a version that satisfies the requirement fooo-x (from versions:"
        " none)",
        "ERROR: No matching distribution found for fooo-x",
    ]
    d = explain_lines(log)[0]
    assert not d.recognised
    assert "platform" in text(d.notes[0], "en")


def test_no_k2_wheel_for_the_platform_points_to_a_source_build() -> None:
    log = [
        "ERROR: Could not find a version that satisfies the requirement "
        "k2==1.24.4.dev20250208+cuda12.4.torch2.5.1 (from versions: 0.0.2.dev0, 0.1)",
        "ERROR: No matching distribution found for k2==1.24.4.dev20250208+cuda12.4.torch2.5.1",
    ]
    d = explain_lines(log)[0]
    assert d.category == "k2_import_failure"
    assert any("git clone https://github.com/k2-fsa/k2" in c for c in d.fix)


def test_a_missing_recipe_file_names_the_stage_that_writes_it() -> None:
    log = [
        "FileNotFoundError: [Errno 2] No such file or directory: "
        "'data/fbank/baker_zh_cuts_train.jsonl.gz'"
    ]
    d = explain_lines(log)[0]
    assert (d.category, d.recognised) == ("data_missing", True)
    assert d.fix == ("./prepare.sh --stage 6 --stop-stage 6",)
    assert "stage 6" in text(d.summary, "en")


def test_a_missing_file_outside_any_recipe_is_only_a_lead() -> None:
    log = [
        *_tb('  File "aligner/corpus.py", line 813, in combine_feats'),
        "FileNotFoundError: [Errno 2] No such file or directory: '/home/u/x/corpus_data/s1/f.scp'",
    ]
    d = explain_lines(log)[0]
    assert (d.category, d.recognised) == ("data_missing", False)


def test_two_classes_that_both_fit_make_neither_certain() -> None:
    log = [
        "ERROR: No matching distribution found for lilcom",
        "OSError: [Errno 28] No space left on device",
    ]
    found = explain_lines(log)
    assert len({d.category for d in found}) > 1
    assert not any(d.recognised for d in found)


def test_an_old_line_far_above_an_unrelated_final_traceback_is_not_the_cause() -> None:
    log = [
        "RuntimeError: CUDA out of memory. Tried to allocate 20.00 MiB",
        *[f"epoch {i} batch ok" for i in range(40)],
        *_tb('  File "/home/u/proj/train.py", line 9, in <module>', "    main()"),
        "ValueError: bad value in config",
    ]
    d = explain_lines(log)[0]
    assert d.category == "cuda_oom"
    assert not d.recognised
    assert "later exception" in text(d.notes[0], "en")


def test_a_warning_just_above_the_traceback_stays_certain() -> None:
    log = [
        "UserWarning: Cannot load onnxruntime.capi. Error: '/lib64/libstdc++.so.6: version "
        "`GLIBCXX_3.4.20' not found (required by x/onnxruntime_pybind11_state.so)'",
        *_tb(f'  File "{SITE}/onnxruntime/__init__.py", line 21, in <module>'),
        "ImportError: cannot import name 'RunOptions'",
    ]
    d = explain_lines(log)[0]
    assert (d.category, d.recognised) == ("libstdcxx_glibcxx", True)


def test_a_name_missing_from_a_checkout_outside_site_packages_is_only_a_lead() -> None:
    # icefall is always a checkout: an older one lacks the name just as a shadowing folder would
    log = [
        "ImportError: cannot import name 'load_checkpoint' from 'icefall.checkpoint' "
        "(/home/u/icefall/icefall/checkpoint.py)"
    ]
    d = explain_lines(log)[0]
    assert (d.category, d.recognised) == ("pythonpath", False)
    assert "another version" in text(d.notes[0], "en")


def test_cli_exits_1_on_a_lead(tmp_path: Path) -> None:
    log = tmp_path / "step.log"
    log.write_text("ModuleNotFoundError: No module named 'zzfoo_dep'\n", encoding="utf-8")
    r = run_cli("explain", str(log), "--json", "--no-probe")
    assert r.returncode == 1
    data = json.loads(r.stdout)
    assert data["recognised"] is False
    assert data["diagnoses"][0]["category"] == "missing_module"


K2_INIT = f'  File "{SITE}/k2/__init__.py", line 23, in <module>'

NEW_CLASSES = [
    # (log lines, category, certain, a string the fix or summary must hold)
    (["RuntimeError: Found no NVIDIA driver on your system."], "nvidia_driver_missing", True,
     "nvidia-smi"),
    (["Could not load library cudnn_cnn_infer64_8.dll. Error code 126"], "cudnn_missing", True,
     "cuDNN"),
    (["Unable to load any of {libcudnn_ops.so.9.1.0, libcudnn_ops.so.9}",
      "Invalid handle. Cannot load symbol cudnnCreateTensorDescriptor"], "cudnn_missing", True,
     "nvidia-cudnn"),
    (["RuntimeError: cuDNN error: CUDNN_STATUS_NOT_INITIALIZED"], "cudnn_missing", False,
     "cudnn"),
    ([*_tb(K2_INIT, "    from _k2 import X"),
      "ImportError: libcudart.so.10.2: cannot open shared object file: No such file"],
     "k2_torch_mismatch", True, "k2"),
    ([*_tb(K2_INIT, "    from _k2 import X"),
      "ImportError: libtorch_cuda_cu.so: cannot open shared object file: No such file"],
     "k2_torch_mismatch", True, "k2"),
    (["ImportError: libtorch_cuda_cu.so: cannot open shared object file: No such file"],
     "torch_torchaudio_mismatch", False, "torch"),
    (["sox FAIL formats: can't open input file `download/LJSpeech-1.1/wavs/LJ001-0001.wav': "
      "No such file or directory"], "data_missing", True, "--stage 0"),
    (["AssertionError: Cut set is empty"], "data_missing", True, "data/manifests"),
    (["RuntimeError: [enforce fail at inline_container.cc:595] . unexpected pos 4352 vs 4246"],
     "disk_full", True, "df -h"),
    (["torch.onnx.errors.UnsupportedOperatorError: Exporting the operator "
      "'aten::scaled_dot_product_attention' to ONNX opset version 13 is not supported."],
     "onnx_export_unsupported", True, "opset"),
    (["onnxruntime.capi.onnxruntime_pybind11_state.InvalidArgument: [ONNXRuntimeError] : 2 : "
      "INVALID_ARGUMENT : Got invalid dimensions for input: x"], "onnxruntime_runtime", False,
     "get_inputs"),
    (["error: command 'gcc' failed: No such file or directory"], "command_missing", True, "gcc"),
    (["_pickle.UnpicklingError: Weights only load failed. Re-running `torch.load` with "
      "`weights_only` set to `False` will likely succeed"], "torch_weights_only", True,
     "weights_only=False"),
    (["RuntimeError: Error(s) in loading state_dict for Model:",
      "\tsize mismatch for embed.weight: copying a param with shape torch.Size([500, 512])"],
     "checkpoint_mismatch", False, "options"),
    (["OSError: sndfile library not found"], "audio_library_missing", True, "libsndfile1"),
    (["bash: ./prepare.sh: /bin/bash^M: bad interpreter: No such file or directory"],
     "crlf_line_endings", True, "sed -i"),
    (['OSError: [WinError 126] The specified module could not be found. Error loading '
      '"C:\\Python310\\lib\\site-packages\\torch\\lib\\c10.dll" or one of its dependencies.'],
     "windows_dll", True, "Visual C++"),
    (["RuntimeError: Distributed package doesn't have NCCL built in"], "nccl_unavailable", True,
     "gloo"),
    (["AttributeError: module 'numpy' has no attribute 'float'."], "package_version_mismatch",
     True, "numpy<1.24"),  # the release that removed it is known: so is the pin
    (["AttributeError: module 'numpy' has no attribute 'flot'."], "package_version_mismatch",
     False, "numpy"),
    (["ModuleNotFoundError: No module named 'torch._six'"], "package_version_mismatch", False,
     "torch"),
    (["ImportError: cannot import name 'packaging' from 'pkg_resources'"],
     "package_version_mismatch", True, "setuptools"),
    (["ModuleNotFoundError: No module named 'k2'"], "missing_module", False, "k2"),
    (["TypeError: Descriptors cannot be created directly."], "package_version_mismatch", True,
     "protobuf<=3.20.3"),
    (["A module that was compiled using NumPy 1.x cannot be run in",
      "NumPy 2.0.0 as it may crash."], "package_version_mismatch", True, "numpy<2"),
    (["LookupError:", "  Resource averaged_perceptron_tagger not found.",
      "  Please use the NLTK Downloader to obtain the resource:"], "data_missing", True,
     "nltk.download(sys.argv[1])\" averaged_perceptron_tagger"),
    (['OSError: Not found: "data/lang_bpe_500/bpe.model": No such file or directory Error #2'],
     "data_missing", True, "bpe.model"),
    (["urllib.error.URLError: <urlopen error [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify"
      " failed>"], "ssl_certificate", True, "certifi"),
    (["RuntimeError: Ninja is required to load C++ extensions"], "command_missing", True,
     "pip install ninja"),
    (["error: Microsoft Visual C++ 14.0 or greater is required."], "compiler_missing", True,
     "Build Tools"),
    (["RuntimeError: received 0 items of ancdata"], "too_many_open_files", True, "ulimit -n"),
    (["onnxruntime.capi.onnxruntime_pybind11_state.InvalidProtobuf: [ONNXRuntimeError] : 7 : "
      "INVALID_PROTOBUF : Load model from ./m/model.onnx failed:Protobuf parsing failed."],
     "data_missing", True, "git lfs pull"),
    (["[ONNXRuntimeError] : 1 : FAIL : Load model from model.onnx failed: Unsupported model IR"
      " version: 10, max supported IR version: 9"], "onnxruntime_version", True,
     "pip install -U onnxruntime"),
    (["Error processing file '/usr/lib/x86_64-linux-gnu/espeak-ng-data/phontab'; No such file"
      " or directory."], "data_missing", True, "espeak-ng-data"),
    ([*_tb('  File "/home/u/Matcha-TTS/matcha/models/flow.py", line 5, in <module>'),
      "ModuleNotFoundError: No module named 'matcha.utils.monotonic_align.core'"],
     "missing_module", False, "build_ext --inplace"),
    ([*_tb('  File "/home/u/k2/k2/python/k2/__init__.py", line 23, in <module>'),
      "ModuleNotFoundError: No module named '_k2'"], "pythonpath", True, "/home/u/k2/build/lib"),
    (["ModuleNotFoundError: No module named 'torch._C'"], "pythonpath", True, "cd $HOME"),
    (["ERROR: Could not find a version that satisfies the requirement k2==1.24.4+cuda12.1.torch2"
      ".2.0 (from versions: 1.24.3+cuda11.7.torch2.0.1, 1.24.4+cuda12.1.torch2.2.1)",
      "ERROR: No matching distribution found for k2==1.24.4+cuda12.1.torch2.2.0"],
     "k2_torch_mismatch", False, "k2"),
    (["PackagesNotFoundError: The following packages are not available from current channels:",
      "  - k2==1.24.4.dev20240223[build=cuda12.1_py3.10_torch2.2.0]"], "k2_torch_mismatch", True,
     "k2"),
    (["RuntimeError: cuDNN version incompatibility: PyTorch was compiled  against (8, 9, 2) but "
      "found runtime version (8, 5, 0)."], "cudnn_missing", True, "cudnn"),
    (["Could not locate cudnn_ops_infer64_8.dll. Please make sure it is in your library path!"],
     "cudnn_missing", True, "cuDNN"),
    (["[W:onnxruntime:Default, onnxruntime_pybind_state.cc:965 CreateExecutionProviderInstance]"
      " Failed to create CUDAExecutionProvider."], "cudnn_missing", False, "nvidia-cudnn-cu12"),
    (["Failed to initialize NVML: Driver/library version mismatch"], "nvidia_driver_mismatch",
     True, "reboot"),
    (["AssertionError: download/LJSpeech-1.1 does not exist"], "data_missing", True,
     "--stage 0"),
    (["gzip: stdin: unexpected end of file", "tar: Error is not recoverable: exiting now"],
     "data_missing", True, "download it again"),
    (['  File "/x/local/prep.py", line 84, in main',
      '    assert os.path.exists("data/fbank/baker_zh_cuts_train.jsonl.gz")', "AssertionError"],
     "data_missing", True, "--stage 6"),
    (['  File "/x/local/prep.py", line 84, in main', "    assert Path(args.lexicon).is_fil"],
     "data_missing", False, "args.lexicon"),
    # a shape of failure: said, but not as a cause
    (["[F] /k2/csrc/fsa.cu:88 Check failed: num_arcs > 0"], "cpp_check_failed", False,
     "num_arcs > 0"),
    (["RuntimeError: PytorchStreamReader failed reading zip archive: failed finding central "
      "directory"], "data_missing", True, "git lfs pull"),
]  # fmt: skip


@pytest.mark.parametrize(("log", "category", "certain", "needle"), NEW_CLASSES)
def test_new_class(log: list[str], category: str, certain: bool, needle: str) -> None:
    d = explain_lines(log)[0]
    assert (d.category, d.recognised) == (category, certain), (d.rule, d.doubt)
    shown = " ".join([*d.fix, text(d.summary), text(d.why)])
    assert needle in shown, shown


def test_a_shape_of_failure_does_not_compete_with_a_cause() -> None:
    log = [
        "RuntimeError: /onnxruntime_src/onnxruntime/core/session/provider_bridge_ort.cc:1209 "
        "[ONNXRuntimeError] : 1 : FAIL : Failed to load library libonnxruntime_providers_cuda.so"
        " with error: libcublasLt.so.11: cannot open shared object file: No such file or directory"
    ]
    d = explain_lines(log)[0]
    assert (d.category, d.recognised) == ("cudnn_missing", True)


def test_values_from_outside_go_into_a_fix_as_one_shell_word(tmp_path: Path) -> None:
    """An interpreter under a path with a space, and a log's own path holding shell syntax,
    are quoted in the printed fix: pasting it runs pip, never what the log smuggled in."""
    import shlex

    venv_dir = tmp_path / "my env $(touch pwned)"
    venv_dir.mkdir()
    python = venv_dir / "python3"
    python.symlink_to(sys.executable)
    log = tmp_path / "train.log"
    log.write_text(
        "Traceback (most recent call last):\n"
        '  File "x.py", line 1, in <module>\n'
        "    import tacotron_cleaner\n"
        "ModuleNotFoundError: No module named 'tacotron_cleaner'\n"
    )
    proc = run_cli("explain", str(log), "--python", str(python), "--offline")
    line = next(x.strip() for x in proc.stdout.splitlines() if "-m pip install" in x)
    assert shlex.split(line) == [str(python), "-m", "pip", "install", "espnet_tts_frontend"]
