"""Colleagues named by their initials: ``checked by PL``, ``Translator: KC``, ``Dr RW``.

Offices in Hong Kong sign, assign and cc one another by two capital initials, and a
document that does so once goes on doing it (``flagged Q3(b) to KC (Prof Kwok)`` ...
``we'll bring both to KC on Friday``). Two capitals alone could be anything (a
department, a district, a unit), so initials count only where a person stands: after
a word that hands work to or takes it from someone (``by``, ``from``, ``to``, ``cc``,
``ask``), a title (``Dr``, ``Prof``), a role label (``Translator:``, ``checker``,
``"checked_by":``), before what a person does (``KC said``, ``PL has passed``,
``KL ok'd``), defined as a name (``KC = Fung Ka-chun``), or signing a message on a line
of their own or at a line's end (``spoke to her 1/12. -- DM``). Dotted initials (``T.H.``)
count in the same places; lower-case ones (``jw``, ``cy``) only where nothing else could
stand: after a sign-off dash, after ``by:``, or opening a line before its date and time.
Three capitals count after a label only a person fills (``Fee earner: KYL``,
``Partner: HKH``), and two or three alone in a ledger's column headed ``FE``, ``By`` or
``Initials`` (``| AL | 0.2 |``); a date after initials is when they signed
(``Prepared by: KM  12/06/2024``), not a code's number.
Once a document uses initials so, its other mentions of them are the same person.
Acronyms that name no person (HR, IT, GM, HK, ...) are never taken, and a city's code
(SF, KL) only when it signs or keeps a record (``logged by SF``).
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import RecognizerResult

from guardrail.pii.recognizers.base import RegexRecognizer, tagged_result
from guardrail.pii.recognizers.columns import column_header
from guardrail.text.start_gate import gate

# Two capitals, or two capitals with dots (T.H., K.Y.).
_INITIALS = r"[A-Z]{2}|[A-Z]\.[A-Z]\.?"
_BEFORE = (
    r"(?:\b(?:by|from|prepared|reviewed|partner|fee\s+earner|to|with|cc|bcc|ask|asked|tell|told|ping|per|thanks|thx|emailed|assign(?:ed)?\s+to|back\s+to"
    r"|reminder\s+from|checker|checked(?:\s+by)?|approved\s+by|signed|initialled|handled\s+by|owner|translator"
    r"|reviewer|counter(?:\s+today)?|cashier|dr|prof|mr|ms|mrs|miss|sir)\.?[ \t]*[:：]?[ \t]*"
    r'|"[a-z_]*(?:_by|by|owner|assignee|reviewer|checker|staff|handler)"[ \t]*:[ \t]*")'
)
_AFTER = (
    r"(?=[ \t]+(?:said|says|will|would|has|had|is|was|wants|thinks|asked|approved|checked|marked|passed|confirmed"
    r"|agreed|signed|called|emailed|ok'?d|okayed)\b|[ \t]*=[ \t]*[A-Z][a-z]|[ \t]+\([A-Z][a-z]+[ \t-][A-Za-z])"
)
# A date after initials is when they signed (Prepared by: KM  12/06/2024), not a code's number.
_NO_NUMBER_AFTER = r"(?!(?![ \t]+\d{1,2}/\d{1,2}/\d{2,4})[ \t]*[-/#:]?[ \t]*\d)"
# Who prepared, reviewed or answers for a working paper or a file, by three initials too
# (Fee earner: KYL, Partner: HKH, Checked: YCW): a label that only a person fills.
_ROLE_LABEL = (
    r"(?:prepared|reviewed|checked|approved|signed|filed|initialled|handled|inspected|reported|compiled)"
    r"(?:[ \t]+by)?|fee[ \t]+earner|partner|preparer|reviewer|checker|handler|author|case[ \t]+officer"
)
_SLOT = gate(
    re.compile(
        rf"(?i:(?<![A-Za-z])(?:{_ROLE_LABEL})\.?[ \t]*[:：]?[ \t]*)(?P<three>[A-Z]{{3}})(?![A-Za-z0-9]){_NO_NUMBER_AFTER}"
        rf"|(?i:{_BEFORE})(?P<before>{_INITIALS})(?![A-Za-z0-9]){_NO_NUMBER_AFTER}"
        rf"|(?<![A-Za-z0-9])(?P<after>{_INITIALS}){_AFTER}"
        rf"|(?:^|\n)[ \t>]*(?:(?:--|[-–—])[ \t]*)?(?P<signed>{_INITIALS})[ \t]*(?:\n|$)"
        # signing off at a line's end: "spoke to her 1/12. -- DM", "Octopus $650   - K.Y."
        rf"|(?:[ \t]+(?:--|[–—])|[ \t]{{2,}}-)[ \t]*(?P<tail>{_INITIALS})[ \t]*(?=\n|$)",
    )
)
# Lower-case initials sign only where nothing else could stand: after a sign-off dash at a
# line's end (-- cy), after "by:" (Received by: jw), and opening a line before its date
# and time (th 26/11 17:40).
_LOWER_SLOT = re.compile(
    r"(?:[ \t]+(?:--|[–—])|^[ \t]*(?:--|[–—]))[ \t]*(?P<tail>[a-z]{2})[ \t]*$"
    r"|\bby[ \t]*:[ \t]*(?P<by>[a-z]{2})\b(?![.@'’-])"
    r"|^(?P<stamp>[a-z]{2})[ \t]+\d{1,2}/\d{1,2}(?:/\d{2,4})?[ \t]+\d{1,2}:\d{2}",
    re.MULTILINE,
)
# Two lower-case letters that are a word, a particle or an abbreviation.
_LOWER_WORDS = frozenset(
    "am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we ya ah eh la lo ga wo ar "
    "ma na ne pa ps re vs cf eg ie nb ty tx gd gn bb hr pm km kg cm mm ml".split()
)
SCORE = 0.6
# A city's code after a verb of record keeping is who kept it: logged by SF.
_LOGGED_BY = re.compile(r"(?i)\b\w+ed[ \t]+by\b")
# Two capitals that name a department, a role, a place, a unit, a code or a number, never a person.
_NOT_PEOPLE = frozenset(
    "HR IT PR QA GM MD VP CS CC PS NB RE FW OK AM PM TV PC AI IP ID CV HK UK US EU UN NT BR PP PO TX RM DX HQ "
    "OT ER RN EN SW PT ST MO AO EO CO PA GP ED MC AC EV UV DJ NA OR IG WA TG FB YT CN TW SG JP KR "
    "HA HD LR IR CE LC DC FS SJ "
    # Hong Kong's departments that residents write to: Buildings, Lands, Labour, Social Welfare
    "BD LD SWD FEHD EPD TD WSD "
    # Roman numerals that number a boat, a phase or a king (Golden Wave II is free).
    "II IV VI IX XI XV XX "
    # and three that name a post, a currency, a country or a service, never a person
    "CEO CFO COO CTO CIO MTR HKU USA GBR PRC HKD USD RMB CNY EUR GBP JPY CPA ICU ENT OPD ATM SMS APP API PDF "
    "CSV VIP FAQ TBC TBA TBD DIY ETA HKG SAR ICAC IRD LEGCO".split()
)
# Two or three capitals alone in a table's cell, and the headers of a column of people's initials.
_CAPITALS = re.compile(r"(?<![A-Za-z0-9.])[A-Z]{2,3}(?![A-Za-z0-9.])")
_WHO_HEADER = re.compile(r"(?i)fe|fee[ \t]+earner|by|initials?|inits?|staff|handler|preparer|reviewer|checker|author")
# A meeting's list of who came or sent apologies, by initials (Present: RW (Chair), CKY, BA).
_ATTENDANCE = re.compile(
    r"(?im)(?:^|(?<=[.;])[ \t]*)[ \t]*(?:also[ \t]+)?(?:present|attendees?|attendance|in[ \t]+attendance|apologies"
    r"|absent(?:[ \t]+with[ \t]+apologies)?)[ \t]*[:：][ \t]*(?P<list>[^\n.;]+)"
)
_ATTENDEE = re.compile(r"[ \t]*(?P<who>[A-Z]{2,3})[ \t]*(?:\([^)\n]{1,20}\))?[ \t]*")


def _attending(text: str) -> set[str]:
    """Initials listed after Present:, Attendees: or Apologies: (not those that also read as a
    time, a post or a department, PM or HR, which their other mentions would take)."""
    found = set()
    for match in _ATTENDANCE.finditer(text):
        for item in re.split(r",|&|\band\b", match["list"]):
            entry = _ATTENDEE.fullmatch(item)
            if entry is not None and entry["who"] not in _NOT_PEOPLE:
                found.add(entry["who"])
    return found


# Cities' codes: a place in a sentence (flights from HK to KL), a person signing (-- SF).
_CITY_CODES = frozenset("KL LA NY SF BJ SZ GZ SH".split())


class InitialsRecognizer(RegexRecognizer):
    """Initials where a person stands, and their other mentions in the document."""

    def __init__(self) -> None:
        super().__init__("PERSON", "InitialsRecognizer", _SLOT)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        people: set[str] = set()
        for match in _SLOT.finditer(text):
            initials = match["three"] or match["before"] or match["after"] or match["signed"] or match["tail"]
            bare = initials.replace(".", "")
            signing = match["signed"] is not None or match["tail"] is not None
            kept_record = _LOGGED_BY.search(text, max(0, match.start() - 12), match.end()) is not None
            if bare not in _NOT_PEOPLE and (bare not in _CITY_CODES or signing or kept_record):
                people.add(initials)
        if "|" in text or "\t" in text:
            # A ledger's column of who did the work (| FE | AL |, a "By" or "Initials" column).
            for match in _CAPITALS.finditer(text):
                header = column_header(text, match.start())
                if header is not None and _WHO_HEADER.fullmatch(header) and match[0] not in _NOT_PEOPLE:
                    people.add(match[0])
        if ":" in text or "：" in text:
            people.update(_attending(text))
        for match in _LOWER_SLOT.finditer(text):
            initials = match["tail"] or match["by"] or match["stamp"]
            if initials not in _LOWER_WORDS:
                people.add(initials)
        if not people:
            return []
        alternatives = "|".join(re.escape(each) for each in sorted(people, key=len, reverse=True))
        mentions = re.compile(rf"(?<![A-Za-z0-9&@./_-])({alternatives})(?![A-Za-z0-9&@_/]|[.-][A-Za-z0-9])")
        return [tagged_result(self, self.recognizer_name, "PERSON", *m.span(1), SCORE) for m in mentions.finditer(text)]
