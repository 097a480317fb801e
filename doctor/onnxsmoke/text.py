"""The fixed test sentence to token ids, through tokens.txt and lexicon.txt (as sherpa-onnx's
Matcha front end does, without jieba: the longest lexicon entry at each position), then with the
blank (pad) id between every two ids and at both ends, as icefall's training, its
``onnx_pretrained.py`` and sherpa-onnx feed the acoustic model."""

from __future__ import annotations

from pathlib import Path

SENTENCE = "今天天气很好，我们一起去公园散步。"
PUNCTUATION = {"，": ",", "。": ".", "！": "!", "？": "?", "：": ":"}


def read_tokens(path: Path) -> dict[str, int]:
    """tokens.txt lines are '<token> <id>'; a line holding only an id is the space token."""
    table: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 1 and parts[0].isdigit():
            table[" "] = int(parts[0])
        elif len(parts) == 2 and parts[1].isdigit():
            table[parts[0]] = int(parts[1])
    return table


def read_lexicon(path: Path) -> dict[str, list[str]]:
    lexicon: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            lexicon.setdefault(parts[0], parts[1:])
    return lexicon


def token_ids(text: str, tokens: dict[str, int], lexicon: dict[str, list[str]]) -> list[int]:
    longest = max((len(w) for w in lexicon), default=1)
    ids: list[int] = []
    i = 0
    while i < len(text):
        for n in range(min(longest, len(text) - i), 0, -1):
            word = text[i : i + n]
            if word in lexicon:
                ids += [tokens[p] for p in lexicon[word] if p in tokens]
                i += n
                break
        else:
            mark = PUNCTUATION.get(text[i], text[i])
            if mark in tokens:
                ids.append(tokens[mark])
            i += 1
    return ids


def intersperse(ids: list[int], blank: int) -> list[int]:
    """[a, b] -> [blank, a, blank, b, blank]."""
    out = [blank] * (2 * len(ids) + 1)
    out[1::2] = ids
    return out


def blank_id(metadata: dict[str, str], tokens: dict[str, int]) -> int:
    """The model's pad_id (icefall's export writes it), else tokens.txt's "_", else 0."""
    value = metadata.get("pad_id", "")
    if value.isdigit():
        return int(value)
    return tokens.get("_", 0)
