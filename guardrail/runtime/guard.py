"""The guard: one policy's pipeline, its pseudonym vault and the call-level steps.

Everything that serves a call (the HTTP proxy, the LiteLLM wrapper, the LiteLLM
proxy plugin) goes through a :class:`Guard`, so they all apply the same checks in the
same order. It works on OpenAI-shaped dicts and imports no web framework and no
LiteLLM: adapters translate at the edge.

Order on the way back: output checks run on the model's answer as it came (with
pseudonyms in it), then pseudonyms are restored, so an output check never sees,
and never records, the originals.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from guardrail.attribution.content import from_response
from guardrail.attribution.manifest import Attribution, Attributor, Generator, Labels
from guardrail.core.chat import Message
from guardrail.core.context import CallContext, RiskTier, Stage, new_request_id
from guardrail.core.verdict import Payload, Verdict
from guardrail.errors import RequestError
from guardrail.pii.settings import Action, PersonalDataSettings
from guardrail.pii.vault import InMemoryVault, PseudonymVault
from guardrail.policy.build import build_pipeline
from guardrail.policy.loader import DEFAULT_POLICY, LoadedPolicy, load_policy
from guardrail.policy.registry import CheckServices
from guardrail.runtime.restore import PseudonymRestorer, pseudonyms_in

if TYPE_CHECKING:
    from guardrail.runtime.stream import StreamGuard

DEFAULT_STREAM_WINDOW = 64


@dataclass(frozen=True, slots=True)
class GuardedRequest:
    """A request after input checks.

    ``messages`` is what may go upstream (when not blocked); ``pseudonyms`` are those
    the checks introduced, the only ones restorable in the answer.
    """

    context: CallContext
    verdict: Verdict
    messages: list[Message]
    pseudonyms: frozenset[str]

    @property
    def blocked(self) -> bool:
        return self.verdict.blocked


@dataclass(frozen=True, slots=True)
class GuardedResponse:
    """An answer after output checks, restoration and labels; ``response`` is what the
    client gets, ``attribution`` its signed manifest (``None`` without an attributor)."""

    verdict: Verdict
    response: dict[str, Any]
    restored: int
    attribution: Attribution | None = None


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
    ) -> None:
        self.policy = policy
        self.attributor = attributor
        self.vault: PseudonymVault = vault or InMemoryVault()
        self.pipeline = build_pipeline(policy, CheckServices(vault=self.vault))
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
    ) -> CallContext:
        """The context of one call; an unknown use case is a :class:`RequestError`."""
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
        return CallContext(
            policy=self.policy.ref,
            use_case=name,
            risk_tier=RiskTier(case.tier),
            tenant=tenant,
            request_id=request_id or new_request_id(),
            conversation_id=conversation_id,
        )

    def check_input(self, messages: Sequence[Message], context: CallContext) -> Verdict:
        """Input checks over every message; ``verdict.payload`` holds what may go upstream."""
        return self.pipeline(Payload(Stage.INPUT, tuple(messages)), context)

    def guard_request(self, messages: Sequence[Message], context: CallContext) -> GuardedRequest:
        """Input checks, and what the answer to this request may have restored."""
        verdict = self.check_input(messages, context)
        if verdict.payload is None:
            return GuardedRequest(context, verdict, list(messages), frozenset())
        sent = list(verdict.payload.messages)
        introduced = pseudonyms_in(sent) - pseudonyms_in(messages)
        return GuardedRequest(context, verdict, sent, introduced)

    def check_texts(self, texts: Sequence[str], context: CallContext) -> tuple[Verdict, list[str]]:
        """Input checks over bare texts (embedding inputs), as if each were a user message."""
        verdict = self.check_input([{"role": "user", "content": text} for text in texts], context)
        if verdict.payload is None:
            return verdict, list(texts)
        return verdict, [str(message["content"]) for message in verdict.payload.messages]

    def check_output(self, messages: Sequence[Message], context: CallContext) -> Verdict:
        """Output checks over answer messages (pseudonyms not yet restored)."""
        return self.pipeline(Payload(Stage.OUTPUT, tuple(messages)), context)

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
        attributor = attributor or self.attributor
        context = request.context
        choices = list(response.get("choices") or [])
        messages = [dict(choice.get("message") or {}) for choice in choices]
        verdict = self.check_output(messages, context)
        if verdict.blocked:
            return GuardedResponse(verdict, dict(response), 0)
        checked = list(verdict.payload.messages) if verdict.payload else messages
        restorer = self.restorer(request)
        if restorer is not None:
            checked = restorer.messages(checked)
        labels = self.labels(context)
        checked = [_labelled(message, labels) for message in checked]
        new_choices = [
            {**choice, "message": message} for choice, message in zip(choices, checked, strict=True)
        ]
        final = {**response, "choices": new_choices}
        attribution = None
        if attributor is not None:
            attribution = attributor.attribute(
                context, labels, generator or Generator("unknown", str(response.get("model", ""))),
                from_response(final), redaction_summary(request.verdict, [verdict]),
            )
        return GuardedResponse(verdict, final, restorer.restored if restorer else 0, attribution)

    def labels(self, context: CallContext) -> Labels:
        """The visible labels this call's risk tier asks for."""
        return Labels.for_call(self.policy.policy.attribution, context)

    def stream(self, request: GuardedRequest, attributor: Attributor | None = None) -> StreamGuard:
        """A guard for one streamed answer to ``request``."""
        from guardrail.runtime.stream import StreamGuard

        return StreamGuard(self, request, attributor or self.attributor)


def redaction_summary(input_verdict: Verdict, output_verdicts: Sequence[Verdict]) -> dict[str, dict[str, int]]:
    """Entity types and counts per stage, for manifests: never values."""
    outputs: Counter[str] = Counter()
    for verdict in output_verdicts:
        outputs.update(f.entity_type for f in verdict.all_findings())
    return {
        "input": dict(Counter(f.entity_type for f in input_verdict.all_findings())),
        "output": dict(outputs),
    }


def _labelled(message: Message, labels: Labels) -> Message:
    content = message.get("content")
    if isinstance(content, str) and (content or not message.get("tool_calls")):
        return {**message, "content": labels.apply(content)}
    return message


def _policy_restores(policy: LoadedPolicy) -> bool:
    return any(
        isinstance(settings, PersonalDataSettings)
        and settings.restore_output
        and any(rule.action is Action.PSEUDONYM for rule in settings.entities.values())
        for settings in policy.settings.values()
    )
