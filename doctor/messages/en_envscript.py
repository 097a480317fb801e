"""Messages of the shell snippet env-script writes: the comments inside it, and the errors of
writing or removing the marked block in an rc file (doctor/fixer/rcblock.py)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # Comment lines inside the snippet (one line each; "# " is put in front).
    "envscript.written": "Written by icefall-doctor; `icefall-doctor env-script --write` rewrites it.",
    "envscript.written.conda": "Written by icefall-doctor (env-script --conda).",
    "envscript.no_icefall": "icefall checkout not found: run again with --icefall DIR",
    # The marked block in ~/.bashrc (~/.zshrc, --file).
    "envscript.colon": "{path} cannot go on {name}: its path holds '{sep}', where the variable splits; nothing was written",
    "envscript.colon.hint": "link it from a path without '{sep}' (`{command}`) and give that path (--icefall), or move it",
    "envscript.nothing": "nothing to write: no icefall checkout and no k2 source build were found, so the snippet would set nothing; nothing was changed",
    "envscript.nothing.hint": "give your icefall clone with --icefall DIR (or set ICEFALL_DIR), then run it again",
    "rc.damaged": "the icefall-doctor block is damaged ({begins} '{begin}' and {ends} '{end}' lines)",
    "rc.damaged.hint": "edit the file by hand so that it holds one complete block, or none",
    "rc.hand_edited": "the icefall-doctor block was edited by hand: {line}{more} would be lost; nothing was changed",
    "rc.hand_edited.hint": "move your lines above '{begin}' or below '{end}', then run it again",
    "rc.more": " (and {n} more)",
    "rc.unreadable": "cannot read {path}: {error}",
    "rc.unreadable.hint": "fix the file, or use --file",
    "rc.use_file": "use --file",
    "rc.not_regular": "{path} is not a regular file (a device, a FIFO or a socket); nothing was changed",
    "rc.not_regular.hint": "give a regular file with --file, or paste the printed snippet by hand",
    "rc.too_big": "{path} is {mib} MiB: too big for a shell start-up file; nothing was changed",
    "rc.is_dir": "{path} is a directory",
    "rc.is_dir.hint": "give a file with --file",
    "rc.denied": "cannot read {path}: permission denied",
    "rc.unwritable": "cannot write {path}: {error}; nothing was changed",
    "rc.full.hint": "free some disk space, or paste the printed snippet by hand",
    "rc.perm.hint": "make it writable (chmod u+w), or use --file, or paste the printed snippet by hand",
    "rc.rofs.hint": "the file system is read-only: use --file for a file elsewhere, or paste the snippet",
    "rc.rofs": "{path} is on a read-only file system; nothing was changed",
    "rc.read_only": "{path} is read-only; nothing was changed",
    "rc.no_folder": "the folder {path} does not exist",
    "rc.no_folder.hint": "create it, or use --file",
    "rc.no_create": "cannot create files in {path}; nothing was changed",
    "envscript.no_home": "HOME is '{home}', not a folder: there is no ~/.bashrc to write",
    "envscript.other_shell": "your login shell is {shell}, which reads neither ~/.bashrc nor ~/.zshrc",
    "envscript.give_file": "give the file with --file (a bash or zsh start-up file), or paste the printed lines by hand",
}
