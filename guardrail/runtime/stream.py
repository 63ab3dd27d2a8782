"""Output checks on a streamed answer without giving up streaming.

Peers either buffer the whole stream (the first token arrives with the last) or skip
output checks on streams (ANCHORS.md). Here each choice's text is held back only by a
small window:

- text is checked as it accumulates; everything but the last ``window`` characters
  is released once at least ``window + batch`` characters are pending, so checks run
  on batches, not on every token;
- the release point never splits a finding (an identifier the checks saw whole), a
  pseudonym still arriving (``<PERS``...), or a word; an identifier is held back
  until it is complete as long as it is shorter than the window;
- when the choice finishes, the rest is checked and released, and checks that judge
  a whole answer (sources cited, verbatim copying) run once over all of it, before
  the closing label, which gains the unverified notice if they say so.

Tool-call arguments are held until their choice finishes, then checked, restored and
sent as one delta: a client cannot act on half a JSON document anyway.

Where the tier embeds the manifest in the text (a C2PA text marker), each choice's
finishing chunk is held until the manifest over the whole stream is signed, and
comes out of :meth:`StreamGuard.closing` with the marker at the end of its text: the
marker goes in the final chunk's text.

A block mid-stream cannot recall text already sent; it stops the stream, and the
adapter sends an error event in place of the rest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from guardrail.attribution.content import ChoiceContent, merge_delta
from guardrail.attribution.manifest import Attribution, Attributor, Generator, Labels, with_marker
from guardrail.core.chat import Message
from guardrail.core.context import CallContext
from guardrail.core.pipeline import Pipeline
from guardrail.core.verdict import Decision, Verdict
from guardrail.errors import GuardrailError
from guardrail.runtime.answers import is_unverifiable, redaction_summary
from guardrail.runtime.guarded import GuardedRequest
from guardrail.runtime.restore import PARTIAL_PSEUDONYM, PseudonymRestorer

_BATCH = 16
_LAST_SPACE = re.compile(r"\s\S*$")


class OutputChecks(Protocol):
    """What a stream needs of its guard (:class:`~guardrail.runtime.guard.Guard` is one)."""

    stream_window: int
    whole_pipeline: Pipeline

    def restorer(self, request: GuardedRequest) -> PseudonymRestorer | None: ...

    def labels(self, context: CallContext, *, unverifiable: bool = False) -> Labels: ...

    def check_output(self, messages: Sequence[Message], context: CallContext, *, part: str = "all") -> Verdict: ...


class StreamBlocked(GuardrailError):
    """The checks blocked a streamed answer; ``verdict`` says why."""

    def __init__(self, verdict: Verdict) -> None:
        self.verdict = verdict
        super().__init__(verdict.reason or "blocked")


@dataclass
class _ToolCall:
    id: str | None = None
    type: str = "function"
    name: str = ""
    arguments: str = ""


@dataclass
class _Choice:
    pending: str = ""
    refusal: str = ""  # the model's refusal text, held like tool calls until the choice ends
    tool_calls: dict[int, _ToolCall] = field(default_factory=dict)
    started: bool = False  # the label prefix has been sent
    finished: bool = False  # the label suffix has been sent
    sent: list[str] = field(default_factory=list)  # every text delta sent, for the manifest
    checked: list[str] = field(default_factory=list)  # the same text before restoration and labels
    sent_calls: list[tuple[str, str]] = field(default_factory=list)
    message: dict[str, Any] = field(default_factory=dict)  # every delta sent, merged: what the manifest covers
    finish_reason: str | None = None
    held: dict[str, Any] | None = None  # the finishing choice, until the manifest is embedded in it


class StreamGuard:
    """Feeds OpenAI-style chunk dicts through output checks and restoration.

    :meth:`feed` takes one upstream chunk and returns the chunks to send now;
    :meth:`finish` flushes what is still held when the upstream ends. Both raise
    :class:`StreamBlocked` when a check blocks.
    """

    def __init__(self, guard: OutputChecks, request: GuardedRequest, attributor: Attributor | None = None) -> None:
        self._guard = guard
        self._attributor = attributor
        self._request = request
        self._context = request.context
        self._window = guard.stream_window
        self._restorer = guard.restorer(request)
        self._labels = guard.labels(request.context)
        self._choices: dict[int, _Choice] = {}
        self._envelope: dict[str, Any] = {}
        self._attribution: Attribution | None = None
        self.verdicts: list[Verdict] = []

    @property
    def decision(self) -> Decision:
        """The most severe decision taken on this stream so far."""
        return max((v.decision for v in self.verdicts), key=lambda d: d.severity, default=Decision.ALLOW)

    def feed(self, chunk: dict[str, Any]) -> list[dict[str, Any]]:
        self._envelope = {k: v for k, v in chunk.items() if k not in ("choices", "usage")}
        out: list[dict[str, Any]] = []
        passthrough: list[dict[str, Any]] = []
        for choice in chunk.get("choices") or []:
            index = int(choice.get("index", 0))
            state = self._choices.setdefault(index, _Choice())
            delta = {k: v for k, v in (choice.get("delta") or {}).items() if v is not None}
            text = delta.pop("content", None)
            calls = delta.pop("tool_calls", None)
            refusal = delta.pop("refusal", None)
            if isinstance(text, str):
                state.pending += text
            if isinstance(refusal, str):
                state.refusal += refusal
            if isinstance(calls, list):
                _accumulate(state, calls)
            finish = choice.get("finish_reason")
            released = self._labelled(state, self._release(state, final=finish is not None), final=finish is not None)
            if released:
                delta["content"] = released
            if finish is not None and state.tool_calls:
                delta["tool_calls"] = self._checked_tool_calls(state)
            if finish is not None and state.refusal:
                delta["refusal"] = self._checked_refusal(state)
            if delta or finish is not None:
                sent = self._sent(state, {**choice, "delta": delta, "finish_reason": finish})
                if sent is not None:
                    passthrough.append(sent)
        if passthrough:
            out.append({**self._envelope, "choices": passthrough})
        if chunk.get("usage") is not None:
            if out:
                out[-1]["usage"] = chunk["usage"]
            else:
                out.append({**self._envelope, "choices": [], "usage": chunk["usage"]})
        return out

    def finish(self) -> list[dict[str, Any]]:
        """Release whatever is still held (an upstream that ended without finish_reason)."""
        out: list[dict[str, Any]] = []
        for index, state in sorted(self._choices.items()):
            if state.finished:
                continue
            delta: dict[str, Any] = {}
            released = self._labelled(state, self._release(state, final=True), final=True)
            if released:
                delta["content"] = released
            if state.tool_calls:
                delta["tool_calls"] = self._checked_tool_calls(state)
            if state.refusal:
                delta["refusal"] = self._checked_refusal(state)
            if delta:
                choice = self._sent(state, {"index": index, "delta": delta, "finish_reason": None}, last=True)
                if choice is not None:
                    out.append({**self._envelope, "choices": [choice]})
        return out

    def closing(self) -> list[dict[str, Any]]:
        """The finishing chunks held back for the text marker, the marker at the end of
        each text (after :meth:`attribution`); nothing when the tier embeds none."""
        out = []
        for index, state in sorted(self._choices.items()):
            choice, state.held = state.held, None
            if choice is None:
                continue
            if self._attribution is not None and state.sent:
                delta = dict(choice["delta"])
                delta["content"] = with_marker(str(delta.get("content") or ""), self._attribution)
                choice = {**choice, "delta": delta}
            out.append({**self._envelope, "choices": [choice]})
        return out

    def _sent(self, state: _Choice, choice: dict[str, Any], *, last: bool = False) -> dict[str, Any] | None:
        """Record a choice's delta as sent; hold it instead if it finishes the choice
        and the manifest is to be embedded in its text."""
        merge_delta(state.message, choice["delta"])
        if choice.get("finish_reason") is not None:
            state.finish_reason = choice["finish_reason"]
        if (last or choice.get("finish_reason") is not None) and self._embeds:
            state.held = choice
            return None
        return choice

    @property
    def _embeds(self) -> bool:
        return self._attributor is not None and self._labels.embeds_marker

    @property
    def finished(self) -> bool:
        """Whether the upstream said every choice finished (a ``finish_reason`` each)."""
        return bool(self._choices) and all(state.finish_reason is not None for state in self._choices.values())

    @property
    def envelope(self) -> dict[str, Any]:
        """The upstream chunks' id, model and so on, for chunks of our own."""
        return dict(self._envelope)

    def attribution(self, generator: Generator) -> Attribution | None:
        """The signed manifest over everything this stream sent (after :meth:`finish`)."""
        attributor = self._attributor
        if attributor is None:
            return None
        contents = [
            ChoiceContent(index, "".join(state.sent), list(state.sent_calls), state.message, state.finish_reason)
            for index, state in sorted(self._choices.items())
        ]
        redaction = redaction_summary(self._request.verdict, self.verdicts)
        self._attribution = attributor.attribute(self._context, self._labels, generator, contents, redaction)
        return self._attribution

    def _labelled(self, state: _Choice, released: str, *, final: bool) -> str:
        """Add the tier's label before the first text and after the last; record it."""
        if released and not state.started:
            released = self._labels.prefix + released
            state.started = True
        if final and not state.finished:
            self._check_whole(state)
            if not state.started and not state.tool_calls:
                released = self._labels.prefix + released
                state.started = True
            if state.started:
                released += self._labels.suffix
            state.finished = True
        if released:
            state.sent.append(released)
        return released

    def _release(self, state: _Choice, *, final: bool) -> str:
        text = state.pending
        if not text or (not final and len(text) < self._window + _BATCH):
            return ""
        verdict = self._check(text)
        if final:
            cut = len(text)
            released = _content(verdict) if verdict.payload else text
        else:
            cut = self._cut(text, verdict)
            if cut <= 0:
                return ""
            prefix = text[:cut]
            if _changes_before(verdict, cut):
                # Something in the prefix is rewritten: check exactly the text released.
                verdict = self._check(prefix)
                released = _content(verdict) if verdict.payload else prefix
            else:
                released = prefix
        state.pending = text[cut:]
        state.checked.append(released)
        if self._restorer is not None:
            released = self._restorer.text(released)
        return released

    def _cut(self, text: str, verdict: Verdict) -> int:
        cut = len(text) - self._window
        for finding in sorted(verdict.all_findings(), key=lambda f: f.start, reverse=True):
            if finding.start < cut < finding.end:
                cut = finding.start
        partial = PARTIAL_PSEUDONYM.search(text, 0, cut)
        if partial is not None:
            cut = partial.start()
        space = _LAST_SPACE.search(text, 0, cut)
        if space is not None and cut - space.start() < self._window // 2:
            cut = space.start() + 1
        return cut

    def _check_whole(self, state: _Choice) -> None:
        """Whole-answer checks over the choice's full text; may add the notice."""
        if not self._guard.whole_pipeline.steps or not state.checked:
            return
        verdict = self._check("".join(state.checked), part="whole")
        if is_unverifiable(verdict) and not self._labels.unverifiable:
            self._labels = self._guard.labels(self._context, unverifiable=True)

    def _check(self, text: str, part: str = "window") -> Verdict:
        return self._check_message({"role": "assistant", "content": text}, part)

    def _check_message(self, message: Message, part: str) -> Verdict:
        """``message``'s verdict, kept; :class:`StreamBlocked` on a block."""
        verdict = self._guard.check_output([message], self._context, part=part)
        self.verdicts.append(verdict)
        if verdict.blocked:
            raise StreamBlocked(verdict)
        return verdict

    def _checked_tool_calls(self, state: _Choice) -> list[dict[str, Any]]:
        calls = [
            {
                "index": index,
                "id": call.id,
                "type": call.type,
                "function": {"name": call.name, "arguments": call.arguments},
            }
            for index, call in sorted(state.tool_calls.items())
        ]
        state.tool_calls = {}
        checked: list[dict[str, Any]] = list(self._checked_part("tool_calls", calls)["tool_calls"])
        state.sent_calls += [(str(c["function"]["name"]), str(c["function"]["arguments"])) for c in checked]
        return checked

    def _checked_refusal(self, state: _Choice) -> str:
        """The model's refusal text, checked and restored as a whole once its choice
        ends (a refusal is short, and a client shows it at once, not as it streams)."""
        text, state.refusal = state.refusal, ""
        return str(self._checked_part("refusal", text).get("refusal") or "")

    def _checked_part(self, key: str, value: Any) -> Message:
        """An assistant message holding only ``value`` in ``key`` (tool calls, or a
        refusal), checked as a whole (raising :class:`StreamBlocked` on a block) and
        restored: the message the client may see."""
        verdict = self._check_message({"role": "assistant", "content": None, key: value}, "window")
        messages = list(verdict.payload.messages) if verdict.payload else [{key: value}]
        if self._restorer is not None:
            messages = self._restorer.messages(messages)
        return messages[0]


def _accumulate(state: _Choice, deltas: list[Any]) -> None:
    for delta in deltas:
        if not isinstance(delta, dict):
            continue
        call = state.tool_calls.setdefault(int(delta.get("index", 0)), _ToolCall())
        call.id = delta.get("id") or call.id
        call.type = delta.get("type") or call.type
        function = delta.get("function") or {}
        call.name += function.get("name") or ""
        call.arguments += function.get("arguments") or ""


def _content(verdict: Verdict) -> str:
    assert verdict.payload is not None
    return str(verdict.payload.messages[0]["content"])


def _changes_before(verdict: Verdict, cut: int) -> bool:
    return any(finding.start < cut for finding in verdict.all_findings())
