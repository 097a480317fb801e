"""k2 in the target: where it comes from, its build facts (read even when the import fails),
the import error, and a tiny RaggedTensor pad on CPU and cuda:0; when k2 does not import, the
source builds lying where people put them (idoctor_k2src). Stdlib only, Python 3.8+."""

import glob
import importlib.util
import os
import re
import sys
import traceback

from idoctor_common import emit, error_text, read_input
from idoctor_k2src import search

_TAG = re.compile(r"\.cpython-(\d)(\d+)")
_LOCAL = re.compile(r"\+(?:cuda(\d+\.\d+)|cpu)\.torch(\d+\.\d+\.\d+)")


def find(name):
    try:
        spec = importlib.util.find_spec(name)
    except Exception:
        return ""
    return (spec.origin or "") if spec is not None else ""


def read_torch_version_py(k2_dir):
    out = {}
    path = os.path.join(k2_dir, "torch_version.py")
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return out
    for key in ("k2_torch_version", "k2_torch_cuda_version"):
        m = re.search(key + r"\s*=\s*['\"]([^'\"]*)['\"]", text)
        if m:
            out[key] = m.group(1)
    return out


def dist_facts():
    try:
        from importlib import metadata
    except ImportError:
        return {}
    try:
        dist = metadata.distribution("k2")
    except Exception:
        return {}
    version = dist.version or ""
    out = {"dist_version": version, "dist_location": str(dist.locate_file(""))}
    m = _LOCAL.search(version)
    if m:
        out["dist_cuda"] = m.group(1) or ""
        out["dist_torch"] = m.group(2)
    return out


def so_candidates(k2_dir, k2_so):
    places = [os.path.dirname(k2_so)] if k2_so else []
    if k2_dir:
        places.append(os.path.dirname(os.path.dirname(k2_dir)))
    places.extend(p for p in sys.path if p and os.path.isdir(p))
    found = []
    for place in places:
        for path in glob.glob(os.path.join(place, "_k2*.so")) + glob.glob(
            os.path.join(place, "_k2*.pyd")
        ):
            if path not in found:
                found.append(path)
    return found[:5]


def so_python(path):
    m = _TAG.search(os.path.basename(path))
    return "%s.%s" % (m.group(1), m.group(2)) if m else ""


def source_build(k2_init, k2_so):
    if not k2_init:
        return None
    pkg = os.path.dirname(k2_init)
    python_dir = os.path.dirname(pkg)
    norm = python_dir.replace(os.sep, "/")
    if "site-packages" in norm or "dist-packages" in norm or not norm.endswith("/python"):
        return None
    return {"python_dir": python_dir, "lib_dir": os.path.dirname(k2_so) if k2_so else None}


def locate():
    k2_init = find("k2")
    k2_dir = os.path.dirname(k2_init) if k2_init else ""
    k2_so = find("_k2")
    out = {
        "found": bool(k2_init),
        "file": k2_init,
        "so_file": k2_so,
        "zipped": bool(k2_init) and not os.path.isfile(k2_init),
        "source_build": source_build(k2_init, k2_so),
        "so_files": [],
    }
    if k2_dir:
        out.update(read_torch_version_py(k2_dir))
    out["so_files"] = [{"path": p, "python": so_python(p)} for p in so_candidates(k2_dir, k2_so)]
    out.update(dist_facts())
    return out


def build_info(k2):
    info = {}
    try:
        import _k2

        v = _k2.version
        for key in (
            "cuda_version",
            "torch_version",
            "torch_cuda_version",
            "build_type",
            "python_version",
            "git_date",
            "git_sha1",
        ):
            info[key] = str(getattr(v, key, "") or "")
        info["with_cuda"] = bool(getattr(v, "with_cuda", False))
    except Exception as exc:
        info["error"] = error_text(exc)
    version = getattr(getattr(k2, "version", None), "__version__", "")
    if not version:  # `import k2` leaves k2.version unimported; _k2 carries it too
        version = getattr(getattr(sys.modules.get("_k2"), "version", None), "__version__", "")
    info["version"] = str(version or "")
    return info


def pad_op(k2, device):
    try:
        import torch

        r = k2.RaggedTensor([[1, 2, 3], [4]]).to(torch.device(device))
        padded = r.pad(mode="constant", padding_value=0)
        return {"ok": padded.tolist() == [[1, 2, 3], [4, 0, 0]], "error": ""}
    except Exception as exc:
        return {"ok": False, "error": error_text(exc)}


def try_import(out):
    try:
        import k2
    except BaseException as exc:  # SystemExit or a C++ abort message must not kill the probe
        out["import_ok"] = False
        out["import_error"] = error_text(exc)
        out["import_traceback"] = traceback.format_exc()[-3000:]
        return
    out["import_ok"] = True
    out["build"] = build_info(k2)
    out["ops"] = {"cpu": pad_op(k2, "cpu")}
    try:
        import torch

        if torch.cuda.is_available():
            out["ops"]["cuda"] = pad_op(k2, "cuda:0")
    except Exception as exc:
        out["ops"]["cuda"] = {"ok": False, "error": error_text(exc)}


def torch_facts():
    try:
        import torch
    except BaseException as exc:
        return {"torch_import_error": error_text(exc)}
    return {"torch_version": str(torch.__version__), "torch_cuda": torch.version.cuda or ""}


def main():
    payload = read_input()
    out = locate()
    out["python"] = "%d.%d" % sys.version_info[:2]
    out["import_ok"] = False
    out["import_error"] = ""
    if out["found"]:  # without k2 there is nothing to compare: leave torch to its own probe
        out.update(torch_facts())
        try_import(out)
    if not out["import_ok"]:  # look for source builds before concluding k2 is absent
        out["source_builds"], out["source_search"] = search(payload)
        if out["source_builds"] and "torch_version" not in out:
            out.update(torch_facts())  # what the builds are judged against
    emit(out)


main()
