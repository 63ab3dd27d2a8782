"""Identifiers read out on a call, and the mainland's 工 after a surname, as the blind-written
round dev233-dev236 gave them: each case stands for a class.

- a letter spelt as callers spell it (``Y as in yellow``, ``zed``) before digits read out;
- an identity card's bracket said aloud (``... one five brackets a``): only that number is
  read with one, so a check digit that does not hold still counts;
- a letter alone before a comma and seven digits read out (``C, six six eight, ...``), and
  "plus" before a number read out as its ``+``;
- a UK mobile of the range set aside for fiction (07700 900xxx) beside a phone word;
- 7 and 9 as radio and the army read them (``拐``, ``勾``) inside a number read in numerals;
- an address read out in Mandarin (``艾特`` the at sign, ``点`` a dot, ``下划线``);
- a card after a CSV's comma that ends a longer number (``13671045528,6214837559026186``);
- an address read out with parts of its name spelt letter by letter or ending in a number
  said in words (``k-e-n-w-o-n-g, underscore, eight eight, at example dot com``);
- a passport's number split by a space right after its label (``Passport no. 19AV5 2341``,
  ``pp PA 773 1946``); an IPv6 address after its label's colon; a scanned identity card's
  check digit read as O (``D7l8977(O)``);
- a reservation's own elements: a passenger's mobile (``CTCM``), e-mail (``CTCE``, ``//``
  for the at sign), travel document (``SSR DOCS``) and card (``FOP CCCA…``);
- a business registration number spaced digit by digit before its branch (``6 8 2 1 4 0 7
  3-000-05-24-6``);
- 工 (engineer) after a surname that follows a role (``理赔专员韦工``, ``监理吴工``) or
  before 挺, taken with its title; not 員工, 車工, 施工;
- 小 or 老 and a surname before the role the person is known by (``小陈保姆带她``), not
  小巴司機.
"""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from guardrail.text.normalize import normalize
from tests.pii.coverage import covered, untouched


@pytest.mark.parametrize(
    ("text", "value", "entity"),
    [
        (
            "CALLER: Sure. Y as in yellow, six one, four four, zero two, bracket three.",
            "Y as in yellow, six one, four four, zero two, bracket three",
            "HK_ID",
        ),
        (
            "caller >> sure its k seven zero three nine one five brackets a actually",
            "k seven zero three nine one five brackets a",
            "HK_ID",
        ),
        (
            "CALLER: It's an Indian passport, zed four eight one, seven two nine three.",
            "zed four eight one, seven two nine three",
            "HK_PASSPORT",
        ),
        (
            "caller >> uk number oh seven seven double zero nine zero zero four one two or my mum",
            "oh seven seven double zero nine zero zero four one two",
            "PHONE_NUMBER",
        ),
        ("Her UK mobile is 07700 900412 if the line drops.", "07700 900412", "PHONE_NUMBER"),
        (
            "CALLER: kenwong underscore eighty eight at example dot com.",
            "kenwong underscore eighty eight at example dot com",
            "EMAIL_ADDRESS",
        ),
        (
            "AGENT: So that's k-e-n-w-o-n-g, underscore, eight eight, at example dot com?",
            "k-e-n-w-o-n-g, underscore, eight eight, at example dot com",
            "EMAIL_ADDRESS",
        ),
        (
            "caller >> h i l a r y dot a y at example dot net a y like au yeung short",
            "h i l a r y dot a y at example dot net",
            "EMAIL_ADDRESS",
        ),
        (
            "AGENT: Could you read your HKID number slowly?\nCALLER: C, six six eight, four one two, zero.",
            "C, six six eight, four one two, zero",
            "HK_ID",
        ),
        (
            "Call me on my local number, plus nine two, three oh oh, eight eight one, four six two seven.",
            "plus nine two, three oh oh, eight eight one, four six two seven",
            "PHONE_NUMBER",
        ),
        ("他手机幺五八 幺一两六 洞四拐九，好的", "幺五八 幺一两六 洞四拐九", "PHONE_NUMBER"),
        (
            "来电人：m-i-n-j-u-n 点 k-i-m 艾特 example 点 net 就系",
            "m-i-n-j-u-n 点 k-i-m 艾特 example 点 net",
            "EMAIL_ADDRESS",
        ),
        (
            "The form goes to chloe dot wong eighty-eight at example dot net, correct?",
            "chloe dot wong eighty-eight at example dot net",
            "EMAIL_ADDRESS",
        ),
        ("胡娟,13671045528,6214837559026186,CNY,212.50", "6214837559026186", "CREDIT_CARD"),
        ("Tenant: M. Laurent    Passport no. 19AV5 2341 (FR)", "19AV5 2341", "HK_PASSPORT"),
        ("Liam Fitzgerald, AUS pp PA 773 1946. Wife travels on hers.", "PA 773 1946", "HK_PASSPORT"),
        (
            "他说家里路由器也有 IPv6：2402:800:6314:9c1a:5d0e:2bff:fe41:7a09",
            "2402:800:6314:9c1a:5d0e:2bff:fe41:7a09",
            "IP_ADDRESS",
        ),
        ("身份證號碼：D7l8977(O)\n出生日期：1958年9月2日", "D7l8977(O)", "HK_ID"),
        ("  SSR DOCS YY HK1 P/GBR/548120936/GBR/12MAR85/F/03NOV31/NAIR/PRIYA", "548120936", "HK_PASSPORT"),
        ("  CTCM 919845031276/IN    CTCE PRIYA.NAIR//EXAMPLE.COM", "919845031276", "PHONE_NUMBER"),
        ("  CTCM 919845031276/IN    CTCE PRIYA.NAIR//EXAMPLE.COM", "PRIYA.NAIR//EXAMPLE.COM", "EMAIL_ADDRESS"),
        ("  FOP CCCA5283277644846827/0228 APPR 04417Z", "5283277644846827", "CREDIT_CARD"),
        ("SERVICES     BR No. 6 8 2 1 4 0 7 3-000-05-24-6", "6 8 2 1 4 0 7 3-000-05-24-6", "HK_BUSINESS_REG"),
    ],
)
def test_an_identifier_read_out_or_split_is_found_whole(redactor: Redactor, text: str, value: str, entity: str) -> None:
    assert covered(redactor, text, value, entity=entity), value


def test_a_letter_said_maps_back_to_the_words_that_said_it() -> None:
    text = "Y as in yellow, six one, four four, zero two, bracket three"
    normalized = normalize(text)
    assert normalized.text.startswith("Y 6 1 4 4 0 2 ( 3")
    assert normalized.to_original(0, 1) == (0, len("Y as in yellow, "))


@pytest.mark.parametrize(
    "text",
    [
        "I went for a walk at 6, then 2 3 more laps.",
        "The order K 1 2 3 4 5 6 (A is ready",
        "My UK mobile plan costs 07700 a month",  # no number at all
        "Plan C, 1 2 3 then 4 5 6.",
        "Room D123456(O) is booked.",
        "See pp 12 34 of the report.",
        "合共 HK$1,234,5678 9012 3456 7898",  # an amount's thousands, then digits that pass Luhn
    ],
)
def test_ordinary_text_with_the_same_words_is_left_alone(redactor: Redactor, text: str) -> None:
    assert not [
        d for d in redactor.analyze(text) if d.entity_type in ("HK_ID", "HK_PASSPORT", "PHONE_NUMBER", "CREDIT_CARD")
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("10/16　顺丰理赔专员韦工来电，说卡号少一位，我核对了是对的。", "韦工"),
        ("对了，上次那个监理吴工说油漆保修两年，是真的吗？", "吴工"),
        ("九分吧，吴工挺负责的。", "吴工"),
        ("车先走了，欣怡跟第二趟8号车，小陈保姆带她。", "小陈"),
    ],
)
def test_a_surname_with_its_title_or_role_is_a_person(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON"), name


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("员工人数很多，车工和钳工都要加班。", "车工"),
        ("那个施工队负责人说周末不能施工。", "施工"),
        ("本公司员工须于九点前打卡。", "员工"),
        ("小巴司機開得好快。", "小巴"),
    ],
)
def test_a_word_ending_in_gong_is_not_an_engineer(redactor: Redactor, text: str, word: str) -> None:
    assert untouched(redactor, text, word)
