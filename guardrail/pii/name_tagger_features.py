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
from functools import lru_cache

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
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
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


@lru_cache(maxsize=65_536)
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


@lru_cache(maxsize=65_536)
def lexicon(token: str) -> tuple[str, ...]:
    """What the name lists say of ``token``: a surname, a given name, a word that is never one."""
    if CJK.match(token):
        return tuple(flag for flag, chars in _ZH_FLAGS if token in chars)
    if not token[0].isalpha():
        return ()
    lower = token.lower()
    flags = ["s"] if is_surname(token) else []
    flags += [flag for flag, words in _LATIN_FLAGS if lower in words]
    if never_a_name(token):
        flags.append("nn")
    return tuple(flags)


@lru_cache(maxsize=65_536)
def slot(name: str) -> int:
    """The hashed slot of one feature string (CRC-32, the same on every machine)."""
    return zlib.crc32(name.encode("utf-8")) % BITS


@dataclass(frozen=True, slots=True)
class _TokenSlots:
    """What one token contributes, whatever its neighbours: its word and shape, its own
    slots, and its word's and shape's slots as each neighbour sees them (``p1``, ``p2``,
    ``n1``, ``n2``, in that order), its lexicon flags seen from the tokens beside it."""

    word: str
    shape: str
    own: tuple[int, ...]
    seen: tuple[tuple[int, int], ...]
    flags_before: tuple[int, ...]
    flags_after: tuple[int, ...]


_NEIGHBOURS = ("p1", "p2", "n1", "n2")
# The slot of "no token there" as each neighbour sees it (before the text's start, after its end).
_EDGES = tuple(slot(f"{key}w={'<s>' if key[0] == 'p' else '</s>'}") for key in _NEIGHBOURS)


# A text's words recur across calls (names, labels, common words): about twenty slots
# hashed per token, cached per token, cost a tenth of hashing each of them per call.
@lru_cache(maxsize=65_536)
def _token_slots(token: str) -> _TokenSlots:
    word = token if CJK.match(token) else token.lower()
    kind = shape(token)
    flags = lexicon(token)
    return _TokenSlots(
        word,
        kind,
        (slot(f"w={word}"), slot(f"s={kind}"), *(slot(f"l={f}") for f in flags)),
        tuple((slot(f"{key}w={word}"), slot(f"{key}s={kind}")) for key in _NEIGHBOURS),
        tuple(slot(f"p1l={f}") for f in flags),
        tuple(slot(f"n1l={f}") for f in flags),
    )


def features(text: str, toks: list[Token]) -> list[list[int]]:
    """Each token's hashed feature slots.

    What a token says of its neighbours (``p1w=chan`` for the token after it, ``n2s=Xx``
    for the one two before) is hashed once per distinct token (:func:`_token_slots`),
    not once per neighbour."""
    count = len(toks)
    cached = [_token_slots(t.text) for t in toks]
    words = [c.word for c in cached]
    shapes = [c.shape for c in cached]
    first_on_line = [i == 0 or "\n" in text[toks[i - 1].end : toks[i].start] for i in range(count)]
    rows: list[list[int]] = []
    depth = 0
    label: str | None = None
    for i in range(count):
        word, kind = words[i], shapes[i]
        if first_on_line[i]:
            label = None
        row = [*cached[i].own, _BIAS]
        for k, before, after in ((1, 0, 2), (2, 1, 3)):
            if i >= k:
                row += cached[i - k].seen[before]
            else:
                row.append(_EDGES[before])
            if i + k < count:
                row += cached[i + k].seen[after]
            else:
                row.append(_EDGES[after])
        if i:
            row += cached[i - 1].flags_before
        if i + 1 < count:
            row += cached[i + 1].flags_after
        left = shapes[i - 1] if i else "<s>"
        right = shapes[i + 1] if i + 1 < count else "</s>"
        row.append(slot(f"ss={left}|{kind}|{right}"))
        if kind == "C":
            if i:
                row.append(slot(f"bg-={words[i - 1]}{word}"))
            if i + 1 < count:
                row.append(slot(f"bg+={word}{words[i + 1]}"))
            if i > 1:
                row.append(slot(f"tg-={words[i - 2]}{words[i - 1]}"))
            if i + 2 < count:
                row.append(slot(f"tg+={words[i + 1]}{words[i + 2]}"))
        if first_on_line[i]:
            row.append(_BOL)
        if i + 1 < count and words[i + 1] in _COLONS:
            row.append(_COLON_AFTER)
        if i + 1 == count or first_on_line[i + 1]:
            row.append(_EOL)
        if i and toks[i].start > toks[i - 1].end:
            row.append(_SPACE)
        if depth:
            row.append(_IN_BRACKETS)
        if label:
            row.append(slot(f"lab={label}"))
        if word in _OPEN:
            depth += 1
        elif word in _CLOSE:
            depth = max(0, depth - 1)
        elif word in _COLONS and i:
            label = words[i - 1]
        rows.append(row)
    return rows


_BIAS, _BOL, _EOL, _SPACE, _IN_BRACKETS, _COLON_AFTER = (
    slot(name) for name in ("bias", "bol", "eol", "sp", "inbr", "colon_after")
)
