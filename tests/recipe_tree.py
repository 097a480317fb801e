"""Builds small icefall-like trees for the recipe tests (no file of icefall is copied)."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

PREPARE = """\
#!/usr/bin/env bash
set -eou pipefail
stage=-1
stop_stage=100
if [ $stage -le -1 ] && [ $stop_stage -ge -1 ]; then
  for recipe in matcha; do
    if [ ! -d $recipe/monotonic_align/build ]; then
      cd $recipe/monotonic_align
      python3 setup.py build_ext --inplace
      cd ../../
    fi
  done
fi
if [ $stage -le 0 ] && [ $stop_stage -ge 0 ]; then
  if [ ! -d $dl_dir/BZNSYP/Wave ]; then
    lhotse download baker-zh $dl_dir
  fi
fi
if [ $stage -le 2 ] && [ $stop_stage -ge 2 ]; then
  python3 ./local/generate_tokens.py --tokens data/tokens.txt
fi
if [ $stage -le 5 ] && [ $stop_stage -ge 5 ]; then
  ./local/compute_fbank_baker_zh.py
  idoctor-no-such-tool --x | sort
fi
"""


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))


def link(path: Path, target: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, path)


def build(root: Path) -> Path:
    """An icefall checkout at ``root``; returns egs/baker_zh/TTS."""
    lj = root / "egs/ljspeech/TTS"
    write(lj / "vits/utils.py", "import os\nimport idoctor_fake_cleaner.cleaners\n")
    link(lj / "matcha/utils.py", "../vits/utils.py")
    write(
        lj / "matcha/monotonic_align/__init__.py",
        "import numpy\nfrom .core import maximum_path_c\n",
    )
    write(lj / "matcha/monotonic_align/setup.py", "from Cython.Build import cythonize\n")
    write(lj / "matcha/infer.py", "import idoctor_fake_soundfile\nfrom train import main\n")
    write(lj / "matcha/train.py", "import idoctor_fake_ljspeech_train\n")
    baker = root / "egs/baker_zh/TTS"
    write(baker / "prepare.sh", PREPARE)
    link(baker / "matcha/utils.py", "../../../ljspeech/TTS/matcha/utils.py")
    link(baker / "matcha/monotonic_align", "../../../ljspeech/TTS/matcha/monotonic_align")
    link(baker / "matcha/infer.py", "../../../ljspeech/TTS/matcha/infer.py")
    write(
        baker / "matcha/train.py",
        """\
        import sys
        from pathlib import Path

        sys.path.insert(0, str(Path(__file__).parent / "extra"))

        import idoctor_fake_present
        from utils import helper
        from models import Model
        from monotonic_align import maximum_path
        import extra_mod

        try:
            import idoctor_fake_optional
        except ImportError:
            idoctor_fake_optional = None


        def later():
            import idoctor_fake_nested
        """,
    )
    write(baker / "matcha/extra/extra_mod.py", "import idoctor_fake_via_syspath\n")
    write(baker / "matcha/models/__init__.py", "from .components import decoder\nModel = 1\n")
    write(baker / "matcha/models/components/__init__.py", "")
    write(
        baker / "matcha/models/components/decoder.py",
        "from ..base import x\nimport idoctor_fake_deep\n",
    )
    write(baker / "matcha/models/base.py", "x = 1\n")
    write(baker / "matcha/export_onnx.py", "import train\nimport idoctor_fake_onnx\n")
    write(baker / "matcha/export_onnx_hifigan.py", "import torch\n")
    write(baker / "matcha/onnx_pretrained.py", "from infer import load\n")
    write(baker / "local/generate_tokens.py", "import idoctor_fake_jieba\n")
    write(
        baker / "local/compute_fbank_baker_zh.py",
        "#!/usr/bin/env python3\nimport idoctor_fake_present\n",
    )
    return baker


def tacotron_tree(root: Path) -> Path:
    """A minimal icefall checkout whose baker_zh matcha tokenizer imports tacotron_cleaner;
    returns the recipe directory."""
    (root / "icefall").mkdir(parents=True)
    (root / "icefall" / "__init__.py").write_text("")
    recipe = root / "egs" / "baker_zh" / "TTS"
    (recipe / "matcha").mkdir(parents=True)
    (recipe / "prepare.sh").write_text("#!/bin/bash\n")
    (recipe / "matcha" / "tokenizer.py").write_text("import tacotron_cleaner.cleaners\n")
    (recipe / "matcha" / "train.py").write_text("from tokenizer import Tokenizer\n")
    for script in ("export_onnx", "export_onnx_hifigan", "infer", "onnx_pretrained"):
        (recipe / "matcha" / f"{script}.py").write_text("import train\n")
    return recipe
