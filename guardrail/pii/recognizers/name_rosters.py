"""Latin-script names in the shapes that rosters, papers, exports and lists give them.

- a surname before a comma, as directories and meeting tools sort people:
  ``Ho, Jasmine``, ``Santos, Ma. Lourdes R.``, and an English name after a comma that
  ends a surname-first name: ``LAU Wing Sze, Angel``;
- initials: with a surname (``S.-J. Kwon``, ``A. F. D'Souza``), alone as a paper's
  authors sign their contributions (``K.W.C. designed the study; M.S. and P.R.
  collected samples``), and spaced after a surname in capitals (``CHEUNG M L``);
- a numbered roster line that leads with a surname in capitals (``3  FERNANDES Joaquim
  Miguel``, ``O'NEILL Ciaran``) and the pinyin beside a Chinese name (``刘芳 / LIU FANG``);
- a given name that is also a word, or hyphenated, before a surname (``Apple Ng``,
  ``Rose-Marie Tan``, ``Hyun-woo Cho``) and a nickname quoted inside a name
  (``Pui Man "Summer" Kwok``);
- the entries of a meeting's attendee line (``Attendees: Hiroshi W., Mandy, Crystal
  (minutes)``);
- one given name where only a person fits: before ``, who`` and before a possessive of
  a person's things (``Honey, who waited``, ``Mandy's mobile``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrail.pii.recognizers.name_lexicon import GIVEN, HAN, is_given, is_place, is_surname, never_a_name
from guardrail.pii.recognizers.name_spans import ORG_WORDS, STOP, L, U, latin_name_at
from guardrail.pii.recognizers.names_data import GIVEN_SYLLABLES, ROMANISED_SURNAMES, WORD_GIVEN_NAMES
from guardrail.text.start_gate import gate

Found = Iterator[tuple[int, int, float]]

_NAME_WORD = rf"[{U}][a-zà-öø-ÿ]+"
_SURNAME_WORD = rf"(?:(?:Ma?c|Fitz)?[{U}][a-zà-öø-ÿ]+|[{U}]{{2,}}|[DO]['’][{U}][{L}]+)"


def _bad_word(word: str) -> bool:
    lower = word.lower().strip(".")
    return never_a_name(word) or lower in STOP or lower in ORG_WORDS


# ---- Surname, Given ----

_COMMA_INVERTED = gate(
    re.compile(
        rf"(?<![{L}'’.-])(?P<surname>{_SURNAME_WORD}(?:[ -]{_SURNAME_WORD})?),[ \t]"
        rf"(?P<given>(?:Ma\.[ \t])?{_NAME_WORD}(?:-[a-zà-öø-ÿ]+|[ -]{_NAME_WORD}){{0,2}})"
        rf"(?P<initial>[ \t][{U}]\.)?(?![{L}-]|['’](?!s\b))"
    )
)
_SURNAME_FIRST_THEN_ENGLISH = re.compile(
    rf"(?<![{L}'’-])(?P<name>[{U}]{{2,}}(?:[ \t][{U}][a-z]+(?:-[a-z]+)?){{1,3}}),[ \t](?P<english>{_NAME_WORD})(?![{L}'’-])"
)


def comma_inverted(text: str) -> Found:
    """``Ho, Jasmine``: a known surname, a comma, then given names."""
    if ", " not in text:
        return
    for match in _COMMA_INVERTED.finditer(text):
        surname, given = match["surname"], match["given"]
        surnames = re.split(r"[ -]", surname)
        givens = [w for w in re.split(r"[ -]", given.removeprefix("Ma. ")) if w]
        if not is_surname(surnames[-1]) or any(_bad_word(w) for w in givens):
            continue
        if any(_bad_word(w) for w in surnames) and not (
            not any(never_a_name(w) for w in surnames) and _speaker_entry(text, match.start(), match.end("given"))
        ):
            continue  # So, Derek, what do you think? -- but "> So, Derek: ..." is a speaker
        if not (is_given(givens[0], in_position=True) or givens[0].lower() in GIVEN_SYLLABLES):
            continue
        if is_place(surname) or is_place(given):
            continue
        end = match.end() if match["initial"] else match.end("given")
        yield match.start(), end, 0.75
    for match in _SURNAME_FIRST_THEN_ENGLISH.finditer(text):
        words = match["name"].split()
        if not is_surname(words[0]) or not is_given(match["english"], in_position=True):
            continue
        if any(_bad_word(w) for w in words) or not all(w.lower().split("-")[0] in GIVEN_SYLLABLES for w in words[1:]):
            continue
        yield match.start(), match.end(), 0.75


_LINE_START = re.compile(r"(?:^|\n)[ \t>]*(?:\[[^\]\n]{1,30}\][ \t]*)?$")


def _speaker_entry(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` opens a line and a colon or a meeting event follows it."""
    if _LINE_START.search(text[max(0, start - 40) : start]) is None and start > 0:
        return False
    return re.match(r"[ \t]*(?::|joined\b|left\b|replied\b)", text[end : end + 10]) is not None


_TRADING_AS = re.compile(
    rf"(?<![{L}'’-])(?P<name>[{U}][{L}'’-]+(?:[ \t][{U}][{L}'’-]+){{1,4}})[ \t]+(?:trading|t/a)[ \t]+as\b",
)


def trading_as(text: str) -> Found:
    """``HUI Chun Man trading as ...``: a sole proprietor, a person before the business."""
    if "trading as" not in text and "t/a as" not in text:
        return
    for match in _TRADING_AS.finditer(text):
        words = match["name"].split()
        if any(_bad_word(w) for w in words) or is_place(match["name"]):
            continue
        if is_surname(words[0]) or is_surname(words[-1]) or is_given(words[0], in_position=True):
            yield *match.span("name"), 0.75


# ---- initials ----

_INITIAL = rf"[{U}]\.(?:-?[{U}]\.)*"
_INITIALS_SURNAME = re.compile(
    rf"(?<![{L}.])(?P<initials>{_INITIAL}(?:[ \t]?-?{_INITIAL}){{0,2}})[ \t]?(?P<surname>{_SURNAME_WORD})(?![{L}'’])"
)
_CONTRIBUTION = re.compile(
    r"(?<![A-Za-z.])(?:[A-Z]\.-?){2,4}(?=(?:,? (?:and |& )?(?:[A-Z]\.-?){2,4})*,? "
    r"(?:conceived|designed|performed|collected|analy[sz]ed|wrote|drafted|revised|supervised|contributed|"
    r"edited|prepared|carried|ran|built|developed|acquired|interpreted|reviewed|provided|led|did|helped|"
    r"administered|funded|co-wrote|coordinated|managed|programmed|made)\b)"
)
_NOT_INITIALS = frozenset("U.S. U.K. E.G. I.E. A.M. P.M. N.B. P.S. B.C. A.D. R.I.P. Q.E.D. U.N. E.U. D.C. H.K.".split())
# Dotted capitals that are an abbreviation, a place or an honour, never a person standing alone.
_NOT_LONE_INITIALS = _NOT_INITIALS | frozenset(
    "N.T. K.L.N. S.A.R. H.K.S.A.R. P.R.C. U.S.A. U.A.E. P.O. C.O.D. D.O.B. B.V. N.V. D.D. R.S.V.P. A.S.A.P. F.Y.I. "
    "T.B.C. T.B.A. E.T.A. M.D. Q.C. S.C. K.C. J.P. B.B.S. S.B.S. G.B.S. M.B.E. O.B.E. C.B.E. M.H. R.N. B.A. M.A. "
    "B.S. B.SC. M.B.A. I.T. H.R. T.V. P.T.O. O.K. A.K.A. V.S. C.V. I.D. R.E. C.C. B.C.C. A.I. Q.A. P.E. G.P.".split()
)
# Dotted initials standing for someone on their own: "(F.L., 71)", "2. M.D.C. - EAP referral",
# "a former client (W.K.L., closed 2023)". Not before a capitalised word or capitals
# (initials and a surname are the rule above; "A.S. Watson" is a firm).
_LONE_INITIALS = re.compile(rf"(?<![{L}.\w])(?:[{U}]\.){{2,4}}(?![{L}\w]|[ \t]+[{U}][{L}]|[ \t]?[{U}]{{2,}}|[ \t]*\d)")
# A title before one capital: "Needs Mr L's own signed consent", "Dr. P: fine".
_TITLED_INITIAL = re.compile(
    rf"(?<![{L}])(?:Mr|Mrs|Ms|Miss|Mdm|Madam|Dr|Prof)\.?[ \t](?P<initial>[{U}])(?=['’]s\b|[ \t]*[,;:)?!」』”\"）】，。！？、]|\.(?![ \t]*[{U}])|[ \t]*$|[ \t]+[a-z]|[ \t]?[\u4e00-\u9fff])",
    re.MULTILINE,
)
# A log's entries signed with the duty officer's initials after the time: 21:40 (KCL) T8
# hoisted. Two such entries make a log; a time zone in brackets is no officer.
_LOG_INITIALS = re.compile(r"(?m)^[ \t]*\d{1,2}[:.]\d{2}[ \t]*(?:hrs?[ \t]*)?\((?P<initials>[A-Z]{2,3})\)[ \t]")
_NOT_LOG_INITIALS = frozenset("HKT GMT UTC BST CST JST SGT PST PDT EST EDT CET AM PM TBC TBA NA".split())
_CAPS_SPACED_INITIALS = re.compile(r"(?<![A-Za-z])(?P<surname>[A-Z]{2,})(?: [A-Z]){2,3}(?![A-Za-z0-9])")


def initials(text: str) -> Found:
    """``S.-J. Kwon``, ``A. F. D'Souza``, ``K.W.C. designed``, ``CHEUNG M L``."""
    if "." in text:
        for match in _INITIALS_SURNAME.finditer(text):
            surname = match["surname"]
            if match["initials"].upper() in _NOT_INITIALS or _bad_word(surname) or is_place(surname):
                continue
            known = is_surname(surname) or re.match(r"[DO]['’]", surname) is not None
            if not known and not ("-" in match["initials"] or match["initials"].count(".") >= 2):
                continue
            if not known and surname.lower() in GIVEN:
                continue
            yield match.start(), match.end(), 0.7
        for match in _CONTRIBUTION.finditer(text):
            if match[0].upper() in _NOT_INITIALS:
                continue
            yield match.start(), match.end(), 0.7
        for match in _LONE_INITIALS.finditer(text):
            if match[0].upper() not in _NOT_LONE_INITIALS:
                yield match.start(), match.end(), 0.65
    for match in _TITLED_INITIAL.finditer(text):
        yield match.start(), match.end(), 0.7
    logged = [m for m in _LOG_INITIALS.finditer(text) if m["initials"] not in _NOT_LOG_INITIALS]
    if len(logged) >= 2:
        for match in logged:
            yield *match.span("initials"), 0.7
    for match in _CAPS_SPACED_INITIALS.finditer(text):
        surname = match["surname"]
        if surname.lower() in ROMANISED_SURNAMES and not never_a_name(surname):
            yield match.start(), match.end(), 0.7


_ROLE_INITIALS = re.compile(
    r"(?<![A-Za-z])(?i:caseworker|case worker|social worker|nurse|officer|constable|inspector|sergeant|sgt|"
    r"interviewer|reviewer|approver|checker|preparer|counsell?or|therapist|tutor|teacher|technician|clerk|"
    r"handler|operator|supervisor|dispatcher)[ \t]+(?P<initials>[A-Z]{2,3})(?![A-Za-z0-9&])"
)
_ROLE_GATE = (
    "worker nurse officer constable inspector sergeant sgt interviewer reviewer approver checker preparer "
    "counsel therapist tutor teacher technician clerk handler operator supervisor dispatcher"
).split()
_ABBREVIATIONS = frozenset(
    "HR IT ID OK AM PM HK TV IP PC UK US USA CEO CFO COO CTO MTR KYC AML ATM OT PT ICU AE ER GP FYI ASAP ETA TBC "
    "TBA NA NIL DOB IC QA QC PO BR CV SMS ON IN AT OF TO BY OR AND THE FOR NOT ALL ANY RN EN APN NO".split()
)


def role_initials(text: str) -> Found:
    """``(caseworker JL)``, ``Nurse KY``: a person's initials after the role they act in,
    taken with the role (as a title is), since the two together name the person."""
    lower = text.lower()
    if not any(role in lower for role in _ROLE_GATE):
        return
    for match in _ROLE_INITIALS.finditer(text):
        if match["initials"] not in _ABBREVIATIONS:
            yield *match.span(), 0.7


# ---- roster lines, pinyin beside Chinese ----

_ROSTER_LINE = re.compile(
    rf"(?m)^[ \t]*(?:\d{{1,3}}[.)]?[ \t]+|[-*•·][ \t]+)?"
    rf"(?P<name>(?P<surname>[{U}](?:[{U}]|['’-](?=[{U}]))+)(?:[ \t](?P<surname2>[{U}]{{2,}}))?"
    rf"(?P<given>(?:[ \t]{_NAME_WORD}(?:-[a-z]+)?){{1,3}})(?:,[ \t]{_NAME_WORD})?)"
    r"(?=[ \t]*(?:\t|  |\||,|\(|$))"
)
_PINYIN_BESIDE = re.compile(
    rf"[{HAN}]{{2,4}}[ \t]*(?:/|／|\(|（)[ \t]*(?P<name>[A-Z]{{2,}}(?:[ \t-][A-Z]{{2,}}){{1,2}})(?![A-Za-z])"
)


_ENTRY_GIVEN_SURNAME = re.compile(
    r"(?m)^[ \t]*(?:\d{1,3}[.)][ \t]*|[-*•·][ \t]*)?(?P<name>(?P<given>[A-Z][a-z]{2,12})[ \t](?P<surname>[A-Z][a-z]{1,6}))"
    r"(?=[ \t]{2,}|\t|[ \t]*$|[ \t]*[(|,–—-])"
)


def roster_lines(text: str) -> Found:
    """``FERNANDES Joaquim Miguel`` heading a roster line, ``LIU FANG`` beside ``刘芳``."""
    for match in _ROSTER_LINE.finditer(text):
        surname = match["surname"]
        givens = match["given"].split()
        words = [surname, *givens] + ([match["surname2"]] if match["surname2"] else [])
        if len(surname) < 2 or any(_bad_word(w) for w in words):
            continue
        if is_place(" ".join(words)) or is_place(surname):
            continue
        known = is_surname(surname) or any(is_given(w.split("-")[0], in_position=True) for w in givens)
        if not known:
            continue
        yield *match.span("name"), 0.7
    # Any English name a parent chose (Bean, Tofu, Lemon) before a Hong Kong surname,
    # heading a roster or list line.
    for match in _ENTRY_GIVEN_SURNAME.finditer(text):
        given, surname = match["given"], match["surname"]
        if surname.lower() not in ROMANISED_SURNAMES or _bad_word(given) or surname.lower() in ORG_WORDS:
            continue
        if is_place(match["name"]) or is_place(given) or given.lower() in GIVEN_SYLLABLES:
            continue
        yield *match.span("name"), 0.65
    if not re.search(f"[{HAN}]", text):
        return
    for match in _PINYIN_BESIDE.finditer(text):
        words = re.split(r"[ \t-]", match["name"])
        if is_surname(words[0]) and not any(never_a_name(w) for w in words):
            yield *match.span("name"), 0.75


# ---- given names before a surname ----

_GIVEN_SURNAME = re.compile(
    rf"(?<![{L}'’-])(?P<given>[{U}][a-z]+(?:-[{U}]?[a-z]+)?)"
    rf"(?:[ \t][\"“'‘](?P<nick>[{U}][a-z]+)[\"”'’])?[ \t](?P<surname>[{U}][a-z]+)(?![{L}'’-])"
)
_QUOTED_NICK = re.compile(
    rf"(?<![{L}'’-])(?P<given>[{U}][a-z]+(?:[ -][{U}]?[a-z]+)?)[ \t][\"“](?P<nick>[{U}][a-z]+)[\"”][ \t]"
    rf"(?P<surname>[{U}][a-z]+)(?![{L}'’-])"
)


def word_and_hyphen_given(text: str) -> Found:
    """``Apple Ng``, ``Rose-Marie Tan``, ``Hyun-woo Cho``, ``Pui Man "Summer" Kwok``."""
    for match in _GIVEN_SURNAME.finditer(text):
        given, surname = match["given"], match["surname"]
        lower = given.lower()
        if "-" in lower:
            parts = lower.split("-")
            korean = len(parts) == 2 and given.split("-")[1].islower() and all(len(p) <= 5 for p in parts)
            if not (all(p in GIVEN for p in parts) or korean):
                continue
            if not is_surname(surname):
                continue
        elif lower in WORD_GIVEN_NAMES:
            if surname.lower() not in ROMANISED_SURNAMES:
                continue
        else:
            continue
        if _bad_word(surname) or is_place(f"{given} {surname}") or is_place(surname):
            continue
        following = re.match(r"[ \t]([A-Za-z]+)", text[match.end() : match.end() + 20])
        if following and following[1].lower() in ORG_WORDS:
            continue
        yield match.start(), match.end(), 0.7
    if '"' in text or "“" in text:
        for match in _QUOTED_NICK.finditer(text):
            if is_surname(match["surname"]) and not _bad_word(match["surname"]):
                yield match.start(), match.end(), 0.75


# ---- attendee lines ----

_ATTENDEES = re.compile(
    r"(?im)^[ \t]*(?:attendees|attendance|present|absent|apologies|participants|in attendance|invitees|"
    r"minutes taker|note taker|facilitator|panel|panellists|panelists|speakers|judges|committee)"
    r"[ \t]*:[ \t]*(?P<value>[^\n]+)$"
)
_ATTENDEE = re.compile(rf"[{U}][{L}'’-]*\.?(?:[ \t][{U}][{L}'’-]*\.?){{0,3}}")


def attendee_lines(text: str) -> Found:
    """Every entry of an ``Attendees:`` or ``Apologies:`` line: people, by the line's label."""
    if ":" not in text:
        return
    for line in _ATTENDEES.finditer(text):
        value, offset = line["value"], line.start("value")
        at = 0
        for piece in re.split(r"[,;、]", value):
            start = offset + at
            at += len(piece) + 1
            bare = re.sub(r"\([^)]*\)", lambda m: " " * len(m[0]), piece)
            entry = _ATTENDEE.search(bare)
            if entry is None or bare[: entry.start()].strip() or bare[entry.end() :].strip():
                continue
            words = [w.strip(".") for w in entry[0].split()]
            if any(_bad_word(w) for w in words) or is_place(entry[0]):
                continue
            if len(words) == 1 and words[0].isupper() and not is_surname(words[0]):
                continue  # Attendees: HR, IT
            yield start + entry.start(), start + entry.end(), 0.7


# ---- chat exports: a name over its message, with the time beside it ----

_STAMPED_HEADER = re.compile(
    rf"(?m)^[ \t]*(?P<who>[{L}][{L}'’._ -]{{1,38}}?)[ \t]+\[?\d{{1,2}}:\d{{2}}(?::\d{{2}})?"
    r"(?:[ \t]?[AaPp]\.?[Mm]\.?)?\]?[ \t]*$"
)
_HANDLE_PARTS = re.compile(r"[a-z]+(?:[._][a-z]+){1,2}")


def stamped_headers(text: str) -> Found:
    """``kelvin.wong  10:42 AM``, ``Priya Nair [9:03 AM]``: Slack and Teams put the
    sender's name or handle on a line of its own before the message, with its time."""
    if ":" not in text:
        return
    for match in _STAMPED_HEADER.finditer(text):
        who = match["who"].strip()
        if _HANDLE_PARTS.fullmatch(who):
            parts = re.split(r"[._]", who)
            if any(never_a_name(p) or p in STOP for p in parts):
                continue
            if any(is_surname(p) or is_given(p) for p in parts):
                yield match.start("who"), match.start("who") + len(who), 0.7
            continue
        words = who.split()
        if not 1 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
            continue
        if any(_bad_word(w) for w in words) or is_place(who):
            continue
        if any(is_surname(w) or is_given(w, in_position=True) for w in words):
            yield match.start("who"), match.start("who") + len(who), 0.7


# ---- rotas and sign-up lists ----

_DAY = (
    r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|sday|urday)?\.?|"
    r"(?:Week|Wk|Day|Shift|Slot|Round|Table|Group|Team)[ \t]*\d{1,2}|\d{1,2}/\d{1,2}"
)
_ROTA_SLOT = re.compile(
    rf"(?im)(?:^[ \t]*|[,;:][ \t]*)(?:{_DAY})[ \t]*[-–—:][ \t]*"
    rf"(?P<names>[{L}]+(?:[ \t]*(?:/|&|\+|,|and)[ \t]*[{L}]+)?)[ \t]*(?=$|[,;(])"
)
_ENTRY_HEAD = re.compile(
    rf"(?m)(?:^[ \t]*(?:\d{{1,3}}[.)]|[-*•])|(?<=[ \t])\d{{1,2}}[.)])[ \t]*(?P<name>(?:ah[ -])?[{L}]+(?:[ \t][{U}][a-z]+)?)"
    r"[ \t]*(?=$|[(+\-–—,|]|\d)"
)


def _name_word(word: str) -> bool:
    return not _bad_word(word) and not is_place(word) and is_given(word, in_position=True)


def rotas_and_signups(text: str) -> Found:
    """``Mon - Jade``, ``Week 2: Rocky``: a rota's slots hold people, word-like names too;
    and a numbered sign-up list whose entries are mostly given names keeps its word-like
    and lower-case ones (``3. rain``, ``2. ah wing``)."""
    slots = list(_ROTA_SLOT.finditer(text))
    if len(slots) >= 2:
        for match in slots:
            for word in re.finditer(rf"[{L}]+", match["names"]):
                name = word[0]
                if name.lower() == "and" or not name[:1].isupper() or never_a_name(name) or is_place(name):
                    continue
                if is_given(name, in_position=True) and name.lower() not in ORG_WORDS:
                    yield match.start("names") + word.start(), match.start("names") + word.end(), 0.7
    entries = list(_ENTRY_HEAD.finditer(text))
    if len(entries) < 3:
        return
    named, sure = [], 0
    for match in entries:
        words = match["name"].split()
        head = words[0].lower()
        if head == "ah" or head.startswith("ah-"):
            parts = re.split(r"[ -]", match["name"])
            ok = len(parts) == 2 and parts[1].lower() in GIVEN_SYLLABLES
        else:
            head_ok = _name_word(words[0]) or (
                words[0][:1].isupper() and not never_a_name(words[0]) and is_given(words[0], in_position=True)
            )
            ok = head_ok and (len(words) == 1 or is_surname(words[1]))
            sure += ok and (is_given(words[0]) or len(words) == 2)
        if ok:
            named.append(match)
    if sure >= 2 and len(named) * 5 >= len(entries) * 3:
        for match in named:
            yield *match.span("name"), 0.65


_PAIRING = re.compile(rf"(?m)^[ \t]*(?P<a>[{U}][a-z]+)[ \t]*(?:→|->|=>|➡️?|>)[ \t]*(?P<b>[{U}][a-z]+)[ \t]*$")


def pairings(text: str) -> Found:
    """``Cherry → Sky``: lines that pair people (a gift exchange, a buddy list, a
    handover), when most of their words are given names and some are sure ones."""
    if "→" not in text and ">" not in text and "➡" not in text:
        return
    lines = list(_PAIRING.finditer(text))
    if len(lines) < 3:
        return
    words = [(match.start(g), match.end(g), match[g]) for match in lines for g in ("a", "b")]
    named = [(start, end) for start, end, word in words if _name_word(word)]
    sure = sum(1 for _, _, word in words if is_given(word) and not _bad_word(word))
    if sure >= 2 and len(named) * 5 >= len(words) * 3:
        # Every other word of such a block is a name the lists do not know (Lemon).
        for start, end, word in words:
            if (start, end) in named or not (_bad_word(word) or is_place(word)):
                yield start, end, 0.65


# ---- people listed after a word that says they are people ----

_PEOPLE_CUE = re.compile(
    r"(?i:(?<![A-Za-z])(?:thanks to|thank you to|thank|congratulations to|congrats to|welcome|who came|"
    r"who joined|attended by|attending|with|including|rsvp|going|coming|winners?|players|members|team|"
    r"volunteers|helpers|guests|invited|cc|tagging|ping)[ \t]*(?:[^\n.!?]{0,30}?)?[:,-]?[ \t]*)$"
)
_ENUMERATION = re.compile(
    rf"(?<![{L}'’-])(?P<list>[{U}][a-z]+(?:[ \t][{U}][a-z]+)?(?:[ \t]*\+\d|[ \t]*\([^)\n]{{1,20}}\))?"
    rf"(?:,[ \t]*(?:and[ \t]+|&[ \t]*)?[{U}][a-z]+(?:[ \t][{U}][a-z]+)?(?:[ \t]*\+\d|[ \t]*\([^)\n]{{1,20}}\))?){{1,}}"
    rf"(?:,?[ \t]+(?:and|&)[ \t]+[{U}][a-z]+(?:[ \t][{U}][a-z]+)?)?)"
)
_ITEM = re.compile(rf"[{U}][a-z]+(?:[ \t][{U}][a-z]+)?")


def people_enumerations(text: str) -> Found:
    """``Thanks to everyone who came: Dawn, Holly, Rocky and Sky``, ``RSVP: Jade +1, Kit,
    Sunny (maybe)``: three or more given names listed after a word for people."""
    if ", " not in text and "," not in text:
        return
    for match in _ENUMERATION.finditer(text):
        if _PEOPLE_CUE.search(text[max(0, match.start() - 60) : match.start()]) is None:
            continue
        bare = re.sub(r"\([^)\n]*\)|\+\d", lambda m: " " * len(m[0]), match["list"])
        items = [item for item in _ITEM.finditer(bare) if item[0] not in ("And",)]
        if len(items) < 3:
            continue
        good = []
        for item in items:
            words = item[0].split()
            if words[0] == "and" or never_a_name(words[0]) or is_place(item[0]) or words[0].lower() in ORG_WORDS:
                break
            if not (is_given(words[0], in_position=True) and (len(words) == 1 or is_surname(words[1]))):
                break
            good.append(item)
        else:
            for item in good:
                yield match.start() + item.start(), match.start() + item.end(), 0.65


# ---- one-word chat speakers beside others that are names ----

_ONE_WORD_SPEAKER = re.compile(
    rf"(?m)^[ \t]*(?:\[[^\]\n]{{3,30}}\][ \t]*)?(?P<who>[{L}][a-z]+)[ \t]*[:：][ \t]*(?=\S)(?!//)"
)


def one_word_speakers(text: str) -> Found:
    """``summer: 👍`` in a chat whose other speakers (``kelvin:``, ``mandy:``) are plainly
    names: a word-like given name speaking there is a person too."""
    if text.count(":") + text.count("：") < 3:
        return
    speakers = list(_ONE_WORD_SPEAKER.finditer(text))
    names = {m["who"].lower() for m in speakers if is_given(m["who"]) and not _bad_word(m["who"])}
    if len(names) < 2:
        return
    for match in speakers:
        who = match["who"]
        if who.lower() in names or (is_given(who, in_position=True) and not _bad_word(who) and not is_place(who)):
            yield *match.span("who"), 0.65


# ---- a child by the class or age beside the name ----

_CLASS_OR_AGE = (
    r"(?:(?:F|P|S|K)\.?[ ]?\d[A-Z]?|(?:Form|Primary|Secondary|Class|Year|Yr|Grade|Age|Aged)[ ]?\d{1,2}[A-Z]?|"
    r"\d{1,2}[ ]?(?:yo|y/o|yrs?|years?(?: old)?|歲|岁)|twins|siblings|brothers|sisters|cousins)"
)
_WITH_CLASS_OR_AGE = re.compile(
    rf"(?<![{L}'’-])(?P<a>[{U}][a-z]+)(?:[ \t](?:and|&)[ \t](?P<b>[{U}][a-z]+))?[ \t]*[(（]"
    rf"(?:[^()（）\n]{{0,20}}?[ ,，])?{_CLASS_OR_AGE}(?=[,，;)）])"
)


def children_by_class(text: str) -> Found:
    """``Jade and Crystal (twins, F.5)``, ``Summer (P.3)``, ``Kit (7 yo)``: the class or
    age in brackets makes a word-like given name a child."""
    if "(" not in text and "（" not in text:
        return
    for match in _WITH_CLASS_OR_AGE.finditer(text):
        for group in ("a", "b"):
            word = match[group]
            if word and is_given(word, in_position=True) and not _bad_word(word) and not is_place(word):
                yield *match.span(group), 0.7


# ---- people after a role label, joined by / or & ----

_ROLE_LABEL = re.compile(
    r"(?i:(?<![A-Za-z])(?:on[ -]duty|on[ -]call|duty|scrub|circulating|runner|nurses?|staff|drivers?|helpers?|"
    r"pick-?up|drop-?off|hosts?|mcs?|emcees?|chairs?|contacts?|crew|buddy|buddies|partners?|tutors?|coach(?:es)?|"
    r"leaders?|captains?|marshals?|volunteers?|in charge|i/c|sweepers?|backup|cover|covering|relief|assist(?:ant)?s?)"
    r"[ \t]*)$"
)
_PAIR_AFTER_COLON = re.compile(
    rf"[:：][ \t]*(?P<list>[{U}][a-z]+(?:[ \t]*(?:/|&|,|and)[ \t]*[{U}][a-z]+){{1,3}})(?![{L}])"
)


def role_label_pairs(text: str) -> Found:
    """``Scrub: Sunny / Kit``, ``On duty: Ivy / Rocky``: a role's label before given
    names joined by a slash or an ampersand names the people who fill it."""
    if ":" not in text and "：" not in text:
        return
    for match in _PAIR_AFTER_COLON.finditer(text):
        if _ROLE_LABEL.search(text, max(0, match.start() - 16), match.start()) is None:
            continue
        items = list(re.finditer(rf"[{U}][a-z]+", match["list"]))
        if all(is_given(item[0], in_position=True) and not never_a_name(item[0]) for item in items):
            for item in items:
                yield match.start("list") + item.start(), match.start("list") + item.end(), 0.65


# ---- a given name right before a phone number ----

_PHONE_AHEAD = gate(
    re.compile(r"(?<![\d+])(?<!\d[ \t])(?:(?:\+?852[ \t-]?)?[2-9]\d{3}[ \t-]?\d{4}|(?:\d[ \t]){7}\d)(?!\d)")
)
_NAME_THEN_PHONE = re.compile(rf"(?<![{L}'’@.-])(?P<name>[{L}][a-z]{{2,11}})[ \t]*[:：(（]?[ \t]*$")


def names_before_phones(text: str) -> Found:
    """``Sunny 9123 4567``, ``reply: sunny 9 0 2 6 6 1 3 4``: a contact list gives a
    given name and its number, word-like names too."""
    for phone in _PHONE_AHEAD.finditer(text):
        match = _NAME_THEN_PHONE.search(text, max(0, phone.start() - 16), phone.start())
        if match is None:
            continue
        name = match["name"]
        if not is_given(name, in_position=True) or _bad_word(name) or is_place(name):
            continue
        if name.lower() in GIVEN_SYLLABLES and not name[:1].isupper():
            continue  # a lower-case syllable is too often something else
        yield *match.span("name"), 0.65


# ---- a relative or friend named after "my uncle" ----

_POSSESSED_KIN = gate(
    re.compile(
        r"(?i:(?<![A-Za-z])(?:my|our|his|her|their|your)[ \t]+(?:late[ \t]+|little[ \t]+|elder[ \t]+|younger[ \t]+)?"
        r"(?:uncle|aunt|auntie|aunty|cousin|brother|sister|son|daughter|nephew|niece|husband|wife|boyfriend|"
        r"girlfriend|bf|gf|grandma|grandpa|granny|grandmother|grandfather|godmother|godfather|friend|"
        r"colleague|classmate|flatmate|roommate|boss|helper|maid|tutor|neighbour|neighbor|partner|fianc[ée]e?|"
        r"mentor|supervisor)[ \t]+)"
        rf"(?=[{U}])"
    )
)


def possessed_kin(text: str) -> Found:
    """``my uncle Zé``, ``her flatmate Jojo``: after a possessive and a relation, a
    capitalised word is the relative's name, whatever the name lists know of it."""
    for match in _POSSESSED_KIN.finditer(text):
        span = latin_name_at(text, match.end(), lower_ok=False, max_words=3)
        if span is None:
            continue
        words = text[span[0] : span[1]].split()
        if words[0].isupper() or any(_bad_word(w) for w in words) or is_place(words[0]):
            continue
        yield *span, 0.7


# ---- one given name where only a person fits ----

_PERSON_AFTER = re.compile(
    rf"(?<![{L}'’-])(?P<name>[{U}][a-zà-öø-ÿ]+)(?:,[ \t]who\b|['’]s[ \t](?:mobile|phone|cell|number|"
    r"wife|husband|mum|mom|mother|dad|father|son|daughter|kids|children|boyfriend|girlfriend|"
    r"e-?mail|address|flat|birthday|passport|hkid|salary|desk|laptop|car|team|boss|helper|parents|"
    r"family|colleague|manager|surgery|appointment|visa|contract|payslip|account|signature|whatsapp|mobile)\b)"
)


def person_only_positions(text: str) -> Found:
    """``Honey, who waited``, ``Mandy's mobile``: only a person is a ``who`` or has these."""
    if ", who" not in text and "'s " not in text and "’s " not in text:
        return
    for match in _PERSON_AFTER.finditer(text):
        name = match["name"]
        if not is_given(name, in_position=True) or _bad_word(name) or is_place(name):
            continue
        before = text[max(0, match.start() - 6) : match.start()]
        if re.search(r"(?i)\b(?:the|a|an|this|that|our|my|your)[ \t]+$", before):
            continue
        yield *match.span("name"), 0.7


# A name spelt out over the phone, letter by letter with a word for some letters: "K for
# King, A for Apple, M for Mary", "R for Robert, A, G for George, H". Two such words at least.
_SPELLED_FOR = re.compile(
    r"(?<![A-Za-z])[A-Z](?:[ \t]+(?:for|as in)[ \t]+[A-Z][a-z]+)?"
    r"(?:[ \t]*[,，][ \t]*[A-Z](?:[ \t]+(?:for|as in)[ \t]+[A-Z][a-z]+)?){2,}(?![A-Za-z])"
)


def spelled_with_words(text: str) -> Found:
    """A name spelt out letter by letter, "K for King" style."""
    if " for " not in text and " as in " not in text:
        return
    for match in _SPELLED_FOR.finditer(text):
        if len(re.findall(r"[ \t](?:for|as in)[ \t]", match[0])) >= 2:
            yield match.start(), match.end(), 0.7


# A word and then its spelling, as a caller confirms a name: "harpreet h a r p r e e t",
# "gill g i double l", "Cheuk, C-H-E-U-K". Only a name is spelt for a record.
_SPELT_AFTER = re.compile(
    r"(?<![A-Za-z'’-])(?P<word>[A-Za-z][A-Za-z'’]{2,20})[ \t]*[,:]?[ \t]+(?:(?i:that's|that is|spelt|spelled|is)[ \t]+)?"
    r"(?P<letters>[A-Za-z](?:[ \t]*[-.]?[ \t]*(?:(?i:double)[ \t]+)?[A-Za-z](?![A-Za-z])){2,20})"
)


_SPELT_TOKEN = re.compile(r"(?i)(?:double[ \t]+)?[a-z](?![a-z])")


def spelled_after_words(text: str) -> Found:
    """A name, then the same name spelt letter by letter: both are the name. The word
    must be a name the lists know and no ordinary word (a teacher spells "cat" too)."""
    for match in _SPELT_AFTER.finditer(text):
        word = re.sub("['’]", "", match["word"]).lower()
        if never_a_name(match["word"]) or not (is_given(word, in_position=True) or is_surname(word)):
            continue
        if word in WORD_GIVEN_NAMES and not match["word"][0].isupper():
            continue  # cat, c a t: a word that is also a name, spelt in lower case, is the word
        spelt, end = "", match.start("letters")
        for token in _SPELT_TOKEN.finditer(text, match.start("letters"), match.end("letters")):
            letter = token[0][-1].lower()
            spelt += letter * (2 if len(token[0]) > 1 else 1)
            end = token.end()
            if spelt == word or not word.startswith(spelt):
                break
        if spelt == word and not _bad_word(match["word"]):
            yield *match.span("word"), 0.7
            yield match.start("letters"), end, 0.7


FINDERS = (
    spelled_with_words,
    spelled_after_words,
    comma_inverted,
    trading_as,
    initials,
    role_initials,
    roster_lines,
    word_and_hyphen_given,
    attendee_lines,
    stamped_headers,
    rotas_and_signups,
    pairings,
    people_enumerations,
    one_word_speakers,
    children_by_class,
    role_label_pairs,
    names_before_phones,
    possessed_kin,
    person_only_positions,
)
