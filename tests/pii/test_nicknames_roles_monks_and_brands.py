"""Nicknames that go on to do something, roles of halls and counters, monastics, kin
titles in three languages, and the businesses, brands and pets that look like people, as
the blind-written rounds of 2026-12-03 gave them: each case stands for a class.

- 老 or 小 and a surname, then a verb a person does (``老周刚修过``, ``小刘回复``,
  ``老黄介绍``), not a word 小 or 老 opens (``小米電視``, ``小心``); Mr Fong at a clause's
  start (``。方生想用``), not ``地方生活``;
- a name after a hall's or a counter's role (``室友杨帆``, ``操作员小郑``, ``[客服-小鹿]``);
- a monk's name by 釋 and its title (``釋宏遠法師``), not the verb ``釋放``;
- an English given name before a Cantonese verb of helping (``Sam 幫手搬``), not a brand
  said to be responsible (``Apple 負責任``); an English kin title with a Chinese given
  name (``Uncle明話``); Filipino kin titles taken with the name (``Ate Jo``, ``Kuya Jun``),
  not the verb (``I Ate Pie``);
- given names of South Asian and Central Asian residents (``姪女 Anisha``, ``Aigerim's``);
- a passport number followed by its nationality in brackets, where a passport was just
  spoken of; not an order number followed by a nationality;
- no person inside a company's legal name (``力昇機電工程有限公司``), a marina, an
  instrument's brand, a firm of two surnames and its trade (``Whitmore & Kwok Gallery``),
  a gallery's or a workshop's name (``Galerie Odette``), or a pet whose kind follows in brackets (``朱古力（犬``), while the
  owner stays a person (``陳大文（犬主）``); an address stops before an amount.
"""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered, untouched


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("上次老周刚修过的，急的话直接打老周电话。", "老周"),
        ("#0108 网络中心小刘回复：已解绑旧设备。", "小刘"),
        ("操作员小郑未核对手机尾号。", "小郑"),
        ("上家房东是老黄介绍过来的。", "老黄"),
        ("隔壁18床家属老孟借我们的陪护椅，已还。", "老孟"),
        ("Danny: 收到。方生想用佢公司 BR 做 income proof。", "方生"),
        ("新钥匙已交给室友杨帆统一分发。", "杨帆"),
        ("[客服-小鹿]　03-12 09:15\n亲，非常抱歉给您带来不便。", "小鹿"),
        ("儀式：佛教，請釋宏遠法師主持。", "釋宏遠"),
        ("Cherry 屋企: 積福大廈3樓B室 (冇 lift 😭 Sam 幫手搬)", "Sam"),
        ("- 隔籬屋Uncle明話當日可以借佢門口空地放貨", "Uncle明"),
        ("Kuya Jun will bring the van.", "Kuya Jun"),
        ("WhatsApp Chat with Ate Jo\n[23/02/2025, 08:05] Ate Jo: gud morning mam.", "Ate Jo"),
        ("膝痛。講英文，上次由姪女 Anisha 翻譯。", "Anisha"),
        ("Can someone check the shower again, same problem as Aigerim's room?", "Aigerim"),
    ],
)
def test_a_person_named_as_people_call_each_other(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON", at=text.rindex(name)), name


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("小米電視壞咗，要拎去整。", "小米"),
        ("呢個地方生活好方便。", "方生"),
        ("客服小心处理退款。", "小心"),
        ("法院今日釋放咗佢。", "釋放"),
        ("Apple 負責任嘅產品設計。", "Apple"),
        ("I Ate Pie at lunch.", "Ate"),
    ],
)
def test_a_word_that_starts_like_a_nickname_is_a_word(redactor: Redactor, text: str, kept: str) -> None:
    assert untouched(redactor, text, kept)


def test_a_passport_followed_by_its_nationality_after_a_passport_was_mentioned(redactor: Redactor) -> None:
    text = "My passport number in case you need\nit to match the booking: C4K7M92F1 (German)."
    assert covered(redactor, text, "C4K7M92F1", entity="HK_PASSPORT")


def test_an_order_followed_by_a_nationality_is_no_passport(redactor: Redactor) -> None:
    assert untouched(redactor, "Order AB123456 (Japanese) shipped today.", "AB123456")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("收據會寫「力昇機電工程有限公司」，蔣太攞藥時一齊俾埋。", "力昇機電工程有限公司"),
        ("Regards,\nKaren Lo\nBerth Manager, Harbour Crest Marina", "Harbour Crest Marina"),
        ("聽講你部 Yamaha 拎咗去旺角整?", "Yamaha"),
        ("病人：朱古力（犬，貴婦，12歲）　病歷：VH-250107-009", "朱古力"),
        ("Booked Jumpy Jungle Party Room for Saturday.", "Jumpy Jungle Party Room"),
        ("Whitmore & Kwok Gallery, Thu 26 Nov 2026, 6-9pm.", "Whitmore"),
        ("| 4 | Gareth Pryce-Jones | Lloyd & Cole Brokers | 533907146 |", "Lloyd & Cole"),
        ("Galerie Odette (Room 702, Pedder Building) has released the works.", "Odette"),
    ],
)
def test_a_business_a_brand_or_a_pet_is_no_person(redactor: Redactor, text: str, kept: str) -> None:
    assert untouched(redactor, text, kept)


def test_two_people_joined_by_and_are_two_people(redactor: Redactor) -> None:
    text = "Kelvin & Mandy will come at 7."
    assert covered(redactor, text, "Kelvin", entity="PERSON") and covered(redactor, text, "Mandy", entity="PERSON")


def test_an_owner_beside_an_animal_word_is_still_a_person(redactor: Redactor) -> None:
    text = "主人：陳大文（犬主）電話 9123 4567"
    assert covered(redactor, text, "陳大文", entity="PERSON")


def test_an_address_stops_before_an_amount(redactor: Redactor) -> None:
    text = "Address: Flat D, 8/F, Kam Fung Court, 3 Tin Lok Lane, Wan Chai, HKD 186 paid"
    assert covered(redactor, text, "Flat D, 8/F, Kam Fung Court, 3 Tin Lok Lane, Wan Chai", entity="ADDRESS")
    assert untouched(redactor, text, "HKD 186")
