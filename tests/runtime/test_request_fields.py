"""Through the default policy's guard: no planted identifier in any field of the table
survives into what goes upstream, and content no check can read is refused or
recorded, as the policy says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guardrail.core.verdict import Decision
from guardrail.errors import RequestError
from guardrail.policy import load_policy
from guardrail.runtime import Guard
from guardrail.runtime.guard import UNCHECKED_STEP
from tests.core.field_samples import PLANTED, message_samples, param_samples

USER = {"role": "user", "content": "hello"}


def _leaked(sent: object) -> list[str]:
    text = json.dumps(sent, ensure_ascii=False)
    return [value for value in PLANTED if value in text]


def test_no_planted_identifier_leaves_in_any_parameter_or_message_field(default_guard: Guard) -> None:
    cases = [([USER], {name: sample.value}) for name, sample in param_samples()]
    cases += [([sample.value], {}) for _role, sample in message_samples()]
    for messages, params in cases:
        request = default_guard.guard_request(messages, default_guard.context(), params)
        if request.blocked:  # a planted text in a system-role field can read as an injection; never forwarded
            continue
        assert _leaked([request.messages, request.params]) == [], (messages, params)
    assert sum(not default_guard.guard_request(m, default_guard.context(), p).blocked for m, p in cases) > 40


def test_a_field_outside_the_table_is_a_request_error_naming_it(default_guard: Guard) -> None:
    with pytest.raises(RequestError) as raised:
        default_guard.guard_request([USER], default_guard.context(), {"provider_notes": "A123456(3)"})
    assert raised.value.code == "unknown_parameter" and raised.value.param == "provider_notes"
    assert "A123456" not in str(raised.value)
    request = default_guard.guard_request(
        [USER], default_guard.context(), {"provider_notes": "A123456(3)"}, passthrough=["provider_notes"]
    )
    assert _leaked(request.params) == []


IMAGE = {
    "role": "user",
    "content": [
        {"type": "text", "text": "What is in this scan?"},
        {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
        {"type": "file", "file": {"file_data": "JVBERi0=", "filename": "A123456(3).pdf"}},
    ],
}


def test_unchecked_parts_are_refused_by_default_with_their_locations_as_evidence(default_guard: Guard) -> None:
    request = default_guard.guard_request([IMAGE], default_guard.context())
    assert request.blocked and request.verdict.reason == "unchecked_content"
    step = request.verdict.by_name()[UNCHECKED_STEP]
    assert [(f.location, f.rule, f.action) for f in step.verdict.findings] == [
        ("messages[0].content[1].image_url.url", "image", "block"),
        ("messages[0].content[2].file.file_data", "file", "block"),
    ]


def test_a_policy_may_let_unchecked_parts_through_and_the_verdict_lists_them(tmp_path: Path) -> None:
    source = (Path(__file__).resolve().parents[2] / "guardrail" / "policies" / "hk-genai-2025.yaml").read_text(
        encoding="utf-8"
    )
    path = tmp_path / "images.yaml"
    path.write_text(source + "\ninputs:\n  unchecked_parts: allow\n", encoding="utf-8")
    guard = Guard(load_policy(str(path)))
    request = guard.guard_request([IMAGE], guard.context())
    assert not request.blocked
    step = request.verdict.by_name()[UNCHECKED_STEP]
    assert step.verdict.decision is Decision.AUDIT and len(step.verdict.findings) == 2
    assert _leaked(request.messages) == []  # the file name was still checked
    assert request.messages[0]["content"][1] == IMAGE["content"][1]
