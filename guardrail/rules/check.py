"""Checks built on rule sets: the shared settings and the scan over a chat payload.

The prohibited-use and prompt-injection checks are both "run these rules over the
texts the policy says to look at, and block (or warn) on a hit", so they share this
one loop; the injection check adds the texts it uncovers (hidden or encoded). With
``corroboration`` a hit blocks only where the threat classifier agrees
(:mod:`guardrail.rules.corroboration`); otherwise it warns.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from enum import StrEnum
from functools import partial

from pydantic import Field, model_validator

from guardrail.core.chat import payload_texts
from guardrail.core.context import CallContext, Stage
from guardrail.core.memo import TextMemo
from guardrail.core.verdict import ALLOW, UNCORROBORATED, Decision, Finding, Payload, Verdict
from guardrail.policy.model import StrictModel
from guardrail.rules.corroboration import CorroborationSettings, Corroborator
from guardrail.rules.engine import RuleMatch, RuleSet, digest, load_rule_sets
from guardrail.text.refusals import REFUSAL, REFUSAL_SCAN_CHARS


class RuleAction(StrEnum):
    """What a hit does: ``block`` refuses the call, ``warn`` lets it through and records it."""

    BLOCK = "block"
    WARN = "warn"


class RuleCheckSettings(StrictModel):
    """Settings every rule-based check takes."""

    rule_sets: list[str] = Field(
        min_length=1, description="builtin:NAME (shipped in guardrail/policies/rules) or a file path."
    )
    categories: list[str] | None = Field(default=None, description="Only these rule categories; default all.")
    action: RuleAction = RuleAction.BLOCK
    roles: list[str] = Field(
        default_factory=lambda: ["user", "tool", "function"],
        description=(
            "Input messages of these roles are scanned. The provider's own system prompt is "
            "not, by default: it often names what it forbids."
        ),
    )
    corroboration: CorroborationSettings | None = Field(
        default=None, description="A hit blocks only where the threat classifier's top score reaches its floor."
    )

    @model_validator(mode="after")
    def _rules_load(self) -> RuleCheckSettings:
        files = load_rule_sets(self.rule_sets)
        known = {rule.category for file in files for rule in file.rules}
        unknown = sorted(set(self.categories or ()) - known)
        if unknown:
            raise ValueError(f"unknown categories {unknown}; the rule sets have {sorted(known)}")
        return self

    def content_digest(self) -> str:
        """What the rule files say, hashed: the policy hash covers it, so it changes
        when a rule does, though the policy names the files only."""
        return digest(self.rule_sets)


class RuleCheck:
    """Runs a rule set over a payload's texts; blocks or warns on a hit."""

    def __init__(
        self,
        settings: RuleCheckSettings,
        reason: str,
        memo: TextMemo | None = None,
        corroborate: Corroborator | None = None,
    ) -> None:
        self.settings = settings
        self.rules = RuleSet(load_rule_sets(settings.rule_sets), settings.categories)
        self.reason = reason
        self.roles = frozenset(settings.roles)
        self.memo = memo if memo is not None else TextMemo(0)
        self.corroborate = corroborate

    def __call__(self, payload: Payload, context: CallContext) -> Verdict:
        findings: list[Finding] = []
        remembered = 0
        for location, role, text in self.texts(payload):
            found, hit = self.memo.remembered(
                f"{context.tenant}\x00{payload.stage}\x00{role}", text, partial(self.text_findings, role=role)
            )
            spans = [(finding.start, finding.end) for finding in found]
            if (
                found
                and self.corroborate is not None
                and payload.stage is Stage.INPUT
                and role in self.corroborate.settings.roles
                and not self.corroborate.alone(text, spans)
                and not self.corroborate.agrees(context.tenant, text, spans)
            ):
                found = tuple(replace(finding, action=UNCORROBORATED) for finding in found)
            findings += (replace(finding, location=location) for finding in found)
            remembered += hit
        if not findings:
            return Verdict(Decision.ALLOW, remembered=remembered) if remembered else ALLOW
        blocks = self.settings.action is RuleAction.BLOCK and any(f.action != UNCORROBORATED for f in findings)
        decision = Decision.BLOCK if blocks else Decision.WARN
        return Verdict(decision, findings=tuple(findings), reason=self.reason, remembered=remembered)

    def text_findings(self, text: str, role: str) -> tuple[Finding, ...]:
        """What the rules find in one text (locations left empty: the caller knows them).
        It depends on the text, its role and the rules only, so it is remembered."""
        action = self.settings.action.value
        found = [rule_finding(match, "", action) for match in self.rules.scan(text, role)]
        return (*found, *self.more_findings(text, "", role, action))

    def more_findings(self, text: str, location: str, role: str, action: str) -> Iterator[Finding]:
        """What a subclass finds in a text beyond its rules (none here)."""
        return iter(())

    def texts(self, payload: Payload) -> Iterator[tuple[str, str, str]]:
        """(location, role, text) of every text this check looks at."""
        for slot in payload_texts(payload):
            if payload.stage is Stage.INPUT:
                role = slot.role
                if role not in self.roles:
                    continue
            else:
                role = "assistant"
                if REFUSAL.search(slot.text[:REFUSAL_SCAN_CHARS]):
                    continue
            yield slot.location, role, slot.text


def rule_finding(match: RuleMatch, location: str, action: str, *, layer: str = "") -> Finding:
    """Evidence for a rule that fired: category, rule id (and set), where; never the text."""
    rule = f"{match.rule_set}:{match.rule}"
    return Finding(
        entity_type=match.category,
        start=match.start,
        end=match.end,
        score=1.0,
        rule=f"{layer}>{rule}" if layer else rule,
        location=location,
        action=action,
    )
