"""An organisation's public line: a number its label calls a hotline, a switchboard, a shop's.

``Corporate hotline: 3618 2200``, ``訂枱熱線 2345 1828``, ``總機 2755 3380``,
``舖頭電話 2413 0098``, ``Tel 2108 6600 (hotline)``: numbers an organisation publishes so
that anyone may call it. They identify no person, and a customer-service prompt that loses
its own hotline gives the customer a worse answer, so the default policy keeps them
(``personal_data.keep_public_lines``).

The label must stand right before the number, on its line, or in brackets right after it:
``Mobile 9304 8817 or the office line 2156 3390`` is a person's office line and stays
personal, as does ``請聯絡秘書莫小姐（電話 2459 6027）``, whose label names a person. Only
fixed lines qualify (Hong Kong numbers starting 2 or 3, mainland numbers with an area
code): a mobile is somebody's phone even when a shop answers on it. A line with an
extension after it (``總機 2522 8871 轉內線 314``) reaches one person and stays personal,
and so does a public line that shares its block with a personal number in the same text
(see :func:`public_lines`). :func:`public_contacts` gathers these lines with the rest of
what an organisation publishes (its letterhead's address and team mailbox) for the redactor.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from guardrail.pii.business_lines import business_lines, on_business_line, role_mailbox, team_display_before
from guardrail.text.start_gate import gate

# What an organisation calls the line it publishes. "Office" alone is not one: a person's
# office line is how one reaches that person.
_PUBLIC = (
    r"hot[ -]?line|help[ -]?(?:line|desk)|service[ -]?desk|(?-i:NOC)|switchboard|general(?:[ \t]+(?:line|office|enquir(?:y|ies)))?|enquir(?:y|ies)"
    r"|customer[ \t]+(?:service|care|relations)s?|front[ \t]+desk|reception|main[ \t]+line"
    r"|(?:shop|store|school|clinic|booking)[ \t]+(?:tel|line|phone|number|no\.?)"
    r"|(?:building[ \t]+)?(?:management|mgmt)[ \t]+office|(?:security|service|information|help)[ \t]+desk"
    r"|(?:farm|club|site|ticket|box|church|temple|school|studio|clinic|salon|shop|store|centre|center|hall|academy|production|prod)"
    r"[ \t]+office|(?:info(?:rmation)?|club)[ \t]+line|(?:studio|salon|clinic)(?:[ \t]+(?:line|tel|phone))?"
    # a firm's name ending right before its number: Sun Cosmetics Trading 2755 6021
    r"|(?-i:Ltd\.?|Limited|Co\.|Company|Trading|Engineering|Services|Centre|Center)"
    r"|call[ \t]+us|public[ \t]+line|hotline_\w{0,20}|查詢電話|查询电话|(?:諮詢|咨询)(?:電話|电话|熱線|热线)|電召|电召"
    r"|前台|前枱|值班(?:電話|电话)|保安室(?:座機|座机|電話|电话)?|(?:網點|网点)(?:電話|电话)"
    r"|(?:hr|it|admin|service|enquiry|booking|reservations?|sales|support|(?:24[ -]?(?:hr|hour)[ \t]+)?emergency)"
    r"[ \t]+line"
    r"|showroom|reservations?|(?:教會|教会|學校|学校|中心|公司)(?:辦公室|办公室)"
    r"|熱線|热线|總機|总机|客服(?:電話|电话)?|辦事處|办事处|管理處|管理处|服務台|服务台|校務處|校务处"
    r"|(?:舖頭|铺头|店舖|店铺|門市|门市|門店|门店|學校|学校|診所|诊所|公司|院舍|中心|物業|物业|校區|校区|會所|会所)(?:電話|电话)"
    r"|舖頭|铺头|店舖|店铺|門店|门店|學校|学校"
    r"|總館|总馆|酒樓|酒楼|茶樓|茶楼|查詢|查询"
    # an enquiry sentence that names no one: 如有查詢，請致電 2824 5000
    r"|(?:查詢|查询)[，,、 \t]*(?:請|请)?(?:致電|致电|電|电|打)"
    # or the office it names: 請於辦公時間致電本處選舉組 2654 1360
    r"|(?:致電|致电)(?:本|該|该)[\u4e00-\u9fff]{0,6}?(?:處|处|組|组|部|署|局|中心|辦事處|办事处|熱線|热线)"
    r"|[\u4e00-\u9fff]{1,6}(?:事務處|事务处)"
    # a department of a firm or a hotel: 客戶服務部, 酒店宴會部
    r"|[\u4e00-\u9fff]{1,5}部"
    r"|本(?:診所|诊所|中心|公司|店|校|會|会|處|处|署|局)"
)
# The label, then what may sit between it and the digits: a note in brackets (緊急熱線
# （24小時）：), "tel", "is", a colon.
_LABEL_BEFORE = gate(
    re.compile(
        rf"(?i)(?:{_PUBLIC})[ \t]*(?:[(（][^()（）\n]{{1,12}}[)）][ \t]*)?"
        # whom the line is for: Centre hotline for tutors: 3188 4120
        r"(?:for[ \t]+(?:[A-Za-z]+[ \t]+){0,2}[A-Za-z]+[ \t]*(?=[:：]))?"
        r"(?:(?:tel(?:ephone)?|phone|no\.?|number|電話|电话|號碼|号码|is|on|係|系|是|為|为)[ \t]*)?[:：(（]?[ \t]*$"
    )
)
# After the number: any label in brackets, or the plainest ones bare (2868 3300 總機).
_LABEL_AFTER = re.compile(
    rf"(?i)[ \t]*(?:[(（][^()（）\n]{{0,12}}?(?:{_PUBLIC}|(?<=[(（])中心)[ \t]*(?:電話|电话|tel|line|number)?"
    # and its hours after a comma: (clinic line, Mon-Sat), not whom to ask for there
    # ((clinic, 搵 Pearl 姑娘): a person's line)
    r"(?:[ \t]*[,，;；][ \t]*(?i:mon|tue|wed|thu|fri|sat|sun|daily|office|weekdays?|24|\d|星期|週|周|[上下]午|辦公|办公)"
    r"[^()（）\n]{0,20})?[ \t]*[)）]"
    # (a bare one not the label of the next number: D 3916 5524  Hotline 3916 5000)
    r"|(?:總機|总机|熱線|热线|hot[ -]?line|switchboard)(?![A-Za-z])(?![ \t]*[:：]?[ \t]*[+(（]?\d))"
)
# A fixed line: Hong Kong's start with 2 or 3; the mainland's carry an area code (0755-2698 3100).
_FIXED_LINE = re.compile(r"(?:\+?852)?[23]\d{7}|(?:\+?86)?0\d{9,11}")


# Findings that are a person's whatever line they stand on: an identity document's number,
# a card, a mailbox that is no team's. (Not a mobile: a shop's letterhead often gives the
# WhatsApp number its owner answers.)
_IDENTITY = frozenset({"HK_ID", "HK_PASSPORT", "CN_RESIDENT_ID", "CREDIT_CARD", "IBAN_CODE"})
_CONTACT_TYPES = frozenset({"PHONE_NUMBER", "ADDRESS", "EMAIL_ADDRESS"})


def public_contacts(text: str, findings: Sequence[tuple[int, int, str]]) -> set[tuple[int, int, str]]:
    """Those of ``findings`` (start, end, entity type) that are an organisation's published
    contact: its labelled public lines, the address, fixed line and team mailbox on a line
    of its own letterhead (:mod:`guardrail.pii.business_lines`), a team mailbox under a
    team's display name (``Parish Office <parishoffice@…>``), and the address it gives for
    itself (``郵寄至本會（大角咀福全街46號地下）``)."""
    if not any(kind in _CONTACT_TYPES for _, _, kind in findings):
        return set()
    personal = [(start, end) for start, end, kind in findings if _personal(text, start, end, kind)]
    lines = business_lines(text, personal)
    phones = public_lines(text, [(start, end) for start, end, kind in findings if kind == "PHONE_NUMBER"], lines)
    kept = {(start, end, "PHONE_NUMBER") for start, end in phones}
    for start, end, kind in findings:
        mailbox = kind == "EMAIL_ADDRESS" and role_mailbox(text[start:end])
        if (
            ((kind == "ADDRESS" or mailbox) and on_business_line(lines, start, end))
            or (mailbox and team_display_before(text, start))
            or (kind == "ADDRESS" and _OWN_ADDRESS_BEFORE.search(text, max(0, start - 12), start) is not None)
        ):
            kept.add((start, end, kind))
    return kept


# An organisation giving its own address after naming itself: 郵寄至本會（大角咀福全街46號地下）,
# 本中心地址：…
_OWN_ADDRESS_BEFORE = re.compile(
    r"(?:本|敝)(?:會|会|中心|公司|店|校|處|处|社|堂|院|所|館|馆)(?:地址|會址|会址)?[ \t]*[（(:：][ \t]*$"
)


def _personal(text: str, start: int, end: int, kind: str) -> bool:
    return kind in _IDENTITY or (kind == "EMAIL_ADDRESS" and not role_mailbox(text[start:end]))


def public_lines(
    text: str, spans: Sequence[tuple[int, int]], business: Sequence[tuple[int, int]] = ()
) -> set[tuple[int, int]]:
    """Those of the phone numbers at ``spans`` that are labelled an organisation's public line,
    or are fixed lines on one of the ``business`` lines (a letterhead's ``Tel``; see
    :mod:`guardrail.pii.business_lines`).

    A public line that shares all but its last four digits with a personal number among ``spans``
    is not one of them: the switchboard ``2436 0000`` beside a direct line ``2436 0172``
    would give away half of that direct line.
    """
    public = {span for span in spans if _labelled_public(text, *span) or _fixed_on(business, text, *span)}
    if not public:
        return public
    personal_blocks = {_block(text, *span) for span in spans if span not in public}
    return {span for span in public if _block(text, *span) not in personal_blocks}


def _fixed_on(business: Sequence[tuple[int, int]], text: str, start: int, end: int) -> bool:
    return _fixed_line(text[start:end]) and on_business_line(business, start, end)


def _fixed_line(number: str) -> bool:
    return _FIXED_LINE.fullmatch(re.sub(r"[^\d+]", "", number)) is not None


def _labelled_public(text: str, start: int, end: int) -> bool:
    if not _fixed_line(text[start:end]):
        return False
    line_start = max(text.rfind("\n", 0, start) + 1, start - 40)
    return _LABEL_BEFORE.search(text, line_start, start) is not None or _LABEL_AFTER.match(text, end) is not None


def _block(text: str, start: int, end: int) -> str:
    """A number without its last four digits (and without Hong Kong's country code)."""
    digits = re.sub(r"\D", "", text[start:end])
    return (digits.removeprefix("852") if len(digits) == 11 else digits)[:-4]
