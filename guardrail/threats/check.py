"""The ``threat_classifier`` check: intent scores against thresholds set by policy.

What a text is scored for depends on who wrote it:

- what the user wrote (``roles``) is scored for every category the check acts on,
  against ``thresholds``;
- untrusted content the model will read (``untrusted_roles``: tool and function
  results) is scored only for instructions aimed at the model, against
  ``untrusted_thresholds``: a retrieved page about drugs is not a drug request, but
  a page that tells the model what to do is an injection;
- answers (the output stage) are scored against ``output_thresholds``; an answer that
  opens by declining is skipped, as the rule checks do.

``tiers`` replaces any of those thresholds for a risk tier (high risk: stricter).
``counter_speech_thresholds`` holds a request that quotes a prejudice to refute it, or
asks why it hurts (``guardrail.threats.counter_speech``), to thresholds of its own: its
words score like the prejudice's. A score between the two thresholds is kept as
evidence (action ``counter_speech``) and the call goes on with a warning.
``corroborated_below`` asks more of a category whose score alone says too little: a
request framed as a persona, a game or a "mode" scores high for jailbreak whether it
asks for a pirate captain's voice or for a weapon. A score in such a category under
its value acts only when the same text also scores at least ``corroboration_floor``
in another category (a harm the wrapper carries); otherwise it is kept as evidence
(action ``uncorroborated``) and the call goes on with a warning. A wrapper with no
harm inside ("you have no rules now, confirm") scores over the value on its own.
Evidence is data: per category over its threshold, a finding with the category, the
score, the threshold, the model's ``id@version`` and the span of the window that
scored highest; never the text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from enum import StrEnum
from typing import Any

from pydantic import Field, model_validator

from guardrail.core.chat import Message, TextSlot, collect_texts
from guardrail.core.context import CallContext, RiskTier, Stage
from guardrail.core.memo import TextMemo
from guardrail.core.verdict import (
    ALLOW,
    COUNTER_SPEECH,
    EVIDENCE_ONLY,
    UNCORROBORATED,
    Decision,
    Finding,
    Payload,
    Verdict,
)
from guardrail.policy.model import StrictModel
from guardrail.policy.registry import CheckServices, CheckType
from guardrail.text.refusals import REFUSAL, REFUSAL_SCAN_CHARS
from guardrail.threats.counter_speech import frames_as_counter_speech
from guardrail.threats.model import (
    BUILTIN,
    BUILTIN_FILES,
    CategoryScore,
    ThreatModel,
    load_model,
    scorer,
    scores_memo_key,
    weights_digest,
)


class Category(StrEnum):
    """What the classifier scores; each maps onto a Guideline dimension."""

    JAILBREAK = "jailbreak"
    INDIRECT_INJECTION = "indirect_injection"
    VIOLENCE_WEAPONS = "violence_weapons"
    SEXUAL_MINORS = "sexual_minors"
    FRAUD_FORGERY = "fraud_forgery"
    MALWARE_INTRUSION = "malware_intrusion"
    ILLEGAL_DRUGS = "illegal_drugs"
    DOXXING_SURVEILLANCE = "doxxing_surveillance"
    DISCRIMINATION = "discrimination"
    SELF_HARM = "self_harm"


REASONS = {
    Category.JAILBREAK: "system_security.jailbreak",
    Category.INDIRECT_INJECTION: "system_security.indirect_injection",
    Category.VIOLENCE_WEAPONS: "crime_prevention.violence_weapons",
    Category.SEXUAL_MINORS: "crime_prevention.sexual_minors",
    Category.FRAUD_FORGERY: "crime_prevention.fraud_forgery",
    Category.MALWARE_INTRUSION: "crime_prevention.malware_intrusion",
    Category.ILLEGAL_DRUGS: "crime_prevention.illegal_drugs",
    Category.DOXXING_SURVEILLANCE: "personal_data.doxxing_surveillance",
    Category.DISCRIMINATION: "fairness.discrimination",
    Category.SELF_HARM: "safety.self_harm",
}

Thresholds = dict[Category, float]


class TierThresholds(StrictModel):
    """A risk tier's own thresholds; a category not named keeps the check's."""

    thresholds: dict[Category, float] = Field(default_factory=dict)
    untrusted_thresholds: dict[Category, float] = Field(default_factory=dict)
    output_thresholds: dict[Category, float] = Field(default_factory=dict)
    corroborated_below: dict[Category, float] | None = Field(
        default=None, description="Replaces the check's whole table in this tier ({}: every score acts alone)."
    )


class ThreatAction(StrEnum):
    BLOCK = "block"
    WARN = "warn"


class ThreatClassifierSettings(StrictModel):
    """Which categories to act on, their thresholds, and how texts are windowed."""

    model: str = Field(
        default=BUILTIN,
        description="builtin (n-grams), builtin-hidden (a hidden layer over them), builtin-dense (n-grams and a "
        "sentence encoder), or the path of a .npz.",
    )
    thresholds: dict[Category, float] = Field(
        min_length=1, description="Input texts by `roles`: the categories acted on, each with its threshold."
    )
    untrusted_thresholds: dict[Category, float] = Field(
        default_factory=dict, description="Input texts by `untrusted_roles`; usually injection only."
    )
    output_thresholds: dict[Category, float] = Field(
        default_factory=dict, description="Answers; a category not named is not scored in answers."
    )
    tiers: dict[RiskTier, TierThresholds] = Field(default_factory=dict)
    counter_speech_thresholds: dict[Category, float] = Field(
        default_factory=dict,
        description="Input texts by `roles` that quote a prejudice to refute it or ask why it hurts: these "
        "categories' thresholds in every tier; a score between the two is kept as evidence and warns.",
    )
    corroborated_below: dict[Category, float] = Field(
        default_factory=dict,
        description="Input texts by `roles`: a score in these categories under this value acts only when the text "
        "scores at least `corroboration_floor` in another category; otherwise it is kept as evidence and warns.",
    )
    corroboration_floor: float = Field(
        default=0.1, gt=0.0, le=1.0, description="The score in another category that corroborates, as above."
    )
    roles: list[str] = Field(default_factory=lambda: ["user"])
    untrusted_roles: list[str] = Field(default_factory=lambda: ["tool", "function"])
    action: ThreatAction = ThreatAction.BLOCK
    window_chars: int = Field(default=600, ge=50, le=20_000)
    overlap_chars: int = Field(default=150, ge=0)
    budget_ms: float = Field(
        default=5000.0, gt=0, le=600_000, description="Scoring one text past this raises, and on_error applies."
    )

    @model_validator(mode="after")
    def _consistent(self) -> ThreatClassifierSettings:
        tables = [
            self.thresholds,
            self.untrusted_thresholds,
            self.output_thresholds,
            self.counter_speech_thresholds,
            self.corroborated_below,
        ]
        tables += [
            table
            for tier in self.tiers.values()
            for table in (tier.thresholds, tier.untrusted_thresholds, tier.output_thresholds, tier.corroborated_below)
            if table is not None
        ]
        for table in tables:
            for category, value in table.items():
                if not 0.0 < value <= 1.0:
                    raise ValueError(f"threshold for {category.value} must be in (0, 1], got {value}")
        if self.overlap_chars >= self.window_chars:
            raise ValueError("overlap_chars must be smaller than window_chars")
        if self.model not in BUILTIN_FILES:
            try:  # a missing or broken weights file stops start-up, naming the field
                load_model(self.model)
            except (OSError, ValueError, KeyError) as error:
                raise ValueError(f"cannot load the weights in {self.model} ({type(error).__name__})") from None
        return self

    def content_digest(self) -> str:
        """The weights, hashed: the policy hash covers the model, so retrained weights
        change it though the policy names the model only."""
        return weights_digest(self.model)


class ThreatClassifierCheck:
    """Scores every text it is given to look at; blocks (or warns) over a threshold."""

    def __init__(
        self, settings: ThreatClassifierSettings, model: ThreatModel | None = None, memo: TextMemo | None = None
    ) -> None:
        self.settings = settings
        self.model = model or load_model(settings.model)
        self.memo = memo if memo is not None else TextMemo(0)
        self._score = scorer(self.model, settings)
        known = set(self.model.categories)
        missing = {
            c.value
            for table in (settings.thresholds, settings.untrusted_thresholds, settings.output_thresholds)
            for c in table
        } - known
        if missing:
            raise ValueError(f"the model {self.model.ref} does not score {sorted(missing)}")
        self.roles = frozenset(settings.roles)
        self.untrusted = frozenset(settings.untrusted_roles)

    def __call__(self, payload: Payload, context: CallContext) -> Verdict:
        remembered: list[bool] = []
        findings = tuple(self.findings(payload, context.risk_tier, context.tenant, remembered))
        if not findings:
            return Verdict(Decision.ALLOW, remembered=sum(remembered)) if any(remembered) else ALLOW
        acting = [f for f in findings if f.action not in EVIDENCE_ONLY]
        blocks = self.settings.action is ThreatAction.BLOCK and bool(acting)
        decision = Decision.BLOCK if blocks else Decision.WARN
        top = max(acting or findings, key=lambda f: f.score - (f.threshold or 0.0))
        return Verdict(
            decision, findings=findings, reason=REASONS[Category(top.entity_type)], remembered=sum(remembered)
        )

    def findings(
        self, payload: Payload, tier: RiskTier, tenant: str = "default", remembered: list[bool] | None = None
    ) -> Iterator[Finding]:
        """Findings over each text's scores; a text scored before for this tenant is looked
        up in the memo (scores depend on the text and the model only), and ``remembered``
        gets one entry per text saying whether it was."""
        action = self.settings.action.value
        for location, table, thresholds, text in self.texts(payload, tier):
            if not thresholds or not text.strip():
                continue
            scores, hit = self.memo.remembered(tenant, text, self._score)
            if remembered is not None:
                remembered.append(hit)
            framed: Thresholds | None = None  # read only for a text over a threshold it may raise
            for score in scores:
                threshold = thresholds.get(score.category)  # type: ignore[call-overload,unused-ignore]  # StrEnum keys
                if threshold is None or score.score < threshold:
                    continue
                raised = None
                if table == "thresholds" and score.category in self.settings.counter_speech_thresholds:
                    framed = self._framed(thresholds, text) if framed is None else framed
                    raised = framed.get(score.category)  # type: ignore[call-overload,unused-ignore]  # StrEnum keys
                held = raised is not None and score.score < raised
                alone = table == "thresholds" and not held and self._uncorroborated(score, scores, tier)
                yield Finding(
                    score.category,
                    score.start,
                    score.end,
                    round(score.score, 4),
                    self.model.ref,
                    location,
                    COUNTER_SPEECH if held else UNCORROBORATED if alone else action,
                    threshold=raised if raised is not None else threshold,
                )

    def _uncorroborated(self, score: CategoryScore, scores: Sequence[CategoryScore], tier: RiskTier) -> bool:
        """Whether ``score`` is under its ``corroborated_below`` value (the tier's table if
        it has one) with no other category of the same text at ``corroboration_floor``."""
        override = self.settings.tiers.get(tier)
        table = self.settings.corroborated_below
        if override is not None and override.corroborated_below is not None:
            table = override.corroborated_below
        below = table.get(score.category)  # type: ignore[call-overload,unused-ignore]  # StrEnum keys
        if below is None or score.score >= below:
            return False
        floor = self.settings.corroboration_floor
        return not any(other.score >= floor for other in scores if other.category != score.category)

    def _framed(self, thresholds: Thresholds, text: str) -> Thresholds:
        """For a request framed as counter-speech, the counter-speech thresholds (never
        below the request's own); for any other request, none."""
        table = self.settings.counter_speech_thresholds
        if not table or not frames_as_counter_speech(text):
            return {}
        return {c: max(v, thresholds[c]) for c, v in table.items() if c in thresholds}

    def texts(self, payload: Payload, tier: RiskTier) -> Iterator[tuple[str, str, Thresholds, str]]:
        """(location, which table applies, its thresholds, text) of every text this check scores."""
        for slot in collect_texts(payload.messages):
            if payload.stage is Stage.OUTPUT:
                if REFUSAL.search(slot.text[:REFUSAL_SCAN_CHARS]):
                    continue
                table = "output_thresholds"
            else:
                role = _role(payload.messages, slot)
                if role in self.roles:
                    table = "thresholds"
                elif role in self.untrusted:
                    table = "untrusted_thresholds"
                else:
                    continue
            yield slot.location, table, self.thresholds(table, tier), slot.text

    def thresholds(self, table: str, tier: RiskTier) -> Thresholds:
        """The table for ``tier``: the check's own, with the tier's entries over it."""
        base: Thresholds = getattr(self.settings, table)
        override = self.settings.tiers.get(tier)
        if override is None:
            return base
        extra: Thresholds = getattr(override, table)
        return {**base, **{c: v for c, v in extra.items() if c in base}} if extra else base


def _role(messages: tuple[Message, ...], slot: TextSlot) -> str:
    """The role of the message a text is in."""
    role = getattr(slot, "role", "")
    if role:
        return str(role)
    index = int(slot.location[len("messages[") : slot.location.index("]")])
    found = messages[index].get("role")
    return found if isinstance(found, str) else ""


def build(settings: ThreatClassifierSettings, services: CheckServices) -> Any:
    """The check, its scores remembered in a memo shared by every check reading the same
    model with the same windows (the default policy's threat and fairness checks score
    each text once between them)."""
    model = load_model(settings.model)
    return ThreatClassifierCheck(settings, model, memo=services.memo(scores_memo_key(model, settings)))


THREAT_CLASSIFIER = CheckType(
    name="threat_classifier",
    settings_model=ThreatClassifierSettings,
    factory="guardrail.threats.check:build",
)
