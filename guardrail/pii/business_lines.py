"""Lines on which an organisation writes its own contact: a letterhead, a shop's header.

``Showroom: G/F, 212 Lockhart Road, Wan Chai   Tel 2893 5160``, ``Parish office: 11
Cumberland Road, Kowloon Tong   Tel 2337 4106   parishoffice@…``, ``分店：旺角西洋菜南街
88號地下``: the address, the fixed line and the mailbox there are the business's, published
so that anyone may find it, and identify no person. A line counts when its label names a
place of business (a showroom, a branch, a studio, a parish office) or when it opens with
a business's name (``Grace Harbour Church, 彩虹道 121號 2樓``); a ``Tel`` or ``Fax`` line
right under such a line belongs to it; and so does a footer that sets a team mailbox and a
fixed line apart with bars or dots (``Unit 8, 11/F, … | hello@… | 3480 2210``).

Labels that name where a person lives or works for someone else stay personal:
``Address:``, ``Home:``, ``Employer:``, ``公司地址：`` (the corpus labels a person's
employer's address personal as often as not).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from sys import maxsize

# Labels naming a place of business, before a colon at a line's start.
_PLACE_LABEL = re.compile(
    r"(?i)^[ \t>*#-]*(?:(?:our|head|main|parish|church|school|clinic|studio|shop|store|sales)[ \t]+)?"
    r"(?:office|branch|showroom|studio|shop|store|salon|clinic|venue|workshop|gallery|boutique|parish office"
    r"|depot|warehouse|godown|factory|visit us|find us|business address|shop address|store address"
    r"|showroom address|branch address|clubhouse|club house|production office|prod office)"
    r"[ \t]*[:：]"
    r"|^[ \t>*#-]*(?:舖址|铺址|店址|門市|门市|門店|门店|本店|分店|總店|总店|本店地址|倉庫|仓库|廠址|厂址|店舖地址|店铺地址|舖頭地址|铺头地址|展廳|展厅|陳列室|陈列室"
    r"|會址|会址|診所地址|诊所地址|教會地址|教会地址|中心地址|辦事處地址|办事处地址)[ \t]*[:：]"
)
# A business's name opening a line, then its address: "Grace Harbour Church, 彩虹道 121號",
# "Harrington Motors, G/F, 8 Heung Yip Road".
_NAME_OPENING = re.compile(
    r"^[ \t]*(?:[A-Z][\w&'’.-]*[ \t]+){1,4}"
    r"(?:Church|Chapel|Parish|Ltd\.?|Limited|Co\.|Company|Motors|Clinic|Centre|Center|Studio|Salon|Academy|School"
    r"|Restaurant|Caf[eé]|Bakery|Florist|Gallery|Workshop|Trading|Services|Boutique|Hotel)[ \t]*[,:–-][ \t]*"
    r"(?:\d{1,4}[A-Za-z]?(?:-\d{1,4})?[ \t]+[A-Z]|[GUSRF]/F|(?:Unit|Shop|Room|Rm|Flat|Suite)\b|[\u4e00-\u9fff]{2,8}(?:道|街|路|里)[ \t]*\d)"
)
# A line that is a firm's name and nothing else, as a signature or letterhead gives it
# above the firm's Tel line: 廣泰飲食集團有限公司, Lam Fung Trading Co. Ltd.
_FIRM_ONLY = re.compile(
    r"^[ \t]*(?:[\u4e00-\u9fff（）()]{2,30}(?:有限公司|公司|集團|集团)"
    r"|(?:[A-Z][\w&'’.-]*[ \t]+){1,5}(?:Ltd\.?|Limited|Co\.(?:,?[ \t]*Ltd\.?)?|Company|Corporation|Inc\.?))[ \t]*$"
)
# A contact line under a business's line: Tel / Fax / T: / 電話 / 傳真.
_CONTACT_LINE = re.compile(r"(?i)^[ \t]*(?:tel|fax|t|f|phone|電話|电话|傳真|传真)\.?[ \t]*[:：.]?[ \t]*\+?\d")


# A footer's line: a team mailbox and a fixed line set apart by a footer's bars or dots
# (Unit 8, 11/F, … | hello@… | 3480 2210), as a form or a letter prints its
# organisation's contact under its title; not a sentence (call 2836 0019 or email
# support@…) nor a contact person's fields (tel 2789 0416  email purchasing@…).
_FOOTER_MAILBOX = re.compile(r"(?<![\w.+-])[A-Za-z][\w.+-]{0,40}@[\w-]+(?:\.[\w-]+)+")
_FOOTER_FIXED_LINE = re.compile(r"(?<![\d-])(?:\+?852[ \t-]?)?[23]\d{3}[ \t-]?\d{4}(?![\d-])")
_FOOTER_BAR = re.compile(r"[ \t][|｜·•][ \t]")


def _contact_footer(line: str) -> bool:
    """Whether ``line`` is an organisation's footer: bars or dots, a fixed line, a team mailbox."""
    if "@" not in line or _FOOTER_BAR.search(line) is None or _FOOTER_FIXED_LINE.search(line) is None:
        return False
    return any(role_mailbox(match[0]) for match in _FOOTER_MAILBOX.finditer(line))


def business_lines(text: str, personal: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """The spans of ``text``'s lines that hold a business's own contact, in order.

    A line is not one when it or a line beside it holds one of the ``personal`` spans (a
    person's identity number, card or own mailbox): ``Office: Room 2205, …`` under
    ``E: kennylau.wm@gmail.com`` is an agent's signature, where the office is how one
    reaches that person, and ``Business address:`` under a sole proprietor's HKID is his.
    """
    lines: list[tuple[int, int, str]] = []
    position = 0
    for line in text.split("\n"):
        lines.append((position, position + len(line), line))
        position += len(line) + 1
    starts = [start for start, _, _ in lines]
    touched = {bisect_right(starts, start) - 1 for start, _ in personal}
    spans: list[tuple[int, int]] = []
    previous_business = False
    for index, (start, end, line) in enumerate(lines):
        business = (
            _PLACE_LABEL.match(line) is not None
            or _NAME_OPENING.match(line) is not None
            or _FIRM_ONLY.match(line) is not None
            or _contact_footer(line)
            or (previous_business and _CONTACT_LINE.match(line) is not None)
        )
        if business and not touched & {index - 1, index, index + 1}:
            spans.append((start, end))
        previous_business = business
    return spans


def on_business_line(lines: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` lies within one of ``lines`` (as :func:`business_lines` gives)."""
    index = bisect_right(lines, (start, maxsize)) - 1
    return index >= 0 and lines[index][0] <= start and end <= lines[index][1]


# The part before the @ of a mailbox a business reads as a team: info@, bookings@,
# parishoffice@, accounts.payable@, frontdesk.kt@ (not amy.chan@).
_ROLE = (
    r"(?:info|hello|enquir(?:y|ies)|inquir(?:y|ies)|bookings?|reservations?|orders?|sales|office|admin|contact|support"
    r"|service|care|accounts?|billing|finance|payable|reception|frontdesk|quotes?|events?|team|studio|membership"
    r"|youth|leads|hr|cs|general|mail|shop|store|compliance|corporate|access|noc|payroll|purchasing|procurement"
    r"|claims|leasing|media|press|recruit(?:ment)?|careers|jobs|ops|operations|helpdesk|registrar|tickets?|warranty"
    r"|relations|kefu|wuye|secretariat|secretary|entries|registrations?|committee|members|locations|production|casting)"
)
_ROLE_MAILBOX = re.compile(rf"(?i)(?:[a-z]{{0,12}}{_ROLE})(?:[._-]{_ROLE})?(?:[._-][a-z0-9]{{1,4}})?@")
# Mail services anyone signs up to: a role-like name there (sales.kelly@gmail.com) is a
# person's own mailbox, not a team's at its organisation's domain.
_PERSONAL_SERVICE = re.compile(
    r"(?i)@(?:gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|me|aol|proton(?:mail)?|gmx"
    r"|netvigator|qq|163|126|sina|sohu|foxmail|yeah|139|naver)\."
)


def role_mailbox(address: str) -> bool:
    """Whether ``address`` is a team's mailbox: a team's name before the @ (info@,
    bookings@, accounts.payable@; not amy.chan@) at an organisation's own domain."""
    return _ROLE_MAILBOX.match(address) is not None and _PERSONAL_SERVICE.search(address) is None


# A team's display name before its mailbox in a mail header: Parish Office <parishoffice@…>,
# Youth Ministry Office <office@…>, HR <hr@…>.
_TEAM_DISPLAY = re.compile(
    r"(?i)(?:^|[:,;][ \t]*)(?:[A-Za-z&'’.-]+[ \t]+){0,3}"
    r"(?:office|team|desk|ministry|department|dept|support|sales|leads|reception|hr|accounts|bookings|enquiries"
    r"|admin|secretariat|secretary|committee|helpdesk|concierge|care|service|services)[ \t]*<$"
)


def team_display_before(text: str, start: int) -> bool:
    """Whether the mailbox at ``start`` follows a team's display name (``Parish Office <``)."""
    line_start = text.rfind("\n", 0, start) + 1
    return _TEAM_DISPLAY.search(text, line_start, start) is not None
