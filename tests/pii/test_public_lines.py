"""An organisation's public line is kept; a person's number never is."""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from guardrail.pii.settings import PersonalDataSettings


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Corporate hotline: 3618 2200", "3618 2200"),
        ("Tel 2108 6600 (hotline)\n", "2108 6600"),
        ("二十四號平安夜全晚爆滿，訂枱熱線 2345 1828 轉去樓面部長", "2345 1828"),
        ("有事打舖頭 2393 8812 啦", "2393 8812"),
        ("如有查詢，請致電本診所2450 3316。", "2450 3316"),
        ("總機 2755 3380，唔好俾佢手提", "2755 3380"),
        ("Our shop no. is 2367 4419.", "2367 4419"),
        ("聯絡人：甘老師，學校電話2345 6781。", "2345 6781"),
        ("Ward general line 3506 7140.", "3506 7140"),
        ("如需更改请致电总机 0755-2698 3100。", "0755-2698 3100"),
        ("如有变动请致电 2388 0000（公司热线）或我手机", "2388 0000"),
        ("Building mgmt office is 2886 5000, ask for the duty manager", "2886 5000"),
        ("北區民政事務處 2675 1234（查詢場地牌照）", "2675 1234"),
        ("24-hr emergency line: 2811 0000", "2811 0000"),
        ("please call the studio on 2870 1146 (we don't check WhatsApp)", "2870 1146"),
        ("Sun Cosmetics Trading 2755 6021", "2755 6021"),
        ("或律所前台 0755-8663 2100。", "0755-8663 2100"),
        ("值班电话（保安室座机）0769-8553 2100", "0769-8553 2100"),
        ("Paddle Club | club line 3690 2215 (Tue/Thu evenings)", "3690 2215"),
        ("Call us on 2388 6146 if unsure.", "2388 6146"),
        ("會員遺失卡請致電總館 2388 1234 補領", "2388 1234"),
        ("本會會址：康怡廣場對面，查詢 2560 8899", "2560 8899"),
        ("就搵 Sony Service Centre 2833 9983，報價出嚟先", "2833 9983"),
        ("Salt & Kettle | T 2870 1146 (studio) | D 3618 0524", "T 2870 1146"),
    ],
)
def test_a_labelled_public_line_is_kept(redactor: Redactor, text: str, number: str) -> None:
    assert number in redactor.redact(text).text


@pytest.mark.parametrize(
    ("text", "number"),
    [
        # A person's office line, a label naming a person, a mobile a shop answers on.
        ("Mobile +852 9304 8817 or the office line 2156 3390", "2156 3390"),
        ("請聯絡籌委會秘書莫凱婷小姐（電話 2459 6027）", "2459 6027"),
        ("WhatsApp hotline 9300 8866", "9300 8866"),
        # an extension is part of the number it follows: it reaches one person
        ("Hotline 2233 0000 ext. 218 for Mr Lee", "2233 0000"),
        ("公司總機2522 8871轉內線314，問人事部", "2522 8871"),
        # The label must stand right before the number, not somewhere on its line.
        ("Hotline was busy so call Amy on 2788 1234", "2788 1234"),
        ("Salt & Kettle | T 2870 1146 (studio) | D 3618 0524", "3618 0524"),
        ("Tel 2345 6789 (office)", "2345 6789"),
        ("如有查詢，請致電陳小姐 9123 4567", "9123 4567"),
    ],
)
def test_a_personal_number_is_redacted(redactor: Redactor, text: str, number: str) -> None:
    assert number not in redactor.redact(text).text


def test_a_switchboard_sharing_a_personal_numbers_block_is_redacted(redactor: Redactor) -> None:
    out = redactor.redact("Direct 2436 0172 (not the switchboard 2436 0000).").text
    assert "2436 0172" not in out and "2436 0000" not in out


def test_the_policy_can_redact_every_number(pii_settings: PersonalDataSettings) -> None:
    strict = Redactor(pii_settings.model_copy(update={"keep_public_lines": False}))
    assert "3618 2200" not in strict.redact("Corporate hotline: 3618 2200").text


@pytest.mark.parametrize("text", ["請用 FPS ID 1683 2205 或者門市碌卡", "收據簿號No.0341-0345，交齊再收"])
def test_an_fps_id_or_a_receipt_range_is_no_phone(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text).text == text


def test_a_number_followed_by_a_date_is_still_a_phone(redactor: Redactor) -> None:
    assert "5201 3378" not in redactor.redact("- rang Ahmed 5201 3378 27/11 no answer").text


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("水務署熱線係 2824 5000，大家都可以打", "2824 5000"),
        ("如有查詢，請致電 2824 5000 或電郵", "2824 5000"),
        ("Showroom 2552 9000", "2552 9000"),
    ],
)
def test_an_enquiry_line_and_a_label_said_with_is_are_public(redactor: Redactor, text: str, number: str) -> None:
    assert number in redactor.redact(text).text


def test_an_enquiry_naming_a_person_stays_personal(redactor: Redactor) -> None:
    assert "9123 4567" not in redactor.redact("如有查詢，請致電陳小姐 9123 4567").text


def test_a_police_report_number_is_no_passport(redactor: Redactor) -> None:
    out = redactor.redact("已叫佢報警，警方參考 RN 26091740，護照號碼 K12345678").text
    assert "RN 26091740" in out and "K12345678" not in out
