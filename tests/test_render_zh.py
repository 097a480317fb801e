"""Chinese text on a terminal: lines wrap by cells (a Chinese character takes two), break between
Chinese characters but not inside ASCII words, keep punctuation off line starts, and tables and
padded columns line up."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from doctor.messages import t
from doctor.render.wrap import CLOSING, OPENING, wrap
from tests.helpers import run_cli
from tests.test_analyze_data import add_checkpoints, write_log

MIXED = (
    "lhotse 1.33 起不再自动安装 lilcom，但特征提取（prepare 的 stage 5）和训练都要读写 "
    "lilcom 压缩的特征：ModuleNotFoundError: No module named 'lilcom'；请运行 "
    "egs/baker_zh/TTS/prepare.sh 之前先安装它。"
)


@pytest.mark.parametrize("width", [40, 80])
def test_mixed_text_wraps_within_the_width_in_cells(width: int) -> None:
    lines = [line.plain for line in wrap(Text(MIXED), width)]
    assert len(lines) > 1
    assert all(cell_len(line) <= width for line in lines)
    assert max(cell_len(line) for line in lines[:-1]) >= width - 3  # lines are filled
    assert all(line[0] not in CLOSING for line in lines[1:])
    assert all(line[-1] not in OPENING for line in lines)
    assert re.sub(r"\s", "", "".join(lines)) == re.sub(r"\s", "", MIXED)  # nothing lost


@pytest.mark.parametrize("width", [40, 80])
def test_ascii_words_and_paths_stay_whole(width: int) -> None:
    lines = [line.plain for line in wrap(Text(MIXED), width)]
    words = {w for line in lines for w in line.split()}
    assert "ModuleNotFoundError:" in "".join(lines)
    assert "'lilcom'；请运行" in words or any("'lilcom'" in w for w in words)
    assert any("egs/baker_zh/TTS/prepare.sh" in line for line in lines)


def test_a_word_wider_than_the_line_is_folded_without_a_leading_space() -> None:
    para = Text("路径 /a/very/long/path/without/any/space.so 不存在")
    lines = [line.plain for line in wrap(para, 12)]
    assert all(cell_len(line) <= 12 for line in lines)
    assert all(not line.startswith(" ") for line in lines)


def test_styles_survive_the_wrap() -> None:
    lines = wrap(Text.from_markup("[bold]修复：[/]从这台机器能运行的 cpu wheel 包中安装 torch"), 20)
    assert lines[0].plain.startswith("修复：")
    assert any(span.style == "bold" for span in lines[0].spans)


def test_padded_columns_count_cells() -> None:
    rows = [
        t("runner.summary.step", "zh", step="训练", status="完成", seconds="3 s"),
        t("runner.summary.step", "zh", step="prepare", status="ok", seconds="4 s"),
    ]
    assert [cell_len(r[: r.index(" s") - 1]) for r in rows] == [24, 24]
    assert t("runner.summary.step", "en", step="train", status="ok", seconds="3 s") == (
        "  train    ok           3 s"
    )


def _separators(line: str) -> list[int]:
    cells, out = 0, []
    for ch in line:
        if ch in "│┃┼╇":
            out.append(cells)
        cells += cell_len(ch)
    return out


@pytest.mark.parametrize("columns", [40, 80])
def test_analyze_table_lines_up_in_chinese(tmp_path: Path, columns: int) -> None:
    write_log(tmp_path, 60, 35, noise=0.01)
    add_checkpoints(tmp_path, range(10, 61, 10))
    proc = run_cli("analyze", str(tmp_path), "--lang", "zh", env={"COLUMNS": str(columns)})
    assert proc.returncode == 0, proc.stderr
    assert "结论" in proc.stdout and "过拟合" in proc.stdout
    table = [line for line in proc.stdout.splitlines() if _separators(line)]
    assert len(table) >= 3
    assert all(cell_len(line) <= columns for line in table)
    assert len({tuple(_separators(line)) for line in table}) == 1


def test_rich_table_with_chinese_headers_measures_cells() -> None:
    from rich.table import Table

    console = Console(width=40, record=True, color_system=None)
    table = Table(show_edge=False, pad_edge=False)
    for key in ("steps", "size", "check", "rtf"):
        table.add_column(t(f"smoke.col.{key}", "zh"))
    table.add_row("3", "71.2 MB", t("smoke.ok", "zh"), "0.041")
    table.add_row("16", "71.2 MB", "缺少元数据 'model_type'", "0.120")
    console.print(table)
    lines = [line for line in console.export_text().splitlines() if line.strip()]
    assert all(cell_len(line) <= 40 for line in lines)
    assert len({tuple(_separators(line)) for line in lines if _separators(line)}) == 1
