"""Addresses in English (Hong Kong and abroad); Chinese ones are in :mod:`.address_zh`.

Hong Kong writes a home address from the inside out: flat, floor, block, building or
estate, street (often absent: most homes are in estates), district, region:
``Flat A, 18/F, Block 4, Heng Fa Chuen``, ``Flat 14, 6/F, Ko Cheung House, Ko Yee
Estate, Yau Tong``, ``12/F, Millennium City 6, 392 Kwun Tong Road, Kwun Tong``. So an
address is either led by a flat, room, house, floor or block and runs on over the
capitalised names after it, or is a number and a street (with the building's name
before it and the district after it). A flat or floor alone with names is not enough
when nothing says building or estate (``Shop 12, Festival Walk``, ``the 30th floor, I``):
a mall or a floor is a place, a home has a flat in a building.

Free text bends the order and the words: transcripts say the numbers (``flat eight,
thirty-first floor, Tower three``), forms shout in capitals without commas (``FLAT 9
20/F HO MING HOUSE``), chats are in lower case after a flat and floor, deeds join the
parts with "on the" and "of", envelopes put one part on a line, code-mixed text writes
the estate or flat in Chinese (``Flat 5B, 12/F, 麗港城 3座``) or names the estate first
as Chinese does (``Laguna City Block 5 12/F Flat D``, never a name before a flat, which
is a person's). Otherwise names run on only within a line, or onto the next after a
comma or a building word, so the label on the next line (``Correspondence address:``)
stays out of the span.

Addresses abroad are caught in their own shapes: a street and number before a postal
code and city (``Bergmannstraße 41, 10961 Berlin``), a British postcode or an American
state and ZIP code at the end, Indonesian ``Jl. ... No. 14, RT 03/RW 05``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from presidio_analyzer import RecognizerResult

from guardrail.pii import gazetteer
from guardrail.pii.recognizers.address_fields import labelled_addresses, unit_columns
from guardrail.pii.recognizers.address_zh import ChineseAddressRecognizer, chinese_places
from guardrail.pii.recognizers.base import RegexRecognizer, tagged_result
from guardrail.text.start_gate import gate

__all__ = ["ChineseAddressRecognizer", "EnglishAddressRecognizer"]

_NUMBER_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen)"
)
_ORDINAL_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty)[- ])?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
    r"|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
    r"|twentieth|thirtieth|fortieth|fiftieth|sixtieth)"
)
# An OCR'd flat number may come spaced (Flat 1 5 A).
_ID = rf"(?:\d(?:[ \t]\d){{1,3}}(?:[ \t][A-Z])?\b|[A-Z]?\d{{1,4}}[A-Z]{{0,2}}(?:-\d{{1,4}})?|[A-Z]{{1,2}}\b|(?i:{_NUMBER_WORD})\b)"
_UNIT_WORD = r"(?i:flat|room|rm|unit|suite|apt|apartment|house|hse|villa|shop|lot)"
_UNIT = rf"(?:{_UNIT_WORD}\.?[ \t]?{_ID})"
_FLOOR = (
    # 5/F. with a formal letter's full stop; Level 5 as office towers number theirs.
    # 23 floor as a caller says it in English Cantonese-style.
    r"(?:(?:\d{1,3}|[LU]?G)[ \t]?/[ \t]?F\b\.?|\d{1,3}(?:st|nd|rd|th)?[ \t]+(?i:floor)\b|(?i:floor|fl\.?)[ \t]?\d{1,3}\b"
    r"|(?:Level|LEVEL|Lvl\.?)[ \t]?\d{1,3}\b"
    # Transcribed speech says the floor as Cantonese does (十二樓, "twelve floor").
    rf"|(?i:ground[ \t]+floor|{_ORDINAL_WORD}[ \t]+floor|{_NUMBER_WORD}[ \t]+floor|floor[ \t]+{_NUMBER_WORD})\b)"
)
_BLOCK = rf"(?:(?:(?i:block|blk|tower|twr|phase|wing|stage|bldg)\.?|D\.?D\.?)[ \t]?{_ID})"
_BUILDING_WORD = (
    r"(?:House|Building|Bldg|Mansions?|Court|Centre|Center|CTR|Estate|Garden|Gardens|Villa|Villas|Plaza|Tower|Towers"
    r"|HOUSE|BUILDING|MANSIONS?|COURT|CENTRE|ESTATE|GARDENS?|VILLAS?|PLAZA|TOWERS?"
    # as file notes and forms shorten them, after the name they end: Rm 1207 Hing Fai Hse, Lok Fu Est
    r"|(?<=[A-Za-z][ \t])(?:Hse|Est|Ct|Gdns?|Mans|HSE|EST)\b)"
)
_LETTER = "[A-Za-zÀ-ÖØ-öø-ÿĀ-ž]"
# (Not the pronoun of a clause after the address: "…Tsz Wan Shan Estate, I'm calling".)
_CAPITALISED = rf"(?:(?!I['’](?:m|d|ll|ve|s)\b)[A-Z]{_LETTER}*(?:['’-]{_LETTER}+)*)"
# (and an estate's phase in brackets, Lower Wong Tai Sin (I) Estate; an ampersand in a
# hotel's name, Ibis Central & Sheung Wan)
_WORD = rf"(?:{_CAPITALISED}|\d{{1,3}}(?:st|nd|rd|th)\b|\d{{1,3}}[A-Z]?\b|of|de|la|the|\((?:I{{1,3}}|IV|V|\d)\)|&)"
# Words of a name; a line break inside one only before a building word (OCR wraps).
# A sentence's first word or a day is no place's (Sai Kung, N.T. On Saturday 24 October ...).
_NOT_PLACE_START = (
    r"(?!(?:On|In|At|We|He|She|They|It|My|Our|His|Her|Their|This|That|Then|When|After|Before|Since|From|And|But"
    r"|So|Please|Thanks|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
)
_NAME = rf"(?:(?:The[ \t]+)?{_NOT_PLACE_START}{_CAPITALISED}(?:(?:[ ]{{1,2}}|\n(?={_BUILDING_WORD}\b)){_WORD}){{0,6}})"
_STREET_WORDS = (
    "Road Rd Street St Avenue Ave Lane Path Drive Crescent Highway Boulevard Circuit Praya Way Close Terrace"
    " Hill Rise Tsuen Village Parkway Pkwy Hwy Blvd Grove Mews Row Parade Broadway"
).split()
# Forms and envelopes write them in capitals too (12 TUNG SHAN TERRACE, 380 HIRAM'S HIGHWAY).
_STREET_SUFFIX = "(?:" + "|".join(_STREET_WORDS + [word.upper() for word in _STREET_WORDS]) + ")"
_STREET_NUMBER = rf"(?:(?:No\.?[ \t]?)?\d{{1,4}}[A-Z]?(?:[ \t]?-[ \t]?\d{{1,4}}[A-Z]?)?|(?i:{_NUMBER_WORD}))"
# A Place is a street only right after its number and name (8 Connaught Place); after a
# comma it is a mall (Shop 308, Langham Place).
_STREET = (
    # (a column or a chat bubble may wrap the name before its suffix: 31 Po Ning⏎Road)
    rf"(?:{_STREET_NUMBER},?[ \t]+(?:{_WORD}(?:[ \t]+|[ \t]*\n[ \t]*(?={_STREET_SUFFIX}\b))){{0,4}}{_STREET_SUFFIX}\b\.?"
    r"(?:[ \t]+(?:Central|East|West|North|South|Middle)\b)?(?:[ \t]+\d{1,2}\b(?![ \t]*/))?"
    rf"|\d{{1,4}}[A-Z]?[ \t]+(?:{_CAPITALISED}[ \t]+){{1,2}}Place\b"
    # the street's kind first, as France, Italy, Spain and Portugal write it: 45 Rue de Rivoli
    rf"|{_STREET_NUMBER},?[ \t]+(?:Rue|Avenue|Avenida|Av\.|Via|Viale|Calle|Rua|Piazza|Corso|Boulevard|Bd\.?)"
    rf"[ \t]+(?:(?:de|del|della|di|da|do|dos|la|le|les|des|du)[ \t]+)*{_CAPITALISED}(?:[ \t]+{_CAPITALISED}){{0,2}})"
)
# A spoken street with no suffix ("thirty-eight New Praya Kennedy Town") is left to the names.
_AFTER_BUILDING_WORD = "|".join(
    f"(?<={word})"
    for word in "House Building Mansion Mansions Court Centre CTR Estate Garden Gardens Villa Plaza Tower"
    " HOUSE BUILDING MANSION MANSIONS COURT CENTRE ESTATE GARDEN GARDENS VILLA PLAZA TOWER".split()
)
_NAME_LEAD = rf"(?:(?:The[ \t]+)?{_CAPITALISED}(?:[ \t]+{_WORD}){{0,5}})"
_STREET_LEAD = _STREET
# Parts are separated by commas or spaces, and by line breaks on an envelope, where each
# line after the first is a name standing alone (``Kin Ming House⏎Kin Ming Estate``).
_SEP = (
    # (and, in deeds and tenancy agreements, "Flat D on the 25th Floor of Tower 3")
    # (not three spaces or a tab: a space-aligned or tab-separated table's next column)
    rf"(?:[ \t]*,[ \t]*\n?[ \t]*|(?:{_AFTER_BUILDING_WORD})[ \t]*\n[ \t]*|[ ]{{1,2}}(?:(?:on|of)(?:[ \t]+the)?[ \t]+)?"
    # (an envelope's line may be the floor, the block or the flat alone: Flat A⏎18/F⏎Block 4)
    rf"|[ \t]*\n[ \t]*(?=(?:{_STREET_LEAD}|{_FLOOR}|{_BLOCK}|{_UNIT}|{_NAME_LEAD})[ \t]*(?:,|\n|$)))"
)
_PLACE_NAME = (
    rf"(?:(?:{_CAPITALISED}[ \t]+){{0,6}}(?:Estate|City|Gardens?|Court|House|Centre|Building|Villas?|Heights|Park"
    r"|Chuen|Shing|Terrace|Place|Square|Bay|Mansions?|Plaza|Towers|ESTATE|CITY|GARDENS?|COURT|HOUSE|CENTRE|BUILDING"
    r"|HEIGHTS|PARK|CHUEN|SHING|TERRACE|PLACE|SQUARE|BAY|MANSIONS?|PLAZA|TOWERS|VILLAS?))"
)
# Code-mixed text names the estate or writes the floor in Chinese: 麗港城 3座, 12樓A室.
_CHINESE_PART = (
    r"(?:[\u4e00-\u9fff]{1,7}[邨村苑閣阁樓楼廈厦園园城居軒轩灣湾台臺峰庭](?:[ \t]?[A-Z0-9]{1,2}[ \t]?座)?"
    r"|\d{1,3}[ \t]?[樓楼](?:[ \t]?[A-Z0-9]{1,4}[ \t]?室?)?|[A-Z0-9]{1,4}[ \t]?室)"
)
# The regions as envelopes abbreviate them (Tseung Kwan O, N.T.; Mong Kok, Kln.).
_REGION_ABBREVIATION = r"(?:N\.[ \t]?T\.|H\.[ \t]?K\.|Kln\.|KLN\b)"
# A unit after the street, as a village house gives its lot: DD 9 Lot 1547.
# Singapore's unit (#05-67), a Philippine barangay (Brgy. San Antonio).
_ABROAD_PART = (
    rf"(?:#\d{{2}}-\d{{2,4}}|(?:Brgy\.|Barangay)[ \t]+{_NAME}|Singapore[ \t]+\d{{6}}\b"
    rf"|(?!(?:19|20)\d\d\b)\d{{4,5}}[ \t]+{_CAPITALISED}(?:[ \t]+{_CAPITALISED})?)"  # 75001 Paris, not a year
)
# An amount is no part of an address, however its code is written (…, Wan Chai, HKD 186 paid).
_CURRENCY = r"(?:HKD|HK\$|USD|US\$|RMB|CNY|MOP|SGD|EUR|GBP|JPY|TWD|NTD)(?![A-Za-z])"
_PART = rf"(?!{_CURRENCY})(?:{_REGION_ABBREVIATION}|{_FLOOR}|{_BLOCK}|{_STREET}|{_UNIT}(?![A-Za-z])|{_ABROAD_PART}|{_NAME}|{_CHINESE_PART})"
_LOWER_PLACE_WORD = r"(?:house|building|mansions?|court|estate|gardens?|villas?|chuen|city)"
# A word of a place named in a chat, not the words that end the address or start the next clause.
_LOWER_CHAT_WORD = (
    r"(?!(?:and|or|is|was|for|with|my|his|her|our|their|this|that|thx|thanks|pls|please|if|then|asap|ok|tmr"
    r"|before|after|by|so|but|because|can|will|i|you|we|he|she|they|it"
    # nor the label of the next field (…lok fu est tel 9733 0628)
    r"|tel|mob|phone|ph|contact|email|fax|whatsapp)\b)[a-z]+"
)
_LOWER_NAME_WORD = r"(?!(?:the|of|a|an|in|at|on|to|and|or|is|was|for|with|my|his|her|our|their|this|that)\b)[a-z]+"
_LOWER_HOME = (
    rf"(?i:(?:(?:flat|room|rm|unit|apt|apartment|suite)\.?[ \t]?{_ID}|{_BLOCK})[ \t]*,?[ \t]*)"
    rf"(?:{_LOWER_NAME_WORD}[ \t]){{1,4}}{_LOWER_PLACE_WORD}"
    rf"(?:[ \t]*,?[ \t]*(?:{_LOWER_NAME_WORD}[ \t]){{1,3}}(?:estate|court|gardens?|city|chuen))?(?![A-Za-z])"
)
ENGLISH = re.compile(
    # (not the minutes of a time: 11:30 23C Belcher's Street)
    rf"(?<![A-Za-z0-9])(?<!\d:)(?<!\d\.)("
    rf"(?:{_UNIT}|{_FLOOR}|{_BLOCK}){_SEP}(?:{_PART}|{_UNIT}){_SEP}(?:{_PART}{_SEP}){{0,6}}{_PART}"  # led by a flat, floor or block
    rf"|(?:{_UNIT}|{_FLOOR}){_SEP}{_PART}"
    # a number and a street, after the building's name if any (and the flat, bare, before
    # it: 12A Sunrise Mansion), then districts
    rf"|(?:\d{{1,3}}[A-H][ \t]+(?={_PLACE_NAME}))?(?:{_PLACE_NAME}[ \t]*,?[ \t]*\n?[ \t]*){{0,2}}"
    rf"(?:{_BLOCK}[ \t]*,[ \t]*)?{_STREET}"  # (Kwun Hoi Mansion, Block M, 15 Taikoo Shing Road)
    rf"(?:[ \t]*,[ \t]*(?:{_ABROAD_PART}|{_NAME})){{0,3}}"
    # a flat numbered with its floor before its building (7D Po Ning House, Po Lam Estate)
    rf"|\d{{1,2}}[A-H][ \t]+(?:{_CAPITALISED}[ \t]+){{1,4}}{_BUILDING_WORD}\b(?:[ \t]*,[ \t]*{_NAME}){{0,3}}"
    # Chat in lower case: a flat and a floor make it an address, the words after follow.
    rf"|(?i:{_UNIT}[ \t]*,?[ \t]*{_FLOOR}(?:[ \t]*,?[ \t]*(?:{_BLOCK}|[a-z]+(?:[ \t][a-z]+){{0,3}}))"
    r"{0,4}(?![A-Za-z]))"
    # or a flat and a block: flat 12c tower 5 the visionary tung chung
    rf"|(?i:(?:flat|rm|room|unit|apt)\.?[ \t]?{_ID}[ \t]*,?[ \t]*{_BLOCK}"
    rf"(?:[ \t]*,?[ \t]*{_LOWER_CHAT_WORD}){{1,6}}(?![A-Za-z]))"
    # A bare flat before a block or floor: 18A, Tower 2, Ocean Shores
    rf"|\d{{1,2}}[A-H],?[ \t]+(?:{_BLOCK}|{_FLOOR}){_SEP}(?:{_PART}{_SEP}){{0,5}}{_PART}"
    rf"|(?:(?:Via|Viale|Calle|Rua|Avenida|Rue|Piazza|Corso)[ \t]+(?:(?:de|del|della|di|da|do|la|le)[ \t]+)?)?"
    # Bergmannstraße 41, 10961 Berlin; Keizersgracht 412-III, 1016 GC Amsterdam
    # (and the floor or flat between, as Germany writes it: Lindenstraße 42, 2. OG, 50674 Köln)
    rf"{_CAPITALISED}[ \t]+\d{{1,4}}(?:[a-z]|-[IVX]{{1,4}}\b|-\d{{1,3}})?"
    r"(?:,[ \t]*(?:\d{1,2}\.[ \t]?(?:OG|Etage|Stock)|EG|DG|(?:Whg|Wohnung|App)\.?[ \t]?\d{1,4}))?"
    rf",[ \t]*\d{{4,5}}(?:[ \t][A-Z]{{2}})?[ \t]+"
    rf"{_CAPITALISED}(?:[ \t]{_CAPITALISED})?"
    # A flat and names closed by a postal code after the city, as India writes it:
    # B-704, Hiranandani Gardens, Powai, Mumbai 400076
    rf"|(?:[A-Z]-?\d{{1,4}}|\d{{1,4}}[A-Z]?)(?:[ \t]*,[ \t]*{_NAME}){{2,4}}[ \t]+\d{{6}}(?![\d])"
    # A post office box, with the office and city after it
    rf"|(?:P\.?[ \t]?O\.?[ \t]?Box|(?i:PO[ \t]?Box|Post[ \t]Office[ \t]Box))[ \t]*(?:No\.?[ \t]*)?\d{{1,6}}"
    rf"(?:[ \t]*,[ \t]*\n?[ \t]*{_NAME}(?:[ \t]+\d{{4,6}}\b)?){{0,3}}"
    rf"|(?:Jl\.?|Jln\.?|Jalan|Brgy\.?|Barangay)[ \t]+{_CAPITALISED}(?:[ \t]+(?!No\b){_CAPITALISED}){{0,3}}(?:[ \t]+No\.?[ \t]*\d{{1,4}}[A-Z]?)?"  # Indonesia, Philippines
    rf"(?:[ \t]*,[ \t]*(?:RT[ \t]?\d{{1,3}}[ \t]?/[ \t]?RW[ \t]?\d{{1,3}}|{_NAME})){{0,5}}"
    r")"
)
# A British postcode or an American state and ZIP code closing an address abroad.
# Estate first, flat last, as Chinese orders it: Laguna City Block 5 12/F Flat D (an
# estate's name, or any name followed by a block; never a name before a flat, which is a
# person's: "Cheung Ka Fai, Flat H, ..."). Searched only where a block or floor is written.
ESTATE_FIRST = re.compile(
    rf"(?<![A-Za-z0-9])((?:(?:{_PLACE_NAME}{_SEP}){{1,2}}(?:{_BLOCK}|{_FLOOR})|{_NAME}{_SEP}{_BLOCK})"
    rf"{_SEP}(?:(?:{_FLOOR}|{_UNIT}|{_BLOCK}|{_STREET}|{_CHINESE_PART}){_SEP}){{0,3}}(?:{_FLOOR}|{_UNIT}|{_CHINESE_PART}))"
)
_ESTATE_FIRST_GATE = gate(re.compile(r"(?i:block|blk|tower|phase|wing)\b|\d ?/ ?[Ff]\b|(?i:floor)|\d ?[樓楼]"))
# Canada's (BC V6H 1R9) too.
_UK_POSTCODE = re.compile(
    r"(?:,?[ \t]+)?(?:[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}|[A-Z]{2}[ \t]\d{5}(?:-\d{4})?"
    r"|(?:[A-Z]{2}[ \t]+)?[A-Z]\d[A-Z][ \t]?\d[A-Z]\d|(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT)[ \t]\d{4})\b"
)
# The country closing an address abroad (…, 80801 München, Germany).
_COUNTRY_AFTER = re.compile(
    r"[ \t]*,[ \t]*(?:Germany|Switzerland|Austria|France|Italy|Spain|Portugal|the[ \t]Netherlands|Netherlands|Belgium"
    r"|Sweden|Norway|Denmark|Finland|Poland|Ireland|United[ \t]Kingdom|UK|England|Scotland|Wales|USA|U\.S\.A\.|United[ \t]States"
    r"|Canada|Australia|New[ \t]Zealand|Japan|Korea|South[ \t]Korea|Singapore|Malaysia|Thailand|Vietnam|Indonesia"
    r"|Philippines|India|Taiwan|Macau|Macao|China|PRC|P\.R\.C\.|Hong[ \t]Kong(?:[ \t]SAR)?)\b\.?"
    r"(?:[ \t]+\d{4,6}\b)?"  # Singapore 560123
)
_HAS_UNIT = re.compile(
    rf"^(?:{_UNIT}|{_FLOOR}|{_BLOCK}{_SEP}(?:{_FLOOR}|{_UNIT})|\d{{1,2}}[A-H],?[ \t]+(?:{_BLOCK}|{_FLOOR}))"
)
_HAS_FLAT_AND_FLOOR = re.compile(
    rf"^(?:(?i:{_UNIT}[ \t]*,?[ \t]*{_FLOOR})|{_FLOOR}{_SEP}{_UNIT}|{_BLOCK}{_SEP}{_FLOOR}{_SEP}{_UNIT})"
)
_HAS_STREET = re.compile(rf"{_STREET}")
# A block in a chat's lower case (rm 1702 blk b lok fu est): a flat in a block is a home.
_ANY_CASE_BLOCK = re.compile(rf"(?i:{_BLOCK})")
_UNIT_OR_FLOOR = re.compile(rf"(?<![A-Za-z0-9]){_UNIT}|{_FLOOR}|\d{{1,3}}[ \t]?[樓楼]|[A-Z0-9][ \t]?室")
_HAS_PLACE_WORD = re.compile(
    rf"{_BUILDING_WORD}|{_BLOCK}|\b(?:Estate|City|Park|Chuen|Shing|Heights|Terrace|Place|Square|Ville|Bay)\b"
    r"|[邨村苑閣阁樓楼廈厦園园城居軒轩灣湾台臺峰庭座室]"
)


# A chat's estate or building named after the flat and floor, in lower case (…of block C, yue wan estate).
_LOWER_PLACE_AFTER = re.compile(
    rf"[ \t]*,[ \t]*((?:{_LOWER_NAME_WORD}[ \t]){{1,3}}(?:estate|court|chuen|gardens?|city|house|building|mansion))(?![A-Za-z])"
)
# A flat and its block with nothing else, as an estate's own log or an owners' meeting
# writes its homes (25B, Tower 2; Tower 4, 16C; Blk 6 23D; Mr Chan (Flat 8A)): a flat in a numbered
# tower, or a flat by its floor and letter, is where someone lives (a meeting room is a Room).
_FLAT_AND_BLOCK = re.compile(
    r"(?<![A-Za-z0-9])(?:\d{1,2}[A-H],?[ \t]+(?:Tower|Block|Blk)\.?[ \t]+\d{1,2}[A-Z]?"
    r"|(?:Tower|Block|Blk)\.?[ \t]+\d{1,2}[A-Z]?(?:,[ \t]*|[ \t]+)(?:Flat[ \t]+)?\d{1,2}[A-H]"
    r"|Flat[ \t]+\d{1,2}[A-H])(?![A-Za-z0-9])"
)
# The estate or building named after such a flat (Blk 6 23D Laguna City, Blk 3, 12A, City One Shatin).
_NAMES_AFTER = re.compile(rf"[ \t]*,?[ \t]*({_CAPITALISED}(?:[ \t]{_CAPITALISED}){{0,3}})")


def _estate_after(text: str, end: int) -> int:
    """``end`` moved over the capitalised words after a flat when they name a place."""
    names = _NAMES_AFTER.match(text, end)
    if names is None:
        return end
    words = names[1]
    if _HAS_PLACE_WORD.search(words) or words.lower() in _lower_places() or words.split()[0].lower() in _lower_places():
        return names.end(1)
    return end


_CHINESE_DISTRICT_BEFORE = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,5})[ \t]+$")
_CHINESE_DISTRICT_AFTER = re.compile(r"[ \t]*[,，][ \t]*([\u4e00-\u9fff]{2,5})(?![\u4e00-\u9fff])")
_LOWER_HOME_ONLY = re.compile(rf"(?<![A-Za-z0-9]){_LOWER_HOME}")
# Estate first, flat last, in a chat's lower case: tin yiu estate, yiu on house rm 1203.
# ("on" is a word of many estates' names here: Yiu On, Lok On, Wah On.)
_LOWER_ESTATE_WORD = r"(?!(?:the|of|a|an|in|at|to|and|or|is|was|for|with|my|his|her|our|their|this|that)\b)[a-z]+"
_LOWER_ESTATE_FIRST = re.compile(
    rf"(?<![A-Za-z0-9])(?:{_LOWER_ESTATE_WORD}[ \t]){{1,3}}(?:estate|chuen|court|gardens?|city)[ \t]*,?[ \t]*"
    rf"(?:{_LOWER_ESTATE_WORD}[ \t]){{1,3}}(?:house|building|court|mansion|block)[ \t]*,?[ \t]*"
    rf"(?:(?i:{_FLOOR})[ \t]*,?[ \t]*)?(?i:flat|rm|room|unit)\.?[ \t]?(?i:{_ID})(?![A-Za-z0-9])"
)
_LOWER_PLACE_WORDS = (" house", " building", " mansion", " court", " estate", " garden", " villa", " chuen", " city")


@cache
def _districts() -> frozenset[str]:
    """Hong Kong districts and areas in English, from the gazetteer."""
    return frozenset(entry for entry in gazetteer.entries("places") if entry.isascii())


@cache
def _lower_districts() -> frozenset[str]:
    return frozenset(entry.lower() for entry in _districts())


@cache
def _lower_places() -> frozenset[str]:
    """Districts, estates and buildings in Latin script, lower-cased: a transcript's words."""
    kinds = ("places", "estates", "buildings")
    return frozenset(e.lower() for kind in kinds for e in gazetteer.entries(kind) if e.isascii())


# A chat's street in lower case after the flat and block (…the arch, 1 austin road west).
_LOWER_STREET = (
    r"\d{1,4}[a-z]?(?:-\d{1,4}[a-z]?)?[ \t]+(?:(?!(?:the|of|a|an|in|at|on|to|and|or|for|with)\b)[a-z']+[ \t]+){1,3}"
    r"(?:road|rd|street|st|avenue|ave|lane|path|drive|terrace|highway|crescent|praya|circuit)"
    r"(?:[ \t]+(?:east|west|north|south|central|middle))?(?![A-Za-z])"
)
_LOWER_STREET_AFTER = re.compile(rf"[ \t]*,?[ \t]*({_LOWER_STREET})")
# A chat's floor or flat and street in lower case (g/f, 27 pei ho street), or a street and the
# district after it (12 tung shan terrace, happy valley).
_LOWER_STREET_HOME = re.compile(
    rf"(?<![A-Za-z0-9])(?:(?i:{_FLOOR}|{_UNIT})[ \t]*,?[ \t]*{_LOWER_STREET}|{_LOWER_STREET}(?=[ \t]*,[ \t]*[a-z]))"
)
_LOWER_WORDS_AFTER = re.compile(r"[ \t]*,[ \t]*((?:[a-z]+[ \t]){0,3}[a-z]+)(?![A-Za-z])")


def _lower_tail(text: str, end: int) -> int:
    """``end`` moved over the estate, street and district a chat names in lower case after it."""
    while True:
        lower = _LOWER_PLACE_AFTER.match(text, end) or _LOWER_STREET_AFTER.match(text, end)
        if lower is not None:
            end = lower.end(1)
        elif (place_end := _lower_place_after(text, end)) is not None:
            end = place_end
        else:
            return end


def _lower_place_after(text: str, end: int) -> int | None:
    """End of a district, estate or building named in lower case after a comma at ``end``
    (…, tsim sha tsui at 6am): the longest run of words that is one."""
    words = _LOWER_WORDS_AFTER.match(text, end)
    if words is None:
        return None
    names = words[1].split()
    for count in range(len(names), 0, -1):
        name = " ".join(names[:count])  # words apart by one space or tab: as long as in the text
        if name in _lower_places():
            return words.start(1) + len(name)
    return None


_LOWER_WORDS_BEFORE = re.compile(r"((?:[a-z]+[ \t]){0,2}[a-z]+)[ \t]*,[ \t]*$")


def _lower_district_before(text: str, start: int) -> int:
    """Where an address in lower case starts: at the district named before it, if one is
    (tin shui wai, tin yiu estate, …)."""
    before = _LOWER_WORDS_BEFORE.search(text, max(0, start - 30), start)
    if before is None:
        return start
    words = before[1].split()
    for i in range(len(words)):
        name = " ".join(words[i:])  # words apart by one space or tab: as long as in the text
        if name in _lower_districts():
            return before.end(1) - len(name)
    return start


# A CSV row's next cell after an address's first line, quoted or not, and one part of it.
_PLACE_CELL_PART = re.compile(rf"{_CAPITALISED}(?:[ \t]+{_CAPITALISED})*\.?")
_NEXT_CELL = re.compile(r'(?:",[ \t]*"([^"\n]{2,60})"|,[ \t]*([^,"\n]{2,40})(?=,|$))', re.MULTILINE)


def _second_lines(text: str, found: list[RecognizerResult]) -> list[tuple[int, int]]:
    """A CSV row's second address line, the cell after the first (``"Rm 1502, 15/F, Hong Yat
    Hse","Tin Yat Est, Tin Shui Wai NT"``, ``…,Sham Shui Po,KLN``): an estate or district
    and nothing else, which the patterns read alone as a place."""
    spans = []
    for result in found:
        cell = _NEXT_CELL.match(text, result.end)
        if cell is None or text[result.start - 1 : result.start] not in (",", '"'):
            continue  # the address must fill a cell of its own
        group = 1 if cell[1] is not None else 2
        value = cell[group].strip()
        parts = [part.strip() for part in value.replace(" NT", ",").replace(" N.T.", ",").split(",") if part.strip()]
        if parts and all(
            _PLACE_CELL_PART.fullmatch(part) and (_HAS_PLACE_WORD.search(part) or part.lower() in _lower_places())
            for part in parts
        ):
            spans.append(cell.span(group))
    return spans


def _ends_in_district(value: str) -> bool:
    """Whether the last comma-separated part of ``value`` is a Hong Kong district."""
    head, comma, last = value.rpartition(",")
    return bool(comma) and "," in head and last.strip().lower() in _lower_districts()


# A room in a named office or public building and nothing else (no floor, street or
# estate): where a meeting, a class or a firm is, not where somebody lives. Homes in
# public estates are "Room 1215, Mei Hong House, ... Estate", with a house and an estate.
_VENUE_ROOM = re.compile(
    r"(?:Room|Rm\.?|Suite|Office)[ \t]*[A-Z]?\d{2,4}[A-Z]?,[ \t]*(?:[A-Z][\w'’&-]*[ \t]){1,4}"
    r"(?:Building|Centre|Center|Tower|Hall|Plaza)"
)


class EnglishAddressRecognizer(RegexRecognizer):
    def __init__(self) -> None:
        super().__init__("ADDRESS", "HkEnglishAddressRecognizer", ENGLISH)
        self._literals = None  # case-insensitive parts: no literal prefilter

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        # A flat or block and a building or estate named in lower case, with no floor, as
        # chats and transcripts write them: rm 2207 kwai yat house kwai fong estate.
        if any(word in text for word in _LOWER_PLACE_WORDS):
            for pattern in (_LOWER_HOME_ONLY, _LOWER_ESTATE_FIRST):
                for match in pattern.finditer(text):
                    if not any(r.start <= match.start() < r.end for r in results):
                        start = _lower_district_before(text, match.start())
                        results.append(tagged_result(self, self.recognizer_name, "ADDRESS", start, match.end(), 0.75))
        if " road" in text or " street" in text or " st" in text or " terrace" in text or " lane" in text:
            for match in _LOWER_STREET_HOME.finditer(text):
                if any(r.start < match.end() and match.start() < r.end for r in results):
                    continue
                end = _lower_tail(text, match.end())
                if end == match.end() and not re.match(r"(?i:\d|[LU]?G)[ \t]?/|[A-Za-z]", match[0]):
                    continue  # a street alone needs its district after it, or a floor or flat before it
                results.append(tagged_result(self, self.recognizer_name, "ADDRESS", match.start(), end, 0.7))
        if _ESTATE_FIRST_GATE.search(text) is not None:
            for match in ESTATE_FIRST.finditer(text):
                score = self.score(match, text)
                if score > 0.0:
                    results.append(tagged_result(self, self.recognizer_name, "ADDRESS", *self.span(match), score))
        if "ddress" in text or "DDRESS" in text or "ome" in text or "OME" in text:
            # Address:, Permanent address (Nepal), my home: a labelled value in any country's shape.
            # Unless the patterns found the address from its start: their span is the sharper
            # one (Address: 12 Nathan Road, 2024 Annual Report).
            for start, end in labelled_addresses(text):
                if not any(r.start <= start < r.end for r in results):
                    results.append(tagged_result(self, self.recognizer_name, "ADDRESS", start, end, 0.75))
        if "Tower" in text or "Block" in text or "Blk" in text or "Flat" in text:
            for match in _FLAT_AND_BLOCK.finditer(text):
                # (a weak reading that ran on into the owner's name, Flat 8C, Madam Chow, is no answer)
                if not any(r.start < match.end() and match.start() < r.end and r.score >= 0.5 for r in results):
                    end = _estate_after(text, match.end())
                    results.append(tagged_result(self, self.recognizer_name, "ADDRESS", match.start(), end, 0.7))
        for start, end in unit_columns(text):
            if not any(r.start < end and start < r.end for r in results):
                results.append(tagged_result(self, self.recognizer_name, "ADDRESS", start, end, 0.7))
        if "," in text:
            results += [
                tagged_result(self, self.recognizer_name, "ADDRESS", start, end, 0.7)
                for start, end in _second_lines(text, [r for r in results if r.score >= 0.5])
            ]
        return results

    def span(self, match: re.Match[str]) -> tuple[int, int]:
        """The match without the punctuation and spaces it may have run into, with a
        British postcode after it."""
        start = match.start(1)
        end = start + len(match[1].rstrip(" ,.;:\n\t"))
        last_word = match.string.rfind(" ", start, end) + 1
        # Code-mixed text may name the district in Chinese first (荃灣 Tsuen Wan Centre Block 5, …).
        district = _CHINESE_DISTRICT_BEFORE.search(match.string, max(0, start - 8), start)
        if district and district[1] in chinese_places():
            start = district.start(1)
        for at in (end, last_word):
            postcode = _UK_POSTCODE.match(match.string, at) if at > start else None
            if postcode:
                end = postcode.end()
                break
        end = _lower_tail(match.string, end)
        country = _COUNTRY_AFTER.match(match.string, end)
        if country:
            return start, country.end()
        # Code-mixed text names the district in Chinese last (Flat 7C, 7/F, 寶林邨寶寧樓, 將軍澳).
        district = _CHINESE_DISTRICT_AFTER.match(match.string, end)
        if district and district[1] in chinese_places():
            return start, district.end(1)
        return start, end

    def score(self, match: re.Match[str], text: str) -> float:
        value = match[1]
        has_street = _HAS_STREET.search(value) is not None
        has_unit = _HAS_UNIT.match(value) is not None
        if has_street:
            return 0.85 if has_unit else 0.7
        if has_unit and re.match(r"(?i:shop|kiosk|stall)\b", value):
            return 0.45  # Shop 308, Langham Place; Shop 112, 1/F, Sino Centre: a shop is a place, not a home
        if has_unit and re.match(r"(?:Level|LEVEL|Lvl)\b", value) and not re.search(_UNIT, value):
            return 0.45  # Level 12, One Exchange Square: an office tower's floor, a place
        if _VENUE_ROOM.fullmatch(value):
            return 0.45  # Room 301, Knowles Building: a room of a public or office building, no floor
        if has_unit:
            # A flat or floor and names: an estate address, or a flat in a named building,
            # or a house in a named development in a known district (House 12, Marina Cove, Sai Kung).
            if (
                _HAS_PLACE_WORD.search(value, 1)
                or _ANY_CASE_BLOCK.search(value, 1)
                or _HAS_FLAT_AND_FLOOR.match(value)
                or _ends_in_district(value)
            ):
                return 0.8
            return 0.45
        if re.match(_BLOCK, value):
            return 0.45  # "Phase 2, Wing A, ...": a block and names, but no flat or floor
        if _UNIT_OR_FLOOR.search(value):
            # Estate first: a flat or floor, and a block or a second of them, after it.
            return 0.8 if len(_UNIT_OR_FLOOR.findall(value)) + len(re.findall(_BLOCK, value)) >= 2 else 0.45
        return 0.6
