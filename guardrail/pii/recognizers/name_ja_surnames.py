"""Japanese surnames with a title, in Chinese text (山本先生您好, 田中さん, 佐藤小姐).

Hong Kong and mainland offices write to Japanese partners, agents and hotels in Chinese
and address them by surname and title. A Japanese surname is two kanji that are not a
Chinese surname followed by a given name, so the Chinese name finders (which start from a
Chinese surname) pass over it. The common surnames are listed here; one counts with a title
right after it, where a person is certain, or with a given name of one or two kanji and
nothing else between two stops (（佐藤健一）, a pick-up list's 妈妈 佐藤由纪 185...).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrail.pii.recognizers.name_lexicon import HAN, zh_place_overlaps
from guardrail.pii.recognizers.name_spans import HAN_CHAR
from guardrail.text.start_gate import gate

# The most common Japanese surnames of two or three kanji (with the simplified and
# traditional forms Chinese text may give them: 渡辺/渡邊, 斉藤/齋藤).
_SURNAMES = frozenset(
    """
    佐藤 鈴木 铃木 高橋 高桥 田中 伊藤 渡辺 渡邊 渡边 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本
    井上 木村 清水 山崎 池田 橋本 桥本 阿部 石川 山下 中島 中岛 石井 小川 前田 岡田 冈田 長谷川 长谷川
    藤田 後藤 后藤 近藤 村上 遠藤 远藤 青木 坂本 斉藤 齋藤 斋藤 福田 太田 西村 藤井 岡本 冈本 藤原
    中野 三浦 原田 中川 松田 竹内 小野 田村 和田 石田 森田 上田 内田 柴田 酒井 宮崎 宫崎 横山 高木
    安藤 宮本 宫本 大野 小島 小岛 工藤 谷口 今井 高田 丸山 増田 增田 杉山 村田 大塚 新井 小山 平野
    藤本 河野 上野 野口 武田 松井 千葉 千叶 岩崎 菅原 木下 久保 佐野 野村 松尾 市川 菊地 杉本 古川
    大西 島田 岛田 水野 桜井 櫻井 樱井 高野 吉川 山内 西田 飯田 饭田 菊池 西川 小松 北村 安田 五十嵐
    五十岚 川口 平田 久保田 服部 岩田 土屋 川崎 福島 福岛 本田 樋口 秋山 田口 永井 中西 吉村 川上
    石原 大橋 大桥 松岡 松冈 馬場 马场 浅野 荒木 大久保 野田 小沢 小泽 田辺 田边 川村 星野 黒田 黑田
    尾崎 望月 永田 熊谷 内藤 松村 西山 大谷 平井 桑原 竹田 岩本 松下 宇野 北川 大石 小池 吉岡 吉冈
    """.split()
)
_TITLES = "先生|小姐|女士|桑|さん|様|样|樣|君|社長|社长|部長|部长|課長|课长|教授|醫生|医生|老師|老师"
_TITLE = re.compile(_TITLES)


def japanese_titled(text: str) -> Iterator[tuple[int, int, float]]:
    """Spans of a Japanese surname (and a given name after it) right before a title."""
    for title in _TITLE.finditer(text):
        end = title.start()
        for surname_length in (3, 2):  # 長谷川先生, 山本先生
            if end >= surname_length and text[end - surname_length : end] in _SURNAMES:
                yield end - surname_length, end, 0.75
                break
        else:
            # a given name may stand between: 佐藤健太先生, 山本一郎様
            for given in (2, 1):
                for surname_length in (3, 2):
                    start = end - given - surname_length
                    surname = text[start : start + surname_length] if start >= 0 else ""
                    if surname in _SURNAMES and re.fullmatch(f"[{HAN}]+", text[start:end]):
                        yield start, end, 0.7
                        break
                else:
                    continue
                break


# A surname and a given name of one or two kanji standing alone between stops, or after
# the word for who they are: （佐藤健一）, 妈妈 佐藤由纪 185..., 爸爸 佐藤 隆（...
_LONGEST_FIRST = "|".join(sorted(_SURNAMES, key=len, reverse=True))
_FULL_NAME = gate(
    re.compile(rf"(?P<name>(?:{_LONGEST_FIRST})[ \u3000]?[{HAN}]{{1,2}})(?=[（(，,。、；;：:）) \t\n]|$)")
)
_WORD_BEFORE = ("妈妈", "媽媽", "爸爸", "本人", "家长", "家長", "妻子", "丈夫", "太太", "先生")
# What ends a place's or a firm's name, not a given name: 上野公园, 中村小学, 福田口岸.
_NOT_GIVEN = frozenset("公园園學学校站店區区路街道灣湾岸口港關关町駅市縣县村寺社院館馆屋橋桥堂廳厅场場城山川")


def japanese_full_names(text: str) -> Iterator[tuple[int, int, float]]:
    """Spans of a Japanese surname and given name standing on their own in Chinese text."""
    for match in _FULL_NAME.finditer(text):
        start = match.start()
        if start and HAN_CHAR.match(text, start - 1) and not text.endswith(_WORD_BEFORE, 0, start):
            continue  # inside a run of Chinese: only after the word for who they are
        if any(char in _NOT_GIVEN for char in match["name"][-2:]) or zh_place_overlaps(text, *match.span("name")):
            continue
        yield *match.span("name"), 0.7


FINDERS = (japanese_titled, japanese_full_names)
