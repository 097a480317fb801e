"""The message catalog: phrases nest, reports round-trip, a broken template never raises."""

from __future__ import annotations

import pytest

from doctor.findings import Msg, msg
from doctor.messages import language, text


def test_a_phrase_parameter_is_rendered_in_place() -> None:
    m = msg("k2.plan.wheels.title", torch="2.7.1", build=msg("k2.plan.phrase.cuda", v="12.6"))
    assert text(m) == "One set of commands makes torch 2.7.1 (CUDA 12.6) and k2 fit this machine"


def test_nested_messages_round_trip_through_json() -> None:
    m = msg("k2.plan.ok.title", torch="2.7.1", build=msg("k2.plan.phrase.cpu"))
    assert Msg.from_json(m.to_json()) == m
    assert text(Msg.from_json(m.to_json())) == text(m)


@pytest.mark.raw_keys
def test_unknown_key_or_missing_parameter_shows_the_key() -> None:
    assert text(msg("no.such.key", a=1)) == "no.such.key(a=1)"
    assert text(msg("k2.plan.ok.title")) == "k2.plan.ok.title"


def test_language_comes_from_option_then_locale() -> None:
    assert language("en", {"LANG": "zh_CN.UTF-8"}) == "en"
    assert language(None, {"LANG": "en_US.UTF-8"}) == "en"
    assert language(None, {}) == "en"


def test_a_message_parameter_may_be_named_key_or_lang() -> None:
    """A rule's group (a config key read from a log) becomes a parameter named like msg's own
    argument: it renders, it does not crash."""
    m = msg("explain.config.key_unknown.summary", key="x", cfg_key="eval_wer", cls="Cfg")
    assert "eval_wer" in text(m) and "Cfg" in text(m)
