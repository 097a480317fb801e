"""Run an icefall export script with torch.onnx.export defaulting to the legacy exporter.

Usage: python3 idoctor_onnx_legacy.py SCRIPT [ARGS...]

torch 2.9 made the dynamo-based exporter the default of ``torch.onnx.export``; icefall's
export scripts call it without ``dynamo=`` and the new default fails on some models. This
wrapper runs in the target interpreter, sets ``dynamo=False`` as the default on torch >= 2.9
(an explicit ``dynamo=`` from the script still wins), then runs SCRIPT as ``python3 SCRIPT``
would: ``sys.argv`` is the script and its arguments, ``sys.path[0]`` the directory of the
script with symlinks resolved. Nothing in the user's checkout is edited.
Runs on Python 3.8+, stdlib only besides torch.
"""

import functools
import os
import re
import runpy
import sys


def torch_version(text: str) -> "tuple[int, ...]":
    numbers = re.findall(r"\d+", text.split("+")[0])[:2]
    return tuple(int(n) for n in numbers) if len(numbers) == 2 else (0, 0)


def patch_onnx_export() -> None:
    try:
        import torch  # type: ignore[import-not-found, unused-ignore]
        import torch.onnx  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return
    version = str(getattr(torch, "__version__", "0.0"))
    if torch_version(version) < (2, 9):
        return
    original = torch.onnx.export

    @functools.wraps(original)
    def export(*args: object, **kwargs: object) -> object:
        kwargs.setdefault("dynamo", False)
        return original(*args, **kwargs)

    torch.onnx.export = export
    sys.stderr.write(
        f"icefall-doctor: torch {version}: torch.onnx.export uses the legacy exporter "
        "(dynamo=False)\n"
    )
    sys.stderr.flush()


def main() -> int:
    if len(sys.argv) < 2:
        sys.stderr.write("usage: idoctor_onnx_legacy.py SCRIPT [ARGS...]\n")
        return 2
    script = sys.argv[1]
    sys.argv = sys.argv[1:]
    sys.path[0] = os.path.dirname(os.path.realpath(script))
    patch_onnx_export()
    runpy.run_path(script, run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main())
