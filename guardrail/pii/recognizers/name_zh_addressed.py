"""A full Chinese name right after a verb that addresses somebody: ``提醒了仝赟，``,
``和郜堃同一天``, ``通知昝一喆改约``.

Work chats and notes name colleagues after the verb that reaches them (remind, tell,
contact, ask, chase, copy to, go with); there a surname and one or two given characters
are a person even when both are rare (仝赟, 郜堃), which the running-text finders, wary of
rare characters inside words, leave alone. The name must end where the clause does (a
stop, a particle, or a verb that follows a person) and not be an ordinary word that
starts with a surname's character (方式, 黃金): its given characters must all be ones
names use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrail.pii.recognizers.name_lexicon import (
    HAN,
    ZH_GIVEN,
    both_scripts,
    longest_first,
    zh_name_shape,
    zh_place_overlaps,
    zh_surname_length,
)
from guardrail.pii.recognizers.names import WORDS_NOT_NAMES

# Verbs that reach a person: remind, notify, contact, chase, tell, ask, find, copy to,
# go or meet with.
_VERBS = longest_first(
    both_scripts(
        (
            *("提醒", "通知", "聯繫", "聯絡", "聯系", "催", "告訴", "轉告", "問", "找", "抄送", "麻煩", "陪"),
            *("約", "和", "與", "跟", "同", "讓", "幫", "給", "叫", "請", "交給", "轉給", "發給", "打給", "call"),
        )
    )
)
# A title after the name says who the person is (和蒯恩典姊妹一同家訪): then the given
# characters may be words as well (恩典, grace).
_TITLES = tuple(both_scripts(("姊妹", "弟兄", "先生", "小姐", "女士", "太太", "伯母", "醫生", "姑娘")))
# What follows a name where its clause goes on: a stop, a particle, or a verb a person does.
_FOLLOW = longest_first(
    both_scripts(
        (
            *("說", "講", "話", "的", "嘅", "同一", "一起", "改", "來", "去", "在", "也", "都", "已", "要", "會"),
            *("簽", "確認", "負責", "拿", "取", "交", "回覆", "回复", "幫", "先", "再", "今", "明", "昨", "了"),
            *_TITLES,
        )
    )
)
_ADDRESSED = re.compile(
    rf"(?:{'|'.join(_VERBS)})(?:了|一下|下)?[ \t]?(?P<name>[{HAN}]{{2,4}}?)"
    rf"(?=[，。！？；、,.!?;:：\s)）]|$|{'|'.join(_FOLLOW)})"
)


def addressed_names(text: str) -> Iterator[tuple[int, int, float]]:
    """Spans of full names right after a verb that addresses a person."""
    for match in _ADDRESSED.finditer(text):
        name = match["name"]
        if name in WORDS_NOT_NAMES or not zh_surname_length(name, rare=True):
            continue
        if not zh_name_shape(name, rare=True) or zh_place_overlaps(text, *match.span("name")):
            continue
        titled = text.startswith(_TITLES, match.end("name"))
        if not titled and not all(ch in ZH_GIVEN for ch in name[zh_surname_length(name, rare=True) :]):
            continue  # 保姆, 查收, 水樽: a word, its second character no given name's
        yield *match.span("name"), 0.6


FINDERS = (addressed_names,)
