"""env-script 写出的 shell 片段中的注释，以及在 rc 文件中写入或删除标记块时的错误。"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "envscript.written": "由 icefall-doctor 写入；`icefall-doctor env-script --write` 会重写这一段。",
    "envscript.written.conda": "由 icefall-doctor 写入（env-script --conda）。",
    "envscript.no_icefall": "没有找到 icefall 源码目录：请加上 --icefall DIR 重新运行",
    "rc.damaged": "icefall-doctor 的配置块已损坏（{begins} 行 '{begin}'，{ends} 行 '{end}'）",
    "rc.damaged.hint": "手动编辑这个文件，让其中只有一个完整的配置块，或者一个都没有",
    "rc.hand_edited": "icefall-doctor 的配置块被手动改过：{line}{more}会丢失；未做任何改动",
    "rc.hand_edited.hint": "把你自己的行移到 '{begin}' 之上或 '{end}' 之下，然后重新运行",
    "rc.more": "（另有 {n} 行）",
    "rc.unreadable": "无法读取 {path}：{error}",
    "rc.unreadable.hint": "修复这个文件，或用 --file 指定别的文件",
    "rc.use_file": "用 --file 指定文件",
    "rc.not_regular": "{path} 不是普通文件（是设备、FIFO 或套接字）；没有做任何修改",
    "rc.not_regular.hint": "用 --file 指定一个普通文件，或手动粘贴打印出的片段",
    "rc.too_big": "{path} 有 {mib} MiB：不像是 shell 启动文件；没有做任何修改",
    "rc.is_dir": "{path} 是一个目录",
    "rc.is_dir.hint": "用 --file 指定一个文件",
    "rc.denied": "无法读取 {path}：权限不足",
    "rc.unwritable": "无法写入 {path}：{error}；未做任何改动",
    "rc.full.hint": "清理一些磁盘空间，或者手动粘贴上面打印的片段",
    "rc.perm.hint": "给它加上写权限（chmod u+w），或用 --file，或者手动粘贴上面打印的片段",
    "rc.rofs.hint": "文件系统是只读的：用 --file 指定其他位置的文件，或者手动粘贴片段",
    "rc.rofs": "{path} 位于只读文件系统上；未做任何改动",
    "rc.read_only": "{path} 是只读的；未做任何改动",
    "rc.no_folder": "目录 {path} 不存在",
    "rc.no_folder.hint": "先创建它，或用 --file",
    "rc.no_create": "无法在 {path} 中创建文件；未做任何改动",
}
