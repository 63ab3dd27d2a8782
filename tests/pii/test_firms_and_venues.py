"""A partner's name inside a firm's and a venue after "The" are no person's mention;
the same surnames as people, beside them, still are."""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import person_spans

FIRMS = [
    ("NG Kam Shing (solicitor: Lo & Partners)", "Lo"),
    ("Ho Ka Kei | Trainee Solicitor\nHo & Tam Solicitors | T 2521 0088", "Tam"),
    ("Yours faithfully,\nS. Kan\nfor Wong, Hui & Partners", "Hui"),
    ("We are hosting a dinner at The Aubrey on Saturday.", "Aubrey"),
]
PEOPLE = [
    ("NG Kam Shing (solicitor: Lo & Partners)", "NG Kam Shing"),
    ("Ho Ka Kei | Trainee Solicitor\nHo & Tam Solicitors | T 2521 0088", "Ho Ka Kei"),
    ("Ask Mr Lo & his wife to sign.", "Mr Lo"),
    ("The Chan family will come at six.", "Chan"),
]


@pytest.mark.parametrize(("text", "word"), FIRMS)
def test_a_firm_or_a_venue_is_not_a_name(redactor: Redactor, text: str, word: str) -> None:
    assert not [value for value in person_spans(redactor, text) if word in value]


@pytest.mark.parametrize(("text", "name"), PEOPLE)
def test_people_beside_them_are_still_found(redactor: Redactor, text: str, name: str) -> None:
    assert name in person_spans(redactor, text)
