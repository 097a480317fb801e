"""lhotse 检查项的消息。"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "lhotse.ok.title": "lhotse {version}",
    "lhotse.missing.title": "没有安装 lhotse",
    "lhotse.missing.detail": "数据准备和训练都通过 lhotse 读取数据；baker_zh 的下载和准备脚本需要 {need} 或更新版本。",
    "lhotse.install.why": "在此环境中安装当前版本的 lhotse。",
    "lhotse.import_fail.title": "lhotse {version} 已安装，但无法导入",
    "lhotse.import_fail.detail": "{error}",
    "lhotse.old.title": "lhotse {version} 低于 {need}",
    "lhotse.old.detail": "baker_zh 的下载和准备脚本需要 lhotse {need} 或更新版本。",
    "lhotse.lilcom.ok.title": "lilcom {version}",
    "lhotse.lilcom.missing.title": "没有安装 lilcom",
    "lhotse.lilcom.missing.detail": "lhotse 1.33 起不再自动安装 lilcom，但特征提取（prepare 的 stage 5）和训练都要读写 lilcom 压缩的特征：{error}",
    "lhotse.lilcom.why": "安装 lhotse 用于压缩 fbank 特征的库。",
    "lhotse.cli.ok.title": "lhotse 命令：{path}",
    "lhotse.cli.missing.title": "PATH 上没有 lhotse 命令",
    "lhotse.cli.missing.detail": "prepare.sh 会运行 `lhotse ...`；请激活 {python} 所在的环境，使其 bin 目录位于 PATH 上。",
    "lhotse.audio.ok.title": "lhotse 能读取 wav 文件",
    "lhotse.audio.fail.title": "lhotse 无法读取 wav 文件",
    "lhotse.audio.fail.detail": "没有可用的音频后端：{error}",
    "lhotse.audio.why": "soundfile 是 lhotse 首选的音频后端。",
}
