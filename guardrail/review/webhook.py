"""Telling someone a review moved: a webhook called when an answer is held, decided
or times out.

Reviewers learn there is something to review, and a client that cannot poll learns
its answer can be fetched, without either watching the queue. An event names the
review, its state, use case, tenant and where to fetch it; never content. Each is a
JSON ``POST`` signed with HMAC-SHA256 over ``<timestamp>.<body>`` (headers
``x-guardrail-timestamp`` and ``x-guardrail-signature: sha256=<hex>``) with the
configured secret, so the receiver can tell it came from this proxy and is fresh.

Delivery is one background thread with a bounded queue, one attempt per event with a
timeout: a webhook that is slow, failing or gone is logged by the type of its error
and never delays or fails a call or a decision. The trail, not the webhook, is the
record.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import queue
import threading
import time
from collections.abc import Mapping
from typing import Any

import httpx
import structlog

log = structlog.get_logger("guardrail.proxy")
QUEUE_SIZE = 1000


def signature(secret: bytes, timestamp: str, body: bytes) -> str:
    """The ``x-guardrail-signature`` of ``body`` sent at ``timestamp``."""
    return "sha256=" + hmac.new(secret, timestamp.encode("ascii") + b"." + body, hashlib.sha256).hexdigest()


class Webhook:
    """Posts review events to one URL, in the background."""

    def __init__(self, url: str, secret: str, *, timeout: float = 5.0) -> None:
        self.url, self._secret, self._timeout = url, secret.encode("utf-8"), timeout
        self._events: queue.Queue[dict[str, Any] | None] = queue.Queue(QUEUE_SIZE)
        self._thread = threading.Thread(target=self._deliver, name="review-webhook", daemon=True)
        self._thread.start()

    def __call__(self, event: Mapping[str, Any]) -> None:
        """Queue ``event``; when the queue is full it is dropped (and logged)."""
        try:
            self._events.put_nowait(dict(event))
        except queue.Full:
            log.warning("review_webhook_dropped", review_event=event.get("event"))

    def close(self, wait: float = 2.0) -> None:
        """Deliver what is queued (for up to ``wait`` seconds), then stop."""
        try:
            self._events.put(None, timeout=wait)
        except queue.Full:
            return
        self._thread.join(wait)

    def _deliver(self) -> None:
        with httpx.Client(timeout=self._timeout, follow_redirects=False) as client:
            while (event := self._events.get()) is not None:
                body = json.dumps(event, separators=(",", ":")).encode("utf-8")
                timestamp = str(int(time.time()))
                headers = {
                    "content-type": "application/json",
                    "x-guardrail-timestamp": timestamp,
                    "x-guardrail-signature": signature(self._secret, timestamp, body),
                }
                try:
                    response = client.post(self.url, content=body, headers=headers)
                    if response.status_code >= 300:
                        log.warning(
                            "review_webhook_refused", status=response.status_code, review_event=event.get("event")
                        )
                except Exception as error:  # noqa: BLE001 - the thread outlives any one receiver's failure
                    log.warning("review_webhook_failed", error=type(error).__name__, review_event=event.get("event"))
