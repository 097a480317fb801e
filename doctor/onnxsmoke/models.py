"""Find exported model-steps-N.onnx files and check them the way icefall's export writes them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from doctor.msgtype import Msg, msg

_MODEL = re.compile(r"^model-steps-(\d+)\.onnx$")
INPUTS: tuple[str, ...] = ("x", "x_length", "noise_scale", "length_scale")
OUTPUTS: tuple[str, ...] = ("mel",)
MODEL_TYPE = "matcha-tts"


@dataclass
class ModelCheck:
    path: Path
    steps: int
    size: int
    metadata: dict[str, str] = field(default_factory=dict)
    problems: list[Msg] = field(default_factory=list)

    @property
    def sample_rate(self) -> int:
        try:
            return int(self.metadata.get("sample_rate", "22050"))
        except ValueError:
            return 22050


def find_models(directory: Path) -> list[tuple[int, Path]]:
    found = ((_MODEL.match(p.name), p) for p in directory.iterdir() if p.is_file())
    return sorted((int(m.group(1)), p) for m, p in found if m)


def check_session(
    path: Path, steps: int, session: Any, tokens: dict[str, int] | None = None
) -> ModelCheck:
    """Metadata (model_type, sample_rate, num_ode_steps, pad_id against tokens.txt's "_") and
    input/output names."""
    meta = dict(session.get_modelmeta().custom_metadata_map)
    result = ModelCheck(path, steps, path.stat().st_size, meta)
    if meta.get("model_type") != MODEL_TYPE:
        result.problems.append(
            msg("onnx.model_type", value=repr(meta.get("model_type")), want=repr(MODEL_TYPE))
        )
    if not meta.get("sample_rate", "").isdigit():
        result.problems.append(msg("onnx.sample_rate", value=repr(meta.get("sample_rate"))))
    if meta.get("num_ode_steps") != str(steps):
        result.problems.append(
            msg("onnx.ode_steps", value=repr(meta.get("num_ode_steps")), steps=steps)
        )
    pad = meta.get("pad_id", "")
    if tokens and "_" in tokens and pad.isdigit() and int(pad) != tokens["_"]:
        result.problems.append(msg("onnx.pad_id", pad=pad, id=tokens["_"]))
    names_in = [i.name for i in session.get_inputs()]
    names_out = [o.name for o in session.get_outputs()]
    if sorted(names_in) != sorted(INPUTS):
        result.problems.append(msg("onnx.inputs", found=names_in, want=list(INPUTS)))
    if list(names_out) != list(OUTPUTS):
        result.problems.append(msg("onnx.outputs", found=names_out, want=list(OUTPUTS)))
    return result
