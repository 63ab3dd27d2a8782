"""Real fakes for tests, examples and benchmarks: an in-process upstream at the seam a
guarded call calls, an OpenAI-compatible upstream on 127.0.0.1, a helper that serves any
ASGI app in a background thread, and one that runs a server as its own process."""

from guardrail.testing.fake_upstream import FakeUpstream
from guardrail.testing.process import free_port, server_process
from guardrail.testing.server import BackgroundServer
from guardrail.testing.upstream import RecordingUpstream

__all__ = ["BackgroundServer", "FakeUpstream", "RecordingUpstream", "free_port", "server_process"]
