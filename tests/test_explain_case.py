"""A log's letters in another case (a retyped or shouted message) never crash explain."""

from __future__ import annotations

import pytest

from doctor.explain import evidence, explain_lines
from doctor.explain.params import EXTRACTORS

_ERRNO_TEXTS = [(e["category"], t) for e in evidence.data()["errno"] for t in e["text"]]


@pytest.mark.parametrize(("category", "message"), _ERRNO_TEXTS)
def test_an_os_error_in_other_letters_is_still_its_class(category: str, message: str) -> None:
    for line in (message.upper(), message.lower(), f"Error: {message.swapcase()} /data/x"):
        lead = explain_lines([line])[0]
        # a fragment alone ("unexpected pos") may be no error at all; never a crash
        assert lead.category in (category, "unknown", "no_error_log"), (line, lead.rule)


def test_an_extractor_that_fails_on_one_hit_leaves_the_others(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*_: object) -> dict[str, object]:
        raise ValueError("a table entry this wording does not fit")

    monkeypatch.setitem(EXTRACTORS, "errno", broken)
    log = ["OSError: [Errno 28] No space left on device", "CUDA out of memory. Tried to allocate"]
    found = explain_lines(log)
    assert found[0].category == "cuda_oom"
    assert all(d.rule != "os.errno" for d in found)
