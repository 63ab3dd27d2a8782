"""A name after the department it acted for (``财务-宋佳``, ``人事部陳嘉欣``), a surname's
title that is also a word after the party it names (``業主方生``), a full name found once
and again before a business word (``供孙雨桐银行开户``), the senders of a chat's JSON
export (``"from": "kingkwok"``), a flat in a
block with the estate after it (``Blk 6 23D Laguna City``), a CSV row's second address
line in the cell after the first, and a street whose suffix a column wrapped onto the next
line (``31 Po Ning⏎Road``).

A department's ordinary words (``財務報表``, ``人事調動``) and a cell that names no place stay.
Each case stands for a class of text, not for one document.
"""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered

DEPARTMENT_NAMES = [
    ("退款方式：境外汇款　审批人 财务-宋佳　汇款参考 RMT-EU-0621-0088", "宋佳"),
    ('{"t": "11:05:37", "by": "风控-王磊", "msg": "同一设备曾登录"}', "王磊"),
    ("财务部宋佳已审批，请留意", "宋佳"),
    ("覆核：人事部陳嘉欣", "陳嘉欣"),
    ("社保停缴手续由总部赵敏跟进。", "赵敏"),
]


@pytest.mark.parametrize(("text", "value"), DEPARTMENT_NAMES)
def test_a_name_after_its_department_is_found(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="PERSON")


def test_a_department_s_ordinary_words_are_no_names(redactor: Redactor) -> None:
    text = "財務報表已交，人事變動，採購成本上升，審計師意見，運營數據，法務意見書，風控模型"
    assert not any(d.entity_type == "PERSON" for d in redactor.analyze(text))


ENGLISH_HOMES = [
    ("Called her on 9021-5567 and she confirmed Blk 6 23D Laguna City is right.", "Blk 6 23D Laguna City"),
    ("She lives at Blk 3, 12A, City One Shatin.", "Blk 3, 12A, City One Shatin"),
    ('HL-10488,Chan Tai Wai,"Rm 1502, 15/F, Hong Yat Hse","Tin Yat Est, Tin Shui Wai NT",NT,IT', "Tin Yat Est"),
    ('HL-10490,Lau Kin,"Rm 5, 3/F, 117 Pei Ho Street","Sham Shui Po",KLN,Warehouse', "Sham Shui Po"),
    ("the walk-up 2/F, 31 Po Ning\nRoad, Hang Hau, no lift", "2/F, 31 Po Ning\nRoad, Hang Hau"),
]


@pytest.mark.parametrize(("text", "value"), ENGLISH_HOMES)
def test_block_flats_second_lines_and_wrapped_streets_are_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="ADDRESS")


def test_a_flat_s_owner_after_it_stays_outside_and_a_plain_next_cell_is_kept(redactor: Redactor) -> None:
    text = 'Owners present: Block 4, 16C Mrs Chan\nHL-1,"Rm 5, 3/F, 117 Pei Ho Street","Warehouse team",KLN'
    spans = [text[d.start : d.end] for d in redactor.analyze(text) if d.entity_type == "ADDRESS"]
    assert spans == ["Block 4, 16C", "Rm 5, 3/F, 117 Pei Ho Street"]


def test_a_word_like_title_after_a_party_and_its_repeats_are_names(redactor: Redactor) -> None:
    text = "Kelvin 祥益: 我同業主方生講，佢人喺英國。\nKelvin 祥益: 方生早晨！有對夫婦 offer"
    found = [text[d.start : d.end] for d in redactor.analyze(text) if d.entity_type == "PERSON"]
    assert found.count("方生") == 2


def test_a_full_name_found_once_is_found_before_a_business_word(redactor: Redactor) -> None:
    text = "1. 孙雨桐身份证3月24日领取。\n——附：在职证明（供孙雨桐银行开户使用）——"
    found = [text[d.start : d.end] for d in redactor.analyze(text) if d.entity_type == "PERSON"]
    assert found.count("孙雨桐") == 2


def test_a_chat_export_s_json_senders_are_names(redactor: Redactor) -> None:
    text = (
        '{"messages": [\n {"id": 1, "date": "2024-03-21T00:03:11", "from": "rose 歐陽", "text": "csv整好"},\n'
        ' {"id": 2, "date": "2024-03-21T00:05:40", "from": "kingkwok", "text": "L3 L4 係我負責"},\n'
        ' {"id": 3, "date": "2024-03-21T00:09:01", "from": "kingkwok", "text": "係"}\n]}'
    )
    assert covered(redactor, text, "kingkwok", entity="PERSON")
    assert covered(redactor, text, "rose 歐陽", entity="PERSON")


def test_a_single_json_message_s_sender_is_not_read_as_a_chat(redactor: Redactor) -> None:
    text = '{"event": "email", "from": "noreply", "date": "2024-03-01", "text": "hi"}'
    assert not any(d.entity_type == "PERSON" for d in redactor.analyze(text))
