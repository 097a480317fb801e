"""The single output point: no secret from the environment, a log, a report or a target
interpreter's stderr appears in any output of any command (text and --json), and escape
sequences from outside are shown escaped while the tool's own styling still reaches a terminal.
"""

from __future__ import annotations

import io
import json
import shlex
import sys
from pathlib import Path
from typing import Any

import pytest
from rich.panel import Panel
from rich.text import Text

from doctor.commands import COMMANDS
from doctor.console import SafeConsole, clean, json_text
from doctor.render.redact import redact_data, redact_secrets, sanitize, secret_name
from tests.helpers import run_cli

# Every secret below must never be printed; each has a marker that cannot occur by chance.
SECRETS = {
    "HF_TOKEN": "hf_Zq8SECRETtok3nValue0001x",
    "MY_SERVICE_API_KEY": "apikeySECRET-7781-value",
    "DB_PASSWORD": "pwSECRET-1234-value",
    "GITLAB_TOKEN": "glSECRET-token-55",
}
URL_PASSWORDS = {"idxSECRET-5521", "proxySECRET-9913"}
ENV = {
    **SECRETS,
    "PIP_INDEX_URL": "https://alice:idxSECRET-5521@127.0.0.1:9/simple",
    "http_proxy": "http://bob:proxySECRET-9913@127.0.0.1:9",
    "HTTPS_PROXY": "http://bob:proxySECRET-9913@127.0.0.1:9",
    "NO_PROXY": "127.0.0.1,localhost",
    "ICEFALL_DOCTOR_OFFLINE": "1",
}
# Secrets that only occur in outside text (a log, a report, a probe's stderr), not the env.
TEXT_SECRETS = ["logSECRET-token-42", "reportSECRET-pw-77", "stderrSECRET-88", "bearerSECRET0099"]
HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eevil"
RAW = ["\x1b", "\x07", "\x9b", "\u202e"]


def _leaks(out: str) -> list[str]:
    found = [s for s in [*SECRETS.values(), *URL_PASSWORDS, *TEXT_SECRETS] if s in out]
    return found + [repr(c) for c in RAW if c in out]


LOG = (
    "2026-11-24 10:42:31,200 INFO [train.py:1] Training started\n"
    f"export HF_TOKEN={SECRETS['HF_TOKEN']} GITLAB_TOKEN=logSECRET-token-42\n"
    '  File "/icefall/egs/baker_zh/TTS/matcha/train.py", line 3, in <module>\n'
    "    import k2\n"
    f"ModuleNotFoundError: No module named 'k2' {HOSTILE} "
    "https://carol:reportSECRET-pw-77@proxy.corp:3128 Authorization: Bearer bearerSECRET0099\n"
)


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The hostile environment, a log, a report and a target python whose torch probe crashes
    with secrets and escape sequences on stderr."""
    for k, v in ENV.items():
        monkeypatch.setenv(k, v)
    (tmp_path / "train.log").write_text(LOG)
    fake = tmp_path / "fake"
    (fake / "torch").mkdir(parents=True)
    (fake / "torch" / "__init__.py").write_text(
        "import sys\n"
        f"sys.stderr.write({HOSTILE!r} + ' GITLAB_TOKEN=stderrSECRET-88 ' + "
        f"{ENV['http_proxy']!r} + '\\n')\n"
        "import os\nos._exit(3)  # a crash: the probe's stderr is what the user sees\n"
    )
    report = {
        "schema": 1,
        "facts": {
            "probes": {
                "python": _probe("python", {"executable": sys.executable, "version": "3.10.12"}),
                "nvidia": _probe("nvidia", _nvidia(f"NVIDIA {HOSTILE} RTX")),
                "torch": _probe("torch", _torch()),
            },
            "context": {"target": sys.executable, "target_source": "PATH", "env": dict(ENV)},
        },
    }
    (tmp_path / "report.json").write_text(json.dumps(report))
    bad_dir = tmp_path / f"exp {HOSTILE}"  # paths from outside end up in messages too
    (bad_dir / "log").mkdir(parents=True)
    (bad_dir / "log" / "log-train-2026-11-24-10-42-31").write_text(LOG)
    return {"tmp": str(tmp_path), "fake": str(fake), "bad_dir": str(bad_dir)}


def _probe(name: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "status": "ok", "data": data, "interpreter": sys.executable}


def _nvidia(name: str) -> dict[str, Any]:
    gpu = {
        "index": 0,
        "name": name,
        "memory_total": 8 * 2**30,
        "memory_free": 7 * 2**30,
        "compute_capability": "8.6",
        "processes": [{"pid": 1, "name": f"python {HOSTILE}", "used_memory": 1}],
    }
    return {
        "source": "nvml",
        "driver": "550.142",
        "cuda_driver_version": "12.6",
        "gpus": [gpu],
        "error": None,
    }


def _torch() -> dict[str, Any]:
    return {
        "installed": True,
        "version": "2.7.1+cu126",
        "cuda": "12.6",
        "cuda_available": True,
        "cudnn": 90501,
        "arch_list": ["sm_80"],
        "devices": [{"index": 0, "name": f"GPU {HOSTILE}", "capability": "8.6"}],
        "warnings": [f"proxy https://carol:reportSECRET-pw-77@proxy.corp {HOSTILE}"],
        "import_error": None,
        "file": "/env/lib/python3.10/site-packages/torch/__init__.py",
        "user_site_shadow": None,
        "torchaudio": {"installed": True, "version": "2.7.1", "import_error": None},
        "smoke": {"ran": True, "ok": False, "error": f"token=reportSECRET-pw-77 {HOSTILE}"},
    }


def _cases(h: dict[str, str]) -> dict[str, list[list[str]]]:
    """Every command, each way it prints: text, -v, --json, and its error path."""
    tmp, log, py, bad = h["tmp"], f"{h['tmp']}/train.log", sys.executable, h["bad_dir"]
    report = f"{tmp}/report.json"
    failing = shlex.join([sys.executable, "-c", f"print(open({log!r}).read()); exit(1)"])
    return {
        "check": [
            ["check", "--python", py],
            ["check", "--python", py, "-v"],
            ["check", "--python", py, "--json"],
            ["check", "--from", report, "-v"],
            ["check", "--from", report, "--json"],
        ],
        "fix": [["fix", "--from", report], ["fix", "--from", report, "--json"]],
        "env-script": [["env-script", "--python", py]],
        "explain": [
            ["explain", log, "--no-probe"],
            ["explain", log, "--no-probe", "--json"],
            ["explain", "--no-probe", "--run", failing],
            ["explain", f"{tmp}/no such {HOSTILE} {SECRETS['HF_TOKEN']}.log"],
        ],
        "analyze": [["analyze", bad], ["analyze", bad, "--json"]],
        "smoke-onnx": [
            ["smoke-onnx", bad, "--vocoder", f"{bad}/voc.onnx"],
            ["smoke-onnx", bad, "--vocoder", f"{bad}/voc.onnx", "--json"],
        ],
        "run": [["run", "baker_zh/matcha", "--python", py, "--dry-run", "--icefall", bad]],
        "recipes": [["recipes"], ["recipes", "--json"]],
    }


def test_every_command_has_a_case(hostile: dict[str, str]) -> None:
    assert set(_cases(hostile)) == {c.name for c in COMMANDS}


@pytest.mark.parametrize("command", [c.name for c in COMMANDS])
def test_no_secret_and_no_raw_escape_in_any_output(hostile: dict[str, str], command: str) -> None:
    env = {"PYTHONPATH": hostile["fake"]}
    for args in _cases(hostile)[command]:
        done = run_cli(*args, env=env, cwd=hostile["tmp"], timeout=300)
        out = done.stdout + done.stderr
        assert done.returncode != 3, out  # no crash: the hostile input went through
        assert _leaks(out) == [], (args, out[-3000:])
        if "--json" in args and done.stdout.strip():
            json.loads(done.stdout)  # still valid JSON


def test_hostile_text_is_shown_escaped_not_dropped(hostile: dict[str, str]) -> None:
    env = {"PYTHONPATH": hostile["fake"]}
    done = run_cli("check", "--python", sys.executable, "--only", "torch", env=env)
    assert "\\x1b]0;pwned\\x07\\x1b[2J" in done.stdout  # the probe's stderr, visible
    assert "GITLAB_TOKEN=***" in done.stdout and "http://***@127.0.0.1:9" in done.stdout
    gpu = run_cli("check", "--from", f"{hostile['tmp']}/report.json", "-v")
    assert "\\x1b]0;pwned" in gpu.stdout and "\\u202eevil" in gpu.stdout
    explained = run_cli("explain", f"{hostile['tmp']}/train.log", "--no-probe")
    assert "No module named 'k2'" in explained.stdout
    assert "Bearer ***" in explained.stdout or "Authorization: ***" in explained.stdout


# --- in process: the console, JSON and the redaction rules -------------------------------


def test_own_styling_reaches_a_terminal_outside_escapes_do_not() -> None:
    buf = io.StringIO()
    console = SafeConsole(file=buf, force_terminal=True, color_system="standard", width=200)
    console.print(f"[red]bad[/] {HOSTILE}")
    console.print(Panel(Text(f"child line {HOSTILE} HF_TOKEN=abcdef123")))
    out = buf.getvalue()
    assert "\x1b[31mbad" in out  # the tool's own style
    assert "\x1b]0;" not in out and "\x1b[2J" not in out and "\x9b" not in out
    assert "\u202e" not in out and "\\x1b]0;pwned" in out and "\\u202eevil" in out
    assert "HF_TOKEN=***" in out and "abcdef123" not in out


def test_json_escapes_every_control_character_and_hides_secrets() -> None:
    text = json_text({"name": HOSTILE, "HF_TOKEN": "x" * 10, "url": "https://u:p4ss@h/x"})
    assert not any(c in text for c in RAW)
    back = json.loads(text)
    assert back["name"] == HOSTILE  # a tool reading the JSON gets the real string
    assert back["HF_TOKEN"] == "***" and back["url"] == "https://***@h/x"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("export HF_TOKEN=abc123", "export HF_TOKEN=***"),
        ("http_proxy=http://u:p@proxy:3128", "http_proxy=http://***@proxy:3128"),
        ("https://u:p@ss@host/x", "https://***@host/x"),
        ("https://token@host/x", "https://***@host/x"),
        ("{'MY_API_KEY': 'zzz'}", "{'MY_API_KEY': '***'}"),
        ('"AWS_SECRET_ACCESS_KEY": "k"', '"AWS_SECRET_ACCESS_KEY": "***"'),
        ("Authorization: Basic dXNlcjpwYXNz", "Authorization: ***"),
        ("pip --password hunter22 x", "pip --password *** x"),
        ("ghp_abcdefghijklmnopqrstuvwxyz1234", "***"),
        # not secrets: recipe options and library settings that merely contain the words
        ("--tokens data/tokens.txt", "--tokens data/tokens.txt"),
        ("num_tokens=5 TOKENIZERS_PARALLELISM=false", "num_tokens=5 TOKENIZERS_PARALLELISM=false"),
        ("PWD=/home/u", "PWD=/home/u"),
    ],
)
def test_redaction_rules(raw: str, shown: str) -> None:
    assert redact_secrets(raw, values=[]) == shown


def test_secret_values_from_the_environment_are_hidden_anywhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOME_SERVICE_TOKEN", "v4lue-without-a-name")
    monkeypatch.setenv("PIP_EXTRA_INDEX_URL", "https://me:urlpass9@idx/simple")
    assert clean("got v4lue-without-a-name and urlpass9") == "got *** and ***"
    assert redact_data({"a": ["v4lue-without-a-name"]}) == {"a": ["***"]}


def test_secret_names() -> None:
    for name in ("HF_TOKEN", "GITHUB_API_KEY", "DB_PASSWORD", "MY_SECRET", "X_AUTH_TOKEN"):
        assert secret_name(name), name
    for name in ("PATH", "num_tokens", "TOKENIZERS_PARALLELISM", "key", "PWD", "author"):
        assert not secret_name(name), name


def test_sanitize_keeps_newlines_and_tabs() -> None:
    assert sanitize("a\tb\r\nc\rd\x00") == "a\tb\nc\\x0dd\\x00"
