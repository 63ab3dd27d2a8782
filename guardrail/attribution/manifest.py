"""Signed attribution manifests: what an answer is, who made it, under which policy.

Every answer the proxy or the wrapper returns carries one. It says the content is
AI-generated (IPTC ``trainedAlgorithmicMedia``), names the generator (provider and
model as answered) and the service provider, cites the policy (id, version, hash),
the use case and risk tier, the request id and time, binds itself to the content by a
SHA-256 over its NFC-normalised text and tool calls (:mod:`.content`), and summarises
the redaction the call went through as entity types and counts, never values. It is
signed as a JWS (EdDSA, Ed25519) so anyone with the public key can verify it.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from guardrail.attribution import jws
from guardrail.attribution.content import ChoiceContent, content_hash
from guardrail.attribution.keys import SigningKey
from guardrail.core.context import CallContext
from guardrail.policy.model import AttributionSettings, LabelPlacement, TierAttribution

SCHEMA = "guardrail.attribution.v1"
DIGITAL_SOURCE_TYPE = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
FIELD = "guardrail_attribution"
HEADER = "x-guardrail-attribution"


@dataclass(frozen=True, slots=True)
class Generator:
    """The model that produced an answer, as the provider reported it."""

    provider: str
    model: str


@dataclass(frozen=True, slots=True)
class Attribution:
    """A manifest and its signature. ``jws`` is what a verifier checks."""

    manifest: dict[str, Any]
    jws: str

    def as_field(self) -> dict[str, Any]:
        return {"manifest": self.manifest, "jws": self.jws}


@dataclass(frozen=True, slots=True)
class Labels:
    """The visible text a tier adds around an answer (part of the signed content).

    ``unverifiable``: a check found the answer cannot be verified (no sources where
    the use case needs them), so the notice is added whatever the tier says.
    """

    tier: TierAttribution
    prefix: str
    suffix: str
    unverifiable: bool = False

    @classmethod
    def for_call(cls, settings: AttributionSettings, context: CallContext, *, unverifiable: bool = False) -> Labels:
        tier = settings.for_tier(context.risk_tier)
        if unverifiable and not tier.notice:
            tier = tier.model_copy(update={"notice": True})
        prefix = f"{settings.label_text}\n\n" if tier.label is LabelPlacement.PREFIX else ""
        suffix = f"\n\n{settings.label_text}" if tier.label is LabelPlacement.SUFFIX else ""
        if tier.notice:
            suffix += f"\n\n{settings.notice_text}"
        return cls(tier, prefix, suffix, unverifiable)

    def apply(self, text: str) -> str:
        return f"{self.prefix}{text}{self.suffix}"


class Attributor:
    """Builds and signs manifests for one service provider with one active key."""

    def __init__(self, key: SigningKey, service_provider: str) -> None:
        self.key = key
        self.service_provider = service_provider

    def attribute(
        self,
        context: CallContext,
        labels: Labels,
        generator: Generator,
        choices: Sequence[ChoiceContent],
        redaction: Mapping[str, Mapping[str, int]],
    ) -> Attribution:
        manifest = {
            "schema": SCHEMA,
            "id": f"urn:uuid:{uuid.uuid4()}",
            "ai_generated": True,
            "digital_source_type": DIGITAL_SOURCE_TYPE,
            "created": datetime.fromtimestamp(time.time(), UTC).isoformat(timespec="milliseconds"),
            "generator": {"provider": generator.provider, "model": generator.model},
            "service_provider": self.service_provider,
            "policy": {
                "id": context.policy.id,
                "version": context.policy.version,
                "hash": context.policy.content_hash,
            },
            "use_case": context.use_case,
            "risk_tier": context.risk_tier.value,
            "request_id": context.request_id,
            "content": {"hash": content_hash(choices), "normalization": "NFC",
                        "covers": "each choice's text (labels included) and tool calls"},
            "visible_label": labels.tier.label.value,
            "unverified_notice": labels.tier.notice,
            "human_review_required": labels.tier.human_review,
            "unverifiable": labels.unverifiable,
            "redaction": {stage: dict(sorted(counts.items())) for stage, counts in redaction.items()},
            "key_id": self.key.kid,
        }
        return Attribution(manifest, jws.sign(manifest, self.key.private, self.key.kid))
