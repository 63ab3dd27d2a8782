"""The policy file, as validated data.

Policies are YAML parsed into these models; unknown keys are rejected everywhere so
that a typo cannot silently switch a protection off. Each check names the Guideline
dimension(s) and principle(s) it serves, using the ids in GUIDELINE.md, so that every
decision it records can be reported under them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from guardrail.core.context import RiskTier, Stage


class Dimension(StrEnum):
    """The Guideline's five governance dimensions (section 2.2)."""

    PERSONAL_DATA_PRIVACY = "personal_data_privacy"
    INTELLECTUAL_PROPERTY = "intellectual_property"
    CRIME_PREVENTION = "crime_prevention"
    RELIABILITY_TRUSTWORTHINESS = "reliability_trustworthiness"
    SYSTEM_SECURITY = "system_security"


class Principle(StrEnum):
    """The Guideline's five governance principles (section 2.3)."""

    COMPLIANCE = "compliance"
    SECURITY_TRANSPARENCY = "security_transparency"
    ACCURACY_RELIABILITY = "accuracy_reliability"
    FAIRNESS_OBJECTIVITY = "fairness_objectivity"
    PRACTICALITY_EFFICIENCY = "practicality_efficiency"


class StageName(StrEnum):
    """Stage names as written in policy files."""

    INPUT = "input"
    OUTPUT = "output"

    def to_stage(self) -> Stage:
        return Stage.INPUT if self is StageName.INPUT else Stage.OUTPUT


class OnError(StrEnum):
    """What a failing check does: ``block`` fails closed, ``allow`` fails open (and says so)."""

    BLOCK = "block"
    ALLOW = "allow"


class StrictModel(BaseModel):
    """Base for policy models: unknown keys are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class CheckSpec(StrictModel):
    """One check as configured in a policy; ``settings`` are validated by its type."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,63}$")
    type: str = Field(min_length=1)
    stages: list[StageName] = Field(default=[StageName.INPUT], min_length=1)
    dimensions: list[Dimension] = Field(min_length=1)
    principles: list[Principle] = Field(min_length=1)
    on_error: OnError = OnError.BLOCK
    settings: dict[str, Any] = Field(default_factory=dict)


class UseCase(StrictModel):
    """A named use case a service provider declares, with the risk tier it carries."""

    tier: RiskTier
    description: str = ""


class Policy(StrictModel):
    """A policy pack: identity, use cases and the ordered checks to run."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,63}$")
    version: str = Field(min_length=1)
    title: str = ""
    description: str = ""
    default_use_case: str
    use_cases: dict[str, UseCase] = Field(min_length=1)
    checks: list[CheckSpec] = Field(default_factory=list)

    @model_validator(mode="after")
    def _references_resolve(self) -> Policy:
        if self.default_use_case not in self.use_cases:
            raise ValueError(
                f"default_use_case {self.default_use_case!r} is not one of the use_cases "
                f"({', '.join(sorted(self.use_cases))})"
            )
        names = [check.name for check in self.checks]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise ValueError(f"check names must be unique; repeated: {', '.join(repeated)}")
        return self
