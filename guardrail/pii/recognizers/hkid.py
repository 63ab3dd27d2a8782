"""Hong Kong Identity Card numbers: ``A123456(3)``, ``AB987654(3)``, ``A1234563``.

The check character is validated (weights 9..2 over the space-padded prefix, letters
A-Z = 10-35, a space = 36; check = (11 - sum mod 11) mod 11, 10 written ``A``). A valid
one is near-certain; a bracketed one with a wrong check character is still most likely
a mistyped HKID; an unbracketed one with a wrong check needs context words
(HKID, 身份證) to be caught.

Forms and transcripts also write it spaced character by character (``J 5 6 1 3 5 6 (3)``,
dictated digits arrive spaced, see :mod:`guardrail.text.normalize`), with a hyphen before
the check character (``A123456-7``), an unclosed bracket, the bracket on the next line,
or OCR's ``O`` for ``0`` and ``l`` for ``1``, or the check digit as a Chinese numeral
or in square or lenticular brackets (``A123456[3]``, ``A123456【3】``); such
a spelling counts when its check character is right or a context word is near. One
written without its check character (``HKID: A123456``) counts right after a word that
names the card.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import RecognizerResult

from guardrail.pii.recognizers.base import (
    OTHER_NUMBER_LABEL,
    RegexRecognizer,
    context_near,
    line_before,
    tagged_result,
)
from guardrail.pii.recognizers.columns import column_header

PATTERN = re.compile(
    # (a scan's line break may fall among the digits: Y73⏎3639(8); then the check must hold or context be near)
    # (Not after a word's apostrophe, but after the quote that opens an SQL or YAML value: 'M922204(4)'.)
    # (a hyphen may follow the letters too, as some forms write it: WX-512734 (1))
    r"(?<![A-Za-z0-9])(?<![A-Za-z0-9]['’])([A-Za-z]{1,2}(?:[ \t]{0,2}|[-‐‑–][ \t]?)\d(?:(?:[ \t]{0,2}|[ \t]?\n[ \t]?)[\dOoIl]){5}(?:[ \t]{0,2}|\n)"
    # (a scan may read the bracketed check digit 0 as O: D718977(O))
    r"(?:[(\[【{][ \t]?[0-9AaO零〇一二三四五六七八九][ \t]?[)\]】}]?"
    # Unbracketed, the check character ends the run: P 2 0 2 5 0 4 1 8 is nine digits (a
    # tab, or the two spaces of aligned columns, is the next cell: G5519305⇥6071 2283).
    r"|(?:[-‐‑‒–—−/][ \t]?)?[0-9Aa](?![ ]?\d)))(?![A-Za-z0-9])"
)
CONTEXT = re.compile(
    r"hkid|h\.?\s?k\.?\s?i\.?\s?[dc]|identity\s*card|\bid[\s_-]*(?:card|no|number|#)|\bI\.?D\.?\s*[:：]"
    r"|(?-i:\bID\b)|身份證|身份証|身分證|身份证|證件|证件|證號|证号|身[ \t]份[ \t][證证]",
    re.IGNORECASE,
)
_HYPHEN_AFTER_LETTERS = re.compile(r"[A-Za-z]{1,2}[-‐‑–]")
_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)
_OCR_DIGITS = str.maketrans("OIL", "011")  # after upper-casing: O, I and l read as digits
# A check digit read out in Chinese (K395747(零)): the six digits before it arrive as
# digits (see guardrail.text.normalize), a lone numeral in brackets does not.
_HAN_DIGITS = str.maketrans("零〇一二三四五六七八九", "00123456789")


def check_character(prefix: str, digits: str) -> str:
    """The check character for an HKID prefix (1-2 letters) and its six digits."""
    padded = prefix.upper().rjust(2, " ")
    values = [36 if c == " " else ord(c) - ord("A") + 10 for c in padded]
    values += [int(d) for d in digits]
    remainder = sum(v * w for v, w in zip(values, _WEIGHTS, strict=True)) % 11
    check = (11 - remainder) % 11
    return "A" if check == 10 else str(check)


def is_valid_hkid(candidate: str) -> bool:
    """Whether ``candidate`` (any common spelling) carries a correct check character."""
    compact = re.sub(r"[\s()\[\]【】{}/‐‑‒–—−-]", "", candidate).upper().translate(_HAN_DIGITS)
    compact = compact[:2] + compact[2:].translate(_OCR_DIGITS)
    match = re.fullmatch(r"([A-Z]{1,2})(\d{6})([0-9A])", compact)
    if match is None:
        return False
    return check_character(match[1], match[2]) == match[3]


_BRACKET_SAID = re.compile(
    r"(?<![A-Za-z0-9])([A-Za-z]{1,2}\d{6})[ \t,]*(?i:(?:in[ \t]+)?brackets?|括號|括号)[ \t]*([0-9Aa])(?![A-Za-z0-9])"
)
# As normalisation writes a number read out with its bracket: Y 6 1 4 4 0 2 ( 3.
_DICTATED_BRACKET = re.compile(r"[A-Za-z]{1,2} \d(?: \d){5} \( [0-9Aa]")
_SAID_BRACKETS = re.compile(r"[ \t]+(?i:in|inside|within)[ \t]+(?i:brackets?|parenthes[ie]s)(?![A-Za-z])")
_LONE_LETTER = re.compile(r"(?<![A-Za-z0-9])([A-Z])[ \t]{1,2}$")

# Written without its check character (HKID: A123456), as people do who do not know it is
# part of the number, or send it in a message of its own: only right after a word that
# names the card itself, and then in lower case too (身份證 d166554).
_NO_CHECK = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{1,2}[ \t]?\d{6})(?![A-Za-z0-9(（\[【{-])")
_CARD_WORD = re.compile(r"hkid|h\.?k\.?\s?i\.?d|identity\s*card|身份證|身份証|身分證|身份证", re.IGNORECASE)


# The same number written again with another letter or without its check character
# ("please check, Z683103 or P683103?"): a note querying the card number it follows.
_REWRITTEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{1,2}[ \t]?(\d{6})(?![0-9])")


def _rewritten(recognizer: RegexRecognizer, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
    """Other writings of the six digits of an HKID already found in ``text``."""
    # The six digits of each (the check character follows them).
    digits = {re.sub(r"\D", "", text[r.start : r.end])[:6] for r in found if r.score >= 0.6}
    if not digits:
        return []
    return [
        tagged_result(recognizer, recognizer.recognizer_name, "HK_ID", *match.span(), 0.85)
        for match in _REWRITTEN.finditer(text)
        if match[1] in digits and not any(r.start < match.end() and match.start() < r.end for r in found)
    ]


# A column headed with another register's number: Constituent ID, Member No., Donor code.
_OTHER_ID_HEADER = re.compile(r"[A-Za-z]{3,}[ \t_-]*(?:id|no\.?|num(?:ber)?|code|#)[ \t]*$", re.IGNORECASE)
_IDENTITY = re.compile(r"identity|\bhk|身份|身分", re.IGNORECASE)


def _other_register(text: str, start: int) -> bool:
    """Whether the label before ``start`` on its line, or its column's header, names another
    register's number (Donor ID C0048813, Member no. A1234563, a Constituent ID column):
    a number an HKID's shape (and, one time in eleven, its check digit) happens to fit."""
    line_head = line_before(text, start, 30)
    if OTHER_NUMBER_LABEL.search(line_head) and not _CARD_WORD.search(line_head):
        return True
    header = column_header(text, start)
    return header is not None and _OTHER_ID_HEADER.search(header) is not None and not _IDENTITY.search(header)


# A passport's machine-readable line 2 (number, check, nationality, birth date, check,
# sex, expiry, check), whose optional field an HKSAR passport fills with the holder's
# HKID: ...3211286G0392781<<<. The run of letters and digits hides it from PATTERN.
_MRZ_OPTIONAL = re.compile(r"(?m)^[A-Z0-9<]{9}\d[A-Z<]{3}\d{6}\d[MF<]\d{6}\d(?P<hkid>[A-Z]{1,2}\d{6}[0-9A])<")


_TAIL = re.compile(
    r"(?P<end>(?i:ends?|ending)(?:[ \t]+(?:in|with))?|(?i:last)[ \t]+(?:\w+[ \t]+)?digits?(?:[ \t]+(?:are|is))?"
    r"|尾數係?|尾号是?|尾四位|結尾係?)[ \t:：]*(?P<tail>\d{3,5}[ \t]?[(（][0-9A][)）])"
)


class HkIdRecognizer(RegexRecognizer):
    def __init__(self) -> None:
        super().__init__("HK_ID", "HkIdRecognizer", PATTERN)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        for result in results:
            # C A 5 1 7 0 0 1 (9): a two-letter prefix spelled out, the first letter alone
            lone = _LONE_LETTER.search(text, max(0, result.start - 3), result.start)
            value = text[result.start : result.end]
            if lone and not is_valid_hkid(value) and is_valid_hkid(lone[1] + value):
                result.start = lone.start(1)
                result.score = max(result.score, 0.95)
            # K three seven four one five eight, three in brackets: the check digit's brackets said aloud
            if (said := _SAID_BRACKETS.match(text, result.end)) is not None:
                result.end = said.end()
        results += _rewritten(self, text, results)
        for match in _BRACKET_SAID.finditer(text):
            # Y282784 bracket 9: a transcript writes the bracket as the caller said it; a
            # finding of the letters and digits alone grows to take the check digit in.
            if not is_valid_hkid(match[1] + match[2]):
                continue
            inside = [r for r in results if match.start() <= r.start and r.end <= match.end()]
            for result in inside:
                result.start, result.end = match.span()
            if not inside and not any(r.start < match.end() and match.start() < r.end for r in results):
                results.append(tagged_result(self, self.recognizer_name, "HK_ID", *match.span(), 0.9))
        if "<" in text:
            for match in _MRZ_OPTIONAL.finditer(text):
                if is_valid_hkid(match["hkid"]):
                    results.append(tagged_result(self, self.recognizer_name, "HK_ID", *match.span("hkid"), 0.9))
        if _CARD_WORD.search(text) is None:
            return results
        for match in _TAIL.finditer(text):
            # Her HKID ends in 3456(7): the last digits and check character of a card.
            if _CARD_WORD.search(text, max(0, match.start("tail") - 40), match.start("tail")) and not any(
                r.start < match.end("tail") and match.start("tail") < r.end for r in results
            ):
                results.append(tagged_result(self, self.recognizer_name, "HK_ID", *match.span("tail"), 0.7))
        for match in _NO_CHECK.finditer(text):
            if any(r.start <= match.start(1) < r.end for r in results):
                continue
            if _CARD_WORD.search(text, max(0, match.start(1) - 24), match.start(1)):
                results.append(tagged_result(self, self.recognizer_name, "HK_ID", *match.span(1), 0.7))
        return results

    def span(self, match: re.Match[str]) -> tuple[int, int]:
        """The match without the space an unclosed bracket may leave after the check character."""
        start = match.start(1)
        return start, start + len(match[1].rstrip())

    def score(self, match: re.Match[str], text: str) -> float:
        value = match[1]
        plain = re.fullmatch(r"[A-Za-z]{1,2}\d{6}(?:[(\[【{]\s?[0-9Aa]\s?[)\]】}]|[0-9Aa])", value) is not None
        bracketed = any(bracket in value for bracket in "([【{")
        if not bracketed and _other_register(text, match.start(1)):
            return 0.0
        if not bracketed and _HYPHEN_AFTER_LETTERS.match(value):
            # KX-7731902 is a reference's shape (a hyphen after its letters, the digits
            # run on): an HKID written so needs its card named nearby.
            return 0.8 if is_valid_hkid(value) and context_near(text, *match.span(1), CONTEXT, before=60) else 0.0
        if is_valid_hkid(value):
            return 0.95
        in_context = context_near(text, *match.span(1), CONTEXT, before=60)
        if not in_context:
            header = column_header(text, match.start(1))
            in_context = header is not None and CONTEXT.search(header) is not None
        if not plain:
            # Spaced, hyphenated or OCR-mangled: a wrong check character needs context,
            # unless its bracket was said aloud (k seven zero ... brackets a): only an
            # identity card's number is read out with one.
            return 0.8 if in_context or _DICTATED_BRACKET.fullmatch(value) else 0.0
        if in_context:
            return 0.8
        return 0.6 if bracketed and value[0].isupper() else 0.0
