"""Flats written the short way a logbook, a chat header or a neighbour writes them
(``3座18C``, ``A栋2603``, ``4座頂樓P1``, ``好似係26樓F``), with a log's time before them
kept out; an estate, block and floor listed with commas (``荃湾绿杨新邨，E座，17楼``); a capitalised surname that is also a word before a Chinese title (``Ma 太``); a
Chinese numeral doubled in English (``九三二七，double 五，零八``).

A ward or zone of a floor (``11樓B病房``) and a time's minutes stay outside.
Each case stands for a class of text, not for one document.
"""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered

FLATS = [
    ("| 16:50 | kenny | Z738120(5) | 3座18C | 李太 | 9876 0213 |", "3座18C"),
    ("19:25 有位男士話探5座27A，自稱徐小姐男朋友", "5座27A"),
    (
        "9/10\u300014:02\u3000宜家傢俬\u3000IK-5530178\u3000\u3000sam\u3000\u3000\u3000\u30006座22D\u3000\u30009688 1452",
        "6座22D",
    ),
    ("10\u300011:30\u3000HKTVmall\u3000\u3000何太\u3000\u3000\u30004座頂樓P1\u3000\u3000\u30006135 2290", "4座頂樓P1"),
    ("10:15 A栋2603 区晓雯：\n是我的，但我在香港", "A栋2603"),
    ("「就放喺佢阿媽度，好似係26樓F」", "26樓F"),
]


@pytest.mark.parametrize(("text", "value"), FLATS)
def test_short_written_flats_are_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="ADDRESS")


LISTED = [
    ("阿伦 Alan：荃湾绿杨新邨，E座，17楼，E座系近地铁嗰边", "荃湾绿杨新邨，E座，17楼"),
    ("佢哋住麗港城，3座，12樓A室", "麗港城，3座，12樓A室"),
    ("好彩！我哋第5期，8座12樓，近 Aeon 嗰邊出口", "第5期，8座12樓"),
]


@pytest.mark.parametrize(("text", "value"), LISTED)
def test_an_estate_block_and_floor_listed_with_commas_are_one_address(
    redactor: Redactor, text: str, value: str
) -> None:
    assert covered(redactor, text, value, entity="ADDRESS")
    assert all(d.entity_type != "ADDRESS" or not text[d.start : d.end].startswith("哋") for d in redactor.analyze(text))


def test_a_hall_and_its_floor_are_no_home(redactor: Redactor) -> None:
    assert not any(d.entity_type == "ADDRESS" for d in redactor.analyze("地點：沙田大會堂，3樓文娛廳"))


TIMED = [
    ("07:52 3座16楼C 陈太：\n门口有个箱", "3座16楼C"),
    ("21:10 2座10E嘅張小姐投訴樓上嘈", "2座10E"),
]


@pytest.mark.parametrize(("text", "value"), TIMED)
def test_a_log_s_time_before_a_flat_stays_outside_it(redactor: Redactor, text: str, value: str) -> None:
    spans = [text[d.start : d.end] for d in redactor.analyze(text) if d.entity_type == "ADDRESS"]
    assert spans == [value]


@pytest.mark.parametrize("text", ["探11樓B病房嘅病人", "會議喺3樓A區", "單位：11樓C室"])
def test_a_ward_or_zone_is_no_flat_and_a_label_s_flat_keeps_its_floor(redactor: Redactor, text: str) -> None:
    spans = [text[d.start : d.end] for d in redactor.analyze(text) if d.entity_type == "ADDRESS"]
    assert spans == (["11樓C室"] if text.startswith("單位") else [])


@pytest.mark.parametrize(
    ("text", "value"),
    [("保安問就話搵 Ma 太", "Ma"), ("多謝 Ma太!!! 下次請你飲茶", "Ma"), ("交俾 So 生，佢會簽收", "So")],
)
def test_a_word_like_surname_before_a_formal_title_is_a_name(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="PERSON")


@pytest.mark.parametrize("text", ["我 so 太 累", "ok 生日快樂", "Ma 姐 ok"])
def test_lower_case_words_and_a_sibling_title_stay(redactor: Redactor, text: str) -> None:
    assert not any(d.entity_type == "PERSON" for d in redactor.analyze(text))


def test_a_numeral_doubled_in_english_is_read_as_a_phone(redactor: Redactor) -> None:
    text = "[00:00:51] 申請人：九三二七，double 五，零八。"
    assert covered(redactor, text, "九三二七，double 五，零八", entity="PHONE_NUMBER")
