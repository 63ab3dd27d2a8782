"""A partner's name inside a firm's, a venue after "The", a place named after someone and a
chatbot's persona are no person's mention; the same names as people, beside them, still are."""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import person_spans

FIRMS = [
    ("NG Kam Shing (solicitor: Lo & Partners)", "Lo"),
    ("Ho Ka Kei | Trainee Solicitor\nHo & Tam Solicitors | T 2521 0088", "Tam"),
    ("Yours faithfully,\nS. Kan\nfor Wong, Hui & Partners", "Hui"),
    ("We are hosting a dinner at The Aubrey on Saturday.", "Aubrey"),
    ("Saturday 10am at Kowloon Tsai Park, and Chloe-Ann brings balls.", "Park"),
    ("Please reserve space near Loke Yew Hall lift.", "Loke Yew"),
    ("ps Tong Wai Kin 同 Tong Kee Sports 無關", "Tong Kee"),
    ("14:02 Bot: Hi! I'm Ava, your virtual assistant. How can I help?", "Ava"),
    ("You are Max, an AI assistant for Harbour Bank.", "Max"),
    ("Seepage repaired on 20 Nov by Hop Lee Plumbing. She asked for the invoice.", "Hop Lee"),
    ("Locksmith Kwong Lee Locks booked for Friday.", "Kwong Lee"),
    # a shop's name in Kee before its trade, a gallery's or a jeweller's name
    ("WhatsApp chat with Ho Kee Jewellery (exported)", "Ho Kee"),
    ("From: Fung Kee Fresh Online <orders@fungkee.example.hk>", "Fung Kee"),
    ("WHITMORE & KWOK GALLERY\n12/F, 80 Queen's Road Central", "KWOK"),
    ("Dear Mr Ip,\n\nGalerie Odette (Room 702, Pedder Building) will crate it.", "Odette"),
    # a product's or a work's name in quotation marks
    ('Item 1  "Sienna" solitaire setting, 1.02ct', "Sienna"),
    ('Item 2  Plain band "Hudson", 18K rose gold', "Hudson"),
    ('She bought the "Eleanor" pearl earrings last week.', "Eleanor"),
]
PEOPLE = [
    ("NG Kam Shing (solicitor: Lo & Partners)", "NG Kam Shing"),
    ("Ho Ka Kei | Trainee Solicitor\nHo & Tam Solicitors | T 2521 0088", "Ho Ka Kei"),
    ("Ask Mr Lo & his wife to sign.", "Mr Lo"),
    ("The Chan family will come at six.", "Chan"),
    ("Saturday 10am at Kowloon Tsai Park, and Chloe-Ann brings balls.", "Chloe-Ann"),
    ("ps Tong Wai Kin 同 Tong Kee Sports 無關", "Tong Wai Kin"),
    ("Hi, I'm Amy Lau, your relationship manager.", "Amy Lau"),
    ("Jun-seo Park and Ji-woo Park joined the team.", "Ji-woo Park"),
    ("Dear Mr Ip,\n\nGalerie Odette (Room 702, Pedder Building) will crate it.", "Mr Ip"),
    # a name in quotation marks where someone is quoted, tagged or called by it
    ('He said "Kelvin" would come.', "Kelvin"),
    ('promised delivery by salesperson "May" (badge shows May Chan).', "May"),
    ('prefers calls to daughter-in-law "Mimi" (Tse Mei Yee, 6188-2590)', "Mimi"),
]


@pytest.mark.parametrize(("text", "word"), FIRMS)
def test_a_firm_or_a_venue_is_not_a_name(redactor: Redactor, text: str, word: str) -> None:
    assert not [value for value in person_spans(redactor, text) if word in value]


@pytest.mark.parametrize(("text", "name"), PEOPLE)
def test_people_beside_them_are_still_found(redactor: Redactor, text: str, name: str) -> None:
    assert name in person_spans(redactor, text)


@pytest.mark.parametrize(
    ("text", "business", "person"),
    [
        (
            "WhatsApp chat with Inkhouse (Business)\n[18/06, 22:41] Marcus Au: hi\n[18/06, 22:43] Inkhouse: Hi!",
            "Inkhouse",
            "Marcus",
        ),
        (
            "whatsapp - Golden Mitre (shop phone) / customer Noor\n[20/11 10:12] Noor: hi\n[20/11 10:30] Golden Mitre: yes",
            "Golden Mitre",
            "Noor",
        ),
        (
            "[WhatsApp] 永伴寵物善終 — 客戶對話\n[09/02 10:15] 永伴: 晏小姐你好\n[09/02 10:40] 永伴: 冇問題\n[09/02 10:41] 晏小姐: 唔該",
            "永伴",
            "晏小姐",
        ),
        (
            "[28/3 21:14] Joanne Lui: 你好\n[28/3 21:20] 思源代拜山服務: 你好Joanne\n[28/3 21:35] 思源代拜山服務: 收到",
            "思源代拜山服務",
            "Joanne Lui",
        ),
    ],
)
def test_an_account_the_chat_marks_as_a_business_is_no_person(
    redactor: Redactor, text: str, business: str, person: str
) -> None:
    out = redactor.redact(text).text
    assert business in out and person not in out


def test_a_persons_given_name_that_a_shop_also_bears_stays_a_name(redactor: Redactor) -> None:
    # (the shop's name loses its 偉業 too: a name found once is redacted wherever it stands)
    assert "甘偉業" not in redactor.redact("用途：開張拜神（「偉業汽車維修」）\n客人：甘偉業先生　電話：9486 1273").text


def test_a_note_from_a_shop_supervisor_is_from_a_person(redactor: Redactor) -> None:
    assert "Phoebe" not in redactor.redact("Note from Phoebe (shop supervisor): 冼生已親自打嚟").text


@pytest.mark.parametrize(
    "text",
    ["Alterations by Yuen Kee Tailoring, 2/F", "pickup through our partner Swift Lane Couriers (hotline 3008 1234)"],
)
def test_a_trade_ending_a_name_makes_it_a_business(redactor: Redactor, text: str) -> None:
    assert not [d for d in redactor.analyze(text) if d.entity_type == "PERSON"]


def test_a_shop_named_for_its_owner_is_no_person(redactor: Redactor) -> None:
    assert "周生記金行" in redactor.redact("交易商：周生記金行有限公司　交易商登記編號 A-123").text
    assert "陳生" not in redactor.redact("陳生記得打俾我").text
