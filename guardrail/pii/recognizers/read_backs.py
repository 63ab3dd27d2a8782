"""A number found once, found again where it is read back or written another way.

On a call the caller says a number in words and the agent reads it back in digits
(``six two eight zero, five five one nine`` ... ``AGENT: 6280 5519, thank you``); a form
gives a business registration number under its label and a note quotes it bare. The
second writing has no context of its own: no label, no "phone" nearby. It is the same
value, so once any writing of it is found, every other writing of the same characters is
found too, whatever spaces, dashes or dots part them.

Only identifiers of eight characters or more are carried (phones, business registration,
identity and passport numbers, cards, IBANs): a shorter string of digits recurs by
chance (a time, an amount, a flat). A mailbox's name is carried to where it is spelt out
letter by letter (``rayfung underscore w at example dot net. r a y f u n g, underscore,
w``): a spelling that makes exactly the name of a found address is that address. A
found name is carried the same way to its spelling with a word for each letter (``Tse,
T for tango, S for sugar, E for echo``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from presidio_analyzer import RecognizerResult

NAME = "HkReadBackRecognizer"
_CARRIED = frozenset(
    {"PHONE_NUMBER", "HK_BUSINESS_REG", "HK_ID", "HK_PASSPORT", "CN_RESIDENT_ID", "CREDIT_CARD", "IBAN_CODE"}
)
_MIN_CHARACTERS = 8
_SEPARATORS = frozenset(" -.")  # at most one of these may part two characters of a writing
_LETTER_OR_DIGIT = re.compile("[0-9A-Za-z]")
_NOT_BEFORE = re.compile("[0-9A-Za-z][-/]$")  # a reference's stem (RTS240517-003)
_NOT_AFTER = re.compile(r"[0-9A-Za-z]|[-/]\w")


def read_backs(text: str, found: Iterable[RecognizerResult]) -> list[RecognizerResult]:
    """Results for the other writings of ``found``'s identifiers. ``found`` is what the
    redactor keeps: findings at their type's threshold, published lines left out."""
    found = list(found)
    results = _spelt_mailboxes(text, found) + _phonetic_spellings(text, found)
    carried: dict[str, RecognizerResult] = {}
    for result in found:
        if result.entity_type not in _CARRIED:
            continue
        characters = re.sub(r"[^0-9A-Za-z]", "", text[result.start : result.end])
        if len(characters) >= _MIN_CHARACTERS and any(c.isdigit() for c in characters):
            carried.setdefault(characters, result)
    if not carried:
        return results
    letters = _Letters(text)
    taken = sorted((r.start, r.end) for r in [*found, *results])
    for characters, source in carried.items():
        for start, end in letters.writings(characters):
            if any(s < end and start < e for s, e in taken):
                continue
            results.append(_result(source, start, end))
            taken.append((start, end))
    return results


class _Letters:
    """A text's letters and digits run together, each with its offset, so a value's
    writings are found with ``str.find`` (no pattern compiled per value)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offsets = [m.start() for m in _LETTER_OR_DIGIT.finditer(text)]
        self.joined = "".join(text[i] for i in self.offsets)

    def writings(self, characters: str) -> list[tuple[int, int]]:
        """Spans where ``characters`` are written with at most one space, dash or dot
        between two of them, standing alone (no letter or digit either side)."""
        spans: list[tuple[int, int]] = []
        at = self.joined.find(characters)
        while at >= 0:
            span = self._span(at, at + len(characters))
            if span is not None and not any(s < span[1] and span[0] < e for s, e in spans):
                spans.append(span)
            at = self.joined.find(characters, at + 1)
        return spans

    def _span(self, first: int, past: int) -> tuple[int, int] | None:
        text, offsets = self.text, self.offsets
        for i in range(first, past - 1):
            gap = text[offsets[i] + 1 : offsets[i + 1]]
            if len(gap) > 1 or (gap and gap not in _SEPARATORS):
                return None
        start, end = offsets[first], offsets[past - 1] + 1
        if start and _LETTER_OR_DIGIT.match(text, start - 1):
            return None
        if _NOT_BEFORE.search(text, max(0, start - 2), start) or _NOT_AFTER.match(text, end):
            return None
        return start, end


_SPELT_WORDS = frozenset({"underscore", "dot", "dash", "hyphen"})
_SPELT_TOKEN = rf"(?:[A-Za-z0-9]|(?i:{'|'.join(sorted(_SPELT_WORDS))}))"
# (letters parted by spaces, commas or hyphens: r a y f u n g, p-dot-d-e-v-r-i-e-s)
_SPELT_RUN = re.compile(rf"(?<![A-Za-z0-9]){_SPELT_TOKEN}(?:[ ,-]{{1,3}}{_SPELT_TOKEN}){{3,}}(?![A-Za-z0-9])")
_SPELT_PIECE = re.compile(r"[A-Za-z0-9]+")
_SAID_AT = re.compile(r"@|\s(?i:at)\s|小老鼠|[艾爱愛]特")
_MIN_SPELT = 4


def _spelt_mailboxes(text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
    """Results where the name of a found e-mail address is spelt out letter by letter."""
    names: dict[str, RecognizerResult] = {}
    for result in found:
        if result.entity_type == "EMAIL_ADDRESS":
            local = _SAID_AT.split(text[result.start : result.end], maxsplit=1)[0]
            name = _joined(re.sub(r"[._]", " ", local))
            if len(name) >= _MIN_SPELT:
                names.setdefault(name, result)
    if not names:
        return []
    results: list[RecognizerResult] = []
    taken = [(r.start, r.end) for r in found]
    for run in _SPELT_RUN.finditer(text):
        # (the run may take in a letter before the spelling: the s of "that's m a r y")
        # (each spelt token is one letter or digit, so the letters index the tokens)
        tokens = [t for t in _SPELT_PIECE.finditer(run[0]) if t[0].lower() not in _SPELT_WORDS]
        letters = "".join(t[0].lower() for t in tokens)
        for name, source in names.items():
            at = letters.find(name)
            if at < 0:
                continue
            start, end = run.start() + tokens[at].start(), run.start() + tokens[at + len(name) - 1].end()
            if not any(s < end and start < e for s, e in taken):
                results.append(_result(source, start, end))
                taken.append((start, end))
    return results


# A name spelt the way callers spell on the phone: "T for tango, S for sugar, E for echo",
# "G as in golf, R as in romeo" (two letters or more).
_PHONETIC_LETTER = r"[A-Za-z][ ]+(?:for|as[ ]in|like)[ ]+[A-Za-z]+"
_PHONETIC_RUN = re.compile(rf"(?<![A-Za-z]){_PHONETIC_LETTER}(?:[ ]?[,;][ ]?(?:and[ ])?{_PHONETIC_LETTER})+")
_PHONETIC_LETTER_SAID = re.compile(r"(?<![A-Za-z])([A-Za-z])[ ]+(?:for|as|like)\b")
_PHONETIC_REACH = 80  # characters after the name found that its spelling may start


def _phonetic_spellings(text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
    """Results where a found name is spelt letter by letter with a word for each letter
    just after it: the letters spelt begin one of the name's words."""
    if " for " not in text and " as in " not in text:
        return []
    names = [r for r in found if r.entity_type == "PERSON"]
    if not names:
        return []
    results: list[RecognizerResult] = []
    for run in _PHONETIC_RUN.finditer(text):
        letters = "".join(m[1].lower() for m in _PHONETIC_LETTER_SAID.finditer(run[0]))
        for name in names:
            if not 0 <= run.start() - name.end <= _PHONETIC_REACH:
                continue
            words = re.findall("[a-z]+", text[name.start : name.end].lower())
            if any(word.startswith(letters) for word in words):
                results.append(_result(name, *run.span()))
                break
    return results


def _joined(spelt: str) -> str:
    """A mailbox name said or spelt, its letters and digits only: ``rayfung underscore w``,
    ``r a y f u n g, underscore, w`` and ``rayfung_w`` are all ``rayfungw`` (a hyphen may
    part the letters of a spelling or be one of the name's)."""
    words = re.split(r"[ ,-]+", spelt.strip().lower())
    return "".join(word for word in words if word not in _SPELT_WORDS and word.isalnum())


def _result(source: RecognizerResult, start: int, end: int) -> RecognizerResult:
    return RecognizerResult(
        source.entity_type,
        start,
        end,
        source.score,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: NAME,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: NAME,
        },
    )
