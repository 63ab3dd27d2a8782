"""Given names and nicknames in the places where Cantonese and Mandarin chats call somebody.

A chat names people by what their friends call them (``明仔``, ``思彤``, ``阿花``,
``肥仔Ken``), not by their full names, and only a few places make such a word a name
rather than a word of the message:

- the name a sentence says somebody is called: ``街坊叫佢明仔，``;
- thanks to somebody, the name closing the thanks: ``唔該晒明仔🙏``, ``多謝嘉欣！``;
- a message that opens by calling out to somebody: ``阿Wing: 思彤！恭喜晒``;
- the nickname before a bracket that gives the full name: ``阿花（即 植詠花）``;
- a Cantonese nickname word before an English given name: ``肥仔Ken``, ``大隻Tom``;
- anywhere, a name's character with a kin word, as neighbours are called: ``德哥``, ``源叔``.

The word must be shaped like a given name or a nickname (see :mod:`name_zh_given`,
:mod:`name_cues`) and end where the clause does; ordinary words of those shapes and the
forms of address anyone is called (``靚女``, ``帥哥``) stay out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrail.pii.recognizers.name_cues import nickname_shaped
from guardrail.pii.recognizers.name_lexicon import (
    GIVEN,
    HAN,
    ZH_GIVEN,
    ZH_NOT_IN_NAME,
    ZH_RARE_SURNAMES,
    ZH_SURNAMES,
    both_scripts,
    both_scripts_chars,
    is_given,
    is_place,
    longest_first,
    never_a_name,
    zh_place_overlaps,
)
from guardrail.pii.recognizers.name_zh_finders import ChineseNameFinders
from guardrail.pii.recognizers.name_zh_given import ORDINARY_WORDS, before_shop_word, doubled_pet_name, given_shape

Found = Iterator[tuple[int, int, float]]

# What anyone may be called by a stranger: not a name.
_FORMS_OF_ADDRESS = both_scripts(
    (
        "美女",
        "帥哥",
        "靚女",
        "靚仔",
        "老細",
        "老闆",
        "師傅",
        "大佬",
        "細佬",
        "阿姐",
        "阿哥",
        "親愛",
        "寶貝",
        "肥仔",
        "肥妹",
    )
)


def _called(word: str, *, alias: bool = False) -> bool:
    """A given name used alone (``思彤``) or a nickname (``明仔``, ``阿花``), and no word;
    before a bracket giving the full name (``alias``), 阿 or 小 with any character that is
    no grammar word."""
    if word in ORDINARY_WORDS or word in _FORMS_OF_ADDRESS:
        return False
    if word[0] in "阿小" and (word[1] in ZH_GIVEN or (alias and word[1] not in ZH_NOT_IN_NAME)):
        return True  # 小敏, 阿花
    return given_shape(word) or nickname_shaped(word)


# The clause ends after the name: punctuation, an emoji, a space, a line's end.
_END = f"(?=[^{HAN}A-Za-z0-9]|$)"
_CALLED = re.compile(
    "(?:"
    + "|".join(longest_first(both_scripts(("叫佢", "叫我", "叫做", "叫佢做", "叫他", "叫她", "喚作", "人稱"))))
    + ")"
    # (the name may stand in quotes: 街坊都叫他「坤叔」)
    f'[ \t]?[「『“"]?(?P<name>[{HAN}]{{2}}){_END}'
)
_THANKS = re.compile(
    "(?:"
    + "|".join(longest_first(both_scripts(("唔該晒", "唔該", "多謝晒", "多謝", "謝謝", "感謝", "辛苦晒", "辛苦"))))
    + ")"
    f"[ \t]?(?P<name>[{HAN}]{{2}}){_END}"
)
# A chat line's speaker, a colon, and a given name called out (思彤！, 嘉欣～).
_CALL_OUT = re.compile(
    f"(?m)^(?:\\[[^\\]\\n]{{1,30}}\\][ \t]*)?[^\\n:：\\[\\]]{{1,30}}[:：][ \t]*(?P<name>[{HAN}]{{2}})(?=[ \t]?[！!～~])"
)
# A nickname before a bracket naming the same person in full: 阿花（即 植詠花）.
_ALIAS = re.compile(f"(?<![{HAN}])(?P<name>[{HAN}]{{2}})[ \t]?[（(][ \t]?即")
# A Cantonese nickname word stuck to an English given name: 肥仔Ken; 阿 anywhere (由阿Jim代).
_NICK_LATIN = re.compile(
    "(?P<name>(?:(?<!["
    + HAN
    + "])(?:"
    + "|".join(longest_first(both_scripts(("肥仔", "肥妹", "靚仔", "靚女", "大隻", "細路", "細", "大", "老"))))
    # (normalising puts a space between the Chinese and the Latin letters)
    + ")|阿)[ \t]?(?P<latin>[A-Z][a-z]{1,11}))(?![A-Za-z])"
)

# An English name one gives oneself or greets someone by in a Chinese message: 我係Ramona，
# 佢叫 Rainbow。, Peggy 你好: after 我係 any capitalised word (no ordinary one) is what one is called
# when the clause ends after it (not 我係Apple用戶); before 你好 a given name.
_SELF_LATIN = re.compile(
    "(?:"
    + "|".join(longest_first(both_scripts(("我係", "我是", "我叫", "叫我", "佢叫", "佢係", "我個名係", "我英文名係"))))
    + r")[ \t]?(?P<name>[A-Z][a-z]{1,11})(?=[ \t]*(?:[，,。.!！?？(（~～]|$))"
    + r"|(?:^|(?<=[\s，,。]))(?P<greeted>[A-Z][a-z]{2,11})[ \t]?(?="
    + "|".join(both_scripts(("你好", "您好", "早晨", "早安")))
    + ")",
    re.MULTILINE,
)

# A relative's given name right after the word for them (表哥志明留言, 家姐美玲話), and a
# given name one talks to or with (同秀芳講咗, 問家明): two characters a given name is made of
# and no everyday word (弟弟文明有禮 stays a compliment).
_KIN_GIVEN = re.compile(
    "(?:"
    + "|".join(
        longest_first(
            both_scripts(
                tuple(
                    "表哥 表姐 表弟 表妹 堂哥 堂姐 堂弟 堂妹 哥哥 姐姐 弟弟 妹妹 家姐 細佬 細妹 阿哥 老公 老婆 個仔 個女 外甥 姪女 姪仔".split()
                )
            )
        )
    )
    + f")(?P<name>[{HAN}]{{2}})"
)
# A given name called along or brought (叫上建国一起, 叫埋志明, 帶埋嘉欣去): two characters a
# given name is made of, before 一起 or a clause's end.
_BROUGHT = re.compile(
    "(?:"
    + "|".join(longest_first(both_scripts(("叫上", "叫埋", "約埋", "约上", "帶埋", "带上", "帶上"))))
    + f")(?P<name>[{HAN}]{{2}})(?=一起|一齊|一齐|去|[，,。！!？?）)]|$)"
)
_TOLD = re.compile(
    f"(?:同|跟|問|问)(?P<name>[{HAN}]{{2}})"
    + "(?="
    + "|".join(longest_first(both_scripts(("講", "說", "話", "傾", "商量", "確認", "交代", "提過", "約"))))
    + ")"
)

# A doubled pet name where a person stands (婷婷啊，; 让朵朵坐前排; ，欢欢提醒我): after a verb
# that hands something to someone, or opening a clause before a call, a pronoun or a verb
# of telling.
_PET_PLACED = re.compile(
    f"(?:(?P<verb>[讓让叫跟同給给帶带接送問问搵找陪幫帮等])|(?:^|(?<=[\\s，,。！!？?：:、])))"
    f"(?P<name>(?P<char>[{HAN}])(?P=char))",
    re.MULTILINE,
)
# 小/老 + a character, or a character + 仔, handed something or asked for (请小覃到场,
# 让小刚他奶奶送, 联系了工程部的老邝修, 通知强仔): a nickname where a person stands; not an
# everyday word of the same shape (请小心, 让小朋友, 叫小巴, 问老板).
_NICK_HANDED = re.compile(
    "(?:"
    + "|".join(
        longest_first(
            both_scripts(
                (
                    "請",
                    "让",
                    "讓",
                    "叫",
                    "通知",
                    "聯絡",
                    "联系了",
                    "聯絡咗",
                    "联系",
                    "找",
                    "搵",
                    "問",
                    "问",
                    "同",
                    "跟",
                    "和",
                    "給",
                    "给",
                    "俾",
                    "畀",
                    "幫",
                    "帮",
                    "等",
                    "的",
                )
            )
        )
    )
    + f")(?P<name>[小老][{HAN}]|[{HAN}]仔)"
)
_NOT_NICKNAMES = frozenset(
    both_scripts(
        tuple(
            "小心 小孩 小朋友 小組 小學 小巴 小區 小店 小吃 小時 小姐 小說 小費 小狗 小貓 小票 小號 小便 小事 "
            "小屋 小型 小麥 小菜 小食 小數 小額 小測 小息 小丑 小偷 小童 小量 小部 小輪 小販 小姑 小叔 小弟 "
            "小妹 小兒 小孫 小伙 小夥 小將 小鳥 小雞 小豬 小魚 小花 小草 小山 小河 小路 小街 小巷 小鎮 小村 "
            "小房 小床 小車 小盒 小包 小袋 小瓶 小杯 小碗 小刀 小心翼 小聲 小氣 小看 小試 小睡 小住 小坐 "
            "老人 老師 老闆 老公 老婆 老家 老豆 老竇 老母 老爸 老媽 老友 老鼠 老虎 老街 老屋 老年 老實 老化 "
            "老本 老套 老早 老細 老爺 老婦 老伯 老總 老大 老二 老三 老么 老外 老鄉 老樣 老舊 老式 老字 老牌 "
            "老地 老闆娘 老同 老師傅 "
            "公仔 車仔 豬仔 狗仔 貓仔 雞仔 牛仔 手仔 細仔 個仔 兩仔 後生仔 打工仔 學生仔 "
            "差仔 鬼仔 肥仔 靚仔 BB仔 尾仔 孫仔 外甥仔".split()
        )
    )
)
# What a nickname of these shapes is made of: a surname, a given name's character, or a
# build (小胖, 大壯).
_NICK_CORE = ZH_SURNAMES | ZH_RARE_SURNAMES | ZH_GIVEN | frozenset(both_scripts_chars("胖壯瘦肥黑高"))
# A thing named by 小 + a colour or a name's character: 小黃車, 小黃鴨, 小白兔.
_THING_AFTER = frozenset(both_scripts_chars("車鴨狗貓豬雞魚兔鳥花燈杯碗包盒瓶袋帽衫褲鞋裙傘球船熊象馬牛羊"))
_PET_AFTER = re.compile("啊|呀|你|妳|佢|提醒|說|说|話|话|講|讲|問|问|要|會|会|都|也|就|坐|去|來|来")

# A given name's character or a surname with a kin word, as neighbours and colleagues are
# called anywhere in a message (德哥, 源叔, 芳姐, 戚伯, 寶姨); not a longer word's start (溫哥華,
# 車姐姐), nor a kin word after a word that makes it a relative or a trade (表哥, 月嫂, 空姐).
# (伯爵 is a count: 仁伯爵綜合醫院 is a hospital)
# (姨 too, as the estate calls its aunties: 寶姨, 芬姨; not 姨丈, 姨媽, 姨甥, 姨姨)
_KIN_NICKNAME = re.compile(f"(?P<name>[{HAN}][哥姐叔伯嬸婶嫂姨])(?![華华姐哥妹嫂爵姨丈媽妈甥])")
_NOT_BEFORE_KIN = frozenset("月儿兒小有宗大二三四五六七八九十細细老表堂世師师帥帅靚靓家亞亚契舅姑姨阿空的")

_AH_TITLES = frozenset({"sir", "madam", "miss", "boss", "team", "mum", "ma", "pa"})
# An English given name before a Chinese title or kin word: Winter老師, Candy姐, Kelvin哥.
_LATIN_TITLED = re.compile(
    r"(?<![A-Za-z])(?P<name>[A-Z][a-z]{1,11})[ \t]?(?="
    + "|".join(
        longest_first(
            both_scripts(("老師", "姐姐", "姐", "哥哥", "哥", "先生", "小姐", "太太", "醫生", "教練", "姑娘"))
        )
    )
    + ")"
)

# An English given name right after the word for a relative or a partner: 佢同阿媽May行樓梯,
# 我老公Ken, 佢男朋友Jason. The kin word says a person; the name must be a given name's.
_KIN_LATIN = re.compile(
    "(?:"
    + "|".join(
        longest_first(
            both_scripts(
                (
                    "阿媽",
                    "媽媽",
                    "媽咪",
                    "阿爸",
                    "爸爸",
                    "爹哋",
                    "老公",
                    "老婆",
                    "男朋友",
                    "女朋友",
                    "家姐",
                    "細佬",
                    "個仔",
                    "個女",
                    "太太",
                    "先生",
                )
            )
        )
    )
    + r")[ \t]?(?P<name>[A-Z][a-z]{1,11})(?![A-Za-z])"
)

# Whether Latin letters touch Chinese at all, before the patterns that need them do.
_LATIN_BEFORE_HAN = re.compile(f"[a-z][ \t]?[{HAN}]")
_HAN_BEFORE_LATIN = re.compile(f"[{HAN}][ \t]?[A-Z][a-z]")


def called_names(text: str) -> Found:
    """The names of the places above, with a score each."""
    for pattern in (_CALLED, _THANKS, _CALL_OUT, _ALIAS):
        for match in pattern.finditer(text):
            start, end = match.span("name")
            if _called(match["name"], alias=pattern is _ALIAS) and not zh_place_overlaps(text, start, end):
                yield start, end, 0.6
    for pattern in (_KIN_GIVEN, _TOLD, _BROUGHT):
        for match in pattern.finditer(text):
            word = match["name"]
            start, end = match.span("name")
            if word not in ORDINARY_WORDS and given_shape(word) and not zh_place_overlaps(text, start, end):
                yield start, end, 0.6
    for match in _NICK_HANDED.finditer(text):
        word, (start, end) = match["name"], match.span("name")
        core = word[1] if word[0] in "小老" else word[0]
        after = text[end : end + 1]
        if core not in _NICK_CORE or after in _THING_AFTER or {word, word + after} & _NOT_NICKNAMES:
            continue  # 小助手, 老领导, 佢仔 (his son), 小黃鴨 (a toy), 小朋友: no name in them
        if not zh_place_overlaps(text, start, end) and not before_shop_word(text, end):
            yield start, end, 0.6
    for match in _PET_PLACED.finditer(text):
        placed = match["verb"] or _PET_AFTER.match(text, match.end())
        if placed and doubled_pet_name(match["name"]) and not before_shop_word(text, match.end()):
            yield *match.span("name"), 0.6
    for match in _KIN_NICKNAME.finditer(text):
        word = match["name"]
        if word[0] not in _NOT_BEFORE_KIN and word not in _FORMS_OF_ADDRESS and nickname_shaped(word):
            start, end = match.span()
            if start > 0 and given_shape(text[start - 1 : start + 1]):
                start -= 1  # the whole given name: 伟杰哥, 丽萍姐
            if not zh_place_overlaps(text, start, end):
                yield start, end, 0.6
    latin_before_han = _LATIN_BEFORE_HAN.search(text) is not None
    han_before_latin = _HAN_BEFORE_LATIN.search(text) is not None
    if latin_before_han:
        for match in _LATIN_TITLED.finditer(text):
            if is_given(match["name"], in_position=True) and not never_a_name(match["name"]):
                yield *match.span("name"), 0.6
    if latin_before_han or han_before_latin:
        for match in _SELF_LATIN.finditer(text):
            group = "name" if match["name"] else "greeted"
            word = match[group]
            # (a word greeted must be a given name: Morning 早晨 is a greeting twice over)
            known = group == "name" or is_given(word, in_position=True)
            if known and not never_a_name(word) and not is_place(word) and word.lower() not in _AH_TITLES:
                yield *match.span(group), 0.6
    if han_before_latin:
        for match in _KIN_LATIN.finditer(text):
            word = match["name"]
            if is_given(word, in_position=True) and not is_place(word) and word.lower() not in _AH_TITLES:
                yield *match.span("name"), 0.6
        for match in _NICK_LATIN.finditer(text):
            latin = match["latin"]
            # After 阿 a capitalised word is what friends call someone (阿Jim, 阿Jo, and 阿Mon,
            # though Mon alone is a weekday) unless it is how anyone addresses a policeman, a
            # teacher or a boss.
            ah = match["name"].startswith("阿") and latin.lower() not in _AH_TITLES
            if ah or latin.lower() in GIVEN or is_given(latin, in_position=True):
                yield *match.span("name"), 0.6


class CalledChineseNameRecognizer(ChineseNameFinders):
    """Given names and nicknames where a chat calls, thanks or names somebody."""

    recognizer_name = "HkCalledChineseNameRecognizer"
    finders = (called_names,)
