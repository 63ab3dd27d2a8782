"""The one exception tree of guardrail.

Inside the core a block is a *result* (a :class:`~guardrail.core.verdict.Verdict`),
never an exception. Exceptions are for things that went wrong, and for adapters that
must turn a block into something a library caller cannot ignore.

    GuardrailError                     root; catch this to catch everything of ours
    ├── PolicyError                    a policy cannot be found, read or validated
    │   ├── PolicyNotFoundError        no built-in pack or file by that name
    │   └── RuleSetError               a rule file the policy names is unreadable or invalid  [rules, ValueError]
    ├── CheckError                     a check crashed or gave an invalid result
    │   ├── CheckTimeout               a check ran past its step's timeout                    [core.pipeline]
    │   │   └── CheckStalled           not started: earlier runs are stuck past theirs        [core.pipeline]
    │   └── SafetyModelError           a safety model gave no verdict the check can use       [threats.safety_model]
    │       ├── SafetyModelTimeout     it did not answer within the check's timeout           [threats.safety_model]
    │       ├── SafetyModelUnavailable its call failed (connection, HTTP status, credentials) [threats.safety_model]
    │       ├── SafetyModelReplyInvalid its reply is not in the model's format                [threats.safety_model]
    │       └── ConversationTooLong    the text to judge is over the check's max_chars        [threats.safety_model]
    ├── ScoringBudgetExceeded          the threat model's scoring ran past its budget         [threats.model]
    ├── ConfigurationError             a setting outside a policy is wrong (model missing, ...)
    │   ├── EncoderUnavailable         the sentence encoder's table is missing or not the one [threats.encoder]
    │   │                              the threat model was trained with
    │   └── SchemaMismatch             the audit database's schema is not this version's      [audit.postgres_schema]
    ├── StoreUnavailableError          a shared store (the Redis vault, ...) failed mid-run
    ├── PostgresStoreError             the audit database cannot be written or read just now  [audit, OSError]
    ├── InputError                     input handed to guardrail is malformed (bad JSON line, ...)
    │   ├── YamlProblem                a YAML document that cannot be used                    [yamlfile]
    │   ├── TrailUnreadable            neither an audit folder nor an audit database          [audit.trail]
    │   ├── WitnessUnreadable          a witness's record unreadable, or its receipts false   [audit.witness]
    │   ├── MalformedDocument          JSON that strict reading refuses                       [attribution, ValueError]
    │   ├── MalformedJws               not a JWS guardrail can read                           [attribution, ValueError]
    │   └── MarkerError                a text marker that cannot be decoded                   [attribution, ValueError]
    ├── RequestError                   a call's request is invalid (unknown use case, bad field, ...)
    │   └── ShapeError                 a field the table does not allow, or of the wrong kind [core.shapes, ValueError]
    ├── BlockedError                   a call was blocked; raised by adapters for library callers
    ├── StreamBlocked                  the checks blocked a streamed answer mid-way           [runtime.stream]
    ├── UpstreamError                  an upstream call failed; what the client gets          [runtime.upstream]
    ├── ReviewError                    a review request that cannot be served                 [review.desk]
    ├── EditRefused                    the output checks blocked a reviewer's edit            [review.desk]
    ├── SealBroken                     a sealed held answer did not open                      [review.sealing]
    └── ProxyError                     an error response of the proxy                         [adapters.proxy.errors]

Classes defined here are the ones any part may raise. The others (module in brackets)
stay beside the one module that raises them; where callers or pydantic catch a
standard exception for them, they keep that base too (also listed in brackets).
``tests/test_errors.py`` checks that every exception class of the package is in this
tree.

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
    """A check failed while running; what happens next is the policy's ``on_error``.

    The pipeline records a failure by the exception's class name, never its message,
    and goes on under the check's error mode: this is not raised through to callers.
    """

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
