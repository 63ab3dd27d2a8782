"""Identifiers and addresses as people write them in free text, not as templates do.

Table-driven cases for each spelling the recognizers were taught (dictated digits,
OCR spacing, look-alike letters, other countries' passports, estate addresses with no
street number, mainland addresses), the look-alikes that must stay, and properties:
whatever the spelling, a planted value is removed, offsets index the original text,
and redacting twice changes nothing more.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guardrail.pii.evaluation import leaked
from guardrail.pii.recognizers.hkid import check_character
from guardrail.pii.redactor import Redactor
from tests.pii.coverage import PROPERTY, covered

FORMS = [
    # Phones: spaced, dictated, at a line end, mainland
    ("Tel: 6 1 4 9 0 2 7 3", "6 1 4 9 0 2 7 3"),
    ("mobile 9 3 3 8  1 0 4 2.", "9 3 3 8  1 0 4 2"),
    ("Landlord: Chiu  93 30 71 82", "93 30 71 82"),
    ("caller: nine four two two, six eight one three.", "nine four two two, six eight one three"),
    ("ring me on nine oh double-six, three four one two?", "nine oh double-six, three four one two"),
    ("打我手提啦，九一二三四五六八。", "九一二三四五六八"),
    ("電話：九 零 二 八　三 三 一 六", "九 零 二 八　三 三 一 六"),
    ("手機：幺三八 零零幺三 八零零零", "幺三八 零零幺三 八零零零"),
    ("電話九一二三4567", "九一二三4567"),
    ("Tel 9123/4567", "9123/4567"),
    ("+852 9 1 0 6 - 7 7 2 4 is mine", "+852 9 1 0 6 - 7 7 2 4"),
    ("5. Mobile: 9650 4413\n6. E-mail: none", "9650 4413"),
    ("Tel: 9452\n1871", "9452\n1871"),
    ("手机13922865071", "13922865071"),
    ("手机：139 1102 7735。", "139 1102 7735"),
    ("contact (+86) 13800138000 please", "13800138000"),
    ("联系电话：+86 186 5120 3478\n10. 电邮", "+86 186 5120 3478"),
    ("手提 : 9O28 3l47", "9O28 3l47"),
    ("Tel: 9123.4567", "9123.4567"),
    ("电话：0755-88888888", "0755-88888888"),
    ("2. Yoyo Lam 6172\n4490\n3. next", "6172\n4490"),
    ("9\u03321\u03322\u03323\u0332 4567 is my number", "9\u03321\u03322\u03323\u0332 4567"),
    ("致電0755-8691 3000轉人工", "0755-8691 3000"),
    ("联系电话：021-6482 7731", "021-6482 7731"),
    ("sms.send to=85290713264 template=OTP", "85290713264"),
    ("日間聯絡電話：9182-\n6603\n醫院", "9182-\n6603"),
    ("寄件人：龙婷婷 177 2035 6619", "177 2035 6619"),
    ("联系电话：18922 731 504\n", "18922 731 504"),
    # Cards with any one separator between the groups
    ("My card is 5175.0082.7640.5884 and", "5175.0082.7640.5884"),
    ("customer: 4279_9630_2107_5333", "4279_9630_2107_5333"),
    ("my Amex 3780/243534/56530 - expiry 08/27", "3780/243534/56530"),
    ("read it out: 3578 - 4005 - 4955 - 2634.", "3578 - 4005 - 4955 - 2634"),
    ("Card no.:  4453  3314  7893  2885\nExpiry", "4453  3314  7893  2885"),
    ("Card 4811 35l1 9718 l470\nAmount", "4811 35l1 9718 l470"),
    ("Credit card number\n5040 7238\n6255 1189\nValid thru", "5040 7238\n6255 1189"),
    ("4. Mobile ............ +852 5\n912 0446\n5. Clinic", "+852 5\n912 0446"),
    ("Tel +852 9123 4567\n2024 annual report", "+852 9123 4567"),
    # HKID
    ("口述身份證：K三九五七四七（零）", "K三九五七四七（零）"),
    ("HKID: A123456-7", "A123456-7"),
    ("H.K.I.C. No. J 5 6 1 3 5 6 (3)) of", "J 5 6 1 3 5 6 (3)"),
    ("my HKID is K four one five zero zero two three", "K four one five zero zero two three"),
    ("身份證：Y 四 五 七 四 五 五 括號 七。", "Y 四 五 七 四 五 五 括號 七"),
    ("身份證 : G644O03(6)", "G644O03(6)"),
    ("HKID: A12345l(7)", "A12345l(7)"),
    ("HKID A123456\n(3) is mine", "A123456\n(3)"),
    ("id_no: A1234567 (OCR)", "A1234567"),
    ("身份證號碼 \u0410123456(3)", "\u0410123456(3)"),
    # Passports of other countries, next to a passport word
    ("Passport No.: B7712093", "B7712093"),
    ("Philippine passport P2209374B", "P2209374B"),
    ("PRC passport EC2281934,", "EC2281934"),
    ("护照号码 EA4813760。", "EA4813760"),
    ("UK passport 123456789 expires", "123456789"),
    ("Passport No.: C01X00T47", "C01X00T47"),
    ("passport: 12345678 (Nepal)", "12345678"),
    ("回鄉證號碼 H1234567801", "H1234567801"),
    ("5. DUBOIS CAMILLE - French passport 19AV32817", "19AV32817"),
    ("Ms Olivia Brennan (Canada) passport HL447209", "HL447209"),
    ("your wife's passport reads C8LTN0R25.", "C8LTN0R25"),
    ("3. ID / Passport no. ...... 75 4102 883\n4. Mobile", "75 4102 883"),
    ("Passport: PX\n8820941\nHK address", "PX\n8820941"),
    ("印尼護照號碼C 7 2 1 0 4 5 8，", "C 7 2 1 0 4 5 8"),
    ("P<INDMENON<<ARJUN<<<<<<<<<<<<<<<<<<<<<<<<<<<<\nZ4918827<7IND8711089M3209145<<<<<<<<<<<<<<<6", "Z4918827"),
    # Context from a table column's header, however far above
    (
        "| Name | Nationality | Passport No. | Phone |\n|---|---|---|---|\n"
        + "| Lee | HK | — | — |\n" * 6
        + "| Santos | Philippines | P1234567A | 7558 1065 |",
        "P1234567A",
    ),
    ("name,passport,mobile\nSiti,C4419027,75581065\nAna,123456789,31373537\n", "75581065"),
    ("name,passport,mobile\nSiti,C4419027,75581065\nAna,123456789,31373537\n", "123456789"),
    # E-mail and BR
    ("my email is ahmed dot siddiqui at gmail dot com", "ahmed dot siddiqui at gmail dot com"),
    ("email chan.tm [at] gmail [dot] com thanks", "chan.tm [at] gmail [dot] com"),
    ("電郵：yimwaiping@ netvigator.com", "yimwaiping@ netvigator.com"),
    ("e-mail peter.wong@gm\u0430il.com", "peter.wong@gm\u0430il.com"),
    ("Head of People\nm.kwan@peakview-capital.example", "m.kwan@peakview-capital.example"),
    ("商業登記證號碼：12345678-000", "12345678-000"),
    ("Certificate No.: 5 8 3 1 9 0 2 4 - 0 0 0 - 0 2 - 2 5 - 7", "5 8 3 1 9 0 2 4 - 0 0 0 - 0 2 - 2 5 - 7"),
    # Chinese addresses: estate homes, streets ending 道中, mainland, OCR, spoken floors
    ("地址寫新界將軍澳寶林邨寶寧樓7樓D室", "新界將軍澳寶林邨寶寧樓7樓D室"),
    ("我叫蘇曉君，住顯徑邨顯貴樓23樓2318室。", "顯徑邨顯貴樓23樓2318室"),
    ("收：湛先生\n九龍長沙灣道中168號長沙灣廣場2期11樓1105室\n", "九龍長沙灣道中168號長沙灣廣場2期11樓1105室"),
    ("地址係 元朗 天水圍 天恒邨 恒德樓 三十一樓 十二室 係咪", "元朗 天水圍 天恒邨 恒德樓 三十一樓 十二室"),
    (
        "內地地址：广东省深圳市南山区粤海街道科苑路88号海韵花园3栋1802室。",
        "广东省深圳市南山区粤海街道科苑路88号海韵花园3栋1802室",
    ),
    ("现居住地址为北京市海淀区中关村南大街5号院12号楼2单元801，手机", "北京市海淀区中关村南大街5号院12号楼2单元801"),
    ("地址：新界 葵涌 石蔭東邨\n蔭 興 樓 1 5 樓 1 5 0 6 室\n電話", "新界 葵涌 石蔭東邨\n蔭 興 樓 1 5 樓 1 5 0 6 室"),
    ("site address 係咪 28樓B室, 3座, 嘉峰臺, 鴨脷洲?", "28樓B室, 3座, 嘉峰臺, 鴨脷洲"),
    ("地址係葵涌石籬(二)邨石逸樓12樓1208室", "葵涌石籬(二)邨石逸樓12樓1208室"),
    ("我住 Tai Koo Shing 12座 15樓 B室", "Tai Koo Shing 12座 15樓 B室"),
    ("新界元朗屏山坑頭村12號", "新界元朗屏山坑頭村12號"),
    ("九龍旺角彌敦道580號A地下", "九龍旺角彌敦道580號A地下"),
    (
        "家庭住址：广西壮族自治区南宁市青秀区民族大道136号华润大厦B座2208\n本人",
        "广西壮族自治区南宁市青秀区民族大道136号华润大厦B座2208",
    ),
    ("住址：新界元朗天水圍天恩邨恩\n澤樓2011室\n電話：2447", "新界元朗天水圍天恩邨恩\n澤樓2011室"),
    ("單位喺 美孚新邨第五期百老匯街九十號十二樓A座 \n業主", "美孚新邨第五期百老匯街九十號十二樓A座"),
    ("佢地址係 深圳市福田區蓮花路二零零八號\n你得閒", "深圳市福田區蓮花路二零零八號"),
    ("單位係 日出康城3期領都2座35樓B室 叫價", "日出康城3期領都2座35樓B室"),
    ("新地址 九龍灣宏照道38號企業廣場5期1座22樓2206室\n", "九龍灣宏照道38號企業廣場5期1座22樓2206室"),
    ("marco chan: rm 2207 kwai yat house kwai fong estate\n", "rm 2207 kwai yat house kwai fong estate"),
    ("she lives at block three wah kwai estate\nher husband", "block three wah kwai estate"),
    # English addresses
    ("Flat A, 18/F, Block 4, Heng Fa Chuen", "Flat A, 18/F, Block 4, Heng Fa Chuen"),
    (
        "records show Flat B, 23/F, Harbour Crest, 9 Tak Fung Street, Hung Hom. If",
        "Flat B, 23/F, Harbour Crest, 9 Tak Fung Street, Hung Hom",
    ),
    (
        "Customer: Flat C, twelfth floor, Block four, Laguna City, Lam Tin.",
        "Flat C, twelfth floor, Block four, Laguna City, Lam Tin",
    ),
    (
        "Res. Addr.: FLAT 9 20/F HO MING HOUSE\nLAI YIU ESTATE KWAI CHUNG\n5. Tel",
        "FLAT 9 20/F HO MING HOUSE\nLAI YIU ESTATE KWAI CHUNG",
    ),
    (
        "Ltd\n12/F, Millennium City 6, 392 Kwun Tong Road, Kwun Tong, Kowloon\nT:",
        "12/F, Millennium City 6, 392 Kwun Tong Road, Kwun Tong, Kowloon",
    ),
    ("Block C, 15/F, Flat 3, Sun Chui Estate, Tai Wai", "Block C, 15/F, Flat 3, Sun Chui Estate, Tai Wai"),
    ("She lives at No. 15 Sheung Wo Che Village, Sha Tin.", "No. 15 Sheung Wo Che Village, Sha Tin"),
    ("pls send to flat d, 12/f, block 5, laguna city thx", "flat d, 12/f, block 5, laguna city"),
    (
        "F1at 2D, 5/F, Yu Fung Bui1ding,\n33 Hi11 Road, Shek Tong Tsui",
        "F1at 2D, 5/F, Yu Fung Bui1ding,\n33 Hi11 Road, Shek Tong Tsui",
    ),
    (
        "Mr Chan\nFlat 12, 5/F\nKin Ming House\nKin Ming Estate\nTseung Kwan O\n\nDear Mr Chan,",
        "Flat 12, 5/F\nKin Ming House\nKin Ming Estate\nTseung Kwan O",
    ),
    ("收件人：陳大文\n香港九龍\n觀塘道 123 號\n5 樓 A 室\n", "香港九龍\n觀塘道 123 號\n5 樓 A 室"),
    (
        "the Premises known as Flat D on the 25th Floor of Tower 3, Festival City, No. 1 Mei Tin Road, Sha Tin (the",
        "Flat D on the 25th Floor of Tower 3, Festival City, No. 1 Mei Tin Road, Sha Tin",
    ),
    ("Send to Ko Cheung House, 12 Ko Chiu Road, Yau Tong.", "Ko Cheung House, 12 Ko Chiu Road, Yau Tong"),
    # Code-mixed: Chinese parts in an English address, the estate first
    ("地址: Flat 5B, 12/F, 麗港城 3座", "Flat 5B, 12/F, 麗港城 3座"),
    ("我住 Laguna City Block 5 12/F Flat D 呀", "Laguna City Block 5 12/F Flat D"),
    ("佢住喺 Po Lam Estate Po Ning House 7/F D室", "Po Lam Estate Po Ning House 7/F D室"),
    ("address 係 12/F, Flat A, 寶寧樓, 寶林邨", "12/F, Flat A, 寶寧樓, 寶林邨"),
    ("Home address: Bergmannstraße 41, 10961 Berlin\n", "Bergmannstraße 41, 10961 Berlin"),
    ("address: 14 Ashcombe Road, Wimbledon, London SW19 8JP\n", "14 Ashcombe Road, Wimbledon, London SW19 8JP"),
    ("domicile: Jl. Kenanga No. 14, RT 03/RW 05, Desa Sukamaju\n", "Jl. Kenanga No. 14, RT 03/RW 05, Desa Sukamaju"),
    # 字樓, the Cantonese floor word, keeps the floor and flat inside the address
    ("住址：九龍深水埗北河街88號順景大廈9字樓B座\n聯絡", "九龍深水埗北河街88號順景大廈9字樓B座"),
    ("佢住喺荔景邨荔華樓12字樓3室，好近", "荔景邨荔華樓12字樓3室"),
    # A number broken over a line at any digit, a phone word on its first line
    ("電話：2391 5\n742\n付款方式：現金", "2391 5\n742"),
    ("我個電話 61283\n947\n聽日見", "61283\n947"),
    # Chat export speakers after a WhatsApp date stamp, a Cantonese 阿 + letter nickname
    ("12/03/2026, 08:05 - 玲姐: 今日要半斤牛肉\n12/03/2026, 08:07 - 肉檔: 收到", "玲姐"),
    ("送貨：阿K\n錢交俾阿K收", "阿K"),
    # Both names a greeting joins; an auto-transcript's speaker lines; a user_name holding words
    ("Hi Marcus & Yvonne,\n\nJust checking in", "Yvonne"),
    ("Dear Priscilla and Tobias!\nSee you", "Tobias"),
    ("Karen 何 00:00:12\n好，開始。\n\nDerek 00:00:20\nok\n\nKaren 何 00:01:02\n收到", "Karen 何"),
    ('  user_name = "chow ka yan"\n  user_email = x', "chow ka yan"),
    ('{"display_name": "lam siu fung", "id": 4}', "lam siu fung"),
    # A foreign name spelt by sound after a Chinese name label; a full name bracketed after a pet name
    ("緊急聯絡人（中文名：瑪麗亞）\n電話", "瑪麗亞"),
    ("我個仔樂樂（何子軒）聽日請假", "何子軒"),
    # The English name a roster writes beside a romanised one, a word or not
    ("| 2 | Autumn (Chan Hiu Ying) | 9123 0001 |", "Autumn"),
    ("3. Wong Ka Lok, Rocky (HK$45k) - ex-bank", "Rocky"),
    # A person's word and "is called" before a name in Latin letters no list knows
    ("新娘叫 Jolene，佢哋下個月結婚", "Jolene"),
    ("我個仔叫做Tyrus，今年三歲", "Tyrus"),
    # Names with accented Latin letters, and an abbreviated role before a name
    ("Yesterday Zofia Dąbrowska phoned the office", "Zofia Dąbrowska"),
    ("The MC Halina Woźniak opened the dinner", "Halina Woźniak"),
    # Chinese name parts in a CSV export's first/last name columns
    ("order,billing_first_name,billing_last_name,city\nA1,詠 詩,何,元朗\nA2,志明,陳,广州", "詠 詩"),
    ("order,billing_first_name,billing_last_name,city\nA1,詠 詩,何,元朗\nA2,志明,陳,广州", "陳"),
    # A name an OCR'd form broke over a line after its label; a numbered label
    ("申请人：王\n秀英　身份证 A 1", "王\n秀英"),
    ("担保人 2：刘志华\n电话", "刘志华"),
    # A nickname heading a numbered sign-up entry
    ("羽毛球接龍\n1. Kelvin\n2. 何仔 + 朋友\n3. 阿欣", "何仔"),
]


@pytest.mark.parametrize(("text", "value"), FORMS)
def test_each_written_form_is_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value)


KEPT = [
    "invoice INV-2024-3433 is overdue",
    "電話費 1 月\n2026 年預算",
    "呢棟寫字樓好新",
    "阿Q正傳係魯迅寫嘅",
    "insurance: AXA member MB-2219-0088",
    "Police case KC RN 24003871.",
    "1. KCCC 2831/2024   HKSAR v LEUNG",
    "Between 2019-2023 I worked there",
    "Shop 12, Festival Walk is open till 10pm.",
    "The meeting is on the 5th floor, Conference Room A.",
    "Phase 2, Wing A, Main Building will close.",
    "on the 30th floor, I saw the door open",
    "我哋喺又一城三樓食飯",
    "太古城中心2樓有間餐廳",
    "地點：美孚新邨商場二樓",
    "高層 海景 3房 實用 818 sq ft",
    "受影響單位：E座 10-20樓 A至H室",
    "我哋屯門3月15號見",
    "去屯門搭8號巴士",
    "今日掛三號風球，我喺沙田等你",
    "出生日期 1991年",
    "one or two people came, oh well",
    "Room 12 of the Hotel Icon",
    "Flat 3 of the building was sold",
    "Staff ID 91234567",
    "Policy number 9123 4567",
    "Price 1234.5678 HKD",
    "Year\n2023\n2024\n",
    "編號123號文件",
    "version 4.1.2.2024 and build 5.10.2024.11",
    "證件號碼 已核對\n報案編號 RN24001833",
    "passport checked, flight CX2510 at 10:15",
    "it's four two two zero today",
    "in room 12 the building was old",
    "meet in room 5 conference centre",
    "Experience: 2019-2024 in Discovery Bay",
    "Year 2019  2020  2021  2022",
]


@pytest.mark.parametrize("text", KEPT)
def test_look_alikes_are_kept(redactor: Redactor, text: str) -> None:
    assert [d for d in redactor.analyze(text) if d.entity_type != "PERSON"] == []


# Words beside the name forms above that are not names: (text, word that must stay).
NOT_NAMES = [
    ("Agenda\nLunch 12:30\nMeeting 14:00\nClose 17:00\n", "Meeting"),
    ('user_name = "admin user"', "admin user"),
    ("username: tangwm88", "tangwm88"),
    ("寵物名：阿福（唐狗）", "唐狗"),
    ("签署人：邱海燕（董事）", "董事"),
    ("姓名：西班牙", "西班牙"),
    ("Exit at Admiralty (Wan Chai) then walk", "Admiralty"),
    ("Chan Tai Man, Senior (retired)", "Senior"),
    # A surname character before a word for a group of people, a firm's word in brackets
    ("校车家长群（微信）\n各位家长，明天早一点", "家长"),
    ("经手人：何美珍（车行）\n确认", "车行"),
    ("我叫 Uber 返屋企", "Uber"),
    ("姓名：陳\n地址：中環", "地址"),
    ("注意事項\n1. 小心地滑\n2. 老闆 講", "小心"),
]


@pytest.mark.parametrize(("text", "word"), NOT_NAMES)
def test_words_beside_name_forms_are_not_names(redactor: Redactor, text: str, word: str) -> None:
    start = text.index(word)
    hits = [d for d in redactor.analyze(text) if d.entity_type == "PERSON" and d.start < start + len(word)]
    assert [d for d in hits if d.end > start] == []


# --- properties ---------------------------------------------------------------

_WORDS = "zero one two three four five six seven eight nine".split()
_HAN = "零一二三四五六七八九"


@st.composite
def spelled_phones(draw: st.DrawFn) -> tuple[str, str]:
    """A valid Hong Kong mobile in one of the spellings of free text: (value, digits)."""
    number = draw(st.sampled_from("5679")) + draw(st.text("0123456789", min_size=7, max_size=7))
    style = draw(st.sampled_from(["spaced", "pairs", "words", "han", "han-spaced", "slash", "plus-spaced"]))
    a, b = number[:4], number[4:]
    value = {
        "spaced": " ".join(number),
        "pairs": " ".join(number[i : i + 2] for i in range(0, 8, 2)),
        "words": " ".join(_WORDS[int(d)] for d in a) + ", " + " ".join(_WORDS[int(d)] for d in b),
        "han": "".join(_HAN[int(d)] for d in number),
        "han-spaced": " ".join(_HAN[int(d)] for d in number),
        "slash": f"{a}/{b}",
        "plus-spaced": "+852 " + " ".join(number),
    }[style]
    return value, number


@st.composite
def spelled_hkids(draw: st.DrawFn) -> str:
    prefix = draw(st.text("ACDEGKPRVYZ", min_size=1, max_size=1))
    digits = draw(st.text("0123456789", min_size=6, max_size=6))
    check = check_character(prefix, digits)
    style = draw(st.sampled_from(["{p}{d}-{c}", "{p} {d} ({c})", "{p} {sd} ({c})", "{cyr}{d}({c})"]))
    cyrillic = {"A": "\u0410", "C": "\u0421", "E": "\u0415", "K": "\u041a", "P": "\u0420"}.get(prefix, prefix)
    return style.format(p=prefix, d=digits, c=check, sd=" ".join(digits), cyr=cyrillic)


_ESTATES = ["祥和邨", "康樂苑", "碧海花園", "翠林邨", "富麗花園", "海景台"]
_BUILDINGS = ["安泰樓", "怡景閣", "和興樓", "金碧閣", "明德樓"]
_DISTRICTS = ["沙田", "將軍澳", "深水埗", "屯門", "柴灣", "", "新界元朗", "九龍觀塘"]
_LEADS = ["地址：{a}。", "佢住喺{a}，有事搵佢", "寄去{a}啦", "住址 {a}\n電話：", "送貨地址係{a}？"]


@st.composite
def chinese_addresses(draw: st.DrawFn) -> tuple[str, str]:
    floor = draw(st.integers(1, 45))
    flat = draw(st.sampled_from(["A", "B", "C", "D", "E", "F", "G", "H", f"{floor}{draw(st.integers(1, 20)):02d}"]))
    value = (
        f"{draw(st.sampled_from(_DISTRICTS))}{draw(st.sampled_from(_ESTATES))}"
        f"{draw(st.sampled_from(_BUILDINGS))}{floor}樓{flat}室"
    )
    return draw(st.sampled_from(_LEADS)).format(a=value), value


@st.composite
def english_addresses(draw: st.DrawFn) -> tuple[str, str]:
    floor = draw(st.integers(1, 45))
    flat = draw(st.sampled_from(["A", "B", "C", "D", "12", "3"]))
    name = draw(
        st.sampled_from(
            [
                "Wah Fung House, Ping Shek Estate",
                "Tower 2, Ocean View",
                "Block 3, Sunshine Court",
                "Kin Ming House, Kin Ming Estate",
            ]
        )
    )
    district = draw(st.sampled_from(["Kwun Tong", "Tseung Kwan O", "Sha Tin", "Tuen Mun"]))
    value = f"Flat {flat}, {floor}/F, {name}, {district}"
    lead = draw(
        st.sampled_from(["Address: {a}\nTel: none", "Please deliver to {a}. Thanks", "My home is {a}, near the MTR."])
    )
    return lead.format(a=value), value


def _invariants(redactor: Redactor, text: str, kind: str, value: str) -> None:
    once = redactor.redact(text)
    assert not leaked(kind, value, once.text), (kind, value, once.text)
    for detection in once.detections:
        assert 0 <= detection.start < detection.end <= len(text)
    assert redactor.redact(once.text).text == once.text


@PROPERTY
@given(phone=spelled_phones(), lead=st.sampled_from(["電話：{v}", "call me on {v} tonight", "Mobile: {v}\n2. next"]))
def test_any_spelling_of_a_phone_is_removed(redactor: Redactor, phone: tuple[str, str], lead: str) -> None:
    value, digits = phone
    text = lead.format(v=value)
    once = redactor.redact(text)
    assert re.sub(r"\D", "", once.text).find(digits[:4] + digits[4:]) < 0
    assert covered(redactor, text, value)
    assert redactor.redact(once.text).text == once.text


@PROPERTY
@given(hkid=spelled_hkids(), lead=st.sampled_from(["HKID {v} on file", "身份證號碼：{v}", "id no. {v}"]))
def test_any_spelling_of_an_hkid_is_removed(redactor: Redactor, hkid: str, lead: str) -> None:
    text = lead.format(v=hkid)
    assert covered(redactor, text, hkid)
    _invariants(redactor, text, "HKID", hkid)


@PROPERTY
@given(address=chinese_addresses())
def test_any_estate_address_in_chinese_is_removed_whole(redactor: Redactor, address: tuple[str, str]) -> None:
    text, value = address
    assert covered(redactor, text, value)
    _invariants(redactor, text, "ADDRESS", value)


@PROPERTY
@given(address=english_addresses())
def test_any_estate_address_in_english_is_removed_whole(redactor: Redactor, address: tuple[str, str]) -> None:
    text, value = address
    assert covered(redactor, text, value)
    _invariants(redactor, text, "ADDRESS", value)
