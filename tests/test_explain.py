"""explain: what a user sees for logs the tests write themselves (never the evaluation corpus)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from doctor.explain import explain_lines
from doctor.explain.memory import smaller_max_duration
from doctor.explain.rules import load
from doctor.facts import Facts, ProbeResult
from doctor.messages import text
from doctor.render.envelope import SCHEMA
from tests.helpers import run_cli, serve_directory

TRAIN_LINE = (
    "2026-03-02 11:{m:02d}:07,114 INFO [train.py:536] Epoch 3, batch {b}, global_batch_idx: {b}, "
    "batch size: 40, loss[dur_loss=1.1, tot_loss=3.2, over 40.00 samples.]"
)
MISSING = "download/BZNSYP/ProsodyLabeling/000001-010000.txt"
SO = "/opt/k2/build_release/lib/_k2.cpython-310-x86_64-linux-gnu.so"
SYM = "_ZN3c104impl3cow11cow_deleterEPv"
OOM_ADVICE = (
    "Your GPU ran out of memory with the current max_duration setting. "
    "We recommend decreasing max_duration and trying again."
)
TORCH_ONNX = "/venv/lib/python3.11/site-packages/torch/onnx/_internal/exporter/_core.py"


def _lines(text_: str) -> list[str]:
    return text_.strip("\n").splitlines()


def test_tacotron_cleaner_points_to_espnet_tts_frontend() -> None:
    log = """Traceback (most recent call last):
  File "/work/icefall/egs/baker_zh/TTS/./matcha/train.py", line 19, in <module>
    from tokenizer import Tokenizer
  File "/work/icefall/egs/baker_zh/TTS/matcha/tokenizer.py", line 6, in <module>
    import tacotron_cleaner.cleaners
ModuleNotFoundError: No module named "tacotron_cleaner"
"""
    d = explain_lines(_lines(log))[0]
    assert d.category == "missing_module"
    assert "python3 -m pip install espnet_tts_frontend" in d.fix
    assert "espnet_tts_frontend" in text(d.summary)
    assert 'File "/work/icefall/egs/baker_zh/TTS/matcha/tokenizer.py", line 6' in d.evidence


def test_icefall_missing_is_pythonpath() -> None:
    d = explain_lines(["ModuleNotFoundError: No module named 'icefall'"])[0]
    assert d.category == "pythonpath"
    assert any(c.startswith("export PYTHONPATH=") for c in d.fix)


def test_oom_uses_the_runs_max_duration_and_the_message_numbers() -> None:
    lines = ["2026-03-02 11:00:01,000 INFO [train.py:690] {'max_duration': 1200, 'num_workers': 8}"]
    lines += [TRAIN_LINE.format(m=i % 60, b=i) for i in range(300)]
    lines += [
        "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 202.00 MiB. GPU 0 has a "
        "total capacity of 7.78 GiB of which 192.50 MiB is free. Of the allocated memory 7.25 GiB "
        "is allocated by PyTorch, and 102.22 MiB is reserved by PyTorch but unallocated."
    ]
    d = explain_lines(lines)[0]
    assert d.category == "cuda_oom"
    assert d.params["max_duration"] == 1200
    new = d.params["new_max_duration"]
    assert 10 <= new < 1200 and new % 10 == 0
    assert any(c.endswith(f"--max-duration {new}") for c in d.fix)
    assert d.line == 302


def test_smaller_max_duration_scales_with_memory() -> None:
    assert smaller_max_duration(1200, 7.78, 7.45) < smaller_max_duration(1200, 24.0, 7.45)
    assert smaller_max_duration(1200, None, None) == 600


def test_single_longest_cut_says_filter_not_max_duration() -> None:
    log = f"""2026-03-02 11:00:01,000 ERROR [train.py:1120] {OOM_ADVICE}
Failing criterion: single_longest_cut (=28.41) ...
Traceback (most recent call last):
RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB
"""
    found = explain_lines(_lines(log))
    assert [d.rule for d in found] == ["cuda.oom_long_cut"]
    assert "filter" in text(found[0].why)


def test_driver_version_is_decoded_and_the_newest_runnable_cuda_build_is_chosen() -> None:
    line = (
        "UserWarning: CUDA initialization: The NVIDIA driver on your system is too old "
        "(found version 12040). Please update your GPU driver"
    )
    d = explain_lines([line])[0]
    assert d.category == "cuda_driver_too_old"
    assert d.params["driver_cuda"] == "12.4"
    # minor-version compatibility: a CUDA 12.4 driver (>= 525) runs any 12.x build; the
    # newest torch line with k2 wheels has no build older than 12.6, and cu118 is not needed
    assert d.params["driver_channel"] == "cu126"
    assert any("whl/cu126" in c and "torch==" in c for c in d.fix)
    old = explain_lines([line.replace("12040", "11040")])[0]
    assert old.params["driver_channel"] == "cu118"


def test_driver_fix_is_for_this_machines_python() -> None:
    from doctor.knowledge import torch_builds

    line = "RuntimeError: The NVIDIA driver on your system is too old (found version 12040)."
    facts = Facts(probes={"python": ProbeResult("python", "ok", {"version": "3.8.10"})})
    d = explain_lines([line], facts)[0]
    torch = d.params["torch_for_driver"]
    assert torch != explain_lines([line])[0].params["torch_for_driver"]
    rel = torch_builds.release(torch)
    assert rel is not None and torch_builds.python_ok(rel, "3.8")
    assert d.params["driver_channel"].startswith("cu12")


def test_root_cause_first_and_macos_note_ignored() -> None:
    log = f"""Traceback (most recent call last):
  File "/opt/k2/k2/python/k2/__init__.py", line 23, in <module>
    from _k2 import DeterminizeWeightPushingType
ImportError: {SO}: undefined symbol: {SYM}

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "/home/me/icefall/egs/baker_zh/TTS/./matcha/train.py", line 12, in <module>
    import k2
ImportError: {SO}: undefined symbol: {SYM}
Note: If you're using anaconda and importing k2 on MacOS,
      you can probably fix this by setting the environment variable:
  export DYLD_LIBRARY_PATH=$CONDA_PREFIX/lib/python3.10/site-packages:$DYLD_LIBRARY_PATH
"""
    found = explain_lines(_lines(log))
    assert found[0].category == "k2_torch_mismatch"
    assert found[0].line == 4
    assert not any("DYLD" in c for d in found for c in d.fix)
    assert any("unset PYTHONPATH" in c for c in found[0].fix)


def test_k2_fix_uses_this_machines_torch() -> None:
    facts = Facts(
        probes={"torch": ProbeResult("torch", "ok", {"version": "2.7.1+cu126", "cuda": "12.6"})}
    )
    log = [
        "ImportError: k2 was built using PyTorch 2.6.0+cu124",
        "But you are using PyTorch 2.7.1+cu126 to run it",
    ]
    d = explain_lines(log, facts)[0]
    assert d.category == "k2_torch_mismatch"
    assert any("+cuda12.6.torch2.7.1" in c for c in d.fix)


def test_prepare_stage_from_last_stage_line() -> None:
    log = f"""2026-03-02 10:00:00 (prepare.sh:40:main) Stage -1: build monotonic_align
2026-03-02 10:00:09 (prepare.sh:61:main) Stage 1: Prepare baker-zh manifest
Traceback (most recent call last):
FileNotFoundError: [Errno 2] No such file or directory: '{MISSING}'
"""
    d = explain_lines(_lines(log))[0]
    assert d.category == "data_missing"
    assert d.params["stage"] == "1"
    assert "./prepare.sh --stage 1 --stop-stage 1" in d.fix


def test_onnx_dynamo_says_legacy_exporter() -> None:
    log = f"""  File "/home/me/icefall/egs/baker_zh/TTS/./matcha/export_onnx.py", line 180, in main
    torch.onnx.export(
  File "{TORCH_ONNX}", line 20, in <module>
    import onnxscript
ModuleNotFoundError: No module named 'onnxscript'
"""
    found = explain_lines(_lines(log))
    assert [d.category for d in found] == ["onnx_dynamo_exporter"]
    assert "dynamo=False" in text(found[0].why)


def test_unknown_error_shows_decisive_lines_and_claims_nothing() -> None:
    log = """Traceback (most recent call last):
  File "/home/me/proj/run.py", line 8, in <module>
    frob(x)
  File "/venv/lib/python3.11/site-packages/lib/frob.py", line 3, in frob
    raise ZorkError("the zork is blank")
ZorkError: the zork is blank
"""
    (d,) = explain_lines(_lines(log))
    assert not d.recognised and d.category == "unknown"
    assert d.evidence == ('File "/home/me/proj/run.py", line 8', "ZorkError: the zork is blank")
    assert d.fix == ("icefall-doctor check",)


def test_memory_stays_bounded_for_many_matching_lines() -> None:
    lines = (f"UserWarning: CUDA out of memory {i}" for i in range(20000))
    result = explain_lines(lines)
    assert len(result) == 1


def test_every_rule_has_its_messages() -> None:
    from doctor.messages import catalog

    for rule in load().rules:
        key = rule.messages or rule.id
        assert f"explain.{key}.summary" in catalog("en"), rule.id
        assert f"explain.{key}.why" in catalog("en"), rule.id


def test_cli_file_json_and_exit_codes(tmp_path: Path) -> None:
    log = tmp_path / "train.log"
    log.write_text("RuntimeError: Address already in use\n")
    proc = run_cli("explain", str(log), "--json", "--no-probe")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert (
        data["schema"] == SCHEMA
        and data["command"] == "explain"
        and data["diagnoses"][0]["category"] == "ddp_port_in_use"
    )
    assert any("--master-port" in c for c in data["diagnoses"][0]["fix"])
    other = tmp_path / "x.log"
    other.write_text("everything is fine\n")
    assert run_cli("explain", str(other), "--no-probe").returncode == 1
    assert run_cli("explain", str(tmp_path / "nope.log")).returncode == 2
    assert run_cli("explain").returncode == 2


def test_cli_run_shows_output_and_explains(tmp_path: Path) -> None:
    cmd = (
        "echo starting; echo \"ModuleNotFoundError: No module named 'piper_phonemize'\" >&2; exit 1"
    )
    proc = run_cli("explain", "--run", cmd, "--no-probe")
    assert proc.returncode == 0, proc.stderr
    assert "starting" in proc.stdout
    assert "piper_phonemize -f https://k2-fsa.github.io/icefall/piper_phonemize.html" in proc.stdout
    ok = run_cli("explain", "--run", "true", "--no-probe")
    assert ok.returncode == 0


CASES = [
    # (log lines, category, a piece of the fix or of the summary's parameters)
    (
        [
            "ImportError: /home/me/miniconda3/envs/tts/bin/../lib/libstdc++.so.6: version "
            "`GLIBCXX_3.4.32' not found (required by /home/me/miniconda3/envs/tts/lib/"
            "python3.10/site-packages/torch/lib/libtorch_python.so)"
        ],
        "libstdcxx_glibcxx",
        "libstdcxx-ng",
    ),
    (
        [
            "ImportError: /usr/lib64/libstdc++.so.6: version `GLIBCXX_3.4.29' not found "
            "(required by /opt/venv/lib/python3.9/site-packages/k2/lib64/libk2context.so)"
        ],
        "libstdcxx_glibcxx",
        "LD_LIBRARY_PATH=$CONDA_PREFIX/lib",
    ),
    (
        [
            "NVIDIA GeForce RTX 5080 with CUDA capability sm_120 is not compatible with the "
            "current PyTorch installation.",
            "The current PyTorch install supports CUDA capabilities sm_50 sm_60 sm_70 sm_80 sm_90.",
        ],
        "cuda_arch_unsupported",
        "download.pytorch.org/whl/cu",
    ),
    (
        [
            "[E:onnxruntime:Default, provider_bridge_ort.cc:1862] Failed to load library "
            "libonnxruntime_providers_cuda.so with error: libcublasLt.so.12: cannot open shared "
            "object file: No such file or directory"
        ],
        "cudnn_missing",
        "nvidia-cublas-cu12",
    ),
    (
        [
            "misc/shmutils.cc:72 NCCL WARN Error: failed to extend /dev/shm/nccl-Xk2 "
            "to 9637892 bytes"
        ],
        "nccl_shm",
        "--shm-size",
    ),
    (
        [
            "RuntimeError: Couldn't find appropriate backend to handle uri "
            "download/BZNSYP/Wave/000001.wav and format None."
        ],
        "missing_module",  # a backend package (soundfile for most)
        "ffmpeg",
    ),
    (
        [
            '  File "/home/me/icefall/icefall/env.py", line 110, in get_env_info',
            '    "IP address": socket.gethostbyname(socket.gethostname()),',
            "socket.gaierror: [Errno -2] Name or service not known",
        ],
        "hostname_unresolvable",
        "/etc/hosts",
    ),
    (
        ["ImportError: To use kaldifeat extractors, please 'pip install kaldifeat' first."],
        "missing_module",
        "kaldifeat",
    ),
    (
        ["ModuleNotFoundError: No module named 'monotonic_align.core'"],
        "missing_module",
        "./prepare.sh --stage -1 --stop-stage -1",
    ),
    (
        ["ModuleNotFoundError: No module named 'matcha.models'; 'matcha' is not a package"],
        "pythonpath",
        "matcha.__file__",
    ),
    (
        ["[F] /tmp/k2/k2/csrc/context.cu:81 k2 compiled without CUDA support"],
        "k2_import_failure",
        "k2.version",
    ),
    (
        [
            "[F] /tmp/k2/k2/csrc/eval.h:147 Check failed: e == cudaSuccess (98 vs. 0)  "
            "Error: invalid device function"
        ],
        "cuda_arch_unsupported",
        "K2_BUILD_FOR_ALL_ARCHS=ON",
    ),
    (
        ["RuntimeError: grad_scale is too small, exiting: 5.9e-08"],
        "fp16_grad_scale",
        "--use-fp16 0",
    ),
    (
        ["_pickle.UnpicklingError: invalid load key, 'v'."],
        "git_lfs_pointer",
        "git lfs pull",
    ),
]


@pytest.mark.parametrize(("log", "category", "needle"), CASES, ids=[c[1] for c in CASES])
def test_rule_table(log: list[str], category: str, needle: str) -> None:
    d = explain_lines(log)[0]
    assert d.category == category, (d.rule, d.fix)
    assert any(needle in c for c in d.fix), d.fix


def test_stdin_dash_reads_the_pipe() -> None:
    import os
    import subprocess
    import sys

    from tests.helpers import REPO

    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.run(
        [sys.executable, "-m", "doctor", "explain", "-", "--no-probe", "--json"],
        input="ModuleNotFoundError: No module named 'piper_phonemize'\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["diagnoses"][0]["category"] == "missing_module"


def test_probing_this_machine_never_breaks_explain(tmp_path: Path) -> None:
    log = tmp_path / "train.log"
    log.write_text("ModuleNotFoundError: No module named 'k2'\n")
    refused = {"ICEFALL_DOCTOR_K2_WHEELS_URL": "http://127.0.0.1:9"}  # never the real pages
    proc = run_cli("explain", str(log), env=refused)
    assert proc.returncode == 0, proc.stderr
    assert "k2 is not installed" in proc.stdout
    assert "k2-fsa.github.io/k2/" in proc.stdout


def test_assertion_on_a_path_is_missing_data_other_assertions_are_not() -> None:
    log = """2026-03-02 10:00:09 (prepare.sh:88:main) Stage 3: Prepare lang
Traceback (most recent call last):
  File "/home/me/icefall/egs/x/ASR/./local/prepare_lang.py", line 84, in main
    assert Path(args.lexicon).is_file(), args.lexicon
AssertionError: data/lang_bpe_500/lexicon.txt
"""
    d = explain_lines(_lines(log))[0]
    assert d.category == "data_missing"
    assert "./prepare.sh --stage 3 --stop-stage 3" in d.fix
    other = ['  File "/home/me/x.py", line 3, in f', "    assert x > 0", "AssertionError"]
    assert explain_lines(other)[0].category == "program_error"  # a lead: no path in it


def test_memory_is_bounded_on_a_long_log() -> None:
    import tracemalloc

    def log() -> Iterator[str]:
        for i in range(200_000):
            yield TRAIN_LINE.format(m=i % 60, b=i)
            if i % 1000 == 0:
                yield "UserWarning: CUDA initialization: found version 12040 driver is too old"
        yield "ModuleNotFoundError: No module named 'lhotse'"

    tracemalloc.start()
    found = explain_lines(log())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert found[0].category == "missing_module"
    assert peak < 16 * 2**20  # the log itself is about 30 MiB


def test_gaierror_of_a_download_is_not_the_hostname() -> None:
    log = [
        '  File "/venv/lib/python3.11/site-packages/urllib3/connection.py", line 60, in create',
        "socket.gaierror: [Errno -3] Temporary failure in name resolution",
    ]
    assert explain_lines(log)[0].category == "download_failed"


def test_onnx_fix_command_really_adds_dynamo_false(tmp_path: Path) -> None:
    import ast
    import subprocess

    script = tmp_path / "export_onnx.py"
    script.write_text(
        "import torch\n"
        "def main(model, x):\n"
        "    torch.onnx.export(\n        model,\n        x,\n        'm.onnx',\n"
        "        opset_version=14,\n    )\n"
    )
    log = [
        f'  File "{script}", line 3, in main',
        "torch.onnx._internal.exporter._errors.TorchExportError: Failed to export the model "
        "with torch.export. This is step 1/3 of exporting the model to ONNX.",
    ]
    (d,) = explain_lines(log)
    assert d.category == "onnx_dynamo_exporter"
    subprocess.run(d.fix[0], shell=True, check=True)
    call = next(n for n in ast.walk(ast.parse(script.read_text())) if isinstance(n, ast.Call))
    partial = call.func
    assert isinstance(partial, ast.Call)
    assert [k.arg for k in partial.keywords] == ["dynamo"]
    assert len(call.args) == 3


def test_oom_without_a_setting_in_the_log_says_the_value_is_assumed() -> None:
    line = (
        "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 202.00 MiB. GPU 0 has a "
        "total capacity of 7.78 GiB of which 192.50 MiB is free. Of the allocated memory "
        "7.25 GiB is allocated by PyTorch"
    )
    d = explain_lines([line])[0]
    assert d.category == "cuda_oom"
    summary = text(d.summary)
    assert "the log does not show --max-duration" in summary
    assert "default 200" in summary


# --- k2 fixes for this machine: the wheel list and the resolver the k2 checks use -------------

CP = "cp312"
K2_DATES = ("20250601", "20250807")  # the page lists both; the newest is the one to install
EXACT = "k2==1.24.4.dev20250807+cuda12.6.torch2.7.1"
K2_LOGS = {
    "torch": [
        '  File "/home/me/icefall/egs/ljspeech/TTS/./matcha/train.py", line 20, in <module>',
        "    import k2",
        "ImportError: k2 was built using PyTorch 2.6.0+cu124",
        "But you are using PyTorch 2.7.1+cu126 to run it",
    ],
    "cuda": [
        "ImportError: k2 was built using CUDA 12.4",
        "But you are using CUDA 12.6 to run it",
    ],
    "python": [
        '  File "/venv/lib/python3.12/site-packages/k2/__init__.py", line 23, in <module>',
        "    from _k2 import DeterminizeWeightPushingType",
        "ModuleNotFoundError: No module named '_k2'",
    ],
    "symbol": [
        "ImportError: /venv/lib/python3.12/site-packages/_k2.cpython-312-x86_64-linux-gnu.so: "
        f"undefined symbol: {SYM}"
    ],
    "missing": ["ModuleNotFoundError: No module named 'k2'"],
}


def _wheel_page(builds: tuple[str, ...], py: str = CP) -> str:
    plat = "manylinux_2_27_x86_64.manylinux_2_28_x86_64"
    return "\n".join(
        f'<a href="/whl/k2-1.24.4.dev{d}%2B{b}-{py}-{py}-{plat}.whl">'
        f"k2-1.24.4.dev{d}+{b}-{py}-{py}-{plat}.whl</a><br>"
        for b in builds
        for d in K2_DATES
    )


def _wheels_online() -> dict[str, object]:
    from doctor.k2wheels import WheelIndex, parse

    page = _wheel_page(("cuda12.6.torch2.7.1", "cuda12.8.torch2.7.1", "cpu.torch2.7.1"))
    pages = ("https://k2-fsa.github.io/k2/cuda.html", "https://k2-fsa.github.io/k2/cpu.html")
    return WheelIndex("online", pages, tuple(parse(page))).to_json()


def _machine(wheels: dict[str, object] | None, *, gpu: bool = True) -> Facts:
    """A Linux box with one RTX 3090 (8.6), driver for CUDA 12.6, torch 2.7.1+cu126 on
    Python 3.12, and a k2 that does not import."""
    data: dict[str, dict[str, object]] = {
        "python": {"version": "3.12.3", "executable": "/venv/bin/python3"},
        "system": {"os": "Linux", "machine": "x86_64"},
        "torch": {"installed": True, "version": "2.7.1+cu126", "cuda": "12.6"},
        "k2": {"found": True, "import_ok": False, "import_error": "k2 was built using ..."},
    }
    if gpu:
        card = {"compute_capability": "8.6", "memory_total": 24 * 2**30}
        data["nvidia"] = {"driver": "560.35.03", "cuda_driver_version": "12.6", "gpus": [card]}
    if wheels is not None:
        data["k2wheels"] = wheels
    probes = {k: ProbeResult(k, "ok", v) for k, v in data.items()}
    return Facts(probes=probes, context={"target": "/usr/bin/python3", "target_source": "PATH"})


def _plan_finding(facts: Facts) -> tuple[list[str], list[str]]:
    """The k2.plan check's commands and its notes' text, for the same facts."""
    from doctor.checks.k2 import check_plan

    found = list(check_plan(facts))
    return list(found[-1].fix.commands), [text(f.title) for f in found[:-1]]  # type: ignore[union-attr]


@pytest.mark.parametrize("kind", sorted(K2_LOGS))
def test_k2_fix_is_the_k2_plan_of_this_machine(kind: str) -> None:
    facts = _machine(_wheels_online())
    d = explain_lines(K2_LOGS[kind], facts)[0]
    assert d.category in ("k2_torch_mismatch", "k2_import_failure", "missing_module")
    plan, _ = _plan_finding(facts)
    assert list(d.fix) == plan
    assert f"python3 -m pip install {EXACT} -f https://k2-fsa.github.io/k2/cuda.html" in d.fix
    assert "python3 -m pip uninstall -y k2" in d.fix  # the broken k2 goes first
    assert not d.notes


def test_k2_wheel_for_this_torch_and_python_without_gpu_facts() -> None:
    """No nvidia facts: no plan, but the torch in use and the log's Python name the wheel."""
    wheels = ProbeResult("k2wheels", "ok", _wheels_online())
    torch = ProbeResult("torch", "ok", {"version": "2.7.1+cu126", "cuda": "12.6"})
    d = explain_lines(K2_LOGS["python"], Facts(probes={"torch": torch, "k2wheels": wheels}))[0]
    assert d.category == "k2_import_failure"
    assert d.fix == (  # the traceback's environment is the Python to install into
        f"/venv/bin/python3.12 -m pip install --force-reinstall --no-deps {EXACT} "
        "-f https://k2-fsa.github.io/k2/cuda.html",
    )


def test_k2_fix_offline_keeps_the_date_placeholder_and_says_where_it_is() -> None:
    facts = _machine({"source": "shipped", "error": "offline", "pages": [], "wheels": []})
    d = explain_lines(K2_LOGS["torch"], facts)[0]
    plan, plan_notes = _plan_finding(facts)
    assert list(d.fix) == plan
    assert any("k2==1.24.4.devYYYYMMDD+cuda12.6.torch2.7.1 -f" in c for c in d.fix)
    notes = [text(n) for n in d.notes]
    assert notes == plan_notes  # the k2 checks' own wording
    assert notes == [
        "Offline: replace YYYYMMDD with the newest date listed on "
        "https://k2-fsa.github.io/k2/cuda.html for this build and Python 3.12"
    ]


def test_k2_template_offline_without_gpu_facts_also_says_where_the_date_is() -> None:
    facts = _machine({"source": "shipped", "error": "offline"}, gpu=False)
    d = explain_lines(K2_LOGS["cuda"], facts)[0]
    assert d.fix == (
        "/venv/bin/python3 -m pip install --force-reinstall --no-deps "
        "k2==1.24.4.devYYYYMMDD+cuda12.6.torch2.7.1 -f https://k2-fsa.github.io/k2/cuda.html",
    )
    assert [
        "newest date listed on https://k2-fsa.github.io/k2/cuda.html" in text(n) for n in d.notes
    ] == [True]


def test_kaldifeat_symbol_error_is_not_given_the_k2_plan() -> None:
    log = [
        "ImportError: /venv/lib/python3.12/site-packages/libkaldifeat_core.so: "
        f"undefined symbol: {SYM}"
    ]
    d = explain_lines(log, _machine(_wheels_online()))[0]
    assert not any("k2==" in c for c in d.fix)
    assert any("kaldifeat" in c for c in d.fix)


@pytest.fixture
def k2_pages(tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    """k2's wheel pages served on 127.0.0.1 for the test runner's Python (every build)."""
    import sys

    py = f"cp{sys.version_info[0]}{sys.version_info[1]}"
    root = tmp_path / "site"
    root.mkdir()
    (root / "cuda.html").write_text(_wheel_page(("cuda12.6.torch2.12.0",), py))
    (root / "cpu.html").write_text(_wheel_page(("cpu.torch2.12.0",), py))
    with serve_directory(root) as served:
        yield served


def test_cli_k2_fix_equals_the_k2_plan_finding(
    k2_pages: tuple[str, list[str]], bare_venv: Path, tmp_path: Path
) -> None:
    from tests.helpers import findings_by_check, run_json

    url, hits = k2_pages
    env = {"ICEFALL_DOCTOR_K2_WHEELS_URL": url, "ICEFALL_DOCTOR_OFFLINE": ""}
    log = tmp_path / "train.log"
    log.write_text("\n".join(K2_LOGS["torch"]) + "\n")
    proc = run_cli("explain", str(log), "--json", "--python", str(bare_venv), env=env, timeout=180)
    assert proc.returncode == 0, proc.stderr
    (lead, *_) = json.loads(proc.stdout)["diagnoses"]
    assert any("k2==1.24.4.dev20250807+" in c and ".torch2.12.0 -f" in c for c in lead["fix"])
    assert "/cuda.html" in hits
    _, report = run_json("--python", str(bare_venv), "--only", "k2.plan", env=env, timeout=180)
    assert lead["fix"] == findings_by_check(report)["k2.plan"][-1]["fix"]["commands"]


def test_cli_offline_never_reads_the_pages(
    k2_pages: tuple[str, list[str]], bare_venv: Path, tmp_path: Path
) -> None:
    url, hits = k2_pages
    log = tmp_path / "train.log"
    log.write_text("\n".join(K2_LOGS["torch"]) + "\n")
    env = {"ICEFALL_DOCTOR_K2_WHEELS_URL": url}
    args = ("explain", str(log), "--offline", "--python", str(bare_venv))
    proc = run_cli(*args, env=env, timeout=180)
    assert proc.returncode == 0, proc.stderr
    assert hits == []
    assert "k2==1.24.4.devYYYYMMDD+" in proc.stdout
    assert "Offline: replace YYYYMMDD with the newest date listed on" in proc.stdout


def test_cli_fixes_name_the_python_given_whatever_the_class(
    bare_venv: Path, tmp_path: Path
) -> None:
    """--python names the interpreter the commands are for, also for a class that needs no
    other fact of the machine (pip's build isolation)."""
    log = tmp_path / "pip.log"
    log.write_text(
        "Processing ./needtorch\n"
        "  Getting requirements to build wheel: finished with status 'error'\n"
        "      ModuleNotFoundError: No module named 'torch'\n"
        "  note: This error originates from a subprocess, and is likely not a problem with pip.\n"
    )
    proc = run_cli("explain", str(log), "--json", "--python", str(bare_venv), timeout=180)
    assert proc.returncode == 0, proc.stderr
    (lead, *_) = json.loads(proc.stdout)["diagnoses"]
    assert lead["category"] == "pythonpath"
    assert lead["fix"][0].startswith(f"{bare_venv} -m pip install --no-build-isolation ./needtorch")


def test_cli_fixes_name_the_python_given_also_without_probing(tmp_path: Path) -> None:
    """--no-probe reads nothing of the machine, yet the interpreter the user named is still the
    one the commands are for (quoted: a path with a space stays one word)."""
    log = tmp_path / "m.log"
    log.write_text("ModuleNotFoundError: No module named 'lilcom'\n")
    python = "/opt/my env/bin/python"
    proc = run_cli("explain", str(log), "--json", "--no-probe", "--python", python)
    assert proc.returncode == 0, proc.stderr
    (lead, *_) = json.loads(proc.stdout)["diagnoses"]
    assert lead["fix"][0].startswith("'/opt/my env/bin/python' -m pip install"), lead["fix"]
