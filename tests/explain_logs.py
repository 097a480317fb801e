# ruff: noqa: E501  (log lines are kept whole, as a terminal shows them)
"""Small synthetic logs for explain's snapshot table (tests/test_explain_snapshots.py): one or
more per rule and per class of doctor/explain, written for these tests (not copied from any
real log). Each is a few lines as a user's terminal or training log shows them."""

from __future__ import annotations


def tb(*lines: str, file: str = "./matcha/train.py", line: int = 12) -> str:
    """A Python traceback ending in ``lines`` (the exception line last)."""
    head = f'Traceback (most recent call last):\n  File "{file}", line {line}, in <module>\n'
    return head + "\n".join(lines) + "\n"


LOGS: dict[str, str] = {
    # --- modules
    "module-missing-k2": tb("    import k2", "ModuleNotFoundError: No module named 'k2'"),
    "module-missing-lhotse": tb(
        "    import lhotse", "ModuleNotFoundError: No module named 'lhotse'"
    ),
    "module-missing-torch": tb("    import torch", "ModuleNotFoundError: No module named 'torch'"),
    "module-missing-other": tb(
        "    import pypinyin", "ModuleNotFoundError: No module named 'pypinyin'"
    ),
    "module-missing-sub": tb(
        "    from piper_phonemize import phonemize_espeak",
        "ModuleNotFoundError: No module named 'piper_phonemize'",
    ),
    "module-missing-stdlib-removed": tb(
        "    import distutils.spawn", "ModuleNotFoundError: No module named 'distutils'"
    ),
    "module-missing-recipe-local": tb(
        "    from tokenizer import Tokenizer", "ModuleNotFoundError: No module named 'tokenizer'"
    ),
    "module-missing-icefall": tb(
        "    import icefall", "ModuleNotFoundError: No module named 'icefall'"
    ),
    "module-shadowed": tb(
        "    import k2.ragged",
        "ModuleNotFoundError: No module named 'k2.ragged'; 'k2' is not a package",
    ),
    "k2-python-abi": tb(
        '  File "/env/lib/python3.11/site-packages/k2/__init__.py", line 23, in <module>',
        "    from _k2 import DeterminizeWeightPushingType",
        "ModuleNotFoundError: No module named '_k2'",
    ),
    "module-not-installed-message": "ImportError: lhotse is not installed. Please install it.\n",
    "module-locate-failed": "hydra.errors.InstantiationException: Error locating target 'matcha.models.matcha_tts.MatchaTTS'\n",
    "module-no-distribution": (
        "ERROR: Could not find a version that satisfies the requirement k2==1.24.4 (from versions: 0.0.1)\n"
        "ERROR: No matching distribution found for k2==1.24.4\n"
    ),
    "module-please-install": "RuntimeError: To use this feature, please run 'pip install kaldialign'\n",
    "pip-build-failed": (
        "  error: subprocess-exited-with-error\n"
        "  python setup.py egg_info did not run successfully.\n"
        "ERROR: Failed to build installable wheels for some pyproject.toml based projects (kaldifeat)\n"
    ),
    "onnx-dynamo-onnxscript": tb(
        '  File "./matcha/export_onnx.py", line 40, in main',
        "ModuleNotFoundError: No module named 'onnxscript'",
        file="./matcha/export_onnx.py",
    ),
    "onnx-torch-export-failed": "torch.onnx._internal.exporter._errors.TorchExportError: Failed to export the model with torch.export.\n",
    "module-onnx-for-export": "ModuleNotFoundError: Module onnx is not installed!\n",
    # --- k2
    "k2-torch-mismatch": tb(
        "    import k2",
        "ImportError: k2 was built using PyTorch 2.1.0+cu121\n"
        "But you are using PyTorch 2.7.1+cu126 to run it",
    ),
    "k2-cpu-build": "RuntimeError: k2 was not compiled with CUDA. Please use a CPU device\n",
    "k2-cuda-mismatch": "RuntimeError: k2 was built using CUDA 11.8\nBut you are using CUDA 12.6 to run it\n",
    "k2-undefined-symbol": tb(
        "    from _k2 import DeterminizeWeightPushingType",
        "ImportError: /env/lib/python3.10/site-packages/_k2.cpython-310-x86_64-linux-gnu.so: "
        "undefined symbol: _ZN3c104cuda9SetDeviceEi",
    ),
    "k2-lib-missing": "ImportError: libk2context.so: cannot open shared object file: No such file or directory\n",
    "k2-macos-dylib": "ImportError: dlopen(_k2.cpython-311-darwin.so, 2): Library not loaded: @rpath/libc10.2.dylib\n",
    "k2-without-cuda": "RuntimeError: k2 compiled without CUDA support\n",
    "k2-invalid-device-function": "RuntimeError: CUDA error: invalid device function\n",
    "k2-partial-package": tb(
        "    k2.RaggedTensor", "AttributeError: module 'k2' has no attribute 'RaggedTensor'"
    ),
    "k2-cmake-config": 'CMake Error: Could not find a package configuration file provided by "k2" with any of the following names: k2Config.cmake\n',
    "k2-no-build-for-torch": "k2=1.24.4 doesn't provide conda package for pytorch=2.7.1\n",
    "k2-empty-fsa": "RuntimeError: Could not convert Array1 to FSA, there are no states\n",
    # --- libraries
    "libstdcxx": "ImportError: /usr/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found (required by /env/lib/python3.11/site-packages/_k2.so)\n",
    "glibc": "ImportError: /lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.34' not found (required by /env/lib/python3.11/site-packages/onnxruntime/capi/onnxruntime_pybind11_state.so)\n",
    "lib-not-found-libc10": "OSError: libc10.so: cannot open shared object file: No such file or directory\n",
    "lib-not-found-torchaudio": (
        '  File "/env/lib/python3.10/site-packages/torchaudio/_extension/utils.py", line 60, in _load_lib\n'
        "OSError: libtorch_cuda.so: cannot open shared object file: No such file or directory\n"
    ),
    "lib-not-found-sndfile": "OSError: libsndfile.so.1: cannot open shared object file: No such file or directory\n",
    "lib-not-found-unknown": "OSError: libfoobar.so.3: cannot open shared object file: No such file or directory\n",
    "lib-sndfile-missing": "OSError: sndfile library not found\n",
    "lib-dylib": "ImportError: dlopen(x.so, 2): Library not loaded: /opt/homebrew/opt/libsndfile/lib/libsndfile.1.dylib\n",
    "lib-dll": tb(
        "    import torchaudio",
        "ImportError: DLL load failed while importing _torchaudio: The specified procedure could not be found.",
    ),
    "lib-win-126": 'OSError: [WinError 126] The specified module could not be found. Error loading "C:\\env\\Lib\\site-packages\\torch\\lib\\c10.dll" or one of its dependencies.\n',
    "lib-undefined-symbol-torch": "OSError: /env/lib/python3.10/site-packages/torchaudio/lib/libtorchaudio.so: undefined symbol: _ZN2at4_ops10zeros_like4callERKNS_6TensorE\n",
    "lib-undefined-symbol-other": "ImportError: /opt/lib/libfoo.so.2: undefined symbol: _ZN3Ort3Env6CreateEv\n",
    "lib-mkl": "Intel MKL FATAL ERROR: Cannot load libmkl_avx2.so.2 or libmkl_def.so.2.\n",
    "torchaudio-undefined-symbol": "RuntimeError: PyTorch and torchaudio were compiled with different CUDA versions. PyTorch has CUDA version 12.6 whereas torchaudio has CUDA version 11.8.\n",
    # --- CUDA / GPU
    "cuda-driver-too-old": "RuntimeError: The NVIDIA driver on your system is too old (found version 11040). Please update your GPU driver.\n",
    "cuda-driver-insufficient": "RuntimeError: CUDA error: CUDA driver version is insufficient for CUDA runtime version\n",
    "cuda-arch-not-compatible": "UserWarning: NVIDIA GeForce RTX 5090 with CUDA capability sm_120 is not compatible with the current PyTorch installation.\n",
    "cuda-gpu-too-old": "UserWarning: Found GPU0 Tesla K80 which is of cuda capability 3.7.\nPyTorch no longer supports this GPU because it is too old.\nThe minimum cuda capability supported by this library is 5.0.\n",
    "cuda-no-kernel-image": "RuntimeError: CUDA error: no kernel image is available for execution on the device\n",
    "cuda-library-missing": "OSError: libcudnn.so.9: cannot open shared object file: No such file or directory\n",
    "cuda-library-cublas": "OSError: libcublasLt.so.12: cannot open shared object file: No such file or directory\n",
    "cuda-cudnn-version": "RuntimeError: cuDNN version incompatibility: PyTorch was compiled  against (9, 1, 0) but found runtime version (8, 9, 2).\n",
    "cuda-cudnn-runtime-other": "E0000 Loaded runtime CuDNN library: 8.6.0 but source was compiled with: 8.9.4.\n",
    "cuda-cudnn-load": "Could not load library cudnn_ops_infer64_8.dll. Error code 126\n",
    "cuda-cudnn-status": "RuntimeError: cuDNN error: CUDNN_STATUS_NOT_INITIALIZED\n",
    "cuda-cublas-status": "RuntimeError: CUDA error: CUBLAS_STATUS_ALLOC_FAILED when calling `cublasCreate(handle)`\n",
    "cuda-oom": (
        "2026-11-29 10:00:00,000 INFO [train.py:900] --max-duration 1000\n"
        "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total "
        "capacity of 7.79 GiB of which 1.02 GiB is free. Of the allocated memory 5.50 GiB is allocated by PyTorch\n"
    ),
    "cuda-oom-no-total": (
        "2026-11-29 10:00:00,000 INFO [train.py:900] --max-duration 600\n"
        "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 1.50 GiB.\n"
    ),
    "cuda-oom-long-cut": "Failing criterion: single_longest_cut (=35.2)\ntorch.OutOfMemoryError: CUDA out of memory.\n",
    "cuda-unavailable-load": "RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False.\n",
    "torch-cpu-build": "AssertionError: Torch not compiled with CUDA enabled\n",
    "cuda-forward-compat": "RuntimeError: CUDA error: forward compatibility was attempted on non supported HW\n",
    "cuda-no-driver": "RuntimeError: Found no NVIDIA driver on your system.\n",
    "cuda-invalid-ordinal": "RuntimeError: CUDA error: invalid device ordinal\n",
    "cuda-nvml-mismatch": "Failed to initialize NVML: Driver/library version mismatch\n",
    "cuda-device-assert": "RuntimeError: CUDA error: device-side assert triggered\n",
    "cuda-kernel-fault": "RuntimeError: CUDA error: an illegal memory access was encountered\n",
    "cuda-ptx": "RuntimeError: CUDA error: the provided PTX was compiled with an unsupported toolchain.\n",
    "cuda-device-busy": "RuntimeError: CUDA error: CUDA-capable device(s) is/are busy or unavailable\n",
    "cuda-arch-value": "nvcc fatal   : Value 'sm_120' is not defined for option 'gpu-architecture'\n",
    # --- data
    "data-no-recordings": "ValueError: No recordings found in download/BZNSYP\n",
    "data-file-missing": tb(
        "    cuts = load_manifest(path)",
        "FileNotFoundError: [Errno 2] No such file or directory: 'data/fbank/baker_zh_cuts_train.jsonl.gz'",
    ),
    "data-assert-path": tb("    assert Path(args.lang_dir).is_dir()", "AssertionError"),
    "data-corrupt-audio": "soundfile.LibsndfileError: Error opening 'download/BZNSYP/Wave/000001.wav': Format not recognised.\n",
    "data-duration-mismatch": "AssertionError: The number of declared samples in the recording diverged from the one obtained when loading audio\n",
    "data-lfs-pointer": "_pickle.UnpicklingError: invalid load key, 'v'.\n",
    "data-download-failed": "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='x', port=443): Max retries exceeded with url: /a.tar.bz2\n",
    "data-empty-cutset": "ValueError: CutSet is empty\n",
    "data-sox-input": "sox FAIL formats: can't open input file `download/a.wav': No such file or directory\n",
    "data-nltk": "LookupError: Resource punkt not found.\n",
    "data-spm": 'OSError: Not found: "data/lang_bpe_500/bpe.model": No such file or directory Error #2\n',
    "data-path-absent": "ValueError: download/BZNSYP does not exist\n",
    "data-archive-truncated": "gzip: stdin: unexpected end of file\ntar: Unexpected EOF in archive\n",
    "data-features-missing": "ValueError: Cut 'abc' has no features\n",
    "data-cannot-open": "RuntimeError: Failed to open file: data/tokens.txt\n",
    "data-audio-listed-missing": "2026-11-29 WARNING [prepare.py:40] Missing download/BZNSYP/Wave/000010.wav\n",
    "data-no-such-path": "FileNotFoundError: No such directory download/BZNSYP/Wave\n",
    "net-lfs-download": "Error downloading object: model.onnx (abc123): Smudge error\n",
    "net-http-status": "urllib.error.HTTPError: HTTP Error 404: Not Found\n",
    "net-hostname": "socket.gaierror: [Errno -3] Temporary failure in name resolution\n",
    "net-ssl": "ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed\n",
    "build-download-failed": "CMake Error: Downloading https://github.com/google/googletest/archive/v1.14.0.tar.gz failed\n",
    # --- system, signals, OS
    "os-enospc": "OSError: [Errno 28] No space left on device: 'exp/epoch-3.pt'\n",
    "os-eacces": "PermissionError: [Errno 13] Permission denied: '/data/exp'\n",
    "os-emfile": "OSError: [Errno 24] Too many open files\n",
    "os-erofs": "OSError: [Errno 30] Read-only file system: '/mnt/data/exp'\n",
    "os-cpu-alloc": "RuntimeError: [enforce fail at alloc_cpu.cpp:117] DefaultCPUAllocator: can't allocate memory: you tried to allocate 1073741824 bytes.\n",
    "os-paging-file": "OSError: [WinError 1455] The paging file is too small for this operation to complete\n",
    "signal-killed": "./run.sh: line 40: 12345 Killed                  python3 ./matcha/train.py --max-duration 1200\n",
    "signal-bus-error": "RuntimeError: DataLoader worker (pid 4321) is killed by signal: Bus error. It is possible that dataloader's workers are out of shared memory. Please try to raise your shared memory limit.\n",
    "signal-illegal": "Illegal instruction (core dumped)\n",
    "signal-segfault": "Segmentation fault (core dumped)\n",
    "dataloader-worker-exited": "RuntimeError: DataLoader worker (pid(s) 1234) exited unexpectedly\n",
    "nccl-shm": "NCCL WARN Error: failed to extend /dev/shm/nccl-abc to 9637892 bytes\n",
    "nccl-system": "torch.distributed.DistBackendError: NCCL error in: ProcessGroupNCCL.cpp:1970, unhandled system error\n",
    "nccl-not-built": "RuntimeError: Distributed package doesn't have NCCL built in\n",
    "ddp-port": "RuntimeError: The server socket has failed to listen on any local network address. port: 12354. Address already in use\n",
    "ddp-unused": "RuntimeError: Expected to have finished reduction in the prior iteration before starting a new one.\n",
    "grad-scale": "RuntimeError: grad_scale is too small, exiting: 5.9e-08\n",
    "mp-ancdata": "RuntimeError: received 0 items of ancdata\n",
    # --- shell and build tools
    "shell-cmd-lhotse": "./prepare.sh: line 30: lhotse: command not found\n",
    "shell-cmd-cmake": "bash: cmake: command not found\n",
    "shell-cmd-unknown": "bash: frobnicate: command not found\n",
    "shell-git-lfs": "git: 'lfs' is not a git command. See 'git --help'.\n",
    "shell-crlf": "bash: ./prepare.sh: /bin/bash^M: bad interpreter: No such file or directory\n",
    "shell-script-not-found": "python3: can't open file '/src/icefall/egs/baker_zh/TTS/matcha/trian.py': [Errno 2] No such file or directory\n",
    "shell-relative-path": "./prepare.sh: line 12: ./local/prepare.py: No such file or directory\n",
    "usage-argparse": "usage: train.py [-h] [--world-size WORLD_SIZE]\ntrain.py: error: unrecognized arguments: --max-durations 600\n",
    "build-nvcc-torch": "RuntimeError: The detected CUDA version (12.1) mismatches the version that was used to compile PyTorch (11.8). Please make sure to use the same CUDA versions.\n",
    "build-cmake-too-old": "CMake Error at CMakeLists.txt:1 (cmake_minimum_required):\n  CMake 3.18 or higher is required.  You are running version 3.16.3\n",
    "build-no-cuda-compiler": "CMake Error: No CMAKE_CUDA_COMPILER could be found.\n",
    "build-gcc-unsupported": "#error -- unsupported GNU version! gcc versions later than 12 are not supported!\n",
    "build-lto": "lto-wrapper: fatal error: /usr/bin/gcc returned 1 exit status\n",
    "build-python-headers": "fatal error: Python.h: No such file or directory\n",
    "build-ext-dir": "error: could not create 'build/lib.linux-x86_64-cpython-311/k2': No such file or directory\n",
    "build-compile-error": "/src/k2/csrc/fsa.h:20:10: fatal error: torch/extension.h: No such file or directory\n",
    "build-cuda-home": "OSError: CUDA_HOME environment variable is not set. Please set it to your CUDA install root.\n",
    "build-torch-cmake": 'CMake Error: Could not find a package configuration file provided by "Torch"\n',
    "build-subprocess": "subprocess.CalledProcessError: Command '['cmake', '--build', '.']' returned non-zero exit status 2.\n",
    "build-command-missing": "error: command 'gcc' failed: No such file or directory\n",
    "build-compiler-killed": "c++: fatal error: Killed signal terminated program cc1plus\n",
    "build-compiler-too-old": "cc1plus: error: unrecognized command-line option '-std=c++17'\n",
    "build-no-make": 'CMake Error: CMake was unable to find a build program corresponding to "Unix Makefiles".  CMAKE_MAKE_PROGRAM is not set.\n',
    "build-no-cmakelists": 'CMake Error: The source directory "/src/k2/build" does not appear to contain CMakeLists.txt.\n',
    "build-ninja": "RuntimeError: Ninja is required to load C++ extensions\n",
    "build-msvc": "error: Microsoft Visual C++ 14.0 or greater is required.\n",
    # --- pip, packages
    "pip-externally-managed": "error: externally-managed-environment\n",
    "pip-no-wheel": "ERROR: k2-1.24.4-cp311-cp311-linux_x86_64.whl is not a supported wheel on this platform.\n",
    "pip-resolution": "ERROR: ResolutionImpossible: for help visit https://pip.pypa.io\n",
    "pip-requires-but-have": "torchaudio 2.1.0 requires torch==2.1.0, but you have torch 2.7.1 which is incompatible.\n",
    "pkg-wrong-sherpa": "AttributeError: module 'sherpa' has no attribute 'OfflineRecognizer'\n",
    "pkg-protobuf": "TypeError: Descriptors cannot be created directly.\n",
    "pkg-numpy2": "A module that was compiled using NumPy 1.x cannot be run in\nNumPy 2.1.0 as it may crash.\n",
    "conda-unavailable": "PackagesNotFoundError: The following packages are not available from current channels:\n",
    # --- onnx, sherpa, audio
    "onnx-export-unsupported": "torch.onnx.errors.UnsupportedOperatorError: Exporting the operator 'aten::stft' to ONNX opset version 13 is not supported.\n",
    "onnx-opset": "ValueError: Unsupported ONNX opset version: 21\n",
    "onnx-exporter-error": "torch.onnx.errors.OnnxExporterError: Module onnx is not installed\n",
    "ort-load-library": "onnxruntime.capi.onnxruntime_pybind11_state.Fail: LoadLibrary failed with error 126\n",
    "ort-api-version": "The requested API version [20] is not available, only API versions [1, 17] are supported\n",
    "ort-runtime": "onnxruntime.capi.onnxruntime_pybind11_state.RuntimeException: [ONNXRuntimeError] : 6 : RUNTIME_EXCEPTION : Non-zero status code returned while running Conv node.\n",
    "ort-invalid-model": "onnxruntime.capi.onnxruntime_pybind11_state.InvalidProtobuf: [ONNXRuntimeError] : 7 : INVALID_PROTOBUF : Load model from model.onnx failed:Protobuf parsing failed.\n",
    "ort-too-old": "onnxruntime.capi.onnxruntime_pybind11_state.Fail: Unsupported model IR version: 10, max supported IR version: 9\n",
    "ort-cuda-provider": "Failed to create CUDAExecutionProvider. Please reference https://onnxruntime.ai\n",
    "sherpa-cpu-build": "Please compile with -DSHERPA_ONNX_ENABLE_GPU=ON\n",
    "sherpa-metadata": "'sample_rate' does not exist in the metadata\n",
    "sherpa-oov": "OOV 你好. Ignore it!\n",
    "sherpa-config": "/project/sherpa-onnx/csrc/offline-tts-vits-model-config.cc:Validate:60 Please provide --vits-model\n",
    "sherpa-no-such-file": "/project/sherpa-onnx/csrc/file-utils.cc:AssertFileExists:30 No such file: model.onnx\n",
    "espeak-missing": "RuntimeError: espeak not installed on your system\n",
    "audio-ffmpeg": "RuntimeError: Failed to initialize FFmpeg extension.\n",
    "audio-no-backend": "RuntimeError: Couldn't find appropriate backend to handle uri a.wav and format None.\n",
    "audio-backend": "RuntimeError: Backend \"sox\" is not one of available backends: ['soundfile'].\n",
    # --- training, checkpoints, code
    "torch-weights-only": "_pickle.UnpicklingError: Weights only load failed. This file can still be loaded\n",
    "torch-checkpoint-corrupt": "RuntimeError: PytorchStreamReader failed reading zip archive: failed finding central directory\n",
    "torch-api-removed": "RuntimeError: stft requires the return_complex parameter be given for real inputs\n",
    "train-state-dict": "RuntimeError: Error(s) in loading state_dict for MatchaTTS:\n\tsize mismatch for encoder.emb.weight: copying a param with shape torch.Size([300, 192])\n",
    "import-cannot-import-name": tb(
        "    from icefall.utils import AttributeDict",
        "ImportError: cannot import name 'AttributeDict' from 'icefall.utils' (/src/icefall/icefall/utils.py)",
    ),
    "import-module-attribute": tb(
        "    lhotse.CutSet",
        "AttributeError: module 'lhotse' has no attribute 'CutSet'",
    ),
    "import-module-attribute-own-file": (
        "Traceback (most recent call last):\n"
        '  File "/home/u/proj/train.py", line 3, in <module>\n'
        "    import lhotse\n"
        '  File "/home/u/proj/lhotse.py", line 1, in <module>\n'
        "    from lhotse import CutSet\n"
        "AttributeError: module 'lhotse' has no attribute 'CutSet'\n"
    ),
    "k2-attribute-own-file": (
        "Traceback (most recent call last):\n"
        '  File "/home/u/proj/train.py", line 3, in <module>\n'
        "    import k2\n"
        '  File "/home/u/proj/k2.py", line 1, in <module>\n'
        "    k2.RaggedTensor\n"
        "AttributeError: module 'k2' has no attribute 'RaggedTensor'\n"
    ),
    "import-partially-initialized": tb(
        "    import matcha.utils",
        "AttributeError: partially initialized module 'matcha' has no attribute 'utils' (most likely due to a circular import)",
    ),
    "import-relative": "ImportError: attempted relative import with no known parent package\n",
    "cpp-check-failed": "[F] /src/k2/csrc/fsa.cu:42:k2::Fsa k2::Foo() Check failed: a.Dim() == b.Dim() (3 vs. 4)\n",
    "cpp-uncaught": "terminate called after throwing an instance of 'std::bad_alloc'\n  what():  std::bad_alloc\n",
    "torchscript-unknown-op": "RuntimeError: Unknown builtin op: k2::foo.\n",
    "spm-invalid": "RuntimeError: Internal: src/sentencepiece_processor.cc(1102) [model_proto->ParseFromArray(serialized.data(), serialized.size())]\n",
    "data-arpa": "RuntimeError: \\data\\ section missing in G.arpa\n",
    "data-model-read": "Read binary file: Load 'exp/model.bin' failed\n",
    "data-file-truncated": "OSError: image file is truncated (3 bytes not processed)\n",
    # --- generic and unknown
    "generic-value-error": tb(
        "    raise ValueError('bad config')", "ValueError: bad config", file="./matcha/tokenizer.py"
    ),
    "generic-key-error": tb("    x = d['speaker']", "KeyError: 'speaker'"),
    "generic-type-none": tb(
        "    n = len(batch)", "TypeError: object of type 'NoneType' has no len()"
    ),
    "unknown": "everything went fine until it did not\nexit 1\n",
    # --- several causes in one log
    "two-causes": (
        "ModuleNotFoundError: No module named 'lhotse'\n"
        "OSError: [Errno 28] No space left on device: 'exp/epoch-3.pt'\n"
    ),
}
