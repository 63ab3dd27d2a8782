"""Chinese names that a neighbouring word gives away when the name itself cannot.

- after the role of its bearer, a full name, a given name used alone, a doubled pet
  name or a nickname: ``客服晓雯``, ``主播佳佳说``, ``班长李娜``, ``保安明叔``;
- a child's given name before the relative who writes: ``朵朵妈妈：``, ``@糖糖奶奶``;
- a given name after a word that joins or relates a person: ``我同美玲負責``,
  ``帶埋我個女樂瑤``, ``頂志豪嘅更``;
- a full name in brackets after a nickname, and the nickname: ``胖子（刘磊）``;
- a foreign name spelt in characters with a middle dot: ``古丽娜尔·买买提``;
- the forms of donor rolls and family notices: ``梁門黃氏``, ``鄺府　鄺志堅``.

Bare given names and pet names are read only in these places (see :mod:`name_zh_given`);
an ordinary word made of name characters (``中心``, ``平安``) stays out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrail.pii.recognizers.name_cues import NICK_FOLLOW, nickname_shaped
from guardrail.pii.recognizers.name_lexicon import (
    COMMON_ZH_SURNAMES,
    HAN,
    ZH_COMPOUND,
    ZH_GIVEN,
    ZH_NOT_IN_NAME,
    ZH_RARE_SURNAMES,
    ZH_SURNAMES,
    both_scripts,
    both_scripts_chars,
    longest_first,
    zh_name_shape,
    zh_place_overlaps,
    zh_surname_length,
)
from guardrail.pii.recognizers.name_pets import is_pet
from guardrail.pii.recognizers.name_spans import HAN_CHAR
from guardrail.pii.recognizers.name_zh_finders import ChineseNameFinders
from guardrail.pii.recognizers.name_zh_given import KIN_AFTER_CHILD, ORDINARY_WORDS, before_shop_word, given_shape

Found = Iterator[tuple[int, int, float]]


# Roles written right before their bearer's name, in shops, chats, rosters and logs.
ROLES = longest_first(
    both_scripts(
        (
            "客服",
            "主播",
            "前台",
            "站長",
            "組長",
            "班長",
            "隊長",
            "助理",
            "義工",
            "保安",
            "司機",
            "實習生",
            "程序員",
            "倉庫",
            "倉管",
            "倉務",
            "電工",
            "水電",
            "同事",
            "同學",
            "店員",
            "店長",
            "收銀",
            "文員",
            "跟車",
            "護士",
            "社工",
            "導師",
            "經理",
            "主管",
            "秘書",
            "會計",
            "設計師",
            "營業員",
            "管工",
            "判頭",
            "廚師",
            "調度",
            "外賣員",
            "快遞員",
            "騎手",
            "群主",
            "班主任",
            "指揮",
            "司儀",
            "組員",
            "隊員",
            "新郎",
            "新娘",
            "伴娘",
            "伴郎",
            "師兄",
            "師姐",
            "學長",
            "學姐",
            "助教",
            "領班",
            "雜工",
            "技師",
            "美容師",
            "髮型師",
            "化妝師",
            "攝影師",
            "學習委員",
            "課代表",
            "值日生",
            "班長",
            # a call centre's quality sheet: 坐席 陈佳怡, 质检 王磊 (not the verbs 复检, 覆核:
            # 邊個負責覆核 宏基 張 VO, the contractor's)
            "坐席",
            "質檢",
            "質檢員",
            "接線員",
            "專員",
            # a mainland neighbourhood's grid officer: 网格员 韩雪, 网格员-韩雪
            "網格員",
            "網格長",
            # a hall of residence's: 室友杨帆, 宿管王秀兰, 楼长陈思远; a parcel counter's operator
            "室友",
            "舍友",
            "宿友",
            "宿管",
            "樓長",
            "舍長",
            "操作員",
            "值班員",
            # a clan's bookkeeper (司數德昌); not 複核 or 經手, verbs as often as roles
            "司數",
            # an office's department before the person who acted for it, in approval chains and
            # ticket logs (財務-宋佳, 风控-王磊, 人事部陳嘉欣, 由总部赵敏跟进)
            "財務",
            "財務部",
            "風控",
            "風控部",
            "人事",
            "人事部",
            "行政部",
            "法務",
            "法務部",
            "採購",
            "採購部",
            "審計",
            "審計部",
            "運營",
            "運營部",
            "總部",
        )
    )
)
# (a space may stand between a role and its name, as columns of a quality sheet do: 质检 王磊)
_ROLE = re.compile("(?:" + "|".join(ROLES) + ")[ \t]?\\d{0,2}[ \t]?[-－–:：][ \t]?|(?:" + "|".join(ROLES) + ")[ \t]?")
# Characters that may follow a name in a clause (besides punctuation and Latin text).
FOLLOW = NICK_FOLLOW | both_scripts_chars(
    "填補發回接帶負處報收寄送改聯打提或等及與嘅的之哋們俾畀喺嚟做入出致領獻每成問備自"
)


def boundary_after(text: str, end: int) -> bool:
    """Whether a name may end at ``end``: no Chinese character, or one that follows a person."""
    after = text[end : end + 1]
    return not after or not HAN_CHAR.match(after) or after in FOLLOW


def full_name_ok(word: str, *, rare: bool = True) -> bool:
    """A surname and one or two given-name characters the lists know (``李娜``, ``翟思穎``)."""
    surname = zh_surname_length(word, rare=rare)
    given = word[surname:]
    return bool(surname) and 1 <= len(given) <= 2 and all(ch in ZH_GIVEN for ch in given)


def name_after(text: str, pos: int, *, need_boundary: bool = True) -> tuple[int, int, float] | None:
    """The name that starts at ``pos`` where the word before says a person stands there."""
    affixed = re.match(f"[{HAN}]{{2}} ?B(?![A-Za-z])", text[pos : pos + 5])
    if affixed and nickname_shaped(affixed[0]):
        return pos, pos + len(affixed[0]), 0.6  # 細佬B (spaced 細佬 B once normalised)
    for size in (4, 3, 2):
        word = text[pos : pos + size]
        if len(word) < size or not re.fullmatch(f"[{HAN}]+", word):
            continue
        if word in ORDINARY_WORDS or zh_place_overlaps(text, pos, pos + size):
            continue
        # 房東 is a landlord: a rarer surname makes a name of two characters only with a third.
        if full_name_ok(word) and (size > 2 or word[0] in COMMON_ZH_SURNAMES):
            return pos, pos + size, 0.65
        # (客服-小鹿: after a role, 小 or 阿 and any character that can end a name is a nickname)
        small_or_ah = size == 2 and word[0] in "小阿" and word[1] not in ZH_NOT_IN_NAME and word not in ORDINARY_WORDS
        shaped = nickname_shaped(word) or (size == 2 and given_shape(word)) or small_or_ah
        if size <= 3 and shaped and (not need_boundary or boundary_after(text, pos + size)):
            return pos, pos + size, 0.6
    return None


def role_names(text: str) -> Found:
    """``客服晓雯``, ``主播佳佳说``, ``班长李娜``, ``客服-可可：``: a name after its role; also
    one the role is said to be (``骑手是向阳``), and a common surname with any second
    character that a clause's end follows (``实习生李想，``: the role vouches for it)."""
    for match in _ROLE.finditer(text):
        pos = match.end()
        said = _SAID_TO_BE.match(text, pos)
        found = name_after(text, said.end() if said else pos)
        if found is None:
            found = _short_name_ending_clause(text, said.end() if said else pos, rare=said is not None)
        if found:
            yield found


_ANY_SURNAME = ZH_SURNAMES | ZH_RARE_SURNAMES
_SAID_TO_BE = re.compile("(?:是|係|叫)[ \t]?")
_CLAUSE_END = re.compile(r"[，。！？；、,.!?;—…（(]|[ \t]*$", re.MULTILINE)


def _short_name_ending_clause(text: str, pos: int, *, rare: bool) -> tuple[int, int, float] | None:
    """A surname and one more character standing alone before a clause's end."""
    word = text[pos : pos + 2]
    if len(word) < 2 or not _CLAUSE_END.match(text, pos + 2) or word in ORDINARY_WORDS:
        return None
    surnames = _ANY_SURNAME if rare else COMMON_ZH_SURNAMES
    if word[0] not in surnames or word[1] in ZH_NOT_IN_NAME or word[1] in NICK_FOLLOW:
        return None
    if rare and word[1] not in ZH_GIVEN:
        return None
    return (pos, pos + 2, 0.6) if not zh_place_overlaps(text, pos, pos + 2) else None


# (after a clause's start, or a word that points at a person: 管账的子墨妈妈, 辛苦子墨妈妈,
# 麻煩安琪媽媽, 邀請了子軒爸爸; a space before the relative's word as code-mixed typing puts
# one: 梓軒 媽媽; or 的 between, as prose writes it: 一心的阿嫲)
_KIN_CHILD = re.compile(
    f"(?:(?<![{HAN}])|(?<=[的是係叫找问問谢謝苦给給同和跟了煩烦請请讓让由被向為为幫帮話话約约醒知邀及與与或]))"
    f"(?P<name>[{HAN}]{{2}})[ \t]?的?(?:{'|'.join(KIN_AFTER_CHILD)})"
)


def child_kin_names(text: str) -> Found:
    """``朵朵妈妈：``, ``@糖糖奶奶``: a child's name before the relative who writes."""
    for match in _KIN_CHILD.finditer(text):
        name = match["name"]
        # 小魚媽媽: a child's 小 pet name, any character after it but a word's (小區, 小學)
        pet = name[0] == "小" and name[1] not in _NOT_SMALL_PET
        if (given_shape(name) or pet) and not zh_place_overlaps(text, *match.span("name")):
            yield *match.span("name"), 0.6


# What 小 starts as a word rather than a pet name, before a relative's word.
_NOT_SMALL_PET = frozenset(both_scripts_chars("區学學時店組组朋孩姐妹弟哥公婆姨叔舅嬸孙孫女兒儿子"))


# A relative's word before a given name (個仔建明喺深圳, 女兒秀蘭每日, 個孫俊傑).
_KIN_WORDS = (
    "個女",
    "個仔",
    "個孫",
    "細女",
    "大女",
    "細仔",
    "大仔",
    "女兒",
    "兒子",
    "孫女",
    "孫仔",
    "老公",
    "老婆",
    "男朋友",
    "女朋友",
    # a son and a daughter as a plaque or a card signs them: 囝囝 家樂 囡囡 嘉欣 上
    "囝囝",
    "囡囡",
    "阿爸",
    "老豆",
    # brothers, sisters and cousins, as Cantonese calls them: 我阿妹鳳儀, 家姐美玲, 表哥志明
    "阿妹",
    "細妹",
    "家姐",
    "細佬",
    "阿哥",
    "表哥",
    "表姐",
    "表妹",
    "表弟",
    "堂哥",
    "堂弟",
    "堂姐",
    "堂妹",
)
# Relatives whose word is as often followed by an ordinary word (弟弟文明有禮): a name after
# them only a full one the lists know (妹妹张静从外省过来, 我对象吴丽), or 小 or 老 and a surname
# (女婿小赵).
_PLAIN_KIN = both_scripts(("妹妹", "弟弟", "女婿", "媳婦", "兒媳", "丈夫", "妻子", "對象"))
_CUES = longest_first(
    both_scripts(
        (
            "我同",
            "我和",
            "我跟",
            "你同",
            "你和",
            "你跟",
            "佢同",
            "他和",
            "她和",
            "同埋",
            "帶埋",
            "叫埋",
            *_KIN_WORDS,
            *_PLAIN_KIN,
            "老爺",
            "家公",
            "家婆",
            "外父",
            "外母",
            "表弟",
            "表哥",
            "表姐",
            "表妹",
            "堂弟",
            "堂哥",
            "細佬",
            "家姐",
            "頂",
            "搵",
            "找",
            "我叫",
            "我係",
            "我是",
            "叫我",
            "佢叫",
            "她叫",
            "他叫",
            "名叫",
            "叫",
            "恭喜",
            "多謝",
            "感謝",
            "謝謝",
            "轉告",
            "告訴",
            "問",
            "@",
        )
    )
)
_CUE = re.compile("(?:" + "|".join(_CUES) + ")")
_KIN_CUES = both_scripts(_KIN_WORDS)
_ANY_KIN = _KIN_CUES | _PLAIN_KIN  # what may stand before 小 or 老 and a surname (女婿小赵)
# An old relative's name is often a surname and a number or plain character: 老爺林九嚟.
_ELDER_CUES = both_scripts(("老爺", "家公", "家婆", "外父", "外母"))


# A title or a relative's word after a given name used alone: 嘉欣同學, 志明哥哥, 秀兰阿姨.
_TITLE_AFTER_GIVEN = re.compile(
    f"(?<![{HAN}])(?P<name>[{HAN}]{{2}})(?="
    + "|".join(
        longest_first(
            both_scripts(
                (
                    "同學",
                    "老師",
                    "姐姐",
                    "哥哥",
                    "小姐姐",
                    "醫生",
                    "姑娘",
                    "師兄",
                    "師姐",
                    "學長",
                    "學姐",
                    "姊妹",
                    "弟兄",
                    "阿姨",
                    "叔叔",
                    "伯伯",
                )
            )
        )
    )
    + ")"
)


# Doing something with someone: 上次同黃敏去飲茶, 我跟志明一起吃饭.
_WITH = re.compile("同|和|跟|與|与")
_ACTIVITIES = longest_first(
    both_scripts(
        (
            "去",
            "一齊",
            "一起",
            "食",
            "飲",
            "吃",
            "喝",
            "傾",
            "聊",
            "見面",
            "行街",
            "出去",
            "拍拖",
            "結婚",
            "開會",
            "合租",
            "打波",
        )
    )
)


def with_names(text: str) -> Found:
    """``同黃敏去飲茶``, ``跟志明一起吃饭``: the person someone does something with."""
    for match in _WITH.finditer(text):
        pos = match.end()
        for size in (3, 2):
            name = text[pos : pos + size]
            if len(name) < size or not re.fullmatch(f"[{HAN}]+", name) or not text.startswith(_ACTIVITIES, pos + size):
                continue
            full = full_name_ok(name, rare=False) and name[0] in COMMON_ZH_SURNAMES
            if (
                (full or given_shape(name))
                and name not in ORDINARY_WORDS
                and not zh_place_overlaps(text, pos, pos + size)
            ):
                yield pos, pos + size, 0.6
                break


def cue_given_names(text: str) -> Found:
    """``我同美玲負責``, ``帶埋我個女樂瑤``, ``@嘉欣 ``: a given name after a word that joins
    or introduces a person; ``嘉欣同學``, ``志明哥哥``: before a title or a relative's word."""
    for match in _TITLE_AFTER_GIVEN.finditer(text):
        if given_shape(match["name"]) and not zh_place_overlaps(text, *match.span("name")):
            yield *match.span("name"), 0.6
    for match in _CUE.finditer(text):
        spaced = text[match.end() : match.end() + 1] == " "
        pos = match.end() + (1 if spaced and (match[0] == "@" or match[0] in _KIN_CUES) else 0)
        word = text[pos : pos + 2]
        # After a relative's word (個仔建明喺深圳, 女兒秀蘭每日, 蔡太個仔 家明) the name needs
        # no stop after it; a full name may follow too (我阿爸 樊德全).
        kin = match[0] in _KIN_CUES
        full = kin and next(
            (
                size
                for size in (3, 2)
                if re.fullmatch(f"[{HAN}]{{{size}}}", text[pos : pos + size])
                and zh_name_shape(text[pos : pos + size], rare=True)
                and boundary_after(text, pos + size)
            ),
            0,
        )
        if full:
            yield pos, pos + full, 0.6
            continue
        if kin and given_shape(word) and not zh_place_overlaps(text, pos, pos + 2):
            yield pos, pos + 2, 0.6
            continue
        # 個孫豬仔返鄉下, 個仔大隻佬: a relative by a nickname
        nickname = kin and next((size for size in (3, 2) if nickname_shaped(text[pos : pos + size])), 0)
        if nickname:
            yield pos, pos + nickname, 0.6
            continue
        if match[0] in _ANY_KIN and word[:1] in "小老" and word[1:] in COMMON_ZH_SURNAMES:
            yield pos, pos + 2, 0.6  # 女婿小赵开车: a relative called by 小 or 老 and a surname
            continue
        if match[0] in _PLAIN_KIN:
            for size in (3, 2):
                name, after = text[pos : pos + size], text[pos + size : pos + size + 1]
                ends = boundary_after(text, pos + size) or (size == 2 and after in ZH_NOT_IN_NAME)
                plain = any(ch in ZH_NOT_IN_NAME for ch in name[1:])
                if full_name_ok(name, rare=False) and name[0] in COMMON_ZH_SURNAMES and ends and not plain:
                    yield pos, pos + size, 0.6
                    break
            continue
        found = name_after(text, pos)
        if found:
            yield found
            continue
        elder = match[0] in _ELDER_CUES and zh_surname_length(word) == 1 and word[1] not in ZH_NOT_IN_NAME
        if elder and boundary_after(text, pos + 2):
            yield pos, pos + 2, 0.6


# (the bracket may give the age too: 孩子妞妞（高语桐，7岁）)
_BRACKET_ALIAS = re.compile(
    f"(?P<before>[{HAN}]{{2,3}}|[A-Z][a-z]{{1,12}})[ \t]?[（(](?P<name>[{HAN}]{{2,4}})(?:[，,、][ \t]?\\d{{1,3}}[ \t]?[歲岁])?[）)]"
)


_KIN_BEFORE_BRACKET = tuple(
    both_scripts(
        (
            "阿爺",
            "阿嫲",
            "爺爺",
            "嫲嫲",
            "奶奶",
            "外公",
            "外婆",
            "公公",
            "婆婆",
            "爸爸",
            "媽媽",
            "老豆",
            "阿媽",
            "老公",
            "老婆",
            "丈夫",
            "太太",
            "妻子",
            "兒子",
            "女兒",
            "舅父",
            "姑媽",
            "姨媽",
            "叔叔",
            "伯伯",
        )
    )
)


def bracket_aliases(text: str) -> Found:
    """``胖子（刘磊）``, ``程序员小马（马骁）``, ``Kevin（夏凯文）``: a full name in brackets
    after the nickname or English name its bearer goes by."""
    for match in _BRACKET_ALIAS.finditer(text):
        name = match["name"]
        if match["before"].endswith(_KIN_BEFORE_BRACKET) and zh_surname_length(name) and len(name) <= 3:
            if not any(ch in ZH_NOT_IN_NAME for ch in name[1:]):
                yield *match.span("name"), 0.65  # 阿爺（陳九）: a relative's name in brackets
            continue
        before = match["before"]
        if nickname_shaped(name) and full_name_ok(before, rare=False) and not zh_place_overlaps(text, *match.span()):
            # 植偉強（強哥）: the nickname after the full name, which the text goes on to use
            yield *match.span("before"), 0.7
            yield *match.span("name"), 0.65
            continue
        if not full_name_ok(name, rare=False) or zh_place_overlaps(text, *match.span("name")):
            continue
        start = match.start("before")
        if before.isascii() or before.endswith(_KIN_BEFORE_BRACKET):
            yield *match.span("name"), 0.65
            continue
        for size in (3, 2):
            word = before[-size:]
            if len(word) == size and (nickname_shaped(word) or (size == 2 and given_shape(word))):
                yield *match.span("name"), 0.65
                yield start + len(before) - size, start + len(before), 0.6
                break


_DOTS = "·•‧・･"
# Characters that spell foreign, Uyghur and Tibetan names in sounds: 古丽娜尔, 阿卜杜拉,
# 扎西. A dotted run of other characters is a heading or a path (外勤·滨江公园).
_SOUND_CHARS = both_scripts_chars(
    "阿艾安奧巴拜班貝本比彼賓波伯布查達戴丹德迪蒂丁杜多厄恩法菲費芬弗福伏蓋岡戈格貢古哈海漢豪赫亨胡華霍"
    "基吉加賈傑杰金卡凱坎康柯科克肯庫拉萊蘭朗勞勒雷蕾里利莉麗林琳盧魯路倫羅洛馬瑪邁麥曼梅門蒙米密明莫默"
    "姆穆納娜奈南內尼妮努諾歐帕潘佩皮珀普齊奇喬瓊丘薩塞桑瑟森沙莎山尚舍聖施什史斯松蘇索塔泰坦湯唐特提托"
    "瓦萬威韋維溫沃烏西希夏謝辛休雅亞揚耶伊依尤于約扎詹茲祖佐買卜爾賽熱木合江吾孜卓次仁旺堆央措姆嘎頓珠"
    "宗曲珍不都爾買提麥熱罕汗古麗帕夏依米娜努爾艾力克熱娜爾迪力夏提吐遜買合木提努爾江阿依古再努爾蘇菲婭"
    "艾米莉約翰喬治威廉瑪麗安娜凱瑟琳伊麗莎白亞歷山大弗朗西斯科奧斯卡羅伯特詹姆斯大衛保羅彼得"
)
_TRANSLITERATED = re.compile(
    f"(?<![{HAN}《「『])(?P<name>[{HAN}]{{2,6}}(?:[{_DOTS}][{HAN}]{{1,8}}){{1,3}})(?![{HAN}》」』])"
)


def transliterated_names(text: str) -> Found:
    """``古丽娜尔·买买提``, ``阿卜杜拉·艾山``: a name spelt in sounds with a middle dot."""
    if not any(dot in text for dot in _DOTS):
        return
    for match in _TRANSLITERATED.finditer(text):
        chars = [ch for ch in match["name"] if ch not in _DOTS]
        if sum(ch in _SOUND_CHARS for ch in chars) * 5 < len(chars) * 4:
            continue
        if not zh_place_overlaps(text, *match.span("name")):
            yield *match.span("name"), 0.65


_SURNAME_SET = "".join(longest_first(COMMON_ZH_SURNAMES))
_MARRIED_HOUSE = re.compile(f"(?P<name>[{_SURNAME_SET}]門[{_SURNAME_SET}]氏)")
_HOUSEHOLD = re.compile(f"(?m)(?:^|(?<=[ \t、，,]))(?P<surname>[{''.join(sorted(ZH_SURNAMES))}])府(?=[ \t、，,]|$)")


# A married woman as memorial tablets and genealogies write her: her husband's surname,
# her own, and 氏 (歐陽李氏, 陳黃氏); after what says the dead are named (先妣, 亡夫), any name.
_MARRIED_NAME = re.compile(f"(?P<name>(?:{'|'.join(longest_first(ZH_COMPOUND))}|[{_SURNAME_SET}])[{_SURNAME_SET}]氏)")
_MEMORIAL = re.compile(
    "(?:"
    + "|".join(
        longest_first(
            both_scripts(
                (
                    "先考",
                    "先妣",
                    "先父",
                    "先母",
                    "先祖父",
                    "先祖母",
                    "先夫",
                    "先室",
                    "亡夫",
                    "亡妻",
                    "亡父",
                    "亡母",
                    "已故",
                )
            )
        )
    )
    + ")[ \t]?"
)


def roll_forms(text: str) -> Found:
    """``梁門黃氏`` (a married woman in a donor roll), ``鄺府`` (a household), and the names
    of the dead a memorial list gives (``先妣歐陽李氏``, ``亡夫麥炳``)."""
    if "門" in text or "门" in text:
        for match in _MARRIED_HOUSE.finditer(text):
            yield *match.span("name"), 0.7
    if "府" in text:
        for match in _HOUSEHOLD.finditer(text):
            yield *match.span("surname"), 0.65
    if "先" in text or "亡" in text or "已故" in text:  # every memorial word holds one
        for match in _MEMORIAL.finditer(text):
            married = _MARRIED_NAME.match(text, match.end())
            if married:
                yield *married.span("name"), 0.7
            elif (found := name_after(text, match.end())) is not None:
                yield found


# A full name right before a phone number, as sign-up lists and orders write it:
# ``2. 欧阳倩 136-6283-0912``.
_BEFORE_PHONE = re.compile(
    rf"(?<![{HAN}])(?P<name>[{HAN}]{{2,4}})[ \t]*(?=(?:\+?852|\+?86)?[ \t-]?\d[\d \t-]{{6,14}}\d)"
)
# What only a person has or does, right after a full name: 郑伟的联系方式, 陈静的手机.
_PERSON_AFTER = re.compile(
    f"(?P<name>[{HAN}]{{2,4}})(?="
    + "|".join(
        sorted(
            both_scripts(
                (
                    "的聯繫方式",
                    "的聯絡方式",
                    "的聯繫電話",
                    "的手機",
                    "的微信",
                    "的電話",
                    "嘅電話",
                    "的號碼",
                    "嘅號碼",
                    "嘅WhatsApp",
                    "的生日",
                    "嘅生日",
                    "好像",
                    "好似",
                )
            )
        )
    )
    + ")"
)


# The pinyin written beside a name, as travel lists give it: 刘芳 / LIU FANG.
_BEFORE_PINYIN = re.compile(
    f"(?<![{HAN}])(?P<name>[{HAN}]{{2,4}})(?=[ \t]*/[ \t]*[A-Z]{{2,}}(?:[ \t][A-Z]{{2,}}){{0,3}}(?![A-Za-z]))"
)


def name_before_details(text: str) -> Found:
    """``欧阳倩 136-6283-0912``, ``郑伟的联系方式``: a full name before what only a person has."""
    for pattern in (_BEFORE_PHONE, _PERSON_AFTER, _BEFORE_PINYIN):
        for match in pattern.finditer(text):
            name = match["name"]
            for size in range(len(name), 1, -1):
                word = name[len(name) - size :]
                start = match.end("name") - size
                if (
                    full_name_ok(word)
                    and word not in ORDINARY_WORDS
                    and not zh_place_overlaps(text, start, start + size)
                ):
                    if size == len(name) or not full_name_ok(name):
                        yield start, start + size, 0.65
                    break


# A given name opening a clause, before when or what a person does: 芷晴聽日要去覆診.
_GIVEN_SUBJECT = re.compile(
    f"(?:^|(?<=[，,。！!？?：:\n]))[ \t]*(?P<name>[{HAN}]{{2}})(?="
    + "|".join(
        longest_first(
            both_scripts(
                (
                    "聽日",
                    "今日",
                    "琴日",
                    "明天",
                    "今天",
                    "昨天",
                    "請假",
                    "病咗",
                    "發燒",
                    "返學",
                    "放學",
                    "上堂",
                    "要去",
                    "已經",
                    "不是請假",
                    "係咪",
                    "仲未",
                    "還沒",
                    "走咗",
                    "到咗",
                )
            )
        )
    )
    + ")",
    re.MULTILINE,
)
# A nickname of 小 or 阿 and a given character, standing between stops: 「生日快樂，小宇！」.
_AFFIX_ALONE = re.compile(rf"(?<=[，,：:！!？?「“\s])(?P<name>[小阿][{HAN}])(?=[，,！!？?。」”~～])")


def given_alone(text: str) -> Found:
    """``，芷晴聽日要去``: a given name opening a clause about a person; ``，小宇！``."""
    for match in _GIVEN_SUBJECT.finditer(text):
        if given_shape(match["name"]) and not zh_place_overlaps(text, *match.span("name")):
            yield *match.span("name"), 0.6
    for match in _AFFIX_ALONE.finditer(text):
        name = match["name"]
        if name[1] in ZH_GIVEN and nickname_shaped(name) and name not in ORDINARY_WORDS:
            yield *match.span("name"), 0.6


# A name of a rarer surname and two given characters standing apart, as a list or a
# table gives it: 第一名 翟思穎（3A）.
# Given-name characters that make everyday words more often than names.
_WORD_CHARS = both_scripts_chars("有一大小中子天家成和文明新安平正永長春夏秋冬東南山海江河水金銀月日星光笑心")
_ALONE_THREE = re.compile(f"(?<![{HAN}])(?P<name>[{HAN}]{{3}})(?![{HAN}])")


def rare_surname_names(text: str) -> Found:
    """``翟思穎``: a rarer surname with two known given characters, standing alone."""
    for match in _ALONE_THREE.finditer(text):
        name = match["name"]
        rare = zh_surname_length(name, rare=True) == 1 and not zh_surname_length(name)
        rare = rare and not any(ch in _WORD_CHARS for ch in name[1:])
        if rare and full_name_ok(name) and name not in ORDINARY_WORDS and not zh_place_overlaps(text, *match.span()):
            yield *match.span("name"), 0.6


# A married woman's four characters standing alone, her husband's surname first, as
# donor rolls and rosters list them: 鄺陳秀英.
_ALONE_FOUR = re.compile(f"(?<![{HAN}])(?P<name>[{HAN}]{{4}})(?![{HAN}])")


def married_names(text: str) -> Found:
    """``鄺陳秀英`` alone between spaces or separators: two surnames and two given characters."""
    for match in _ALONE_FOUR.finditer(text):
        name = match["name"]
        surnames = name[0] in COMMON_ZH_SURNAMES and name[1] in COMMON_ZH_SURNAMES and name[0] != name[1]
        surnames = surnames and name[:2] not in ZH_COMPOUND and name[2:] not in ORDINARY_WORDS
        if surnames and all(ch in ZH_GIVEN for ch in name[2:]) and not zh_place_overlaps(text, *match.span()):
            yield *match.span("name"), 0.65


# A name typed with spaces between its characters, as forms and careful typists do:
# 何 思 颖, 歐陽 志 明, 张 伍 美 娟.
_SPACED = re.compile(
    f"(?<![{HAN}])(?P<name>(?:{'|'.join(longest_first(ZH_COMPOUND))}|[{HAN}])(?:[ \t]{{1,2}}[{HAN}]){{2,3}})(?![{HAN}])"
)
# Two given names joined by &, as a wedding's papers head them: 家豪 & 詠欣.
_GIVEN_PAIR = re.compile(f"(?<![{HAN}])(?P<a>[{HAN}]{{2}})[ \t]*[&＆][ \t]*(?P<b>[{HAN}]{{2}})(?![{HAN}])")
# An obituary's name of the dead, surname, 公 or 母 and given name: 顯考黃公志強老大人.
_OBITUARY = re.compile(
    f"(?P<name>[{_SURNAME_SET}](?:公|母[{_SURNAME_SET}]?)[{''.join(sorted(ZH_GIVEN))}]{{0,2}})"
    "(?=老大人|太夫人|老夫人|府君|之靈|之灵)"
)


def spaced_and_paired(text: str) -> Found:
    """``何 思 颖`` (spaced), ``家豪 & 詠欣`` (a couple), ``黃公志強老大人`` (an obituary)."""
    for match in _SPACED.finditer(text):
        squeezed = re.sub(r"[ \t]", "", match["name"])
        married = len(squeezed) == 4 and squeezed[1] in COMMON_ZH_SURNAMES and full_name_ok(squeezed[0] + squeezed[2:])
        if (full_name_ok(squeezed) or married) and not zh_place_overlaps(text, *match.span("name")):
            yield *match.span("name"), 0.7
    if "&" in text or "＆" in text:
        for match in _GIVEN_PAIR.finditer(text):
            if given_shape(match["a"]) and given_shape(match["b"]):
                yield *match.span("a"), 0.6
                yield *match.span("b"), 0.6
    for match in _OBITUARY.finditer(text):
        yield *match.span("name"), 0.7


_LINE = re.compile(r"[^\n]+")
_BARE_SPLIT = re.compile(r"[ \t]+|[ \t]*[、|/;；][ \t]*")
_PROSE = re.compile(r"[，。！？,!?]")


def bare_value_lines(text: str) -> Found:
    """``周一 王磊 周二 刘洋 周三 陈静``: a line of bare values, most of them names."""
    for line in _LINE.finditer(text):
        if _PROSE.search(line[0]) or not HAN_CHAR.search(line[0]):
            continue
        tokens, position = [], 0
        for separator in _BARE_SPLIT.finditer(line[0]):
            tokens.append((position, separator.start()))
            position = separator.end()
        tokens.append((position, len(line[0])))
        words = [
            (line.start() + s, line.start() + e) for s, e in tokens if re.fullmatch(f"[{HAN}]{{2,4}}", line[0][s:e])
        ]
        words = [(s, e) for s, e in words if text[s:e] not in ORDINARY_WORDS]
        names = [
            (s, e)
            for s, e in words
            if full_name_ok(text[s:e], rare=False)
            and text[s] in COMMON_ZH_SURNAMES
            and not zh_place_overlaps(text, s, e)
        ]
        if len(names) >= 2 and len(names) * 5 >= len(words) * 4:
            for start, end in names:
                yield start, end, 0.6


_GIVEN_LIST = re.compile(
    f"(?:^|[:：][ \t]*)(?P<list>[{HAN}]{{2,3}}(?:[ \t]*、[ \t]*[{HAN}]{{2,3}}){{2,}})(?![{HAN}])", re.MULTILINE
)


def given_name_lists(text: str) -> Found:
    """``值日生：子涵、浩宇、一诺、梓轩``: a list of three or more entries, every one a given
    name, nickname or full name, and most of them given names used alone."""
    if "、" not in text:
        return
    for match in _GIVEN_LIST.finditer(text):
        entries, position = [], match.start("list")
        for word in match["list"].split("、"):
            start = text.index(word.strip(), position)
            entries.append((start, start + len(word.strip())))
            position = start + len(word.strip())
        values = [text[s:e] for s, e in entries]
        if any(v in ORDINARY_WORDS or not (given_shape(v) or nickname_shaped(v) or full_name_ok(v)) for v in values):
            continue
        if sum(given_shape(v) for v in values) * 3 < len(values) * 2:
            continue
        for start, end in entries:
            if not zh_place_overlaps(text, start, end):
                yield start, end, 0.6


# An English word for a relative or a naming before a Chinese given name, as code-mixed
# notes write them: her son 浩賢, my wife 美玲, a girl called 嘉欣.
_LATIN_KIN = re.compile(
    r"(?<![A-Za-z])(?:son|daughter|wife|husband|mother|father|mum|mom|dad|brother|sister|cousin|friend|colleague|"
    r"boyfriend|girlfriend|fianc[ée]e?|niece|nephew|grandson|granddaughter|named|called|nicknamed)[ \t]+"
    f"(?P<name>[{HAN}]{{2,4}})(?![{HAN}])"
)
# A name in corner brackets after a word that asks for one: 戶口持有人「鄭麗珠」, 寫住「陳大文」.
_QUOTED_NAME = re.compile(
    "(?:"
    + "|".join(
        sorted(
            both_scripts(
                (
                    "持有人",
                    "收款人",
                    "戶名",
                    "名字",
                    "簽名",
                    "署名",
                    "抬頭",
                    "姓名",
                    "名叫",
                    "叫做",
                    "寫住",
                    "寫著",
                    "名為",
                    "對方是",
                    "對方",
                    "收款方",
                )
            )
        )
    )
    + f')[ \t:：]*[「『“"](?P<name>[{HAN}]{{2,4}})[」』”"]'
)


def kin_and_quoted_names(text: str) -> Found:
    """``her son 浩賢``, ``戶口持有人「鄭麗珠」``: a Chinese name where the word before asks for one."""
    for match in _LATIN_KIN.finditer(text):
        name = match["name"]
        shaped = given_shape(name) or full_name_ok(name, rare=False)
        if shaped and name not in ORDINARY_WORDS and not zh_place_overlaps(text, *match.span("name")):
            yield *match.span("name"), 0.6
    for match in _QUOTED_NAME.finditer(text):
        name = match["name"]
        if (full_name_ok(name) or given_shape(name)) and not zh_place_overlaps(text, *match.span("name")):
            yield *match.span("name"), 0.65


FINDERS = (
    with_names,
    kin_and_quoted_names,
    given_name_lists,
    bare_value_lines,
    spaced_and_paired,
    married_names,
    role_names,
    child_kin_names,
    cue_given_names,
    bracket_aliases,
    transliterated_names,
    roll_forms,
    name_before_details,
    given_alone,
    rare_surname_names,
)


class ChineseGivenNameRecognizer(ChineseNameFinders):
    """Chinese given names, nicknames and roll forms, where a neighbouring word says a person."""

    recognizer_name = "HkChineseGivenNameRecognizer"
    finders = FINDERS

    def keep(self, text: str, start: int, end: int) -> bool:
        """Not a pet, a shop (梁少芳（車行）) or an ordinary word in a name's place."""
        return not (is_pet(text, start, end) or before_shop_word(text, end)) and text[start:end] not in ORDINARY_WORDS
