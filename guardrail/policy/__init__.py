"""Policy packs: YAML files validated into models, and the pipelines they describe."""

from guardrail.policy.build import build_pipeline
from guardrail.policy.loader import (
    DEFAULT_POLICY,
    LoadedPolicy,
    built_in_names,
    load_policy,
    parse_policy,
    policy_hash,
)
from guardrail.policy.model import CheckSpec, Dimension, OnError, Policy, Principle, UseCase

__all__ = [
    "DEFAULT_POLICY",
    "CheckSpec",
    "Dimension",
    "LoadedPolicy",
    "OnError",
    "Policy",
    "Principle",
    "UseCase",
    "build_pipeline",
    "built_in_names",
    "load_policy",
    "parse_policy",
    "policy_hash",
]
