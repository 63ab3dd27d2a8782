"""Structured identifiers in the spellings people type, and the numbers that only look like them.

Table-driven cases for each spelling taught to the recognizers after the corpus's third and
fourth dev parts (cards with bullets, run on into an expiry, or after ``No.``; phone
extensions; Taiwan, Macau and mainland landline formats; banker's numerals; HKIDs in square
or lenticular brackets; IPv6 with OCR's letters; passports read out digit by digit, Spain's
three letters), the look-alikes that must stay (a bank account that passes Luhn, a reference
after ``STR/`` or ``#``, a bag-file number, a longer digit run after an HKID-like prefix, an
Octopus number with its check digit, a student number near a passport), and properties: for
any generated value and spelling, the redaction removes it, offsets index the original text,
and redacting again changes nothing.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from guardrail.pii.evaluation import leaked
from guardrail.pii.recognizers.hkid import check_character
from guardrail.pii.redactor import Redactor
from tests.pii.coverage import PROPERTY, covered

FORMS = [
    # Cards
    ("2. 4610•0831•6716•2858\n3. next", "4610•0831•6716•2858"),
    ("card 4610·0831·6716·2858 ok", "4610·0831·6716·2858"),
    ("Card No.4442323221834066 exp 09/27", "4442323221834066"),
    ("Visa-4442 3232 2183 4066 please", "4442 3232 2183 4066"),
    ("card 4442 3232 2183 4066 0927 cvv 123", "4442 3232 2183 4066"),
    ("card 4442-3232-2183-4066-12/27", "4442-3232-2183-4066"),
    ("amex 3786 220152 34490 123", "3786 220152 34490"),
    ("退款至银行卡：6221 3217 5154 3033 878", "6221 3217 5154 3033 878"),
    ("pls charge my amex 3739 855692\n02006 thx", "3739 855692\n02006"),
    ("Card: 4442-3232-2183-\n4066 thanks", "4442-3232-2183-\n4066"),
    ("card 4442—3232—2183—4066", "4442—3232—2183—4066"),
    ("卡號：4442，3232，2183，4066", "4442，3232，2183，4066"),
    # Phones: extensions, other places' formats
    ("Office: 2786 5501 ext. 218\nEmail", "2786 5501 ext. 218"),
    ("called office line 3106 8822 x 4105, spoke to", "3106 8822 x 4105"),
    ("聯絡：採購部 3918 2207 轉 115 / 電郵", "3918 2207 轉 115"),
    ("如有不適請致電 二三四五 六七八九 內線 三零二 或電郵", "二三四五 六七八九 內線 三零二"),
    ("hotel 2877 3838 ext 1418.", "2877 3838 ext 1418"),
    ("Home 住宅電話: (853) 2835 7710", "(853) 2835 7710"),
    ("如有疑問請撥 (02) 2758-3316 分機 212，或手機 0932-118-407。", "(02) 2758-3316 分機 212"),
    ("如有疑問請撥 (02) 2758-3316 分機 212，或手機 0932-118-407。", "0932-118-407"),
    ("| 許志明 | 310982417 | 0921 556 082 |", "0921 556 082"),
    ("电话：(0755) 2678 1234", "(0755) 2678 1234"),
    ("座机 021 6437 2281 转 8012", "021 6437 2281 转 8012"),
    ("Reach us on +1 (415) 555-0143 or", "+1 (415) 555-0143"),
    ("Phone on account: +84 912 345 678", "+84 912 345 678"),
    ("手机 169 1234 5678", "169 1234 5678"),
    ("Tel: 86-138-0013-8000", "86-138-0013-8000"),
    ("电话：0755-2678-1234", "0755-2678-1234"),
    ("電話：9082 5317／2525 6600（辦公室）", "2525 6600"),
    ("收款人：冯志强  电话：壹叁陆 零零贰壹 捌捌柒肆\n收据编号", "壹叁陆 零零贰壹 捌捌柒肆"),
    ("手机：幺三八 两两零八 六六七七", "幺三八 两两零八 六六七七"),
    ("手機：九二三一 兩兩零八", "九二三一 兩兩零八"),
    ("Passport: Spain, PAG123457, expires 2032", "PAG123457"),
    ("電話：9318–6624\n地址", "9318–6624"),
    ("Consignee contact on file: 9810 4527, sandra.lo@example.com", "9810 4527"),
    ("手机 138—2374—0165", "138—2374—0165"),
    ('"tel_office": "+852-2376-0981#316",', "+852-2376-0981#316"),
    (
        "employer phone changed also 2 nine eight two zero four four one three",
        "nine eight two zero four four one three",
    ),
    ("M0413,Cheng Tsz Wai,E3019547,6 7 0 2 1 1 4 8,tszwai_c@hotmail.com", "6 7 0 2 1 1 4 8"),
    ("聯絡電話 : 2 3 2 7\n5 5 1 8\n貨品", "2 3 2 7\n5 5 1 8"),
    ("家長電話: 6 0 2 8 / 4 4 1 9", "6 0 2 8 / 4 4 1 9"),
    ("他的香港身份证是 K 八 一 九 三 八 七 括号 八，电话", "K 八 一 九 三 八 七 括号 八"),
    ("ok，聽日7點，我電話 9 五 4 三 二 一 八 零\n賣家", "9 五 4 三 二 一 八 零"),
    ("Mobile: 5 4 8 8 – 1 9 0 2\nDeposit", "5 4 8 8 – 1 9 0 2"),
    ("Tel: +852 9123 - 4567", "+852 9123 - 4567"),
    ("電話：+852 9123/4567", "+852 9123/4567"),
    ("王先生 0086 13912345678", "0086 13912345678"),
    ("HKID: A123456–3", "A123456–3"),
    ("ID card A123456/3", "A123456/3"),
    ("card no.4442.3232.2183.4066", "4442.3232.2183.4066"),
    ("passport: ea1234567 (expired)", "ea1234567"),
    ("Passport No. E A 1 2 3 4 5 6 7", "E A 1 2 3 4 5 6 7"),
    ("Passport No. C 0 1 X 0 0 T 4 7", "C 0 1 X 0 0 T 4 7"),
    ('{"br_no": "12345678"}', "12345678"),
    # HKIDs
    ("身份証 Z559675[1]，家屬", "Z559675[1]"),
    ("HKID A123456【3】 checked", "A123456【3】"),
    ("She gave her ID as V 744 561 (A) - sorry", "V 744 561 (A)"),
    ("身份證號碼：Ｇ１７９２４０（６）", "Ｇ１７９２４０（６）"),
    ("身份證號碼 К649928(7)）已出院", "К649928(7)"),
    ("負責人：譚永興  身份證：D963595⑹", "D963595⑹"),
    # Passports
    ("British passport 1 2 8 8 4 0 9 7 3\nStudents", "1 2 8 8 4 0 9 7 3"),
    ("PP: EJ4172093 (CHN)", "EJ4172093"),
    ("台胞證 01827764, 台灣手機", "01827764"),
    # Addresses
    (
        "香港雇主地址：香港九龙观塘道388号创纪之城1期渣打中心22楼\n香港雇主",
        "香港九龙观塘道388号创纪之城1期渣打中心22楼",
    ),
    (
        "ok so the delivery address is flat B twelve floor block three Kornhill Quarry Bay and my number",
        "flat B twelve floor block three Kornhill Quarry Bay",
    ),
    ("香港下车点：香港湾仔港湾道1号会展中心\n付款", "香港湾仔港湾道1号会展中心"),
    ("地址：新界西貢清水灣道9號碧沙花園18座\n狂犬病", "新界西貢清水灣道9號碧沙花園18座"),
    ("new sim send to flat 12c tower 5 the visionary tung chung thx", "flat 12c tower 5 the visionary tung chung"),
    ("premises at Flat 1 5 A, Ivy Court, 12 Bonham Road", "Flat 1 5 A, Ivy Court, 12 Bonham Road"),
    ("14:00 House 12, Marina Cove, Sai Kung - landlord on site", "House 12, Marina Cove, Sai Kung"),
    ("Sponsor's address in UK: 14 Beech Grove, Reading RG2 7LT", "14 Beech Grove, Reading RG2 7LT"),
    ("Father: HKID A608013(0), BNO no. 12O447351 (old)", "12O447351"),
    ("住址 广州市越秀区中山五路219号中旅商业城东塔2305。", "广州市越秀区中山五路219号中旅商业城东塔2305"),
    ("现住 北京市海淀区中关村大街27号中关村大厦15层", "北京市海淀区中关村大街27号中关村大厦15层"),
    ("Spanish passport PAB 904113, flight IB 3167", "PAB 904113"),
    ("07:30 | SINGH/PREETI | IN Z 5 5 1 0 2 7 3 | +91 99870 41125", "Z 5 5 1 0 2 7 3"),
    ("寄至：广州市天河区体育西路191号中石化大厦B塔2506，收件人", "广州市天河区体育西路191号中石化大厦B塔2506"),
    ("收件人何老师 020-3893 7710。", "020-3893 7710"),
    # E-mail
    ("email me: chan.tm at gmail.com thanks", "chan.tm at gmail.com"),
    ("email: chan.tm@gmail .com", "chan.tm@gmail .com"),
    # Without its check character, right after the card's name
    ("HKID: A123456 (check digit unknown)", "A123456"),
    (
        (
            "Passengers:\n1. CHAN/TAI MAN MR  EA1234567\n2. CHAN/MEI MS  EB7654321\n3. CHAN/SIU MS  EC1122334\n"
            "4. LEE/KA MR  ED9988776\n5. WONG/YAN MS  EE5544332\nAll passports checked at counter"
        ),
        "EC1122334",
    ),
    # IBANs
    ("iban gb82west12345698765432 thx", "gb82west12345698765432"),
    ("IBAN GB82 WEST 1234\n5698 7654 32", "GB82 WEST 1234\n5698 7654 32"),
    # IP
    ("IP地址：2001:db8:85a3::8a2e:370:7334", "2001:db8:85a3::8a2e:370:7334"),
    ("IPs 185.220.101.45 and 2a02:c7f:8a1e:4d00:9d2c:55ff:fe12:ab07 tonight", "2a02:c7f:8a1e:4d00:9d2c:55ff:fe12:ab07"),
    ("from fe80::1c2a:3bff:fe4d:92a1%en0 port", "fe80::1c2a:3bff:fe4d:92a1%en0"),
    # A Chinese keyboard's full stop for a dot
    ("IP地址：203。80。11。9，請封鎖", "203。80。11。9"),
    ("電郵：ho.kin@yahoo。com。hk 謝謝", "ho.kin@yahoo。com。hk"),
    # URL-encoded values in query strings, form bodies and webhook logs
    ("GET /join?email=wing.chan%40gmail.com&src=ig HTTP/1.1", "wing.chan%40gmail.com"),
    ("body: phone=%2B852%206123%204488&name=x", "%2B852%206123%204488"),
    ("verify?tel=%2B85297110042&lang=en", "%2B85297110042"),
    # Digit words and digits mixed in one dictated number
    ("call me at 6 two 1 eight   4 zero 9 3 tonight", "6 two 1 eight   4 zero 9 3"),
    ("whatsapp five-one-three-seven ... 2206", "five-one-three-seven ... 2206"),
    ("m: +852 (nine four) 71 20 36", "+852 (nine four) 71 20 36"),
    # A scan's O and l among a number's digits
    ("Tel (Mobi1e): 6l72 O338\nNext", "6l72 O338"),
    # A bare country code and dashes
    ("HK no: 852 — 9437 — 2210", "852 — 9437 — 2210"),
    ("Tel: 852.9437.2210", "852.9437.2210"),
    # Halves read out with a word between them; mobiles abroad as dialled at home
    ("call back on 9 4 3 7, then 2 2 1 0 after 7pm", "9 4 3 7, then 2 2 1 0"),
    ("her mobile in Manila 0917 482 3310 (Globe)", "0917 482 3310"),
    ("UK mobile: 07836 482331", "07836 482331"),
    # A 19-digit card wrapped by a chat, most of it on the first line
    ("卡号是 627294364837568\n9341（太长分两行）", "627294364837568\n9341"),
    # E-mail disguises: a country domain read out, (dot) inside the name
    ("mail: li.wen at mail dot de please", "li.wen at mail dot de"),
    ("or mail kelly(dot)tse(at)outlook(dot)com thanks", "kelly(dot)tse(at)outlook(dot)com"),
    ("email: winnie.lo @ yahoo . com . hk pls", "winnie.lo @ yahoo . com . hk"),
    # Passports with weak cues: a nationality before, a record's doc field, a rooming list
    ("joiners: Ana Weber, German national, c7f4l9m2x, exp 2026-01-02", "c7f4l9m2x"),
    ("Oliver Grant, British, 541290376, exp 2027", "541290376"),
    ("3. MOROZ, Ivan  2/E  UKR  FE204817  DOB 1991-03-04", "FE204817"),
    ('{"name":"x","doc":"C6140283","nat":"VNM"}', "C6140283"),
    ("<DocNo>TK5512093</DocNo>", "TK5512093"),
    ("Rooming list, 4 rooms\nMr and Mrs Hale  PA4410923 / PA4410931  twin", "PA4410931"),
    ("Canadian pair joining: Luc Roy GK519304, Ann Roy GK519312", "GK519312"),
    # A form's boxes and a table's cells of spaced digits
    ("身份證號碼：[ R ][ 3 ][ 1 ][ 8 ][ 2 ][ 0 ][ 7 ] ( 9 )\n電話", "R ][ 3 ][ 1 ][ 8 ][ 2 ][ 0 ][ 7 ] ( 9"),
    ("證件號碼：Z ][ 6 ][ 0 ][ 1 ][ 2 ][ 3 ][ 4 ]( 6 )\n電話", "Z ][ 6 ][ 0 ][ 1 ][ 2 ][ 3 ][ 4 ]( 6"),
    ("Card no.:\n| 4 6 1 6 | 1 2 4 9 | 0 6 5 2 | 8 6 3 9 |\nExpiry", "4 6 1 6 | 1 2 4 9 | 0 6 5 2 | 8 6 3 9"),
]


@pytest.mark.parametrize(("text", "value"), FORMS)
def test_each_spelling_is_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value)


KEPT = [
    "| 銀行戶口 | 388-201-669150-001 |",  # passes Luhn, grouped as a bank account
    "file STR ref STR/2025/0419 today",
    "Hi, following up on file HKGKA10442.\nMy wife's passport was in the bag",
    "我張保單係 P 二零二五 零四一八 然後",
    "masked pan=455589******1436 result=approved",
    "Card on file 4968 01** **** 1436 declined",
    "發票號碼 AB-12345678，統一編號 24536806。本公司電話另見",
    "price 1.4442323221834066 units",
    "cafe::ball and lo:lo:lo",
    "訂單 0123 4567 已出貨",
    "I was on the twelve floor when it happened",
    "Room 2301-2305 booked for the seminar",
    "这栋楼一共有15层，商场3层有餐厅",
    "Beneficiary: Jose Santos, BDO acct 0045 1127 8893 (not IBAN)",
    "我哋個 Octopus 1 7 2 5 4 8 0 3 (6) 唔見咗",
    "電話 2025年3月4日 打咗俾佢",
    "Tel appointment on 14/06/2024 and 03 / 06 / 2024",
    "Total 1,2 3 4 5 6 7 8 units",
    "Staff ID: AB123456 (building access)",
    "Handset IMEI: 359458073021575",
    "Collect at Shop 308, Langham Place after 3 days.",
    "Between 2019–2024 I worked in Kowloon",
    "Passport checked.\n\nInvoice AB1234567 is attached to the booking",
    "Total HK$4,442,323,221,834 in assets",
    "八達通號碼 31274950(3)，月費另計",
    "Intake #2025-0412 - walk-in, Tuesday",
    "Home university student no.: 20231847\nPassport: see copy",
    "學號：20210417  學生護照號碼：見附件",
    "今收到房租人民币陆仟捌佰元整，电话另告",
    "order 2025858137283600 shipped",  # passes Luhn, but no card network starts 2025
    "Rule version 1.0.44; kernel 5.15.0.105; firmware 10.4.2.1",
    "Ref: INV 2025/0318, due 31/10",
    "I have 2 kids, one is 5 and one is 7, born 2015 and 2018",
    "Date O3/O9/2O24 total l8,4OO.OO",
    "| 2024 | 5123 | 9 |\n| 2025 | 6120 | 4 |",
    "Indian restaurant booking ref AB1234567 for Friday",
    "see you @ home . it was fun",
    "Order 07836482331 shipped on Monday",
    "read page 9138 then 2204 lines",
]


def test_a_street_number_address_stops_before_words_that_are_not_a_building(redactor: Redactor) -> None:
    text = "我住彌敦道1號對面嘅商場"
    assert [text[d.start : d.end] for d in redactor.analyze(text)] == ["彌敦道1號"]


def test_a_hex_request_id_beside_a_doc_field_is_kept(redactor: Redactor) -> None:
    text = '{"doc":"C6140283","nat":"VNM","req":"9f3a2c71"}'
    assert [text[d.start : d.end] for d in redactor.analyze(text)] == ["C6140283"]


@pytest.mark.parametrize("text", KEPT)
def test_look_alikes_are_kept(redactor: Redactor, text: str) -> None:
    assert [d for d in redactor.analyze(text) if d.entity_type != "PERSON"] == []


# --- properties ---------------------------------------------------------------


def _luhn_completed(body: str) -> str:
    """``body`` with the check digit that makes it pass Luhn."""
    for check in "0123456789":
        digits = body + check
        total = 0
        for position, char in enumerate(reversed(digits)):
            value = int(char) * (2 if position % 2 else 1)
            total += value - 9 if value > 9 else value
        if total % 10 == 0:
            return digits
    raise AssertionError("unreachable")


@st.composite
def spelled_cards(draw: st.DrawFn) -> tuple[str, str]:
    """A Luhn-valid card in a spelling of free text, and the text after it."""
    amex = draw(st.booleans())
    if amex:
        number = _luhn_completed(
            draw(st.sampled_from(["34", "37"])) + draw(st.text("0123456789", min_size=12, max_size=12))
        )
        groups = [number[:4], number[4:10], number[10:]]
    else:
        prefix = draw(st.sampled_from(["4", "51", "55", "2221", "6250", "35"]))
        number = _luhn_completed(
            prefix + draw(st.text("0123456789", min_size=15 - len(prefix), max_size=15 - len(prefix)))
        )
        groups = [number[i : i + 4] for i in range(0, 16, 4)]
    separator = draw(st.sampled_from([" ", "-", ".", "•", " - ", "\n", ""]))
    value = separator.join(groups)
    after = draw(st.sampled_from([" thanks", " exp 09/27", " 0927", "。", ", cvv 123", ""]))
    # An expiry whose digits are four of the card's would read as a leak of them: not a spelling.
    assume(not any(run in number for run in re.findall(r"\d{4}", after.replace("/", ""))))
    return value, after


@st.composite
def spelled_mainland_phones(draw: st.DrawFn) -> str:
    number = draw(st.sampled_from(["13", "15", "17", "18", "19"])) + draw(st.text("0123456789", min_size=9, max_size=9))
    a, b, c = number[:3], number[3:7], number[7:]
    return draw(
        st.sampled_from(
            [f"+86 {a} {b} {c}", f"{a}-{b}-{c}", f"{a} {b} {c}", f"+86-{a}-{b}-{c}", f"(+86){number}", f"0086 {number}"]
        )
    )


@st.composite
def extended_phones(draw: st.DrawFn) -> str:
    number = draw(st.sampled_from("23")) + draw(st.text("0123456789", min_size=7, max_size=7))
    extension = draw(st.text("0123456789", min_size=2, max_size=4))
    marker = draw(st.sampled_from(["ext.", "ext", "x", "Ext", "轉", "內線", "分機"]))
    return f"{number[:4]} {number[4:]} {marker} {extension}"


@st.composite
def bracketed_hkids(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(["A", "C", "D", "E", "K", "P", "V", "Z", "XA", "WX"]))
    digits = draw(st.text("0123456789", min_size=6, max_size=6))
    check = check_character(prefix, digits)
    style = draw(st.sampled_from(["{p}{d}({c})", "{p}{d}[{c}]", "{p}{d}（{c}）", "{p}{d}【{c}】", "{p} {d} ({c})"]))
    value = style.format(p=prefix, d=digits, c=check)
    if draw(st.booleans()):  # typed full-width
        value = value.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ()"})
    return value


@st.composite
def labelled_passports(draw: st.DrawFn) -> tuple[str, str]:
    digits = draw(st.text("0123456789", min_size=9, max_size=9))
    value = draw(
        st.sampled_from(
            [
                "E" + digits[:8],
                "G" + digits[:8],
                "K" + digits[:8],
                "EA" + digits[:7],
                "P" + digits[:7] + "B",
                "B" + digits[:7],
                "J" + digits[:7],
                "TK" + digits[:7],
                digits,
                " ".join(digits),
            ]
        )
    )
    label = draw(
        st.sampled_from(["Passport No. {v}", "護照號碼：{v}", "护照号码:{v}", "passport {v} (issued in March)"])
    )
    return label.format(v=value), value


_LEADS = ["Pls use {v} thanks", "資料如下：{v}\n下一行", "{v}", "客人 {v}，已核對"]


def _removed(redactor: Redactor, kind: str, text: str, value: str) -> None:
    redaction = redactor.redact(text)
    assert not leaked(kind, value, redaction.text), (kind, text)
    assert all(0 <= d.start < d.end <= len(text) for d in redaction.detections)
    assert redactor.redact(redaction.text).text == redaction.text


@PROPERTY
@given(card=spelled_cards(), lead=st.sampled_from(["Card: {v}", "信用卡號碼：{v}", "charge {v}", "卡号 {v}"]))
def test_any_spelling_of_a_card_is_removed(redactor: Redactor, card: tuple[str, str], lead: str) -> None:
    value, after = card
    text = lead.format(v=value) + after
    assert covered(redactor, text, value)
    _removed(redactor, "CARD", text, value)


@PROPERTY
@given(phone=st.one_of(spelled_mainland_phones(), extended_phones()), lead=st.sampled_from(_LEADS))
def test_any_spelling_of_a_mainland_or_extended_phone_is_removed(redactor: Redactor, phone: str, lead: str) -> None:
    text = ("手机 " if phone[0] in "+(01" else "Tel ") + lead.format(v=phone)
    assert covered(redactor, text, phone)
    _removed(redactor, "PHONE", text, phone)


@PROPERTY
@given(hkid=bracketed_hkids(), lead=st.sampled_from(_LEADS))
def test_any_bracketing_of_an_hkid_is_removed(redactor: Redactor, hkid: str, lead: str) -> None:
    text = lead.format(v=hkid)
    assert covered(redactor, text, hkid)
    _removed(redactor, "HKID", text, hkid)


@PROPERTY
@given(passport=labelled_passports())
def test_any_labelled_passport_is_removed(redactor: Redactor, passport: tuple[str, str]) -> None:
    text, value = passport
    assert covered(redactor, text, value)
    _removed(redactor, "PASSPORT", text, value)


@PROPERTY
@given(country=st.sampled_from(["GB", "DE", "NL", "CH"]), body=st.text("0123456789", min_size=14, max_size=14))
def test_an_iban_in_groups_of_four_is_removed(redactor: Redactor, country: str, body: str) -> None:
    bban = {"GB": "NWBK" + body, "DE": body + "0000", "NL": "ABNA" + body[:10], "CH": body + "123"}[country]
    check = 98 - int("".join(str(int(c, 36)) for c in bban + country + "00")) % 97
    compact = f"{country}{check:02d}{bban}"
    value = " ".join(re.findall(".{1,4}", compact))
    text = f"收款人戶口 IBAN: {value}，唔該"
    assert covered(redactor, text, value)
    _removed(redactor, "IBAN", text, value)


@st.composite
def url_encoded_contacts(draw: st.DrawFn) -> tuple[str, str, str]:
    """An e-mail or a +852 mobile as a query string or form body carries it (once or twice encoded)."""
    at = draw(st.sampled_from(["%40", "%2540"]))
    if draw(st.booleans()):
        name = draw(st.from_regex(r"[a-z]{3,8}\.[a-z]{2,6}", fullmatch=True))
        domain = draw(st.sampled_from(["gmail.com", "yahoo.com.hk", "netvigator.com", "cuhk.edu.hk"]))
        return "EMAIL", f"{name}{at}{domain}", "email"
    digits = draw(st.sampled_from("5679")) + draw(st.text("0123456789", min_size=7, max_size=7))
    space = draw(st.sampled_from(["", "%20", "-"]))
    return "PHONE", f"%2B852{space}{digits[:4]}{space}{digits[4:]}", "tel"


@PROPERTY
@given(contact=url_encoded_contacts(), host=st.sampled_from(["GET /subscribe?", "body: a=1&", "https://x.hk/r?"]))
def test_any_url_encoded_contact_is_removed(redactor: Redactor, contact: tuple[str, str, str], host: str) -> None:
    kind, value, key = contact
    text = f"{host}{key}={value}&src=fb HTTP/1.1"
    assert covered(redactor, text, value)
    _removed(redactor, kind, text, value.replace("%2540", "@").replace("%40", "@"))


_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


@PROPERTY
@given(
    digits=st.sampled_from("5679").flatmap(
        lambda d: st.text("0123456789", min_size=7, max_size=7).map(lambda t: d + t)
    ),
    spoken=st.lists(st.booleans(), min_size=8, max_size=8),
)
def test_any_mobile_dictated_in_words_and_digits_is_removed(
    redactor: Redactor, digits: str, spoken: list[bool]
) -> None:
    if sum(spoken) < 2:
        spoken = [True, True, *spoken[2:]]
    value = " ".join(_WORDS[int(d)] if word else d for d, word in zip(digits, spoken, strict=True))
    text = f"pls call {value} after 7pm"
    assert covered(redactor, text, value)
    _removed(redactor, "PHONE", text, value)


@pytest.mark.parametrize(
    "text",
    [
        "序号,客户,通行证/护照,手机,年缴保费\n3,张姐,C12345678,9123 4567,USD20000",
        "预约号 YY20240916-0042 已确认，护照 C12345678",
    ],
)
def test_an_amount_or_a_dated_reference_is_no_passport(redactor: Redactor, text: str) -> None:
    found = {text[d.start : d.end] for d in redactor.analyze(text) if d.entity_type == "HK_PASSPORT"}
    assert found == {"C12345678"}


def test_digits_spaced_one_by_one_and_parted_by_a_chinese_comma_are_a_phone(redactor: Redactor) -> None:
    text = "白天搵唔到我就打俾我太太 Candy，5 4 6 0，2 9 1 8。"
    assert any(text[d.start : d.end] == "5 4 6 0，2 9 1 8" for d in redactor.analyze(text))
