"""Names in Latin script, phones, HKIDs and English addresses in the forms a blind set of
chats, registers and spreadsheets wrote them, and the words beside them that must stay.

Each case stands for a class (a speaker with an accented or role-prefixed name, a
roster's ``SURNAME / GIVEN`` with spaces, a post speaking in a chat), not for one text.
"""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import person_spans
from tests.pii.test_names import assert_removed

NAMES = [
    # chat speakers: accented, a day/month stamp, an abbreviated post before the name
    ("10/01/27 06:12 - Zoë: hi\n10/01/27 06:13 - Me: ok", "Zoë"),
    ("12/03/26 09:00 - Håkon: landed\n12/03/26 09:01 - Me: great", "Håkon"),
    ("30/11 08:02 CSO Wing: 今日有搬屋\n30/11 08:05 保安 Ah Keung: 收到", "Wing"),
    ("04/12 19:40 PM Kelvin: deck ready?\n04/12 19:41 Me: yes", "Kelvin"),
    ("8/11/2026 21:20 - Chris 周: 3. 一位\n8/11/2026 21:33 - Cherry: ok", "Chris 周"),
    # a speaker found once is a name on every line, accents and all
    ('Group "Buddy: Renée + Me"\n10/01/27 06:12 - Renée: landed\n10/01/27 06:13 - Me: ok', "Renée"),
]


@pytest.mark.parametrize(("text", "value"), NAMES)
def test_names_in_blind_forms_are_removed(redactor: Redactor, text: str, value: str) -> None:
    assert_removed(redactor, text, value)


NOT_NAMES = [
    "[27/11 08:14] Harbourmaster: berth C-08 is free\n[27/11 08:20] Harbourmaster: noted",
    "[02/12 10:00] Gatekeeper: gate open\n[02/12 10:05] Gatekeeper: closed",
]


@pytest.mark.parametrize("text", NOT_NAMES)
def test_posts_and_words_in_blind_forms_are_not_names(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []
