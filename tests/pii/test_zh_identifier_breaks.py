"""Phone and HKID numbers in Chinese documents broken the way scans and narrow columns
break them: eight Chinese numerals in two fours over a line break (九八二六⏎七一四零), a
number spaced digit by digit after a letter-spaced label (電 話 9 4 6 1⏎0 8 7 2), an
HKID with a line break among its digits (Y73⏎3639(8)); and the look-alikes that stay."""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from guardrail.text.normalize import normalize
from tests.pii.coverage import covered


@pytest.mark.parametrize(
    ("text", "value", "entity"),
    [
        ("如有查詢，日間可致電\n六二八三\n五五一九\n或電郵聯絡", "六二八三\n五五一九", "PHONE_NUMBER"),
        ("聯絡電話：\n九三二一\n零四八七\n", "九三二一\n零四八七", "PHONE_NUMBER"),
        ("電話：六 一 二 八\n四 零 五 三\n", "六 一 二 八\n四 零 五 三", "PHONE_NUMBER"),
        ("收货：天河路88号A座1208　一三九 一一零二 七七三五\n", "一三九 一一零二 七七三五", "PHONE_NUMBER"),
        ("家 屬 : 兒 子 電 話 6 1 2 8\n4 0 5 3\n", "6 1 2 8\n4 0 5 3", "PHONE_NUMBER"),
        ("身 份 證 : K39\n5747(0)          年 齡 : 70", "K39\n5747(0)", "HK_ID"),
    ],
)
def test_a_number_broken_over_a_line_is_removed(redactor: Redactor, text: str, value: str, entity: str) -> None:
    assert covered(redactor, text, value, entity=entity), [
        (d.entity_type, text[d.start : d.end]) for d in redactor.analyze(text)
    ]


def test_numerals_over_a_line_break_read_as_digits_with_offsets_kept() -> None:
    text = "致電\n九八二六\n七一四零\n"
    normalized = normalize(text)
    assert "9 8 2 6 7 1 4 0" in normalized.text
    start = normalized.text.index("9")
    end = normalized.text.index("0", start) + 1
    assert normalized.to_original(start, end) == (text.index("九"), text.index("零") + 1)


@pytest.mark.parametrize(
    "text",
    [
        "目錄\n一二三四\n五六七\n",  # not two fours
        "第一二三四五六七八九十章",
    ],
)
def test_numeral_look_alikes_are_no_phone(redactor: Redactor, text: str) -> None:
    assert [d for d in redactor.analyze(text) if d.entity_type == "PHONE_NUMBER"] == []
