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
from collections.abc import Iterable

from presidio_analyzer import RecognizerResult

from guardrail.pii.recognizers.name_lexicon import (
    AMBIGUOUS_GIVEN,
    GIVEN,
    HAN,
    SURNAMES,
    is_place,
    never_a_name,
    zh_place_overlaps,
    zh_surname_length,
)
from guardrail.pii.recognizers.names_data import GIVEN_SYLLABLES

ENTITY = "PERSON"
NAME = "HkNameMentionRecognizer"
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*")
_HAN_ONLY = re.compile(f"[{HAN}]+")
# Romanised syllables so common inside other names and places that one alone is
# not carried over (Tai of Tai Po, Man of Chan Tai Man's neighbours).
_SYLLABLE_MIN = 4


def more_mentions(text: str, found: Iterable[RecognizerResult], threshold: float = 0.5) -> list[RecognizerResult]:
    """PERSON results for other mentions of the names among ``found``."""
    latin: set[str] = set()
    han: set[str] = set()
    spans = []
    for result in found:
        if result.entity_type != ENTITY or result.score < threshold:
            continue
        spans.append((result.start, result.end))
        value = text[result.start:result.end]
        squeezed = re.sub(r"\s+", "", value)
        if _HAN_ONLY.fullmatch(squeezed):
            han.add(squeezed)
            surname = zh_surname_length(squeezed)
            given = squeezed[surname:]
            if len(squeezed) >= 3 and len(given) == 2:
                han.add(given)
            continue
        for word in _LATIN_WORD.findall(value):
            lower = word.lower()
            if len(lower) < 3 or never_a_name(lower) or is_place(lower):
                continue
            if lower in GIVEN_SYLLABLES and len(lower) < _SYLLABLE_MIN:
                continue
            latin.add(word)
    if not latin and not han:
        return []
    covered = sorted(spans)
    extra: list[RecognizerResult] = []

    def add(start: int, end: int, score: float) -> None:
        if any(s <= start and end <= e for s, e in covered):
            return
        extra.append(RecognizerResult(ENTITY, start, end, score, recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: NAME, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: NAME,
        }))

    for word in latin:
        lower = word.lower()
        exact_case = lower in AMBIGUOUS_GIVEN
        # A word no list knows as a name is carried over only where it is capitalised:
        # "Handling" of a team's name is not a name in "poor handling".
        any_case = not exact_case and (lower in GIVEN or lower in SURNAMES)
        flags = re.IGNORECASE if any_case or not exact_case else 0
        pattern = re.compile(rf"(?<![A-Za-z'’-]){re.escape(word)}(?![A-Za-z'’-])", flags)
        for match in pattern.finditer(text):
            if not any_case and not match[0][:1].isupper():
                continue
            if inside_place(text, match.start(), match.end()) or _before_org(text, match.end()):
                continue
            add(match.start(), match.end(), 0.65)
        if len(word) >= 2:
            spelled = "-".join(re.escape(ch) for ch in word if ch.isalpha())
            for match in re.finditer(rf"(?<![A-Za-z-]){spelled}(?![A-Za-z-])", text, re.IGNORECASE):
                add(match.start(), match.end(), 0.65)
    for name in han:
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if not zh_place_overlaps(text, start, end):
                add(start, end, 0.65)
            start = text.find(name, end)
    return extra


def _before_org(text: str, end: int) -> bool:
    from guardrail.pii.recognizers.name_context import ORG_WORDS

    following = _LATIN_WORD.match(text, end + 1) if text[end:end + 1] == " " else None
    return following is not None and following[0].lower() in ORG_WORDS


def inside_place(text: str, start: int, end: int) -> bool:
    """Whether the word at ``text[start:end]`` is part of a place name there."""
    before = _LATIN_WORD.findall(text[max(0, start - 24):start])[-2:]
    after = _LATIN_WORD.findall(text[end:end + 24])[:2]
    word = text[start:end]
    for left in range(len(before) + 1):
        for right in range(len(after) + 1):
            if left == right == 0:
                continue
            phrase = " ".join([*before[len(before) - left:], word, *after[:right]])
            if is_place(phrase):
                return True
    return False
