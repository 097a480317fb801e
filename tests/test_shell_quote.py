"""A printed command pastes into bash as the words the tool meant: the home directory stays
"$HOME" (also after an option's "=", where bash expands no "~"), anything else is quoted."""

from __future__ import annotations

import subprocess

import pytest

from doctor.fixer.render import join

HOME = "/home/u s"  # a space in the home folder too
PY = "/.pyenv/versions/3.11.7/bin/python"

CASES = [
    (["cmake", f"-DPYTHON_EXECUTABLE={HOME}{PY}", ".."], [f"-DPYTHON_EXECUTABLE={HOME}{PY}"]),
    (["cmake", f"-DPYTHON_EXECUTABLE=~{PY}", ".."], [f"-DPYTHON_EXECUTABLE={HOME}{PY}"]),
    (["pip", f"--prefix={HOME}/x", "A=$(touch pwned)", "--target=~"],
     [f"--prefix={HOME}/x", "A=$(touch pwned)", f"--target={HOME}"]),
    (["ls", "~/k2/build/lib", "/opt/~x", "-DX=/usr/bin/python"],
     [f"{HOME}/k2/build/lib", "/opt/~x", "-DX=/usr/bin/python"]),
]  # fmt: skip


@pytest.mark.parametrize(("words", "meant"), CASES)
def test_words_come_back_from_bash_as_they_were_meant(words: list[str], meant: list[str]) -> None:
    line = join(words, HOME)
    out = subprocess.run(["bash", "-c", f'printf "%s\\n" {line}'], env={"HOME": HOME},
                         capture_output=True, text=True, timeout=30, check=True)  # fmt: skip
    assert out.stdout.splitlines() == [words[0], *meant, *words[1 + len(meant) :]][: len(words)]
