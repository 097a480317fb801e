"""Line breaking by terminal cells for mixed Chinese / ASCII text.

rich wraps at spaces only, so a run of Chinese with no space in it is one "word" that moves to
the next line whole and leaves the line before it half empty. Chinese may break between any two
characters, except before closing punctuation (，。）…) and after opening punctuation (（“…).
ASCII words, paths and commands are never broken unless one alone is wider than the line.
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size
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
    plain = line.plain
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
    pieces = line.divide(breaks) if breaks else [line]
    for piece in pieces:
        piece.rstrip()
    return list(pieces)


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


def cell_width(value: str) -> int:
    """How many terminal cells ``value`` takes (a Chinese character takes two)."""
    return cell_len(value)


def styled_label(label: str, style: str) -> str:
    """Markup for a heading such as "Fix: " or "修复：": the word and its colon in ``style``,
    the space after it (if the language puts one) outside."""
    word = label.rstrip()
    return f"[{style}]{escape(word)}[/]{label[len(word) :]}"
