"""Names found by where they stand, not by what they are.

Word lists cannot know every name (``Emily Petrova``, ``Karthik Raman``, ``韓梓涵``),
but the text around a name often says that one is there:

- a labelled field: ``Claimant: Emily Petrova``, ``Guest name: SCHMIDT, Lukas``,
  ``姓名：韓 梓 涵``, a JSON key (``"name": ...``, ``"持卡人": ...``), a table column
  headed Name or 姓名, a CSV column likewise;
- a chat speaker: ``[12/3/24, 21:15] Winnie: ...``, ``Kelly 9F: ...`` when the label
  repeats down the text;
- a greeting, title or sign-off: ``Hi Ivy``, ``Mr Chakraborty``, ``Thanks,\\nRicky Tse``;
- a phrase that introduces a name: ``her name is Vivian``, ``booking under ...``,
  ``我老婆 Carol``, ``佢叫 ...``;
- the form a name takes in travel documents: ``MAK/WINGSZE MS``, a passport's machine
  readable zone (``P<INDMENON<<ARJUN<KRISHNA``).

A given name that is not also a word (``Priyanka``, ``Sandeep``) is taken on its own;
one that is (``King``, ``Apple``, ``Coco``) only in one of the positions above. Places,
buildings and brands from the gazetteer, and words that are roles or field names
(``Mum``, ``Agent``, ``Tel``), are never names.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from presidio_analyzer import LocalRecognizer, RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS

from guardrail.pii.recognizers.base import LANGUAGE, tagged_result
from guardrail.pii.recognizers.name_lexicon import (
    AMBIGUOUS_GIVEN,
    HAN,
    ZH_HONORIFICS,
    both_scripts,
    is_given,
    is_place,
    is_surname,
    never_a_name,
    zh_name_shape,
    zh_place_overlaps,
)
from guardrail.pii.recognizers.name_lexicon import (
    COMMON_ZH_SURNAMES as _COMMON_ZH_SURNAMES,
)
from guardrail.pii.recognizers.name_lexicon import (
    GIVEN as GIVEN_LOWER,
)
from guardrail.pii.recognizers.name_mentions import inside_place as _inside_place
from guardrail.pii.recognizers.names_data import (
    GIVEN_SYLLABLES,
    NAME_LABELS_ROLE,
    NAME_LABELS_STRONG,
    NAME_LABELS_ZH,
    TITLES,
)

ENTITY = "PERSON"
_STOP = frozenset(STOP_WORDS) | frozenset(
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
_PARTICLES = frozenset("de dela del delos da das do dos van von der den bin binti bte al el la le di du".split())
# Latin letters, accented ones too (José Núñez, Zoë, Nguyễn): names from everywhere.
L = "A-Za-zÀ-ÖØ-öø-ÿĀ-ɏḀ-ỿ"
U = "A-ZÀ-ÖØ-Þ"
_WORD = re.compile(rf"[{L}](?:[{L}]|['’](?=[{L}]))*(?:-[{L}]+)*\.?(?![{L}0-9])")
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
    """.split()
)


def _word_ok(word: str, *, lower_ok: bool) -> bool:
    if word in ("Ma.", "MA."):
        return True  # Ma. Theresa: Maria, as Filipino names abbreviate it
    bare = word.rstrip(".")
    lower = bare.lower()
    if re.search(r"['’](?:re|ll|s|ve|d|m|t)$", lower) and not re.match(r"[od]['’]", lower):
        return False  # we're, I'll, it's: contractions, not names
    if lower in _PARTICLES:
        return True
    if never_a_name(bare) or lower in _STOP:
        return False
    return lower_ok or bare[:1].isupper()


def latin_name_at(text: str, pos: int, *, lower_ok: bool, max_words: int = 5,
                  newline_ok: bool = False) -> tuple[int, int] | None:
    """Span of a Latin-script name starting at ``pos`` (after a label), or None.

    Words are joined by one space, and once each by a comma (``SCHMIDT, Lukas``) and by
    a slash (``MAK/WINGSZE``); ``newline_ok`` lets an all-capital name run on over one
    line break, as in scanned forms.
    """
    words: list[tuple[int, int]] = []
    comma = slash = False
    i = pos
    while len(words) < max_words:
        match = _WORD.match(text, i)
        if match is None or not _word_ok(match[0], lower_ok=lower_ok):
            break
        end = match.end()
        if match[0].endswith(".") and len(match[0].rstrip(".")) > 1 and match[0] not in ("Ma.", "MA."):
            end -= 1  # a full stop after a word ends the sentence, not the name
            words.append((match.start(), end))
            break
        words.append((match.start(), end))
        gap_match = re.match(r" ?, ?|/| |\n", text[end:end + 3])
        if gap_match is None:
            break
        gap = gap_match[0]
        if "," in gap:
            if comma:
                break
            comma = True
        elif gap == "/":
            if slash:
                break
            slash = True
        elif gap == "\n":
            if not (newline_ok and match[0].isupper()):
                break
            following = _WORD.match(text, end + 1)
            if following is None or not following[0].isupper():
                break
        i = end + len(gap)
    # Trailing particles or a lone initial after a comma are not the name's end.
    while words and text[words[-1][0]:words[-1][1]].lower() in _PARTICLES:
        words.pop()
    if not words:
        return None
    # A place or an org word ends the name before it: "Hari Wan Chai" is a hotel.
    for k in range(1, len(words)):
        if is_place(text[words[k][0]:words[-1][1]]) or is_place(text[words[k][0]:words[min(k + 1, len(words) - 1)][1]]):
            words = words[:k]
            break
    if len(words) > 1 and any(is_place(text[words[0][0]:words[k][1]]) for k in range(1, min(3, len(words)))):
        return None  # Hong Kong Identity Card: a place leads it
    start, end = words[0][0], words[-1][1]
    value = text[start:end]
    following = _WORD.match(text, end + 1) if end < len(text) and text[end] in " \t" else None
    if following and following[0].lower().rstrip(".") in ORG_WORDS:
        return None
    if len(words) > 1 and any(text[s:e].lower().rstrip(".") in ORG_WORDS for s, e in words[1:]):
        return None  # Human Resources, Internal Audit, Complaints Handling Unit
    if is_place(value) or all(len(w.strip(".")) < 2 for w in re.split(r"[\s,/]+", value)):
        return None
    if len(words) == 1 and value.isupper() and (len(value) <= 2 or len(value) <= 4 and not (
            is_given(value) or is_surname(value))):
        return None  # ISP, IT, KYC, IP: an abbreviation
    return start, end


_HAN_CHAR = re.compile(f"[{HAN}]")


def chinese_name_at(text: str, pos: int) -> tuple[int, int] | None:
    """Span of a Chinese name starting at ``pos``, letters possibly spaced out
    (``黎 詠 芝``) or broken over a line after the surname, as scanned forms have them."""
    chars: list[tuple[int, str]] = []
    i = pos
    while i < len(text) and len(chars) < 8:
        if _HAN_CHAR.match(text, i):
            chars.append((i, text[i]))
            i += 1
            continue
        gap = re.match(r"[ \t]{1,2}|\n", text[i:i + 2])
        if gap is None or not chars or not _HAN_CHAR.match(text, i + len(gap[0])):
            break
        if gap[0] == "\n" and len(chars) != 1:
            break
        if gap[0] != "\n" and not _spaced(text, pos):
            break
        i += len(gap[0])
    squeezed = "".join(ch for _, ch in chars)
    for honorific in ZH_HONORIFICS:
        if squeezed.endswith(honorific):
            if len(squeezed) <= len(honorific) + 1:
                return None  # 黃師傅: a surname and a title, no name
            squeezed = squeezed[: -len(honorific)]
            chars = chars[: len(squeezed)]
            break
    if not zh_name_shape(squeezed):
        return None
    start, end = chars[0][0], chars[-1][0] + 1
    if zh_place_overlaps(text, start, end):
        return None
    return start, end


def _spaced(text: str, pos: int) -> bool:
    """Whether the characters from ``pos`` are typed with spaces between them."""
    return re.match(f"[{HAN}][ \t]{{1,2}}[{HAN}][ \t]{{1,2}}[{HAN}]", text[pos:pos + 9]) is not None


# An all-capital field with no colon, as scanned forms print it: ``Surname MENON``.
_STRONG_NO_COLON = re.compile(
    r"(?im)^[ \t]*(?:surname|given names?|first name|last name|name)[ \t]+(?=[A-Z]{2,}[A-Z ]*$)"
    r"|^[ \t]*(?:full name|name|surname|given names?|first name|last name|english name|name of [a-z]+)"
    r"[ \t]{2,}(?=[A-Z])"
)
_NOT_PERSON_KEY = re.compile(
    r"(?i)user|file|company|product|branch|shop|store|merchant|bank|hotel|event|item|project|"
    r"model|host|service|tool|function|display|domain|class|type|field|table|app|device|brand|"
    r"street|building|estate|city|country|org|school|hospital|venue|plan|course|dept|team|group|"
    r"key|path|var|param|arg|tag|label|queue|bucket|server|image|package|module|method|pet|dog|"
    r"cat|animal|breed|ssid|wifi|network|vessel|ship|boat|horse|song|book|movie|film|game|team"
)


_STRONG_SET = frozenset(" ".join(label.lower().replace("_", " ").split()) for label in NAME_LABELS_STRONG)
_ROLE_SET = frozenset(" ".join(label.lower().split()) for label in NAME_LABELS_ROLE)
_ZH_SET = frozenset(label.replace(" ", "") for label in both_scripts(NAME_LABELS_ZH))
_ZH_MAX = max(len(label) for label in _ZH_SET)
_SEP_AT = re.compile(r"[:=：]")
_HEAD_TRIM = re.compile(r"[ \t]*(?:\([^)\n]{0,30}\)|（[^）\n]{0,30}）)?[ \t]*[\"'”]?[ \t]*$")
_AFTER_SEP = re.compile(r"[ \t]*[\"'“]?[ \t]*")
_LATIN_TAIL = re.compile(r"(?<![A-Za-z])((?:[A-Za-z]+[ _]){0,4}[A-Za-z]+)$")
_TITLE_AFTER_LABEL = re.compile(r"(?i:mr|mrs|ms|miss|mdm|madam|dr|prof)\.?[ \t]+")


_XML_FIELD = re.compile(
    r"<([A-Za-z_:]*[Nn]ame[A-Za-z_]*|customer|client|patient|guest|passenger|employee|staff|"
    r"contact|recipient|sender|applicant|tenant|owner|doctor|holder|姓名|客戶|收件人)>[ \t]*(?=[^<\s])"
)


def _xml_fields(text: str) -> Iterator[tuple[int, int, float]]:
    """<name>Chan Tai Man</name>, <姓名>陳大文</姓名>."""
    if "</" not in text:
        return
    for match in _XML_FIELD.finditer(text):
        if _NOT_PERSON_KEY.search(match[1]) and not match[1].lower().endswith(("fullname", "full_name")):
            continue
        pos = match.end()
        span = latin_name_at(text, pos, lower_ok=True) or chinese_name_at(text, pos)
        if span and text.startswith("</", span[1]):
            yield *span, 0.8


def _label_kind(head: str, quoted: bool) -> str | None:
    """What the words before a colon say the value is: "strong" (a name field), "role"
    (a person's role), "zh" (a Chinese label) or None."""
    latin = _LATIN_TAIL.search(head)
    if latin:
        words = re.split(r"[ _]", latin[1].lower())
        for k in range(min(5, len(words)), 0, -1):
            label = " ".join(words[-k:])
            if label not in _STRONG_SET and label not in _ROLE_SET:
                continue
            if k < len(words) and _NOT_PERSON_KEY.fullmatch(words[-k - 1]):
                return None  # file name, company name, product owner
            return "strong" if label in _STRONG_SET else "role"
        last = words[-1]
        # A JSON or form key that holds a name though no list names it: customerName.
        if "name" in last and quoted and not _NOT_PERSON_KEY.search(last):
            return "strong"
        return None
    squeezed = re.sub(r"[ \t]", "", head[-2 * _ZH_MAX:])
    for k in range(min(_ZH_MAX, len(squeezed)), 1, -1):
        if squeezed[-k:] in _ZH_SET:
            return "zh"
    return None


def _person_key_value(text: str, span: tuple[int, int], after_sep: int) -> bool:
    """A JSON "name" holds a person only if its value could be one: tool and function
    definitions name things too ({"name": "Lookup"}, {"name": "get_weather"})."""
    value = text[span[0]:span[1]]
    if any("\u3400" <= ch <= "\u9fff" for ch in value):
        return True
    end_quote = text[span[1]:span[1] + 1]
    if end_quote not in ("\"", "'", "”"):
        return False  # the string goes on past the name: a sentence, a code
    words = value.replace(",", " ").replace("/", " ").split()
    if len(words) >= 2:
        return True
    return is_given(value, in_position=True) or is_surname(value)


def _labelled(text: str) -> Iterator[tuple[int, int, float]]:
    for sep in _SEP_AT.finditer(text):
        line_start = text.rfind("\n", 0, sep.start()) + 1
        raw_head = text[max(line_start, sep.start() - 48):sep.start()]
        head = raw_head[: _HEAD_TRIM.search(raw_head).start()]  # type: ignore[union-attr]
        if not head:
            continue
        quoted = raw_head.rstrip().endswith(("\"", "'", "”"))
        kind = _label_kind(head, quoted)
        if kind is None:
            continue
        pos = _AFTER_SEP.match(text, sep.end()).end()  # type: ignore[union-attr]
        if kind != "role" and text.startswith("\n", pos):
            pos += 1  # the value on the line below its label, as forms print it
            while text.startswith((" ", "\t"), pos):
                pos += 1
        if kind == "strong":
            span = latin_name_at(text, pos, lower_ok=True, newline_ok=True) or chinese_name_at(text, pos)
            if span and quoted and not _person_key_value(text, span, sep.end()):
                span = None
            score = 0.85
        elif kind == "role":
            title = _TITLE_AFTER_LABEL.match(text, pos)
            if title:
                pos = title.end()  # Guest: Mrs Doreen Fitzgerald
            span = latin_name_at(text, pos, lower_ok=False) or chinese_name_at(text, pos)
            if span and not _name_like(text[span[0]:span[1]]):
                span = None
            score = 0.75
        else:
            span = (chinese_name_at(text, pos) or _nickname_at(text, pos)
                    or latin_name_at(text, pos, lower_ok=False, newline_ok=True) or _spaced_latin_at(text, pos))
            score = 0.85
        if span:
            yield *span, score
    for match in _STRONG_NO_COLON.finditer(text):
        span = latin_name_at(text, match.end(), lower_ok=False)
        if span:
            yield *span, 0.8


_SPACED_LATIN = re.compile(r"(?:[A-Z] ){2,}[A-Z](?: ?, ?[A-Z][A-Za-z]+(?: [A-Z]\.?)?)?")


def _spaced_latin_at(text: str, pos: int) -> tuple[int, int] | None:
    """``S A N T O S , Jennylyn M.``: a name typed letter by letter on a form."""
    match = _SPACED_LATIN.match(text, pos)
    return match.span() if match else None


def _name_like(value: str) -> bool:
    """A role label's value is a name only if some word of it could be one."""
    if any("\u3400" <= ch <= "\u9fff" for ch in value):
        return True
    words = [w.strip(".,") for w in re.split(r"[\s,/]+", value) if w.strip(".,")]
    if not words:
        return False
    known = any(is_given(w, in_position=True) or is_surname(w) for w in words)
    if any(is_place(w) for w in words):
        return False
    # One unknown capitalised word after "To:" or "Agent:" is as often a team or a
    # product as a person; two or more, or a known name, make a name.
    return known or (len(words) >= 2 and all(len(w) >= 2 for w in words))


# ---- tables ----

_NAME_HEADERS = frozenset(
    """
    name names full name fullname customer client guest patient student staff employee
    volunteer candidate member owner tenant resident visitor contact person assignee
    assigned to applicant helper driver technician doctor teacher parent attendee
    participant passenger recipient sender player winner requester requestor user name
    person english name chinese name surname given name first name last name signed by
    contact name
    """.split()
) | frozenset(
    w.strip() for w in
    """name, full name, contact person, assigned to, english name, chinese name, given name,
    first name, last name, signed by, contact name, in charge, handled by, customer name,
    client name, patient name, staff name, employee name, student name, guest name,
    attendee name, person in charge, pic, 姓名, 名字, 客戶, 住戶, 業主, 租客, 訪客, 學生,
    家長, 員工, 職員, 病人, 醫生, 負責人, 聯絡人, 申請人, 收件人, 登記人, 簽收人, 候選人,
    參加者, 得獎者, 會員, 乘客, 英文姓名, 中文姓名, 客户, 住户, 学生, 员工, 职员, 医生,
    负责人, 联络人, 联系人, 申请人, 签收人, 登记人, 候选人""".split(",")
) | frozenset(
    """customer client guest patient student staff employee volunteer candidate member owner
    tenant resident visitor applicant helper driver technician doctor teacher parent attendee
    participant passenger recipient sender player winner requester user person surname
    names""".split()
)


def _header_is_name(cell: str) -> bool:
    cleaned = re.sub(r"[*_`#]|\(.*?\)|（.*?）", "", cell).strip().lower()
    if cleaned in _NAME_HEADERS or any(part.strip() in _NAME_HEADERS for part in re.split(r"[/|]", cleaned)):
        return True
    return ("name" in cleaned or "姓名" in cleaned or "名字" in cleaned) and not _NOT_PERSON_KEY.search(cleaned)


# Columns that only a table of people has: with one of them, a Name column holds people;
# without, it may hold products or teams (name,price,qty), so a cell needs a word the
# lists know as a name.
_PERSON_COLUMN = re.compile(
    r"(?i)phone|tel|mobile|e-?mail|hkid|\bid\b|dob|birth|age|address|room|unit|flat|dept|"
    r"department|position|title|role|score|grade|class|attendance|rsvp|salary|wage|sex|gender|"
    r"relationship|nationality|passport|contact|電話|手提|電郵|电邮|身份證|身份证|地址|年齡|性別|"
    r"單位|单位|班|學號|学号|關係|关系|職位|职位|部門|部门|證件|证件"
)


_WEAK_HEADERS = frozenset("name names owner user user name member player winner contact".split(" "))


def _weak_header(cell: str) -> bool:
    """A header that may head things as well as people: Name, Owner, User."""
    return re.sub(r"[*_`#]|\(.*?\)", "", cell).strip().lower() in _WEAK_HEADERS


def _cell_name(text: str, start: int, end: int, strict: bool = False) -> tuple[int, int] | None:
    """The name filling a table cell ``text[start:end]``, if it holds one."""
    while start < end and text[start] in " \t\"'":
        start += 1
    while end > start and text[end - 1] in " \t\"'":
        end -= 1
    if start >= end:
        return None
    span = latin_name_at(text, start, lower_ok=True) or chinese_name_at(text, start)
    if span is None or span[1] < end - 1 or span[1] > end:
        return None
    if strict and text[start].isascii() and not any(
        is_given(w, in_position=True) or is_surname(w) for w in _WORD.findall(text[span[0]:span[1]])
    ):
        return None
    return span


def _markdown_tables(text: str) -> Iterator[tuple[int, int, float]]:
    if "|" not in text:
        return
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]*", text) if m.group()]
    columns: list[int] | None = None
    strict = True
    for offset, line in lines:
        stripped = line.strip()
        if not stripped.startswith("|"):
            columns = None
            continue
        cells = _split_cells(line, offset, "|")
        if re.fullmatch(r"\|?[\s:|-]+\|?", stripped):
            continue
        if columns is None:
            named = [i for i, (s, e) in enumerate(cells) if _header_is_name(text[s:e])]
            columns = named or []
            strict = not any(_PERSON_COLUMN.search(text[s:e]) for s, e in cells) and all(
                _weak_header(text[cells[i][0]:cells[i][1]]) for i in named)
            continue
        for index in columns:
            if index < len(cells):
                span = _cell_name(text, *cells[index], strict=strict)
                if span:
                    yield *span, 0.8


def _split_cells(line: str, offset: int, separator: str) -> list[tuple[int, int]]:
    """Cells of one table line as spans in the text (markdown's outer pipes dropped)."""
    spans = []
    position = 0
    parts = line.split(separator)
    for part in parts:
        spans.append((offset + position, offset + position + len(part)))
        position += len(part) + 1
    if separator == "|" and line.strip().startswith("|"):
        spans = spans[1:]
    return spans


def _csv_tables(text: str) -> Iterator[tuple[int, int, float]]:
    for delimiter in (",", "\t"):
        if text.count(delimiter) >= 2:
            yield from _delimited_tables(text, delimiter)


def _delimited_tables(text: str, delimiter: str) -> Iterator[tuple[int, int, float]]:
    """Names in a CSV or tab-separated table's name columns."""
    columns: list[int] | None = None
    width = 0
    strict = True
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        if line.count(delimiter) < 1 or "|" in line:
            columns = None
            continue
        try:
            cells = next(csv.reader([line], delimiter=delimiter))
        except (csv.Error, StopIteration):
            columns = None
            continue
        if columns is None or len(cells) != width:
            named = [i for i, cell in enumerate(cells) if _header_is_name(cell)]
            columns, width = (named, len(cells)) if named else (None, 0)
            strict = not any(_PERSON_COLUMN.search(cell) for cell in cells) and all(
                _weak_header(cells[i]) for i in named)
            continue
        spans = _csv_cell_spans(line, match.start(), len(cells), delimiter)
        for index in columns:
            if spans and index < len(spans):
                span = _cell_name(text, *spans[index], strict=strict)
                if span:
                    yield *span, 0.8


def _csv_cell_spans(line: str, offset: int, count: int, delimiter: str = ",") -> list[tuple[int, int]] | None:
    spans, position, quoted, start = [], 0, False, 0
    for position, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            spans.append((offset + start, offset + position))
            start = position + 1
    spans.append((offset + start, offset + len(line)))
    return spans if len(spans) == count else None


# ---- speakers, greetings, titles, sign-offs, introductions ----

_TIMESTAMP = (
    r"(?:\[[^\]\n]{3,30}\][ \t]*"
    r"|\d{1,2}[:.]\d{2}(?:[ \t]*[AaPp]\.?[Mm]\.?)?[ \t]+(?:-[ \t]+)?"
    r"|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?[ \t]+\d{1,2}:\d{2}(?::\d{2})?[ \t]*(?:[AaPp][Mm])?[ \t]*-[ \t]*)"
)
_SPEAKER = re.compile(
    rf"(?m)^[ \t]*(?P<stamp>{_TIMESTAMP})?(?P<who>[^\n:：>\[\]]{{1,40}}?)[ \t]*[:：>](?![/\d])"
)
_KIN_PREFIX = frozenset(
    "auntie aunty aunt uncle foreman cousin grandma grandpa granny master sifu ah designer "
    "plumber electrician painter decorator tutor coach".split()
)
_SPEAKER_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*")


def _speakers(text: str) -> Iterator[tuple[int, int, float]]:
    found = []
    counts: Counter[str] = Counter()
    for match in _SPEAKER.finditer(text):
        who = match["who"]
        words = list(_SPEAKER_WORD.finditer(who))
        if not words or len(words) > 4:
            continue
        # Drop anything before the Latin words (大家姐 Karen) and titles or kin words
        # that lead them (Auntie Fong); keep "Ah" names whole (Ah Fai).
        names = list(words)
        while names and (names[0][0].lower() in _KIN_PREFIX or names[0][0].lower() in TITLES
                         or never_a_name(names[0][0])) and names[0][0].lower() != "ah":
            names.pop(0)
        if not names or any(not w[0][:1].isupper() for w in names):
            continue
        if any(never_a_name(w[0]) or w[0].lower() in _STOP for w in names):
            continue
        if any(w[0].isupper() and not (is_given(w[0], in_position=True) or is_surname(w[0])) for w in names):
            continue  # IVR:, SYSTEM:, QA: are not people
        tail = who[names[-1].end():].strip()
        if tail and not re.fullmatch(r"(?:\([^)]*\)|[^\w\s]{1,4}|\d{1,2}/?F|[A-Z]?\d{1,2}[A-Z]?)(?:[ \t].*)?", tail):
            continue
        head = who[: names[0].start()]
        if re.search(r"[0-9]", head):
            continue
        start, end = match.start("who") + names[0].start(), match.start("who") + names[-1].end()
        value = text[start:end]
        words_lower = value.lower().split()
        if is_place(value) or any(w in ORG_WORDS for w in words_lower) or any(
            is_place(" ".join(words_lower[k:k + 2])) for k in range(len(words_lower) - 1)
        ):
            continue
        counts[value] += 1
        found.append((start, end, value, match["stamp"] is not None))
    for start, end, value, stamped in found:
        first = value.split()[0]
        known = is_given(first, in_position=True) or is_surname(first)
        if stamped or counts[value] >= 2 or known:
            yield start, end, 0.8 if (stamped or counts[value] >= 2) else 0.7


_TITLE = re.compile(
    r"(?<![A-Za-z])(?:Mr|Mrs|Ms|Miss|Mdm|Madam|Dr|Prof|Mx|Sir|Dame|Ma'?am|Mam|MR|MRS|MS|DR|Rev|Revd|"
    r"Pastor|Fr|Bishop|Hon|Judge|Justice|Professor|Capt|Sgt|Insp|Supt|Cpl|Det|Constable|Coach|"
    r"Sister|Master|Sifu|Auntie|Uncle)\.?[ \t]+"
    rf"(?=[{U}])"
)
_TITLE_LOWER = re.compile(r"(?<![A-Za-z])(?:mr|mrs|ms|miss|mdm|dr)\.?[ \t]+(?=[a-z])")
_GREETING = re.compile(
    r"(?i:(?<![A-Za-z])(?:hi|hello|hey|dear|morning|good (?:morning|afternoon|evening)|"
    r"thanks|thank you|thx|ty|sorry|noted|congrats|congratulations|bye|welcome|cheers)"
    r"(?:,|!)?[ \t]+(?:(?:ma'?am|mam|sir|auntie|uncle|madam)[ \t]+)?)"
    rf"(?=[{U}])"
)
_INTRO = re.compile(
    r"(?i:(?<![A-Za-z])(?:(?:her|his|my|the|your) name is|name's|named|called|known as|"
    r"booking under|booked under|under the name(?: of)?|reservation under|under|"
    r"speaking with|speak to|talk to|ask for|this is|i am|i'm|im|it's|"
    r"gave (?:her|his) name as|signed|sign by|on behalf of|care of|c/o|attn:?|cc:?|"
    r"and|&|with|contact|call|from|by|for|to)[ \t]+[\"“']?)" rf"(?=[{U}])"
)
_SIGN_OFF = re.compile(
    r"(?im)^[ \t]*(?:thanks|thank you|many thanks|regards|best regards|kind regards|warm regards|"
    r"best|cheers|sincerely|yours sincerely|yours faithfully|yours truly|rgds|br|love|xoxo|"
    r"take care|talk soon|best wishes)[ \t]*[,.!]*[ \t]*\n+[ \t]*(?=[A-Za-z])"
)
# Chinese words for a relation or role, right before a name in Latin letters.
_ZH_BEFORE_LATIN = re.compile(
    "(?:" + "|".join(sorted(both_scripts((
        "同事", "新同事", "老公", "老婆", "太太", "女朋友", "男朋友", "朋友", "表哥", "表姐",
        "表妹", "表弟", "表姐夫", "姐夫", "姐姐", "哥哥", "細佬", "妹妹", "家姐", "大家姐",
        "二家姐", "阿哥", "舅父", "舅母", "姨媽", "姑媽", "叔叔", "伯伯", "新郎", "新娘",
        "伴娘", "伴郎", "化妝師", "攝影師", "司機", "師傅", "經紀", "經理", "主任", "醫生",
        "護士", "老師", "同學", "客戶", "客人", "業主", "租客", "住客", "保安", "秘書", "助理",
        "老闆", "上司", "員工", "職員", "學生", "個仔", "個女", "叫", "叫做", "名叫", "我係",
        "我是", "我叫", "佢叫", "佢係", "寫", "由", "訪客", "組長", "負責人", "聯絡人", "收件人",
        "申請人", "持卡人", "僱主", "姐姐", "阿姐", "工人", "姐姐仔", "菲傭", "印傭", "外傭", "阿",
    )), key=len, reverse=True)) + r")[ \t]*(?=[A-Za-z])"
)
_ZH_BEFORE_HAN = re.compile(
    "(?:" + "|".join(sorted(both_scripts((
        "客戶", "顧客", "本人", "我係", "我是", "我叫", "名叫", "叫做", "佢叫", "佢係", "病人",
        "員工", "同事", "職員", "經理", "主任", "申請人", "收件人", "聯絡人", "對接人", "跟進人",
        "處理職員", "記錄人", "司機叫", "師傅", "業主", "租客", "住客", "學生", "家長", "丈夫",
        "太太", "老公", "老婆", "父親", "母親", "爸爸", "媽媽", "女兒", "兒子", "表妹", "表哥",
        "表姐", "表弟", "委託人", "代理人", "當事人", "證人", "事主", "簽署人", "寫我名",
        "持卡人", "轉交同事", "值班同事", "香港同事", "值班工程師", "工程師", "全名", "嫲嫲係",
        "寫", "茲收到", "收到", "交來", "簽收人", "經手人",
    )), key=len, reverse=True)) + r")[ \t]*[，,:：]?[ \t]*(?=[" + HAN + "])"
)


_COMMON_CUES = frozenset({"and", "&", "with", "from", "by", "for", "to", "contact", "call"})


def _positions(text: str) -> Iterator[tuple[int, int, float]]:
    for match in _TITLE.finditer(text):
        pos = match.end()
        initial = re.match(r"[A-Z]\.[ \t]?(?=[A-Z])", text[pos:pos + 4])
        span = latin_name_at(text, pos + (initial.end() if initial else 0), lower_ok=False, max_words=4)
        if span:
            yield (pos if initial else span[0]), span[1], 0.8
    for match in _TITLE_LOWER.finditer(text):
        word = _WORD.match(text, match.end())
        if word and is_surname(word[0]):
            yield *word.span(), 0.7
    for pattern, score, strict in ((_GREETING, 0.75, False), (_INTRO, 0.7, True)):
        for match in pattern.finditer(text):
            span = latin_name_at(text, match.end(), lower_ok=False, max_words=3)
            if span is None:
                # hi mam vicky: a known given name in lower case after a greeting.
                word = _WORD.match(text, match.end())
                if word and not strict and is_given(word[0], in_position=True) and not never_a_name(word[0]):
                    yield *word.span(), 0.6
                continue
            first = _WORD.match(text, span[0])
            assert first is not None
            if strict and not (is_given(first[0], in_position=True) or is_surname(first[0])
                               or first[0] == "Ah" and span[1] - span[0] > 3):
                continue
            # After common words, only a name the lists know, not any capitalised word.
            if (strict and match[0].strip().lower() in _COMMON_CUES
                    and not is_given(first[0], in_position=False)
                    and not (is_surname(first[0]) and span[1] - span[0] > len(first[0]))):
                continue
            yield *span, score
    for match in _SIGN_OFF.finditer(text):
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        span = latin_name_at(text, match.end(), lower_ok=True, max_words=4)
        if span and (span[1] == line_end or text[span[1]:line_end].strip()[:1] in {"", "|", "(", ",", "-", "–"}
                     or len(text[span[0]:span[1]].split()) >= 1):
            yield *span, 0.75
    if not _HAN_CHAR.search(text):
        return
    for match in _ZH_BEFORE_LATIN.finditer(text):
        span = latin_name_at(text, match.end(), lower_ok=False, max_words=4)
        if span:
            first = _WORD.match(text, span[0])
            assert first is not None
            if is_given(first[0], in_position=True) or is_surname(first[0]) or span[1] - span[0] > len(first[0]):
                yield *span, 0.7
    for match in _ZH_BEFORE_HAN.finditer(text):
        span = _chinese_name_in_prose(text, match.end())
        if span:
            yield *span, 0.75


# Romanised syllables that are everyday English words too.
_ENGLISH_SYLLABLES = frozenset(
    "so to on long man sin fun tin pan fan ping pong king sing wing hang kit sun ho hon lo mo "
    "ma ha chin may yes bin kan mean kin tat lap lit pat pit pun sum tan wan wo yo yu".split()
)
_PLACE_NOUNS = frozenset("pier temple market park village beach bay terminal ferry mtr exit".split())
_INTRO_LOWER = re.compile(
    r"(?i:(?<![A-Za-z])(?:(?:my |full |her |his )?name is|name's|it's|its|i'm|im|i am|this is|"
    r"called|named|speaking with|under)[ \t]+)(?=[a-z])"
)


def _lower_romanised(text: str) -> Iterator[tuple[int, int, float]]:
    """A romanised name typed or transcribed in lower case after "my name is", "it's":
    a surname and given syllables (chan tai man), or a given name and a surname."""
    from guardrail.pii.recognizers.names_data import ROMANISED_SURNAMES

    for match in _INTRO_LOWER.finditer(text):
        words: list[re.Match[str]] = []
        for word in re.finditer(r"[a-z]+(?:-[a-z]+)?", text[match.end():match.end() + 40]):
            if word.start() != (words[-1].end() + 1 if words else 0):
                break
            words.append(word)
            if len(words) == 4:
                break
        if len(words) < 2:
            continue
        lowers = [w[0] for w in words]
        count = 0
        if lowers[0] in ROMANISED_SURNAMES:
            count = 1
            while count < len(lowers) and all(p in GIVEN_SYLLABLES for p in lowers[count].split("-")):
                count += 1
        elif is_given(lowers[0]) and is_surname(lowers[1]):
            count = 2
        if count < 2 or len(set(lowers[:count])) < count:
            continue  # ho ho ho
        if count == 2 and (lowers[1] in _ENGLISH_SYLLABLES or lowers[0] in _ENGLISH_SYLLABLES):
            continue  # so long, to man
        phrase = " ".join(lowers[:count])
        after = lowers[count] if count < len(lowers) else ""
        if is_place(phrase) or any(is_place(" ".join(lowers[i:j])) for i in range(count) for j in range(i + 2, count + 1)):
            continue
        if after in ORG_WORDS or after in _PLACE_NOUNS:
            continue
        yield match.end(), match.end() + words[count - 1].end(), 0.75


def _chinese_name_in_prose(text: str, pos: int) -> tuple[int, int] | None:
    """A Chinese name at ``pos`` in running text: the shortest full name, two or three
    characters (four with a compound surname), not a place."""
    from guardrail.pii.recognizers.name_lexicon import ZH_GIVEN, zh_surname_length
    from guardrail.pii.recognizers.name_lexicon import ZH_SURNAMES as ZH_SURNAMES_ALL

    if _spaced(text, pos):
        return chinese_name_at(text, pos)
    surname = zh_surname_length(text[pos:pos + 2])
    if not surname:
        return None
    double = text[pos:pos + 4]
    if (surname == 1 and len(double) == 4 and zh_name_shape(double) and double[1] in ZH_SURNAMES_ALL
            and not re.match(f"[{HAN}]", text[pos + 4:pos + 5])):
        return pos, pos + 4  # 辛蘇麗珍: her husband's surname, then her own
    for given in (2, 1):
        end = pos + surname + given
        candidate = text[pos:end]
        if len(candidate) < surname + given or not re.fullmatch(f"[{HAN}]+", candidate):
            continue
        if not zh_name_shape(candidate):
            continue
        after = text[end:end + 2]
        stops = not after or not re.match(f"[{HAN}]", after) or after.startswith(
            ("先生", "小姐", "女士", "太太", "醫生", "医生", "的", "，", "。", "（", "厂", "廠", "同", "嘅", "係", "来", "來", "已", "於", "于", "在", "說", "说", "話", "话", "表", "問", "问", "要", "及", "和", "、", "今", "昨", "明", "將", "将", "會", "会")
        )
        if (given == 2 and (stops or all(ch in ZH_GIVEN for ch in candidate[surname:]))
                and not zh_place_overlaps(text, pos, end)):
            return pos, end
        if (given == 1 and candidate[-1] in ZH_GIVEN and not re.match(f"[{HAN}]", after[:1])
                and not zh_place_overlaps(text, pos, end)):
            return pos, end
    return None


_ZH_TITLE_AFTER = tuple(sorted(both_scripts(("太", "生", "小姐", "先生", "女士", "姑娘", "醫生", "師傅", "Sir", "sir")), key=len, reverse=True))


def _chinese_alone(text: str) -> Iterator[tuple[int, int, float]]:
    """A Chinese name standing apart from other Chinese characters: a line of its own
    under a signature's title, a list entry (``一、尹家棟　單位``), a table cell; and a
    surname with a title (``陳太``, ``林小姐``) written the same way, as chats do."""
    from guardrail.pii.recognizers.name_lexicon import ZH_GIVEN, zh_surname_length

    for match in re.finditer(f"(?<![{HAN}「『“\"《])[{HAN}]{{2,4}}(?![{HAN}」』”\"》])", text):
        run = match[0]
        surname = zh_surname_length(run)
        if not surname:
            continue
        given = run[surname:]
        if len(given) == 2 and all(ch in ZH_GIVEN for ch in given) and zh_name_shape(run):
            if not zh_place_overlaps(text, *match.span()):
                yield *match.span(), 0.65
            continue
        rest = run[surname:]
        if rest in _ZH_TITLE_AFTER and run[:surname] in _COMMON_ZH_SURNAMES:
            yield match.start(), match.start() + surname, 0.6
    for match in re.finditer(f"(?<![{HAN}])([{HAN}])(?:Sir|sir)(?![A-Za-z])", text):
        if match[1] in _COMMON_ZH_SURNAMES:
            yield *match.span(1), 0.6
    # A signature or a notice's sender: 人事部 王麗, 校長 余志豪 謹啟.
    for match in _ZH_AFTER_UNIT.finditer(text):
        run = match[1]
        if zh_surname_length(run) and zh_name_shape(run) and run[-1] in ZH_GIVEN:
            yield *match.span(1), 0.7
    for match in re.finditer(f"(?<![A-Za-z])(?:Mr|Mrs|Ms|Miss|Dr|Mdm|Madam)\\.?[ \t]?([{HAN}])(?![{HAN}])", text):
        if match[1] in _COMMON_ZH_SURNAMES:
            yield *match.span(1), 0.7


_ZH_AFTER_UNIT = re.compile(
    "(?:" + "|".join(sorted(both_scripts((
        "部", "處", "組", "科", "室", "司", "會", "部門", "主任", "經理", "秘書", "校長", "老師",
        "同事", "代表", "顧問", "主管", "總監", "律師", "醫生", "負責人", "聯絡人", "經辦人",
        "審核", "批核", "簽署",
    )), key=len, reverse=True)) + f")[ \t\u3000]+([{HAN}]{{2,3}})(?![{HAN}])"
)
_NICKNAME_KIN = frozenset("媽爸仔女哥姐叔姨嫂婆公嫲爺伯妹弟嬸舅媽妈爷".strip())


def _nickname_at(text: str, pos: int) -> tuple[int, int] | None:
    """阿明 after a label: 阿 and one or two given-name characters, not a relative."""
    from guardrail.pii.recognizers.name_lexicon import ZH_GIVEN

    match = re.match(f"阿([{HAN}]{{1,2}})(?![{HAN}])", text[pos:pos + 4])
    if match is None or match[1][0] in _NICKNAME_KIN or not all(ch in ZH_GIVEN for ch in match[1]):
        return None
    return pos, pos + match.end()


# ---- travel documents ----

_AIRLINE = re.compile(r"(?<![A-Za-z/])([A-Z]{2,}(?:[ -][A-Z]{2,})?/[A-Z]{2,}(?: [A-Z]{2,})?)(?: (?:MR|MRS|MS|MISS|MSTR|DR|CHD|INF))?(?![A-Za-z/])")
_MRZ = re.compile(r"P[<A-Z][A-Z]{3}([A-Z]+(?:<[A-Z]+)*<<[A-Z]+(?:<[A-Z]+)*)<")


# A name spelled out: letter by letter with hyphens, as callers spell (L-E-E, J-A-S-O-N
# space H-O), or with spaces on a form (C H A N   T A I   M A N).
_HYPHEN_GROUP = r"[A-Z](?:-[A-Z])+"
_SPELLED_HYPHENS = re.compile(
    rf"(?<![A-Za-z0-9-]){_HYPHEN_GROUP}(?:(?:,? space |, | ){_HYPHEN_GROUP})*(?![A-Za-z0-9-])"
)
_SPELLED_SPACES = re.compile(r"(?<![A-Za-z0-9])[A-Z](?: [A-Z]){2,}(?: {2,4}[A-Z](?: [A-Z])+)*(?![A-Za-z0-9])")
_SURNAME_FIRST_COMMA = re.compile(
    r"(?<![A-Za-z])([A-Z]{2,}), ([A-Z][a-z]+(?:[ -][A-Za-z][a-z]+){0,3})(?![A-Za-z])"
)
# Initials with a surname, either way round: T.M. Chan, C. Y. Leung, Chan T.M.
_INITIALS_FIRST = re.compile(r"(?<![A-Za-z.])(?:[A-Z]\.[ ]?){1,3}([A-Z][a-z]+|[A-Z]{2,})(?![A-Za-z])")
_INITIALS_AFTER = re.compile(r"(?<![A-Za-z])([A-Z][a-z]+|[A-Z]{2,}),? (?:[A-Z]\.[ ]?){1,3}(?![A-Za-z])")
_AH_NAME = re.compile(r"(?<![A-Za-z])Ah[ -]([A-Z][a-z]+)(?![A-Za-z])")


def _spelled_and_short_forms(text: str) -> Iterator[tuple[int, int, float]]:
    if "-" in text:
        for match in _SPELLED_HYPHENS.finditer(text):
            groups = [g.replace("-", "") for g in re.findall(_HYPHEN_GROUP, match[0])]
            if any(is_surname(g) or is_given(g, in_position=True) for g in groups):
                yield *match.span(), 0.75
    for match in _SPELLED_SPACES.finditer(text):
        groups = [g.replace(" ", "") for g in re.split(r" {2,}", match[0])]
        if any(is_surname(g) or is_given(g, in_position=True) for g in groups):
            yield *match.span(), 0.75
    for match in _SURNAME_FIRST_COMMA.finditer(text):
        first_given = match[2].split()[0].split("-")[0]
        if is_surname(match[1]) and (is_given(first_given, in_position=True)):
            yield match.start(), match.end(), 0.8
    if "." in text:
        for pattern in (_INITIALS_FIRST, _INITIALS_AFTER):
            for match in pattern.finditer(text):
                if is_surname(match[1]) and not never_a_name(match[1]):
                    yield match.start(), match.end(), 0.75
    for match in _AH_NAME.finditer(text):
        if match[1].lower() in GIVEN_SYLLABLES:
            yield match.start(), match.end(), 0.7


def _documents(text: str) -> Iterator[tuple[int, int, float]]:
    if "/" in text:
        for match in _AIRLINE.finditer(text):
            surname, _, given = match[1].partition("/")
            if is_place(surname) or len(given.split()[0]) < 3:
                continue
            # Codes such as N/A, HKG/NRT or TBC/TBA are short and have no vowels to speak of.
            if len(surname) <= 3 and len(given) <= 3:
                continue
            yield *match.span(1), 0.85
    if "<<" in text:
        for match in _MRZ.finditer(text):
            yield *match.span(1), 0.9


# ---- given names alone ----

_CAPITALISED = re.compile(rf"(?<![{L}'’-])[{U}][a-zß-öø-ÿ]+(?:-[{L}]+)?(?![{L}'’])")
_UPPER = re.compile(r"(?<![A-Za-z'’-])[A-Z]{3,}(?![A-Za-z'’])")


def _given_names(text: str) -> Iterator[tuple[int, int, float]]:
    for pattern in (_CAPITALISED, _UPPER):
        for match in pattern.finditer(text):
            if not is_given(match[0]):
                continue
            start = match.start()
            if (re.search(r"(?i)\bthe[ \t]+$", text[max(0, start - 5):start]) or is_place(match[0])
                    or _inside_place(text, start, match.end())):
                continue
            upper = match[0].isupper()
            span = latin_name_at(text, start, lower_ok=False, max_words=4, newline_ok=upper)
            following = _WORD.match(text, match.end() + 1) if text[match.end():match.end() + 1] == " " else None
            if following and following[0].lower().rstrip(".") in ORG_WORDS:
                continue  # Nathan Road, Alice Building
            if span is None:
                continue  # Louis Vuitton, Calvin Klein: a brand or place starts here
            end = span[1]
            # An all-capital word is a heading or code more often than a name: only with
            # other all-capital words after it that could be names.
            if upper and end == match.end() and not _label_before(text, start):
                continue
            yield start, end, 0.7


_LOWER_WORD = re.compile(r"(?<![A-Za-z'’@.-])[a-z]{4,}(?![A-Za-z'’@.-])")


def _lower_given_names(text: str) -> Iterator[tuple[int, int, float]]:
    """Given names typed in lower case, as chats do (ask kenny): only names that are no
    English word (not grace, will, may) and at least four letters long."""
    for match in _LOWER_WORD.finditer(text):
        word = match[0]
        if word in GIVEN_LOWER and word not in AMBIGUOUS_GIVEN and not never_a_name(word):
            if re.search(r"(?i)\b(?:the|a|an)[ \t]+$", text[max(0, match.start() - 4):match.start()]):
                continue
            yield *match.span(), 0.6


def _label_before(text: str, start: int) -> bool:
    return re.search(r"[:：][ \t]*$", text[max(0, start - 3):start]) is not None


class ContextNameRecognizer(LocalRecognizer):
    """Names found from labels, tables, speakers, greetings, titles and documents."""

    recognizer_name = "HkContextNameRecognizer"

    def __init__(self) -> None:
        super().__init__(
            supported_entities=[ENTITY], name=self.recognizer_name, supported_language=LANGUAGE
        )

    def load(self) -> None:
        """Word lists and patterns are built at import; nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        results = []
        seen: set[tuple[int, int]] = set()
        for finder in (_labelled, _xml_fields, _markdown_tables, _csv_tables, _speakers, _positions,
                       _documents, _given_names, _lower_given_names, _chinese_alone,
                       _spelled_and_short_forms, _lower_romanised):
            for start, end, score in finder(text):
                if end <= start or (start, end) in seen:
                    continue
                seen.add((start, end))
                results.append(tagged_result(self, self.recognizer_name, ENTITY, start, end, score))
        return results
