"""A business's own letterhead line is kept; a person's signature and contacts are not."""

from __future__ import annotations

import pytest

from guardrail.pii.business_lines import business_lines, on_business_line, role_mailbox
from guardrail.pii.redactor import Redactor
from guardrail.pii.settings import PersonalDataSettings


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            (
                "Parish office: 11 Cumberland Road, Kowloon Tong   Tel 2337 4106   parishoffice@sthilda.example.org.hk\n"
                "Child: Grace Okonkwo, father's mobile 9123 4567"
            ),
            ["11 Cumberland Road", "2337 4106", "parishoffice@sthilda.example.org.hk"],
        ),
        ("Showroom: G/F, 212 Lockhart Road, Wan Chai   Tel 2893 5160\nJob MC-1", ["212 Lockhart Road", "2893 5160"]),
        ("Grace Harbour Church, 彩虹道 121號 2樓\nTel: 2789 3310 (Mon-Fri)", ["彩虹道 121號 2樓", "2789 3310"]),
        ("分店：旺角西洋菜南街88號地下\n", ["西洋菜南街88號"]),
    ],
)
def test_a_letterhead_line_keeps_the_business_contact(redactor: Redactor, text: str, kept: list[str]) -> None:
    out = redactor.redact(text).text
    assert all(value in out for value in kept), out
    assert "9123 4567" not in out and "Okonkwo" not in out


@pytest.mark.parametrize(
    ("text", "personal"),
    [
        # an agent's signature: the office under a personal mailbox is how one reaches him
        (
            "Kenny Lau\nE: kennylau.wm@gmail.com\nOffice: Room 2205, 22/F, One Island East, 18 Westlands Road, Quarry Bay",
            "18 Westlands Road",
        ),
        # a sole proprietor's business address beside his HKID
        (
            (
                "Proprietor: YUEN Tsz Long   HKID: Y318406(2)\nBusiness address: Unit 7, 3/F, Wah Lok Industrial Centre, "
                "31-35 Shan Mei Street, Fo Tan"
            ),
            "Shan Mei Street",
        ),
        # a person's home under "Address:", and a clinic's chat line is not a label
        ("Address: Flat B, 12/F, Block 3, Heng Fa Chuen\n", "Heng Fa Chuen"),
        ("Clinic (10:05): 星期四得，或者你打嚟 2388 1046", "2388 1046"),
        # a personal mailbox on a business's line
        ("Studio: 2/F, 38 Cochrane Street, Central   amy.chan@example.com", "amy.chan@example.com"),
        # a CSV row opening with a firm's name: its office_tel is the contact's
        ("Bright Path Tutoring Centre,70418263-000-11-25-9,Yvonne Poon,3594 2710", "3594 2710"),
    ],
)
def test_a_persons_contact_stays_personal(redactor: Redactor, text: str, personal: str) -> None:
    assert personal not in redactor.redact(text).text


def test_the_policy_can_redact_a_letterhead(pii_settings: PersonalDataSettings) -> None:
    strict = Redactor(pii_settings.model_copy(update={"keep_public_lines": False}))
    out = strict.redact("Showroom: G/F, 212 Lockhart Road, Wan Chai   Tel 2893 5160").text
    assert "Lockhart Road" not in out and "2893 5160" not in out


def test_business_lines_are_found_by_line() -> None:
    text = "Re: order\nBranch: 1/F, 56 Sai Yeung Choi Street South\nTel 2388 6020\nmember | name"
    lines = business_lines(text)
    assert [text[a:b] for a, b in lines] == ["Branch: 1/F, 56 Sai Yeung Choi Street South", "Tel 2388 6020"]
    start = text.index("2388")
    assert on_business_line(lines, start, start + 9)
    assert not on_business_line(lines, 0, 2)
    assert business_lines(text, personal=[(0, 2)]) == [lines[1]]


@pytest.mark.parametrize(
    ("address", "role"),
    [
        ("info@example.hk", True),
        ("accounts.payable@example.com", True),
        ("frontdesk.kt@example.hk", True),
        ("amy.chan@example.com", False),
        ("hello.summer.lai@gmail.com", False),
    ],
)
def test_role_mailboxes(address: str, role: bool) -> None:
    assert role_mailbox(address) is role


@pytest.mark.parametrize(
    "text",
    [
        "From: Parish Office <parishoffice@sthilda.example.org.hk>",
        "From: Youth Ministry Office <office@graceharbour.example.hk>",
        "Cc: HR <hr@lamfamilyoffice.example.hk>",
    ],
)
def test_a_team_mailbox_under_a_teams_display_name_is_kept(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text).text == text


def test_a_persons_mailbox_under_their_name_is_not(redactor: Redactor) -> None:
    assert "amy.chan@example.com" not in redactor.redact("From: Amy Chan <amy.chan@example.com>").text
