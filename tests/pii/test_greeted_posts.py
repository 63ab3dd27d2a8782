"""A greeting to a post (``Dear Hotel manager``) names no person; one to a person still does."""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered, person_spans


@pytest.mark.parametrize(
    "text",
    [
        "Dear Hotel manager,\n\nI stayed at your hotel from 3 to 6 Nov.",
        "Hi Support team, my order has not arrived.",
        "Dear Admissions officer, please find my form attached.",
    ],
)
def test_a_greeted_post_is_not_a_name(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dear Priya,\n\nThanks for the call.", "Priya"),
        ("Hi Chan Tai Man, your parcel is ready.", "Chan Tai Man"),
        ("Dear Amanda manager of the shop asked me to write.", "Amanda"),
    ],
)
def test_a_greeted_person_is_still_a_name(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON")
