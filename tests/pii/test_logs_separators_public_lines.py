"""User names in logs, digits typed with a mark after each, and what an organisation
publishes: each case stands for a class, not for one text.

- a user name built from a name, written bare in a log or a form (``pppoe ho_kwokwai
  session up``, ``PPPoE 用戶名：yaukayi_19``), is a person; a place, a file or a domain so
  written is not;
- eight digits with the same mark after each (``6.3.3.8.0.4.1.9``, ``9+8+1+2 6+6+0+3``,
  ``6—1—8—3 2—0—5—9``) are a phone; a label numbered with a circled digit (``聯絡電話①：``)
  still labels the number after it; a phone word heading a long label still names a phone
  (``Contact if the try-in needs re-booking: 9784 2213``);
- a dotted quad after a firmware word is its version (``韌體 3.0.0.4``), an IPv4 network's
  block (``203.0.113.64/26``) is no one's address, an IPv6 prefix a household is given is;
- a help desk's, a NOC's and an enquiry line (``咨询电话``) are the organisation's; so is
  the Tel line under a line that is the firm's name alone.
"""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered, untouched

LOG = (
    "BRAS 記錄（節錄）：\n"
    "11-24 20:14:07 pppoe ho_kwokwai session up  ip=112.118.40.9\n"
    "PPPoE 用戶名：yaukayi_19\n"
    "Portal login by wong.chunhei at 02:14; ticket closed by tsoi.mankit.\n"
)
NOT_PEOPLE = "Files: tai_wai_branch.xlsx, ma_on_shan_office, wong.chunhei.pdf; node_03 and data_backup synced."


@pytest.mark.parametrize("handle", ["ho_kwokwai", "yaukayi_19", "wong.chunhei", "tsoi.mankit"])
def test_a_user_name_built_from_a_name_is_a_person_in_a_log(redactor: Redactor, handle: str) -> None:
    assert covered(redactor, LOG, handle, entity="PERSON")


@pytest.mark.parametrize("kept", ["tai_wai_branch", "wong.chunhei.pdf", "node_03", "data_backup"])
def test_places_files_and_machines_written_so_are_no_people(redactor: Redactor, kept: str) -> None:
    start = NOT_PEOPLE.index(kept)
    found = [(d.start, d.end) for d in redactor.analyze(NOT_PEOPLE) if d.entity_type == "PERSON"]
    assert not any(s < start + len(kept) and start < e for s, e in found)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Ivy Chung\nT 2576 3318 ext. 204 | M 6.3.3.8.0.4.1.9", "6.3.3.8.0.4.1.9"),
        ("用我家姐部 9+8+1+2 6+6+0+3 唔好意思佢個 keyboard 怪怪地", "9+8+1+2 6+6+0+3"),
        ("备注：call me 6—1—8—3 2—0—5—9 thx，冻柠茶少冰", "6—1—8—3 2—0—5—9"),
        ("| 19/12 | 柯嘉欣 | 2.3.5.8.9.1.4.0 | $1,600 | 屋企電話 |", "2.3.5.8.9.1.4.0"),
        (
            "安裝地址：寶林邨寶儀樓19樓1908室\n聯絡電話①：9 0 4 2 - 6 7 1 8\n聯絡電話②：852 2701.4426",
            "9 0 4 2 - 6 7 1 8",
        ),
        ("Patient: MAK Chun-kit\nContact if shade try-in needs re-booking: 9784 2213\n", "9784 2213"),
    ],
)
def test_digits_typed_with_marks_and_numbered_labels_are_phones(redactor: Redactor, text: str, number: str) -> None:
    assert covered(redactor, text, number, entity="PHONE_NUMBER")


@pytest.mark.parametrize(
    "text",
    [
        "Booking: 9784 2213 for two",
        "ref 9-1-2-3-4-5-6-7 on the parcel",
        "build 2.3.5.8.9.1.4.0.1 shipped",
    ],
)
def test_references_and_long_versions_are_no_phones(redactor: Redactor, text: str) -> None:
    assert not any(d.entity_type == "PHONE_NUMBER" for d in redactor.analyze(text))


def test_versions_and_network_blocks_are_no_addresses_but_a_households_prefix_is(redactor: Redactor) -> None:
    text = (
        "路由器韌體：1.2.14.5，已換過路由器（韌體 3.0.0.4）。\n"
        "that block is 203.0.113.64/26; the customer's WAN 223.18.205.94 and prefix 2400:8901:e002:5d00::/56"
    )
    found = {text[d.start : d.end] for d in redactor.analyze(text) if d.entity_type == "IP_ADDRESS"}
    assert "223.18.205.94" in found
    assert any("2400:8901:e002:5d00::" in value for value in found)
    assert not any(value in found for value in ("1.2.14.5", "3.0.0.4", "203.0.113.64/26"))


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Thanks. Our NOC +852 3008 6600 (24x7) can help.", "3008 6600"),
        ("I called BankPay helpdesk 2880 1234, ticket BP-7721.", "2880 1234"),
        ("如已缴费请忽略本通知。\n咨询电话：0752-3866 120", "0752-3866 120"),
        ("盧美寶\n採購主任\n廣泰飲食集團有限公司\nT: 2565 3020\u3000F: 2565 3021", "2565 3020"),
        ("秘書 鄺美玲 上\n會所電話：2545 1283（辦公時間）", "2545 1283"),
        ("社工 尹凱婷\n愛民鄰舍中心\u3000電話 2712 0416（中心）", "2712 0416"),
        ("如有問題請致電我哋店舖 2388 6017 或者搵我 Stella", "2388 6017"),
        ("Centre hotline for tutors: 3188 4120", "3188 4120"),
    ],
)
def test_an_organisations_public_lines_are_kept(redactor: Redactor, text: str, line: str) -> None:
    assert untouched(redactor, text, line)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("盧美寶\n採購主任\n廣泰飲食集團有限公司\nM: 9123 4567", "9123 4567"),
        ("如有疑問，打俾會長葉振邦 2786 4410（辦公時間）。", "2786 4410"),
        ("電話：2414 7730（家）／9126 0485（女兒陳慧儀）", "2414 7730"),
    ],
)
def test_a_persons_line_stays_personal(redactor: Redactor, text: str, number: str) -> None:
    assert covered(redactor, text, number, entity="PHONE_NUMBER")


def test_a_common_given_name_is_a_name_and_a_word_like_one_only_where_a_name_stands(redactor: Redactor) -> None:
    chat = "[08:02] Grandma Lau: 我今日帶Chloe同Hayley兩姊妹嚟，會遲少少"
    assert covered(redactor, chat, "Hayley", entity="PERSON")
    text = "Flights to London and Sydney are full; Reese cups are on sale."
    assert not any(d.entity_type == "PERSON" for d in redactor.analyze(text))
