"""The one exception tree of guardrail.

Inside the core a block is a *result* (a :class:`~guardrail.core.verdict.Verdict`),
never an exception. Exceptions are for things that went wrong, and for adapters that
must turn a block into something a library caller cannot ignore.

    GuardrailError                 root; catch this to catch everything of ours
    ├── PolicyError                a policy cannot be found, read or validated
    │   └── PolicyNotFoundError    no built-in pack or file by that name
    ├── CheckError                 a check crashed or gave an invalid result
    ├── ConfigurationError         a setting outside a policy is wrong (model missing, ...)
    ├── StoreUnavailableError      a shared store (the Redis vault, ...) failed mid-run
    ├── InputError                 input handed to guardrail is malformed (bad JSON line, ...)
    ├── RequestError               a call's request is invalid (unknown use case, bad field, ...)
    └── BlockedError               a call was blocked; raised by adapters for library callers

Messages never carry personal data: they name files, fields, checks and request ids,
never the text being checked.
"""

from __future__ import annotations


class GuardrailError(Exception):
    """Root of every exception guardrail raises on purpose."""


class PolicyError(GuardrailError):
    """A policy file is unreadable or invalid.

    ``source`` names the file (or built-in pack) and ``field`` the dotted path of the
    offending field, so that start-up can stop with a message a person can act on.
    """

    def __init__(self, message: str, *, source: str, field: str | None = None) -> None:
        self.source = source
        self.field = field
        where = f"{source}: {field}: " if field else f"{source}: "
        super().__init__(where + message)


class PolicyNotFoundError(PolicyError):
    """Neither a built-in policy pack nor a file has the requested name."""


class CheckError(GuardrailError):
    """A check failed while running; what happens next is the policy's ``on_error``."""

    def __init__(self, message: str, *, check: str, request_id: str | None = None) -> None:
        self.check = check
        self.request_id = request_id
        super().__init__(f"check {check!r} failed: {message}")


class ConfigurationError(GuardrailError):
    """A runtime setting is wrong or a required resource (a spaCy model, say) is missing."""


class StoreUnavailableError(GuardrailError):
    """A shared store stopped answering while serving calls.

    Raised inside a check, it is a check error like any other, so the policy's
    ``on_error`` decides (a pseudonymising call fails closed by default). ``store``
    names the store and ``where`` its address with any password removed; the message
    never quotes the data being stored.
    """

    def __init__(self, message: str, *, store: str, where: str) -> None:
        self.store = store
        self.where = where
        super().__init__(f"{store} at {where}: {message}")


class InputError(GuardrailError):
    """Input given to guardrail is malformed; ``line`` is set for line-oriented input."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        self.line = line
        super().__init__(f"line {line}: {message}" if line is not None else message)


class RequestError(GuardrailError):
    """A call's request cannot be served as sent.

    ``code`` is stable (``unknown_use_case``); ``param`` names the offending field.
    """

    def __init__(self, message: str, *, code: str, param: str | None = None) -> None:
        self.code = code
        self.param = param
        super().__init__(message)


class BlockedError(GuardrailError):
    """Raised by adapters when the policy blocked a call.

    ``code`` is stable and machine-readable; ``reason`` is the Guideline-level
    explanation. Neither contains the content that was blocked.
    """

    def __init__(self, code: str, reason: str, *, request_id: str | None = None, stage: str | None = None) -> None:
        self.code = code
        self.reason = reason
        self.request_id = request_id
        self.stage = stage
        super().__init__(f"{code}: {reason}")
