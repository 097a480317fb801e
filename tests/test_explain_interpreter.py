"""The Python explain's fixes run: the one the log ran the program with, `python` for a log
written on Windows, `python3` otherwise; --python and a probed interpreter win over the log."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from doctor.explain import diagnose_scan, explain_lines, interpreter, rules, scan
from doctor.facts import Facts, ProbeResult
from tests.helpers import run_cli

TRACEBACK = [
    "Traceback (most recent call last):",
    '  File "{path}", line 5, in <module>',
    "    import onnxruntime",
    "ModuleNotFoundError: No module named 'onnxruntime'",
]


def _log(path: str, *above: str) -> list[str]:
    return [*above, *(line.format(path=path) for line in TRACEBACK)]


def _install(lines: list[str]) -> str:
    lead = explain_lines(lines)[0]
    assert lead.category == "missing_module"
    return next(c for c in lead.fix if "pip install" in c)


def test_the_python_the_log_ran_installs_the_module() -> None:
    lines = _log("/home/u/tts/run.py", "(venv) u@host:~/tts$ python3.10 run.py --voice x")
    assert shlex.split(_install(lines))[:4] == ["python3.10", "-m", "pip", "install"]


def test_a_bash_trace_and_an_interpreter_path_are_read_as_the_python_that_ran() -> None:
    assert _install(_log("/w/prep.py", "+ python3 local/prep.py")).startswith("python3 -m pip")
    exe = "/home/u/miniconda3/envs/tts/bin/python"
    lines = _log("/w/prep.py", f"(tts) $ {exe} -u local/prep.py")
    assert shlex.split(_install(lines))[0] == exe


def test_a_windows_log_without_its_command_gets_python_not_python3() -> None:
    lines = _log(r"C:\Users\me\piper\export_dataset\vad.py")
    assert _install(lines).startswith("python -m pip install")


def test_a_log_that_shows_no_python_keeps_python3() -> None:
    assert _install(_log("/srv/app/run.py")).startswith("python3 -m pip install")


def test_a_python_the_log_says_is_not_there_is_not_offered() -> None:
    def named(*lines: str) -> str:
        return interpreter.log_python(scan.scan_lines(_log("/srv/run.py", *lines), rules.load()))

    assert named("$ python run.py", "bash: python: command not found") == ""
    assert named("PS C:\\w> python run.py", "Python was not found; run without arguments") == ""
    assert named("$ python run.py", "bash: python: command not found", "$ python3 run.py") == (
        "python3"
    )


def test_a_command_word_with_shell_syntax_is_not_taken_as_the_python() -> None:
    lines = _log("/srv/app/run.py", "$ /tmp/$(touch x)/bin/python run.py", "$ `id`/python run.py")
    assert _install(lines).startswith("python3 -m pip install")


def test_the_python_given_on_the_command_line_wins_over_the_log() -> None:
    result = scan.scan_lines(_log("/home/u/tts/run.py", "$ python3.10 run.py"), rules.load())
    lead = diagnose_scan(result, python="/opt/py/bin/python3")[0]
    assert any(c.startswith("/opt/py/bin/python3 -m pip install") for c in lead.fix)


def _fix_python(stdout: str) -> str:
    line = next(x for x in stdout.splitlines() if "pip install" in x)
    return shlex.split(line)[0]


def _same_python(word: str) -> bool:
    return Path(os.path.expanduser(word)).resolve() == Path(sys.executable).resolve()


def test_the_cli_probes_the_python_the_log_ran_by_a_name_this_path_has(tmp_path: Path) -> None:
    log = tmp_path / "run.log"
    log.write_text("\n".join(_log("/w/run.py", "$ python3 run.py")) + "\n")
    out = run_cli("explain", str(log))
    assert out.returncode == 0, out.stderr
    here = shutil.which("python3")
    assert here is not None
    probed = Path(os.path.expanduser(_fix_python(out.stdout))).resolve()
    assert probed == Path(here).resolve()  # the probed interpreter's own path, not the word


def test_an_interpreter_path_a_log_names_is_never_run(tmp_path: Path) -> None:
    """A file at the path a log names may be anyone's (/tmp on a shared machine): explain names
    it in the fixes, and does not execute it."""
    env = tmp_path / "shared env"
    exe = env / "bin" / "python3.10"
    exe.parent.mkdir(parents=True)
    marker = tmp_path / "ran"
    exe.write_text(f"#!/bin/sh\ntouch '{marker}'\nexec {shlex.quote(sys.executable)} \"$@\"\n")
    exe.chmod(0o755)
    frame = f"{env}/lib/python3.10/site-packages/pkg/mod.py"
    for above in ([f"$ {exe} run.py"], []):
        log = tmp_path / "run.log"
        log.write_text("\n".join([*above, *_through(frame)]) + "\n")
        out = run_cli("explain", str(log))
        assert out.returncode == 0, out.stderr
        assert shlex.split(next(x for x in out.stdout.splitlines() if "pip install" in x))[0] == (
            str(exe)
        )
        assert not marker.exists()
        hint = out.stderr.strip().splitlines()[-1].strip()  # how to ask for it: one argv
        assert shlex.split(hint) == ["icefall-doctor", "explain", "--python", str(exe), str(log)]


def test_a_python_this_machine_lacks_is_named_as_the_log_wrote_it(tmp_path: Path) -> None:
    log = tmp_path / "run.log"
    log.write_text("\n".join(_log("/w/run.py", "$ python3.99 run.py")) + "\n")
    out = run_cli("explain", str(log))
    assert out.returncode == 0, out.stderr
    assert _fix_python(out.stdout) == "python3.99"  # not this machine's python3


def test_explain_run_reads_the_python_from_the_command_it_runs() -> None:
    command = shlex.join([sys.executable, "-c", "import onnxruntime_not_here_x"])
    out = run_cli("explain", "--run", command)
    assert out.returncode == 1, out.stderr  # a module the doctor does not know: not certain
    assert _same_python(_fix_python(out.stdout))


def _through(*frames: str) -> list[str]:
    lines = ["Traceback (most recent call last):"]
    lines += [f'  File "{f}", line 3, in <module>' for f in frames]
    return [*lines, "    import onnxruntime", "ModuleNotFoundError: No module named 'onnxruntime'"]


def test_a_traceback_through_one_environment_names_its_python() -> None:
    env = "/home/u/miniconda3/envs/tts"
    lines = _through("/w/run.py", f"{env}/lib/python3.10/site-packages/piper/voice.py")
    assert _install(lines).startswith(f"{env}/bin/python3.10 -m pip install")


def test_the_user_site_or_two_environments_name_no_python() -> None:
    user_site = _through("/w/run.py", "/home/u/.local/lib/python3.8/site-packages/x/y.py")
    assert _install(user_site).startswith("python3 -m pip install")
    two = _through(
        "/opt/a/lib/python3.10/site-packages/x/y.py", "/opt/b/lib/python3.11/site-packages/z.py"
    )
    assert not _install(two).startswith(("/opt/a", "/opt/b"))


def _probed(exe: str) -> Facts:
    return Facts(probes={"python": ProbeResult("python", "ok", {"executable": exe})})


def test_the_probed_python_names_the_fixes_when_it_is_the_logs_environment() -> None:
    lines = _through("/w/run.py", "/envs/tts/lib/python3.10/site-packages/piper/voice.py")
    lead = explain_lines(lines, _probed("/envs/tts/bin/python3"))[0]
    assert lead.fix[0].startswith("/envs/tts/bin/python3 -m pip install")


def test_a_python_of_another_environment_than_the_logs_does_not_name_the_fixes() -> None:
    lines = _through("/w/run.py", "/envs/tts/lib/python3.10/site-packages/piper/voice.py")
    lead = explain_lines(lines, _probed("/usr/bin/python3"))[0]
    assert lead.fix[0].startswith("/envs/tts/bin/python3.10 -m pip install")
    windows = _log(r"C:\Users\me\tts\run.py")
    assert explain_lines(windows, _probed("/usr/bin/python3"))[0].fix[0].startswith("python -m")


def test_which_probed_python_is_the_logs() -> None:
    assert not interpreter.another_python("/envs/a/bin/python3.10", "/envs/a/bin/python3")
    assert interpreter.another_python("/envs/a/bin/python3.10", "/usr/bin/python3")
    assert interpreter.another_python("python", "/usr/bin/python3")  # a Windows log, read here
    assert not interpreter.another_python("python", r"C:\envs\a\python.exe")
    assert not interpreter.another_python("python3.10", "/usr/bin/python3.10")  # a name: probed
    assert not interpreter.another_python("", "/usr/bin/python3")


def test_no_hint_for_an_interpreter_path_this_machine_lacks(tmp_path: Path) -> None:
    log = tmp_path / "run.log"
    log.write_text("\n".join(_through("/nowhere/env/lib/python3.10/site-packages/x/y.py")) + "\n")
    out = run_cli("explain", str(log))
    assert out.returncode == 0, out.stderr
    assert "--python" not in out.stderr
