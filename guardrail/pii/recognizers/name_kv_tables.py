"""Names in two-column key/value tables (``| Preferred name | Apple |``).

HR, KYC and case forms pasted from a wiki or exported as markdown print their fields as
a two-column table, one field a row, instead of ``Label: value`` lines. The column
finders in :mod:`name_fields` look for a *header* that says "name" and so miss these
tables, whose header is ``Field | Value``. Each such row is read as the ``Label: value``
line it stands for, so the same label judgement (strong name labels, role labels, the
value's shape) applies to it: a name-like label such as ``Preferred name`` vouches for an
English word that is also a given name (``Apple``), which the text then repeats.

A table's header row is not a field: ``| Name | Role |`` above a Markdown rule, or above
rows of its shape with another column's title as its second cell, titles its columns
(reading it as ``Name: Role`` redacted the word ``Role``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrail.pii.recognizers.columns import header_row
from guardrail.pii.recognizers.name_fields import labelled

# One table row of exactly two cells: optional outer pipes, a short key, a value.
_KV_ROW = re.compile(r"(?m)^[ \t]*\|?(?P<key>[^|\n]{2,40})\|(?P<value>[^|\n]{1,80})\|?[ \t]*$")
_RULE_BELOW = re.compile(r"\n[ \t]*\|?[ \t]*:?-{3,}")
# Words that title a column beside a Name column, in English and Chinese.
_COLUMN_TITLES = frozenset(
    "role title position post department dept team rank grade class phone tel mobile email e-mail "
    "contact id no number date time status remarks remark notes note comment comments value field "
    "details type relationship relation company employer address age gender sex nationality "
    "職位 職務 部門 電話 手機 電郵 備註 狀態 關係 日期 地址 年齡 性別 国籍 國籍 职位 部门 备注 关系".split()
)


def kv_table_rows(text: str) -> Iterator[tuple[int, int, float]]:
    """Spans of names in the value cell of two-cell table rows whose key labels a person."""
    if "|" not in text:
        return
    for row in _KV_ROW.finditer(text):
        key = row["key"].strip()
        if not key or key.startswith("-") or not any(ch.isalpha() for ch in key):
            continue  # |---|---| rule or a numeric cell
        if _titles_columns(text, row):
            continue
        # The row re-spelled as ``key : value`` at the same offsets, so spans map back unchanged.
        line = text[row.start() : row.end()]
        bar = row.start("value") - 1 - row.start()
        as_label = line[:bar].replace("|", " ") + ":" + line[bar + 1 :].replace("|", " ")
        for start, end, score in labelled(as_label):
            if start >= bar:
                yield row.start() + start, row.start() + end, score


def _titles_columns(text: str, row: re.Match[str]) -> bool:
    """Whether a two-cell row is its table's header: a Markdown rule under it, or the
    header shape (:func:`header_row`) with a column's title as its second cell."""
    if _RULE_BELOW.match(text, row.end()):
        return True
    value = row["value"].strip().rstrip(":：").casefold()
    return value in _COLUMN_TITLES and header_row(text, row.start("value"))


FINDERS = (kv_table_rows,)
