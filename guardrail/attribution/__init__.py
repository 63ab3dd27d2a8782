"""Verifiable attribution on AI-generated answers: signed manifests, labels, checks.

The manifest's fields map onto other schemes as the README's "Attribution" section
sets out (GB 45438-2025 implicit labels, a C2PA ``c2pa.created`` action).
"""

from guardrail.attribution.content import ChoiceContent, content_hash, from_response, text_hash
from guardrail.attribution.keys import KeyStore, SigningKey
from guardrail.attribution.manifest import Attribution, Attributor, Generator, Labels
from guardrail.attribution.verify import Status, Verification, load_jwks, verify, verify_document

__all__ = [
    "Attribution",
    "Attributor",
    "ChoiceContent",
    "Generator",
    "KeyStore",
    "Labels",
    "SigningKey",
    "Status",
    "Verification",
    "content_hash",
    "from_response",
    "load_jwks",
    "text_hash",
    "verify",
    "verify_document",
]
