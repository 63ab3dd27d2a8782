"""Plain-language explanations for stable reason codes, shown to clients and auditors,
and the HTTP status each kind of refusal maps to in every adapter.

They name the Guideline dimension a refusal serves and never quote the content.
"""

from __future__ import annotations

REFUSED_TIER = "risk_tier.refused"
OPTED_OUT = "user_opt_out"
FAILED_CLOSED = "check_error.failed_closed"
AUDIT_UNAVAILABLE = "audit_unavailable"
UNCHECKED_CONTENT = "unchecked_content"
CALL_STATE_LOST = "call_state_lost"
# The guardrail could not do its part: the client may retry later (503).
UNAVAILABLE = frozenset({FAILED_CLOSED, AUDIT_UNAVAILABLE, CALL_STATE_LOST})
# Refusals of the call itself, not of its content: the client cannot fix them by rewording.
CALL_REFUSALS = frozenset({REFUSED_TIER, OPTED_OUT})

_EXPLANATIONS = {
    "personal_data.blocked_entity": (
        "The content holds personal data of a kind this policy never lets through "
        "(Guideline dimension: personal data privacy)."
    ),
    "check_error.failed_closed": (
        "A safety check could not complete and this policy fails closed, so the call "
        "was stopped rather than sent unchecked."
    ),
    "call_state_lost": (
        "The guardrail lost track of this call before its answer came (too many calls were "
        "waiting), so the answer cannot be checked and is not given; try again."
    ),
    "audit_unavailable": (
        "The audit trail cannot be written, and this policy (or the call's risk tier) "
        "gives no answer that is not recorded (Guideline: logging for traceability and audit)."
    ),
    "unchecked_content": (
        "The request holds an image, audio or a file, which no check can read for personal "
        "data or threats, and this policy refuses what it cannot check (policy inputs.unchecked_parts)."
    ),
    "embedding.token_input": ("Token-array input cannot be checked for personal data; send text instead."),
    "risk_tier.refused": (
        "This use case falls in a risk tier the policy prohibits (Guideline section 2.1.2: "
        "unacceptable risk), so no call is made for it."
    ),
    "user_opt_out": (
        "The user opted out of processing by generative AI, so the request was not sent to "
        "any model (Guideline: user opt-out for limited- and high-risk uses)."
    ),
    "crime_prevention.prohibited_use": (
        "The request or answer falls under a use the policy prohibits: violence or weapons, "
        "obscene material, fraud or falsified documents, malicious code or illegal drugs "
        "(Guideline dimension: crime prevention). The call is treated as unacceptable risk."
    ),
    "system_security.prompt_injection": (
        "The content tries to override the model's instructions or extract them, openly or "
        "hidden (Guideline dimension: system security)."
    ),
    "system_security.secret_blocked": (
        "The content holds a credential (a key, token or password) that this policy never "
        "lets through (Guideline dimension: system security)."
    ),
    "system_security.request_too_large": (
        "The request exceeds the size this policy allows for a call (Guideline dimension: system security)."
    ),
    "reliability.unverifiable": (
        "The answer cites no sources, which this use case requires (Guideline dimension: "
        "reliability and trustworthiness)."
    ),
    "intellectual_property.verbatim_overlap": (
        "The answer copies a long passage of a protected text (Guideline dimension: intellectual property)."
    ),
}


def explain(reason: str | None) -> str:
    """A sentence for ``reason``; a generic one for codes without their own."""
    if reason is None:
        return "The call was stopped by the guardrail policy."
    return _EXPLANATIONS.get(reason, f"The call was stopped by the guardrail policy ({reason}).")


def refusal_status(reason: str | None) -> int:
    """403 for a refused call, 503 when a check failed closed or the audit trail cannot
    be written, 400 for refused content.

    A pipeline stops at its first block, so a verdict whose check failed closed carries
    that check's ``check_error.failed_closed`` reason.
    """
    if reason in CALL_REFUSALS:
        return 403
    return 503 if reason in UNAVAILABLE else 400


def refusal_type(reason: str | None) -> str:
    """The OpenAI-style error ``type`` of a refusal, the same from every adapter:
    ``guardrail_unavailable`` when a check failed closed or the trail is down
    (retrying may succeed),
    ``guardrail_blocked`` when the policy refused the call or its content."""
    return "guardrail_unavailable" if refusal_status(reason) == 503 else "guardrail_blocked"
