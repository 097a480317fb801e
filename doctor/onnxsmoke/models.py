"""Find exported model-steps-N.onnx files and check them the way icefall's export writes them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
    problems: list[str] = field(default_factory=list)

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
        result.problems.append(f"model_type is {meta.get('model_type')!r}, not {MODEL_TYPE!r}")
    if not meta.get("sample_rate", "").isdigit():
        result.problems.append(f"sample_rate is {meta.get('sample_rate')!r}, not a number")
    if meta.get("num_ode_steps") != str(steps):
        result.problems.append(
            f"num_ode_steps is {meta.get('num_ode_steps')!r}, but the file name says {steps}"
        )
    pad = meta.get("pad_id", "")
    if tokens and "_" in tokens and pad.isdigit() and int(pad) != tokens["_"]:
        result.problems.append(
            f"pad_id is {pad} but tokens.txt gives '_' the id {tokens['_']}: "
            "these tokens are not the ones the model was trained with"
        )
    names_in = [i.name for i in session.get_inputs()]
    names_out = [o.name for o in session.get_outputs()]
    if sorted(names_in) != sorted(INPUTS):
        result.problems.append(f"inputs are {names_in}, expected {list(INPUTS)}")
    if list(names_out) != list(OUTPUTS):
        result.problems.append(f"outputs are {names_out}, expected {list(OUTPUTS)}")
    return result
