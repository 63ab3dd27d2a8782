"""Which sentences NER sees: skipping one must never hide a name the patterns missed."""

from __future__ import annotations

import pytest

from guardrail.pii.ner_focus import ner_text


@pytest.mark.parametrize(
    "text",
    [
        "Translate to Chinese: Dear customer, your booking is confirmed.",
        "Summarise this complaint from Ms. A. about Case #58841.",
        "Please see Invoice 2031 and Appendix B, Section 4.",
        "Hello there, thanks for the update on Monday.",
    ],
)
def test_sentences_without_an_unexplained_name_skip_ner(text: str) -> None:
    assert ner_text(text, []) is None


def test_a_name_beside_a_title_or_label_still_goes_to_ner() -> None:
    text = "Dear Mr Whitcombe, Case #58841 is closed. Translate to Chinese."
    focus = ner_text(text, [])
    assert focus is not None
    assert "Whitcombe" in focus
    assert "Translate" not in focus  # the other sentence is blanked...
    assert len(focus) == len(text)  # ...to spaces, so offsets stay those of the text


def test_a_name_the_patterns_explained_does_not_need_ner() -> None:
    text = "Please call Ms Chan Tai Man today."
    start = text.index("Chan")
    assert ner_text(text, [(start, start + len("Chan Tai Man"))]) is None
