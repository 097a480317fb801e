"""Messages of the lhotse checks."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "lhotse.ok.title": "lhotse {version}",
    "lhotse.missing.title": "lhotse is not installed",
    "lhotse.missing.detail": "Data preparation and training read everything through lhotse; the baker_zh download and prepare recipes need {need} or newer.",
    "lhotse.install.why": "Installs a current lhotse into this environment.",
    "lhotse.import_fail.title": "lhotse {version} is installed but does not import",
    "lhotse.import_fail.detail": "{error}",
    "lhotse.old.title": "lhotse {version} is older than {need}",
    "lhotse.old.detail": "The baker_zh download and prepare recipes need lhotse {need} or newer.",
    "lhotse.lilcom.ok.title": "lilcom {version}",
    "lhotse.lilcom.missing.title": "lilcom is not installed",
    "lhotse.lilcom.missing.detail": "lhotse 1.33 stopped installing lilcom, but feature extraction (prepare stage 5) and training read and write lilcom-compressed features: {error}",
    "lhotse.lilcom.why": "Installs the feature compression lhotse uses for fbank features.",
    "lhotse.cli.ok.title": "lhotse command: {path}",
    "lhotse.cli.missing.title": "The lhotse command is not on PATH",
    "lhotse.cli.missing.detail": "prepare.sh runs `lhotse ...`; activate the environment of {python} so its bin directory is on PATH.",
    "lhotse.audio.ok.title": "lhotse reads a wav file",
    "lhotse.audio.fail.title": "lhotse cannot read a wav file",
    "lhotse.audio.fail.detail": "No working audio backend: {error}",
    "lhotse.audio.why": "soundfile is the audio backend lhotse uses first.",
}
