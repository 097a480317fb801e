"""smoke-onnx 对每个模型的检查：导出的 model-steps-N.onnx 哪里不对（元数据、输入输出名），
或者合成为什么失败。"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "onnx.model_type": "model_type 是 {value}，而不是 {want}",
    "onnx.sample_rate": "sample_rate 是 {value}，不是数字",
    "onnx.ode_steps": "num_ode_steps 是 {value}，但文件名表明是 {steps}",
    "onnx.pad_id": "pad_id 是 {pad}，但 tokens.txt 中 '_' 的 id 是 {id}：这份 tokens 不是训练这个模型时用的",
    "onnx.inputs": "输入是 {found}，应为 {want}",
    "onnx.outputs": "输出是 {found}，应为 {want}",
    "onnx.not_hifigan": "声码器的输出是 {outputs}：不是 HiFiGAN（mel -> 音频）；Vocos 请用 sherpa-onnx 测试",
    "onnx.no_tokens": "测试句中没有一个字在 tokens.txt/lexicon.txt 中",
    "onnx.failed": "{error}",
    "onnx.join": "{first}；{rest}",
    "smoke.not_a_vocoder": "--vocoder {path} 不是声码器：它的输入是 {inputs}，输出是 {outputs}（是声学模型吗？）",
    "smoke.not_a_vocoder.hint": "请给出把梅尔谱转换成音频的声码器，例如 hifigan_v2.onnx 或 vocos-22khz-univ.onnx",
    "smoke.out_unwritable": "--out {path}：无法创建存放 wav 文件的目录：{error}",
    "smoke.out_unwritable.hint": "用 --out 指定一个可以创建的目录",
}
