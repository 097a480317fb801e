"""Shapes of failure explain reads by class, not by the log they came from: small synthetic
logs, one per shape (a 4xx on any download, torch's library loaded by a third package, a
script importing itself, a recipe script sourced from the wrong folder, an I/O error)."""

from __future__ import annotations

from doctor.explain import explain_lines
from doctor.messages import text
from tests.test_explain_families import lead_of


def test_a_4xx_from_any_download_routine_is_data_missing() -> None:
    category, _, _ = lead_of(
        [
            "---> 17     urllib.request.urlretrieve(url, tgz_path)",
            "HTTPError: HTTP Error 404: Not Found",
        ]
    )
    assert category == "data_missing"


def test_a_4xx_from_a_package_index_is_not_data() -> None:
    category, _, _ = lead_of(
        [
            "Looking in links: https://example.invalid/whl/torch_stable.html",
            "ERROR: HTTP error 404 while getting https://example.invalid/whl/foo-1.0-py3-none-any.whl",
        ]
    )
    assert category != "data_missing"


def test_torch_library_loaded_by_a_third_package_is_not_torchaudio() -> None:
    category, _, fix = lead_of(
        [
            "$ python -c 'import wenetruntime'",
            "ImportError: libtorch.so: cannot open shared object file: No such file or directory",
        ]
    )
    assert category == "shared_library_missing"
    assert fix[-1].startswith('python3 -c "import torch, wenetruntime"')
    assert not any("torchaudio" in c for c in fix)
    category, _, _ = lead_of(
        [
            "Traceback (most recent call last):",
            '  File "/env/lib/python3.8/site-packages/someext/__init__.py", line 1, in <module>',
            "    import _someext",
            "ImportError: libc10.so: cannot open shared object file: No such file or directory",
        ]
    )
    assert category == "shared_library_missing"


def test_torch_library_loaded_by_torchaudio_stays_a_torchaudio_mismatch() -> None:
    category, _, _ = lead_of(
        [
            "Traceback (most recent call last):",
            '  File "/env/lib/python3.8/site-packages/torchaudio/_extension.py", line 5, in <m>',
            "    ctypes.CDLL(path)",
            "OSError: libtorch_cuda_cpp.so: cannot open shared object file: No such file or "
            "directory",
        ]
    )
    assert category == "torch_torchaudio_mismatch"


def test_script_importing_itself_without_a_path_is_named_and_renamed() -> None:
    category, recognised, fix = lead_of(
        [
            "Traceback (most recent call last):",
            '  File "/home/u/work/mytool.py", line 1, in <module>',
            "    from mytool import Tool",
            '  File "/home/u/work/mytool.py", line 1, in <module>',
            "    from mytool import Tool",
            "ImportError: cannot import name 'Tool' from partially initialized module 'mytool' "
            "(most likely due to a circular import",
        ]
    )
    assert (category, recognised) == ("pythonpath", True)
    assert fix[0].startswith("mv /home/u/work/mytool.py /home/u/work/my_mytool.py")


def test_kaldi_utils_not_found_is_the_wrong_folder_or_kaldi_missing_and_says_so() -> None:
    """utils/ and steps/ are links into Kaldi: a run outside the recipe's folder and a Kaldi
    that is not there print the same line; the lead names both and how `ls` tells them apart."""
    d = explain_lines(
        [
            "(run.sh:12:main) ./run.sh --stage 2",
            "./run.sh: line 40: utils/parse_options.sh: No such file or directory",
        ]
    )[0]
    assert (d.category, d.recognised) == ("kaldi_missing", False)
    assert d.fix[0].startswith("ls -l utils steps")
    assert d.doubt == "kaldi_or_folder"


def test_an_io_error_on_write_is_the_disk() -> None:
    category, _, fix = lead_of(
        [
            '  File "/env/lib/python3.7/site-packages/torch/serialization.py", line 297, in _save',
            "    serialized_storages[key]._write_file(f, _should_read_directly(f))",
            "RuntimeError: write(): fd 29 failed with Input/output error",
        ]
    )
    assert category == "disk_io_error"
    assert any(c.startswith("df -h") for c in fix)


def test_an_opset_newer_than_this_torch_knows_is_an_export_problem() -> None:
    category, recognised, fix = lead_of(
        [
            '  File "/env/lib/python3.10/site-packages/torch/onnx/utils.py", line 699, in _export',
            "    _set_opset_version(opset_version)",
            "ValueError: Unsupported ONNX opset version: 16",
        ]
    )
    assert (category, recognised) == ("onnx_export_unsupported", True)
    assert any("install -U torch" in c for c in fix)


def test_windows_k2_procedure_not_found_is_a_torch_mismatch() -> None:
    category, recognised, _ = lead_of(
        [
            ">>> import k2",
            "ImportError: DLL load failed while importing _k2: The specified procedure could "
            "not be found.",
        ]
    )
    assert (category, recognised) == ("k2_torch_mismatch", True)
    category, _, _ = lead_of(
        [
            ">>> import k2",
            "ImportError: DLL load failed while importing _k2: The specified module could not "
            "be found.",
        ]
    )
    assert category == "windows_dll"


def test_a_local_file_named_like_the_package_shadows_it() -> None:
    category, recognised, fix = lead_of(
        [
            '  File "/home/u/egs/baker_zh/TTS/matcha/tokenizer.py", line 5, in <module>',
            "    from pypinyin import lazy_pinyin",
            "ImportError: cannot import name 'lazy_pinyin' from 'pypinyin' "
            "(/home/u/egs/baker_zh/TTS/pypinyin.py)",
        ]
    )
    assert (category, recognised) == ("pythonpath", True)
    assert fix[0].startswith("mv /home/u/egs/baker_zh/TTS/pypinyin.py")


def test_no_kernel_image_is_read_through_a_typo() -> None:
    category, _, _ = lead_of(
        ["Exception: CUDA error: no kermal image is available for execution on the device"]
    )
    assert category == "cuda_arch_unsupported"


def test_win_error_127_in_torchaudio_is_a_torch_mismatch() -> None:
    category, recognised, _ = lead_of(
        [
            '  File "C:\\e\\site-packages\\torchaudio\\_extension\\utils.py", line 60, in _l',
            "OSError: [WinError 127] The specified procedure could not be found. Error loading "
            '"C:\\e\\site-packages\\torchaudio\\lib\\libtorchaudio.pyd" or one of its '
            "dependencies.",
        ]
    )
    assert (category, recognised) == ("torch_torchaudio_mismatch", True)


def test_k2_version_check_in_other_words_is_a_k2_torch_mismatch() -> None:
    category, _, _ = lead_of(
        [
            '  File "/env/lib/python3.10/site-packages/k2/__init__.py", line 8, in <module>',
            "    raise ImportError(",
            "ImportError: k2 was built using version 1.13.1+cu117 of PyTorch, but you are "
            "using 2.0.1+cu117",
        ]
    )
    assert category == "k2_torch_mismatch"


def test_a_missing_file_no_recipe_stage_writes_points_to_the_scripts_naming_it() -> None:
    _, recognised, fix = lead_of(
        [
            "FileNotFoundError: [Errno 2] No such file or directory: "
            "'./preprocessed/VCTK/spker_embed/p317.npy'"
        ]
    )
    assert not recognised  # nothing says which step should have written it
    assert fix[0] == "ls -l ./preprocessed/VCTK/spker_embed/p317.npy"
    assert "'p317.npy|spker_embed'" in fix[1]


def test_a_cuda_runtime_torchaudio_cannot_load_is_a_torch_mismatch() -> None:
    category, recognised, fix = lead_of(
        [
            '  File "/env/lib/python3.10/site-packages/torchaudio/_extension/utils.py", line 60,',
            "    torch.ops.load_library(path)",
            "OSError: libcudart.so.11.0: cannot open shared object file: No such file or directory",
        ]
    )
    assert (category, recognised) == ("torch_torchaudio_mismatch", True)
    assert "torchaudio==" in fix[0]


def test_ffmpeg_extension_failing_to_initialise_is_the_ffmpeg_backend() -> None:
    category, _, _ = lead_of(
        [
            "RuntimeError: Failed to intialize FFmpeg extension. Tried versions: [6, 5, 4, ''].",
        ]
    )
    assert category == "ffmpeg_backend"


def test_any_sherpa_onnx_error_line_is_read_with_doubt() -> None:
    category, recognised, _ = lead_of(
        [
            "/project/sherpa-onnx/csrc/offline-recognizer-impl.cc:Create:202 Unknown model "
            "type in offline recognizer!"
        ]
    )
    assert (category, recognised) == ("sherpa_onnx_runtime", False)
    category, recognised, _ = lead_of(
        [
            "/project/sherpa-onnx/csrc/offline-tts-vits-model.cc:Init:83 sample_rate does not "
            "exist in the metadata"
        ]
    )
    assert (category, recognised) == ("onnx_metadata_missing", True)


def test_any_torch_onnx_exporter_error_is_an_export_failure() -> None:
    category, recognised, _ = lead_of(
        [
            "torch.onnx._internal.exporter._errors.ConversionError: Failed to convert the "
            "exported program to an ONNX model."
        ]
    )
    assert (category, recognised) == ("onnx_export_failed", True)


def test_a_job_killed_line_from_the_shell_is_the_oom_killer() -> None:
    category, _, _ = lead_of(
        [
            "bash: line 1: 12345 Killed                  python3 train.py",
            "Command exited with non-zero status 137",
        ]
    )
    assert category == "host_oom_killed"


def test_a_k2_cpu_build_is_k2_not_usable_here() -> None:
    category, _, fix = lead_of(
        [
            "[W] /k2/csrc/pytorch_context.cu:42 k2 was not compiled with CUDA. Return a CPU "
            "context.",
        ]
    )
    assert category == "k2_import_failure"
    assert any("k2" in c for c in fix)


def test_cd_into_a_missing_relative_folder_is_the_wrong_folder() -> None:
    category, recognised, fix = lead_of(
        ["./run.sh: line 3: cd: egs/baker_zh/TTS: No such file or directory"]
    )
    assert (category, recognised) == ("pythonpath", False)
    assert fix[0].startswith("ls -l egs/baker_zh/TTS")


def test_more_shapes_of_the_same_messages_are_read() -> None:
    """A name quoted in markdown backticks, a symbol version without quotes, a shell's Killed
    report padded with spaces, protobuf's own doubled 'not': the same messages, other shapes."""
    d = explain_lines(["ModuleNotFoundError: No module named `'somepkg.sub'`"])[0]
    assert d.params.get("module") == "somepkg.sub"
    category, recognised, _ = lead_of(
        [
            "ImportError: /env/lib/libstdc++.so.6: version GLIBCXX_3.4.29 not found "
            "(required by /home/u/.cache/ext/plugin.so)"
        ]
    )
    assert (category, recognised) == ("libstdcxx_glibcxx", True)
    category, _, _ = lead_of(["bash: line 1:  4242  Killed  (some-decoder --beam=11.0 ...)"])
    assert category == "host_oom_killed"
    category, _, fix = lead_of(["TypeError: Descriptors cannot not be created directly."])
    assert category == "package_version_mismatch"
    assert any("protobuf" in c for c in fix)


def test_no_audio_backend_is_a_lead_naming_soundfile_and_ffmpeg() -> None:
    """torchaudio finding no backend at all does not say which one is missing: soundfile or
    FFmpeg may be the fix, so it is offered, not claimed."""
    for line in (
        "RuntimeError: Couldn't find appropriate backend to handle uri in.wav and format None.",
        "RuntimeError: No audio I/O backend is available.",
    ):
        category, recognised, fix = lead_of([line])
        assert (category, recognised) == ("missing_module", False)  # a backend package
        assert any("pip install soundfile" in c for c in fix)
        assert any("ffmpeg" in c for c in fix)
    category, recognised, _ = lead_of(["OSError: FFmpeg libraries are not found."])
    assert category == "ffmpeg_backend"


def test_an_illegal_instruction_is_a_cpu_without_the_instructions_built_for() -> None:
    """SIGILL in any of its shapes (the shell's report, a supervisor's 'by signal 4', a
    program's own AVX check) is the CPU lacking AVX; a CUDA kernel's illegal instruction is not."""
    for lines in (
        ["./run.sh: line 3:  1234 Illegal instruction     (core dumped) python3 decode.py"],
        ["[07:09:38] INFO: Service exited with code 256 (by signal 4)"],
        ["FATAL: Your CPU does not support the Advanced Vector Extensions required by Tool."],
    ):
        category, recognised, fix = lead_of(lines)
        assert (category, recognised) == ("cpu_instruction_set", True), lines
        assert any("/proc/cpuinfo" in c for c in fix)
    category, _, _ = lead_of(["RuntimeError: CUDA error: an illegal instruction was encountered"])
    assert category != "cpu_instruction_set"


def test_a_missing_module_with_two_pythons_in_the_log_is_the_wrong_python() -> None:
    """The log shows the interpreters of two environments (sys.executable of a shell and of a
    notebook kernel): the module is likely installed in the other one. One environment's
    python3 and python3.8 are the same environment."""
    category, recognised, fix = lead_of(
        [
            "ModuleNotFoundError: No module named 'pandas'",
            "sys.executable for python:",
            "'C:\\\\Users\\\\me\\\\conda3\\\\envs\\\\py36\\\\python.exe'",
            "sys.executable for jupyter:",
            "'C:\\\\Users\\\\me\\\\conda3\\\\python.exe'",
        ]
    )
    assert (category, recognised) == ("pythonpath", False)
    assert "sys.executable" in fix[0]
    assert any("pip install 'pandas'" in c for c in fix)
    category, _, _ = lead_of(
        [
            "$ /opt/env/bin/python3 -c 'import pandas'",
            "ModuleNotFoundError: No module named 'pandas'",
            "$ /opt/env/bin/python3.8 -m pip list | grep pandas",
        ]
    )
    assert category == "missing_module"


def test_cuda_messages_in_other_words_and_cut_short() -> None:
    """The same CUDA failures as other runtimes print them, or as a log cut mid-line keeps
    them: error 804 (forward compatibility), CTranslate2's out of memory, no kernel image."""
    lead = lead_of(["RuntimeError: Unexpected error from cudaGetDeviceCount(). Error 804: forward"])
    assert lead[0] == "cuda_driver_too_old"
    assert lead_of(["RuntimeError: cuda failed with error out of memory"])[0] == "cuda_oom"
    line = "RuntimeError: CUDA error: no kernel image is available for execution, on an RTX 3090"
    assert lead_of([line])[0] == "cuda_arch_unsupported"


def test_network_errors_of_other_runtimes_are_a_failed_download() -> None:
    """A Rust client's 'error sending request' with its causes, Windows' os error 10060, an
    errno of a refused or timed-out connection: one class, whatever printed it; a model's or
    data's download is in the data family."""
    category, _, fix = lead_of(
        [
            "Error: All model downloads failed. Last error: error sending request for url "
            "(https://example.invalid/models/resolve/main/model.bin)",
            "Caused by:",
            "   1: tcp connect error",
            "   2: the host did not answer (os error 10060)",
        ]
    )
    assert category == "data_missing"
    assert any("https://example.invalid/models/resolve/main/model.bin" in c for c in fix)
    lead = lead_of(["urllib.error.URLError: <urlopen error [Errno 110] Connection timed out>"])
    assert lead[0] == "download_failed"


def test_a_config_loader_that_cannot_import_a_name_is_that_module_missing() -> None:
    """hyperpyyaml's 'no such entity' and hydra's 'Error locating target' name a dotted path
    the code could not import: the module's own knowledge applies (a vendored submodule is a
    PYTHONPATH matter), said as a lead."""
    category, recognised, fix = lead_of(
        [
            '    raise ImportError("There is no such entity as %s" % callable_string)',
            "ImportError: There is no such entity as matcha.utils.audio.mel_spectrogram",
        ]
    )
    assert (category, recognised) == ("pythonpath", False)
    assert any("PYTHONPATH" in c for c in fix)
    line = "hydra.errors.InstantiationException: Error locating target 'somepkg.models.Net'"
    assert lead_of([line])[:2] == ("missing_module", False)


def test_an_import_name_two_distributions_share_is_the_wrong_one_installed() -> None:
    """`pip install whisper` is not OpenAI's whisper: its module lacks load_model, a submodule
    of nemo lacks collections; the lead names both distributions. A name of its own
    (numpy.float) stays a version matter."""
    category, recognised, fix = lead_of(
        [
            '  File "/root/app/utils.py", line 127, in transcribe',
            "    model = whisper.load_model(size)",
            "AttributeError: module 'whisper' has no attribute 'load_model'",
        ]
    )
    assert (category, recognised) == ("missing_module", False)
    assert any("uninstall -y whisper" in c and "install openai-whisper" in c for c in fix)
    category, _, fix = lead_of(["ModuleNotFoundError: No module named 'nemo.collections'"])
    assert category == "missing_module"
    assert any("nemo_toolkit" in c for c in fix)
    category, _, _ = lead_of(["AttributeError: module 'numpy' has no attribute 'float'"])
    assert category == "package_version_mismatch"


def test_a_notebook_import_names_the_loader_and_a_third_package_stays_a_lead() -> None:
    """IPython's '----> 1 import x' is the import that loaded the library; a CUDA runtime
    library missing under a package that is not torch's, k2's or kaldifeat's is a lead."""
    d = explain_lines(
        [
            "----> 1 import somepkg as sp",
            "/usr/lib/python3.7/ctypes/__init__.py in __init__(self, name, mode, handle)",
            "--> 364             self._handle = _dlopen(self._name, mode)",
            "OSError: libcudart.so.10.2: cannot open shared object file: No such file or directory",
        ]
    )[0]
    assert d.params["loader"] == "somepkg"
    assert not d.recognised
    assert d.notes[0].key == "explain.doubt.loader_other"


def test_k2_without_cuda_is_read_from_where_k2_stopped_not_its_wording() -> None:
    """Older k2 releases say "Don't call me" where newer ones say "compiled without CUDA": the
    source location (device_guard.h, GetDevice) is the same and decides."""
    line = (
        "[F] /home/runner/work/k2/k2/k2/csrc/device_guard.h:66:static int32_t "
        "k2::DeviceGuard::GetDevice() Don't call me"
    )
    category, recognised, fix = lead_of([line, "[ Stack-Trace: ]"])
    assert (category, recognised) == ("k2_import_failure", True)
    assert any("k2" in c for c in fix)


def test_windows_standard_library_frames_are_not_the_users_code() -> None:
    """Windows keeps the standard library in <install>\\Lib\\<module>: such a frame is the
    stdlib, not the user's file; a user's own lib folder stays theirs."""
    from doctor.explain.structure import package_of

    assert package_of(r"C:\Python39\Lib\multiprocessing\spawn.py") == "stdlib"
    assert package_of(r"C:\conda3\envs\x\lib\runpy.py") == "stdlib"
    assert package_of(r"D:\proj\lib\utils.py") == ""
    d = explain_lines(
        [
            "Traceback (most recent call last):",
            r'  File "D:\proj\train.py", line 3, in <module>',
            "    main()",
            r'  File "C:\Python39\Lib\importlib\__init__.py", line 127, in import_module',
            "ModuleNotFoundError: No module named 'pandas'",
        ]
    )[0]
    assert d.evidence[0] == r'File "D:\proj\train.py", line 3'


def test_windows_and_chinese_words_for_the_same_errno() -> None:
    """WinError 5 / 'Access is denied' / 拒绝访问 are EACCES; WinError 112 / 磁盘空间不足 are
    ENOSPC: the errno table reads them as it reads Errno 13 and Errno 28."""
    for line in (
        "PermissionError: [WinError 5] 拒绝访问。: 'C:\\\\exp\\\\epoch-1.pt'",
        "PermissionError: [WinError 5] Access is denied: 'C:\\\\exp'",
    ):
        assert lead_of([line])[0] == "permission_denied"
    assert lead_of(["OSError: [WinError 112] 磁盘空间不足。"])[0] == "disk_full"
    assert lead_of(["OSError: [Errno 5] Input/output error"])[0] == "disk_io_error"


def test_more_classes_read_by_shape() -> None:
    """numpy's ndarray ABI message, torch's shared memory file, a CUDA checkpoint with no GPU
    seen (a lead: usually a consequence), PEP 668, tensors on two devices or of two types, a
    config file that does not parse: each has its class."""
    frames = ["Traceback (most recent call last):", '  File "/w/run.py", line 3, in <module>']
    cases = {
        "ValueError: numpy.ndarray size changed, may indicate binary incompatibility.": (
            "package_version_mismatch",
            True,
        ),
        "RuntimeError: unable to open file </torch_12_34> in read-write mode": (
            "dataloader_shm",
            True,
        ),
        "RuntimeError: Attempting to deserialize object on a CUDA device but "
        "torch.cuda.is_available() is False.": ("gpu_not_visible", False),
        "error: externally-managed-environment": ("pip_externally_managed", True),
        "RuntimeError: Expected all tensors to be on the same device, but found at least "
        "two devices, cuda:0 and cpu!": ("tensor_device_mismatch", False),
        "RuntimeError: expected scalar type Half but found Float": (
            "tensor_dtype_mismatch",
            False,
        ),
        "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)": (
            "config_parse_error",
            False,
        ),
    }
    for line, want in cases.items():
        assert lead_of([*frames, line])[:2] == want, line


def test_an_assertion_naming_a_recipe_path_and_unzip_without_its_archive_are_data() -> None:
    """`assert p.is_file(), f"{p}"` prints only the path: the data the recipe expected; unzip
    that cannot find its archive is the same class. An assertion of numbers is not data."""
    category, recognised, fix = lead_of(["AssertionError: data/fbank/x_cuts_train.jsonl.gz"])
    assert (category, recognised) == ("data_missing", True)
    assert fix[0] == "ls -l data/fbank/x_cuts_train.jsonl.gz"
    line = "unzip:  cannot find or open download/x.zip, download/x.zip.zip or download/x.zip.ZIP."
    assert lead_of([line])[0] == "data_missing"
    assert lead_of(["AssertionError: 3 vs 4"])[0] == "program_error"


def test_a_message_wrapped_over_two_lines_is_read_as_one() -> None:
    """A terminal or a paste that wrapped the decisive sentence: the two lines are read joined,
    and the diagnosis points at the first of them."""
    wrapped = explain_lines(
        ["/venv/lib/python3.11/site-packages/torch/cuda/__init__.py:187: UserWarning: CUDA "
         "initialization: The NVIDIA driver on your",
         "system is too old (found version 12040). ...",
         "AssertionError: CUDA not available"]
    )[0]  # fmt: skip
    assert (wrapped.category, wrapped.line) == ("cuda_driver_too_old", 1)
    assert "12.4" in text(wrapped.summary, "en") + text(wrapped.why, "en")
    path = explain_lines(
        ["ImportError: /env/lib/python3.6/site-packages/warprnnt_pytorch/warp_rnnt.cpython-36m"
         "-x86_64-linux-gnu.so",
         ": undefined symbol: _ZN6caffe28TypeMeta21_typeMetaDataInstanceIN3c108BFloat16EEEPKNS"
         "_6detail12TypeMetaDataEv"]
    )[0]  # fmt: skip
    assert path.category == "torch_extension_mismatch"


def test_two_unrelated_lines_are_not_joined_into_a_match() -> None:
    """Each line alone says nothing; joined they would spell a rule's words: no hit across
    lines that do not continue each other's sentence."""
    d = explain_lines(["Epoch 3: loss 0.41, address", "already in use by tensorboard? no"])[0]
    assert d.category != "port_in_use"


_TRACE = ["Traceback (most recent call last):", '  File "train.py", line 3, in <module>']


def test_a_log_copied_from_a_page_reads_as_the_plain_one() -> None:
    # typographic quotes, HTML entities and no-break spaces a web page or an editor puts in
    copies = [
        "ModuleNotFoundError: No module named \u2018lhotse\u2019",
        "ModuleNotFoundError: No module named &#39;lhotse&#39;",
        "ModuleNotFoundError:\u00a0No\u00a0module\u00a0named\u00a0'lhotse'",
    ]
    for last in copies:
        d = explain_lines([*_TRACE, last])[0]
        assert (d.category, d.params.get("module")) == ("missing_module", "lhotse"), last


def test_non_ascii_text_without_copied_quotes_is_shown_as_it_is() -> None:
    line = "RuntimeError: 生成 SRT 文件失败: [Errno 2] No such file or directory: 'whisper-cli'"
    d = explain_lines([line])[0]
    assert any("生成 SRT 文件失败" in e for e in d.evidence)
