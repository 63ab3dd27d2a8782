from __future__ import annotations

import json

from guardrail.core import CallContext, Decision, Payload, Stage
from guardrail.pii.check import PersonalDataCheck

PLANTED = ("Chan Tai Man", "A123456(3)", "9123 4567", "chan.tm@example.com", "陳大文", "6123 4567")

REQUEST = (
    {"role": "system", "content": "Customer Chan Tai Man, HKID A123456(3)."},
    {"role": "user", "content": [{"type": "text", "text": "Call 9123 4567 or chan.tm@example.com"}]},
    {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {
                "id": "1",
                "type": "function",
                "function": {
                    "name": "crm_lookup",
                    "arguments": json.dumps(
                        {"customer": "陳大文", "phone": "6123 4567", "limit": 5}, ensure_ascii=False
                    ),
                },
            }
        ],
    },
    {"role": "tool", "tool_call_id": "1", "content": "陳大文 lives at 九龍彌敦道264號40樓A室"},
)


def test_every_role_part_and_tool_argument_is_redacted(pii_check: PersonalDataCheck, context: CallContext) -> None:
    verdict = pii_check(Payload(Stage.INPUT, REQUEST), context)
    assert verdict.decision is Decision.MODIFY and verdict.payload is not None
    sent = json.dumps(verdict.payload.messages, ensure_ascii=False)
    for value in PLANTED:
        assert value not in sent
    args = json.loads(verdict.payload.messages[2]["tool_calls"][0]["function"]["arguments"])
    assert args == {"customer": "<PERSON>", "phone": "<PHONE_NUMBER>", "limit": 5}
    assert {f.location for f in verdict.findings} >= {
        "messages[0].content",
        "messages[1].content[0].text",
        "messages[2].tool_calls[0].function.arguments$.customer",
        "messages[3].content",
    }


def test_evidence_never_holds_the_values(pii_check: PersonalDataCheck, context: CallContext) -> None:
    verdict = pii_check(Payload(Stage.INPUT, REQUEST), context)
    evidence = repr(verdict.findings) + repr(verdict.reason)
    for value in PLANTED:
        assert value not in evidence
    original = REQUEST[0]["content"]
    spans = [original[f.start : f.end] for f in verdict.findings if f.location == "messages[0].content"]
    assert spans == ["Chan Tai Man", "A123456(3)"]


def test_clean_payload_is_allowed_untouched(pii_check: PersonalDataCheck, context: CallContext) -> None:
    payload = Payload(Stage.INPUT, ({"role": "user", "content": "What is ORD-1234's status?"},))
    verdict = pii_check(payload, context)
    assert verdict.decision is Decision.ALLOW and verdict.payload is None
