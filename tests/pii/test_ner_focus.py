"""Which sentences NER sees: skipping one must never hide a name the patterns missed."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guardrail.pii.ner_focus import ner_text
from guardrail.pii.spans import CoveringSpans, DisjointSpans


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


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=12), st.integers(0, 80), st.integers(0, 10))
def test_explained_spans_are_found_as_by_comparing_every_span(
    spans: list[tuple[int, int]], start: int, length: int
) -> None:
    pairs = [(s, s + n) for s, n in spans]
    brute = any(s <= start and start + length <= e for s, e in pairs)
    assert CoveringSpans(pairs).covers(start, start + length) is brute


def test_a_text_dense_with_explained_names_is_focused_in_near_linear_time() -> None:
    """Each capitalised word used to be compared with every finding of its chunk."""
    text = ". ".join(["Chan Tai Man"] * 1500) + ". Whitcombe"
    spans = [(m.start(), m.end()) for m in re.finditer("Chan Tai Man", text)]
    started = time.perf_counter()
    focus = ner_text(text, spans)
    assert time.perf_counter() - started < 0.5
    assert focus is not None and focus.strip() == "Whitcombe"


@given(st.lists(st.integers(0, 5), max_size=12), st.integers(0, 80), st.integers(0, 10))
def test_overlap_with_disjoint_spans_is_found_as_by_comparing_every_span(
    gaps: list[int], start: int, length: int
) -> None:
    pairs, position = [], 0
    for gap in gaps:  # disjoint spans of length 3, ``gap`` apart
        pairs.append((position + gap, position + gap + 3))
        position += gap + 3
    brute = any(start < e and s < start + length for s, e in pairs)
    assert DisjointSpans(pairs).overlap(start, start + length) is brute
