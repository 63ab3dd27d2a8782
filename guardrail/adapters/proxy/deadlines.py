"""uvicorn's HTTP protocol with a deadline for each request's head.

uvicorn times out idle keep-alive connections, but not a request that is slow to
arrive: a client could open connections and send a header line every few seconds,
holding each one for as long as it likes. Here the request line and headers must all
arrive within ``HEAD_TIMEOUT_SECONDS`` of the request's first byte (or of the
connection opening), and in at most ``MAX_HEAD_BYTES`` (httptools sets no limit of its
own); otherwise the connection is answered ``408`` or ``431`` and closed. A slow body
is the body reader's to bound.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

HEAD_TIMEOUT_SECONDS = 10.0
MAX_HEAD_BYTES = 64 * 1024


def _refusal(status: bytes, text: bytes) -> bytes:
    return (
        b"HTTP/1.1 "
        + status
        + b"\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: "
        + str(len(text)).encode()
        + b"\r\nconnection: close\r\n\r\n"
        + text
    )


_TIMED_OUT = _refusal(b"408 Request Timeout", b"request headers came too slowly")
_TOO_LARGE = _refusal(b"431 Request Header Fields Too Large", b"request headers are too large")


class HeadDeadlineProtocol(HttpToolsProtocol):
    """httptools' protocol (uvicorn's default) plus a deadline on each request's head."""

    head_timeout = HEAD_TIMEOUT_SECONDS
    max_head_bytes = MAX_HEAD_BYTES

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_deadline: asyncio.TimerHandle | None = None
        self._head_bytes = 0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self.cycle is None or self.cycle.response_complete:
            self._arm()  # the first bytes of the next request
        if self._head_deadline is not None:
            self._head_bytes += len(data)
        super().data_received(data)
        # Still armed after parsing: all of it was head, and the head is not over yet.
        if self._head_deadline is not None and self._head_bytes > self.max_head_bytes:
            self._refuse(_TOO_LARGE)

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._head_deadline is None:
            self._head_bytes = 0
            self._head_deadline = self.loop.call_later(self.head_timeout, self._refuse, _TIMED_OUT)

    def _disarm(self) -> None:
        if self._head_deadline is not None:
            self._head_deadline.cancel()
            self._head_deadline = None

    def _refuse(self, answer: bytes) -> None:
        self._disarm()
        if not self.transport.is_closing():
            self.transport.write(answer)
            self.transport.close()
