"""Account holders' names as payment and contact screens show them.

Invoices and chats give a payee by the name a transfer or a call will display, not in a
sentence: ``FPS: 6388 0912 (TAM JASMINE)``, ``mobile 5471 9306 (name shows as IYER L N)``,
``registered under the name Wong Siu Ling``, ``name on card C ARMITAGE``, ``name on acct
"W L CHEUNG"``, or masked as a transfer's confirmation shows it (``KWOK K*** Y***``; the
Chinese form, ``陳*明``, is :mod:`name_cues`' masked name). The name follows
a number in brackets, or a phrase saying what the screen or the card shows, and is often
upper case with initials, so neither
the prose finders (which want a title or a verb) nor the label finders (which want
``Name:``) see it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrail.pii.recognizers.name_lexicon import is_given, is_place, is_surname, never_a_name
from guardrail.pii.recognizers.name_spans import ORG_WORDS
from guardrail.text.start_gate import gate

_WORD = r"[A-Z][A-Za-z'’-]{1,20}"
_NAME = rf"(?P<name>{_WORD}(?:,?[ \t]+(?:{_WORD}|[A-Z]\.?(?![A-Za-z]))){{1,3}})"
# A phone or account number (eight or more digits, spaced or hyphenated) and a name in brackets.
_AFTER_NUMBER = re.compile(rf"\d(?:[ \t-]?\d){{7,}}[ \t]*[(（][ \t]*{_NAME}[ \t]*[)）]")
# A phrase saying what a screen or a register shows, then the name.
_SHOWN_AS = gate(
    re.compile(
        r"(?i:(?:name|it)[ \t]+(?:shows|appears|displays|reads|comes[ \t]+up)[ \t]+as"
        r"|under[ \t]+the[ \t]+name(?:[ \t]+of)?|account[ \t]+(?:holder|name)(?:[ \t]+is)?|registered[ \t]+(?:as|to))"
        rf"[ \t]*[:：]?[ \t]*[\"“'‘]?{_NAME}"
    )
)

# The name a card carries, after what says so: "name on card C ARMITAGE", "(Amex, name C Y
# CHAN)", "cardholder K W LEUNG"; initials before a surname are a name whatever the surname.
_INITIALS = r"(?:[A-Z]\.?[ \t]+){1,3}"
_CARD_NAME = gate(
    re.compile(
        r"(?i:name[ \t]+(?:as[ \t]+)?on[ \t]+(?:the[ \t]+)?(?:card|acct|account|a/c|cheque|bank[ \t]+account|charge[ \t]?slip|slip|receipt|remittance)"
        r"|card[ \t]?holder(?:['’]s)?(?:[ \t]+name)?"
        r"|(?:amex|visa|master[ \t]?card|unionpay|jcb|card)[^\n()]{0,20}?,[ \t]*name)"
        rf"[ \t]*[:：]?[ \t]*[\"“'‘]?(?P<name>{_INITIALS}{_WORD}|{_WORD}(?:[ \t]+{_WORD}){{1,3}})"
    )
)


# A surname and the given names' initials with stars for the rest (KWOK K*** Y***).
_MASKED_LATIN = re.compile(r"(?<![A-Za-z*])(?P<surname>[A-Z][A-Za-z'’-]{1,15})(?:[ \t]+[A-Z]\*{1,6}){1,3}(?![A-Za-z*])")


def masked_names(text: str) -> Iterator[tuple[int, int, float]]:
    """Spans of names masked as a payment screen shows them, after a known surname."""
    if "*" not in text:
        return
    for match in _MASKED_LATIN.finditer(text):
        if is_surname(match["surname"]):
            yield *match.span(), 0.7


def _person(words: list[str]) -> bool:
    """Some word a name list knows, and no word that is never a name or a place."""
    cleaned = [w.strip(",.") for w in words]
    if any(len(w) > 1 and never_a_name(w) for w in cleaned) or any(w.lower() in ORG_WORDS for w in cleaned):
        return False
    if any(is_place(" ".join(cleaned[i:j])) for i in range(len(cleaned)) for j in range(i + 1, len(cleaned) + 1)):
        return False  # (HSBC Tsim Sha Tsui): a branch, not a holder
    return any(len(w) > 1 and (is_surname(w) or is_given(w, in_position=True)) for w in cleaned)


def payee_names(text: str) -> Iterator[tuple[int, int, float]]:
    """Spans of names a payment or contact screen shows, after a number or a 'shows as'."""
    if "(" in text or "（" in text:
        for match in _AFTER_NUMBER.finditer(text):
            if _person(match["name"].split()):
                yield *match.span("name"), 0.7
    for match in _SHOWN_AS.finditer(text):
        if _person(match["name"].split()):
            yield *match.span("name"), 0.7
    for match in _CARD_NAME.finditer(text):
        words = match["name"].split()
        initialled = len(words[0].strip(".")) == 1 and not never_a_name(words[-1])
        if initialled or _person(words):
            yield *match.span("name"), 0.7


FINDERS = (payee_names, masked_names)
