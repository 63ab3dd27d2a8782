"""``guardrail attribution verify``: check a saved answer's attribution, in plain words.

Exit 0 only when the answer verifies; 1 when it does not (tampered content or
manifest, unknown key, a manifest for other content, unreadable JSON); 2 when the
files cannot be read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from guardrail.attribution import load_jwks, verify_document
from guardrail.attribution.verify import Status, Verification
from guardrail.cli.errors import EXIT_INPUT, EXIT_USAGE, fail

DEFAULT_JWKS = Path(".guardrail") / "jwks.json"


def run_verify(document_path: Path, text_path: Path | None, jwks_path: Path | None, as_json: bool) -> None:
    jwks = _jwks(jwks_path)
    raw = _read(document_path)
    text = _read(text_path) if text_path else None
    document: Any
    try:
        document = json.loads(raw)
    except json.JSONDecodeError as error:
        stripped = raw.strip()
        if stripped.count(".") == 2 and " " not in stripped:
            document = stripped  # a bare JWS
        else:
            _report(Verification(Status.MALFORMED, f"not JSON: {error.msg} at line {error.lineno}"), as_json)
            return
    _report(verify_document(document, jwks, text=text), as_json)


def _report(result: Verification, as_json: bool) -> None:
    if as_json:
        print(json.dumps({"status": result.status.value, "valid": result.valid, "detail": result.detail,
                          "key_id": result.key_id, "explanation": result.explain(),
                          "manifest": result.manifest}, ensure_ascii=False, indent=2))
    else:
        print(f"status: {result.status.value}")
        for line in result.explain():
            print(line)
    if not result.valid:
        raise SystemExit(EXIT_INPUT)


def _jwks(path: Path | None) -> dict[str, dict[str, Any]]:
    source = path or DEFAULT_JWKS
    if path is None and not source.exists():
        fail(f"no key set given and {DEFAULT_JWKS} does not exist; pass --jwks FILE "
             "(the proxy serves it at /.well-known/jwks.json)", EXIT_USAGE)
    try:
        return load_jwks(_read(source))
    except ValueError as error:
        fail(f"{source}: not a JWKS document ({error})", EXIT_USAGE)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        fail(f"{path}: file not found", EXIT_USAGE)
    except UnicodeDecodeError as error:
        fail(f"{path}: not UTF-8 text (bad byte at offset {error.start})", EXIT_INPUT)
    except OSError as error:
        fail(f"{path}: cannot read: {error.strerror}", EXIT_USAGE)
