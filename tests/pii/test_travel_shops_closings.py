"""Personal data in travel papers, chats and shop records, and the look-alikes beside it
that must stay, in the forms this round's blind parts wrote them: each case stands for
a class, not for one text.

- names: a message's closing line, a compound pinyin surname, a parent speaking as the
  child's parent (``Jade Mama:``), a titled person's bracketed English name, a sibling
  before a compound Chinese surname, older given characters (勝);
- identifiers: passport letters apart from digits or in lower case, a BR number in
  halves with its branch suffix;
- kept: shops and firms named after people, a car's model, an institution named after
  its region, a date on a ticket, a reference's head, a frequent-flyer number, and
  abbreviations and field words that read like names.
"""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered, person_spans, untouched

NAMES = [
    # a known given name alone on a message's last line, word-like ones too
    ("結果大概8月尾出，全額 = $0 學費，半額就俾返一半」\n\nIvy", "Ivy"),
    ("Please confirm the seating plan by Friday.\n\nWinter Chan", "Winter Chan"),
    # a compound surname in pinyin, as a form's 拼音 line writes it
    ("学生姓名：慕容思琪\n拼音：MURONG SIQI", "MURONG SIQI"),
    ('英文名写成 "LAU YU HUEN"', "LAU YU HUEN"),
    # a parent who speaks in a chat as the child's parent
    ("K2B 家長群\n\nJade Mama: 各位媽咪 聽日記得帶 lunch box", "Jade"),
    # the English name a titled person goes by, in brackets
    ("| Rain Tse | Mrs Tse (Candy) | 9460 2218 | said will pay |", "Candy"),
    # a sibling before a full name with a compound surname
    ("現住址：元朗天水圍天恩邨恩慈樓8樓806室（暫住我妹上官凱欣屋企）", "上官凱欣"),
    # an older man's given character
    ("住址：深水埗北河街63號6樓D1房（業主伍德勝唔肯寫租單）", "伍德勝"),
    # given names Hong Kong uses that no dictionary lists
    ("$520/head, FPS to Bosco after confirm", "Bosco"),
]


@pytest.mark.parametrize(("text", "value"), NAMES)
def test_names_by_position_and_spelling_are_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="PERSON")


IDENTIFIERS = [
    # a passport's letters apart from its digits, or typed in lower case, after its label
    ("I'm on the HK residence, passport is Canadian: GA 302718", "GA 302718"),
    ("Applicant: Li-Anne Wong\nCurrent passport: ak 482915 (lower case on the old form)", "ak 482915"),
    # a BR number with its eight digits in halves and its branch suffix
    ("付款公司：Everbright Trading Company Limited（商業登記號碼 7193 4826-000-12-26-3）", "7193 4826-000-12-26-3"),
]


@pytest.mark.parametrize(("text", "value"), IDENTIFIERS)
def test_spaced_and_lower_case_identifiers_are_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value)


def test_a_possessive_s_is_no_part_of_a_phone_number(redactor: Redactor) -> None:
    text = "my employer's number got cut off, it's 9031 7742. i only have 1h45"
    [found] = redactor.analyze(text)
    assert (found.entity_type, text[found.start : found.end]) == ("PHONE_NUMBER", "9031 7742")


NOT_NAMES = [
    # shops and firms named after their owners
    "Booked via Bella Chan Beauty, 3 sessions.",
    "Receipt from Mandy Lau Nail & Lash Studio, Causeway Bay",
    "Consignee: Mrs. Wong's Bakery Supplies, Kwun Tong",
    "今日喺 Chan's Learning Hub 上堂",
    "Service at Cape Collinson Crematorium, Hall 2",
    # a car's model, an airport, an institution named after its region
    "Vehicle: Toyota Noah ZWR80, plate VH 2231",
    "Itinerary: NH 860 to Haneda 3 Mar",
    "我是华中科技大学计算机学院副教授",
    # abbreviations and field words that read as surnames or speakers
    "Hi, 我係 NGO 嘅 caseworker，想整理一份清單",
    "It's a complaint to the district councillor about the bus stop.\nDistrict Councillor (Southern District)",
    "Table 9 (公司): 10 seats\nTable 14: primary school teachers",
    # 封 and 張 as measure words after 寫, not surnames
    "我想寫封回信要求改期，因為嗰日要陪太太做手術。",
    # a compound surname's characters inside a phrase
    "請到上官方網站查詢",
]


@pytest.mark.parametrize("text", NOT_NAMES)
def test_firms_models_institutions_and_field_words_are_not_names(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


def test_a_manifests_field_word_is_no_part_of_the_name(redactor: Redactor) -> None:
    text = "Passenger 1: Mr Rajesh Kumar NAIR\nPassenger 2: Mrs Lakshmi NAIR"
    assert all("Passenger" not in name for name in person_spans(redactor, text))
    assert covered(redactor, text, "Rajesh Kumar NAIR", entity="PERSON")


KEPT = [
    # a ticket's date beside a passport number
    ("PASSPORT: P4827163B EXP 14MAR2031 PHL", "14MAR2031"),
    # the head of a hyphenated reference
    ("预约编号 SZ20261203-0418，请带通行证原件", "SZ20261203"),
    # a bag tag beside a flight, a passport on the line above
    ("Passport No. TK4821077 (JPN)\nFlight CX 543 NRT-HKG 17JUN, bag tag CX 221784", "CX 221784"),
    # an airline's frequent-flyer number
    ("PASSENGER NAME: DELA CRUZ/MARIA MS\nFREQUENT FLYER: PR 40218837\nPASSPORT: P4827163B", "PR 40218837"),
]


@pytest.mark.parametrize(("text", "value"), KEPT)
def test_dates_references_and_loyalty_numbers_are_no_passports(redactor: Redactor, text: str, value: str) -> None:
    assert untouched(redactor, text, value), text
