"""The review console: a reviewer's queue in the browser, served by the proxy.

Off by default (``console: {enabled: true}`` in the server config turns it on). The
page, its script and its style are static files with no data in them; everything the
page shows it fetches from the review API (:mod:`guardrail.adapters.proxy.reviews`)
with the key the reviewer types, so the console is exactly as authenticated as the
API and an API client's key shows nothing. The content security policy lets the page
run only its own script and talk only to its own origin, and answers are written into
it as text, never as HTML.

The audit view (``/console/audit``, :mod:`guardrail.adapters.proxy.audit_console`) is
served the same way, for reviewers whose role allows auditing.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from guardrail.adapters.proxy.audit_console import audit_console_routes
from guardrail.adapters.proxy.state import Proxy

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
_FILES = {
    "review-console.js": "text/javascript; charset=utf-8",
    "review-console.css": "text/css; charset=utf-8",
    "audit-console.js": "text/javascript; charset=utf-8",
    "audit-console.css": "text/css; charset=utf-8",
}


@cache
def _static(name: str) -> str:
    return resources.files("guardrail.adapters.proxy").joinpath(f"static/{name}").read_text(encoding="utf-8")


def _served(body: str, media_type: str) -> Response:
    headers = {
        "content-security-policy": CONTENT_SECURITY_POLICY,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
    }
    return Response(body, media_type=media_type, headers=headers)


def console_routes(proxy: Proxy) -> list[Route]:
    """The console's routes, or none when the config leaves it off."""
    if not proxy.config.console.enabled:
        return []

    async def page(request: Request) -> Response:
        return _served(_static("review-console.html"), "text/html; charset=utf-8")

    async def audit_page(request: Request) -> Response:
        return _served(_static("audit-console.html"), "text/html; charset=utf-8")

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in _FILES:
            return Response("not found", status_code=404, media_type="text/plain")
        return _served(_static(name), _FILES[name])

    return [
        Route("/console/reviews", page, methods=["GET"]),
        Route("/console/audit", audit_page, methods=["GET"]),
        *audit_console_routes(proxy),
        Route("/console/static/{name}", asset, methods=["GET"]),
    ]
