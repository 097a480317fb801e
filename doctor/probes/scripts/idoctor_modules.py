"""Resolve import names in the target interpreter with importlib.util.find_spec, without
importing them. Stdlib only, Python 3.8+. Echoes the scan it was given."""

import importlib.util
import os
import sys

from idoctor_common import emit, error_text, read_input

VERSIONS = ("torch", "onnx", "onnxscript", "lhotse", "diffusers", "numpy")


def resolve(name):
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError, AttributeError) as exc:
        return None, error_text(exc)
    if spec is None:
        return None, ""
    return spec.origin or (list(spec.submodule_search_locations or []) or ["namespace"])[0], ""


def versions():
    try:
        from importlib import metadata
    except ImportError:
        return {}
    out = {}
    for dist in VERSIONS:
        try:
            out[dist] = metadata.version(dist)
        except Exception:
            out[dist] = None
    return out


def main():
    payload = read_input()
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    found, missing, errors = {}, [], {}
    for name in payload.get("modules") or []:
        top = name.split(".")[0]
        origin, error = resolve(top)
        if origin:
            found[name] = origin
        else:
            missing.append(name)
            if error:
                errors[name] = error
    emit(
        {
            "found": found,
            "missing": missing,
            "errors": errors,
            "versions": versions(),
            "scan": payload.get("scan"),
            "requires": payload.get("requires") or [],
            "scan_error": payload.get("error", ""),
        }
    )


main()
