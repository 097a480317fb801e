"""The k2 wheel index, read by the doctor's own interpreter (it has requests and the doctor
package, whose directory comes in the input): online pages, the day cache, or the shipped table."""

import sys

from idoctor_common import emit, error_text, read_input


def main():
    payload = read_input()
    root = payload.get("package_root")
    if root and root not in sys.path:
        sys.path.insert(0, root)
    try:
        from doctor import k2wheels

        index = k2wheels.fetch(
            mirror=payload.get("mirror"),
            offline=bool(payload.get("offline")),
            base_url=payload.get("base_url") or None,
        )
        emit(index.to_json())
    except Exception as exc:
        emit({"source": "shipped", "error": error_text(exc), "pages": [], "wheels": []})


main()
