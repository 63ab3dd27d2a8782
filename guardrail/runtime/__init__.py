"""The call-level runtime: a policy's guard over requests, answers and streams.

Shared by every adapter (HTTP proxy, LiteLLM wrapper, LiteLLM proxy plugin). It works
on OpenAI-shaped dicts and imports neither LiteLLM nor a web framework.
"""

from guardrail.runtime.guard import Guard
from guardrail.runtime.guarded import GuardedRequest, GuardedResponse
from guardrail.runtime.restore import PseudonymRestorer
from guardrail.runtime.stream import StreamBlocked, StreamGuard

__all__ = [
    "Guard",
    "GuardedRequest",
    "GuardedResponse",
    "PseudonymRestorer",
    "StreamBlocked",
    "StreamGuard",
]
