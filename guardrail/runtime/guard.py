"""The guard: one policy's pipeline, its pseudonym vault and the call-level steps.

Everything that serves a call (the HTTP proxy, the LiteLLM wrapper, the LiteLLM
proxy plugin) goes through a :class:`Guard`, so they all apply the same checks in the
same order. It works on OpenAI-shaped dicts and imports no web framework and no
LiteLLM: adapters translate at the edge.

Order on the way back: output checks run on the model's answer as it came (with
pseudonyms in it), then pseudonyms are restored, so an output check never sees,
and never records, the originals.

Risk tiers act here too (policy ``tiers``): a use case whose tier refuses is stopped
before any check runs, as is a user's opt-out where the tier honours it; a tier that
fails closed makes every check fail closed; and a block by a check marked
``escalate_to`` raises the call's tier (a prohibited use makes it unacceptable).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from guardrail.attribution.content import from_response
from guardrail.attribution.manifest import Attribution, Attributor, Generator, Labels, with_marker
from guardrail.core.chat import Message, ShapeError, payload_texts, validate_request
from guardrail.core.context import CallContext, RiskTier, Stage, new_request_id
from guardrail.core.memo import DEFAULT_MAX_ENTRIES, DEFAULT_TTL_SECONDS, MemoFactory
from guardrail.core.openai_fields import CHAT_PARAMS, EMBEDDING_PARAMS
from guardrail.core.shapes import Shape, Validation
from guardrail.core.vault import InMemoryVault, PseudonymVault
from guardrail.core.verdict import EVIDENCE_ONLY, Decision, Finding, Payload, StepOutcome, Verdict
from guardrail.errors import RequestError
from guardrail.pii.settings import Action, PersonalDataSettings
from guardrail.policy.build import build_pipeline
from guardrail.policy.loader import DEFAULT_POLICY, LoadedPolicy, load_policy
from guardrail.policy.registry import CheckServices
from guardrail.runtime.answers import answer_messages, is_unverifiable, redaction_summary
from guardrail.runtime.guarded import GuardedRequest, GuardedResponse
from guardrail.runtime.reasons import AUDIT_UNAVAILABLE, OPTED_OUT, REFUSED_TIER, UNCHECKED_CONTENT
from guardrail.runtime.restore import PSEUDONYM, PseudonymRestorer
from guardrail.runtime.stream import StreamGuard

DEFAULT_STREAM_WINDOW = 64
TIER_STEP = "risk-tier"  # the name admission decisions carry in verdicts and records
UNCHECKED_STEP = "unchecked-parts"  # the step naming images, audio and files no check read


class Guard:
    """Runs one policy's checks on requests, answers and streams.

    Construction builds the pipeline (loads models); every method after that is
    cheap and thread-safe, so one guard serves all requests of a process.
    """

    def __init__(
        self,
        policy: LoadedPolicy,
        *,
        vault: PseudonymVault | None = None,
        stream_window: int = DEFAULT_STREAM_WINDOW,
        attributor: Attributor | None = None,
        memory: tuple[int, float] = (DEFAULT_MAX_ENTRIES, DEFAULT_TTL_SECONDS),
    ) -> None:
        """``memory`` is how many texts each check remembers its result for, and for how
        many seconds (:class:`~guardrail.core.memo.TextMemo`); ``(0, 0)`` turns it off."""
        self.policy = policy
        self.attributor = attributor
        self.vault: PseudonymVault = vault or InMemoryVault()
        self.pipeline = build_pipeline(policy, CheckServices(vault=self.vault, memo=MemoFactory(*memory)))
        # Streams check windows as they arrive, and whole answers once at the end.
        self.window_pipeline = self.pipeline.subset(lambda step: not step.whole_answer)
        self.whole_pipeline = self.pipeline.subset(lambda step: step.whole_answer)
        self.escalations = {spec.name: spec.escalate_to for spec in policy.policy.checks if spec.escalate_to}
        self.stream_window = stream_window
        self.restores = _policy_restores(policy)

    @classmethod
    def from_policy(cls, name_or_path: str | Path = DEFAULT_POLICY, **options: Any) -> Guard:
        """A guard for a built-in pack name or a policy file path."""
        return cls(load_policy(name_or_path), **options)

    def context(
        self,
        *,
        use_case: str | None = None,
        tenant: str = "default",
        request_id: str | None = None,
        conversation_id: str | None = None,
        opted_out: bool = False,
        principal: str = "",
    ) -> CallContext:
        """The context of one call; an unknown use case is a :class:`RequestError`.

        ``principal`` names the caller within its tenant (the proxy passes a digest of
        the API key): pseudonyms are kept per tenant, principal and conversation."""
        policy = self.policy.policy
        name = use_case or policy.default_use_case
        case = policy.use_cases.get(name)
        if case is None:
            known = ", ".join(sorted(policy.use_cases))
            raise RequestError(
                f"unknown use case {name!r}; this policy knows: {known}",
                code="unknown_use_case",
                param="use_case",
            )
        tier = RiskTier(case.tier)
        return CallContext(
            policy=self.policy.ref,
            use_case=name,
            risk_tier=tier,
            tenant=tenant,
            request_id=request_id or new_request_id(),
            conversation_id=conversation_id,
            fail_closed=policy.tier_rules(tier).fail_closed,
            opted_out=opted_out,
            principal=principal,
        )

    def admission(self, context: CallContext) -> Verdict | None:
        """A block before any check runs: the tier refuses every call, or the user opted
        out and the tier honours it. ``None``: the call may go on to the checks."""
        rules = self.policy.policy.tier_rules(context.risk_tier)
        if rules.refuse:
            return _tier_block(REFUSED_TIER, f"use_case:{context.use_case}")
        if context.opted_out and rules.honour_opt_out:
            return _tier_block(OPTED_OUT, "opt_out_header")
        return None

    def refuses_unaudited(self, context: CallContext) -> bool:
        """Whether this call may not be answered without its audit record: the policy
        says so (``audit.on_write_error: refuse``), or the call's tier fails closed."""
        return self.policy.policy.audit.on_write_error == "refuse" or context.fail_closed

    def check_input(
        self, messages: Sequence[Message], context: CallContext, params: Mapping[str, Any] | None = None
    ) -> Verdict:
        """Input checks over every message and parameter; ``verdict.payload`` holds what
        may go upstream."""
        return self.pipeline(Payload(Stage.INPUT, tuple(messages), dict(params or {})), context)

    def guard_request(
        self,
        messages: Sequence[Message],
        context: CallContext,
        params: Mapping[str, Any] | None = None,
        *,
        passthrough: Iterable[str] = (),
    ) -> GuardedRequest:
        """Validation, admission, input checks, escalation, and what the answer may have
        restored.

        ``params`` are the request's other parameters, checked as the messages are; a
        field the OpenAI field table does not know (beyond the ``passthrough`` names the
        operator allows, which are checked as free-form JSON) or a value of the wrong
        kind is a :class:`RequestError`, so nothing goes upstream unread.
        """
        admitted = self._admitted(messages, context, params, passthrough)
        if isinstance(admitted, GuardedRequest):
            return admitted
        return self._checked_request(admitted, self.pipeline(admitted.payload, context))

    async def guard_request_async(
        self,
        messages: Sequence[Message],
        context: CallContext,
        params: Mapping[str, Any] | None = None,
        *,
        passthrough: Iterable[str] = (),
        inline: bool = False,
    ) -> GuardedRequest:
        """:meth:`guard_request` for servers: the checks run on their stage's executor
        while the event loop keeps their deadlines and goes on serving (see
        :meth:`~guardrail.core.pipeline.Pipeline.run_async`, which ``inline`` is passed to)."""
        admitted = self._admitted(messages, context, params, passthrough)
        if isinstance(admitted, GuardedRequest):
            return admitted
        checked = await self.pipeline.run_async(admitted.payload, context, inline=inline)
        return self._checked_request(admitted, checked)

    def _admitted(
        self,
        messages: Sequence[Message],
        context: CallContext,
        params: Mapping[str, Any] | None,
        passthrough: Iterable[str],
    ) -> _Admitted | GuardedRequest:
        """Validation and admission: what the input checks are to see, or the refusal."""
        params = dict(params or {})
        found = _validated(messages, params, CHAT_PARAMS, passthrough)
        refused = self.admission(context) or self._unchecked_refusal(found)
        if refused is not None:
            return GuardedRequest(context, refused, list(messages), frozenset(), params)
        return _Admitted(messages, context, params, found, Payload(Stage.INPUT, tuple(messages), params))

    def _checked_request(self, admitted: _Admitted, checked: Verdict) -> GuardedRequest:
        """Escalation and what may be restored, once the input checks have given ``checked``."""
        messages, context, params, found = admitted.messages, admitted.context, admitted.params, admitted.found
        verdict = _with_unchecked(checked, found)
        context = self._escalated(context, verdict)
        if not verdict.blocked and self.policy.policy.tier_rules(context.risk_tier).refuse:
            # A finding raised the call to a tier that refuses (a check that only warns).
            refused = _tier_block(REFUSED_TIER, f"escalated_from:{context.escalated_from}")
            verdict = Verdict(Decision.BLOCK, reason=REFUSED_TIER, steps=verdict.steps + refused.steps)
        if verdict.payload is None or verdict.blocked:
            return GuardedRequest(context, verdict, list(messages), frozenset(), params)
        introduced = _pseudonyms(verdict.payload) - _pseudonyms(admitted.payload)
        return GuardedRequest(
            context, verdict, list(verdict.payload.messages), introduced, dict(verdict.payload.params)
        )

    def _unchecked_refusal(self, found: Validation) -> Verdict | None:
        """A block for content no check can read, unless the policy allows it."""
        if not found.binaries or self.policy.policy.inputs.unchecked_parts == "allow":
            return None
        return _unchecked_verdict(found, Decision.BLOCK)

    def _escalated(self, context: CallContext, verdict: Verdict) -> CallContext:
        """The context with the tier raised by any escalating check that found something
        (evidence only, such as a rule hit the classifier did not corroborate, raises nothing)."""
        for step in verdict.steps:
            tier = self.escalations.get(step.name)
            found = any(finding.action not in EVIDENCE_ONLY for finding in step.verdict.findings)
            if found and tier is not None and _rank(tier) > _rank(context.risk_tier):
                context = replace(
                    context,
                    risk_tier=tier,
                    escalated_from=context.escalated_from or context.risk_tier,
                    fail_closed=context.fail_closed or self.policy.policy.tier_rules(tier).fail_closed,
                )
        return context

    def check_texts(
        self,
        texts: Sequence[str],
        context: CallContext,
        params: Mapping[str, Any] | None = None,
        *,
        passthrough: Iterable[str] = (),
    ) -> tuple[Verdict, list[str], dict[str, Any]]:
        """Validation, admission and input checks over bare texts (embedding inputs), as
        if each were a user message, and their request's parameters (``user``)."""
        params = dict(params or {})
        _validated((), params, EMBEDDING_PARAMS, passthrough)
        refused = self.admission(context)
        if refused is not None:
            return refused, list(texts), params
        verdict = self.check_input([{"role": "user", "content": text} for text in texts], context, params)
        if verdict.payload is None:
            return verdict, list(texts), params
        return verdict, [str(message["content"]) for message in verdict.payload.messages], dict(verdict.payload.params)

    def check_output(self, messages: Sequence[Message], context: CallContext, *, part: str = "all") -> Verdict:
        """Output checks over answer messages (pseudonyms not yet restored); ``part``:
        ``all``, or for streams ``window`` (as text arrives) and ``whole`` (at the end)."""
        pipeline = {"all": self.pipeline, "window": self.window_pipeline, "whole": self.whole_pipeline}[part]
        return pipeline(Payload(Stage.OUTPUT, tuple(messages)), context)

    def restorer(self, request: GuardedRequest) -> PseudonymRestorer | None:
        """A restorer for the request's pseudonyms, or ``None`` where the policy keeps them."""
        if not self.restores or not request.pseudonyms:
            return None
        return PseudonymRestorer(self.vault, request.context.vault_scope, request.pseudonyms)

    def guard_response(
        self,
        response: Mapping[str, Any],
        request: GuardedRequest,
        generator: Generator | None = None,
        attributor: Attributor | None = None,
    ) -> GuardedResponse:
        """A whole chat completion: output checks over every choice, restoration, the
        tier's visible labels, then the manifest signed by ``attributor`` (default: the
        guard's own) over the final content."""
        messages = answer_messages(response)
        verdict = self.check_output(messages, request.context)
        return self._checked_response(response, messages, verdict, request, generator, attributor)

    async def guard_response_async(
        self,
        response: Mapping[str, Any],
        request: GuardedRequest,
        generator: Generator | None = None,
        attributor: Attributor | None = None,
        *,
        inline: bool = False,
    ) -> GuardedResponse:
        """:meth:`guard_response` for servers: the checks run off the event loop, as in
        :meth:`guard_request_async`."""
        messages = answer_messages(response)
        verdict = await self.pipeline.run_async(Payload(Stage.OUTPUT, tuple(messages)), request.context, inline=inline)
        return self._checked_response(response, messages, verdict, request, generator, attributor)

    def _checked_response(
        self,
        response: Mapping[str, Any],
        messages: list[Message],
        verdict: Verdict,
        request: GuardedRequest,
        generator: Generator | None,
        attributor: Attributor | None,
    ) -> GuardedResponse:
        """Restoration, labels and the manifest, once the output checks have given ``verdict``."""
        attributor = attributor or self.attributor
        context = request.context
        choices = list(response.get("choices") or [])
        if verdict.blocked:
            return GuardedResponse(verdict, dict(response), 0)
        checked = list(verdict.payload.messages) if verdict.payload else messages
        restorer = self.restorer(request)
        if restorer is not None:
            checked = restorer.messages(checked)
        labels = self.labels(context, unverifiable=is_unverifiable(verdict))
        checked = [_labelled(message, labels) for message in checked]
        new_choices = [{**choice, "message": message} for choice, message in zip(choices, checked, strict=True)]
        final = {**response, "choices": new_choices}
        attribution = None
        if attributor is not None:
            attribution = attributor.attribute(
                context,
                labels,
                generator or Generator("unknown", str(response.get("model", ""))),
                from_response(final),
                redaction_summary(request.verdict, [verdict]),
            )
            if labels.embeds_marker:
                final = {**final, "choices": [_marked(choice, attribution) for choice in new_choices]}
        return GuardedResponse(verdict, final, restorer.restored if restorer else 0, attribution)

    def labels(self, context: CallContext, *, unverifiable: bool = False) -> Labels:
        """The visible labels this call's risk tier asks for; an answer found
        unverifiable gets the unverified-output notice whatever the tier."""
        return Labels.for_call(self.policy.policy.attribution, context, unverifiable=unverifiable)

    def stream(self, request: GuardedRequest, attributor: Attributor | None = None) -> StreamGuard:
        """A guard for one streamed answer to ``request``."""
        return StreamGuard(self, request, attributor or self.attributor)


@dataclass(frozen=True, slots=True)
class _Admitted:
    """A request that passed validation and admission, and the payload its checks see."""

    messages: Sequence[Message]
    context: CallContext
    params: dict[str, Any]
    found: Validation
    payload: Payload


_TIER_ORDER = (RiskTier.LOW, RiskTier.LIMITED, RiskTier.HIGH, RiskTier.UNACCEPTABLE)


def _rank(tier: RiskTier) -> int:
    return _TIER_ORDER.index(tier)


# The refusal of a call that :meth:`Guard.refuses_unaudited` and whose record cannot be
# written: each adapter turns it into its own error, as any other refusal.
UNAUDITED = Verdict(Decision.BLOCK, reason=AUDIT_UNAVAILABLE)


def _validated(
    messages: Sequence[Message], params: Mapping[str, Any], table: Mapping[str, Shape], passthrough: Iterable[str]
) -> Validation:
    """The request checked against the field table; a field that cannot be checked is
    the caller's error, named by its location."""
    try:
        return validate_request(messages, params, table=table, passthrough=passthrough)
    except ShapeError as error:
        raise RequestError(str(error), code=error.code, param=error.location) from None


def _pseudonyms(payload: Payload) -> frozenset[str]:
    return frozenset(found for slot in payload_texts(payload) for found in PSEUDONYM.findall(slot.text))


def _unchecked_verdict(found: Validation, decision: Decision) -> Verdict:
    """The parts no check could read, as evidence (their locations and kinds)."""
    action = "block" if decision is Decision.BLOCK else "allow"
    findings = tuple(Finding("UNCHECKED_PART", 0, 0, 1.0, what, location, action) for location, what in found.binaries)
    step = Verdict(decision, findings=findings, reason=UNCHECKED_CONTENT if decision is Decision.BLOCK else None)
    outcome = StepOutcome(
        UNCHECKED_STEP,
        step,
        0.0,
        dimensions=("personal_data_privacy", "system_security"),
        principles=("security_transparency",),
    )
    return Verdict(decision, reason=step.reason, steps=(outcome,))


def _with_unchecked(verdict: Verdict, found: Validation) -> Verdict:
    """``verdict`` with a step recording the unchecked parts the policy let through."""
    if not found.binaries:
        return verdict
    return replace(verdict, steps=_unchecked_verdict(found, Decision.AUDIT).steps + verdict.steps)


def _tier_block(reason: str, rule: str) -> Verdict:
    """A block taken on the call itself, recorded as a step so audit and traces show it."""
    finding = Finding("RISK_TIER", 0, 0, 1.0, rule, "call", "block")
    step = Verdict(Decision.BLOCK, findings=(finding,), reason=reason)
    outcome = StepOutcome(TIER_STEP, step, 0.0, dimensions=(), principles=("compliance",))
    return Verdict(Decision.BLOCK, reason=reason, steps=(outcome,))


def _labelled(message: Message, labels: Labels) -> Message:
    content = message.get("content")
    if isinstance(content, str) and (content or not message.get("tool_calls")):
        return {**message, "content": labels.apply(content)}
    return message


def _marked(choice: dict[str, Any], attribution: Attribution) -> dict[str, Any]:
    """The choice with the signed manifest embedded at the end of its text (C2PA text marker)."""
    message = choice.get("message") or {}
    content = message.get("content")
    if not isinstance(content, str) or not content:
        return choice
    return {**choice, "message": {**message, "content": with_marker(content, attribution)}}


def _policy_restores(policy: LoadedPolicy) -> bool:
    return any(
        isinstance(settings, PersonalDataSettings)
        and settings.restore_output
        and any(rule.action is Action.PSEUDONYM for rule in settings.entities.values())
        for settings in policy.settings.values()
    )
