"""Tokens and hashed features of the name tagger (:mod:`guardrail.pii.recognizers.name_tagger`).

Shared by training (``training/train_name_tagger.py``) and run time, so both read a
text the same way. A token is a word in Latin script (with its inner apostrophes,
dots, hyphens and underscores: ``O'Neil``, ``kayan.chow``), a run of digits, one CJK
character, or one other symbol. Each token's features are strings (the token, its
shape, what the name lists say of it, its neighbours two either side, the label its
line opened with, whether it stands in brackets or first on a line), hashed with
CRC-32 into ``BITS`` slots: the same slots on every machine and Python.

Why these: the rule recognizers find a name where a cue they know stands next to it.
The tagger learns the same cues from the labelled corpus, with their weights, and
also the ones nobody wrote a rule for (``成员：A、B、C``, ``Rocky（薛志強）``), so it
reaches names in places no rule names.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

from guardrail.pii.recognizers.name_lexicon import (
    AMBIGUOUS_GIVEN,
    GIVEN,
    ZH_RARE_SURNAMES,
    ZH_SURNAMES,
    both_scripts_chars,
    is_surname,
    never_a_name,
)
from guardrail.pii.recognizers.names_data import CHINESE_GIVEN_CHARS, GIVEN_SYLLABLES

BITS = 1 << 21
# The name the tagger's findings carry, by which later passes tell them from the rules'.
TAGGER_NAME = "NameTaggerRecognizer"
_LATIN = "A-Za-z\u00c0-\u024f"
TOKEN = re.compile(
    rf"[{_LATIN}]+(?:['’.\-_][{_LATIN}]+)*|\d+|[\u3400-\u9fff\uf900-\ufaff]|[^\s]",
)
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ZH_GIVEN = both_scripts_chars(CHINESE_GIVEN_CHARS)
_KEPT_SYMBOLS = frozenset(":：,，、()（）[]【】@-/|.。")
_OPEN = frozenset("(（")
_CLOSE = frozenset(")）")
_COLONS = frozenset(":：")
_ZH_FLAGS = (("zs", ZH_SURNAMES), ("zr", ZH_RARE_SURNAMES), ("zg", _ZH_GIVEN))
_LATIN_FLAGS = (("g", GIVEN), ("ga", AMBIGUOUS_GIVEN), ("gs", GIVEN_SYLLABLES))


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str


def tokens(text: str) -> list[Token]:
    """The tokens of ``text``, in order."""
    return [Token(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def shape(token: str) -> str:
    """A coarse class: CJK, digits, capitalised, upper, lower, or the symbol itself."""
    if CJK.match(token):
        return "C"
    if token.isdigit():
        return "d"
    if token[0].isalpha():
        if len(token) == 1:
            return "X" if token.isupper() else "x"
        if token.isupper():
            return "XX"
        if token[0].isupper():
            return "Xx"
        return "xx" if token.islower() else "mix"
    return token if token in _KEPT_SYMBOLS else "p"


def lexicon(token: str) -> list[str]:
    """What the name lists say of ``token``: a surname, a given name, a word that is never one."""
    if CJK.match(token):
        return [flag for flag, chars in _ZH_FLAGS if token in chars]
    if not token[0].isalpha():
        return []
    lower = token.lower()
    flags = ["s"] if is_surname(token) else []
    flags += [flag for flag, words in _LATIN_FLAGS if lower in words]
    if never_a_name(token):
        flags.append("nn")
    return flags


def features(text: str, toks: list[Token]) -> list[list[int]]:
    """Each token's hashed feature slots."""
    count = len(toks)
    words = [t.text if CJK.match(t.text) else t.text.lower() for t in toks]
    shapes = [shape(t.text) for t in toks]
    flags = [lexicon(t.text) for t in toks]
    first_on_line = [i == 0 or "\n" in text[toks[i - 1].end : toks[i].start] for i in range(count)]
    rows: list[list[int]] = []
    depth = 0
    label: str | None = None
    for i in range(count):
        word, kind = words[i], shapes[i]
        if first_on_line[i]:
            label = None
        names = [f"w={word}", f"s={kind}", "bias", *(f"l={f}" for f in flags[i])]
        for k in (1, 2):
            if i >= k:
                names += [f"p{k}w={words[i - k]}", f"p{k}s={shapes[i - k]}"]
            else:
                names.append(f"p{k}w=<s>")
            if i + k < count:
                names += [f"n{k}w={words[i + k]}", f"n{k}s={shapes[i + k]}"]
            else:
                names.append(f"n{k}w=</s>")
        if i:
            names += [f"p1l={f}" for f in flags[i - 1]]
        if i + 1 < count:
            names += [f"n1l={f}" for f in flags[i + 1]]
        before = shapes[i - 1] if i else "<s>"
        after = shapes[i + 1] if i + 1 < count else "</s>"
        names.append(f"ss={before}|{kind}|{after}")
        if kind == "C":
            if i:
                names.append(f"bg-={words[i - 1]}{word}")
            if i + 1 < count:
                names.append(f"bg+={word}{words[i + 1]}")
            if i > 1:
                names.append(f"tg-={words[i - 2]}{words[i - 1]}")
            if i + 2 < count:
                names.append(f"tg+={words[i + 1]}{words[i + 2]}")
        if first_on_line[i]:
            names.append("bol")
        if i + 1 < count and words[i + 1] in _COLONS:
            names.append("colon_after")
        if i + 1 == count or first_on_line[i + 1]:
            names.append("eol")
        if i and toks[i].start > toks[i - 1].end:
            names.append("sp")
        if depth:
            names.append("inbr")
        if label:
            names.append(f"lab={label}")
        if word in _OPEN:
            depth += 1
        elif word in _CLOSE:
            depth = max(0, depth - 1)
        elif word in _COLONS and i:
            label = words[i - 1]
        rows.append([zlib.crc32(name.encode("utf-8")) % BITS for name in names])
    return rows
