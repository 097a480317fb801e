"""explain's fix commands paste as they read: a comment the tool adds stays a comment, a value
that needs quoting is quoted once, and a value from the log inside a quoted part of a command
(where quoting cannot protect it) leaves that command out."""

from __future__ import annotations

import shlex

from doctor.explain import explain_lines
from doctor.explain.shellwords import fill, quoted_fields
from doctor.facts import Facts, ProbeResult


def test_the_k2_install_ends_with_its_comment_and_pastes_as_one_pip_command() -> None:
    (d,) = explain_lines(["ModuleNotFoundError: No module named 'k2'"])
    (line,) = [c for c in d.fix if "pip install k2" in c]
    words = shlex.split(line, comments=True)
    assert words[:4] == ["python3", "-m", "pip", "install"]
    assert words[-2:] == ["-f", "https://k2-fsa.github.io/k2/cuda.html"]
    assert line.endswith("  # CPU: +cpu.torch<TORCH> -f https://k2-fsa.github.io/k2/cpu.html")


def test_a_cudnn_wheel_with_a_version_is_quoted_once() -> None:
    facts = Facts(
        probes={"torch": ProbeResult("torch", "ok", {"installed": True, "version": "2.1.2+cu118",
                                                     "cuda": "11.8", "cudnn": 8700})}
    )  # fmt: skip
    log = [
        "onnxruntime/capi/onnxruntime_inference_collection.py:69: UserWarning: Specified provider"
        " 'CUDAExecutionProvider' is not in available provider names.",
        "[E:onnxruntime:Default, provider_bridge_ort.cc:1548 TryGetProviderLibrary] Failed to load"
        " library libonnxruntime_providers_cuda.so with error: libcudnn.so.8: cannot open shared"
        " object file: No such file or directory",
    ]
    (d,) = explain_lines(log, facts)
    pip = [c for c in d.fix if " pip install " in c and "nvidia-cudnn" in c]
    assert pip, d.fix
    for line in pip:
        assert "''" not in line
        words = shlex.split(line, comments=True)
        assert any(w.startswith("nvidia-cudnn-cu") for w in words), words


def test_a_value_inside_quotes_goes_in_only_when_plain() -> None:
    template = '{py} -c "import torch, {loader}"  # torch first'
    assert quoted_fields(template) == {"loader"}
    assert fill(template, {"py": "python3", "loader": "k2"}) == (
        'python3 -c "import torch, k2"  # torch first'
    )
    assert fill(template, {"py": "python3", "loader": "x$(touch pwned)"}) is None
    assert fill(template, {"py": "/my env/python3", "loader": "k2"}) == (
        "'/my env/python3' -c \"import torch, k2\"  # torch first"
    )


def test_placeholders_for_the_reader_and_literal_braces_are_not_fields() -> None:
    assert quoted_fields("cd <the recipe's folder> && {py} ./{top}/x.py") == frozenset()
    assert quoted_fields('{py} -c "print({{1: 2}})" {model}') == frozenset()
    assert fill(
        "{py} -m pip install {wheel}  # comment's", {"py": "python3", "wheel": "a==8.*"}
    ) == ("python3 -m pip install 'a==8.*'  # comment's")


def test_a_url_read_from_the_log_goes_into_wget_as_one_quoted_word() -> None:
    """A download URL is the log's text: `$(...)` or backquotes in it stay inside quotes."""
    url = "https://example.com/a$(touch${IFS}/tmp/x)`id`.tar.gz"
    (d,) = explain_lines(
        [f"requests.exceptions.ConnectionError: Max retries exceeded with url: {url}"]
    )
    (line,) = [c for c in d.fix if c.startswith("wget")]
    words = shlex.split(line, comments=True)
    assert words[:3] == ["wget", "-c", url], line
    assert words[3:] == ["-O", "download/x)`id`.tar.gz"]  # the name after the last /


def test_a_library_path_from_the_log_goes_into_nm_as_one_word() -> None:
    (d,) = explain_lines(["ImportError: /tmp/a;id;.so: undefined symbol: _ZN3foo3barEv"])
    (line,) = [c for c in d.fix if c.startswith("nm")]
    assert shlex.split(line, comments=True)[:3] == ["nm", "-D", "/tmp/a;id;.so"]


def test_a_value_in_a_comment_is_shown_as_it_is_on_the_comments_one_line() -> None:
    template = "pip install torch=={torch_base}  # brings nvidia-cudnn-{cu_tag} for {where}"
    params = {"torch_base": "<TORCH>", "cu_tag": "cu<CUDA major>", "where": "a\nrm -rf ~"}
    line = fill(template, params)
    shown = "pip install torch=='<TORCH>'  # brings nvidia-cudnn-cu<CUDA major> for a rm -rf ~"
    assert line == shown
    assert "\n" not in line
    assert shlex.split(line, comments=True) == ["pip", "install", "torch==<TORCH>"]
