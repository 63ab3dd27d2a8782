"""People's names as written in Hong Kong.

- Romanised Cantonese in either order and with hyphens: ``Chan Tai Man``,
  ``CHAN Tai-man``, ``Tai Man Chan``;
- an English given name with a Chinese surname, with or without Chinese given names:
  ``Jason Cheung``, ``Gloria Chan Kin Wah``; a title and a surname: ``Mr Chan``;
- Chinese characters: ``陳大文``, ``歐陽小明``.

spaCy's English NER finds some of these and misses many (it was trained on Western
names); these recognizers fill the gap with word lists, and skip place names built of
the same syllables (Wan Chai, Tai Po). Chinese names have no spaces around them, so a
two-character candidate needs context (客戶, 先生, 電話...) to count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from presidio_analyzer import LocalRecognizer, RecognizerResult

from guardrail.pii import gazetteer
from guardrail.pii.recognizers.base import LANGUAGE, RegexRecognizer, tagged_result
from guardrail.pii.recognizers.name_lexicon import (
    GIVEN,
    ZH_COMPOUND,
    ZH_GIVEN,
    ZH_NOT_IN_NAME,
    ZH_RARE_SURNAMES,
    ZH_SURNAMES,
    both_scripts,
    both_scripts_chars,
    pinyin_pair,
    zh_place_overlaps,
)
from guardrail.pii.recognizers.name_mentions import before_org
from guardrail.pii.recognizers.name_spans import ORG_WORDS
from guardrail.pii.recognizers.name_zh_given import given_shape
from guardrail.pii.recognizers.names_data import (
    CHINESE_KIN_BEFORE_FULL_NAME,
    CHINESE_NAME_CONTEXT_AFTER,
    CHINESE_NAME_CONTEXT_BEFORE,
    CHINESE_SURNAMES,
    ENGLISH_GIVEN_NAMES,
    GIVEN_SYLLABLES,
    PINYIN_GIVEN_SYLLABLES,
    PLACE_NAMES,
    ROMANISED_SURNAMES,
    TITLES,
)

_TOKEN = re.compile(r"[A-Z][A-Za-z]*(?:-[A-Za-z]+)?")
_JOIN = re.compile(r"\.?[ \t]{1,2}|\.")  # what may separate two tokens of one name
_STREET_WORDS = frozenset(
    "road rd street st avenue ave lane path drive building court house tower centre center "
    "plaza garden gardens estate mansion terrace station hospital school college university "
    "company limited ltd bank district park hall lab laboratory library wing lecture theatre auditorium "
    "trail scholarship award prize memorial fund faculty".split()
)
_PLACES = PLACE_NAMES | gazetteer.latin_lower()
_PLACE_MAX_WORDS = max(len(place.split()) for place in _PLACES)
# Every name found has a surname or a title in it (see _name_at): a run of words
# with neither, or of a single word, holds no name and is not looked at further.
_ANCHORS = ROMANISED_SURNAMES | TITLES


class _Token:
    __slots__ = ("end", "lower", "start", "syllables")

    def __init__(self, match: re.Match[str]) -> None:
        self.start, self.end = match.span()
        self.lower = match[0].lower()
        self.syllables = self.lower.split("-")
        if len(self.syllables) == 1 and self.lower not in GIVEN_SYLLABLES:
            self.syllables = pinyin_pair(self.lower) or self.syllables


def _is_given(token: _Token) -> bool:
    return all(syllable in GIVEN_SYLLABLES or syllable in PINYIN_GIVEN_SYLLABLES for syllable in token.syllables)


def _is_surname(token: _Token) -> bool:
    # (A compound surname splits as a given name would: mu-rong of MURONG is one surname;
    # and hyphenated, as HKID cards write it: AU-YEUNG, SZE-TO.)
    if tuple(token.syllables) in _COMPOUND_SURNAMES:
        return True
    return token.lower in ROMANISED_SURNAMES and (len(token.syllables) == 1 or "-" not in token.lower)


def _runs(text: str) -> Iterator[list[_Token]]:
    """Runs of capitalised words separated only by spaces (or a title's full stop)."""
    run: list[_Token] = []
    for match in _TOKEN.finditer(text):
        token = _Token(match)
        if run:
            gap = text[run[-1].end : token.start]
            joined = _JOIN.fullmatch(gap) is not None and ("." not in gap or run[-1].lower in TITLES)
            # Scanned forms break an all-capital name over two lines: CHEUNG / KWAI LAN.
            if gap == "\n" and text[run[-1].start : token.end].replace("\n", "").isupper():
                joined = True
            if not joined:
                yield run
                run = []
        run.append(token)
    if run:
        yield run


class RomanisedNameRecognizer(LocalRecognizer):
    """Names in romanised Cantonese, alone or with an English given name or a title."""

    recognizer_name = "HkRomanisedNameRecognizer"

    def __init__(self) -> None:
        super().__init__(
            supported_entities=["PERSON"],
            name=self.recognizer_name,
            supported_language=LANGUAGE,
        )

    def load(self) -> None:
        """Word lists are module constants; nothing to load."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        results = []
        for run in _runs(text):
            if len(run) < 2 or not any(token.lower in _ANCHORS or _is_surname(token) for token in run):
                continue
            for first, last, score in _names_in_run(run):
                if before_org(text, run[last].end):
                    continue  # Mrs. Wong's Bakery Supplies: a shop's name after its owner's
                results.append(
                    tagged_result(self, self.recognizer_name, "PERSON", run[first].start, run[last].end, score)
                )
        return results


def _names_in_run(run: list[_Token]) -> Iterator[tuple[int, int, float]]:
    """(first token, last token, score) of each name found in one run."""
    i = 0
    while i < len(run):
        place_end = _place_at(run, i)
        if place_end:
            i = place_end
            continue
        found = _name_at(run, i)
        if found is None:
            i += 1
            continue
        first, last, score = found
        # A business or building named after someone is not a person: Ho King
        # Commercial Centre, Kam Wah Cafe.
        after = {token.lower for token in run[last + 1 : last + 4]}
        if not after & _STREET_WORDS and not after & ORG_WORDS:
            yield first, last, score
        i = last + 1


def _place_at(run: list[_Token], i: int) -> int:
    """End index of a known place name starting at token ``i``, or 0."""
    for width in range(min(_PLACE_MAX_WORDS, len(run) - i), 0, -1):
        if " ".join(t.lower for t in run[i : i + width]) in _PLACES:
            return i + width
    return 0


def _count_given(run: list[_Token], i: int, limit: int = 2) -> tuple[int, int]:
    """How many tokens from ``i`` are given-name syllables, and how many syllables; a
    known place ends them (Welcome To Hong Kong is no Mr To Hong Kong)."""
    tokens = syllables = 0
    while i + tokens < len(run) and syllables < limit and _is_given(run[i + tokens]) and not _place_at(run, i + tokens):
        syllables += len(run[i + tokens].syllables)
        tokens += 1
    return tokens, syllables


_COMPOUND_SURNAMES = frozenset(
    {("sze", "to"), ("au", "yeung"), ("ow", "yeung"), ("sit", "to"), ("see", "to"), ("si", "to"), ("au", "yang")}
)


def _name_at(run: list[_Token], i: int) -> tuple[int, int, float] | None:
    token = run[i]
    titled = token.lower in TITLES
    start = i + 1 if titled else i
    if start >= len(run):
        return None
    english = run[start].lower in ENGLISH_GIVEN_NAMES and start + 1 < len(run)
    surname_at = start + 1 if english else start
    if surname_at < len(run) and _is_surname(run[surname_at]):
        # Two-word surnames (Sze To, Au Yeung): the given syllables start after both.
        pair = run[surname_at + 1].lower if surname_at + 1 < len(run) else ""
        compound = int((run[surname_at].lower, pair) in _COMPOUND_SURNAMES)
        tokens, syllables = _count_given(run, surname_at + 1 + compound)
        tokens += compound
        last = surname_at + tokens
        # An English name after the Chinese ones, as forms write it: LAM KA MAN COCO.
        if syllables >= 2 and last + 1 < len(run) and run[last + 1].lower in GIVEN:
            last += 1
        if english or titled:
            return start, last, 0.9 if syllables else 0.8
        if syllables >= 2:
            return start, last, 0.85
        if syllables == 1:
            return start, last, 0.6
    if english and titled:
        return start, start + 1 if start + 1 < len(run) else start, 0.7
    # Given names first: Tai Man Chan, Siu-ming Tsang.
    tokens, syllables = _count_given(run, start)
    if syllables >= 2 and start + tokens < len(run) and _is_surname(run[start + tokens]):
        return start, start + tokens, 0.8 if titled else 0.7
    if titled and tokens:
        return start, start + tokens - 1, 0.6
    return None


_COMMON_SURNAMES = both_scripts_chars("".join(CHINESE_SURNAMES))
_CONTEXT_BEFORE = tuple(both_scripts(CHINESE_NAME_CONTEXT_BEFORE))
_CONTEXT_AFTER = tuple(both_scripts(CHINESE_NAME_CONTEXT_AFTER))
_KIN_BEFORE = tuple(both_scripts(CHINESE_KIN_BEFORE_FULL_NAME))
# Rarer surnames (仇, 柴, 芮) count only before a given name's usual pair (see score).
_RARE_ONLY = ZH_RARE_SURNAMES - ZH_SURNAMES
_CHINESE_NAME = re.compile(
    "(?:" + "|".join(sorted(ZH_COMPOUND)) + "|[" + "".join(sorted(ZH_SURNAMES | ZH_RARE_SURNAMES)) + "])"
    "[" + "".join(sorted(ZH_GIVEN - ZH_NOT_IN_NAME)) + "]{1,2}"
)
# Everyday words that open with a surname's character: 凌晨發現 is "found at dawn".
WORDS_NOT_NAMES = both_scripts(
    tuple(
        "凌晨 黃金 金額 方法 方式 方面 方便 高級 高興 高速 周末 周年 周日 白色 白天 平安 安全 文件 "
        # foods and things a list of ingredients opens with a surname's character: 黃豆, 陳皮
        "黃豆 紅豆 綠豆 黑豆 陳皮 白菜 白米 白粥 高山 羅漢 冬菇 馬蹄 楊桃 "
        "明天 明年 明白 時間 石油 程序 程度 黃色 紅色 藍色 成功 成為 成本 成立 游客 萬元 錢包 包括 "
        "關於 關係 夏天 夏季 溫度 溫馨 童年 華人 雷雨 龍蝦 江湖 馬上 馬路 車輛 車位 車費 方向 "
        "高度 何時 何處 甘心 施工 施行 任何 任務 應該 常用 易於 古老 尤其 舒服 康復 邱比 葉子 "
        "林木 田地 田園 石頭 羅馬 陸續 陸地 麥當 溫暖 曾經 曾否 余下 彭湃 熊貓 毛巾 金錢 景點 "
        "蘇打 黎明 洪水 湯水 鄭重 嚴重 嚴格 莫非 范圍 賀年 祝福 崔嵬 司機 歐洲 諸位 "
        "吉祥 招行 畢業 張卡 黃金 周到 周全 安心 安排 高手 高興 文化 文章 明星 方案 江山 金融 石頭 楊枝 "
        "高才 高才通 優才 專才 高端 高鐵 高峰 高齡 高血 關心 關注 關懷 關愛 關照 項目 項鏈 尤其是 危險 危機 "
        # posts whose first character is a surname's, standing in a roster's cell
        "董事長 董事 總經理 總監 副總 經理 主任 秘書長 會長 司庫 房東 房客".split()
    )
)
# Words that end on a surname's character: in 對方聲稱 the 方 belongs to 對方.
_WORDS_BEFORE = both_scripts(
    tuple(
        "對方 雙方 地方 大方 官方 警方 校方 院方 資方 勞方 買方 賣方 甲方 乙方 一方 各方 多方 比方 個孫 "
        "處方 配方 遠方 南方 北方 西方 東方 後方 前方 上方 下方 提高 最高 身高 現金 租金 資金 獎金 "
        "黃金 押金 訂金 按金 基金 森林 中文 英文 公文 原文 全文 課文 論文 鑽石 明白 空白 坦白 一周 "
        "上周 下周 本周 每周 平安 公安 保安 治安 完成 組成 達成 變成 造成 形成 責任 主任 擔任 信任 "
        "任何 如何 為何 經常 正常 非常 日常 內容 形容 千萬 一萬 工程 過程 課程 行程 流程 開車 上車 "
        "落車 廚房 住房 容易 交易 貿易 相關 有關 海關 機關 接連 大陸 登陸 氣溫 體溫 高溫 實施 措施 "
        "設施 疫苗 方向 走向 傾向 古董 兒童 中華 豪華 繁華 分鐘 時鐘 半年 全年 新年 同年 每年 今年 "
        "明年 去年 晚年 童年 少年 青年 中年 老年 成年 長期 短期 日期 到期 過期 定期 初期 後期 "
        "由於 關於 對於 至於 等於 屬於 位於 基於 處於 終於 在於 善於 過於 急於 樂於 敢於 便於 難於 "
        "忙於 用於 設計 統計 會計 社區 地區 市區 郊區 園區 小區 感謝 多謝 答謝 致謝 鳴謝 道謝 謝謝 "
        "表姐 表哥 學生 醫生 先生 後生 出生 發生 "
        "訂單 帳單 清單 名單 菜單 買單 落單 下單 簽單 傳單 報單 提單 運單 貨單 單單".split()
    )
)
# What the rest of a candidate is when it is no given name: 謝大家, 區中心, 高中生.
_NOT_GIVEN = both_scripts(
    tuple(
        "大家 各位 你們 我們 他們 中心 小區 一下 一起 一直 一定 同學 先生 小姐 女士 太太 公司 "
        "中學 小學 大學 中文 英文 家長 家人 家屬 家庭 群組 老師 同事 司機 師傅 車主 車行 "
        # days: 小李明天请假 is Little Li, tomorrow
        "今天 明天 昨天 後天 前天 今日 明日 聽日 尋日 琴日".split()
    )
)
_AMOUNT_NUMERALS = frozenset("一二三四五六七八九十廿百千萬万兩两零")
# Surnames that are far more often the first character of a word: trusted with context only.
_WORDY_SURNAMES = both_scripts_chars(
    "談計查水利寧蒙冉牛羊成幸付宮封滑惠麴荀嵇鈕項向章魯申尚季盛房燕權宣諸慕樓麻蓋祖伏鹿薄"
)
# What follows a street, estate or building name, or a firm named after its founder, never a
# person's: 龍翔道, 太古城中心, 何耀棣律師事務所.
PLACE_AFTER = re.compile(
    "[道路街里村邨樓楼苑園园閣阁廈厦場场城灣湾山坊圍围橋桥站]|中心|廣場|广场|花園|花园|大廈|大厦|大樓|大楼|商場|商场|紀念|纪念"
    # a shop or firm named after its founder: 何金昌跌打醫館, 羅夏信律師行
    "|律師行|律师行|律師事務所|律师事务所|跌打|醫館|医馆|有限公司|集團|集团|茶餐廳|茶餐厅|餐廳|餐厅|酒家|酒樓|酒楼|藥房|药房|五金|地產|地产"
    "|冰室|茶樓|茶楼|燒臘|烧腊|士多|麵家|面家|區|区"
    # an institution named after its region or founder: 华中科技大学, 嶺南大學
    "|科技|大學|大学|學院|学院|醫院|医院|銀行|银行"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Words that begin on a compound surname's second character: 上|官方, 司|馬路.
_COMPOUND_SPLIT = both_scripts(("官方", "官員", "馬路", "馬上", "徒步"))
# Words a candidate's last character begins with the character after it: 關愛基|金 is
# 關愛基金 (a fund), 金碧華|府 an estate (華府, 君府), not a person.
_WORD_ACROSS = both_scripts(
    tuple(
        "基金 協會 商會 學會 公會 工會 教會 公司 銀行 集團 中心 醫院 診所 學校 書院 大學 中學 小學 幼稚 "
        "計劃 服務 公園 廣場 花園 商場 大廈 華府 君府 豪府 名府 雅府 萬家 明珠 大院".split()
    )
)


# An estate's name (景峰苑, 天瑞邨) before its owners' corporation, office or residents.
_ESTATE_ENDS = frozenset("苑邨村")
_ESTATE_BODY = re.compile("業主|业主|法團|法团|管理處|管理处|物業|物业|業委會|业委会|居民|互助委員會|互助委员会")
_EAST = both_scripts(("東方",))
# What follows a name in running text: a stop, a conjunction, a particle, a title or a
# verb; a rare surname's or 東方's name counts only before one (not 晋江龙|湖镇).
_NAME_FOLLOW = frozenset(
    "、，（(同和跟與与說说話话講讲係是的嘅都也在先生小姐女士太又就會会已要去來来有冇沒没唔不負负幫帮睇看搵找打帶带交你我佢他她"
)
# Stops around an answer or a sentence of its own (not 、, which lists things: 陳皮、高山).
_STOPS = frozenset("，,。.：:！？!?\n ")


def _word_runs_on(after: str) -> bool:
    """Whether the text after a candidate carries a word on past it (晋江龙|湖镇) rather
    than stopping or going on with a particle, title or verb."""
    return bool(after) and after[0] not in _STOPS and after[0] not in _NAME_FOLLOW


# Given names that are words, as the mainland named a generation after the times or the
# land (王胜利, 阚向阳, 李和平, 刘长江): their characters are not all a given name's usual
# ones, and the pair is a word, so the character-by-character pattern stops inside them.
_WORD_GIVEN = both_scripts(
    tuple(
        "胜利 和平 向阳 向东 向前 长江 黄河 卫东 卫国 卫红 红旗 红兵 红军 跃进 解放 援朝 抗美 建设 光明 "
        "东风 爱国 爱民 永红 立新 学军 学农 为民 守田 满仓 铁柱 拴柱 石头 国庆 建国 建军 建华 振华 "
        "兴国 复兴 新华 忠诚 继红 跃华 红卫 文革 四清 卫星 丰收 合作 前进 胜男 招娣 来娣 盼弟".split()
    )
)
_WORD_NAME = re.compile(
    "(?:"
    + "|".join(sorted(ZH_COMPOUND))
    + "|["
    + "".join(sorted(ZH_SURNAMES))
    + "])(?:"
    + "|".join(sorted(_WORD_GIVEN))
    + ")"
)


class ChineseNameRecognizer(RegexRecognizer):
    """Chinese-character names: a surname and one or two common given-name characters, or
    a given name that is one of the words a generation was named (王胜利)."""

    def __init__(self) -> None:
        super().__init__("PERSON", "HkChineseNameRecognizer", _CHINESE_NAME)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        if _CJK.search(text) is None:
            return results
        for match in _WORD_NAME.finditer(text):
            start, end = match.span()
            before, after = text[start - 1 : start], text[end : end + 1]
            surname = text[start : end - 2]
            # not a word's last character before it (取得胜利 has no surname; 对方向东 does),
            # and no word running on after it (朝向阳台)
            if before + surname in _WORDS_BEFORE or _word_runs_on(after) or zh_place_overlaps(text, start, end):
                continue
            if surname in _WORDY_SURNAMES or (before and _CJK.match(before) and surname not in _COMMON_SURNAMES):
                continue
            results.append(tagged_result(self, self.recognizer_name, "PERSON", start, end, 0.6))
        return results

    def score(self, match: re.Match[str], text: str) -> float:
        start, end = match.span()
        # The text is normalised, so a space may stand between a name and its context.
        before = text[max(0, start - 5) : start].rstrip(" ")
        after = text[end : end + 5].lstrip(" ")
        value = match[0]
        surname = 2 if value[:2] in ZH_COMPOUND else 1
        given = len(value) - surname
        if before[-1:] + value[0] in _WORDS_BEFORE or value[surname:] in _NOT_GIVEN:
            return 0.0
        if surname == 2 and value[1:3] in _COMPOUND_SPLIT:
            return 0.0  # 上官方網站 is "on the official site"
        if value[:2] in ("高中", "高級", "高層", "高峰", "高手", "高效", "高鐵", "高铁", "高考", "高價", "高价"):
            return 0.0
        if value.endswith("小") and after.startswith("姐"):
            return 0.0  # 麥小姐 is Miss Mak, not a name 麥小
        if PLACE_AFTER.match(after) or zh_place_overlaps(text, start, end):
            return 0.0
        if after and value[-1] + after[0] in _WORD_ACROSS:
            return 0.0
        if value[-1] in _ESTATE_ENDS and _ESTATE_BODY.match(after):
            return 0.0  # 景峰苑業主立案法團: an estate before the body that runs it, not a Mr 景
        if before[-1:] in "“「『《" and after[:1] in "”」』》":
            return 0.0  # a quoted term: “高才通”
        if any(ch in ZH_NOT_IN_NAME for ch in value[surname:]):
            return 0.0
        if len(value) - surname >= 2 and all(ch in _AMOUNT_NUMERALS for ch in value[surname:]):
            return 0.0  # 每張一百蚊 is a hundred dollars each, not a Mr 張一百
        if value[:2] in _EAST and _word_runs_on(after):
            return 0.0  # 東方 (east) is a surname standing alone (東方明，), a word's start in 東方明珠塔
        in_context = before.endswith(_CONTEXT_BEFORE) or after.startswith(_CONTEXT_AFTER)
        if surname == 1 and value[0] in _RARE_ONLY:
            # 柴梦琪, 仇家寶: only three characters, the last two a given name's usual pair.
            if given != 2 or value[0] in _WORDY_SURNAMES or not given_shape(value[1:]):
                return 0.0
            if _word_runs_on(after):
                return 0.0
            return 0.9 if in_context or before.endswith(_KIN_BEFORE) else 0.55
        if after.startswith("生") and value[-1] in "發发學学出醫医衛卫產产民人後后先陌":
            in_context = False  # 發生, 學生: a word, not 陳生
        if given == 2:
            if in_context or before.endswith(_KIN_BEFORE):
                return 0.9
            if value[:2] in WORDS_NOT_NAMES:
                return 0.0
            common = value[0] in _COMMON_SURNAMES and value[0] not in _WORDY_SURNAMES
            if surname == 2 or common:
                return 0.6
            # A less common surname (閔, 駱, 戚, 詹) before a given name's usual pair (淑貞, 偉倫).
            return 0.55 if value[0] not in _WORDY_SURNAMES and given_shape(value[1:]) else 0.3
        if value in WORDS_NOT_NAMES:
            return 0.0  # 黃金 after 同事 is still gold
        if in_context:
            return 0.7
        if surname == 2 and value[-1] in ZH_GIVEN:
            # A compound surname and one given character (尉迟芳, 仲孙琳): rare in words.
            return 0.55
        # Alone between stops, as an answer or a list entry gives it: 客户：是，周丽。
        alone = (not before or before[-1] in _STOPS) and (not after or after[0] in _STOPS)
        if before[-1:] in ":：" and after[:1] not in ("。", "."):
            alone = False  # 產地：湛江 is a field's value, read by the label finders
        common = value[0] in _COMMON_SURNAMES and value[0] not in _WORDY_SURNAMES
        return 0.6 if alone and common and surname == 1 and value[1] in ZH_GIVEN else 0.2
