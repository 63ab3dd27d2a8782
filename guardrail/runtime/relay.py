"""A guarded call's streamed answer, relayed chunk by chunk.

:class:`Relay` feeds the upstream's chunks (OpenAI-shaped dicts) through the call's
:class:`~guardrail.runtime.stream.StreamGuard` and yields what may be sent: checked,
restored and labelled text, then the held-back rest, the closing chunks and a last
chunk with no choices that carries the signed manifest over everything sent. However
the stream ends, the call's record says how (``stream_outcome``):

- ``completed``: every chunk went out, the manifest last;
- ``blocked``: a check blocked mid-stream; :class:`~guardrail.errors.BlockedError`
  is raised in place of the rest (text already sent cannot be recalled);
- ``upstream_error``: the upstream's chunks failed, or stopped before the model said it
  had finished (no ``finish_reason``): an :class:`~guardrail.runtime.upstream.UpstreamError`
  is raised (or, for callers who expect it, the upstream library's own exception);
- ``client_disconnected``: the caller stopped reading (closed the iterator);
- ``internal_error``: guardrail itself failed.

The same sequence is written for async iteration (:meth:`Relay.run_async`, the proxy
and the LiteLLM adapters) and plain iteration (:meth:`Relay.run`, ``guardrail.completion``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from typing import Any, Protocol

import anyio

from guardrail.attribution.manifest import FIELD, Generator
from guardrail.core.verdict import Verdict
from guardrail.errors import BlockedError
from guardrail.runtime.record import RecordBuilder
from guardrail.runtime.stream import StreamBlocked, StreamGuard
from guardrail.runtime.upstream import UpstreamError

Chunk = dict[str, Any]


class StreamedCall(Protocol):
    """What a relay needs of its call (:class:`~guardrail.runtime.call.GuardedCall` is one)."""

    record: RecordBuilder

    @property
    def model(self) -> str: ...

    @property
    def raw_upstream_errors(self) -> bool: ...

    def blocked(self, verdict: Verdict, stage: str) -> BlockedError: ...

    def finish_stream(self, outcome: str, error: str | None, verdicts: Sequence[Verdict]) -> None: ...


class Relay:
    """One call's stream; iterate :meth:`run_async` or :meth:`run` once."""

    def __init__(
        self,
        call: StreamedCall,
        stream_guard: StreamGuard,
        failure: Callable[[Exception], UpstreamError],
        provider: str,
    ) -> None:
        self.call, self.stream_guard, self.failure, self.provider = call, stream_guard, failure, provider
        self.outcome: str = "client_disconnected"
        self.error: str | None = "client_disconnected"

    async def run_async(self, chunks: AsyncIterator[Chunk], *, offload: bool = True) -> AsyncIterator[Chunk]:
        """The guarded chunks; with ``offload``, each chunk's checks run in a worker
        thread, so a server's event loop keeps serving."""
        try:
            while True:
                try:
                    chunk = await anext(chunks)
                except StopAsyncIteration:
                    break
                except Exception as error:
                    raise self._upstream_failed(error) from error
                released = await anyio.to_thread.run_sync(self._feed, chunk) if offload else self._feed(chunk)
                for out in released:
                    yield out
            self._finished_by_upstream()
            for out in self._ending():
                yield out
            self.outcome, self.error = "completed", None
        finally:
            try:
                await _aclose(chunks)
            finally:
                self._close()

    def run(self, chunks: Iterator[Chunk]) -> Iterator[Chunk]:
        """:meth:`run_async` for plain iteration."""
        try:
            while True:
                try:
                    chunk = next(chunks)
                except StopIteration:
                    break
                except Exception as error:
                    raise self._upstream_failed(error) from error
                yield from self._feed(chunk)
            self._finished_by_upstream()
            yield from self._ending()
            self.outcome, self.error = "completed", None
        finally:
            try:
                _close(chunks)
            finally:
                self._close()

    def _feed(self, chunk: Chunk) -> list[Chunk]:
        return self._guarded(lambda: self.stream_guard.feed(chunk))

    def _ending(self) -> list[Chunk]:
        """The held-back text, the closing chunks (with the embedded manifest where the
        tier asks) and the manifest's own chunk."""

        def end() -> list[Chunk]:
            guard = self.stream_guard
            out = guard.finish()
            envelope = guard.envelope
            generator = Generator(self.provider, str(envelope.get("model") or self.call.model))
            attribution = guard.attribution(generator)
            out += guard.closing()
            self.call.record.attribution(attribution)
            if attribution is not None:
                out.append({**envelope, "choices": [], FIELD: attribution.as_field()})
            return out

        return self._guarded(end)

    def _guarded(self, step: Callable[[], list[Chunk]]) -> list[Chunk]:
        """A step of ours: a block becomes the call's refusal, any other failure ours."""
        try:
            return step()
        except StreamBlocked as blocked:
            self.outcome, self.error = "blocked", blocked.verdict.reason or "blocked"
            raise self.call.blocked(blocked.verdict, "output") from None
        except Exception as error:
            self.outcome, self.error = "internal_error", "internal_error"
            self.call.record.set(exception=type(error).__name__)
            raise

    def _upstream_failed(self, error: Exception) -> Exception:
        """Note the upstream's failure; what to raise: the upstream library's own
        exception for callers who expect it (the wrapper), else the client's error."""
        failure = error if isinstance(error, UpstreamError) else self.failure(error)
        self.outcome, self.error = "upstream_error", failure.code
        self.call.record.set(upstream_error=failure.cause_type or type(error).__name__)
        return error if self.call.raw_upstream_errors else failure

    def _finished_by_upstream(self) -> None:
        """A stream that stops before the model says it finished (no ``finish_reason``)
        is not a complete answer: it is not signed, and the client is told."""
        if self.stream_guard.finished:
            return
        cut = UpstreamError(
            502,
            "upstream_incomplete",
            "the upstream stream ended before the model finished (no finish_reason)",
            cause_type="IncompleteStream",
        )
        raise self._upstream_failed(cut)

    def _close(self) -> None:
        self.call.record.response(self.stream_guard.envelope)
        self.call.finish_stream(self.outcome, self.error, self.stream_guard.verdicts)


async def _aclose(chunks: AsyncIterator[Chunk]) -> None:
    close = getattr(chunks, "aclose", None)
    if close is not None:
        await close()


def _close(chunks: Iterator[Chunk]) -> None:
    close = getattr(chunks, "close", None)
    if close is not None:
        close()
