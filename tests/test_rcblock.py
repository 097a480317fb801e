"""The marked rc-file block: properties over any file content, and the file-level guarantees."""

from __future__ import annotations

import os
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doctor.errors import DoctorError
from doctor.fixer import rcblock
from doctor.fixer.rcblock import BEGIN, END
from tests.helpers import REPO

# Any text, including newlines, carriage returns, NUL, non-ASCII and lone surrogates (how
# rcblock.read represents bytes that are not UTF-8), but without a marker line of its own.
_chars = st.one_of(
    st.characters(codec=None, blacklist_categories=["Cs"]),
    st.sampled_from(["\n", "\r", "\t", "\x00", "é", "中", "\udc80", "#", ">", "<"]),
)
rc_text = st.text(_chars, max_size=200).filter(lambda s: BEGIN not in s and END not in s)
bodies = st.lists(
    st.text(st.characters(blacklist_characters="\r", blacklist_categories=["Cs"]), max_size=40).map(
        lambda s: s.replace(BEGIN, "").replace(END, "")
    ),
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
    assert rc.read_text() == rcblock.block("export A=1\n") + "\n"


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
    assert real.read_text() == "export EDITOR=vim\n" + rcblock.block("export A=1\n") + "\n"
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


def test_a_hand_edit_inside_the_block_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    rc = tmp_path / "bashrc"
    _write(rc, "export PYTHONPATH=/a\n")
    edited = rc.read_text().replace("export PYTHONPATH=/a\n", "export PYTHONPATH=/a\nalias ll=ls\n")
    rc.write_text(edited)
    lost = r"edited by hand: 'alias ll=ls' \(and 1 more\) would be lost"
    with pytest.raises(DoctorError, match=lost) as err:
        _write(rc, "export PYTHONPATH=/b\n")
    assert "move your lines above" in err.value.hint
    assert rc.read_text() == edited
    assert not list(tmp_path.glob("*.bak"))


def test_a_block_as_the_tool_left_it_is_rewritten(tmp_path: Path) -> None:
    rc = tmp_path / "bashrc"
    _write(rc, "export PYTHONPATH=/a\n")
    _write(rc, "export PYTHONPATH=/b\n")
    assert rcblock.body_of(rc.read_text()) is not None
    assert "/a" not in rc.read_text() and "/b" in rc.read_text()


def test_a_block_from_before_checksums_keeps_user_lines(tmp_path: Path) -> None:
    """Blocks written by earlier versions have no checksum: lines the tool writes are
    replaced, any other line stops the rewrite."""
    rc = tmp_path / "bashrc"
    tool = '# Written by icefall-doctor\nexport PYTHONPATH="/old/icefall":"${PYTHONPATH-}"\n'
    rc.write_text(f"{BEGIN}\n{tool}{END}\n")
    _write(rc, "export PYTHONPATH=/new\n")
    assert "/old/icefall" not in rc.read_text()
    rc.write_text(f"{BEGIN}\n{tool}export MY_VAR=1\n{END}\n")
    with pytest.raises(DoctorError, match="'export MY_VAR=1' would be lost"):
        _write(rc, "export PYTHONPATH=/new\n")


def test_a_symlink_loop_is_a_clear_error(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.symlink_to(b)
    b.symlink_to(a)
    with pytest.raises(DoctorError, match=r"cannot read .*(loop|Too many levels)"):
        _write(a, "export A=1\n")


def test_a_read_only_file_system_is_named_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rc = tmp_path / "bashrc"
    rc.write_text("keep\n")
    real = os.statvfs

    def read_only(path: object) -> os.statvfs_result:
        st = real(path)  # type: ignore[arg-type]
        fields = list(st)
        fields[8] = st.f_flag | os.ST_RDONLY  # f_flag
        return os.statvfs_result(fields)

    monkeypatch.setattr(os, "statvfs", read_only)
    with pytest.raises(DoctorError, match="read-only file system") as err:
        _write(rc, "export A=1\n")
    assert "chmod" not in err.value.hint
    assert rc.read_text() == "keep\n"


def _write_with_file_size_limit(rc: Path, limit: int) -> subprocess.CompletedProcess[str]:
    """`env-script --write --file rc` where no file may grow past ``limit`` bytes: the kernel
    fails the write (EFBIG), as a full disk fails it (ENOSPC)."""

    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    # not measured by coverage: its data file could not be written past the limit either
    env = {k: v for k, v in os.environ.items() if not k.startswith("COVERAGE")}
    env.update(PYTHONPATH=str(REPO), ICEFALL_DOCTOR_OFFLINE="1")
    ice = str(REPO)  # any folder: given with --icefall, it goes on PYTHONPATH as it is
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "doctor",
            "env-script",
            "--write",
            "--file",
            str(rc),
            "--icefall",
            ice,
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=rc.parent,
        timeout=120,
        preexec_fn=limit_file_size,
    )


@pytest.mark.parametrize("where", ["backup", "file"])
def test_a_failed_write_leaves_the_file_and_no_half_backup(tmp_path: Path, where: str) -> None:
    rc = tmp_path / "bashrc"
    original = "# mine\n" + "x" * 3000 + "\n"
    rc.write_text(original)
    # the backup (3008 bytes) fails under 1000; the new file (original + block) under 3100
    proc = _write_with_file_size_limit(rc, 1000 if where == "backup" else 3100)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    error = proc.stderr[proc.stderr.index("icefall-doctor: error: ") :].splitlines()
    assert error[0].startswith(f"icefall-doctor: error: cannot write {rc}: "), error
    assert error[0].endswith("nothing was changed") and "Traceback" not in proc.stderr
    assert error[1] == "hint: free some disk space, or paste the printed snippet by hand"
    assert rc.read_text() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bashrc"]
