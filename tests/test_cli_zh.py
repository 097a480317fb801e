"""The command line in Chinese, through the installed console script: --lang zh or a Chinese
locale gives Chinese help, errors, snippet comments, per-model verdicts and run summaries;
--lang en gives what the tool printed before; commands, paths and flags stay verbatim."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from doctor.fixer import rcblock
from tests.helpers import run_script
from tests.runner_fixtures import make_icefall

PY = sys.executable
ENGLISH = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
CHINESE_LOCALE = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _chinese(text: str) -> bool:
    return bool(_CJK.search(text))


@pytest.mark.parametrize("command", ["check", "run", "env-script", "smoke-onnx", "analyze"])
def test_help_in_chinese_by_option_and_by_locale(command: str) -> None:
    by_option = run_script(command, "--help", "--lang", "zh", env=ENGLISH)
    by_locale = run_script(command, "--help", env=CHINESE_LOCALE)
    assert by_option.returncode == 0, by_option.stderr
    assert by_option.stdout == by_locale.stdout
    out = by_option.stdout
    assert out.startswith(f"用法：icefall-doctor {command} [-h]")
    assert "选项:" in out and "显示本帮助并退出" in out and "环境变量：" in out
    assert "--lang {en,zh}" in out and "icefall-doctor " in out  # flags and examples verbatim
    options = [line for line in out.splitlines() if line.startswith("  --")]
    assert options and all(_chinese(line) for line in options if "  " in line.strip()), out


def test_help_in_english_is_unchanged_by_lang_en() -> None:
    plain = run_script("check", "--help", env=ENGLISH)
    given = run_script("check", "--help", "--lang", "en", env=CHINESE_LOCALE)
    assert plain.stdout == given.stdout
    assert plain.stdout.startswith("usage: icefall-doctor check [-h]")
    assert "every fact and each probe's time" in plain.stdout and not _chinese(plain.stdout)


def test_usage_errors_in_chinese() -> None:
    unknown = run_script("chek", env=CHINESE_LOCALE)
    assert unknown.returncode == 2
    assert unknown.stderr.splitlines() == [
        "icefall-doctor：错误：未知命令 'chek'",
        "提示：你是想用 'check' 吗？可用的命令有：check, fix, env-script, explain, analyze, "
        "smoke-onnx, run, recipes（运行 'icefall-doctor COMMAND --help' 查看说明）",
    ]
    english = run_script("chek", "--lang", "en", env=CHINESE_LOCALE)
    assert english.stderr.startswith("icefall-doctor: error: unknown command 'chek'\nhint: ")
    bad = run_script("check", "--only", "nosuch", "--lang", "zh", env=ENGLISH)
    assert bad.returncode == 2 and "未知的检查项 'nosuch'" in bad.stderr


def test_check_list_and_a_bad_report_in_chinese(tmp_path: Path) -> None:
    listed = run_script("check", "--list", "--lang", "zh", env=ENGLISH)
    assert "k2.import                k2 能否导入；从哪里导入；失败原因" in listed.stdout
    report = tmp_path / "report.json"
    report.write_text("{not json", encoding="utf-8")
    bad = run_script("check", "--from", str(report), env=CHINESE_LOCALE)
    assert bad.returncode == 2
    assert f"{report} 不是 JSON" in bad.stderr
    assert "提示：给出由 icefall-doctor --json > report.json 写出的文件" in bad.stderr


def test_env_script_comments_and_errors_follow_the_language(tmp_path: Path) -> None:
    ice = tmp_path / "icefall"
    ice.mkdir()
    args = ("env-script", "--icefall", str(ice), "--python", PY)
    # --mirror none: Chinese output turns the mirrors on (HF_ENDPOINT), compared separately.
    zh = run_script(*args, "--lang", "zh", "--mirror", "none", env=ENGLISH)
    en = run_script(*args, env=ENGLISH)
    assert zh.returncode == 0 and en.returncode == 0, zh.stderr + en.stderr
    assert (
        zh.stdout.splitlines()[1]
        == "# 由 icefall-doctor 写入；`icefall-doctor env-script --write` 会重写这一段。"
    )
    assert en.stdout.splitlines()[1] == (
        "# Written by icefall-doctor; `icefall-doctor env-script --write` rewrites it."
    )

    # Only the comment (and so the checksum) differs: the exports are the same commands.
    def body(out: str) -> list[str]:
        return [line for line in out.splitlines()[2:] if not line.startswith(rcblock.CHECKSUM)]

    assert body(zh.stdout) == body(en.stdout) and len(body(en.stdout)) >= 3
    assert zh.stdout.splitlines()[0] == rcblock.BEGIN
    refused = run_script(*args, "--write", "--file", str(tmp_path), env=CHINESE_LOCALE)
    assert refused.returncode == 2
    assert (
        f"{tmp_path} 是一个目录" in refused.stderr
        and "提示：用 --file 指定一个文件" in refused.stderr
    )


def test_run_usage_errors_and_dry_run_in_chinese(tmp_path: Path) -> None:
    make_icefall(tmp_path / "ice")
    args = ("run", "fake/matcha", "--icefall", str(tmp_path / "ice"), "--python", PY)
    steps = run_script(*args, "--steps", "prepare,bogus", "--lang", "zh", env=ENGLISH)
    assert steps.returncode == 2
    assert "--steps prepare,bogus：未知的步骤 bogus" in steps.stderr
    assert "可用的步骤有 prepare、train、export、smoke" in steps.stderr
    zero = run_script(*args, "--max-duration", "0", env=CHINESE_LOCALE)
    assert zero.returncode == 2 and "0 小于 1" in zero.stderr
    epoch = run_script(*args, "--epoch", "last", "--lang", "zh", env=ENGLISH)
    assert "'last'：请给出 epoch 编号（1 或更大）或 best" in epoch.stderr
    zh = run_script(*args, "--dry-run", "--lang", "zh", env=ENGLISH)
    en = run_script(*args, "--dry-run", "--lang", "en", env=ENGLISH)
    assert zh.returncode == 0 and en.returncode == 0, zh.stderr + en.stderr
    commands = [line for line in en.stdout.splitlines() if line.lstrip().startswith("$ ")]
    assert commands and all(line in zh.stdout.splitlines() for line in commands)


def test_run_summary_statuses_in_chinese(tmp_path: Path) -> None:
    make_icefall(tmp_path / "ice")
    args = ("run", "fake/matcha", "--icefall", str(tmp_path / "ice"), "--python", PY)
    proc = run_script(*args, "--steps", "prepare", "--force", "--lang", "zh", env=ENGLISH)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"^\s+prepare\s+成功\s", proc.stdout, re.M), proc.stdout


def test_smoke_onnx_verdicts_in_chinese(tmp_path: Path) -> None:
    pytest.importorskip("onnx")
    pytest.importorskip("onnxruntime")
    from tests.onnx_graphs import acoustic

    d = tmp_path / "export"
    d.mkdir()
    acoustic(d / "model-steps-4.onnx", 5, model_type="vits")
    zh = run_script("smoke-onnx", str(d), "--lang", "zh", env=ENGLISH)
    assert zh.returncode == 1, zh.stderr
    text = "".join(zh.stdout.split())
    assert "model_type是'vits'，而不是'matcha-tts'" in text, zh.stdout
    assert "num_ode_steps是'5'，但文件名表明是4" in text
    en = run_script("smoke-onnx", str(d), "--json", "--lang", "zh", env=ENGLISH)
    problems = json.loads(en.stdout)["models"][0]["problems"]
    assert "model_type is 'vits', not 'matcha-tts'" in problems  # JSON keeps the English text


def test_explain_fix_placeholders_follow_the_language(tmp_path: Path) -> None:
    log = tmp_path / "train.log"
    log.write_text(
        "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a"
        " total capacity of 7.79 GiB of which 1.00 GiB is free.\n",
        encoding="utf-8",
    )
    zh = run_script("explain", str(log), "--no-probe", env=CHINESE_LOCALE)
    en = run_script("explain", str(log), "--no-probe", "--lang", "en", env=CHINESE_LOCALE)
    assert "    <你的训练命令> --max-duration 100" in zh.stdout.splitlines(), zh.stdout
    assert "    <your training command> --max-duration 100" in en.stdout.splitlines(), en.stdout
    # The command that needs no words is the same in both.
    shared = "    export PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True"
    assert shared in zh.stdout.splitlines() and shared in en.stdout.splitlines()


def test_argparse_own_errors_in_chinese() -> None:
    missing = run_script("run", env=CHINESE_LOCALE)
    assert missing.returncode == 2
    assert missing.stderr.startswith("icefall-doctor：错误：缺少必需的参数：RECIPE\n")
    english = run_script("run", "--lang", "en", env=CHINESE_LOCALE)
    assert english.stderr.startswith(
        "icefall-doctor: error: the following arguments are required: RECIPE\n"
    )
    unknown = run_script("check", "--bogus", "--lang", "zh", env=ENGLISH)
    assert "无法识别的参数：--bogus" in unknown.stderr


def test_argparse_exclusive_options_are_said_in_chinese() -> None:
    proc = run_script("env-script", "--write", "--remove", "--lang", "zh")
    assert proc.returncode == 2
    assert proc.stderr.startswith(
        "icefall-doctor：错误：参数 --remove：不能与参数 --write 一起使用"
    )


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_chinese_the_output_cannot_encode_falls_back_to_english_and_says_why(
    encoding: str,
) -> None:
    """Under PYTHONIOENCODING=ascii the Chinese rows were '?'; English is shown instead, and
    one line on stderr says why and how to get Chinese."""
    env = {**CHINESE_LOCALE, "PYTHONIOENCODING": encoding}
    proc = run_script("recipes", env=env, stdin=subprocess.DEVNULL)  # a real process's encoding
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Recipes icefall-doctor knows") and "?" not in proc.stdout
    assert proc.stderr.startswith("icefall-doctor: the output's encoding (")
    assert "cannot show the zh messages, so they are in English" in proc.stderr
    utf8 = run_script("recipes", env={**env, "PYTHONIOENCODING": "utf-8"}, stdin=subprocess.DEVNULL)
    assert _chinese(utf8.stdout) and utf8.stderr == ""
