"""Tiny version helpers shared by the knowledge loaders (no packaging import: fast start)."""

from __future__ import annotations

import re


def vtuple(text: object) -> tuple[int, ...]:
    """'550.142' -> (550, 142); '2.7.1+cu126' -> (2, 7, 1); '' -> ()."""
    base = str(text or "").split("+", 1)[0]
    parts = []
    for piece in base.split("."):
        m = re.match(r"\d+", piece)
        if not m:
            break
        parts.append(int(m.group()))
    return tuple(parts)


def line_of(version: object) -> str:
    """'2.7.1+cu126' -> '2.7'."""
    return ".".join(str(p) for p in vtuple(version)[:2])


def channel_of(cuda: object) -> str:
    """torch.version.cuda '12.6' -> 'cu126'; None -> 'cpu'."""
    t = vtuple(cuda)
    return f"cu{t[0]}{t[1]}" if len(t) >= 2 else "cpu"


def cuda_of(channel: str) -> str:
    """'cu126' -> '12.6'; 'cu118' -> '11.8'."""
    digits = channel[2:]
    return f"{digits[:-1]}.{digits[-1]}" if channel.startswith("cu") and len(digits) >= 2 else ""


DYNAMO_DEFAULT = (2, 9)  # torch.onnx.export's default became the dynamo exporter


def onnx_export_needs_legacy(torch_version: object) -> bool:
    """icefall's export scripts call torch.onnx.export without ``dynamo=``: on torch 2.9 or
    newer that default fails on Matcha-TTS, so they must run with the legacy exporter."""
    return vtuple(torch_version)[:2] >= DYNAMO_DEFAULT
