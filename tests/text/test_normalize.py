from __future__ import annotations

import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from guardrail.text.normalize import _INVISIBLE, normalize


def test_every_format_character_counts_as_invisible() -> None:
    missing = [
        hex(c)
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) == "Cf" and not _INVISIBLE.match(chr(c))
    ]
    assert missing == []


def test_full_width_and_invisible_characters_fold_and_map_back() -> None:
    text = "電話９１２３\u200b４５６７"
    normalized = normalize(text)
    assert normalized.text == "電話 91234567"
    start = normalized.text.index("9")
    assert text[slice(*normalized.to_original(start, start + 8))] == "９１２３\u200b４５６７"


def test_ascii_is_returned_without_a_map() -> None:
    normalized = normalize("plain text 123")
    assert normalized.text == "plain text 123" and normalized.starts is None


@given(st.text())
def test_offsets_always_index_the_original(text: str) -> None:
    normalized = normalize(text)
    for i in range(len(normalized.text)):
        start, end = normalized.to_original(i, i + 1)
        assert 0 <= start <= end <= len(text)
        if end > start:
            assert unicodedata.normalize("NFKC", text[start:end]).strip() != "" or text[start:end].isspace()
