"""Names in registers whose cells are set apart by ideographic spaces.

Chinese ledgers, parcel books, check-up lists and photographed forms are typed with
full-width spaces between cells, doubled where a short cell is padded to line the columns
up (``2　仝赟　　男　空腹血糖 7.4``). Normalisation folds each such gap to one tab (see
:mod:`guardrail.text.normalize`); the space-aligned table finder measures columns in
characters, which Chinese text of mixed widths does not keep, so here a row is cut at its
tabs and a column is a cell's index.

A column holds people when its header says so (``姓名``, ``收件人``, ``取件人簽名``) or,
without a header, when most of its cells are shaped as Chinese names. Every short Chinese
cell of such a column is then a name however rare its characters (郜堃, 仝赟 ), a surname
alone (滕, ``范（签）``), a surname with a title (``岑生``, the surname only) or a
nickname; a Latin cell is read as the other table finders read it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from guardrail.pii.recognizers.name_cues import nickname_shaped
from guardrail.pii.recognizers.name_fields import cell_name, header_is_name
from guardrail.pii.recognizers.name_lexicon import (
    HAN,
    ZH_HONORIFICS,
    ZH_NOT_IN_NAME,
    ZH_RARE_SURNAMES,
    ZH_SURNAMES,
    ZH_TRADE_WORDS,
    both_scripts,
    zh_name_shape,
    zh_place_overlaps,
)
from guardrail.pii.recognizers.name_spans import HAN_CHAR

# Between cells: the tab normalisation left for a gap of ideographic spaces.
_GAP = re.compile("\t+")
# A note in brackets after a name: 范（签）, 萬俟（?）, 阿Paul（蒲保羅）.
_NOTE = re.compile(r"[(（][^()（）]{0,12}[)）]")
# A column of signatures names people as a name column does.
_SIGNATURE_HEADER = re.compile("(?:簽名|签名|簽收|签收|簽署|签署|簽字|签字)$")
_HAN_CELL = re.compile(f"[{HAN}](?: ?[{HAN}]){{0,3}}")
# Cells that say a name is missing or give a post instead, not a name: （空）, 未取, 本人,
# 代簽, 董事長 (a post whose first character is also a surname).
_NOT_NAMES = both_scripts(
    tuple(
        "空 無 未取 未領 已取 已領 本人 不詳 待定 同上 略 缺 男 女 匿名 代簽 代收 董事長 董事 經理 主任 "
        "會計 秘書 司機 保安 師傅 老闆 管理處 管理員 業主 租客 住客 家長 同事 人事 行政 財務".split()
    )
)


def ideographic_tables(text: str) -> Iterator[tuple[int, int, float]]:
    """Names in the people columns of Chinese tables whose cells tabs set apart."""
    if "\t" not in text or HAN_CHAR.search(text) is None:
        return
    for rows in _blocks(text):
        header = rows[0]
        named = [i for i, (a, b) in enumerate(header) if _people_header(text[a:b])]
        if named and not any(re.search(r"\d", text[a:b]) for a, b in header):
            body, lenient = rows[1:], True
        else:
            body, lenient = rows, False
            named = _consensus_columns(text, rows)
        for row in body:
            for index in named:
                if index < len(row):
                    yield from _cell_names(text, *row[index], lenient=lenient)


def _blocks(text: str) -> Iterator[list[list[tuple[int, int]]]]:
    """Runs of consecutive lines with three cells or more and a Chinese character."""
    block: list[list[tuple[int, int]]] = []
    offset = 0
    for line in text.split("\n"):
        cells = _cells(line, offset) if "\t" in line and HAN_CHAR.search(line) else []
        offset += len(line) + 1
        if len(cells) >= 3:
            block.append(cells)
            continue
        if len(block) >= 2:
            yield block
        block = []
    if len(block) >= 2:
        yield block


# A list's number or bullet before a row's first cell (4. 柏宇航, ・ 陳大文).
_LIST_MARK = re.compile(r"[ \t]*(?:\d{1,3}[.)、．]|[-•・*])[ \t]*")


def _cells(line: str, offset: int) -> list[tuple[int, int]]:
    cells: list[tuple[int, int]] = []
    position = 0
    for gap in [*_GAP.finditer(line), None]:
        end = gap.start() if gap else len(line)
        start = position
        while start < end and line[start] in " \t":
            start += 1
        if not cells and (mark := _LIST_MARK.match(line, start, end)) is not None and mark.end() < end:
            start = mark.end()  # the row's number is no part of its first cell
        if start < end:
            cells.append((offset + start, offset + end))
        position = gap.end() if gap else end
    return cells


def _people_header(cell: str) -> bool:
    return header_is_name(cell) or _SIGNATURE_HEADER.search(cell.strip()) is not None


def _consensus_columns(text: str, rows: Sequence[Sequence[tuple[int, int]]]) -> list[int]:
    """Columns at least two of whose cells, and half of those filled, are shaped as names."""
    if len(rows) < 3:
        return []
    named = []
    for index in range(max(len(row) for row in rows)):
        cells = [text[slice(*row[index])] for row in rows if index < len(row)]
        filled = [cell for cell in cells if cell.strip("—-－ ")]
        shaped = sum(_name_shaped(cell) for cell in filled)
        if shaped >= 2 and 2 * shaped >= len(filled):
            named.append(index)
    return named


def _name_shaped(cell: str) -> bool:
    core = _NOTE.sub("", cell).replace(" ", "").strip()
    if not re.fullmatch(f"[{HAN}]{{1,4}}", core) or core in ZH_TRADE_WORDS:
        return False
    if len(core) == 1:
        return core in ZH_SURNAMES or core in ZH_RARE_SURNAMES
    return zh_name_shape(core, rare=True) or nickname_shaped(core)


def _cell_names(text: str, start: int, end: int, *, lenient: bool) -> Iterator[tuple[int, int, float]]:
    """The name (and a name in a bracket note after it) filling the cell ``text[start:end]``."""
    note = _NOTE.search(text, start, end)
    head_end = note.start() if note else end
    while head_end > start and text[head_end - 1] in " \t":
        head_end -= 1
    if start < head_end:
        span = _han_name(text, start, head_end, lenient=lenient) or cell_name(text, start, head_end, strict=True)
        if span is not None:
            yield *span, 0.8
    if note is not None:
        inner_start, inner_end = note.start() + 1, note.end() - 1
        if _HAN_CELL.fullmatch(text, inner_start, inner_end) and zh_name_shape(text[inner_start:inner_end], rare=True):
            yield inner_start, inner_end, 0.8  # 阿Paul（蒲保羅）: the name in full beside the one used


def _han_name(text: str, start: int, end: int, *, lenient: bool) -> tuple[int, int] | None:
    """A cell of one to four Chinese characters that is a name, a surname or a nickname."""
    if not _HAN_CELL.fullmatch(text, start, end):
        return None
    squeezed = text[start:end].replace(" ", "")
    for honorific in ZH_HONORIFICS:
        if squeezed.endswith(honorific) and len(squeezed) > len(honorific):
            end -= len(honorific)  # 岑生: the surname is the name
            squeezed = squeezed[: -len(honorific)]
            break
    if squeezed in _NOT_NAMES or squeezed in ZH_TRADE_WORDS or zh_place_overlaps(text, start, end):
        return None
    if any(ch in ZH_NOT_IN_NAME for ch in squeezed[1:]):
        return None
    # Under a header that names people, a signature's one character (琪) is a name, and a
    # longer cell starts with a surname (郜堃, 仝赟) or is shaped as a nickname (亞娣).
    surname_first = squeezed[0] in ZH_SURNAMES or squeezed[0] in ZH_RARE_SURNAMES
    if _name_shaped(squeezed) or (lenient and (len(squeezed) == 1 or surname_first)):
        return start, end
    return None


FINDERS = (ideographic_tables,)
