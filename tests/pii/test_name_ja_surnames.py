"""Japanese surnames with a title in Chinese text are names; without a title, or a
Chinese word before a title, they are left to the other finders."""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered, person_spans

NAMES = [
    ("请帮我翻译：\n\n田中先生您好，\n\n我们公司一行18人将前往东京。", "田中"),
    ("麻煩轉告鈴木小姐，會議改咗星期五。", "鈴木"),
    ("致：佐藤健太先生\n主旨：報價", "佐藤健太"),
    ("長谷川様\n\n感謝您的來信。", "長谷川"),
]


@pytest.mark.parametrize(("text", "value"), NAMES)
def test_titled_japanese_surnames_are_names(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="PERSON")


@pytest.mark.parametrize("text", ["大家好，歡迎光臨", "各位先生女士：會議將於下午開始。"])
def test_words_before_a_title_are_not_japanese_names(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []
