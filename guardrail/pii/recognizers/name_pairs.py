"""A name paired with one already found: ``Joe & Cherry``, ``Léa 🇫🇷 + Hei Tung``; an
English name's surname written in Chinese after it (``Jackie 張``); a married woman's
husband's surname before her own name (``嫲嫲谷黃玉英``); a nickname or an alias in
brackets beside a name (``TSANG Wing Ki (King)``, ``細B（吳子斌）``).

Chat groups, invitations and buddy sheets name two people joined by ``&``, ``and``,
``+`` or, in Chinese, ``同`` and ``和`` (a wedding's couple, a buddy pair). When one of the pair is found, the other,
written as a name (given names or romanised syllables the lists know), is a person too,
even where nothing else in the text says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from guardrail.pii.recognizers.name_cues import nickname_shaped
from guardrail.pii.recognizers.name_lexicon import (
    COMMON_ZH_SURNAMES,
    HAN,
    ZH_COMPOUND,
    ZH_GIVEN,
    both_scripts,
    is_given,
    is_place,
    is_surname,
    never_a_name,
    zh_surname_length,
)
from guardrail.pii.recognizers.name_spans import L, U
from guardrail.pii.recognizers.name_zh_given import KIN_AFTER_CHILD
from guardrail.pii.recognizers.names_data import GIVEN_SYLLABLES

# (Cantonese and Mandarin join them with 同, 和, 同埋, 及, 與: Happy 同 Winter.)
_AND = "(?:&|\\+|and|同埋|同|和|及|與|与)"
_JOIN = rf"[ \t]*(?:[^\w\s]{{1,4}}[ \t]*)?{_AND}[ \t]+"
_AFTER = re.compile(rf"{_JOIN}((?:[{U}][{L}'’-]*)(?:[ \t][{U}][{L}'’-]*){{0,2}})(?![{L}])")
_BEFORE = re.compile(rf"(?<![{L}])([{U}][{L}'’-]*)[ \t]*{_AND}[ \t]+$")


def _name_word(word: str) -> bool:
    lower = word.lower()
    if never_a_name(word) or is_place(word):
        return False
    return (
        is_given(word, in_position=True)
        or is_surname(word)
        or all(part in GIVEN_SYLLABLES for part in lower.split("-"))
    )


def paired_names(text: str, found: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Spans of names joined by ``&``, ``and`` or ``+`` to the names at ``found``."""
    for start, end in found:
        after = _AFTER.match(text, end)
        if after is not None:
            words = after[1].split()
            if all(_name_word(w) for w in words) and not is_place(after[1]):
                yield after.span(1)
        before = _BEFORE.search(text, max(0, start - 24), start)
        if before is not None and _name_word(before[1]):
            yield before.span(1)


# An English name with the surname written in Chinese after it: Jackie 張, Chloe 鄭.
_HAN_SURNAME_AFTER = re.compile(f"[ \\t]?([{HAN}]{{1,2}})(?![{HAN}])")


def han_surnames_after(text: str, found: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Spans from each Latin name at ``found`` through a Chinese surname written after it."""
    for start, end in found:
        if not text[start:end].isascii():
            continue
        after = _HAN_SURNAME_AFTER.match(text, end)
        if after is not None and zh_surname_length(after[1]) == len(after[1]):
            yield start, after.end(1)


# Who a married woman's full name follows, or nothing but a boundary: 嫲嫲谷黃玉英, 母親司徒陳秀蓮.
_WIFE_BEFORE = tuple(
    sorted(
        both_scripts(
            (
                "阿嫲",
                "嫲嫲",
                "奶奶",
                "阿婆",
                "婆婆",
                "外婆",
                "母親",
                "老母",
                "阿媽",
                "媽媽",
                "先母",
                "祖母",
                "妻子",
                "太太",
                "老婆",
            )
        ),
        key=len,
        reverse=True,
    )
)


# The last character of a word for a mother or an aunt by marriage: 其母, 伯娘, 舅母.
_WIFE_KIN_ENDINGS = frozenset("母娘嫲婆奶妻")


def husbands_surnames_before(text: str, found: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Spans from a husband's surname through the Chinese full name at ``found`` after it,
    as older married women write their names (莫陳潔冰: 莫 the husband's, 陳潔冰 her own),
    where a relative's word or a boundary stands before the husband's surname."""
    for start, end in found:
        if end - start != 3 or not re.fullmatch(f"[{HAN}]{{3}}", text[start:end]):
            continue
        for size in (2, 1):
            surname = text[max(0, start - size) : start]
            if len(surname) < size or zh_surname_length(surname, rare=True) != size:
                continue
            before = text[max(0, start - size - 3) : start - size]
            common = surname in ZH_COMPOUND or surname in COMMON_ZH_SURNAMES
            # (a rarer surname, 谷 of 谷黃玉英, only after the relative's word)
            kin = before.endswith(_WIFE_BEFORE) or before[-1:] in _WIFE_KIN_ENDINGS
            if kin or (common and not re.search(f"[{HAN}]$", before)):
                yield start - size, end
            break


# The name someone goes by, in brackets after the full name: LAW Chun Hei (Rocky), 陳嘉欣 (Kayan),
# 梁芷澄（澄澄）.
# (in quotes an alias is what the person is called, any word but an ordinary one or a place:
# Cheuk Wing-sze ("Winsy"); bare, a given name, in lower case too: 高暉 (sunny))
_ALIAS_AFTER = re.compile(
    rf"[ \t]*[(（][ \t]*(?P<q>[\"“'‘])?(?P<w>[{U}{L}][{L}'’-]{{1,14}}|[{HAN}]{{2}})(?(q)[\"”'’])[ \t]*[)）]"
)
# What a person is called, said in brackets after the name: (叫佢 may may), (goes by
# "summer.k"), (aka Bobo).
_CALLED_AFTER = re.compile(
    r"[ \t]*[(（][ \t]*(?:叫佢|叫她|叫他|叫|aka|a\.k\.a\.|goes[ \t]+by|known[ \t]+as|called)[ \t]*[:：]?[ \t]*"
    r"[\"“'‘]?([A-Za-z][A-Za-z._-]{0,20}(?:[ ][A-Za-z]{1,10})?|[\u4e00-\u9fff]{2,3})[\"”'’]?(?=[ \t]*[)）,，]|[ \t]+on\b)"
)


# A parent named after the child in brackets: 孙小飞（孙浩爸爸）, Mandy（子晴媽媽）.
_PARENT_AFTER = re.compile(
    rf"[ \t]*[(（][ \t]*(?P<w>(?:[{HAN}]{{2,4}}|[{U}][{L}]{{1,10}})[ \t]?(?:{'|'.join(KIN_AFTER_CHILD)}))[ \t]*[)）]"
)


def bracketed_aliases(text: str, found: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Spans of an alias in brackets right after a name at ``found``: an English given name,
    a doubled Chinese one, the given name's syllables run together (``TSANG Hok Yin
    (Hokyin)``), whatever follows a word for being called (``(叫佢 may may)``), or the
    child's name with the parent's kin word (``孙小飞（孙浩爸爸）``)."""
    for start, end in found:
        called = _CALLED_AFTER.match(text, end) or _PARENT_AFTER.match(text, end)
        if called is not None:
            yield called.span(1)
            continue
        initials = _INITIALS_AFTER.match(text, end)
        if initials is not None and _initials_of(text[start:end], initials[1]):
            yield initials.span(1)  # Raymond Szeto (RS), as minutes and file notes go on to call him
            continue
        alias = _ALIAS_AFTER.match(text, end)
        if alias is None:
            continue
        word = alias["w"]
        doubled = len(word) == 2 and word[0] == word[1] and word[0] in ZH_GIVEN
        given = word.isascii() and (
            (_name_word(word) and is_given(word, in_position=True)) or _joined_given(text[start:end], word)
        )
        quoted = alias["q"] is not None and word.isascii() and not never_a_name(word) and not is_place(word)
        if doubled or given or quoted:
            yield alias.span("w")


_INITIALS_AFTER = re.compile(r"[ \t]*[(（][ \t]*([A-Z]{2,4})[ \t]*[)）]")


def _initials_of(name: str, initials: str) -> bool:
    """Whether ``initials`` are the first letters of ``name``'s words, in its order or with
    the surname moved from the front to the back (Chan Tai Man: CTM or TMC)."""
    firsts = "".join(word[0].upper() for word in re.findall(r"[A-Za-z]+", name))
    return len(firsts) >= 2 and initials in (firsts, firsts[1:] + firsts[0])


def _joined_given(name: str, word: str) -> bool:
    """Whether ``word`` is the name's last two or three words run together (Hok Yin: Hokyin)
    or one of its given syllables said twice, as friends call someone (Wing-sze: Wingwing)."""
    words = re.findall(r"[A-Za-z]+", name.lower())
    lowered = word.lower()
    return any(len(words) > n and "".join(words[-n:]) == lowered for n in (2, 3)) or any(
        len(syllable) >= 2 and syllable * 2 == lowered for syllable in words[1:]
    )


# A nickname with the name it stands for in brackets after it, as rosters and case notes
# write them: 細B（吳子斌）, 豬仔（周子軒）, BB (Chan Ka Ho) (normalised text spaces 細 B). The nickname opens its line or
# clause, or follows 係 / 是 (師傅係肥B (陳志偉)); kin words (表妹（陳小美）) say how someone is
# related, not what she is called.
_DIMINUTIVE = rf"[{HAN}]{{1,2}} ?[仔妹豬猪女B]|[{HAN}] ?[A-Z]|[A-Z]{{2,3}}"  # 豬仔, 細B, BB
_NICKNAME_BEFORE = re.compile(
    rf"(?:^|(?<=[\s，,。：:；;、|｜係系是]))(?P<w>{_DIMINUTIVE}|[{HAN}]{{2,3}}|[{U}][{L}]{{1,10}})[ \t]?[(（]$"
)
_KIN_NOT_NICKNAMES = frozenset(
    both_scripts(
        (
            "表妹",
            "細妹",
            "妹妹",
            "阿妹",
            "家姐",
            "姐姐",
            "哥哥",
            "阿哥",
            "表哥",
            "表姐",
            "堂妹",
            "堂哥",
            "孫女",
            "外孫女",
        )
    )
)


def nicknames_before_brackets(text: str, found: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Spans of a nickname right before a found name that opens a pair of brackets and
    ends them or a clause in them (豬仔（周子軒）, 肥妹（黃詠琪，新來港）)."""
    for start, end in found:
        if text[end : end + 1] not in (")", "）", "，", ","):
            continue
        before = _NICKNAME_BEFORE.search(text, max(0, start - 14), start)
        if before is None:
            continue
        word = before["w"]
        if word in _KIN_NOT_NICKNAMES or never_a_name(word) or is_place(word):
            continue
        shaped = (
            nickname_shaped(word)
            or re.fullmatch(_DIMINUTIVE, word) is not None
            or (word.isascii() and is_given(word, in_position=True))
        )
        if shaped:
            yield before.span("w")
