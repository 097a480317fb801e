"""The active recipe on disk: stages, dataset, commands. Runs in the doctor's own interpreter,
so it may use the doctor package (its path comes in the input)."""

import sys

from idoctor_common import emit, error_text, read_input


def main():
    payload = read_input()
    root = payload.get("doctor_root")
    if root and root not in sys.path:
        sys.path.insert(0, root)
    try:
        from doctor.recipe.gather import gather

        emit(gather(payload))
    except Exception as exc:
        emit({"active": False, "error": error_text(exc)})


main()
