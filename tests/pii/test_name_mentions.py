"""A name found once is found again wherever it recurs (guardrail.pii.recognizers.name_mentions)."""

from __future__ import annotations

import pytest

from guardrail.pii.recognizers.name_mentions import _recurring_phrases, _recurring_phrases_by_pattern

TEXTS = [
    "Chan Tai Man called. CHAN TAI MAN, again: chan,  tai man. Chan Tai Manson is someone else.",
    "xChan Tai Man and Chan Tai Man's file; Wong Siu Ming Wong Siu",
    "Wong Siu Ming Wong Siu Ming",
    "İstanbul: Chan Tai Man met wong siu ming",  # lower() lengthens İ: the pattern path
    "",
]
PHRASES = {"chan tai man", "wong siu ming", "wong siu", "tai man"}


@pytest.mark.parametrize("text", TEXTS)
def test_the_search_finds_what_one_case_insensitive_pattern_finds(text: str) -> None:
    assert _recurring_phrases(text, PHRASES) == _recurring_phrases_by_pattern(text, PHRASES)


def test_the_longest_name_wins_where_several_start_and_none_overlap() -> None:
    text = "Wong Siu Ming and wong siu"
    assert [text[a:b] for a, b in _recurring_phrases(text, PHRASES)] == ["Wong Siu Ming", "wong siu"]
    assert _recurring_phrases("Mr xWong Siu", PHRASES) == []
    assert _recurring_phrases(text, set()) == []
