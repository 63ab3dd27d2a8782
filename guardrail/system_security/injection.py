"""The ``prompt_injection`` check: jailbreaks and injected instructions.

Rules (``guardrail/policies/rules/prompt-injection.yaml``) catch override and role-play
phrasing in English and Chinese, requests for the system prompt, fake chat-template
turns, and, in tool results, text that gives the model orders. The same rules then
read what a human would not see: instructions spelled in invisible Unicode tag
characters, or encoded in base64, hex or rot13 (:mod:`guardrail.text.hidden`).
A run of tag characters is a finding by itself: it has no honest use in a prompt.

A model-based classifier plugs in by configuration: ``classifier: {callable:
"package.module:function", threshold: 0.8}``, where the function takes a text and
returns the probability that it is an attack. It is loaded at start-up and runs on
every scanned text after the rules; if it raises, the check's ``on_error`` applies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from pydantic import Field

from guardrail.core.memo import TextMemo
from guardrail.core.verdict import Finding
from guardrail.policy.model import StrictModel
from guardrail.policy.registry import CheckServices, CheckType, import_path
from guardrail.rules.check import RuleCheck, RuleCheckSettings, rule_finding
from guardrail.rules.corroboration import Corroborator, corroborator
from guardrail.text.hidden import uncover

REASON = "system_security.prompt_injection"
MIN_HIDDEN_ALONE = 8


class ClassifierSettings(StrictModel):
    """A scoring function ``(text) -> float`` in [0, 1], by import path."""

    callable: str = Field(pattern=r"^[\w.]+:[\w.]+$")
    threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    name: str = Field(default="classifier", pattern=r"^[a-z0-9_.-]{1,64}$")


class PromptInjectionSettings(RuleCheckSettings):
    rule_sets: list[str] = Field(default_factory=lambda: ["builtin:prompt-injection"], min_length=1)
    decode_hidden: bool = Field(default=True, description="Also read invisible and encoded text.")
    classifier: ClassifierSettings | None = None


class PromptInjectionCheck(RuleCheck):
    def __init__(
        self, settings: PromptInjectionSettings, memo: TextMemo | None = None, corroborate: Corroborator | None = None
    ) -> None:
        super().__init__(settings, REASON, memo, corroborate)
        self.decode_hidden = settings.decode_hidden
        self.classifier: Callable[[str], float] | None = None
        self.classifier_settings = settings.classifier
        if settings.classifier is not None:
            self.classifier = import_path(settings.classifier.callable)

    def more_findings(self, text: str, location: str, role: str, action: str) -> Iterator[Finding]:
        """The rules over hidden and encoded text, then the classifier, if any."""
        if self.decode_hidden:
            yield from self._hidden(text, location, role, action)
        if self.classifier is not None and self.classifier_settings is not None:
            score = float(self.classifier(text))
            if score >= self.classifier_settings.threshold:
                yield Finding(
                    "classifier", 0, len(text), round(score, 3), self.classifier_settings.name, location, action
                )

    def _hidden(self, text: str, location: str, role: str, action: str) -> Iterator[Finding]:
        for hidden in uncover(text):
            matches = self.rules.scan(hidden.text, role)
            for match in matches:
                moved = type(match)(match.rule, match.category, match.rule_set, hidden.start, hidden.end)
                yield rule_finding(moved, location, action, layer=hidden.layer)
            if not matches and hidden.layer == "tag_characters" and len(hidden.text) >= MIN_HIDDEN_ALONE:
                yield Finding("obfuscation", hidden.start, hidden.end, 1.0, "hidden.tag_characters", location, action)


def build(settings: PromptInjectionSettings, services: CheckServices) -> Any:
    return PromptInjectionCheck(settings, services.memo(), corroborator(settings.corroboration, services))


PROMPT_INJECTION = CheckType(
    name="prompt_injection",
    settings_model=PromptInjectionSettings,
    factory="guardrail.system_security.injection:build",
)
