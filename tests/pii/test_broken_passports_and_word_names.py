"""Passports broken over a line, given names that are words, rarer surnames, numerals
written with a circle, and places or projects named like people: each case stands for a
class, not for one text.

- a passport number a scan or a narrow column broke over a line (``P4418⏎027B``,
  ``7604⏎19382``) is one number right after a passport word, or wherever the text gave
  it whole; a phone number's 4 + 4 so broken after a hotline is not a passport;
- an office login that is a word-like given name and a surname (``dawn.fung``) is a
  person; a word and a word (``summer.sale``) is not;
- once a text names someone Sunny or Ivy, the lower-case word is that person where a
  name stands (``ask sunny``, ``ivy's mobile``, ``rocky is in Osaka``) and stays the word
  where the word stands (``sunny days``, ``Hope to hear back``, ``a rocky start``);
- rarer surnames in a labelled field (``经办人：姒文韬``) and after 我係 with a title;
- phone numbers read out in numerals with ``○`` for zero or a dash between the halves;
- a lower-case given name after a greeting or a thanks (``hi jess``, ``thx, mei``); an
  estate block's flat between a list's dashes; a surname and 工 handed work (``由刘工面试``);
- handles as friends write them (``@chun_ahchun.w``, ``@cherryyeung.hy``, ``kayan_chiu_``,
  ``huang.zihao``), not a shop's or a topic's; 洞 read for 0 inside a read-out number;
- a home abroad after its label (``my home: ul. Kwiatowa 14/3, ... Poland``), a number
  dialled from abroad; 小 + a rarer surname as a speaker (``小郗：``), church titles
  (``區弟兄``, ``柏姊妹``), 單于 and 璩 among the surnames, numerals grouped with ``·``;
- a doubled pet name where a person stands (``婷婷啊``, ``让朵朵坐``), not 提提你 or 佳佳甜品; a
  given name called along (``叫上建国一起``), 壯 in a name (``王大壮``); a nickname handed
  something (``请小覃到场``, ``工程部的老邝修``), not ``小心``, ``佢仔`` or ``小黃鴨``; a phone
  right after a log's time (``10:47 6257 1093``);
- a mainland city opening a company's name (``湛江南粤劳务``) is no person, and a
  project or hotel named like one (``Project Dawn``) is no person either.
"""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered, person_spans, untouched


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Nationality CHN   Passport No.\n E3918\n 2047\n Assessment: DOB differs", "E3918\n 2047"),
        ("Ho Wai Ling - UK passport no. 543802\n617\nnext beneficiary", "543802\n617"),
        ("Travel document: BN(O) passport No.: 7604\n19382   (also holds one)", "7604\n19382"),
        ("wife, passport no.\n                 V3381\n                 094 (India)", "V3381\n                 094"),
        ("Passport No.:P4418027B   Exp 2031\n\nNB the scan is cut, number reads\nP4418\n027B - ask", "P4418\n027B"),
    ],
)
def test_a_passport_broken_over_a_line_is_one_number(redactor: Redactor, text: str, number: str) -> None:
    assert covered(redactor, text, number, entity="HK_PASSPORT", at=text.rindex(number))
    assert number not in redactor.redact(text).text


def test_a_hotline_broken_over_a_line_is_no_passport(redactor: Redactor) -> None:
    text = "Passport office hotline 2824\n6111 is open on weekdays."
    assert not any(d.entity_type == "HK_PASSPORT" for d in redactor.analyze(text))


@pytest.mark.parametrize("handle", ["dawn.fung", "rocky.tse", "crystal.lo", "angel.mok"])
def test_a_word_like_given_name_and_a_surname_is_a_login(redactor: Redactor, handle: str) -> None:
    text = f"case_id,author,created\nMOB-2026-00915,{handle},01/12 10:11\n"
    assert covered(redactor, text, handle, entity="PERSON")


def test_two_words_joined_are_no_login(redactor: Redactor) -> None:
    text = "campaign,owner\nsummer.sale,marketing\ngrace.period,finance\n"
    assert person_spans(redactor, text) == []


LEAVE = (
    "From: Sunny Lui (Team PA)\nTo: Client Services\n\n"
    "Hi all, sunny here - leave summary. Ivy Chan is off 23-24 Dec, Rocky Ho is in Osaka.\n"
    "- rocky is in Osaka. If urgent please ask sunny first.\n"
    "- IT problems go to ServiceDesk, NOT ivy's mobile.\n"
    "Hope to hear back before Friday. Enjoy the sunny days and sorry for a rocky start.\n"
)


@pytest.mark.parametrize(
    ("mention", "at"),
    [("sunny", LEAVE.index("sunny here")), ("rocky", LEAVE.index("rocky is")), ("ivy", LEAVE.index("ivy's"))]
    + [("sunny", LEAVE.index("sunny first"))],
)
def test_a_lower_case_word_name_where_a_name_stands_is_the_person(redactor: Redactor, mention: str, at: int) -> None:
    assert covered(redactor, LEAVE, mention, entity="PERSON", at=at)


@pytest.mark.parametrize(("word", "at"), [("sunny", LEAVE.index("sunny days")), ("rocky", LEAVE.index("rocky start"))])
def test_the_same_word_where_a_word_stands_stays(redactor: Redactor, word: str, at: int) -> None:
    assert not any(d.start < at + len(word) and at < d.end for d in redactor.analyze(LEAVE))


def test_a_name_before_its_task_is_kept_when_hope_is_the_verb(redactor: Redactor) -> None:
    text = 'Salesperson "Hope" (badge Hope Ng) promised delivery. Hope to hear back soon. Hope to call customer by Fri.'
    assert covered(redactor, text, "Hope", entity="PERSON")
    at = text.index("Hope to hear")
    assert not any(d.start < at + 4 and at < d.end for d in redactor.analyze(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("案件编号：IIT-2026-HK-0238　经办人：姒文韬　复核：Bonnie Cheung", "姒文韬"),
        ("客户姓名：庹玉洁　护照快到期", "庹玉洁"),
        ("「我係禤太，屏山坑頭村三巷九號。」", "禤"),
    ],
)
def test_rarer_surnames_where_a_name_stands(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("WhatsApp 同上 / 屋企 二三四七 ○八五一", "二三四七 ○八五一"),
        ("電話係 九 零 七 三 — 四 四 一 二", "九 零 七 三 — 四 四 一 二"),
    ],
)
def test_numerals_with_a_circle_or_a_dash_are_a_phone(redactor: Redactor, text: str, number: str) -> None:
    assert covered(redactor, text, number, entity="PHONE_NUMBER")


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("委托方：湛江南粤劳务合作有限公司，联系人 区嘉雯", "湛江南粤劳务合作有限公司"),
        ("Pls note Project Dawn launch moved to Monday.", "Project Dawn"),
        ("Hong Ning Elderly Hostel called about the fall on Tuesday.", "Hong Ning Elderly Hostel"),
        ("Invoice from Kwan & Lee Events for the stage hire.", "Kwan & Lee Events"),
        ("乘客在白云万达广场门口上车", "白云万达广场"),
    ],
)
def test_cities_and_projects_named_like_people_are_kept(redactor: Redactor, text: str, thing: str) -> None:
    assert untouched(redactor, text, thing)


def test_a_city_that_is_also_a_given_name_stays_a_name(redactor: Redactor) -> None:
    text = "收件人：沈阳，电话 139 1234 5678"
    assert covered(redactor, text, "沈阳", entity="PERSON")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("hi jess, pls fax the below to the clinic and give pt a copy. thx, mei", "jess"),
        ("hi jess, pls fax the below to the clinic and give pt a copy. thx, mei", "mei"),
        ("morning kitty! 9:30 ok for the parents' day slot?", "kitty"),
    ],
)
def test_a_lower_case_given_name_after_a_greeting_or_thanks_is_a_name(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON")


@pytest.mark.parametrize("text", ["hi all, thanks again. cheers, team", "hi there, thank you so much."])
def test_greetings_to_no_one_in_particular_find_no_name(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


def test_an_estate_block_and_flat_between_a_list_s_dashes_is_an_address(redactor: Redactor) -> None:
    text = "3. 詠妹 — 富昌邨 富喜樓 1203 — 工人姐姐 Marites +852 5530 4716"
    assert covered(redactor, text, "富昌邨 富喜樓 1203", entity="ADDRESS")


def test_a_flat_range_is_no_address(redactor: Redactor) -> None:
    assert not any(d.entity_type == "ADDRESS" for d in redactor.analyze("富喜樓 1203-1205 共三戶"))


@pytest.mark.parametrize(
    ("text", "at"), [("- 第3项由刘工面试，刘工说其前雇主已确认", 6), ("- 第3项由刘工面试，刘工说其前雇主已确认", 11)]
)
def test_a_surname_and_gong_handed_work_is_a_person(redactor: Redactor, text: str, at: int) -> None:
    assert covered(redactor, text, "刘", entity="PERSON", at=at)


@pytest.mark.parametrize("text", ["請王工作完再走", "我哋去咗向勞工處投訴"])
def test_a_word_with_gong_is_no_person(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [("由李工程師負責", "李工程師"), ("经办人备注（王科员）：男方无婚姻记录", "王科员"), ("刘专员说明天到", "刘专员")],
)
def test_a_surname_and_an_office_title_is_a_person(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON")


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("[IG DM export — @inkhouse.kt ↔ @chun_ahchun.w]\n\nchun_ahchun.w: hi 想book flash day", "chun_ahchun.w"),
        ("| 11:00 | Yeung Hoi Ying Cherry | @cherryyeung.hy | 9472 8813 |", "cherryyeung.hy"),
        ("5. IG (for tagging): @summershum_ 同 @sky.tszhin", "summershum_"),
        ("5. IG (for tagging): @summershum_ 同 @sky.tszhin", "sky.tszhin"),
        ("#PM-1201 | Carousell | buyer: kayan_chiu_ (趙嘉欣) | 月光石耳環", "kayan_chiu_"),
        ('"buyer_nick": "huang.zihao",', "huang.zihao"),
    ],
)
def test_handles_built_from_a_name_as_friends_write_them(redactor: Redactor, text: str, handle: str) -> None:
    assert covered(redactor, text, handle, entity="PERSON")


@pytest.mark.parametrize("text", ["follow @inkhouse.kt and @foodie.mochi", "see @pmq.weekend.market, @kayan.travels"])
def test_shops_and_topics_handles_are_no_one(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


def test_dong_read_for_zero_inside_a_number(redactor: Redactor) -> None:
    text = "婆婆：屋企係二七二九，洞八五一；我個孫佢自己同你講啦。"
    assert covered(redactor, text, "二七二九，洞八五一", entity="PHONE_NUMBER")
    assert person_spans(redactor, "山洞口有一二三個人") == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "Please courier it to my home: ul. Kwiatowa 14/3, 31-052 Kraków, Poland. I will pay the fee.",
            "ul. Kwiatowa 14/3, 31-052 Kraków, Poland",
        ),
        ("Home : No. 8, Jalan SS 2/64, 47300 Petaling Jaya, Selangor\ne-mail on file", "No. 8, Jalan SS 2/64"),
        ("Her Paris address for police memo: 27 rue des Trois Frères, 75018 Paris, France.", "27 rue des Trois"),
    ],
)
def test_a_home_abroad_after_its_label_is_an_address(redactor: Redactor, text: str, address: str) -> None:
    assert covered(redactor, text, address, entity="ADDRESS")
    assert "I will pay" not in "".join(text[d.start : d.end] for d in redactor.analyze(text))


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Meds to take home:\n Prazosin 0.5 mg - half tab twice daily x 7 days", "half tab twice daily"),
        (
            "MEDICATION INCIDENT\nHome: Hong Ning Elderly Hostel, 88 Hing Fong Road, Kwai Chung",
            "Hong Ning Elderly Hostel",
        ),
        ("Home: 2345 6789 (after 7pm)", "after 7pm"),
    ],
)
def test_home_labelling_no_one_s_address_finds_none(redactor: Redactor, text: str, kept: str) -> None:
    assert untouched(redactor, text, kept)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("3. PARK Ji-hoon M30918274 +82 10 2290 6651", "+82 10 2290 6651"),
        ("Tel : 0049 171 88 20 513", "0049 171 88 20 513"),
    ],
)
def test_a_number_dialled_from_abroad_is_a_phone(redactor: Redactor, text: str, number: str) -> None:
    assert covered(redactor, text, number, entity="PHONE_NUMBER")


def test_a_reference_opening_with_00_is_no_phone(redactor: Redactor) -> None:
    assert not any(d.entity_type == "PHONE_NUMBER" for d in redactor.analyze("ref 0012 3456 789 done"))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("市场部-小郗：各位，节目单v3发群文件了", "小郗"),
        ("3栋-钱叔：年轻人多担待。小佟你买点水果给老卢家赔个不是", "小佟"),
        ("如家人需要協助安排，請聯絡關懷部柏姊妹，電話6390 2715", "柏"),
        ("驚悉區振邦弟兄於本月安息主懷。區弟兄在何文田浸信會事奉三十年。", "區弟兄"),
        ("紧急联系人：单于浩（爸爸）", "单于浩"),
    ],
)
def test_nicknames_church_titles_and_rarer_surnames_in_chinese(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON", at=text.rindex(name))


@pytest.mark.parametrize("text", ["佢哋兩姊妹好好感情", "小心你的錢包", "小時：三小時"])
def test_sisters_and_words_with_xiao_are_no_names(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


def test_numerals_grouped_with_middle_dots_are_a_phone(redactor: Redactor) -> None:
    text = "他电话 一三六·八零零九·七七五二，你加一下"
    assert covered(redactor, text, "一三六·八零零九·七七五二", entity="PHONE_NUMBER")


@pytest.mark.parametrize(
    ("text", "name"),
    [("婷婷啊，上次跟你说的那个男孩子", "婷婷"), ("还有，欢欢提醒我，今年别再订", "欢欢"), ("让朵朵坐前排", "朵朵")],
)
def test_a_doubled_pet_name_where_a_person_stands(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("慢慢来，不急", "慢慢"),
        ("姑姑说明天来", "姑姑"),
        ("Bonnie! 提提你聽日3pm", "提提"),
        ("弱弱问一句，紧急吗", "弱弱"),
    ]
    + [("隔離係小明冰室同佳佳甜品", "佳佳")],
)
def test_doubled_words_are_no_pet_names(redactor: Redactor, text: str, word: str) -> None:
    assert untouched(redactor, text, word)


@pytest.mark.parametrize(
    ("text", "name"),
    [("约闵总吃饭，叫上建国一起（建国说他请）", "建国"), ("感谢王大壮，大壮每周两次陪老人复诊", "王大壮")],
)
def test_a_given_name_called_along_and_strength_in_a_name(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON")


@pytest.mark.parametrize("text", ["叫上大家一起去", "帶埋身份證去"])
def test_everyone_or_a_thing_brought_is_no_name(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("3. 下周例会请小覃和阿伟到场", "小覃"),
        ("我明天要出差，让小刚他奶奶送过去可以吗", "小刚"),
        ("联系了工程部的老邝修 906 空调", "老邝"),
        ("另外他跟小胖（单于浩）最要好，能分一个小组吗", "小胖"),
    ],
)
def test_a_nickname_handed_something_is_a_person(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON")


@pytest.mark.parametrize(
    ("text", "word"),
    [("请小心地滑", "小心"), ("让小朋友排队", "小朋友"), ("问老板几钱", "老板"), ("客服号“康和小助手”转发", "小助手")]
    + [("有事搵佢仔", "佢仔"), ("買的小米手機", "小米")],
)
def test_words_of_a_nickname_s_shape_are_kept(redactor: Redactor, text: str, word: str) -> None:
    assert untouched(redactor, text, word)


def test_a_phone_after_a_log_s_time_is_a_phone(redactor: Redactor) -> None:
    text = "② 10:47 6257 1093\n「你好，阿晞唔參加喇，佢阿爺住院」"
    assert covered(redactor, text, "6257 1093", entity="PHONE_NUMBER")
    assert not any(d.entity_type == "PHONE_NUMBER" for d in redactor.analyze("會議 10:30 2024 年報"))
