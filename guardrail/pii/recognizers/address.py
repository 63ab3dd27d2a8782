"""Hong Kong street addresses, in English and in Chinese.

English: ``Flat 12B, 88 Queen's Road Central, Wan Chai``; ``Room 1203, 12/F, Block B,
Tai Koo Shing``. The number-and-street part is the core; flat, floor, block, building
and district are taken along when they are there.

Chinese: ``九龍彌敦道264號40樓A室``, ``新界沙田大圍道183號17樓C室``, and estate-style
``沙田第一城23座15樓C室``.
"""

from __future__ import annotations

import re

from guardrail.pii.recognizers.base import RegexRecognizer

_WORD = r"[A-Z][A-Za-z'’.-]*"
_UNIT = r"(?:(?:Flat|Room|Rm|Unit|Suite|Shop|Apt|Apartment)\.?\s*[A-Z0-9]{1,5}(?:-[A-Z0-9]{1,4})?,?\s*)"
_FLOOR = (
    r"(?:(?:\d{1,3}\s?/\s?F|\d{1,3}(?:st|nd|rd|th)\s+Floor|(?:Floor|Fl\.?)\s*\d{1,3}"
    r"|G/F|Ground\s+Floor)\.?,?\s*)"
)
_BLOCK = r"(?:(?:Block|Blk|Tower|Phase)\s*[A-Z0-9]{1,3},?\s*)"
_BUILDING_SUFFIX = (
    r"(?:Building|Bldg|Mansion|Mansions|Court|House|Tower|Towers|Centre|Center|Plaza|Garden"
    r"|Gardens|Estate|Villa|Villas|Heights|Terrace|Place|Square|Shing|City)"
)
_BUILDING = rf"(?:{_WORD}(?:\s+{_WORD}){{0,3}}\s+{_BUILDING_SUFFIX}\.?,?\s*)"
_STREET_SUFFIX = (
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Path|Drive|Crescent|Highway|Boulevard|Circuit"
    r"|Praya|Way|Close|Terrace|Hill|Rise)"
)
_STREET = (
    rf"\d{{1,4}}[A-Z]?(?:\s?-\s?\d{{1,4}})?,?\s+(?:{_WORD}\s+){{1,4}}{_STREET_SUFFIX}\b\.?"
    r"(?:\s+(?:Central|East|West|North|South))?"
)
_DISTRICT = rf"(?:,\s*{_WORD}(?:\s+{_WORD}){{0,2}}(?=[\s,.;:)]|$))?"
ENGLISH = re.compile(
    rf"(?<![A-Za-z0-9])((?:{_UNIT}?{_FLOOR}?{_BLOCK}?{_BUILDING}?{_STREET}{_DISTRICT})"
    rf"|(?:{_UNIT}{_FLOOR}?{_BLOCK}?{_BUILDING}))"
)

_REGION = r"(?:香港|九龍|新界|離島)?"
_CJK = r"[\u4e00-\u9fff]"
# Characters that end a preceding verb or phrase rather than begin a street name.
_NOT_STREET_START = r"(?![在到於往住址寄送係是為：:，,])"
_STREET_ZH = rf"{_NOT_STREET_START}{_CJK}{{1,6}}?(?:道|路|街|里|徑|巷|坊|圍|臺|台|邨|村|大道)"
_NUMBER_ZH = r"\s?\d{1,4}(?:\s?[-至]\s?\d{1,4})?[A-Z]?\s?號"
_AFTER_NUMBER_ZH = (
    rf"(?:{_CJK}{{1,10}}?(?:大廈|大樓|中心|廣場|花園|苑|閣|軒|邸|居|院|樓宇|城|村))?"
    r"(?:\s?[A-Z0-9]{1,3}\s?座)?(?:\s?(?:\d{1,3}|[A-Z])\s?(?:樓|/F|F)|地下|地庫)?"
    r"(?:\s?[A-Z0-9]{1,4}\s?(?:室|號舖|舖|號房))?"
)
_ESTATE_ZH = (
    rf"{_NOT_STREET_START}{_CJK}{{2,8}}?\s?[A-Z0-9]{{1,3}}\s?座\s?\d{{1,3}}\s?樓"
    r"(?:\s?[A-Z0-9]{1,4}\s?室)?"
)
CHINESE = re.compile(
    rf"({_REGION}(?:{_STREET_ZH}{_NUMBER_ZH}{_AFTER_NUMBER_ZH}|{_ESTATE_ZH}))"
)


class EnglishAddressRecognizer(RegexRecognizer):
    def __init__(self) -> None:
        super().__init__("ADDRESS", "HkEnglishAddressRecognizer", ENGLISH)

    def span(self, match: re.Match[str]) -> tuple[int, int]:
        """The match without the punctuation and spaces it may have run into."""
        start = match.start(1)
        return start, start + len(match[1].rstrip(" ,.;:"))

    def score(self, match: re.Match[str], text: str) -> float:
        value = match[1]
        has_street = re.search(rf"{_STREET_SUFFIX}\b", value) is not None
        has_unit = re.match(_UNIT, value) is not None
        if has_street:
            return 0.85 if has_unit else 0.7
        return 0.6


class ChineseAddressRecognizer(RegexRecognizer):
    def __init__(self) -> None:
        super().__init__("ADDRESS", "HkChineseAddressRecognizer", CHINESE)

    def score(self, match: re.Match[str], text: str) -> float:
        return 0.85 if re.search(r"樓|室|座", match[1]) else 0.7
