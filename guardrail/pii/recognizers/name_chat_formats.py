"""Speakers in chat exports whose lines are not ``Name: message``.

LINE exports a message as ``21:15<TAB>Supaporn<TAB>the parcel arrived``, IRC-style logs
and some bots as ``2026-03-12 21:15:03 <Bogdan> hey``, WeChat, WeCom and Slack put the
sender and the time on a line above the message (``刘洋 10:07``, ``tsz.hin  11:04``). A speaker there is a person
whatever the name (``Nadiya``, ``Bogdan``: names no list need know), once the text shows
the format on two lines or more; a name that is a word for a role, a bot or a place is
not taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrail.pii.recognizers.name_cues import nickname_shaped
from guardrail.pii.recognizers.name_lexicon import HAN, is_given, is_place, is_surname, never_a_name, zh_name_shape
from guardrail.pii.recognizers.name_spans import STOP, L, U
from guardrail.pii.recognizers.names_data import GIVEN_SYLLABLES

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


# A workspace login as Slack prints its sender: tsz.hin, lee_ck.
_LOGIN = r"[a-z]{2,12}(?:[._][a-z]{1,12}){1,2}"
# WeChat and WeCom exports: the sender and the time on a line of their own, the message
# on the lines below (刘洋 10:07 / Amy Zhou 周敏 10:16).
_HEADER_LINE = re.compile(
    rf"(?m)^[ \t]*(?P<who>[{HAN}]{{2,4}}|{_NAME}(?:[ ][{HAN}]{{2,4}})?|{_LOGIN})[ \t]+"
    rf"(?:\d{{1,2}}/\d{{1,2}}[ \t]+|\d{{4}}-\d{{1,2}}-\d{{1,2}}[ \t]+)?{_TIME}[ \t]*$"
)


def sender_time_lines(text: str) -> Iterator[tuple[int, int, float]]:
    """Senders on their own line above the message, once the text shows the format on two
    lines or more: Chinese senders shaped as a name or a nickname, logins made of name
    syllables, Latin names that start with a name the lists know."""
    if ":" not in text:
        return
    matches = list(_HEADER_LINE.finditer(text))
    if len(matches) < 2:
        return
    for match in matches:
        who = match["who"]
        if re.fullmatch(f"[{HAN}]+", who):
            if zh_name_shape(who) or nickname_shaped(who):
                yield *match.span("who"), 0.75
        elif who.islower():
            parts = re.split(r"[._]", who)
            if all(p in GIVEN_SYLLABLES or is_given(p) or is_surname(p) for p in parts):
                yield *match.span("who"), 0.75  # tsz.hin  11:04
        elif _known_first(who) and not any(never_a_name(w) or w.lower() in STOP for w in who.split()):
            yield *match.span("who"), 0.75  # not an agenda's item and time (Briefing  2:00 PM)


def _known_first(who: str) -> bool:
    first = who.split()[0]
    return (is_given(first, in_position=True) or is_surname(first)) and not is_place(who)


FINDERS = (export_speakers, sender_time_lines)
