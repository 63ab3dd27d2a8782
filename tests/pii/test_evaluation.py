"""The scorer's judgement on tiny hand-made rows, so a figure it prints can be trusted."""

from __future__ import annotations

import functools
import importlib.util
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from guardrail.pii.evaluation import Found, leaked, score_corpus, score_spans, span_labelled

TEXT = "Call Chan Tai Man on 9123 4567 about INV-2024-3433."
NAME = (5, 17)
PHONE = (21, 30)
DECOY = (37, 50)


def _row(lang: str = "en") -> dict[str, Any]:
    assert TEXT[slice(*NAME)] == "Chan Tai Man" and TEXT[slice(*PHONE)] == "9123 4567"
    assert TEXT[slice(*DECOY)] == "INV-2024-3433"
    return {
        "id": "t-1",
        "genre": "unit",
        "lang": lang,
        "split": "dev",
        "text": TEXT,
        "pii": [
            {"type": "PERSON", "value": "Chan Tai Man", "start": NAME[0], "end": NAME[1]},
            {"type": "PHONE", "value": "9123 4567", "start": PHONE[0], "end": PHONE[1]},
        ],
        "decoys": [{"value": "INV-2024-3433", "start": DECOY[0], "end": DECOY[1]}],
    }


def _redactor(findings: list[Found]) -> Callable[[str], tuple[str, Iterable[Found]]]:
    """A fake redactor that replaces the given spans with <X> and reports them."""

    def analyse(text: str) -> tuple[str, Iterable[Found]]:
        out: list[str] = []
        position = 0
        for found in sorted(findings, key=lambda f: f.start):
            out += [text[position : found.start], "<X>"]
            position = found.end
        out.append(text[position:])
        return "".join(out), findings

    return analyse


def test_exact_findings_remove_and_cover_everything() -> None:
    score = score_spans([_row()], _redactor([Found("PERSON", *NAME), Found("PHONE_NUMBER", *PHONE)]))
    person, phone = score.tallies[("PERSON", "en")], score.tallies[("PHONE", "en")]
    assert (person.planted, person.removed, person.covered) == (1, 1, 1)
    assert (phone.planted, phone.removed, phone.covered, phone.findings) == (1, 1, 1, 1)
    assert score.total("en").unmatched == 0 and score.total("en").precision == 1.0
    assert score.damaged["en"] == 0 and score.decoys["en"] == 1
    assert not score.misses


def test_a_surviving_part_is_a_leak_even_when_half_is_covered() -> None:
    # "9123" found covers half the phone's digits, but "4567" survives: a leak. "Chan Tai"
    # found leaves the lone token "Man", which the name rule does not count as a leak.
    score = score_spans([_row()], _redactor([Found("PERSON", 5, 13), Found("PHONE_NUMBER", 21, 25)]))
    person, phone = score.tallies[("PERSON", "en")], score.tallies[("PHONE", "en")]
    assert (person.removed, person.covered) == (1, 0)
    assert (phone.removed, phone.covered) == (0, 0)
    assert [(m.type, m.reason) for m in score.misses] == [("PHONE", "leaked")]


def test_a_value_gone_by_chance_is_not_removed_without_half_coverage() -> None:
    # The redactor swallowed only "Chan" (4 of 10 letters): "Tai Man" survives, a leak.
    # With "Chan Ta" found (6 of 10) nothing two-token survives and coverage >= half.
    few = score_spans([_row()], _redactor([Found("PERSON", 5, 9)]))
    assert few.tallies[("PERSON", "en")].removed == 0
    half = score_spans([_row()], _redactor([Found("PERSON", 5, 12)]))
    tally = half.tallies[("PERSON", "en")]
    assert (tally.removed, tally.covered) == (1, 0)


def test_under_coverage_alone_fails_removal() -> None:
    # A name of one token: redacting 1 of its 4 letters leaves no exact token behind,
    # but findings cover less than half of it.
    text = "Hi Coco, see you."
    row = {
        "id": "c",
        "lang": "mixed",
        "text": text,
        "pii": [{"type": "PERSON", "value": "Coco", "start": 3, "end": 7}],
        "decoys": [],
    }
    score = score_spans([row], _redactor([Found("PERSON", 3, 4)]))
    assert score.tallies[("PERSON", "mixed")].removed == 0
    assert score.misses[0].reason == "under-covered"


def test_decoys_damaged_and_unmatched_findings_are_counted() -> None:
    findings = [
        Found("PERSON", *NAME),
        Found("PHONE_NUMBER", *PHONE),
        Found("HK_ID", 41, 45),
        Found("PERSON", 0, 4),
    ]
    score = score_spans([_row("mixed")], _redactor(findings))
    assert score.damaged["mixed"] == 1 and score.damaged_in == [("t-1", "mixed", "unit")]
    assert score.tallies[("HKID", "mixed")].unmatched == 1
    assert score.tallies[("PERSON", "mixed")].findings == 2
    assert score.tallies[("PERSON", "mixed")].unmatched == 1
    total = score.total("mixed")
    assert (total.findings, total.unmatched) == (4, 2) and total.precision == pytest.approx(0.5)
    assert score.total("en").planted == 0


def test_languages_are_kept_apart() -> None:
    score = score_spans([_row("en"), {**_row("mixed"), "id": "t-2"}], _redactor([Found("PERSON", *NAME)]))
    assert score.languages() == ["en", "mixed"]
    assert score.total("en").planted == 2 and score.total().planted == 4
    assert score.total(kinds=["PHONE"]).removed == 0 and score.total(kinds=["PERSON"]).removed == 2


@pytest.mark.parametrize(
    ("value", "redacted", "expected"),
    [
        ("nine one two three four five six seven", "call <X> or nine one two three later", True),
        ("nine one two three four five six seven", "call <X> please", False),
        ("double six two one eight eight three four", "it was 6621 something", True),
        ("九一二三四五六七", "電話：<X>，或者九一二三", True),
        ("GB40 MIDL 3691 4770 5347 42", "IBAN <X> 4770", True),
        ("12345678-000-03-24", "BR <X>", False),
    ],
)
def test_spelled_numbers_ibans_and_brs_follow_the_digit_rule(value: str, redacted: str, expected: bool) -> None:
    kind = "IBAN" if value.startswith("GB") else "BR" if "-000-" in value else "PHONE"
    assert leaked(kind, value, redacted) is expected


@pytest.mark.parametrize(
    ("value", "redacted", "expected"),
    [
        ("黃醫生", "<P>您好，需排除黃斑水腫，請醫生跟進", False),  # the title alone is nobody
        ("黃醫生", "轉介信：黃醫生您好", True),
        ("浩然奶奶", "<P> 09:02 上次浩然同学被拦", True),  # the child's given name survives
        ("孫浩爸爸", "<P> 18926637042，爸爸們請準時", False),
        ("陳大文先生", "病人陳大文已到", True),
        ("陳大文先生", "病人<P>已到，先生請坐", False),
        ("陳美玲", "美玲話佢遲啲到", True),
    ],
)
def test_a_chinese_name_is_judged_without_its_title(value: str, redacted: str, expected: bool) -> None:
    assert leaked("PERSON", value, redacted) is expected


def test_value_labelled_rows_are_scored_as_before() -> None:
    rows = [
        {
            "id": "1",
            "lang": "en",
            "text": TEXT,
            "pii": [{"type": "PHONE", "value": "9123 4567"}],
            "decoys": ["INV-2024-3433"],
        }
    ]
    assert not span_labelled(rows) and span_labelled([_row()])
    score = score_corpus(rows, lambda text: text.replace("9123 4567", "<P>"))
    assert score.rate(["PHONE"]) == 1.0 and score.decoy_rate == 1.0
    kept = score_corpus(rows, lambda text: text)
    assert kept.rate(["PHONE"]) == 0.0 and kept.leaks == [("1", "PHONE", "en")]


@functools.cache
def _builder() -> ModuleType:
    """The corpus builder, a script outside the package, loaded once from its path."""
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "pii_free" / "build.py"
    spec = importlib.util.spec_from_file_location("pii_free_build", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


HEAD = "# genre: unit\n# split: dev\n=== doc u-1 lang=en ===\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Hi [[NAME:Bob]] there", "unknown type"),
        ("Hi [[PERSON:Bob and [[PHONE:9123 4567]]", "nested or unclosed"),
        ("Hi [[PERSON:Bob", "stray"),
        ("Hi [[PERSON: Bob]]", "outer spaces"),
        ("Card [[CARD:4111 1111 1111 1112]]", "Luhn"),
        ("IBAN [[IBAN:GB41 MIDL 3691 4770 5347 42]]", "check digits"),
    ],
)
def test_the_builder_refuses_malformed_markup(tmp_path: Path, body: str, message: str) -> None:
    build = _builder()
    (tmp_path / "unit.txt").write_text(HEAD + body + "\n", encoding="utf-8")
    with pytest.raises(build.MarkupError, match=message):
        build.build(tmp_path)


def test_the_builder_records_offsets_of_values_and_decoys(tmp_path: Path) -> None:
    build = _builder()
    body = "Call [[PERSON:Chan Tai Man]] on [[PHONE:9123\n4567]] re [[DECOY:INV-2024-3433]].\n\n"
    (tmp_path / "unit.txt").write_text(HEAD + body, encoding="utf-8")
    [row] = build.build(tmp_path)
    assert row["text"] == "Call Chan Tai Man on 9123\n4567 re INV-2024-3433.\n"
    assert [(p["type"], row["text"][p["start"] : p["end"]]) for p in row["pii"]] == [
        ("PERSON", "Chan Tai Man"),
        ("PHONE", "9123\n4567"),
    ]
    assert row["decoys"] == [{"value": "INV-2024-3433", "start": 34, "end": 47}]
    assert (row["split"], row["lang"], row["genre"]) == ("dev", "en", "unit")


def test_a_name_of_chinese_and_latin_letters_leaks_only_by_its_own_words() -> None:
    assert not leaked("PERSON", "阿Ken", "<PERSON>: Urgent, send it")  # "en" of other words
    assert leaked("PERSON", "阿Ken", "Ken: hi")
    assert leaked("PERSON", "May姐", "May姐 said")


def test_digits_surviving_only_inside_a_kept_decoy_are_no_leak() -> None:
    """A masked card's last four, which the corpus asks to keep, do not leak the card; the
    same four digits anywhere else do."""
    card = "4532 0187 4423 9105"
    for tail, leaks in (("Refund to XXXX-XXXX-XXXX-9105 done.", False), ("Refund to card ending 9105.", True)):
        text = f"Paid with {card}. {tail}"
        masked = "XXXX-XXXX-XXXX-9105"
        row = {
            "id": "t-2",
            "genre": "unit",
            "lang": "en",
            "split": "dev",
            "text": text,
            "pii": [{"type": "CARD", "value": card, "start": 10, "end": 10 + len(card)}],
            "decoys": [{"value": masked, "start": text.index(masked), "end": text.index(masked) + len(masked)}]
            if masked in text
            else [],
        }
        score = score_spans([row], _redactor([Found("CREDIT_CARD", 10, 10 + len(card))]))
        assert bool(score.misses) is leaks, tail
