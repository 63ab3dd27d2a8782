"""Speakers in chat exports whose lines are not ``Name: message``.

LINE exports a message as ``21:15<TAB>Supaporn<TAB>the parcel arrived``, IRC-style logs
and some bots as ``2026-03-12 21:15:03 <Bogdan> hey``. A speaker there is a person
whatever the name (``Nadiya``, ``Bogdan``: names no list need know), once the text shows
the format on two lines or more; a name that is a word for a role, a bot or a place is
not taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrail.pii.recognizers.name_lexicon import is_place, never_a_name
from guardrail.pii.recognizers.name_spans import STOP, L, U

_NAME = rf"[{U}][{L}'’-]*(?:[ ][{U}][{L}'’-]*){{0,2}}"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[ ]?[AaPp][Mm])?"
_LINE_EXPORT = re.compile(rf"(?m)^[ \t]*{_TIME}\t(?P<who>{_NAME})\t")
_IRC = re.compile(
    rf"(?m)^[ \t]*(?:\[?\d{{2,4}}[-/.]\d{{1,2}}[-/.]\d{{1,4}}[ T]?)?\[?{_TIME}\]?[ \t]+<(?P<who>{_NAME})>[ \t]"
)


def export_speakers(text: str) -> Iterator[tuple[int, int, float]]:
    """Speakers of LINE-style (tab-separated) and IRC-style (``<name>``) chat lines."""
    for pattern, gate in ((_LINE_EXPORT, "\t"), (_IRC, "<")):
        if gate not in text:
            continue
        matches = list(pattern.finditer(text))
        if len(matches) < 2:
            continue
        for match in matches:
            who = match["who"]
            if any(never_a_name(w) or w.lower() in STOP for w in who.split()) or is_place(who):
                continue
            yield *match.span("who"), 0.75


FINDERS = (export_speakers,)
