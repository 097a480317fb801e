"""Which shell files hold an icefall-doctor state line (rc blocks, conda activate.d).

Stdlib only, Python 3.8+. Input: {"files": [...], "state_prefix": "..."}. Output: for each
file that exists, its path and the JSON text after the state prefix ("" when it has none).
"""

from idoctor_common import emit, error_text, read_input


def state_of(path, prefix):
    try:
        with open(path, "rb") as fh:
            text = fh.read(1 << 20).decode("utf-8", "replace")
    except FileNotFoundError:
        return None
    except OSError as exc:
        return {"path": path, "state": "", "error": error_text(exc)}
    for line in text.split("\n"):
        if line.startswith(prefix):
            return {"path": path, "state": line[len(prefix) :], "error": ""}
    return {"path": path, "state": "", "error": ""}


def main():
    payload = read_input()
    prefix = payload.get("state_prefix") or "\0"
    files = []
    for path in payload.get("files") or []:
        found = state_of(path, prefix)
        if found is not None:
            files.append(found)
    emit({"files": files})


main()
