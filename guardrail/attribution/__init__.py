"""Verifiable attribution on AI-generated answers: signed manifests, labels, checks.

The manifest also speaks two standard vocabularies (a GB 45438-2025 implicit label
and a C2PA claim, see :mod:`.manifest`), and can travel inside the answer text as a
C2PA text marker (:mod:`.text_marker`).
"""

from guardrail.attribution.content import (
    ChoiceContent,
    answer_content,
    content_hash,
    from_chunks,
    from_response,
    text_hash,
)
from guardrail.attribution.keys import KeyStore, SigningKey
from guardrail.attribution.manifest import Attribution, Attributor, Generator, Labels, with_marker
from guardrail.attribution.verify import (
    Status,
    Verification,
    load_jwks,
    verify,
    verify_document,
    verify_text,
)

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
    "answer_content",
    "content_hash",
    "from_chunks",
    "from_response",
    "load_jwks",
    "text_hash",
    "verify",
    "verify_document",
    "verify_text",
    "with_marker",
]
