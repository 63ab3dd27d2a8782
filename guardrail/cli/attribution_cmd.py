"""``guardrail attribution verify``: check a saved or pasted answer's attribution.

Exit 0 only when the answer verifies; 1 when it does not (tampered content or
manifest, unknown or misnamed key, a manifest for other content, unreadable input);
2 when the files cannot be read or no key set was named.

The key set is never picked up implicitly: the user names a file (``--jwks``) or
asks for the provider's published keys (``--jwks-url``), and the report says what
that choice trusts. Everything printed passes through
:func:`guardrail.attribution.display.escaped`: an answer or a manifest cannot write
control characters to the terminal.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from guardrail.adapters.proxy.listen import is_loopback
from guardrail.attribution import load_jwks, verify_document
from guardrail.attribution.display import escaped, escaped_json
from guardrail.attribution.strict_json import MalformedDocument
from guardrail.attribution.verify import Status, Verification, read, verify_text
from guardrail.cli.errors import EXIT_INPUT, EXIT_USAGE, fail, read_stdin_text

WELL_KNOWN = "/.well-known/jwks.json"
MAX_JWKS_BYTES = 1_000_000


def run_verify(
    document_path: Path, text_path: Path | None, jwks_path: Path | None, jwks_url: str | None, as_json: bool
) -> None:
    jwks, trust = _jwks(jwks_path, jwks_url)
    raw = read_stdin_text() if str(document_path) == "-" else _read(document_path)
    text = _read(text_path) if text_path else None
    try:
        document = read(raw)
    except MalformedDocument as error:
        _report(Verification(Status.MALFORMED, str(error)), trust, as_json)
        return
    if isinstance(document, tuple):  # plain text: its embedded marker is the manifest
        result = verify_text(document[1], jwks)
    else:
        result = verify_document(document, jwks, text=text)
    _report(result, trust, as_json)


def _report(result: Verification, trust: str, as_json: bool) -> None:
    if as_json:
        report = {
            "status": result.status.value,
            "valid": result.valid,
            "detail": result.detail,
            "key_id": result.key_id,
            "keys": trust,
            "explanation": result.explain(),
            "manifest": result.manifest,
        }
        print(escaped_json(json.dumps(report, ensure_ascii=False, indent=2)))
    else:
        print(f"status: {result.status.value}")
        for line in result.explain():
            print(escaped(line))
        print(escaped(f"Keys: {trust}"))
    if not result.valid:
        raise SystemExit(EXIT_INPUT)


def _jwks(path: Path | None, url: str | None) -> tuple[dict[str, dict[str, Any]], str]:
    if (path is None) == (url is None):
        fail(
            "name the key set to trust: --jwks FILE (a copy you trust) or --jwks-url URL (fetched from the "
            "service provider, e.g. https://provider.example" + WELL_KNOWN + ")",
            EXIT_USAGE,
        )
    if path is not None:
        source, raw = escaped(str(path)), _read(path)
        trust = f"from {source}; the result is as trustworthy as that file's origin"
    else:
        assert url is not None
        source, raw = escaped(url), _fetch(url)
        trust = (
            f"fetched from {source}; this trusts whoever controls that address (its TLS certificate "
            "and server) to publish the provider's real keys"
        )
    try:
        return load_jwks(raw), trust
    except MalformedDocument as error:
        fail(f"{source}: not a JWKS document ({escaped(str(error))})", EXIT_USAGE)


def _fetch(url: str) -> str:
    """GET a JWKS over https (plain http only to this machine, for local servers)."""
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("https", "http") or not parsed.hostname:
        fail(f"{escaped(url)}: not an http(s) URL", EXIT_USAGE)
    if parsed.scheme == "http" and not is_loopback(parsed.hostname):
        fail(f"{escaped(url)}: keys must come over https (plain http only from this machine)", EXIT_USAGE)
    if parsed.path in ("", "/"):
        url = urllib.parse.urlunsplit((parsed.scheme, parsed.netloc, WELL_KNOWN, "", ""))
    request = urllib.request.Request(url, headers={"accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            data: bytes = response.read(MAX_JWKS_BYTES + 1)
    except (urllib.error.URLError, OSError, ValueError) as error:
        fail(f"{escaped(url)}: cannot fetch the key set ({escaped(type(error).__name__)})", EXIT_USAGE)
    if len(data) > MAX_JWKS_BYTES:
        fail(f"{escaped(url)}: the key set is larger than {MAX_JWKS_BYTES} bytes", EXIT_USAGE)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        fail(f"{escaped(url)}: the key set is not UTF-8", EXIT_USAGE)


def _read(path: Path) -> str:
    name = escaped(str(path))
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        fail(f"{name}: file not found", EXIT_USAGE)
    except UnicodeDecodeError as error:
        fail(f"{name}: not UTF-8 text (bad byte at offset {error.start})", EXIT_INPUT)
    except OSError as error:
        fail(f"{name}: cannot read: {escaped(error.strerror or type(error).__name__)}", EXIT_USAGE)
