"""Messages of smoke-onnx's per-model checks: what is wrong with one exported model-steps-N.onnx
(its metadata, its input/output names) or why its synthesis failed."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "onnx.model_type": "model_type is {value}, not {want}",
    "onnx.sample_rate": "sample_rate is {value}, not a number",
    "onnx.ode_steps": "num_ode_steps is {value}, but the file name says {steps}",
    "onnx.pad_id": "pad_id is {pad} but tokens.txt gives '_' the id {id}: these tokens are not the ones the model was trained with",
    "onnx.inputs": "inputs are {found}, expected {want}",
    "onnx.outputs": "outputs are {found}, expected {want}",
    "onnx.not_hifigan": "vocoder outputs {outputs}: not a HiFiGAN (mel -> audio); use sherpa-onnx for Vocos",
    "onnx.no_tokens": "no token of the sentence is in tokens.txt/lexicon.txt",
    "onnx.failed": "{error}",
    "onnx.join": "{first}; {rest}",
    "smoke.not_a_vocoder": "--vocoder {path} is not a vocoder: it takes {inputs} and gives {outputs} (an acoustic model?)",
    "smoke.not_a_vocoder.hint": "give a vocoder that turns a mel into audio, e.g. hifigan_v2.onnx or vocos-22khz-univ.onnx",
    "smoke.out_unwritable": "--out {path}: cannot make this folder for the wav files: {error}",
    "smoke.out_unwritable.hint": "give a folder that can be created with --out",
}
