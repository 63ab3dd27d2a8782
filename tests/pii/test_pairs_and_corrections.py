"""Numbers read out in pairs and corrected halfway, and addresses read out in Cantonese, as
the blind-written round dev245-dev248 gave them: each case stands for a class.

- a phone, card or identity card read in tens (``six-eight, double four, seventy,
  thirty-one``; ``forty-five thirty-nine, twenty fifty-one ...``), after a word for a number
  or another number just read out; prose counting in tens is left alone;
- a caller taking digits back (``seven seven - sorry, seven six``, ``- no wait -`` and the
  number again, 「…啊不对，」, 「…唔好意思，」), or hesitating and saying them again
  (「六四零…六四零二三五」): the number meant is found, over everything said;
- an identity card's check digit said after its bracket (``and bracket zero``,
  「括号里面是一」) or before it (``and two in brackets``);
- an e-mail address read out in Cantonese (``小老鼠`` the at sign, ``底線`` an underscore,
  ``點`` a dot), with digits in numerals (``ng 八八``) or a domain spelt (``dot h k``).
"""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from guardrail.text.dictation import kept_tokens, number_digits
from guardrail.text.normalize import normalize
from tests.pii.coverage import covered


@pytest.mark.parametrize(
    ("words", "digits"),
    [("ninety-one", "91"), ("seventy", "70"), ("Forty two", "42"), ("eighteen", "18"), ("fifty-five", "55")],
)
def test_a_tens_word_says_two_digits(words: str, digits: str) -> None:
    assert number_digits(words) == digits


def test_a_word_that_is_no_number_is_refused() -> None:
    with pytest.raises(ValueError, match="not a number word"):
        number_digits("ninety-eleven")


@pytest.mark.parametrize(
    ("said", "gaps", "kept"),
    [
        # seven seven - sorry, seven six: the group before the correction goes
        (["7", "7", "7", "6"], ["", " ", " - sorry, ", " "], [False, False, True, True]),
        # one nine three, oh five eight - no wait - one nine three ...: the number is said again
        (
            ["1", "9", "3", "0", "5", "8", "1", "9", "3"],
            ["", " ", " ", ", ", " ", " ", " - no wait - ", " ", " "],
            [False] * 6 + [True] * 3,
        ),
        # 六四零…六四零二三五: a hesitation, then the same digits again
        (["6", "4", "0", "6", "4", "0", "2"], ["", "", "", "…", "", "", ""], [False] * 3 + [True] * 4),
        # 九四…九五: a hesitation before other digits takes nothing back
        (["9", "4", "9", "5"], ["", "", "…", ""], [True] * 4),
    ],
)
def test_what_a_correction_takes_back(said: list[str], gaps: list[str], kept: list[bool]) -> None:
    assert kept_tokens(said, gaps) == kept


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("My mobile is six-eight, double four, seventy, thirty-one.", "My mobile is 6 8 4 4 7 0 3 1."),
        ("Number is five one seven eight - no, five one eight seven, twenty-two ninety.", "Number is 5 1 8 7 2 2 9 0."),
        ("手机：幺三九，幺零二四，七七…啊不对，七七六八。", "手机:1 3 9 1 0 2 4 7 7 6 8。"),
        ("電話：八五二，九零…唔好意思，六零七二，幺幺四三。", "電話:8 5 2 6 0 7 2 1 1 4 3。"),
        # a card's sixteen digits in pairs pass Luhn's check: no word for a number needed
        (
            "應該係 forty-five thirty-nine, twenty fifty-one, seventy-seven sixty-four, thirty-one eighty-three",
            "應該係 4 5 3 9 2 0 5 1 7 7 6 4 3 1 8 3",
        ),
        ("Y for yellow, seven seven - sorry, seven six, zero four, one two, and bracket zero.", "Y 7 6 0 4 1 2 ( 0."),
        ("R one nine three oh five eight, and two in brackets", "R 1 9 3 0 5 8 2 in brackets"),
    ],
)
def test_numbers_said_in_pairs_or_corrected_are_written_as_meant(text: str, normalised: str) -> None:
    assert normalize(text).text == normalised


@pytest.mark.parametrize(
    "text",
    [
        "Temperatures were sixty-five, seventy, seventy-five, eighty degrees all week.",
        "The band played nineteen, twenty, thirty-one, forty-four and more songs.",
        "one, two, and then three four",
    ],
)
def test_prose_counting_in_tens_is_left_as_words(text: str) -> None:
    assert normalize(text).text == text


def test_the_number_meant_covers_the_digits_taken_back() -> None:
    text = "Number is five one seven eight - no, five one eight seven, twenty-two ninety."
    normalised = normalize(text)
    start = normalised.text.index("5")
    end = normalised.text.index("0.") + 1
    assert normalised.to_original(start, end) == (text.index("five"), text.index("ninety") + len("ninety"))


@pytest.mark.parametrize(
    ("text", "value", "entity"),
    [
        (
            "AGENT: What number can the adjuster reach you on?\nCALLER: Mine is six-eight, double four, seventy, thirty-one.",
            "six-eight, double four, seventy, thirty-one",
            "PHONE_NUMBER",
        ),
        (
            "CALLER: His mobile is nine seven, oh six, double two, eighty-nine. He admitted it.",
            "nine seven, oh six, double two, eighty-nine",
            "PHONE_NUMBER",
        ),
        (
            "CALLER: Number is five one seven eight - no, five one eight seven, twenty-two ninety.",
            "five one seven eight - no, five one eight seven, twenty-two ninety",
            "PHONE_NUMBER",
        ),
        (
            "AGENT: Your HKID?\nCALLER: Y for yellow, seven seven - sorry, seven six, zero four, one two, and bracket zero.",
            "Y for yellow, seven seven - sorry, seven six, zero four, one two, and bracket zero",
            "HK_ID",
        ),
        (
            "客户：香港身份证，M六四零…六四零二三五，括号里面是一。",
            "M六四零…六四零二三五，括号里面是一",
            "HK_ID",
        ),
        (
            "坐席：请问您预留的手机号码是？\n客户：幺三九，幺零二四，七七…啊不对，七七六八。",
            "幺三九，幺零二四，七七…啊不对，七七六八",
            "PHONE_NUMBER",
        ),
        (
            "CALLER: Okay, the card. Four five five six, seventy-three, oh one, eighty-eight, forty - sorry, forty-two, sixty-one, seventy-seven.",
            "Four five five six, seventy-three, oh one, eighty-eight, forty - sorry, forty-two, sixty-one, seventy-seven",
            "CREDIT_CARD",
        ),
        (
            "聽眾：ayeung 點 wingchi 小老鼠 example 點 com 點 hk。",
            "ayeung 點 wingchi 小老鼠 example 點 com 點 hk",
            "EMAIL_ADDRESS",
        ),
        (
            "留低電郵「winson 底線 lo 小老鼠 example 點 net」，已轉交",
            "winson 底線 lo 小老鼠 example 點 net",
            "EMAIL_ADDRESS",
        ),
        ("電郵：「cathy 點 ng 八八 at example 點 hk」", "cathy 點 ng 八八 at example 點 hk", "EMAIL_ADDRESS"),
        (
            "E-mail cheryl dot chan dot h k at example dot h k. Thanks.",
            "cheryl dot chan dot h k at example dot h k",
            "EMAIL_ADDRESS",
        ),
        (
            "客户：ling 下划线 cheung 艾特 example 点 hk。l-i-n-g。",
            "ling 下划线 cheung 艾特 example 点 hk",
            "EMAIL_ADDRESS",
        ),
    ],
)
def test_a_number_or_address_read_out_so_is_found_whole(redactor: Redactor, text: str, value: str, entity: str) -> None:
    assert covered(redactor, text, value, entity=entity), value


@pytest.mark.parametrize(
    ("text", "value", "entity"),
    [
        # a Chinese name's characters spelt out by words everyone knows
        (
            "客户：周晓雯。周末的周，破晓的晓，雨字头下面一个文的雯。",
            "周末的周，破晓的晓，雨字头下面一个文的雯",
            "PERSON",
        ),
        (
            "客户：改成我太太林秀娟，双木林，秀气的秀，女字旁一个肙的娟。",
            "双木林，秀气的秀，女字旁一个肙的娟",
            "PERSON",
        ),
        ("真名：司徒志強，佢話「司徒係複姓，志氣個志，強壯個強」", "志氣個志，強壯個強", "PERSON"),
        ("聽眾：我叫 Raymond，中文名 麥浩然，麥當勞個麥。", "麥當勞個麥", "PERSON"),
        # a compound surname hyphenated as an identity card writes it
        ("  B105-1   AU-YEUNG Tsz Chun Timothy              16    grandpa", "AU-YEUNG Tsz Chun Timothy", "PERSON"),
        # a CSV column named in its header, the row holding a quoted cell with commas
        (
            'Name,Phone,Address,HKID,Amount\nTanaka,9123 4418,"Flat 6, 3/F, 55 Temple Street, Yau Ma Tei",R 562901 (8),2150.00',
            "R 562901 (8)",
            "HK_ID",
        ),
        # the mainland's permit for Hong Kong and Macau as a record's field names it
        ('{"name_py": "OUYANG CHONG", "permit_no": "CA7716025"}', "CA7716025", "HK_PASSPORT"),
        # "in case" is the idiom, not a case number's label
        ("Kelvin: my number in case 5127 6093", "5127 6093", "PHONE_NUMBER"),
        # a scanned form's label spaced out, and a 0 read as O among the digits
        ("病 人 身 份 証 / 出 世 紙 :  S 1O9273(6)", "S 1O9273(6)", "HK_ID"),
        ("出世紙號碼上次 OCR 變咗 S1O9273(6)，正確係 S109273(6)", "S1O9273(6)", "HK_ID"),
        # (or a 1 read as l in its check, and an IP address with O for 0)
        ("陈国强\u3000陈美娟（妻）T952322(l)\u30009046 l8l2", "T952322(l)", "HK_ID"),
        ("submitted 20 April from 198.51.1OO.23, reference TR-30417", "198.51.1OO.23", "IP_ADDRESS"),
        # a number's halves in numerals parted by an ideographic space on a log's line
        ("3/20 21:50\u3000兒子到醫院，佢香港號碼係六三九一\u3000七七四二。", "六三九一\u3000七七四二", "PHONE_NUMBER"),
        # a found mailbox's name spelt out letter by letter, with words for its symbols
        (
            "SPK2: it's rayfung underscore w at example dot net. r a y f u n g, underscore, w",
            "r a y f u n g, underscore, w",
            "EMAIL_ADDRESS",
        ),
        ("mail me at p.devries@brightwave-log.com, p-dot-d-e-v-r-i-e-s", "p-dot-d-e-v-r-i-e-s", "EMAIL_ADDRESS"),
        ("email is mary-ann@example.com, that's m a r y dash a n n", "m a r y dash a n n", "EMAIL_ADDRESS"),
    ],
)
def test_a_name_spelt_out_or_an_identifier_in_a_form_is_found(
    redactor: Redactor, text: str, value: str, entity: str
) -> None:
    assert covered(redactor, text, value, entity=entity), value


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("陳大文今日返工，佢話個文件好重要，我哋的文化係咁。", "我哋的文化係咁"),
        ("黃志明話：「大家的大事，要小心處理。」", "大家的大事"),
    ],
)
def test_a_clause_with_a_character_of_a_name_is_no_gloss_unless_it_spells_one(
    redactor: Redactor, text: str, word: str
) -> None:
    assert not any(
        d.entity_type == "PERSON" and d.start < text.index(word) + len(word) and text.index(word) < d.end
        for d in redactor.analyze(text)
    )


def test_a_building_permit_and_a_case_number_stay_what_they_are(redactor: Redactor) -> None:
    for text in ("The building permit no. AB1234567 was issued in May.", "Court case 5127 6093 is listed."):
        assert not [d for d in redactor.analyze(text) if d.entity_type in ("HK_PASSPORT", "PHONE_NUMBER")], text


@pytest.mark.parametrize(
    ("text", "name"),
    [("Peter the pet shop owner called at nine.", "Peter"), ("Amy the dog walker came at 9.", "Amy")],
)
def test_a_person_named_by_a_trade_with_an_animal_in_it_is_still_a_person(
    redactor: Redactor, text: str, name: str
) -> None:
    assert covered(redactor, text, name, entity="PERSON")


def test_letters_opening_a_reference_are_no_initials(redactor: Redactor) -> None:
    text = "Case owner: Kelly Bo-yan Ho (KBH)\nCase KBH-24-09207 | Mochi\nKBH to call back."
    found = [(d.start, d.end) for d in redactor.analyze(text) if d.entity_type == "PERSON"]
    reference = text.index("KBH-24")
    assert not any(start <= reference < end for start, end in found)
    assert any(text[start:end] == "KBH" and start > reference for start, end in found)


@pytest.mark.parametrize(
    ("text", "value", "entity"),
    [
        # the blind round dev249-dev252: 么 for 1 (not in 什么), 爱特, a letter said in Chinese
        ("我手機係六么雙三，九洞四拐，日頭打我手機好啲。", "六么雙三，九洞四拐", "PHONE_NUMBER"),
        (
            "来电：minjun 点 kim 爱特 mail 点 example 点 org，爱特就是那个圈 a。",
            "minjun 点 kim 爱特 mail 点 example 点 org",
            "EMAIL_ADDRESS",
        ),
        ("婆婆讀：「C字頭，六拐四洞，二九，括號二」", "C字頭，六拐四洞，二九，括號二", "HK_ID"),
        ("客户：香港身份证，字母M，六四零二三五，括号里面是一。", "字母M，六四零二三五，括号里面是一", "HK_ID"),
        ("来电：身份证是R，四幺两洞九三，括号A。", "R，四幺两洞九三，括号A", "HK_ID"),
        # a surname said, then spelt; a surname by its parts
        ("家屬：姓駱，駱駝嘅駱，駱詠珊。", "駱駝嘅駱", "PERSON"),
        ("来电：我是他爱人，张秀英，弓长张。", "弓长张", "PERSON"),
        # a found name spelt by letters with words for them
        (
            "CALLER: Lui Ka-chun. Lui is L, U, I - L for London, U for uncle, I for India.",
            "L for London, U for uncle, I for India",
            "PERSON",
        ),
        (
            "我叫 Dickson Mak，Mak 係 M for Mary, A for apple, K for king。",
            "M for Mary, A for apple, K for king",
            "PERSON",
        ),
        # a number a column broke after a hyphen; a query string's + for a space
        ("聯絡電話：9 3 8 2 -\n6 0 1 5\n身份證", "9 3 8 2 -\n6 0 1 5", "PHONE_NUMBER"),
        ("GET /api/leads?district=Mong+Kok&contact=Lau+Chi+Wai&company=%E5%BF%97 HTTP/1.1", "Lau+Chi+Wai", "PERSON"),
        # a Chinese full stop ends a sentence before an IP address
        (
            "Kelvin account 已經 offboard，但 token 未 revoke。175.159.23.201 唔係公司 IP",
            "175.159.23.201",
            "IP_ADDRESS",
        ),
        # a spouse named after the kin word in a case record; names in minutes
        ("案主前妻鄺麗珍已回內地", "鄺麗珍", "PERSON"),
    ],
)
def test_round_dev249_dev252_forms_are_found(redactor: Redactor, text: str, value: str, entity: str) -> None:
    assert covered(redactor, text, value, entity=entity), value


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("你说什么？我听不清", "什么"),
        ("佢兒子成日打機", "成日"),
        ("兒子高中畢業", "高中"),
        ("Items 12-\n13 were returned", "12-\n13"),
        ("Grades: A, B, C for the three classes", "A, B, C for the three"),
    ],
)
def test_their_look_alikes_are_left_alone(redactor: Redactor, text: str, word: str) -> None:
    start = text.index(word)
    assert not any(d.start < start + len(word) and start < d.end for d in redactor.analyze(text)), word


def test_letters_spelt_out_that_make_no_found_mailbox_s_name_stay(redactor: Redactor) -> None:
    text = "The codes are a b c d and e f g h, mail abcd.x@example.com"
    spans = [text[d.start : d.end] for d in redactor.analyze(text)]
    assert spans == ["abcd.x@example.com"]
