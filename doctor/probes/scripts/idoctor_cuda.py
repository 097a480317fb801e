"""CUDA toolkit facts: nvcc (CUDA_HOME/CUDA_PATH, PATH, /usr/local/cuda, in torch's order) and
LD_LIBRARY_PATH entries holding CUDA/cuDNN libraries. Stdlib only; Python 3.8+."""

import os
import re
import shutil
import subprocess

from idoctor_common import emit, error_text

NVCC_TIMEOUT = 8.0
LIB_PREFIXES = ("libcudnn", "libcublas", "libcudart")


def candidates():
    """(source, nvcc path) in the order torch.utils.cpp_extension looks."""
    out = []
    for var in ("CUDA_HOME", "CUDA_PATH"):
        home = os.environ.get(var)
        if home:
            out.append((var, os.path.join(home, "bin", "nvcc")))
    which = shutil.which("nvcc")
    if which:
        out.append(("PATH", which))
    out.append(("/usr/local/cuda", "/usr/local/cuda/bin/nvcc"))
    return out


def nvcc_release(path):
    try:
        proc = subprocess.run(
            [path, "--version"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=NVCC_TIMEOUT,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, error_text(exc)
    text = proc.stdout.decode("utf-8", "replace")
    m = re.search(r"release (\d+[.]\d+)", text)
    return (m.group(1), None) if m else (None, text.strip()[-200:] or "no version")


def toolkit():
    found = []
    for source, path in candidates():
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            continue
        release, error = nvcc_release(path)
        found.append(
            {
                "source": source,
                "nvcc": path,
                "real": os.path.realpath(path),
                "release": release,
                "error": error,
            }
        )
    return found


def shadowing_libs():
    entries = []
    for folder in os.environ.get("LD_LIBRARY_PATH", "").split(os.pathsep):
        if not folder or not os.path.isdir(folder):
            continue
        try:
            names = sorted(
                n for n in os.listdir(folder) if n.startswith(LIB_PREFIXES) and ".so" in n
            )
        except OSError:
            continue
        if names:
            entries.append({"dir": folder, "libs": names[:12]})
    return entries


def main():
    found = toolkit()
    first = found[0] if found else None
    emit(
        {
            "nvcc": first["nvcc"] if first else None,
            "source": first["source"] if first else None,
            "release": first["release"] if first else None,
            "candidates": found,
            "cuda_home": os.environ.get("CUDA_HOME") or os.environ.get("CUDA_PATH"),
            "ld_library_path": shadowing_libs(),
        }
    )


main()
