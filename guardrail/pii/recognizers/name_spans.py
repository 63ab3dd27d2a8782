"""Reading a name that starts at a given place: in Latin letters or Chinese characters.

Every name recognizer here, once something (a label, a title, a greeting) says a name
starts at an offset, asks the same question: how far does it go? These readers answer
it: words joined by single spaces, once by a comma (``SCHMIDT, Lukas``) or a slash
(``MAK/WINGSZE``), stopping at role, field and ordinary words, at a business word after
the name (``Ho King Commercial Centre``) and at places; Chinese characters spaced out or
broken over a line, less a title after them.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from guardrail.pii.recognizers.name_lexicon import (
    HAN,
    ZH_HONORIFICS,
    is_given,
    is_place,
    is_surname,
    never_a_name,
    zh_name_shape,
    zh_place_overlaps,
    zh_surname_length,
)

STOP = frozenset(STOP_WORDS) | frozenset(
    """
    action result status step input output error warning info question answer response
    request reply comment comments update issue problem solution fix cause impact priority
    severity category type source target price cost fee qty quantity item items product
    model brand colour color size weight condition area district region zone level grade
    score rating outcome decision recommendation plan goal task todo done pending deadline
    due start end duration frequency dose dosage medication diagnosis symptoms history
    allergy allergies bp temp pulse height impression assessment advice rx dx hx sx tx obs
    exam findings conclusion signature signed sex gender age dob nationality occupation
    passport hkid id no number code tel mobile phone email fax address n/a na nil tbc tba
    unknown same above below pls please thx ok yes um uh er erm hmm yeah yep nope walk-in
    vacant none sent importance attachments reservations reservation sales accounts
    finance admissions enquiries inquiries hiring recruitment concierge housekeeping frontdesk
    colleagues friends parents residents members customers clients guests patients students
    staff everyone everybody all sir madam support internal external
    """.split()
)
# Particles inside names, lower-case even in a capitalised name.
PARTICLES = frozenset("de dela del delos da das do dos van von der den bin binti bte al el la le di du".split())
# Latin letters, accented ones too (José Núñez, Zoë, Nguyễn): names from everywhere.
L = "A-Za-zÀ-ÖØ-öø-ÿĀ-ɏḀ-ỿ"
U = "A-ZÀ-ÖØ-Þ"
WORD = re.compile(rf"[{L}](?:[{L}]|['’](?=[{L}]))*(?:-[{L}]+)*\.?(?![{L}0-9])")
# Words after a name that make it a business or a place: Pacific Cable customer service,
# Chiu Brothers Holdings, Complaints Handling Unit.
ORG_WORDS = frozenset(
    """
    customer service services team department dept unit office company co ltd limited bank
    group holdings engineering hotline support centre center shop store restaurant hotel
    estate building tower house mansion court garden gardens plaza mall road street hospital
    clinic school college university church station works trading renovation international
    properties property insurance logistics travel agency brothers bros association society
    foundation fund trust partners consulting solutions technology technologies systems
    industries enterprises corporation corp inc llc plc branch section division committee
    council board club academy institute kindergarten nursery pharmacy salon studio cafe
    bar kitchen express mobile telecom motors garage workshop resources audit compliance
    legal marketing operations observatory government bureau authority commission police
    secretariat ministry tribunal registry treasury desk helpdesk relations affairs
    management administration procurement accounting payroll security facilities
    commercial industrial bakery noodle noodles congee dining bistro grill teahouse kee
    dessert desserts seafood dim sum roast bbq tea cake cakes bakeries catering
    scaffolding construction contractors contracting decoration transport transportation
    lab labs laboratory library trail scholarship scholarships prize memorial lecture printer hall halls faculty
    chambers arcade mansions heights villa villas lodge manor
    hub depot warehouse godown gopc sopc polyclinic ops
    beach bay pier temple market village terminal stadium campus wharf promenade
    cpa cpas solicitors llp associates accountants
    beauty nail nails lash supplies supply foods food gmbh spa auto repairs
    crematorium cemetery columbarium funeral parlour parking lounge settlement
    motor bus buses ferry ferries production productions films pictures entertainment
    hostel hostels events
    primary secondary ventures capital locksmith locksmiths party rooms suite suites bookings
    """.split()
)


def word_ok(word: str, *, lower_ok: bool) -> bool:
    if word in ("Ma.", "MA."):
        return True  # Ma. Theresa: Maria, as Filipino names abbreviate it
    bare = word.rstrip(".")
    lower = bare.lower()
    if re.search(r"['’](?:re|ll|s|ve|d|m|t)$", lower) and not re.match(r"[od]['’]", lower):
        return False  # we're, I'll, it's: contractions, not names
    if lower in PARTICLES or _ARTICLE_JOINED.match(bare):
        return True  # de, van; al-Mansouri, el-Sayed: an Arabic article joined to the name
    if never_a_name(bare) or lower in STOP:
        return False
    return lower_ok or bare[:1].isupper()


# A line that only finishes a name broken over a line break (``Sarah-Jane⏎O'Connell``):
# one to three capitalised words and nothing else.
_REST_OF_NAME = re.compile(r"[A-Z][A-Za-z'’-]+(?:[ ][A-Z][A-Za-z'’-]+){0,2}[ \t]*(?=\n|$|[ \t]*\|)")


# A word an OCR or a form spaced out letter by letter: S U B R A M A N I A M.
_SPACED_CAPITALS = re.compile(rf"[{U}](?: [{U}]){{3,}}(?![{L}])")
_NICKNAME_GAP = re.compile(rf" \([{U}][{L}'’-]+\) (?=[{U}])")
_CELL_END = re.compile(r"[ \t]*(?:[,|\t\n]|$)")
# A flat, block or phone label before its number: where a name in lower case stops.
_UNIT_BEFORE_NUMBER = re.compile(r"(?i:rm|room|flat|unit|blk|block|hse|apt|tel|mob|fax)\.?[ \t]?\d")
_ARTICLE_JOINED = re.compile(rf"(?:al|el|ad|ar|as|ash|az|an|at)-[{U}]")
_INITIALS = re.compile(rf"((?:[{U}]\.){{1,3}})[ ]?(?=[{L}])")


def _csv_row(text: str, pos: int) -> bool:
    """Whether the line around ``pos`` is a CSV row: cells joined by bare commas."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return len(_BARE_COMMA.findall(text, start, len(text) if end < 0 else end)) >= 2


_BARE_COMMA = re.compile(r",(?! )")


def latin_name_at(
    text: str, pos: int, *, lower_ok: bool, max_words: int = 5, newline_ok: bool = False
) -> tuple[int, int] | None:
    """Span of a Latin-script name starting at ``pos`` (after a label), or None.

    Words are joined by one space, and once each by a comma (``SCHMIDT, Lukas``) and by
    a slash (``MAK/WINGSZE``); ``newline_ok`` lets an all-capital name run on over one
    line break, as in scanned forms, and any name whose rest fills the next line alone.
    """
    words: list[tuple[int, int]] = []
    comma = slash = False
    i = pos
    initials = _INITIALS.match(text, pos)
    after = WORD.match(text, initials.end()) if initials is not None else None
    if (
        initials is not None
        and len(initials[1]) == 2
        and not (after is not None and (is_surname(after[0].rstrip(".")) or after[0] in PARTICLES))
    ):
        initials = None  # A. Concerned Citizen: one initial leads only a surname the lists know
    if initials is not None:
        # P.J. de Vries, J.R.R. Tolkien: dotted initials lead a surname.
        words.append((pos, initials.end(1)))
        i = initials.end()
    nickname = False
    while len(words) < max_words:
        match = _SPACED_CAPITALS.match(text, i) or WORD.match(text, i)
        if match is None:
            break
        if _UNIT_BEFORE_NUMBER.match(text, match.start()):
            break  # CHEUNG, Ho Yin Kenny rm 1702 blk b: the address after the name
        if not word_ok(match[0], lower_ok=lower_ok):
            # dickson so, Wong Ka Ho To: a surname that is also a small word ends a cell's name.
            if words and is_surname(match[0]) and _CELL_END.match(text, match.end()):
                words.append(match.span())
            break
        end = match.end()
        if match[0].endswith(".") and len(match[0].rstrip(".")) > 1 and match[0] not in ("Ma.", "MA."):
            end -= 1  # a full stop after a word ends the sentence, not the name
            words.append((match.start(), end))
            break
        words.append((match.start(), end))
        # CHAN / HO YAN: a crew list or booking spaces the slash out.
        gap_match = re.match(r" ?, ?| ?/ ?| {1,2}|\n", text[end : end + 3])
        bracketed = _NICKNAME_GAP.match(text, end) if not nickname else None
        if bracketed is not None and WORD.match(text, bracketed.end()):
            # Ka Yee (Kaye) Fong: an English name in brackets inside the name
            nickname = True
            i = bracketed.end()
            continue
        if gap_match is None or (gap_match[0] == "  " and " " not in match[0]):
            break  # two spaces only after a letter-spaced word (S U B R A M A N I A M  Priya)
        gap = gap_match[0]
        if "," in gap:
            if comma or (not gap.endswith(" ") and _csv_row(text, end)):
                break  # Lestari,X 4409217: a CSV row's comma ends the cell, and the name
            if len(words) >= 2:
                # After a full name, a comma joins only an English name (Ho Ka-lok, Gordon),
                # not the next item of a list (Dr Anand Rao, Ward 5B).
                following = WORD.match(text, end + len(gap))
                inverted = text[words[0][0] : words[0][1]] in PARTICLES and len(words) <= 3
                if (
                    following is None
                    or not (
                        is_given(following[0].rstrip("."), in_position=True)
                        # de Vries, Pieter; van der Berg, Anna: a surname a particle leads, inverted
                        or (inverted and following[0][:1].isupper())
                    )
                ):
                    break
            comma = True
        elif "/" in gap:
            if slash or len(words) > 1:
                break  # the slash comes after the surname (MAK/WINGSZE), not after a full name (… / IH-M-1187)
            slash = True
        elif gap == "\n":
            if not newline_ok:
                break
            following = WORD.match(text, end + 1)
            if following is None:
                break
            if not (match[0].isupper() and following[0].isupper()) and not _REST_OF_NAME.match(text, end + 1):
                break
        i = end + len(gap)
    # Trailing particles or a lone initial after a comma are not the name's end.
    while words and text[words[-1][0] : words[-1][1]].lower() in PARTICLES:
        words.pop()
    if not words:
        return None
    # A place or an org word ends the name before it: "Hari Wan Chai" is a hotel.
    for k in range(1, len(words)):
        if is_place(text[words[k][0] : words[-1][1]]) or is_place(
            text[words[k][0] : words[min(k + 1, len(words) - 1)][1]]
        ):
            words = words[:k]
            break
    if len(words) > 1 and any(is_place(text[words[0][0] : words[k][1]]) for k in range(1, min(3, len(words)))):
        return None  # Hong Kong Identity Card: a place leads it
    start, end = words[0][0], words[-1][1]
    value = text[start:end]
    following = WORD.match(text, end + 1) if end < len(text) and text[end] in " \t" else None
    if following and following[0].lower().rstrip(".") in ORG_WORDS:
        return None
    if len(words) > 1 and any(text[s:e].lower().rstrip(".") in ORG_WORDS for s, e in words[1:]):
        return None  # Human Resources, Internal Audit, Complaints Handling Unit
    if is_place(value) or all(len(w.strip(".")) < 2 for w in re.split(r"[\s,/]+", value)):
        return None
    if (
        len(words) == 1
        and value.isupper()
        and (len(value) <= 2 or len(value) <= 4 and not (is_given(value) or is_surname(value)))
    ):
        return None  # ISP, IT, KYC, IP: an abbreviation
    return start, end


HAN_CHAR = re.compile(f"[{HAN}]")


def chinese_name_at(text: str, pos: int) -> tuple[int, int] | None:
    """Span of a Chinese name starting at ``pos``, letters possibly spaced out
    (``黎 詠 芝``) or broken over a line after the surname, as scanned forms have them."""
    chars: list[tuple[int, str]] = []
    i = pos
    while i < len(text) and len(chars) < 8:
        if HAN_CHAR.match(text, i):
            chars.append((i, text[i]))
            i += 1
            continue
        gap = re.match(r"[ \t]{1,2}|\n", text[i : i + 2])
        if gap is None or not chars or not HAN_CHAR.match(text, i + len(gap[0])):
            break
        if gap[0] == "\n" and len(chars) != 1:
            break
        surname_gap = zh_surname_length("".join(ch for _, ch in chars), rare=True) == len(chars)
        if gap[0] != "\n" and not spaced(text, pos) and not surname_gap:
            break  # (歐陽 朗, 陳 大文: a space only after the surname is one name too)
        i += len(gap[0])
    squeezed = "".join(ch for _, ch in chars)
    for honorific in ZH_HONORIFICS:
        if squeezed.endswith(honorific):
            if len(squeezed) <= len(honorific) + 1:
                return None  # 黃師傅: a surname and a title, no name
            squeezed = squeezed[: -len(honorific)]
            chars = chars[: len(squeezed)]
            break
    if not zh_name_shape(squeezed, rare=True):
        return None
    start, end = chars[0][0], chars[-1][0] + 1
    if zh_place_overlaps(text, start, end):
        return None
    return start, end


def spaced(text: str, pos: int) -> bool:
    """Whether the characters from ``pos`` are typed with spaces between them."""
    return re.match(f"[{HAN}][ \t]{{1,2}}[{HAN}][ \t]{{1,2}}[{HAN}]", text[pos : pos + 9]) is not None


# An all-capital field with no colon, as scanned forms print it: ``Surname MENON``.
