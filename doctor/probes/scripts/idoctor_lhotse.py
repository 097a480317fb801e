"""lhotse in the target: version, lilcom, the `lhotse` command on PATH, an audio backend that
reads a wav. Stdlib only, Python 3.8+."""

import os
import shutil
import struct
import sys
import tempfile
import wave

from idoctor_common import emit, error_text, shebang


def dist_version(name):
    try:
        from importlib import metadata

        return metadata.version(name)
    except Exception:
        return ""


def cli_facts():
    path = shutil.which("lhotse") or ""
    return {"path": path, "interpreter": shebang(path) if path else ""}


def write_wav(path):
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(struct.pack("<%dh" % 1600, *([0, 1000] * 800)))


def read_audio():
    tmp = tempfile.mkdtemp(prefix="idoctor-")
    path = os.path.join(tmp, "probe.wav")
    try:
        write_wav(path)
        from lhotse import Recording

        samples = Recording.from_file(path).load_audio()
        return {"ok": int(samples.shape[-1]) == 1600, "error": ""}
    except BaseException as exc:
        return {"ok": False, "error": error_text(exc)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    out = {"cli": cli_facts(), "lilcom": {"version": dist_version("lilcom"), "error": ""}}
    try:
        import lilcom  # noqa: F401
    except BaseException as exc:
        out["lilcom"]["error"] = error_text(exc)
    try:
        import lhotse
    except BaseException as exc:
        out.update(installed=bool(dist_version("lhotse")), import_error=error_text(exc))
        out["version"] = dist_version("lhotse")
        emit(out)
        return
    out.update(installed=True, import_error="", file=getattr(lhotse, "__file__", ""))
    out["version"] = str(getattr(lhotse, "__version__", "") or dist_version("lhotse"))
    out["audio"] = read_audio()
    out["python"] = sys.executable
    emit(out)


main()
