"""NVIDIA driver and GPUs: NVML (nvidia-ml-py) first, `nvidia-smi` as fallback. Stdlib only
apart from the optional pynvml; runs in the doctor's interpreter; Python 3.8+."""

import contextlib
import re
import shutil
import subprocess

from idoctor_common import emit, error_text

SMI_TIMEOUT = 8.0
QUERY = "index,pci.bus_id,name,memory.total,memory.free,compute_cap"
MIB = 1024 * 1024


def _text(value):
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _proc_name(pid, nvml):
    try:
        return _text(nvml.nvmlSystemGetProcessName(pid))
    except Exception:
        try:
            with open("/proc/%d/comm" % pid) as fh:
                return fh.read().strip()
        except OSError:
            return ""


def _nvml_processes(nvml, handle):
    procs = []
    for getter in ("nvmlDeviceGetComputeRunningProcesses", "nvmlDeviceGetGraphicsRunningProcesses"):
        try:
            running = getattr(nvml, getter)(handle)
        except Exception:
            continue
        for p in running:
            used = getattr(p, "usedGpuMemory", None)
            procs.append(
                {"pid": int(p.pid), "name": _proc_name(p.pid, nvml), "used_memory": used or 0}
            )
    seen = {}
    for p in procs:
        seen.setdefault(p["pid"], p)
    return list(seen.values())


def _nvml_gpu(nvml, index):
    handle = nvml.nvmlDeviceGetHandleByIndex(index)
    mem = nvml.nvmlDeviceGetMemoryInfo(handle)
    try:
        major, minor = nvml.nvmlDeviceGetCudaComputeCapability(handle)
        cc = "%d.%d" % (major, minor)
    except Exception:
        cc = None
    return {
        "index": index,
        "name": _text(nvml.nvmlDeviceGetName(handle)),
        "memory_total": int(mem.total),
        "memory_free": int(mem.free),
        "compute_capability": cc,
        "processes": _nvml_processes(nvml, handle),
    }


def from_nvml():
    """The facts through NVML, or (None, why) when NVML is not usable here."""
    try:
        import pynvml as nvml
    except Exception as exc:
        return None, error_text(exc)
    try:
        nvml.nvmlInit()
    except Exception as exc:
        return None, error_text(exc)
    try:
        cuda = nvml.nvmlSystemGetCudaDriverVersion()
        result = {
            "source": "nvml",
            "driver": _text(nvml.nvmlSystemGetDriverVersion()),
            "cuda_driver_version": "%d.%d" % (cuda // 1000, (cuda % 1000) // 10),
            "gpus": [_nvml_gpu(nvml, i) for i in range(nvml.nvmlDeviceGetCount())],
            "error": None,
        }
    except Exception as exc:
        return None, error_text(exc)
    finally:
        with contextlib.suppress(Exception):
            nvml.nvmlShutdown()
    return result, None


def _smi(exe, args):
    proc = subprocess.run(
        [exe, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=SMI_TIMEOUT
    )
    if proc.returncode != 0:
        err = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()
        raise RuntimeError(err.splitlines()[-1] if err else "exit code %d" % proc.returncode)
    return proc.stdout.decode("utf-8", "replace")


def _rows(text):
    return [[c.strip() for c in line.split(",")] for line in text.splitlines() if line.strip()]


def _number(text):
    try:
        return float(text)
    except ValueError:
        return None


def _smi_gpus(exe):
    try:
        rows = _rows(_smi(exe, ["--query-gpu=" + QUERY, "--format=csv,noheader,nounits"]))
    except RuntimeError:  # drivers before 510 do not know compute_cap
        query = QUERY.rsplit(",", 1)[0]
        rows = [
            [*r, "[N/A]"]
            for r in _rows(_smi(exe, ["--query-gpu=" + query, "--format=csv,noheader,nounits"]))
        ]
    gpus, by_bus = [], {}
    for row in rows:
        if len(row) < 6:
            continue
        total, free = _number(row[3]), _number(row[4])
        gpu = {
            "index": int(row[0]) if row[0].isdigit() else len(gpus),
            "name": row[2],
            "memory_total": int(total * MIB) if total is not None else None,
            "memory_free": int(free * MIB) if free is not None else None,
            "compute_capability": row[5] if re.match(r"^\d+\.\d+$", row[5]) else None,
            "processes": [],
        }
        gpus.append(gpu)
        by_bus[row[1].lower()] = gpu
    return gpus, by_bus


def _smi_processes(exe, by_bus):
    try:
        text = _smi(
            exe,
            [
                "--query-compute-apps=gpu_bus_id,pid,process_name,used_memory",
                "--format=csv,noheader,nounits",
            ],
        )
    except (RuntimeError, OSError, subprocess.TimeoutExpired):
        return
    for row in _rows(text):
        gpu = by_bus.get(row[0].lower()) if len(row) >= 4 else None
        if gpu is None or not row[1].isdigit():
            continue
        used = _number(row[3])
        gpu["processes"].append(
            {
                "pid": int(row[1]),
                "name": row[2],
                "used_memory": int(used * MIB) if used is not None else 0,
            }
        )


def from_smi():
    exe = shutil.which("nvidia-smi")
    if not exe:
        return None, "nvidia-smi not found on PATH"
    try:
        header = _smi(exe, [])
        gpus, by_bus = _smi_gpus(exe)
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        return None, error_text(exc)
    _smi_processes(exe, by_bus)
    driver = re.search(r"Driver Version:\s*([\d.]+)", header)
    cuda = re.search(r"CUDA Version:\s*([\d.]+)", header)
    return {
        "source": "nvidia-smi",
        "driver": driver.group(1) if driver else None,
        "cuda_driver_version": cuda.group(1) if cuda else None,
        "gpus": gpus,
        "error": None,
    }, None


def main():
    result, nvml_error = from_nvml()
    if result is None:
        result, smi_error = from_smi()
        if result is None:
            result = {
                "source": "none",
                "driver": None,
                "cuda_driver_version": None,
                "gpus": [],
                "error": "NVML: %s; %s" % (nvml_error, smi_error),
            }
    emit(result)


main()
