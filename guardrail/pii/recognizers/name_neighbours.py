"""Names found next to names already found: the rest of a table column, the rest of a list.

A booking log, a roster or a seating plan pasted as text keeps its people in one column
(``19:00  King Cheung  x10`` above ``19:30  Candy  x3``), and a list of pairs keeps
them on either side of a separator (``Sky → Jayden``). Where the other recognizers have
found names in a column of such a block, the column's other cells that are shaped like
names are names too; where one entry of a short list is a name, a sibling entry that is
a given name (even one that is also a word) is a name too. So is a given name joined to a
found one by 同 or 和 (``浩晉同樂瑤``), and a nickname set equal to one (``Bear = Cheung Ho Yin``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

from guardrail.pii.recognizers.name_cues import nickname_shaped
from guardrail.pii.recognizers.name_lexicon import (
    COMMON_ZH_SURNAMES,
    HAN,
    ZH_HONORIFICS,
    ZH_NOT_IN_NAME,
    is_given,
    is_place,
    is_surname,
    never_a_name,
    zh_name_shape,
    zh_place_overlaps,
    zh_surname_length,
)
from guardrail.pii.recognizers.name_spans import HAN_CHAR, ORG_WORDS, STOP
from guardrail.pii.recognizers.name_zh_given import ORDINARY_WORDS, given_shape
from guardrail.pii.recognizers.name_zh_roles import ROLES, boundary_after, full_name_ok
from guardrail.text.start_gate import gate

# Cells are split by tabs, runs of spaces, pipes, and (the text being normalised, a
# full-width space becomes one space) a single space beside a Chinese character.
_CELL_SPLIT = gate(re.compile(r"\t+| {2,}|[ \t]*\|[ \t]*|\u3000+"))
_CELL_SPLIT_ZH = re.compile(rf"\t+| {{2,}}|[ \t]*\|[ \t]*|\u3000+|(?<=[{HAN}]) (?=\S)|(?<=\S) (?=[{HAN}])")
_PROSE = re.compile(r"[，。！？,.!?:：;；]")
_LATIN_CELL = re.compile(r"[A-Z][A-Za-z'’.-]*(?: [A-Z][A-Za-z'’.-]*){0,3}")
_HAN_CELL = re.compile(f"[{HAN}]{{2,4}}")
_LIST_SPLIT = gate(re.compile(r"[ \t]*(?:→|->|=>|/|&|、|;|；)[ \t]*|[ \t]+and[ \t]+"))
_ENTRY = re.compile(r"[A-Z][a-z]{1,14}")


def _cells(line: str, offset: int) -> list[tuple[int, int]]:
    cells, position = [], 0
    # One space beside a Chinese character parts cells only in a row of bare values.
    split = _CELL_SPLIT if _PROSE.search(re.sub(r"\d[.:/]\d", "", line)) else _CELL_SPLIT_ZH
    for separator in split.finditer(line):
        if separator.start() > position:
            cells.append((offset + position, offset + separator.start()))
        position = separator.end()
    if position < len(line):
        cells.append((offset + position, offset + len(line)))
    return cells


_SPACED_HAN_CELL = re.compile(f"[{HAN}](?: [{HAN}]){{1,3}}")


def _name_shaped(value: str) -> bool:
    if _HAN_CELL.fullmatch(value):
        return zh_name_shape(value, rare=True)
    if _SPACED_HAN_CELL.fullmatch(value):
        return zh_name_shape(value.replace(" ", ""), rare=True)  # 李 娜, 羅 嘉 麗: typed spaced out
    if not _LATIN_CELL.fullmatch(value):
        return False
    words = value.replace(".", " ").split()
    if len(words) == 1 and value.isupper() and not is_surname(value):
        return False  # ISP, N/A, TBC: a code, not a name
    odd = [w for w in words if never_a_name(w) or w.lower() in STOP or w.lower() in ORG_WORDS]
    # (a given name that is also a word may open a full name: Will Harcourt, in a column of names)
    if odd and not (len(words) > 1 and odd == [words[0]] and _word_given(words[0])):
        return False
    return not is_place(value)


def _word_given(word: str) -> bool:
    return (
        word[0].isupper()
        and not never_a_name(word)
        and word.lower() not in ORG_WORDS
        and is_given(word, in_position=True)
    )


class _Overlaps:
    """Whether a range overlaps any found span, in O(log n) (texts may hold thousands)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.reach: list[int] = []
        furthest = -1
        for _, end in ordered:
            furthest = max(furthest, end)
            self.reach.append(furthest)

    def __bool__(self) -> bool:
        return bool(self.starts)

    def __len__(self) -> int:
        return len(self.starts)

    def hits(self, start: int, end: int) -> bool:
        before = bisect.bisect_left(self.starts, end)
        return before > 0 and self.reach[before - 1] > start


def _hits(spans: _Overlaps, start: int, end: int) -> bool:
    return spans.hits(start, end)


def column_neighbours(text: str, found: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Cells of a text table's column in which at least two rows hold a found name."""
    spans = _Overlaps(found)
    if len(spans) < 2:
        return
    block: list[list[tuple[int, int]]] = []
    offset = 0
    for line in [*text.split("\n"), ""]:
        cells = _cells(line, offset)
        offset += len(line) + 1
        if len(cells) >= 2:
            block.append(cells)
            continue
        if len(block) >= 3:
            yield from _block_neighbours(text, block, spans)
        block = []


def _block_neighbours(text: str, block: list[list[tuple[int, int]]], spans: _Overlaps) -> Iterator[tuple[int, int]]:
    width = max(len(row) for row in block)
    for column in range(width):
        rows = [row[column] for row in block if column < len(row)]
        named = [cell for cell in rows[1:] if _hits(spans, *cell)]
        if len(named) < 2 or len(named) * 2 < len(rows) - 1:
            continue
        # The first row is a header more often than not (Booker, 車主): never a name here.
        for start, end in rows[1:]:
            if not _hits(spans, start, end) and _name_shaped(text[start:end].strip()):
                yield start, end


def list_neighbours(text: str, found: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """A given name beside a found name in a short list on one line: ``Sky → Jayden``;
    the heads of numbered entries beside one headed by a found name."""
    found = list(found)
    yield from zh_list_neighbours(text, found)
    yield from zh_joined_names(text, found)
    yield from equated_aliases(text, found)
    spans = _Overlaps(found)
    if not spans:
        return
    yield from _entry_heads(text, spans)
    for match in re.finditer(r"[^\n]+", text):
        line, offset = match.group(), match.start()
        if not _hits(spans, offset, offset + len(line)):
            continue
        # Commas list people too (cousins - Crystal, Summer, Marco D'Souza), but they list
        # anything: only where two entries or more are names already found.
        for split, least, most in ((_LIST_SPLIT, 1, 6), (_COMMA_SPLIT, 2, 12)):
            if not split.search(line):
                continue
            entries = _entries(line, offset, split)
            if len(entries) > most or sum(_hits(spans, *entry) for entry in entries) < least:
                continue
            yield from _given_entries(text, spans, entries)


_COMMA_SPLIT = re.compile(r"[ \t]*[,，][ \t]*")
_LABEL_HEAD = re.compile(r"[^\n]*(?:[:：]|[ \t][-–—])[ \t]*(?=\S)")


def _entries(line: str, offset: int, split: re.Pattern[str]) -> list[tuple[int, int]]:
    position = 0
    entries = []
    for separator in split.finditer(line):
        entries.append((offset + position, offset + separator.start()))
        position = separator.end()
    entries.append((offset + position, offset + len(line)))
    return entries


def _given_entries(text: str, spans: _Overlaps, entries: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The entries that are a given name or a surname alone, not already found."""
    for start, end in entries:
        label = _LABEL_HEAD.match(text, start, end)
        if label is not None:
            start = label.end()  # cousins - Crystal, 中學同學: Apple: the entry after its label
        word = text[start:end].strip()
        if _hits(spans, start, end) or not _ENTRY.fullmatch(word):
            continue
        if never_a_name(word) or word.lower() in STOP or is_place(word):
            continue
        if is_given(word, in_position=True) or is_surname(word):
            lead = len(text[start:end]) - len(text[start:end].lstrip())
            yield start + lead, start + lead + len(word)


# A numbered or bulleted entry led by a name and a dash or colon, as a shortlist, a
# rebooking list or a call sheet writes one person a line (1) Chukwudi Eze - Staff
# Engineer; 2. E. J. McAllister - GBR; - k. sasaki: referral). Two words or three,
# capitalised, a quoted nickname or initials among them; or an initial and a word in
# lower case.
_NAME_WORD = r"(?:[A-Z]\.|[A-Z][a-zà-öø-ÿ'’]+(?:-[A-Z]?[a-zà-öø-ÿ]+)*|Ma?c[A-Z][a-z]+|\"[A-Z][a-z]+\")"
_ENTRY_HEAD = re.compile(
    r"(?m)^[ \t]*(?:\d{1,2}[.)]|[-*•])[ \t]+"
    rf"(?P<head>{_NAME_WORD}(?:[ \t]{_NAME_WORD}){{1,3}}|[a-z]\.[ \t]?[a-z]{{3,14}})"
    r"[ \t]*(?:\([^)\n]{0,24}\)[ \t]*)?(?:[-–—:|][ \t]|,[ \t])"
)


def _numbered_next(previous: re.Match[str], entry: re.Match[str]) -> bool:
    """Whether ``entry`` is numbered one after ``previous`` (1) then 2), 3. then 4.)."""
    first, second = (re.match(r"[ \t]*(\d+)", match[0]) for match in (previous, entry))
    return first is not None and second is not None and int(second[1]) == int(first[1]) + 1


def _entry_heads(text: str, spans: _Overlaps) -> Iterator[tuple[int, int]]:
    """Heads of list entries shaped like names, where another entry of the same list (no
    blank line between, or numbered next) is headed by a name already found."""
    heads = list(_ENTRY_HEAD.finditer(text)) if "\n" in text else []
    if len(heads) < 2:
        return
    lists: list[list[re.Match[str]]] = [[heads[0]]]
    for head in heads[1:]:
        gap = text[lists[-1][-1].end() : head.start()]
        # One list: no blank line between, or the next number (1) ... blank line ... 2) ...).
        if "\n\n" not in gap or _numbered_next(lists[-1][-1], head):
            lists[-1].append(head)
        else:
            lists.append([head])
    for entries in lists:
        if len(entries) < 2 or not any(_hits(spans, *entry.span("head")) for entry in entries):
            continue
        for entry in entries:
            words = [w.strip('"').rstrip(".") for w in entry["head"].split()]
            if any(never_a_name(w) or w.lower() in STOP or w.lower() in ORG_WORDS for w in words if len(w) > 1):
                continue
            if is_place(entry["head"]) or any(is_place(w) for w in words if len(w) > 2):
                continue
            yield entry.span("head")


# ---- Chinese lists: entries between 、 or spaces on one line, and numbered lines ----

_ZH_ENTRY_SPLIT = re.compile(r"[ \t]*[、，,;；/＋+][ \t]*|[ \t]+")
_ZH_ENTRY_SPLIT_MARKS = re.compile(r"[ \t]*[、;；][ \t]*")
_PROSE_MARKS = re.compile(r"[。！？!?，,]|[a-z]{2,}")
_ZH_LABEL = re.compile(r"^(?:[^\n:：]{1,16}[:：]|[^\n]{1,40}?(?:——|—|--))[ \t]*")
_ZH_NUMBERED = re.compile(
    r"(?m)^[ \t]*(?:\d{1,3}|[一二三四五六七八九十]{1,3})[.、)）][ \t]*(?P<head>[^\s（(，,、:：]+)"
)
_ZH_LINE_ENTRY = re.compile(
    rf"[ \t]*(?P<head>[{HAN}·•‧・]{{2,12}}|[A-Z][a-z]+(?: [A-Z][a-z]+)?(?: [{HAN}]{{1,3}})?)[ \t]*"
    r"(?:[（(][^）)\n]{0,30}[）)])?[ \t]*"
)
_ZH_ANNOTATION = re.compile(r"[（(][^）)\n]{0,30}[）)]")
_ZH_ENTRY_MAX = 6


def _zh_core(text: str, start: int, end: int) -> tuple[int, int]:
    """An entry's name part: without its bracketed note, its role before or its title after."""
    value = text[start:end]
    while value and value[-1] in "。.！!？?~～":
        end -= 1  # 麗珊。 ending a sentence
        value = value[:-1]
    label = max(value.rfind("："), value.rfind(":"))
    if 0 <= label < len(value) - 2:
        start += label + 1  # 覆核：麗姐, a label inside a line of labelled values
        value = text[start:end]
    note = _ZH_ANNOTATION.search(value)
    if note:
        end = start + note.start()
        value = text[start:end]
    role = _ROLE_HEAD.match(value)
    if role and len(value) > role.end() + 1:
        start += role.end()
        value = value[role.end() :]
    title = _TITLE_TAIL.search(value)
    if title and title.start() > 1:
        end -= len(title[0])
    return start, end


_ROLE_HEAD = re.compile("|".join(ROLES))
_TITLE_TAIL = re.compile("(?:" + "|".join(ZH_HONORIFICS) + ")$")


# A relative's word that signs beside a name (囝囝 家樂 囡囡 嘉欣 上): the word is no name.
_KIN_ENTRIES = frozenset(("囝囝", "囡囡", "仔仔", "女女", "孫仔", "孫女", "個仔", "個女"))


def _zh_entry_is_name(value: str, strong: bool) -> bool:
    """Whether a list entry beside names is a name too; ``strong`` when several neighbours are."""
    if re.fullmatch(f"[{HAN}]{{2}} ?B", value) and nickname_shaped(value):
        return True  # 細路B
    if not _HAN_RUN.fullmatch(value) or value in ORDINARY_WORDS or value in _KIN_ENTRIES:
        return False
    if value[-1] in _NOT_NAME_END:
        return False
    if full_name_ok(value) or nickname_shaped(value) or given_shape(value) or _TRANSLIT.fullmatch(value):
        return True
    # 艾米, 钱多多 among other names: a surname and characters the lists do not know.
    if len(value) == 2 and value[0] == "大" and value[1] in COMMON_ZH_SURNAMES:
        return True  # 大刘 beside 老黄: a nickname of 大 and a surname
    return (
        strong
        and 2 <= len(value) <= 3
        and zh_surname_length(value, rare=True) > 0
        and not any(ch in ZH_NOT_IN_NAME for ch in value)
    )


# What ends a department, a grade or a rank, never a name: 财务部, 中一級, 第一名.
_NOT_NAME_END = frozenset("部組组級级名科處处班隊队會会室系院所局署年月日號号")


_HAN_RUN = re.compile(rf"[{HAN}·•‧・]{{2,12}}")
# A word that joins two people in a clause: 浩晉同樂瑤, 乐怡和子轩都上车了, 美玲及嘉欣.
_JOIN = re.compile("同|和|及|與|与|跟")
_TRANSLIT = re.compile(rf"[{HAN}]{{2,6}}(?:[·•‧・][{HAN}]{{1,8}}){{1,3}}")


def zh_list_neighbours(text: str, found: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Chinese names beside found names: entries of one line (``杜子腾　慕容雪　宁静``,
    ``委員：張綺玟議員、簡志恒議員``) and the heads of numbered lines (``10. 欧阳倩 从上海回来``)."""
    spans = _Overlaps(found)
    if not spans or not HAN_CHAR.search(text):
        return

    def candidates(entries: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        cores = [_zh_core(text, s, e) for s, e in entries]
        named = sum(1 for s, e in cores if _hits(spans, s, e))
        short = sum(1 for s, e in cores if e - s <= _ZH_ENTRY_MAX or _hits(spans, s, e))
        if not named or short * 4 < len(cores) * 3:
            return
        strong = named >= 2
        for s, e in cores:
            value = text[s:e]
            # An entry found in part (華 of 美華姐) is taken whole when it is name-shaped.
            if not _zh_entry_is_name(value, strong) or (_hits(spans, s, e) and not nickname_shaped(value)):
                continue
            if not zh_place_overlaps(text, s, e):
                yield s, e

    for match in re.finditer(r"[^\n]+", text):
        line, offset = match.group(), match.start()
        if not _hits(spans, offset, offset + len(line)) or not HAN_CHAR.search(line):
            continue
        label = _ZH_LABEL.match(line)
        body = label.end() if label else 0
        # Separators inside a bracketed note (細路B（鄺俊彥，中四）) part nothing.
        masked = _ZH_ANNOTATION.sub(lambda note: "#" * len(note[0]), line)
        splits = (_ZH_ENTRY_SPLIT_MARKS, _ZH_ENTRY_SPLIT) if "、" in line else (_ZH_ENTRY_SPLIT, _ZH_ENTRY_SPLIT_MARKS)
        for split in splits:
            entries, position = [], body
            for separator in split.finditer(masked, body):
                if separator.start() > position:
                    entries.append((offset + position, offset + separator.start()))
                position = separator.end()
            if position < len(line):
                entries.append((offset + position, offset + len(line)))
            if not 2 <= len(entries) <= 12:
                continue  # a short list only: a long run of separators is a table or noise
            # Spaces part entries only in a line of bare values (杜子腾 慕容雪 宁静), not in
            # code-mixed prose, which spaces its words too.
            if split is _ZH_ENTRY_SPLIT and (
                _PROSE_MARKS.search(_ZH_ANNOTATION.sub("", line[body:]))
                or any(end - start > _ZH_ENTRY_MAX for start, end in (_zh_core(text, *e) for e in entries))
            ):
                continue
            yield from candidates(entries)
            break
    heads = [(m.start("head"), m.end("head")) for m in _ZH_NUMBERED.finditer(text)]
    if len(heads) >= 3:
        yield from candidates(heads)
    # One entry a line, each perhaps with a note in brackets: 孔祥瑞（华南大区销售经理）.
    block: list[tuple[int, int]] = []
    for match in re.finditer(r"[^\n]*\n?", text):
        head = _ZH_LINE_ENTRY.fullmatch(match.group().rstrip("\n"))
        if head:
            block.append((match.start() + head.start("head"), match.start() + head.end("head")))
            continue
        if len(block) >= 3:
            yield from candidates(block)
        block = []


def zh_joined_names(text: str, found: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """A given name joined to a found Chinese name by 同, 和, 及, 與 or 跟, on either side
    (``同學浩晉同樂瑤``, ``乐怡和子轩都上车了``): two people named in one breath; the
    other side must be shaped like a given name and end where a name may end."""
    for start, end in found:
        if not HAN_CHAR.match(text, start) or not HAN_CHAR.match(text, end - 1):
            continue
        join = _JOIN.match(text, end)
        if join:
            word = text[join.end() : join.end() + 2]
            if _joined_given(text, join.end(), word) and boundary_after(text, join.end() + 2):
                yield join.end(), join.end() + 2
        if start >= 3 and _JOIN.match(text, start - 1):
            word = text[start - 3 : start - 1]
            before = text[start - 4 : start - 3] if start >= 4 else ""
            if _joined_given(text, start - 3, word) and not HAN_CHAR.match(before):
                yield start - 3, start - 1


def _joined_given(text: str, start: int, word: str) -> bool:
    """Two characters shaped like a given name, no ordinary word, no place."""
    return (
        len(word) == 2
        and given_shape(word)
        and word not in ORDINARY_WORDS
        and not zh_place_overlaps(text, start, start + 2)
    )


# A nickname set equal to a found name, as a roster or a teacher's note explains who is
# who: ``Bear = Cheung Ho Yin 3B``, ``Rose = 華玫瑰姊妹``.
_EQUATED = re.compile(rf"(?<![\w{HAN}])([A-Z][a-z]{{1,14}}|[A-Z]{{2,12}}|[{HAN}]{{2,4}})[ \t]*[=＝][ \t]*$")


def equated_aliases(text: str, found: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The word before ``=`` right before a found name: the name its bearer goes by."""
    for start, _ in found:
        match = _EQUATED.search(text, max(0, start - 24), start)
        if match is None:
            continue
        alias = match[1]
        if never_a_name(alias) or is_place(alias) or alias in ORDINARY_WORDS:
            continue
        yield match.span(1)
