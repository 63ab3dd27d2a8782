"""Identifiers spaced or padded as logs and forms print them, addresses by how they end, and
the numbers beside them that only look like personal data.

Table-driven cases for the forms taught to the recognizers after the corpus's blind dev
parts: zero-padded IPv4 octets, IBANs spaced away from their groups (``DE 89 3704 ...``),
Taiwan's hyphenated landlines, a phone broken over an indented line, a passport in a
manifest's country cell or in the Philippines' shape; English addresses closed by a
region abbreviation, a country or a Canadian postcode, a village lot, a ``Stage``, an
estate before its building; Chinese addresses on a form's indented lines, a village's lot
lines, a block and flat with no 室, a tenement's 後座, Taiwan's 樓之N, an estate's block
and floor, a building after the street number followed by ordinary words. Look-alikes stay:
an FPS ID, an account or meter number, an office's block and floor, a mall's shop.
Properties: for any generated value and spelling, the redaction removes it, offsets index
the original text, and redacting again changes nothing.
"""

from __future__ import annotations

import re

import phonenumbers
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from guardrail.pii.evaluation import leaked
from guardrail.pii.redactor import Redactor
from tests.pii.coverage import PROPERTY, covered, untouched

FORMS = [
    # IP addresses with zero-padded octets
    ("Server log: client 010.001.002.003 connected", "010.001.002.003"),
    ("登入 IP：192.168.001.010，之後失敗", "192.168.001.010"),
    # IBANs spaced away from their groups
    ("Pay to DE 89 3704 0044 0532 0130 00 by Friday.", "DE 89 3704 0044 0532 0130 00"),
    ("IBAN GB 82 WEST 1234 5698 7654 32 HSBC UK", "GB 82 WEST 1234 5698 7654 32"),
    ("收款 NL91ABNA 0417 1643 00，唔該", "NL91ABNA 0417 1643 00"),
    ("For GBP: gb 82 west 1234 5698 7654 32 (sort code", "gb 82 west 1234 5698 7654 32"),
    # Phones: Taiwan's hyphenated landlines, a break before an indented line
    ("客人：收件人張雅婷，電話02-2708-5516分機312\n客人：地址", "02-2708-5516分機312"),
    ("Home line 04-2326-8899 after 10am", "04-2326-8899"),
    ("Contact: 6123\n 4567 (Mr Wong)", "6123\n 4567"),
    ("tel:+85291234567 or wa.me/85291234567", "85291234567"),
    ("https://api.whatsapp.com/send?phone=85261234567&text=hi", "85261234567"),
    ("BR No. 12345678-000-03-24-A", "12345678-000-03-24-A"),
    ("BR: 1234 5678", "1234 5678"),
    ("商業登記證號碼 1234-5678-000", "1234-5678-000"),
    ("BRN 12345678 000 03 24 1", "12345678 000 03 24 1"),
    ("[10:01] Amy: my number is 9123\n[10:01] Amy: 4567", "9123"),
    ("[10:01] Amy: my number is 9123\n[10:01] Amy: 4567", "4567"),
    ("Amy: 電話 9123\nAmy: 4567 唔該", "4567"),
    ("WhatsApp: +852\n6123\n4567", "+852\n6123\n4567"),
    ("email: chan.tai.man@\ngmail.com", "chan.tai.man@\ngmail.com"),
    ("陳浩賢\tChan Ho Yin\t+852 9241 7730\t2012\n", "+852 9241 7730"),
    ("Wong Pui Ling\tXA743856(4)\t9 5 4 4 0 1 2 6\t5179-7380-5748-9733", "9 5 4 4 0 1 2 6"),
    ("Wong Pui Ling\tXA743856(4)\t95 44 01 26\t5179-7380-5748-9733", "95 44 01 26"),
    ("電話：9 0 8 2 5 3 1 7／2525 6600（辦公室）", "9 0 8 2 5 3 1 7"),
    ("電話：9082 5317／2 5 2 5 6 6 0 0（辦公室）", "2 5 2 5 6 6 0 0"),
    ("Cheng Wai Man  9821\n4410   wm.cheng@example.com", "9821\n4410"),
    ("電：2743\n8816 / 9128 3305", "2743\n8816"),
    ("SWE,+46 70 123 45 67,lars . eriksson @ telia . se,1,850/day", "lars . eriksson @ telia . se"),
    ("■ 電郵：yimwaiping @  netvigator . com", "yimwaiping @  netvigator . com"),
    ("我 email 係 kitty_lo＠gmail . com 有收據", "kitty_lo＠gmail . com"),
    # Passports: a manifest's country cell, the Philippines' shape alone
    ("09:15 | LOPEZ/ANA | ES PAB 904113 | +34 655 20 41 87 | IB 3167", "PAB 904113"),
    ("Her number is P1234567A and she flies Monday.", "P1234567A"),
    ('"Müller, Jonas",c4j7r2k91,DEU,+49 151 2345 6789,j.mueller@web.de,', "c4j7r2k91"),
    ("Flight CX 888 on Monday. Travellers: Siti (B1234567).", "B1234567"),
    ("Travelling with EC7654321 next week", "EC7654321"),
    # English addresses
    (
        "Residential address:\n    Flat C, 12/F, Tower 3,\n    Ocean Shores, 88 O King Road,\n    Tseung Kwan O, N.T.\n[ ]",
        "Flat C, 12/F, Tower 3,\n    Ocean Shores, 88 O King Road,\n    Tseung Kwan O, N.T.",
    ),
    (
        "a statement showing\n   Hohenzollernstraße 41, 80801 München, Germany\n3. IBAN",
        "Hohenzollernstraße 41, 80801 München, Germany",
    ),
    (
        "Residential address: Seestrasse 217, 8700 Küsnacht, Switzerland\n- HK",
        "Seestrasse 217, 8700 Küsnacht, Switzerland",
    ),
    (
        "rent from the village house at\nG/F, 23 Lam Tsuen San Tsuen, DD 9 Lot 1547, Tai Po.\nNext",
        "G/F, 23 Lam Tsuen San Tsuen, DD 9 Lot 1547, Tai Po",
    ),
    (
        "- HK address: Suite 3302, 33/F, Two Exchange Square, 8 Connaught Place, Central (serviced office)",
        "Suite 3302, 33/F, Two Exchange Square, 8 Connaught Place, Central",
    ),
    (
        "Home address in profile B: Flat 9, 3/F, Mei Foo Sun Chuen Stage 4, 88 Broadway, Lai Chi Kok\nAgent note: ok",
        "Flat 9, 3/F, Mei Foo Sun Chuen Stage 4, 88 Broadway, Lai Chi Kok",
    ),
    (
        '#1049,amy wong,"Lok Fu Estate, Wang Fu House, 9/F, Flat 914",,Kowloon',
        "Lok Fu Estate, Wang Fu House, 9/F, Flat 914",
    ),
    (
        "担保人现居 1208 West 15th Avenue, Vancouver, BC V6H 1R9, Canada，文件经加拿大公证。",
        "1208 West 15th Avenue, Vancouver, BC V6H 1R9, Canada",
    ),
    (
        "Send to 12A Sunrise Mansion, 88 Des Voeux Road West, Sai Ying Pun.",
        "12A Sunrise Mansion, 88 Des Voeux Road West",
    ),
    ("寄去 Flat 7C, 7/F, 寶林邨寶寧樓, 將軍澳 thx", "Flat 7C, 7/F, 寶林邨寶寧樓, 將軍澳"),
    ("address: 荃灣 Tsuen Wan Centre Block 5, 12/F, Flat E", "荃灣 Tsuen Wan Centre Block 5, 12/F, Flat E"),
    ("Home: No. 8, Lane 3, Tai Wai Village, Sha Tin", "No. 8, Lane 3, Tai Wai Village, Sha Tin"),
    ("5/F., Flat B, Hoi Ming Court, Aberdeen", "5/F., Flat B, Hoi Ming Court, Aberdeen"),
    (
        "i live in tin shui wai, tin yiu estate, yiu on house rm 1203",
        "tin shui wai, tin yiu estate, yiu on house rm 1203",
    ),
    ("flat 12 on the 3rd floor of block C, yue wan estate", "flat 12 on the 3rd floor of block C, yue wan estate"),
    ("7D Po Ning House, Po Lam Estate", "7D Po Ning House, Po Lam Estate"),
    (
        "Mei Foo Sun Chuen, Stage 8, 5 Nassau Street, 10/F, Flat B",
        "Mei Foo Sun Chuen, Stage 8, 5 Nassau Street, 10/F, Flat B",
    ),
    ("Level 5, 1 Martin Place, Sydney NSW 2000, Australia", "Level 5, 1 Martin Place, Sydney NSW 2000, Australia"),
    ("Blk 123 Ang Mo Kio Ave 3, #05-67, Singapore 560123", "Blk 123 Ang Mo Kio Ave 3, #05-67, Singapore 560123"),
    ("123 Rizal St., Brgy. San Antonio, Makati City, Metro Manila", "123 Rizal St., Brgy. San Antonio, Makati City"),
    ("Address: 45 Rue de Rivoli, 75001 Paris, France", "45 Rue de Rivoli, 75001 Paris, France"),
    ("Address: Via Roma 12, 00184 Roma, Italy", "Via Roma 12, 00184 Roma, Italy"),
    (
        "caller: I live at flat eight, thirty-first floor, tower three, south horizons, ap lei chau",
        "flat eight, thirty-first floor, tower three, south horizons, ap lei chau",
    ),
    ("at the family's address, 12 TUNG SHAN TERRACE, HAPPY VALLEY.", "12 TUNG SHAN TERRACE, HAPPY VALLEY"),
    ("We're at BLOCK 3, FLAT 12C, HONG LOK YUEN, TAI PO\n> Sure", "BLOCK 3, FLAT 12C, HONG LOK YUEN, TAI PO"),
    (
        "pickup flat 30c, tower 1, the arch, 1 austin road west, tsim sha tsui at 6am",
        "flat 30c, tower 1, the arch, 1 austin road west, tsim sha tsui",
    ),
    ("Correspondence: Flat A\n18/F\nBlock 4\nHeng Fa Chuen\n", "Flat A\n18/F\nBlock 4\nHeng Fa Chuen"),
    ("or at the family's address, 12 tung shan terrace, happy valley.", "12 tung shan terrace, happy valley"),
    ("3   | Khan Mohammed     | g/f, 27 pei ho street, sham shui po      |", "g/f, 27 pei ho street, sham shui po"),
    (
        "- Registered office: rm 1203, 12/f, kai tak commercial building, 317-319 des voeux road central, sheung wan",
        "rm 1203, 12/f, kai tak commercial building, 317-319 des voeux road central, sheung wan",
    ),
    # Chinese addresses
    ("佢住喺天水圍天恩邨恩慈樓，幾樓唔記得", "天水圍天恩邨恩慈樓"),
    (
        "地址没变 广西南宁市青秀区民族大道136号华润二十四城7栋1单元902",
        "广西南宁市青秀区民族大道136号华润二十四城7栋1单元902",
    ),
    ("老家地址：河南省周口市太康县城关镇东关村3组", "河南省周口市太康县城关镇东关村3组"),
    ("广州市天河区珠江新城华夏路10号富力中心写字楼3201", "广州市天河区珠江新城华夏路10号富力中心写字楼3201"),
    ("我家在武汉市洪山区光谷大道77号金融港B18栋", "武汉市洪山区光谷大道77号金融港B18栋"),
    ("住址：屯門兆康苑兆德閣", "屯門兆康苑兆德閣"),
    ("住址 九龍彩虹邨金碧樓l2樓l2O6室\n電話", "九龍彩虹邨金碧樓l2樓l2O6室"),
    (
        "通訊地址：新界沙田\n　　　　　沙角邨銀鷗 樓 \n　　　　　15 樓 1523 室\n原計劃",
        "沙角邨銀鷗 樓 \n　　　　　15 樓 1523 室",
    ),
    (
        "通訊地址：新界沙田\n　　　　　沙角邨銀鷗樓\n　　　　　15樓1523室\n原計劃",
        "新界沙田\n　　　　　沙角邨銀鷗樓\n　　　　　15樓1523室",
    ),
    (
        "新住址：新界西貢北港村\n丈量約份第221約\n地段第1432號\n3號屋地下\n郵寄地址",
        "新界西貢北港村\n丈量約份第221約\n地段第1432號\n3號屋地下",
    ),
    ("送到南山区蛇口街道四海社区海滨花园2栋18B，客户陈女士签收", "南山区蛇口街道四海社区海滨花园2栋18B"),
    ("2. 張伯，81歲，長沙灣道330號三樓後座（板間房），冇電話", "長沙灣道330號三樓後座"),
    ("3. 胡太，76歲，李鄭屋邨孝廉樓6樓，話上個月覆診", "李鄭屋邨孝廉樓6樓"),
    (
        "地址：深圳市南山区前海深港合作区前湾一路35号前海深港青年梦工场2栋B区305",
        "前湾一路35号前海深港青年梦工场2栋B区305",
    ),
    ("居民表示，上月在卑路乍街92號聯發大廈對出跌倒", "卑路乍街92號聯發大廈"),
    ("客人：地址是台北市大安區復興南路一段390號8樓之2\n老闆：收到", "台北市大安區復興南路一段390號8樓之2"),
    ("他们地址油麻地新填地街232号德宝大厦12楼，不过是住宅楼改的", "油麻地新填地街232号德宝大厦12楼"),
]


@pytest.mark.parametrize(("text", "value"), FORMS)
def test_each_form_is_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value)


KEPT = [
    ("议程二：有關麗港城第18座9樓G室業主", "有關"),
    ("地址没变 广西南宁市青秀区民族大道136号", "没变"),
    ("11:30 23C Belcher's Street, Kennedy Town - no show", "11:30"),
    ("from flat twelve D, Kin Tak House, Tsz Wan Shan Estate, I'm calling", "I'm"),
    ("FPS 用公司 BR 登記嘅 FPS ID 1688 2290\nclient: 好", "1688 2290"),
    ("公司 BR 登記嘅 FPS ID 1688 2290", "1688 2290"),
    ("客戶: 帳戶 0312 8847 0195，登記人已核對", "0312 8847 0195"),
    ("Passport copy attached.\nAccount no.: 2210-4478-01\nMeter no.: G7731028\nPremises: shop", "G7731028"),
    ("请中奖同事于1月20日前到A座12楼行政前台领取", "A座12楼"),
    ("Collect at Shop 308, Langham Place after 3 days.", "Langham Place"),
    ("Date of Birth 0B/11/1987   Place of Birth KOCHI", "1987   Place"),
    ("3. 吳浩霖　上車點：富康花園4座\n4. 施穎詩", "富康花園4座"),
    ("他们地址油麻地新填地街232号德宝大厦12楼，不过是住宅楼改的", "住宅楼"),
    ("ref AB 12 3456 7890 1234 5678 filed", "AB 12 3456"),
    ("order?id=12345678&qty=2", "12345678"),
    ("Total HK$ 9123 4567 paid", "9123"),
    ("Amount: 6123.4567 USD", "6123"),
    ("保單號碼：P 9123 4567", "9123"),
    ("Invoice total 61234567 cents", "61234567"),
    ("訪客登記 Visitor log — Lei Tung Estate 利東邨 東昇樓 \n22:15 訪客", "東昇樓"),
    ("喺彩虹邨金碧樓樓下等", "金碧樓"),
    ("第3组同学请到A座集合", "A座"),
    ("年份 2023\n2024 年報 電話", "2024"),
    ("Date 1 2/0 3/2 0 2 4 ok", "2 0 2 4"),
    ("Qty 5600\n7800 units", "7800"),
    ("we do it 24 hours a day and 7 days", "24 hours"),
    ("i walked 2 more days on the road, then home", "road"),
    ("we met at 7 eleven street, then left", "eleven street"),
    ("take bus 5 along nathan road, nice", "nathan road"),
    ("WE CLOSE AT 6 PM ON SUNDAY. 12 DAYS LEFT TO THE SALE", "12 DAYS"),
    ("Flat 3, 11/F, Hang Fung Building, 45 Chatham Road South, Tsim Sha Tsui\nPayout IBAN (HSBC): none", "Payout"),
    ("It was great . See you @ 5 . ok", "5"),
    ("Call count 2024\nTotal: 1234", "1234"),
    ("病人於瑪麗醫院K座12樓病房留醫", "K座12樓"),
    ("T +852 3108 2240\nLevel 12, One Exchange Square\nThis e-mail is confidential.", "Level 12"),
    ("Address: 12 Nathan Road, 2024 Annual Report", "2024 Annual"),
    ("He reached level 5, then quit. Level 3 Manager said ok.", "level 5"),
    ("SKU12345678,USA,shipped", "SKU12345678"),
    ("Model O2 樓 and l0 號 or Hello 12樓", "O2"),
]


@pytest.mark.parametrize(("text", "value"), KEPT)
def test_look_alikes_are_kept(redactor: Redactor, text: str, value: str) -> None:
    assert untouched(redactor, text, value), text


def _removed(redactor: Redactor, kind: str, text: str, value: str) -> None:
    redaction = redactor.redact(text)
    assert not leaked(kind, value, redaction.text), (kind, text)
    assert all(0 <= d.start < d.end <= len(text) for d in redaction.detections)
    assert redactor.redact(redaction.text).text == redaction.text


_LEADS = ["Pls use {v} thanks", "資料如下：{v}\n下一行", "{v}", "客人 {v}，已核對"]


@PROPERTY
@given(octets=st.lists(st.integers(0, 255), min_size=4, max_size=4), lead=st.sampled_from(_LEADS))
def test_any_zero_padded_ipv4_is_removed(redactor: Redactor, octets: list[int], lead: str) -> None:
    assume(octets[0] > 0)
    value = ".".join(f"{octet:03d}" for octet in octets)
    text = "client IP " + lead.format(v=value)
    assert covered(redactor, text, value)
    _removed(redactor, "IP", text, value)


@st.composite
def irregular_ibans(draw: st.DrawFn) -> str:
    """A valid IBAN with the country code apart from its check digits and groups of any length."""
    country = draw(st.sampled_from(["GB", "DE", "NL", "CH"]))
    body = draw(st.text("0123456789", min_size=14, max_size=14))
    bban = {"GB": "NWBK" + body, "DE": body + "0000", "NL": "ABNA" + body[:10], "CH": body + "123"}[country]
    check = 98 - int("".join(str(int(c, 36)) for c in bban + country + "00")) % 97
    groups, rest = [], bban
    while rest:
        size = draw(st.integers(2, 6))
        groups.append(rest[:size])
        rest = rest[size:]
    return f"{country} {check:02d} " + " ".join(groups)


@PROPERTY
@given(value=irregular_ibans(), lead=st.sampled_from(_LEADS))
def test_any_irregularly_spaced_iban_is_removed(redactor: Redactor, value: str, lead: str) -> None:
    text = "IBAN: " + lead.format(v=value)
    assert covered(redactor, text, value)
    _removed(redactor, "IBAN", text, value)


@PROPERTY
@given(
    area=st.sampled_from(["02", "04", "07"]),
    digits=st.text("0123456789", min_size=7, max_size=7),
    extension=st.sampled_from(["", "分機312", " ext. 21", "#8"]),
)
def test_any_hyphenated_taiwan_landline_is_removed(redactor: Redactor, area: str, digits: str, extension: str) -> None:
    subscriber = "2" + digits
    assume(phonenumbers.is_valid_number(phonenumbers.parse(area + subscriber, "TW")))
    value = f"{area}-{subscriber[:4]}-{subscriber[4:]}{extension}"
    text = f"收件人電話{value}\n地址稍後提供"
    assert covered(redactor, text, value)
    _removed(redactor, "PHONE", text, value)


_STREETS = ["長沙灣道", "上海街", "軒尼詩道", "復興南路一段", "新填地街"]
_FLOOR_PARTS = ["三樓後座", "2樓尾房", "8樓之2", "12樓A室", "5樓前座"]


@PROPERTY
@given(
    street=st.sampled_from(_STREETS),
    number=st.integers(1, 999),
    floor=st.sampled_from(_FLOOR_PARTS),
    lead=st.sampled_from(["地址：{a}。", "佢住喺{a}，有事搵佢", "送貨地址係{a}？", "住址 {a}\n電話："]),
)
def test_any_street_floor_and_flat_part_is_removed_whole(
    redactor: Redactor, street: str, number: int, floor: str, lead: str
) -> None:
    value = f"{street}{number}號{floor}"
    text = lead.format(a=value)
    assert covered(redactor, text, value)
    redaction = redactor.redact(text)
    assert not re.search(r"\d+號", redaction.text)
    assert all(0 <= d.start < d.end <= len(text) for d in redaction.detections)
    assert redactor.redact(redaction.text).text == redaction.text
