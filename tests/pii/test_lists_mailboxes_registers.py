"""Personal data in the forms a later blind round wrote it, and the numbers beside it that
must stay: each case stands for a class, not for one text.

- names a list, a mailbox, a possessive or lower case gives away;
- passports after a nationality and ``pp``, phones grouped oddly or labelled by a
  signature's letters;
- another register's numbers shaped like an HKID, a flight and its time shaped like a
  passport.
"""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered, person_spans, untouched
from tests.pii.test_names import assert_removed

NAMES = [
    # the heads of a numbered list, once one of them is a name
    ("1) Chukwudi Eze - Staff Engineer\n2) Priya Nair - Senior SRE\n3) Tomasz Wilk - QA", "Chukwudi Eze"),
    ('1) Priya Nair - Senior SRE\n2) Rafael "Rafa" Gutiérrez - ex-Head of Platform', 'Rafael "Rafa" Gutiérrez'),
    ("1) Priya Nair - Senior SRE\n2) k. sasaki - internal referral", "k. sasaki"),
    # the given name of a first.last mailbox, where the text writes it as a name
    ("Folake, can you send it? Her email: folake.adeyemi88@gmail.com", "Folake"),
    ("Please ask Tunde for the letter (tunde.adeyemi@halcyon.example.com).", "Tunde"),
    # a found name again in its possessive
    ("Booking under Ruby Tang. Then Ruby's flight was late.", "Ruby's"),
    # a Hong Kong name typed all in lower case, surname first
    ("2315 pax fung yee man upset, flt cnld", "fung yee man"),
    ("1) mak wing sze ('03) - said call after 9pm", "mak wing sze"),
    ("chow siu-kei + wife, cabin 8107", "chow siu-kei"),
    # an initial before a surname no list knows, after a role label
    ("Prepared by: J. Abubakar\nChecked: pending", "J. Abubakar"),
    # initials before a Mc surname; a Singaporean name in Hokkien spelling
    ("5. E. J. McAllister - GBR", "E. J. McAllister"),
    ("2330 guest LIM Boon Keng asked for lounge access", "LIM Boon Keng"),
]


@pytest.mark.parametrize(("text", "value"), NAMES)
def test_names_in_lists_mailboxes_and_lower_case_are_removed(redactor: Redactor, text: str, value: str) -> None:
    assert_removed(redactor, text, value.replace("'s", ""))


NOT_NAMES = [
    # an agenda's items beside a speaker are not people
    "Agenda\n1. Budget Review - 10 min\n2. Priya Nair - intro\n3. Office Move - Kowloon Bay",
    # a post's mailbox says nothing of a person
    "Please write to sales.team@acme.example.com. The Sales Team will reply.",
    # Cantonese typed in Latin letters, places and English words of the same syllables
    "ng ho yi si, we went to ho man tin and tai wai.",
    "so sing on stage; to man on duty; the kit sun hang",
]


@pytest.mark.parametrize("text", NOT_NAMES)
def test_lists_mailboxes_and_kongish_are_not_names(redactor: Redactor, text: str) -> None:
    assert [name for name in person_spans(redactor, text) if name != "Priya Nair"] == []


IDENTIFIERS = [
    # a passport after a nationality code and "pp"
    ("5. E. J. McAllister - GBR pp 129884560", "129884560"),
    ("2. Nguyen Thi Thu Ha - VNM pp C7730182", "C7730182"),
    # a phone's eight digits grouped oddly, after a phone word
    ("鄭嘉浩，電話 91173 805（請再問）", "91173 805"),
    ("call me on 911 73805 tmr", "911 73805"),
    # a signature's direct line and its one-letter labels
    ("(Attn: Kenny Lam)\nDirect: 2526 1147", "2526 1147"),
    ("Raymond Cheung | Head of Finance\nT 3611 4280 | M 9021 5573", "9021 5573"),
]


@pytest.mark.parametrize(("text", "value"), IDENTIFIERS)
def test_identifiers_in_lists_and_signatures_are_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value)


KEPT = [
    # another register's number that an HKID's shape (and check digit) fits
    ("Donor ID C0048813 gave $500.", "C0048813"),
    ("Constituent ID,Preferred Name,Class\nC0048813,Chan Yik Long Ivan,2009 BBA", "C0048813"),
    # a flight and its departure time in travel notes that speak of passports
    ("pax rebooked on CI 916 0810, passports checked at the desk", "CI 916 0810"),
    # a date after a phone word, an order number grouped oddly
    ("Tel 2024 11 30 is the day we called", "2024 11 30"),
    ("Order no. 91173 805", "91173 805"),
]


@pytest.mark.parametrize(("text", "value"), KEPT)
def test_other_numbers_are_kept(redactor: Redactor, text: str, value: str) -> None:
    assert untouched(redactor, text, value), text


def test_an_hkid_under_its_own_label_is_still_found(redactor: Redactor) -> None:
    assert covered(redactor, "HKID No,Name\nC0048813,Chan Yik Long Ivan", "C0048813", entity="HK_ID")
    assert covered(redactor, "Donor HKID: C0048813", "C0048813", entity="HK_ID")


CHINESE = [
    # spaced out after Chinese text, a compound surname written together, a title after
    ("群主骆 海 燕 09:20\n⚠️提醒：群里私下换汇风险自负！", "骆 海 燕"),
    ("我叫蒋 思 远 就是跟你说过去日本滑雪摔伤了那个", "蒋 思 远"),
    ("申屠 浩 09:40\n请问有没有人知道往法国汇款怎么填", "申屠 浩"),
    ("租客資料：司徒 嘉 樂先生 / 太太吳詠詩", "司徒 嘉 樂"),
    ("業主／住戶：林 紹 輝 電話 2745-1093", "林 紹 輝"),
    # a mainland surname once kept for titles only, after a relative or "名字"
    ("病人是我妈妈 名字肖桂英 今年六十八", "肖桂英"),
    ("平时是我弟弟肖建军照顾 他电话 6820 4937", "肖建军"),
    # a rarer given-name character after a role
    ("如需改期请致电 HR 孔令宜：+852 3106 2289", "孔令宜"),
]


@pytest.mark.parametrize(("text", "value"), CHINESE)
def test_chinese_names_spaced_or_after_relatives_are_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="PERSON")


def test_words_after_relatives_are_not_names(redactor: Redactor) -> None:
    assert person_spans(redactor, "我哥哥高大，姐姐王者風範，弟弟文明有禮") == []
    assert person_spans(redactor, "好 的 我 知 道 了，你 係 咪 傻 㗎") == []


MACHINE = [
    # an HKSAR passport's number split in two, and the HKID in its machine-readable line
    ("PASSPORT\nPassport No. K0938 2217", "K0938 2217"),
    ("P<CHNCHAN<<CHEUK<YING<<<<<<<<<<<<<<<<<<<<\nK093822170CHN9407031F3211286G0392781<<<<<<<24", "G0392781"),
    # a BR number under its Simplified label; a mainland mobile broken over a line
    ("香港公司商业登记号：70513368-000", "70513368-000"),
    ("联系电话：138 0265 7\n419\n电子邮箱：x@qq.com", "138 0265 7\n419"),
    # a group-buy list: a mobile followed by a count in Chinese
    ("1. 梁美珍 晴彩樓 91326648 2箱\n2. 何太 3箱", "91326648"),
]


@pytest.mark.parametrize(("text", "value"), MACHINE)
def test_machine_and_list_identifiers_are_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value)


def test_an_address_does_not_reach_back_over_a_sheets_cells(redactor: Redactor) -> None:
    text = "25/11　JD0091827364　　　馬利亞　　　　　27座8樓3室　　6631 5590　未取"
    addresses = [text[d.start : d.end] for d in redactor.analyze(text) if d.entity_type == "ADDRESS"]
    assert addresses == ["27座8樓3室"]


MORE_NAMES = [
    # pinyin written joined and in capitals after a Chinese label
    ("附言一定要写我的学号 S2291847 还有名字 REN SIQI", "REN SIQI"),
    ("transfer from Shen Yuxuan today", "Shen Yuxuan"),
    # a spaced name after a word spaced before it; a compound surname then a joined given name
    ("網上交易 HKD 4,200.00 至 黃 嘉 欣。如非本人操作", "黃 嘉 欣"),
    ("客户编号：C-SZ-0098217\n客户名称：上官 婉清\n性别：女", "上官 婉清"),
    # the nickname in brackets after a full name, and where the text uses it again
    ("負責師傅：植偉強（強哥）6153 2887\n強哥話下星期一開工", "強哥話"),
    # a quoted name after "the other party is"
    ("对方是“关志明”的那笔是房租", "关志明"),
]


@pytest.mark.parametrize(("text", "value"), MORE_NAMES)
def test_pinyin_spaced_and_bracketed_names_are_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value.removesuffix("話"), entity="PERSON")


@pytest.mark.parametrize(
    "text",
    [
        "醫生開咗阿莫西林，一日三次。",  # a drug spelt in sounds, not 阿莫
        "Walk to Tai Pak Beach after lunch.",  # Pak is no title before a place
        "The Long Island train; Yan Chai Hospital; Tang Dynasty art",
    ],
)
def test_drugs_and_places_are_not_names(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


def test_a_reference_ending_in_digits_is_no_passport(redactor: Redactor) -> None:
    text = "SMS: 您的訂單 HTL-CN-88172235 已確認，護照資料已收到。"
    assert not any(d.entity_type == "HK_PASSPORT" for d in redactor.analyze(text))


ENGLISH_CUES = [
    # numbered entries apart by blank lines are still one list
    ("1) Chukwudi Eze - Staff Engineer, 12 yrs.\n\n2) Priya Nair - Senior SRE\n\n3) Tomasz Wilk - QA", "Chukwudi Eze"),
    # a known given name before its possessive; a relative's "name" without a colon
    ("ya just fix format. also Imran's amount should be 9,800.00", "Imran"),
    ("Parkview, 88 Tai Tam Reservoir Road, child name Ayomide, yr 4", "Ayomide"),
    # a title before a surname's particle
    ("Agent: landlord direct, Mrs. de Souza", "de Souza"),
]


@pytest.mark.parametrize(("text", "value"), ENGLISH_CUES)
def test_english_names_by_their_cues_are_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="PERSON")


def test_shops_with_possessives_are_not_names(redactor: Redactor) -> None:
    assert person_spans(redactor, "We went to Tiffany's after lunch, then at Macy's for shoes.") == []


SPOKEN_AND_MIXED = [
    # a spaced chain: the name that ends it, a compound surname, a line broken by a scan
    ("日期：2026年11月21日　記錄：孫 繆 家 朗 / 日期", "繆 家 朗"),
    ("第一個客 濮 陽 淑 華 身份證 W550326(7)", "濮 陽 淑 華"),
    ("主 家 聯 絡 人：長子 巫 國\n 棠　電話：6248 3106", "巫 國\n 棠"),
    ("謝帖寄往：盧 錦 泉伯伯 黃大仙竹園南邨", "盧 錦 泉"),
    # spaced nicknames, surname and title, 老 and a surname
    ("004 | 肥 佬 輝 | 舊街坊 | $301", "肥 佬 輝"),
    ("阿 珍 姐　深水埗南昌邨滿昌樓六樓六一四室", "阿 珍 姐"),
    ("阿威仔 佢阿媽 鄧 太 話以後唔好俾佢賒", "鄧"),
    ("何 伯 欠 三百二十蚊 佢電話 9801 5263", "何"),
    # an English given name and a Chinese surname, either way round
    ("- Apple 鄧　上年報過，今年繼續", "Apple 鄧"),
    ("負責：周牧師、Winter 劉", "Winter 劉"),
    ("我係病人 黎 Sze Wing 嘅女兒", "黎 Sze Wing"),
    ("負責：周牧師、Winter 劉", "周"),
]


@pytest.mark.parametrize(("text", "value"), SPOKEN_AND_MIXED)
def test_spoken_spaced_and_mixed_script_names_are_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="PERSON")


@pytest.mark.parametrize(
    "text",
    [
        "提 高 生 產 力",  # a word spaced out, not 高生
        "我用 Google 搜尋，去 Apple 買 iPhone",
        "今日牧師講道，傳道人好忙",
        "Trainee Solicitor | Kwan, Lam & Yip",  # a firm of partners
    ],
)
def test_spaced_words_brands_and_firms_are_not_names(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


def test_a_room_in_an_office_building_is_a_venue(redactor: Redactor) -> None:
    assert not redactor.analyze("Meeting in Room 301, Knowles Building at 3pm.")
    home = "Home: Room 1215, Mei Hong House, Shek Kip Mei Estate"
    assert covered(redactor, home, "Room 1215, Mei Hong House, Shek Kip Mei Estate", entity="ADDRESS")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # word-like given names in a comma list beside names already found
        ("Table 4: cousins - Crystal, Summer, Marco D'Souza, Tiffany Pereira", "Crystal"),
        ("T4 中學同學: Apple, Cookie, Ho Siu Ting, Lam Tsz Yan", "Apple"),
        # mainland names in lower-case pinyin, and pinyin compound surnames in capitals
        ("【候选人 2】hu zixuan | 33 | 深圳居住", "hu zixuan"),
        ("同行人员：申屠 佳 音、yan kaiwen", "yan kaiwen"),
        ("- #GB20251130-04 RONG Shiyu / 5288 0617", "RONG Shiyu"),
        ("2025/07/18 22:17:45,SIMA Lingxiao,M,MA Translation", "SIMA Lingxiao"),
    ],
)
def test_listed_and_pinyin_names_are_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="PERSON")


def test_words_in_a_comma_list_of_things_are_not_names(redactor: Redactor) -> None:
    text = "We sell apples, Summer fruit, Crystal glasses and jam; the team will win again, so much fun"
    assert person_spans(redactor, text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7 | 肥仔明 / LAM Ka Ming | FW | 未交", "肥仔明"),
        ("肥婆蘭（鴻發燒臘隔離）　$86 + $42", "肥婆蘭"),
        ("第二個客 Q 仔 真名 邱 啟 峰 身份證", "Q 仔"),
        ("我而家去下一單 客人 肥B 佢話收現金", "肥B"),
        ("鑰匙放喺隔籬屋 肥姐 度 肥姐電話 9361 0284", "肥姐"),
    ],
)
def test_lone_nicknames_are_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="PERSON")


def test_spaced_words_in_a_chat_are_not_nicknames(redactor: Redactor) -> None:
    assert person_spans(redactor, "今日 好熱 大家 記得 飲水，細路 同 老人家 小心，阿根廷 贏咗") == []


@pytest.mark.parametrize(
    ("text", "value", "entity"),
    [
        # a register's phone spaced digit by digit, the next row's number right below it
        ("單位 姓名 電話\n1 3 A 僱主 黃 太 9 7 0 2 5 5 1 8\n1 3 B 吉 屋", "9 7 0 2 5 5 1 8", "PHONE_NUMBER"),
        # a card read out digit by digit
        (
            "信用卡自動轉賬 : 4 9 8 1  9 8 4 6  3 4 6 4  8 4 8 9   有效期 08/28",
            "4 9 8 1  9 8 4 6  3 4 6 4  8 4 8 9",
            "CREDIT_CARD",
        ),
        # officers and holders right after their post; initials and logins signing work off
        ("來電者：上官穎琳女士（保單持有人上官志遠之女兒）", "上官志遠", "PERSON"),
        ("2. 财务总监司马怡要求新的结算账户信息", "司马怡", "PERSON"),
        ("Prepared by: TL   Reviewed by: Marcus Ho", "TL", "PERSON"),
        ("VPN reset, user confirmed OK. Closed by a.mehta.", "a.mehta", "PERSON"),
    ],
)
def test_registers_cards_and_sign_offs_are_covered(redactor: Redactor, text: str, value: str, entity: str) -> None:
    assert covered(redactor, text, value, entity=entity)


@pytest.mark.parametrize(
    "text",
    [
        "Item 1: PV-2024-1133 | Payee: Kowloon Motor Bus | HKD 61,020 | OK",
        "Vendor trade name: Sound Mountain Production",
        "Login as admin. Signed by HR. Approved by: CFO",
        "病假紙 MC 7731 0042 已交",
    ],
)
def test_companies_posts_and_certificates_are_kept(redactor: Redactor, text: str) -> None:
    assert redactor.analyze(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "see the Insurance Ordinance (Cap. 41) and Cap 338",  # chapters of the laws
        "報了警，報案編號 NPRN 25012345。",  # a police report's number after its letters
        "Her salon: Shop 112, 1/F, Sino Centre, Mong Kok",  # a shop, floor or not
    ],
)
def test_chapters_reports_and_shops_are_kept(redactor: Redactor, text: str) -> None:
    assert redactor.analyze(text) == []


def test_a_company_br_number_is_not_a_phone(redactor: Redactor) -> None:
    text = "Our company BR No. is 65019877. HR: Daisy Chow, tel 3700 4129."
    start = text.index("65019877")
    types = {d.entity_type for d in redactor.analyze(text) if d.start <= start < d.end}
    assert types == {"HK_BUSINESS_REG"}


def test_a_forms_repeated_field_labels_are_no_speakers(redactor: Redactor) -> None:
    text = (
        "ORD WL-12-041\n Cust: Ms Olive Tang\n Text: Sports Day 2026 Champion\n"
        "ORD WL-12-042\n Cust: Dr. Ravindra Pillai\n Text: Best Coach\n Engraving: gold\n Engraving: silver\n"
    )
    found = person_spans(redactor, text)
    assert not {"Cust", "Text", "Engraving"} & set(found), found
    assert any("Olive Tang" in value for value in found)
