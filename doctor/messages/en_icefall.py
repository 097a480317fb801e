"""Messages of the icefall checks and the interpreter identity check."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "icefall.found.title": "icefall checkout {root} (found through {how})",
    "icefall.not_found.title": "No icefall checkout found",
    "icefall.not_found.detail": "Looked at --icefall, PYTHONPATH and the directories above the current one.",
    "icefall.not_found.why": "Gets icefall and makes it importable.",
    "icefall.not_on_path.title": "{root} is not on PYTHONPATH",
    "icefall.not_on_path.detail": "The recipes do `import icefall`; without {root} on PYTHONPATH training stops at once with 'No module named icefall'.",
    "icefall.not_on_path.why": "Makes icefall importable (add it to ~/.bashrc to keep it).",
    "icefall.import.ok.title": "import icefall works",
    "icefall.import.fail.title": "import icefall fails: {error}",
    "icefall.import.fail.detail": "icefall imports torch, k2, lhotse, kaldialign, sentencepiece, pypinyin and tensorboard at once: {error}",
    "icefall.reqs.ok.title": "{file} is satisfied",
    "icefall.reqs.bad.title": "{count} requirement(s) of {file} missing or conflicting",
    "icefall.reqs.bad.detail": "{file}: {listed}",
    "icefall.reqs.bad.why": "Installs the versions icefall lists.",
    "icefall.phrase.this_recipe": "this recipe",
    "icefall.reqs.unused.title": "{count} requirement(s) of {file} are not installed, but no script of {recipe} imports them",
    "icefall.reqs.unused.detail": "Not needed for {recipe}: {listed}. Install them with 'pip install -r {file}' before you run other icefall recipes.",
    "icefall.hostname.ok.title": "Host name {name} resolves to {ip}",
    "icefall.hostname.fail.title": "Host name {name} does not resolve",
    "icefall.hostname.fail.detail": "icefall's get_env_info() calls socket.gethostbyname(socket.gethostname()) at the start of every train and export run, without a fallback: {error}",
    "icefall.hostname.fail.why": "Maps the host name to a local address in /etc/hosts.",
    "identity.ok.title": "python3, pip and lhotse on PATH belong to {prefix}",
    "identity.stray.title": "On PATH, not from this environment: {tools}",
    "identity.stray.detail": "The recipe scripts call these from PATH, and they belong to another environment than {prefix}: packages would go to, or run from, the wrong place. Install with `{pip}`.",
    "identity.stray.why": "Puts {prefix}/bin first on PATH.",
}
