"""The ``request_limits`` check: bounds on what one call may send or receive.

The proxy already refuses bodies over ``max_body_bytes``; this bounds the checked
content itself, per policy: characters, messages and an estimate of tokens (one per
four Latin characters, one per Chinese character, which overestimates rather than
under), so a use case can cap cost and the room a long prompt gives an attack.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field

from guardrail.core.chat import payload_texts
from guardrail.core.context import CallContext
from guardrail.core.verdict import ALLOW, Decision, Finding, Payload, Verdict
from guardrail.policy.model import StrictModel
from guardrail.policy.registry import CheckServices, CheckType

REASON = "system_security.request_too_large"
_WIDE = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


class RequestLimitsSettings(StrictModel):
    max_chars: int | None = Field(default=None, gt=0, description="All texts of the stage together.")
    max_messages: int | None = Field(default=None, gt=0)
    max_tokens: int | None = Field(default=None, gt=0, description="Estimated, see the module docstring.")


def estimate_tokens(text: str) -> int:
    wide = len(_WIDE.findall(text))
    return wide + (len(text) - wide + 3) // 4


class RequestLimitsCheck:
    def __init__(self, settings: RequestLimitsSettings) -> None:
        self.settings = settings

    def __call__(self, payload: Payload, context: CallContext) -> Verdict:
        count, most = len(payload.messages), self.settings.max_messages
        if most is not None and count > most:
            # Too many messages refuses before their texts are read: 30,000 one-character
            # messages must not spend the check's time budget being measured.
            finding = Finding("LIMIT_EXCEEDED", 0, 0, 1.0, f"max_messages:{count}>{most}", "messages", "block")
            return Verdict(Decision.BLOCK, findings=(finding,), reason=REASON)
        texts = [slot.text for slot in payload_texts(payload)]
        total = sum(len(text) for text in texts)
        measured = {
            "max_chars": total,
            "max_messages": len(payload.messages),
            "max_tokens": sum(estimate_tokens(text) for text in texts) if self.settings.max_tokens else 0,
        }
        over = [
            Finding("LIMIT_EXCEEDED", 0, total, 1.0, f"{name}:{value}>{limit}", "messages", "block")
            for name, value in measured.items()
            if (limit := getattr(self.settings, name)) is not None and value > limit
        ]
        return Verdict(Decision.BLOCK, findings=tuple(over), reason=REASON) if over else ALLOW


def build(settings: RequestLimitsSettings, services: CheckServices) -> Any:
    return RequestLimitsCheck(settings)


REQUEST_LIMITS = CheckType(
    name="request_limits", settings_model=RequestLimitsSettings, factory="guardrail.system_security.limits:build"
)
