"""The policy file, as validated data.

Policies are YAML parsed into these models; unknown keys are rejected everywhere so
that a typo cannot silently switch a protection off. Each check names the Guideline
dimension(s) and principle(s) it serves, using the ids in GUIDELINE.md, so that every
decision it records can be reported under them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

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
    timeout_ms: int | None = Field(
        default=None,
        gt=0,
        le=600_000,
        description="Give up on the check after this long; then on_error applies (the tier may force block).",
    )
    escalate_to: RiskTier | None = Field(
        default=None,
        description=(
            "A finding of this check raises the call to this tier (a prohibited use: unacceptable); "
            "a tier that refuses then refuses the call even if the check only warns."
        ),
    )
    settings: dict[str, Any] = Field(default_factory=dict)


class ReviewMode(StrEnum):
    """What a use case's answers go through before or after they reach the client."""

    FLAG = "flag"  # released at once, marked x-guardrail-human-review when the tier says so
    HOLD = "hold"  # kept, encrypted, until a reviewer approves or edits it (or the timeout)
    SAMPLE = "sample"  # released at once; a share is queued for review after release


class ReviewPolicy(StrictModel):
    """Human review of one use case's answers (Guideline pp.17, 25, 30: a human in the
    loop for high-impact uses). ``reviewers`` are reviewer ids from the server config;
    ``on_timeout`` says whether an answer nobody reviewed in time is withheld or released."""

    mode: ReviewMode = ReviewMode.FLAG
    reviewers: list[str] = Field(default_factory=list, description="Reviewer ids (the server config's reviewers).")
    timeout_seconds: float = Field(default=86_400.0, gt=0, le=30 * 86_400)
    on_timeout: Literal["withhold", "release"] = "withhold"
    sample_percent: float = Field(default=0.0, ge=0, le=100)

    @model_validator(mode="after")
    def _consistent(self) -> ReviewPolicy:
        if self.mode is not ReviewMode.FLAG and not self.reviewers:
            raise ValueError(f"review mode {self.mode.value!r} needs at least one reviewer id in reviewers")
        if self.mode is ReviewMode.SAMPLE and self.sample_percent <= 0:
            raise ValueError("review mode 'sample' needs sample_percent above 0 (a percentage of answers, up to 100)")
        if self.mode is not ReviewMode.SAMPLE and self.sample_percent:
            raise ValueError("sample_percent applies to review mode 'sample' only")
        if len(set(self.reviewers)) != len(self.reviewers):
            raise ValueError("reviewers lists a reviewer twice")
        return self


class UseCase(StrictModel):
    """A named use case a service provider declares, with the risk tier it carries and
    the human review its answers get (default ``flag``: none held)."""

    tier: RiskTier
    description: str = ""
    review: ReviewPolicy = Field(default_factory=ReviewPolicy)


class LabelPlacement(StrEnum):
    """Where a visible "AI-generated" label goes in an answer."""

    NONE = "none"
    PREFIX = "prefix"
    SUFFIX = "suffix"


DEFAULT_LABEL = "[AI-generated content 此內容由人工智能生成]"
DEFAULT_NOTICE = (
    "[Generated by AI and not verified: check it before relying on it. "
    "此內容由人工智能生成，未經核實，請先核實再依賴。]"
)


class TierAttribution(StrictModel):
    """What one risk tier does to answers, beyond the machine-readable manifest."""

    label: LabelPlacement = LabelPlacement.NONE
    notice: bool = Field(default=False, description="Add the unverified-output notice.")
    human_review: bool = Field(default=False, description="Mark answers as requiring human review.")
    text_marker: bool = Field(
        default=False,
        description="Embed the signed manifest in the answer text as an invisible C2PA text marker.",
    )


def _default_tiers() -> dict[RiskTier, TierAttribution]:
    # Following GUIDELINE.md's table: high needs human review and the notice, limited
    # a visible label, low the manifest only. High also carries the manifest inside its
    # text, a mark that is hard to remove and survives copy and paste.
    return {
        RiskTier.UNACCEPTABLE: TierAttribution(
            label=LabelPlacement.PREFIX, notice=True, human_review=True, text_marker=True
        ),
        RiskTier.HIGH: TierAttribution(label=LabelPlacement.PREFIX, notice=True, human_review=True, text_marker=True),
        RiskTier.LIMITED: TierAttribution(label=LabelPlacement.SUFFIX),
        RiskTier.LOW: TierAttribution(),
    }


class AttributionSettings(StrictModel):
    """Visible labels and notices per risk tier. Every answer gets a signed manifest
    saying it is AI-generated whatever these say."""

    label_text: str = Field(default=DEFAULT_LABEL, min_length=1, max_length=500)
    notice_text: str = Field(default=DEFAULT_NOTICE, min_length=1, max_length=1000)
    tiers: dict[RiskTier, TierAttribution] = Field(default_factory=_default_tiers)

    def for_tier(self, tier: RiskTier) -> TierAttribution:
        return self.tiers.get(tier) or _default_tiers()[tier]


class TierRules(StrictModel):
    """What one risk tier enforces on a call (its answers' labels are under ``attribution``)."""

    refuse: bool = Field(default=False, description="Refuse every call (the Guideline's prohibition).")
    fail_closed: bool = Field(default=False, description="Every check fails closed, whatever its on_error.")
    honour_opt_out: bool = Field(
        default=False, description="A user's opt-out (x-guardrail-opt-out) keeps the request from any model."
    )


def _default_tier_rules() -> dict[RiskTier, TierRules]:
    # GUIDELINE.md's Table 1: unacceptable is prohibited; high fails closed (human in
    # the loop); limited honours opt-out (transparency obligations); low self-certifies.
    return {
        RiskTier.UNACCEPTABLE: TierRules(refuse=True, fail_closed=True),
        RiskTier.HIGH: TierRules(fail_closed=True, honour_opt_out=True),
        RiskTier.LIMITED: TierRules(honour_opt_out=True),
        RiskTier.LOW: TierRules(),
    }


class AuditSettings(StrictModel):
    """What audit records may hold beyond decisions and counts, and what a call does
    when its record cannot be written."""

    keep_redacted_content: bool = Field(
        default=False,
        description=(
            "Keep the redacted request (what went upstream, never the originals) in audit "
            "records. Set it only where users consented to usage logging (Guideline p.17, p.27)."
        ),
    )
    on_write_error: Literal["continue", "refuse"] = Field(
        default="continue",
        description=(
            "continue: answer anyway (the log says audit_record_not_written); refuse: no "
            "unaudited answer (503 audit_unavailable; while the trail fails, calls are refused "
            "before reaching a model). Calls whose risk tier fails closed always refuse."
        ),
    )


class InputSettings(StrictModel):
    """What a request may carry that no check can read."""

    unchecked_parts: Literal["refuse", "allow"] = Field(
        default="refuse",
        description=(
            "Images, audio and file contents cannot be checked for personal data or threats. "
            "refuse: such a request gets 400 unchecked_content; allow: it goes upstream and its "
            "record lists the unchecked parts (their file names and image URLs are still checked)."
        ),
    )


class Policy(StrictModel):
    """A policy pack: identity, use cases and the ordered checks to run."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,63}$")
    version: str = Field(min_length=1)
    title: str = ""
    description: str = ""
    default_use_case: str
    use_cases: dict[str, UseCase] = Field(min_length=1)
    checks: list[CheckSpec] = Field(default_factory=list)
    tiers: dict[RiskTier, TierRules] = Field(default_factory=_default_tier_rules)
    attribution: AttributionSettings = Field(default_factory=AttributionSettings)
    audit: AuditSettings = Field(default_factory=AuditSettings)
    inputs: InputSettings = Field(default_factory=InputSettings)

    def review_for(self, use_case: str) -> ReviewPolicy:
        """The human review of ``use_case``'s answers (``flag`` for one not declared)."""
        declared = self.use_cases.get(use_case)
        return declared.review if declared else ReviewPolicy()

    def tier_rules(self, tier: RiskTier) -> TierRules:
        """The tier's rules; a policy that lists only some tiers keeps the defaults for the rest."""
        return self.tiers.get(tier) or _default_tier_rules()[tier]

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
