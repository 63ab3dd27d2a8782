"""Chinese addresses completed to their last part and kept from the words before them
(:mod:`guardrail.pii.recognizers.address_zh`): a house number in Chinese numerals after a
village (over a scan's line break, or after the village's 北約), a warehouse or a room
letter after the floor, a bracketed part of an estate's name; and no reach back over a
line break into the word that ends the line before."""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered


def _addresses(redactor: Redactor, text: str) -> list[str]:
    return [text[d.start : d.end] for d in redactor.analyze(text) if d.entity_type == "ADDRESS"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("住：新界元朗大棠村\n三十八號　電話：2476 1234", "新界元朗大棠村\n三十八號"),
        ("請改為 新界粉嶺丹竹坑村南約二十號。", "新界粉嶺丹竹坑村南約二十號"),
        ("住址：屯門友愛（南）邨愛明樓\n十二樓一二零八室\n", "屯門友愛（南）邨愛明樓\n十二樓一二零八室"),
        ("地址：九龍深水埗北河街十二號三樓B房（劏房）", "九龍深水埗北河街十二號三樓B房"),
        ("卸货：佛山市南海区桂城街道海八路12号C栋二楼仓库\n", "佛山市南海区桂城街道海八路12号C栋二楼仓库"),
        ("Deliver to: 深圳市宝安区福永街道凤凰路8号3号仓\n", "深圳市宝安区福永街道凤凰路8号3号仓"),
        ("09:00｜RC-261127-0101｜麥先生｜沙田禾輋邨信和樓2112｜9386-2271｜冷氣機x2", "沙田禾輋邨信和樓2112"),
        ("| 2 | 黃大仙下邨龍昌樓 1203 | 已收 |", "黃大仙下邨龍昌樓 1203"),
        ("老家地址：湖南省邵阳市隆回县桃洪镇向家村五组17号\n", "湖南省邵阳市隆回县桃洪镇向家村五组17号"),
        (
            "I live in Tai Koo, Kwun Hoi Mansion, Block M, 15 Taikoo Shing Road, if you post",
            "Kwun Hoi Mansion, Block M, 15 Taikoo Shing Road",
        ),
    ],
)
def test_a_chinese_address_is_covered_to_its_last_part(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="ADDRESS"), (text, _addresses(redactor, text))


@pytest.mark.parametrize(
    ("text", "outside"),
    [
        ("明早会跟进处理\n5栋2301-李姐：收到", "理"),
        ("我大約十一號到，預約十一號覆診", "約"),
        # a label's bracketed note on the line above is no part of the address
        ("舊地址（最後一日住：十二月三十一日）\n九龍何文田愛民邨嘉民樓\n十樓1012室", "十二月"),
        # nor, in English, the next sentence or a space-aligned table's next column
        ("We live at House 17A, Tai Wan Village, Sai Kung, N.T. On Saturday 24 October we left.", "Saturday"),
        ("LO Wing Yan      Flat B, 9/F, Tak Fung Building, 38 Pei Ho Street, Sham Shui Po     18,500", "18"),
    ],
)
def test_an_address_does_not_swallow_the_word_before_a_line_break(redactor: Redactor, text: str, outside: str) -> None:
    assert all(outside not in found for found in _addresses(redactor, text)), _addresses(redactor, text)


@pytest.mark.parametrize(
    ("text", "outside"),
    [
        ("有冇人見過二十三樓B室嘅陳伯？", "過"),
        ("已联系5栋2203业主，明天处理", "联系"),
    ],
)
def test_an_address_does_not_reach_back_over_a_verb(redactor: Redactor, text: str, outside: str) -> None:
    assert all(outside not in found for found in _addresses(redactor, text)), _addresses(redactor, text)


@pytest.mark.parametrize(
    "text",
    [
        "覆診：1月6日 上午 9:30，廣華醫院 專科門診 K 座 5 樓\n",
        "請到瑪嘉烈醫院 放射部 B 座 2 樓登記",
    ],
)
def test_a_department_floor_of_a_hospital_is_a_place(redactor: Redactor, text: str) -> None:
    assert _addresses(redactor, text) == []


def test_a_year_in_a_tables_cell_is_no_flat(redactor: Redactor) -> None:
    assert _addresses(redactor, "| 年份 | 中心 2024 | 人數 |") == []
