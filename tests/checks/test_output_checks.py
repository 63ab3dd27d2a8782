"""Output-side checks: sources cited, verbatim copying; through the guard, streams included."""

from __future__ import annotations

from pathlib import Path

import pytest

from guardrail.core import Decision
from guardrail.policy import load_policy
from guardrail.policy.model import DEFAULT_NOTICE
from guardrail.runtime import Guard

PROTECTED = " ".join(f"protected{i}" for i in range(120))


@pytest.fixture(scope="module")
def guard(tmp_path_factory: pytest.TempPathFactory) -> Guard:
    folder = tmp_path_factory.mktemp("ip")
    (folder / "book.txt").write_text(PROTECTED, encoding="utf-8")
    policy = folder / "p.yaml"
    policy.write_text(
        f"""
id: outputs
version: "1"
default_use_case: chat
use_cases:
  chat: {{tier: low}}
  legal: {{tier: low}}
checks:
  - name: cited-sources
    type: cited_sources
    stages: [output]
    dimensions: [reliability_trustworthiness]
    principles: [accuracy_reliability]
    settings: {{use_cases: [legal]}}
  - name: verbatim
    type: verbatim_overlap
    stages: [output]
    dimensions: [intellectual_property]
    principles: [compliance]
    settings:
      texts: [{{id: book, path: "{folder / "book.txt"}"}}]
      shingle: 8
      min_tokens: 30
      action: block
""",
        encoding="utf-8",
    )
    return Guard(load_policy(str(policy)))


def answer(text: str) -> dict[str, object]:
    return {"id": "x", "model": "m", "choices": [{"index": 0, "message": {"role": "assistant", "content": text}}]}


def test_an_uncited_answer_is_marked_unverifiable_where_sources_are_required(guard: Guard) -> None:
    request = guard.guard_request(
        [{"role": "user", "content": "What does the law say?"}], guard.context(use_case="legal")
    )
    plain = guard.guard_response(answer("It says you may."), request)
    assert plain.verdict.decision is Decision.WARN and plain.verdict.reason == "reliability.unverifiable"
    assert plain.response["choices"][0]["message"]["content"].endswith(DEFAULT_NOTICE)
    cited = guard.guard_response(answer("It says you may (see Cap. 486, s.4)."), request)
    assert cited.verdict.decision is Decision.ALLOW
    other = guard.guard_request([{"role": "user", "content": "Hi"}], guard.context(use_case="chat"))
    assert guard.guard_response(answer("Hello."), other).verdict.decision is Decision.ALLOW


def test_an_uncited_stream_gets_the_notice_at_its_end(guard: Guard) -> None:
    request = guard.guard_request([{"role": "user", "content": "Law?"}], guard.context(use_case="legal"))
    stream = guard.stream(request)
    words = "It says you may do this, and the rest of the answer is long enough to be released in parts."
    sent = []
    for i in range(0, len(words), 7):
        for chunk in stream.feed({"id": "x", "choices": [{"index": 0, "delta": {"content": words[i : i + 7]}}]}):
            sent += [c["delta"].get("content") or "" for c in chunk["choices"]]
    for chunk in stream.feed({"id": "x", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}):
        sent += [c["delta"].get("content") or "" for c in chunk["choices"]]
    assert "".join(sent) == f"{words}\n\n{DEFAULT_NOTICE}"


def test_long_verbatim_copies_are_refused_short_quotes_are_not(guard: Guard) -> None:
    request = guard.guard_request([{"role": "user", "content": "Quote it"}], guard.context())
    copied = "Here it is: " + " ".join(f"PROTECTED{i}" for i in range(10, 60)) + ". Enjoy."
    verdict = guard.guard_response(answer(copied), request).verdict
    assert verdict.blocked and verdict.reason == "intellectual_property.verbatim_overlap"
    (finding,) = verdict.findings if verdict.findings else verdict.steps[-1].verdict.findings
    assert finding.rule == "book:50_tokens" and copied[finding.start : finding.end].startswith("PROTECTED10")
    short = "A short quote: " + " ".join(f"protected{i}" for i in range(10, 35))
    assert not guard.guard_response(answer(short), request).verdict.blocked


def test_a_protected_text_that_is_missing_stops_start_up(tmp_path: Path) -> None:
    from guardrail.errors import PolicyError

    policy = tmp_path / "p.yaml"
    policy.write_text(
        """
id: p
version: "1"
default_use_case: chat
use_cases: {chat: {tier: low}}
checks:
  - name: verbatim
    type: verbatim_overlap
    stages: [output]
    dimensions: [intellectual_property]
    principles: [compliance]
    settings: {texts: [{id: book, path: /nonexistent/book.txt}]}
""",
        encoding="utf-8",
    )
    with pytest.raises(PolicyError, match=r"checks\[0\]\.settings.*not a readable file"):
        load_policy(str(policy))
