"""引擎本身的消息：崩溃或超时的探测、目标 Python 解释器。"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "probe.crashed.title": "{probe} 探测在目标 Python 中崩溃",
    "probe.crashed.detail": "{interpreter} 以 {how} 退出。stderr 的最后几行：\n{stderr}",
    "probe.crashed.why": "该探测导入的某个包已损坏；通常重新安装它即可解决。",
    "probe.timeout.title": "{probe} 探测在 {timeout:g} 秒内没有响应",
    "probe.timeout.detail": "{interpreter} 在 {timeout:g} 秒后被终止。stderr 的最后几行：\n{stderr}",
    "probe.missing.title": "无法运行目标 Python {interpreter}",
    "probe.missing.detail": "{error}",
    "check.crashed.title": "检查项 {check} 在 icefall-doctor 内部出错",
    "check.crashed.detail": "{error}。这是 icefall-doctor 的 bug，请附上 --json 输出报告给我们。",
    "check.skipped_probe.title": "已跳过：{probe} 探测没有得到任何信息",
    "target.venv.title": "目标 Python：{interpreter}（虚拟环境 {name}）",
    "target.conda.title": "目标 Python：{interpreter}（conda 环境 {name}）",
    "target.system.title": "目标 Python：{interpreter}（系统 Python）",
    "target.differs.title": "icefall-doctor 运行在 {doctor} 中，但 recipe 会使用 {target}",
    "target.differs.detail": "检查项探测的是 {target}（PATH 上的第一个 python3，或 --python 指定的解释器）。",
    "target.none.title": "PATH 上没有 python3",
    "target.none.detail": "prepare.sh 和 train.py 调用的是 python3；请先激活你的环境。",
    "target.none.why": "recipe 脚本运行的是 PATH 上第一个 python3。",
    "summary.ok": "没有阻碍训练的问题。",
    "summary.blocked": "有 {n} 个问题阻碍训练。",
    "summary.warn": "{n} 个警告。",
    "summary.counts": "{ok} 项正常，{warn} 个警告，{fail} 个失败",
    "render.fix": "修复",
    "render.why": "原因",
    "render.more": "加上 -v 运行可查看全部信息及每个探测的耗时。",
    "render.also": "同时由以下检查项发现：{checks}",
    "render.blocks": "阻碍 {steps}",
    "summary.next_fix": "下一步：`icefall-doctor fix` 会给出其中 {n} 个问题的修复方法（`fix --apply` 会执行能自动执行的部分）。",
}
