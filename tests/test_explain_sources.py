"""explain knows the messages libraries write, read from their sources rather than from logs.

Each log here is written for the test from the library's own format string (pip's conflict
warning, torchaudio's CUDA check, sentencepiece's parse error, CPython's Windows loader, ld's
versioned-symbol error, GNU tools' errno report, ...), never copied from a corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from doctor.explain import explain_lines
from tests.helpers import run_cli
from tests.test_explain_rendered import diagnosis_saying

SITE = "/home/u/venv/lib/python3.10/site-packages"
WIN_SITE = "C:\\Users\\u\\Python310\\Lib\\site-packages"

CASES = [
    (
        # pip/_internal/commands/install.py: the requirement is a whole specifier set
        "pip-conflict-specifier-set",
        [
            "speechtool 0.5.1 requires torch<=1.11,>=1.7, but you have torch 1.12.0 which is"
            " incompatible."
        ],
        "pip_conflict",
        ("torch<=1.11,>=1.7",),
    ),
    (
        # pip check: "%s %s has requirement %s, but you have %s %s."
        "pip-check-has-requirement",
        ["asrkit 2.0 has requirement numpy<2,>=1.21, but you have numpy 2.1.0."],
        "pip_conflict",
        ("numpy<2,>=1.21",),
    ),
    (
        # torchaudio/_extension/utils.py spells itself "TorchAudio"
        "torchaudio-cuda-check",
        [
            "RuntimeError: Detected that PyTorch and TorchAudio were compiled with different"
            " CUDA versions. PyTorch has CUDA version 11.8 whereas TorchAudio has CUDA version"
            " 12.1. Please install the TorchAudio version that matches your PyTorch version."
        ],
        "torch_torchaudio_mismatch",
        ("torchaudio==",),
    ),
    (
        # sentencepiece's older spelling of "not a model file"
        "sentencepiece-could-not-parse",
        [
            "Traceback (most recent call last):",
            f'  File "{SITE}/sentencepiece/__init__.py", line 316, in LoadFromFile',
            "    return _sentencepiece.SentencePieceProcessor_LoadFromFile(self, arg)",
            "RuntimeError: Internal: could not parse ModelProto from data/lang_bpe_500/bpe.model",
        ],
        "data_missing",  # the model is not there in usable form
        ("git lfs pull",),
    ),
    (
        # CPython's ctypes on Windows: the DLL (or one it needs) is not found
        "windows-ctypes-could-not-find-module",
        [
            f"FileNotFoundError: Could not find module '{WIN_SITE}\\torchaudio\\lib\\"
            "libtorchaudio.pyd' (or one of its dependencies). Try using the full path with"
            " constructor syntax."
        ],
        "torch_torchaudio_mismatch",
        ("libtorchaudio.pyd", "torchaudio=="),
    ),
    (
        # ld: a prebuilt library references a glibc symbol version this system lacks
        "ld-undefined-versioned-glibc-symbol",
        [
            "/usr/bin/ld: ../_deps/foo-src/lib/libfoo.so: undefined reference to `expf@GLIBC_2.27'",
            "collect2: error: ld returned 1 exit status",
            "make[2]: *** [bin/app] Error 1",
        ],
        "libstdcxx_glibcxx",
        ("GLIBC_2.27", "ldd --version"),
    ),
    (
        # GNU tools: error(1, ENOENT, "%s", file) -> "prog: FILE: No such file or directory"
        "coreutils-enoent-data-file",
        [
            "stage 2: Dictionary and Json Data Preparation",
            "cut: data/train_all/text: No such file or directory",
        ],
        "data_missing",
        ("data/train_all/text",),
    ),
    (
        # torch reports both a CUDA unknown error and its cause (the driver's version)
        "torch-unknown-error-then-driver-too-old",
        [
            f"{SITE}/torch/cuda/__init__.py:83: UserWarning: CUDA initialization: CUDA unknown"
            " error - this may be due to an incorrectly set up environment, e.g. changing env"
            " variable CUDA_VISIBLE_DEVICES after program start.",
            "  return torch._C._cuda_getDeviceCount() > 0",
            f"{SITE}/torch/cuda/__init__.py:83: UserWarning: CUDA initialization: The NVIDIA"
            " driver on your system is too old (found version 10010). Please update your GPU"
            " driver.",
        ],
        "cuda_driver_too_old",
        ("nvidia-smi",),
    ),
    (
        # CPython: a file of an installed package that does not parse here
        "syntax-error-inside-installed-package",
        [
            "Traceback (most recent call last):",
            '  File "/home/u/miniconda3/bin/asrtool", line 5, in <module>',
            "    from asrtool.cli import main",
            f'  File "{SITE}/asrtool/cli.py", line 12',
            "    match mode:",
            "          ^",
            "SyntaxError: invalid syntax",
        ],
        "python_version_unsupported",
        ("asrtool", "--version"),
    ),
    (
        # a loader's own check that its data set is not empty
        "no-training-samples-found",
        [
            '    assert len(meta_data_train) > 0, f" [!] No training samples found in {root}"',
            "AssertionError:  [!] No training samples found in data/corpus_a/metadata.csv",
        ],
        "data_missing",
        ("data/corpus_a/metadata.csv",),
    ),
    (
        # lhotse's recipes: assert audio_path.is_file(), f"{audio_path} does not exist."
        "assert-path-does-not-exist",
        ["AssertionError: /corpora/baker/PhoneLabeling/000001.interval does not exist."],
        "data_missing",
        ("ls -l /corpora/baker/PhoneLabeling/000001.interval",),
    ),
    (
        # subprocess on Windows: CreateProcess found no program, and no file name is given
        "windows-subprocess-program-not-found",
        ["FileNotFoundError: [WinError 2] The system cannot find the file specified"],
        "command_missing",
        ("where <program>",),
    ),
    (
        # pydub/utils.py warns when neither ffmpeg nor avconv is on PATH
        "pydub-no-ffmpeg",
        [
            f"{SITE}/pydub/utils.py:170: RuntimeWarning: Couldn't find ffmpeg or avconv -"
            " defaulting to ffmpeg, but may not work",
            "RuntimeError: FFmpeg not found.",
        ],
        "command_missing",
        ("ffmpeg",),
    ),
    (
        # Python imports a package before its submodule: 'textkit' was found, 'legacy' not;
        # the importer is another installed package (shown as Colab links its frames)
        "submodule-missing-from-installed-dependency",
        [
            "ModuleNotFoundError                       Traceback (most recent call last)",
            "[/usr/local/lib/python3.7/dist-packages/trainkit/utils.py](https://localhost:8080/#)"
            " in ()",
            "---> 29 from textkit.legacy.data import Batch",
            "ModuleNotFoundError: No module named 'textkit.legacy'",
        ],
        "package_version_mismatch",
        ("pip show textkit",),
    ),
    (
        # torchaudio>=2.9 hands decoding to torchcodec and says so
        "please-install-a-known-module",
        [
            "ImportError: TorchCodec is required for load_with_torchcodec. Please install"
            " torchcodec to use this function."
        ],
        "missing_module",
        ("pip install 'torchcodec'",),
    ),
    (
        # transformers' requires_backends: "{0} requires the {1} library but it was not found"
        "requires-the-library-not-found",
        [
            "ImportError: TokenizerX requires the sentencepiece library but it was not found in"
            " your environment."
        ],
        "missing_module",
        ("pip install 'sentencepiece'",),
    ),
    (
        # pip: "Package {!r} requires a different Python: {} not in {!r}"
        "pip-requires-a-different-python",
        ["ERROR: Package 'asrkit' requires a different Python: 3.8.10 not in '>=3.9'"],
        "python_version_unsupported",
        ("--version",),
    ),
    (
        # pip: "Cannot uninstall {!r}. It is a distutils installed project ..."
        "pip-distutils-installed",
        [
            "ERROR: Cannot uninstall 'PyYAML'. It is a distutils installed project and thus we"
            " cannot accurately determine which files belong to it."
        ],
        "pip_distutils_installed",
        ("--ignore-installed PyYAML",),
    ),
    (
        # curl's own text for CURLE_COULDNT_RESOLVE_HOST
        "curl-could-not-resolve-host",
        ["curl: (6) Could not resolve host: data.example.org"],
        "download_failed",
        ("not reachable",),
    ),
    (
        # cudaGetErrorString(cudaErrorStubLibrary)
        "cuda-driver-is-a-stub",
        ["RuntimeError: CUDA error: CUDA driver is a stub library"],
        "nvidia_driver_missing",  # the real driver is not the one loaded
        ("LD_LIBRARY_PATH",),
    ),
    (
        # cudaGetErrorString(cudaErrorCallRequiresNewerDriver)
        "cuda-call-needs-newer-driver",
        ["RuntimeError: CUDA error: API call is not supported in the installed CUDA driver"],
        "cuda_driver_too_old",
        ("nvidia-smi",),
    ),
    (
        # torch/cuda/__init__.py: CUDA already initialised in a forked parent
        "cuda-in-forked-worker",
        [
            "RuntimeError: Cannot re-initialize CUDA in forked subprocess. To use CUDA with"
            " multiprocessing, you must use the 'spawn' start method"
        ],
        "cuda_fork",
        ("spawn",),
    ),
    (
        # torch's RandomSampler over an empty data set
        "random-sampler-empty-dataset",
        ["ValueError: num_samples should be a positive integer value, but got num_samples=0"],
        "data_missing",
        ("data set is empty",),
    ),
    (
        # open(..., "w") creates the file, not its folder: ENOENT names a missing folder
        "open-for-writing-folder-missing",
        [
            "Traceback (most recent call last):",
            '  File "prep.py", line 19, in <module>',
            "    out = open('out/meta/train.csv', 'w')",
            "FileNotFoundError: [Errno 2] No such file or directory: 'out/meta/train.csv'",
        ],
        "output_dir_missing",
        ("mkdir -p out/meta",),
    ),
    (
        # torch's PyTorchStreamWriter: "Parent directory X does not exist."
        "torch-save-parent-directory",
        ["RuntimeError: Parent directory exp/run1 does not exist."],
        "output_dir_missing",
        ("mkdir -p exp/run1",),
    ),
    (
        # Kaldi's utils/validate_data_dir.sh prefixes every message with its own name
        "kaldi-validate-data-dir",
        [
            "utils/validate_data_dir.sh: Error: in data/train_a, recording-ids extracted from"
            " segments and wav.scp",
            "utils/validate_data_dir.sh: differ, partial diff is:",
        ],
        "kaldi_data_dir_invalid",
        ("utils/fix_data_dir.sh data/train_a",),
    ),
    (
        # `from pkg.sub import` running site-packages/pkg.py: a module cannot have submodules
        "single-file-module-shadows-the-project-package",
        [
            "Traceback (most recent call last):",
            '  File "/home/u/proj/asrpkg/infer.py", line 6, in <module>',
            "    from asrpkg.model import Model",
            f'  File "{SITE}/asrpkg.py", line 65, in <module>',
            "    libc = ctypes.CDLL(libc_name)",
            "TypeError: argument of type 'NoneType' is not iterable",
        ],
        "pythonpath",
        ("pip uninstall -y asrpkg", "PYTHONPATH"),
    ),
    (
        # tarfile: ReadError("file could not be opened successfully:...") on a cut download
        "tarfile-could-not-open",
        ["tarfile.ReadError: file could not be opened successfully"],
        "data_missing",
        ("a partial archive",),
    ),
    (
        # gzip/lzma/bz2 share _compression's EOFError for a file cut short
        "compressed-stream-ended-early",
        ["EOFError: Compressed file ended before the end-of-stream marker was reached"],
        "data_missing",
        ("a partial archive",),
    ),
    (
        # git: "fatal: unable to access '%s': %s" with its transport's (libcurl's) error
        "git-unable-to-access-host",
        [
            "fatal: unable to access 'https://github.com/org/repo.git/': Could not resolve host:"
            " github.com"
        ],
        "download_failed",
        ("git clone --depth 1",),
    ),
    (
        # torch's shared-memory file handles count against the open-files limit (EMFILE)
        "torch-shm-too-many-open-files",
        [
            "RuntimeError: unable to open shared memory object </torch_1234_567> in read-write"
            " mode: Too many open files (24)"
        ],
        "too_many_open_files",
        ("ulimit -n",),
    ),
    (
        # a standard-library module lacks the name: the caller predates this Python
        "stdlib-attribute-removed",
        [
            "Traceback (most recent call last):",
            f'  File "{SITE}/pkg_resources/__init__.py", line 2191, in <module>',
            "    register_finder(pkgutil.ImpImporter, find_on_path)",
            "AttributeError: module 'pkgutil' has no attribute 'ImpImporter'. Did you mean:"
            " 'zipimporter'?",
        ],
        "python_version_unsupported",
        ("pip install -U setuptools",),
    ),
    (
        "stdlib-name-cannot-be-imported",
        [
            "ImportError: cannot import name 'Mapping' from 'collections'"
            " (/usr/lib/python3.10/collections/__init__.py)"
        ],
        "python_version_unsupported",
        ("--version",),
    ),
    (
        # k2/python/k2/version/version.py's report next to torch's collect_env report
        "k2-version-report-other-torch",
        [
            "k2 version: 1.24.4",
            "PyTorch version used to build k2: 2.1.0+cu118",
            "PyTorch is using Cuda: 11.8",
            "Collecting environment information...",
            "PyTorch version: 2.3.1+cu121",
        ],
        "k2_torch_mismatch",
        ("built for torch 2.1.0",),
    ),
    (
        # collect_env's [pip3] listing: a torchaudio released for another torch
        "listed-torchaudio-of-another-torch",
        ["[pip3] torch==2.3.1+cu121", "[pip3] torchaudio==2.1.0+cu121"],
        "torch_torchaudio_mismatch",
        ("torchaudio==2.3.1", "whl/cu121"),
    ),
    (
        # torch/_ops.py and its dispatcher: an extension's operator that is not registered
        "torchaudio-operator-missing",
        ["RuntimeError: operator torchaudio::rnnt_loss does not exist"],
        "torch_torchaudio_mismatch",
        ("torchaudio==",),
    ),
    (
        "torchaudio-sox-operator-missing-is-a-backend-lead",
        ["RuntimeError: operator torchaudio::sox_io_load_audio_file does not exist"],
        "audio_backend_missing",
        ("list_audio_backends",),
    ),
    (
        # torchvision is torch's other pair package (released with each torch, like torchaudio)
        "torchvision-operator-missing",
        ["AttributeError: '_OpNamespace' 'torchvision' object has no attribute 'nms'"],
        "torch_extension_mismatch",
        ("torchvision",),
    ),
    (
        # torch/_ops.py load_library: OSError(f"Could not load this library: {path}"), Windows
        "torchaudio-pyd-could-not-load",
        [f"OSError: Could not load this library: {WIN_SITE}\\torchaudio\\lib\\libtorchaudio.pyd"],
        "torch_torchaudio_mismatch",
        ("torchaudio==",),
    ),
    (
        # GNU env: "env: 'prog': No such file or directory" (a #! line's interpreter)
        "env-interpreter-not-found",
        ["/usr/bin/env: 'python': No such file or directory"],
        "command_missing",
        ("python-is-python3",),
    ),
    (
        # lhotse/serialization.py: load_manifest on a path that is no manifest file
        "lhotse-not-a-valid-manifest",
        [
            "ValueError: Not a valid manifest (does the path exist?):"
            " data/manifests/corpus_recordings_all.jsonl.gz"
        ],
        "data_missing",
        ("data/manifests/corpus_recordings_all.jsonl.gz",),
    ),
    (
        # lhotse/audio/backend.py: reading .sph audio needs the sph2pipe program
        "lhotse-sph2pipe-missing",
        [
            "RuntimeError: It seems that 'sph2pipe' binary is not installed; did you run"
            " 'lhotse install-sph2pipe'?"
        ],
        "command_missing",
        ("lhotse install-sph2pipe",),
    ),
    (
        # errno EEXIST / EISDIR / ENOTDIR / ENAMETOOLONG, and Windows' sharing violation
        "errno-file-exists",
        ["FileExistsError: [Errno 17] File exists: 'exp/run1'"],
        "path_exists",
        ("ls -la exp/run1",),
    ),
    (
        "errno-is-a-directory",
        ["IsADirectoryError: [Errno 21] Is a directory: 'data/lang_char'"],
        "path_kind",
        ("ls -ld data/lang_char",),
    ),
    (
        "errno-name-too-long",
        ["OSError: [Errno 36] File name too long: '/home/u/.cache/x/abcdef.lock'"],
        "path_too_long",
        ("ecryptfs",),
    ),
    (
        "windows-file-in-use",
        [
            "PermissionError: [WinError 32] The process cannot access the file because it is"
            " being used by another process: 'exp\\\\epoch-1.pt'"
        ],
        "file_in_use",
        ("another process",),
    ),
    (
        # zsh's name for SIGILL
        "zsh-illegal-hardware-instruction",
        ["zsh: illegal hardware instruction  python3 train.py"],
        "cpu_instruction_set",
        ("instruction",),
    ),
    (
        # torch's dispatcher: no CUDA kernel at all for an aten operator
        "aten-op-without-cuda-backend",
        [
            "NotImplementedError: Could not run 'aten::empty_strided' with arguments from the"
            " 'CUDA' backend."
        ],
        "torch_cpu_build",
        ("torch.version.cuda",),
    ),
    (
        # CPython multiprocessing/spawn.py
        "spawn-without-main-guard",
        [
            "RuntimeError:",
            "        An attempt has been made to start a new process before the",
            "        current process has finished its bootstrapping phase.",
        ],
        "spawn_main_guard",
        ("--num-workers 0",),
    ),
    (
        # pickle under spawn: a lambda or nested function has no importable name
        "spawn-pickle-local-object",
        ["AttributeError: Can't pickle local object 'make_loader.<locals>.<lambda>'"],
        "spawn_pickle",
        ("--num-workers 0",),
    ),
    (
        "cudnn-no-valid-algorithm",
        ["RuntimeError: Unable to find a valid cuDNN algorithm to run convolution"],
        "cuda_oom",
        ("--max-duration",),
    ),
    (
        # Intel OpenMP's own duplicate-runtime check
        "openmp-duplicate-runtime",
        [
            "OMP: Error #15: Initializing libiomp5.dylib, but found libiomp5.dylib already"
            " initialized."
        ],
        "openmp_duplicate",
        ("intel-openmp",),
    ),
    (
        "mps-operator-not-implemented",
        [
            "NotImplementedError: The operator 'aten::_ctc_loss' is not currently implemented"
            " for the MPS device."
        ],
        "mps_unsupported",
        ("PYTORCH_ENABLE_MPS_FALLBACK=1",),
    ),
    (
        "mps-out-of-memory",
        ["RuntimeError: MPS backend out of memory (MPS allocated: 17.00 GB)."],
        "cuda_oom",  # the GPU-memory family; its own rule and fix are MPS's
        ("PYTORCH_MPS_HIGH_WATERMARK_RATIO",),
    ),
    (
        # torch.load's map_location message for a device index this machine lacks
        "deserialize-on-missing-cuda-device",
        [
            "RuntimeError: Attempting to deserialize object on CUDA device 1 but"
            " torch.cuda.device_count() is 1."
        ],
        "gpu_not_visible",
        ("map_location",),
    ),
    (
        # VITS-family monotonic_align/__init__.py: `from .monotonic_align.core import ...`
        "vits-monotonic-align-nested-not-built",
        ["ModuleNotFoundError: No module named 'ttskit.vits.monotonic_align.monotonic_align'"],
        "missing_module",
        ("build_ext --inplace",),
    ),
    (
        # pip's retry warning names its index: the index is unreachable, not a model hub
        "pip-index-unreachable",
        [
            "WARNING: Retrying (Retry(total=0, connect=None, read=None, redirect=None,"
            " status=None)) after connection broken by 'NewConnectionError(...)': /simple/asrkit/",
            "ERROR: Could not find a version that satisfies the requirement asrkit (from"
            " versions: none)",
        ],
        "download_failed",
        ("pip config list", "package index"),
    ),
]


@pytest.mark.parametrize(
    ("log", "category", "says"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_library_message_gives_its_class(
    log: list[str], category: str, says: tuple[str, ...]
) -> None:
    diagnosis_saying(log, category, says)


def test_a_submodule_missing_from_a_source_checkout_is_not_a_version_matter() -> None:
    """The same message raised by a package's checkout outside site-packages (run from its
    source folder, extension not built) is not answered with another version to install."""
    d = diagnosis_saying(
        [
            "Traceback (most recent call last):",
            '  File "/home/u/decoderkit/decoderkit/__init__.py", line 2, in <module>',
            "    from ._ext import ctc_decode",
            "ModuleNotFoundError: No module named 'decoderkit._ext'",
        ],
        "pythonpath",
        ("PYTHONPATH",),
    )
    assert not any("pip install" in c for c in d.fix)


def test_a_log_that_states_no_error_is_said_to_hold_none(tmp_path: Path) -> None:
    """A training log that ends in progress lines is not "an unknown error": explain says the
    log states none, shows its last lines, and exits 1 (nothing was recognised)."""
    log = tmp_path / "train.log"
    log.write_text(
        "2026-01-02 10:00:01,000 INFO [train.py:1000] Epoch 3, batch 200, loss[loss=0.31]\n"
        "2026-01-02 10:05:00,000 INFO [train.py:1100] Saving checkpoint to exp/epoch-3.pt\n"
        "2026-01-02 10:05:02,000 INFO [train.py:1200] Done!\n",
        encoding="utf-8",
    )
    out = run_cli("explain", str(log))
    assert out.returncode == 1
    assert "states no error" in out.stdout
    assert "Done!" in out.stdout


@pytest.mark.parametrize(
    "line",
    [
        "UserWarning: torchaudio._backend.set_audio_backend has been deprecated.",
        "    assert len(cuts) > 0",
        "Traceback (most recent call last):",
    ],
)
def test_a_log_with_a_warning_or_a_cut_traceback_is_not_said_to_hold_no_error(line: str) -> None:
    d = explain_lines(["INFO [train.py:10] Epoch 1, batch 10", line])[0]
    assert d.category != "no_error_log"


@pytest.mark.parametrize(
    "log",
    [
        ["k2 version: 1.24.4", "PyTorch version used to build k2: 2.1.0+cu118", "torch 2.1.0"],
        ["torch      1.13.1", "torchaudio 0.13.1"],
    ],
)
def test_versions_that_fit_are_no_finding(log: list[str]) -> None:
    d = explain_lines(log)[0]
    assert d.category not in ("k2_torch_mismatch", "torch_torchaudio_mismatch")


@pytest.mark.parametrize(
    "early",
    [
        "ln: failed to create symbolic link 'download/corpus': File exists",
        "WARNING: tensorboard is not installed, logging to files only",
        "No utterances found for speaker S0002, skipping it",
    ],
)
def test_an_early_harmless_line_does_not_lead_over_the_failure(early: str) -> None:
    log = [
        early,
        "INFO [train.py:88] Epoch 1 starts",
        "torch.OutOfMemoryError: CUDA out of memory.",
    ]
    assert explain_lines(log)[0].category == "cuda_oom"


def test_the_hub_mirror_is_offered_for_hub_downloads_only() -> None:
    """HF_ENDPOINT reaches huggingface_hub only: a corpus host that times out gets the
    manual download, a hub download gets the mirror."""
    corpus = explain_lines(
        [
            "urllib.error.URLError: <urlopen error [Errno 110] Connection timed out> while"
            " fetching https://corpora.example.org/resources/93/data.tgz"
        ]
    )[0]
    assert corpus.category == "data_missing"  # a corpus archive: the data is not there
    assert not any("HF_ENDPOINT" in c for c in corpus.fix)
    assert any("wget -c https://corpora.example.org/resources/93/data.tgz" in c for c in corpus.fix)
    hub = explain_lines(
        [
            "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='huggingface.co',"
            " port=443): Max retries exceeded with url: /org/model/resolve/main/config.json"
        ]
    )[0]
    assert any("HF_ENDPOINT" in c for c in hub.fix)


def test_a_traceback_pasted_as_a_quote_or_inline_code_is_read_as_one() -> None:
    """Issues paste logs as a blockquote or each line in backticks; the structure is the same."""
    body = [
        "Traceback (most recent call last):",
        '  File "/home/u/miniconda3/bin/asrtool", line 5, in <module>',
        f'  File "{SITE}/asrtool/cli.py", line 12',
        "SyntaxError: invalid syntax",
    ]
    for pasted in ([f"> {line}" for line in body], [f"`{line}`" for line in body]):
        d = explain_lines(pasted)[0]
        assert d.category == "python_version_unsupported", pasted
    assert explain_lines([">>> import k2", "ModuleNotFoundError: No module named 'k2'"])[0].category


_EXT = "ImportError: {lib}: undefined symbol: _ZN3c104cuda20CUDACachingAllocator9allocatorE\n"


@pytest.mark.parametrize(
    ("lib", "fix"),
    [
        (  # a module name is no distribution (apex installs amp_C): who installed the file
            "/env/lib/python3.10/site-packages/amp_C.cpython-310-x86_64-linux-gnu.so",
            "grep -lF amp_C.cpython-310-x86_64-linux-gnu.so"
            " /env/lib/python3.10/site-packages/*.dist-info/RECORD",
        ),
        (  # an in-place build in a source tree: rebuild it there
            "/home/u/warp-transducer/pytorch_binding/warprnnt_pytorch/"
            "warp_rnnt.cpython-38-x86_64-linux-gnu.so",
            "ls /home/u/warp-transducer/pytorch_binding/setup.py"
            " /home/u/warp-transducer/pytorch_binding/pyproject.toml",
        ),
        (  # a known distribution: reinstalled, built against the torch installed now
            "/env/lib/python3.10/site-packages/fairseq/libbleu.cpython-310-x86_64-linux-gnu.so",
            "python3 -m pip install --force-reinstall --no-cache-dir --no-build-isolation fairseq",
        ),
    ],
)
def test_an_extension_built_for_another_torch_is_rebuilt_where_it_came_from(
    lib: str, fix: str
) -> None:
    """`pip install amp_C` (a module name) was the fix: no such distribution exists."""
    [d, *_] = explain_lines([_EXT.format(lib=lib)])
    assert d.category == "torch_extension_mismatch"
    assert d.fix[0].split("  #")[0] == fix
