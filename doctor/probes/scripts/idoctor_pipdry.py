"""What `pip install -r FILE` would install in the target, for icefall's requirements files:
pip's own dry run (`--dry-run --report`), with a timeout; skipped offline. Stdlib only,
Python 3.8+."""

import json
import os
import subprocess
import sys
import tempfile
import threading

from idoctor_common import emit, read_input

REQ_FILES = ("requirements.txt", "requirements-tts.txt")
TIMEOUT = 40.0


def is_checkout(path):
    return bool(path) and os.path.isfile(os.path.join(path, "icefall", "__init__.py"))


def locate(option, cwd):
    if option:
        return os.path.abspath(os.path.expanduser(option))
    for entry in os.environ.get("PYTHONPATH", "").split(os.pathsep):
        if entry and is_checkout(entry):
            return os.path.abspath(entry)
    here = os.path.abspath(cwd or os.getcwd())
    while not is_checkout(here):
        if os.path.dirname(here) == here:
            return ""
        here = os.path.dirname(here)
    return here


def _error(text):
    lines = [x for x in text.splitlines() if x.strip() and "is ignored:" not in x]
    return "\n".join(lines[-5:])


def dry_run(path, timeout):
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "report.json")
        cmd = [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet"]
        cmd += ["--disable-pip-version-check", "--report", report, "-r", path]
        try:
            proc = subprocess.run(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                universal_newlines=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            return {"ok": False, "error": "no answer within %ds" % timeout}
        except OSError as exc:
            return {"ok": False, "error": str(exc)}
        if proc.returncode != 0:
            return {"ok": False, "error": _error(proc.stderr)}
        try:
            with open(report, encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError) as exc:
            return {"ok": False, "error": str(exc)}
    items = [i.get("metadata") or {} for i in data.get("install") or []]
    return {
        "ok": True,
        "install": [{"name": m.get("name"), "version": m.get("version")} for m in items],
    }


def main():
    payload = read_input()
    if payload.get("offline"):
        emit({"skipped": "offline"})
        return
    root = locate(payload.get("icefall"), payload.get("cwd"))
    files = [n for n in REQ_FILES if root and os.path.isfile(os.path.join(root, n))]
    if not files:
        emit({"skipped": "no_requirements", "root": root})
        return
    results = {}
    timeout = float(payload.get("timeout") or TIMEOUT)

    def work(name):
        results[name] = dry_run(os.path.join(root, name), timeout)

    threads = [threading.Thread(target=work, args=(n,)) for n in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    emit({"root": root, "files": results})


main()
