"""Reading and validating request bodies before anything else sees them.

The body is read with a size limit (413 past it, without reading the rest), decoded as
strict UTF-8 and parsed as a JSON object. The envelope (``model``, ``messages``,
``stream``, guardrail's options) is validated here; every other field is validated by
the guard against OpenAI's field table (:mod:`guardrail.core.openai_fields`), which
refuses a field it does not know unless the config lists it in ``passthrough_params``
(then it is checked as free-form JSON), so nothing reaches a model unread.
guardrail's own options travel in the ``guardrail`` field or ``x-guardrail-*`` headers
and never go upstream.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Mapping
from typing import Any, TypeVar

import anyio
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from guardrail.adapters.proxy.errors import ProxyError, invalid
from guardrail.yamlfile import dotted

_Model = TypeVar("_Model", bound=BaseModel)
_OPTION_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")
# The headers a client sets guardrail's options with, in the proxy and the LiteLLM plugin alike.
CONVERSATION_HEADER = "x-guardrail-conversation-id"
USE_CASE_HEADER = "x-guardrail-use-case"
OPT_OUT_HEADER = "x-guardrail-opt-out"


class GuardrailOptions(BaseModel):
    """The ``guardrail`` request field."""

    model_config = ConfigDict(extra="forbid", strict=True)

    conversation_id: str | None = Field(default=None, pattern=_OPTION_ID.pattern)
    use_case: str | None = Field(default=None, pattern=_OPTION_ID.pattern)
    opt_out: bool = False


class ChatRequest(BaseModel):
    """A chat request's envelope; its messages and other fields are the guard's to validate."""

    model_config = ConfigDict(extra="allow", strict=True)

    model: str = Field(min_length=1)
    messages: list[dict[str, Any]] = Field(min_length=1)
    stream: bool = False
    guardrail: GuardrailOptions = Field(default_factory=GuardrailOptions)


class EmbeddingRequest(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True)

    model: str = Field(min_length=1)
    input: str | list[str] | list[int] | list[list[int]]
    guardrail: GuardrailOptions = Field(default_factory=GuardrailOptions)


async def read_json(
    chunks: AsyncIterator[bytes], *, declared_length: str | None, limit: int, seconds: float = 30.0
) -> dict[str, Any]:
    """The body as a JSON object, or a :class:`ProxyError`; a body that has not arrived
    whole within ``seconds`` is a 408 (a slow client holds a connection for nothing)."""
    too_large = ProxyError(
        413, "invalid_request_error", "request_too_large", f"request body exceeds the limit of {limit} bytes"
    )
    if declared_length is not None and declared_length.isdigit() and int(declared_length) > limit:
        raise too_large
    body = bytearray()
    try:
        with anyio.fail_after(seconds):
            async for chunk in chunks:
                body += chunk
                if len(body) > limit:
                    raise too_large
    except TimeoutError:
        raise ProxyError(
            408, "invalid_request_error", "request_timeout", f"the request body did not arrive within {seconds:g} s"
        ) from None
    try:
        text = bytes(body).decode("utf-8")
    except UnicodeDecodeError as error:
        raise invalid(f"body is not valid UTF-8 (bad byte at offset {error.start})", code="invalid_encoding") from None
    try:
        parsed = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise invalid(
            f"body is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}", code="invalid_json"
        ) from None
    except RecursionError:
        raise invalid(f"body is nested more than {MAX_DEPTH} levels deep", code="invalid_json") from None
    except ValueError as error:  # an integer too long to convert, NaN or Infinity
        raise invalid(f"body is not valid JSON: {error}", code="invalid_json") from None
    if not isinstance(parsed, dict):
        raise invalid("body must be a JSON object", code="invalid_json")
    _check_depth(parsed)
    if _has_lone_surrogate(text, parsed):
        raise invalid("body holds a lone UTF-16 surrogate escape, which is not text", code="invalid_encoding")
    return parsed


# Deeper than any request OpenAI's API defines (a JSON schema nests a few levels per
# property); the checks walk the request recursively, so depth is bounded here.
MAX_DEPTH = 64
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _check_depth(value: Any) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH` (iteratively: no recursion to exhaust)."""
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        node, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise invalid(f"body is nested more than {MAX_DEPTH} levels deep", code="invalid_json")
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        pending.extend((child, depth + 1) for child in children if isinstance(child, dict | list))


def _has_lone_surrogate(text: str, parsed: Any) -> bool:
    """Whether a ``\\uD800``-``\\uDFFF`` escape stands without its pair: such a string is
    not text and cannot be sent on. Paired escapes (emoji) are common, so the costly
    test runs only when an escape is there."""
    if not _SURROGATE_ESCAPE.search(text):
        return False
    try:
        json.dumps(parsed, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def validate_chat(body: dict[str, Any]) -> ChatRequest:
    return validate_body(ChatRequest, body)


def validate_embedding(body: dict[str, Any]) -> EmbeddingRequest:
    return validate_body(EmbeddingRequest, body)


def option_header(headers: Mapping[str, str], name: str) -> str | None:
    """A guardrail option sent as a header, checked like its body field."""
    value = headers.get(name)
    if value is None:
        return None
    if not _OPTION_ID.fullmatch(value):
        raise invalid(f"header {name} must be 1-128 letters, digits or . _ : -", param=name)
    return value


def opt_out_header(headers: Mapping[str, str], name: str) -> bool | None:
    """The user's opt-out header: ``true``/``1``/``yes`` or ``false``/``0``/``no``."""
    value = headers.get(name)
    if value is None:
        return None
    answer = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}.get(value.strip().lower())
    if answer is None:
        raise invalid(f"header {name} must be true or false", param=name)
    return answer


def request_params(request: BaseModel) -> dict[str, Any]:
    """The parameters besides the envelope: checked by the guard, then sent upstream."""
    return dict(request.model_extra or {})


def validate_body(model: type[_Model], body: dict[str, Any]) -> _Model:
    """``body`` as the envelope ``model``, or a 400 naming the first field that is wrong."""
    try:
        return model.model_validate(body)
    except ValidationError as error:
        problem = error.errors(include_url=False, include_input=False)[0]
        field = dotted(tuple(problem["loc"]))
        raise invalid(f"{field}: {problem['msg']}", param=field or None) from None
