"""The marked block in a shell rc file: found, replaced in place, removed, written safely.

The block runs from a line ``BEGIN`` to a line ``END``. Writing it twice replaces the first
copy in place; every byte outside the block stays as it was, and removing the block gives
back the file as it was before the first write. When the file does not end with a newline,
the block is appended after one added newline and itself ends without a newline, so that
removal knows to take that newline away again.

Files are written atomically (a temporary file in the same folder, then ``os.replace``) into
the symlink's target, so a dotfile manager's symlink stays a symlink; the previous content is
kept in a timestamped backup next to the target, itself written atomically and removed again
when the write fails (a full disk leaves the file and no half backup).

The block's last line is a checksum of its body. A block whose checksum no longer matches was
edited by hand: when a rewrite would drop any of its lines, nothing is written and the error
names them (a block from before checksums: any line the tool would not have written).
"""

from __future__ import annotations

import difflib
import errno
import hashlib
import os
import re
import shutil
import stat
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from doctor.errors import DoctorError
from doctor.msgtype import Msg, msg

BEGIN = "# >>> icefall-doctor >>>"
END = "# <<< icefall-doctor <<<"
ENCODING = "utf-8"
MAX_BYTES = 16 << 20  # a shell start-up file is a few KiB; more is not one
ERRORS = "surrogateescape"  # any byte survives a read and a write unchanged
CHECKSUM = "# icefall-doctor checksum: "
# Lines icefall-doctor writes (blocks written before the checksum are judged by these).
_MANAGED = r"(?:PYTHONPATH|PATH|LD_LIBRARY_PATH|CUDA_HOME|CUDA_PATH|HF_ENDPOINT)"
_TOOL_LINE = re.compile(
    rf"^(?:#.*|conda activate .*|export {_MANAGED}=.*"
    rf'|case ":\$\{{{_MANAGED}-\}}:" in .*esac|\s*)$'
)


def _line_starts(text: str, marker: str) -> list[int]:
    """Offsets of every line that is exactly ``marker``."""
    found, pos = [], 0
    for line in text.split("\n"):  # only "\n" ends a line for the shell
        if line == marker:
            found.append(pos)
        pos += len(line) + 1
    return found


def find(text: str) -> tuple[int, int] | None:
    """(start, end) of the block, ``end`` just after END (its newline not included)."""
    begins, ends = _line_starts(text, BEGIN), _line_starts(text, END)
    if not begins and not ends:
        return None
    if len(begins) != 1 or len(ends) != 1 or ends[0] < begins[0]:
        raise DoctorError(
            msg("rc.damaged", begins=len(begins), begin=BEGIN, ends=len(ends), end=END),
            hint=msg("rc.damaged.hint"),
        )
    return begins[0], ends[0] + len(END)


def _digest(inner: str) -> str:
    return hashlib.sha256(inner.encode(ENCODING, ERRORS)).hexdigest()[:16]


def block(body: str) -> str:
    """BEGIN, the body's lines, the checksum line, END (without a final newline)."""
    if _line_starts(body, BEGIN) or _line_starts(body, END):
        raise ValueError("the block's body must not hold the markers")
    inner = body if not body or body.endswith("\n") else body + "\n"
    return f"{BEGIN}\n{inner}{CHECKSUM}{_digest(inner)}\n{END}"


def hand_edits(old_inner: str, new_body: str) -> list[str]:
    """Lines of the block now in the file that a rewrite with ``new_body`` would drop although
    the tool did not write them: [] when the block is as the tool left it."""
    lines = old_inner.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    kept = set(new_body.split("\n"))
    if lines and lines[-1].startswith(CHECKSUM):
        inner = "\n".join(lines[:-1]) + "\n" if len(lines) > 1 else ""
        if lines[-1] == CHECKSUM + _digest(inner):
            return []
        lost = [line for line in lines[:-1] if line not in kept]
        return sorted(lost, key=lambda line: bool(_TOOL_LINE.match(line)))  # the user's first
    return [line for line in lines if line not in kept and not _TOOL_LINE.match(line)]


def put(text: str, body: str) -> str:
    """``text`` with the block holding ``body``: replaced in place, or appended. A block edited
    by hand whose lines the rewrite would drop is an error naming them."""
    span = find(text)
    if span is not None:
        edits = hand_edits(text[span[0] + len(BEGIN) + 1 : span[1] - len(END)], body)
        if edits:
            more = msg("rc.more", n=len(edits) - 1) if len(edits) > 1 else ""
            raise DoctorError(
                msg("rc.hand_edited", line=repr(edits[0]), more=more),
                hint=msg("rc.hand_edited.hint", begin=BEGIN, end=END),
            )
        return text[: span[0]] + block(body) + text[span[1] :]
    if text and not text.endswith("\n"):
        return text + "\n" + block(body)
    return text + block(body) + "\n"


def remove(text: str) -> str:
    """``text`` without the block: the exact inverse of ``put`` on a file without one."""
    span = find(text)
    if span is None:
        return text
    start, end = span
    if end == len(text) and start > 0 and text[start - 1] == "\n":
        return text[: start - 1]
    if text[end : end + 1] == "\n":
        end += 1
    return text[:start] + text[end:]


def body_of(text: str) -> str | None:
    """The lines between the markers, or None when there is no block."""
    span = find(text)
    if span is None:
        return None
    return text[span[0] + len(BEGIN) + 1 : span[1] - len(END)]


@dataclass(frozen=True)
class Change:
    """A pending write: where, what was there, what will be there."""

    path: Path  # as the user named it
    target: Path  # the file actually written (a symlink resolved)
    old: str
    new: str
    exists: bool

    @property
    def changed(self) -> bool:
        return self.old != self.new or not self.exists

    def diff(self) -> str:
        lines = difflib.unified_diff(
            self.old.splitlines(keepends=True),
            self.new.splitlines(keepends=True),
            fromfile=str(self.path),
            tofile=f"{self.path} (new)",
        )
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def read(path: Path) -> tuple[Path, str, bool]:
    """The resolved target, its text ("" when missing) and whether it exists."""
    try:
        target = Path(os.path.realpath(path))
    except OSError as exc:  # a symlink loop on some Pythons
        raise DoctorError(
            msg("rc.unreadable", path=path, error=exc.strerror or exc), hint=msg("rc.use_file")
        ) from None
    if target.is_dir():
        raise DoctorError(msg("rc.is_dir", path=path), hint=msg("rc.is_dir.hint"))
    _regular(path, target)
    try:
        raw = target.read_bytes()
    except FileNotFoundError:
        return target, "", False
    except PermissionError:
        raise DoctorError(msg("rc.denied", path=path), hint=_HINT_PERM) from None
    except OSError as exc:  # a symlink loop, an I/O error, a name too long, ...
        raise DoctorError(
            msg("rc.unreadable", path=path, error=exc.strerror or exc),
            hint=msg("rc.unreadable.hint"),
        ) from None
    return target, raw.decode(ENCODING, ERRORS), True


def _regular(path: Path, target: Path) -> None:
    """Only a regular file is read and replaced: a device (/dev/null behind a ~/.bashrc symlink),
    a FIFO or a socket would be replaced by a file, or read forever."""
    try:
        info = target.stat()
    except OSError:
        return  # missing (created), or reported by the read that follows
    if not stat.S_ISREG(info.st_mode):
        shown = path if str(path) == str(target) else f"{path} -> {target}"
        raise DoctorError(msg("rc.not_regular", path=shown), hint=msg("rc.not_regular.hint"))
    if info.st_size > MAX_BYTES:
        raise DoctorError(
            msg("rc.too_big", path=path, mib=info.st_size >> 20), hint=msg("rc.use_file")
        )


def prepare(path: Path, edit: str | None) -> Change:
    """The change that puts the block with body ``edit`` (None: removes it) into ``path``."""
    target, old, exists = read(path)
    new = remove(old) if edit is None else put(old, edit)
    return Change(path, target, old, new, exists)


def commit(change: Change, *, now: float | None = None) -> Path | None:
    """Write the change atomically; returns the backup path (None when there was no file)."""
    _check_writable(change)
    backup = None
    try:
        backup = _backup(change.target, now) if change.exists else None
        write_atomic(change.target, change.new)
    except OSError as exc:
        if backup is not None:
            backup.unlink(missing_ok=True)
        raise DoctorError(
            msg("rc.unwritable", path=change.path, error=exc.strerror or exc),
            hint=_hint_for(exc),
        ) from None
    return backup


def _hint_for(exc: OSError) -> Msg:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return msg("rc.full.hint")
    if exc.errno == errno.EROFS:
        return _HINT_ROFS
    return _HINT_PERM


_HINT_PERM = msg("rc.perm.hint")
_HINT_ROFS = msg("rc.rofs.hint")


def _check_writable(change: Change) -> None:
    folder = change.target.parent
    if folder.is_dir() and _read_only_fs(folder):
        raise DoctorError(msg("rc.rofs", path=change.path), hint=_HINT_ROFS)
    if change.exists and _read_only(change.target):
        raise DoctorError(msg("rc.read_only", path=change.path), hint=_HINT_PERM)
    if not folder.is_dir():
        raise DoctorError(msg("rc.no_folder", path=folder), hint=msg("rc.no_folder.hint"))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DoctorError(msg("rc.no_create", path=folder), hint=_HINT_PERM)


def _read_only_fs(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _read_only(path: Path) -> bool:
    """No write permission, or no write bit at all (respected even when running as root)."""
    return not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222


def _backup(target: Path, now: float | None) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    candidate = target.with_name(f"{target.name}.icefall-doctor-{stamp}.bak")
    n = 1
    while candidate.exists():
        candidate = target.with_name(f"{target.name}.icefall-doctor-{stamp}-{n}.bak")
        n += 1
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".bak.tmp")
    os.close(fd)
    try:
        shutil.copy2(target, tmp)  # a full disk fails here, before the backup has its name
        os.replace(tmp, candidate)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return candidate


def write_atomic(target: Path, text: str, mode: int | None = None) -> None:
    """Replace ``target`` with ``text`` in one step; its permissions are kept. Never a device,
    a FIFO or a socket: the rename would put a file in its place."""
    _regular(target, target)
    if mode is None:
        try:
            mode = target.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o644
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode(ENCODING, ERRORS))
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
