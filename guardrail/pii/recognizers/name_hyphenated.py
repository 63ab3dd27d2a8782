"""Cantonese given names written with a hyphen: ``Ka-yan``, ``Tsz-hin``, ``ho ka-lok``.

Hong Kong's English texts write a two-syllable given name joined by a hyphen, often alone
(``KL's twin Ka-yan``, ``ask Tsz-hin``) and in chats in lower case after the surname. Two
romanised given-name syllables joined so are a name wherever they stand: the hyphen says
the two syllables are one given name, which no English word is. A surname before it,
any case, joins the finding; a lower-case given name counts only with its surname.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrail.pii.recognizers.name_lexicon import is_place, is_surname
from guardrail.pii.recognizers.names_data import GIVEN_SYLLABLES

_HYPHENATED = re.compile(
    r"(?<![\w'’-])(?:(?P<surname>[A-Za-z]{2,7})[ \t]+)?(?P<given>(?P<first>[A-Za-z][a-z]{0,4})-(?P<second>[a-z]{2,5}))"
    r"(?![\w-])"
)


def hyphenated_given_names(text: str) -> Iterator[tuple[int, int, float]]:
    """Spans of hyphenated Cantonese given names, with the surname before them if any."""
    if "-" not in text:
        return
    for match in _HYPHENATED.finditer(text):
        first, second = match["first"].lower(), match["second"]
        if first not in GIVEN_SYLLABLES or second not in GIVEN_SYLLABLES or is_place(match["given"].replace("-", " ")):
            continue
        surname = match["surname"] if match["surname"] and is_surname(match["surname"]) else None
        if surname is None and not match["first"][0].isupper():
            continue  # ka-ching: lower case alone is no name
        start = match.start("surname") if surname else match.start("given")
        yield start, match.end("given"), 0.7 if surname else 0.65


FINDERS = (hyphenated_given_names,)
