"""Names that the words beside them give away (:mod:`guardrail.pii.recognizers.name_cues`):
titled surnames and nicknames inside running Chinese, nickname chat speakers, word-like
given names before a relative's word, initials and ward roles before a surname, one-word
cells of surname and given-name columns; and the ordinary words of the same shapes
that must stay."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import PROPERTY, covered, person_spans


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a surname and a title inside running Chinese
        ("10:30 帶關生睇樓，佢太太好鍾意", "關"),
        ("佢老婆林太話放門口得", "林"),
        ("好。客户刘总那边谁对接？", "刘"),
        ("院長黎太叮囑：探訪要戴口罩。", "黎"),
        ("七號床文伯話膝頭痛，下晝陸姑娘帶佢做物理治療。", "陸"),
        ("審批人：孙经理 → 财务", "孙"),
        ("喂，我姓鄺，想book聽晚七點", "鄺"),
        ("先母何陳秀英女士於本月安息", "何陳秀英"),
        ("住喺樓上嘅馮伯（馮炳）上星期走咗", "馮炳"),
        # nicknames in running text and as chat speakers
        ("帛金可以交俾管理處阿芬代收。", "阿芬"),
        ("已经好了，老王在现场盯着", "老王"),
        ("张总：@小李 明天的展位布置好了吗？", "小李"),
        ("[14:22] 佳哥: 我喺荃灣，半個鐘到\n[14:23] 調度: ok", "佳哥"),
        ("客服小美：用户反映快递未送达\n仓库老郑：查了\n客服小美：好的", "小美"),
        ("群主阿May：今日有货\n林秀英：我要2支\n石磊：+1\n群主阿May：收到", "石磊"),
        ("[語音] 喂 我係May姐 你記低我新電話", "May姐"),
        ("佢話掛住孫仔樂樂，得閒帶佢嚟探下佢啦。", "樂樂"),
        # word-like English given names beside a relative's word
        ("[19:02] King媽媽: 各位家長，聽日截止", "King"),
        ("Week 3 driver: Star's grandma will drive.", "Star"),
        ("[19:03] Apple mum: 我交咗喇 thx", "Apple"),
        # surnames after list heads, initials and ward roles
        ("Tuesday (Kowloon Tong):  Gideon Yeung & Precious Yeung", "Precious Yeung"),
        ("19:00  King Cheung  x10  VIP room", "King Cheung"),
        ("CC: S.Y. LAU; T Ng\nRe: renewal", "T Ng"),
        ("Incense and offerings: K.M. Tse, Y L Ngai", "Y L Ngai"),
        ("Handover by RN Tiffany Lo to RN Kwok.", "Kwok"),
        ("NURSING NOTE\nPt WONG TAI SHING (HN 2104) c/o chest pain", "WONG TAI SHING"),
        ("2. ABDULLAH, Nur Aisyah 29F - appendicectomy", "ABDULLAH, Nur Aisyah"),
        ("v2 comments from D. Fung and A.B. Rahman incorporated", "A.B. Rahman"),
        ("Members\nSze To Kin Ho, Au Yeung Man Wai", "Sze To Kin Ho"),
        ("黃Sir同Miss 陳講咗，致電給張先生", "陳"),
        ("舍監何老師話仲有個叫阿明嘅同事", "阿明"),
        ("Witness statement taken by PC 12345 Cheung at 14:10", "Cheung"),
        ("Reported by: Constable 4417 WONG", "WONG"),
        ("Sunny話佢遲啲到", "Sunny"),
        ("女兒Summer同兒子Sky都去", "Summer"),
        ("My daughter Rose and her friend Apple came", "Apple"),
        ("一名姓李的女子報警，陳姓司機被捕", "陳"),
        ("姓黃男子受傷送院", "黃"),
        ("- Auntie May, now at home after her fall", "May"),
        ("Officer Lee took the statement; Nurse Carmen called", "Lee"),
        ("I, KUMAR Ravi Shankar (Passport No. 1)", "KUMAR"),
        ("| user | ip |\n| tsang.wm | 10.0.0.1 |", "tsang.wm"),
        ("signup user_name=hoi_ying.lau display=x", "hoi_ying.lau"),
        ("name chan hoi yan\nphone 852-6071", "chan hoi yan"),
        ("旅客 何敏 在口岸遗失证件", "何敏"),
        ("客戶繆嘉敏來電查詢", "繆嘉敏"),
        ("passport P4410273C, name DELA CRUZ, JOVELYN\nTried calling", "DELA CRUZ, JOVELYN"),
        ("收貨人 : 劉 太\n地址 : 九 龍", "劉"),
        ("Hi coach 我係 Ethan 媽咪 Joanne，佢下星期去唔到", "Joanne"),
        ("坐席：开户人是您本人吗？\n客户：是，周丽。还有", "周丽"),
        ("經手：靜儀（美聯將軍澳分行）", "靜儀"),
        ("Assigned to: wkchan", "wkchan"),
        ("@Kelvin Lo can u check? cc @mandy.wong", "mandy.wong"),
        ("[12/3/24, 21:15] jess: omw\n[12/3/24, 21:16] Kelvin Lo: k", "jess"),
        ("（英国账户，开户名 Lin Xiao），或原路退回", "Lin Xiao"),
        ("| user | ip |\n| ahmed.r | 10.0.0.2 |", "ahmed.r"),
        ("收 款 人 : 黃 師 傅  電話 6013 7725", "黃 師 傅"),
        ("備註：覃太會帶埋BB車", "覃"),
        ("收货人：王*明 138****1234", "王*明"),
        ("陳○文先生，你好", "陳○文"),
        # lower-case Ah-names, mainland two-character names, word-like names in a person's state
        ("ask kelvin to call me, tell ah ming too", "ah ming"),
        ("王磊说明天不来了，李娜今天请假。", "李娜"),
        ("患者張偉，男，45歲。", "張偉"),
        ("Morning team. Winter is off sick today.", "Winter"),
        # the rest of a column or list whose other entries are names
        (
            (
                "Bookings Sat\n12:00  Mrs Pereira  x2  9233 1108\n13:00  陳小姐  x4  5193 0036\n"
                "19:00  King Cheung  x10  VIP\n19:30  Candy  x3  walk-in\n"
            ),
            "Candy",
        ),
        ("日期　院友　　探訪者\n11/3　梁桂芳　梁偉文\n11/3　譚水　　譚美華\n11/4　梁桂芳　周麗嫦\n", "譚水"),
        ("Gift exchange pairs:\nSky → Jayden\nChloe → Marcus\n", "Sky"),
        # one-word cells of surname and given-name columns
        ("surname,given_name,shift,mobile\nCHAN,Wing Yan,AM,91827364\nO'Brien,Siobhan,PM,68813307", "Siobhan"),
        ("| Surname | Given name | Tel |\n|---|---|---|\n| Ng | Siu Fong | 9123 |\n| Ma | Chi Kin | 6123 |", "Ma"),
        ('"Surname","Other names","Email"\n"Ma","Chi Kin","k@example.org"', "Ma"),
    ],
)
def test_names_beside_their_cues_are_found(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="PERSON"), (text, person_spans(redactor, text))


@pytest.mark.parametrize(
    "text",
    [
        "今日天氣太熱，提高太多都唔好",
        "衛生署話學生要打疫苗，公關經理同檢查醫生都去咗",
        "我哋小區嘅小麥粉賣晒，老公話老闆好孤寒",
        "錢太少買唔起，成本太高，文件太多，時間太長",
        "歷史老師係班主任，生日快樂",
        "小黃車同小黃鴨，老陳醋，老王賣瓜",
        "阿里巴巴、阿根廷、阿富汗、阿森納、阿彌陀佛、阿仙奴、阿波羅、阿瑪尼、阿迪達斯",
        "佢做咗總結，總共三個，姐妹一齊去；伯父同伯母",
        "Tiger mum and helicopter dad styles",
        "Working mum support group meets on Weds and Fri",
        "See Appendix A Chan Report; Block A Lee Garden",
        "Route A (Tseung Kwan O to Kowloon Tong) leaves at 7",
        "供應商：永興五金工程有限公司，應胡關李羅律師行要求",
        "Meds: Aspirin 80mg, Lipitor 20mg; languages: Cantonese, Putonghua",
        "ah ok, ah so, ah yes, ah well",
        "，黃金。，安全。，方便。，何時？，周末。，高興。",
        "廚房太細，歷史太長",
        "x*y, 3*4, 王 x 3",
        "went to the lobby; from the copy; to strong; by: spam; next: skip; to ship; login: python",
        "email me @ 7pm; @home; see @param and @dataclass",
        "聯絡人：中心 9123 4567\n負責人：同上",
        "Welcome To Hong Kong\nBack To School Sale\nPath To Success: A Ho Story",
        "材料：陳皮、黃豆、白菜、高山、江南、羅漢\n產地：湛江\n目的地：江南",
        "客户：招行的卡，本人毕业于浙江大学，爸爸張卡，記得講 吉祥 說話，同事黃金",
        "see os.path.join and re.sub, config.yaml, chan.txt, www.lee.com.hk, wong.py",
        "WONG Tai Sin temple; LEE Garden One",
        "Google話要更新，Windows話要restart",
        "Venues:\nTsui Wah\nLin Heung\nTim Ho Wan\nCheung Kong\nChow Tai Fook",
        "Lunch at Tsui Wah, dinner at Yung Kee & Lin Heung; cakes from Kee Wah",
        "Everyone is off sick; the system is absent; It is unwell",
        "Date\tTime\tBooker\tContact\n3 May\t10:00\tISP\tTBC\n4 May\t11:00\tN/A\tTBC\n5 May\t12:00\tIT\tTBC",
    ],
)
def test_words_of_the_same_shapes_are_not_names(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


_SURNAMES = list("陳李張黃何林吳劉蔡楊梁鄭謝郭曾羅關鍾馮麥")
_TITLES = ["生", "太", "先生", "小姐", "醫生", "姑娘", "經理", "主席", "師傅", "老師", "婆婆"]
_LEADS = ["今日帶{}睇樓", "叫{}簽名", "打俾{}問下", "同埋{}一齊去", "記得話{}知"]


@PROPERTY
@given(
    surname=st.sampled_from(_SURNAMES),
    title=st.sampled_from(_TITLES),
    lead=st.sampled_from(_LEADS),
    simplified=st.booleans(),
)
def test_a_titled_surname_in_running_text_is_removed(
    redactor: Redactor, surname: str, title: str, lead: str, simplified: bool
) -> None:
    from guardrail.pii.recognizers.name_lexicon import _t2s

    text = "備註：" + lead.format(surname + title) + "，唔該。"
    if simplified:
        text, surname = _t2s().convert(text), _t2s().convert(surname)
    at = text.index(surname, 3)
    assert covered(redactor, text, surname, at=at, entity="PERSON"), (text, person_spans(redactor, text))
    redaction = redactor.redact(text)
    for d in redaction.detections:
        assert 0 <= d.start < d.end <= len(text)
    assert redactor.redact(redaction.text).text == redaction.text


_GIVEN_CHARS = list("芬杰輝英強明華珍玲雯")
_NICK_FORMS = ["阿{g}", "老{s}", "小{s}", "{g}哥", "{g}姐"]


@PROPERTY
@given(
    surname=st.sampled_from(list("王李陳張黃劉周吳")),
    given_char=st.sampled_from(_GIVEN_CHARS),
    form=st.sampled_from(_NICK_FORMS),
    stamped=st.booleans(),
)
def test_a_nickname_speaking_in_a_chat_is_removed(
    redactor: Redactor, surname: str, given_char: str, form: str, stamped: bool
) -> None:
    nick = form.format(g=given_char, s=surname)
    stamp = "[09:1{}] " if stamped else ""
    lines = [
        f"{stamp.format(i)}{who}: {said}"
        for i, (who, said) in enumerate([(nick, "到咗"), ("調度", "ok"), (nick, "收到")])
    ]
    text = "\n".join(lines)
    redaction = redactor.redact(text)
    assert not re.search(re.escape(nick) + r"\s*:", redaction.text), (text, redaction.text)
    assert redactor.redact(redaction.text).text == redaction.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("致馬先生：令尊本月藥費", "馬先生"),
        ("client Mr & Mrs Yuen (9166 0382)", "Mr & Mrs Yuen"),
        ("陳小姐：你個帳戶登入唔到", "陳小姐"),
        ("Miss Ho said it was fine", "Miss Ho"),
        ("Wong Sir: ok", "Wong Sir"),
    ],
)
def test_a_finding_takes_in_the_title_beside_a_name(redactor: Redactor, text: str, value: str) -> None:
    assert value in person_spans(redactor, text)


def test_a_title_is_not_taken_from_an_ordinary_word(redactor: Redactor) -> None:
    assert person_spans(redactor, "陳大文生日快樂，黃志強太多嘢做") == ["陳大文", "黃志強"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # initials signing off, dotted, in lower case where nothing else could stand
        ("Man-ki; spoke to her 1/12. -- DM", "DM"),
        ("Cash $1,470 + Octopus $650   - K.Y.", "K.Y."),
        ("Received by: jw   Approved: Canon A. Lai", "jw"),
        ("$26,400 motor.\n\nth 26/11 17:40", "th"),
        ("現金 float $2,000 已點, 入咗夾萬. -- cy", "cy"),
        ("Transcribed by J. Wai, checked AL\nentry | date", "AL"),
        ("Counter today: KY / cutting: Uncle Tam", "KY"),
        ("u), UN 652 (spare)\n\nlogged by SF", "SF"),
        # a romanised surname, any case, before a Chinese title; an English name before 姐
        ("9:30 leung太 (MF-03318) 一定要打俾佢", "leung"),
        ("記得搵 chan生 同 wong小姐", "wong"),
        # an alias in brackets: the given name run together, what a person is called
        ("| 2 | TSANG Hok Yin (Hokyin) | S4 |", "Hokyin"),
        ("新嚟嘅 cheng mei yee (叫佢 may may) 身份證", "may may"),
        ('Driver: Ms. Summer Ko (goes by "summer.k" on our WhatsApp)', "summer.k"),
    ],
)
def test_initials_titled_surnames_and_aliases(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name)


@pytest.mark.parametrize(
    "text",
    ["Flights from HK to KL and on to SG.", "Size - XL", "go to the U.S. -- ok", "我 so 太 累", "Approved by GM."],
)
def test_codes_and_words_are_not_initials_or_surnames(redactor: Redactor, text: str) -> None:
    assert not [d for d in redactor.analyze(text) if d.entity_type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a child's 小 pet name before the relative who writes; a surname before 阿姨, 管家
        ("小鱼妈妈：谁家的白色车又停我车位了\n阿杰-12栋：是不是访客车？\n小鱼妈妈：每次都这样", "小鱼"),
        ("物业-郑管家：收到，已查", "郑"),
        ("谭阿姨您好，明天上午9点", "谭"),
        # a rarer surname and 太 after a word that introduces a person
        ("有位甄太打嚟投訴，話佢老爺 甄炳坤", "甄"),
    ],
)
def test_chinese_kin_and_titles(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name)


@pytest.mark.parametrize(
    "text", ["婚宴喺 尖沙咀海景嘉福酒店，但朝早", "李锦华海鲜酒家（荔湾总店）宴会预订", "小学妈妈群"]
)
def test_a_business_named_like_a_person_is_no_person(redactor: Redactor, text: str) -> None:
    assert not [d for d in redactor.analyze(text) if d.entity_type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "flat"),
    [("我是9栋1603的，车位是租的", "9栋1603"), ("| 梁伯 | 5栋2603 | +852 6390 1128 |", "5栋2603")],
)
def test_a_compounds_block_and_flat_alone_is_an_address(redactor: Redactor, text: str, flat: str) -> None:
    assert covered(redactor, text, flat, entity="ADDRESS")


@pytest.mark.parametrize(
    ("text", "value", "entity"),
    [
        ("不行就请滕科长出面", "滕", "PERSON"),
        ("单号 0585　6/1　郗生 郗達明", "郗達明", "PERSON"),
        ("肖彬（租户 11栋1-704）：好的", "11栋1-704", "ADDRESS"),
    ],
)
def test_rarer_surnames_office_titles_and_stair_units(redactor: Redactor, text: str, value: str, entity: str) -> None:
    assert covered(redactor, text, value, entity=entity)


def test_a_dried_seafood_shop_speaking_is_no_person(redactor: Redactor) -> None:
    text = "[09/01 10:15] 德興海味: 有貨呀小姐\n[09/01 10:20] 蔡太: 好\n[09/01 10:24] 德興海味: 收到"
    assert "德興海味" in redactor.redact(text).text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a two-character name beside a full name in the same list; a rarer surname and 总
        ("| 00709 | 6栋A座1108 | 卢嘉欣、谭浩 | 共有人，一票 |", "谭浩"),
        ("可以，截图附在OA里，审批人选鲁总。", "鲁"),
    ],
)
def test_list_partners_and_mainland_bosses(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name)


def test_a_word_after_a_rarer_surname_is_no_title(redactor: Redactor) -> None:
    assert not [d for d in redactor.analyze("这个月鲁总结了") if d.entity_type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a relative's word, then a space, then the name; a full name after 阿爸
        ("「祝 陳伯 一路辛苦晒!\n 囝囝 家樂 囡囡 嘉欣 上」", "家樂"),
        ("村屋狗多，到咗先打電話，蔡太個仔 家明 可能喺度", "家明"),
        ("問題二：我阿爸 樊德全 舊年過咗身", "樊德全"),
    ],
)
def test_names_after_a_relatives_word(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name)


def test_a_relatives_word_signing_is_no_name(redactor: Redactor) -> None:
    out = redactor.redact("囝囝 家樂 囡囡 嘉欣 上").text
    assert "囝囝" in out and "囡囡" in out


@pytest.mark.parametrize(
    ("text", "name"), [("Heaviest bag: Choy sifu, 6.8kg total", "Choy"), ("Wong gor will drive", "Wong")]
)
def test_a_romanised_surname_before_a_cantonese_title_in_latin_letters(
    redactor: Redactor, text: str, name: str
) -> None:
    assert covered(redactor, text, name)
