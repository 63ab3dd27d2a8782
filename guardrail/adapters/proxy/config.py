"""The server's config file: upstreams, policy, API keys and limits.

Upstreams use LiteLLM's ``model_list`` format unchanged, so an existing LiteLLM
config carries over. Secrets are never written in the file: any string of the form
``os.environ/NAME`` (LiteLLM's convention) is read from the environment at start-up,
and a missing variable stops start-up with the field that needs it.

With no file, :func:`embedded_default` gives the offline demo: loopback only, the
``hk-genai-2025`` pack, records under ``.guardrail/``, and a demo model that needs
no API key.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from guardrail.attribution.keys import SigningSettings
from guardrail.audit.records import audit_location
from guardrail.audit.settings import TrailSettings
from guardrail.core.memo import DEFAULT_MAX_ENTRIES, DEFAULT_TTL_SECONDS
from guardrail.errors import ConfigurationError
from guardrail.pii.vault_stores import VaultSettings
from guardrail.policy.loader import DEFAULT_POLICY
from guardrail.telemetry import TelemetrySettings
from guardrail.yamlfile import YamlProblem, dotted, load_mapping, validation_problem

ENV_PREFIX = "os.environ/"
DEMO_MODEL = "guardrail-demo"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KeyConfig(_Strict):
    """One client API key: who it belongs to and what it may do."""

    key: SecretStr = Field(description="The key itself, or os.environ/NAME.")
    tenant: str = Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.:-]+$")
    policy: str | None = Field(default=None, description="Policy for this key; default: the server's.")
    use_case: str | None = Field(default=None, description="Default use case for this key's calls.")
    allowed_use_cases: list[str] | None = Field(
        default=None,
        description=(
            "Use cases this key's calls may ask for (x-guardrail-use-case or the body's guardrail.use_case); "
            "default: only its own use_case (or the policy's default). Asking for another is a 403, so a "
            "client cannot lower its own risk tier."
        ),
    )

    @model_validator(mode="after")
    def _own_use_case_allowed(self) -> KeyConfig:
        if self.allowed_use_cases is not None and self.use_case and self.use_case not in self.allowed_use_cases:
            raise ValueError(f"use_case {self.use_case!r} must be one of allowed_use_cases")
        return self


class ReviewerConfig(_Strict):
    """One human reviewer: a role apart from API clients, with a key of its own. Its
    ``id`` is what policies list under ``review.reviewers`` and what the audit trail names."""

    id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")
    key: SecretStr = Field(description="The reviewer's key, or os.environ/NAME; never an API client's key.")
    originals: bool = Field(
        default=False,
        description="May read requests and answers as the client sent and got them (personal data "
        "included); every such view is an audit record. Otherwise reviewers read what the model saw.",
    )
    tenants: list[str] | None = Field(
        default=None,
        min_length=1,
        description="The tenants whose answers this reviewer sees and decides; default: every tenant of the "
        "use cases that name it.",
    )
    auditor: bool = Field(
        default=False,
        description="May open the console's audit view (/console/audit): the trail's integrity, figures and "
        "records, of ``tenants`` only when set. An entry no policy names under review.reviewers is an auditor "
        "who decides no review.",
    )


class ReviewWebhook(_Strict):
    """Where review events go (held, decided, timed out; never content), signed with ``secret``."""

    url: str = Field(pattern=r"^https?://", description="Receives a signed JSON POST per event.")
    secret: SecretStr = Field(description="HMAC-SHA256 key of x-guardrail-signature; os.environ/NAME.")
    timeout_seconds: float = Field(default=5.0, gt=0, le=60)


class ReviewSettings(_Strict):
    """Where held answers are kept (sealed with GUARDRAIL_REVIEW_KEY or <data_dir>/keys/review.key)."""

    store: Literal["sqlite"] = Field(default="sqlite", description="sqlite: <data_dir>/reviews.sqlite3.")
    webhook: ReviewWebhook | None = Field(default=None, description="Told of each hold, decision and timeout.")


class ConsoleSettings(_Strict):
    """The console: the review queue (``/console/reviews``), static pages that read the
    review API with the reviewer's own key, and the audit view (``/console/audit``) for
    reviewers with ``auditor: true``."""

    enabled: bool = Field(default=False, description="Serve the review console and the audit view.")


class ModelEntry(BaseModel):
    """One LiteLLM ``model_list`` entry; fields beyond these go to LiteLLM as they are."""

    model_config = ConfigDict(extra="allow", frozen=True)

    model_name: str = Field(min_length=1)
    litellm_params: dict[str, Any]

    @field_validator("litellm_params")
    @classmethod
    def _has_model(cls, params: dict[str, Any]) -> dict[str, Any]:
        if not isinstance(params.get("model"), str) or not params["model"]:
            raise ValueError("litellm_params.model is required (e.g. openai/gpt-4o-mini)")
        return params


class CheckMemory(_Strict):
    """How many texts each check remembers its result for, per worker, and how long: a
    conversation resent turn after turn then costs only its new messages."""

    max_texts: int = Field(default=DEFAULT_MAX_ENTRIES, ge=0, description="0 turns the memory off.")
    ttl_seconds: float = Field(default=DEFAULT_TTL_SECONDS, gt=0)


class ServerConfig(_Strict):
    """Everything ``guardrail serve`` needs; see ``examples/server/config.yaml``."""

    policy: str = DEFAULT_POLICY
    service_provider: str = Field(default="guardrail demo", description="Named in attribution.")
    attribution: SigningSettings = Field(
        default_factory=SigningSettings,
        description="The key that signs answers, and other instances' public keys to publish.",
    )
    content_propagator: str | None = Field(
        default=None,
        min_length=1,
        description="Who delivers the answers to their readers, when not the service provider "
        "(GB 45438's ContentPropagator in the manifest's implicit label).",
    )
    data_dir: Path = Path(".guardrail")
    model_list: list[ModelEntry] = Field(default_factory=lambda: [demo_model_entry()], min_length=1)
    router_settings: dict[str, Any] = Field(
        default_factory=dict, description="Passed to litellm.Router: num_retries, timeout, fallbacks..."
    )
    keys: list[KeyConfig] = Field(default_factory=list)
    max_body_bytes: int = Field(default=1_000_000, gt=0)
    body_timeout_seconds: float = Field(default=30.0, gt=0, description="A body slower than this gets 408.")
    upstream_timeout_seconds: float = Field(default=60.0, gt=0)
    vault: VaultSettings = Field(
        default_factory=VaultSettings, description="Where pseudonyms are kept: memory (per worker) or redis (shared)."
    )
    vault_ttl_seconds: float = Field(default=3600.0, gt=0, description="Deprecated: vault.ttl_seconds.")
    audit_store: Literal["folder", "sqlite", "postgres"] = Field(
        default="folder",
        description="folder: JSON-lines day files in <data_dir>/audit; sqlite: <data_dir>/audit.sqlite3; "
        "postgres: one trail shared by every instance, at $GUARDRAIL_DATABASE_URL (audit_trail.postgres_schema).",
    )
    audit_retention_days: float | None = Field(
        default=None, gt=0, description="Purge audit day files older than this at start-up; none: keep all."
    )
    audit_trail: TrailSettings = Field(
        default_factory=TrailSettings, description="Durability, checkpoints, checkpoint key and witnesses."
    )
    stream_window_chars: int = Field(default=64, ge=16, le=4096)
    telemetry: TelemetrySettings = Field(default_factory=TelemetrySettings)
    passthrough_params: list[str] = Field(
        default_factory=list,
        description="Request fields beyond OpenAI's that are let through, checked as free-form JSON.",
    )
    check_memory: CheckMemory = Field(default_factory=lambda: CheckMemory())
    reviewers: list[ReviewerConfig] = Field(
        default_factory=list, description="Human reviewers of held and sampled answers (policy review.reviewers)."
    )
    reviews: ReviewSettings = Field(default_factory=lambda: ReviewSettings())
    console: ConsoleSettings = Field(default_factory=lambda: ConsoleSettings())

    @model_validator(mode="before")
    @classmethod
    def _one_vault_ttl(cls, data: Any) -> Any:
        """``vault_ttl_seconds`` (older configs) and ``vault.ttl_seconds`` are one setting:
        either fills the other, and two different values are refused."""
        if not isinstance(data, dict):
            return data
        vault = data.get("vault")
        vault = dict(vault) if isinstance(vault, dict) else vault
        old = data.get("vault_ttl_seconds")
        new = vault.get("ttl_seconds") if isinstance(vault, dict) else None
        if old is not None and new is not None and old != new:
            raise ValueError("vault_ttl_seconds and vault.ttl_seconds differ; keep vault.ttl_seconds only")
        if old is not None and new is None and (vault is None or isinstance(vault, dict)):
            return {**data, "vault": {**(vault or {}), "ttl_seconds": old}}
        if new is not None and old is None:
            return {**data, "vault_ttl_seconds": new}
        return data

    @field_validator("keys")
    @classmethod
    def _keys_unique(cls, keys: list[KeyConfig]) -> list[KeyConfig]:
        values = [k.key.get_secret_value() for k in keys]
        if len(set(values)) != len(values):
            raise ValueError("two entries share one key")
        return keys

    @model_validator(mode="after")
    def _reviewers_apart(self) -> ServerConfig:
        """Reviewer ids are unique, and no key is both a reviewer's and an API client's
        (or two reviewers'): a key names one role."""
        ids = [r.id for r in self.reviewers]
        if len(set(ids)) != len(ids):
            raise ValueError("reviewers: two entries share one id")
        client_keys = {k.key.get_secret_value() for k in self.keys}
        reviewer_keys = [r.key.get_secret_value() for r in self.reviewers]
        if len(set(reviewer_keys)) != len(reviewer_keys) or client_keys & set(reviewer_keys):
            raise ValueError("reviewers: each reviewer needs a key of its own, not another reviewer's or an API key")
        return self

    @property
    def audit_path(self) -> Path:
        """Where the audit trail lives; ``guardrail audit verify`` takes this path."""
        return audit_location(self.data_dir, self.audit_store)


def demo_model_entry() -> ModelEntry:
    """The offline demo model: LiteLLM serves it through guardrail's echo provider."""
    return ModelEntry(model_name=DEMO_MODEL, litellm_params={"model": f"{DEMO_MODEL}/echo"})


def embedded_default() -> ServerConfig:
    return ServerConfig()


def load_config(path: str | Path) -> ServerConfig:
    """Read, resolve ``os.environ/`` references and validate a config file."""
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigurationError(f"{source}: file not found") from None
    except UnicodeDecodeError as error:
        raise ConfigurationError(f"{source}: not UTF-8 text (bad byte at offset {error.start})") from None
    except OSError as error:
        raise ConfigurationError(f"{source}: cannot read file: {error.strerror}") from None
    try:
        raw = load_mapping(text, what="a server config")
        resolved = _relative_policies(_resolve_env(raw, ()), Path(path).parent)
        return ServerConfig.model_validate(resolved)
    except YamlProblem as problem:
        raise ConfigurationError(_where(source, problem)) from None
    except ValidationError as error:
        raise ConfigurationError(_where(source, validation_problem(error))) from None


def _relative_policies(config: dict[str, Any], folder: Path) -> dict[str, Any]:
    """Policy files named in a config are found beside the config first, so a config
    and its policies can move together; built-in names and absolute paths are kept."""

    def beside(name: Any) -> Any:
        if not isinstance(name, str) or not name.endswith((".yaml", ".yml")) or Path(name).is_absolute():
            return name
        candidate = folder / name
        return str(candidate) if candidate.is_file() else name

    config = dict(config)
    if "policy" in config:
        config["policy"] = beside(config["policy"])
    if isinstance(config.get("keys"), list):
        config["keys"] = [
            {**key, "policy": beside(key.get("policy"))} if isinstance(key, dict) and key.get("policy") else key
            for key in config["keys"]
        ]
    return config


def _where(source: str, problem: YamlProblem) -> str:
    return f"{source}: {problem.field}: {problem.message}" if problem.field else f"{source}: {problem.message}"


def _resolve_env(node: Any, path: tuple[Any, ...]) -> Any:
    if isinstance(node, str) and node.startswith(ENV_PREFIX):
        name = node.removeprefix(ENV_PREFIX)
        value = os.environ.get(name)
        if value is None:
            raise YamlProblem(f"environment variable {name} is not set", dotted(path))
        return value
    if isinstance(node, dict):
        return {key: _resolve_env(value, (*path, key)) for key, value in node.items()}
    if isinstance(node, list):
        return [_resolve_env(value, (*path, i)) for i, value in enumerate(node)]
    return node
