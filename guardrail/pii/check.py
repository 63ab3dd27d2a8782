"""The ``personal_data`` check: personal data out of every text in a chat payload."""

from __future__ import annotations

from guardrail.core.chat import payload_texts, replace_payload_texts
from guardrail.core.context import CallContext
from guardrail.core.memo import TextMemo
from guardrail.core.vault import PseudonymVault
from guardrail.core.verdict import ALLOW, Decision, Finding, Payload, Verdict
from guardrail.errors import ConfigurationError
from guardrail.pii.redactor import Detection, Redactor
from guardrail.pii.settings import Action, PersonalDataSettings
from guardrail.policy.loader import LoadedPolicy
from guardrail.policy.registry import CheckServices

BLOCKED_REASON = "personal_data.blocked_entity"
REDACTED_REASON = "personal_data.redacted"


class PersonalDataCheck:
    """Finds personal data in all roles, content parts, names and tool-call arguments.

    All texts are analysed before any is rewritten, so a call that must be blocked
    leaves no pseudonyms behind in the vault.
    """

    def __init__(
        self, settings: PersonalDataSettings, vault: PseudonymVault | None = None, memo: TextMemo | None = None
    ):
        self.redactor = Redactor(settings, vault)
        self.memo = memo if memo is not None else TextMemo(0)

    @classmethod
    def from_services(cls, settings: PersonalDataSettings, services: CheckServices) -> PersonalDataCheck:
        """The registry's factory: the check writes pseudonyms to the runtime's vault and
        remembers each text's detections in its memo."""
        return cls(settings, services.vault, services.memo())

    def __call__(self, payload: Payload, context: CallContext) -> Verdict:
        slots = payload_texts(payload)
        detected, remembered = self._detections([slot.text for slot in slots], context.tenant)
        analysed = list(zip(slots, detected, strict=True))
        findings = tuple(
            _finding(detection, slot.location) for slot, detections in analysed for detection in detections
        )
        if not findings:
            return Verdict(Decision.ALLOW, remembered=remembered) if remembered else ALLOW
        if any(finding.action == Action.BLOCK for finding in findings):
            return Verdict(Decision.BLOCK, findings=findings, reason=BLOCKED_REASON)
        scope = context.vault_scope
        new_texts = [
            self.redactor.apply(slot.text, detections, scope=scope).text if detections else slot.text
            for slot, detections in analysed
        ]
        return Verdict(
            Decision.MODIFY,
            payload=replace_payload_texts(payload, new_texts),
            findings=findings,
            reason=REDACTED_REASON,
            remembered=remembered,
        )

    def _detections(self, texts: list[str], tenant: str) -> tuple[list[list[Detection]], int]:
        """Each text's detections, remembered ones looked up and the rest analysed together;
        and how many were remembered. Detections depend on the text and the policy only,
        so a resent conversation costs only its new messages."""
        keys = [self.memo.key(tenant, text) for text in texts]
        found: list[list[Detection] | None] = [self.memo.get(key) for key in keys]
        missing = [i for i, detections in enumerate(found) if detections is None]
        for i, detections in zip(missing, self.redactor.analyze_many([texts[i] for i in missing]), strict=True):
            found[i] = detections
            self.memo.put(keys[i], detections)
        return [detections or [] for detections in found], len(texts) - len(missing)


def personal_data_redactor(loaded: LoadedPolicy) -> Redactor:
    """The redactor of the policy's first personal-data check, built (models loaded) once.

    Only that check is built, so tools that just redact text skip the others.
    """
    for spec in loaded.policy.checks:
        settings = loaded.settings[spec.name]
        if isinstance(settings, PersonalDataSettings):
            return PersonalDataCheck(settings).redactor
    raise ConfigurationError(f"policy {loaded.ref.id!r} has no personal_data check")


def _finding(detection: Detection, location: str) -> Finding:
    return Finding(
        entity_type=detection.entity_type,
        start=detection.start,
        end=detection.end,
        score=round(detection.score, 3),
        rule=detection.rule,
        location=location,
        action=detection.action.value,
    )
