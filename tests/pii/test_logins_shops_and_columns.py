"""Logins, a shop's own lines, names given in a clause, an HKID in a column, broken numbers:
each case stands for a class, not for one text.

- a login printed after a log's user label is a person when it is a name's syllables run
  together (``user=caiwenjun``, ``操作员：linxiaowei``); a machine's or a place's account
  so printed is not;
- what a shop prints as its own (``本店：``, ``门店电话``, ``Depot:``, a number followed by
  ``（即本店電話）``) is the shop's, not a customer's;
- an English name one gives oneself or a partner in a Chinese or English clause
  (``我係Ramona，``, ``my gf Rainbow``) is a name; a greeting before 早晨 is not;
- a valid HKID written bare in a table's column, a tab or the two spaces of aligned
  columns after it, is an HKID;
- a number broken over a line by a reply's quote marks or an indented form line is one
  number (a fictional range too, where a phone word says so); a reference so broken is not;
- a reference that passes Luhn's check glued to letters, a merchant's domain in capitals,
  an institution's name with 伯爵 and a restaurant chain are no one's data; a ticket's
  card code glued to the card leaves the card found;
- an alias in quotes after a name (``Cheuk Wing-sze ("Winsy")``), or a given name in lower
  case in brackets (``高暉 (sunny)``), is the person's; a word or a place so put is not;
- a relative's given name after the word for them (``表哥志明``) or one talked to
  (``同秀芳講咗``) is a name, as is any word after 阿 (``阿Mon``, though Mon alone is a
  weekday); an everyday word there (``弟弟文明有禮``, ``同事``) is not, nor is a title after
  阿 (``搵阿Sir``, once cut to ``阿Si``).
"""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered, untouched

LOG = (
    "09:12:03 login user=caiwenjun ip=183.6.112.45\n"
    "09:31:26 操作员：linxiaowei 网点=福田\n"
    "10:02:19 logout user=caiwenjun\n"
)
MACHINES = "09:00 login user=postgres; 09:01 user=hongkong; 09:02 username: backup; 09:03 user=jenkins\n"


@pytest.mark.parametrize("login", ["caiwenjun", "linxiaowei"])
def test_a_login_that_is_a_name_run_together_is_a_person(redactor: Redactor, login: str) -> None:
    assert covered(redactor, LOG, login, entity="PERSON")
    assert login not in redactor.redact(LOG).text


def test_machines_and_places_logged_in_are_no_people(redactor: Redactor) -> None:
    assert not any(d.entity_type == "PERSON" for d in redactor.analyze(MACHINES))


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("【文德齋刻印】\n本店：灣仔利東街舖位B12　Tel: 2893 6671\n客人：何先生 9123 4567", "2893 6671"),
        ("工单 No. CH-017\n门店：深圳市福田区华强北路1019号华强广场B座1楼\n客户：邝美华", "华强北路1019号"),
        ("单号 H-005，共 ¥36。门店电话 0755-8326 4410，晚上九点关门", "0755-8326 4410"),
        ("過數請轉帳至 FPS 2545 0719（即本店電話）。", "2545 0719"),
        ("ClearSpring Water\nDepot: Unit 7, G/F, Wing Fat Industrial Building, 12 Wang Tai Road\n", "Wing Fat"),
    ],
)
def test_a_shops_own_lines_are_kept(redactor: Redactor, text: str, kept: str) -> None:
    assert untouched(redactor, text, kept)


def test_a_customers_number_beside_the_shops_stays_personal(redactor: Redactor) -> None:
    text = "本店：灣仔利東街舖位B12　Tel: 2893 6671\n客人：何先生 9123 4567"
    assert covered(redactor, text, "9123 4567", entity="PHONE_NUMBER")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hi 我係Ramona，想問下 12/6 嗰場仲有冇位", "Ramona"),
        ("my gf Rainbow says the flat is ready", "Rainbow"),
        ("Peggy 你好，份合約已經寄出", "Peggy"),
    ],
)
def test_a_name_given_in_a_clause_is_a_name(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON")


def test_a_greeting_is_no_name(redactor: Redactor) -> None:
    assert not any(d.entity_type == "PERSON" for d in redactor.analyze("Morning 早晨！今日開會"))


@pytest.mark.parametrize(
    ("text", "hkid"),
    [
        ("SP-0311　祁文軒　麗港城第12座28樓C室　　P650219 2　　9318 2211", "P650219 2"),
        ("Marco　麗港城第21座16樓F室\tG5519305\t6071 2283", "G5519305"),
        ("Lam Ka Yan  G5519305  6071 2283", "G5519305"),
    ],
)
def test_a_bare_hkid_in_a_column_is_an_hkid(redactor: Redactor, text: str, hkid: str) -> None:
    assert covered(redactor, text, hkid, entity="HK_ID")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("> 有咩問題打我 (852) 5137-\n> 2046，或者 office 2960 1188", "(852) 5137-\n> 2046"),
        ("please call back on\n       +44 7700\n       900 418 before midnight UK", "+44 7700\n       900 418"),
    ],
)
def test_a_number_broken_by_a_reply_quote_or_an_indented_line_is_whole(
    redactor: Redactor, text: str, number: str
) -> None:
    assert covered(redactor, text, number, entity="PHONE_NUMBER")


def test_a_reference_broken_over_a_line_is_no_phone(redactor: Redactor) -> None:
    assert not any(d.entity_type == "PHONE_NUMBER" for d in redactor.analyze("Ref +44 7700\n 900 418"))


@pytest.mark.parametrize(
    "text",
    [
        "09:15:10 上传照片 回执号 YY4401202611300087",  # a reference that passes Luhn's check
        " 27/11 23:58  APPLE.COM/BILL        HK$3,88",  # a merchant's domain, not SURNAME/GIVEN
        "轉介機構：仁伯爵綜合醫院心臟科",  # 伯爵, a count, in a hospital's name
        "then dinner at Tao Heung in Lok Fu Place",  # a restaurant chain
    ],
)
def test_references_merchants_and_institutions_are_no_personal_data(redactor: Redactor, text: str) -> None:
    assert redactor.analyze(text) == []


def test_a_tickets_card_code_before_the_number_still_leaves_a_card(redactor: Redactor) -> None:
    text = "Fare HKD 2,846.00  FOP: CC VI4527189033164275 XP 09/29"
    assert covered(redactor, text, "4527189033164275", entity="CREDIT_CARD")


@pytest.mark.parametrize(
    ("text", "alias"),
    [
        ('name          | Cheuk Wing-sze ("Winsy")\naddress       | Rm 3, 8/F', "Winsy"),
        ("Hi 我係 高暉 (sunny)，報咗 12/6 嗰場", "sunny"),
    ],
)
def test_an_alias_in_quotes_or_a_lower_case_given_name_after_a_name_is_a_name(
    redactor: Redactor, text: str, alias: str
) -> None:
    assert covered(redactor, text, alias, entity="PERSON")


@pytest.mark.parametrize("text", ['Chan Tai Man ("Delivery")', "Chan Tai Man (Kowloon)"])
def test_a_word_or_a_place_in_brackets_after_a_name_is_no_alias(redactor: Redactor, text: str) -> None:
    assert [text[d.start : d.end] for d in redactor.analyze(text)] == ["Chan Tai Man"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("電話留言抄錄（表哥志明留畀肥妹）：新地址門牌抄錯咗", "志明"),
        ("肥妹備註：已經同秀芳講咗，新地址已更新", "秀芳"),
        ("4. 售後聯絡人 阿Mon（文佩珊），電話 6082 5517。", "阿Mon"),
    ],
)
def test_a_relatives_or_a_listeners_given_name_is_a_name(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON")


@pytest.mark.parametrize("text", ["弟弟文明有禮，老師讚佢", "同事講咗會遲到", "同經理傾過先決定", "有事就搵阿Sir幫手"])
def test_everyday_words_after_kin_or_with_words_are_no_names(redactor: Redactor, text: str) -> None:
    assert not any(d.entity_type == "PERSON" for d in redactor.analyze(text))
