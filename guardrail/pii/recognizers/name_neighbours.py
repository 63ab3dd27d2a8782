"""Names found next to names already found: the rest of a table column, the rest of a list.

A booking log, a roster or a seating plan pasted as text keeps its people in one column
(``19:00  King Cheung  x10`` above ``19:30  Candy  x3``), and a list of pairs keeps
them on either side of a separator (``Sky → Jayden``). Where the other recognizers have
found names in a column of such a block, the column's other cells that are shaped like
names are names too; where one entry of a short list is a name, a sibling entry that is
a given name (even one that is also a word) is a name too.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

from guardrail.pii.recognizers.name_lexicon import (
    HAN,
    is_given,
    is_place,
    is_surname,
    never_a_name,
    zh_name_shape,
)
from guardrail.pii.recognizers.name_spans import ORG_WORDS, STOP

# Cells are split by tabs, runs of spaces, pipes, and (the text being normalised, a
# full-width space becomes one space) a single space beside a Chinese character.
_CELL_SPLIT = re.compile(r"\t+| {2,}|[ \t]*\|[ \t]*|\u3000+")
_CELL_SPLIT_ZH = re.compile(rf"\t+| {{2,}}|[ \t]*\|[ \t]*|\u3000+|(?<=[{HAN}]) (?=\S)|(?<=\S) (?=[{HAN}])")
_PROSE = re.compile(r"[，。！？,.!?:：;；]")
_LATIN_CELL = re.compile(r"[A-Z][A-Za-z'’.-]*(?: [A-Z][A-Za-z'’.-]*){0,3}")
_HAN_CELL = re.compile(f"[{HAN}]{{2,4}}")
_LIST_SPLIT = re.compile(r"[ \t]*(?:→|->|=>|/|&|、|;|；)[ \t]*|[ \t]+and[ \t]+")
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


def _name_shaped(value: str) -> bool:
    if _HAN_CELL.fullmatch(value):
        return zh_name_shape(value, rare=True)
    if not _LATIN_CELL.fullmatch(value):
        return False
    words = value.replace(".", " ").split()
    if len(words) == 1 and value.isupper() and not is_surname(value):
        return False  # ISP, N/A, TBC: a code, not a name
    if any(never_a_name(w) or w.lower() in STOP or w.lower() in ORG_WORDS for w in words):
        return False
    return not is_place(value)


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
    """A given name beside a found name in a short list on one line: ``Sky → Jayden``."""
    spans = _Overlaps(found)
    if not spans:
        return
    for match in re.finditer(r"[^\n]+", text):
        line, offset = match.group(), match.start()
        if not _hits(spans, offset, offset + len(line)) or not _LIST_SPLIT.search(line):
            continue
        position = 0
        entries = []
        for separator in _LIST_SPLIT.finditer(line):
            entries.append((offset + position, offset + separator.start()))
            position = separator.end()
        entries.append((offset + position, offset + len(line)))
        if len(entries) > 6 or not any(_hits(spans, *entry) for entry in entries):
            continue
        for start, end in entries:
            word = text[start:end].strip()
            if _hits(spans, start, end) or not _ENTRY.fullmatch(word):
                continue
            if never_a_name(word) or word.lower() in STOP or is_place(word):
                continue
            if is_given(word, in_position=True) or is_surname(word):
                lead = len(text[start:end]) - len(text[start:end].lstrip())
                yield start + lead, start + lead + len(word)
