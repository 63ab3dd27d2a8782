"""Phones sent in two chat messages, dictated with 雙, half in numerals, or spaced about
a dot; a surname Po before a number, a reference's code in capitals before one; a CSV
whose last cell has commas of its own; and colleagues named by their initials. Each
with look-alikes that must stay."""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered, person_spans

SPLIT = [
    (
        "kelvin chan, [12.03.26 21:06]\n電話 6138\n\nkelvin chan, [12.03.26 21:07]\n7720 打唔通就whatsapp",
        ("6138", "7720"),
    ),
    (
        "[12/3 21:11] kelvin chan: 俾我個啦 9 3 5 1\n[12/3 21:11] kelvin chan: 0 6 8 2\n[12/3 21:12] rain: ok",
        ("9 3 5 1", "0 6 8 2"),
    ),
    (
        ">> Nora 蒲 ·· 21:06\n有發現請打我 九 二 三 四\n\n>> Nora 蒲 ·· 21:06\n五 六 七 八 (24小時開住)",
        ("九 二 三 四", "五 六 七 八"),
    ),
]
NOT_SPLIT = [
    "[21:03] 阿明: 單號 5712\n[21:04] 阿明: 5713",  # a reference, then the next one
    "[21:03] 阿明: 電話 0712\n[21:04] 阿明: 0713",  # no Hong Kong number starts with 0
    "電話 6138\n7720",  # two lines of one message: the phone patterns' business, not this one's
]
SPOKEN = [
    ("個女負責俾錢，手機 九一零四 三雙七 八（佢口講，照抄）", "九一零四 三雙七 八"),
    ("佢電話九八雙五 零三一六", "九八雙五 零三一六"),
    ("聯絡：男家母親樊太　9一七三 0四八六", "9一七三 0四八六"),
    ("聯絡：巫女士手機 9 4 5 0 · 3 2 8 8，細仔夜晚先得", "9 4 5 0 · 3 2 8 8"),
    ("可唔可以剩係俾電話 5  3  0  6 . 7  1  1  9", "5  3  0  6 . 7  1  1  9"),
    ("If you see her call owner:\nNora Po  9234 5678\nor a volunteer", "9234 5678"),
    ("2026-11-17 10:02  OUT  9624 8813  no answer, left VM", "9624 8813"),
    ("4. bernard (no full name) — HK$1,800 — 6 0 2 7 3 1 5 9", "6 0 2 7 3 1 5 9"),
    ("電話 6 1 5 8 — 0 2 7 4", "6 1 5 8 — 0 2 7 4"),
    ("CHAN TAI MAN 9123 4567", "9123 4567"),
    (
        "序号,姓名,证件类型,证件号码,手机,备注\n3,岑家怡,居民身份证,440604199605123128,13926 071 458,深圳同事，当天福田上车",
        "13926 071 458",
    ),
]
NOT_PHONES = [
    "PO 9234 5678 approved",
    "雙十一優惠，一雙鞋買二送一",
    "Total 1,234.50 . 7 items",
    "transfer ref will be OTT 7781 2096.",
    "Report made at Tin Shui Wai Police Station, RN TWDIST 26011845.",
]


@pytest.mark.parametrize(("text", "halves"), SPLIT)
def test_both_halves_of_a_number_sent_in_two_messages_are_found(
    redactor: Redactor, text: str, halves: tuple[str, str]
) -> None:
    first, second = halves
    assert covered(redactor, text, first, entity="PHONE_NUMBER")
    assert covered(redactor, text, second, entity="PHONE_NUMBER", at=text.rindex(second))


@pytest.mark.parametrize("text", NOT_SPLIT)
def test_four_digits_in_two_messages_need_an_offer_and_a_valid_number(redactor: Redactor, text: str) -> None:
    found = [text[d.start : d.end] for d in redactor.analyze(text) if d.entity_type == "PHONE_NUMBER"]
    assert not [value for value in found if len(value.replace(" ", "")) == 4]


@pytest.mark.parametrize(("text", "value"), SPOKEN)
def test_numbers_dictated_or_spaced_other_ways_are_found(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="PHONE_NUMBER")


@pytest.mark.parametrize("text", NOT_PHONES)
def test_look_alikes_of_those_numbers_stay(redactor: Redactor, text: str) -> None:
    assert not [d for d in redactor.analyze(text) if d.entity_type == "PHONE_NUMBER"]


INITIALS = [
    ("Translator: KC   Checker: PL   Seal: LB-CERT-07\nAssign to Crystal - KC is full this week.", ["KC", "PL"]),
    ("I've flagged Q3(b) to KC (Prof Kwok) and we'll bring both to KC on Friday.", ["KC"]),
    ('{"id": 7, "checked_by": "PL", "remark": "PL to call back"}', ["PL"]),
    ("Balance at recheck, RW said fine.\n\nThanks all\nCL", ["RW", "CL"]),
]
NOT_INITIALS = [
    "Please send the forms to HR by Friday. HR said they are fine.",
    "Flights from HK to KL and on to SG.",
    "Approved by GM; ticket PL-2024 closed by IT.",
    "Golden Wave II is free on Saturday, 8 hours from Sai Kung pier.",
]


@pytest.mark.parametrize(("text", "initials"), INITIALS)
def test_initials_where_a_person_stands_are_names_throughout(
    redactor: Redactor, text: str, initials: list[str]
) -> None:
    found = person_spans(redactor, text)
    for each in initials:
        assert found.count(each) + sum(each in value for value in found if value != each) == text.count(each)


@pytest.mark.parametrize("text", NOT_INITIALS)
def test_departments_places_and_codes_are_not_initials(redactor: Redactor, text: str) -> None:
    assert not [value for value in person_spans(redactor, text) if len(value) == 2 and value.isupper()]
