"""Names in Chinese registers typed with ideographic spaces between cells, and chat senders
signing as a service's staff: each case stands for a class, not for one text.

- a column headed 姓名 / 收件人 / 取件人簽名 holds names however rare their characters, a
  surname alone or a surname with a title (the surname only);
- without a header, a column most of whose cells are shaped as names holds names too, its
  rare ones included; a column of seals, couriers or amounts does not;
- ``仁和康体检客服-小鹿 11/12 14:20``: the staff member's nickname after the service's name.
"""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered, untouched

CHECKUP = (
    "序号\u3000姓名\u3000性别\u3000异常项目\n"
    "1\u3000柯晓彤\u3000女\u3000甲状腺结节 TI-RADS 3类\n"
    "2\u3000仝赟\u3000\u3000男\u3000空腹血糖 7.4 mmol/L\n"
    "3\u3000昝一喆\u3000男\u3000ALT 112 U/L\n"
)
PARCELS = (
    "日期\u3000座/室\u3000\u3000收件人\u3000\u3000速遞\u3000\u3000單號\u3000\u3000取件人簽名\n"
    "11/3\u30002座18樓C室\u3000鄺美琪\u3000順豐\u3000SF1562093387401\u3000琪\n"
    "11/5\u30003座6樓D室\u3000\u3000滕\u3000\u3000京東物流\u3000JDVC04412870931\u3000（未取）\n"
    "11/9\u30005座9樓A室\u3000\u3000岑生\u3000\u3000香港郵政\u3000RR118290645HK\u3000—\n"
)
LEDGER = (
    "M27-001\u3000區笑顏\u30002份\u3000已供12期\u30002386 4410\n"
    "M27-002\u3000黃桂英\u30001份\u3000已供11期\u3000屋企 2779 0361\n"
    "M27-003\u3000亞娣\u3000\u30003份\u3000已供12期\u3000冇電話\n"
    "M27-006\u3000阿Paul（蒲保羅）\u30001份\u3000已供12期\u30005338 7106\n"
)
SEALS = (
    "2026.11.02\u3000尉迟朗\u3000合同章\u3000华岳建材 采购合同×3\u3000范（签）\n"
    "2026.11.05\u3000揭晓雯\u3000公章\u3000收入证明\u3000范\n"
    "2026.11.06\u3000牛 犇\u3000合同章\u3000框架协议\u3000（空）\n"
    "2026.11.07\u3000芮思远\u3000公章\u3000离职证明\u3000龚\n"
)
CHAT = (
    "仁和康体检客服-小鹿\u300011/12 14:02\n郜先生您好，报告已出。\n\n"
    "郜堃\u300011/12 14:17\n约19号吧。\n\n"
    "仁和康体检客服-小鹿\u300011/12 14:20\n可以的。\n\n"
    "郜堃\u300011/12 16:42\n收到，谢谢小鹿👍"
)

CASES = [
    (CHECKUP, "仝赟"),
    (CHECKUP, "昝一喆"),
    (PARCELS, "鄺美琪"),
    (PARCELS, "\u3000滕"),
    (PARCELS, "\u3000琪\n"),
    (PARCELS, "岑"),
    (LEDGER, "區笑顏"),
    (LEDGER, "亞娣"),
    (LEDGER, "蒲保羅"),
    (SEALS, "牛 犇"),
    (SEALS, "芮思远"),
    (SEALS, "龚"),
    (CHAT, "小鹿"),
    (CHAT, "郜堃"),
]


@pytest.mark.parametrize(("text", "name"), CASES)
def test_names_in_registers_and_staff_senders_are_found(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name.strip(), entity="PERSON", at=text.index(name) + len(name) - len(name.lstrip()))


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (CHECKUP, "女"),
        (CHECKUP, "空腹血糖"),
        (PARCELS, "順豐"),
        (PARCELS, "未取"),
        (SEALS, "合同章"),
        (SEALS, "公章"),
        (LEDGER, "已供12期"),
        (CHAT, "仁和康体检客服"),
    ],
)
def test_the_other_cells_of_a_register_are_no_names(redactor: Redactor, text: str, kept: str) -> None:
    start = text.index(kept)
    found = [(d.start, d.end) for d in redactor.analyze(text) if d.entity_type == "PERSON"]
    assert not any(s < start + len(kept) and start < e for s, e in found)


ORDER_SHEET = (
    "單號\tIG\t取/送\t收貨人\t電話\tLalamove單\n"
    "BB-1224-063\tcoco.lamlam\t送\t林太\t93182064\t2291 4085\n"
    "BB-1224-071\tking_sze_\t送\tKing Sze\t6822 1903\t3307 8812\n"
    "BB-1224-074\thojaihojai\t自取\t何仔\t5177-0312\t3310 0256\n"
    "BB-1224-090\tfoodie.mochi\t自取\t—\t—\t—\n"
)


@pytest.mark.parametrize("handle", ["king_sze_", "hojaihojai"])
def test_a_column_of_handles_holds_people(redactor: Redactor, handle: str) -> None:
    assert covered(redactor, ORDER_SHEET, handle, entity="PERSON")


@pytest.mark.parametrize("kept", ["foodie.mochi", "2291 4085", "3307 8812"])
def test_a_brands_handle_and_a_column_of_order_numbers_stay(redactor: Redactor, kept: str) -> None:
    assert untouched(redactor, ORDER_SHEET, kept)


def test_a_chat_speakers_handle_of_run_together_syllables_is_a_person(redactor: Redactor) -> None:
    chat = "wongwingyan.rain: 你哋 story 嗰個 tiramisu\nbutterandbean.hk: 係呀\nwongwingyan.rain: ok thx"
    assert covered(redactor, chat, "wongwingyan.rain", entity="PERSON")
    assert not covered(redactor, chat, "butterandbean.hk")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a Cantonese given name joined by a hyphen, alone or after its surname in any case
        ("A few students (ho ka-lok, yip sze wan, KL's twin Ka-yan) are writing", "ho ka-lok"),
        ("A few students (ho ka-lok, yip sze wan, KL's twin Ka-yan) are writing", "Ka-yan"),
        ("we met Tsz-hin at the gate", "Tsz-hin"),
        # a Spanish or Portuguese title before a surname
        ("the courier will call Sra. Lei on the morning of delivery", "Lei"),
        # a handle built from a name speaking after a time stamp
        ("[09:15] leung_mei_yee_88: 唔要呀\n[09:16] shop.hk: ok", "leung_mei_yee_88"),
    ],
)
def test_hyphenated_given_names_titles_and_stamped_handles(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON")


@pytest.mark.parametrize("text", ["The check-in at Sai-wan was slow", "the ka-ching moment", "Sra. Lei"])
def test_a_hyphenated_place_a_word_and_a_title_are_no_names(redactor: Redactor, text: str) -> None:
    found = [text[d.start : d.end] for d in redactor.analyze(text) if d.entity_type == "PERSON"]
    assert not [value for value in found if value in ("Sai-wan", "ka-ching", "Sra")], found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("凡凡记得把过关票据贴在背面。", "凡凡"),
        ("005 犇犇说急着要", "犇犇"),
        ("玥玥是我们自己在小红书上找的", "玥玥"),
        ("给淼淼的那条请单独写", "淼淼"),
    ],
)
def test_a_doubled_character_pet_name_is_a_name(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON")


@pytest.mark.parametrize(
    "text", ["我们天天加班，慢慢来，谢谢大家，妈妈说好", "嫲嫲话囡囡今日发烧", "我啱啱用钉钉的打卡"]
)
def test_doubled_words_kin_and_apps_are_no_pet_names(redactor: Redactor, text: str) -> None:
    assert not [d for d in redactor.analyze(text) if d.entity_type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [("11/13 下午微信提醒了仝赟，他说知道了", "仝赟"), ("肝功能复查约在19号，和郜堃同一天，两人一起去。", "郜堃")],
)
def test_a_full_name_after_a_verb_that_reaches_a_person(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON")


@pytest.mark.parametrize("text", ["请联系方式的负责人，和平同行", "麻烦房东查收，再给保姆", "交给水务署，找单车"])
def test_words_after_such_verbs_are_no_names(redactor: Redactor, text: str) -> None:
    assert not [d for d in redactor.analyze(text) if d.entity_type == "PERSON"]


def test_a_numbered_registers_first_cell_is_read_without_its_number(redactor: Redactor) -> None:
    text = (
        "4. 柏宇航\u3000仓管\u300016:30\u3000186 0755 3321\n"
        "5. 司马穎彤\u3000文员\u300016:45\u3000186 0755 3322\n"
        "6. 郜堃\u3000仓管\u300017:00\u3000186 0755 3323\n"
    )
    assert covered(redactor, text, "柏宇航", entity="PERSON")
    assert not covered(redactor, text, "仓管")
