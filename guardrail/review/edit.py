"""A reviewer's edit or approval, stated in the answer's signed manifest.

An approval changes no content: the held answer's manifest gains a ``human_review``
statement (``approved``, reviewer id and key id, time, review id), keeps its id and
content hash, and is signed again (the text marker, which carries the signature, is
embedded again), so the released answer itself says a person approved it.

An edit is new content, so it goes through the same output checks as a model's
answer (personal data added by the reviewer is redacted, or the edit refused, as the
policy says), gets the tier's visible labels, and a new manifest signed by the proxy's
key. The manifest says a human edited it: a ``human_review`` statement (reviewer id,
key id, time, the manifest it replaces) and a ``c2pa.edited`` action whose source type
is IPTC's ``compositeWithTrainedAlgorithmicMedia`` (AI output edited by a person), so
``guardrail attribution verify`` shows an edited answer as exactly that.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from guardrail.attribution import jws, text_marker
from guardrail.attribution.content import from_response
from guardrail.attribution.manifest import HEADER, Attribution, Attributor, Generator, with_marker
from guardrail.core.context import CallContext, RiskTier
from guardrail.review.desk import Editor, EditRefused, Reviewer, ReviewError, Revision
from guardrail.review.store import StoredReview
from guardrail.runtime import Guard
from guardrail.runtime.restore import PseudonymRestorer

EDITED_SOURCE_TYPE = "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia"


def editor(guard: Guard, attributor: Attributor, reviewer: Reviewer, text: str, *, choice: int = 0) -> Editor:
    """The :data:`~guardrail.review.desk.Editor` putting ``text`` in place of choice
    ``choice``'s text, under ``guard`` (the held call's policy)."""

    def revise(review: StoredReview, content: Mapping[str, Any]) -> Revision:
        context = _context(guard, review, content.get("conversation_id"))
        labels = guard.labels(context)
        edited = _unlabelled(text, labels.prefix, labels.suffix)
        verdict = guard.check_output([{"role": "assistant", "content": edited}], context)
        if verdict.blocked:
            raise EditRefused(verdict.reason or "blocked")
        checked = str(verdict.payload.messages[0]["content"] if verdict.payload else edited)
        pseudonyms = frozenset(content.get("pseudonyms") or ())
        if guard.restores and pseudonyms:  # the call's own pseudonyms, as its answer had them restored
            checked = PseudonymRestorer(guard.vault, context.vault_scope, pseudonyms).text(checked)
        response = dict(content["response"])
        choices = [dict(c) for c in response.get("choices") or []]
        if not 0 <= choice < len(choices) or not isinstance(choices[choice].get("message", {}).get("content"), str):
            raise ReviewError(400, "edit_unsupported", f"choice {choice} has no text to edit")
        choices[choice]["message"] = {**choices[choice]["message"], "content": labels.apply(str(checked))}
        response["choices"] = choices
        previous = (content.get("attribution") or {}).get("manifest") or {}
        generator = previous.get("generator") or {}
        redaction = {**(previous.get("redaction") or {})}
        redaction["review_edit"] = dict(Counter(f.entity_type for f in verdict.all_findings()))
        signed = attributor.attribute(
            context,
            labels,
            Generator(str(generator.get("provider", "unknown")), str(generator.get("model", ""))),
            from_response(response),
            redaction,
        )
        attribution = _edited(signed, attributor, reviewer, review, previous.get("id"))
        if labels.embeds_marker:
            message = choices[choice]["message"]
            choices[choice]["message"] = {**message, "content": with_marker(message["content"], attribution)}
        headers = {**content["headers"], HEADER: attribution.jws}
        return Revision(response, headers, attribution.as_field(), verdict.decision.value, redaction["review_edit"])

    return revise


def approver(attributor: Attributor, reviewer: Reviewer) -> Editor:
    """The :data:`~guardrail.review.desk.Editor` that states ``reviewer``'s approval in
    the held answer's manifest and signs it again; the content is unchanged."""

    def approve(review: StoredReview, content: Mapping[str, Any]) -> Revision:
        signed = content.get("attribution") or {}
        if not signed.get("manifest"):
            raise ReviewError(409, "review_unsigned", "the held answer has no manifest to state the approval in")
        manifest = dict(signed["manifest"])
        manifest["human_review"] = {
            "approved": True,
            "edited": False,
            "reviewer": reviewer.id,
            "reviewer_key": reviewer.key_id,
            "review_id": review.id,
            "at": datetime.now(UTC).isoformat(timespec="milliseconds"),
        }
        manifest["key_id"] = attributor.key.kid
        attribution = Attribution(manifest, jws.sign(manifest, attributor.key.private, attributor.key.kid))
        response = dict(content["response"])
        if manifest.get("text_marker"):  # the marker carries the signature: embedded again
            response["choices"] = [_remarked(dict(choice), attribution) for choice in response.get("choices") or []]
        headers = {**content["headers"], HEADER: attribution.jws}
        return Revision(response, headers, attribution.as_field(), "unchanged", {})

    return approve


def _remarked(choice: dict[str, Any], attribution: Attribution) -> dict[str, Any]:
    message = choice.get("message")
    if isinstance(message, Mapping) and isinstance(message.get("content"), str):
        choice["message"] = {**message, "content": with_marker(message["content"], attribution)}
    return choice


def _unlabelled(text: str, prefix: str, suffix: str) -> str:
    """An edit of the labelled answer as the reviewer saw it, without its labels and
    marker (they are added again, once)."""
    text = text_marker.strip(text)
    text = text.removeprefix(prefix) if prefix else text
    return text.removesuffix(suffix) if suffix else text


def _context(guard: Guard, review: StoredReview, conversation_id: str | None) -> CallContext:
    """The held call's context again: its use case, tenant, key, conversation and
    request id, at the tier it ran under (raised, if its content raised it)."""
    context = guard.context(
        use_case=review.use_case,
        tenant=review.tenant,
        request_id=review.request_id,
        principal=review.principal,
        conversation_id=conversation_id,
    )
    if context.risk_tier.value != review.risk_tier:
        context = dataclasses.replace(context, risk_tier=RiskTier(review.risk_tier))
    return context


def _edited(
    signed: Attribution, attributor: Attributor, reviewer: Reviewer, review: StoredReview, replaces: Any
) -> Attribution:
    """``signed``'s manifest with the human edit stated in it, signed again."""
    manifest = dict(signed.manifest)
    when = datetime.now(UTC).isoformat(timespec="milliseconds")
    manifest["human_review"] = {
        "edited": True,
        "reviewer": reviewer.id,
        "reviewer_key": reviewer.key_id,
        "review_id": review.id,
        "at": when,
        "replaces": replaces,
    }
    claim = dict(manifest["c2pa"])
    assertions = [dict(a) for a in claim["assertions"]]
    actions = dict(assertions[0]["data"])
    actions["actions"] = [
        *actions["actions"],
        {"action": "c2pa.edited", "digitalSourceType": EDITED_SOURCE_TYPE, "when": when},
    ]
    assertions[0] = {**assertions[0], "data": actions}
    manifest["c2pa"] = {**claim, "assertions": assertions}
    return Attribution(manifest, jws.sign(manifest, attributor.key.private, attributor.key.kid))
