"""Fixture recipe trees for the runner tests: an icefall-like checkout under tmp_path."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

_PINYIN = [
    "jin1",
    "tian1",
    "qi4",
    "hen3",
    "hao3",
    "wo3",
    "men5",
    "yi4",
    "qi3",
    "qu4",
    "gong1",
    "yuan2",
    "san4",
    "bu4",
]
TOKENS = "0\n" + "".join(f"{tok} {i}\n" for i, tok in enumerate(["_", ",", ".", *_PINYIN], 1))
LEXICON = "".join(
    f"{word} {pinyin}\n"
    for word, pinyin in {
        "今": "jin1", "天": "tian1", "气": "qi4", "很": "hen3", "好": "hao3",
        "我们": "wo3 men5", "一起": "yi4 qi3", "去": "qu4", "公园": "gong1 yuan2",
        "散步": "san4 bu4",
    }.items()
)  # fmt: skip

PREPARE_SH = """\
#!/usr/bin/env bash
set -eou pipefail
stage=0
stop_stage=100
while [ $# -gt 0 ]; do
  case "$1" in
    --stage) stage=$2; shift 2;;
    --stop-stage) stop_stage=$2; shift 2;;
    *) echo "invalid option $1"; exit 1;;
  esac
done
log() {
  local fname=${BASH_SOURCE[1]##*/}
  echo -e "$(date '+%Y-%m-%d %H:%M:%S') (${fname}:${BASH_LINENO[0]}:${FUNCNAME[1]}) $*"
}
mkdir -p data
if [ $stage -le 0 ] && [ $stop_stage -ge 0 ]; then
  log "Stage 0: download the corpus"
  if [ ! -f data/.stage0.done ]; then touch data/.stage0.done; echo ran 0 >> data/ran.txt; fi
fi
if [ $stage -le 1 ] && [ $stop_stage -ge 1 ]; then
  log "Stage 1: manifests"
  if [ ! -f data/.stage1.done ]; then touch data/.stage1.done; echo ran 1 >> data/ran.txt; fi
fi
if [ $stage -le 2 ] && [ $stop_stage -ge 2 ]; then
  log "Stage 2: tokens"
  if [ ! -f data/.stage2.done ]; then touch data/.stage2.done; echo ran 2 >> data/ran.txt; fi
fi
if [ $stage -le 3 ] && [ $stop_stage -ge 3 ]; then
  log "Stage 3: features"
  if [ ! -f data/.stage3.done ]; then touch data/.stage3.done; echo ran 3 >> data/ran.txt; fi
fi
"""

# Behaviour from FAKE_TRAIN: "ok" (default), "oom:LIMIT:EPOCH" (CUDA OOM from EPOCH on while
# --max-duration > LIMIT),
# "hang" (write pids, start a grandchild that ignores SIGINT, wait forever).
TRAIN_PY = """\
import argparse, json, os, signal, subprocess, sys, time
from pathlib import Path

p = argparse.ArgumentParser()
p.add_argument("--exp-dir", default="matcha/exp")
p.add_argument("--num-epochs", type=int, default=3)
p.add_argument("--start-epoch", type=int, default=1)
p.add_argument("--max-duration", type=float, default=200)
p.add_argument("--num-workers", type=int, default=2)
p.add_argument("--world-size", type=int, default=1)
p.add_argument("--save-every-n", type=int, default=1)
args = p.parse_args()
exp = Path(args.exp_dir)
(exp / "log").mkdir(parents=True, exist_ok=True)
with open(exp / "argv.jsonl", "a") as fh:
    fh.write(json.dumps(sys.argv[1:]) + "\\n")
if args.start_epoch > 1:
    assert (exp / f"epoch-{args.start_epoch - 1}.pt").exists(), "no checkpoint to resume"
mode = os.environ.get("FAKE_TRAIN", "ok")
log = open(exp / "log" / f"log-train-{os.getpid()}", "a")

def say(text):
    line = "2026-11-24 10:42:31,200 INFO [train.py:536] " + text
    print(line, flush=True)
    log.write(line + "\\n")
    log.flush()

say("Training started")
if mode == "hang":
    (exp / "train.pid").write_text(str(os.getpid()))
    code = "import signal, time; signal.signal(signal.SIGINT, signal.SIG_IGN); time.sleep(600)"
    kid = subprocess.Popen([sys.executable, "-c", code])
    (exp / "grandchild.pid").write_text(str(kid.pid))
    time.sleep(600)
for epoch in range(args.start_epoch, args.num_epochs + 1):
    say(f"Start epoch {epoch}")
    _, limit, first = (mode.split(":") + ["0", "1"])[:3] if mode.startswith("oom") else ("", 0, 0)
    if mode.startswith("oom") and epoch >= int(first) and args.max_duration > float(limit):
        print("torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 202.00 MiB. "
              "GPU 0 has a total capacity of 7.78 GiB of which 192.50 MiB is free.",
              file=sys.stderr, flush=True)
        sys.exit(1)
    for batch in (0, 10):
        say(f"Epoch {epoch}, batch {batch}, global_batch_idx: {batch}, batch size: 6, "
            "loss[dur_loss=2.797, prior_loss=1.609, diff_loss=3.076, tot_loss=7.482, "
            "over 6.00 samples.], tot_loss[dur_loss=2.797, "
            f"tot_loss={8 - 0.05 * epoch:.3f}, over 6.00 samples.]")  # falls every epoch
    say(f"Epoch {epoch}, validation: dur_loss=1.0, prior_loss=1.5, diff_loss=2.0, "
        f"tot_loss={5 + 0.1 * (epoch - 6) ** 2:.2f}, "  # lowest at epoch 6
        "over 3.00 samples.")
    (exp / f"epoch-{epoch}.pt").write_bytes(b"pt")
    say(f"Saving checkpoint to {exp}/epoch-{epoch}.pt")
say("Done!")
"""

EXPORT_PY = """\
import argparse, os, sys
import torch
import sibling  # found only when sys.path[0] is this script's directory

p = argparse.ArgumentParser()
p.add_argument("--exp-dir", default="matcha/exp-new-3")
p.add_argument("--epoch", type=int, default=2000)
args = p.parse_args()
assert os.path.exists(os.path.join(args.exp_dir, f"epoch-{args.epoch}.pt"))
print("sys.argv[0]", sys.argv[0], "sibling", sibling.NAME, flush=True)
for steps in (2, 3):
    torch.onnx.export(None, None, f"model-steps-{steps}.onnx")
"""

# An export that writes real (tiny) ONNX graphs with icefall's names and metadata, built by
# tests/onnx_graphs.py, which make_icefall(onnx_export=True) copies next to it.
EXPORT_ONNX_PY = """\
import argparse, os
import onnx_graphs

p = argparse.ArgumentParser()
p.add_argument("--exp-dir", default="matcha/exp-new-3")
p.add_argument("--epoch", type=int, default=2000)
args = p.parse_args()
assert os.path.exists(os.path.join(args.exp_dir, f"epoch-{args.epoch}.pt"))
for steps in (2, 3):
    onnx_graphs.acoustic(f"model-steps-{steps}.onnx", steps)
    print(f"exported model-steps-{steps}.onnx", flush=True)
"""

FAKE_TORCH = {
    "torch/__init__.py": "__version__ = '2.13.0+cpu'\nfrom torch import onnx\n",
    "torch/onnx/__init__.py": textwrap.dedent(
        """\
        def export(model, args, f, dynamo=True):
            if dynamo:
                raise RuntimeError("the dynamo exporter failed on this model")
            with open(f, "wb") as fh:
                fh.write(b"x" * 1234)
        """
    ),
}


def make_icefall(root: Path, corpus: str = "fake", onnx_export: bool = False) -> Path:
    """An icefall-like checkout with egs/<corpus>/TTS holding prepare.sh and matcha/.

    ``onnx_export``: export_onnx.py writes real ONNX graphs, and data/tokens.txt and
    lexicon.txt are there for the smoke test's synthesis."""
    recipe = root / "egs" / corpus / "TTS"
    (recipe / "matcha").mkdir(parents=True)
    (recipe / "prepare.sh").write_text(PREPARE_SH)
    (recipe / "prepare.sh").chmod(0o755)
    (recipe / "matcha" / "train.py").write_text(TRAIN_PY)
    (recipe / "matcha" / "export_onnx.py").write_text(EXPORT_ONNX_PY if onnx_export else EXPORT_PY)
    if onnx_export:
        graphs = Path(__file__).with_name("onnx_graphs.py")
        shutil.copy(graphs, recipe / "matcha" / "onnx_graphs.py")
        (recipe / "data").mkdir()
        (recipe / "data" / "tokens.txt").write_text(TOKENS, encoding="utf-8")
        (recipe / "lexicon.txt").write_text(LEXICON, encoding="utf-8")
    (recipe / "matcha" / "sibling.py").write_text("NAME = 'matcha-sibling'\n")
    (root / "icefall").mkdir()
    (root / "icefall" / "__init__.py").write_text("")
    return recipe


def make_fake_torch(root: Path) -> Path:
    for rel, text in FAKE_TORCH.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root
