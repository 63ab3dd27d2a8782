"""What every check knows about the call it is checking."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from enum import StrEnum


class Stage(StrEnum):
    """Where in the call a check runs; names follow OTel's ``gen_ai.security.target.type``."""

    INPUT = "llm_input"
    OUTPUT = "llm_output"


class RiskTier(StrEnum):
    """The Guideline's four risk tiers (section 2.1.2, Table 1)."""

    UNACCEPTABLE = "unacceptable"
    HIGH = "high"
    LIMITED = "limited"
    LOW = "low"


@dataclass(frozen=True, slots=True)
class PolicyRef:
    """Identifies the exact policy a decision was taken under.

    ``content_hash`` covers the validated policy, so two files that differ only in
    comments or layout share it, and any change that alters behaviour does not.
    """

    id: str
    version: str
    content_hash: str


def new_request_id() -> str:
    """A fresh, unguessable request id."""
    return uuid.uuid4().hex


@dataclass(frozen=True, slots=True)
class CallContext:
    """The call being checked: who made it, under which use case and policy."""

    policy: PolicyRef
    use_case: str
    risk_tier: RiskTier
    tenant: str = "default"
    request_id: str = field(default_factory=new_request_id)
    conversation_id: str | None = None
    fail_closed: bool = False  # the tier makes every check fail closed, whatever its on_error
    opted_out: bool = False  # the user asked that this request reach no model
    escalated_from: RiskTier | None = None  # the use case's tier, when content raised it
    principal: str = ""  # who within the tenant holds the conversation: the proxy's API key, as a digest

    @property
    def vault_scope(self) -> str:
        """Where this call's pseudonyms live: per tenant, principal and conversation (or
        request), as ``tenant/principal/conversation`` (the vault caps sizes per tenant).

        A conversation id is not a secret: clients choose it, and others may learn it.
        So the tenant and the principal (the API key) are part of the scope, and someone
        who reuses another caller's conversation id gets a conversation of their own.
        Otherwise they could confirm a guess: send a suspected value under the victim's
        conversation id, receive the victim's pseudonym for it, and have the answer
        restored in the victim's spelling. Together with restoring only the pseudonyms
        the call itself introduced (:mod:`guardrail.runtime.restore`), an answer only
        ever carries values its own caller sent under its own key. Callers that share a
        key (one application serving many end users) are one principal: keeping their
        conversation ids apart is that application's part.
        """
        return f"{self.tenant}/{self.principal}/{self.conversation_id or self.request_id}"
