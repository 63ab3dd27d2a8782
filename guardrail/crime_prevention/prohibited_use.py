"""The ``prohibited_use`` check: requests for, or answers with, content the Guideline
names as illicit uses (p.13): instructions for violence and weapons, obscene material,
falsified documents and fraud, malicious code; plus illegal drug manufacture.

Rules are data (``guardrail/policies/rules/prohibited-use.yaml``), matched in English and
Traditional Chinese; the evidence names the rule that fired. A policy usually marks
this check ``escalate_to: unacceptable``: a prohibited use makes the call one the
Guideline prohibits, whatever its use case.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from guardrail.policy.registry import CheckServices, CheckType
from guardrail.rules.check import RuleCheck, RuleCheckSettings
from guardrail.rules.corroboration import corroborator

REASON = "crime_prevention.prohibited_use"


class ProhibitedUseSettings(RuleCheckSettings):
    rule_sets: list[str] = Field(default_factory=lambda: ["builtin:prohibited-use"], min_length=1)


def build(settings: ProhibitedUseSettings, services: CheckServices) -> Any:
    return RuleCheck(settings, REASON, services.memo(), corroborator(settings.corroboration, services))


PROHIBITED_USE = CheckType(
    name="prohibited_use",
    settings_model=ProhibitedUseSettings,
    factory="guardrail.crime_prevention.prohibited_use:build",
)
