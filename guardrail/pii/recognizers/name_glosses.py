"""A Chinese name's characters explained one by one, as callers spell a name on the phone.

A name said aloud is ambiguous, so it is spelt by words everyone knows: 「周晓雯。周末的周，
破晓的晓，雨字头下面一个文的雯」, 「陳麗嫦，嫦娥個嫦」, 「林秀娟，双木林，秀气的秀」. Each
gloss gives a character of the name away as surely as the name itself, so each is the
person's data too. A gloss is a clause that ends in "的 / 個 / 嘅 + a character of a name
found nearby" and either uses that character in the word before it (周末的周, 聰穎個穎) or
describes its shape (雨字头下面一个文的雯, 女字旁一个肙的娟); a short clause of the
character's parts (弓长张, 口天吴) is one too, and another short clause ending in the
character counts between the name and a gloss. A surname said (我姓黃，黃色嘅黃) is spelt
out so as often as a full name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from guardrail.pii.recognizers.name_lexicon import HAN

# A clause: what commas, stops and quotation marks bound.
_CLAUSE = re.compile(f"[{HAN}]{{2,14}}")
_OF = ("的", "個", "个", "嘅")
# Words that describe a character by its parts: 雨字头, 女字旁, 三點水, 上面, 下面.
_SHAPE_WORDS = re.compile(
    "字头|字頭|字旁|字边|字邊|部首|偏旁|旁|上面|下面|左边|左邊|右边|右邊|点水|點水|草花|木子|弓长|弓長|耳东|耳東"
    "|口天|立早|古月|言午|双木|雙木|人可|文刀"
)
# A surname said before it is spelt out: 我姓黃，黃色嘅黃.
_SURNAME_SAID = re.compile(f"姓([{HAN}])")
# How far after the name (or after the gloss before it) a gloss may stand.
_REACH = 40
_SHORT = 4  # 双木林, 耳東陳: a clause of its own, the character last


def glosses(text: str, names: Iterable[str]) -> Iterator[tuple[int, int]]:
    """Spans of clauses that spell out a character of one of ``names`` (Chinese names
    found in ``text``), near an occurrence of that name."""
    occurrences = sorted(
        [
            *(
                (match.start(), match.end(), name)
                for name in {name for name in names if len(name) >= 2}
                for match in re.finditer(re.escape(name), text)
            ),
            *((match.start(), match.end(), match[1]) for match in _SURNAME_SAID.finditer(text)),
        ]
    )
    for _, end, name in occurrences:
        yield from _glosses_after(text, end, name)


def _glosses_after(text: str, position: int, name: str) -> Iterator[tuple[int, int]]:
    """The glosses of ``name`` in the clauses that follow ``position``, each within reach
    of the one before; a short clause ending in a character of the name is one when a
    gloss follows it."""
    pending: list[tuple[int, int]] = []
    reach_end = position + _REACH
    for clause in _CLAUSE.finditer(text, position, min(len(text), reach_end + 16)):
        if clause.start() > reach_end:
            break
        word = clause[0]
        last = word[-1]
        if last not in name:
            if pending:
                break
            continue
        if word[-2] in _OF and (last in word[:-2] or _SHAPE_WORDS.search(word[:-2])):
            yield from pending
            pending = []
            yield clause.span()
            reach_end = clause.end() + _REACH
        elif len(word) <= _SHORT and last not in word[:-1]:
            if _SHAPE_WORDS.search(word[:-1]):
                yield clause.span()  # 弓长张, 口天吴: the surname's parts, a gloss of its own
                reach_end = clause.end() + _REACH
            else:
                pending.append(clause.span())
