"""Personal data in CSV rows, scanned directories and labels that end in an ordinary word,
in the forms the whole dev split still leaked them; each case stands for a class.

- a label that starts like a reference (``order``, ``BR``) but goes on as another word
  (``Order phone``, ``brother``) labels no reference;
- a SIM's number is a phone;
- a number broken over a line after its halves' slash, or a mainland mobile after its
  second group, is still one number;
- a CSV row's bare comma ends a name's cell: the next cell is no given name.
"""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered, person_spans

NUMBERS = [
    ("Order phone 5311-9846, order email deals@example.com", "5311-9846"),
    ('4,4/23/25 9:30:02,SUSANTI Dewi,,C 3918420,S,"brother +62 812-3390-5521"', "+62 812-3390-5521"),
    ("local sim: 0813-9941-2208 (Indosat)", "0813-9941-2208"),
    ("Raymond Cheung | Head of Finance\nT 3611 4280 | M 9021 /\n5573\nKowloon Bay Logistics Ltd", "9021 /\n5573"),
    (
        "钟伟明\u3000厂务\u3000M:+8613823467051\nFiona 蒋\u3000跟单\u3000M:138-2346-\n7152\u3000W:0755-8370 1650",
        "138-2346-\n7152",
    ),
]


@pytest.mark.parametrize(("text", "value"), NUMBERS)
def test_numbers_after_words_and_across_lines_are_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value)


@pytest.mark.parametrize(
    "text",
    [
        "Order No. 5311 9846 shipped",
        "保單號碼：P 9123 4567",
        "Invoice INV 5123 4567 paid",
        "頁碼 2024 /\n2025 年度報告",
    ],
)
def test_references_and_year_ranges_stay_no_phone(redactor: Redactor, text: str) -> None:
    assert not any(d.entity_type == "PHONE_NUMBER" for d in redactor.analyze(text)), text


def test_a_csv_cell_ends_a_name_at_its_bare_comma(redactor: Redactor) -> None:
    text = "scan_time,badge,name,company,phone,email\n11:12,V-221003,Bunga Citra Lestari,X 4409217,0813 9941 2208,\n"
    assert "Bunga Citra Lestari" in person_spans(redactor, text)
    assert covered(redactor, text, "0813 9941 2208")


def test_a_surname_first_name_keeps_its_comma_outside_csv(redactor: Redactor) -> None:
    assert covered(redactor, "Passenger: SCHMIDT, Lukas (seat 32A)", "SCHMIDT, Lukas", entity="PERSON")
