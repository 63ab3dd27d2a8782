"""Normalise text for detection without losing the way back to the original.

Full-width digits and letters (``９１２３``), ideographic spaces and invisible
characters (zero-width spaces, joiners, bidi controls, soft hyphens, tag characters,
variation selectors) hide identifiers from patterns and models. Detection therefore
runs on an NFKC-normalised copy with invisible characters removed, and every character
of that copy remembers which characters of the original it came from, so findings are
reported, and redacted, at offsets in the text the caller gave.

A space is also put between a Chinese character and an adjacent ASCII letter or digit
(``電話91234567``): written Chinese has no spaces, and without one, ``\\b`` in
Presidio's patterns and spaCy's tokenizer would see one long word.

Two more disguises are undone, each with the offset map kept:

* look-alike letters from other scripts inside a Latin word or number (Cyrillic ``А`` in
  ``А123456(3)``, ``е`` in ``gmаil.com``) become their Latin twins, and combining marks
  stacked on a Latin letter or digit are dropped (``9̲1̲2̲3̲``); NFKC folds neither;
* OCR's digits inside words (``F1at``, ``Bui1ding``, ``Hi11 R0ad``) become the letters
  they stand for, one for one, when lowercase letters surround them;
* numbers dictated digit by digit, in English words (``nine one two three, oh four``,
  ``double six``) or in Chinese numerals (``九一二三四五六七``), become ASCII digits
  separated by single spaces, so that the phone, card and identity-card patterns see
  them as the spaced digits they are. Only runs long enough to be an identifier are
  rewritten (four words, six numerals): ``one or two`` and ``一五一十`` stay as they are.
  Words and digits mixed in one run (``9 four 8 one 2 zero 3 7``, ``+852 (six one) 33 20
  78``) are read the same way when two or more words and seven or more digits make it up;
* a scan's O and l among digits (``9l38 5O2O``, ``8 2 O l``) become 0 and 1, one for one,
  when a run of digit groups holds at least four digits and more digits than such letters;
* a Chinese keyboard's full stop ``。`` between ASCII letters or digits is a dot;
* a form's boxed characters (``[ T ][ 6 ][ 1 ]``) and table cells of spaced digits
  (``| 4 5 2 3 | 2 7 9 2 |``) lose their boxes and cell bars;
* JSON's escapes (``"\\u9673\\u5927\\u6587"``, ``\\n``, ``\\"``), as ``json.dumps`` writes every
  Chinese character of a tool result or a logged payload by default, are decoded, escaped
  twice (JSON inside a JSON string) too; the model reads them decoded, so detection must;
* percent-escapes in a URL-encoded value (``kelvin.ho%40gmail.com``, ``%2B852%205567``)
  are decoded inside a token that has an escaped ``@`` or ``+`` (or an escaped space between
  digits), as query strings, form posts and webhook logs carry them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from guardrail.text.dictation import (
    DIGIT_WORDS,
    EN_CORRECTION_GAP,
    EN_FILLER,
    EN_NUMBER,
    HAN_CORRECTION_GAP,
    HAN_DIGITS,
    kept_tokens,
    number_digits,
    says_tens,
    spoken_ips,
)
from guardrail.text.start_gate import gate

# Every Unicode "format" character (category Cf: zero-width and bidi controls, soft
# hyphen, tag characters, ...), plus variation selectors and Hangul fillers, which are
# not Cf but render as nothing. One character class keeps the common path a single
# regex search; a test checks it against unicodedata.
_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f"
    "\ufeff\uffa0\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "\U000e0100-\U000e01ef]"
)
_HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN = re.compile(f"[{_HAN_CLASS}]")
_HAN_BESIDE_ALNUM = re.compile(f"[{_HAN_CLASS}][A-Za-z0-9]|[A-Za-z0-9][{_HAN_CLASS}]")

# Cyrillic and Greek letters drawn like Latin ones; folded only inside a word that also
# has an ASCII letter or digit, so Russian or Greek text is left alone.
_CONFUSABLES = str.maketrans(
    "АВСЕНІЈКМОРЅТХУаеорсухіјѕԁһӏΑΒΕΖΗΙΚΜΝΟΡΤΥΧοικν",
    "ABCEHIJKMOPSTXYaeopcyxijsdhlABEZHIKMNOPTYXoikv",
)
_CONFUSABLE_CHARS = "АВСЕНІЈКМОРЅТХУаеорсухіјѕԁһӏΑΒΕΖΗΙΚΜΝΟΡΤΥΧοικν"
_NEEDS_FOLDING = re.compile(f"[{_CONFUSABLE_CHARS}\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_MIXED_WORD = re.compile(f"[A-Za-z0-9{_CONFUSABLE_CHARS}]*[A-Za-z0-9][A-Za-z0-9{_CONFUSABLE_CHARS}]*")

# A 0 or 1 between a letter and a lowercase letter (F1at, R0ad, dep0sit), or ending a
# word after a lowercase letter (Hi11, Te1): OCR's misreading of o and l.
_OCR_DIGIT_IN_WORD = gate(re.compile(r"(?<=[A-Za-z])[01]{1,2}(?=[a-z])|(?<=[A-Z][a-z])[01]{1,2}(?![A-Za-z0-9@._-])"))
_OCR_TO_LETTER = str.maketrans("01", "ol")

# Digits dictated one by one. English: four or more digit words ("double six" counts
# two); Chinese numerals: six or more. Separators between them: spaces, commas,
# hyphens, ellipses; a spoken "bracket" (an HKID's check digit) may sit inside a run.
# (The digit words and numerals, DIGIT_WORDS and HAN_DIGITS, are guardrail.text.dictation's.)
_WORD_DIGITS = {**DIGIT_WORDS, "nil": "0"}  # "nil" as dictated; scoring leaves it a word
# An HKID's bracket said before its check digit: "and bracket zero", "in brackets two",
# 「括號七」, 「括号里面是一」.
_BRACKET_WORD = (
    r"(?:(?:and\s+)?(?:open\s+|in\s+)?brackets?|(?:括號|括号|括弧|括住)(?:里面|裡面|入面|内|內)?(?:是|係|系)?)"
)
_EN_DIGIT = r"(?:zero|oh|nil|one|two|three|four|five|six|seven|eight|nine)(?![A-Za-z])"
_EN_TOKEN = rf"(?:(?:(?:double|triple)[ -]?)?{_EN_DIGIT}|{EN_NUMBER})"
# (A transcript's line may break inside one: nine eight⏎zero two, one one six four; a
# caller's "uh" may pause one: five three oh eight, two one, uh, two one seven seven.)
_EN_SEP = rf"(?:{EN_CORRECTION_GAP}|,?[ ]{EN_FILLER}[ ,]{{1,2}}|[ ,.\-]{{1,3}}|[ ,]?\n ?|\s?(?:…|\.\.\.)\s?)"
# A spoken bracket before the check digit, or "..., and two in brackets": the check digit
# said before its brackets (which the HKID recogniser takes in).
_CHECK_DIGIT_SAID = rf"(?:{_EN_SEP}{_BRACKET_WORD}{_EN_SEP}|,?[ ]and[ ](?={_EN_DIGIT}[ ]in[ ]brackets?))"
_SPELLED_EN = re.compile(
    rf"(?<![A-Za-z]){_EN_TOKEN}(?:(?:{_EN_SEP}|{_CHECK_DIGIT_SAID}){_EN_TOKEN}){{3,}}",
    re.IGNORECASE,
)
# (么 is 幺 as a phone's keyboard often writes it, 六么雙三; not in 什么, 怎么, 那么, 多么)
_HAN_NUMERAL = "(?:[零〇○洞拐勾幺一二兩两三四五六七八九]|(?<![什怎那这這多要为為干甚])么)"
# (雙 before a numeral says it twice, as Cantonese reads a number out: 三雙七 is 3 7 7.)
_HAN_TOKEN = f"(?:[雙双][ \u3000]?)?{_HAN_NUMERAL}"
# (A comma may end a line inside one: 一八六，三三七零，⏎二九一四; a speaker's filler may sit
# between its commas: 九四零七，呃，五二八三.)
_HAN_SEP = (
    rf"(?:{HAN_CORRECTION_GAP}|[ \u3000]{{0,3}}"
    r"|[ \u3000]?(?:[，,、…\-—–－·・]|\.{2,3}){1,3}(?:[呃嗯][，,、…]{1,2})?[ \u3000]?\n?[ \u3000]?)"
)
# Six numerals, or four beside ASCII digits (九一二三4567).
_SPELLED_HAN = re.compile(
    rf"{_HAN_TOKEN}(?:{_HAN_SEP}(?:{_BRACKET_WORD}{_HAN_SEP})?{_HAN_TOKEN}){{5,}}"
    rf"|(?:(?<=\d)|(?<=\d ))(?:{_HAN_TOKEN}){{4,}}|(?:{_HAN_TOKEN}){{4,}}(?= ?\d)"
)
# Eight numerals in two fours that a narrow column or a scan broke over a line (九八二六⏎七一四零,
# 九 一 二 三⏎四 五 六 七).
_SPELLED_HAN_LINES = re.compile(
    rf"(?<!{_HAN_NUMERAL}[ \u3000])(?<!{_HAN_NUMERAL})"
    rf"{_HAN_TOKEN}(?:[ \u3000]?{_HAN_TOKEN}){{3}}[ \u3000]*\n[ \u3000]*{_HAN_TOKEN}(?:[ \u3000]?{_HAN_TOKEN}){{3}}"
    rf"(?![ \u3000]?{_HAN_NUMERAL})"
)
# A number read out in both languages at once, as code-mixed callers do (九四七二，ah，
# eight-one-five-three; 五四一二，two two three one), a filler between its groups; and an
# HKID's check letter after a spoken bracket (Y 三三零 五四八，括號 A).
_FILLER = r"(?:ah|er|erm|um|uh|呃|嗯|啊)"
_BI_SEP = (
    rf"(?:{EN_CORRECTION_GAP}|{HAN_CORRECTION_GAP}|[ \u3000,，、.\-—–]{{1,3}}(?:{_FILLER}[ \u3000,，、.…]{{1,3}})?"
    r"|\s?(?:…|\.\.\.)\s?)"
)
# (a Chinese numeral may be doubled in English: 九三二七，double 五，零八)
_BI_TOKEN = rf"(?:{_EN_TOKEN}|(?:(?:double|triple)[ -]?)?{_HAN_TOKEN})"
_SPELLED_BILINGUAL = re.compile(
    rf"(?<![A-Za-z]){_BI_TOKEN}(?:{_BI_SEP}?(?:{_BRACKET_WORD}{_BI_SEP}?)?{_BI_TOKEN}){{5,}}", re.IGNORECASE
)
_CHECK_LETTER_TAIL = re.compile(rf"{_BI_SEP}?{_BRACKET_WORD}{_BI_SEP}?A(?![A-Za-z])", re.IGNORECASE)
_SPELLED_TOKEN = re.compile(
    rf"(?P<bracket>{_BRACKET_WORD})|(?<=[ \u3000,，])(?P<check>A)(?![A-Za-z])"
    rf"|(?P<number>{EN_NUMBER})|(?:(?P<times>double|triple|雙|双)[ \u3000-]?)?(?P<word>{_EN_DIGIT}|{_HAN_NUMERAL})",
    re.IGNORECASE,
)
# Digit words mixed with ASCII digit groups in one dictated run (9 four 8 one 2 zero 3 7).
# (A slash with a space beside it separates two writings of a number: five four three two,
# one one eight nine / 5432 1189.)
_MIXED_SEP = r"(?:[ ,.\-()]{1,3}|(?<! )/(?! )|\s?(?:…|\.\.\.)\s?)"
_SPELLED_MIXED = re.compile(
    rf"(?<![A-Za-z0-9])(?:{_EN_TOKEN}|\d{{1,4}}(?![A-Za-z0-9]))(?:{_MIXED_SEP}(?:{_EN_TOKEN}|\d{{1,4}}(?![A-Za-z0-9]))){{2,}}",
    re.IGNORECASE,
)
_MIXED_TOKEN = re.compile(
    rf"(?P<digits>\d+)|(?P<number>{EN_NUMBER})|(?:(?P<times>double|triple)[ -]?)?(?P<word>{_EN_DIGIT})", re.IGNORECASE
)
# A run of digit groups in which a scan may have read 0 as O, 1 as l and 5 as S.
_OCR_DIGIT_RUN = re.compile(r"(?<![A-Za-z0-9])[0-9OlIS]+(?:[ |\-/]{1,3}[0-9OlIS]+)*(?![A-Za-z0-9])")
# A document's number after its one or two capital letters (a passport's H7731O562, a
# Home Return Permit's H22O7 4815, TR5O8l742), such letters among its digits.
_OCR_PREFIXED = gate(
    re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,2}(?=[0-9OlIS]*\d)([0-9OlIS]{4,10}(?:[ ][0-9OlIS]{3,6})?)(?![A-Za-z0-9])")
)
_OCR_READINGS = {"O": "0", "l": "1", "I": "1", "S": "5"}
# An IPv4 address a scan or a typist wrote with O or l among its digits (198.51.1OO.23).
_OCR_IP = re.compile(r"(?<![\w.])(?:[0-9OlI]{1,3}\.){3}[0-9OlI]{1,3}(?![\w.])")
# An identity card's number with such letters among its six digits or in its check, in brackets.
_OCR_HKID = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,2}([0-9OlIS]{6})[(\[]([0-9OAlI])[)\]]")
# A floor, flat or street number of a scanned Chinese address (金碧樓l2樓l2O6室): short, so
# only between Chinese characters and before the word that says what it numbers.
# (Spaced from them by then: see _fold.)
_OCR_CJK_NUMBER = gate(
    re.compile(r"(?:(?<=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff] ))(?=[0-9Ol]*\d)[0-9Ol]{2,4}(?= ?[樓楼層层室座號号])")
)
# A token of a URL-encoded query string or form body, and its escapes.
# Encoded twice too (%2540), as a value inside a redirect URL's own query string is.
_URL_TRIGGER = re.compile(r"%(?:25)?(?:40|2[Bb]|20(?=\d))")
_URL_TOKEN = re.compile(r"[^\s\"'<>]+")
# (not before a capital: fok.ming88@hotmail.com。Bosco 想… ends a sentence)
# (nor before digits after a word: revoke。175.159.23.201 ends a sentence before an IP)
_IDEOGRAPHIC_STOP = re.compile(r"(?<=[A-Za-z0-9])。(?=[a-z])|(?<=[0-9])。(?=[0-9])")
# Five or more characters in boxes, as a typed-out form draws them: [ T ][ 6 ][ 1 ]...
# (the first box's opening bracket may be lost in copying: T ][ 6 ][ 1 ]...)
_BOXED = re.compile(r"(?:(?<![A-Za-z0-9])(?:\[ ?)?[A-Za-z0-9] ?\] ?)(?:\[ ?[A-Za-z0-9] ?\] ?){4,}")
_BOX_CHAR = re.compile(r"[A-Za-z0-9]")
# Groups of four spaced digits in table cells: 4 5 2 3 | 2 7 9 2 | 8 2 0 1 | 0 2 7 1
_CELLED_DIGITS = re.compile(r"(?<!\S)(?:[0-9Ol] ){3}[0-9Ol](?: \| (?:[0-9Ol] ){3}[0-9Ol]){2,4}(?!\S)")
# An IBAN's country and check digits just before a run: its groups may hold letters (IT04 O510).
_IBAN_HEAD = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}[ -]?$")
_URL_ESCAPE = re.compile(r"%(?:25)?([0-9A-Fa-f]{2})")
_URL_SAFE = frozenset("@+ ._-:()=&?/#,;")
# A JSON string escape, or one escaped again (JSON inside a JSON string: \\\\u9673).
# Decoding starts only where a \\u escape is found: a lone \\n in code or a Windows path
# is left alone.
_JSON_TRIGGER = re.compile(r"\\+u[0-9A-Fa-f]{4}")
_JSON_ESCAPE = re.compile(r'\\+(?:u([0-9A-Fa-f]{4})|([nrtbf"/\\]))')
_JSON_SIMPLE = {"n": "\n", "r": "\n", "t": "\t", "b": " ", "f": " ", '"': '"', "/": "/", "\\": "\\"}
_TIMES = {"double": 2, "triple": 3, "雙": 2, "双": 2}  # a digit said so many times
# A letter said as callers spell one (Y as in yellow, K for kilo) or the letter Z said
# (zed, zee), just before digits read out: at least six, an identifier's.
# A letter alone before a comma counts too when seven digits follow (C, six six eight,
# four one two, zero) or six and a bracket (R，四幺两洞九三，括号A), and "plus" says a
# country code's + (plus nine two, three oh oh ...).
_LETTER_SAID_HINT = re.compile(r"(?i:\b(?:as[ ]in|for|like|plus)[ ]|\bze[de]\b)|\b[A-Z], ?\d \d|字[頭头]|字母")
_LETTER_SAID = re.compile(
    r"(?<![A-Za-z0-9'’])(?:(?P<letter>[A-Za-z])[ ]+(?i:as[ ]+in|for|like)[ ]+[A-Za-z]+|(?i:zed|zee)"
    r"|(?P<alone>[A-Z])(?=,[ ]?\d(?: \d){6}|,[ ]?\d(?: \d){5} \( [0-9A]))(?:[ ]?,[ ]*|[ ]+)(?=\d(?: \d){5})"
    r"|(?<![A-Za-z])(?P<plus>(?i:plus))[ ]+(?=\d(?: \d){7})"
)
# And in Chinese (searched only in a text with 字): C字頭 (starting with C), 字母M (the letter M).
_LETTER_SAID_ZH = re.compile(
    r"(?<![A-Za-z0-9])(?P<head>[A-Z])[ ]?字[頭头][ ]?,?[ ]*(?=\d(?: \d){5})"
    r"|字母[ ]?(?P<named>[A-Z])[ ]?,?[ ]*(?=\d(?: \d){5})"
)
_MAY_BE_SPELLED = gate(re.compile(rf"{_HAN_NUMERAL}|{_EN_DIGIT}", re.IGNORECASE))


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A normalised text and, unless it equals the original, its offset map.

    ``starts[i]``/``ends[i]`` are the original offsets of the character(s) that
    normalised character ``i`` came from; an inserted space maps to an empty span.
    """

    original: str
    text: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the normalised span ``[start, end)``."""
        if self.starts is None or self.ends is None:
            return start, end
        if start >= end:
            position = self.starts[start] if start < len(self.starts) else len(self.original)
            return position, position
        return self.starts[start], self.ends[end - 1]


def normalize(text: str) -> NormalizedText:
    """NFKC-normalise ``text``, drop invisible characters, fold look-alike letters,
    decode URL escapes and spell dictated digits as digits, keeping an offset map."""
    unescaped = _json_unescape(text)
    folded = _fold(text) if unescaped is None else _compose(unescaped, _fold(unescaped.text))
    return _letters_said(
        _spell_out_digits(
            _spoken_ips(_ocr_digits(_ocr_letters(_unbox(_url_decode(_continued_lines(_ideographic_stops(folded)))))))
        )
    )


def _spoken_ips(normalized: NormalizedText) -> NormalizedText:
    """IPv4 addresses read out (``one eight five dot two two oh dot ...``) written as
    addresses, each mapping to all it was said as."""
    text = normalized.text
    # (spaced from Chinese beside it, which a pattern's word boundary would read as letters)
    runs = [
        (
            start,
            end,
            f"{' ' if start and _HAN.match(text, start - 1) else ''}{value}{' ' if _HAN.match(text, end) else ''}",
        )
        for start, end, value in spoken_ips(text)
    ]
    return _replaced(normalized, runs) if runs else normalized


def _json_unescape(text: str) -> NormalizedText | None:
    """JSON string escapes decoded (each character maps to its whole escape), or None
    when the text has no ``\\u`` escape. A surrogate pair becomes one character; a lone
    surrogate, which no text can hold, is left escaped."""
    if "\\" not in text or _JSON_TRIGGER.search(text) is None:
        return None
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    matches = list(_JSON_ESCAPE.finditer(text))
    index = 0
    while index < len(matches):
        escape = matches[index]
        index += 1
        end = escape.end()
        if escape[1] is None:
            char = _JSON_SIMPLE[escape[2]]
        else:
            code = int(escape[1], 16)
            low = matches[index] if index < len(matches) and matches[index].start() == end else None
            low_code = int(low[1], 16) if low is not None and low[1] else 0
            if low is not None and 0xD800 <= code < 0xDC00 and 0xDC00 <= low_code < 0xE000:
                code = 0x10000 + ((code - 0xD800) << 10) + (low_code - 0xDC00)
                end = low.end()
                index += 1
            elif 0xD800 <= code < 0xE000:
                continue
            char = chr(code)
        pieces += (text[position : escape.start()], char)
        starts.extend([*range(position, escape.start()), escape.start()])
        ends.extend([*range(position + 1, escape.start() + 1), end])
        position = end
    pieces.append(text[position:])
    starts.extend(range(position, len(text)))
    ends.extend(range(position + 1, len(text) + 1))
    return NormalizedText(text, "".join(pieces), tuple(starts), tuple(ends))


def _compose(first: NormalizedText, second: NormalizedText) -> NormalizedText:
    """``second`` (normalised from ``first.text``) mapped back to ``first.original``."""
    if second.starts is None or second.ends is None:
        return NormalizedText(first.original, second.text, first.starts, first.ends)
    starts: list[int] = []
    ends: list[int] = []
    for start, end in zip(second.starts, second.ends, strict=True):
        s, e = first.to_original(start, end)
        starts.append(s)
        ends.append(e)
    return NormalizedText(first.original, second.text, tuple(starts), tuple(ends))


def _ideographic_stops(normalized: NormalizedText) -> NormalizedText:
    """A Chinese keyboard's full stop between ASCII letters or digits (``203。0。113。9``,
    ``gmail。com``) read as a dot, one for one; NFKC leaves ``。`` as it is."""
    text = normalized.text
    if "。" not in text or _IDEOGRAPHIC_STOP.search(text) is None:
        return normalized
    return NormalizedText(normalized.original, _IDEOGRAPHIC_STOP.sub(".", text), normalized.starts, normalized.ends)


# A number a narrow column or a scan broke after a hyphen: 9174 -⏎2208, 9 3 8 2 -⏎6 0 1 5.
# (A hyphen right after the digits, 1711-⏎204558, is the phone patterns' own to read.)
_CONTINUED_LINE = re.compile(r"(?<=[0-9A-Za-z])[ \t]-[ \t]*(\n)[ \t]*(?=[0-9])")


def _continued_lines(normalized: NormalizedText) -> NormalizedText:
    """The line break after such a hyphen read as a space, one for one."""
    text = normalized.text
    if " -\n" not in text and " - \n" not in text:
        return normalized
    return _spaced_at(normalized, [match.start(1) for match in _CONTINUED_LINE.finditer(text)])


def _spaced_at(normalized: NormalizedText, positions: list[int]) -> NormalizedText:
    """``normalized`` with a space for the character at each of ``positions``, one for one
    (so the offset map stays as it is)."""
    if not positions:
        return normalized
    chars = list(normalized.text)
    for position in positions:
        chars[position] = " "
    return NormalizedText(normalized.original, "".join(chars), normalized.starts, normalized.ends)


def _unbox(normalized: NormalizedText) -> NormalizedText:
    """A form's boxed characters (``[ T ][ 6 ][ 1 ]...``) and cells of spaced digits
    (``| 4 5 2 3 | 2 7 9 2 | ...``) rewritten as characters apart by single spaces."""
    text = normalized.text
    if not ("][" in text or "] [" in text or "|" in text):
        return normalized
    runs = [
        (m.start(), m.end(), " ".join(_BOX_CHAR.findall(m[0])) + (" " if m[0].endswith(" ") else ""))
        for m in _BOXED.finditer(text)
    ]
    runs += [(m.start(), m.end(), re.sub(r" \| ", " ", m[0])) for m in _CELLED_DIGITS.finditer(text)]
    if not runs:
        return normalized
    return _replaced(normalized, runs)


def _replaced(normalized: NormalizedText, runs: list[tuple[int, int, str]]) -> NormalizedText:
    """``normalized`` with each ``(start, end, value)`` run replaced by its value, every
    character of which maps to the whole run in the original; a run overlapping an
    earlier one is skipped."""
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for start, end, value in sorted(runs):
        if start < position:
            continue
        _keep(normalized, position, start, pieces, starts, ends)
        s, e = normalized.to_original(start, end)
        pieces.append(value)
        starts.extend([s] * len(value))
        ends.extend([e] * len(value))
        position = end
    _keep(normalized, position, len(normalized.text), pieces, starts, ends)
    return NormalizedText(normalized.original, "".join(pieces), tuple(starts), tuple(ends))


def _url_decode(normalized: NormalizedText) -> NormalizedText:
    """Percent-escapes decoded inside URL-encoded tokens; each decoded character maps to
    its three-character escape in the original; and a query string's ``+`` between words
    read as the space it encodes (``contact=Lau+Chi+Wai``), one for one."""
    normalized = _query_spaces(normalized)
    text = normalized.text
    if "%" not in text or _URL_TRIGGER.search(text) is None:
        return normalized
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for token in _URL_TOKEN.finditer(text):
        if "%" not in token[0] or _URL_TRIGGER.search(token[0]) is None:
            continue
        for escape in _URL_ESCAPE.finditer(text, token.start(), token.end()):
            char = chr(int(escape[1], 16))
            if char not in _URL_SAFE:
                continue
            _keep(normalized, position, escape.start(), pieces, starts, ends)
            s, e = normalized.to_original(*escape.span())
            pieces.append(char)
            starts.append(s)
            ends.append(e)
            position = escape.end()
    _keep(normalized, position, len(text), pieces, starts, ends)
    return NormalizedText(normalized.original, "".join(pieces), tuple(starts), tuple(ends))


# A query string's field whose value holds a + between letters: &contact=Lau+Chi+Wai.
_QUERY_FIELD = re.compile(r"(?<=[?&])[A-Za-z_][\w.-]*=[^\s&#]*[A-Za-z]\+[A-Za-z][^\s&#]*")
_QUERY_PLUS = re.compile(r"(?<=[A-Za-z])\+(?=[A-Za-z])")


def _query_spaces(normalized: NormalizedText) -> NormalizedText:
    text = normalized.text
    if "+" not in text or "=" not in text:
        return normalized
    return _spaced_at(
        normalized,
        [
            plus.start()
            for field in _QUERY_FIELD.finditer(text)
            for plus in _QUERY_PLUS.finditer(text, field.start(), field.end())
        ],
    )


def _keep(
    normalized: NormalizedText, start: int, end: int, pieces: list[str], starts: list[int], ends: list[int]
) -> None:
    """Copy ``normalized.text[start:end]`` with its original offsets."""
    pieces.append(normalized.text[start:end])
    for i in range(start, end):
        s, e = normalized.to_original(i, i + 1)
        starts.append(s)
        ends.append(e)


def _ocr_digits(normalized: NormalizedText) -> NormalizedText:
    """A scan's ``O``/``l`` read as ``0``/``1`` inside a run of digit groups, replaced one
    for one (so the offset map stays as it is); a capital ``I`` too where a digit touches
    it (a phone typed ``9I87 5520``; a lone ``I`` is the word), and an ``S`` after a digit
    of its group (``9l36 2O8S``; one that begins a group may be an identity card's letter)."""
    text = normalized.text
    if not ("O" in text or "l" in text or "I" in text or "S" in text):
        return normalized
    # (an identity card's check in brackets, so only a text with a bracket is searched for one)
    hkids = list(_OCR_HKID.finditer(text)) if ("(" in text or "[" in text) else []
    ips = [m for m in _OCR_IP.finditer(text) if sum(c.isdigit() for c in m[0]) >= 6] if "." in text else []
    prefixed = [m for m in _OCR_PREFIXED.finditer(text) if _misread_digits(m[1], 6)]
    if not hkids and not ips and not prefixed and _OCR_DIGIT_RUN.search(text) is None:
        return normalized
    chars = list(text)
    changed = False
    for run in ips:
        changed |= _read_as_digits(chars, run.start(), run.end(), "OlI")
    for run in prefixed:
        changed |= _read_as_digits(chars, run.start(1), run.end(1), "OlIS")
    for run in hkids:
        # S1O9273(6): an identity card's digits touch its letter, so no run above holds them
        if sum(c.isdigit() for c in run[1]) >= 4:
            changed |= _read_as_digits(chars, run.start(1), run.end(1), "OlIS")
            changed |= _read_as_digits(chars, run.start(2), run.end(2), "lI")  # T952322(l): its check too
    for run in _OCR_DIGIT_RUN.finditer(text):
        if not _misread_digits(run[0], 4) or _IBAN_HEAD.search(text, 0, run.start()):
            continue  # most runs are digits only: nothing to read
        for i in range(run.start(), run.end()):
            before = i > 0 and (chars[i - 1].isdigit() or chars[i - 1] in "Ol")
            touched = before or (i + 1 < len(chars) and chars[i + 1].isdigit())
            if chars[i] in "Ol" or (chars[i] == "I" and touched) or (chars[i] == "S" and before):
                chars[i] = _OCR_READINGS[chars[i]]
                changed = True
    for run in _OCR_CJK_NUMBER.finditer(text):
        changed |= _read_as_digits(chars, run.start(), run.end(), "Ol")
    if not changed:
        return normalized
    return NormalizedText(normalized.original, "".join(chars), normalized.starts, normalized.ends)


def _misread_digits(run: str, least: int) -> bool:
    """Whether a run of digits holds letters a scan may have put for some (O, l, I, S),
    beside at least ``least`` digits and more digits than such letters."""
    letters = sum(run.count(letter) for letter in _OCR_READINGS)
    digits = sum(c.isdigit() for c in run)
    return 0 < letters < digits and digits >= least


def _read_as_digits(chars: list[str], start: int, end: int, letters: str) -> bool:
    """Each of ``letters`` in ``chars[start:end]`` written as the digit a scan took it for
    (O as 0, l and I as 1, S as 5); whether any was."""
    changed = False
    for i in range(start, end):
        if chars[i] in letters:
            chars[i] = _OCR_READINGS[chars[i]]
            changed = True
    return changed


def _ocr_letters(normalized: NormalizedText) -> NormalizedText:
    """``0``/``1`` read for ``o``/``l`` inside a lowercase word, replaced one for one
    (so the offset map stays as it is)."""
    text = normalized.text
    if _OCR_DIGIT_IN_WORD.search(text) is None:
        return normalized
    fixed = _OCR_DIGIT_IN_WORD.sub(lambda m: m[0].translate(_OCR_TO_LETTER), text)
    return NormalizedText(normalized.original, fixed, normalized.starts, normalized.ends)


def _fold(text: str) -> NormalizedText:
    """NFKC, invisible characters, look-alikes, stray combining marks, Chinese/Latin spacing."""
    if text.isascii():
        # ASCII is NFKC-stable and has no format characters: nothing to map.
        return NormalizedText(text, text)
    fold_at = _confusable_positions(text) if _NEEDS_FOLDING.search(text) else None
    cell_gaps = _cell_gaps(text) if "\u3000" in text else {}
    if (
        fold_at is None
        and unicodedata.is_normalized("NFKC", text)
        and _INVISIBLE.search(text) is None
        and _HAN_BESIDE_ALNUM.search(text) is None
    ):
        return NormalizedText(text, text)
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    previous = ""
    for index, char in enumerate(text):
        if _INVISIBLE.match(char):
            continue
        if fold_at and index in fold_at:
            char = char.translate(_CONFUSABLES)
        # (the range test first: this runs for every character of non-ASCII text)
        marker = "\u2460" <= char <= "\u24ff" and _list_marker(text, index)
        folded = "•" if marker else unicodedata.normalize("NFKC", char)
        if char == "\u3000" and index in cell_gaps:
            folded = cell_gaps[index]  # 2　仝赟　　男: a register's cells, one tab between each two
        elif char == "\u3000" and _between_numbers(text, index):
            folded = "\t"  # 72　2565 3308: a table's cells, not one number spaced out
        elif char == "一" and _DASH_BETWEEN_HALVES.match(text, max(0, index - 4)):
            folded = "-"  # 6580一3349: an input method's 一 for a dash
        if not folded:
            continue
        if previous.isascii() and previous.isalnum() and unicodedata.combining(folded[0]):
            continue
        if previous and _needs_space(previous, folded[0]):
            pieces.append(" ")
            starts.append(index)
            ends.append(index)
        pieces.append(folded)
        starts.extend([index] * len(folded))
        ends.extend([index + 1] * len(folded))
        previous = folded[-1]
    return NormalizedText(text, "".join(pieces), tuple(starts), tuple(ends))


_IDEOGRAPHIC_RUN = re.compile("\u3000+")
# Digits and Chinese numerals only: a number's halves or its digits spaced one by one
# (５６１３　０２８９, 六三八一　四零七七), which _between_numbers judges.
_NUMERALS = "0-9０-９一二三四五六七八九零〇○"
_NUMERIC = re.compile(f"[{_NUMERALS} ]+")


_WORD = re.compile(r"\w+")
# Three numerals or more ending one cell and starting the next: a number read out in halves.
_NUMERAL_TAIL = re.compile(f"[{_NUMERALS}]{{3,}}$")
_NUMERAL_HEAD = re.compile(f"[{_NUMERALS}]{{3,}}")


def _spaced(words: list[list[str]], gap: int) -> bool:
    """Whether the gap after cell ``gap`` spaces out single characters: a word of one
    character on both sides (麥　根, 9　4　3), or one on its right that the next gap spaces
    out too (群主骆　海　燕)."""

    def single(cell: int, last: bool) -> bool:
        return cell < len(words) and bool(words[cell]) and len(words[cell][-1 if last else 0]) == 1

    right = single(gap + 1, last=False) and len(words[gap + 1]) == 1
    return right and (single(gap, last=True) or single(gap + 2, last=False))


def _cell_gaps(text: str) -> dict[int, str]:
    """The ideographic spaces that set a register's cells apart, each run folded to one tab.

    Chinese ledgers and registers are typed with ideographic spaces between cells, runs of
    them where a short cell is padded (``2　仝赟　　男　空腹血糖``); NFKC makes each a plain
    space, and the row reads as one sentence whose neighbouring cells run together. On a
    line with two runs or more (three cells), a run is a cell gap unless single characters
    stand either side of it, as in a name letter-spaced or padded to width (``麥　根``,
    ``文　浩　霖``) or digits spaced one by one, or numbers do (a phone's halves): those
    keep their spaces for the spaced-name and number rules.
    """
    gaps: dict[int, str] = {}
    line_start = 0
    for line in text.split("\n"):
        # Runs inside the line only: an indent or a trailing pad sets no cells apart.
        runs = [
            run for run in _IDEOGRAPHIC_RUN.finditer(line) if line[: run.start()].strip() and line[run.end() :].strip()
        ]
        if len(runs) >= 2:
            bounds = [0, *(edge for run in runs for edge in run.span()), len(line)]
            cells = [line[bounds[k] : bounds[k + 1]].strip(" \t\u3000") for k in range(0, len(bounds), 2)]
            words = [_WORD.findall(cell) for cell in cells]
            for k, run in enumerate(runs):
                if _spaced(words, k) or _NUMERIC.fullmatch("".join(words[k][-1:] + words[k + 1][:1]) or "x"):
                    continue
                if _NUMERAL_TAIL.search(cells[k]) and _NUMERAL_HEAD.match(cells[k + 1]):
                    continue  # 佢號碼係六三九一　七七四二: a number's halves at the end of a sentence's cell
                gaps[line_start + run.start()] = "\t"
                gaps.update((line_start + i, "") for i in range(run.start() + 1, run.end()))
        line_start += len(line) + 1
    return gaps


_DASH_BETWEEN_HALVES = re.compile(r"(?<!\d)\d{4}一\d{4}(?!\d)")
_DIGITS_BEFORE = re.compile(r"(\d+)\u3000*\Z")
_DIGITS_AFTER = re.compile(r"\u3000*(\+?)(\d+)([/:.-]?)")


def _between_numbers(text: str, index: int) -> bool:
    """Whether an ideographic space at ``index`` stands between two numbers as a table
    written in Chinese sets its cells apart (72　2565 3308, 1180　2026/06), not between a
    phone's two halves (9123　4567) or its digits spaced one by one."""
    before = _DIGITS_BEFORE.search(text, max(0, index - 12), index)
    after = _DIGITS_AFTER.match(text, index)
    if before is None or after is None:
        return False
    halves = len(before[1]) == 4 and not after[1] and len(after[2]) == 4 and not after[3]
    spaced = len(before[1]) == 1 and len(after[2]) == 1  # 9　4　3　1　7　2　0　8, one by one
    return not (halves or spaced)


# Enclosed numbers: circled ①-⑳ and ⓪, bracketed ⑴-⒇, with a full stop ⒈-⒛, negative ⓫-⓿.
_ENCLOSED_DIGIT = re.compile("[\u2460-\u249b\u24ea-\u24ff]")


def _list_marker(text: str, index: int) -> bool:
    """An enclosed number standing alone numbers a list (``④ 4650-7529-1703-4234``): NFKC
    would make it a digit glued to the number after it; so does one that numbers a label
    (``聯絡電話①：9042 6718``). A run of them spells a number (``⑨①②③``), and one right
    after a Latin letter or digit ends a code (``R540567⑼``): both fold to digits."""
    if not _ENCLOSED_DIGIT.match(text, index):
        return False
    before = text[index - 1] if index else ""
    if (before.isascii() and before.isalnum()) or _ENCLOSED_DIGIT.match(before):
        return False  # R540567⑼: the check digit of the number it ends
    return not _ENCLOSED_DIGIT.match(text, index + 1)


def _needs_space(before: str, after: str) -> bool:
    """A Chinese character meets an ASCII letter or digit, in either order."""
    if after.isascii():
        return after.isalnum() and _HAN.match(before) is not None
    return before.isascii() and before.isalnum() and _HAN.match(after) is not None


def _confusable_positions(text: str) -> set[int]:
    """Positions of look-alike letters inside a word that also has ASCII letters or
    digits; combining marks need no position (they are dropped after ASCII anyway)."""
    positions: set[int] = set()
    folded = text.translate(_CONFUSABLES)
    for match in _MIXED_WORD.finditer(folded):
        positions.update(i for i in range(match.start(), match.end()) if text[i] != folded[i])
    return positions


# A numeral standing apart at a run's end that begins the next word: the 一 of 一直 in
# 一五九 一八二六 七七零三 一直关机 ("always switched off").
_WORD_AT_RUN_END = re.compile(rf"[ \u3000，,、]+{_HAN_TOKEN}$")


def _word_trimmed(match: re.Match[str]) -> tuple[int, int]:
    start, end = match.span()
    tail = _WORD_AT_RUN_END.search(match[0])
    following = match.string[end : end + 1]
    if tail is not None and _HAN.match(following) and not re.match(_HAN_TOKEN, following):
        return start, start + tail.start()
    return start, end


def _letters_said(normalized: NormalizedText) -> NormalizedText:
    """A letter spelt out before dictated digits (``Y as in yellow, 6 1 4 4 0 2``, ``zed 4
    8 1``) written as the letter alone, so that an identity card's or a passport's pattern
    sees its prefix; the letter maps to the whole phrase it was said as."""
    text = normalized.text
    if _LETTER_SAID_HINT.search(text) is None:
        return normalized
    runs = [(m.start(), m.end(), _letter_said(m)) for m in _LETTER_SAID.finditer(text)]
    if "字" in text:
        runs += [(m.start(), m.end(), (m["head"] or m["named"]) + " ") for m in _LETTER_SAID_ZH.finditer(text)]
    return _replaced(normalized, sorted(runs)) if runs else normalized


def _letter_said(match: re.Match[str]) -> str:
    """What a spelt letter or a said "plus" stands for, as the identifier writes it."""
    if match["plus"]:
        return "+"
    return (match["letter"] or match["alone"] or "Z").upper() + " "


def _spell_out_digits(normalized: NormalizedText) -> NormalizedText:
    """``normalized`` with dictated digit runs rewritten as spaced ASCII digits."""
    text = normalized.text
    if _MAY_BE_SPELLED.search(text) is None and not says_tens(text):
        return normalized
    runs = [m.span() for m in _SPELLED_EN.finditer(text)] + [_word_trimmed(m) for m in _SPELLED_HAN.finditer(text)]
    runs += [m.span() for m in _SPELLED_HAN_LINES.finditer(text)]
    runs += [m.span() for m in _SPELLED_BILINGUAL.finditer(text) if _bilingual(m[0])]
    # (a check letter only after digits said in words: a mixed run's tokens are no words to
    # rewrite it with)
    runs = [_with_check_letter(text, *run) for run in runs]
    runs += [m.span() for m in _SPELLED_MIXED.finditer(text) if _mixed_run(m[0])]
    runs = _cued_if_paired(text, runs)
    if not runs:
        return normalized
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []

    def keep(start: int, end: int) -> None:
        pieces.append(text[start:end])
        for i in range(start, end):
            s, e = normalized.to_original(i, i + 1)
            starts.append(s)
            ends.append(e)

    def add(value: str, start: int, end: int) -> None:
        s, e = normalized.to_original(start, end)
        pieces.append(value)
        starts.extend([s] * len(value))
        ends.extend([e] * len(value))

    position = 0
    for run_start, run_end in sorted(runs, key=lambda run: (run[0], -run[1])):
        if run_start < position:
            continue
        keep(position, run_start)
        if pieces and _HAN.match(pieces[-1][-1:] or " "):
            add(" ", run_start, run_start)
        first = True
        mixed = any(c.isdigit() for c in text[run_start:run_end])
        if not mixed and _AFTER_NUMBER.search("".join(pieces[-2:])) and _whole_number(text[run_start:run_end]):
            # 華星廣場A座1106　一七七 六八一九 二零五三: a whole number in numerals after a flat's
            # digits is a number of its own; spaced digits would run on from the flat's.
            add("; ", run_start, run_start)
        tokens = list((_MIXED_TOKEN if mixed else _SPELLED_TOKEN).finditer(text, run_start, run_end))
        said = [_said(token) for token in tokens]
        gaps = [
            text[previous.end() : token.start()] for previous, token in zip([tokens[0], *tokens], tokens, strict=False)
        ]
        kept = kept_tokens(said, gaps)
        spoken = "".join(digits for digits, standing in zip(said, kept, strict=True) if standing)
        total, emitted, previous_end = (0 if mixed else len(spoken)), 0, run_start
        taken_back: int | None = None  # where digits taken back began: the next ones kept cover them
        for token, digits, standing in zip(tokens, said, kept, strict=True):
            if not standing:
                taken_back = token.start() if taken_back is None else taken_back
                continue
            # (the digits kept next cover those taken back: "seven seven - sorry, seven six"
            # is 7 6 over all of it)
            cover_from, taken_back = (token.start() if taken_back is None else taken_back), None
            if not first:
                # 六七三四，二零八五，六七三四二零八五: a number said, then said again, is
                # two numbers, cut at the comma where the first one's eight digits end.
                # A card's sixteen digits read in fours pass Luhn's check; two numbers seldom do.
                again = (
                    total >= 16
                    and emitted % 8 == 0
                    and not _card_digits(spoken)
                    and _SAID_AGAIN.search(text, previous_end, token.start())
                )
                add("; " if again else " ", token.start(), token.start())
            first = False
            previous_end = token.end()
            emitted += len(digits)
            if mixed and token["digits"]:
                for offset, char in enumerate(token["digits"]):
                    if offset:
                        add(" ", token.start() + offset, token.start() + offset)
                    add(char, token.start() + offset, token.start() + offset + 1)
                continue
            if not mixed and token["bracket"]:
                add("(", *token.span())
                continue
            if not mixed and token["check"]:
                add("A", *token.span())
                continue
            add(" ".join(digits), cover_from, token.end())
        if run_end < len(text) and _HAN.match(text[run_end]):
            add(" ", run_end, run_end)
        position = run_end
    keep(position, len(text))
    original = normalized.original
    return NormalizedText(original, "".join(pieces), tuple(starts), tuple(ends))


_AFTER_NUMBER = re.compile(r"\d[ \t]+$")
_EN_NUMBER_WORD = re.compile(rf"(?<![A-Za-z]){EN_NUMBER}", re.IGNORECASE)
# What a number said in pairs is said after: a question or a label for one.
_NUMBER_CUE = re.compile(
    r"(?i:\b(?:numbers?|no\.|mobile|cell|phones?|tel|call|reach|contact|whats?app|fax|cards?|hkid|id|"
    r"passport|account|acct|digits|read\s+(?:it\s+)?back))|電話|号码|號碼|手機|手机|卡號|卡号|身份證|身份证|聯絡|联系"
)
_CUE_REACH = 80


def _cued_if_paired(text: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The runs, less those that say digits in pairs ("sixty-five, seventy, seventy-five,
    eighty") with no word for a number in the 80 characters before and no number dictated
    just before: prose counts in tens far more often than it reads numbers out in them."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(runs):
        if _EN_NUMBER_WORD.search(text, start, end) is None or _card_digits(_digits_said(text, start, end)):
            kept.append((start, end))
            continue
        after_another = any(0 <= start - other_end <= _CUE_REACH for _, other_end in kept)
        if after_another or _NUMBER_CUE.search(text, max(0, start - _CUE_REACH), start):
            kept.append((start, end))
    return kept


_HAN_NUMERAL_CHAR = re.compile(_HAN_NUMERAL)
_EN_DIGIT_WORD = re.compile(rf"(?<![A-Za-z])(?:{_EN_DIGIT}|(?:double|triple)(?![A-Za-z]))", re.IGNORECASE)
_SAID_AGAIN = re.compile("[，,、]")


def _digits_said(text: str, start: int, end: int) -> str:
    """The digits a run of digit and tens words says, corrections left in."""
    return "".join(_said(token) for token in _SPELLED_TOKEN.finditer(text, start, end))


def _said(token: re.Match[str]) -> str:
    """The digits a digit word or a tens word says, as many times as "double" or "triple"
    asks ("" for a token that says none: a bracket, a check letter, digits written)."""
    if token["number"]:
        return number_digits(token["number"])
    if not token["word"]:
        return ""
    digit = _WORD_DIGITS.get(token["word"].lower()) or HAN_DIGITS[token["word"]]
    return digit * _TIMES.get((token["times"] or "").lower(), 1)


def _card_digits(digits: str) -> bool:
    """Whether ``digits`` are a payment card's: 15 or 16 of them passing Luhn's check."""
    return len(digits) in (15, 16) and digits[0] in "3456" and luhn_valid(digits)


def luhn_valid(digits: str) -> bool:
    """Luhn's check over a run of ASCII digits (cards; the corpus builder checks its
    planted cards with it too)."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _bilingual(run: str) -> bool:
    """Whether a run says its digits in both English words and Chinese numerals (a run in
    one language alone is the other patterns' to find); "double" counts as English."""
    return _HAN_NUMERAL_CHAR.search(run) is not None and _EN_DIGIT_WORD.search(run) is not None


def _with_check_letter(text: str, start: int, end: int) -> tuple[int, int]:
    """A dictated run carried on over a spoken bracket and the check letter A after it."""
    tail = _CHECK_LETTER_TAIL.match(text, end)
    return (start, tail.end()) if tail else (start, end)


def _whole_number(run: str) -> bool:
    """Whether a run of Chinese numerals holds a whole phone number (eight digits or more)."""
    return sum(1 for c in run if c in HAN_DIGITS) >= 8


def _mixed_run(run: str) -> bool:
    """Whether a run of digit words and digit groups is a dictated number: two or more
    words, one or more groups, seven or more digits in all; or one word among four or more
    groups making eight digits, a Hong Kong phone's."""
    words = groups = spoken = written = 0
    for token in _MIXED_TOKEN.finditer(run):
        if token["digits"]:
            groups += 1
            written += len(token["digits"])
        else:
            words += 1
            spoken += len(_said(token))
    if spoken >= 7 and written >= 7:
        return False  # a number said and then written: nine-one-three-four, two-two-eight-zero (9134 2280)
    if words == 1:
        # one word among digits written one by one: a phone's eight (9 one 4 4 - 2 6 0 7)
        return groups >= 4 and spoken + written == 8
    return words >= 2 and groups >= 1 and spoken + written >= 7
