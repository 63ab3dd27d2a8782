"""Personal data in CSV rows, SQL and YAML, scanned directories, dictation and labels that
end in an ordinary word, in the forms the whole dev split and blind parts dev46-dev49
leaked them; each case stands for a class.

- a label that starts like a reference (``order``, ``BR``) but goes on as another word
  (``Order phone``, ``brother``) labels no reference;
- a SIM's number is a phone;
- a number broken over a line after its halves' slash, or a mainland mobile after its
  second group, is still one number;
- a CSV row's bare comma ends a name's cell: the next cell is no given name;
- the recipient just before an address in a delivery list is a name;
- a WeChat ID or Instagram handle after the app's name is a person's (a business's
  official account is not);
- values quoted as SQL and YAML quote them, a BR number or a mobile dialled abroad spaced
  digit by digit, an identity card without its check digit, numbers read out with a
  filler, over a line break or before a slash and the same number in digits, a digit per
  line; a circled number that numbers a list is no digit of the value after it.
"""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered, person_spans

NUMBERS = [
    ("Order phone 5311-9846, order email deals@example.com", "5311-9846"),
    ('4,4/23/25 9:30:02,SUSANTI Dewi,,C 3918420,S,"brother +62 812-3390-5521"', "+62 812-3390-5521"),
    ("local sim: 0813-9941-2208 (Indosat)", "0813-9941-2208"),
    ("Raymond Cheung | Head of Finance\nT 3611 4280 | M 9021 /\n5573\nKowloon Bay Logistics Ltd", "9021 /\n5573"),
    (
        "钟伟明\u3000厂务\u3000M:+8613823467051\nFiona 蒋\u3000跟单\u3000M:138-2346-\n7152\u3000W:0755-8370 1650",
        "138-2346-\n7152",
    ),
    # eight single digits apart by commas under a phone column
    ("| 姓名 | 電話 |\n|---|---|\n| 晏志明 | 5,3,6,2,0,4,9,1 |", "5,3,6,2,0,4,9,1"),
    # eight digits grouped oddly with hyphens after a phone word
    ("電話 Tel: 93-7820-16  ← 客人寫法", "93-7820-16"),
    # a capital I typed for a 1 beside a digit, and O for 0
    ("Ivy\n9I87 5520 (sorry new phone, old one lost)", "9I87 5520"),
    ("tel 6O5I 2298 ← 客人 SMS 打咗英文字母 O/I", "6O5I 2298"),
    # a delivery list runs the flat number into the phone
    ("10:40 送 — 土瓜灣樂民新村G座13樓1306 5266 8104 單號 0046102", "5266 8104"),
    ("深圳市南山区海上世界双玺花园3栋2单元1902 186 8801 4526 送两盒", "186 8801 4526"),
]


@pytest.mark.parametrize(("text", "value"), NUMBERS)
def test_numbers_after_words_and_across_lines_are_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value)


@pytest.mark.parametrize(
    "text",
    [
        "Order No. 5311 9846 shipped",
        "保單號碼：P 9123 4567",
        "Invoice INV 5123 4567 paid",
        "頁碼 2024 /\n2025 年度報告",
        # a job's, a batch's, a receipt's number shaped like a phone
        "Home visit confirmed - Job no.: 2745 8810",
        "Job references: 2701 4433 (12 Oct)",
        "RECEIPT (customer copy)      No. 6203 1187",
        "SIM BATCH 7731-0925 activated",
    ],
)
def test_references_and_year_ranges_stay_no_phone(redactor: Redactor, text: str) -> None:
    assert not any(d.entity_type == "PHONE_NUMBER" for d in redactor.analyze(text)), text


def test_a_csv_cell_ends_a_name_at_its_bare_comma(redactor: Redactor) -> None:
    text = "scan_time,badge,name,company,phone,email\n11:12,V-221003,Bunga Citra Lestari,X 4409217,0813 9941 2208,\n"
    assert "Bunga Citra Lestari" in person_spans(redactor, text)
    assert covered(redactor, text, "0813 9941 2208")


def test_a_surname_first_name_keeps_its_comma_outside_csv(redactor: Redactor) -> None:
    assert covered(redactor, "Passenger: SCHMIDT, Lukas (seat 32A)", "SCHMIDT, Lukas", entity="PERSON")


QUOTED_AND_READ_OUT = [
    # values quoted as an SQL insert or a YAML config quotes them
    ("(880021, '钟 浩 然', '+852 94306718', 'P470130(9)', 'haoran.zhong@126.com', '183.178.54.201')", "P470130(9)"),
    (
        "(880021, '钟 浩 然', '+852 94306718', 'P470130(9)', 'haoran.zhong@126.com', '183.178.54.201')",
        "haoran.zhong@126.com",
    ),
    ("    email_configs:\n      - to: 'tszyan.wu@tidewater-pay.example.com'\n", "tszyan.wu@tidewater-pay.example.com"),
    ("passport: 'E12345678'", "E12345678"),
    # a circled number that numbers a list, before a card
    ("③ 浙江省杭州市西湖区文三路259号\n④ 4650-7529-1703-4234，有效期 11/28", "4650-7529-1703-4234"),
    # a BR number spaced digit by digit after its label
    ("合夥業務：「小日子手作」\nBR：7 1 0 8 4 4 6 2\n合夥人一：司徒嘉敏", "7 1 0 8 4 4 6 2"),
    # an identity card's number without its check digit, sent alone in lower case
    ("[10:05] 我: 身份證 d166554\n[10:05] 我: 括號入面係6", "d166554"),
    # a mobile dialled at home abroad, spaced or read out
    ("Tel (mobile): 0 7 9 1 1   1 2 3   4 5 6", "0 7 9 1 1   1 2 3   4 5 6"),
    (
        "He read out his Pakistan number as zero three double one, two three four, five six seven one",
        "zero three double one, two three four, five six seven one",
    ),
    # a number read out, then written, after a slash; read out over a line break; with a filler
    ("- Her mobile: five four three two, one one eight nine / 5432 1189", "five four three two, one one eight nine"),
    ("- Her mobile: five four three two, one one eight nine / 5432 1189", "5432 1189"),
    (
        "客人: 另外 backup 電話 nine eight\nzero two, one one six four 都幫我加埋。",
        "nine eight\nzero two, one one six four",
    ),
    ("你哋覆返我電話啦，我手機係九四零七，呃，五二八三，唔該", "九四零七，呃，五二八三"),
    # a digit per line
    ("有咩事打我\n6\n4\n2\n8\n1\n7\n3\n0\n(手機打字壞咗 sorry)", "6\n4\n2\n8\n1\n7\n3\n0"),
    # a country code apart from the number, bracketed before spaced digits or two spaces off
    ("Mobile: (+852) 6 9 7 4 - 2 0 1 3\n\nI paid with my Visa", "(+852) 6 9 7 4 - 2 0 1 3"),
    ("Contact (son): Kevin Zhou  +852  5573 0926; wechat same no.", "+852  5573 0926"),
    # an international number broken over an indented line
    ("- Quota office: husband 5620 1983, wife\n  +86 150\n  1877 2460\n- Caseworker", "+86 150\n  1877 2460"),
    # a mobile grouped 5-3 in a CSV column headed phone
    ("customer_id,name,phone,email\nC-0018823,Cheung Mei Ling,91234 870,meiling.c@example.com", "91234 870"),
    # a CSV's next cell that starts with three digits
    (
        "vendor_id,payee,payee_contact,acct\nV-3320,Sole trader - Ho Siu Ming,9375 1260,012-875-0-055218-4",
        "9375 1260",
    ),
]


@pytest.mark.parametrize(("text", "value"), QUOTED_AND_READ_OUT)
def test_quoted_listed_and_read_out_identifiers_are_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value)


def test_an_enclosed_check_digit_still_ends_its_identity_card(redactor: Redactor) -> None:
    assert covered(redactor, "捐款人 HKID R540567⑼ 收據", "R540567⑼", entity="HK_ID")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail o'brien@example.ie now", {"o'brien@example.ie"}),
        ("don'M922204(4)", set()),
        ("Total 9375 1260,012 dollars", set()),
        ("1\n2\n3\n4\n5\n6\n7\n8\n9", set()),
        ("Item (3) 9123 4567", {"9123 4567"}),
        ("id,amount,qty\n7,91234 870,3", set()),
    ],
)
def test_apostrophes_amounts_and_counted_lines_stay_as_they_are(
    redactor: Redactor, text: str, expected: set[str]
) -> None:
    assert {text[d.start : d.end] for d in redactor.analyze(text)} == expected


# People found by where they stand: an app's handle after its name, the recipient just
# before an address on a delivery line; and what stands there without being a person.
PEOPLE = [
    ("微信：xiaowen_qi\n当物：卡地亚", "xiaowen_qi"),
    ("Candy Pang（新客，IG @candypang.hk 搵我哋）", "candypang.hk"),
    ("Telegram: @kelvinwong", "kelvinwong"),
    ("找报名点 邝老师，微信 kuang_lina_pc，或者打她手机", "kuang_lina_pc"),
    ("副組: 阿牛  ig: chunhei.ng", "chunhei.ng"),
    ("IG DM — @dicenmeeple.hk\n\nwingwing_cheuk: hi 想問 6 Dec", "wingwing_cheuk"),
    ("2026/11/21 10:02 符佳：邝哥早\n2026/11/21 11:45 符佳：好的", "符佳"),
    ("IG DM @bagcycle.hk ↔ @rainbow_kwan.ling\n\nrainbow_kwan.ling: hi 想問 Chanel 仲有冇", "rainbow_kwan.ling"),
    ("04 龙婷 澳门氹仔海洋花园金松阁10楼D +853 6612 3456", "龙婷"),
    ("4. 14:00 送 — lo kwok wah 何文田山道8號 何文田山畔 1座 6樓", "lo kwok wah"),
]
NOT_PEOPLE = [
    "关注我们的公众号：@hkwatchfix",
    "可以用微信支付或者 WeChat Pay",
    "IG DM @bagcycle.hk：你好，今日有貨",
    "手機 9123 4567（微信同號）",
    "請送到 太古城 金山閣10樓D",
    "送貨地址：九龍城道18號",
    "Deliver to Flat 3C, 11/F, Block 2, Kwai Shing East Estate",
]


@pytest.mark.parametrize(("text", "value"), PEOPLE)
def test_handles_and_recipients_are_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="PERSON")


@pytest.mark.parametrize("text", NOT_PEOPLE)
def test_business_accounts_payment_apps_and_places_are_no_people(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


@pytest.mark.parametrize("text", ["Contact No. 9123 4567", "Mobile No. 6123 4567 (after 6pm)"])
def test_a_phone_labelled_no_is_still_a_phone(redactor: Redactor, text: str) -> None:
    assert any(d.entity_type == "PHONE_NUMBER" for d in redactor.analyze(text)), text
