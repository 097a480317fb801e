"""torch and torchaudio in the target interpreter: build, CUDA, cuDNN, archs, devices, the
warnings torch gives, shadowing, and a short GPU smoke test. Stdlib only; Python 3.8+."""

import importlib.util
import os
import site
import sys
import sysconfig
import threading
import warnings

from idoctor_common import emit, error_text, read_input

SMOKE_TIMEOUT = 20.0


def user_site_shadow(torch_file):
    """The user-site torch directory when it hides the environment's own torch."""
    try:
        user = os.path.realpath(site.getusersitepackages())
    except Exception:
        return None
    here = os.path.realpath(os.path.dirname(torch_file or ""))
    purelib = sysconfig.get_paths().get("purelib", "")
    env_torch = os.path.join(purelib, "torch", "__init__.py")
    if here.startswith(user + os.sep) and os.path.isfile(env_torch):
        return here
    return None


def path_shadow():
    """The sys.path folder whose own `torch` Python finds before the environment's installed
    torch (a folder on PYTHONPATH holding a torch/ or torch.py), found without importing it."""
    try:
        spec = importlib.util.find_spec("torch")
    except Exception:
        return None
    origin = getattr(spec, "origin", None) or ""
    purelib = sysconfig.get_paths().get("purelib", "")
    env_torch = os.path.join(purelib, "torch", "__init__.py")
    if not origin or not os.path.isfile(env_torch):
        return None
    if os.path.realpath(origin) == os.path.realpath(env_torch):
        return None
    folder = os.path.dirname(origin)
    return os.path.dirname(folder) if os.path.basename(origin) == "__init__.py" else folder


def devices(torch):
    out = []
    for i in range(torch.cuda.device_count()):
        p = torch.cuda.get_device_properties(i)
        out.append(
            {
                "index": i,
                "name": p.name,
                "capability": "%d.%d" % (p.major, p.minor),
                "memory_total": int(p.total_memory),
            }
        )
    return out


def cuda_facts(torch, result):
    result["cuda"] = getattr(torch.version, "cuda", None)
    result["cuda_available"] = bool(torch.cuda.is_available())
    try:
        result["cudnn"] = torch.backends.cudnn.version()
    except Exception as exc:
        result["cudnn_error"] = error_text(exc)
    result["arch_list"] = list(torch.cuda.get_arch_list()) if result["cuda"] else []
    if result["cuda_available"]:
        result["devices"] = devices(torch)


def smoke(torch, limit):
    """CUDA matmul + cuDNN conv2d on GPU 0 in a thread, so a hang cannot hold the probe."""
    state = {"ran": True, "ok": False, "error": None}

    def work():
        try:
            a = torch.randn(256, 256, device="cuda:0")
            (a @ a).sum().item()
            x = torch.randn(2, 3, 32, 32, device="cuda:0")
            w = torch.randn(8, 3, 3, 3, device="cuda:0")
            torch.nn.functional.conv2d(x, w).sum().item()
            torch.cuda.synchronize()
            state["ok"] = True
        except Exception as exc:
            state["error"] = error_text(exc)

    t = threading.Thread(target=work, daemon=True)
    t.start()
    t.join(limit)
    if t.is_alive():
        state["error"] = "no answer after %g s" % limit
        state["hung"] = True
    return state


def torchaudio_facts():
    info = {
        "installed": importlib.util.find_spec("torchaudio") is not None,
        "version": None,
        "import_error": None,
    }
    if info["installed"]:
        try:
            import torchaudio

            info["version"] = str(getattr(torchaudio, "__version__", "")) or None
        except Exception as exc:
            info["import_error"] = error_text(exc)
    return info


def distributed_facts():
    """torch.distributed's backends as DDP would find them; a failure is kept as text."""
    info = {"available": False, "nccl": False, "gloo": False, "error": None}
    try:
        import torch.distributed as dist

        info["available"] = bool(dist.is_available())
        if info["available"]:  # is_nccl_available() exists only when distributed does
            info["nccl"] = bool(dist.is_nccl_available())
            info["gloo"] = bool(dist.is_gloo_available())
    except Exception as exc:
        info["error"] = error_text(exc)
    return info


def base_result():
    return {
        "installed": False,
        "version": None,
        "cuda": None,
        "cuda_available": False,
        "cudnn": None,
        "arch_list": [],
        "devices": [],
        "warnings": [],
        "import_error": None,
        "file": None,
        "user_site_shadow": None,
        "torchaudio": {"installed": False, "version": None, "import_error": None},
        "smoke": {"ran": False, "ok": False, "error": None},
        "distributed": {"available": False, "nccl": False, "gloo": False, "error": None},
    }


def inspect(torch, options, result):
    result["version"] = str(torch.__version__)
    result["file"] = getattr(torch, "__file__", None)
    result["user_site_shadow"] = user_site_shadow(result["file"])
    cuda_facts(torch, result)
    if result["cuda_available"] and options.get("smoke", True):
        result["smoke"] = smoke(torch, float(options.get("smoke_timeout") or SMOKE_TIMEOUT))
    result["torchaudio"] = torchaudio_facts()


def preloaded_warnings():
    """What importing torch warned when idoctor_forkserver.py imported it before forking us."""
    return list(getattr(sys.modules.get("idoctor_preload"), "warnings", None) or [])


def probe(options, result):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            import torch
        except Exception as exc:
            result["import_error"] = error_text(exc)
            return
        result["distributed"] = distributed_facts()
        try:
            inspect(torch, options, result)
        except Exception as exc:  # a half-broken torch: keep what was learnt
            result["import_error"] = "import worked, then " + error_text(exc)
    result["warnings"] = [
        str(w.message).strip()[:1000]
        for w in preloaded_warnings() + list(caught)
        if "torch" in (w.filename or "") or "CUDA" in str(w.message)
    ][:10]


def main():
    options = read_input()
    result = base_result()
    result["installed"] = importlib.util.find_spec("torch") is not None
    shadow = path_shadow() if result["installed"] else None
    if shadow and not user_site_shadow(os.path.join(shadow, "torch", "__init__.py")):
        result["path_shadow"] = shadow
    if result["installed"]:
        probe(options, result)
    emit(result)
    if result["smoke"].get("hung"):
        sys.stdout.flush()
        os._exit(0)  # a hung CUDA call would block interpreter exit


main()
