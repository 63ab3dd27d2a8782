"""Finding, reading and validating policy packs.

A name resolves to a built-in pack shipped in ``guardrail.policies``; anything that
looks like a path is read from disk. Every failure becomes a
:class:`~guardrail.errors.PolicyError` naming the file and the field, so a broken
policy stops start-up with a message rather than a traceback.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from guardrail.core.context import PolicyRef
from guardrail.errors import PolicyError, PolicyNotFoundError
from guardrail.policy import registry
from guardrail.policy.model import Policy
from guardrail.yamlfile import YamlProblem, load_mapping, validation_problem

DEFAULT_POLICY = "hk-genai-2025"
_PACKAGE = "guardrail.policies"


@dataclass(frozen=True, slots=True)
class LoadedPolicy:
    """A validated policy, where it came from, and each check's validated settings."""

    policy: Policy
    source: str
    settings: dict[str, BaseModel]
    # Hashed once here: every call cites it, and hashing costs ~0.1 ms.
    ref: PolicyRef = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ref", PolicyRef(self.policy.id, self.policy.version, policy_hash(self)))

    def effective(self) -> dict[str, Any]:
        """The policy as it behaves: every check's settings with defaults filled in."""
        data = self.policy.model_dump(mode="json")
        for check in data["checks"]:
            check["settings"] = self.settings[check["name"]].model_dump(mode="json")
        return data


def built_in_names() -> list[str]:
    """Names of the policy packs shipped with guardrail."""
    return sorted(
        entry.name.removesuffix(".yaml")
        for entry in resources.files(_PACKAGE).iterdir()
        if entry.name.endswith(".yaml")
    )


def load_policy(name_or_path: str | Path = DEFAULT_POLICY) -> LoadedPolicy:
    """Load a built-in pack by name, or a policy file by path."""
    text, source = _read(str(name_or_path))
    return parse_policy(text, source=source)


def parse_policy(text: str, *, source: str) -> LoadedPolicy:
    """Validate policy YAML; ``source`` is used in error messages."""
    try:
        raw = load_mapping(text, what="a policy")
    except YamlProblem as problem:
        raise PolicyError(problem.message, source=source, field=problem.field) from None
    try:
        policy = Policy.model_validate(raw)
    except ValidationError as error:
        raise _policy_error(error, source, prefix=()) from None
    settings = {
        check.name: _validate_settings(check_index, policy, source) for check_index, check in enumerate(policy.checks)
    }
    return LoadedPolicy(policy=policy, source=source, settings=settings)


def policy_hash(loaded: LoadedPolicy) -> str:
    """SHA-256 over the effective policy's canonical JSON.

    Layout, comments and spelling out a default do not change it; any change in
    behaviour does, including in files a check's settings name (rule sets), whose
    digests are hashed alongside (settings that offer ``content_digest()``).
    """
    data = loaded.effective()
    data["external_content"] = {
        name: digest()
        for name, settings in loaded.settings.items()
        if callable(digest := getattr(settings, "content_digest", None))
    }
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _validate_settings(index: int, policy: Policy, source: str) -> BaseModel:
    check = policy.checks[index]
    try:
        check_type = registry.resolve(check.type)
    except KeyError:
        raise PolicyError(
            f"unknown check type {check.type!r}; known: {', '.join(registry.known_types())}",
            source=source,
            field=f"checks[{index}].type",
        ) from None
    try:
        return check_type.settings_model.model_validate(check.settings)
    except ValidationError as error:
        raise _policy_error(error, source, prefix=("checks", index, "settings")) from None


def _policy_error(error: ValidationError, source: str, prefix: tuple[Any, ...]) -> PolicyError:
    problem = validation_problem(error, prefix)
    return PolicyError(problem.message, source=source, field=problem.field)


def _read(name_or_path: str) -> tuple[str, str]:
    looks_like_path = any(sep in name_or_path for sep in ("/", "\\")) or name_or_path.endswith((".yaml", ".yml"))
    if not looks_like_path:
        candidate = resources.files(_PACKAGE).joinpath(f"{name_or_path}.yaml")
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8"), f"built-in policy {name_or_path!r}"
        if not Path(name_or_path).exists():
            raise PolicyNotFoundError(
                f"no built-in policy or file of that name; built-in: {', '.join(built_in_names())}",
                source=name_or_path,
            )
    path = Path(name_or_path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PolicyNotFoundError("file not found", source=str(path)) from None
    except OSError as error:
        raise PolicyError(f"cannot read file: {error.strerror}", source=str(path)) from None
    try:
        return data.decode("utf-8"), str(path)
    except UnicodeDecodeError as error:
        raise PolicyError(f"not UTF-8 text (bad byte at offset {error.start})", source=str(path)) from None
