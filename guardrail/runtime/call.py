"""One guarded call, from admission to its record.

Every way into guardrail (the HTTP proxy, ``guardrail.completion``, the LiteLLM proxy
plugin) translates its request into a :class:`CallRequest` and hands it to a
:class:`GuardedCall`, which owns the sequence, written once here:

1. **open**: the audit gate (a call that may not go unrecorded is refused while the
   trail is failing) and the call's span;
2. **input**: validation of every field, admission by risk tier and opt-out, the input
   checks, escalation; a block ends the call; the trail's intent entry;
3. the **upstream** call, which the adapter's upstream makes
   (:mod:`guardrail.runtime.upstream`);
4. **output**: output checks, pseudonym restoration, visible labels, the signed
   manifest; or, for a stream, all of that per window (:mod:`guardrail.runtime.relay`);
5. the **record**: one :class:`~guardrail.runtime.record.CallRecord`, sent to the trail,
   the trace and the log (:mod:`guardrail.runtime.sinks`). An answer that may not go
   unrecorded is withheld if its record could not be written.

Adapters that make the upstream call themselves use :meth:`GuardedCall.run` (async) or
:meth:`GuardedCall.run_sync`; the LiteLLM plugin, whose hooks LiteLLM calls around its
own upstream call, uses the phases (:meth:`~GuardedCall.open`,
:meth:`~GuardedCall.check_input_async`, :meth:`~GuardedCall.answer_async`,
:meth:`~GuardedCall.upstream_failed`, :meth:`~GuardedCall.relay`) in the same order.

Every exception that leaves a phase has been recorded first: a refusal is a
:class:`~guardrail.errors.BlockedError`, an upstream failure an
:class:`~guardrail.runtime.upstream.UpstreamError` (or the upstream library's own
exception, unchanged), a field that cannot be checked a
:class:`~guardrail.errors.RequestError`; anything else is recorded as
``internal_error``.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn, TypeVar

import anyio
import structlog
from opentelemetry.trace import Span

from guardrail.attribution.manifest import FIELD, HEADER, Attribution, Generator
from guardrail.core.chat import Message, collect_texts
from guardrail.core.context import CallContext
from guardrail.core.verdict import Verdict
from guardrail.errors import BlockedError, RequestError, StoreUnavailableError
from guardrail.policy.model import ReviewMode, ReviewPolicy
from guardrail.runtime.answers import answer_messages
from guardrail.runtime.guard import UNAUDITED, Guard
from guardrail.runtime.guarded import GuardedRequest, GuardedResponse
from guardrail.runtime.holds import (
    HOLD_UNSUPPORTED,
    REVIEW_HEADER,
    REVIEW_ID_HEADER,
    STREAM_UNDER_HOLD,
    ReviewContent,
    ReviewSubmission,
    sampled,
)
from guardrail.runtime.reasons import explain, refusal_status
from guardrail.runtime.record import CallRecord, RecordBuilder
from guardrail.runtime.relay import Relay
from guardrail.runtime.sinks import CallServices, CheckedStage
from guardrail.runtime.upstream import ModelUpstream, SyncModelUpstream, UpstreamError

log = structlog.get_logger("guardrail.calls")
T = TypeVar("T")

# How big a request is before its checks are worth a thread hop (below INLINE: checked
# on the loop; above OFFLOAD: even reading its fields goes to a worker thread).
INLINE_CHECK_CHARS = 300
OFFLOAD_CHARS, OFFLOAD_MESSAGES = 20_000, 50
INTERNAL_ERROR = "internal_error"
STORE_UNAVAILABLE = "store_unavailable"


@dataclass(frozen=True, slots=True)
class CallRequest:
    """A request in guardrail's own terms.

    ``messages`` for a chat completion, or ``inputs`` for embeddings (then
    ``messages`` is empty); ``params`` every other field, checked as the messages are;
    ``passthrough`` the fields outside OpenAI's table the operator lets through
    (checked as free-form JSON); ``path`` where the call came in, for the record."""

    path: str
    model: str
    context: CallContext
    messages: Sequence[Message] = ()
    inputs: Sequence[str] | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    stream: bool = False
    passthrough: frozenset[str] = frozenset()

    @property
    def embeddings(self) -> bool:
        return self.inputs is not None


@dataclass(frozen=True, slots=True)
class Answer:
    """A checked, restored, labelled and signed answer; ``headers`` are guardrail's
    ``x-guardrail-*`` response headers (and the manifest's JWS)."""

    response: dict[str, Any]
    headers: dict[str, str]
    attribution: Attribution | None = None

    @property
    def body(self) -> dict[str, Any]:
        """The answer with its manifest in the ``guardrail_attribution`` field."""
        if self.attribution is None:
            return self.response
        return {**self.response, FIELD: self.attribution.as_field()}


@dataclass(frozen=True, slots=True)
class Held(Answer):
    """An answer kept for human review (the use case's ``review.mode`` is ``hold``): its
    ``response`` says where the answer will be, never what it is. It is an
    :class:`Answer` so that an adapter unaware of review delivers that notice, not the
    content."""

    review_id: str = ""


class GuardedCall:
    """One call under one guard; see the module docstring for the sequence."""

    def __init__(
        self, guard: Guard, services: CallServices, request: CallRequest, *, raw_upstream_errors: bool = False
    ) -> None:
        """``raw_upstream_errors``: an exception the upstream raises reaches the caller as
        it came (library callers expect LiteLLM's own); otherwise it is replaced by the
        :class:`UpstreamError` the upstream's ``failure`` makes of it, which quotes nothing."""
        self.guard, self.services, self.request = guard, services, request
        self.raw_upstream_errors = raw_upstream_errors
        self.context = request.context
        self.record = RecordBuilder(self.context.request_id, request.path, tenant=self.context.tenant)
        self.record.call(self.context)
        self.record.set(model=request.model, stream=None if request.embeddings else request.stream)
        self.guarded: GuardedRequest | None = None
        self.provider = "unknown"
        self.finished: CallRecord | None = None
        self._span: Span | None = None
        self._checked: list[CheckedStage] = []
        self._must_record = False  # the call may not be answered without its record
        self._upstream_started: float | None = None

    @property
    def request_id(self) -> str:
        return self.context.request_id

    @property
    def model(self) -> str:
        return self.request.model

    # -- drivers -------------------------------------------------------------------

    async def run(self, upstream: ModelUpstream) -> Answer | AsyncIterator[dict[str, Any]]:
        """The whole call against ``upstream``: an answer, or a stream of chunks."""
        with self._recorded():
            self.open(upstream.provider(self.request.model))
            guarded = await self.check_input_async()
            model, messages, params = self.request.model, guarded.messages, dict(guarded.params)
            with self._upstream(upstream.failure):
                if self.request.embeddings:
                    response = await upstream.embeddings(model, _inputs(guarded), params)
                elif self.request.stream:
                    chunks = await upstream.chat_stream(model, messages, params)
                    return self.relay(upstream.failure).run_async(chunks)
                else:
                    response = await upstream.chat(model, messages, params)
            return await self.answer_async(response)

    def run_sync(self, upstream: SyncModelUpstream) -> Answer | Iterator[dict[str, Any]]:
        """:meth:`run` for synchronous callers (chat completions)."""
        with self._recorded():
            self.open(upstream.provider(self.request.model))
            guarded = self.check_input()
            model, messages, params = self.request.model, guarded.messages, dict(guarded.params)
            with self._upstream(upstream.failure):
                if self.request.stream:
                    return self.relay(upstream.failure).run(upstream.chat_stream(model, messages, params))
                response = upstream.chat(model, messages, params)
            return self.answer(response)

    # -- phases --------------------------------------------------------------------

    def open(self, provider: str) -> None:
        """The audit gate and the call's span; ``provider`` serves the model."""
        with self._recorded():
            self.provider = provider
            self._audit_gate(self.context)
            self._span = self.services.start_span(self.request.model, provider, self.context)
            self.record.set(trace_id=format(self._span.get_span_context().trace_id, "032x"))

    def check_input(self) -> GuardedRequest:
        """Validation, admission and input checks; a block raises :class:`BlockedError`."""
        with self._recorded():
            return self._accept_input(self._input_checks())

    async def check_input_async(self) -> GuardedRequest:
        """:meth:`check_input` without blocking the event loop: the checks run on their
        stage's executor while the loop keeps their deadlines (inline when the text is so
        short that a thread hop costs more), or, for a large request, all in a worker
        thread, since reading its fields is work too."""
        with self._recorded():
            request = self.request
            placement = "thread" if request.embeddings else _placement(request.messages)
            if placement == "thread":
                guarded = await anyio.to_thread.run_sync(self._input_checks)
            else:
                guarded = await self.guard.guard_request_async(
                    request.messages,
                    self.context,
                    request.params,
                    passthrough=request.passthrough,
                    inline=placement == "inline",
                )
            return self._accept_input(guarded)

    def forwarded(self) -> None:
        """The checked request went on to a model whose answer is not this call's to
        check (embeddings through the LiteLLM plugin): the record is complete."""
        self._finish(200)

    def abandon(self, status: int, code: str) -> None:
        """The adapter cannot finish this call (the LiteLLM plugin lost track of it before
        its answer came): the record says so now; the adapter refuses the answer."""
        self._finish(status, code)

    def upstream_failed(self, failure: UpstreamError) -> None:
        """The upstream failed before answering: recorded with what the client gets."""
        self.record.set(upstream_error=failure.cause_type or type(failure).__name__)
        self._finish(failure.status, failure.code)

    def answer(self, response: Mapping[str, Any], *, provider: str | None = None) -> Answer:
        """Output checks, restoration, labels and the manifest over a whole answer."""
        with self._recorded():
            if self.request.embeddings:
                return self._accept_embeddings(response)
            guarded = self.guard.guard_response(
                response, self._guarded(), self._generator(response, provider), self.services.attributor
            )
            return self._accept_answer(response, guarded)

    async def answer_async(self, response: Mapping[str, Any], *, provider: str | None = None) -> Answer:
        """:meth:`answer` without blocking the event loop."""
        with self._recorded():
            if self.request.embeddings:
                return self._accept_embeddings(response)
            generator = self._generator(response, provider)
            placement = _placement(answer_messages(response))
            if placement == "thread":
                guarded = await anyio.to_thread.run_sync(
                    self.guard.guard_response, response, self._guarded(), generator, self.services.attributor
                )
            else:
                guarded = await self.guard.guard_response_async(
                    response, self._guarded(), generator, self.services.attributor, inline=placement == "inline"
                )
            return self._accept_answer(response, guarded)

    def relay(self, failure: Callable[[Exception], UpstreamError], *, provider: str | None = None) -> Relay:
        """The guarded stream of this call's answer; ``failure`` describes an exception
        the upstream's chunks raise."""
        guarded = self._guarded()
        stream_guard = self.guard.stream(guarded, self.services.attributor)
        return Relay(self, stream_guard, failure, provider or self.provider)

    def headers(self) -> dict[str, str]:
        """guardrail's response headers: the call's policy, use case, tier and input decision."""
        context = self.guarded.context if self.guarded else self.context
        headers = {
            "x-guardrail-ai-generated": "true",
            "x-guardrail-policy": f"{context.policy.id}@{context.policy.version}",
            "x-guardrail-use-case": context.use_case,
            "x-guardrail-risk-tier": context.risk_tier.value,
        }
        if self.guarded is not None:
            headers["x-guardrail-input-decision"] = self.guarded.verdict.decision.value
        if self.guard.labels(context).tier.human_review:
            headers["x-guardrail-human-review"] = "required"
        return headers

    # -- the steps behind the phases ----------------------------------------------

    def _input_checks(self) -> GuardedRequest:
        request = self.request
        if not request.embeddings:
            return self.guard.guard_request(
                request.messages, self.context, request.params, passthrough=request.passthrough
            )
        verdict, texts, params = self.guard.check_texts(
            list(request.inputs or ()), self.context, request.params, passthrough=request.passthrough
        )
        return GuardedRequest(self.context, verdict, _as_messages(texts), frozenset(), params)

    def _accept_input(self, guarded: GuardedRequest) -> GuardedRequest:
        """Evidence of the input checks; a block ends the call here."""
        self.guarded = guarded
        self.record.call(guarded.context)
        self._note(
            "input", guarded.verdict, guarded.context, self.request.messages or _as_messages(self.request.inputs)
        )
        if guarded.blocked:
            self._refuse(guarded.verdict, "input")
        self._audit_gate(guarded.context)  # an escalated tier may fail closed
        holds = self._review(guarded.context).mode is ReviewMode.HOLD
        if holds and self.services.reviews is None:
            self._hold_unsupported("input")  # refused before a model is called for an answer nobody could release
        if holds and self.request.stream:
            raise RequestError(
                "this use case holds answers for human review, and a held answer cannot stream; send stream: false",
                code=STREAM_UNDER_HOLD,
                param="stream",
            )
        if self.guard.policy.policy.audit.keep_redacted_content and not self.request.embeddings:
            self.record.set(redacted_request=guarded.messages)  # consented: redacted text, never originals
        begun = self.services.begin(
            self.request_id, model=self.request.model, stream=self.request.stream, tenant=self.context.tenant
        )
        if not begun and self._must_record:
            self._refuse(UNAUDITED, "input")
        self._upstream_started = time.perf_counter()
        return guarded

    def _accept_answer(self, response: Mapping[str, Any], guarded: GuardedResponse) -> Answer:
        self._upstream_done()
        self.record.response(response)
        self._note("output", guarded.verdict, self._guarded().context, answer_messages(response))
        if guarded.verdict.blocked:
            self._refuse(guarded.verdict, "output")
        self.record.set(restored=guarded.restored)
        self.record.attribution(guarded.attribution)
        headers = self.headers()
        if guarded.attribution is not None:
            headers[HEADER] = guarded.attribution.jws
        answer = self._reviewed(Answer(guarded.response, headers, guarded.attribution), guarded, response)
        self._deliver()
        return answer

    def _review(self, context: CallContext) -> ReviewPolicy:
        return self.guard.policy.policy.review_for(context.use_case)

    def _reviewed(self, answer: Answer, guarded: GuardedResponse, response: Mapping[str, Any]) -> Answer:
        """The one review step, after signing: under ``hold`` the signed answer goes to
        the review service and the client gets a :class:`Held` notice; under ``sample``
        a share of released answers is queued too."""
        context = self._guarded().context
        review = self._review(context)
        if review.mode is ReviewMode.FLAG or (review.mode is ReviewMode.SAMPLE and not sampled(review.sample_percent)):
            return answer
        reviews = self.services.reviews
        if reviews is None:
            if review.mode is ReviewMode.SAMPLE:
                return answer
            self._hold_unsupported("output")
        said = guarded.verdict.payload.messages if guarded.verdict.payload else answer_messages(response)
        kind = "hold" if review.mode is ReviewMode.HOLD else "sample"
        submission = ReviewSubmission(
            kind,
            self.request.path,
            context,
            review,
            answer.response,
            answer.headers,
            answer.attribution,
            redacted=ReviewContent(self._guarded().messages, list(said)),
            original=ReviewContent(self.request.messages, answer_messages(answer.response)),
            pseudonyms=self._guarded().pseudonyms,
        )
        if kind == "sample":  # quality monitoring: a queue that fails does not fail the answer
            try:
                self.record.set(review="sampled", review_id=reviews.submit(submission))
            except Exception as error:  # noqa: BLE001 - recorded, and the answer goes out as released
                log.warning("review_sample_failed", request_id=self.request_id, error=type(error).__name__)
                self.record.set(review="sample_failed")
            return answer
        review_id = reviews.submit(submission)  # a hold that cannot be kept fails the call, never releases
        self.record.set(review="held", review_id=review_id)
        headers = {k: v for k, v in answer.headers.items() if k != HEADER}
        headers.update({REVIEW_HEADER: "held", REVIEW_ID_HEADER: review_id})
        return Held(held_notice(review_id, self.request_id), headers, None, review_id)

    def _hold_unsupported(self, stage: str) -> NoReturn:
        self._finish(refusal_status(HOLD_UNSUPPORTED), HOLD_UNSUPPORTED)
        raise BlockedError(
            HOLD_UNSUPPORTED,
            "this use case holds answers for human review, which this adapter cannot do; call it through the proxy",
            request_id=self.request_id,
            stage=stage,
        )

    def _accept_embeddings(self, response: Mapping[str, Any]) -> Answer:
        self._upstream_done()
        answer = Answer(dict(response), self.headers())
        self._deliver()
        return answer

    def _deliver(self) -> None:
        """Record the answered call; withhold the answer if the record is lost and the
        call may not go unrecorded."""
        if not self._finish(200) and self._must_record:
            log.warning("answer_withheld", request_id=self.request_id, reason=UNAUDITED.reason)
            raise self.blocked(UNAUDITED, "output")

    def _audit_gate(self, context: CallContext) -> None:
        """For a call that may not go unaudited (:meth:`Guard.refuses_unaudited`): refused
        before it reaches a model while the trail is failing, unless the trail takes its
        gap entry now."""
        if not self.guard.refuses_unaudited(context):
            return
        self._must_record = True
        if not self.services.recover():
            self._refuse(UNAUDITED, "input")

    def _note(self, stage: str, verdict: Verdict, context: CallContext, content: Any) -> None:
        self.record.verdict(stage, verdict)
        self._checked.append(CheckedStage(stage, verdict, context, content))

    def _refuse(self, verdict: Verdict, stage: str) -> NoReturn:
        self._finish(refusal_status(verdict.reason), verdict.reason or "blocked")
        raise self.blocked(verdict, stage)

    def blocked(self, verdict: Verdict, stage: str) -> BlockedError:
        """The refusal a caller gets for ``verdict`` at ``stage``."""
        return BlockedError(
            verdict.reason or "blocked", explain(verdict.reason), request_id=self.request_id, stage=stage
        )

    def _upstream_done(self) -> None:
        if self._upstream_started is not None:
            self.record.set(upstream_ms=round((time.perf_counter() - self._upstream_started) * 1000, 2))

    def _finish(self, status: int, error: str | None = None) -> bool:
        """Build the one record and send it to the sinks (once); ``True`` if the trail has it."""
        if self.finished is not None:
            return False
        self.finished = self.record.build(status, error)
        return self.services.finish(self.finished, self._span, self._checked)

    def finish_stream(self, outcome: str, error: str | None, verdicts: Sequence[Verdict]) -> None:
        """The end of a relayed stream, however it ended, with the output verdicts of
        its windows (for :class:`Relay`)."""
        context = self._guarded().context
        for verdict in verdicts:
            self._note("output", verdict, context, None)
        self._upstream_done()
        self.record.set(stream_outcome=outcome)
        self._finish(200, error)

    def _guarded(self) -> GuardedRequest:
        if self.guarded is None:
            raise RuntimeError("the call's input has not been checked")
        return self.guarded

    def _generator(self, response: Mapping[str, Any], provider: str | None) -> Generator:
        return Generator(provider or self.provider, str(response.get("model") or self.request.model))

    @contextlib.contextmanager
    def _recorded(self) -> Iterator[None]:
        """Whatever escapes a phase is in the record first."""
        try:
            yield
        except BlockedError:
            raise
        except RequestError as error:
            self._finish(400, error.code)  # a field that cannot be checked: the caller's to fix
            raise
        except UpstreamError as failure:
            if self.finished is None:
                self.upstream_failed(failure)
            raise
        except StoreUnavailableError as error:
            self.record.set(exception=type(error).__name__)
            self._finish(503, STORE_UNAVAILABLE)  # a shared store stopped answering mid-call
            raise
        except Exception as error:
            if self.finished is None:
                self.record.set(exception=type(error).__name__)
                self._finish(500, INTERNAL_ERROR)
            raise

    @contextlib.contextmanager
    def _upstream(self, failure: Callable[[Exception], UpstreamError]) -> Iterator[None]:
        """An upstream call: its failure is recorded as the upstream's, and raised as it came."""
        try:
            yield
        except UpstreamError as error:
            self.upstream_failed(error)
            raise
        except Exception as error:
            described = failure(error)
            self.upstream_failed(described)
            if self.raw_upstream_errors:
                raise
            raise described from error


def record_request(
    services: CallServices,
    request_id: str,
    path: str,
    status: int,
    *,
    tenant: str = "default",
    error: str | None = None,
    exception: str | None = None,
    started: float | None = None,
) -> bool:
    """The record of a request that never became a guarded call: refused before it
    could be read (authentication, a malformed body, an unknown model) or not a model
    call at all (the model list)."""
    builder = RecordBuilder(request_id, path, tenant=tenant)
    if started is not None:
        builder.started = started
    if exception:
        builder.set(exception=exception)
    return services.finish(builder.build(status, error))


def held_notice(review_id: str, request_id: str) -> dict[str, Any]:
    """What a client gets in place of a held answer: where to fetch it once reviewed."""
    return {
        "object": "guardrail.review",
        "id": review_id,
        "status": "pending",
        "request_id": request_id,
        "location": f"/v1/reviews/{review_id}",
        "message": "The answer is held for human review. Fetch it from location: 202 while pending, "
        "200 with the signed answer once approved.",
    }


def _placement(messages: Sequence[Message]) -> str:
    """Where a stage's checks run: ``thread`` (a large request, all of it in a worker
    thread), ``inline`` (so short a thread hop costs more) or ``executor``."""
    if len(messages) > OFFLOAD_MESSAGES:
        return "thread"
    size = len(_text_of(messages))
    return "thread" if size > OFFLOAD_CHARS else "inline" if size <= INLINE_CHECK_CHARS else "executor"


def _text_of(messages: Sequence[Message]) -> str:
    return "".join(slot.text for slot in collect_texts(list(messages)))


def _as_messages(texts: Sequence[str] | None) -> list[Message]:
    return [{"role": "user", "content": text} for text in texts or ()]


def _inputs(guarded: GuardedRequest) -> list[str]:
    return [str(message["content"]) for message in guarded.messages]
