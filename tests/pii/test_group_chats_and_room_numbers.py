"""Group chats copied from phones and the homes their members give: each case stands for
a class, not for one text.

- a mainland home by building, unit and room (``9-1101``, ``3-2-801``, ``东区3-1502``) in
  Chinese text, not a date (``27-07-2001``), a score, nor a parcel station's pickup code
  (``取件码 3-2-1047``);
- a flat and its tower with nothing else (``25B, Tower 2``, ``Tower 4, 16C``), a flat by its
  floor and letter (``Mr Chan (Flat 8A)``), not a meeting room (``Meeting Room 12B``);
- a column of participants' initials in a CSV (``initials`` → ``K.W.L.``);
- a sender alone on a line after the date and the time, the message below (``05-29 20:31
  阿杰不吃香菜``), not an agenda's times (``09:00 Registration``);
- a display name with a number after an underscore (``鹿小葵_0921``) and one of seven or
  eight characters (``一蓑烟雨任平生``);
- senders of a chat copied without its times (``一帆风顺：看监控啊``, ``9-2303-彭：``), not a
  form's labels (``姓名：``, ``备注：``), roles (``學生：``), dates (``初診 十一月二十日：``) or
  schools (``培德女子中學　47 : 52``).
"""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered, person_spans, untouched


@pytest.mark.parametrize(
    ("text", "home"),
    [
        ("#接龙 大闸蟹\n1. 王秀兰 3栋2单元1702 母2\n2. 小鱼儿 9-1101 公1母1\n3. 老周 6-1-602 公2", "9-1101"),
        ("豆豆妈 3-2-801：又踩到狗屎了！就在3栋门口", "3-2-801"),
        ("1. 唐小雨 东区3-1502 牛腱2 ✅\n2. 邓建华 东区9-2-1203 虾滑3", "东区3-1502"),
        ("我婆婆住12-1703室，她不在群里", "12-1703室"),
    ],
)
def test_a_mainland_home_by_building_unit_and_room(redactor: Redactor, text: str, home: str) -> None:
    assert covered(redactor, text, home, entity="ADDRESS")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("出生日期：27-07-2001，籍贯广东", "27-07-2001"),
        ("收件人 刘金凤｜取件码 5-1-2233｜到站 09:12", "5-1-2233"),
        ("菜鸟驿站取件码 3-2-1047 我帮你拿了", "3-2-1047"),
        ("她的码是 3-2-1074，被同楼的人误取", "3-2-1074"),
        ("上半场比分 2-1，下半场 3-2", "3-2"),
        ("型号 KX-1203 的水壶", "KX-1203"),
    ],
)
def test_dates_codes_and_scores_are_no_homes(redactor: Redactor, text: str, value: str) -> None:
    assert untouched(redactor, text, value)


@pytest.mark.parametrize(
    ("text", "home"),
    [
        ("08:40 Water dripping from the ceiling of 25B, Tower 2, reported by the owner.", "25B, Tower 2"),
        ("Leak traced to Tower 4, 16C; the flat below affected.", "Tower 4, 16C"),
    ],
)
def test_a_flat_and_its_tower(redactor: Redactor, text: str, home: str) -> None:
    assert covered(redactor, text, home, entity="ADDRESS")


def test_a_flat_by_its_floor_and_letter(redactor: Redactor) -> None:
    text = "Present: Mr Chan Wai Ming (Flat 8A), Ms Lo (Flat 12C, proxy for Flat 5B)."
    for flat in ("Flat 8A", "Flat 12C", "Flat 5B"):
        assert covered(redactor, text, flat, entity="ADDRESS")
    owner = "The owner of Flat 8C, Madam Chow Lai Ping, complained of seepage."
    assert covered(redactor, owner, "Flat 8C", entity="ADDRESS")
    assert covered(redactor, owner, "Chow Lai Ping", entity="PERSON")
    assert untouched(redactor, "Date: 22 May 2024, Meeting Room 12B, 3 pm", "Room 12B")


def test_a_column_of_initials(redactor: Redactor) -> None:
    text = (
        "pid,initials,first_name,email\n"
        "SS2-031,K.W.L.,Kwok Wai,kwokwai.lau@example.hk\n"
        "SS2-032,H.T.,Hei Tung,heitung.t@mail.example.net\n"
    )
    found = person_spans(redactor, text)
    assert {"K.W.L.", "H.T."} <= set(found)
    assert "SS2-031" not in found


def test_a_sender_after_the_date_and_time_with_the_message_below(redactor: Redactor) -> None:
    text = (
        "05-29 20:31 阿杰不吃香菜\n鞋子小了，能换成 43 吗\n\n"
        "05-29 20:33 疾风_小橙子\n亲，可以的哦\n\n"
        "05-29 20:34 阿杰不吃香菜\n原来填的是我家"
    )
    found = person_spans(redactor, text)
    assert found.count("阿杰不吃香菜") == 2
    assert "疾风_小橙子" in found


def test_an_agendas_times_are_no_senders(redactor: Redactor) -> None:
    text = "09:00 Registration\nCoffee served\n10:30 Tea break\nfoyer\n15:30 Tea break\nfoyer"
    assert person_spans(redactor, text) == []


def test_display_names_with_a_number_or_of_seven_characters(redactor: Redactor) -> None:
    text = (
        "[2024-06-11 14:02:17] 鹿小葵_0921：在吗在吗\n"
        "[2024-06-11 14:02:40] 禾木-小满：您好，欢迎光临\n"
        "[2024-06-11 14:03:05] 鹿小葵_0921：我上周买的那个边几今天到了\n\n"
        "2024-04-08 19:09:45  一蓑烟雨任平生\n#接龙 春游确认\n\n"
        "2024-04-08 19:10:20  静待花开🌸\n收到\n\n"
        "2024-04-08 19:11:58  一蓑烟雨任平生\n谢谢周老师关心"
    )
    found = person_spans(redactor, text)
    assert found.count("鹿小葵_0921") == 2
    assert found.count("一蓑烟雨任平生") == 2


def test_senders_of_a_chat_copied_without_times(redactor: Redactor) -> None:
    text = (
        "豆豆妈 3-2-801：又踩到狗屎了！\n"
        "一帆风顺：看监控啊，物业有监控的\n"
        "9-2303-彭：我打了维保的，说二十分钟到\n"
        "一帆风顺：我只是说说，别介意\n"
        "工程部-祁工：业主您好，9栋东梯已远程切断"
    )
    found = person_spans(redactor, text)
    assert found.count("一帆风顺") == 2
    assert {"豆豆妈", "彭", "祁工"} <= set(found)


@pytest.mark.parametrize(
    "text",
    [
        "姓名：陈大文\n电话：9123 4567\n备注：无\n姓名：李小明\n电话：9876 5432\n备注：已确认收到，谢谢！",
        "學生：譚芷澄\n內容：問學費減免申請，轉介學生資助處網頁。\n學生：林朗晴\n內容：遲到三次，已同家長傾過。",
        (
            "初診 十一月二十日：右肩痛，抬手困難，夜間加重。\n二診 十一月二十七日：痛減，仍未能舉手過肩。\n"
            "初診 十一月二十日：處方如下，每日一劑。\n三診 十二月一日：已能舉手。"
        ),
    ],
)
def test_labels_roles_and_dates_are_no_senders(redactor: Redactor, text: str) -> None:
    found = person_spans(redactor, text)
    assert not {"姓名", "电话", "备注", "學生", "內容"} & set(found)
    assert not [value for value in found if "診" in value or "月" in value]
