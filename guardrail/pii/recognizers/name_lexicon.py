"""What a word or a run of characters says about being a person's name.

One place for the questions every name recognizer asks (is this a given name, a
surname, a word that is never a name, a place), built once at import from the word
lists in :mod:`names_data` and the gazetteer. Chinese lists are written in Traditional
characters; their Simplified forms are added here with OpenCC, so one set of lists
serves both scripts without converting any text at run time (offsets stay as they are).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache

from guardrail.errors import ConfigurationError
from guardrail.pii import gazetteer
from guardrail.pii.recognizers.names_data import (
    CHINESE_GIVEN_CHARS,
    CHINESE_SURNAMES,
    CHINESE_SURNAMES_COMPOUND,
    ENGLISH_GIVEN_NAMES,
    GIVEN_SYLLABLES,
    HK_NICKNAMES,
    NOT_NAMES,
    PINYIN_GIVEN_SYLLABLES,
    PLACE_NAMES,
    ROMANISED_SURNAMES,
    TITLES,
    WORD_GIVEN_NAMES,
    WORLD_GIVEN_NAMES,
    WORLD_SURNAMES,
)
from guardrail.pii.recognizers.names_world import MORE_GIVEN_NAMES, MORE_SURNAMES, WORDLIKE_GIVEN


def _opencc(config: str):  # type: ignore[no-untyped-def]
    try:
        import opencc
    except ImportError:  # pragma: no cover - a broken install
        raise ConfigurationError(
            "the 'opencc' package is missing: name recognition needs it to read Simplified Chinese; reinstall guardrail"
        ) from None
    return opencc.OpenCC(config)


@cache
def _t2s():  # type: ignore[no-untyped-def]
    return _opencc("t2s")


def both_scripts(words: frozenset[str] | tuple[str, ...]) -> frozenset[str]:
    """``words`` (Traditional Chinese) with their Simplified forms added."""
    convert = _t2s().convert
    return frozenset(words) | frozenset(convert(word) for word in words)


def longest_first(words: Iterable[str]) -> tuple[str, ...]:
    """``words`` longest first (then in order), as an alternation of literals must try
    them so that 叫佢做 wins over 叫佢; the same order every run."""
    return tuple(sorted(words, key=lambda word: (-len(word), word)))


def both_scripts_chars(chars: str | frozenset[str]) -> frozenset[str]:
    """Single characters, each with its Simplified form."""
    convert = _t2s().convert
    return frozenset(chars) | frozenset(c for c in (convert(ch) for ch in chars) if len(c) == 1)


# ---- Latin script ----

GIVEN = ENGLISH_GIVEN_NAMES | WORLD_GIVEN_NAMES | HK_NICKNAMES | WORD_GIVEN_NAMES | MORE_GIVEN_NAMES
# Given names that are ordinary words too, or too short to trust alone.
AMBIGUOUS_GIVEN = (
    WORD_GIVEN_NAMES
    | WORDLIKE_GIVEN
    | frozenset(name for name in GIVEN if len(name) <= 3)
    | frozenset(
        "genesis harper kennedy quinn piper willow serenity aurora nova autumn hope faith "
        "tri eka dwi umi ram tek dil prem raj inder nok mei emi rin ren sora uma "
        "dawn gene jun rey bong ruel rodel mega hari sana lina vera jasmine carol melody willie "
        "clement noel norman grant lance miles christian jean alexa paisley julia isla indah putri "
        "slamet fanny roger oscar lovely robin bobby mercedes romeo victor tata popo lala lolo "
        "yaya chichi mimi sari nelson hugo ariel stella charlie mike juliet sierra kilo lima "
        "india delta echo golf".split()
    )
)
SURNAMES = ROMANISED_SURNAMES | WORLD_SURNAMES | MORE_SURNAMES
NOT_NAME_WORDS = NOT_NAMES | TITLES
_PLACES_LATIN = gazetteer.latin_lower() | PLACE_NAMES


def all_places() -> frozenset[str]:
    """Every place, building and brand in Latin script, lower-cased."""
    return _PLACES_LATIN


@lru_cache(maxsize=1 << 16)  # asked hundreds of times a text, mostly of the same words
def is_place(phrase: str) -> bool:
    """Whether ``phrase`` (any case, any spacing) is a place, building or brand."""
    return " ".join(phrase.lower().split()) in _PLACES_LATIN


def _plain(word: str) -> str:
    """``word`` lower-cased without accents (José -> jose), as the lists are written."""
    if word.isascii():
        return word.lower()
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch)).lower()


def is_given(word: str, *, in_position: bool = False) -> bool:
    """Whether ``word`` is a given name; word-like ones only where a name is expected."""
    lower = _plain(word)
    if lower not in GIVEN and lower not in GIVEN_SYLLABLES:
        return False
    return in_position or (lower in GIVEN and lower not in AMBIGUOUS_GIVEN)


def is_surname(word: str) -> bool:
    return _plain(word) in SURNAMES


def never_a_name(word: str) -> bool:
    return word.lower().strip(".") in NOT_NAME_WORDS


# ---- Chinese characters ----

ZH_SURNAMES = both_scripts_chars(
    "".join(CHINESE_SURNAMES) + "佘閔辛包符官萬屠樊連駱夏艾巢尹邢焦莊戚梅祈甄佟姜龔伍嚴黎羅郭鍾麥潘蔡曹"
    "戴韋聶談計查水利寧蒙冉牛羊喬秦黃成幸晏付閆汪孟于蔣吕呂郝俞宮賈邵殷談"
    "裴褚衛車虞項祝董樑杭洪包左石崔吉鈕龔程嵇邢滑裴陸榮翁荀羊惠甄麴封"
    # Common on the mainland (肖 is among its thirty commonest) and seldom the start of a
    # word: no longer only with a title or a label, as the rare ones below.
    "肖段陶顧柳覃詹耿涂靳滕繆婁竇瞿臧苟卞姬欒隋刁寇鞏遲鞠荊冀鄢諶奚藺郜邸辜裘亓邰逯翟"
    # (閻, as 阎阿姨 and 阎小芳 of a mainland renovation firm's follow-up calls; 龎, the
    # variant of 龐 Hong Kong's records keep)
    "閻龎"
)
# Less common surnames that still fill Hong Kong and mainland rosters. Many also begin
# ordinary words (房東, 歷史, 武俠, 申請), so they count only where the place already says
# a name stands (a labelled field, a list entry beside known names, a chat speaker),
# never in running text.
ZH_RARE_SURNAMES = (
    both_scripts_chars(
        "肖段史陶顧覃武向詹歐耿蘭柳涂谷靳柴喻滕牟穆繆蘆婁竇卜瞿臧苟卞姬仇欒隋刁寇桑郎叢仲敖鞏"
        "麻苑遲匡鞠荊冀郁胥儲栗燕楚鄢諶奚粟藺厲伊仝郜權帥樸蓋廉禹祖漆狄索宣晉扈晁芮闕浦戈"
        "伏鹿薄邸雍辜裘亓邰赫況宿鮮逯茹諸慕亢戎勾茅揭尉冶檀昝衡堯章魯翟申尚季盛房"
        # Hong Kong and mainland surnames seen on forms: 禤 (Huen), 甯, 閻
        "禤甯閻訾禚隗仉酆糜"
        # and on blind rosters and chats: 丘 (Yau), 鳳, 蒯, 乜, 郇, 危, 烏, 羿, 竺, 酈, 扶, 邴
        "丘鳳蒯乜郇危烏羿竺酈扶邴"
        # and 路 (路佳琪), a road's word as often; 賁 (賁曉東) and 黨 (黨思思), mainland
        # surnames of staff lists
        "路賁黨蔚"
        # and on the evening's: 郗 (Chi), 應; and 柏 (Pak), 覃's neighbour on mainland rosters
        "郗應柏"
        # and in mainland paperwork: 姒 (Si), 庹 (Tuo), 璩 (Qu), 宓 (Mi)
        "姒庹璩宓"
        # and on rice-shop books and clinic rolls: 粘 (Nim), 眭 (Sui), 卜 (Puk), 殳 (Shu), 亢, 蒯
        "粘眭卜殳亢蒯"
        # and in mainland property groups: 濮 (Pu), as 濮工 the engineer
        "濮"
        # and in mainland owners' tax files and guardians' notes: 笪 (Da), 逄 (Pang)
        "笪逄"
        # and on a Chengdu renovation firm's job sheets: 卿 (Qing)
        "卿"
    )
    - ZH_SURNAMES
)
COMMON_ZH_SURNAMES = both_scripts_chars("".join(CHINESE_SURNAMES))
ZH_COMPOUND = both_scripts(
    CHINESE_SURNAMES_COMPOUND
    + (
        "鍾離",
        "單于",
        "東方",
        "令狐",
        "慕容",
        "長孫",
        "宇文",
        "司空",
        "軒轅",
        "澹臺",
        "公冶",
        "太史",
        "申屠",
        "西門",
        "南宮",
        "獨孤",
        "呼延",
        "聞人",
        "濮陽",
        "亓官",
        "尉遲",
        "端木",
        "皇甫",
        "赫連",
        "張簡",
        "范姜",
        "仲孫",
        "淳于",
        "鮮于",
        "閭丘",
        "宗政",
    )
)
ZH_GIVEN = both_scripts_chars(
    "".join(CHINESE_GIVEN_CHARS) + "佩儀詠祺棟鎮邦梓諾韜啟軒嘉寶卓賢晴悅朗熙琪瑩芷蕾嵐鈺濤鋒斌彬勤儉樂頤霖穎楚菲萱"
    "雅婷琳璇欣蔚翠鳳玲娥珍秀蘭英淑貞素麗美玉蓮芬嫦妹好娣嬋喜金銀有福祿壽添才炳根"
    "權標泉發興旺財强強輝耀榮昌隆志偉健明華國家俊傑豪文武成德仁義禮信忠孝廉恥"
    "子一諾思遠鵬飛婧怡雨軒明月建國曉峰帆博濤凱琛昊煜晗宸逸皓軒睿澤楷彤妍汐芮紹令"
    "靄藹嫣婕妤媚嫚嬿孜宓宥宴寰岑岱峙峯崧嵩巒廷弘彧徽忞恬悠愫憬懋昶晏晞晟暄暘曄朔"
    "杉杭枝栩桀桓梁棠椿榆榕槿樵檸欽歆毓沅沚泠洵洺涓淮渝溪瀅漢潼濠灝炅炯烜焱熠爍玥"
    "玫珀珂珩琇瑄瓊甜畇禕笙簫紓紘絢縉羚翎聆肇芃苓莘菀萃葶薈薏藍蘊衍裴誼譽贇軼迅邁"
    "醇鉅鋆鐸鏡騫驍鯤麒黛樑燦鏗騰瀚潔燕蓮萍娟嫦妹勁堅韌恩澄滔洪湧浪舟帆航遠卓越"
    "展鵬程錦繡秀麗婉嫻雅靜淑惠敏慧聰穎智勇毅剛柔和順祥瑞吉慶豐裕富貴榮華"
    # common in mainland and older Hong Kong names: 王磊, 李丹, 陳晶, 李金水
    "磊丹晶帥陽岩哲水娜莉莎薇倩媛嬌婭姍妮"
    # a first given character of many girls' names in Hong Kong: 可晴, 可欣, 可兒
    "可"
    # rarer given-name characters: 龍婉兒, 張綺玟, 林昱辰, 何嘉蔚
    "兒凰垚嶺昱曙杏桃荔菡萌葳葵蔻蕎薰辰雁鶯鶴鷺玟珺琅瑛璞璧瓏笛芹苒茉漣瀾炫驥朵沫"
    # older men's and women's names, and a girl's 夢: 伍德勝, 李昆, 陳伶, 黃茂, 張彪, 柴夢琪
    "勝昆亨川岳嶽崗伶儒僑億姬紋暢揚茂彪鷹夢"
    # strength in a boy's name: 王大壯, 李壯
    "壯"
    # characters seldom written but in names: 郜堃, 昝一喆, 犇, 淼, 翊, 琰
    "堃喆犇淼翊琰珏璟筠曦昕曄燁懿嫣禎祐佑"
    # and in men's and women's names of every generation: 偉業, 鳳群, 仲賢, 俐君, 家倫
    "業群仲俐倫"
    # and rarer ones in mainland names: 欧阳翀, 笪旻, 亓官骎, 邴玙; 子墨, among the
    # commonest names of children born since 2015
    "翀旻骎玙墨"
)
ZH_PLACES = both_scripts(gazetteer.chinese())
# Characters that do not end a name: a run that stops on one is a phrase, not a name.
ZH_NOT_IN_NAME = both_scripts_chars(
    "的了是在有和與及或也都就而但又於給對把被讓向從到為與之其這那個們嗎呢吧啊呀喎囉嘅咗"
    # 可 is left out: it begins given names (可晴, 可欣, 可兒); 否 of 可否 is never in one.
    "緊住過晒哋佢我你您他她它誰乜咩邊點樣冇唔係喺嚟去來話講問叫寫請謝要會以能用做否"
    "號樓室座層街道路村邨閣廈區市省界電郵址"
)
_ZH_HONORIFIC = both_scripts(
    (
        "先生",
        "小姐",
        "女士",
        "太太",
        "醫生",
        "姑娘",
        "師傅",
        "博士",
        "教授",
        "老師",
        "律師",
        "經理",
        "主任",
        "廠長",
        "總",
        "生",
        "太",
        "姐",
        "sir",
        "Sir",
        "牧師",
        "神父",
        "修女",
        "教練",
        "督察",
        "沙展",
        "幫辦",
        "警長",
        "警員",
        "法官",
        "議員",
        "校長",
        "主席",
        "會計師",
        "工程師",
        "社工",
        "總監",
    )
)
ZH_HONORIFICS = tuple(sorted(_ZH_HONORIFIC, key=len, reverse=True))

# Words of a trade that make a business of the name they follow or close (永伴寵物善終,
# 龍華茶樓, 偉業汽車維修's 維修): a chat's sender holding one is a shop, and a name right
# before one starts a shop's name.
ZH_TRADE_WORDS = both_scripts(
    (
        "寵物",
        "善終",
        "服務",
        "公司",
        "茶樓",
        "酒樓",
        "酒家",
        "餐廳",
        "維修",
        "裝修",
        "地產",
        "物業",
        "診所",
        "醫務所",
        "中心",
        "學校",
        "補習",
        "髮型",
        "美容",
        "旅行社",
        "珠寶",
        "金行",
        "海鮮",
        "燒味",
        "藥房",
    )
)

# Han characters, rare ones included: Hong Kong names use characters of the supplementary
# planes (𡌅, 𨋢, 𠝹), which an HKSCS font shows and a BMP-only class would cut out of the name.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# A chat log's date and time written in Chinese before the speaker: 11月30日 08:14 康仔：,
# 2026年11月30日 下午3:02 二叔公：
# (Detection reads a space between a digit and a Chinese character: 11 月 30 日.)
ZH_DATE_STAMP = r"(?:\d{4}[ \t]?年[ \t]?)?\d{1,2}[ \t]?月[ \t]?\d{1,2}[ \t]?日[ \t]*(?:[上下]午|早上|晚上|中午)?[ \t]*\d{1,2}:\d{2}[ \t]+(?:-[ \t]+)?"
HAN_RUN = re.compile(f"[{HAN}]+")


def zh_surname_length(text: str, *, rare: bool = False) -> int:
    """Length of the surname ``text`` starts with (2 for 歐陽), or 0; ``rare`` admits the
    less common surnames, for places where a name is expected."""
    if text[:2] in ZH_COMPOUND:
        return 2
    return 1 if text[:1] in ZH_SURNAMES or (rare and text[:1] in ZH_RARE_SURNAMES) else 0


def zh_given_char(char: str) -> bool:
    """Whether ``char`` is common in given names, or a supplementary-plane character: those
    (𡌅, 𨋢) are written almost only in names and places, so no list of given names has them."""
    return char in ZH_GIVEN or char >= "\U00020000"


def zh_name_shape(run: str, *, rare: bool = False) -> bool:
    """Whether a run of Chinese characters, spaces removed, can be a full name."""
    surname = zh_surname_length(run, rare=rare)
    if not surname:
        return False
    given = run[surname:]
    # A married woman's name can lead with her husband's surname: 辛蘇麗珍.
    if len(given) == 3 and surname == 1 and given[0] in ZH_SURNAMES:
        given = given[1:]
    return 1 <= len(given) <= 2 and not any(ch in ZH_NOT_IN_NAME for ch in given)


_ZH_PLACES_BY_FIRST: dict[str, tuple[str, ...]] = {}
for _place in sorted(ZH_PLACES, key=len, reverse=True):
    _ZH_PLACES_BY_FIRST[_place[0]] = (*_ZH_PLACES_BY_FIRST.get(_place[0], ()), _place)


def zh_place_overlaps(text: str, start: int, end: int) -> bool:
    """Whether a gazetteer place or brand in ``text`` overlaps ``text[start:end]``."""
    for i in range(max(0, start - 6), end):
        for place in _ZH_PLACES_BY_FIRST.get(text[i], ()):
            if i + len(place) > start and text.startswith(place, i):
                return True
    return False


def pinyin_pair(word: str) -> list[str] | None:
    """A Mandarin given name written as one word, split into its two syllables (siqi: si,
    qi; zixuan: zi, xuan), or None."""
    if not 4 <= len(word) <= 10:
        return None
    for cut in range(1, len(word)):
        head, tail = word[:cut], word[cut:]
        if head in PINYIN_GIVEN_SYLLABLES and tail in PINYIN_GIVEN_SYLLABLES:
            return [head, tail]
    return None
