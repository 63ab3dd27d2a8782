"""The proxy's state: its guards, keys, upstream and call services, built once per worker."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from starlette.requests import Request

from guardrail.adapters.proxy.auth import Caller, KeyRing
from guardrail.adapters.proxy.config import ServerConfig
from guardrail.adapters.proxy.errors import ProxyError
from guardrail.adapters.proxy.requests import (
    CONVERSATION_HEADER,
    OPT_OUT_HEADER,
    USE_CASE_HEADER,
    GuardrailOptions,
    opt_out_header,
    option_header,
    read_json,
)
from guardrail.adapters.upstream import Upstream
from guardrail.attribution import Attributor, KeyStore
from guardrail.audit.records import CallRecords
from guardrail.core.context import CallContext
from guardrail.errors import ConfigurationError
from guardrail.pii.vault_stores import open_vault
from guardrail.policy.model import ReviewMode
from guardrail.review import ReviewDesk, Sealer, SqliteReviewStore, review_key
from guardrail.review.store import REVIEWS_FILE
from guardrail.review.webhook import Webhook
from guardrail.runtime import Guard
from guardrail.runtime.sinks import CallServices
from guardrail.runtime.upstream import ServedModels
from guardrail.telemetry import Tracing


class Proxy:
    """The proxy's state: one guard per policy in use, the keys and the upstream."""

    def __init__(
        self,
        config: ServerConfig,
        *,
        guards: Mapping[str, Guard] | None = None,
        upstream: ServedModels | None = None,
        tracing: Tracing | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> None:
        """``progress`` hears what is being loaded, for a start-up that takes seconds."""
        say = progress or (lambda step: None)
        self.config = config
        self.keys = KeyRing(config.keys, config.policy)
        policies = {config.policy, *(k.policy for k in config.keys if k.policy)}
        vault = self.vault = open_vault(config.vault)
        self.keys_store = KeyStore.from_settings(config.data_dir / "keys", config.attribution)
        self.keys_store.write_jwks(config.data_dir / "jwks.json")
        self.attributor = Attributor(
            self.keys_store.active, config.service_provider, propagator=config.content_propagator
        )
        self.guards = dict(guards or {})
        for name in sorted(policies - set(self.guards)):
            say(f"loading policy {name}: its checks, rules and language models")
            self.guards[name] = Guard.from_policy(
                name,
                vault=vault,
                stream_window=config.stream_window_chars,
                memory=(config.check_memory.max_texts, config.check_memory.ttl_seconds),
            )
        _check_key_use_cases(config, self.guards)
        reviewing = _check_reviewers(config, self.guards) or bool(config.reviewers)  # before the slow part
        if upstream is None:
            say(f"loading LiteLLM's router for models: {', '.join(e.model_name for e in config.model_list)}")
        self.upstream: ServedModels = upstream or Upstream(
            [entry.model_dump() for entry in config.model_list],
            timeout=config.upstream_timeout_seconds,
            router_settings=config.router_settings,
        )
        self.records = CallRecords(
            config.audit_path,
            self.keys_store.active,
            retention_days=config.audit_retention_days,
            settings=config.audit_trail,
        )
        # Human review: a desk only where a policy in use holds or samples answers.
        self.reviews: ReviewDesk | None = None
        self.webhook: Webhook | None = None
        if reviewing:
            hook = config.reviews.webhook
            if hook is not None:
                self.webhook = Webhook(hook.url, hook.secret.get_secret_value(), timeout=hook.timeout_seconds)
            self.reviews = ReviewDesk(
                SqliteReviewStore(config.data_dir / REVIEWS_FILE),
                Sealer(review_key(config.data_dir)),
                self.records.write,
                notify=self.webhook,
            )
        self.services = CallServices(
            self.records,
            tracing or Tracing(config.telemetry, default_file=config.data_dir / "traces.jsonl"),
            self.attributor,
            log_calls=True,
            reviews=self.reviews,
        )

    def context(
        self, request: Request, caller: Caller, options: GuardrailOptions, request_id: str
    ) -> tuple[Guard, CallContext]:
        """The call's guard and context; headers win over the body's ``guardrail`` field.
        A use case the caller's key does not allow is a 403: the key, not the client,
        decides the risk tier."""
        guard = self.guards[caller.policy]
        opted_out = opt_out_header(request.headers, OPT_OUT_HEADER)
        requested = option_header(request.headers, USE_CASE_HEADER) or options.use_case
        if requested and not caller.may_use(requested, guard.policy.policy.default_use_case):
            raise ProxyError(
                403,
                "permission_error",
                "use_case_not_allowed",
                f"this API key may not use the use case {requested!r}",
                param="use_case",
            )
        context = guard.context(
            use_case=requested or caller.use_case,
            tenant=caller.tenant,
            request_id=request_id,
            conversation_id=option_header(request.headers, CONVERSATION_HEADER) or options.conversation_id,
            opted_out=options.opt_out if opted_out is None else opted_out,
            principal=caller.principal,
        )
        return guard, context

    async def body(self, request: Request) -> dict[str, Any]:
        """The request's JSON body, read within the configured size and time limits."""
        return await read_json(
            request.stream(),
            declared_length=request.headers.get("content-length"),
            limit=self.config.max_body_bytes,
            seconds=self.config.body_timeout_seconds,
        )

    def known_model(self, model: str) -> None:
        """A 404 for a model the config does not list."""
        if not self.upstream.knows(model):
            raise ProxyError(
                404,
                "not_found_error",
                "model_not_found",
                f"the model {model!r} does not exist; GET /v1/models lists the models",
                param="model",
            )


def _check_key_use_cases(config: ServerConfig, guards: Mapping[str, Guard]) -> None:
    """Stop start-up on a key naming a use case its policy does not have."""
    for entry in config.keys:
        policy = guards[entry.policy or config.policy].policy.policy
        named = [entry.use_case, *(entry.allowed_use_cases or [])]
        unknown = sorted({name for name in named if name and name not in policy.use_cases})
        if unknown:
            raise ConfigurationError(
                f"key of tenant {entry.tenant!r}: use case {unknown[0]!r} is not in policy "
                f"{policy.id!r} ({', '.join(sorted(policy.use_cases))})"
            )


def _check_reviewers(config: ServerConfig, guards: Mapping[str, Guard]) -> bool:
    """Stop start-up on a use case that holds or samples answers for a reviewer the
    config does not have; ``True`` if any policy in use reviews answers."""
    known, reviewing = {r.id for r in config.reviewers}, False
    for name in sorted({config.policy, *(k.policy for k in config.keys if k.policy)}):
        policy = guards[name].policy.policy
        for use_case, declared in sorted(policy.use_cases.items()):
            if declared.review.mode is ReviewMode.FLAG:
                continue
            reviewing = True
            missing = sorted(set(declared.review.reviewers) - known)
            if missing:
                raise ConfigurationError(
                    f"policy {policy.id!r}: use_cases.{use_case}.review.reviewers names {missing[0]!r}, "
                    f"which is not among the server config's reviewers ({', '.join(sorted(known)) or 'none'})"
                )
    return reviewing
