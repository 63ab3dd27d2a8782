"""Identifiers as scans misread them and as callers read them out, and names spelt on the phone.

Each class was taught after the corpus's dev265-dev268 parts (scanned forms, chat exports,
call transcripts): a scan's ``S`` for a 5 among digits and a document number's digits
misread after its letter; a card whose last group wraps onto an indented line or a table
cell's next line; an IPv4 address read out with "dot" or 点; a mail domain with a hyphen
said; an HKID's check digit said "in brackets"; a group of digits said again after an
"uh"; and a found name spelt with a word for each letter. The look-alikes stay: a phone
model's ``5S``, an identity card's own letter ``S``, a version number read out, times
said with 点, and a list that only says "A for apples".
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guardrail.pii.redactor import Redactor
from guardrail.text.normalize import normalize
from tests.pii.coverage import PROPERTY, covered, untouched

FOUND = [
    # A scan's S for 5, after a digit of its group
    ("Tel 9l36 2O8S\n租客 Tenant", "9l36 2O8S", "PHONE_NUMBER"),
    ("Mobile +852 6S43 9l07     email", "+852 6S43 9l07", "PHONE_NUMBER"),
    ("阿媽黎太都想改電話 2S58 O914，叫佢另填表", "2S58 O914", "PHONE_NUMBER"),
    ("CHAN KITCHEN LIMITED     BR No. 3S9O4417", "3S9O4417", "HK_BUSINESS_REG"),
    ("l 香港身份證號碼\nl\u3000C17S3O5(5)\nl 簽發日期", "C17S3O5(5)", "HK_ID"),
    # A document number's digits misread after its letters
    ("Passport No. | H7731O562     |", "H7731O562", "HK_PASSPORT"),
    ("经办人 吴振宇（回乡证 H22O7 4815，电话 +86 l59 8O2O 3317）", "H22O7 4815", "HK_PASSPORT"),
    # A card's last group on an indented line or a table cell's next line
    ("付款方式：银联卡\n  6221 6669 7519\n  6823\n持卡人 张伟文", "6221 6669 7519\n  6823", "CREDIT_CARD"),
    ("charge to Co. Amex 3773 138295\n         | 50054 (holder)", "3773 138295\n         | 50054", "CREDIT_CARD"),
    # An IPv4 address read out
    (
        "it says my IP is one eight five dot two two oh dot one oh one dot seven, I dunno",
        "one eight five dot two two oh dot one oh one dot seven",
        "IP_ADDRESS",
    ),
    ("登录IP是幺九八 点 五幺 点 幺零零 点 二十三，您认识吗？", "幺九八 点 五幺 点 幺零零 点 二十三", "IP_ADDRESS"),
    ("来源IP是幺幺三 点 七十六 点 二零八 点 十四，已被拦截。", "幺幺三 点 七十六 点 二零八 点 十四", "IP_ADDRESS"),
    # A mail domain's hyphen said
    (
        "or email winnie dot cheung at harbourline hyphen logistics dot com dot h k. Thanks.",
        "winnie dot cheung at harbourline hyphen logistics dot com dot h k",
        "EMAIL_ADDRESS",
    ),
    (
        "Caller: eric at brightpath hyphen trading dot com dot hk。",
        "eric at brightpath hyphen trading dot com dot hk",
        None,
    ),
    # An HKID's check digit said "in brackets"
    ("HKID Y seven oh eight one eight oh, in brackets two. Y as in yellow.", "Y seven oh eight one eight oh", "HK_ID"),
    # A group said again after "uh"
    (
        "Derek's own is five three oh eight, two one, uh, two one seven seven. Thanks",
        "five three oh eight, two one, uh, two one seven seven",
        "PHONE_NUMBER",
    ),
    # A found name spelt with a word for each letter
    (
        "this is um Raymond Tse, that's T-S-E, T for tango, S for sugar, E for echo, calling",
        "T for tango, S for sugar, E for echo",
        "PERSON",
    ),
    ("I'm Oliver Grant, G-R-A-N-T, G for golf, R for romeo, er, you get it.", "G for golf, R for romeo", "PERSON"),
]


@pytest.mark.parametrize(("text", "value", "entity"), FOUND)
def test_scanned_and_read_out_values_are_found(redactor: Redactor, text: str, value: str, entity: str | None) -> None:
    assert covered(redactor, text, value, entity=entity)


KEPT = [
    ("The iPhone 5S and the Model S are both older than 2O24.", "5S"),
    ("version one dot two dot three dot four of the app is out", "one dot two dot three dot four"),
    ("会议三点开始，一点二点三点四的次序不能乱。", "一点二点三点四"),
    ("Plan for the week: A for apples, B for bananas, then lunch.", "A for apples, B for bananas"),
]


@pytest.mark.parametrize(("text", "value"), KEPT)
def test_look_alikes_stay(redactor: Redactor, text: str, value: str) -> None:
    assert untouched(redactor, text, value)


def test_an_identity_cards_letter_s_is_not_read_as_a_digit() -> None:
    assert "S661859(8)" in normalize("HKID  S66l859(8)        Mobile").text


def test_a_group_said_again_after_a_pause_is_said_once() -> None:
    assert "5 3 0 8 2 1 7 7" in normalize("his own is five three oh eight, two one, uh, two one seven seven.").text


def test_a_spoken_address_maps_back_to_all_it_was_said_as() -> None:
    text = "IP is one one two dot one one eight dot two oh five dot nine, ok"
    normalized = normalize(text)
    at = normalized.text.index("112.118.205.9")
    start, end = normalized.to_original(at, at + len("112.118.205.9"))
    assert text[start:end] == "one one two dot one one eight dot two oh five dot nine"


_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_NUMERALS = "零一二三四五六七八九"


@PROPERTY
@given(
    st.lists(st.integers(0, 255), min_size=4, max_size=4).filter(lambda parts: len("".join(map(str, parts))) >= 7),
    st.booleans(),
)
def test_any_address_read_out_is_removed(redactor: Redactor, parts: list[int], chinese: bool) -> None:
    if chinese:
        said = " 点 ".join("".join(_NUMERALS[int(d)] for d in str(part)) for part in parts)
        text = f"登录IP是{said}，您认识吗？"
    else:
        said = " dot ".join(" ".join(_WORDS[int(d)] for d in str(part)) for part in parts)
        text = f"the page says my IP is {said}, I am on the office VPN"
    assert covered(redactor, text, said, entity="IP_ADDRESS")
    redacted = redactor.redact(text).text
    assert said not in redacted
    assert redactor.redact(redacted).text == redacted


@pytest.mark.parametrize(
    ("text", "value"),
    [("致：景峰苑業主立案法團\n本人梁太就外牆維修工程投訴。", "景峰苑"), ("新界葵涌景峰路8號景峰苑管理處收", "景峰苑")],
)
def test_an_estate_before_the_body_that_runs_it_is_no_name(redactor: Redactor, text: str, value: str) -> None:
    found = [d for d in redactor.analyze(text) if d.entity_type == "PERSON"]
    start = text.index(value)
    assert not any(d.start < start + len(value) and start < d.end for d in found)


@pytest.mark.parametrize(
    "text", ["I received: the page says my IP is <IP_ADDRESS>.", "Please check your PC and the ID on the badge."]
)
def test_an_acronym_after_a_determiner_is_no_surname(redactor: Redactor, text: str) -> None:
    assert not [d for d in redactor.analyze(text) if d.entity_type == "PERSON"]
