"""A two-column table's header row titles its columns; it is not a ``Label: value`` field."""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered, person_spans


@pytest.mark.parametrize(
    "text",
    [
        "| Name | Role |\n| Priya Raman | Lead |\n\nPriya Raman will chair.",
        "| Name | Department |\n|---|---|\n| Chan Tai Man | Finance |",
        "| Name | Apple |\n|------|-------|\n| Wong Ka Ho | yes |",
        "姓名 | 職位\n陳大文 | 主任\n李嘉欣 | 文員",
    ],
)
def test_a_header_row_is_not_a_name(redactor: Redactor, text: str) -> None:
    header = text.split("\n", 1)[0]
    assert not any(span in header for span in person_spans(redactor, text))


def test_a_field_row_still_gives_its_name(redactor: Redactor) -> None:
    text = "| Field | Value |\n|---|---|\n| Preferred name | Apple |\n| Team | Sales |\n\nApple joined in May."
    assert covered(redactor, text, "Apple", entity="PERSON", at=text.index("| Apple") + 2)
    first = "| Name | Chan Tai Man |\n| Role | Lead |"
    assert covered(redactor, first, "Chan Tai Man", entity="PERSON")
