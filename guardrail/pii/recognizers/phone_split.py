"""A Hong Kong phone number sent in two chat messages, four digits in each.

People read a number off a card and send it in halves (``電話 6138`` in one message,
``7720 打唔通就whatsapp`` in the next), spaced digit by digit or in numerals
(``打我 九 二 三 四`` ... ``五 六 七 八``). Each half alone is four digits, which could be
anything, so ``PhoneRecognizer`` leaves it; together they are a number in use.

A message boundary must lie between the halves: a header line with a time of day
(``kelvin chan, [12.03.26 21:07]``, ``>> Nora 蒲 ·· 21:06``) or a header in front of the
second half (``[12/3 21:11] kelvin chan: 0 6 8 2``). The first half must follow a phone
word or an offer of the number (``電話``, ``call``, ``打我``, ``俾我``, ``FPS``) or make up
its message alone, and the eight digits must be a valid Hong Kong number. Both halves
are reported, so neither survives redaction.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import RecognizerResult

from guardrail.pii.recognizers.base import RegexRecognizer, tagged_result
from guardrail.pii.recognizers.phone import valid_hong_kong
from guardrail.text.dictation import HAN_DIGITS

_DIGIT = "[0-9零〇一二三四五六七八九]"
_HALF = rf"{_DIGIT}(?:[ \u3000]{{0,2}}{_DIGIT}){{3}}"
_TIME = r"\d{1,2}:\d{2}"
_SPLIT = re.compile(
    rf"(?<![0-9A-Za-z零〇一二三四五六七八九])(?<![0-9零〇一二三四五六七八九] )(?P<first>{_HALF})[ \t\u3000]*\n"
    r"(?:[ \t]*\n)?"
    # A header line of its own, with the time the second message was sent...
    rf"(?:(?P<header>[^\n]{{0,80}}{_TIME}[^\n]{{0,40}})\n(?:[ \t]*\n)?)?"
    # ... or a header in front of the second half on its line.
    rf"(?P<prefix>[^\n]{{0,80}}?{_TIME}[^\n]{{0,60}}?[:：›>\-][ \t]*)?"
    rf"(?P<second>{_HALF})(?![0-9零〇一二三四五六七八九])(?![ \u3000]{{1,2}}[0-9零〇一二三四五六七八九])"
)
# What may stand before the first half in its message: a phone word or an offer of the
# number. (A header's own "name: " in front is skipped first.)
_OFFER = re.compile(
    r"電話|电话|手機|手机|號碼|号码|聯絡|联络|打我|打俾我|打畀我|搵我|俾我|畀我|給我|给我|whats\s?app|\bwa\b|\bFPS\b"
    r"|\bcall\b|\bphone\b|\btel\b|\bmobile\b|\bcell\b|\bnumber\b|\bno\.?$",
    re.IGNORECASE,
)
_HEADER_END = re.compile(rf"^.*{_TIME}[^\n]*?[:：›>\-][ \t]*")
_TRANSLATE = str.maketrans(HAN_DIGITS)
SCORE = 0.8


class SplitPhoneRecognizer(RegexRecognizer):
    """Both halves of a number split across two chat messages."""

    def __init__(self) -> None:
        super().__init__("PHONE_NUMBER", "SplitPhoneRecognizer", _SPLIT)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if ":" not in text or "\n" not in text:
            return []
        results: list[RecognizerResult] = []
        for match in _SPLIT.finditer(text):
            if (match["header"] is None) == (match["prefix"] is None) or not _offered(text, match.start("first")):
                continue
            digits = re.sub(r"\s", "", match["first"] + match["second"]).translate(_TRANSLATE)
            if not valid_hong_kong(digits):
                continue
            for group in ("first", "second"):
                results.append(tagged_result(self, self.recognizer_name, "PHONE_NUMBER", *match.span(group), SCORE))
        return results


def _offered(text: str, start: int) -> bool:
    """Whether the first half follows a phone word, or stands alone in its message."""
    line = text[text.rfind("\n", 0, start) + 1 : start]
    lead = _HEADER_END.sub("", line).strip()
    return not lead or _OFFER.search(lead) is not None
