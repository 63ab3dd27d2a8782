"""Chinese addresses that end in a block with no floor after a word of living there
(``我住喺將軍澳日出康城首都2座``), and a block's number wrapped onto the line below its
estate's name (``緻藍天 ⏎1座 12樓 A室``); a block as a meeting point, or under a heading
that names no place, is no home.

Each case stands for a class of text, not for one document.
"""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered

HOMES = [
    ("小朋友話「我住喺將軍澳日出康城首都2座」，同表格一致", "將軍澳日出康城首都2座"),
    ("佢住喺沙田第一城12座，好近學校", "沙田第一城12座"),
    ("(1) 將軍澳 Lohas Park 晉海 II 3A座\n38樓 D室\n(2) 將軍澳 Lohas Park 緻藍天 \n1座 12樓 A室\n", "1座 12樓 A室"),
    ("(2) 沙田第一城 \n12座 8樓 C室\n\n聯絡電話：", "沙田第一城 \n12座 8樓 C室"),
]


@pytest.mark.parametrize(("text", "value"), HOMES)
def test_homes_ending_in_a_block_or_wrapped_are_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="ADDRESS")


def test_the_wrapped_estate_name_is_covered_too(redactor: Redactor) -> None:
    text = "(2) 將軍澳 Lohas Park 緻藍天 \n1座 12樓 A室\n\n如本人於6個月內購入"
    assert covered(redactor, text, "將軍澳 Lohas Park 緻藍天 \n1座 12樓 A室", entity="ADDRESS")


NOT_HOMES = [
    "去A座搵我，我喺大堂等",
    "我哋喺海港城2座門口等",
    "辦公室喺B座",
]


@pytest.mark.parametrize("text", NOT_HOMES)
def test_a_block_as_a_meeting_point_is_no_address(redactor: Redactor, text: str) -> None:
    assert not any(d.entity_type == "ADDRESS" for d in redactor.analyze(text))


def test_a_heading_above_a_wrapped_block_stays_outside(redactor: Redactor) -> None:
    text = "活動詳情\n3座 12樓 A室"
    spans = [text[d.start : d.end] for d in redactor.analyze(text) if d.entity_type == "ADDRESS"]
    assert spans == ["3座 12樓 A室"]
