"""Folding a text into the form the classifier's features are taken from.

The same request arrives in many spellings: full width (``ｋｉｌｌ``), mathematical
letters, Cyrillic look-alikes (``kіll`` with a Ukrainian i), leetspeak (``k1ll``,
``h4ck``), letters spread out (``k i l l``, ``k.i.l.l``, ``炸 彈``), Traditional or
Simplified characters. Folding maps all of them onto one spelling, so a weight learnt
from one reaches the others: NFKC and invisible characters as the personal-data
normaliser does them, look-alike letters to Latin, lower case, Traditional
characters to Simplified (OpenCC's ``t2s``: many-to-one, so no guessing), leetspeak
digits inside words to letters, and runs of single letters joined.

Folding is for features only; nothing folded is ever shown or recorded.
"""

from __future__ import annotations

import re
from functools import lru_cache

from guardrail.text.normalize import normalize

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_CHAR = re.compile(f"[{HAN}]")

# Cyrillic and Greek letters that look like Latin ones (lower case; the text is
# lower-cased first). NFKC already folds full-width, mathematical and circled letters.
_HOMOGLYPHS = str.maketrans(
    {
        "а": "a",
        "в": "b",
        "е": "e",
        "ё": "e",
        "і": "i",
        "ї": "i",
        "ј": "j",
        "к": "k",
        "м": "m",
        "н": "h",
        "о": "o",
        "п": "n",
        "р": "p",
        "с": "c",
        "т": "t",
        "у": "y",
        "х": "x",
        "ѕ": "s",
        "ԁ": "d",
        "һ": "h",
        "ӏ": "l",
        "ԛ": "q",
        "ԝ": "w",
        "ɡ": "g",
        "ı": "i",
        "α": "a",
        "β": "b",
        "γ": "y",
        "ε": "e",
        "η": "n",
        "ι": "i",
        "κ": "k",
        "μ": "u",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
        "ω": "w",
        "ς": "s",
    }
)
_LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "8": "b",
        "@": "a",
        "$": "s",
        "!": "i",
        "|": "l",
        "€": "e",
    }
)
# A word with a leetspeak character among its letters (digits only at its end, as in
# "python3" or "win10", are left alone: that is how real names are written). Only words
# with such a character are matched at all: most words have none, and a call back into
# Python for each of them cost a third of the fold.
_LEET_WORD = re.compile(r"(?<![\w@$!|€])(?=[a-z0-9@$!|€]*[0134578@$!|€])[a-z0-9@$!|€]*[a-z][a-z0-9@$!|€]*(?![\w@$!|€])")
_LEET_CHAR = re.compile(r"[0134578@$!|€]")
_TRAILING_DIGITS = re.compile(r"^[a-z]+[0-9]+$")
# Three or more single letters or digits, each followed by one or two separators:
# "k i l l", "k.i.l.l", "k-i-l-l", "k * i * l * l".
_SPACED = re.compile(r"(?<![a-z0-9])(?:[a-z0-9](?:[ .\-_*|/+~]{1,3})){2,}[a-z0-9](?![a-z0-9])")
_SPACED_GAP = re.compile(r"([ .\-_*|/+~]{1,3})")
# Separators between two Chinese characters ("炸 彈", "炸*彈", "炸.彈").
_HAN_SPACED = re.compile(f"(?<=[{HAN}])[ .\\-_*|/+~·•]{{1,3}}(?=[{HAN}])")


@lru_cache(maxsize=1)
def _to_simplified() -> object:
    import opencc

    return opencc.OpenCC("t2s")


def fold(text: str) -> str:
    """``text`` in the classifier's spelling (see the module docstring)."""
    folded = normalize(text).text.lower()
    if not folded.isascii():
        folded = folded.translate(_HOMOGLYPHS)
        if _HAN_CHAR.search(folded):
            folded = _HAN_SPACED.sub("", folded)
            folded = _to_simplified().convert(folded)  # type: ignore[attr-defined]
    folded = _LEET_WORD.sub(_unleet, folded)
    return _SPACED.sub(_join_spaced, folded)


def _unleet(match: re.Match[str]) -> str:
    word = match.group()
    core = word.rstrip("@$!|€")  # "hello!" ends a sentence; "h3ll0!" is still leetspeak
    if not _LEET_CHAR.search(core) or _TRAILING_DIGITS.match(core):
        return word
    return core.translate(_LEET) + word[len(core) :]


def _join_spaced(match: re.Match[str]) -> str:
    """The letters of a spread-out run joined; where the run's gaps differ, the commonest
    gap is the one between letters and any other one between words: "m a k e   m e t h"
    (one space, then three) is "make meth", "h-o-w  t-o" is "how to"."""
    pieces = _SPACED_GAP.split(match.group())
    gaps = pieces[1::2]
    between_letters = max(gaps, key=lambda gap: (gaps.count(gap), -len(gap)))  # ties: the shorter
    joined = [pieces[0]]
    for gap, letter in zip(gaps, pieces[2::2], strict=True):
        joined.append(letter if gap == between_letters else " " + letter)
    return "".join(joined)
