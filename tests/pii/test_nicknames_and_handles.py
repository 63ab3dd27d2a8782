"""How parents, tradesmen and neighbours are named in Hong Kong chats and rosters: each case
stands for a class, not for one text.

- a parent called by her child's name (``阿欣媽媽：``, ``小芃妈妈 09:40``): the finding takes
  the kin word in, so the handle is gone whichever way a reader draws the name's edge;
- a tradesman saved by his name and his trade (``Rocky 裝修:``): the name is a person's,
  though the trade alone makes a sender a shop;
- a nickname right before the name it stands for in brackets (``細B（吳子斌）``), not a kin
  word (``表妹（陳小美）``) or a label (``聯絡人（陳大文）``);
- a mobile right before the next message's date (``159-6803-4417 2024-05-08 14:10``).
"""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered, untouched

PARENTS = "阿欣媽媽：各位，今日開始派表\nKelly Fung：有\n阿欣媽媽：嘩好快！\n"
TRADESMAN = (
    "3/10/24, 10:14 - Rocky 裝修: Hi 司徒生 早晨, 報價我整好咗\n"
    "3/10/24, 10:20 - 司徒生: ok\n"
    "3/10/24, 10:33 - Rocky 裝修: 冇問題\n"
)


@pytest.mark.parametrize("at", [0, PARENTS.index("阿欣媽媽", 5)])
def test_a_parent_called_by_her_childs_name_is_covered_with_the_kin_word(redactor: Redactor, at: int) -> None:
    assert covered(redactor, PARENTS, "阿欣媽媽", entity="PERSON", at=at)


def test_a_parents_handle_in_simplified_script(redactor: Redactor) -> None:
    text = "小芃妈妈 09:40\n请问有没有人拿错快递\n门岗-老韦 09:52\n在门岗\n小芃妈妈 09:53\n谢谢"
    assert covered(redactor, text, "小芃妈妈", entity="PERSON")


@pytest.mark.parametrize("at", [TRADESMAN.index("Rocky"), TRADESMAN.rindex("Rocky")])
def test_a_tradesman_saved_by_name_and_trade_is_a_person(redactor: Redactor, at: int) -> None:
    assert covered(redactor, TRADESMAN, "Rocky", entity="PERSON", at=at)
    assert untouched(redactor, TRADESMAN, "裝修")


@pytest.mark.parametrize(
    ("text", "nickname"),
    [
        ("細B（吳子斌）　美如樓9樓907室", "細B"),
        ("2328 5519 豬仔（周子軒）代佢阿嫲領", "豬仔"),
        ("BB (Chan Ka Ho) is absent", "BB"),
    ],
)
def test_a_nickname_before_the_bracketed_name_is_a_person(redactor: Redactor, text: str, nickname: str) -> None:
    assert covered(redactor, text, nickname, entity="PERSON")


@pytest.mark.parametrize(("text", "word"), [("表妹（陳小美）會來", "表妹"), ("聯絡人（陳大文）", "聯絡人")])
def test_a_kin_word_or_a_label_before_a_bracketed_name_is_not(redactor: Redactor, text: str, word: str) -> None:
    assert untouched(redactor, text, word)


def test_a_mobile_before_the_next_messages_date_is_a_phone(redactor: Redactor) -> None:
    text = "买家：不过电话换了，现在用 159-6803-4417 2024-05-08 14:10 客服小优：好的"
    assert covered(redactor, text, "159-6803-4417", entity="PHONE_NUMBER")
