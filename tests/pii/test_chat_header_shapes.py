"""Senders of chat exports in shapes no rule names, read from the repeated header line;
a shop, a bot, a class or a kin word speaking is no person, nor a brand the text
names as a business elsewhere."""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import person_spans

SENDERS = [
    (
        (
            "2026/03/10 19:10 - crystal.m: hi 我想學自動波\n2026/03/10 19:11 - crystal.m: 我 L牌已經攞咗\n"
            "2026/03/10 19:12 - 🚗黃sir私人教車: ok"
        ),
        "crystal.m",
    ),
    (
        "bb wai, [12.03.26 21:15]\n我要兩套\n\nKelvin (admin), [12.03.26 21:43]\n收到\n\nbb wai, [12.03.26 21:50]\nthx",
        "bb wai",
    ),
    (">> ling姐 🐱 ·· 21:04\n各位\n\n>> shing 🚲 ·· 21:31\n啱啱\n\n>> ling姐 🐱 ·· 22:02\n唔係", "shing"),
    ("[28/11/2026 19:05] 浩賢媽媽: 收到，但浩賢星期二要踢波\n[28/11/2026 19:07] 浩賢媽媽: 唔該", "浩賢"),
    ("[03/05/2026, 22:14] Yanni 🌸 bride 12/12: Hello\n[03/05/2026, 22:23] Yanni 🌸 bride 12/12: 入伙", "Yanni"),
]
NOT_SENDERS = [
    ("[22/8 20:41] 永福祥紙料: 收到\n[22/8 20:43] 永福祥紙料: ok\n[22/8 20:45] 鞠太: 多謝", "永福祥紙料"),
    ("細妹 10:01\nhi\n細妹 10:03\nok", "細妹"),
    ("[10:01] GuildBot: raid at 9\n[10:05] GuildBot: raid moved", "GuildBot"),
    ("[22/8 20:41] +852 5174 9902: 你好\n[22/8 20:45] +852 5174 9902: 好", "5174"),
    ("@shop.example.hk  ·  Mon 9:41 PM\nhi\n\n@shop.example.hk  ·  Mon 9:45 PM\nyes", "shop.example.hk"),
]


@pytest.mark.parametrize(("text", "sender"), SENDERS)
def test_a_sender_in_a_repeated_header_shape_is_a_name(redactor: Redactor, text: str, sender: str) -> None:
    assert sender in person_spans(redactor, text)


@pytest.mark.parametrize(("text", "sender"), NOT_SENDERS)
def test_shops_bots_kin_words_and_agendas_are_not_senders(redactor: Redactor, text: str, sender: str) -> None:
    assert not [value for value in person_spans(redactor, text) if sender in value]


def test_a_shop_speaking_under_its_brand_is_no_person(redactor: Redactor) -> None:
    text = "Little Sprout: 恭喜\nKaren Ip: thanks\nLittle Sprout: 收到\nFPS 到 Little Sprout Studio Ltd"
    found = person_spans(redactor, text)
    assert "Karen Ip" in found
    assert not [value for value in found if "Sprout" in value]


def test_a_person_whose_business_bears_their_name_is_still_found(redactor: Redactor) -> None:
    assert "Mandy Ho" in person_spans(redactor, "Mandy Ho: hi\nMandy Ho Photography will send the album.")
    # a make-up artist's trade after her name is no business's name
    assert "Mandy" in person_spans(redactor, "Mandy MUA: hi\nYanni: ok\nMandy MUA: see you\nThanks Mandy")
