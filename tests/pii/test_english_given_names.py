"""Common English given names the lists once lacked (Shaun, Chantelle, Milly, Tom, Luke, Sammi),
found alone, in lower case in notes, and signing a message; the ones that are also words
(grant, dean, scott, hilton) are names only where a name stands."""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import person_spans

NAMES = [
    ("boss might drop in after lunch, ask shaun re extra wristband", "shaun"),
    ("- gareth ok, chantelle STILL no surname.", "chantelle"),
    ("Please call the office or me on 9710 4463.\n\nMilly", "Milly"),
    ("Tom and Luke will bring the forms on Friday.", "Luke"),
    ("Grant Ho approved the budget.", "Grant Ho"),
    ("Eason and Sammi will bring the cake.", "Sammi"),
    ("Please cc Jackson Wong and Benson Lau.", "Benson Lau"),
]
WORDS = [
    "We need a grant for the new lab, said the dean.",
    "Scott's Emulsion is on the shelf; the dale was quiet.",
    "We stayed at the Hilton near the Newton campus.",
]


@pytest.mark.parametrize(("text", "name"), NAMES)
def test_common_english_given_names_are_found(redactor: Redactor, text: str, name: str) -> None:
    assert name in person_spans(redactor, text)


@pytest.mark.parametrize("text", WORDS)
def test_the_words_among_them_stay_words(redactor: Redactor, text: str) -> None:
    found = " ".join(person_spans(redactor, text)).lower()
    assert not any(word in found for word in ("grant", "dean", "dale", "hilton", "newton"))
