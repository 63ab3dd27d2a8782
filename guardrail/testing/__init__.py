"""Real fakes for tests, examples and benchmarks: an OpenAI-compatible upstream on
127.0.0.1, a helper that serves any ASGI app in a background thread, and one that
runs a server as its own process."""

from guardrail.testing.process import free_port, server_process
from guardrail.testing.server import BackgroundServer
from guardrail.testing.upstream import RecordingUpstream

__all__ = ["BackgroundServer", "RecordingUpstream", "free_port", "server_process"]
