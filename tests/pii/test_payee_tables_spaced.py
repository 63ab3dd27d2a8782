"""Names in forms a blind set of invoices, HR tables, draw sheets and agents' chats wrote:
a payee in brackets after an FPS number or after "name shows as", a two-column
``| Field | Value |`` table, a Chinese name letter-spaced or padded to a column's width,
a lower-case ``given surname`` followed by Cantonese syllables; and a chat speaker's
agency in brackets, which is not part of the name.

Each case stands for a class of text, not for one document.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import PROPERTY, covered, person_spans
from tests.pii.test_names import assert_removed

NAMES = [
    # a payee in brackets after a phone or account number; what a screen shows
    ("Payment within 30 days.\nFPS: 6011 2234 (CHEUNG MELODY)  or FPS ID 1234567", "CHEUNG MELODY"),
    ("Transfer to 012-345-678901 (Lai Wing Yan) before Friday.", "Lai Wing Yan"),
    ("call 6 2 3 4 - 8 8 1 9 (name shows as PATEL R K) if urgent", "PATEL R K"),
    ("the account is registered under the name Ho Siu Fan since 2019", "Ho Siu Fan"),
    # the name a card carries
    ("Amex 3782 822463 10005 exp 11/27 name on card C ARMITAGE", "C ARMITAGE"),
    ("deposit charged (Visa, name C Y CHAN)", "C Y CHAN"),
    # a two-column key/value table whose label says a person
    ("| Field | Response |\n|---|---|\n| Staff no. | 2231 |\n| Preferred name | Candy |\n| Grade | 7 |", "Candy"),
    ("| Item | Detail |\n|---|---|\n| English name | Peach |\n| Team | Ops |\n\nPeach said she would return.", "Peach"),
    # Hong Kong given syllables in romanised names
    ("Please add Leung Hiu Ching as a signatory.", "Leung Hiu Ching"),
    ("My name on the results was spelt Ho Chi Kuan instead.", "Ho Chi Kuan"),
    # a lower-case English given name, surname, then Cantonese given syllables
    ("notes (raw)\n\nvincent lau kai ming - joined 2021 as analyst", "vincent lau kai ming"),
]


@pytest.mark.parametrize(("text", "value"), NAMES)
def test_payee_table_and_syllable_names_are_removed(redactor: Redactor, text: str, value: str) -> None:
    assert_removed(redactor, text, value)
    assert covered(redactor, text, value, entity="PERSON")


SPACED = [
    ("場1\u3000梁家輝\u3000對\u3000何俊傑\n場2\u3000黃\u3000子\u3000朗\u3000對\u3000陳志強", "黃\u3000子\u3000朗"),
    ("1. 李家樂\u300055歲\n2. 周\u3000明\u300047歲\n3. 何俊傑\u300033歲", "周\u3000明"),
    ("得獎者：陳 嘉 欣（中三）", "陳 嘉 欣"),
]


@pytest.mark.parametrize(("text", "value"), SPACED)
def test_spaced_and_padded_chinese_names_are_removed(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="PERSON")


NOT_NAMES = [
    # letter-spaced headings are words, not names
    "通\u3000告\n\n各位家長：本校將於下星期舉行陸運會。",
    "申 請 表\n\n請填寫以下資料",
    "會\u3000議\u3000紀\u3000錄",
    # a number with a place or a bank's branch in brackets
    "Call 2345 6789 (Kowloon Tong) or 2345 6790 (Main Office).",
    "Account 012-345-678901 (HSBC Tsim Sha Tsui)",
    "The card holder will sign on collection.",
    "Visa card, name as printed on it",
]


@pytest.mark.parametrize("text", NOT_NAMES)
def test_headings_and_places_are_not_names(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


def test_a_speakers_agency_in_brackets_is_not_part_of_the_name(redactor: Redactor) -> None:
    text = (
        "[29/11/2026, 10:02] Agent Joanne (Ricacorp): 聽日睇樓\n"
        "[29/11/2026, 10:05] Mr Ho: ok\n"
        "[29/11/2026, 10:06] Agent Joanne (Ricacorp): 冇問題"
    )
    found = person_spans(redactor, text)
    assert "Joanne" in found
    assert not any("Ricacorp" in span for span in found)


_SURNAMES = "陳李張黃何林梁周"
_GIVEN = "家志嘉子明俊欣婷朗偉"


@PROPERTY
@given(
    surname=st.sampled_from(_SURNAMES),
    given_chars=st.text(alphabet=_GIVEN, min_size=2, max_size=2),
    gap=st.sampled_from([" ", "\u3000"]),
)
def test_any_letter_spaced_roster_name_is_removed(redactor: Redactor, surname: str, given_chars: str, gap: str) -> None:
    name = gap.join(surname + given_chars)
    text = f"場1\u3000梁家輝\u3000對\u3000何俊傑\n場2\u3000{name}\u3000對\u3000歐陽子軒\n"
    first = redactor.redact(text)
    assert covered(redactor, text, name, entity="PERSON")
    assert all(0 <= d.start < d.end <= len(text) for d in first.detections)
    assert redactor.redact(first.text).text == first.text


GIVEN_KE = [
    ("細路叫Coco，中文名鍾可晴，阿媽陪佢嚟", "鍾可晴"),
    ("學生：陳可欣\u3000班別：3A", "陳可欣"),
]


@pytest.mark.parametrize(("text", "value"), GIVEN_KE)
def test_names_whose_given_name_starts_with_ke_are_removed(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="PERSON")


@pytest.mark.parametrize("text", ["請問李生可否改期", "呢個方案可行，陳可以負責", "王可能會遲到"])
def test_ke_as_a_word_after_a_surname_is_no_name(redactor: Redactor, text: str) -> None:
    assert not any(len(span) >= 2 and "可" in span for span in person_spans(redactor, text))


ROLES_AND_WORDS = [
    # a role greeted in a letter's salutation
    "Dear Organiser,\n\nMy result shows DNF.",
    "Dear Applicant,\nThank you for your interest.",
    "Dear Attendee, the venue has changed.",
    # a word that starts with two surname characters (任何 'any') before a noun
    "但至今未收到任何消息，擔心係咪聯絡電話寫錯咗。",
]


@pytest.mark.parametrize("text", ROLES_AND_WORDS)
def test_greeted_roles_and_surname_led_words_are_not_names(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("Dear Brent,\nthanks", "Brent"), ("客戶辛蘇麗珍，今日嚟過", "辛蘇麗珍"), ("Dear Vincent,\nhi", "Vincent")],
)
def test_greeted_names_and_double_surnames_stay_names(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="PERSON")


def test_a_parent_by_her_doubled_name_ends_a_signup_entry(redactor: Redactor) -> None:
    text = "接龍：\n1. 歐陽一諾 媽媽苗苗 6123 4567\n2. 陳小明 媽媽看看 9123 4567"
    assert covered(redactor, text, "苗苗", entity="PERSON")
    assert "看看" not in person_spans(redactor, text)
