"""Plain-language explanations for stable reason codes, shown to clients and auditors.

They name the Guideline dimension a refusal serves and never quote the content.
"""

from __future__ import annotations

_EXPLANATIONS = {
    "personal_data.blocked_entity": (
        "The content holds personal data of a kind this policy never lets through "
        "(Guideline dimension: personal data privacy)."
    ),
    "check_error.failed_closed": (
        "A safety check could not complete and this policy fails closed, so the call "
        "was stopped rather than sent unchecked."
    ),
    "embedding.token_input": (
        "Token-array input cannot be checked for personal data; send text instead."
    ),
}


def explain(reason: str | None) -> str:
    """A sentence for ``reason``; a generic one for codes without their own."""
    if reason is None:
        return "The call was stopped by the guardrail policy."
    return _EXPLANATIONS.get(reason, f"The call was stopped by the guardrail policy ({reason}).")
