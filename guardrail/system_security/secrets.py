"""The ``secrets`` check: credentials out of prompts and answers.

Patterns come from Yelp's ``detect-secrets`` plugins (AWS, Azure, GitHub, GitLab,
Slack, Stripe, OpenAI, JWT, private keys, basic-auth URLs and the rest: the
well-kept list), plus what it lacks for prose: newer API-key formats, bearer tokens,
whole PEM blocks, and passwords stated in English or Chinese ("password: ...",
"密碼係 ..."). A stated password counts only if it looks like one (a digit or a
symbol), so "your password is incorrect" is left alone.

Found secrets are replaced by ``<SECRET>`` (``action: redact``) or refuse the call
(``action: block``). Evidence names the detector, never the value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import Field

from guardrail.core.chat import payload_texts, replace_payload_texts
from guardrail.core.context import CallContext
from guardrail.core.memo import TextMemo
from guardrail.core.verdict import ALLOW, Decision, Finding, Payload, Verdict
from guardrail.policy.model import StrictModel
from guardrail.policy.registry import CheckServices, CheckType
from guardrail.text.prefilter import (
    LiteralIndex,
    Literals,
    Occurrences,
    Prefilter,
    required_literals,
)

REASON_REDACTED = "system_security.secret_redacted"
REASON_BLOCKED = "system_security.secret_blocked"
PLACEHOLDER = "<SECRET>"
ENTITY = "SECRET"

# detect-secrets plugins whose patterns suit prose. Left out: the keyword and
# high-entropy detectors (too noisy outside code) and public IPs (personal data's job).
DETECT_SECRETS_PLUGINS = (
    "artifactory.ArtifactoryDetector",
    "aws.AWSKeyDetector",
    "azure_storage_key.AzureStorageKeyDetector",
    "basic_auth.BasicAuthDetector",
    "cloudant.CloudantDetector",
    "discord.DiscordBotTokenDetector",
    "github_token.GitHubTokenDetector",
    "gitlab_token.GitLabTokenDetector",
    "ibm_cloud_iam.IbmCloudIamDetector",
    "ibm_cos_hmac.IbmCosHmacDetector",
    "jwt.JwtTokenDetector",
    "mailchimp.MailchimpDetector",
    "npm.NpmDetector",
    "openai.OpenAIDetector",
    "pypi_token.PypiTokenDetector",
    "sendgrid.SendGridDetector",
    "slack.SlackDetector",
    "softlayer.SoftlayerDetector",
    "square_oauth.SquareOAuthDetector",
    "stripe.StripeDetector",
    "telegram_token.TelegramBotTokenDetector",
    "twilio.TwilioKeyDetector",
)
# Plugins whose first group is the secret itself (elsewhere groups are prefixes).
_SECRET_IN_GROUP = frozenset({"BasicAuthDetector", "AWSKeyDetector"})
_STATED = r"\s*[\"']?\s*(?:is|are|was|=|:|：|=>|->)\s*[\"'`]?\s*"
_OWN_PATTERNS = {
    "pem_private_key": r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----.*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|\Z)",
    "api_key_prefixed": r"\b(?:sk-(?:proj-|svcacct-|admin-|ant-(?:api\d\d-)?)?[A-Za-z0-9_-]{20,}|AIza[0-9A-Za-z_-]{35}"
    r"|github_pat_[A-Za-z0-9_]{22,}|hf_[A-Za-z0-9]{30,}|xox[abposr]-[A-Za-z0-9-]{10,}"
    r"|glpat-[A-Za-z0-9_-]{20,}|(?:r|s|p)k_(?:live|test)_[0-9A-Za-z]{16,}|SG\.[\w-]{16,}\.[\w-]{16,})",
    "bearer_token": r"\b[Bb]earer\s+([A-Za-z0-9._~+/-]{20,}=*)",
    "stated_credential": r"(?i)(?<![A-Za-z0-9])(?:password|passwd|pwd|passcode|pass ?phrase|pin(?: code)?|secret(?:[_ -]?key)?"
    r"|api[_ -]?(?:key|secret|token)|access[_ -]?(?:key|token)|auth[_ -]?token|client[_ -]?secret"
    r"|private[_ -]?key|token)(?![A-Za-z0-9])" + _STATED + r"([^\s\"'`,;，。；]{6,})",
    "stated_credential_zh": r"(?:密碼|密码|口令|登入密碼|登录密码|PIN碼|PIN码|私鑰|私钥|金鑰|密鑰|密钥)"
    r"\s*(?:是|係|系|為|为|:|：|=)?\s*[「\"']?([^\s，。；;,」\"']{4,})",
    "aws_secret_key": r"(?i)aws.{0,30}?(?:secret|key).{0,20}?\b([0-9a-zA-Z/+]{40})\b",
    # A password in a URL's userinfo. detect-secrets' basic-auth pattern stops at RFC 3986's
    # sub-delimiters (! $ & ' ( ) * + , ; =), which the RFC allows there and real passwords
    # hold; people also type @ and # unescaped. Up to the last @ before the host.
    "url_credentials": r"\b[A-Za-z][A-Za-z0-9+.-]{1,20}://[^\s:/?#@]*:([^\s/?]+)@[^\s@/?#]+",
}
_OWN_WITH_GROUP = frozenset(
    {"bearer_token", "stated_credential", "stated_credential_zh", "aws_secret_key", "url_credentials"}
)
_PLACEHOLDERISH = re.compile(
    r"^(?:<[^>]*>|\*+|x{4,}|\.{3,}|your[_-]|example|changeme|\$\{|\{\{|%s|null|none)", re.IGNORECASE
)


class SecretAction(StrEnum):
    REDACT = "redact"
    BLOCK = "block"


class SecretsSettings(StrictModel):
    action: SecretAction = SecretAction.REDACT
    detect_secrets: bool = Field(default=True, description="Use detect-secrets' plugin patterns too.")
    extra_patterns: dict[str, str] = Field(
        default_factory=dict, description="More patterns, by name; a first group, if any, is the secret."
    )


@dataclass(frozen=True, slots=True)
class _Detector:
    """One pattern; ``use_group``: the first group is the secret; ``stated``: the value
    follows a word like "password" and must look like a credential to count."""

    name: str
    pattern: re.Pattern[str]
    use_group: bool
    stated: bool = False
    literals: Literals | None = None  # one of these is in every match (lower case)
    prefilter: Prefilter | None = None

    @classmethod
    def of(cls, name: str, pattern: re.Pattern[str], use_group: bool, stated: bool = False) -> _Detector:
        literals = required_literals(pattern.pattern)
        if literals is not None:
            literals = frozenset(literal.lower() for literal in literals)
        return cls(name, pattern, use_group, stated, literals, Prefilter.of(literals))

    def spans(self, text: str, lowered: str, found: Occurrences) -> Iterator[tuple[int, int]]:
        """Where the secret is in ``text``; ``found``: ``lowered``'s literal occurrences."""
        if self.prefilter is not None and not self.prefilter.admits(found, lowered):
            return
        for match in self.pattern.finditer(text):
            group = 1 if self.use_group and match.lastindex else 0
            start, end = match.start(group), match.end(group)
            if self.stated:  # "password is incorrect." ends a sentence, not a password
                end = start + len(match.group(group).rstrip(".!?:)]"))
            value = text[start:end]
            if _PLACEHOLDERISH.match(value) or (self.stated and not _looks_secret(value)):
                continue
            yield start, end


class SecretsCheck:
    def __init__(self, settings: SecretsSettings, memo: TextMemo | None = None) -> None:
        self.settings = settings
        self.memo = memo if memo is not None else TextMemo(0)
        detectors = [
            _Detector.of(
                f"guardrail.{name}",
                re.compile(pattern, re.DOTALL),
                name in _OWN_WITH_GROUP,
                stated=name.startswith("stated_"),
            )
            for name, pattern in _OWN_PATTERNS.items()
        ]
        detectors += [
            _Detector.of(f"policy.{name}", re.compile(pattern), True)
            for name, pattern in settings.extra_patterns.items()
        ]
        if settings.detect_secrets:
            detectors += _detect_secrets_detectors()
        self.detectors = detectors
        self._index = LiteralIndex(detector.prefilter for detector in detectors)

    def __call__(self, payload: Payload, context: CallContext) -> Verdict:
        slots = payload_texts(payload)
        found, remembered = [], 0
        for slot in slots:
            spans, hit = self.memo.remembered(context.tenant, slot.text, self.spans)
            found.append((slot, spans))
            remembered += hit
        findings = tuple(
            Finding(ENTITY, start, end, 1.0, rule, slot.location, self.settings.action.value)
            for slot, spans in found
            for start, end, rule in spans
        )
        if not findings:
            return Verdict(Decision.ALLOW, remembered=remembered) if remembered else ALLOW
        if self.settings.action is SecretAction.BLOCK:
            return Verdict(Decision.BLOCK, findings=findings, reason=REASON_BLOCKED, remembered=remembered)
        texts = [_redacted(slot.text, spans) if spans else slot.text for slot, spans in found]
        return Verdict(
            Decision.MODIFY,
            payload=replace_payload_texts(payload, texts),
            findings=findings,
            reason=REASON_REDACTED,
            remembered=remembered,
        )

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping secret spans, the longest winning, in text order."""
        lowered = text.lower()
        found = self._index.find(lowered)
        candidates = sorted(
            (
                (start, end, detector.name)
                for detector in self.detectors
                for start, end in detector.spans(text, lowered, found)
                if text[start:end] != PLACEHOLDER
            ),
            key=lambda span: (span[0], -(span[1] - span[0])),
        )
        kept: list[tuple[int, int, str]] = []
        for start, end, rule in candidates:
            if kept and start < kept[-1][1]:
                if end > kept[-1][1]:
                    kept[-1] = (kept[-1][0], end, kept[-1][2])
                continue
            kept.append((start, end, rule))
        return kept


def _redacted(text: str, spans: list[tuple[int, int, str]]) -> str:
    out, position = [], 0
    for start, end, _rule in spans:
        out += [text[position:start], PLACEHOLDER]
        position = end
    out.append(text[position:])
    return "".join(out)


def _looks_secret(value: str) -> bool:
    """A stated value that could be a credential: with a digit or a symbol, as real
    passwords and keys have and ordinary words do not."""
    return any(char.isdigit() for char in value) or any(not char.isalnum() for char in value)


def _detect_secrets_detectors() -> list[_Detector]:
    from guardrail.policy.registry import import_path

    detectors = []
    for plugin in DETECT_SECRETS_PLUGINS:
        module, _, name = plugin.partition(".")
        cls = import_path(f"detect_secrets.plugins.{module}:{name}")
        for pattern in cls.denylist:
            detectors.append(_Detector.of(f"detect_secrets.{name}", pattern, name in _SECRET_IN_GROUP))
    return detectors


def build(settings: SecretsSettings, services: CheckServices) -> Any:
    return SecretsCheck(settings, services.memo())


SECRETS = CheckType(name="secrets", settings_model=SecretsSettings, factory="guardrail.system_security.secrets:build")
