"""The target interpreter: version, environment kind, paths. Stdlib only, Python 3.8+."""

import importlib.util
import os
import platform
import shutil
import site
import subprocess
import sys
import sysconfig

from idoctor_common import emit


def env_kind():
    prefix = sys.prefix
    if os.path.isdir(os.path.join(prefix, "conda-meta")):
        name = os.path.basename(prefix)
        if os.path.isdir(os.path.join(prefix, "envs")):
            name = "base"
        return "conda", name
    if getattr(sys, "real_prefix", None) or sys.prefix != sys.base_prefix:
        return "venv", os.path.basename(prefix)
    return "system", ""


def marker_environment():
    """PEP 508 marker variables of this interpreter, as packaging's default_environment()."""
    impl = sys.implementation
    info = impl.version
    version = "%d.%d.%d" % info[:3]
    if info.releaselevel != "final":
        version += info.releaselevel[0] + str(info.serial)
    return {
        "implementation_name": impl.name,
        "implementation_version": version,
        "os_name": os.name,
        "platform_machine": platform.machine(),
        "platform_release": platform.release(),
        "platform_system": platform.system(),
        "platform_version": platform.version(),
        "python_full_version": platform.python_version(),
        "platform_python_implementation": platform.python_implementation(),
        "python_version": ".".join(platform.python_version_tuple()[:2]),
        "sys_platform": sys.platform,
    }


def pip_state():
    """Whether `python -m pip` works here: ("ok", version), ("missing", "") or ("broken", why)."""
    if importlib.util.find_spec("pip") is None:
        return "missing", ""
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "--version"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            timeout=8,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return "broken", "%s: %s" % (type(exc).__name__, exc)
    out = proc.stdout.decode("utf-8", "replace").split()
    if proc.returncode == 0 and len(out) >= 2 and out[0] == "pip":
        return "ok", out[1]
    lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    return "broken", lines[-1][:300] if lines else "exit code %d" % proc.returncode


def uv_made():
    """Whether pyvenv.cfg says uv created this environment."""
    try:
        with open(os.path.join(sys.prefix, "pyvenv.cfg"), encoding="utf-8") as f:
            return any(line.split("=")[0].strip() == "uv" for line in f)
    except OSError:
        return False


def installer():
    state, detail = pip_state()
    return {
        "pip": state,
        "pip_version": detail if state == "ok" else "",
        "pip_error": detail if state == "broken" else "",
        "uv_venv": uv_made(),
        "uv": shutil.which("uv") or "",
    }


def main():
    kind, name = env_kind()
    try:
        user_site = site.getusersitepackages()
    except Exception:
        user_site = ""
    emit(
        {
            "executable": sys.executable,
            "version": "%d.%d.%d" % sys.version_info[:3],
            "implementation": sys.implementation.name,
            "prefix": sys.prefix,
            "base_prefix": sys.base_prefix,
            "env_kind": kind,
            "env_name": name,
            "purelib": sysconfig.get_paths().get("purelib", ""),
            "user_site": user_site,
            "user_site_enabled": bool(site.ENABLE_USER_SITE),
            "sys_path": [p for p in sys.path if p],
            "platform": sysconfig.get_platform(),
            "shared": bool(sysconfig.get_config_var("Py_ENABLE_SHARED")),
            "markers": marker_environment(),
            "installer": installer(),
        }
    )


main()
