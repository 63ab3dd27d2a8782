"""Recall on the labelled development corpus, against the issue's acceptance bars."""

from __future__ import annotations

from typing import Any

import pytest

from guardrail.pii.evaluation import STRUCTURED, score_corpus
from guardrail.pii.redactor import Redactor


@pytest.fixture(scope="module")
def scores(redactor: Redactor, dev_corpus: list[dict[str, Any]]):  # type: ignore[no-untyped-def]
    return score_corpus(dev_corpus, lambda text: redactor.redact(text).text)


def test_structured_identifiers(scores) -> None:  # type: ignore[no-untyped-def]
    assert scores.rate(STRUCTURED) >= 0.995, scores.leaks


def test_names_and_addresses(scores) -> None:  # type: ignore[no-untyped-def]
    assert scores.rate(["PERSON"]) >= 0.95, scores.leaks
    assert scores.rate(["ADDRESS"]) >= 0.90, scores.leaks


def test_decoys_survive(scores) -> None:  # type: ignore[no-untyped-def]
    assert scores.decoy_rate >= 0.95, scores.lost_decoys


@pytest.mark.parametrize("lang", ["en", "zh", "zh-fw"])
def test_each_language_is_covered(redactor: Redactor, dev_corpus: list[dict[str, Any]], lang: str) -> None:
    rows = [r for r in dev_corpus if r["lang"] == lang]
    by_lang = score_corpus(rows, lambda text: redactor.redact(text).text)
    assert rows and by_lang.rate(list(by_lang.planted)) >= 0.97
