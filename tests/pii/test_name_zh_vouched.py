"""Chinese full names with rarer given characters where the words around vouch for a
person (:mod:`guardrail.pii.recognizers.name_zh_vouched`): before a title, after a
relative's word, before a bracket saying who, as a (letter-spaced) label's value, in a
table's name column, after the same person's romanised name; and the firms, words and
places of the same shapes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guardrail.pii.recognizers.name_zh_vouched import name_shaped
from guardrail.pii.redactor import Redactor
from tests.pii.coverage import PROPERTY, covered, person_spans


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # before a form of address or a kin title
        ("探訪名單：\n一、莫亞彩婆婆（八十九歲）\n", "莫亞彩"),
        ("三、甘觀勝伯伯（行動不便）", "甘觀勝"),
        ("鳴謝：\n葉天賜 先生　　港幣 500\n", "葉天賜"),
        # after a relative's or a role's word, set off by a space
        ("如有查詢，可由外甥 溫碧嫦 代為聯絡", "溫碧嫦"),
        ("本人為已故持牌人 伍根 之長子", "伍根"),
        ("祖父 邱耀養，已於本村居住七十年", "邱耀養"),
        ("新娘 柯芷昂 & 新郎 龍家樂", "柯芷昂"),
        ("仓库那边的经办人叫 邹敏，明天到", "邹敏"),
        # what somebody is really called, a child in a report, a name before a phone number
        ("有個證人係中學同學 lemon，真名係羅詠檬", "羅詠檬"),
        ("电话沟通。孩子何子墨，2020年3月生", "何子墨"),
        ("| 明愛醫院 | 電動輪椅，陪同 戚偉倫 9618 2475 |", "戚偉倫"),
        ("莫晓彤：受让人 司马俊朗，内地身份证", "司马俊朗"),
        ("我係大埔富亨邨亨泰樓嘅住戶鄺亞娣，年紀大唔識打字", "鄺亞娣"),
        ("| 1 | Ethan Cheung / 張以信 | 8 | 張太 (Ivy) | 9318 4420 |", "張以信"),
        ("收據編號我搵到係 No. 004712。\n\n鄺亞娣 上\n十一月三日", "鄺亞娣"),
        # before a bracket saying who the person is, or 即 and 业主 inside one
        ("同住成員：\n　1. 譚文彪（丈夫，58）\n", "譚文彪"),
        ("前台：王姐您好（王晓鸥业主），已转告", "王晓鸥"),
        ("學生 阿娟（即 湛詠娟）2B — 未交回條", "湛詠娟"),
        # a name label's value, letter-spaced as scanned forms are, or not
        ("姓 名 : 禤 翠 琼        性 別 : 女", "禤 翠 琼"),
        ("姓名 Name：司徒 靖   出生：1990", "司徒 靖"),
        ("家 屬 : 兒 子 凌 家 彪 電 話 9 4 6 1", "凌 家 彪"),
        # a table's name column, pipe- or tab-separated
        ("| 序 | 姓名 | 職位 |\n|---|---|---|\n| 1 | 施能昌 | 會長 |\n", "施能昌"),
        ("編號\t姓名\t電話\n1\t禤炳養\t9610 2243\n", "禤炳養"),
        # right after the same person's romanised name
        ("Driver: WONG Ka Leung 黃家良, licence attached", "黃家良"),
        ("Student Ethan Szeto（司徒以恩, 4C）was absent", "司徒以恩"),
    ],
)
def test_names_vouched_for_by_their_neighbours_are_found(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="PERSON"), (text, person_spans(redactor, text))


@pytest.mark.parametrize(
    "text",
    [
        "羅夏明律師行\n地址：中環",
        "見證人簽署，何耀棣律師事務所蓋章",
        "全體同學請準時集合，各位老師請留步",
        "| 序 | 姓名 | 職位 |\n|---|---|---|\n| 1 | 待定 | 會長 |\n",
        "Lee Gardens 利園 今日減價",
        "學生 成績 理想（即 甲級）",
        "如有查詢，請致電熱線 2345 6789",
        "黃大仙 2345 6789 轉 12",
    ],
)
def test_firms_words_and_places_of_the_same_shapes_stay(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


@pytest.mark.parametrize(
    ("word", "loose", "shaped"),
    [
        ("成觀福", False, True),
        ("麥文彪", False, True),
        ("施能达", False, False),
        ("施能达", True, True),
        ("司徒以諾", True, True),
        ("全體", False, False),
        ("陳先", False, False),
        ("陳十二", True, False),
    ],
)
def test_name_shape(word: str, loose: bool, shaped: bool) -> None:
    assert name_shaped(word, loose=loose) is shaped


_SURNAMES = ["黃", "成", "禤", "岑", "植", "歐陽", "司徒", "冼", "侯"]
_GIVEN = ["觀", "亞", "嬌", "彪", "養", "昂", "嫺", "鸥", "福", "送", "淑"]
_FORMS = [
    "探訪：{n}婆婆（九十歲）",
    "由姪女 {n} 轉達",
    "同住成員：1. {n}（妻子，60）",
    "姓名：{n}\n性別：女",
    "| 姓名 | 電話 |\n|---|---|\n| {n} | 9123 4567 |",
]


@PROPERTY
@given(
    surname=st.sampled_from(_SURNAMES),
    given_chars=st.lists(st.sampled_from(_GIVEN), min_size=2, max_size=2),
    form=st.sampled_from(_FORMS),
)
def test_any_vouched_name_is_removed_and_redaction_is_idempotent(
    redactor: Redactor, surname: str, given_chars: list[str], form: str
) -> None:
    name = surname + "".join(given_chars)
    text = form.format(n=name)
    assert covered(redactor, text, name, entity="PERSON"), (text, person_spans(redactor, text))
    once = redactor.redact(text).text
    assert name not in once
    assert redactor.redact(once).text == once


def test_a_quoted_scheme_before_a_title_is_no_name(redactor: Redactor) -> None:
    assert person_spans(redactor, "學校今年推行「關心同學」計劃，歡迎參加") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("投訴人：樊觀養先生，會員編號 1234", "樊觀養"),
        ("| 編號 | 姓名 Name | 電話 |\n|---|---|---|\n| 1 | 滕亞彪 | 9123 4567 |", "滕亞彪"),
        ("我外婆 鍾亞嬌 今年九十歲", "鍾亞嬌"),
        ("我叫詹亞娣，住喺觀塘", "詹亞娣"),
        ("经办人 訾文斌 已签字", "訾文斌"),
    ],
)
def test_more_labels_headers_and_relatives(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="PERSON"), (text, person_spans(redactor, text))


@pytest.mark.parametrize("text", ["我叫外賣，好快到", "我叫佢打俾你，"])
def test_what_i_call_is_no_name(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


def test_a_column_of_item_names_is_no_names(redactor: Redactor) -> None:
    assert person_spans(redactor, "| 項目 | 名稱 | 價錢 |\n|---|---|---|\n| 1 | 施工費 | 300 |") == []


def test_a_quoted_misspelling_of_a_name_beside_it_is_removed(redactor: Redactor) -> None:
    text = "租約寫錯咗，應該係 鄧美華 唔係「鄧美樺」，麻煩改返"
    assert covered(redactor, text, "鄧美樺", entity="PERSON"), person_spans(redactor, text)


def test_a_quoted_word_one_character_off_another_stays(redactor: Redactor) -> None:
    assert person_spans(redactor, "收據寫咗「黃金糕」，應該係 黃金條") == []
