"""Names that the words right next to them give away, in forms the other finders miss.

- a Chinese surname with a title or kinship word inside running text: ``帶關生睇樓``,
  ``叫林太簽``, ``客户刘总那边``, ``院長黎太叮囑``, ``我姓鄺``;
- a Cantonese or Mandarin nickname inside running text: ``交俾阿芬代收``, ``老王在现场``,
  ``@小李``; and in a chat speaker's place, with a role before it or an affix around it:
  ``佳哥:``, ``客服小美：``, ``大隻華:``;
- an English given name that is also a word, where a relative's word says a person:
  ``King媽媽``, ``Apple mum``, ``Star's grandma``;
- a romanised surname after any capitalised word at the head of a list entry
  (``Gideon Yeung & Precious Yeung``), after initials written without full stops
  (``T Ng``, ``Y L Ngai``) or after a ward's role abbreviation (``RN Kwok``);
- a name written ``SURNAME, Given`` or ``SURNAME Given`` at the head of a numbered or
  bulleted line (``2. ABDULLAH, Nur Aisyah 29F``).

Each is a place where the words around a name, not the name itself, say what it is; the
checks that keep ordinary words out (``衛生``, ``太多``, ``老公``, ``小麥``, ``Tiger mum``)
are written next to each.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from guardrail.pii.recognizers.name_lexicon import (
    COMMON_ZH_SURNAMES,
    HAN,
    HAN_RUN,
    ZH_COMPOUND,
    ZH_DATE_STAMP,
    ZH_GIVEN,
    ZH_NOT_IN_NAME,
    ZH_RARE_SURNAMES,
    ZH_SURNAMES,
    both_scripts,
    both_scripts_chars,
    is_given,
    is_place,
    is_surname,
    never_a_name,
    zh_name_shape,
    zh_place_overlaps,
    zh_surname_length,
)
from guardrail.pii.recognizers.name_spans import ORG_WORDS, STOP
from guardrail.pii.recognizers.name_zh_given import KIN_AFTER_CHILD, ORDINARY_WORDS, before_shop_word, given_shape
from guardrail.pii.recognizers.names_data import GIVEN_SYLLABLES, ROMANISED_SURNAMES
from guardrail.text.start_gate import gate

# ---- Chinese: a surname and a title in running text ----

# Titles that say a person however the surname is written, rarer surnames too.
_STRONG_TITLES = both_scripts(
    ("先生", "小姐", "女士", "太太", "醫生", "醫師", "姑娘", "婆婆", "伯伯", "伯母", "師奶", "議員", "博士", "教授")
    # a church's brothers and sisters: 區弟兄, 柏姊妹
    + ("弟兄", "姊妹")
)
# Titles and roles after a common surname: 陳經理, 黃主席, 張總, 陳姐, 馮伯.
_TITLES = _STRONG_TITLES | both_scripts(
    (
        "老師",
        "律師",
        "經理",
        "總經理",
        "總監",
        "主任",
        "秘書",
        "主席",
        "校長",
        "院長",
        "會長",
        "社工",
        "教練",
        "督察",
        "沙展",
        "幫辦",
        "警官",
        "師傅",
        "老闆",
        # a church's and a clinic's people: 周牧師, 黃傳道, 李執事, 陳護士
        "牧師",
        "傳道",
        "執事",
        # and a congregation's elders: 李師母, 黃長老, 陳神父
        "師母",
        "長老",
        "神父",
        "修女",
        "護士",
        "護士長",
        "叔叔",
        "阿姨",
        "管家",
        "科長",
        # mainland offices' people: 王科员, 刘专员, 李书记, 赵所长, 孙工程师
        "科員",
        "專員",
        "幹事",
        "書記",
        "所長",
        "局長",
        "站長",
        "廠長",
        "村長",
        # a temple's or a club's treasurer: 黃司庫
        "司庫",
        "工程師",
        "會計",
        "組長",
        "隊長",
        "處長",
        "主管",
        # their deputies and advisers: 區副主席, 卢顾问
        "副主席",
        "副主任",
        "副校長",
        "副經理",
        "副總",
        "副院長",
        "副會長",
        "副組長",
        "副隊長",
        "副局長",
        "副所長",
        "副處長",
        "顧問",
        "姐姐",
        "哥哥",
        "老伯",
        # how children and neighbours call the old: 吴爷爷, 馮姨, 李奶奶
        # a classmate's parents, as a class's chat calls them: 孫爸爸, 李媽媽
        "爸爸",
        "媽媽",
        # and as mainland neighbours call their elders: 王大娘, 包大爺, 張大媽
        "大娘",
        "大媽",
        "大爺",
        "大叔",
        "大嬸",
        "大嫂",
        "爺爺",
        "奶奶",
        "嫲嫲",
        "公公",
        "姨",
        "生",
        "太",
        "總",
        "姐",
        "伯",
        "叔",
        "嫂",
        "哥",
        "婆",
        "Sir",
        "sir",
    )
)
TITLES_AFTER_SURNAME = _TITLES
_TITLES_LONGEST = tuple(sorted(_TITLES, key=len, reverse=True))
# What a finding takes in after a name (title_extensions): a title, or the kin word of a
# parent called by a child's name (阿欣媽媽, Summer媽).
_AFTER_NAME_LONGEST = tuple(sorted(_TITLES | set(KIN_AFTER_CHILD), key=len, reverse=True))
_TITLE_RE = "|".join(sorted(_TITLES, key=len, reverse=True))
_COMPOUND_RE = "|".join(sorted(ZH_COMPOUND, key=len, reverse=True))
_SURNAME_CHARS = "".join(sorted(ZH_SURNAMES | ZH_RARE_SURNAMES))
_COMMON_CHARS_EARLY = "".join(sorted(COMMON_ZH_SURNAMES))
# Text normalisation spaces Chinese from Latin letters, so 张sir arrives as 张 sir; a
# teacher is 岑Miss as often as 陳Sir.
_TITLED = re.compile(
    f"(?P<surname>{_COMPOUND_RE}|[{_SURNAME_CHARS}])(?P<title>{_TITLE_RE}| (?:Sir|sir|SIR|Miss|MISS)(?![A-Za-z]))"
)
# Code-mixed typing spaces words apart: 搵咗 曾 議員, 係咪 陳 太 呀. A spaced surname and
# title count only with spaces on both sides of the surname and a two-character title.
_SPACED_TITLE_WORDS = "|".join(
    sorted(
        (
            t
            for t in _STRONG_TITLES | both_scripts(("老師", "校長", "主席", "律師", "師傅", "經理", "主任", "姑娘"))
            if len(t) > 1
        ),
        key=len,
        reverse=True,
    )
)
_SPACED_SURNAME_TITLE = re.compile(
    f"(?:^|(?<=[ \t]))(?P<surname>{_COMPOUND_RE}|[{''.join(sorted(COMMON_ZH_SURNAMES))}])[ \t](?:{_SPACED_TITLE_WORDS})",
    re.MULTILINE,
)
# 李工说, 找王工: 工 (engineer) after a common surname, where a person is spoken of or to.
_ENGINEER = re.compile(f"(?P<surname>[{_COMMON_CHARS_EARLY}])工")
_ENGINEER_BEFORE = frozenset(both_scripts_chars("找讓叫問跟和同給請由把被向對@"))
# 理赔专员韦工来电, 监理吴工说, 那个黄工: after a role or a measure word, the title of the
# person the role names (not 員工, which ends in 工 itself: 員 is the word's start there).
_ENGINEER_ROLE_BEFORE = frozenset(both_scripts_chars("員位個師"))
_ENGINEER_ROLE_WORDS = frozenset(both_scripts(("監理", "經理", "助理")))
_ENGINEER_AFTER = frozenset(both_scripts_chars("挺應"))
_GONG_WORD_ENDS = frozenset(
    both_scripts_chars("程作人廠具資業地序藝商會友夫時期種號位服傷錢整匠班頭科字場房處務聯黨運")
)
_NOT_ENGINEER = frozenset(
    both_scripts(("施工", "童工", "包工", "祝工", "雷工", "毛工", "万工", "萬工", "車工", "石工", "金工", "鍾工"))
)
# What follows a one-character title when it is the start of a word, not a title:
# 生日 (birthday), 太多 (too many), 總結 (summary), 姐妹 (sisters), 伯父 (uncle).
_NOT_AFTER = {
    "生": set(both_scripts_chars("日活意產病命氣存果成效長育物態字涯前後菜肖計")),
    "太": set(
        both_scripts_chars(
            "多少大小貴平遲早好快慢難易長短高低熱凍冷遠近細重輕忙累夜晏夠過差辛攰靚貼誇離犀勁耐甜鹹淡辣酸急緊窄闊擠舊新老嚴深淺吵靜陽空子后古極監保"
        )
    ),
    "總": set(both_scripts_chars("結數部共額計是算之會站公括體和值量分行裁統督理署台部局要得")),
    "姐": set(both_scripts_chars("妹弟夫")),
    "伯": set(both_scripts_chars("父母爵特利樂仲")),
    "叔": set(both_scripts_chars("父公伯")),
    "哥": set(both_scripts_chars("們倫本德華")),  # 溫哥華 is Vancouver
    "婆": set(both_scripts_chars("婆家媳娑羅")),
    "嫂": set(both_scripts_chars("子")),
}
# Words a surname's character and a title's character make together: 衛生, 花生, 蘇生.
_SURNAME_WORDS = both_scripts(
    tuple(
        "衛生 花生 畢生 蘇生 余生 師生 招生 平生 長生 殷生 龍生 書生 新生 終生 考生 民生 方生 "
        "方太 高太 金總 石總 成總 龍總 江總 蘇哥 帥哥 師姐 師兄 師叔 師哥 空姐 房嫂 文哥 "
        "車太 水太 錢太 路太 田生 金生 江生 林生日 區議員 區議會 區議席".split()
    )
)
# Of those, the ones that are Mr So and Mr Fong where a clause opens with them and a verb a
# person does follows (。方生想用佢公司, 蘇生問你): 蘇生 revives and 方生 is a word only
# inside longer phrases.
_CLAUSE_PEOPLE = both_scripts(tuple("蘇生 方生 殷生 龍生 方太 高太".split()))
# The parties of a deal or a case, named before the person who is one (業主方生, 租客高太).
_PARTY_ROLES = both_scripts(tuple("業主 租客 客戶 買家 賣家 老闆 房東 經紀 事主 病人 家長".split()))
# Words that end on a surname's character (a title after them is a role, not a name):
# 公關經理, 泥水師傅, 英文老師.
_WORDS_BEFORE = both_scripts(
    tuple(
        "公關 泥水 英文 中文 數學 歷史 音樂 體育 美術 地理 物理 化學 生物 電腦 中心 主任 副 總 "
        "提高 最高 身高 明白 空白 如何 為何 任何 完成 變成 組成 森林 叢林 園林 千金 現金 資金 工程 課程 "
        "黃金 基金 獎金 租金 一周 本周 上周 下周 每周 平安 公安 保安 治安 大陸 海關 機關 相關 "
        "有關 地方 對方 雙方 官方 警方 校方 院方 東方 西方 南方 北方 上方 下方 處方 配方 比方 "
        "石油 汽車 火車 單車 開車 泊車 上車 落車 食水 熱水 凍水 薪水 口水 洗衣 內容 形容 "
        "大姐 二姐 表姐 家姐 阿姐 大哥 二哥 表哥 阿哥 大嫂 阿嫂 阿叔 大叔 表叔 阿伯 大伯 老伯 "
        "外婆 阿婆 老婆 家婆 公婆 師奶 學生 先生 醫生 後生 出生 發生 產生 陌生 衛生 一生 人生 "
        "考生 女生 男生 新生 小生 眾生 太太 老太 師太 各位 諸位 本地 白白 檢查 調查 審查 巡查 搜查 追查 "
        "謝謝 多謝 感謝 答謝 致謝 鳴謝".split()
    )
)
# A married woman's name with her husband's surname first, before a title: 何陳秀英女士.
_COMMON_CHARS = "".join(sorted(COMMON_ZH_SURNAMES))
_MARRIED = re.compile(
    f"(?P<name>[{_COMMON_CHARS}][{_COMMON_CHARS}][{''.join(sorted(ZH_GIVEN))}]{{2}})(?=女士|太太|夫人|老太|婆婆|老師|醫生|校長)"
)
_KIN_HAN = frozenset(both_scripts_chars("媽爸哥姐叔姨嫂婆公嫲爺伯妹弟嬸舅仔女囡囝孫"))


# An English title before a Chinese surname, whatever follows: Miss 陳講咗, Mr 黃 話.
_LATIN_TITLE_SURNAME = re.compile(
    f"(?<![A-Za-z])(?:Mr|Mrs|Ms|Miss|Dr|Mdm|Madam|MR|MRS|MS|MISS|DR)\\.?[ \t]?(?P<surname>{_COMPOUND_RE}|[{''.join(sorted(COMMON_ZH_SURNAMES))}])"
)
_SURNAMED = re.compile(
    f"(?P<surname>{_COMPOUND_RE}|[{''.join(sorted(COMMON_ZH_SURNAMES))}])姓"
    "(?=男|女|司機|司机|職員|职员|警員|警员|老翁|老婦|婦人|妇人|少年|少女|學生|学生|人士|乘客|住客|市民|事主|保安|工人|商人|船長|店主|業主|業戶|租客|病人|患者)"
)
# (a relation may follow the name inside the brackets: 卞太太（汤丽，妻子）)
_ALIAS = re.compile(f"[ \t]?[（(](?P<name>[{HAN}]{{2,4}})(?:[，,、；; ][^）)\n]{{1,10}})?[）)]")


_ANY_HAN = re.compile(f"[{HAN}]")


# A romanised surname, in any case, before a Chinese title (normalisation spaces the two
# apart): leung 太, Chan 生, wong 小姐, ho sir.
_LATIN_TITLED = re.compile(
    r"(?<![A-Za-z'’.-])(?P<surname>[A-Za-z]{2,6})[ \t]?(?:先生|小姐|女士|太太|姑娘|師傅|师傅|生|太|姐|哥)(?![\u4e00-\u9fff])"
)

# A romanised surname before a Cantonese title spelt in Latin letters: Choy sifu, Wong gor.
_LATIN_SURNAME_CANTO_TITLE = re.compile(
    r"(?<![A-Za-z'’.-])(?P<surname>[A-Z][a-z]{1,6})[ \t](?:[Ss]ifu|[Gg]or|[Jj]ie|[Ss]uk|[Pp]or|[Pp]ak|[Ss]ir)"
    # (said twice, as children call their elders: Kwan Por Por, Chan Suk Suk)
    r"(?:[ \t](?:[Gg]or|[Jj]ie|[Ss]uk|[Pp]or|[Pp]ak))?(?![A-Za-z])"
)
# An English given name with a sibling's title: 記得報 Amy 姐, Kelvin 哥.
_GIVEN_SIBLING_TITLED = re.compile(r"(?<![A-Za-z'’.-])(?P<given>[A-Z][a-z]{2,10})[ \t]?(?:姐|哥)(?![\u4e00-\u9fff])")
_FORMAL_TITLES = ("先生", "小姐", "女士", "太太", "姑娘", "生", "太")
# Surnames that are also English words or Cantonese particles in lower case (我 so 太 累).
_LOWER_WORDS_NOT_SURNAMES = frozenset(
    "so to do go no on in it is at an as be by me my he we or up us am hi ok ma la lo".split()
)


def latin_titled_surnames(text: str) -> Iterator[tuple[int, int, float]]:
    """A Hong Kong surname in Latin letters with a Chinese title after it (``leung太``) or a
    Cantonese one spelt in Latin letters (``Choy sifu``), and an English given name with a
    sibling's title (``Amy 姐``)."""
    for match in _LATIN_SURNAME_CANTO_TITLE.finditer(text):
        surname = match["surname"]
        if is_surname(surname) and not never_a_name(surname.lower()):
            yield *match.span(), 0.65  # the title with it: half of "Kwan Por Por" is no name
    if not _ANY_HAN.search(text):
        return
    for match in _LATIN_TITLED.finditer(text):
        surname = match["surname"]
        word = surname.islower() and surname in _LOWER_WORDS_NOT_SURNAMES
        # (a capitalised surname that is also a word is a surname before a spouse's or
        # stranger's title: Ma 太, So 生, To 小姐)
        titled = surname.istitle() and match[0].endswith(_FORMAL_TITLES)
        if surname.lower() in ROMANISED_SURNAMES and (titled or not never_a_name(surname.lower())) and not word:
            yield *match.span("surname"), 0.65
    for match in _GIVEN_SIBLING_TITLED.finditer(text):
        if is_given(match["given"], in_position=True) and not never_a_name(match["given"].lower()):
            yield *match.span("given"), 0.65


# A word that introduces a person before a rarer surname and its title: 有位甄太, 搵覃生, 我係禤太.
_INTRODUCERS = frozenset(both_scripts_chars("位個嘅搵找叫問同跟俾畀請話選給讓向由係"))


def zh_titled_surnames(text: str) -> Iterator[tuple[int, int, float]]:
    """A surname and a title in running Chinese (``帶關生關太睇``, ``叫林太簽``)."""
    if not _ANY_HAN.search(text):
        return
    for match in _ENGINEER.finditer(text):
        start = match.start()
        before = text[start - 1 : start] if start else ""
        after = text[match.end() : match.end() + 1]
        role = before in _ENGINEER_ROLE_BEFORE or text[max(0, start - 2) : start] in _ENGINEER_ROLE_WORDS
        if match[0] in _NOT_ENGINEER or (
            before and _ANY_HAN.match(before) and before not in _ENGINEER_BEFORE and not role
        ):
            continue
        # 由刘工面试: after a word that hands work to someone, any verb may follow, but
        # not the rest of a word with 工 (李工程師, 王工作, 陳工人).
        handed = (before in _ENGINEER_BEFORE or role) and after not in _GONG_WORD_ENDS
        if after and _ANY_HAN.match(after) and after not in _NICK_FOLLOW | _ENGINEER_AFTER and not handed:
            continue
        yield *match.span(), 0.65  # the title too, as 陳生 and 黃太 are taken whole
    for match in _TITLED.finditer(text):
        surname, title = match["surname"], match["title"].lstrip()
        start, end = match.span("surname")
        before = text[start - 1 : start] if start else ""
        after = text[match.end() : match.end() + 1]
        if len(surname) == 1:
            rare = surname not in ZH_SURNAMES
            # 備註：覃太會帶BB車: a rarer surname with 生/太 only where a clause starts and a
            # verb follows, never inside a word (廚房太細, 歷史太長).
            after_title = text[match.end() : match.end() + 1]
            clause = (not before or not re.match(f"[{HAN}]", before) or before in _INTRODUCERS) and (
                after_title in _DOES_AFTER or not re.match(f"[{HAN}]", after_title or "一")
            )
            # 团建，覃主任请客: a two-character title at a clause start counts as 太/生 do.
            if (
                rare
                and title not in _STRONG_TITLES
                and not ((title in ("生", "太", "總", "总") or len(title) > 1) and clause)
            ):
                continue
            if len(title) == 1 and surname not in COMMON_ZH_SURNAMES and not clause:
                continue
        if before and re.match(f"[{HAN}]", before):
            if surname in ("任", "于", "於", "向", "對", "对", "和", "同", "及", "與", "与"):
                continue  # 鄭先生任主席: "serves as", not Mr Yam
            if before + surname in _WORDS_BEFORE or text[max(0, start - 2) : start] + surname in _WORDS_BEFORE:
                continue
        if after in _NOT_AFTER.get(title, ()):
            continue
        # (。方生想用: Mr Fong, at a clause's start, doing something, though 方生 is also a word)
        opens_clause = not (before and re.match(f"[{HAN}]", before))
        # (or after the role the person holds in the deal: 我同業主方生講)
        opens_clause = opens_clause or text[max(0, start - 2) : start] in _PARTY_ROLES
        said = surname + title in _CLAUSE_PEOPLE and opens_clause and after in _DOES_AFTER
        if not said and (surname + title in _SURNAME_WORDS or (surname + title + after) in _SURNAME_WORDS):
            continue
        if title in ("Sir", "sir") and re.match("[A-Za-z]", after):
            continue
        if title == "律師" and after == "行":
            continue  # 胡關李羅律師行 is a law firm
        if zh_place_overlaps(text, start, end + len(title)):
            continue
        # (a Latin title is taken with the surname: 尹Miss, 陳Sir are how a class names its teacher)
        latin_title = title.isascii()
        yield start, match.end() if latin_title else end, 0.65 if len(title) == 1 else 0.7
        alias = _ALIAS.match(text, match.end())
        if alias and zh_name_shape(alias["name"], rare=True):
            yield *alias.span("name"), 0.7  # 馮伯（馮炳）: the full name in brackets
    for match in _MARRIED.finditer(text):
        if not zh_place_overlaps(text, *match.span("name")):
            yield *match.span("name"), 0.75
    for match in _LATIN_TITLE_SURNAME.finditer(text):
        yield *match.span("surname"), 0.7
    for match in _SPACED_SURNAME_TITLE.finditer(text):
        yield *match.span("surname"), 0.7
    for match in re.finditer(f"(?<=姓)[ \t]?(?P<surname>{_COMPOUND_RE}|[{_SURNAME_CHARS}])", text):
        after = text[match.end() : match.end() + 1]
        common = match["surname"] in COMMON_ZH_SURNAMES or len(match["surname"]) == 2
        if common or not after or not re.match(f"[{HAN}]", after) or after in "嘅的先小太女生，。,":
            yield *match.span("surname"), 0.7
    # 陳姓司機, 李姓男子: the way news and police reports name a person by surname.
    for match in _SURNAMED.finditer(text):
        yield *match.span("surname"), 0.7


# ---- Chinese nicknames in running text ----

# 阿 before these opens a word or a foreign name, not a nickname: 阿拉伯, 阿根廷, 阿膠.
_AH_WORDS = frozenset(both_scripts_chars("拉里根爾富聯彌蘇膠斯士嬤麼姨媽爸哥姐叔嫂婆公伯仔女妹弟爺嫲Q"))
# Characters after which 阿X is the end of a longer word: 東南亞 is not, but 馬來西阿 is rare.
# (and drugs' names, spelt likewise: 阿莫西林, 阿司匹林)
_TRANSLITERATION = frozenset(both_scripts_chars("納那尼利亞斯爾德特姆瑪曼諾薩蘭克倫達羅奴托卡西司匹"))
_AH = re.compile(f"阿([{HAN}])")
# 阿B, 阿 J: a Cantonese nickname of one Latin capital (the normaliser may space it).
_AH_LETTER = re.compile(r"阿 ?[A-PR-Z](?![A-Za-z0-9])")
# A baby or toddler by BB and a given name's character, or its doubled pet name: BB晴,
# BB晴晴 (not BB車, BB床: a pram and a cot).
_BB_NAME = re.compile(f"(?<![A-Za-z])BB ?(?P<name>(?P<char>[{HAN}])(?P=char)?)")
# After 老 or 小 a surname is a nickname only where a word like these follows, or no
# Chinese character does: 老王在现场, @小李 明天, not 小麥粉, 老陳醋.
_NICK_FOLLOW = frozenset(
    both_scripts_chars(
        "在說話講叫同和跟都也又就是係嘅的個呢呀啊吖喎哋會已要去來有冇沒唔不今明昨負幫話講睇搵打帶交同你我佢他她，。、：:！？,!?;"
        "下上把被給讓請說過還先"
    )
)
_OLD_YOUNG_NOT = frozenset(both_scripts_chars("成區於江古花毛方高金石白文公家車水夏余麥龍米葉朱時馬"))
_OLD_YOUNG = re.compile(f"(?P<prefix>[老小])(?P<surname>[{''.join(sorted(COMMON_ZH_SURNAMES))}])")
# 老 before any surname the lists know, as mainland chats name an older colleague (老俞,
# 老解, 老聂); 小 stays with the common surnames, since 小 opens so many words, except
# where a speaker's colon or a pronoun follows (市场部-小郗：, 小佟你).
_OLD_ANY = re.compile(f"老(?P<surname>[{''.join(sorted(ZH_SURNAMES - COMMON_ZH_SURNAMES))}])")
_YOUNG_ANY = re.compile(
    # and a compound surname so (小司马：, 小欧阳你)
    f"小(?P<surname>{_COMPOUND_RE}|[{''.join(sorted((ZH_SURNAMES | ZH_RARE_SURNAMES) - COMMON_ZH_SURNAMES))}])"
    "(?=[ \t]*[:：]|你|妳|您|佢|他|她)"
)


# What a person goes on to do after a nickname (老周剛修過, 小刘回复, 小郑未核对, 打老周電話,
# 老黄介绍, 老孟借) or after a less common surname's title (方生想用, 覃太會帶): besides
# _NICK_FOLLOW, verbs and adverbs that open a clause. Not in _NICK_FOLLOW itself, which other
# rules read as "no name goes on here": 剛, 正, 開 and 發 are given names' characters too
# (王剛, 李正).
_DOES_AFTER = _NICK_FOLLOW | frozenset(both_scripts_chars("剛電回未正再問想介借拿收買教開寫發簽接找看修搬提與那這"))


def _word_goes_on(text: str, end: int, follow: frozenset[str] = _NICK_FOLLOW) -> bool:
    """Whether a Chinese character that follows no person comes right after ``end``
    (小麥粉, BB車): the characters before it are a word's start, not a nickname."""
    after = text[end : end + 1]
    return bool(after) and re.match(f"[{HAN}]", after) is not None and after not in follow


def zh_nicknames(text: str) -> Iterator[tuple[int, int, float]]:
    """``阿芬``, ``阿杰`` anywhere in running text; ``老王``, ``小李`` before a word that
    follows a person (or no Chinese character)."""
    for match in _AH.finditer(text):
        char = match[1]
        if char in _AH_WORDS or (char not in ZH_GIVEN and char not in ZH_SURNAMES):
            continue
        if text[match.end() : match.end() + 1] in _TRANSLITERATION:
            continue  # 阿森納, 阿曼達: a foreign word or name spelt in sounds
        if zh_place_overlaps(text, *match.span()) or before_shop_word(text, match.end()):
            continue  # 阿麗美容院 is a shop
        yield *match.span(), 0.6
    for match in _AH_LETTER.finditer(text):
        yield *match.span(), 0.6
    for match in _BB_NAME.finditer(text):
        char, end = match["name"][0], match.end()
        if char not in ZH_GIVEN or char in ZH_NOT_IN_NAME or char in _OLD_YOUNG_NOT:
            continue
        if len(match["name"]) == 2 or not _word_goes_on(text, end):
            yield *match.span(), 0.6
    for match in (*_OLD_YOUNG.finditer(text), *_OLD_ANY.finditer(text), *_YOUNG_ANY.finditer(text)):
        surname = match["surname"]
        if _whole_cell(text, *match.span()):
            yield *match.span(), 0.6  # |老马⏎: a log's handler, the cell holds nothing else
            continue
        if (
            surname in _OLD_YOUNG_NOT
            or match[0] in ORDINARY_WORDS
            or text[match.start() : match.end() + 1] in ORDINARY_WORDS
        ):
            continue  # 小童 is a child, 小巴 a minibus
        before = text[match.start() - 1 : match.start()] if match.start() else ""
        if before in ("从", "從", "大", "老", "小", "最", "太"):
            continue
        after_role = text.endswith(_ROLES_BEFORE_OLD_YOUNG, 0, match.start())
        # 小陈保姆带她, 老王師傅: the role the person is known by, after the nickname
        role_after = text.startswith(_ROLES_AFTER_OLD_YOUNG, match.end())
        if _word_goes_on(text, match.end(), _DOES_AFTER) and not after_role and not role_after:
            continue
        yield *match.span(), 0.6


_ROLES_AFTER_OLD_YOUNG = tuple(
    both_scripts(
        ("保姆", "保母", "司機", "師傅", "姐姐", "阿姨", "老師", "同事", "經理", "助理", "主管", "保安", "護士")
    )
)
_CELL_EDGE = "|｜\t"


def _whole_cell(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` fills a table's cell: a bar or a tab before it, and a bar,
    a tab or the line's end after it."""
    opens = start > 0 and text[start - 1] in _CELL_EDGE
    return opens and (end == len(text) or text[end] == "\n" or text[end] in _CELL_EDGE)


# ---- chat speakers written as nicknames ----

# A time stamp before the speaker: ``[21:15]``, ``21:15 -`` or a WhatsApp export's
# ``07/05/2026, 07:12 -``.
_STAMP = (
    r"(?:\[[^\]\n]{3,30}\][ \t]*|\d{1,2}[:.]\d{2}[ \t]+(?:-[ \t]+)?"
    r"|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?[ \t]+\d{1,2}:\d{2}(?::\d{2})?[ \t]*(?:[AaPp][Mm])?[ \t]*-[ \t]*"
    # a group log's day and month without the year: 11/28 08:55 小马:
    r"|\d{1,2}/\d{1,2}[ \t]+\d{1,2}:\d{2}[ \t]+"
    rf"|{ZH_DATE_STAMP})"
)
_ZH_SPEAKER = re.compile(rf"(?m)^[ \t]*(?P<stamp>{_STAMP})?(?P<who>[^\n:：\[\]]{{1,16}}?)[ \t]*[:：](?![/\d])")
# Role words that may stand before a speaker's name: 客服小美：, 仓库老郑：, 主管冯姐：.
_ZH_ROLES = tuple(
    sorted(
        both_scripts(
            (
                "客服",
                "倉庫",
                "倉務",
                "主管",
                "群主",
                "司機",
                "跟車",
                "會計",
                "秘書",
                "助理",
                "經理",
                "護士",
                "保安",
                "管理員",
                "師傅",
                "老闆",
                "設計師",
                "營業員",
                "店長",
                "管工",
                "導師",
                "教練",
                "業主",
                "租客",
                "住客",
                "家長",
                "車主",
                "電工",
                "水電",
                "主播",
                "前台",
                "義工",
                "同事",
                "店員",
            )
        ),
        key=len,
        reverse=True,
    )
)
# A role before 老王 or 小李 says a person whatever follows (司机老张周四另有一单,
# 管理处老张那边, 维修师傅老黄入22A).
_ROLES_BEFORE_OLD_YOUNG = tuple(
    sorted({*_ZH_ROLES, *both_scripts(("管理處", "同學", "維修", "工友", "鄰居", "房東"))}, key=len, reverse=True)
)


# A nickname's shape: an affix before (阿, 小, 老, 肥, 大隻, 細) or after (仔, 哥, 姐, 妹, B).
_NICK_PREFIX = tuple(
    sorted(
        both_scripts(("阿", "亞", "小", "老", "肥仔", "肥", "大隻", "細", "靚仔", "高佬", "矮", "黑", "胖")),
        key=len,
        reverse=True,
    )
)
_NICK_SUFFIX = tuple(
    sorted(both_scripts(("仔", "哥", "姐", "妹", "女", "B", "豬", "嫂", "叔", "伯", "嬸", "姨")), key=len, reverse=True)
)
_NOT_NICK = both_scripts(
    tuple(
        "大哥 二哥 三哥 細佬 家姐 大姐 二姐 表哥 表姐 表妹 阿哥 阿姐 阿妹 阿媽 阿爸 阿嫲 阿爺 阿公 阿婆 "
        "細姨 阿姨 老公 老婆 老豆 老竇 老媽 老細 老闆 老師 小姐 小妹 小朋友 肥仔 靚仔 靚女 細路 大佬 "
        "阿叔 阿伯 阿嬸 阿嫂 大嫂 姑姐 姐姐 哥哥 妹妹 弟弟 媽咪 爹哋 老爺 奶奶 外婆 外公 二叔 三叔 "
        "大伯 小明 客服 調度 系統 主持 群主 管理員 阿仔 阿女 小女 小仔 細妹 細仔 大仔 大女 老友 "
        # 亞 leads older Hong Kong nicknames (亞娣, 亞芳) and the words for Asia.
        "亞洲 亞太 亞博 亞視 亞運 亞軍 亞麻 亞熱 "
        # 細 before an ordinary word: careful, quiet, small, drizzle
        "細心 細聲 細雨 細小 細水 細長 "
        # a mother's sisters by their order, not a nickname: 大姨, 二姨, 小姨
        "大姨 二姨 三姨 四姨 五姨 小姨 表姨 姑姨 姨姨".split()
    )
)


_AFFIX_ONLY = both_scripts(("阿", "小", "老"))
NICK_FOLLOW = _NICK_FOLLOW


def _nickname(word: str) -> bool:
    """Whether a run of 2-4 characters is shaped like a Cantonese or Mandarin nickname
    (the text is normalised, so a space may stand between Chinese and Latin: 阿 May)."""
    word = word.replace(" ", "")
    if word in _NOT_NICK or not 2 <= len(word) <= 4:
        return False
    # 細B, 大B, 肥B: a size and a letter, as Hong Kong calls its youngest; 大隻佬.
    if re.fullmatch("[細细大肥][A-Z]", word) or word in _SET_NICKNAMES:
        return True
    for prefix in _NICK_PREFIX:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and (1 <= len(rest) <= 2 or re.fullmatch("[A-Za-z]{3,8}", rest)):
            han_ok = re.fullmatch(f"[{HAN}]+", rest) and all(ch in ZH_GIVEN or ch in ZH_SURNAMES for ch in rest)
            if (han_ok or re.fullmatch("[A-Za-z]+", rest)) and rest not in _NOT_NICK and rest[-1] not in _KIN_HAN:
                return True
            if prefix not in _AFFIX_ONLY and rest in ("仔", "妹", "女", "B", "姐", "哥"):
                return True  # 黑仔, 肥妹: a descriptor and a diminutive
    for suffix in _NICK_SUFFIX:
        core = word[: -len(suffix)]
        shaped = word.endswith(suffix) and 1 <= len(core) <= 2 and re.fullmatch(f"[{HAN}]+", core)
        if shaped and all(ch in ZH_GIVEN or ch in ZH_SURNAMES for ch in core) and core[-1] not in _KIN_HAN:
            return True
    # 肥仔明, 細佬B, 肥佬輝, 大隻廣: an affix in the middle of three characters.
    if len(word) == 3 and (word[:2] in _NOT_NICK or word[:2] in _MIDDLE_AFFIXES):
        return word[2] in ZH_GIVEN or word[2] in ZH_SURNAMES or word[2].isascii() or word[2] in _NICK_PLAIN_CHARS
    # 阿珍姐, 阿強哥: 阿, a given name's character and a title of seniority.
    if len(word) == 3 and word[0] == "阿" and word[1] in ZH_GIVEN and word[2] in _SENIORITY:
        return True
    # 老陈头, 老王頭: 老, a surname and 头, as villages call their old men.
    if len(word) == 3 and word[0] == "老" and word[1] in COMMON_ZH_SURNAMES and word[2] in "头頭":
        return True
    # Q仔, KK妹: a letter or two and a diminutive.
    return re.fullmatch("[A-Z]{1,2}[仔女妹]", word) is not None


# Nicknames made of a description that Hong Kong uses as names: 大隻佬 (the big guy).
_SET_NICKNAMES = both_scripts(("大隻佬", "大隻雄", "豬仔", "豬豬"))
# Titles of seniority after 阿 and a given name's character (阿珍姐).
_SENIORITY = "姐哥叔嬸婆伯"
# (Characters seldom in a formal name that nicknames use: 廣, 牛, 蛇.)
_NICK_PLAIN_CHARS = frozenset("廣广牛蛇狗豬猪")
_MIDDLE_AFFIXES = frozenset(
    both_scripts(("肥仔", "肥妹", "靚仔", "細佬", "細路", "大隻", "肥佬", "肥婆", "高佬", "矮仔", "大頭", "四眼"))
)


nickname_shaped = _nickname
_ROLE_WORDS = frozenset(_ZH_ROLES)
_ROLE_DASH = re.compile(r"[ \t]?[-－–][ \t]?")


_NICK_CUE = re.compile(
    "(?:"
    + "|".join(
        sorted(
            both_scripts(("我係", "我是", "我叫", "叫做", "佢叫", "佢係", "同埋", "我同", "搵", "叫")),
            key=len,
            reverse=True,
        )
    )
    + ")"
)


def zh_nickname_speakers(text: str) -> Iterator[tuple[int, int, float]]:
    """A chat speaker written as a nickname, alone or after a role word: with a time
    stamp, or a label that recurs down the text."""
    if not re.search(f"[{HAN}]", text):
        return
    found: list[tuple[int, int, bool]] = []
    counts: Counter[str] = Counter()
    for match in _ZH_SPEAKER.finditer(text):
        who = match["who"].strip()
        offset = match.start("who") + match["who"].index(who) if who else 0
        for role in _ZH_ROLES:
            if who.startswith(role) and len(who) > len(role):
                dash = _ROLE_DASH.match(who, len(role))
                cut = dash.end() if dash else len(role)  # 客服-可可：
                rest = who[cut:].lstrip()
                offset += len(who) - len(rest)
                who = rest
                break
        kin = next((k for k in KIN_AFTER_CHILD if who.endswith(k) and len(who) == len(k) + 2), None)
        if kin and given_shape(who[:2]):
            who = who[:2]  # 朵朵妈妈：, the child's name of the parent who writes
        if who in _ROLE_WORDS or who in ORDINARY_WORDS:
            continue  # 車主：, 客服： a role speaking, not a name
        titled = next((t for t in _TITLES_LONGEST if who.endswith(t) and len(who) > len(t)), None)
        if titled and zh_surname_length(who[: -len(titled)], rare=True) == len(who) - len(titled):
            who = who[: -len(titled)]  # 黃主席:, 张总: the surname, less the title
        elif not who or not (_nickname(who) or zh_name_shape(who, rare=True) or given_shape(who)):
            continue
        counts[who] += 1
        found.append((offset, offset + len(who), match["stamp"] is not None))
    # Three speaker lines make a chat: then a nickname speaking once is a person too.
    chat = len(found) >= 3
    for start, end, stamped in found:
        if stamped or chat or counts[text[start:end]] >= 2 or text[start] in "阿小老肥細细靚靓":
            yield start, end, 0.7
    # 我係肥姐呀, 同黑仔換更: a nickname after a word that introduces or joins a person.
    for match in _NICK_CUE.finditer(text):
        pos = match.end()
        for size in (3, 2):
            word = text[pos : pos + size]
            after = text[pos + size : pos + size + 1]
            if word[-1:].isascii() and word[-1:].isalpha() and after.isascii() and after.isalpha():
                continue  # 搵阿Sir: not a Latin word cut short (阿Si); 阿 and a whole word is read elsewhere
            if _nickname(word) and (not after or not re.match(f"[{HAN}]", after) or after in _NICK_FOLLOW):
                yield pos, pos + size, 0.65
                break
    # - 莉莉姐話佢媽媽入咗院: a nickname opening a list's line, then saying something.
    for match in _LIST_HEAD.finditer(text):
        pos = match.end()
        for size in (3, 2):
            if _nickname(text[pos : pos + size]) and text[pos + size : pos + size + 1] in _SAYS:
                yield pos, pos + size, 0.65
                break
    # ，細威話「廿幾啦」: a nickname opening a clause, then saying something in quotes.
    for match in _NICK_QUOTED.finditer(text):
        for size in (3, 2):
            word = match["words"][:size]
            if len(word) == size and match["words"][size : size + 1] in _SAYS and _nickname(word):
                yield match.start("words"), match.start("words") + size, 0.65
                break
    # FPS 過 明仔 6288 9153: a nickname whose mobile follows it is its owner.
    for match in _NICK_BEFORE_PHONE.finditer(text):
        if _nickname(match["nick"]):
            yield *match.span("nick"), 0.65


# (a Hong Kong mobile, with or without its country code)
_NICK_BEFORE_PHONE = re.compile(
    rf"(?<![{HAN}A-Za-z])(?P<nick>[{HAN}A-Z]{{2,3}})[ \t]*[:：]?[ \t]*(?:\+?852[ \t-]?)?[4-9]\d{{3}}[ \t-]?\d{{4}}(?!\d)"
)
_LIST_HEAD = re.compile(r"(?m)^[ \t]*(?:[-•*・]|\d{1,2}[.)、])[ \t]*")
_NICK_QUOTED = re.compile(
    rf"(?:^|(?<=[，。！？；,.!?;」”\n]))[ \t]*(?P<words>[{HAN}]{{3,4}})(?=[:：「“])", re.MULTILINE
)
_SAYS = frozenset(both_scripts_chars("話講問覆答說"))


# ---- English given names that are words, beside a relative's word ----

_KIN_AFTER = re.compile(
    r"(?<![A-Za-z'’])(?P<name>[A-Z][a-z]{1,14})(?:['’]s)?[ \t]?"
    r"(?P<kin>mum|mom|mummy|mommy|mama|dad|daddy|papa|grandma|grandpa|granny|"
    r"媽媽|媽咪|媽|爸爸|爸|爹哋|嫲嫲|婆婆|公公|爺爺|妈妈|妈咪|妈|爷爷)(?![a-z])"
)
_NOT_KIN_NAME = frozenset(
    "tiger single working super busy new proud stay home step soccer class room school hong kong my your his her "
    "the our their a any every other some dear hi hello first young old good bad great best yummy cool "
    "helicopter hockey dance swim football piano boy girl baby".split()
)


def kin_word_names(text: str) -> Iterator[tuple[int, int, float]]:
    """``King媽媽``, ``Apple mum``, ``Star's grandma``: a child called by a word."""
    for match in _KIN_AFTER.finditer(text):
        name = match["name"]
        lower = name.lower()
        if lower in _NOT_KIN_NAME or never_a_name(name) or lower in STOP or is_place(name):
            continue
        if match["kin"].isascii() and "'" not in match[0] and "’" not in match[0] and " " not in match[0]:
            continue  # Kingmum is no word; a name and an English kin word have a space
        yield *match.span("name"), 0.7


# ---- romanised surnames after list heads, initials and ward roles ----

_VENUE_WORDS = frozenset("road street avenue lane building centre center plaza tower house hall court estate".split())
_CAP_SURNAME = re.compile(
    r"(?<![A-Za-z'’-])(?P<first>[A-Z][a-z]{2,14})[ \t](?P<surname>[A-Z][a-z]{1,10}|[A-Z]{2,10})(?![A-Za-z])"
)
# What may stand before a list entry: a line start, a separator, two spaces, or a joining word.
# (and a dash after a time or number: 10:30 – Isla Ng)
_ENTRY_HEAD = re.compile(r"(?:^|[\n:;,&|/(\t]|  |[\d)] ?[–—-] |(?<![A-Za-z])(?:and|with|by|to|cc|from|as) )[ \t]*$")


def _entry_head(text: str, start: int) -> bool:
    """Whether ``text[start:]`` begins a list entry (the regexes stay simple and fast)."""
    return _ENTRY_HEAD.search(text[max(0, start - 8) : start]) is not None or start == 0


def list_head_names(text: str) -> Iterator[tuple[int, int, float]]:
    """A capitalised word and a romanised surname heading a list entry or after ``and``,
    ``&``, ``by``: ``Gideon Yeung & Precious Yeung``, ``19:00  King Cheung  x10``."""
    for match in _CAP_SURNAME.finditer(text):
        if not _entry_head(text, match.start()):
            continue
        first, surname = match["first"], match["surname"]
        if not is_surname(surname) or never_a_name(surname):
            continue
        lower = first.lower()
        if lower in STOP or never_a_name(first) or lower in ORG_WORDS or is_place(first):
            continue
        if lower in ROMANISED_SURNAMES or (lower in GIVEN_SYLLABLES and not is_given(first, in_position=True)):
            continue  # Lin Heung, Cheung Kong: romanised forms are read in names.py
        if surname.lower() in _WORDISH_SYLLABLES and not is_given(first):
            continue  # Welcome To, Time To: a heading's word, unless a known name leads
        if (surname.lower() in _VENUE_WORDS or surname.lower() in ORG_WORDS) and not is_given(first):
            continue  # Star Hall, Rose Court: a venue, unless a known name leads (Peter Hall)
        if is_place(f"{first} {surname}"):
            continue
        after = re.findall(r"(?<=[ \t])[A-Za-z]+", text[match.end() : match.end() + 30])[:2]
        if after and re.match(r"[ \t]", text[match.end() : match.end() + 1]):
            if after[0].lower() in ORG_WORDS or after[0].lower() in _VENUE_WORDS:
                continue  # Kam Wah Cafe, Grand Ballroom
            if any(is_place(" ".join([first, surname, *after[:k]])) for k in (1, 2)):
                continue  # Tseung Kwan O
            if is_place(f"{surname} {after[0]}"):
                continue
        yield match.start("first"), match.end("surname"), 0.7


_INITIALS_SURNAME = re.compile(
    r"(?<![A-Za-z.])(?P<name>(?:[A-Z][ .]{1,2}){1,3}(?P<surname>[A-Z][a-z]{1,10}|[A-Z]{2,10}))(?![A-Za-z])"
)
# A police or staff rank, its number, then the surname: PC 12345 Cheung, Constable 4417 WONG.
_RANK_NUMBER = re.compile(
    r"(?<![A-Za-z])(?:PC|WPC|SGT|Sgt|SSGT|Constable|Sergeant|Insp|Inspector|Officer|Agent|Staff)\.?[ \t]*"
    r"(?:No\.?[ \t]*)?#?\d{2,6}[ \t]+(?P<name>[A-Z][a-z]{1,10}|[A-Z]{2,10})(?![A-Za-z])"
)
# Two or more dotted initials and a capitalised word: A.B. Rahman, K.W. Chan.
_DOTTED_INITIALS = re.compile(
    r"(?<![A-Za-z.])(?P<initials>(?:[A-Z]\.[ ]?){2,3})(?P<word>[A-Z][a-z]{2,14}|[A-Z]{2,12})(?![A-Za-z])"
)
_NOT_INITIALS = frozenset(
    "U.S. U.K. P.O. A.M. P.M. E.G. I.E. N.B. B.C. A.D. D.C. S.A.R. H.K. P.R.C. U.N. R.S.V.P.".split()
)
# Initials run together before a surname: Prepared by KY Chan, cc: WK Lee.
_JOINED_INITIALS = re.compile(r"(?<![A-Za-z.])(?P<initials>[A-Z]{2,3}) (?P<surname>[A-Z][a-z]{1,10})(?![A-Za-z])")
_NOT_JOINED_INITIALS = frozenset(
    "HK IT HR PM AM MR MS DR CEO CFO COO CTO GM VP UK US CC RE FW FWD PS ID OK RN PC SC QC JP MBE "
    "BBS SBS GBS MH NO TEL FAX REF ATTN BY TO AND THE MTR KMB HSBC BOC SCB".split()
)
_WARD_ROLE = re.compile(
    r"(?<![A-Za-z])(?:RN|EN|RM|MO|SMO|APN|NO|WM|DM|SN|MSW|Pt|pt|PT|OT|ST|Dr|Sgt|SGT|PC|WPC|SIP|IP|CIP|Insp|Mdm)\.?[ \t]+"
    r"(?P<name>[A-Z][a-z]{1,10}|[A-Z]{2,10})(?:[ \t](?P<more>[A-Z][a-z]{1,10}|[A-Z]{2,10})){0,2}(?![A-Za-z])"
)


def initials_and_roles(text: str) -> Iterator[tuple[int, int, float]]:
    """``T Ng``, ``Y L Ngai`` (initials without full stops) and ``RN Kwok``, ``Pt WONG TAI SHING``."""
    for match in _INITIALS_SURNAME.finditer(text):
        if not _entry_head(text, match.start()):
            continue
        surname = match["surname"]
        if not surname.isupper() and (surname.lower() in _WORDISH_SYLLABLES or match["name"][:2] in ("A ", "I ")):
            continue  # A Ho Story, A To Z: an article or a word, not an initial
        if is_surname(match["surname"]) and not never_a_name(match["surname"]):
            yield *match.span("name"), 0.7
    for match in _JOINED_INITIALS.finditer(text):
        if match["initials"] in _NOT_JOINED_INITIALS or not _entry_head(text, match.start()):
            continue
        if is_surname(match["surname"]) and not never_a_name(match["surname"]) and not is_place(match[0]):
            yield *match.span(), 0.7
    for match in _WARD_ROLE.finditer(text):
        words = match[0].split()[1:]
        if not is_surname(words[0]) or never_a_name(words[0]):
            continue
        if is_place(" ".join(words)) or any(w.lower() in ORG_WORDS for w in words):
            continue
        yield match.start("name"), match.end(), 0.7
    for match in _RANK_NUMBER.finditer(text):
        if is_surname(match["name"]) and not never_a_name(match["name"]):
            yield *match.span("name"), 0.7
    if "." in text:
        for match in _DOTTED_INITIALS.finditer(text):
            word = match["word"]
            if match["initials"].replace(" ", "").upper() in _NOT_INITIALS:
                continue
            if never_a_name(word) or word.lower() in STOP or word.lower() in ORG_WORDS or is_place(word):
                continue
            yield *match.span(), 0.7


_LINE_HEAD = r"(?m)^[ \t]*(?:\d{1,3}[.)][ \t]+|[-*•·][ \t]+|Bed[ \t]*\d{1,3}[A-Z]?[ \t]+)?"
_CAPS_COMMA = re.compile(
    _LINE_HEAD
    + r"(?P<name>(?P<surname>[A-ZÀ-ÖØ-Þ]{2,}(?:[ -][A-ZÀ-ÖØ-Þ]{2,})?),[ \t]*[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3})(?![A-Za-z])"
)
_CAPS_THEN_GIVEN = re.compile(
    _LINE_HEAD + r"(?P<name>(?P<surname>[A-Z]{2,})[ \t]+[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})(?![A-Za-z])"
)


def surname_first_lines(text: str) -> Iterator[tuple[int, int, float]]:
    """``ABDULLAH, Nur Aisyah`` or ``KO Summer`` heading a numbered or bulleted line."""
    for match in _CAPS_COMMA.finditer(text):
        words = re.findall(r"[^\W\d_]+", match["name"])  # PEÑA is one word
        if any(never_a_name(w) or w.lower() in STOP or w.lower() in ORG_WORDS for w in words):
            continue
        yield *match.span("name"), 0.7
    for match in _CAPS_THEN_GIVEN.finditer(text):
        words = re.findall(r"[A-Za-z]+", match["name"])
        if not is_surname(match["surname"]) or any(never_a_name(w) or w.lower() in STOP for w in words[1:]):
            continue
        if is_place(" ".join(words)) or any(w.lower() in ORG_WORDS for w in words):
            continue
        yield *match.span("name"), 0.7


# A name in Latin letters with a Cantonese affix: 阿Sam, Hong仔, Kit妹.
_LATIN_AFFIXED = re.compile(
    r"(?P<pre>阿 ?)?(?<![A-Za-z])(?P<word>[A-Z][a-z]{1,12})(?![A-Za-z])(?P<post> ?(?:仔|妹|女|B|豬|猪|哥|姐)(?![A-Za-z]))?"
)
# A child's doubled name after a relative's word: 孫仔樂樂, 女儿朵朵.
_DOUBLED = re.compile(
    "(?:"
    + "|".join(
        sorted(
            both_scripts(("孫仔", "孫女", "外孫", "女兒", "兒子", "個女", "個仔", "囡囡", "寶寶", "仔仔", "細路")),
            key=len,
            reverse=True,
        )
    )
    + f")[ \t]?(?P<name>(?P<char>[{HAN}])(?P=char))"
)


def affixed_and_doubled(text: str) -> Iterator[tuple[int, int, float]]:
    """``阿Sam``, ``Hong仔`` whole (the affix is part of the name), and ``孫仔樂樂``."""
    if not re.search(f"[{HAN}]", text):
        return
    for match in _LATIN_AFFIXED.finditer(text):
        if not (match["pre"] or match["post"]):
            continue
        word = match["word"]
        if never_a_name(word) or is_place(word):
            continue  # not the stop words: May姐, Will仔 are names with an affix
        if is_given(word, in_position=True) or is_surname(word):
            yield *match.span(), 0.7
    for match in _DOUBLED.finditer(text):
        if match["char"] not in _KIN_HAN:
            yield *match.span("name"), 0.7
    for match in _PARENT_DOUBLED.finditer(text):
        if match["char"] not in _KIN_HAN and match["name"] not in _ORDINARY:
            yield *match.span("name"), 0.65


# A sign-up list's accompanying parent by her doubled name (欧阳一诺 妈妈苗苗 158…): after
# the parent's word and ending the entry, where a doubled word (看看, 谢谢) seldom stands.
_PARENT_DOUBLED = re.compile(
    "(?:"
    + "|".join(sorted(both_scripts(("媽媽", "爸爸", "奶奶", "爺爺", "嫲嫲", "婆婆", "公公")), key=len, reverse=True))
    + rf")[ \t]?(?P<name>(?P<char>[{HAN}])(?P=char))(?=[ \t]*(?:[\d+（(,，、;；\n]|$))"
)
_ORDINARY = frozenset(ORDINARY_WORDS)


# Ah-names typed in lower case, as chats do: tell ah ming, with ah keung.
_AH_LOWER = re.compile(r"(?<![A-Za-z])ah[ -](?P<syllable>[a-z]{2,6})(?![A-Za-z'’-])")
_WORDISH_SYLLABLES = frozenset(
    "so to on long man sin fun tin pan fan ping pong king sing wing hang kit sun ho hon lo mo ma ha chin may yes "
    "bin kan mean kin tat lap lit pat pit pun sum tan wan wo yo yu ok no yeah well see sorry right okay hmm um "
    "oh ah he she we me my i you it is was are the and or but".split()
)


def lower_ah_names(text: str) -> Iterator[tuple[int, int, float]]:
    """``ah ming``, ``ah-keung`` in lower case: a Cantonese syllable that is no English word."""
    if "ah" not in text:
        return
    for match in _AH_LOWER.finditer(text):
        syllable = match["syllable"]
        if syllable in GIVEN_SYLLABLES and syllable not in _WORDISH_SYLLABLES:
            yield *match.span(), 0.65


# A word-like given name as the subject of what only a person is: Winter is off sick.
_PERSON_STATE = re.compile(
    r"(?<![A-Za-z'’-])(?P<name>[A-Z][a-z]{1,14})[ \t]+(?:is|was|has been|will be|'s|’s)[ \t]+"
    r"(?:off sick|on (?:sick |annual |maternity |paternity )?leave|sick|unwell|absent|in hospital|pregnant|"
    r"running late|late (?:for|to|again|today)|not feeling well|feeling better|home sick|on holiday)(?![A-Za-z])"
)


def person_states(text: str) -> Iterator[tuple[int, int, float]]:
    """``Winter is off sick``, ``King was absent``: a given name that is also a word."""
    for match in _PERSON_STATE.finditer(text):
        name = match["name"]
        if never_a_name(name) or name.lower() in STOP or is_place(name):
            continue
        if is_given(name, in_position=True) or is_surname(name):
            yield *match.span("name"), 0.7


# A Cantonese predicate only a person takes, right after a word-like given name:
# Sunny話佢遲啲到, Apple今日唔返學.
_LATIN_BEFORE_ZH_PREDICATE = re.compile(
    r"(?<![A-Za-z'’-])(?P<name>[A-Z][a-z]{1,14})[ \t]?(?="
    + "|".join(
        sorted(
            both_scripts(
                (
                    "話",
                    "講咗",
                    "今日唔",
                    "唔返",
                    "返學",
                    "返工",
                    "請假",
                    "病咗",
                    "發燒",
                    "遲到",
                    "到咗",
                    "嚟咗",
                    "問我",
                    "同我講",
                    "生日",
                    "放學",
                    "考試",
                    # what a friend does for someone: Sam 幫手搬, Kelvin 揸車, Ivy 負責買餸
                    "幫手",
                    "幫忙",
                    "負責(?!任)",  # not 負責任, responsible
                    "揸車",
                    "接送",
                )
            ),
            key=len,
            reverse=True,
        )
    )
    + ")"
)


def latin_before_predicates(text: str) -> Iterator[tuple[int, int, float]]:
    """A given name (word-like ones too) before a Cantonese verb for what a person does."""
    if not re.search(f"[{HAN}]", text):
        return
    for match in _LATIN_BEFORE_ZH_PREDICATE.finditer(text):
        name = match["name"]
        if never_a_name(name) or name.lower() in STOP or is_place(name):
            continue
        if is_given(name, in_position=True) or is_surname(name):
            yield *match.span("name"), 0.65


# A title before a given name that is also a month or a word: Auntie May, Sister Grace, Sis. Joy.
_TITLE_WORD_NAME = re.compile(
    r"(?<![A-Za-z])(?:Auntie|Aunty|Aunt|Uncle|Mrs|Ms|Miss|Madam|Mdm|Sister|Brother|Sis|Bro|Nurse|Teacher|Granny|Grandma)\.?[ \t]+"
    r"(?P<name>[A-Z][a-z]{2,10})(?![A-Za-z])"
)


def titled_word_names(text: str) -> Iterator[tuple[int, int, float]]:
    """``Auntie May``, ``Sister Grace``: a word-like given name after a title."""
    for match in _TITLE_WORD_NAME.finditer(text):
        name = match["name"]
        if is_given(name, in_position=True) and not never_a_name(name):
            yield *match.span("name"), 0.7


# Filipino kin titles a helper's chats put before a name (Ate Jo, Kuya Jun, Manang Linda):
# the title is part of how the person is named, so the span takes it.
_FILIPINO_TITLED = re.compile(
    r"(?<![A-Za-z])(?:Ate|Kuya|Manang|Manong|Tita|Tito|Nanay|Tatay)[ \t]+(?P<name>[A-Z][a-z]{1,12})(?![A-Za-z])"
)


def filipino_titled_names(text: str) -> Iterator[tuple[int, int, float]]:
    """``Ate Jo``, ``Kuya Jun``: a given name and the kin title before it."""
    for match in _FILIPINO_TITLED.finditer(text):
        name = match["name"]
        if never_a_name(name) or name.lower() in STOP:
            continue
        # "Ate" is also the verb (I Ate Lunch): then the name must be known, or the same
        # pair recur, as a chat with Ate Jo writes her on every line.
        if match[0].startswith("Ate") and not is_given(name, in_position=True) and text.count(match[0]) < 2:
            continue
        yield *match.span(), 0.7


# An all-capital surname before capitalised given names, anywhere: I, KUMAR Ravi Shankar.
_CAPS_SURNAME_GIVEN = re.compile(
    r"(?<![A-Za-z'’-])(?P<surname>[A-Z]{2,15})[ \t]+(?P<given>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})(?![A-Za-z])"
)
# A login or handle built from a name: tsang.wm, lee.ck, hoi_ying.lau (not a file or a domain).
_HANDLE = re.compile(r"(?<![\w.@/:-])(?P<handle>[a-z]{2,12}(?:[._][a-z]{1,12}){1,2})(?![\w@/-]|\.[A-Za-z])")
_NOT_HANDLE_PART = frozenset(
    "com org net edu gov hk cn io uk txt pdf doc docx xls xlsx csv png jpg jpeg gif py js ts md log zip exe "
    "json yaml yml xml html htm cfg ini tmp bak sql sh bat env lock old new".split()
)


# A login of initials and a surname after a field or an @: Assigned to: wkchan, @tmwong.
_INITIALS_LOGIN = gate(re.compile(r"(?:[:=@]|\b(?:by|to|user|login|from))[ \t]*(?P<login>[a-z]{3,14})(?![\w@.-])"))
_WORDISH_LOGINS = frozenset("strong string spring shrug scrum thong throng shong cycling styling python".split())
# An @-mention made of a name: @mandy.wong, @Kelvin_Lo.
_MENTION = gate(re.compile(r"(?<![\w@])@(?P<handle>[A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z0-9]+){0,2})(?![\w@]|\.[A-Za-z])"))


def surname_forms(text: str) -> Iterator[tuple[int, int, float]]:
    """``KUMAR Ravi Shankar`` mid-line; a user handle made of a surname and initials or
    given syllables (``tsang.wm``, ``hoi_ying.lau``)."""
    for match in _CAPS_SURNAME_GIVEN.finditer(text):
        surname, given_words = match["surname"], match["given"].replace("-", " ").split()
        if not is_surname(surname) or never_a_name(surname):
            continue
        if not is_given(given_words[0], in_position=True) or any(never_a_name(w) for w in given_words):
            continue
        if (
            is_place(match[0])
            or is_place(f"{surname} {given_words[0]}")
            or any(w.lower() in ORG_WORDS for w in given_words)
        ):
            continue
        yield *match.span(), 0.7
    for match in _INITIALS_LOGIN.finditer(text):
        login = match["login"]
        for size in range(3, min(8, len(login) - 1) + 1):  # ship, trip: a two-letter tail is too common
            prefix, tail = login[:-size], login[-size:]
            if login in STOP or login in _WORDISH_LOGINS:
                break
            if tail in ROMANISED_SURNAMES and re.fullmatch("[b-df-hj-np-tv-z]{2,3}", prefix):
                yield *match.span("login"), 0.65
                break
    for match in _MENTION.finditer(text):
        parts = [p for p in re.split(r"[._]", match["handle"].lower()) if p]
        if any(p in ROMANISED_SURNAMES or is_given(p, in_position=True) for p in parts) and not any(
            p in _NOT_HANDLE_PART for p in parts
        ):
            yield *match.span("handle"), 0.65
    if "." not in text and "_" not in text:
        return
    for match in _HANDLE.finditer(text):
        parts = re.split(r"[._]", match["handle"])
        if any(part in _NOT_HANDLE_PART for part in parts):
            continue
        surnames = [p for p in parts if is_surname(p) or (len(p) >= 4 and is_given(p))]
        if not surnames:
            continue
        rest = [p for p in parts if p is not surnames[0]]
        if all(p in GIVEN_SYLLABLES or len(p) <= 3 or is_given(p) for p in rest):
            yield *match.span("handle"), 0.65


# A form's all-capital SURNAME, GIVEN after the word name: name DELA CRUZ, JOVELYN.
_NAME_CAPS_COMMA = re.compile(
    r"(?i:\bname)[ \t]*[:：]?[ \t]*(?P<name>[A-Z]{2,}(?:[ -][A-Z]{2,}){0,2},[ \t]?[A-Z]{2,}(?:[ -][A-Z]{2,}){0,2})(?![A-Za-z])"
)
# A letter-spaced form's surname and title after a label: 收貨人 : 劉 太, 收款人 : 黃 師 傅.
_SPACED_TITLED = re.compile(
    f"[:：][ \t]*(?P<surname>[{''.join(sorted(ZH_SURNAMES))}])[ \t]"
    "(?:先[ \t]?生|小[ \t]?姐|女[ \t]?士|太[ \t]?太|師[ \t]?傅|师[ \t]?傅|醫[ \t]?生|姑[ \t]?娘|生|太)(?=[ \t]|$)",
    re.MULTILINE,
)


# A name masked as shops and notices print it: 王*明, 劉X明, 陳○文, 李**.
_MASKED = re.compile(
    f"(?<![{HAN}])(?P<name>[{''.join(sorted(COMMON_ZH_SURNAMES))}][ ]?(?:[*＊○●◯◯]{{1,2}}|[xX×](?=[ ]?[{HAN}]))"
    f"(?:[ ]?[{''.join(sorted(ZH_GIVEN))}])?)"
)


def form_names(text: str) -> Iterator[tuple[int, int, float]]:
    """``name DELA CRUZ, JOVELYN``, a letter-spaced ``劉 太`` after a label, a masked ``王*明``."""
    for match in _MASKED.finditer(text):
        yield *match.span("name"), 0.7
    for match in _NAME_CAPS_COMMA.finditer(text):
        words = re.findall(r"[A-Z]+", match["name"])
        if not any(never_a_name(w) or w.lower() in STOP for w in words):
            yield *match.span("name"), 0.75
    for match in _SPACED_TITLED.finditer(text):
        yield match.start("surname"), match.end(), 0.7


# ---- the title beside a name, inside the finding ----

# A title written before a name in Latin letters, or a pair of them (Mr & Mrs Yuen).
_LATIN_TITLE_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:(?:Mr\.?[ \t]*(?:&|and)[ \t]*Mrs|Mr|Mrs|Ms|Miss|Mdm|Madam|Dr|Prof|Mx|Auntie|Aunty|Uncle|"
    r"Sister|Brother|Grandma|Grandpa|Granny|Master|Sifu|Coach|Nurse|Teacher|Officer|Deacon|Elder|Pastor|Rev|"
    r"Captain|Capt|Skipper|Bosun|Commodore|Inspector|Sergeant|Superintendent|Kru|Ajarn|Warden|Sr|MR|MRS|MS|MISS|DR)\.?)[ \t]*$"
)


def title_extensions(text: str, spans: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Each name with the title written beside it (Miss Ho, 陳小姐, Wong Sir), or the kin
    word of a parent called by her child's name (阿欣媽媽, keung爸).

    Whether a title belongs to a name is a labelling choice (this project's corpus leaves it
    outside; other writers put it inside): a finding that takes it in is right either way,
    and a short name (Ho, 陳) is then never the smaller part of what a reader sees as one.
    The same holds of a parent's handle: the corpus marks ``[[PERSON:阿欣]]媽媽`` 159 times
    and ``[[PERSON:阿欣媽媽]]`` 38.
    """
    for start, end in spans:
        window = text[max(0, start - 14) : start]
        before = _LATIN_TITLE_BEFORE.search(window)
        if before:
            yield start - len(window) + before.start(), end
        gap = 1 if text[end : end + 1] == " " else 0
        for title in _AFTER_NAME_LONGEST:
            if text.startswith(title, end + gap):
                after = text[end + gap + len(title) : end + gap + len(title) + 1]
                if len(title) == 1 and after in _NOT_AFTER.get(title, ()):
                    break
                if title in ("Sir", "sir") and re.match("[A-Za-z]", after):
                    break
                yield start, end + gap + len(title)
                break


# ---- auto-transcript speakers ----

# A meeting tool's transcript heads each turn with the speaker and the time on a line of
# their own: ``Benny 梁 00:01:40``, ``Karen Lee  12:03``, ``陳志明 00:10``.
_TRANSCRIPT_SPEAKER = re.compile(
    rf"(?m)^[ \t]*(?P<who>[A-Z][A-Za-z'’-]+(?:[ \t][A-Z][A-Za-z'’-]+){{0,2}}(?:[ \t][{HAN}]{{1,3}})?|[{HAN}]{{2,4}})"
    r"[ \t]+[(\[]?\d{1,2}:\d{2}(?::\d{2})?(?P<ampm>[ \t]?[AaPp]\.?[Mm]\.?)?[)\]]?[ \t]*$"
)


def transcript_speakers(text: str) -> Iterator[tuple[int, int, float]]:
    """Speakers of an auto-transcript: a name and a time alone on a line, in a text with
    at least three such lines or the same speaker twice (a heading ``Lunch 12:30`` once is not)."""
    matches = list(_TRANSCRIPT_SPEAKER.finditer(text))
    if len(matches) < 2:
        return
    counts = Counter(m["who"] for m in matches)
    heads = {m.start() for m in matches}
    for match in matches:
        who = match["who"]
        # Slack and Teams head a message "Wirawan Tjandra  9:15 AM": two such full names do.
        two_word_stamp = match["ampm"] is not None and len(who.split()) >= 2
        if len(matches) < 3 and counts[who] < 2 and not two_word_stamp:
            continue
        # A turn's words follow on the next line; an agenda's lines of times follow each other.
        following = re.compile(r"\n[ \t]*(?=\S)").match(text, match.end())
        if following is None or following.end() in heads or match.end() + 1 in heads:
            continue
        words = who.split()
        if who in ORDINARY_WORDS or never_a_name(words[0]) or words[0].upper() == words[0]:
            continue
        if len(words) == 1 and words[0].isascii() and not is_given(words[0], in_position=True):
            continue
        yield *match.span("who"), 0.7


# ---- a full name in brackets after a pet name ----

# 朵朵（周语桐）, 阿明(李志明): the full name a chat adds in brackets to a nickname.
_NICK_THEN_FULL = re.compile(rf"([{HAN}]{{2,3}}|阿 ?[A-Za-z]{{2,10}})[ \t]?[（(]([{HAN}]{{2,4}})[）)]")


def bracketed_full_names(text: str) -> Iterator[tuple[int, int, float]]:
    """A full Chinese name in brackets right after a nickname or a pet name."""
    if "（" not in text and "(" not in text:
        return
    for match in _NICK_THEN_FULL.finditer(text):
        lead, full = match[1], match[2]
        tail2 = lead[-2:]
        nick = given_shape(tail2) or _nickname(lead) or _nickname(tail2) or lead.startswith("阿")
        if not nick or (len(lead) == 3 and zh_name_shape(lead)):
            continue  # 邱海燕（董事）: a full name already, the brackets hold a role
        surname = zh_surname_length(full)
        given = full[surname:] if surname else ""
        if not given or given[-1] not in ZH_GIVEN or full in ORDINARY_WORDS:
            continue  # 阿旺（唐狗）: a breed, not a name
        if not zh_place_overlaps(text, *match.span(2)):
            yield *match.span(2), 0.7


# Mrs Tse (Candy): the name a titled person goes by, in brackets after the title and surname.
_TITLED_THEN_BRACKETED = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mdm|Madam|Dr)\.?[ \t]+[A-Z][a-z]+[ \t]*\((?P<given>[A-Z][a-z]{2,14})\)"
)


def titled_bracketed_names(text: str) -> Iterator[tuple[int, int, float]]:
    """The English name in brackets after ``Mrs Tse``, word-like ones (``Candy``) too."""
    if "(" not in text:
        return
    for match in _TITLED_THEN_BRACKETED.finditer(text):
        if is_given(match["given"], in_position=True) and not never_a_name(match["given"]):
            yield *match.span("given"), 0.7


# ---- an English name beside a romanised Chinese name ----

_ROMANISED = r"[A-Z][a-z]{1,6}(?:[ \t][A-Z][a-z]{1,6}){1,2}"
# Summer (Tse Hiu Tung), Leung Wai Kit, Wicky: a roster gives the English name a person
# goes by beside the romanised one; the English name may be a word (Summer, King).
_ENGLISH_BEFORE = re.compile(rf"(?<![A-Za-z])([A-Z][a-z]{{2,14}})[ \t]?\((?P<full>{_ROMANISED})\)")
_ENGLISH_AFTER = re.compile(
    rf"(?<![A-Za-z])(?P<full>{_ROMANISED}),[ \t]?([A-Z][a-z]{{2,14}})(?=[ \t]*(?:$|[(|/–-]))", re.MULTILINE
)


# One syllable of Cantonese or Mandarin romanisation: hiu, tung, cheuk, wing.
_SYLLABLE = re.compile(r"(?:ch|sh|ts|tz|ng|kw|gw|[bcdfghjklmnpqrstwxyz])?h?[aeiouy]{1,3}(?:ng|[kmnpt])?")


def _romanised_full(full: str) -> bool:
    words = full.lower().split()
    syllables = all(w in GIVEN_SYLLABLES or w in ROMANISED_SURNAMES or _SYLLABLE.fullmatch(w) for w in words[1:])
    return words[0] in ROMANISED_SURNAMES and syllables and not is_place(full)


def english_beside_romanised(text: str) -> Iterator[tuple[int, int, float]]:
    """The English name written just before a romanised full name in brackets, or after it
    and a comma."""
    if "(" in text:
        for match in _ENGLISH_BEFORE.finditer(text):
            if _romanised_full(match["full"]) and not never_a_name(match[1]):
                yield *match.span(1), 0.7
    if "," in text:
        for match in _ENGLISH_AFTER.finditer(text):
            if _romanised_full(match["full"]) and not never_a_name(match[2]):
                yield *match.span(2), 0.7


# ---- nicknames heading a numbered list's entries ----

# 接龍 sign-ups and rosters number their entries: 5. 林仔 + 細佬, 3) 肥妹 x2.
_NUMBERED_NICK = re.compile(
    rf"(?m)(?:^|(?<=\] )|(?<=: ))[ \t]*\d{{1,2}}[.)、．][ \t]*([{HAN}]{{2,3}})(?=[ \t+＋,，(（x×]|$)"
)


def numbered_nicknames(text: str) -> Iterator[tuple[int, int, float]]:
    """A nickname (林仔, 阿珍, 肥妹) as a numbered list entry's first word."""
    for match in _NUMBERED_NICK.finditer(text):
        if _nickname(match[1]) and not zh_place_overlaps(text, *match.span(1)):
            yield *match.span(1), 0.7


# An English given name and a Chinese surname (Apple 鄧, Winter 劉, Candy 歐代收), or a
# Chinese surname and an English or romanised given name (伍 Ivan, 黎 Sze Wing): how Hong
# Kong rosters, registers and chats write a person who goes by an English name.
_ENGLISH_THEN_SURNAME = re.compile(rf"(?<![A-Za-z'’-])(?P<given>[A-Z][a-z]{{2,12}})[ \t]?(?P<surname>[{HAN}])")
_SURNAME_THEN_ENGLISH = re.compile(
    rf"(?<![{HAN}])(?P<surname>[{HAN}])[ \t](?P<given>[A-Z][a-z]{{1,12}}(?:[ \t-][A-Z]?[a-z]{{1,8}})?)(?![A-Za-z])"
)


def mixed_script_names(text: str) -> Iterator[tuple[int, int, float]]:
    """``Apple 鄧``, ``Coco 蕭姊妹``, ``伍 Ivan``, ``黎 Sze Wing``."""
    if not HAN_RUN.search(text):
        return
    for match in _ENGLISH_THEN_SURNAME.finditer(text):
        surname, after = match["surname"], text[match.end() : match.end() + 1]
        if surname not in COMMON_ZH_SURNAMES or (after and after in ZH_GIVEN):
            continue  # Kelly 陳嘉欣 is a full name the Chinese finders read
        if is_given(match["given"], in_position=True) and not never_a_name(match["given"]):
            yield match.start(), match.end(), 0.65
    for match in _SURNAME_THEN_ENGLISH.finditer(text):
        words = re.split(r"[ \t-]", match["given"])
        if match["surname"] not in COMMON_ZH_SURNAMES or never_a_name(words[0]):
            continue
        known = (
            is_given(words[0], in_position=True)
            if len(words) == 1
            else all(w.lower() in GIVEN_SYLLABLES for w in words)
        )
        if known:
            yield match.start(), match.end(), 0.65


# A nickname standing alone between cells, stops or spaces (肥仔明 in a roster's cell,
# 肥婆蘭（鴻發燒臘隔離）at a ledger line's start); two characters (肥姐, 肥B) only where a
# phone word follows or a customer's or neighbour's word comes before.
_LONE_NICK = re.compile(rf"(?<![{HAN}A-Za-z])(?P<word>[{HAN}]{{2,3}}|[A-Z] ?[仔女妹]|[{HAN}] ?[A-Z])(?![{HAN}A-Za-z])")
_PHONE_AFTER = re.compile(r"[ \t]?(?:度[ \t]+)?(?:電話|电话|手機|手机|WhatsApp|whatsapp)")
_CUSTOMER_BEFORE = re.compile(r"(?:客人|客戶|客户|街坊|鄰居|邻居|隔籬屋|第[一二三四五六七八九十\d]個客)[ \t]*$")


def lone_nicknames(text: str) -> Iterator[tuple[int, int, float]]:
    """``肥仔明``, ``肥婆蘭``, ``Q 仔``; ``肥姐`` before 電話, ``肥B`` after 客人."""
    if not HAN_RUN.search(text):
        return
    for match in _LONE_NICK.finditer(text):
        word = match["word"]
        if not nickname_shaped(word) or zh_place_overlaps(text, *match.span()):
            continue
        if word[0] == "阿" and len(word) == 3 and word[2] not in _SENIORITY + "仔女妹":
            continue  # 阿根廷, 阿波羅: a word spelt in sounds
        if len(word.replace(" ", "")) == 3 or (
            _PHONE_AFTER.match(text, match.end()) or _CUSTOMER_BEFORE.search(text, 0, match.start())
        ):
            yield *match.span(), 0.6


# The last line of a message, after a blank line: one or two capitalised words and
# nothing else, as people sign a chat message or a note (``...一半」\n\nIvy``).
_CLOSING_LINE = re.compile(r"\n[ \t]*\n[ \t]*(?P<name>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?)[ \t]*[.!~]?[ \t]*\Z")


def closing_line_names(text: str) -> Iterator[tuple[int, int, float]]:
    """A known given name alone on a message's last line, word-like ones (``Ivy``,
    ``Winter``) too: a text does not end on a lone plant or season."""
    match = _CLOSING_LINE.search(text[-60:])
    if match is None:
        return
    first = match["name"].split()[0]
    if is_given(first, in_position=True) and not never_a_name(first) and not is_place(match["name"]):
        offset = max(0, len(text) - 60)
        yield match.start("name") + offset, match.end("name") + offset, 0.7


# A Malay or Indonesian name with its patronymic: NURHAYATI BINTI SUPARMAN, Siti binti
# Ahmad, AHMAD BIN ISMAIL. "bin" alone is an English word: only between capital words.
_PATRONYMIC = re.compile(
    r"(?<![A-Za-z])(?P<name>[A-Z][A-Za-z'’-]+(?:[ \t][A-Z][A-Za-z'’-]+)?[ \t]"
    r"(?:(?i:binti|binte|bte|anak)|BIN|Bin)[ \t][A-Z][A-Za-z'’-]+(?:[ \t][A-Z][A-Za-z'’-]+)?)(?![A-Za-z])"
)

_PATRONYMS = frozenset("binti binte bte anak bin".split())


def patronymic_names(text: str) -> Iterator[tuple[int, int, float]]:
    """A name joined to the father's by binti/bin/anak, as Malaysian, Singaporean and
    Indonesian passports write it."""
    lower = text.lower()
    if "bin" not in lower and "bte" not in lower and "anak" not in lower:
        return
    for match in _PATRONYMIC.finditer(text):
        words = match["name"].split()
        if any(never_a_name(w) or w.lower() in ORG_WORDS for w in words if w.lower() not in _PATRONYMS):
            continue
        if " Bin " in match["name"] and not is_given(words[0], in_position=True):
            continue  # Recycle Bin Folder
        yield *match.span("name"), 0.75


# A group-buy or sign-up list (接龍): a number, the person, then their door or unit and a
# quantity (1. 施雅琴 11-1-2201 1份, 4. Sunny 9-2-801 1份).
_SIGNUP_ENTRY = re.compile(
    rf"(?m)^[ \t]*\d{{1,3}}[.、)．][ \t]*(?P<who>[{HAN}]{{2,4}}|[A-Z][a-z]{{2,12}})(?=[ \t\u3000]+[0-9０-９])"
)


def signup_entries(text: str) -> Iterator[tuple[int, int, float]]:
    """The person at the head of each entry of a numbered sign-up list, once the list
    has two entries or more."""
    matches = list(_SIGNUP_ENTRY.finditer(text))
    if len(matches) < 2:
        return
    # A name no word shares (施雅琴, Kelvin) says the list is of people; only then do
    # word-like given names (Sunny, Lily) count, not the apples of a shopping list.
    plain = [_signup_name(match["who"], word_like=False) for match in matches]
    people = any(plain)
    for match, is_plain in zip(matches, plain, strict=True):
        wanted = is_plain or (people and _signup_name(match["who"], word_like=True))
        if wanted and not zh_place_overlaps(text, *match.span("who")):
            yield *match.span("who"), 0.65


def _signup_name(who: str, *, word_like: bool) -> bool:
    if who.isascii():
        return is_given(who, in_position=word_like) and not never_a_name(who)
    return bool(zh_name_shape(who, rare=True) or nickname_shaped(who)) and who not in ORDINARY_WORDS


# A name with the age after it in brackets, as rosters and care lists write it:
# 谢满仓（76岁，聋）, 王德福（82歲）.
_AGED = gate(re.compile(rf"(?<![{HAN}])(?P<name>[{HAN}]{{2,3}})[ \t]?[（(][ \t]?\d{{1,3}}[ \t]?(?:岁|歲|yo\b)"))


def aged_names(text: str) -> Iterator[tuple[int, int, float]]:
    """``谢满仓（76岁）``: a full name with its bearer's age in brackets after it."""
    for match in _AGED.finditer(text):
        if zh_name_shape(match["name"], rare=True):
            yield *match.span("name"), 0.65


# An English kin or courtesy title before a Chinese given name, as code-mixed Cantonese
# calls a neighbour or an elder: 隔籬屋Uncle明話, Auntie芳.
_LATIN_TITLE_HAN_GIVEN = re.compile(f"(?<![A-Za-z])(?:Uncle|Auntie|Aunty|Aunt)[ \t]?(?P<given>[{HAN}])")


def latin_titled_han_given(text: str) -> Iterator[tuple[int, int, float]]:
    """``Uncle明``, ``Auntie 芳姐``: the title and the given name it goes with, where what
    follows is a kin word, a verb a person does, or no Chinese character."""
    for match in _LATIN_TITLE_HAN_GIVEN.finditer(text):
        after = text[match.end() : match.end() + 1]
        if match["given"] not in ZH_GIVEN:
            continue
        if after and re.match(f"[{HAN}]", after) and after not in _DOES_AFTER and after not in _KIN_HAN:
            continue
        yield *match.span(), 0.65


FINDERS = (
    latin_titled_han_given,
    filipino_titled_names,
    aged_names,
    signup_entries,
    patronymic_names,
    closing_line_names,
    titled_bracketed_names,
    lone_nicknames,
    mixed_script_names,
    numbered_nicknames,
    english_beside_romanised,
    transcript_speakers,
    bracketed_full_names,
    form_names,
    surname_forms,
    titled_word_names,
    latin_before_predicates,
    person_states,
    lower_ah_names,
    affixed_and_doubled,
    zh_titled_surnames,
    latin_titled_surnames,
    zh_nicknames,
    zh_nickname_speakers,
    kin_word_names,
    list_head_names,
    initials_and_roles,
    surname_first_lines,
)
