"""People's names in the forms and positions free text puts them, through the whole
redactor; and the places, brands and ordinary words that must stay."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guardrail.errors import ConfigurationError
from guardrail.pii import gazetteer
from guardrail.pii.recognizers.name_lexicon import is_given, is_place, zh_name_shape
from guardrail.pii.redactor import Redactor
from tests.pii.coverage import PROPERTY, person_spans


def assert_removed(redactor: Redactor, text: str, value: str) -> None:
    redacted = redactor.redact(text).text
    for part in re.split(r"[\s,/]+", value):
        if len(part) > 1:
            assert not re.search(rf"(?<![A-Za-z]){re.escape(part)}(?![A-Za-z])", redacted), (text, redacted)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # labelled fields, any case, comma and slash forms
        ("Claimant: Oksana Beliaeva\nDefendant: the company", "Oksana Beliaeva"),
        ("Guest name: WEBER, Annika\nNationality: AUSTRIAN", "WEBER, Annika"),
        ("full name: rosario dimaculangan santos", "rosario dimaculangan santos"),
        ("Name (as on passport): NGUYEN THI HOA", "NGUYEN THI HOA"),
        ("Passenger: LEUNG/PUIYEE MS\nSeat 32A", "LEUNG/PUIYEE"),
        ("Surname: PRAKOSO   Given name: ADITYA", "PRAKOSO"),
        ("Surname: PRAKOSO   Given name: ADITYA", "ADITYA"),
        # JSON keys and table columns
        ('{"customer_name": "Farida Begum", "tier": "gold"}', "Farida Begum"),
        ('{"姓名": "鄺曉澄", "電話": "5123 0000"}', "鄺曉澄"),
        ("| Ticket | Assignee | Status |\n|---|---|---|\n| 881 | Tomasz Nowak | open |", "Tomasz Nowak"),
        ("id,name,score\n1,Bilal Chaudhry,77\n2,Wong Pui Shan,81", "Bilal Chaudhry"),
        ("| 時間 | 住客姓名 | 單位 |\n| 09:10 | 車慧欣 | 5A |", "車慧欣"),
        # chats, greetings, titles, sign-offs, introductions
        ("[3/4/24, 10:01] Momo: 出發未\n[3/4/24, 10:02] Momo: 我到咗", "Momo"),
        ("Hi Anneliese,\n\nThe report is attached.", "Anneliese"),
        ("Please ask Mr Ramaswamy to call back.", "Ramaswamy"),
        ("Many thanks,\nGwendolyn Okafor\nSenior Analyst", "Gwendolyn Okafor"),
        ("The caller said her name is Marisol and she lives nearby.", "Marisol"),
        ("我老婆 Queenie 會嚟接", "Queenie"),
        # Chinese: labels, Simplified, compound surnames, spaced OCR
        ("收件人：欧阳晓雯\n电话：+86 139 0000 1111", "欧阳晓雯"),
        ("聯絡人：司徒嘉晴（九龍）", "司徒嘉晴"),
        ("姓 名 ： 莫 展 鵬\n性 別 ： 男", "莫 展 鵬"),
        ("主診醫生：譚穎欣醫生", "譚穎欣"),
        # a name found once is found again
        ("Booking under Ingrid Halvorsen. Ingrid will arrive late.", "Ingrid"),
        ("收件人：鍾嘉穎\n如嘉穎不在，請放管理處。", "嘉穎"),
        # travel documents
        ("P<GBRHARGREAVES<<OLIVER<JAMES<<<<<<<<<<<<<<<<", "HARGREAVES<<OLIVER<JAMES"),
        # spelled out, surname first with a comma, Ah-names, lower case in chats
        ("Agent: and your surname? Caller: N-G, first name P-E-T-E-R.", "N-G"),
        ("Applicant (block letters): L A U   W I N G   K I", "L A U"),
        ("Witness: statement of TSANG, Hoi Lam Rebecca (HKID withheld)", "TSANG, Hoi Lam"),
        ("she knew him only as Ah Keung from the market", "Ah Keung"),
        ("ok will ask priyanka tmr", "priyanka"),
        ("叫阿Kenneth 幫手搬", "Kenneth"),
        ("customer: yeah it's chan tai man\nagent: thanks", "chan tai man"),
        ("Caller: This is Ma. Theresa Villanueva for my employer.", "Theresa Villanueva"),
        ("<customer><name>Chan Tai Man</name><tier>gold</tier></customer>", "Chan Tai Man"),
        ("No\tName\tDept\n1\tOksana Beliaeva\tHR", "Oksana Beliaeva"),
        ("Claimant: José Núñez García", "José Núñez García"),
        ("Sermon by Rev. Timothy Ho; Insp. Kwan attended.", "Kwan"),
        ("Groom: Kelvin Lau\nBride: Winnie Chan\n新郎：劉家朗", "劉家朗"),
        ("主禮：李德明牧師", "李德明"),
        ("Name of Applicant:\nCHAN TAI MAN\nHKID: withheld", "CHAN TAI MAN"),
        ("Name          Wong Siu Ming\nAge           34", "Wong Siu Ming"),
        ("Approved by T.M. Chan; copy to Leung K.W.", "Leung"),
        ("王芳表示同意，李娜和张伟明天出发。", "李娜"),
        ("記者陳明報道。", "陳明"),
        ("多謝 King 幫手！聽日搵 Coco 傾下。", "Coco"),
        # chat exports: speakers in lower case, in Chinese, with a Cantonese affix
        ("28/01/2025, 11:16 pm - marco chan: can pay by fps", "marco chan"),
        ("[02/12/2024, 13:41:05] 阿珍: ok 單號幾多", "阿珍"),
        ("[21/06/2024, 22:04:02] Kit仔: 即刻打去銀行 cancel 啦", "Kit仔"),
        # tables: plain-text grids, pipes without outer pipes, columns lined up with spaces
        (
            "+----+--------------+\n| No | Tenant       |\n+----+--------------+\n| 2  | Deepa Sharma |\n",
            "Deepa Sharma",
        ),
        ("payee          | amount\n---------------+-------\nHannah Schmidt | EUR 9\n", "Hannah Schmidt"),
        ("EMP#    NAME                 HKID\n10288   SUBRAMANIAM R.       withheld\n", "SUBRAMANIAM"),
        ("   member_id   full_name      mobile\n0  A10023  Cheng Wai Man  9821 4410\n", "Cheng Wai Man"),
        # labels: any role ending in 人, a name part key, dot leaders, a name broken over a line
        ("交接人：钟伟\n", "钟伟"),
        ('{"firstName": "Priya", "lastName": "Natarajan"}', "Natarajan"),
        ("1. Insured person ........ Natalia\nIvanova\n2. Policy no.", "Natalia Ivanova"),
        ("Full name: Sarah-Jane\nO'Connell\nNationality: Irish", "Sarah-Jane O'Connell"),
        ("Signed: M. Ashworth", "Ashworth"),
        # the holder of a document listed on its line; rarer surnames; list entries
        ("3. NGUYEN THI LAN - Vietnamese, passport C5518204", "NGUYEN THI LAN"),
        ("员工：覃海波   工号：SZ20230418", "覃海波"),
        ("三獎：林子康、孔詠琪、伍健業\n", "伍健業"),
        ("第一席\n梁國強\n梁黃淑儀\n", "梁黃淑儀"),
        ("caller says her name is amy leung and she lives there", "amy leung"),
        ("| Tenant | Phone |\n|---|---|\n| Gareth Price | 9123 4567 |\n", "Gareth Price"),
        ("her husband leung kam wah can be reached", "leung kam wah"),
        ("Ethan Kwok 4C, mum Sandy 6218 4409", "Sandy"),
        ("阿欣 呀 你舅父換咗電話", "阿欣"),
        ("老師：龐老師、蒲Sir\n", "蒲"),
        ("--\n譚偉倫 Alan Tam\n項目經理", "譚偉倫"),
    ],
)
def test_names_are_removed(redactor: Redactor, text: str, value: str) -> None:
    assert_removed(redactor, text, value)


@pytest.mark.parametrize(
    "text",
    [
        "Meet at Lee Gardens, then lunch at Festival Walk.",
        "我哋喺太古城中心等，之後去周大福揀戒指。",
        "The Debug log shows nothing. Summarise it in one line.",
        "Tel: 2345 6789 (office). Lunch is from 12 to 1.",
        "Staying at the Regal Kowloon, near Langham Place.",
        "Mum: 食咗飯未\nDaddy: 未呀\nMum: 快啲返嚟",
        "To: Customer Service Team\nSubject: refund",
        "Dear Hiring Manager,\nPlease find my CV attached.",
        "駛近龍翔道時，凌晨發現有車停低。",
        "受害人對方聲稱可以介紹投資，身高約一米七。",
        "首先感謝大家出席。由于小区道路狭窄。點樣同高中生講歷史？社區中心有講座。",
        "A body on Nathan Road; a fight in Lan Kwai Fong; hiking on Tai Mo Shan.",
        '{"type": "function", "function": {"name": "WeatherLookup"}}, {"name": "Lookup"}',
        "Run Docker on Linux; ask the eTAX app; build with Lego.",
        "Bought a Louis Vuitton bag and Calvin Klein jeans; ask Siri or Alexa.",
        "問 Google 啦，同 HSBC 講咗，同 Festival Walk 經理約咗。",
        "| Station | Volunteer | Contact |\n|---|---|---|\n| Mong Kok | TBC | — |",
        "name,price,qty\nWidget A,12.5,3\nGadget Pro,99,1",
        "From: Human Resources\nTo: Internal Audit\nSubject: Q3",
        "Donation from Po Leung Kuk and Tung Wah Group of Hospitals.",
        "H K I D card, A B C order; 隻貓叫 Mango",
        "it's so long ago; this is ma wan pier; its wong tai sin temple",
        "Pet name: Lucky\nSong name: Happy Birthday\nTeam name: Red Dragons",
        "Pax: 2 adults\nPax: 1 child",
        "| 家長 | 學生 | 班別 |\n| — | — | 3A |",
        "PASSPORT OFFICE - CLOSED 12345 for passport renewals",
        "有問題請直接私訊老師。謝謝大家。",
        "| Name | Phone |\n|---|---|\n| Main Office | 2345 6789 |",
        "我在寫武俠小說，問房東同歷史老師",
        "阿媽: 喂\n阿仔 返嚟\n阿里 巴巴",
        "我個女話想寫李小龍，佢好鍾意聽鄧麗君",
        "We moored at Sok Kwu Wan, then walked to Yung Shue Wan.",
        "Dry-clean the Max Mara coat; the Patek Philippe goes back for service.",
    ],
)
def test_places_brands_and_words_are_not_names(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


def test_a_table_of_things_needs_a_known_name_in_its_name_column() -> None:
    from guardrail.pii.recognizers.name_fields import markdown_tables

    things = "| Name | Qty |\n|---|---|\n| Widget Price | 3 |\n| Peter Total Cost | 2 |\n"
    people = "| Tenant | Phone |\n|---|---|\n| Gareth Price | 9123 4567 |\n"
    assert [things[a:b] for a, b, _ in markdown_tables(things)] == []
    assert [people[a:b] for a, b, _ in markdown_tables(people)] == ["Gareth Price"]


def test_place_words_stay_when_a_surname_is_carried_over(redactor: Redactor) -> None:
    text = "Client: Lee Ka Wing\nMeet Mr Lee at Lee Gardens."
    spans = person_spans(redactor, text)
    assert not any(text.find(s) == text.find("Lee Gardens") for s in spans)


def test_word_like_given_names_only_where_a_name_stands(redactor: Redactor) -> None:
    chat = "[1/2/25, 09:00] King: ok\n[1/2/25, 09:01] Apple: 收到"
    assert {"King", "Apple"} <= set(person_spans(redactor, chat))
    assert person_spans(redactor, "The King of apple pies is Apple Daily's headline.") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Tuesday we are in Ingrid's living room instead.", "Ingrid"),
        ("Emergency: wife Zarine 9086 2214", "Zarine"),
        ("Still missing the form from my son Rustom, 12", "Rustom"),
    ],
)
def test_a_possessive_and_a_family_members_lone_name_are_names(redactor: Redactor, text: str, value: str) -> None:
    assert value in person_spans(redactor, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('Booking ref: II-26-1147     Artist: Vesna ("Ves")', "Vesna"),
        ("ARTIST: Dami\n Wed 13:00  Marcus Lee", "Dami"),
        ("Tutor: Sheena", "Sheena"),
    ],
)
def test_one_unknown_word_after_a_role_only_a_person_fills_is_a_name(redactor: Redactor, text: str, value: str) -> None:
    assert value in person_spans(redactor, text)


@pytest.mark.parametrize(
    "text", ["Driver: TBC", "Driver: Bus 2", "Caller: Eighty thousand.", "Doctor: Take this daily"]
)
def test_a_transcripts_speaker_or_a_placeholder_after_a_role_is_not(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


def test_a_shop_named_after_somebody_stays(redactor: Redactor) -> None:
    assert person_spans(redactor, "We went to Wendy's for burgers, then to Macy's.") == []


def test_a_private_person_sharing_a_short_figures_name_is_still_found(redactor: Redactor) -> None:
    assert "李成龍" in person_spans(redactor, "李成龍今日請假，聽日返。")


def test_lexicon_questions() -> None:
    assert is_given("Priyanka") and not is_given("King") and is_given("King", in_position=True)
    assert is_place("lee  gardens") and not is_place("Lee Ka Wing")
    assert zh_name_shape("辛蘇麗珍") and zh_name_shape("欧阳晓明") and not zh_name_shape("龍翔道")


def test_gazetteer_loads_and_fails_clearly(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert "Festival Walk" in gazetteer.entries("buildings")
    assert "太古城" in gazetteer.chinese()
    with pytest.raises(ValueError):
        gazetteer.entries("restaurants")
    monkeypatch.setattr(gazetteer, "_HERE", tmp_path)
    gazetteer.entries.cache_clear()
    try:
        with pytest.raises(ConfigurationError, match="places.txt"):
            gazetteer.entries("places")
    finally:
        gazetteer.entries.cache_clear()


_GIVEN = ["Rowena", "Priyanka", "Sandeep", "Dewi", "Lukas", "Hana", "Karthik", "Maricel"]
_SURNAMES = ["Santos", "Sharma", "Lestari", "Chan", "Wong", "Nair", "Schmidt", "Cheung"]
_LABELS = ["Name: {}", "Claimant: {}", '{{"name": "{}"}}', "Dear {},", "Thanks,\n{}", "Mr {} called."]


@PROPERTY
@given(
    first=st.sampled_from(_GIVEN),
    last=st.sampled_from(_SURNAMES),
    form=st.sampled_from(_LABELS),
    spelling=st.sampled_from(["title", "upper", "surname-first"]),
)
def test_planted_name_removed_in_any_spelling(
    redactor: Redactor, first: str, last: str, form: str, spelling: str
) -> None:
    name = {
        "title": f"{first} {last}",
        "upper": f"{first.upper()} {last.upper()}",
        "surname-first": f"{last.upper()}, {first}",
    }[spelling]
    text = "Re: case 2291\n" + form.format(name) + "\nThe rest is routine."
    redaction = redactor.redact(text)
    assert first not in redaction.text and first.upper() not in redaction.text
    for d in redaction.detections:
        assert 0 <= d.start < d.end <= len(text)
    assert redactor.redact(redaction.text).text == redaction.text


_ZH_SURNAMES = list("陳李張黃何林吳劉蔡楊梁鄭謝郭曾羅")
_ZH_GIVEN = list("志明嘉欣偉文詠詩家俊美玲子軒淑儀國強")
_ZH_FORMS = [
    "姓名：{}\n電話：未提供",
    "客戶{}先生來電查詢。",
    '{{"持卡人": "{}"}}',
    "| 姓名 | 單位 |\n| {} | 12A |",
    "收件人：{}（請於六點前送到）",
]


@PROPERTY
@given(
    surname=st.sampled_from(_ZH_SURNAMES),
    given_chars=st.lists(st.sampled_from(_ZH_GIVEN), min_size=2, max_size=2),
    form=st.sampled_from(_ZH_FORMS),
    simplified=st.booleans(),
)
def test_planted_chinese_name_removed_in_either_script(
    redactor: Redactor, surname: str, given_chars: list[str], form: str, simplified: bool
) -> None:
    from guardrail.pii.recognizers.name_lexicon import _t2s

    name = surname + "".join(given_chars)
    text = form.format(name)
    if simplified:
        text, name = _t2s().convert(text), _t2s().convert(name)
    redaction = redactor.redact(text)
    assert name not in redaction.text and name[1:] not in redaction.text, (text, redaction.text)
    assert redactor.redact(redaction.text).text == redaction.text
