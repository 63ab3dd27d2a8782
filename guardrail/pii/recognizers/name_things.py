"""Where a capitalised word stands for a thing, a shop or a business, not a person.

Ledgers, registers and chats put names of things where a name could stand, and a
statistical model or a given-name list takes them for people:

- the value of a field whose label or column header names a thing: ``Item: kid's
  bottle (Paw Patrol)``, a ``home_uni`` column holding ``Sciences Po``, a ``Vessel``
  column;
- a table's header row (``Berth | Vessel | Owner``): its cells name columns;
- a shop after a place preposition: ``near Zara``, ``opposite Muji``;
- a business before ``嘅`` and a person's name (``我係 Happy Home 嘅 Joyce``: Joyce of
  Happy Home).

Each question is asked only of a candidate already found, so its cost is per finding.
Statistical NER sees a text with unpromising sentences blanked (a CSV header among
them), so its findings are judged here, on the whole text, by :func:`drop_things`.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from guardrail.pii.recognizers.columns import column_header, header_row
from guardrail.pii.recognizers.name_lexicon import (
    ZH_TRADE_WORDS,
    both_scripts,
    is_place,
    is_surname,
    longest_first,
    zh_surname_length,
)
from guardrail.pii.recognizers.names_data import GIVEN_SYLLABLES

# The last word of a label or header that says its value is a thing: what was found,
# made, sold, attended or sailed, or where ("Team members" heads people: its last word
# is "members").
_THING_KEYS = frozenset(
    """
    item items article object product goods model brand make vessel boat yacht ship uni
    university school college institution campus company firm organisation organization org
    hotel venue restaurant shop store location place city country destination airline course
    programme program module project team department dept colour colours color colors cover covers song
    songs season seasons flavour flavours flavor flavors ingredient ingredients material materials
    """.split()
)
_NAMED_THINGS = _THING_KEYS | frozenset("pet dog cat song band brand product shop boat horse".split())
_FOUND_AT = re.compile(r"(?i)(?:found|lost|left)[ _]at|where[ _](?:found|lost)")
# The label of a field on the same line before a value: "Item:", "Found at 拾獲地點:".
_LABEL_BEFORE = re.compile(r"(?:^|[|\n]|[ \t]{2})[ \t]*([A-Za-z][A-Za-z _/-]{1,30}?)[ \t]*[^\w\s\n]{0,1}[ \t]*[:：]")

_PLACE_PREPOSITION = re.compile(r"(?i)(?<![A-Za-z])(?:near|opposite|outside|inside|across from|in front of)[ \t]+$")
_AFFILIATION_AFTER = re.compile(r"(?:[ \t]+[A-Z][\w&'’-]*){0,3}[ \t]*嘅[ \t]*[A-Z][a-z]+")


def in_thing_field(text: str, start: int) -> bool:
    """Whether ``text[start]`` is in the value of a field or column that holds things."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    labels = list(_LABEL_BEFORE.finditer(before))
    if labels:
        last = labels[-1]
        # Only the nearest label governs: "Owner: X | Item: Y" puts Y under Item.
        if not re.search(r"[|]", before[last.end() :]) and _thing_key(last[1]):
            return True
    header = column_header(text, start)
    return header is not None and _thing_key(header)


def _thing_key(label: str) -> bool:
    words = re.split(r"[\s_/-]+", label.strip().lower())
    # "Pet name:", "Team name:": a thing's name is a thing's.
    named_thing = len(words) > 1 and words[-1] == "name" and words[-2] in _NAMED_THINGS
    return words[-1] in _THING_KEYS or named_thing or _FOUND_AT.search(label) is not None


def in_header_row(text: str, start: int) -> bool:
    """Whether ``text[start]`` is a cell of a table's header row."""
    return header_row(text, start)


def after_place_preposition(text: str, start: int) -> bool:
    """``near Zara``, ``opposite Muji``: a shop, not a person, after a place word."""
    return _PLACE_PREPOSITION.search(text[max(0, start - 16) : start]) is not None


_CAR_MAKER_BEFORE = re.compile(
    r"\b(?:Toyota|Honda|Nissan|Mazda|Mitsubishi|Subaru|Suzuki|Lexus|Hyundai|Kia|Volvo|Audi|BMW|Mercedes(?:-Benz)?"
    r"|Porsche|Tesla|BYD|Volkswagen|VW|Ford|Peugeot|Renault|Jaguar|Mini)[ \t]+$"
)


def after_car_maker(text: str, start: int) -> bool:
    """``Toyota Noah``, ``Honda Jazz``: a car's model after its maker, not a person."""
    return _CAR_MAKER_BEFORE.search(text, max(0, start - 14), start) is not None


def before_affiliate(text: str, end: int) -> bool:
    """``Happy Home 嘅 Joyce``: a business a person's name is of."""
    return _AFFILIATION_AFTER.match(text, end) is not None


def drop_things(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """``results`` less the PERSON findings that stand in a thing's field or column or in a
    table's header row of ``text``."""
    return [
        r
        for r in results
        if r.entity_type != "PERSON"
        or not (in_thing_field(text, r.start) or in_header_row(text, r.start) or _chapter(text, r.start, r.end))
    ]


_CHAPTER_NUMBER = re.compile(r"\.?[ \t]*\d")


def _chapter(text: str, start: int, end: int) -> bool:
    """A chapter of Hong Kong's laws (Insurance Ordinance (Cap. 41)), which NER reads as a name."""
    return text[start:end].lower() == "cap" and _CHAPTER_NUMBER.match(text, end) is not None


# What ends a business's name: Little Sprout Studio Ltd (not MUA: Mandy MUA is Mandy, the artist).
_BUSINESS_WORD = re.compile(
    r"[ \t]+(?:Studios?|Ltd\.?|Limited|Co\.|Company|Salon|Shop|Store|Boutique|Caf[eé]|Restaurant|Clinic|Workshop"
    r"|Bakery|Florist|Photography|Academy|Centre|Center|Kitchen|Lab|Gallery)\b"
    r"|[ \t]*(?:有限公司|工作室)"  # (not 公司 alone: Kelvin 公司 is Kelvin's company)
)


def drop_businesses(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """``results`` less the PERSON findings that name a business:

    - a name the text also writes before a business's word (a chat's sender ``Little
      Sprout`` of ``Little Sprout Studio Ltd``), or one that ends in it; only names with
      no surname in them, everywhere in the text (Mandy Ho of Mandy Ho Photography is
      still a person);
    - where it stands, a partner's name in a firm's (``Lo & Partners``, ``Ho & Tam
      Solicitors``, ``Wong, Hui & Partners``), and a name after a capitalised "The"
      (``dinner at The Aubrey``): a venue's or a firm's, not a person's;
    - a name a place word or a trade's word follows or ends (``Loke Yew Hall``, ``Tong Kee
      Sports``, ``Hop Lee Plumbing``), or a place word found alone after a capitalised word
      (``Park`` of ``Kowloon Tsai Park``);
    - a chatbot's persona (``I'm Ava, your virtual assistant``);
    - an account the text marks as a business's (``Inkhouse (Business)``), and a Chinese
      name no surname starts that the text also writes before a trade's word (the sender
      ``永伴`` of ``永伴寵物善終``).
    """
    names = {text[r.start : r.end] for r in results if r.entity_type == "PERSON"}
    businesses = {
        name
        for name in names
        if (not _has_surname(name) and _named_as_business(text, name)) or _zh_business(text, name)
    }
    return [
        r
        for r in results
        if r.entity_type != "PERSON" or not (text[r.start : r.end] in businesses or _in_firm_or_venue(text, r))
    ]


# A firm of partners after a name: & Partners, & Tam Solicitors, , Hui & Partners.
_FIRM_AFTER = re.compile(
    r"[ \t]*(?:,[ \t]*[A-Z][a-z]+[ \t]*)?&[ \t]*(?:[A-Z][a-z]+[ \t]+)?"
    r"(?:Partners|Associates|Co\b|Company|Sons|Solicitors|LLP|Architects|Accountants|Consultants|Surveyors"
    # (or a trade's or a venue's word: Whitmore & Kwok Gallery, Lloyd & Cole Brokers)
    r"|Gallery|Galleries|Brokers?|Insurance|Realty|Properties|Holdings|Capital|Trading|Logistics|Engineering|Design)\b"
)
_FIRM_WORD_END = re.compile(r"\b(?:Solicitors|Partners|Associates|LLP|Architects|Accountants|Consultants|Surveyors)$")
_THE_BEFORE = re.compile(r"(?<=[a-z,] )The $")
_SCHOOL_WORD = r"Anglican|Lutheran|Baptist|Methodist|Catholic|Adventist|Presbyterian|SS|PS"
# What a place named after someone ends in: Loke Yew Hall, Kowloon Tsai Park, Tong Kee Sports.
_PLACE_WORD = (
    r"Park|Hall|Gardens?|Court|House|Tower|Building|Centre|Center|Plaza|Square|Road|Street|Avenue|Lane|Terrace"
    r"|Estate|Station|Stadium|Pier|Beach|Playground|Pool|Library|Hospital|School|College|Church|Temple|Mall"
    r"|Arena|Museum|Theatre|Lodge|Mansions?|Villas?|Sports|Galleria|Arcade|Chuen"
    # a school run by a church, as its name is shortened: Tsing Yi Lutheran, Ling Yan SS
    rf"|{_SCHOOL_WORD}"
)
# A school's name ends in its church or its kind (Ho Man Tin Anglican, Tai Po Ling Yan SS).
_SCHOOL_END = re.compile(rf"[ \t](?:{_SCHOOL_WORD})$")
# What a trade's name ends in: Hop Lee Plumbing, Kwong Fat Aircon, Rich Harvest Capital.
_TRADE_WORD = (
    r"Plumbing|Hardware|Locks?|Locksmiths?|Aircon|Printing|Printers|Shipping|Adjusters|Imaging|Capital|Trading"
    r"|Motors|Engineering|Renovations?|Decoration|Logistics|Transport|Travel|Electrical|Electronics|Taxi|Co-op"
    r"|Showroom|Tailors?|Florists?|Pharmacy|Dental|Optical|Laundry|Movers|Removals|Realty|Properties|Holdings"
    r"|Ventures|Catering|Cakes|Bakery|Repairs?|Tailoring|Creative|Couriers|Kiosk|Camera[ \t]+Trade"
    r"|Jewell?e?ry|Goldsmiths?|Appliances|Gallery|Advisory|Fresh|Fine[ \t]+Art|Brokers?|Brokerage"
    # a boat's home: Harbour Crest Marina, Aberdeen Boat Club
    r"|Marina|Boatyard|Shipyard|Yacht[ \t]+Club|Boat[ \t]+Club"
    # a children's party venue: Jumpy Jungle Party Room
    r"|Party[ \t]+Room"
)
# What a business's name may open with: Galerie Odette, Atelier Mira, Maison Lune.
_TRADE_OPENING = re.compile(r"(?:Galerie|Atelier|Maison|Boutique|Studio|Casa)[ \t]")
_TRADE_OPENING_BEFORE = re.compile(
    # (and Messrs., which a letter puts before a firm's partners: To: Messrs. Oldfield Lai & Ng)
    r"(?<![A-Za-z])(?:Galerie|Atelier|Maison|Boutique|Casa|Messrs\.?)[ \t]$"
)
# A Hong Kong shop's name ends in Kee (記) before its trade: Ho Kee Jewellery, Fung Kee Fresh.
_KEE_BEFORE_TRADE = re.compile(r"(?<![A-Za-z])Kee[ \t]+[A-Z]")
# A single name in quotation marks beside a product's noun names a product, a work or a
# show ("Sienna" solitaire, Plain band "Hudson", the "Eleanor" pearl earrings), not where
# someone is quoted, named or tagged (said "Kelvin", salesperson "May", name="鄧敏慧").
_OPEN_QUOTE = re.compile('["“]$')
_CLOSE_QUOTE = re.compile('["”]')
_WORD_BEFORE_QUOTE = re.compile(r"([A-Za-z]+|[=:])[ \t]*[\"“]$")
_WORD_AFTER_QUOTE = re.compile(r"[\"”][ \t]*([A-Za-z]+)")
# Words around a quoted name that leave it a person's: verbs of saying and calling,
# prepositions, conjunctions, auxiliaries, and the people and tags a name is given to.
_PERSON_AROUND = frozenset(
    """said says say asked ask asks told tell tells call calls called named name nicknamed aka pref prefers
    goes go went came come comes wrote writes replied replies sent texted messaged emailed and or but to from
    for with by at of on in is was were are will would can could should may might has had have did does do
    as like than that who which dear hi hello hey thanks thank ms mr mrs miss dr gave gives got get gets
    took takes made makes left leaves booked paid signed saw sees met meets
    salesperson nurse doctor admin user username customer client staff agent driver helper officer manager
    teacher coach tutor son daughter wife husband mum mom mother father dad brother sister friend colleague
    boss tag badge account accounts member guest patient tenant landlord neighbour neighbor cousin uncle
    auntie aunt partner boyfriend girlfriend law handle sender contact""".split()
)


def _quoted_title(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, one Latin word, stands alone in quotation marks beside a
    product's noun: a lower-case word after it, with no person's word or key before it."""
    value = text[start:end]
    if not (value.isascii() and value.isalpha()) or not _CLOSE_QUOTE.match(text, end):
        return False
    if not _OPEN_QUOTE.search(text, 0, start):
        return False
    before = _WORD_BEFORE_QUOTE.search(text, max(0, start - 24), start)
    if before and (not before[1].isalpha() or before[1][0].isupper() or before[1].lower() in _PERSON_AROUND):
        return False  # Rafael "Rafa" Gutiérrez, (pref. "Kit"), said "Kelvin", name="…"
    after = _WORD_AFTER_QUOTE.match(text, end)
    if after and after[1].islower() and after[1] not in _PERSON_AROUND:
        return True  # "Sienna" solitaire, the "Eleanor" pearl earrings
    return before is not None and before[1] in _PRODUCT_NOUNS  # Plain band "Hudson",


# Nouns a product's or a work's name follows: band "Hudson", model "Aria", the painting "Eve".
_PRODUCT_NOUNS = frozenset(
    """band ring set model edition collection series range scent colour color shade show play painting
    sculpture work item product perfume bag sofa chair bed cake dish cocktail menu song album film book
    novel track design pattern style fabric print flavour flavor variety""".split()
)


_PLACE_AFTER = re.compile(rf"[ \t]+(?:{_PLACE_WORD}|{_TRADE_WORD})\b")
_TRADE_END = re.compile(rf"(?i)[ \t](?:{_TRADE_WORD})$")
_PLACE_ALONE = re.compile(_PLACE_WORD)
_CAPITALISED_BEFORE = re.compile(r"(?<![\w'’-])[A-Z][a-z]+[ \t]+$")
# A chatbot's persona: "I'm Ava, your virtual assistant", "You are Max, an AI agent".
_PERSONA_AFTER = re.compile(
    r"(?i),?[ \t]+(?:your|a|an|the)[ \t]+(?:[\w-]+[ \t]+)?(?:virtual|digital|ai|automated|chat)[ \t]*"
    r"(?:assistant|agent|bot|concierge|helper)\b|,?[ \t]+(?:your|a|an|the)[ \t]+(?:[\w-]+[ \t]+)?chat[ \t]?bot\b"
)


# A Chinese company's legal ending: a finding that takes any of it (程有 of 工程有限公司) is
# a piece of the company's name.
_ZH_COMPANY_END = re.compile("有限(?:責任|责任)?公司|股份有限")


def _takes_company_end(text: str, start: int, end: int) -> bool:
    ending = _ZH_COMPANY_END.search(text, start, end + 4)
    return ending is not None and ending.start() < end


def _in_firm_or_venue(text: str, result: RecognizerResult) -> bool:
    return (
        _takes_company_end(text, result.start, result.end)
        or _FIRM_AFTER.match(text, result.end) is not None
        or _FIRM_WORD_END.search(text, result.start, result.end) is not None
        or _THE_BEFORE.search(text, max(0, result.start - 8), result.start) is not None
        or _PLACE_AFTER.match(text, result.end) is not None
        or _TRADE_END.search(text, result.start, result.end) is not None
        or _SCHOOL_END.search(text, result.start, result.end) is not None
        or _opens_with_place(text[result.start : result.end])
        or _inside_place(text, result.start, result.end)
        or _PERSONA_AFTER.match(text, result.end) is not None
        or _TRADE_OPENING.match(text, result.start) is not None
        or _TRADE_OPENING_BEFORE.search(text, max(0, result.start - 9), result.start) is not None
        or _KEE_BEFORE_TRADE.match(text, max(result.start, result.end - 3)) is not None
        or _quoted_title(text, result.start, result.end)
        or (
            not text[result.start : result.end].isascii()
            and (_ZH_TRADE_NEXT.match(text, result.end) or _ZH_KEE_NEXT.match(text, result.end)) is not None
            and not _someones_given_name(text, text[result.start : result.end])
        )
        or (
            _PLACE_ALONE.fullmatch(text, result.start, result.end) is not None
            and _CAPITALISED_BEFORE.search(text, max(0, result.start - 20), result.start) is not None
        )
    )


def _opens_with_place(value: str) -> bool:
    """``Kwun Tong Ming Yin``, ``Tao Heung Tai Po``: a name a district, an estate or a brand
    of two or three words opens is a school's, a shop's branch or a venue's. (One word is
    not enough: Stanley Chan.)"""
    words = value.split()
    if len(words) == 3 and is_surname(words[0]) and all(w.lower() in GIVEN_SYLLABLES for w in words[1:]):
        return False  # Wong Tai Shing: a surname and two syllables, whatever place Wong Tai is
    return any(len(words) > size and is_place(" ".join(words[:size])) for size in (2, 3))


_WORD_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][a-z]+)[ \t]$")
_WORD_AFTER = re.compile(r"[ \t]([A-Z][a-z]+)(?![\w'’-])")


def _inside_place(text: str, start: int, end: int) -> bool:
    """``Fu Tsai`` of ``CP7 Tin Fu Tsai``: a name that a capitalised word before or after
    makes a place's."""
    value = text[start:end]
    if not value.isascii():
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 16), start)
    after = _WORD_AFTER.match(text, end)
    return (before is not None and is_place(f"{before[1]} {value}")) or (
        after is not None and is_place(f"{value} {after[1]}")
    )


def _has_surname(name: str) -> bool:
    return any(is_surname(word) for word in re.findall(r"[A-Za-z]+", name)) or not name.isascii()


def _named_as_business(text: str, name: str) -> bool:
    ending = _BUSINESS_WORD.search(name)
    if ending is not None and ending.end() == len(name):
        return True
    return any(
        _BUSINESS_WORD.match(text, found.end()) or _BUSINESS_MARK.match(text, found.end())
        for found in re.finditer(rf"(?<![A-Za-z]){re.escape(name)}", text)
    )


# What a chat app or a contact list writes after a business's account: Inkhouse
# (Business), Golden Mitre (shop phone), 永伴（商業帳戶）.
_BUSINESS_MARK = re.compile(
    r"[ \t]*[(（][ \t]*(?:WhatsApp[ \t]+)?(?:[Bb]usiness|[Ss]hop|[Ss]tore|[Ss]tudio|[Oo]fficial|商業|商业|商戶|商户|店舖|公司)"
    r"(?:[ \t]+(?:phone|account|acct|line|number|no\.?|tel))?[ \t]*(?:帳戶|账户|帳號|账号)?[)）]"
)
# A Chinese trade's word after a name makes the name a business's (偉業汽車維修,
# 永伴寵物善終, 思源代拜山服務): the sender 偉業 or 永伴 is that business.
_ZH_TRADE_AFTER_WORDS = ZH_TRADE_WORDS | both_scripts(
    (
        "有限公司",
        "酒店",
        "燒臘",
        "汽車",
        "工程",
        "洗衣",
        "花店",
        "貿易",
        "五金",
        "電器",
        "搬屋",
        "搬家",
        "運輸",
        "物流",
        "集團",
        "科技",
        "實業",
        "金舖",
        "茶餐廳",
        "麵家",
        "飯店",
        "供應鏈",
        "電商",
        "商行",
        "傳媒",
        "餐飲",
        "超市",
    )
)
_ZH_TRADE_AFTER = re.compile("|".join(longest_first(_ZH_TRADE_AFTER_WORDS)))
# A shop named for its owner: 周生記, 陳記 (記 then anything but a word 記 starts: 陳生記得,
# 記住, 記錄, 記者).
_ZH_KEE_NEXT = re.compile(r"[生太]?[記记](?![得住錄录者憶忆性帳账號号載载低下緊紧])")
# A trade's word right after a Chinese finding: the finding is the start of a business's
# name (海景嘉福酒店, 偉業汽車維修, 李錦華海鮮酒家). Not 補習 (李卓恩補習: tutoring her),
# and not across other characters (蕭家樂被公司裁咗: her son, laid off by a firm).
_ZH_TRADE_NEXT = re.compile("|".join(longest_first(_ZH_TRADE_AFTER_WORDS - both_scripts(("補習",)))))


def _zh_business(text: str, name: str) -> bool:
    """A Chinese name no surname starts that the text also writes before a trade's word."""
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", name) or zh_surname_length(name) > 0:
        return False
    if _someones_given_name(text, name):
        return False
    return any(_ZH_TRADE_AFTER.match(text, f.end()) for f in re.finditer(re.escape(name), text))


def _someones_given_name(text: str, name: str) -> bool:
    """甘偉業先生 beside 偉業汽車: the text also writes ``name`` after a surname, as a
    person's given name, which a shop's name would give away; or before a person's full
    name in brackets (樂樂（黃樂天） beside 樂樂學校: the child's school, not a school's name)."""
    for found in re.finditer(re.escape(name), text):
        if found.start() > 0 and zh_surname_length(text[found.start() - 1 : found.start()], rare=True):
            return True
        full = _BRACKETED_FULL_NAME.match(text, found.end())
        if full is not None and zh_surname_length(full[1], rare=True):
            return True
    return False


_BRACKETED_FULL_NAME = re.compile(r"[ \t]*[（(][ \t]*([\u4e00-\u9fff]{2,4})[ \t]*[)）]")
