"""The header of the table column a value sits in, as context for it.

In a Markdown table, a CSV row or tab-separated text pasted from a spreadsheet, the
word that says what a value is (``Passport``, ``電話``) stands in the header row, often
far more than a context window away. A recognizer that finds no context word near a
candidate asks for the header of its column instead.
"""

from __future__ import annotations

import re

_SEPARATOR_ROW = re.compile(r"[\s|:\-+=]*")
_MAX_ROWS = 25  # rows walked up to the header: a bound on the cost per value
_MAX_HEADER = 40  # a header names a column; a longer cell is a value or prose


def column_header(text: str, position: int) -> str | None:
    """The header cell above ``text[position]`` when it sits in a table row, else ``None``."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    separator = _separator(line)
    if separator is None:
        return None
    column = _count(line, separator, position - line_start)
    cells = _count(line, separator)
    if line_start > 0 and line_end >= 0:
        # A row a paste broke inside a cell (…,9418⏎2209,,): the rows around it have as
        # many cells as this line and the next together.
        above = text[text.rfind("\n", 0, line_start - 1) + 1 : line_start - 1]
        next_end = text.find("\n", line_end + 1)
        below = text[line_end + 1 : next_end if next_end >= 0 else len(text)]
        whole = _count(above, separator)
        if _separator(above) == separator and whole > cells and cells + _count(below, separator) == whole:
            cells = whole
    header = None
    cursor = line_start
    for _ in range(_MAX_ROWS):
        if cursor == 0:
            break
        above_start = text.rfind("\n", 0, cursor - 1) + 1
        above = text[above_start : cursor - 1]
        # Rows of one table have as many cells as this one; prose with commas does not.
        if _separator(above) != separator or not _same_table(_count(above, separator), cells, column, separator):
            break
        if not _SEPARATOR_ROW.fullmatch(above):
            header = above
        cursor = above_start
    if header is None:
        return None
    if separator == "," and re.search(r"\d", header):
        return None  # a comma-separated header names columns; digits make it a row of prose
    names = _QUOTED_COMMA.split(header) if separator == "," else header.split(separator)
    name = names[column].strip() if column < len(names) else ""
    return name if 0 < len(name) <= _MAX_HEADER else None


def _same_table(count: int, cells: int, column: int, separator: str) -> bool:
    """Whether a row with ``count`` separators belongs to the table of one with ``cells``.
    A pasted CSV's last cell may be free text with commas of its own (备注 "深圳同事，当天
    上车", whose full-width comma normalises to ASCII): a few extra commas are let
    through for a column left of them."""
    if count == cells:
        return True
    return separator == "," and min(count, cells) >= 3 and column < min(count, cells) and abs(count - cells) <= 3


# A comma outside double quotes: a CSV cell may hold commas of its own ("Flat 6, 3/F, 55
# Temple Street"), which separate no columns.
_QUOTED_COMMA = re.compile(r',(?=(?:[^"]*"[^"]*")*[^"]*$)')


def _count(line: str, separator: str, end: int | None = None) -> int:
    """How many separators ``line`` has (before ``end``), those inside a CSV's quoted cell
    not counted."""
    head = line if end is None else line[:end]
    if separator != "," or '"' not in line:
        return head.count(separator)
    if end is not None and head.count('"') % 2:
        head += '"'  # the position is inside a quoted cell: count the commas before it
    return len(_QUOTED_COMMA.findall(head))


def _separator(line: str) -> str | None:
    if line.count("|") >= 2:
        return "|"
    if "\t" in line:
        return "\t"
    if line.count(",") >= 2:
        return ","
    return None


def header_row(text: str, position: int) -> bool:
    """Whether ``text[position]`` sits in a table's header row: a row of cells with no row
    of the same shape above it and one below it (or a Markdown rule under it)."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    if line_end < 0:
        return False
    line = text[line_start:line_end]
    separator = _separator(line)
    if separator is None or re.search(r"\d", line):
        return False
    cells = line.count(separator)
    if line_start > 0:
        above = text[text.rfind("\n", 0, line_start - 1) + 1 : line_start - 1]
        if _separator(above) == separator and above.count(separator) == cells:
            return False
    below_end = text.find("\n", line_end + 1)
    below = text[line_end + 1 : below_end if below_end >= 0 else len(text)]
    return _separator(below) == separator and below.count(separator) == cells
