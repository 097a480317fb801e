"""Line breaking by terminal cells for mixed Chinese / ASCII text.

rich wraps at spaces only, so a run of Chinese with no space in it is one "word" that moves to
the next line whole and leaves the line before it half empty. Chinese may break between any two
characters, except before closing punctuation (，。）…) and after opening punctuation (（“…).
ASCII words, paths and commands are never broken unless one alone is wider than the line.
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size
from rich.console import Console, JustifyMethod, OverflowMethod
from rich.containers import Lines
from rich.markup import escape
from rich.text import Text

# No line may start with these, nor end with OPENING.
CLOSING = frozenset("，。、；：！？）」』】》〉”’…—%,.;:!?)]}")
OPENING = frozenset("（「『【《〈“‘([{")


def wrap(body: Text, width: int) -> list[Text]:
    """``body`` as lines of at most ``width`` cells (a word wider than that is folded)."""
    lines: list[Text] = []
    for part in body.split("\n", allow_blank=True):
        lines.extend(_wrap_line(part, max(1, width)))
    return lines


def _wrap_line(line: Text, width: int) -> list[Text]:
    breaks = break_offsets(line.plain, width)
    pieces = line.divide(breaks) if breaks else [line]
    for piece in pieces:
        piece.rstrip()
    return list(pieces)


def break_offsets(plain: str, width: int) -> list[int]:
    """Where one line of text breaks to fit ``width`` cells."""
    breaks: list[int] = []
    used = 0
    for start, end in _units(plain):
        unit = plain[start:end]
        size = cell_len(unit.rstrip())
        if used + size <= width:
            used += cell_len(unit)
            continue
        if used and start:
            breaks.append(start)
            used = 0
        used = _fold(plain, start, end, width, breaks) if size > width else cell_len(unit)
    return breaks


def _fold(plain: str, start: int, end: int, width: int, breaks: list[int]) -> int:
    """Cut one over-wide word at cell boundaries; returns the cells used on its last line."""
    used = 0
    for i in range(start, end):
        size = get_character_cell_size(plain[i])
        if used + size > width and used and not plain[i].isspace():
            breaks.append(i)
            used = 0
        used += size
    return used


def _units(plain: str) -> list[tuple[int, int]]:
    """Spans that stay on one line, each with the spaces after it."""
    cuts = [i for i in range(1, len(plain)) if _may_break(plain[i - 1], plain[i])]
    bounds = [0, *cuts, len(plain)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if a < b]


def _may_break(before: str, after: str) -> bool:
    if after.isspace():
        return False
    if before.isspace():
        return True
    if after in CLOSING or before in OPENING:
        return False
    return _wide(before) or _wide(after)


def _wide(ch: str) -> bool:
    return get_character_cell_size(ch) == 2


class CellText(Text):
    """rich Text that breaks Chinese lines the way ``wrap`` does (between Chinese characters);
    text without wide characters wraps exactly as rich wraps it."""

    def wrap(
        self,
        console: Console,
        width: int,
        *,
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        plain = self.plain
        if no_wrap or self.no_wrap or not any(_wide(ch) for ch in plain):
            kw = {"justify": justify, "overflow": overflow, "tab_size": tab_size}
            return super().wrap(console, width, no_wrap=no_wrap, **kw)  # type: ignore[arg-type]
        how = justify or self.justify or "default"
        spill = overflow or self.overflow or "fold"
        lines = Lines()
        for line in self.split(allow_blank=True):
            if "\t" in line:
                line.expand_tabs(tab_size)
            pieces = line.divide(break_offsets(line.plain, width))
            for piece in pieces:
                piece.rstrip_end(width)
            pieces.justify(console, width, justify=how, overflow=spill)
            for piece in pieces:
                piece.truncate(width, overflow=spill)
            lines.extend(pieces)
        return lines

    @classmethod
    def of(cls, text: Text) -> CellText:
        return cls(
            text.plain,
            style=text.style,
            justify=text.justify,
            overflow=text.overflow,
            no_wrap=text.no_wrap,
            end=text.end,
            tab_size=text.tab_size,
            spans=list(text.spans),
        )


def styled_label(label: str, style: str) -> str:
    """Markup for a heading such as "Fix: " or "修复：": the word and its colon in ``style``,
    the space after it (if the language puts one) outside."""
    word = label.rstrip()
    return f"[{style}]{escape(word)}[/]{label[len(word) :]}"
