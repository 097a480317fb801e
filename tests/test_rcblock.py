"""The marked rc-file block: properties over any file content, and the file-level guarantees."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doctor.errors import DoctorError
from doctor.fixer import rcblock
from doctor.fixer.rcblock import BEGIN, END

# Any text, including newlines, carriage returns, NUL, non-ASCII and lone surrogates (how
# rcblock.read represents bytes that are not UTF-8), but without a marker line of its own.
_chars = st.one_of(
    st.characters(codec=None, blacklist_categories=("Cs",)),
    st.sampled_from(["\n", "\r", "\t", "\x00", "é", "中", "\udc80", "#", ">", "<"]),
)
rc_text = st.text(_chars, max_size=200).filter(lambda s: BEGIN not in s and END not in s)
bodies = st.lists(
    st.text(
        st.characters(blacklist_characters="\r", blacklist_categories=("Cs",)), max_size=40
    ).map(lambda s: s.replace(BEGIN, "").replace(END, "")),
    min_size=1,
    max_size=4,
)


def _count(text: str, marker: str) -> int:
    return text.split("\n").count(marker)


@settings(max_examples=300, deadline=None)
@given(original=rc_text, writes=bodies)
def test_any_number_of_writes_leaves_one_block_and_removal_restores(
    original: str, writes: list[str]
) -> None:
    text = original
    for body in writes:
        text = rcblock.put(text, body)
        assert _count(text, BEGIN) == 1 and _count(text, END) == 1
        assert rcblock.body_of(text) == rcblock.block(body)[len(BEGIN) + 1 : -len(END)]
    assert rcblock.remove(text) == original
    assert text.startswith(original)  # appended: every byte before the block is the original's


@settings(max_examples=200, deadline=None)
@given(before=rc_text, after=rc_text, old=bodies, new=bodies)
def test_a_block_in_the_middle_is_replaced_in_place(
    before: str, after: str, old: list[str], new: list[str]
) -> None:
    head = before if before.endswith("\n") or not before else before + "\n"
    original = head + rcblock.block(old[0]) + "\n" + after
    rewritten = rcblock.put(original, new[-1])
    assert rewritten == head + rcblock.block(new[-1]) + "\n" + after
    assert rcblock.remove(rewritten) == head + after


def test_damaged_block_is_an_error_not_a_guess() -> None:
    with pytest.raises(DoctorError, match="damaged"):
        rcblock.put(f"x\n{BEGIN}\nexport A=1\n", "export B=2\n")
    with pytest.raises(DoctorError, match="damaged"):
        rcblock.put(f"{END}\n{BEGIN}\n", "export B=2\n")


def _write(path: Path, body: str) -> Path | None:
    return rcblock.commit(rcblock.prepare(path, body))


def test_missing_file_is_created(tmp_path: Path) -> None:
    rc = tmp_path / ".bashrc"
    assert _write(rc, "export A=1\n") is None  # nothing to back up
    assert rc.read_text() == f"{BEGIN}\nexport A=1\n{END}\n"


def test_existing_file_keeps_every_byte_gets_a_backup_and_keeps_its_mode(tmp_path: Path) -> None:
    rc = tmp_path / ".bashrc"
    original = b"alias ll='ls -l'\n\xff\xfe not utf-8\r\nexport X=1"  # no final newline
    rc.write_bytes(original)
    rc.chmod(0o600)
    backup = _write(rc, "export A=1\n")
    assert backup is not None and backup.read_bytes() == original
    assert backup.name.startswith(".bashrc.icefall-doctor-") and backup.suffix == ".bak"
    data = rc.read_bytes()
    assert data.startswith(original + b"\n" + BEGIN.encode())
    assert stat.S_IMODE(rc.stat().st_mode) == 0o600
    second = _write(rc, "export A=2\n")
    assert second is not None and second != backup  # same second: a distinct name
    assert rc.read_bytes().count(BEGIN.encode()) == 1
    rcblock.commit(rcblock.prepare(rc, None))
    assert rc.read_bytes() == original
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_symlinked_rc_stays_a_symlink_and_its_target_is_written(tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = dotfiles / "bashrc"
    real.write_text("export EDITOR=vim\n")
    link = tmp_path / ".bashrc"
    link.symlink_to(real)
    change = rcblock.prepare(link, "export A=1\n")
    assert change.target == real.resolve()
    backup = rcblock.commit(change)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == f"export EDITOR=vim\n{BEGIN}\nexport A=1\n{END}\n"
    assert backup is not None and backup.parent == dotfiles


def test_read_only_rc_is_a_clear_error_and_nothing_changes(tmp_path: Path) -> None:
    rc = tmp_path / ".bashrc"
    rc.write_text("export X=1\n")
    rc.chmod(0o444)
    with pytest.raises(DoctorError, match="read-only; nothing was changed"):
        _write(rc, "export A=1\n")
    assert rc.read_text() == "export X=1\n"
    assert [p.name for p in tmp_path.iterdir()] == [".bashrc"]


def test_paths_with_spaces_and_non_ascii(tmp_path: Path) -> None:
    folder = tmp_path / "mes fichiers ünï 中文"
    folder.mkdir()
    rc = folder / ".zshrc"
    _write(rc, 'export PYTHONPATH="/data/ïcefall dir"\n')
    assert "ïcefall dir" in rc.read_text(encoding="utf-8")
    diff = rcblock.prepare(rc, "export A=1\n").diff()
    assert diff.startswith(f"--- {rc}\n+++ {rc} (new)\n")
    assert '-export PYTHONPATH="/data/ïcefall dir"' in diff and "+export A=1" in diff
