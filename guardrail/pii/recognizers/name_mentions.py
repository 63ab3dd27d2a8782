"""Every mention of a name once one mention is found.

A text that names someone in full once (``Booking under Ruby Tang``) goes on to call
her ``Ruby``; a chat names its speaker on every line; a caller spells her surname out
(``L-E-E``); a Chinese letter gives the full name once and the given name after
(``陳嘉欣`` then ``嘉欣``). Recognizers judge each mention alone and miss the short
ones, so after them this finds the other mentions of each name in the same text: its
words in Latin script (whole words, any case), spelled letter by letter, and for a
Chinese name the full name and its given name.

Words that are places or roles (``Lee`` of ``Lee Gardens``, ``Tai`` of ``Tai Po``) are
not carried over where they are part of a place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from presidio_analyzer import RecognizerResult

from guardrail.pii.name_tagger_features import TAGGER_NAME
from guardrail.pii.recognizers.name_cues import TITLES_AFTER_SURNAME, title_extensions
from guardrail.pii.recognizers.name_glosses import glosses
from guardrail.pii.recognizers.name_lexicon import (
    AMBIGUOUS_GIVEN,
    GIVEN,
    HAN,
    HAN_RUN,
    SURNAMES,
    both_scripts,
    is_given,
    is_place,
    is_surname,
    never_a_name,
    zh_name_shape,
    zh_place_overlaps,
    zh_surname_length,
)
from guardrail.pii.recognizers.name_lexicon import all_places as _all_places
from guardrail.pii.recognizers.name_neighbours import column_neighbours, list_neighbours
from guardrail.pii.recognizers.name_pairs import (
    bracketed_aliases,
    han_surnames_after,
    husbands_surnames_before,
    nicknames_before_brackets,
    paired_names,
)
from guardrail.pii.recognizers.name_pets import pet_names
from guardrail.pii.recognizers.name_spans import ORG_WORDS, STOP, L
from guardrail.pii.recognizers.name_word_mentions import lower_word_name, word_sense
from guardrail.pii.recognizers.name_zh_given import KIN_AFTER_CHILD
from guardrail.pii.recognizers.names_data import GIVEN_SYLLABLES
from guardrail.pii.spans import CoveringSpans

ENTITY = "PERSON"
NAME = "HkNameMentionRecognizer"
# Accented letters too, so Léa and Bergström recur as whole words.
_LATIN_WORD = re.compile(rf"[{L}][{L}'’]*(?:-[{L}]+)*")
_HAN_ONLY = re.compile(f"[{HAN}]+")
# A nickname of a Chinese affix and Latin letters, either way round: 細B, 阿Wing, Kit仔.
_MIXED_NICKNAME = re.compile(f"[{HAN}]{{1,2}}[A-Za-z]{{1,6}}|[A-Za-z]{{1,6}}[{HAN}]{{1,2}}")
# Romanised syllables so common inside other names and places that one alone is
# not carried over (Tai of Tai Po, Man of Chan Tai Man's neighbours).
_SYLLABLE_MIN = 4
# A Chinese "and" between Latin words (Happy 同 Winter), for :func:`paired_names`.
_HAN_AND = re.compile(r"[A-Za-z] ?(?:同埋|同|和|及|與|与) ?[A-Za-z]")


def more_mentions(text: str, found: Iterable[RecognizerResult], threshold: float = 0.5) -> list[RecognizerResult]:
    """PERSON results for other mentions of the names among ``found``, and for each name
    with the title beside it (:func:`name_cues.title_extensions`)."""
    found = list(found)
    # An alias in brackets after a name (TSANG Wing Ki (King)) is a name the text goes on
    # to use alone, so it joins the names whose mentions are sought.
    aliases = []
    if "(" in text or "（" in text:
        named = [(r.start, r.end) for r in found if r.entity_type == ENTITY and r.score >= threshold]
        aliases = [
            _mention(start, end, 0.65)
            for start, end in {*bracketed_aliases(text, named), *nicknames_before_brackets(text, named)}
        ]
    # Initials given in brackets after a name (Grace Ng (GN)) recur as that person: "GN pls".
    initials = {text[r.start : r.end] for r in aliases if _INITIALS.fullmatch(text, r.start, r.end)}
    recurring = [
        _mention(*match.span(), 0.65)
        for each in initials
        for match in re.finditer(rf"(?<![A-Za-z0-9]){each}(?![A-Za-z0-9])", text)
        if not any(r.start == match.start() for r in aliases)
    ]
    extra = [*aliases, *recurring, *_more_mentions(text, [*found, *aliases], threshold)]
    if "." in text or "_" in text:
        extra = [_whole_handle(text, r) for r in extra]
    names = [(r.start, r.end, r.score) for r in [*found, *extra] if r.entity_type == ENTITY and r.score >= threshold]
    spans = [(start, end) for start, end, _ in names]
    covered = CoveringSpans(spans)
    beside: list[Callable[[str, Iterable[tuple[int, int]]], Iterator[tuple[int, int]]]] = []
    if HAN_RUN.search(text):
        beside.extend((han_surnames_after, husbands_surnames_before))
    if "&" in text or "+" in text or " and " in text or _HAN_AND.search(text):
        beside.append(paired_names)
    for finder in beside:
        for start, end in set(finder(text, spans)):
            if not covered.covers(start, end):
                extra.append(_mention(start, end, 0.65))
    titled = [
        _mention(title_start, title_end, score)
        for start, end, score in names
        for title_start, title_end in title_extensions(text, [(start, end)])
    ]
    return extra + titled


# An account's handle: words joined by dots or underscores, not a mailbox's local part
# (raj.thapa@…) nor the inside of a longer path or domain.
_HANDLE_CHAR = re.compile(r"[A-Za-z0-9_.@]")
_HANDLE_TOKEN = re.compile(r"(?<![\w.@/\\-])@?([A-Za-z][A-Za-z0-9]*(?:[._]{1,2}[A-Za-z0-9]+)+_*)(?![\w@/\\-]|\.\w)")


def _whole_handle(text: str, mention: RecognizerResult) -> RecognizerResult:
    """``mention`` widened to the handle it is part of (raj of @raj.thapa.hk, a name the
    table gives beside it): the rest of the handle is the same person's."""
    if not _HANDLE_CHAR.match(text, max(0, mention.start - 1)) and not _HANDLE_CHAR.match(text, mention.end):
        return mention  # nothing of a handle on either side: no longer handle holds it
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    for match in _HANDLE_TOKEN.finditer(text, line_start, len(text) if line_end < 0 else line_end):
        start, end = match.span(1)
        if start <= mention.start and mention.end <= end and (start, end) != (mention.start, mention.end):
            return _mention(start, end, mention.score)
        if start > mention.start:
            break
    return mention


def _tagged(result: RecognizerResult) -> bool:
    return (result.recognition_metadata or {}).get(RecognizerResult.RECOGNIZER_NAME_KEY) == TAGGER_NAME


def _mention(start: int, end: int, score: float) -> RecognizerResult:
    return RecognizerResult(
        ENTITY,
        start,
        end,
        score,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: NAME,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: NAME,
        },
    )


# A word spelt out letter by letter with hyphens (K-e-l-v-i-n), as a whole run.
_SPELLED_OUT = re.compile(r"(?<![A-Za-z-])[^\W\d_](?:-[^\W\d_])+(?![A-Za-z-])")
_PHRASE_GAP = re.compile(r"[\s,]+")


def _recurring_phrases(text: str, phrases: set[str]) -> list[tuple[int, int]]:
    """Where the multi-word names ``phrases`` (lower case) recur in ``text``, in any case,
    their words apart by spaces or commas, not inside a longer Latin word; left to right,
    the longest name first where several start at one place, none overlapping.

    Found with ``str.find`` on the text in lower case rather than one pattern of all the
    names: such a pattern is new for every text, and compiling it (case-insensitive, a
    dozen names) cost more than the rest of the search."""
    lowered = text.lower()
    if not phrases or len(lowered) != len(text):  # lower() changed some length: rare, see below
        return _recurring_phrases_by_pattern(text, phrases) if phrases else []
    found: dict[int, tuple[int, int]] = {}  # start -> (rank, end), the first-ranked name wins
    for rank, phrase in enumerate(sorted(phrases, key=len, reverse=True)):
        words = phrase.split()
        start = lowered.find(words[0])
        while start >= 0:
            end = _phrase_end(lowered, start, words)
            if end is not None and found.get(start, (len(phrases), 0))[0] > rank:
                found[start] = (rank, end)
            start = lowered.find(words[0], start + 1)
    spans: list[tuple[int, int]] = []
    for start in sorted(found):
        if not spans or start >= spans[-1][1]:
            spans.append((start, found[start][1]))
    return spans


def _phrase_end(lowered: str, start: int, words: list[str]) -> int | None:
    """The end of ``words`` read at ``start`` as a whole phrase, or ``None``."""
    if start > 0 and _ascii_letter(lowered[start - 1]):
        return None
    position = start + len(words[0])
    for word in words[1:]:
        gap = _PHRASE_GAP.match(lowered, position)
        if gap is None or not lowered.startswith(word, gap.end()):
            return None
        position = gap.end() + len(word)
    if position < len(lowered) and _ascii_letter(lowered[position]):
        return None
    return position


def _ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _recurring_phrases_by_pattern(text: str, phrases: set[str]) -> list[tuple[int, int]]:
    """:func:`_recurring_phrases` for a text whose lower case is not as long as itself
    (a dotted capital I): one case-insensitive pattern of all the names."""
    pattern = "|".join(
        r"[\s,]+".join(re.escape(w) for w in phrase.split()) for phrase in sorted(phrases, key=len, reverse=True)
    )
    return [m.span() for m in re.finditer(rf"(?<![A-Za-z])(?:{pattern})(?![A-Za-z])", text, re.IGNORECASE)]


_INITIALS = re.compile(r"[A-Z]{2,4}")
_HANDLE_SHAPED = re.compile(r"@?[A-Za-z0-9]+(?:[._][A-Za-z0-9]+)+")


_NAME_DOTS = re.compile("[·•・‧]")
_GIVEN_HAN = re.compile(f"[{HAN}]{{2,3}}")


def _more_mentions(text: str, found: list[RecognizerResult], threshold: float) -> list[RecognizerResult]:
    latin: set[str] = set()
    phrases: set[str] = set()
    han: set[str] = set()
    surnames_alone: set[str] = set()
    mixed: set[str] = set()
    spans = []
    # The rest of a list is taken for names from the rules' findings: the tagger's (a
    # word-like name it scored high) would carry one mistake down a list of things; they
    # count only in a Chinese list they make most of (name_neighbours.zh_list_neighbours).
    seeds: list[tuple[int, int]] = []
    tagged: list[tuple[int, int]] = []
    for result in found:
        if result.entity_type != ENTITY or result.score < threshold:
            continue
        spans.append((result.start, result.end))
        (tagged if _tagged(result) else seeds).append((result.start, result.end))
        value = text[result.start : result.end]
        squeezed = re.sub(r"\s+", "", value)
        if _MIXED_NICKNAME.fullmatch(squeezed):
            mixed.add(squeezed)  # 細B, 阿Wing, Kit仔: a nickname of both scripts, whole
        dotted = _NAME_DOTS.split(squeezed)
        if len(dotted) > 1 and all(_HAN_ONLY.fullmatch(part) and len(part) >= 2 for part in dotted):
            han.update(dotted)  # 热依拉·买买提, then 热依拉 alone
            continue
        spaced = value.split()
        if len(spaced) > 1 and all(_HAN_ONLY.fullmatch(part) for part in spaced):
            # a display name of a role and a name (朵朵爸爸 陈昊): the name recurs alone
            han.update(part for part in spaced if zh_surname_length(part) and zh_name_shape(part))
        elif len(spaced) == 2 and is_given(spaced[0], in_position=True) and _GIVEN_HAN.fullmatch(spaced[1]):
            han.add(spaced[1])  # a display name in both scripts (Kaylin 凱琳): the Chinese recurs alone
        if _HAN_ONLY.fullmatch(squeezed):
            han.add(squeezed)
            # A finding with its title or kin word (浩然奶奶, 陳大文先生): the name itself
            # recurs without it (上次浩然同学...).
            bare = _without_title(squeezed)
            if len(bare) >= 2:
                han.add(bare)
            surname = zh_surname_length(bare) or zh_surname_length(bare, rare=True)
            given = bare[surname:]
            if len(bare) >= 3 and len(given) == 2:
                han.add(given)
                # and as family and friends shorten it (梁卓謙: 謙仔, 阿謙)
                han.update((f"{given[-1]}仔", f"{given[-1]}女", f"阿{given[-1]}"))
            if surname == 2 and len(bare) >= 3:
                han.add(bare[:2])  # 司徒家樂, then 司徒 alone: a two-character surname is no word
                surnames_alone.add(bare[:2])
            continue
        words = _LATIN_WORD.findall(value)
        if len(words) >= 2 and sum(len(w) for w in words) >= 6:
            phrases.add(" ".join(words).lower())
        handle = _HANDLE_SHAPED.fullmatch(value) is not None
        for word in words:
            lower = word.lower()
            if len(lower) < 3 or never_a_name(lower) or is_place(lower) or lower in ORG_WORDS:
                continue
            if handle and len(lower) <= 3 and not (is_given(lower, in_position=True) or is_surname(lower)):
                continue  # jvillanueva.adj: a handle's tag, not a name to find again
            if lower in pet_names(text):
                continue
            if lower in GIVEN_SYLLABLES and len(lower) < _SYLLABLE_MIN:
                continue
            latin.add(word)
    latin.update(_mailbox_names(text, found))
    # The rest of a column or list whose other entries are names (see name_neighbours).
    neighbours = [*column_neighbours(text, seeds), *list_neighbours(text, seeds, tagged)]
    for start, end in neighbours:
        value = text[start:end]
        if _HAN_ONLY.fullmatch(value):
            han.add(value)
        else:
            latin.update(w for w in _LATIN_WORD.findall(value) if len(w) >= 3 and not never_a_name(w))
    if not latin and not han and not mixed:
        return []
    covered = CoveringSpans(spans)
    extra: list[RecognizerResult] = []

    def add(start: int, end: int, score: float) -> None:
        if not covered.covers(start, end):
            extra.append(_mention(start, end, score))

    for start, end in neighbours:
        add(start, end, 0.65)
    # Every form a word was found in (Sri and SRI both), for word-like names carried over
    # only in a form they were found in.
    wanted: dict[str, tuple[set[str], bool]] = {}
    for word in latin:
        lower = word.lower()
        exact_case = lower in AMBIGUOUS_GIVEN
        # A word no list knows as a name is carried over only where it is capitalised:
        # "Handling" of a team's name is not a name in "poor handling".
        any_case = not exact_case and (lower in GIVEN or lower in SURNAMES)
        wanted.setdefault(lower, (set(), any_case))[0].add(word)
    for match in _LATIN_WORD.finditer(text):
        token, end = match[0], match.end()
        if token.endswith(("'s", "’s")):
            token, end = token[:-2], end - 2  # Ruby's flight: the name, not its possessive
        entry = wanted.get(token.lower())
        if entry is None and token.endswith("s") and _THE_BEFORE.search(text, max(0, match.start() - 4), match.start()):
            # the Laus, the Sandovals: a family by its surname, found once alone
            entry = wanted.get(token[:-1].lower())
            if entry is not None and token[:-1] not in entry[0]:
                entry = None
        if entry is None:
            continue
        forms, any_case = entry
        if token.lower() in AMBIGUOUS_GIVEN:
            # sunny found as a name is still the word in "sunny days", "Hope to hear back";
            # in lower case it is the name only where one stands (ask sunny, ivy's mobile).
            if word_sense(text, match.start(), end):
                continue
            if token not in forms and not (token.islower() and lower_word_name(text, match.start(), end)):
                continue
        elif token not in forms and not any_case and not token[:1].isupper():
            continue
        if inside_place(text, match.start(), end) or before_org(text, end):
            continue
        if _THING_AFTER.match(text, end):
            continue  # the Angel printer, the Kelly room: a thing named after someone
        add(match.start(), _given_after(text, end), 0.65)
    # A full name found once is a name wherever it recurs, in any case and even inside
    # a business's name (the chop of CHIU KAM FOOK PROPERTY names its owner).
    for start, end in _recurring_phrases(text, phrases):
        add(start, end, 0.7)
    for start, end in _short_forms(text, latin):
        add(start, end, 0.65)
    for start, end in _initials_of(text, found, threshold):
        add(start, end, 0.65)
    if "-" in text and latin:
        letters = {"".join(ch for ch in word if ch.isalpha()).lower() for word in latin}
        for match in _SPELLED_OUT.finditer(text):
            if match[0].replace("-", "").lower() in letters:
                add(match.start(), match.end(), 0.65)
    if ", " in text:
        # Lui is L, U, I - L for London, U for uncle, I for India: a found name spelt by
        # letters (any word of one, however short)
        spellable = {
            word.lower() for start, end in spans for word in _LATIN_WORD.findall(text[start:end]) if len(word) >= 2
        }
        for match in _SPELLED_BY_WORDS.finditer(text):
            if "".join(letter[1] for letter in _SPELT_LETTER.finditer(match[0])).lower() in spellable:
                add(match.start(), match.end(), 0.65)
    for name in mixed:
        # (the text is normalised: a space may stand between the scripts, 細 B)
        spelled = "[ \t]?".join(map(re.escape, name))
        for match in re.finditer(rf"(?<![A-Za-z]){spelled}(?![A-Za-z])", text):
            add(match.start(), match.end(), 0.65)
    for name in han:
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            # A surname found alone (陳太) recurs as a name only with a title after it:
            # the character 查 of 陳查 is no name in 檢查結果.
            titled = (
                len(name) > 1
                or (
                    text.startswith(_ZH_TITLES_AFTER, end)
                    # 房 of 廚房太細 is a word's end: a lone surname carried over needs a clause
                    # start before it or a title of two characters after it.
                    and (not _HAN_ONLY.match(text[start - 1 : start]) or text.startswith(_ZH_LONG_TITLES, end))
                )
            )
            # 譚永興's given name is no person in 永興五金工程有限公司: a business's name. A
            # full name stays one before such a word (供孙雨桐银行开户: for her bank account).
            business = len(name) <= 2 and (text.startswith(_ZH_BUSINESS, end) or text.startswith(_ZH_THING_AFTER, end))
            # (司徒 alone, not 司徒拔道: a road named after a family)
            road = name in surnames_alone and any(c in _ROAD_ENDS for c in text[end : end + 2])
            if titled and not business and not road and not zh_place_overlaps(text, start, end):
                add(start, end, 0.65)
            start = text.find(name, end)
    # 周晓雯。周末的周，破晓的晓: each character of a Chinese name spelt out (see name_glosses).
    for start, end in glosses(text, han):
        add(start, end, 0.65)
    return extra


_ROAD_ENDS = frozenset("道路街里巷坊徑径村邨園园")
_ZH_BUSINESS = tuple(
    both_scripts(
        (
            "有限公司",
            "公司",
            "集團",
            "五金",
            "工程",
            "貿易",
            "酒家",
            "酒樓",
            "餐廳",
            "茶餐廳",
            "地產",
            "企業",
            "實業",
            "國際",
            "控股",
            "銀行",
            "藥房",
            "士多",
            "設計",
            "工作室",
            "裝修",
            "服務",
            "顧問",
            "診所",
            "物流",
            "科技",
            "電器",
            "冷氣",
            "洗衣",
            "餐飲",
            "教育",
            "中心",
            "記",
            "號",
        )
    )
)
# and a festival's, an estate's or a compound's: 国庆节, 向阳小区, 郜家大院
_ZH_THING_AFTER = tuple(both_scripts(("節", "小區", "大院")))
_ZH_TITLES_AFTER = tuple(sorted(TITLES_AFTER_SURNAME, key=len, reverse=True))
_ZH_LONG_TITLES = tuple(title for title in _ZH_TITLES_AFTER if len(title) > 1)
# Titles and kin words of two characters or more that a finding may end with.
_WORDS_AFTER_NAME = tuple(sorted({*_ZH_LONG_TITLES, *KIN_AFTER_CHILD}, key=len, reverse=True))


# Where a short form of a name stands for its bearer: alone on a line (a sign-off), at a
# line's start before a dash or comma (Tiff - Grandma won't ...), after a greeting. Any
# capitalised word of three or four letters is matched, then looked up among the short
# forms (one pattern compiled once, not one per text's names).
_SHORT_WORD = r"[A-Z][a-z]{2,3}(?![A-Za-z])"
# (two patterns, not one of two branches: a word matched by one, and not a short form,
# must not hide the other's match that starts where it does, as in "Bye, Tiff")
_SHORT_FORM_SLOTS = (
    re.compile(rf"(?:^|(?<=\n))[ \t>]*(?P<name>{_SHORT_WORD})(?=[ \t]*(?:$|\n|[-–—,:]))"),
    re.compile(rf"(?i:\b(?:hi|hey|dear|thanks|thx|cheers|bye)[ \t,]+)(?P<name>{_SHORT_WORD})"),
)


def _short_forms(text: str, latin: set[str]) -> Iterator[tuple[int, int]]:
    """``Tiff`` for a Tiffany found, ``Des`` for a Desmond: a given name's first three or
    four letters, where a person is addressed or signs (the short form alone could be a
    word: it is taken only in those places)."""
    shorts = {
        word[:size]
        for word in latin
        for size in (3, 4)
        if len(word) >= 6
        and word[:1].isupper()
        and word[1:].islower()
        and not never_a_name(word[:size].lower())
        and word[:size].lower() not in STOP
    }
    if not shorts:
        return
    for slot in _SHORT_FORM_SLOTS:
        for match in slot.finditer(text):
            if match["name"] in shorts:
                yield match.span("name")


_THE_BEFORE = re.compile(r"(?i:the)[ \t]$")
_TITLE_WORDS = frozenset("mr mrs ms miss dr prof sir madam mdm".split())
# Initials that are far more often an acronym than a person in a text (Ivan Thomas's IT).
_ACRONYMS = frozenset("IT HR OK TV ID IP AM US UK HK CV PR PA GP QA ER OT PT MD VP AI PC BR NT SAR MPF".split())


# Capitals standing alone as a word (every initials the text may hold, looked up in a set
# afterwards: one pattern compiled once). Not a code's letters: HC 2026 0775, KC-LTU-5531,
# ML 883, KTHP P2 車Pool, CV/24/0817/KW, OLN/RT/PI/25; two people may share a task: JK/HS.
_STANDING_INITIALS = re.compile(
    r"(?<![A-Za-z0-9&.@#-])(?<![\d/]/)[A-Z]{2,4}"
    r"(?![A-Za-z0-9&@#-]|/[A-Z]{0,4}[\d/]|[ \t]*\d|[ \t]+[A-Z][a-z]{0,3}\b|[ \t]+[A-Z]\d)"
)
# (not a name's own bracket inside a proper noun: Manulife Global Select (MPF) Scheme)
_BRACKETED_INITIALS = re.compile(r"[ \t]?[(（](?P<initials>[A-Z]{2,4})[)）](?![ \t]+[A-Z][a-z])")


# Capitals said one by one, each alone or with a word for it (M for Mary, A as in apple).
_SPELT = r"[A-Z](?:[ ](?:for|as[ ]in|like)[ ][A-Za-z]+)?(?![A-Za-z])"
_SPELLED_BY_WORDS = re.compile(rf"(?<![A-Za-z]){_SPELT}(?:,?[ ](?:and[ ])?{_SPELT}){{2,}}")
_SPELT_LETTER = re.compile(r"(?<![A-Za-z])([A-Z])(?:[ ](?:for|as[ ]in|like)[ ][A-Za-z]+)?(?![A-Za-z])")


def _initials_of(text: str, found: list[RecognizerResult], threshold: float) -> Iterator[tuple[int, int]]:
    """A found full name's initials standing alone (``Rohan Bhattacharya (Treasurer, RB)``
    ... ``RB to send the refunds``), or the initials given in brackets after a found name
    (``陳sir (CKW)`` ... ``| 18:10 | CKW``): minutes, registers and trackers write people so
    once named. Not after a number (``3 PM``), nor opening a reference (``KBH-24-09207``)."""
    wanted: set[str] = set()
    for result in found:
        if result.entity_type != ENTITY or result.score < threshold:
            continue
        # Initials given in brackets after a person found: 陳sir (CKW), Ravi (RS).
        bracketed = _BRACKETED_INITIALS.match(text, result.end)
        if bracketed and bracketed["initials"] not in _ACRONYMS:
            wanted.add(bracketed["initials"])
        words = [w for w in _LATIN_WORD.findall(text[result.start : result.end]) if w.lower() not in _TITLE_WORDS]
        if len(words) < 2 or not all(w[:1].isupper() for w in words):
            continue
        parts = [part for word in words for part in word.split("-") if part]
        forms = {"".join(w[0] for w in words), "".join(p[0] for p in parts if p[:1].isupper())}
        # A Hong Kong name goes by its given name's syllables: Chan Ka-lok is KL.
        given = [p for w in words[1:] for p in w.split("-") if p]
        if is_surname(words[0]) and len(given) == 2 and all(p.lower() in GIVEN_SYLLABLES for p in given):
            forms.add((given[0][0] + given[1][0]).upper())
        for initials in forms:
            if 2 <= len(initials) <= 4 and initials.isupper() and initials not in _ACRONYMS:
                wanted.add(initials)
    if not wanted:
        return
    for match in _STANDING_INITIALS.finditer(text):
        if match[0] not in wanted:
            continue
        if re.search(r"\d[ \t]?$", text[max(0, match.start() - 2) : match.start()]):
            continue
        if _CODE_AFTER.match(text, match.end()):
            continue  # KBH-24-09207, TKOH/PP/24/03377: letters that open a reference
        yield match.span()


# What follows the letters of a reference or file number: -24-09207, /PP/24/03377, _0412.
_CODE_AFTER = re.compile(r"[-/_#][A-Z]{0,4}[-/]?\d")


def _without_title(name: str) -> str:
    """``name`` without a title or kin word of two characters or more at its end."""
    return next((name[: -len(word)] for word in _WORDS_AFTER_NAME if name.endswith(word) and name != word), name)


# Mailboxes of a post or a service, not of a person: payroll-hk@, admissions.office@.
_MAILBOX_WORDS = frozenset(
    "info admin sales support help hr team office accounts account billing noreply reply contact enquiries "
    "enquiry booking bookings reception payroll careers jobs marketing press media legal finance ops service "
    "services customer customers hello mail admissions orders order news newsletter events webmaster "
    "postmaster security tech dev feedback complaints claims hk asia global group dept department "
    "clinic school hotel shop store residence estate leasing property management concierge frontdesk".split()
)
_LOCAL_PART = re.compile(r"([A-Za-z]{3,})[._-]([A-Za-z]{2,})(?:[._-]?\d*)")


def _mailbox_names(text: str, found: list[RecognizerResult]) -> set[str]:
    """The words of ``first.last@`` addresses that the text also writes as a name: a
    chat that gives tunde.adeyemi@... goes on to say "Tunde's employment letter". Each
    is carried over only where it is capitalised (see the caller)."""
    words: set[str] = set()
    for result in found:
        if result.entity_type != "EMAIL_ADDRESS":
            continue
        local = _LOCAL_PART.fullmatch(text[result.start : result.end].partition("@")[0])
        if local is None:
            continue
        parts = [part.lower() for part in local.groups()]
        if any(p in _MAILBOX_WORDS or never_a_name(p) or is_place(p) or p in ORG_WORDS for p in parts):
            continue
        words.update(part.capitalize() for part in parts if len(part) >= 3)
    return words


_THING_AFTER = re.compile(r"[ \t](?:printer|scanner|copier|room|server|meeting room|lab)\b")


def before_org(text: str, end: int) -> bool:
    """Whether capitalised words after ``end`` run into a business word (Chun Man
    Renovation Works, Chiu Brothers Holdings)."""
    from guardrail.pii.recognizers.name_spans import ORG_WORDS

    position = end
    if text.startswith(("'s", "’s"), position):
        position += 2  # Chan's Learning Hub, Mrs. Wong's Bakery Supplies: a shop named after its owner
    for _ in range(3):
        if text.startswith(" &", position):
            position += 2  # Hollis & Grange Ltd: partners' names joined before the business word
        following = _LATIN_WORD.match(text, position + 1) if text[position : position + 1] == " " else None
        if following is None or not following[0][:1].isupper():
            return False
        if following[0].lower() in ORG_WORDS:
            return True
        position = following.end()
    return False


def _given_after(text: str, end: int) -> int:
    """End of the given-name syllables after a surname carried over: Goh -> Goh Ah Kow."""
    for _ in range(2):
        following = _LATIN_WORD.match(text, end + 1) if text[end : end + 1] == " " else None
        if following is None or not following[0][:1].isupper():
            break
        if following[0].lower() not in GIVEN_SYLLABLES and following[0].lower() != "ah":
            break
        end = following.end()
    return end


_PLACE_WORDS = frozenset(word for place in _all_places() for word in place.split())


def inside_place(text: str, start: int, end: int) -> bool:
    """Whether the word at ``text[start:end]`` is part of a place name there."""
    if text[start:end].lower() not in _PLACE_WORDS:
        return False
    before = _LATIN_WORD.findall(text[max(0, start - 30) : start])[-3:]
    after = _LATIN_WORD.findall(text[end : end + 40])[:4]
    word = text[start:end]
    for left in range(len(before) + 1):
        for right in range(len(after) + 1):
            if left == right == 0:
                continue
            phrase = " ".join([*before[len(before) - left :], word, *after[:right]])
            if is_place(phrase):
                return True
    return False
