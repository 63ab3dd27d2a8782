"""Mainland resident identity card numbers: in a roster cell with no label, after
身份证 in a chat, in groups or broken by OCR, with a mistyped check character next to
its label; not an eighteen-digit reference whose date or check character is wrong, nor
a unified social credit code."""

from __future__ import annotations

import pytest

from guardrail.pii.recognizers.resident_id import check_character
from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered

FOUND = [
    ("FY2-0318\t覃秋菊\t注塑车间/操作工\t450103198605183570\t13711842093", "450103198605183570"),
    ("11-18 10:21 廖琬清：445221199203031262 电话 0086-159-8817-2066", "445221199203031262"),
    ("③司马骏，技术员，身份证 420111198801214 72X", "420111198801214 72X"),
    ("PRC ID card (front/back)   no. 441900 19990806 3136", "441900 19990806 3136"),
    ("受托人：伍小娟　身份证号 445121197003114828", "445121197003114828"),  # wrong check character, labelled
    ("ID copy on file (370202198302271652).", "370202198302271652"),
]
KEPT = [
    "统一社会信用代码 91440300359812476X",
    "订单编号 440304198907134527 已发货",  # fails its check, no identity word
    "交易单号 4200002718202612071153",
    "tracking 110105199913324567",  # month 13
]


@pytest.mark.parametrize(("text", "value"), FOUND)
def test_resident_id_numbers_are_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="CN_RESIDENT_ID")


@pytest.mark.parametrize("text", KEPT)
def test_references_of_the_same_length_are_kept(redactor: Redactor, text: str) -> None:
    assert not [d for d in redactor.analyze(text) if d.entity_type == "CN_RESIDENT_ID"]


def test_check_character_follows_iso_7064() -> None:
    assert check_character("11010519491231002") == "X"
    assert check_character("44030419890713452") == "6"
