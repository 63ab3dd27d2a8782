"""An estate's group chat as mainland property apps export it: each sender's flat beside
the name (``3栋1502 覃淼 09:20``, ``lily 9栋 19:15``), a mobile right before the next
message's time, and mainland offices' titles after a surname (``王科员``, ``刘专员``)."""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered

CHAT = (
    "3栋1502 覃淼 09:20\n@物业 我家卫生间天花板又渗水了\n"
    "3栋1602 邬喆 09:31\n楼上是我家，昨天已经让人查过了\n"
    "lily 9栋 09:35\n我们这栋也是\n"
    "3栋1502 覃淼 09:40\n好的谢谢\n"
    "lily 9栋 09:41\n收件人写的 郭筱雨 177 2093 4416 10:16 到的\n"
)


@pytest.mark.parametrize(("value", "at"), [("覃淼", 7), ("邬喆", 40), ("lily", 65), ("覃淼", 93), ("lily", 107)])
def test_a_sender_beside_her_flat_is_a_name(redactor: Redactor, value: str, at: int) -> None:
    assert CHAT[at : at + len(value)] == value
    assert covered(redactor, CHAT, value, entity="PERSON", at=at)


def test_the_flat_stays_an_address_of_its_own(redactor: Redactor) -> None:
    assert covered(redactor, CHAT, "3栋1502", entity="ADDRESS")


def test_a_mobile_before_a_time_is_a_phone(redactor: Redactor) -> None:
    assert covered(redactor, CHAT, "177 2093 4416", entity="PHONE_NUMBER")


def test_a_number_run_into_the_next_one_is_still_no_phone(redactor: Redactor) -> None:
    text = "批次 177 2093 4416 1016 件"
    assert not any(d.entity_type == "PHONE_NUMBER" and d.end > text.index("1016") for d in redactor.analyze(text))
