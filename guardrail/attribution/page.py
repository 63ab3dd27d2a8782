"""The verification page: static HTML and JavaScript that checks an answer in the browser.

Served by the proxy at ``/verify`` and usable as a file of its own
(``guardrail attribution page > verify.html``). It reads a pasted answer (JSON, or
text with its embedded marker), fetches the key set only from the address the user
gives, and checks everything :mod:`.verify` checks, with WebCrypto's Ed25519, in
English and Traditional Chinese. Nothing pasted leaves the page.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

# Only the page's own inline script and style; fetches go wherever the user points the key set.
CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src *"


@cache
def verify_page() -> str:
    return resources.files("guardrail.attribution").joinpath("static/verify.html").read_text(encoding="utf-8")
