"""OpenAI-style error bodies, so clients and SDKs handle our refusals like theirs.

Every error the proxy returns has the shape ``{"error": {"message", "type", "code",
"param"}}`` plus the request id. Messages name fields and codes, never content.

| status | type                   | when                                                 |
|--------|------------------------|------------------------------------------------------|
| 400    | invalid_request_error  | malformed JSON, bad UTF-8, wrong or unknown fields   |
| 400    | guardrail_blocked      | the policy blocked the request or the answer         |
| 401    | authentication_error   | missing or wrong API key                             |
| 404    | not_found_error        | unknown model or path                                |
| 413    | invalid_request_error  | body over ``max_body_bytes``                         |
| 429    | rate_limit_error       | the upstream is rate-limiting                        |
| 502    | upstream_error         | the upstream failed or refused the proxy's credentials |
| 503    | guardrail_unavailable  | a check failed and the policy fails closed           |
| 504    | upstream_error         | the upstream timed out                               |
"""

from __future__ import annotations

from starlette.responses import JSONResponse

from guardrail.errors import GuardrailError


class ProxyError(GuardrailError):
    """An error response: status, OpenAI error type, stable code, safe message."""

    def __init__(self, status: int, error_type: str, code: str, message: str, *, param: str | None = None) -> None:
        self.status = status
        self.error_type = error_type
        self.code = code
        self.param = param
        super().__init__(message)

    def body(self, request_id: str | None) -> dict[str, object]:
        error: dict[str, object] = {
            "message": str(self),
            "type": self.error_type,
            "code": self.code,
            "param": self.param,
        }
        if request_id:
            error["request_id"] = request_id
        return {"error": error}

    def response(self, request_id: str | None, headers: dict[str, str] | None = None) -> JSONResponse:
        return JSONResponse(self.body(request_id), status_code=self.status, headers=headers)


def invalid(message: str, *, code: str = "invalid_request", param: str | None = None) -> ProxyError:
    return ProxyError(400, "invalid_request_error", code, message, param=param)
