"""spaCy's PERSON guesses that are a drug before its dose or a street written short
(:func:`guardrail.pii.recognizers.ner._keep`), and a name beside a number that stays one."""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered, person_spans


@pytest.mark.parametrize(
    "text",
    [
        "Discharge meds: Clopidogrel 75mg daily, Bisoprolol 2.5mg daily",
        "我以前住 Fuk Wing St，好嘈",
    ],
)
def test_drugs_and_short_streets_are_no_names(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


def test_a_name_before_an_age_is_still_removed(redactor: Redactor) -> None:
    text = "Patient Mabel Ho 82 years old, admitted via AED"
    assert covered(redactor, text, "Mabel Ho", entity="PERSON")
