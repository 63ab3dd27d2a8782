"""Rule hits corroborated by the threat classifier before they refuse a call.

A rule matches words: "ignore previous instructions", 炸彈, spyware. People who ask how
to defend a chatbot against "ignore previous instructions", how Turing's 炸彈機 broke
Enigma, or how to check a phone for spyware use the same words. On the threat corpus's
dev split the rules alone refused 2.4% of the look-alikes, most of the 3% the policy
allows, and on blind held-out sets 13 of the 14 look-alikes refused were the rules'.

So a rule check may ask the classifier whether it agrees: a hit refuses the call only
where the classifier's highest category score for that text reaches ``floor``; below
it the hit is kept as evidence with the action ``uncorroborated`` and the call goes on
with a warning, never silently. Answers are not corroborated (the classifier reads
requests). The default policy sets a floor of 0.1: on dev (scored out of fold) the rules
then kept every attack they refused and refused 2.0% of the look-alikes instead of 2.4%,
room the re-tuned thresholds spend on attacks (0.5 would leave 0.8%, but on hand-written
sets the classifier never saw it let 13% of the rules' attacks through;
``docs/evaluation.md``).

Scores come from the memo the ``threat_classifier`` checks share, under the same key,
so a text is scored once per call whichever check asks first.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from guardrail.core.memo import TextMemo
from guardrail.policy.model import StrictModel
from guardrail.policy.registry import CheckServices
from guardrail.threats.model import BUILTIN, ThreatModel, load_model, scorer, scores_memo_key


class CorroborationSettings(StrictModel):
    """Which classifier must agree with a rule hit, and how strongly."""

    model: str = Field(default=BUILTIN, description="builtin, builtin-dense or a .npz path, as threat_classifier.")
    floor: float = Field(default=0.5, gt=0.0, le=1.0, description="The classifier's top score a hit needs.")
    window_chars: int = Field(default=600, ge=50, le=20_000)
    overlap_chars: int = Field(default=150, ge=0)
    budget_ms: float = Field(default=5000.0, gt=0, le=600_000)

    @model_validator(mode="after")
    def _loads(self) -> CorroborationSettings:
        if self.overlap_chars >= self.window_chars:
            raise ValueError("overlap_chars must be smaller than window_chars")
        load_model(self.model)
        return self


class Corroborator:
    """The classifier's top score for a text, remembered with the threat checks' scores."""

    def __init__(self, settings: CorroborationSettings, model: ThreatModel, memo: TextMemo) -> None:
        self.settings = settings
        self.model = model
        self.memo = memo
        self._score = scorer(model, settings)

    def agrees(self, tenant: str, text: str) -> bool:
        """Whether any category scores ``text`` at or above the floor."""
        scores, _ = self.memo.remembered(tenant, text, self._score)
        return max((score.score for score in scores), default=0.0) >= self.settings.floor


def corroborator(settings: CorroborationSettings | None, services: CheckServices) -> Corroborator | None:
    """The corroborator a rule check's settings ask for, sharing the threat checks' memo."""
    if settings is None:
        return None
    model = load_model(settings.model)
    return Corroborator(settings, model, services.memo(scores_memo_key(model, settings)))
