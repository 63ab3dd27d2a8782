"""Signed attribution manifests: what an answer is, who made it, under which policy.

Every answer the proxy or the wrapper returns carries one. It says the content is
AI-generated (IPTC ``trainedAlgorithmicMedia``), names the generator (provider and
model as answered) and the service provider, cites the policy (id, version, hash),
the use case and risk tier, the request id and time, binds itself to the content by
SHA-256 over every covered field of every choice and over each choice's NFC text
(:mod:`.content`), and summarises the redaction the call went through as entity types
and counts, never values. It is signed as a JWS (EdDSA, Ed25519) so anyone with the
public key can verify it.

The same facts are also written in two standard vocabularies, inside the signed
manifest:

- ``aigc``: the implicit label of GB 45438-2025 (the metadata label of AI-generated
  content): ``Label`` ``"1"`` (AI-generated), ``ContentProducer`` (the service
  provider), ``ProduceID`` (the request id), ``ContentPropagator`` and
  ``PropagateID`` (who delivers it and their id for it: by default the service
  provider and the manifest id), ``ReservedCode1`` (the content hash, the integrity
  information the standard reserves that field for);
- ``c2pa``: a C2PA claim rendered as JSON: ``c2pa.actions.v2`` with one
  ``c2pa.created`` action, its ``digitalSourceType`` IPTC ``trainedAlgorithmicMedia``
  and the model as ``softwareAgent``, and a ``c2pa.hash.data`` assertion per choice
  over its NFC text (SHA-256, base64, the text marker excluded).
"""

from __future__ import annotations

import base64
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from guardrail.attribution import jws, text_marker
from guardrail.attribution.content import ChoiceContent, content_hash, text_hashes
from guardrail.attribution.keys import SigningKey
from guardrail.core.context import CallContext
from guardrail.policy.model import AttributionSettings, LabelPlacement, TierAttribution

SCHEMA = "guardrail.attribution.v2"
SCHEMA_V1 = "guardrail.attribution.v1"
CLAIM_GENERATOR = {"name": "guardrail", "version": "0.1.0"}
COVERS = (
    "each choice's index, finish_reason and message (role, text or parts of any type with labels, "
    "refusal, annotations, audio, tool calls and any other field), NFC, nulls and the text marker "
    "left out; not logprobs, usage or the envelope"
)
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

    @property
    def embeds_marker(self) -> bool:
        """Whether answers carry the signed manifest inside their text (C2PA text marker)."""
        return self.tier.text_marker


class Attributor:
    """Builds and signs manifests for one service provider with one active key.

    ``propagator``: who delivers the answers to their readers (GB 45438's
    ``ContentPropagator``), when it is not the service provider itself.
    """

    def __init__(self, key: SigningKey, service_provider: str, *, propagator: str | None = None) -> None:
        self.key = key
        self.service_provider = service_provider
        self.propagator = propagator or service_provider

    def attribute(
        self,
        context: CallContext,
        labels: Labels,
        generator: Generator,
        choices: Sequence[ChoiceContent],
        redaction: Mapping[str, Mapping[str, int]],
    ) -> Attribution:
        manifest_id = f"urn:uuid:{uuid.uuid4()}"
        created = datetime.fromtimestamp(time.time(), UTC).isoformat(timespec="milliseconds")
        covered = content_hash(choices)
        texts = text_hashes(choices)
        manifest = {
            "schema": SCHEMA,
            "id": manifest_id,
            "ai_generated": True,
            "digital_source_type": DIGITAL_SOURCE_TYPE,
            "created": created,
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
            "content": {"hash": covered, "texts": texts, "normalization": "NFC", "covers": COVERS},
            "visible_label": labels.tier.label.value,
            "unverified_notice": labels.tier.notice,
            "human_review_required": labels.tier.human_review,
            "unverifiable": labels.unverifiable,
            "text_marker": labels.embeds_marker,
            "redaction": {stage: dict(sorted(counts.items())) for stage, counts in redaction.items()},
            "aigc": {
                "Label": "1",
                "ContentProducer": self.service_provider,
                "ProduceID": context.request_id,
                "ReservedCode1": covered,
                "ContentPropagator": self.propagator,
                "PropagateID": manifest_id,
            },
            "c2pa": _claim(manifest_id, created, generator, texts),
            "key_id": self.key.kid,
        }
        return Attribution(manifest, jws.sign(manifest, self.key.private, self.key.kid))


def _claim(manifest_id: str, created: str, generator: Generator, texts: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The C2PA claim, as JSON: what was done (created by a trained model) and the hard
    binding of each choice's text."""
    actions = {
        "actions": [
            {
                "action": "c2pa.created",
                "digitalSourceType": DIGITAL_SOURCE_TYPE,
                "softwareAgent": {"name": generator.model or "unknown", "org.guardrail.provider": generator.provider},
                "when": created,
            }
        ]
    }
    assertions: list[dict[str, Any]] = [{"label": "c2pa.actions.v2", "data": actions}]
    for position, text in enumerate(texts):
        digest = bytes.fromhex(str(text["hash"]).removeprefix("sha256:"))
        assertions.append(
            {
                "label": "c2pa.hash.data" + (f"__{position}" if position else ""),
                "data": {
                    "alg": "sha256",
                    "hash": base64.b64encode(digest).decode("ascii"),
                    "name": f"choice {text['index']}: NFC text, C2PA text marker excluded",
                    "exclusions": [],
                },
            }
        )
    return {
        "claim_generator_info": [CLAIM_GENERATOR],
        "instance_id": manifest_id,
        "format": "text/plain",
        "assertions": assertions,
        "signature": "JWS EdDSA (Ed25519); see key_id",
    }


def with_marker(text: str, attribution: Attribution) -> str:
    """``text`` with the signed manifest embedded as a C2PA text marker at its end."""
    return text_marker.strip(text) + text_marker.encode(attribution.jws)
