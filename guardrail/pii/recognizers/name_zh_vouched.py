"""Chinese full names with rarer given characters, where the words around vouch for a person.

The general Chinese finders accept a given name only from a list of common given-name
characters: that keeps words made of a surname's character (``成績``, ``高興``) out of
running text, but misses older, rural and mainland names (``黃亞嬌``, ``成觀福``,
``麥文彪``, ``程晓鸥``). Here any character that is no grammar word, numeral or title may
be a given name, but only in places that leave no doubt that a person stands there:

- before a form of address or a kin title: ``黃亞嬌婆婆``, ``侯天送 先生``;
- after a relative's or a role's word, set off by a space: ``由姪女 成淑嫺 轉達``,
  ``已故持牌人 岑福 之長女``, ``新郎 赖子昂 &``; after what says a real name or a child:
  ``真名係羅詠檬``, ``孩子何子墨，``;
- standing alone right before a phone number: ``陪同 戚偉倫 9618 2475``;
- before a bracket that says who the person is: ``麥文彪（丈夫，62）``, ``程晓鸥业主``;
- as the value of a name label, letter-spaced as scanned forms are or not:
  ``姓 名 : 禤 鳳 琼``, ``姓名 Name：歐陽 靖``, ``家 屬 : 女 兒 冼 美 娟``;
- in a table's name column, pipe- or tab-separated: ``| 1 | 施能达 | 团长 |``;
- right after the same person's romanised name: ``CHOW Ka Leung 周家良``,
  ``Ethan Szeto（司徒以諾``;
- quoted as a misspelling of a name beside it: ``陳淑芳 唔係「陳淑方」``.

A place or brand of the gazetteer, and the ordinary words of :mod:`name_zh_given`, stay out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrail.pii.recognizers.name_lexicon import (
    HAN,
    SURNAMES,
    ZH_GIVEN,
    ZH_NOT_IN_NAME,
    both_scripts,
    both_scripts_chars,
    longest_first,
    zh_place_overlaps,
    zh_surname_length,
)
from guardrail.pii.recognizers.name_spans import HAN_CHAR
from guardrail.pii.recognizers.name_zh_finders import ChineseNameFinders
from guardrail.pii.recognizers.name_zh_given import ORDINARY_WORDS

Found = Iterator[tuple[int, int, float]]

# Never a given name's character: numerals, titles and kin words, units and places, and
# the commonest grammar words.
_NEVER_GIVEN = both_scripts_chars(
    "二三四五六七八九十百千萬零兩〇生太姐婆嫂嫲爺爸媽父母兒孫歲年月日時分元蚊位次件張份"
    "先小老阿某該本貴這那呢嗰每各全另諸等及即係冇唔咗嘅喺佢哋啲咁乜嘢不沒很都也還才又再已經將把被讓給跟同和與但而且如若因所"
    "的了是在我你他她們有就要會說話到去來"
    "上下左右前後裡內外樓室座層街道路村邨區市省縣鎮州港島灣園苑閣廈場城站院校館局署處部科房號"
)
# In running text, also the characters the general finders keep out of names (能, 以, 其).
_NOT_GIVEN = ZH_NOT_IN_NAME | _NEVER_GIVEN
# What a name is never made of, though its characters pass: 全體, 有位, 李先.
_NOT_NAMES = ORDINARY_WORDS | both_scripts(("全體", "全部", "全校", "全班", "全家", "上述", "伍拾"))
# A form of address or a kin title after a full name.
_TITLES = longest_first(
    both_scripts(
        (
            "先生",
            "女士",
            "小姐",
            "太太",
            "婆婆",
            "伯伯",
            "公公",
            "爺爺",
            "嫲嫲",
            "奶奶",
            "姑娘",
            "老師",
            "醫生",
            "校長",
            "同學",
            "叔叔",
            "姨姨",
            "師傅",
            "牧師",
            "律師",
            "議員",
            "姊妹",
            "弟兄",
            "伯母",
            "傳道",
            "執事",
            "長老",
            "護士",
            "醫師",
            "治療師",
            "主任",
            "業主",
            "老闆",
        )
    )
)
# A relative's or a role's word before a name set off by a space or a colon.
_BEFORE = longest_first(
    both_scripts(
        (
            "父親",
            "母親",
            "我媽",
            "我爸",
            "阿媽",
            "阿爸",
            "祖父",
            "祖母",
            "外祖父",
            "外祖母",
            "丈夫",
            "妻子",
            "太太",
            "老公",
            "老婆",
            "女兒",
            "兒子",
            "姪女",
            "姪兒",
            "侄女",
            "侄子",
            "外甥",
            "外甥女",
            "孫女",
            "孫子",
            "孫仔",
            "哥哥",
            "弟弟",
            "姐姐",
            "妹妹",
            "家姐",
            "細佬",
            "新郎",
            "新娘",
            "先父",
            "先母",
            "亡夫",
            "亡妻",
            "持牌人",
            "聯絡人",
            "監護人",
            "申請人",
            "負責人",
            "經辦人",
            "收件人",
            "收貨人",
            "寄件人",
            "業主",
            "租客",
            "住客",
            "病人",
            "患者",
            "案主",
            "事主",
            "家屬",
            "家長",
            "學生",
            "社工",
            "陪同",
            "住戶",
            "受讓人",
            "轉讓人",
            "爸爸",
            "媽媽",
            "阿爸",
            "阿媽",
            "爺爺",
            "嫲嫲",
            "外公",
            "外婆",
            "舅父",
            "姑媽",
            "姨媽",
            "表哥",
            "表姐",
            "同事",
            "朋友",
            "鄰居",
            "房東",
            "老闆",
            "司機",
            "老師",
            "班主任",
            "叫",
            "名叫",
            "叫做",
            "即",
        )
    )
)
# Who a bracket after a name says the person is: 麥文彪（丈夫，62）.
_BRACKET_WHO = longest_first(
    both_scripts(
        (
            "丈夫",
            "妻子",
            "太太",
            "先生",
            "父親",
            "母親",
            "兒子",
            "女兒",
            "長子",
            "長女",
            "次子",
            "次女",
            "孫",
            "祖父",
            "祖母",
            "兄",
            "弟",
            "姊",
            "姐",
            "妹",
            "業主",
            "租客",
            "申請人",
            "戶主",
            "本人",
            "配偶",
            "男",
            "女",
        )
    )
)
# Labels whose value is a person's name (letter-spaced on scanned forms).
_LABELS = longest_first(
    both_scripts(
        (
            "姓名",
            "中文姓名",
            "名字",
            "家屬",
            "聯絡人",
            "緊急聯絡人",
            "申請人",
            "病人",
            "患者",
            "戶主",
            "收件人",
            "投訴人",
            "受保人",
            "投保人",
            "被保險人",
            "借款人",
            "委託人",
            "簽署人",
            "經手人",
            "證人",
            "死者",
            "傷者",
            "租客",
            "業主",
        )
    )
)
# Field words that may follow a name on a squeezed form line: 冼美娟電話.
_FIELD_AFTER = longest_first(
    both_scripts(("電話", "手機", "身份證", "性別", "年齡", "出生", "地址", "住址", "關係", "職業", "簽名"))
)
# Table headers of a column of people's names.
_NAME_HEADERS = both_scripts(
    (
        "姓名",
        "名字",
        "中文姓名",
        "住戶",
        "戶主",
        "會員",
        "成員",
        "收件人",
        "聯絡人",
        "家長",
        "學生",
        "病人",
        "業主",
        "租客",
        "簽收人",
        "領取人",
        "申請人",
        "賓客",
        "來賓",
        "受助人",
        "借款人",
        "持有人",
        "負責人",
        "員工",
        "職員",
        "乘客",
        "住客",
        "客戶",
        "收款人",
        "捐款人",
        "參加者",
        "出席者",
        "證人",
        "死者",
        # the people a care home, a centre, an agency or a firm lists
        "長者",
        "院友",
        "學員",
        "組員",
        "義工",
        "工人",
        "僱員",
        "家傭",
        "外傭",
        "照顧者",
        "監護人",
        "受保人",
        "投保人",
        "應徵者",
        "候選人",
        "客人",
        "顧客",
        "寄件人",
        "收貨人",
        "經手人",
        "跟進人",
        "老師",
        "導師",
        "教練",
        "司機",
    )
)
_NAME_HEADER_LATIN = re.compile(r"(?i)(?:full[ _]?|chinese[ _]?)?name|名")


def _names_column(header: str) -> bool:
    """A header of people's names, in Chinese, English or both (``姓名 Name``)."""
    chinese = re.sub(r"[ \t]*[A-Za-z][A-Za-z _()]*$", "", header)
    return chinese in _NAME_HEADERS or bool(_NAME_HEADER_LATIN.fullmatch(header))


_BOUNDARY_AFTER = "之嘅的轉同和及與話說"
_SQUEEZE = re.compile(f"(?<=[{HAN}])[ \t](?=[{HAN}])")


def _surname(word: str) -> int:
    return zh_surname_length(word, rare=True)


def name_shaped(word: str, *, loose: bool = False) -> bool:
    """A surname and one or two characters that may be given names: ``成觀福``, ``歐陽靖``;
    ``loose`` where only a name can stand (a name column, a name label), so ``施能达``
    and ``司徒以諾`` pass though 能 and 以 are grammar words in running text."""
    surname = _surname(word)
    given = word[surname:]
    if not surname or not 1 <= len(given) <= 2 or word in _NOT_NAMES or word[:2] in _NOT_NAMES:
        return False
    if not loose and len(given) == 1 and given not in ZH_GIVEN:
        return False  # 成績, 高級: two characters are a word unless the second is a given name's
    stop = _NEVER_GIVEN if loose else _NOT_GIVEN
    return all(HAN_CHAR.match(ch) and ch not in stop for ch in given)


def _longest(text: str, start: int, end: int, *, loose: bool = False) -> tuple[int, int] | None:
    """``text[start:end]`` if it is a name and no place."""
    word = text[start:end]
    if name_shaped(word, loose=loose) and not zh_place_overlaps(text, start, end):
        return start, end
    return None


# 1. Before a title: the name runs back to a stop (no Chinese character before it).
# Not a firm named after its founder: 羅夏信律師行, 何耀棣律師事務所, 陳偉明醫生診所.
_FIRM_AFTER = "行|樓|楼|會|会|館|馆|公司|事務所|事务所|診所|诊所|辦|办|團|团|中心|集團|集团"
# (a bed's number may stand before a home's resident: 12床冼桂英婆婆, 隔籬床楊亞九伯伯)
_TITLE_AFTER = re.compile(
    f"(?:(?<![{HAN}])|(?<=床))(?P<name>[{HAN}]{{2,4}}?)[ \t]?(?:{'|'.join(_TITLES)})(?!{_FIRM_AFTER})"
)


# A department's doctor, nurse or therapist, named between the department and the title:
# 请呼吸科贲晓东医生电话指导, 康复科甘露治疗师.
_DEPARTMENT_NAME_TITLE = re.compile(
    f"(?<=[科部組组室])(?P<name>[{HAN}]{{2,3}}?)(?:{'|'.join(longest_first(both_scripts(('醫生', '醫師', '護士', '治療師', '主任', '護士長'))))})"
)


def before_titles(text: str) -> Found:
    """``黃亞嬌婆婆``, ``侯天送 先生``: a whole run of characters before a title."""
    for match in _TITLE_AFTER.finditer(text):
        if text[max(0, match.start() - 1) : match.start()] in ("「", "“", "『", "《", '"'):
            continue  # 「關心同學」計劃: a quoted scheme's name
        found = _longest(text, *match.span("name"))
        if found:
            yield *found, 0.7
    for match in _DEPARTMENT_NAME_TITLE.finditer(text):
        found = _longest(text, *match.span("name"), loose=True)
        if found:
            yield *found, 0.7


# 2. After a relative's or role's word and a space or colon, up to a stop.
_AFTER_WORD = re.compile(
    f"(?:{'|'.join(_BEFORE)})[ \t]*[:：]?[ \t]+(?P<name>[{HAN}]{{2,4}})(?=[^{HAN}]|[{_BOUNDARY_AFTER}]|$)"
)


# One's own name after 我叫 runs to the end of the clause: 我叫詹亞娣，住喺觀塘.
_MY_NAME = re.compile(
    f"(?:我|本人)(?:{'|'.join(both_scripts(('叫', '叫做', '名叫', '姓名係', '嘅名係', '的名字是')))})[ \t]?"
    f"(?P<name>[{HAN}]{{2,4}})(?=[，,。.！!；;（( \t\n]|$)"
)


# Speech names a relative right after "my grandson" with no space: 我個孫岑俊傑喺大陸出咗事,
# 佢個女冼詠詩俾錢. Three characters, a verb or particle after them.
_MY_RELATIVE = re.compile(
    f"(?:我|佢|你|我哋|佢哋|我的|他的|她的)(?:個|嘅|个)?"
    f"(?:{'|'.join(longest_first(both_scripts(('孫仔', '孫女', '外孫', '個孫', '孫', '仔', '女', '老公', '老婆', '新抱'))))})"
    f"(?P<name>[{HAN}]{{3}})(?=[喺係話同嘅俾去嚟入出，,。！!？?、 \t\n]|$)"
)


# What somebody is really called, and a child named in a report: 真名係羅詠檬, 孩子何子墨，.
_REAL_NAME = re.compile(
    f"(?:{'|'.join(longest_first(both_scripts(('真名', '本名', '全名', '原名', '中文名', '孩子', '兒子', '女兒', '小朋友', '住戶'))))})"
    f"(?:係|是|叫|為|[:：])?[ \t]?(?P<name>[{HAN}]{{2,4}}?)(?=[，,。.！!；;（( \t\n]|$|[和同及與与][{HAN}])"
)
# A letter signed off on a line of its own: 鄺亞娣 上, 陳大文 敬上.
_SIGNED_LETTER = re.compile(
    f"(?m)^[ \t\u3000]*(?P<name>[{HAN}]{{2,4}}?)[ \t\u3000]*(?:敬上|謹上|谨上|拜上|上)[ \t\u3000]*$"
)
# A name standing alone right before a phone number: 陪同 戚偉倫 9618 2475, 源叔 (6123 4567).
# A Hong Kong number (+852 optional) and a mainland mobile, as the two finders below see them ahead.
_HK_NUMBER = r"(?:\+?852[ \t-]?)?[2-9]\d{3}[ \t-]?\d{4}(?!\d)"
_MAINLAND_MOBILE = r"1[3-9]\d[ \t-]?\d{4}[ \t-]?\d{4}(?!\d)"
_BEFORE_PHONE = re.compile(
    f"(?<![{HAN}])(?P<name>[{HAN}]{{2,4}})[ \t]*[:：（(]?[ \t]*(?={_HK_NUMBER}|{_MAINLAND_MOBILE})"
)


# A relative's full name run straight on from the word for them, then their number or age:
# 他舅舅曾繁荣，152-8837-4410; 父亲王建国电话159...; 外公蒙德胜六十三岁. The number vouches
# for the name, so given characters that are a word as well (繁荣) pass.
_RELATIVE_THEN_PHONE = re.compile(
    f"(?:{'|'.join(longest_first(both_scripts(('舅舅', '姑姑', '叔叔', '伯伯', '姨姨', '舅父', '舅母', '姑丈', '姨丈', '爺爺', '奶奶', '外公', '外婆', '哥哥', '姐姐', '父親', '母親', '爸爸', '媽媽', '監護人', '聯絡人', '緊急聯絡人', '緊急聯繫人'))))})"
    f"[ \t]*[:：]?[ \t]*(?P<name>[{HAN}]{{2,4}}?)[ \t]*[，,]?[ \t]*"
    f"(?:{'|'.join(longest_first(both_scripts(('電話', '手機', '電話號碼', '手機號', '聯繫電話', '聯絡電話'))))})?[ \t]*[:：]?[ \t]*"
    rf"(?={_HK_NUMBER}|(?:\+?86[ \t-]?)?{_MAINLAND_MOBILE}"
    # or their age: 外公蒙德胜六十三岁
    r"|(?:\d{1,3}|[一二三四五六七八九十]{1,3})[ \t]?[歲岁])"
)


# Two full names of one family joined by "and" (蒙欣怡和蒙欣悦是一对双胞胎): the shared surname
# vouches for both where either alone could be a word.
_SIBLINGS = re.compile(
    f"(?<![{HAN}])(?P<first>[{HAN}]{{3}})(?:和|與|与|同|及|跟)(?P<second>[{HAN}]{{3}})(?=[是都一兩两，,。、])"
)


def _siblings(text: str) -> Found:
    for match in _SIBLINGS.finditer(text):
        first, second = match["first"], match["second"]
        if first[0] != second[0] or first == second:
            continue
        if all(name_shaped(name, loose=True) for name in (first, second)):
            yield *match.span("first"), 0.7
            yield *match.span("second"), 0.7


def _relative_then_phone(text: str) -> Found:
    for match in _RELATIVE_THEN_PHONE.finditer(text):
        if _longest(text, *match.span("name"), loose=True):
            yield *match.span("name"), 0.7


def after_relatives(text: str) -> Found:
    """``姪女 成淑嫺 轉達``, ``持牌人 岑福 之``: a name a space sets off after the word for its
    bearer; ``我叫詹亞娣，``: one's own name up to the end of the clause; ``我個孫岑俊傑喺``:
    a relative's full name right after "my grandson", before a verb; ``真名係羅詠檬``, ``孩子
    何子墨，``: what somebody is really called; ``陪同 戚偉倫 9618 2475``: a name before a
    phone number; ``鄺亞娣 上``: a letter's signature; ``舅舅曾繁荣，152...``, ``外公蒙德胜六十三岁``:
    a relative's name run on from the word for them, before their number or age;
    ``蒙欣怡和蒙欣悦``: two names of one surname joined by "and"."""
    for pattern in (_AFTER_WORD, _MY_NAME, _MY_RELATIVE, _REAL_NAME, _BEFORE_PHONE, _SIGNED_LETTER):
        for match in pattern.finditer(text):
            found = _longest(text, *match.span("name"))
            if found:
                yield *found, 0.7
    yield from _relative_then_phone(text)
    yield from _siblings(text)


# 3. Before a bracket saying who the person is, or before 业主 in brackets' place.
_BRACKET_AFTER = re.compile(
    f"(?<![{HAN}])(?P<name>[{HAN}]{{2,4}})[ \t]?[（(][ \t]?(?:(?:{'|'.join(_BRACKET_WHO)})(?=[^{HAN}]|[，,、0-9])"
    # or their age: 靳国庆（85岁，心衰）
    r"|\d{1,3}[ \t]?[歲岁](?=[，,、)）]))"
)
_IN_BRACKET = re.compile(f"[（(](?:即[ \t]?)?(?P<name>[{HAN}]{{2,4}})(?:業主|业主|本人)?[）)]")


def before_brackets(text: str) -> Found:
    """``麥文彪（丈夫，62）``, ``（程晓鸥业主）``, ``（即 植詠花）``."""
    for match in _BRACKET_AFTER.finditer(text):
        found = _longest(text, *match.span("name"))
        if found:
            yield *found, 0.7
    for match in _IN_BRACKET.finditer(text):
        inner = text[match.start() + 1 : match.end() - 1]
        if not (inner.startswith("即") or inner.endswith(("業主", "业主", "本人"))):
            continue
        found = _longest(text, *match.span("name"), loose=True)
        if found:
            yield *found, 0.7


# 4. A name label's value, after the line is squeezed of the spaces between characters.
_LABEL_VALUE = re.compile(
    f"(?:{'|'.join(_LABELS)})(?:[ \t]*(?:Name|NAME|name))?[ \t]*[:：][ \t]*"
    f"(?:(?:{'|'.join(both_scripts(('女兒', '兒子', '丈夫', '妻子', '太太', '父親', '母親', '姪女', '孫女')))})[ \t]*)?"
    f"(?P<name>[{HAN}](?:[ \t]?[{HAN}]){{1,3}})(?=[^{HAN}]|$|{'|'.join(_FIELD_AFTER + _TITLES)})"
)


def label_values(text: str) -> Found:
    """``姓 名 : 禤 鳳 琼``, ``姓名 Name：歐陽 靖``: a name label's value, spaced or not."""
    if not any(label in text for label in ("姓", "名", "家", "聯", "联", "申", "病", "患", "戶", "户")):
        return
    squeezed, positions = _squeezed(text)
    for match in _LABEL_VALUE.finditer(squeezed):
        start = match.start("name")
        word = re.sub(r"[ \t]", "", match["name"])
        for size in (len(word), 3, 2):
            if size > len(word):
                continue
            candidate = word[:size]
            if size < len(word) and not squeezed.startswith(
                _FIELD_AFTER + _TITLES, start + _offset(match["name"], size)
            ):
                continue
            if name_shaped(candidate, loose=True):
                cut = start + _offset(match["name"], size)
                first, last = positions[start], positions[cut - 1] + 1
                if not zh_place_overlaps(text, first, last):
                    yield first, last, 0.7
                break


def _offset(value: str, chars: int) -> int:
    """Length of the prefix of ``value`` holding ``chars`` Chinese characters."""
    seen = 0
    for i, ch in enumerate(value):
        if HAN_CHAR.match(ch):
            seen += 1
            if seen == chars:
                return i + 1
    return len(value)


def _squeezed(text: str) -> tuple[str, list[int]]:
    """``text`` without a single space between two Chinese characters, and where each
    character of it stood in ``text`` (a scanned form spaces every character)."""
    if not _SQUEEZE.search(text):
        return text, list(range(len(text)))
    kept = [i for i in range(len(text)) if not _SQUEEZE.match(text, i)]
    return "".join(text[i] for i in kept), kept


# 5. A table's name column.
_CELL_SPLIT = re.compile(r"[ \t]*\|[ \t]*|\t")


def _cells(line: str, offset: int) -> list[tuple[int, int]]:
    cells, position = [], 0
    for separator in _CELL_SPLIT.finditer(line):
        cells.append((offset + position, offset + separator.start()))
        position = separator.end()
    cells.append((offset + position, offset + len(line)))
    if line.lstrip().startswith("|"):
        cells = cells[1:]
    return cells


def table_columns(text: str) -> Found:
    """``| 1 | 施能达 | 团长 |``: the cells of a column headed 姓名 (or a like word)."""
    if "|" not in text and "\t" not in text:
        return
    column: int | None = None
    width = 0
    offset = 0
    for line in text.split("\n"):
        start = offset
        offset += len(line) + 1
        if "|" not in line and "\t" not in line:
            column = None
            continue
        cells = _cells(line, start)
        values = [text[s:e].strip() for s, e in cells]
        headers = [i for i, v in enumerate(values) if _names_column(v)]
        if headers and not any(name_shaped(v) for v in values):
            column, width = headers[0], len(values)
            continue
        if column is None or column >= len(cells) or abs(len(values) - width) > 1:
            continue
        cell_start, cell_end = cells[column]
        value = text[cell_start:cell_end].strip()
        first = cell_start + text[cell_start:cell_end].index(value) if value else cell_start
        if re.fullmatch(f"[{HAN}]{{2,4}}", value):
            found = _longest(text, first, first + len(value), loose=True)
            if found:
                yield *found, 0.7


# 6. Right after the same person's romanised name.
_LATIN_THEN_HAN = re.compile(
    r"(?P<latin>\b[A-Z][A-Za-z]+(?:[ \t-][A-Z][A-Za-z]+){1,3})(?:[ \t]?[（(]?[ \t]?|[ \t]?/[ \t]?)"
    f"(?P<name>[{HAN}]{{2,4}})(?=[^{HAN}]|$)"
)


def after_romanised(text: str) -> Found:
    """``CHOW Ka Leung 周家良``, ``Ethan Szeto（司徒以諾``, ``Ethan Cheung / 張以信``: one
    person in both scripts."""
    for match in _LATIN_THEN_HAN.finditer(text):
        tokens = re.split(r"[ \t-]", match["latin"].lower())
        if not any(token in SURNAMES for token in tokens):
            continue
        found = _longest(text, *match.span("name"), loose=True)
        if found:
            yield *found, 0.65


# 7. A quoted misspelling of a name written beside it: 應該係 陳淑芳 唔係「陳淑方」.
_QUOTED = re.compile(f'[「『“"](?P<name>[{HAN}]{{3}})[」』”"]')


def quoted_variants(text: str) -> Found:
    """``陳淑芳 唔係「陳淑方」``: a quoted full name one character off a name in the text."""
    if not any(quote in text for quote in '「『“"'):
        return
    for match in _QUOTED.finditer(text):
        quoted = match["name"]
        if not name_shaped(quoted, loose=True):
            continue
        for other in re.finditer(f"(?<![{HAN}]){re.escape(quoted[0])}[{HAN}]{{2}}(?![{HAN}])", text):
            word = other[0]
            if other.start() == match.start("name") or not name_shaped(word):
                continue
            if sum(a != b for a, b in zip(word, quoted, strict=True)) == 1:
                yield *match.span("name"), 0.65
                break


# A Buddhist monastic's name: 釋 (the Buddha's clan name every ordained monk or nun takes)
# and two characters, before the title that says so: 請釋宏遠法師主持, 释妙华师父. 釋 alone
# before two characters is as often a verb (釋放, 釋出), so the title is required.
_MONASTIC = re.compile(
    f"[釋释][{HAN}]{{2}}(?=[ \t]?(?:{'|'.join(both_scripts(('法師', '師父', '大師', '長老', '和尚', '尼師', '法師父')))}))"
)


def monastics(text: str) -> Found:
    """``釋宏遠法師``: a monk's or nun's name with 釋 and a monastic title after it."""
    for match in _MONASTIC.finditer(text):
        yield *match.span(), 0.7


FINDERS = (
    monastics,
    before_titles,
    after_relatives,
    before_brackets,
    label_values,
    table_columns,
    after_romanised,
    quoted_variants,
)


class VouchedChineseNameRecognizer(ChineseNameFinders):
    """Chinese full names with rarer given characters, where a neighbouring word vouches for them."""

    recognizer_name = "HkVouchedChineseNameRecognizer"
    finders = FINDERS
