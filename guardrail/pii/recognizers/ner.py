"""Names (and optionally places and organisations) from spaCy's statistical NER.

An English model run over Chinese text or over codes labels odd spans; only spans that
look like a name in Latin script are kept.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from guardrail.pii.recognizers.base import LANGUAGE
from guardrail.pii.recognizers.name_lexicon import is_given, is_place, is_surname, never_a_name
from guardrail.pii.recognizers.name_mentions import before_org, inside_place
from guardrail.pii.recognizers.name_pets import is_pet
from guardrail.pii.recognizers.name_spans import ORG_WORDS
from guardrail.pii.recognizers.names_data import PLACE_NAMES, TITLES

# Latin letters with their accented forms: Núñez, Wiśniewska, Müller are names too.
_L = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_PLAUSIBLE = re.compile(rf"[{_L}][{_L} .'’-]*[{_L}.]")
_WORDS = re.compile(rf"[{_L}][{_L}'’-]*")


class FilteredSpacyRecognizer(SpacyRecognizer):
    def __init__(self, entities: list[str]) -> None:
        super().__init__(supported_language=LANGUAGE, supported_entities=entities, name="SpacyNerRecognizer")

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        results: list[RecognizerResult] = super().analyze(text, entities, nlp_artifacts)
        for result in results:
            if result.entity_type == "PERSON":
                _drop_leading_roles(text, result)
        return [r for r in results if r.end > r.start and keep_finding(text, r)]


def _drop_leading_roles(text: str, result: RecognizerResult) -> None:
    """ "Guest Olumide Adeyemi" -> "Olumide Adeyemi": a role before a name is no part of it."""
    while True:
        word = _WORDS.match(text, result.start)
        if word is None or word.end() >= result.end:
            return
        # MUA Natalia Wiśniewska, PA Joanne Li: an abbreviated role before the name.
        acronym = word[0].isupper() and 2 <= len(word[0]) <= 5 and not is_surname(word[0])
        if not acronym and (not never_a_name(word[0]) or word[0].lower().strip(".") in TITLES):
            return
        gap = re.match(r"[ \t]+", text[word.end() : result.end])
        if gap is None:
            return
        result.start = word.end() + gap.end()


_COLON_AFTER = re.compile(r"[ \t]?[:：](?![/\d])")
_ODD_CASE = re.compile(r"[a-z][A-Z]")
_FIELD_AFTER = re.compile(r"[ \t]+(?:to|no|No|number)[ \t]*[.:#]")
_DOSE_AFTER = re.compile(r"[ \t]+\d+(?:\.\d+)?[ \t]?(?:mg|mcg|µg|g|ml|mL|IU|units?)\b")
_THINGS_NAMED_LIKE_PEOPLE = r"(?:typhoon|storm|hurricane|cyclone|depression|project|operation|hotel|campaign|programme|program|codename|vessel|MV)"
_NAMED_THING_BEFORE = re.compile(rf"(?i)\b{_THINGS_NAMED_LIKE_PEOPLE}[ \t]+$")
_NAMED_THING = re.compile(rf"(?i){_THINGS_NAMED_LIKE_PEOPLE}[ \t]+")
_STREET_SHORT = re.compile(r" (?:St|Rd|Ave|Lane|Ln|Terr|Blvd)\.?$")


def _plausible(span: str) -> bool:
    if _PLAUSIBLE.fullmatch(span) is None or span.lower() in PLACE_NAMES or is_place(span):
        return False
    # A name starts with a capital and has none after a small letter (eTAX, iAM Smart,
    # MegaBox are products); McDonald and MacLeod are the exceptions.
    if not span[0].isupper() and not (
        len(span.split()) > 1 and all(is_surname(word) or is_given(word, in_position=True) for word in span.split())
    ):
        return False  # "gore", "intro"; a lower-case name the lists know is kept (tsang ho yin)
    if any(_ODD_CASE.search(word) and not re.match(r"M[a]?c[A-Z]", word) for word in span.split()):
        return False
    words = _WORDS.findall(span)
    # Role and field words (Guest, Mum, Tel, Volunteer) and names of businesses or
    # buildings (... Engineering, ... Centre) are not people.
    if all(never_a_name(word) for word in words):
        return False
    # Run Docker, Guest Relations: a role, field or product word in the span (titles
    # aside; the name patterns find "Auntie Fong" and "Dr Chan" themselves).
    if any(never_a_name(word) and word.lower().strip(".") not in TITLES for word in words):
        return False
    # Fridge Siemens, Midea: a brand's or a place's word, and no word a list knows as a name
    # (Fiona Centaline is an agent saved with her agency's name).
    named = [is_given(word, in_position=True) or is_surname(word) for word in words]
    if not any(named) and any(is_place(word) for word in words):
        return False
    return not any(word.lower() in ORG_WORDS for word in words[1:])


def _drop_trailing_word(text: str, result: RecognizerResult) -> None:
    """ "Anand Rao, Ward 5B" -> "Anand Rao": a word after a comma that no list knows as a
    name and that a number follows is the next item, not part of the name."""
    value = text[result.start : result.end]
    head, comma, tail = value.rpartition(", ")
    unknown = comma and head and re.fullmatch(r"[A-Za-z]+", tail) and not (is_given(tail) or is_surname(tail))
    if unknown and (re.match(r"[ \t]+\w*\d", text[result.end : result.end + 8]) or never_a_name(tail)):
        result.end = result.start + len(head)


def keep_finding(text: str, result: RecognizerResult) -> bool:
    """Whether a statistical finding (spaCy's, the name tagger's) survives the vetoes a name
    found without a cue must pass; trims a leading role or trailing word off it first."""
    if result.entity_type != "PERSON":
        return _plausible(text[result.start : result.end])
    _drop_trailing_word(text, result)
    span = text[result.start : result.end]  # the finding as trimmed; nothing below moves it
    if not _plausible(span):
        return False
    # One word of a place spaCy cut short: "Mary" of "Queen Mary", "Yi" of "Tsing Yi".
    if inside_place(text, result.start, result.end) or is_pet(text, result.start, result.end):
        return False
    # Typhoon Wipha, Tropical Storm Ragasa, Project Dawn, Hotel Sakura: storms, projects,
    # hotels and ships are named like people.
    if _NAMED_THING_BEFORE.search(text, max(0, result.start - 20), result.start) or _NAMED_THING.match(span):
        return False
    # Ticagrelor 90mg bd: a word before a dose is a drug.
    if " " not in span and _DOSE_AFTER.match(text, result.end):
        return False
    # Kweilin St, Bonham Rd: a street written short.
    if _STREET_SHORT.search(span):
        return False
    # Bill to:, Bill no. 0447: a form's field word, not a person.
    if " " not in span and _FIELD_AFTER.match(text, result.end):
        return False
    # Wah Shing Engineering: a business whose last word spaCy left out.
    following = _WORDS.match(text, result.end + 1) if text[result.end : result.end + 1] == " " else None
    if following is not None and following[0].lower() in ORG_WORDS:
        return False
    # Chong Yuet Ming Amenities Centre: a business word a few capitalised words on.
    if before_org(text, result.end):
        return False
    # Agenda:, Size: 42: one word no list knows before a colon labels a field.
    if (
        " " not in span
        and _COLON_AFTER.match(text, result.end)
        and not (is_given(span, in_position=True) or is_surname(span))
    ):
        return False
    # DAILY EXCEPTION REPORT: one capitalised word no list knows is a heading's word.
    if span.isupper() and " " not in span and not (is_given(span) or is_surname(span)):
        return False
    # Periodic KYC, HKID Card: an abbreviation is no part of a name.
    return not any(w.isupper() and len(w) <= 4 and not is_surname(w) for w in _WORDS.findall(span))
