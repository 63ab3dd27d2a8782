"""Redact a whole chat request in-process with the default policy.

    python examples/redact_chat_request.py

Every person and number here is invented.
"""

from __future__ import annotations

import json

from guardrail.core import CallContext, Payload, Stage
from guardrail.policy import build_pipeline, load_policy

policy = load_policy("hk-genai-2025")
pipeline = build_pipeline(policy)  # loads spaCy once; reuse it for every call

request = [
    {"role": "system", "content": "You draft replies for the billing team."},
    {"role": "user", "content": [{"type": "text", "text": "Reply to Chan Tai Man (HKID A123456(3)), tel 9123 4567."}]},
    {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {
                "id": "call_1",
                "type": "function",
                "function": {
                    "name": "crm_lookup",
                    "arguments": json.dumps({"customer": "陳大文", "phone": "+852 6123 4567"}, ensure_ascii=False),
                },
            }
        ],
    },
    {"role": "tool", "tool_call_id": "call_1", "content": "陳大文 lives at 九龍彌敦道264號40樓A室"},
]

context = CallContext(
    policy=policy.ref, use_case="customer-service", risk_tier=policy.policy.use_cases["customer-service"].tier
)
verdict = pipeline(Payload(Stage.INPUT, tuple(request)), context)

print("decision:", verdict.decision.value)
print(json.dumps((verdict.payload.messages if verdict.payload else request), ensure_ascii=False, indent=2))
for step in verdict.steps:
    for finding in step.verdict.findings:  # evidence: types, offsets, rules; never values
        print(
            f"{step.name}: {finding.entity_type} at {finding.location}[{finding.start}:{finding.end}] by {finding.rule}"
        )
