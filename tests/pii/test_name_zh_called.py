"""Given names and nicknames where a chat calls, thanks or names somebody
(:mod:`guardrail.pii.recognizers.name_zh_called`), and the everyday words in those
places; and a surname-led run whose last character begins a word with the next one
(關愛基金, an estate's 華府) is no name."""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered, person_spans


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("(群組資料) 管理員 = 黃志強，大家叫佢強仔，負責收數", "強仔"),
        ("[03/12 09:10] 7B何太: 唔該晒嘉欣🙏", "嘉欣"),
        ("[03/12 21:40] Ivy: 詠琪！生日快樂🎂", "詠琪"),
        ("3. 學生 阿珠（即 龐美珠）2A — 未交", "阿珠"),
        ("報數：大隻Kevin 話遲啲先俾", "大隻Kevin"),
        ("[2/12 09:20] Joanne Lai: 早晨德哥! 差咗$265", "德哥"),
        ("車伯口音較重，院友叫佢源叔都得。", "源叔"),
        ("伟杰哥你好，样品已经寄出", "伟杰哥"),
    ],
)
def test_names_called_in_a_chat_are_found(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="PERSON"), (text, person_spans(redactor, text))


@pytest.mark.parametrize(
    "text",
    [
        "多謝晒大家！聽日見",
        "唔該晒師傅🙏",
        "[03/12 09:10] 7B: 收到！",
        "[03/12 09:10] 7B: 明白！",
        "唔該晒靚女～",
        "建議轉介關愛基金申請",
        "金碧華府 管理處通告",
        "我個仔而家住加拿大溫哥華",
        "乙方（月嫂）負責產後護理",
        "佢個表哥同大伯都嚟咗",
    ],
)
def test_everyday_words_in_those_places_stay(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


@pytest.mark.parametrize("text", ["【網店】訂單成立通知", "【网店】订单成立通知，请留意", "帳單成立後七日內付款"])
def test_a_word_ending_in_a_surname_character_keeps_it(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []
