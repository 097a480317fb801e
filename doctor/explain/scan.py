"""The streaming pass over a log: bounded memory whatever the log's length.

Text arrives in blocks of whole lines. One regex of literal anchors finds the few candidate
lines in a block; only those are tried against the rules. What is kept: the hits (at most
MAX_HITS per rule, the first ones and the latest), the last value of each context fact, the
last TAIL lines, and CONTEXT lines around each hit.

The prefilter's few triggers cover the whole log; at the end every rule is also tried on the
last TAIL lines (where a failure usually ends), so rules whose anchors no trigger covers still
find an error there without costing the long log one more scan.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import BinaryIO

from doctor.explain.model import Hit, Rule
from doctor.explain.rules import RuleSet

TAIL = 120
CONTEXT = 40
AFTER = 6
MAX_HITS = 4
BLOCK_BYTES = 1 << 20
BLOCK_LINES = 4096
BINARY_PROBE = 8192  # bytes of the start where a NUL byte means a binary file
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
MAX_LINE_BYTES = 8 * BLOCK_BYTES  # longer than this, a line is dropped, not kept whole

# What a log copied from a web page or a word processor carries in place of plain characters:
# typographic quotes, no-break spaces, HTML's entities for quotes and brackets. Read as the
# plain ones, so that "No module named ‘lhotse’" is the message it is.
_COPIED_CHARS = {
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2018": "'", "\u2019": "'",
    "\u201c": '"', "\u201d": '"',
}  # fmt: skip
_ENTITIES = {"&#39;": "'", "&#34;": '"', "&quot;": '"', "&lt;": "<", "&gt;": ">", "&amp;": "&"}
_ENTITY = re.compile("|".join(_ENTITIES))
# An exception's name set in bold by a markdown paste ("**ImportError**: cannot import ...").
_BOLD_EXCEPTION = re.compile(r"\*\*([A-Za-z_][\w.]{0,80}(?:Error|Exception))\*\*(?=:)")
# A file name a page turned into a link to itself when the log was copied from it
# ("[libm.so](https://libm.so/).6", "[trigger.py](https://trigger.py/)").
_AUTOLINK = re.compile(r"\[([^\]\s]{1,200})\]\(https?://([^)\s]{1,220})\)")


def _unlinked(m: re.Match[str]) -> str:
    name = m.group(1)
    return name if m.group(2).rstrip("/").lower() == name.lower() else m.group(0)


def plain_copy(block: str) -> str:
    """``block`` with what copying from a page put in place of plain characters made plain
    (and an exception's name unbolded).
    Plain ASCII (most logs) costs one pass; each character looked for is a fast substring test."""
    if not block.isascii():
        found = {ord(c): r for c, r in _COPIED_CHARS.items() if c in block}
        if found:
            block = block.translate(found)
    if "&" in block:
        block = _ENTITY.sub(lambda m: _ENTITIES[m.group(0)], block)
    if "*" in block and "**" in block:  # one character is a memchr scan: most logs have none
        block = _BOLD_EXCEPTION.sub(r"\1", block)
    return block


def unlinked(line: str) -> str:
    """``line`` with a file name a page turned into a link to itself made plain again. Done on
    the lines the rules read (candidates and the tail), not on every block: a substring search
    of a long log costs more than the few lines that reach the rules."""
    return _AUTOLINK.sub(_unlinked, line) if "](http" in line else line


@dataclass
class Context:
    value: str
    line_no: int
    groups: dict[str, str]


@dataclass
class ScanResult:
    hits: list[Hit] = field(default_factory=list)
    context: dict[str, Context] = field(default_factory=dict)
    context_at: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    tail: list[str] = field(default_factory=list)
    lines: int = 0
    binary: bool = False  # NUL bytes at the start: not a text log


class Scanner:
    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self.result = ScanResult()
        self._tail: deque[str] = deque(maxlen=TAIL)
        self._per_rule: dict[str, int] = {}
        self._pending: list[Hit] = []
        self._line_no = 0  # lines fed so far
        self._tried: deque[int] = deque(maxlen=TAIL)  # line numbers already tried

    def feed(self, block: str) -> None:
        """A block of whole lines, joined with '\\n' (a trailing newline is optional)."""
        if not block:
            return
        block = plain_copy(block)
        if self._line_no == 0 and "\0" in block[:8192]:
            self.result.binary = True
        lines_in_block = block.count("\n") + (not block.endswith("\n"))
        self._complete_pending(block)
        self._find(block)
        tail = block.rsplit("\n", TAIL + 1)
        self._tail.extend(tail[:-1] if block.endswith("\n") else tail)
        self._line_no += lines_in_block

    def _find(self, block: str) -> None:
        pos, no = 0, self._line_no + 1
        for start in sorted(_candidates(block, self.rules.triggers)):
            no += block.count("\n", pos, start)
            pos = start
            end = block.find("\n", start)
            line = unlinked(block[start : end if end >= 0 else len(block)])
            self._tried.append(no)
            self._try(line, no, block, start, end)

    def _try(self, line: str, no: int, block: str, start: int, end: int) -> None:
        for rule in self.rules.contexts_in(line):
            groups = rule.match(line)
            if groups is not None:
                self._context(rule, groups, no)
        for rule in self.rules.rules_in(line):
            groups = rule.match(line)
            if groups is not None:
                self._hit(rule, groups, line, no, block, start, end)

    def _context(self, rule: Rule, groups: dict[str, str], no: int) -> None:
        value = groups.get("value", "")
        self.result.context[rule.id] = Context(value, no, groups)
        trail = self.result.context_at.setdefault(rule.id, [])
        trail.append((no, value))
        del trail[: -MAX_HITS * 4]

    def _hit(self, rule: Rule, groups: dict[str, str], line: str, no: int, block: str,
             start: int, end: int) -> None:  # fmt: skip
        lo = max(0, start - CONTEXT * 200)
        before = block[lo : max(0, start - 1)].split("\n") if start else []
        if lo > 0:
            before = before[1:]  # a partial line
        if lo == 0 and len(before) < CONTEXT:
            before = list(self._tail)[-(CONTEXT - len(before)) :] + before
        after = _first_lines(block[end + 1 :] if end >= 0 else "", AFTER)
        hit = Hit(rule, no, line, groups, before[-CONTEXT:], after)
        self._keep(hit)  # at most MAX_HITS per rule: the first ones and the latest
        if len(after) < AFTER:
            self._pending.append(hit)

    def _complete_pending(self, block: str) -> None:
        for hit in self._pending:
            need = AFTER - len(hit.after)
            hit.after.extend(_first_lines(block, need))
        self._pending = [h for h in self._pending if len(h.after) < AFTER]

    def finish(self) -> ScanResult:
        self.result.tail = [unlinked(line) for line in self._tail]
        self.result.lines = self._line_no
        self._try_tail()
        if not self.result.hits:
            self._try_tail_any_case()
        return self.result

    def _try_tail_any_case(self) -> None:
        """Nothing matched: the tail once more, ignoring case (an issue title or a message
        someone retyped in lower case: "cuda out of memory. tried to allocate ...")."""
        rules = [any_case(rule) for rule in self.rules.rules if not rule.exact_case]
        for i, line in enumerate(self.result.tail):
            low = line.lower()
            for rule in rules:
                if any(a in low for a in rule.anchors):
                    groups = rule.match(line)
                    if groups is not None:
                        self._keep_tail(rule, i, line, groups)

    def _try_tail(self) -> None:
        """Every rule on the tail lines the prefilter did not already hand to them."""
        tail, tried = self.result.tail, set(self._tried)
        first = self._line_no - len(tail) + 1
        for i, line in enumerate(tail):
            if first + i in tried:
                continue
            for rule in self.rules.rules_in(line):
                groups = rule.match(line)
                if groups is not None:
                    self._keep_tail(rule, i, line, groups)
        self._try_wrapped(tail, first)

    def _try_wrapped(self, tail: list[str], first: int) -> None:
        """Rules on each two tail lines joined: a message wrapped by a terminal or a paste."""
        found = {(h.rule.id, h.line_no) for h in self.result.hits}
        for i in range(len(tail) - 1):
            if not wraps(tail[i], tail[i + 1]):
                continue
            text, cut = wrapped_pair(tail[i], tail[i + 1])
            for rule in self.rules.rules_in(text):
                if (rule.id, first + i) in found or (rule.id, first + i + 1) in found:
                    continue
                groups = rule.match_across(text, cut)
                if groups is not None:
                    self._keep_tail(rule, i, text, groups, span=2)

    def _keep_tail(
        self, rule: Rule, i: int, text: str, groups: dict[str, str], span: int = 1
    ) -> None:
        """A hit on tail line ``i`` (``span`` lines read as one), with the tail around it."""
        tail = self.result.tail
        before, after = tail[max(0, i - CONTEXT) : i], tail[i + span : i + span + AFTER]
        self._keep(Hit(rule, self._line_no - len(tail) + 1 + i, text, groups, before, after))

    def _keep(self, hit: Hit) -> None:
        count = self._per_rule.get(hit.rule.id, 0)
        self._per_rule[hit.rule.id] = count + 1
        hits = self.result.hits
        if count >= MAX_HITS:
            last = max(i for i, h in enumerate(hits) if h.rule.id == hit.rule.id)
            del hits[last]
        hits.append(hit)


WRAP_WIDTH = 60  # a shorter line ended where its writer ended it: no terminal wrapped it
_NEW_RECORD = re.compile(
    r"\s*(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|Traceback|File \"|\[|[\w.]+(?:Error|Exception|Warning):)"
)


@cache
def any_case(rule: Rule) -> Rule:
    """The rule with its patterns ignoring case; what it finds is a lead (someone retyped or
    paraphrased the message), not the program's own words."""
    patterns = tuple(re.compile(p.pattern, p.flags | re.IGNORECASE) for p in rule.patterns)
    anchors = tuple(a.lower() for a in rule.anchors)  # tried against the lowered line
    return dataclasses.replace(
        rule, anchors=anchors, patterns=patterns, doubt=rule.doubt or "any_case"
    )


def wraps(line: str, following: str) -> bool:
    """Whether ``following`` can be the rest of ``line``, wrapped: a long line, and a next line
    that does not start a record of its own (a timestamp, a traceback, an exception)."""
    if following.lstrip().startswith(":"):
        return True
    return len(line.strip()) >= WRAP_WIDTH and not _NEW_RECORD.match(following)


def wrapped_pair(line: str, following: str) -> tuple[str, int]:
    """Two lines as the one line they were before wrapping, and where they meet.

    A continuation that starts with ':' (a path, then ': undefined symbol: ...') joins as it is;
    a sentence's next words join with one space.
    """
    head, rest = line.rstrip(), following.strip()
    if rest.startswith(":"):
        return head + rest, len(head)
    return head + " " + rest, len(head)


def _first_lines(text: str, n: int) -> list[str]:
    parts = text.split("\n", n)
    if len(parts) <= n and parts[-1] == "":
        parts.pop()  # the text ended with a newline
    return parts[:n]


def _candidates(block: str, triggers: tuple[str, ...]) -> set[int]:
    """Start offsets of the lines holding a trigger: one str.find scan per trigger."""
    starts: set[int] = set()
    for trigger in triggers:
        i = block.find(trigger)
        while i >= 0:
            start = block.rfind("\n", 0, i) + 1
            starts.add(start)
            end = block.find("\n", i)
            if end < 0:
                break
            i = block.find(trigger, end)
    return starts


def scan_lines(lines: Iterable[str], rules: RuleSet) -> ScanResult:
    scanner = Scanner(rules)
    for block in _blocks(lines):
        scanner.feed(block)
    return scanner.finish()


def _blocks(lines: Iterable[str]) -> Iterator[str]:
    batch: list[str] = []
    for line in lines:
        batch.append(line if line.endswith("\n") else line + "\n")
        if len(batch) >= BLOCK_LINES:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def scan_stream(stream: BinaryIO, rules: RuleSet) -> ScanResult:
    """Read a binary stream in blocks of whole lines (never the whole stream)."""
    scanner = Scanner(rules)
    rest = b""
    first = True
    while True:
        chunk = stream.read(BLOCK_BYTES)
        if not chunk:
            break
        codec = _utf16_codec(chunk) if first else ""
        if codec:
            return _scan_utf16(scanner, chunk, stream, codec)
        if first and b"\0" in chunk[:BINARY_PROBE]:  # a binary file (or /dev/zero): no log
            scanner.feed(_decode(chunk[:BINARY_PROBE]))
            return scanner.finish()
        first = False
        data = rest + chunk
        cut = data.rfind(b"\n")
        if cut < 0:
            rest = data if len(data) < MAX_LINE_BYTES else b""  # one endless line: give up on it
            continue
        rest = data[cut + 1 :]
        scanner.feed(_decode(data[: cut + 1]))
    if rest:
        scanner.feed(_decode(rest))
    return scanner.finish()


def _utf16_codec(chunk: bytes) -> str:
    """The codec of a UTF-16 log, from its start; "" when it is not one. With a byte-order mark
    (Windows PowerShell's `>`), "utf-16" reads it; without one (Out-File -Encoding unicode),
    mostly ASCII text has every second byte NUL: the odd ones in little-endian, the even ones
    in big-endian."""
    if chunk[:2] in UTF16_BOMS:
        return "utf-16"
    head = chunk[: BINARY_PROBE - BINARY_PROBE % 2]
    if len(head) < 8:
        return ""
    even, odd = head[0::2], head[1::2]
    share_even, share_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if share_odd >= 0.9 and share_even <= 0.02:
        return "utf-16-le"
    if share_even >= 0.9 and share_odd <= 0.02:
        return "utf-16-be"
    return ""


def _scan_utf16(scanner: Scanner, first: bytes, stream: BinaryIO, codec: str) -> ScanResult:
    """A UTF-16 log in ``codec``, decoded as it streams, in whole lines."""
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    rest, data = "", first
    while data:
        text = rest + decoder.decode(data)
        cut = text.rfind("\n")
        if cut >= 0:
            scanner.feed(text[: cut + 1].replace("\r\n", "\n"))
            rest = text[cut + 1 :]
        else:
            rest = text if len(text) < MAX_LINE_BYTES else ""
        data = stream.read(BLOCK_BYTES)
    rest += decoder.decode(b"", final=True)
    if rest:
        scanner.feed(rest.replace("\r\n", "\n"))
    return scanner.finish()


def _decode(data: bytes) -> str:
    if b"\r\n" in data:
        data = data.replace(b"\r\n", b"\n")
    return data.decode("utf-8", errors="replace")


def scan_file(path: str | Path, rules: RuleSet) -> ScanResult:
    with open(path, "rb") as fh:
        return scan_stream(fh, rules)
