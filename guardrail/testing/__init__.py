"""Real fakes for tests, examples and benchmarks: an OpenAI-compatible upstream on
127.0.0.1 and a helper that serves any ASGI app in a background thread."""

from guardrail.testing.server import BackgroundServer
from guardrail.testing.upstream import RecordingUpstream

__all__ = ["BackgroundServer", "RecordingUpstream"]
