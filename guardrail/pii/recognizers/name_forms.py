"""Names in forms of address and documents that the other finders do not read.

- a Japanese or Korean honorific after a name: ``Ito-san``, ``Suzuki-sama``, ``Min-jun ssi``;
- a Korean name, a surname before a hyphenated given name: ``Kim Min-jun``, ``PARK JI-YEON``;
- the To, Cc and From lines of a pasted e-mail header, whose every entry is a person or
  a mailbox (``To: Ho, Crystal; Tam, Kit``, ``CC: Ivan Szeto, W. K. Ma``);
- the parties of a court caption (``WONG JADE MEI YEE   1st Defendant``) and witnesses
  named after their designation (``PW1, Ng Crystal``, ``DW2, Ivy``);
- a user handle quoted as a message's author (``ivy.cakes wrote:``) or heading a list
  entry (``- candy_lok | 2 x tote``);
- a WeChat forward's bracketed speaker (``【马丽】``) and a Chinese sign-off after a dash
  (``同意。——卢伟``);
- in chats typed in lower case, a given name that is also a word where only a person
  fits: after a greeting (``hi jade~``), in a self-introduction (``its honey from``,
  ``係 jade 呀``), after a possessive and a relation (``my bf kit``, ``my helper Nening``),
  before a person's state (``jay is sick``), before a surname (``sunny chan``), after a
  relation's possessor (``Sunny's brother``) and after ``mrs`` (``mrs faulkner``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrail.pii.recognizers.name_lexicon import (
    GIVEN,
    HAN,
    ZH_GIVEN,
    ZH_NOT_IN_NAME,
    both_scripts,
    both_scripts_chars,
    is_given,
    is_place,
    is_surname,
    never_a_name,
    pinyin_pair,
    zh_name_shape,
    zh_place_overlaps,
)
from guardrail.pii.recognizers.name_spans import ORG_WORDS, STOP, chinese_name_at, latin_name_at
from guardrail.pii.recognizers.names_data import GIVEN_SYLLABLES, ROMANISED_SURNAMES
from guardrail.text.start_gate import gate

Found = Iterator[tuple[int, int, float]]

_HONORIFIC = re.compile(
    r"(?<![A-Za-z'’-])(?P<name>[A-Z][a-z]{1,14}(?:-[A-Z]?[a-z]{1,6})?)[ -](?:san|sama|kun|sensei|senpai|ssi|nim)(?![A-Za-z])"
)


def honorific_names(text: str) -> Found:
    """``Ito-san``, ``Suzuki-sama``: the honorific is written only after a person."""
    if "-" not in text and " s" not in text and " n" not in text and " k" not in text:
        return
    for match in _HONORIFIC.finditer(text):
        name = match["name"]
        if never_a_name(name) or is_place(name) or name.lower() in STOP:
            continue
        yield *match.span("name"), 0.75


_KOREAN = re.compile(
    r"(?<![A-Za-z'’-])(?P<surname>[A-Z][a-z]{1,5}|[A-Z]{2,6})[ \t]+"
    r"(?P<given>[A-Z][a-z]{1,5}-[a-z]{2,5}|[A-Z]{1,5}-[A-Z]{2,5})(?![A-Za-z-])"
)


def korean_names(text: str) -> Found:
    """``Kim Min-jun``, ``PARK JI-YEON``: a surname and a hyphenated pair of given syllables."""
    if "-" not in text:
        return
    for match in _KOREAN.finditer(text):
        surname = match["surname"]
        if not is_surname(surname) or never_a_name(surname) or is_place(match[0].replace("-", " ")):
            continue
        yield *match.span(), 0.7


_HEADER_LINE = re.compile(r"(?im)^[ \t>]*(?P<label>from|to|cc|bcc|reply-to)[ \t]*:[ \t]*(?P<value>[^\n]+)$")
_OTHER_HEADER = re.compile(r"(?im)^[ \t>]*(?:from|to|cc|sent|date|subject)[ \t]*:")
_ENTRY = re.compile(r"[A-Z][A-Za-z'’-]*\.?(?:,?[ ][A-Z][A-Za-z'’-]*\.?){0,4}")
_MAILBOX_WORDS = frozenset(
    "all everyone staff team teams dept department group office list undisclosed recipients".split()
)


def _header_entries(value: str, offset: int) -> Iterator[tuple[int, int]]:
    """The entries of a To/Cc list with their offsets, ``Last, First`` kept together."""
    separator = ";" if ";" in value else ","
    parts: list[tuple[int, int]] = []
    at = 0
    for piece in value.split(separator):
        parts.append((at, at + len(piece)))
        at += len(piece) + 1
    if separator == ",":
        merged: list[tuple[int, int]] = []
        i = 0
        while i < len(parts):
            words = value[parts[i][0] : parts[i][1]].split()
            following = value[parts[i + 1][0] : parts[i + 1][1]].split() if i + 1 < len(parts) else []
            if len(words) == 1 and is_surname(words[0]) and len(following) == 1:
                merged.append((parts[i][0], parts[i + 1][1]))
                i += 2
                continue
            merged.append(parts[i])
            i += 1
        parts = merged
    for start, end in parts:
        piece = re.sub(r"<[^>]*>|\([^)]*\)|\[[^\]]*\]", lambda m: " " * len(m[0]), value[start:end])
        name = _ENTRY.search(piece)
        if name is None or piece[: name.start()].strip(" '\"‘’“”") or piece[name.end() :].strip(" '\"‘’“”"):
            continue
        yield offset + start + name.start(), offset + start + name.end()


def header_names(text: str) -> Found:
    """Every entry of the From, To and Cc lines of a pasted e-mail header."""
    if ":" not in text or len(_OTHER_HEADER.findall(text)) < 2:
        return
    for line in _HEADER_LINE.finditer(text):
        for start, end in _header_entries(line["value"], line.start("value")):
            value = text[start:end]
            words = [w.strip(".,") for w in value.split()]
            if any(w.lower() in _MAILBOX_WORDS or w.lower() in ORG_WORDS for w in words):
                continue
            if all(never_a_name(w) for w in words) or is_place(value):
                continue
            last = words[-1]
            if (
                len(words) > 1
                and never_a_name(last)
                and not is_surname(last)
                and not is_given(words[0], in_position=True)
            ):
                continue  # To: Mortgage Specialist, Cc: Claims Officer: a post's mailbox
            if len(words) == 1 and (never_a_name(words[0]) or words[0].lower() in STOP):
                continue
            if len(words) == 1 and words[0].isupper() and not is_surname(words[0]):
                continue  # From: NOC, To: IT
            yield start, end, 0.7


_ROLE = r"(?:Plaintiff|Defendant|Applicant|Respondent|Appellant|Petitioner|Claimant|Intervener)s?"
_CAPTION = re.compile(
    r"(?m)^[ \t]*(?P<name>[A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+){1,5})(?:[ \t]+\([^)\n]*\))?[ \t]{2,}"
    rf"(?:(?:1st|2nd|3rd|\d+th)[ \t]+)?{_ROLE}\b"
)
_WITNESS = re.compile(r"(?<![A-Za-z0-9])(?:PW|DW)\d{1,2},?[ \t]+")


def legal_parties(text: str) -> Found:
    """A court caption's parties and the witnesses named after their designation."""
    if "W" not in text and "ndant" not in text and "laint" not in text:
        return
    for match in _CAPTION.finditer(text):
        words = match["name"].split()
        if any(w.lower() in ORG_WORDS for w in words) or all(never_a_name(w) for w in words):
            continue
        yield *match.span("name"), 0.75
    for match in _WITNESS.finditer(text):
        span = latin_name_at(text, match.end(), lower_ok=False, max_words=4)
        if span is None:
            continue
        first = text[span[0] : span[1]].split()[0]
        if never_a_name(first) or is_place(text[span[0] : span[1]]):
            continue
        yield *span, 0.7


_QUOTED_AUTHOR = re.compile(r"(?m)^[ \t>]*(?P<handle>[A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z0-9]+){0,2})[ \t]+wrote:")
_LIST_HANDLE = re.compile(r"(?m)^[ \t]*[-*•][ \t]+(?P<handle>[a-z][a-z0-9]*(?:[._][a-z0-9]+){1,2})[ \t]*[|:,]")


def _handle_of_name(handle: str) -> bool:
    parts = [p for p in re.split(r"[._]", handle.lower()) if p]
    if any(p in ("com", "net", "org", "hk", "io") for p in parts):
        return False
    named = [p for p in parts if is_surname(p) or (len(p) >= 3 and is_given(p, in_position=True))]
    return bool(named) and all(
        p in named or p in GIVEN_SYLLABLES or p in ROMANISED_SURNAMES or len(p) <= 5 for p in parts
    )


def quoted_handles(text: str) -> Found:
    """``ivy.cakes wrote:`` and a list entry headed by a handle built on a name."""
    for pattern in (_QUOTED_AUTHOR, _LIST_HANDLE):
        for match in pattern.finditer(text):
            handle = match["handle"]
            if _handle_of_name(handle) and not never_a_name(handle):
                yield *match.span("handle"), 0.65


_BRACKET_SPEAKER = re.compile(f"(?m)^[ \t]*【(?P<name>[{HAN}]{{2,4}})】")
_DASH_SIGNATURE = re.compile(f"(?m)(?:——|—|--)[ \t]*(?P<name>[{HAN}]{{2,4}})[ \t]*$")


_SMS_OPENINGS = tuple(
    both_scripts(
        (
            "您",
            "你的",
            "尊敬",
            "驗證碼",
            "会员",
            "會員",
            "親愛",
            "温馨",
            "溫馨",
            "恭喜",
            "感謝",
            "優惠",
            "訂單",
            "快遞",
            "賬戶",
            "帳戶",
        )
    )
)


def zh_bracket_and_dash(text: str) -> Found:
    """``【马丽】那我跟…`` (a forwarded WeChat line) and ``同意。——卢伟`` (a signed comment)."""
    if "【" not in text and "—" not in text and "--" not in text:
        return
    for pattern in (_BRACKET_SPEAKER, _DASH_SIGNATURE):
        for match in pattern.finditer(text):
            if not zh_name_shape(match["name"], rare=True) or zh_place_overlaps(text, *match.span("name")):
                continue
            if pattern is _BRACKET_SPEAKER and text.startswith(_SMS_OPENINGS, match.end()):
                continue  # 【周大福】会员积分: an SMS sender's tag, not a forwarded speaker
            yield *match.span("name"), 0.7


# A doubled character used as a pet name (丽丽, 婷婷, 玥玥, 犇犇), where a person is
# spoken of: after 和/跟/叫 or a clause's start, before 请假/说/是/记得. Characters that
# double into ordinary words (天天, 慢慢, 谢谢, 妈妈, 明明) do not count.
_NOT_DOUBLED = both_scripts_chars(
    "天常剛慢好人謝看試哈呵媽爸哥姐弟妹奶爺寶星漸往僅偏默紛匆悄輕明個處時年月日家戶樣件條次多少大小高早白久"
    "滿足整統平淡等點想走說聊拜嗯噢哦啊嗚嘻嘿哼滴麼乖公婆伯叔舅姑姨嫂太重層一二三四五六七八九十百千萬兩"
    "頭歷嘩咪啦喂咚叮噹呱呼紅綠黑藍黃灰粉亮冷熱暖快遠近長短深淺新舊真假乾濕"
    # kin and baby words, apps and brands, sounds and Cantonese particles: 嫲嫲, 囡囡, 仔仔,
    # 釘釘, 莎莎, 豆豆 (a pet as often as a child), 啱啱, 嗡嗡, 提提 (remind), 阿里巴巴
    "嫲囡囝仔孫爹娘姊嬸釘莎豆啱嗡提咩喇嘢唧咁巴"
)
_DOUBLED = re.compile(f"(?P<name>([{HAN}])\\2)")
_DOUBLED_BEFORE = frozenset("和跟同叫找问問给給让讓催@、，,")
_DOUBLED_AFTER = tuple(
    both_scripts(
        (
            *("請假", "說", "話", "今天", "明天", "昨天", "在", "也", "和", "跟", "已經", "要", "去"),
            *("是", "的", "記得", "都", "還", "又", "會", "負責", "幫", "那", "這", "呢", "嗎", "回", "到", "來"),
            *("先", "再", "就", "想", "覺得", "發燒", "生日"),
        )
    )
)


def zh_doubled_names(text: str) -> Found:
    """``今天晓明和丽丽请假``: a doubled name character where its clause says a person."""
    for match in _DOUBLED.finditer(text):
        start, end = match.span("name")
        if match[2] in _NOT_DOUBLED or match[2] in ZH_NOT_IN_NAME:
            continue
        before = text[start - 1 : start] if start else ""
        if before and re.match(f"[{HAN}]", before) and before not in _DOUBLED_BEFORE:
            continue
        if not (end == len(text) or not re.match(f"[{HAN}]", text[end]) or text.startswith(_DOUBLED_AFTER, end)):
            continue
        yield start, end, 0.65


def _given_word(word: str) -> bool:
    return is_given(word, in_position=True) and not never_a_name(word) and word.lower() not in STOP


_GREETING_LOWER = re.compile(
    r"(?<![A-Za-z])(?:hi|hey|hello|dear|morning|thanks|thx|bye)[ \t]+(?P<w>[a-z]{3,12})(?=[ \t]*(?:[~!,.?)]|$)|[^\x00-\x7f])",
    re.MULTILINE,
)
_SELF_INTRO = gate(
    re.compile(
        r"(?i:(?<![A-Za-z])(?:it'?s|it’s|this is|i'?m|i am|係)[ \t]*)(?P<w>[a-z]{3,12})"
        r"(?=[ \t]+(?:from|here|again|呀|啊|la|lah)(?![A-Za-z])|[ \t]*[~!,.])"
    )
)
_RELATION = gate(
    re.compile(
        r"(?i:(?<![A-Za-z])(?:my|our|her|his|their|your)[ \t]+(?:bf|gf|boyfriend|girlfriend|husband|hubby|wife|"
        r"mum|mom|mother|dad|father|son|daughter|sister|brother|friend|colleague|helper|maid|neighbour|neighbor|"
        r"cousin|boss|classmate|partner|fianc[eé]e?|nephew|niece)[ \t]+)(?P<w>[A-Za-z][a-z]{2,14})(?![A-Za-z'’-])"
    )
)
_LOWER_STATE = re.compile(
    r"(?<![A-Za-z'’@.-])(?P<w>[a-z]{3,12})[ \t]+(?:is|was|has been)[ \t]+(?:off sick|sick|unwell|absent|"
    r"on leave|in hospital|running late|late today|not feeling well)(?![A-Za-z])"
)
_LOWER_PAIR = re.compile(r"(?<![\w'’@.-])(?=(?P<g>[a-z]{3,12}) (?P<s>[a-z]{2,7})(?![\w'’@-]))")
_POSSESSOR = re.compile(
    r"(?<![A-Za-z'’-])(?P<w>[A-Z][a-z]{2,14})['’]s[ \t]+(?:brother|sister|mum|mom|mother|dad|father|husband|wife|"
    r"son|daughter|boyfriend|girlfriend|bf|gf|cousin|helper|boss)(?![A-Za-z])"
)
_MRS_LOWER = re.compile(r"(?<![A-Za-z])(?:mrs|mdm)\.?[ \t]+(?P<w>[a-z]{3,14})(?![A-Za-z'’-])")
# A word a chat writer may put after "my friend" that is no name: my friend said, my bf works.
_NOT_AFTER_RELATION = frozenset(
    "said says say told asked wants want will would can could is was has had and or but who which that "
    "lives works living working bought got gave sent took came went also just still really".split()
)
_ENGLISH_SYLLABLES = frozenset(
    "so to on long man sin fun tin pan fan ping pong king sing wing hang kit sun ho hon lo mo "
    "ma ha chin may yes bin kan mean kin tat lap lit pat pit pun sum tan wan wo yo yu "
    # pronouns and small words a mainland surname's pinyin spells too: I hope he, told an
    "he an do go no me we oh".split()
)


def lower_chat_names(text: str) -> Found:
    """Word-like given names in places only a person stands, as chats type them."""
    for match in _GREETING_LOWER.finditer(text):
        if _given_word(match["w"]):
            yield *match.span("w"), 0.6
    for match in _SELF_INTRO.finditer(text):
        if _given_word(match["w"]):
            yield *match.span("w"), 0.6
    for match in _RELATION.finditer(text):
        word = match["w"]
        if word.lower() in _NOT_AFTER_RELATION or never_a_name(word) or is_place(word) or word.lower() in STOP:
            continue
        if word[0].isupper() or _given_word(word):
            yield *match.span("w"), 0.65
    for match in _LOWER_STATE.finditer(text):
        if _given_word(match["w"]):
            yield *match.span("w"), 0.6
    for match in _POSSESSOR.finditer(text):
        if _given_word(match["w"]) and not is_place(match["w"]):
            yield *match.span("w"), 0.65
    for match in _MRS_LOWER.finditer(text):
        if not never_a_name(match["w"]) and match["w"] not in STOP:
            yield *match.span("w"), 0.6
    for match in _LOWER_PAIR.finditer(text):
        given, surname = match["g"], match["s"]
        if surname not in ROMANISED_SURNAMES or surname in _ENGLISH_SYLLABLES or given in _ENGLISH_SYLLABLES:
            continue
        if _given_word(given) and not is_place(f"{given} {surname}"):
            yield match.start("g"), _syllables_after(text, match.end("s")), 0.6
    for match in _LOWER_FULL.finditer(text):
        if _lower_full_name(match["s"], match["a"], match["b"]) and match["n"] not in ORG_WORDS:
            yield match.start("s"), match.end("b"), 0.6
    for match in _LOWER_PINYIN.finditer(text):
        # hu zixuan, xu haonan: a mainland name in lower-case pinyin, its given name joined
        surname, given = match["s"], match["g"]
        if surname in ROMANISED_SURNAMES and surname not in _ENGLISH_SYLLABLES and pinyin_pair(given):
            yield match.start("s"), match.end("g"), 0.6


# A Hong Kong name typed all in lower case, surname first (mak wing sze, chow siu kei,
# fung yee-man): the surname and two given syllables, the word after it kept to judge it.
_LOWER_FULL = re.compile(
    r"(?<![\w'’@.#/-])(?=(?P<s>[a-z]{2,6}) (?P<a>[a-z]{1,6})[ -](?P<b>[a-z]{1,6})(?![\w'’@-])[ \t]*(?P<n>[a-z]*))"
)
_LOWER_PINYIN = re.compile(r"(?<![\w'’@.#/-])(?P<s>[a-z]{2,6}) (?P<g>[a-z]{4,10})(?![\w'’@-])")
# Cantonese typed in Latin letters (Kongish) whose words are also surnames and syllables:
# ng ho yi si (唔好意思), lei ho (你好).
_KONGISH_HEADS = frozenset({("ng", "ho"), ("ng", "hai"), ("ng", "sai"), ("ng", "gei"), ("lei", "ho"), ("lei", "hai")})


def _lower_full_name(surname: str, first: str, second: str) -> bool:
    """Whether ``surname first second`` in lower case is a romanised Hong Kong name: a
    surname that is no English word, two distinct given syllables of which at most one is
    an English word, not a place (ho man tin) nor Kongish."""
    if surname not in ROMANISED_SURNAMES or surname in _ENGLISH_SYLLABLES or (surname, first) in _KONGISH_HEADS:
        return False
    if first not in GIVEN_SYLLABLES or second not in GIVEN_SYLLABLES or first == second:
        return False
    if first in _ENGLISH_SYLLABLES and second in _ENGLISH_SYLLABLES:
        return False
    phrase = f"{surname} {first} {second}"
    return not (is_place(phrase) or is_place(f"{surname} {first}") or is_place(f"{first} {second}"))


_LOWER_SYLLABLE = re.compile(r"[ \t]([a-z]{1,6})(?![A-Za-z])")


def _syllables_after(text: str, end: int) -> int:
    """The end of a lower-case Hong Kong name's given syllables after ``given surname``
    (bernard ng ka chun), up to two, none of them an English word."""
    for _ in range(2):
        syllable = _LOWER_SYLLABLE.match(text, end)
        if syllable is None or syllable[1] not in GIVEN_SYLLABLES or syllable[1] in _ENGLISH_SYLLABLES:
            break
        end = syllable.end()
    return end


_TITLED_POSSESSIVE = re.compile(
    r"(?<![A-Za-z])(?:Mr|Mrs|Ms|Miss|Mdm|Dr)\.?[ \t]+(?P<name>[A-Z][a-z]{2,14})['’]s(?![A-Za-z])"
)
_URL_NAME = re.compile(
    r"[?&](?:(?:billing|shipping|full|first|last|given|family|customer|contact|card_?holder|holder|recipient|payer)_?)?"
    r"name=(?P<value>[A-Za-z]+(?:(?:\+|%20)[A-Za-z]+){0,4})(?=[&#\s]|$)"
)


def titled_possessives_and_url_names(text: str) -> Found:
    """``Mr Somchai's passport`` (a title before a possessive), and a name in a URL's
    query (``billing_name=Tsui+Ka+Ho``) with its spaces encoded."""
    for match in _TITLED_POSSESSIVE.finditer(text):
        if not never_a_name(match["name"]) and not is_place(match["name"]):
            yield *match.span("name"), 0.7
    if "name=" not in text:
        return
    for match in _URL_NAME.finditer(text):
        words = re.split(r"\+|%20", match["value"])
        if not all(never_a_name(w) for w in words):
            yield *match.span("value"), 0.7


# Verbs and phrases only a person is the subject of, after a word-like given name:
# Kit said, Summer joined in 2021, Jade will call you.
_PERSON_VERBS = (
    r"said|says|asked|asks|told|tells|replied|replies|emailed|texted|messaged|whatsapped|called|phoned|"
    r"mentioned|confirmed|agreed|joined|signed|approved|promised|suggested|explained|reported|noticed|"
    r"complained|apologi[sz]ed|wants|wanted|thinks|thought|prefers|prefers|forgot|remembered|"
    r"will (?:call|email|send|join|check|bring|come|sign|help|handle|follow|reply|confirm|pick|cover|take|be back)|"
    r"can(?:'|’)?t make it|is coming|is joining|is leaving|has left|has resigned|left early|just called"
)
_MODAL_VERBS = (
    r"sign|call|send|check|bring|pick|come|join|help|email|reply|take|book|confirm|approve|handle|cover|give|"
    r"ask|tell|meet|collect|pay|update|review|print|follow|finish|share|prepare|cover|attend|drive|look"
)
_TEAMS = (
    r"HR|IT|(?i:accounts?|finance|sales|marketing|legal|ops|operations|admin|compliance|procurement|reception|"
    r"facilities|security|logistics|payroll|audit|engineering|customer service|the office|the class|my class|"
    r"the \w+ (?:team|department|class))"
)
_WORD_NAME_CUES = gate(
    re.compile(
        r"(?:(?<![A-Za-z'’-])(?P<a>[A-Z][a-z]{1,14})[ \t]+(?:" + _PERSON_VERBS + r")(?![A-Za-z])"
        r"|(?:^|(?<=[.!?\n])[ \t]*|(?<=[.!?] ))(?:Can|Could|Would|Will|Should|Did|Does|Has)[ \t]+(?P<b>[A-Z][a-z]{1,14})[ \t]+"
        r"(?:please[ \t]+)?(?:" + _MODAL_VERBS + r")(?![A-Za-z])"
        r"|(?<![A-Za-z])(?:ask|asked|tell|told|remind|reminded|let|get|got|have|had)[ \t]+(?P<c>[A-Za-z][a-z]{1,14})[ \t]+(?:to|know)(?![A-Za-z])"
        r"|(?<![A-Za-z])(?:spoke|spoken|talked|chatted|met|meeting|conversation|call|catch up|checked)[ \t]+(?:to|with)[ \t]+"
        r"(?P<g>[A-Za-z][a-z]{1,14})(?![A-Za-z'’-])"
        r"|(?<![A-Za-z'’-])(?P<d>[A-Za-z][a-z]{1,14})[ \t]+from[ \t]+(?:" + _TEAMS + r")(?![A-Za-z])"
        r"|(?<![A-Za-z'’-])(?P<e>[A-Z][a-z]{1,14})[ \t]+and[ \t]+(?:I|me)(?![A-Za-z'’])"
        r"|(?<![A-Za-z])(?:[Mm]e|I)[ \t]+and[ \t]+(?P<f>[A-Z][a-z]{1,14})(?![A-Za-z'’-]))",
        re.MULTILINE,
    )
)


_DETERMINER = re.compile(r"(?i:(?<![A-Za-z])(?:the|a|an|this|that|our|my|your|his|her|their|its))[ \t]+$")


def word_names_by_role(text: str) -> Found:
    """A word-like given name where its sentence makes it a person: ``Kit said``,
    ``Could Kit sign``, ``ask Summer to check``, ``Jade from accounts``."""
    for match in _WORD_NAME_CUES.finditer(text):
        group = next(g for g in "abcdefg" if match[g])
        word = match[group]
        if not is_given(word, in_position=True) or never_a_name(word) or is_place(word) or word.lower() in STOP:
            continue
        if word.islower() and group not in "cgd":
            continue
        if word.islower() and group == "d" and word not in GIVEN:
            continue  # ginger from the class: a lower-case name the lists know
        if _DETERMINER.search(text, max(0, match.start(group) - 8), match.start(group)):
            continue  # The King said, our Summer joined: a thing or a season, not a person
        yield *match.span(group), 0.65


_DASH_SIGN_LATIN = re.compile(r"(?m)^[ \t]*(?:—|–|--|~)[ \t]*(?P<name>[A-Z][a-z]{1,14}(?: [A-Z][a-z]{1,14})?)[ \t]*$")
_RELATION_OF = re.compile(
    r"(?<![A-Za-z'’-])(?P<name>[A-Z][a-z]{1,14}(?: [A-Z][a-z]{1,14}){1,3})[ \t]+(?:s/o|d/o|w/o|S/O|D/O|W/O)(?![A-Za-z])"
)


def signed_and_related(text: str) -> Found:
    """``— Kit`` on a line of its own (a signature), and the name before ``s/o``, ``w/o``
    (son, wife of) in South Asian records."""
    if "/" in text:
        for match in _RELATION_OF.finditer(text):
            if not any(never_a_name(w) for w in match["name"].split()):
                yield *match.span("name"), 0.7
    if "—" not in text and "–" not in text and "--" not in text and "~" not in text:
        return
    for match in _DASH_SIGN_LATIN.finditer(text):
        words = match["name"].split()
        if any(never_a_name(w) or w.lower() in STOP for w in words) or is_place(match["name"]):
            continue
        if is_given(words[0], in_position=True) or is_surname(words[-1]):
            yield *match.span("name"), 0.7


_ROLE_NICK = re.compile(
    "(?:"
    + "|".join(
        both_scripts(
            ("客服", "同事", "助理", "司機", "前台", "秘書", "師傅", "保安", "護士", "店員", "主管", "組長", "文員")
        )
    )
    + f")(?P<name>[小阿][{HAN}])"
)
_NOT_ROLE_NICK = both_scripts(
    (
        "小心",
        "小時",
        "小組",
        "小區",
        "小學",
        "小孩",
        "小費",
        "小姐",
        "小伙",
        "小吃",
        "小說",
        "小事",
        "小型",
        "小票",
        "小店",
        "阿姨",
    )
)


def role_nicknames(text: str) -> Found:
    """``客服小美``, ``司機阿明``: a nickname right after the role of the person it names."""
    for match in _ROLE_NICK.finditer(text):
        name = match["name"]
        if name in _NOT_ROLE_NICK or name[1] not in ZH_GIVEN:
            continue
        yield *match.span("name"), 0.65


_ZH_CUE_BEFORE = "|".join(
    sorted(
        both_scripts(
            (
                "同埋",
                "叫埋",
                "同",
                "搵",
                "叫",
                "問",
                "俾",
                "畀",
                "等",
                "約",
                "見",
                "通知",
                "提醒",
                "恭喜",
                "多謝",
                "唔該",
                "和",
                "跟",
                "找",
                "給",
                "讓",
            )
        ),
        key=len,
        reverse=True,
    )
)
_ZH_CUE_AFTER = "|".join(
    sorted(
        both_scripts(
            ("佢", "話", "今日", "琴日", "聽日", "唔", "都會", "已經", "同我", "請假", "說", "講咗", "返工", "放假")
        ),
        key=len,
        reverse=True,
    )
)
_LATIN_IN_ZH = re.compile(
    f"(?:(?:{_ZH_CUE_BEFORE})[ \t]*(?P<a>[A-Za-z][a-z]{{2,12}})(?=[ \t]*[{HAN}])"
    f"|(?<![A-Za-z'’@.-])(?P<b>[a-z][a-z]{{2,12}})[ \t]*(?={_ZH_CUE_AFTER}))"
)


_FOOD_AFTER = frozenset(both_scripts_chars("汁味批醬酱餅饼糕茶蛋"))


def latin_names_in_chinese(text: str) -> Found:
    """``琴日同jade食飯``, ``叫埋Ginger一齊``, ``sunny佢今日唔舒服``: a given name typed
    in lower case (or after a verb the other finders do not know) inside Cantonese."""
    if not re.search(f"[{HAN}]", text):
        return
    for match in _LATIN_IN_ZH.finditer(text):
        group = "a" if match["a"] else "b"
        if text[match.end(group) : match.end(group) + 2].strip()[:1] in _FOOD_AFTER:
            continue  # 同apple汁: a fruit, not Apple
        if _given_word(match[group]) and not is_place(match[group]):
            yield *match.span(group), 0.6


_BARE_ZH_LABEL = re.compile("(?:姓[ \t]?名|姓[ \t]?名[ \t]?[(（]中文[)）])[ \t]+(?=[" + HAN + "])")
_COUNTRIES = (
    "Pakistan|India|Nepal|Bangladesh|Sri Lanka|Philippines|Indonesia|Thailand|Vietnam|Malaysia|Myanmar|"
    "Pakistani|Indian|Nepali|Nepalese|Bangladeshi|Sri Lankan|Filipino|Filipina|Indonesian|Thai|Vietnamese|"
    "Malaysian|Burmese"
)
_NAME_COUNTRY = re.compile(
    r"(?m)^[ \t]*(?:[-*•][ \t]+|\d{1,3}[.)][ \t]+)?(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+){1,3})[ \t]*(?:—|–|-|,|\|)[ \t]*"
    rf"(?:{_COUNTRIES})(?![A-Za-z])"
)


def bare_labels_and_nationality_lines(text: str) -> Found:
    """``姓名 黃 志 明`` (a scanned form's label without its colon) and a list line of a
    name then a country or nationality (``- Rashid Mehmood — Pakistan — AK5519034``)."""
    for match in _BARE_ZH_LABEL.finditer(text):
        span = chinese_name_at(text, match.end())
        if span:
            yield *span, 0.7
    for match in _NAME_COUNTRY.finditer(text):
        words = match["name"].split()
        if any(never_a_name(w) or w.lower() in ORG_WORDS for w in words) or is_place(match["name"]):
            continue
        if re.fullmatch(_COUNTRIES, match["name"]):
            continue  # - Sri Lanka — Thailand: a list of countries
        yield *match.span("name"), 0.7


# The name someone goes by, said in words (Siti Rahmawati (goes by Nur), aka Dee), and the
# Cantonese 阿 romanised before a name in English text (ask ah Wing the plumber).
_GOES_BY = gate(
    re.compile(r"\b(?i:goes by|going by|a\.?k\.?a\.?|nicknamed)[ \t]+[\"“']?(?P<name>[A-Z][a-z]{1,14})(?![A-Za-z])")
)
_AH_NAME = re.compile(r"(?<![A-Za-z])ah[ ](?P<name>[A-Z][a-z]{1,10})(?![A-Za-z])")


def alias_and_ah_names(text: str) -> Found:
    """A name after "goes by" or "aka", and after a lower-case ``ah``."""
    for pattern in (_GOES_BY, _AH_NAME):
        for match in pattern.finditer(text):
            name = match["name"]
            if never_a_name(name) or name.lower() in STOP or is_place(name):
                continue
            if pattern is _AH_NAME and not (is_given(name, in_position=True) or name.lower() in GIVEN_SYLLABLES):
                continue
            yield *match.span("name"), 0.65


# Hong Kong surnames that are English words (杜 To, 蘇 So, 龍 Long, 文 Man, 楊 Young,
# 羅 Law): after a given name (Rocky To, Hope So, Faith Long), or in capitals before the
# given name's romanised syllables (YOUNG Hoi Lam). Alone they stay words.
_WORD_SURNAMES = "To|So|Long|Man|Young|Law"
_GIVEN_THEN_WORD_SURNAME = re.compile(
    rf"(?<![A-Za-z'’])(?P<name>(?P<given>[A-Z][a-z]{{2,12}})[ ](?:{_WORD_SURNAMES}))(?![A-Za-z'’])"
)
_WORD_SURNAME_FIRST = re.compile(
    rf"(?<![A-Za-z'’])(?P<name>(?:{_WORD_SURNAMES.upper()})[ ](?P<given>[A-Z][a-z]+(?:[ -][A-Za-z][a-z]+){{0,2}}))"
    r"(?![A-Za-z'’])"
)
_SUBJECT_BEFORE = re.compile(r"(?i)\b(?:i|we|you|they|he|she|it|let's|lets)[ ]$")


def word_surname_names(text: str) -> Found:
    """A given name and a surname that is an English word (Rocky To), or the surname in
    capitals before romanised given syllables (YOUNG Hoi Lam); not "I hope so"."""
    for match in _GIVEN_THEN_WORD_SURNAME.finditer(text):
        given = match["given"]
        if not is_given(given, in_position=True) or never_a_name(given) or is_place(match["name"]):
            continue
        if _SUBJECT_BEFORE.search(text, max(0, match.start() - 8), match.start()):
            continue
        if re.match(r" [A-Z][a-z]", text[match.end() : match.end() + 3]):
            continue  # a title-cased phrase: Happy To Help, Long Way To Go
        yield *match.span("name"), 0.65
    for match in _WORD_SURNAME_FIRST.finditer(text):
        syllables = re.split(r"[ -]", match["given"].lower())
        if all(part in GIVEN_SYLLABLES for part in syllables):
            yield *match.span("name"), 0.7


FINDERS = (
    bare_labels_and_nationality_lines,
    alias_and_ah_names,
    word_surname_names,
    latin_names_in_chinese,
    role_nicknames,
    signed_and_related,
    zh_doubled_names,
    word_names_by_role,
    titled_possessives_and_url_names,
    honorific_names,
    korean_names,
    header_names,
    legal_parties,
    quoted_handles,
    zh_bracket_and_dash,
    lower_chat_names,
)
