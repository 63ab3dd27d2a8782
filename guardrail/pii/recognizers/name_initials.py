"""Colleagues named by their initials: ``checked by PL``, ``Translator: KC``, ``Dr RW``.

Offices in Hong Kong sign, assign and cc one another by two capital initials, and a
document that does so once goes on doing it (``flagged Q3(b) to KC (Prof Kwok)`` ...
``we'll bring both to KC on Friday``). Two capitals alone could be anything (a
department, a district, a unit), so initials count only where a person stands: after
a word that hands work to or takes it from someone (``by``, ``from``, ``to``, ``cc``,
``ask``), a title (``Dr``, ``Prof``), a role label (``Translator:``, ``checker``,
``"checked_by":``), before what a person does (``KC said``, ``PL has passed``,
``KL ok'd``), defined as a name (``KC = Fung Ka-chun``), or signing a message on a line
of their own. Once a document uses initials so, its other mentions of them are the
same person. Acronyms that name no person (HR, IT, GM, HK, ...) are never taken.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import RecognizerResult

from guardrail.pii.recognizers.base import RegexRecognizer, tagged_result

_INITIALS = r"[A-Z]{2}"
_BEFORE = (
    r"(?:\b(?:by|from|to|with|cc|bcc|ask|asked|tell|told|ping|per|thanks|thx|emailed|assign(?:ed)?\s+to|back\s+to"
    r"|reminder\s+from|checker|checked\s+by|approved\s+by|signed|initialled|handled\s+by|owner|translator|reviewer"
    r"|dr|prof|mr|ms|mrs|miss|sir)\.?[ \t]*[:：]?[ \t]*"
    r'|"[a-z_]*(?:_by|by|owner|assignee|reviewer|checker|staff|handler)"[ \t]*:[ \t]*")'
)
_AFTER = (
    r"(?=[ \t]+(?:said|says|will|would|has|had|is|was|wants|thinks|asked|approved|checked|marked|passed|confirmed"
    r"|agreed|signed|called|emailed|ok'?d|okayed)\b|[ \t]*=[ \t]*[A-Z][a-z]|[ \t]+\([A-Z][a-z]+[ \t-][A-Za-z])"
)
_SLOT = re.compile(
    rf"(?i:{_BEFORE})(?P<before>{_INITIALS})(?![A-Za-z0-9])(?![ \t]*[-/#:]?[ \t]*\d)"
    rf"|(?<![A-Za-z0-9])(?P<after>{_INITIALS}){_AFTER}"
    rf"|(?:^|\n)[ \t>]*(?:[-–—][ \t]*)?(?P<signed>{_INITIALS})[ \t]*(?:\n|$)",
)
SCORE = 0.6
# Two capitals that name a department, a role, a place, a unit, a code or a number, never a person.
_NOT_PEOPLE = frozenset(
    "HR IT PR QA GM MD VP CS CC PS NB RE FW OK AM PM TV PC AI IP ID CV HK UK US EU UN NT BR PP PO TX RM DX HQ "
    "OT ER RN EN SW PT ST MO AO EO CO PA GP ED MC AC EV UV DJ NA OR IG WA TG FB YT CN TW SG JP KR "
    "KL LA NY SF BJ SZ GZ SH HA HD LR IR CE LC DC FS SJ "
    # Roman numerals that number a boat, a phase or a king (Golden Wave II is free).
    "II IV VI IX XI XV XX".split()
)


class InitialsRecognizer(RegexRecognizer):
    """Initials where a person stands, and their other mentions in the document."""

    def __init__(self) -> None:
        super().__init__("PERSON", "InitialsRecognizer", _SLOT)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        people: set[str] = set()
        for match in _SLOT.finditer(text):
            initials = match["before"] or match["after"] or match["signed"]
            if initials not in _NOT_PEOPLE:
                people.add(initials)
        if not people:
            return []
        mentions = re.compile(rf"(?<![A-Za-z0-9&@./_-])({'|'.join(sorted(people))})(?![A-Za-z0-9&@_]|[.-][A-Za-z0-9])")
        return [tagged_result(self, self.recognizer_name, "PERSON", *m.span(1), SCORE) for m in mentions.finditer(text)]
