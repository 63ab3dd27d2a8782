"""Committees, clubs, neighbourhood groups and school tournaments: each case stands for a
class, not for one text.

- a mobile given as the FPS ID it is registered to (``FPS ID 9620 7315``), not an FPS ID
  of seven or nine digits, nor eight that no mobile starts with;
- a post's holder by surname and post (``黃司庫``), an estate's neighbour by a rare
  surname and 太 before ``個`` (``禤太個新抱``), a grid officer before her name (``网格员
  韩雪``), a partner after ``对象``, a child's full name in brackets with her age
  (``（陈思彤，9歲）``);
- a chat's sender with a flat number after the name (``老赵 401``) or a date in Chinese
  or words before the clock (``5月25日 20:03``, ``3 Oct 19:02``);
- a school or a shop's branch named after its district (``Kwun Tong Ming Yin``,
  ``Ho Man Tin Anglican``, ``Tao Heung Tai Po``) and a trail's checkpoint (``Tin Fu
  Tsai``) are no people, while a name whose first words are also a place's is one
  (``Wong Tai Shing``);
- a given name that is also a word opening a name in a column of names (``Will Harcourt``);
- accounts in a column headed ``adj_username`` and @-mentions whose first part is a name
  (``@cherryho_bass``, ``@wingwing.0612``), not a brand's (``@foodie.mochi``), and the
  tag of a handle (``.adj``) sought nowhere else;
- homes in a register's column of flats (``房号 | 12-2-101``, ``Flat,Owner``), not a
  schedule's rooms; a nickname thanked (``辛苦輝仔``) and a child before a spaced
  relative's word (``梓軒 媽媽``);
- senders of a chat whose colon has no space before Chinese (``09-06 16:48 杨林：测了``) and
  of voice notes (``4 Jun 08:02 · 阿Kit 🎤 0:35``); a nickname opening a clause before a
  quotation (``，細威話「``), not a word (``細心``); a name a role vouches for
  (``实习生李想，``, ``骑手是向阳``), not a role's ordinary sentence (``司机是好人``); 阎 and
  卿 among the surnames; a passport's digits in groups (``GB 418 207``);
- WeChat exports' senders on a line of their own (``21:06 平安是福：``); given names that are
  the words a generation was named (``阚胜利``, ``王建国``), not the words (``取得胜利``);
  a festival, an estate or a compound after a name found elsewhere (``国庆节``,
  ``郜家大院``); initials a name is given in brackets and their mentions (``Grace Ng (GN)``,
  ``GN pls``), and a meeting's attendance by initials (``Present: RW (Chair), CKY``), not
  departments (``Present: HR, IT``) nor a department's reference (``BD/SSP/2026/04418``);
  an iOS export's senders after a Chinese half of the day (``上午9:58:45] 明Sir:``).
"""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered, person_spans, untouched


def test_a_mobile_given_as_the_fps_id(redactor: Redactor) -> None:
    assert covered(redactor, "Please pay the treasurer by FPS, FPS ID 9620 7315 (name shows)", "9620 7315")
    assert covered(redactor, "轉數快 ID：6123 4567", "6123 4567", entity="PHONE_NUMBER")
    for text, value in (("FPS ID 3390127 please", "3390127"), ("FPS ID 1688 2290", "1688 2290")):
        assert untouched(redactor, text, value)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("已同鄧伯點算無誤，交值理會黃司庫入銀行。", "黃司庫"),
        ("你好，我係 2312 禤太個新抱，想問聽朝有冇人幫手", "禤太"),
        ("登记人：网格员 韩雪、小吕（吕鹏飞）", "韩雪"),
        ("我上午要上班，能不能让我对象吴丽去？", "吴丽"),
        ("我女儿（陈思彤，9歲）受到惊吓", "陈思彤"),
    ],
)
def test_posts_partners_and_children_in_chinese(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON")


def test_partner_as_an_ordinary_word_names_nobody(redactor: Redactor) -> None:
    assert person_spans(redactor, "这个活动的对象是小学生") == []


@pytest.mark.parametrize(
    ("chat", "sender"),
    [
        ("老赵 401 5月25日 20:03\n我同意加装\n老赵 401 5月25日 20:42\n好的", "老赵 401"),
        ("Miss Chow 周老師 3 Oct 19:02\nhello\nMiss Chow 周老師 3 Oct 19:26\nok", "Miss Chow 周老師"),
    ],
)
def test_a_senders_flat_and_dates_before_the_clock(redactor: Redactor, chat: str, sender: str) -> None:
    assert covered(redactor, chat, sender, entity="PERSON")
    assert covered(redactor, chat, sender, entity="PERSON", at=chat.rindex(sender))


@pytest.mark.parametrize(
    "text",
    [
        "Motion: ban homework. Ho Man Tin Anglican (Prop) vs Tsing Yi Lutheran (Opp).",
        "Kwun Tong Ming Yin beat Tai Po Ling Yan SS on Saturday.",
        "CP7 Tin Fu Tsai, then lunch at Tao Heung Tai Po.",
    ],
)
def test_schools_branches_and_checkpoints_are_no_people(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


def test_a_name_whose_first_words_are_a_place_is_still_a_name(redactor: Redactor) -> None:
    assert covered(redactor, "Witness: Wong Tai Shing signed the statement.", "Wong Tai Shing", entity="PERSON")


def test_a_word_given_name_opening_a_name_in_a_column_of_names(redactor: Redactor) -> None:
    table = (
        "BOX 2\n  sunny cheung             9346 0021\n  CHOI Wing Kei            6258 7730\n"
        "  Rey Dela Cruz            5931 4406\n  Will Harcourt            +852 9710 6638\n"
        "  Happy Wong               6412 9957\n"
    )
    assert covered(redactor, table, "Will Harcourt", entity="PERSON")


def test_accounts_in_a_column_of_usernames(redactor: Redactor) -> None:
    export = (
        "timestamp,adj_username,room,winner,score\n14/03 12:41,ravi.menon,304,PROP,76\n"
        "14/03 12:52,mrs.fairley,305,OPP,76\n14/03 12:58,joylam.hk,306,PROP,75\n"
        "14/03 13:04,jvillanueva.adj,401,OPP,74.5\n"
    )
    for account in ("mrs.fairley", "joylam.hk", "jvillanueva.adj"):
        assert covered(redactor, export, account, entity="PERSON")
    assert untouched(redactor, export, "adj_username")


def test_mentions_of_accounts_named_for_their_owner(redactor: Redactor) -> None:
    assert covered(redactor, "@cherryho_bass 你個 amp 修好未", "cherryho_bass", entity="PERSON")
    assert covered(redactor, "佢 DM 我 → @wingwing.0612 話要寄", "wingwing.0612", entity="PERSON")
    assert person_spans(redactor, "follow @foodie.mochi and @pmq.weekend.market for the fair") == []


def test_homes_in_a_registers_column_of_flats(redactor: Redactor) -> None:
    sheet = "| 房号 | 产权人 | 意见 |\n|---|---|---|\n| 12-2-101 | 钱玉芬 | 不同意 |\n| 12-2-102 | 杨国平 | 同意 |"
    assert covered(redactor, sheet, "12-2-102", entity="ADDRESS")
    assert covered(redactor, "Flat,Owner,Phone\n12B,Chan Tai Man,9123 4567\n", "12B", entity="ADDRESS")
    assert untouched(redactor, "room,time,judge\n304,10:00,ravi\n305,10:30,pooja\n", "304")


def test_a_nickname_thanked_and_a_child_before_a_spaced_relatives_word(redactor: Redactor) -> None:
    assert covered(redactor, "辛苦輝仔🙏 聽日我打去問", "輝仔", entity="PERSON")
    assert covered(redactor, "☐ 梓軒 媽媽 Kit 問退 2 堂學費", "梓軒", entity="PERSON")
    assert person_spans(redactor, "辛苦你哋🙏 今日 媽媽 去咗街市") == []


def test_senders_of_chinese_lines_and_of_voice_notes(redactor: Redactor) -> None:
    chat = "09-06 16:48 杨林：测了，外墙含水率偏高\n09-06 16:55 冉丽丽：收到。\n09-06 17:02 杨林：批号NB2507C118\n"
    assert covered(redactor, chat, "杨林", entity="PERSON", at=chat.rindex("杨林"))
    notes = "4 Jun 08:02 · 阿Kit 🎤 0:35\n「Morning.」\n5 Jun 09:21 · 阿Kit 🎤 0:33\n「Noted.」\n"
    assert covered(redactor, notes, "阿Kit", entity="PERSON", at=notes.rindex("阿Kit"))


def test_a_nickname_opening_a_clause_before_a_quotation(redactor: Redactor) -> None:
    assert covered(redactor, "我問阿峰幾多歲，細威話「廿幾啦」", "細威", entity="PERSON")
    assert person_spans(redactor, "佢做嘢好認真，細心問「點解」") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [("把面单交给了新来的实习生李想，嘱咐一句", "李想"), ("骑手是向阳——这个名字我们都很熟", "向阳")],
)
def test_a_name_a_role_vouches_for(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON")


@pytest.mark.parametrize("text", ["司机是好人。", "同事王说，不行", "客服是什么意思"])
def test_a_roles_ordinary_sentence_names_nobody(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


def test_rarer_surnames_and_a_passport_in_groups(redactor: Redactor) -> None:
    assert covered(redactor, "阎阿姨介绍的亲戚也让我约了", "阎阿姨", entity="PERSON")
    assert covered(redactor, "工长卿师傅说客户常驻重庆", "卿师傅", entity="PERSON")
    assert covered(redactor, "Kieran 係加拿大 passport，佢話係 GB 418 207… wait", "GB 418 207")
    assert untouched(redactor, "Invoice INV 418 2071 for the passport photos", "INV 418 2071")


def test_wechat_exports_senders_on_a_line_of_their_own(redactor: Redactor) -> None:
    chat = "21:06 平安是福：\n告诉大家一个好消息！\n21:07 郜建军：\n还没到\n21:12 平安是福：\n谢谢三叔。\n"
    assert covered(redactor, chat, "平安是福", entity="PERSON", at=chat.rindex("平安是福"))


def test_given_names_that_are_a_generations_words(redactor: Redactor) -> None:
    text = "我跟阚向阳说了，阚胜利也同意；王建国和李卫东来了"
    for name in ("阚向阳", "阚胜利", "李卫东"):
        assert covered(redactor, text, name, entity="PERSON")
    assert person_spans(redactor, "取得胜利，世界和平，走向阳光，朝向阳台。这是对方向东的报价") == []


def test_a_festival_or_a_compound_after_a_name_is_no_mention(redactor: Redactor) -> None:
    chat = "21:13 国庆：\n我能请假回来\n21:15 郜建军：\n国庆你那车坐得下吧\n21:16 国庆：\n没问题，国庆节见\n"
    assert untouched(redactor, chat, "国庆节")
    assert person_spans(redactor, "“郜家大院”(27) 聊天记录") == []


def test_initials_given_after_a_name_and_a_meetings_attendance(redactor: Redactor) -> None:
    notes = "Agent: Raymond Szeto (RS) | Checked by: Grace Ng (GN)\nCard to be masked, GN pls."
    assert covered(redactor, notes, "GN", entity="PERSON", at=notes.rindex("GN"))
    minutes = "Present: RW (Chair), CKY, BA, JD. Also present: HT (coach)\n- JD collecting HK$100 each. Closed 9:40 PM."
    assert covered(redactor, minutes, "JD", entity="PERSON", at=minutes.rindex("JD"))
    assert untouched(redactor, minutes, "PM")
    assert person_spans(redactor, "Present: HR, IT, Finance") == []


def test_a_departments_initials_and_reference_are_no_person(redactor: Redactor) -> None:
    assert person_spans(redactor, "Kelvin confirmed they referred us to BD, ref BD/SSP/2026/04418.") == ["Kelvin"]


def test_ios_exports_senders_after_a_chinese_half_of_the_day(redactor: Redactor) -> None:
    chat = "[19/4/2025 上午9:58:45] 明Sir: 細B扭親\n[19/4/2025 上午11:46:33] 明Sir: 睇醫生\n"
    assert covered(redactor, chat, "明Sir", entity="PERSON", at=chat.rindex("明Sir"))
