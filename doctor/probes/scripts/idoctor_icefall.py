"""icefall in the target: where the checkout is, whether it imports with the user's environment,
its requirements files and the installed distributions, git state, host name resolution, and
which python3/pip/lhotse the PATH gives. Stdlib only, Python 3.8+."""

import os
import shutil
import socket
import subprocess
import sys

from idoctor_common import emit, error_text, read_input, shebang

REQ_FILES = ("requirements.txt", "requirements-tts.txt")


def is_checkout(path):
    return bool(path) and os.path.isfile(os.path.join(path, "icefall", "__init__.py"))


def pythonpath():
    return [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]


def locate(option, cwd):
    if option:
        return os.path.abspath(os.path.expanduser(option)), "option"
    for entry in pythonpath():
        if is_checkout(entry):
            return os.path.abspath(entry), "PYTHONPATH"
    here = os.path.abspath(cwd or os.getcwd())
    while True:
        if is_checkout(here):
            return here, "cwd"
        parent = os.path.dirname(here)
        if parent == here:
            return "", ""
        here = parent


def same(a, b):
    return os.path.realpath(a) == os.path.realpath(b)


def try_import(root, on_path):
    out = {"import_ok": False, "import_error": "", "import_error_with_root": ""}
    try:
        import icefall

        out["import_ok"] = True
        out["file"] = getattr(icefall, "__file__", "")
        return out
    except BaseException as exc:
        out["import_error"] = error_text(exc)
    if root and not on_path:
        sys.path.insert(0, root)
        try:
            import icefall

            out["import_ok_with_root"] = True
        except BaseException as exc:
            out["import_error_with_root"] = error_text(exc)
    return out


def requirements(root):
    out = {}
    for name in REQ_FILES:
        try:
            with open(os.path.join(root, name), encoding="utf-8") as f:
                out[name] = [line.rstrip("\n") for line in f]
        except OSError:
            continue
    return out


def installed():
    try:
        from importlib import metadata
    except ImportError:
        return {}
    dists = {}
    for d in metadata.distributions():
        name = d.metadata.get("Name") if d.metadata else None
        if name and name not in dists:
            dists[name] = d.version
    return dists


def git(root, *args):
    try:
        proc = subprocess.run(
            ["git", "-C", root, *args], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return proc.stdout.strip() if proc.returncode == 0 else None


def git_facts(root):
    commit = git(root, "rev-parse", "HEAD")
    if commit is None:
        return {}
    status = git(root, "status", "--porcelain", "--untracked-files=no")
    return {"commit": commit, "dirty": bool(status)}


def hostname():
    name = socket.gethostname()
    try:
        return {"name": name, "ip": socket.gethostbyname(name), "error": ""}
    except OSError as exc:
        return {"name": name, "ip": "", "error": error_text(exc)}


def identity():
    tools = {}
    for tool in ("python3", "pip", "pip3", "lhotse"):
        path = shutil.which(tool) or ""
        tools[tool] = {"path": path, "real": os.path.realpath(path) if path else ""}
        if path and tool != "python3":
            tools[tool]["interpreter"] = shebang(path)
    return {"executable": sys.executable, "prefix": sys.prefix, "tools": tools}


def main():
    payload = read_input()
    root, how = locate(payload.get("icefall"), payload.get("cwd"))
    on_path = bool(root) and any(same(p, root) for p in pythonpath())
    out = {"root": root, "found_by": how, "is_checkout": is_checkout(root)}
    out["on_pythonpath"] = on_path
    out["hostname"] = hostname()
    out["identity"] = identity()
    out["installed"] = installed()
    if root and out["is_checkout"]:
        out["requirements"] = requirements(root)
        out["git"] = git_facts(root)
    out.update(try_import(root if out["is_checkout"] else "", on_path))
    emit(out)


main()
