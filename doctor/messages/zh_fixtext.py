"""修复命令里的文字：命令后面的注释，以及需要用户替换的占位符。命令本身在任何语言下都原样保留。"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "fixtext.commented": "{cmd}  # {comment}",
    "fixtext.nm": "看看它依赖哪些符号",
    "fixtext.k2_cmake": "新版本 k2 的 CMake 才认识新的 GPU 架构",
    "fixtext.by_hand": "或者手动下载，然后执行：ln -sfv /path/to/data download/",
    "fixtext.k2_from_source": "# 从源码编译 k2：{url}",
    "fixtext.icefall_log": "  # 日志中的路径所在的 icefall 克隆目录",
    "fixtext.icefall_here": "  # 从这里找到的 icefall 克隆目录（ICEFALL_DIR、PYTHONPATH 或当前目录）",
    "fixtext.icefall_unknown": "  # 换成你的 icefall 克隆目录：包含 egs/ 和 icefall/ 的那个目录",
    "fixtext.k2_for": "  # 适用于 torch {torch}（{build}）和 Python {python}",
    "fixtext.k2_other_cpu": "  # CPU 版：+cpu.torch{torch} -f {page}",
    "fixtext.k2_other_cuda": "  # CUDA 版：+cuda<CUDA>.torch{torch} -f {page}",
    "fixtext.path_in": "<{code} 中的路径>",
    "fixtext.your_script": "<你的脚本> <参数>",
    "fixtext.train_cmd": "<你的训练命令>",
    "fixtext.the_package": "<该包>",
    "fixtext.the_script": "<该脚本>",
    "fixtext.script_only": "<你的脚本>",
    "fixtext.train_script": "{py} {script} <你的参数>",
}
