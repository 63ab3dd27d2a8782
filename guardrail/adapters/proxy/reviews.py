"""The proxy's review endpoints: clients fetch held answers, reviewers decide them.

- ``GET /v1/reviews/{id}`` with the API key that made the call: 202 while pending,
  200 with the signed answer (in the shape of the API the call came in by) once
  approved or edited (or timed out under ``on_timeout: release``), 403
  ``review_rejected``, 410 ``review_timed_out``; any other key gets 404.
  With a reviewer's key: the review as the queue shows it.
- ``GET /v1/reviews?status=pending`` (a reviewer): the reviews of the use cases
  that name the reviewer, redacted unless the reviewer may read originals.
- ``POST /v1/reviews/{id}/approve``, ``/reject`` (``{"reason": ...}``) and ``/edit``
  (``{"text": ..., "choice": 0}``): a reviewer's decision.

Reviewers authenticate as API clients do (``Authorization: Bearer``, ``x-api-key``)
but with keys of their own from the server config's ``reviewers``: an API key cannot
review and a reviewer's key cannot call a model. The lifecycle and its audit entries
are :class:`~guardrail.review.desk.ReviewDesk`'s; this module only translates HTTP.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from typing import Any

import anyio
import structlog
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from guardrail.adapters.proxy.auth import presented_key
from guardrail.adapters.proxy.config import ReviewerConfig
from guardrail.adapters.proxy.errors import ProxyError
from guardrail.adapters.proxy.messages_api import MessagesApi
from guardrail.adapters.proxy.responses_api import ResponsesApi
from guardrail.adapters.proxy.state import Proxy
from guardrail.adapters.proxy.surfaces import ChatCompletions, Surface
from guardrail.attribution.manifest import Attribution
from guardrail.core.context import new_request_id
from guardrail.review.desk import Fetched, Reviewer, ReviewError
from guardrail.review.edit import approver, editor
from guardrail.review.sealing import SealBroken
from guardrail.runtime import Guard
from guardrail.runtime.call import Answer, Held, record_request
from guardrail.runtime.holds import REVIEW_ID_HEADER

log = structlog.get_logger("guardrail.proxy")
RETRY_AFTER_SECONDS = "5"
ACTIONS = ("approve", "reject", "edit")
STATUSES = ("pending", "sampled", "approved", "edited", "rejected", "timed_out")
_TYPES = {400: "invalid_request_error", 401: "authentication_error", 403: "permission_error", 404: "not_found_error"}


class ReviewerRing:
    """Looks up reviewers by key (held as SHA-256 digests, as API keys are)."""

    def __init__(self, reviewers: Sequence[ReviewerConfig]) -> None:
        self._reviewers = {}
        for entry in reviewers:
            digest = hashlib.sha256(entry.key.get_secret_value().encode("utf-8")).digest()
            tenants = frozenset(entry.tenants) if entry.tenants is not None else None
            self._reviewers[digest] = Reviewer(entry.id, digest.hex()[:16], entry.originals, tenants)

    def reviewer(self, request: Request) -> Reviewer | None:
        key = presented_key(request.headers)
        return self._reviewers.get(hashlib.sha256(key.encode("utf-8")).digest()) if key else None


def held_response(held: Held) -> Response:
    """The 202 a client gets for a held answer: where and when to ask again."""
    location = f"/v1/reviews/{held.review_id}"
    headers = {**held.headers, "location": location, "retry-after": RETRY_AFTER_SECONDS}
    return JSONResponse(held.response, status_code=202, headers=headers)


def review_routes(proxy: Proxy) -> list[Route]:
    """The review endpoints of ``proxy`` (each answers 404 ``reviews_not_enabled``
    where no policy in use reviews answers and no reviewer is configured)."""
    ring = ReviewerRing(proxy.config.reviewers)

    async def queue(request: Request) -> Response:
        return await _answered(request, proxy, lambda: _queue(request, proxy, ring))

    async def one(request: Request) -> Response:
        return await _answered(request, proxy, lambda: _one(request, proxy, ring))

    async def decide(request: Request) -> Response:
        action = request.path_params["action"]
        if action not in ACTIONS:
            failure = ProxyError(
                404, "not_found_error", "not_found", f"no review action {action!r}: approve, reject or edit"
            )
            return failure.response(None)
        try:
            body = await _body(request, proxy)
        except ProxyError as failure:
            return failure.response(None)
        return await _answered(request, proxy, lambda: _decide(request, proxy, ring, body))

    return [
        Route("/v1/reviews", queue, methods=["GET"]),
        Route("/v1/reviews/{review_id}", one, methods=["GET"]),
        Route("/v1/reviews/{review_id}/{action}", decide, methods=["POST"]),
    ]


async def _answered(request: Request, proxy: Proxy, handle: Callable[[], Response]) -> Response:
    """Run ``handle`` in a worker thread (the store and the checks block); a refusal is
    an API-style error, and one refused before reaching the desk is recorded."""
    request_id, started = new_request_id(), time.perf_counter()
    try:
        if proxy.reviews is None:
            raise ProxyError(404, "not_found_error", "reviews_not_enabled", "no policy in use reviews answers")
        response: Response = await anyio.to_thread.run_sync(handle)
    except (ProxyError, ReviewError) as error:
        failure = error if isinstance(error, ProxyError) else _error(error)
        if failure.status in (401, 403):  # who tried what they may not do: recorded as refused requests are
            record_request(
                proxy.services, request_id, request.url.path, failure.status, error=failure.code, started=started
            )
        response = failure.response(request_id)
    except SealBroken:  # the key changed since the answer was held, or the row was altered
        log.warning("review_unreadable", request_id=request_id)
        unreadable = "the review does not open with this proxy's review key (GUARDRAIL_REVIEW_KEY changed?)"
        response = ProxyError(500, "server_error", "review_unreadable", unreadable).response(request_id)
    response.headers["x-guardrail-request-id"] = request_id
    return response


def _reviewer(request: Request, proxy: Proxy, ring: ReviewerRing) -> Reviewer:
    """The reviewer presenting its key; an API client's key is 403, anything else 401."""
    reviewer = ring.reviewer(request)
    if reviewer is not None:
        return reviewer
    if presented_key(request.headers) is None:
        raise ProxyError(401, "authentication_error", "missing_api_key", "no reviewer key given")
    try:
        proxy.keys.caller(request.headers)
    except ProxyError:
        raise ProxyError(401, "authentication_error", "invalid_api_key", "the key is not valid") from None
    raise ProxyError(403, "permission_error", "not_a_reviewer", "this key belongs to an API client, not a reviewer")


def _queue(request: Request, proxy: Proxy, ring: ReviewerRing) -> Response:
    reviewer = _reviewer(request, proxy, ring)
    status = request.query_params.get("status") or None
    if status is not None and status not in STATUSES:
        raise ProxyError(
            400,
            "invalid_request_error",
            "invalid_status",
            f"status must be one of {', '.join(STATUSES)}",
            param="status",
        )
    assert proxy.reviews is not None
    return JSONResponse({"object": "list", "data": proxy.reviews.queue(reviewer, status)})


def _one(request: Request, proxy: Proxy, ring: ReviewerRing) -> Response:
    assert proxy.reviews is not None
    review_id = request.path_params["review_id"]
    reviewer = ring.reviewer(request)
    if reviewer is not None:
        return JSONResponse(proxy.reviews.one(review_id, reviewer))
    caller = proxy.keys.caller(request.headers)
    return _fetched(proxy.reviews.fetch(review_id, caller.tenant, caller.principal))


def _fetched(fetched: Fetched) -> Response:
    review = fetched.review
    if fetched.status == 202:
        body = {
            "object": "guardrail.review",
            "id": review.id,
            "status": "pending",
            "request_id": review.request_id,
            "location": f"/v1/reviews/{review.id}",
        }
        headers = {"retry-after": RETRY_AFTER_SECONDS, REVIEW_ID_HEADER: review.id}
        return JSONResponse(body, status_code=202, headers=headers)
    if fetched.status == 403:
        raise ProxyError(
            403, "guardrail_blocked", "review_rejected", "a reviewer rejected the answer; it is not released"
        )
    if fetched.status == 410:
        raise ProxyError(
            410, "guardrail_blocked", "review_timed_out", "nobody reviewed the answer in time; it is withheld"
        )
    assert fetched.response is not None and fetched.headers is not None
    attribution = (
        Attribution(fetched.attribution["manifest"], fetched.attribution["jws"]) if fetched.attribution else None
    )
    surface = _surface(review.path, fetched.response)
    return surface.answer(Answer(fetched.response, dict(fetched.headers), attribution), review.request_id)


def _surface(path: str, response: dict[str, Any]) -> Surface:
    """The API a held call came in by, to answer in its shape."""
    model = str(response.get("model") or "")
    if path.endswith("/responses"):
        responses = ResponsesApi()
        responses.model = model
        return responses
    if path.endswith("/messages"):
        messages = MessagesApi()
        messages.model = model
        return messages
    return ChatCompletions()


def _decide(request: Request, proxy: Proxy, ring: ReviewerRing, body: dict[str, Any]) -> Response:
    desk = proxy.reviews
    assert desk is not None
    reviewer = _reviewer(request, proxy, ring)
    review_id, action = request.path_params["review_id"], request.path_params["action"]
    if action == "approve":
        decided = desk.approve(review_id, reviewer, approver(proxy.attributor, reviewer))
    elif action == "reject":
        decided = desk.reject(review_id, reviewer, _text(body, "reason"))
    else:  # edit: the routes let no other action through (ACTIONS)
        text, choice = _text(body, "text"), body.get("choice", 0)
        if not isinstance(choice, int) or isinstance(choice, bool):
            raise ProxyError(
                400, "invalid_request_error", "invalid_choice", "choice must be an integer", param="choice"
            )

        def revise(review: Any, content: Any) -> Any:
            return editor(_guard(proxy, review.policy_hash), proxy.attributor, reviewer, text, choice=choice)(
                review, content
            )

        decided = desk.edit(review_id, reviewer, revise)
    return JSONResponse(desk.view(decided, reviewer))


def _text(body: dict[str, Any], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value.strip():
        code = "reason_required" if name == "reason" else f"{name}_required"
        raise ProxyError(400, "invalid_request_error", code, f"{name} is required (a non-empty string)", param=name)
    return value


async def _body(request: Request, proxy: Proxy) -> dict[str, Any]:
    """A decision's JSON body, read within the proxy's limits; an approval needs none."""
    if request.path_params.get("action") == "approve":
        return {}
    return await proxy.body(request)


def _guard(proxy: Proxy, policy_hash: str) -> Guard:
    """The guard of the held call's policy, found by its content hash."""
    for guard in proxy.guards.values():
        if guard.context().policy.content_hash == policy_hash:
            return guard
    raise ReviewError(409, "policy_changed", "the policy the answer was held under is no longer loaded; reject it")


def _error(error: ReviewError) -> ProxyError:
    kind = _TYPES.get(error.status, "guardrail_unavailable" if error.status == 503 else "invalid_request_error")
    return ProxyError(error.status, kind, error.code, str(error))
