"""An address written after a label that says it is one, in any country's shape.

The address patterns know Hong Kong's flats, floors, estates and streets and a few
foreign shapes; forms, KYC tickets and HR records also carry addresses from everywhere
(``Permanent address: 3-5-1 Nishi-Shinjuku, Shinjuku-ku, Tokyo 160-0023, Japan``,
``Address (Nepal): Ward No. 4, Pokhara-8, Kaski``). Where a label names the field an
address (``Address:``, ``Home address:``, ``Residential Address:``), its value to the
end of the line (or on the lines under an empty label, as envelopes and letters put
it) is the address, whatever its shape: if it has a number or several comma-separated
parts, and is not an e-mail, web or network address, nor "same as above".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrail.pii.recognizers.columns import column_header
from guardrail.text.start_gate import gate

_LABEL = gate(
    re.compile(
        r"(?im)(?<![A-Za-z])(?P<kind>(?:e-?mail|ip|mac|web|wallet|url|server|return|ipv[46]|bitcoin|btc|eth|sender'?s?"
        r"|contract|deposit)[ \t]+)?"
        r"(?:(?:home|permanent|residential|current|correspondence|mailing|postal|billing|delivery|shipping|overseas"
        r"|local|hk|home[ \t]+country|registered|business|office|previous|new|old)[ \t]+)?"
        r"(?:address(?:[ \t]+(?:in|at)[ \t]+[A-Za-z]{2,20})?(?:[ \t]+line[ \t]*\d)?(?:[ \t]*\([^)\n]{1,30}\))?"
        # or what the address is for (Her Paris address for police memo:), or a home named so
        # in a sentence or a log (courier it to my home:, Home :)
        # (home alone only opening a line: Meds to take home:, Care home: are no one's)
        r"(?:[ \t]+for[ \t]+[A-Za-z]+(?:[ \t]+[A-Za-z]+){0,2})?|(?P<home>(?<![A-Za-z-])(?:my|his|her|their|our)[ \t]+home"
        r"|(?<![^\n])[ \t]*home))"
        # a colon, or a form's dot leaders (address (line 2) . Hoi Tak House, district ....... Sham Shui Po)
        r"(?:[ \t]*[:：]|[ \t]+\.+(?=[ \t])|\.{2,})[ \t]*"
    )
)
# A continuation's label under an address: its district or area.
_DISTRICT_LABEL = re.compile(
    r"(?i)[ \t]*(?:district|area|region|地區|地区|區域|区域)(?:[ \t]*[:：]|[ \t]+\.+(?=[ \t])|\.{2,})[ \t]*"
)
# A building's or an estate's word: an address's line with no number (Hoi Tak House, Hoi Lai Estate).
_BUILDING_WORD = re.compile(
    r"(?i)\b(?:house|estate|court|building|bldg|mansion|mansions|garden|gardens|villa|villas|tower|block|centre|center"
    r"|terrace|heights|lodge|chuen)\b|[邨苑樓楼閣阁]"
)
_NEXT_FIELD = re.compile(r"[ \t]{2,}[A-Z][A-Za-z /.()-]{1,30}[:：]|[ \t]*\|")
_NOT_ADDRESS = re.compile(
    r"(?i)^(?:n/?a|nil|none|tbc|tba|same as above|as above|see (?:above|attached|below)|unknown|withheld"
    r"|not (?:provided|given|known)|-+|—)\b"
)
_EMAIL_OR_URL = re.compile(
    r"@|https?://|www\.|\b\d{1,3}(?:\.\d{1,3}){3}\b|(?:[0-9a-f]{2}[:-]){5}[0-9a-f]{2}", re.IGNORECASE
)
_MAX = 200
# A new sentence after the address (. I will, . If easier): a stop, then a capitalised word
# and a lower-case one; St. Mary Street and ul. Kwiatowa go on.
_SENTENCE_END = re.compile(r"[.!?][ \t]+(?=[A-Z][a-z]*[ \t]+[a-z])")
# A care home, hostel or hospital named first: the institution, where "Home:" labels one.
_INSTITUTION_FIRST = re.compile(
    r"(?i)[^,\n]*\b(?:home|hostel|hospital|centre|center|hall|house|lodge|residence)\b[ \t]*(?:,|$)"
)
# A value that opens with a phone number's digits.
_PHONE_FIRST = re.compile(r"[+(]?\d[\d \t()-]{6,}(?:$|[ \t]*[(（,]|[ \t]+[a-z])")
# A list item, check box or quoted line under the label starts something else.
_NOT_ADDRESS_LINE = re.compile(r"[ \t]*(?:\[|[-*•#>]|\d{1,2}[.)][ \t])")


def labelled_addresses(text: str) -> Iterator[tuple[int, int]]:
    """Spans of address values after an address label in ``text``."""
    for label in _LABEL.finditer(text):
        if label["kind"]:
            continue  # E-mail address:, IP address: another kind of address
        start = label.end()
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        if start == line_end:
            span = _lines_under(text, line_end + 1)
        else:
            stop = _NEXT_FIELD.search(text, start, line_end)
            span = (start, stop.start() if stop else line_end)
        if span is None:
            continue
        begin, end = span
        while end > begin and text[end - 1] in " \t,.;\"'”":
            end -= 1
        while begin < end and text[begin] in " \t\"'“":
            begin += 1
        sentence_end = _SENTENCE_END.search(text, begin, end)
        if sentence_end is not None:
            end = sentence_end.start()  # ... Kraków, Poland. I will pay the fee: the sentence goes on
        value = text[begin:end]
        if not (8 <= len(value) <= _MAX) or _NOT_ADDRESS.match(value) or _EMAIL_OR_URL.search(value):
            continue
        if label["home"] and (_PHONE_FIRST.match(value) or _INSTITUTION_FIRST.match(value)):
            continue  # Home: 2345 6789, a phone's label; Home: Evergreen Care Home, a care home's
        if not re.search(r"\d", value) and value.count(",") < 2 and not _BUILDING_WORD.search(value):
            continue
        yield begin, end
        district = _district_after(text, end)
        if district is not None:
            yield district


def _district_after(text: str, end: int) -> tuple[int, int] | None:
    """The value of a district's field on the line right after an address's."""
    next_line = text.find("\n", end)
    if next_line < 0:
        return None
    label = _DISTRICT_LABEL.match(text, next_line + 1)
    if label is None:
        return None
    line_end = text.find("\n", label.end())
    line_end = len(text) if line_end < 0 else line_end
    value = text[label.end() : line_end].rstrip(" \t,.")
    return (label.end(), label.end() + len(value)) if 2 <= len(value) <= 40 else None


def _lines_under(text: str, start: int) -> tuple[int, int] | None:
    """Up to four lines under an empty label, to a blank line or the next label."""
    end = start
    for _ in range(4):
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        line = text[end:line_end]
        if not line.strip() or re.search(r"[:：]", line) or _NOT_ADDRESS_LINE.match(line) or len(line.strip()) > 80:
            break
        end = line_end
        if line_end >= len(text):
            break
        end = line_end + 1
    end = text.rfind("\n", start, end) if text[end - 1 : end] == "\n" else end
    return (start, end) if end > start else None


# A register's column of homes by their flat (房号 12-2-101, 門牌 3座1502, Flat 12B): in a
# table about one building or estate, the flat is where its owner or tenant lives.
_UNIT_HEADER = re.compile(
    r"(?i)^[ \t]*(?:房[号號]|房屋[号號]|門牌(?:[号號])?|门牌(?:[号號])?|[户戶][号號]|室[号號]|flat(?:[ \t]*no\.?)?)[ \t]*$"
)
# (such a header as a cell of its own: between separators or a line's ends)
_UNIT_HEADER_CELL = re.compile(
    r"(?im)(?:^|[|,\t])[ \t]*(?:房[号號]|房屋[号號]|門牌(?:[号號])?|门牌(?:[号號])?|[户戶][号號]|室[号號]|flat(?:[ \t]*no\.?)?)"
    r"[ \t]*(?=[|,\t]|$)"
)
_UNIT_VALUE = re.compile(
    r"[ \t]*(\d{1,3}(?:[-－]\d{1,3}){1,2}|\d{1,3}[ \t]?[栋棟幢座][ \t]?(?:\d{1,2}[ \t]?单元|\d{1,2}[ \t]?單元)?[ \t]?\d{3,4}[ \t]?[室房]?"
    r"|\d{1,2}[A-H]|\d{3,4}[ \t]?[室房]?)[ \t]*(?=[|,\t\n]|$)",
    re.MULTILINE,
)


def unit_columns(text: str) -> Iterator[tuple[int, int]]:
    """Flats in a table column headed 房号, 門牌 or Flat."""
    if ("|" not in text and "\t" not in text and "," not in text) or _UNIT_HEADER_CELL.search(text) is None:
        return  # (a cheap look for a header first: the values' pattern is a scan of every number)
    for match in _UNIT_VALUE.finditer(text):
        start = match.start(1)
        if start and text[start - 1] not in "|,\t \n":
            continue
        header = column_header(text, start)
        if header is not None and _UNIT_HEADER.match(header):
            yield match.span(1)


# A mainland home by its building, unit and room, as group chats and sign-up lists write
# it (接龙: "3. 小鱼儿 9-1101", display names "12-1703 王姐", 东区3-1502): the room's last two
# digits number a flat on its floor (01-12), which keeps scores, times and most codes out.
# (The text is read normalised: a full-width colon as ":", a space between digits and 室.)
_ROOM_NUMBER = re.compile(
    r"(?<![A-Za-z0-9.\-/#])(?:[东西南北中東][区區][ \t]?|[A-Z][区區][ \t]?)?"
    r"(?P<building>\d{1,2})-(?:(?P<unit>\d{1,2})-)?(?P<room>[1-9]\d?0[1-9]|[1-9]\d?1[0-2]|0\d0[1-9])"
    r"(?:[ ]?[室号號](?![A-Za-z0-9]))?(?![A-Za-z0-9\-/.]|:\d)"
)
# A parcel station's pickup codes (取件码 3-2-1047) have the same shape: a text about a
# station's codes is left alone, and so is a number a code word comes just before.
_PICKUP_CODES = re.compile(r"驿站|驛站|取件[码碼]|取货[码碼]|取貨碼|提货[码碼]")
_CODE_BEFORE = re.compile(r"[码碼][^\n]{0,8}$")
_HAN_TEXT = re.compile(r"[\u4e00-\u9fff]")


# A neighbour naming their own flat by floor and letter, as a building's caretaker hears
# it: 我係七樓A 陳太, 我係十五樓B新搬入嚟嘅, 我住3樓C. After "I am" or "I live", the
# floor and letter are the speaker's home, not a mall's floor.
_OWN_FLAT = re.compile(
    r"(?:我係|我系|我是|我喺|我住|住喺|住在|屋企喺)[ \t]?"
    r"(?P<flat>(?:[一二三四五六七八九十]{1,3}|\d{1,2})[ \t]?[樓楼][ \t]?[A-H](?:[ \t]?[室座])?)(?![A-Za-z0-9])"
)


def own_flats(text: str) -> Iterator[tuple[int, int]]:
    """A flat by its floor and letter right after the speaker says it is theirs, and the
    same flat wherever else the text names it (七樓A嗰位太太)."""
    if "樓" not in text and "楼" not in text:
        return
    flats = {match["flat"] for match in _OWN_FLAT.finditer(text)}
    for flat in flats:
        for match in re.finditer(rf"(?<![0-9一二三四五六七八九十]){re.escape(flat)}(?![A-Za-z0-9])", text):
            yield match.span()


def room_numbers(text: str) -> Iterator[tuple[int, int]]:
    """Homes written as building-unit-room numbers in Chinese text (not a day, month and
    year, and not where a parcel station's pickup codes are about)."""
    if "-" not in text or _HAN_TEXT.search(text) is None or _PICKUP_CODES.search(text) is not None:
        return
    for match in _ROOM_NUMBER.finditer(text):
        building, unit, room = match["building"], match["unit"], match["room"]
        if unit is not None and room[:2] in ("19", "20") and int(building) <= 31 and int(unit) <= 12:
            continue  # 27-07-2001: a date
        if _CODE_BEFORE.search(text, max(0, match.start() - 10), match.start()):
            continue  # 她的码是 3-2-1074
        yield match.span()
