"""Small ONNX graphs with the input/output names and metadata of icefall's Matcha export (an
acoustic model per ODE step count) and of its vocoders (HiFiGAN-shaped, Vocos-shaped).

Standalone (only onnx): the runner tests copy this file into a fixture recipe, where a fake
export_onnx.py imports it.
"""

from __future__ import annotations

from pathlib import Path

import onnx
from onnx import TensorProto, helper


def _save(graph: onnx.GraphProto, path: str | Path, meta: dict[str, str]) -> None:
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)])
    model.ir_version = 8
    for k, v in meta.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = k, v
    onnx.checker.check_model(model)
    onnx.save(model, str(path))


def acoustic(path: str | Path, steps: int, **meta_override: str) -> None:
    """x [N, L] int64, x_length [N], noise_scale [1], length_scale [1] -> mel [N, 80, 8L]."""
    const = helper.make_tensor
    nodes = [
        helper.make_node("Cast", ["x"], ["xf"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["xf", "axis1"], ["x3"]),
        helper.make_node("Tile", ["x3", "reps"], ["tiled"]),
        helper.make_node("Mul", ["tiled", "noise_scale"], ["scaled"]),
        helper.make_node("Mul", ["scaled", "length_scale"], ["mel"]),
    ]
    graph = helper.make_graph(
        nodes,
        f"matcha-steps-{steps}",
        [
            helper.make_tensor_value_info("x", TensorProto.INT64, ["N", "L"]),
            helper.make_tensor_value_info("x_length", TensorProto.INT64, ["N"]),
            helper.make_tensor_value_info("noise_scale", TensorProto.FLOAT, [1]),
            helper.make_tensor_value_info("length_scale", TensorProto.FLOAT, [1]),
        ],
        [helper.make_tensor_value_info("mel", TensorProto.FLOAT, ["N", 80, "T"])],
        initializer=[
            const("axis1", TensorProto.INT64, [1], [1]),
            const("reps", TensorProto.INT64, [3], [1, 80, 8]),
        ],
    )
    meta = {"model_type": "matcha-tts", "language": "Chinese", "voice": "zh", "has_espeak": "0",
            "jieba": "1", "n_speakers": "1", "sample_rate": "22050", "version": "1",
            "pad_id": "1", "use_eos_bos": "0", "num_ode_steps": str(steps)}  # fmt: skip
    meta.update(meta_override)
    _save(graph, path, meta)


def vocoder(path: str | Path) -> None:
    """mel [N, 80, T] -> audio [N, 256 T]: a HiFiGAN's names and hop."""
    nodes = [
        helper.make_node("ReduceMean", ["mel"], ["m"], axes=[1], keepdims=0),
        helper.make_node("Tile", ["m", "reps"], ["long"]),
        helper.make_node("Sin", ["long"], ["audio"]),
    ]
    graph = helper.make_graph(
        nodes,
        "hifigan",
        [helper.make_tensor_value_info("mel", TensorProto.FLOAT, ["N", 80, "T"])],
        [helper.make_tensor_value_info("audio", TensorProto.FLOAT, ["N", "S"])],
        initializer=[helper.make_tensor("reps", TensorProto.INT64, [2], [1, 256])],
    )
    _save(graph, path, {"model_type": "hifigan", "sample_rate": "22050"})


def vocos_like(path: str | Path) -> None:
    """A Vocos-shaped vocoder: mel -> (mag, x, y), which needs sherpa-onnx's ISTFT."""
    nodes = [helper.make_node("Identity", ["mel"], [name]) for name in ("mag", "x", "y")]
    outputs = [helper.make_tensor_value_info(n, TensorProto.FLOAT, ["N", 80, "T"])
               for n in ("mag", "x", "y")]  # fmt: skip
    graph = helper.make_graph(
        nodes, "vocos", [helper.make_tensor_value_info("mel", TensorProto.FLOAT, ["N", 80, "T"])],
        outputs,
    )  # fmt: skip
    _save(graph, path, {"model_type": "vocos"})
