"""An HKID whose two-letter prefix is spelled out with the digits (``C A 5 1 7 0 0 1 ( 9 )``):
the first letter, standing alone, belongs to the number when the check character says so."""

from __future__ import annotations

import pytest

from guardrail.pii.recognizers.hkid import check_character
from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered


@pytest.mark.parametrize(("prefix", "digits"), [("CA", "517001"), ("XA", "123456"), ("WX", "654321")])
def test_a_spelled_two_letter_prefix_is_covered(redactor: Redactor, prefix: str, digits: str) -> None:
    value = f"{prefix[0]} {prefix[1]} {' '.join(digits)} ( {check_character(prefix, digits)} )"
    text = f"我名 YIP Pui Kei，身份證 {value}\nok thx"
    assert covered(redactor, text, value, entity="HK_ID")


def test_a_word_before_a_one_letter_hkid_stays_outside(redactor: Redactor) -> None:
    value = f"A123456({check_character('A', '123456')})"
    text = f"Is it I {value}?"
    spans = [text[d.start : d.end] for d in redactor.analyze(text) if d.entity_type == "HK_ID"]
    assert spans == [value]


def test_a_check_digit_said_in_brackets_is_covered_with_the_words(redactor: Redactor) -> None:
    check = check_character("K", "374158")
    words = "zero one two three four five six seven eight nine".split()
    spoken = "K " + " ".join(words[int(d)] for d in "374158") + ", " + words[int(check)] + " in brackets"
    text = f'- he gave his hkid verbally as "{spoken}"\n  compare with file'
    assert covered(redactor, text, spoken, entity="HK_ID")
