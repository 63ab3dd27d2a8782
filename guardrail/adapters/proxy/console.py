"""The review console: a reviewer's queue in the browser, served by the proxy.

Off by default (``console: {enabled: true}`` in the server config turns it on). The
page, its script and its style are static files with no data in them; everything the
page shows it fetches from the review API (:mod:`guardrail.adapters.proxy.reviews`)
with the key the reviewer types, so the console is exactly as authenticated as the
API and an API client's key shows nothing. The content security policy lets the page
run only its own script and talk only to its own origin, and answers are written into
it as text, never as HTML.

The audit view (``/console/audit``, :mod:`guardrail.adapters.proxy.audit_console`) is
served the same way, for reviewers whose role allows auditing. Both pages are one frame
(``console-page.html``: head, header, sign-in form; ``console-page.css``;
``console-session.js`` for the key and the requests made with it) around each page's
own controls, style and script, so a fix to signing in is made once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from string import Template

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
    "console-page.css": "text/css; charset=utf-8",
    "console-session.js": "text/javascript; charset=utf-8",
    "review-console.js": "text/javascript; charset=utf-8",
    "review-console.css": "text/css; charset=utf-8",
    "audit-console.js": "text/javascript; charset=utf-8",
    "audit-console.css": "text/css; charset=utf-8",
}


@cache
def _static(name: str) -> str:
    return resources.files("guardrail.adapters.proxy").joinpath(f"static/{name}").read_text(encoding="utf-8")


@dataclass(frozen=True)
class _ConsolePage:
    """What one page puts in the shared frame: its name (``{name}.html`` holds its
    controls, ``{name}.css`` and ``{name}.js`` its style and script), its title and
    heading, what it is for, and whose key it takes. Constants of ours, not input, so
    they go into the frame unescaped."""

    name: str
    title: str
    heading: str
    heading_zh: str
    purpose: str
    role: str
    role_zh: str


_REVIEW = _ConsolePage(
    name="review-console",
    title="Review queue 審核隊列",
    heading="Review queue",
    heading_zh="審核隊列",
    purpose="Held answers wait here until a reviewer approves, edits or rejects them.",
    role="reviewer",
    role_zh="審核員",
)
_AUDIT = _ConsolePage(
    name="audit-console",
    title="Audit 審計",
    heading="Audit trail",
    heading_zh="審計紀錄",
    purpose="The trail's integrity and figures, read and verified live by the proxy.",
    role="auditor",
    role_zh="審計員",
)


@cache
def _page(page: _ConsolePage) -> str:
    frame = Template(_static("console-page.html"))
    return frame.substitute(
        name=page.name,
        title=page.title,
        heading=page.heading,
        heading_zh=page.heading_zh,
        purpose=page.purpose,
        role=page.role,
        role_title=page.role.capitalize(),
        role_zh=page.role_zh,
        body=_static(f"{page.name}.html"),
    )


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
        return _served(_page(_REVIEW), "text/html; charset=utf-8")

    async def audit_page(request: Request) -> Response:
        return _served(_page(_AUDIT), "text/html; charset=utf-8")

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
