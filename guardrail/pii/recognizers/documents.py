"""Passports (Hong Kong's and others') and Business Registration numbers.

A HKSAR passport is a K or H and eight digits and stands on its own. Other countries
write theirs in many shapes: mainland China E or G and eight digits or EA-EH and seven,
the Philippines P, seven digits and a letter, Indonesia, India and Vietnam a letter and
seven digits, the UK, US and Russia nine digits, Germany nine letters and digits. Any of
these shapes counts next to a word that says passport (passport, 護照, 护照, travel
document, 證件號碼), also when spaced character by character as forms and transcripts
write it or broken over a line by a scan; and a machine-readable zone line gives the
number in its first field.
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
from guardrail.text.start_gate import gate

_PASSPORT = re.compile(
    # (Not the tail of a hyphenated reference: HTL-CN-88172235.)
    # (Nor a possessive's s: it's 9031 7742; a quote that opens a value may stand before: 'E12345678'.)
    r"(?<![A-Za-z0-9])(?<![A-Za-z0-9]-)(?<![A-Za-z0-9]['’])("
    # E12345678, EC2281934, P2209374B, C 7 2 1 0 4 5 8, E A 1 2 3 4 5 6 7, p1234567a
    r"[A-Za-z](?:[ \t]?[A-Za-z])?(?:[ \t]?\d){7,8}(?:[ \t]?[A-Z]|[a-z])?"
    r"|\d{8,9}"  # UK, US, Russia (9), others (8)
    r"|[HM]\d{10}"  # Home Return Permit with its issue count
    r"|(?=[A-Z0-9]{9}(?![A-Za-z0-9]))(?=(?:[A-Z]*\d){5})[A-Z][A-Z0-9]{8}"  # C01X00T47
    # (Nor the head of one: SZ20261203-0418.)
    r")(?![A-Za-z0-9])(?!-\d)(?![ \t]?[(（][ \t]?[0-9A][ \t]?[)）])"
)
# Searched only in a text with a passport word, as they count only next to one: other
# countries' mixes of letters and digits (19AV32817, HL447209, C8LTN0R25), digits in
# groups (75 4102 883) or one by one, letters and digits broken over a line (PX⏎8820941).
# A cheap first look for a passport word, on the lower-cased text.
_PASSPORT_GATE = (
    "pass",
    "bno",
    "bn(o)",
    "paspor",
    "travel",
    "document n",
    "pp no",
    "pp#",
    "pp #",
    "ppno",
    "pp:",
    "pp：",
    "pp ",  # (a crew list's column: UKR   PP FK418702; the context pattern wants a number's shape after it)
    "ppt",
    "護",
    "护",
    "證",
    "证",
    "通行",
    "doc",
    "permit",
)
_PASSPORT_WIDER = re.compile(
    r"(?<![A-Za-z0-9])(?<![A-Za-z0-9]-)("
    # No country's passport starts with four letters (Spain's with three); a file or bag
    # reference does (HKGKA10442).
    r"(?=[A-Za-z0-9]{7,10}(?![A-Za-z0-9]))(?![A-Za-z]{4})(?=(?:[A-Za-z]*\d){4})(?=\d*[A-Za-z])[A-Za-z0-9]{7,10}"
    # letters and digits spaced one by one: C 0 1 X 0 0 T 4 7
    r"|(?=(?:[A-Za-z0-9][ \t]){6,9}[A-Za-z0-9](?![A-Za-z0-9]))(?=(?:[A-Za-z \t]*\d){4})(?=[\d \t]*[A-Za-z])"
    r"[A-Za-z0-9](?:[ \t][A-Za-z0-9]){6,9}"
    r"|\d{2,4}(?:[ \t]\d{2,5}){1,3}(?:[ \t]\d)?"  # and a US passport's 4 + 4 + 1: 5629 1048 3
    r"|\d(?:[ \t]\d){7,8}"  # read out or typed digit by digit: 1 2 8 8 4 0 9 7 3
    r"|[A-Z]{3}[ \t]\d{6}"  # Spain's, its letters apart: PAB 904113
    r"|[A-Za-z]{1,2}[ \t]\d{6,8}"  # the letters apart from the digits: GA 302718, ak 482915
    r"|[A-Z]{1,2}[ \t]?\d{3}[ \t]\d{3,5}"  # and the digits in groups too: GB 418 207
    r"|[A-Z]{1,2}\n\d{6,8}"
    r")(?![A-Za-z0-9])(?![ \t]?[(（][ \t]?[0-9A][ \t]?[)）])"
)
# A number a scan or a narrow column broke over a line (P4418⏎027B, 7604⏎19382, GK 418⏎302,
# indented under its label): neither half is a passport alone; joined, they take a
# passport's shape (_broken_shape). Only right after a passport word, or when the joined
# number is a passport the text has given whole.
_PASSPORT_BROKEN = re.compile(
    r"(?<![A-Za-z0-9])((?:[A-Za-z]{1,2}[ \t]?)?\d{2,6}[ \t]*\n[ \t]*\d{2,7}[A-Za-z]?)(?![A-Za-z0-9])(?![ \t]?[(（][ \t]?[0-9A][ \t]?[)）])"
)
_PHONE_WORD = re.compile(r"(?i)\btel\b|phone|hotline|\bfax\b|mobile|電話|电话|熱線|热线|手機|手机")
# The document-number field of a passport's machine-readable zone (line 2):
# number, check digit, nationality, birth date.
_MRZ = re.compile(r"(?m)^([A-Z0-9]{6,9})<{0,3}\d[A-Z<]{3}\d{6}\d[MF<]")
# A nationality right before a number, as manifests and rooming lists write it: an ISO
# country code or a nationality word.
_ISO2 = r"IN|ID|PH|KR|JP|TH|VN|MY|SG|NP|PK|LK|BD|GB|UK|US|CA|AU|NZ|DE|FR|ES|IT|NL|CN|TW|MO"
_ISO3 = (
    r"IND|IDN|PHL|KOR|JPN|THA|VNM|MYS|SGP|NPL|PAK|LKA|BGD|GBR|USA|CAN|AUS|NZL|DEU|FRA|ESP|ITA|NLD|CHN|TWN|MAC"
    r"|UKR|RUS|SWE|NOR|DNK|FIN|POL|IRL|CHE|AUT|BEL|PRT|TUR|MMR|KHM|LAO|BRA|MEX|ZAF|EGY|NGA|KEN|MNG|BRN"
)
_NATIONALITY_WORDS = (
    r"Indian|Indonesian|Filipino|Philippine|Korean|Japanese|Thai|Vietnamese|Malaysian|Singaporean|Nepali"
    r"|Nepalese|Pakistani|Sri Lankan|Bangladeshi|British|American|Canadian|Australian|German|French|Spanish"
    r"|Italian|Dutch|Chinese|PRC|Swedish|Norwegian|Danish|Finnish|Polish|Irish|Swiss|Austrian|Belgian"
    r"|Portuguese|Turkish|Ukrainian|Russian|Myanmar|Burmese|Cambodian|Lao|Brazilian|Mexican|South African"
    r"|Egyptian|Nigerian|Kenyan|Mongolian|Bruneian|New Zealander"
)
_NATIONALITY_BEFORE = re.compile(
    rf"(?:(?<![A-Za-z])(?:{_ISO2}|{_ISO3})|{_NATIONALITY_WORDS})(?:[ \t]+national)?[ \t]*[:：,|]?[ \t]*$"
)
# Any passport shape right after a three-letter code or a nationality word (UKR  FB318204,
# British, 533019276; German national, c9f4l7m2x), searched wherever one is written.
_AFTER_NATIONALITY = gate(
    re.compile(
        rf"(?:(?<![A-Za-z])(?:{_ISO3})(?![A-Za-z])|\b(?:{_NATIONALITY_WORDS})(?:[ \t]+national)?)[ \t]*[:：,|]?[ \t]*"
        r"(?:(?:pp|ppt|passport)(?:[ \t]*(?:no\.?|#))?[ \t]*[:：]?[ \t]*)?"
        r"((?=[A-Za-z0-9]{7,9}(?![A-Za-z0-9]))(?![A-Za-z]{3})(?=(?:[A-Za-z]*\d){4})[A-Za-z0-9]{7,9}"
        r"|[A-Za-z]{1,2}[ \t]\d{7})(?![A-Za-z0-9])(?![ \t]?[(（][ \t]?[0-9A][ \t]?[)）])"
    )
)
# A table cell that gives a country code and then the number (| ES PAB 904113 |, a manifest
# or rooming list pasted with pipes or tabs): letters then digits, as passports are shaped.
_ISO2_CELL = re.compile(
    rf"(?:^|[|\t])[ \t]*(?:{_ISO2})[ \t]+([A-Z]{{1,3}}[ \t]?\d{{6,8}}[A-Z]?)(?![A-Za-z0-9])[ \t]*(?=[|\t]|$)",
    re.MULTILINE,
)
# Or the number then its country code in the next cell, as a spreadsheet pastes a row
# ("Müller, Jonas",c4j7r2k91,DEU,+49 ...).
_BEFORE_NATIONALITY = re.compile(
    r"(?<![A-Za-z0-9])((?=[A-Za-z0-9]{7,9}(?![A-Za-z0-9]))(?![A-Za-z]{3})(?=(?:[A-Za-z]*\d){4})[A-Za-z0-9]{7,9})"
    rf"[ \t]*[,|\t][ \t]*\"?(?:{_ISO3})\"?[ \t]*(?=[,|\t]|$)",
    re.MULTILINE,
)
# Or the number then its nationality in brackets, in prose that spoke of a passport just
# before (My passport number ... to match the booking: C4K7M92F1 (German).).
_NATIONALITY_BRACKETED = re.compile(
    r"(?<![A-Za-z0-9])((?=[A-Za-z0-9]{7,9}(?![A-Za-z0-9]))(?![A-Za-z]{3})(?=(?:[A-Za-z]*\d){4})[A-Za-z0-9]{7,9})"
    rf"[ \t]*[(（][ \t]*(?:{_ISO3}|{_NATIONALITY_WORDS})(?:[ \t]+passport)?[ \t]*[)）]"
)
_BRACKETED_REACH = 200  # characters before the number a passport word may stand
# A nationality word that opens a line's mention of travellers, their names between it and
# a number of passport shape (Canadian couple joining: Mathieu Roy GK482913).
_NATIONALITY_THEN_NAMES = gate(
    re.compile(
        rf"\b(?:{_NATIONALITY_WORDS})\b[^\d\n]{{1,48}}?(?<![A-Za-z0-9])([A-Z]{{1,2}}\d{{6,8}}[A-Z]?|\d{{2}}[A-Z]{{2}}\d{{5}})(?![A-Za-z0-9])"
    )
)
_LISTED_AFTER = re.compile(
    r"[,;/&][^\d\n]{0,40}?(?<![A-Za-z0-9])([A-Z]{1,2}\d{6,8}[A-Z]?|\d{2}[A-Z]{2}\d{5})(?![A-Za-z0-9])"
)
# Shapes a passport takes that a reference rarely does: one or two letters and seven or
# eight digits (P3391027A), Canada's two letters and six, France's 18AV34021.
_PASSPORT_SHAPE = re.compile(r"[A-Z]{1,2}\d{7,8}[A-Z]?|[A-Z]{2}\d{6}|\d{2}[A-Z]{2}\d{5}")
# A passport's label (or pp) and, straight after it, its number split once or twice by a space.
_LABELLED_SPLIT = re.compile(
    r"(?i:passport|護照|护照|\bpp)(?:[ \t]*(?i:no\.?|number|#|號碼|号码))?[ \t]*[:：]?[ \t]*"
    r"([A-Z0-9]{2,6}(?: [A-Z0-9]{2,6}){1,2})(?![A-Za-z0-9])(?! [A-Z0-9])"
)
# Germany's characters only (no vowels, no B, D, Q, S), nine of them: typed in lower case too.
_GERMAN = re.compile(r"[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8}", re.IGNORECASE)
# A flight and its departure time (CI 916 0810), in the travel notes where passports are
# also written: an airline's two letters, the flight's digits, then a 24-hour clock.
# (An airline's code with a digit in it is written apart from the number, 3K 695: K0938 2217
# is a letter and eight digits, a passport.)
_FLIGHT_AND_TIME = re.compile(r"(?:[A-Z]{2}[ \t]?|[A-Z0-9]{2}[ \t])\d{2,4}[ \t](?:[01]\d|2[0-3])[0-5]\d")
# A block that lists travellers: its numbers of passport shape are passports.
_TRAVEL_BLOCK = gate(
    re.compile(
        r"\brooming\b|\bpax\b|nationality|\bcrew\b|manifest|\btravell?ers?\b|\bpassengers?\b|\bvisas?\b"
        r"|immigration|\bOKTB\b|\bsign[- ]o(?:n|ff)\b|\bcheck[- ]?in\b|\bboarding\b|\bflights?\b|\bairlines?\b"
        r"|\bdomestic\s+helpers?\b|\bFDH\b|簽證|签证|入境|外傭|外佣|登機|登机|航班",
        re.IGNORECASE,
    )
)
_BLOCK_REACH = 400  # characters: a travel manifest of a dozen lines
# "pp" right before the number (the context pattern's look-ahead cannot see past the
# window it is searched in): pp p3390127b, pp z4512378.
_PP_BEFORE = re.compile(r"(?i)\bpp[ \t]*[.:#]?[ \t]*$")
# A one-letter label and a Hong Kong number in its 4 + 4 groups, as a signature writes them.
_LETTER_LABELLED_PHONE = re.compile(r"[TMDFHOtmdfho][ \t][2-9]\d{3}[ \t]\d{4}")
# A column of identity documents, whatever each row holds: | ID no. | M179233(A) |, | 證件 | 533907146 |.
_ID_HEADER = re.compile(
    r"(?i)i\.?d\.?[ \t]*(?:no\.?|number|#|doc(?:ument)?)|identity(?:[ \t]+doc(?:ument)?)?|證件|证件|身份證明|身份证明"
    # a party's own identity in a deal or a policy (Tenant ID, LL ID, employer_id), not a
    # system's number for a record (Order ID, User ID, Staff ID)
    r"|(?:tenant|landlord|LL|employer|helper|guest|applicant|holder|owner|passenger|traveller|visitor|buyer"
    r"|purchaser|vendor|borrower|guarantor|director|shareholder|beneficiary|insured|claimant)[ \t_-]?(?:id|pp)"
)
# A date as tickets and passports print it (EXP 14MAR2031), beside a passport's number.
_TICKET_DATE = re.compile(r"\d{1,2}(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\d{2,4}", re.IGNORECASE)
_PASSPORT_CONTEXT = gate(
    re.compile(
        r"passp[o0]rt|pasaporte|paspor|\bBN\s?\(?O\)?(?=\W)|travel\s+doc|\bpp\s*(?:no|#|[:：])|\bppt\b"
        # pp right before a number of a passport's length (GBR pp 129884560; pp 12-15 is pages)
        r"|\bpp[ \t]+(?=[A-Za-z]{0,2}\d{6})|護\s?照|护\s?照|旅行證件|旅行证件"
        r"|回鄉證|回乡证|通行證|通行证|台胞證|台胞证"
        # the mainland's permit for Hong Kong and Macau, as a record's field names it
        # (not a building's or a work permit: a word before it says which permit)
        r"|(?:\b(?:entry|exit|two[ -]way|one[ -]way|home[ -]return|travel)[ \t_-]?|(?<![A-Za-z][ \t])(?<![A-Za-z]))"
        r"permit[ \t_-]*(?:no|num(?:ber)?|#)(?![A-Za-z])"
        r"|證\s?件\s?(?:號\s?碼)?|证\s?件\s?(?:号\s?码)?|document\s+(?:no|number)"
        # a travel document's field in a record: DocNo, doc_number, "doc": "...", doc numbers
        r"|\bdoc(?:ument)?s?[ \t_-]*(?:no|nos|num(?:ber)?s?|#)(?![A-Za-z])|[\"']doc[\"'][ \t]*:|<doc>",
        re.IGNORECASE,
    )
)

_BR = re.compile(
    # with the branch number alone too; the check character may be a letter
    r"(?<![A-Za-z0-9-])(\d{8}(?:-\d{3}(?:-\d{2}-\d{2}-[0-9A-Z])?)?"
    # its parts apart by spaces (12345678 000 03 24 1), or the eight digits in halves
    # (1234 5678, 1234-5678-000), which only a label just before makes a BR number
    r"|\d{8} \d{3}(?: \d{2} \d{2} [0-9A-Z])?|\d{4}[ -]\d{4}(?:[ -]\d{3}(?:-\d{2}-\d{2}-[0-9A-Z])?)?"
    # As OCR spaces it: 5 8 3 1 9 0 2 4 - 0 0 0 - 0 2 - 2 5 - 7, or its first eight only
    r"|\d(?: \d){7} ?- ?\d ?\d ?\d ?- ?\d ?\d ?- ?\d ?\d ?- ?[0-9A-Z]"
    # or the eight digits alone as a form or a dictation spaces them (BR：7 1 0 8 4 4 6 2)
    r"|\d(?:[ \t]\d){7})(?![A-Za-z0-9])(?!-\d)(?! \d)"
)
# Shapes a phone number or other figure takes too: a BR number only right after its label.
_HALVES = re.compile(r"\d{4}[ -]\d{4}|\d(?:[ \t]\d){7}")
# The label right before the number, nothing between (not "BR 登記嘅 FPS ID 1688 2290").
_BR_LABEL_BEFORE = re.compile(
    r"(?:\bBRN?|business\s+reg(?:istration)?(?:\s+cert(?:ificate)?)?|商業登記(?:證)?|登記證|商业登记(?:证)?|登记证)"
    r"[ \t]*(?:no\.?|number|號碼|號|号码|号)?[ \t]*[.:：#]?[ \t]*$",
    re.IGNORECASE,
)
_BR_CONTEXT = re.compile(
    r"\bBR\b|\bBRN\b|\bBR(?=[_-]?(?:no|num))|business\s+reg|商業登記|商業登記證|登記號碼|登記證號"
    r"|商业登记|登记号码|登记证号",
    re.IGNORECASE,
)


# A Hong Kong police report's number (警方參考 RN 26091740, TKO RN 26118402): a case, not a
# passport, however close a passport word stands.
_POLICE_REPORT = re.compile(r"RN[ \t]?\d{8}")


def _taken(results: list[RecognizerResult], start: int, end: int) -> bool:
    """Whether a finding already in ``results`` overlaps ``[start, end)``."""
    return any(r.start < end and start < r.end for r in results)


# A dated reference's stem before its serial (YY20240916-0042, GD20260108-011205): an order's
# or a booking's number, not a passport.
_SERIAL_AFTER = re.compile(r"-\d{3,}")
# A currency's code and an amount (USD20000, HKD 8800), a passport's shape but a sum of money.
_AMOUNT = re.compile(r"(?:USD|HKD|RMB|CNY|EUR|GBP|JPY|SGD|AUD|CAD|TWD|NTD|MOP|CHF|KRW|THB|MYR|PHP|IDR)[ ]?\d+")


class HkPassportRecognizer(RegexRecognizer):
    """A letter and eight digits counts alone (HKSAR passports start with K or H); other
    shapes need a passport word within a line or two."""

    def __init__(self) -> None:
        super().__init__("HK_PASSPORT", "HkPassportRecognizer", _PASSPORT)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        lower = text.lower()
        if any(word in lower for word in _PASSPORT_GATE) and _PASSPORT_CONTEXT.search(text):
            for match in _PASSPORT_WIDER.finditer(text):
                if _taken(results, *match.span(1)):
                    continue
                score = self.score(match, text)
                if score > 0.0:
                    results.append(tagged_result(self, self.recognizer_name, "HK_PASSPORT", *match.span(1), score))
            if "\n" in text:
                results += self._broken(text, results)
        labelled = "pp" in lower or "passport" in lower or "護照" in text or "护照" in text
        for match in _LABELLED_SPLIT.finditer(text) if labelled else ():
            # Passport no. 19AV5 2341, pp PA 773 1946: a number split by a space right after its label.
            joined = match[1].replace(" ", "")
            if _PASSPORT_SHAPE.fullmatch(joined) and not _taken(results, *match.span(1)):
                results.append(tagged_result(self, self.recognizer_name, "HK_PASSPORT", *match.span(1), 0.75))
        for match in _AFTER_NATIONALITY.finditer(text):
            if _taken(results, *match.span(1)):
                continue
            if _nationality_shape(match[1]):
                results.append(tagged_result(self, self.recognizer_name, "HK_PASSPORT", *match.span(1), 0.75))
        if "," in text or "|" in text or "\t" in text:
            for match in _BEFORE_NATIONALITY.finditer(text):
                if _taken(results, *match.span(1)):
                    continue
                if _nationality_shape(match[1]) and not OTHER_NUMBER_LABEL.search(
                    text, max(0, match.start(1) - 16), match.start(1)
                ):
                    results.append(tagged_result(self, self.recognizer_name, "HK_PASSPORT", *match.span(1), 0.7))
        bracketed = _NATIONALITY_BRACKETED.finditer(text) if "(" in text or "（" in text else ()
        for match in bracketed:
            if _taken(results, *match.span(1)):
                continue
            if _nationality_shape(match[1]) and _PASSPORT_CONTEXT.search(
                text, max(0, match.start(1) - _BRACKETED_REACH), match.start(1)
            ):
                results.append(tagged_result(self, self.recognizer_name, "HK_PASSPORT", *match.span(1), 0.75))
        for match in _NATIONALITY_THEN_NAMES.finditer(text):
            between = text[match.start() : match.start(1)]
            if OTHER_NUMBER_LABEL.search(between) or _taken(results, *match.span(1)):
                continue
            results.append(tagged_result(self, self.recognizer_name, "HK_PASSPORT", *match.span(1), 0.7))
            # the next travellers' numbers in the same list on the line
            line_end = text.find("\n", match.end(1))
            for more in _LISTED_AFTER.finditer(text, match.end(1), len(text) if line_end < 0 else line_end):
                if not _taken(results, *more.span(1)):
                    results.append(tagged_result(self, self.recognizer_name, "HK_PASSPORT", *more.span(1), 0.7))
        if "|" in text or "\t" in text:
            for match in _ISO2_CELL.finditer(text):
                if not _taken(results, *match.span(1)):
                    results.append(tagged_result(self, self.recognizer_name, "HK_PASSPORT", *match.span(1), 0.7))
        if "<" in text:
            for match in _MRZ.finditer(text):
                results.append(tagged_result(self, self.recognizer_name, "HK_PASSPORT", *match.span(1), 0.85))
        return [
            r
            for r in results
            if not _POLICE_REPORT.fullmatch(text, r.start, r.end)
            and not _AMOUNT.fullmatch(text, r.start, r.end)
            and not _SERIAL_AFTER.match(text, r.end)
        ]

    def _broken(self, text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
        """Numbers broken over a line within a line or two after a passport word."""
        given = {re.sub(r"\s", "", text[r.start : r.end]).upper() for r in results}
        found = []
        for match in _PASSPORT_BROKEN.finditer(text):
            start, end = match.span(1)
            head, tail = match[1].split("\n", 1)
            value = re.sub(r"\s", "", match[1])
            if _taken(results, start, end) or len(re.sub(r"\s", "", head)) >= 7:
                continue  # found already, or a whole number before the break: the next line is not its tail
            if value.upper() in given or (_broken_shape(value, head.strip(), tail.strip()) and _labelled(text, start)):
                found.append(tagged_result(self, self.recognizer_name, "HK_PASSPORT", start, end, 0.75))
        return found

    def score(self, match: re.Match[str], text: str) -> float:
        score = self._shape_score(match, text)
        if score > 0.0:
            line_head = line_before(text, match.start(1), 30)
            if OTHER_NUMBER_LABEL.search(line_head) and not _PASSPORT_CONTEXT.search(line_head):
                return 0.0
        return score

    def _shape_score(self, match: re.Match[str], text: str) -> float:
        if _FLIGHT_AND_TIME.fullmatch(match[1]) or _TICKET_DATE.fullmatch(match[1]):
            return 0.0
        if _LETTER_LABELLED_PHONE.fullmatch(match[1]) and not context_near(
            text, *match.span(1), _PASSPORT_CONTEXT, before=40, after=0
        ):
            return 0.0  # T 2870 1146 | M 9021 5573: a signature's one-letter phone labels
        value = re.sub(r"[ \t]", "", match[1])
        header = column_header(text, match.start(1))
        near = context_near(text, *match.span(1), _PASSPORT_CONTEXT, before=80, after=24) or bool(
            _PP_BEFORE.search(text, max(0, match.start(1) - 8), match.start(1))
        )
        if header is not None and (_PASSPORT_CONTEXT.search(header) or _ID_HEADER.fullmatch(header.strip())):
            in_context = True
        elif header is not None and header.strip().upper() == "ID":
            # An order's or a user's ID too, unless the text has just said passports.
            in_context = _PASSPORT_CONTEXT.search(text, max(0, match.start(1) - 600), match.start(1)) is not None
        elif header is not None and value.isdigit():
            # Digits under another column's header are that column's value, unless their
            # own cell says passport (| Doc | ... | UK passport 548821077 |, | PP 127405836 |).
            cell = text[
                max(text.rfind("|", 0, match.start(1)), text.rfind("\n", 0, match.start(1))) + 1 : match.start(1)
            ]
            in_context = _PASSPORT_CONTEXT.search(cell) is not None or _PP_BEFORE.search(cell) is not None
        else:
            in_context = near
        if not in_context and _PASSPORT_SHAPE.fullmatch(value):
            # A list of travellers says "passport" once, above or below it, or gives each
            # traveller's nationality just before the number (| IN Z5510273 |), or is a
            # rooming list, crew list or manifest.
            in_context = (
                _in_block(text, *match.span(1))
                or _in_block(text, *match.span(1), _TRAVEL_BLOCK)
                or _NATIONALITY_BEFORE.search(text, max(0, match.start(1) - 24), match.start(1)) is not None
            )
        if re.fullmatch(r"E[A-H]\d{7}", value):
            return 0.75 if in_context else 0.4  # the mainland's newer passports, as E and eight digits count
        if re.fullmatch(r"P\d{7}[A-Z]", value):
            return 0.75 if in_context else 0.5  # the Philippines' shape, which no reference takes
        if re.fullmatch(r"[A-Za-z]\d{8}", value):
            if value[0] in "KHkh":
                return 0.85 if in_context else 0.6
            return 0.8 if in_context else 0.4
        if not in_context:
            return 0.0
        if value[0].islower() and sum(c.isdigit() for c in value) < 6 and not _GERMAN.fullmatch(value):
            return 0.0
        hexadecimal = re.fullmatch(r"[0-9a-f]*[a-f][0-9a-f]*", value) is not None
        if hexadecimal and (value[0].isdigit() or re.search(r"[a-f]\d+[a-f]", value)):
            return 0.0  # a hash or request id in lower-case hex (9f3a2c71), not a passport  # typed in lower case next to a passport word: a number, not a word with digits
        if match[1][0].isdigit() and (" " in match[1] or "\t" in match[1]):
            # Digits in groups: a passport's eight or nine, not a phone number's 4 + 4.
            digits = re.sub(r"\D", "", value)
            spaced_one_by_one = re.fullmatch(r"\d(?:[ \t]\d)+", match[1]) is not None
            if not spaced_one_by_one and (len(digits) not in (8, 9) or re.fullmatch(r"\d{4}[ \t]\d{4}", match[1])):
                return 0.0
        return 0.75


def _nationality_shape(value: str) -> bool:
    """Whether a value after a nationality is shaped as a passport number: not a date
    (19/20YYMMDD) nor a word, and letters only where a country puts them."""
    compact = re.sub(r"[ \t]", "", value)
    if compact.isdigit():
        return len(compact) in (8, 9) and re.fullmatch(r"(?:19|20)\d{2}(?:0[1-9]|1[0-2])\d{2,3}", compact) is None
    return (
        _PASSPORT_SHAPE.fullmatch(compact.upper()) is not None
        or _GERMAN.fullmatch(compact) is not None
        or re.fullmatch(r"[A-Za-z]{1,2}\d{6,8}[A-Za-z]?", compact) is not None
    )


def _broken_shape(value: str, head: str, tail: str) -> bool:
    """Whether a number joined from two lines is shaped as a passport (as after a
    nationality), and not a phone number's 4 + 4."""
    return not (value.isdigit() and len(head) == len(tail) == 4) and _nationality_shape(value)


def _labelled(text: str, start: int) -> bool:
    """Whether a passport word stands within a line or two before ``start``, with no other
    number's label (tel, hotline, ref) after it."""
    window = text[max(0, start - 80) : start]
    words = list(_PASSPORT_CONTEXT.finditer(window))
    if not words:
        return False
    after = window[words[-1].end() :]
    return not OTHER_NUMBER_LABEL.search(after) and not _PHONE_WORD.search(after)


def _in_block(text: str, start: int, end: int, words: re.Pattern[str] = _PASSPORT_CONTEXT) -> bool:
    """Whether a passport word (or another of ``words``) stands in the same block of lines
    (no blank line between) as ``text[start:end]``, within a manifest's length of it."""
    low = text.rfind("\n\n", max(0, start - _BLOCK_REACH), start)
    high = text.find("\n\n", end, end + _BLOCK_REACH)
    low = max(0, start - _BLOCK_REACH) if low < 0 else low
    high = min(len(text), end + _BLOCK_REACH) if high < 0 else high
    return words.search(text, low, high) is not None


def _headed(text: str, position: int, words: re.Pattern[str]) -> bool:
    """Whether the value sits in a table column whose header is one of ``words``."""
    header = column_header(text, position)
    return header is not None and words.search(header) is not None


class HkBusinessRegRecognizer(RegexRecognizer):
    """Eight digits, often followed by ``-XXX-XX-XX-X``; bare eight digits, or with the
    branch number alone (``-000``), need context."""

    def __init__(self) -> None:
        super().__init__("HK_BUSINESS_REG", "HkBusinessRegRecognizer", _BR)

    def score(self, match: re.Match[str], text: str) -> float:
        if match[1].count("-") >= 4 or re.fullmatch(r"\d{8} \d{3} \d{2} \d{2} [0-9A-Z]", match[1]):
            return 0.85  # the full certificate number, however spaced
        if _HALVES.match(match[1]):
            labelled = _BR_LABEL_BEFORE.search(text, max(0, match.start(1) - 40), match.start(1))
            return 0.75 if labelled else 0.0
        in_context = context_near(text, *match.span(1), _BR_CONTEXT) or _headed(text, match.start(1), _BR_CONTEXT)
        return 0.75 if in_context else 0.0
