"""How people say numbers aloud, beyond one digit per word: tens and teens, and corrections.

Callers read a phone number in pairs (``ninety-one twenty-three, fifty-five eighty``), a
card in pairs and fours (``forty-five thirty-nine, twenty fifty-one``), and correct
themselves halfway (``five one seven eight - no, five one eight seven``, 「幺三九，幺零二四，
七七…啊不对，七七六八」, 「九零…唔好意思，六零七二」). The normaliser rewrites dictated
digits as digits (:mod:`guardrail.text.normalize`); this module tells it what a tens word
says and which of the digits said were taken back, so the digits it writes are the number
the caller meant and its span still covers everything they said.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# A digit said as a word, and as a Chinese numeral. Public: the normaliser spells dictated
# digits with them, and redaction scoring reads digits back the same way.
DIGIT_WORDS = {
    "zero": "0",
    "oh": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}
HAN_DIGITS = {
    "零": "0",
    "〇": "0",
    "○": "0",  # the white circle handwriting and input methods put for 〇
    "洞": "0",  # as radio and Cantonese read a 0 out in a number (二七二九，洞八五一), only inside a run of six
    "拐": "7",  # as radio and the army read 7 and 9 out (六四两五 拐洞勾三), only inside a run of six
    "勾": "9",
    "幺": "1",
    "么": "1",
    "一": "1",
    "二": "2",
    "兩": "2",  # as Mandarin reads a 2 aloud in a number (幺三八 两两...), only inside a run of six
    "两": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
}
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TENS = {
    "twenty": 2,
    "thirty": 3,
    "forty": 4,
    "fourty": 4,
    "fifty": 5,
    "sixty": 6,
    "seventy": 7,
    "eighty": 8,
    "ninety": 9,
}
_TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
# A two-digit number said as one: "ninety-one", "seventy", "eighteen" ("ten" alone is left
# a word: "ten" in a run of digits is rarer than the word in prose).
EN_NUMBER = (
    rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_UNITS)})(?![A-Za-z]))?"
    rf"|(?:{'|'.join(name for name in _TEENS if name != 'ten')}))(?![A-Za-z])"
)
_NUMBER_PARTS = re.compile(r"([a-z]+)(?:[- ]([a-z]+))?")

# Words that take back what was just said: "- sorry,", "- no wait -", 「…啊不对，」, 「唔係，」.
_EN_TAKEN_BACK = r"(?:sorry|no[ ]wait|no|wait|I[ ]mean|correction|scratch[ ]that)"
EN_CORRECTION_GAP = rf"(?:[ ]?(?:[-—–,]|…|\.\.\.)?[ ]?{_EN_TAKEN_BACK}[ ]?[-—–,]?[ ])"
_HAN_TAKEN_BACK = (
    r"(?:[啊呃]?(?:不对|不對|唔係|唔系|唔好意思|对不起|對不起|對唔住|讲错|講錯|说错|說錯|搞错|搞錯|sorry)了?)"
)
HAN_CORRECTION_GAP = rf"(?:[ \u3000]?(?:…|\.{{2,3}}|[，,、])?[ \u3000]?{_HAN_TAKEN_BACK}[，,、…]{{0,2}}[ \u3000]?)"
_CORRECTION = re.compile(rf"(?i:{_EN_TAKEN_BACK})|{_HAN_TAKEN_BACK}")
_GROUP_BREAK = re.compile(r"[，,、;；\n]|…|\.\.|[ ][-—–][ ]")
# A pause: an ellipsis, or a filler word said between digits.
EN_FILLER = r"(?:uh|um|er|erm)"
_HESITATION = re.compile(rf"…|\.\.|(?<![A-Za-z]){EN_FILLER}(?![A-Za-z])", re.IGNORECASE)


def says_tens(text: str) -> bool:
    """Whether ``text`` may say a number in tens: a substring test, cheaper than any
    pattern over every text."""
    lower = text.lower()
    return any(word in lower for word in _TENS_WORDS)


_TENS_WORDS = (*_TENS, "teen", "eleven", "twelve")


def number_digits(said: str) -> str:
    """The two digits a tens or teens word says: "ninety-one" is 91, "seventy" 70."""
    word = said.lower()
    if word in _TEENS:
        return str(_TEENS[word])
    parts = _NUMBER_PARTS.fullmatch(word)
    if parts is None or parts[1] not in _TENS or (parts[2] is not None and parts[2] not in _UNITS):
        raise ValueError(f"not a number word: {said!r}")
    return f"{_TENS[parts[1]]}{_UNITS.get(parts[2] or '', 0)}"


def kept_tokens(said: Sequence[str], gaps: Sequence[str]) -> list[bool]:
    """Which of a dictated run's tokens stand, given the digits each says and the text
    before each (``gaps[0]`` is unused).

    A correction takes back the group said just before it (``seven seven - sorry, seven
    six``), or the whole number when what follows starts the number again (``one nine
    three, oh five eight - no wait - one nine three oh five eight``); a hesitation followed
    by the same digits again (「六四零…六四零二三五」) takes back the group it repeats.
    """
    kept = [True] * len(said)
    group: list[int] = []
    for index, gap in enumerate(gaps):
        if index and _CORRECTION.search(gap):
            _take_back(kept, group, said, index)
            group = []
        elif index and _HESITATION.search(gap) and group:
            repeated = "".join(said[i] for i in group)
            if len(repeated) >= 2 and "".join(said[index:]).startswith(repeated):
                for i in group:
                    kept[i] = False
            group = []
        elif index and _GROUP_BREAK.search(gap):
            group = []
        if said[index]:
            group.append(index)
    return kept


def _take_back(kept: list[bool], group: list[int], said: Sequence[str], index: int) -> None:
    """Drop what a correction at ``index`` takes back: the whole number said so far when
    what follows begins with its first three digits, else the group just said."""
    before = "".join(digits for digits, standing in zip(said[:index], kept[:index], strict=True) if standing)
    after = "".join(said[index:])
    if len(before) >= 3 and after.startswith(before[:3]):
        for i in range(index):
            kept[i] = False
        return
    for i in group:
        kept[i] = False


# An IPv4 address read out: four numbers said digit by digit or as tens ("one eight five dot
# two two oh dot one oh one dot seven", "one ninety-two dot ..."), or in Chinese numerals,
# tens spoken as tens too (「幺九八 点 五幺 点 幺零零 点 二十三」).
_EN_IP_DIGIT = rf"(?:{'|'.join(DIGIT_WORDS)})(?![A-Za-z])"
_EN_IP_PART = rf"(?:{EN_NUMBER}|{_EN_IP_DIGIT})"
_EN_IP_GROUP = rf"{_EN_IP_PART}(?:[ -]{_EN_IP_PART}){{0,2}}"
_EN_IP = re.compile(
    rf"(?<![A-Za-z]){_EN_IP_GROUP}(?:,?[ ]dot[ ]{_EN_IP_GROUP}){{3}}(?![A-Za-z]|[ -]{_EN_IP_PART})", re.IGNORECASE
)
# (not the numerals only a long run reads as digits, 拐 and 勾, nor 么 and ○)
_HAN_IP_DIGITS = {numeral: HAN_DIGITS[numeral] for numeral in "零〇洞幺一二两兩三四五六七八九"}
_HAN_IP_NUMERAL = f"[{''.join(_HAN_IP_DIGITS)}]"
_HAN_IP_GROUP = rf"(?:{_HAN_IP_NUMERAL}?十{_HAN_IP_NUMERAL}?|{_HAN_IP_NUMERAL}{{1,3}})"
_HAN_IP = re.compile(
    rf"(?<![十{''.join(_HAN_IP_DIGITS)}]){_HAN_IP_GROUP}(?:[ \u3000]?[点點][ \u3000]?{_HAN_IP_GROUP}){{3}}"
    rf"(?![十{''.join(_HAN_IP_DIGITS)}])"
)
_EN_IP_TOKEN = re.compile(rf"{EN_NUMBER}|{_EN_IP_DIGIT}", re.IGNORECASE)


def spoken_ips(text: str) -> list[tuple[int, int, str]]:
    """Each IPv4 address read out in ``text``: its span and the address written
    (``185.220.101.7``), when all four of its numbers are 0-255."""
    found: list[tuple[int, int, str]] = []
    if " dot " in text.lower():
        for match in _EN_IP.finditer(text):
            groups = re.split(r",?[ ]dot[ ]", match[0], flags=re.IGNORECASE)
            numbers = ["".join(_en_digits(token[0]) for token in _EN_IP_TOKEN.finditer(group)) for group in groups]
            found += _address(match, numbers)
    if "点" in text or "點" in text:
        for match in _HAN_IP.finditer(text):
            groups = re.split(r"[ \u3000]?[点點][ \u3000]?", match[0])
            found += _address(match, [_han_number(group) for group in groups])
    return found


def _en_digits(token: str) -> str:
    """The digits a digit word or a tens word says."""
    return DIGIT_WORDS.get(token.lower()) or number_digits(token)


def _han_number(group: str) -> str:
    """A group's number: numerals digit by digit, or tens as said (二十三 is 23, 十四 14)."""
    if "十" not in group:
        return "".join(_HAN_IP_DIGITS[c] for c in group)
    tens, _, units = group.partition("十")
    return str(int(_HAN_IP_DIGITS.get(tens, "1")) * 10 + int(_HAN_IP_DIGITS.get(units, "0")))


def _address(match: re.Match[str], numbers: list[str]) -> list[tuple[int, int, str]]:
    """The address four numbers make, if each is 0-255 and seven digits or more were said
    (a version "one dot two dot three dot four" is no address)."""
    if sum(map(len, numbers)) >= 7 and all(1 <= len(number) <= 3 and int(number) <= 255 for number in numbers):
        return [(match.start(), match.end(), ".".join(str(int(number)) for number in numbers))]
    return []
