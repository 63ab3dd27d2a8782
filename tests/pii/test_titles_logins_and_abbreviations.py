"""How file notes, class groups and bank notes name people and homes: each case stands
for a class, not for one text.

- the old called by surname and a kin title (``吴爷爷好``, ``馮姨個女``), not the kin word
  alone (``同阿姨去飲茶``);
- a name found with its title or kin word recurs without it (``浩然奶奶`` then
  ``浩然同学``);
- a parent named after the child in brackets after her own name (``孙小飞（孙浩爸爸）``);
- a nickname right before a mobile (``FPS 過 明仔 6288 9153``), not a role (``客服``);
- the name an account carries (``name on acct "W L CHEUNG"``) and a login built from a
  name with a number after it (``Login ID is "ivantam88"``);
- an address with its building words shortened (``Rm 1207 Hing Fai Hse, Lok Fu Est``),
  not the "Est." of a shop's founding year; a branch on ``Nathan Rd`` is no person;
- relatives and ward sisters in a handover (``妹妹张静``, ``女婿小赵``, ``罗护士长``);
- a handle whole: a Chinese name with digits written onto it (``王丽娜1988``, not the year
  of ``王丽娜2024年``), after a nickname label or speaking with a full-width colon
  (``zhangmeng_0923：``), in brackets after the app (``insta (tomek.wisniewski)``);
- a helper's Filipino name (``我屋企Leny``); an address abroad with its floor
  (``Lindenstraße 42, 2. OG, 50674 Köln``);
- a village's care list: households by villagers' group (``一组14号``), names with their
  age (``谢满仓（76岁）``), ``老陈头``; a column of logins; ``係肥B (陳志偉)``.
"""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered, person_spans, untouched

CLASS_GROUP = (
    "Miss 方 08:50\n温馨提示：回乡证快过期的同学请尽快续，上次浩然同学在关口被拦了半小时。\n\n"
    "浩然奶奶 09:02\n不好意思老师是我们疏忽，已经约了3月15号去办。\n\nMiss 方 09:05\n好的👌 收到"
)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("刘老师（班主任）15:24 吴爷爷好，按学校规定", "吴爷爷"),
        ("馮姨個女Jenny問可唔可以寄月結單", "馮姨"),
        ("我哋同黃奶奶傾過，佢話得", "黃奶奶"),
    ],
)
def test_a_surname_with_a_kin_title_is_a_person(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON")


@pytest.mark.parametrize(("text", "word"), [("今日同阿姨去飲茶", "阿姨"), ("外公公司在觀塘", "外公公司")])
def test_a_kin_word_alone_is_not(redactor: Redactor, text: str, word: str) -> None:
    assert untouched(redactor, text, word)


def test_a_name_found_with_its_kin_word_recurs_without_it(redactor: Redactor) -> None:
    assert covered(redactor, CLASS_GROUP, "浩然", entity="PERSON", at=CLASS_GROUP.index("浩然"))


def test_a_parent_named_after_the_child_in_brackets(redactor: Redactor) -> None:
    text = "4. 孙小飞（孙浩爸爸）18926637042 不自驾，可以帮忙拍照"
    assert covered(redactor, text, "孙浩爸爸", entity="PERSON")


def test_a_nickname_before_a_mobile_is_its_owner(redactor: Redactor) -> None:
    assert covered(redactor, "俾錢方法: FPS 過 明仔 6288 9153 或者 PayMe", "明仔", entity="PERSON")
    assert untouched(redactor, "有問題請搵客服 6288 9153", "客服")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('the transfer came from name on acct "W L CHEUNG". Is that ok', "W L CHEUNG"),
        ('Login ID is "ivantam88" which tbh is easy to guess', "ivantam88"),
    ],
)
def test_an_accounts_name_and_a_login_built_from_a_name(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON")


@pytest.mark.parametrize("text", ["name on account: Marketing Dept", "the account is active now"])
def test_an_account_label_before_other_words_finds_nobody(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


def test_an_address_with_shortened_building_words(redactor: Redactor) -> None:
    text = "moving to TKO; until then still Rm 1207 Hing Fai Hse, Lok Fu Est. Time: 0.4 hr"
    assert covered(redactor, text, "Rm 1207 Hing Fai Hse, Lok Fu Est", entity="ADDRESS")


@pytest.mark.parametrize("text", ["Wing Kee Noodles, Est. 1985, family run", "Rm 5, Est cost $300 for repairs"])
def test_est_of_a_founding_year_or_an_estimate_is_no_address(redactor: Redactor, text: str) -> None:
    assert not [d for d in redactor.redact(text).detections if d.entity_type == "ADDRESS"]


def test_a_given_name_before_a_shortened_street_word_is_the_street(redactor: Redactor) -> None:
    text = "Customer came to Mong Kok (Nathan Rd) Branch on 3 May."
    assert person_spans(redactor, text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("妹妹张静从外省过来，住在医院对面的如家酒店", "张静"),
        ("女儿张敏 10点来办手续，女婿小赵开车", "小赵"),
        ("护士长罗护士长已经沟通过，小夜注意翻身", "罗护士长"),
    ],
)
def test_a_relative_or_a_ward_sister_named_in_a_handover(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON")


@pytest.mark.parametrize("text", ["妹妹小时候很乖", "弟弟小学毕业了", "丈夫同意手术"])
def test_a_relatives_word_before_an_ordinary_word_finds_nobody(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("买家 王丽娜1988：我6月3号晚上在直播间买的手镯", "王丽娜1988"),
        ("他加了病区工作群，微信名叫邱卫东1975，半夜会发消息", "邱卫东1975"),
        ("买家昵称：zhangmeng_0923   订单：240615883102274", "zhangmeng_0923"),
        ("zhangmeng_0923：你好 我15号晚上抢的福袋\n客服阿敏：您好", "zhangmeng_0923"),
        ("i messaged Tomasz on insta (tomek.wisniewski) and hes fine switching", "tomek.wisniewski"),
    ],
)
def test_a_handle_is_covered_whole(redactor: Redactor, text: str, handle: str) -> None:
    assert covered(redactor, text, handle, entity="PERSON")


def test_a_year_after_a_name_stays_a_year(redactor: Redactor) -> None:
    assert untouched(redactor, "王丽娜2024年入职，表现很好", "2024年")


def test_a_helper_called_by_her_filipino_name(redactor: Redactor) -> None:
    text = "Phoebe Chan: 急!! 我屋企Leny今晚話肚好痛\nPhoebe Chan: Leny 好驚"
    assert covered(redactor, text, "Leny", entity="PERSON", at=text.rindex("Leny"))


def test_an_address_abroad_with_its_floor(redactor: Redactor) -> None:
    text = "Permanent address on file: Lindenstraße 42, 2. OG, 50674 Köln, Germany. Please check"
    assert covered(redactor, text, "Lindenstraße 42, 2. OG, 50674 Köln, Germany", entity="ADDRESS")


VILLAGE_LIST = (
    "1. 王德福（82岁）一组14号 —— 结对：陈福生（老陈头）13875094412\n4. 谢满仓（76岁，聋）三组坳上21号 —— 结对：谢强"
)


@pytest.mark.parametrize(
    ("value", "entity"), [("一组14号", "ADDRESS"), ("三组坳上21号", "ADDRESS"), ("谢满仓", "PERSON")]
)
def test_a_village_care_list_names_its_old_and_their_homes(redactor: Redactor, value: str, entity: str) -> None:
    assert covered(redactor, VILLAGE_LIST, value, entity=entity)


def test_a_village_nickname_speaks(redactor: Redactor) -> None:
    assert covered(redactor, "老陈头：收到，第1个没问题\n黄桂英：李伯那边我下午去", "老陈头", entity="PERSON")


@pytest.mark.parametrize("text", ["第一组3号选手上场", "学生（12岁）参加比赛"])
def test_a_contest_group_or_an_age_alone_is_not(redactor: Redactor, text: str) -> None:
    assert not [d for d in redactor.analyze(text) if d.entity_type in {"ADDRESS", "PERSON"}]


def test_a_column_of_logins(redactor: Redactor) -> None:
    text = (
        "Ticket#,Opened,Requester,Login,Callback\n"
        "INC-0048815,18/03 08:55,Lam Chi Ho,chlam2,+852 6218 0453\n"
        "INC-0048820,18/03 09:03,Priya Nair,pnair,5179 2206\n"
    )
    assert covered(redactor, text, "chlam2", entity="PERSON") and covered(redactor, text, "pnair", entity="PERSON")


def test_a_nickname_after_a_copula_before_the_bracketed_name(redactor: Redactor) -> None:
    assert covered(redactor, "今日師傅係肥B (陳志偉) 6677 2390", "肥B", entity="PERSON")
    assert untouched(redactor, "負責人係經理（陳大文）", "經理")
