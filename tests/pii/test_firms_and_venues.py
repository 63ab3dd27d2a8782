"""A partner's name inside a firm's, a venue after "The", a place named after someone and a
chatbot's persona are no person's mention; the same names as people, beside them, still are."""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import person_spans

FIRMS = [
    ("NG Kam Shing (solicitor: Lo & Partners)", "Lo"),
    ("Ho Ka Kei | Trainee Solicitor\nHo & Tam Solicitors | T 2521 0088", "Tam"),
    ("Yours faithfully,\nS. Kan\nfor Wong, Hui & Partners", "Hui"),
    ("We are hosting a dinner at The Aubrey on Saturday.", "Aubrey"),
    ("Saturday 10am at Kowloon Tsai Park, and Chloe-Ann brings balls.", "Park"),
    ("Please reserve space near Loke Yew Hall lift.", "Loke Yew"),
    ("ps Tong Wai Kin 同 Tong Kee Sports 無關", "Tong Kee"),
    ("14:02 Bot: Hi! I'm Ava, your virtual assistant. How can I help?", "Ava"),
    ("You are Max, an AI assistant for Harbour Bank.", "Max"),
    ("Seepage repaired on 20 Nov by Hop Lee Plumbing. She asked for the invoice.", "Hop Lee"),
    ("Locksmith Kwong Lee Locks booked for Friday.", "Kwong Lee"),
]
PEOPLE = [
    ("NG Kam Shing (solicitor: Lo & Partners)", "NG Kam Shing"),
    ("Ho Ka Kei | Trainee Solicitor\nHo & Tam Solicitors | T 2521 0088", "Ho Ka Kei"),
    ("Ask Mr Lo & his wife to sign.", "Mr Lo"),
    ("The Chan family will come at six.", "Chan"),
    ("Saturday 10am at Kowloon Tsai Park, and Chloe-Ann brings balls.", "Chloe-Ann"),
    ("ps Tong Wai Kin 同 Tong Kee Sports 無關", "Tong Wai Kin"),
    ("Hi, I'm Amy Lau, your relationship manager.", "Amy Lau"),
    ("Jun-seo Park and Ji-woo Park joined the team.", "Ji-woo Park"),
]


@pytest.mark.parametrize(("text", "word"), FIRMS)
def test_a_firm_or_a_venue_is_not_a_name(redactor: Redactor, text: str, word: str) -> None:
    assert not [value for value in person_spans(redactor, text) if word in value]


@pytest.mark.parametrize(("text", "name"), PEOPLE)
def test_people_beside_them_are_still_found(redactor: Redactor, text: str, name: str) -> None:
    assert name in person_spans(redactor, text)
