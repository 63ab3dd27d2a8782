from __future__ import annotations

import re

import pytest

from guardrail.core.vault import InMemoryVault
from guardrail.errors import ConfigurationError
from guardrail.pii.redactor import Detection, Redactor
from guardrail.pii.settings import Action, PersonalDataSettings

TEXT = "Chan Tai Man (HKID A123456(3)) and Wong Ka Yan call 9123 4567; Chan Tai Man again."


def settings(base: PersonalDataSettings, **entity_rules: dict[str, object]) -> PersonalDataSettings:
    entities = {name: rule.model_dump() for name, rule in base.entities.items()}
    entities.update(entity_rules)
    return PersonalDataSettings.model_validate({**base.model_dump(), "entities": entities})


def test_placeholders_by_default(redactor: Redactor) -> None:
    redaction = redactor.redact(TEXT)
    assert redaction.text == "<PERSON> (HKID <HK_ID>) and <PERSON> call <PHONE_NUMBER>; <PERSON> again."
    for d in redaction.detections:
        assert 0 <= d.start < d.end <= len(TEXT)


def test_apply_merges_overlapping_detections_as_analyze_does(redactor: Redactor) -> None:
    text = "call 9123 4567 now"
    phone = Detection("PHONE_NUMBER", 5, 14, 0.9, "test", Action.PLACEHOLDER)
    weaker = Detection("HK_ID", 10, 16, 0.5, "test", Action.PLACEHOLDER)
    assert redactor.apply(text, [weaker, phone], scope="s").text == "call <PHONE_NUMBER>ow"


def test_redaction_is_idempotent(redactor: Redactor) -> None:
    once = redactor.redact(TEXT).text
    assert redactor.redact(once).text == once
    assert redactor.analyze(once) == []


def test_mask_keeps_length(pii_settings: PersonalDataSettings) -> None:
    masker = Redactor(settings(pii_settings, HK_ID={"action": "mask"}))
    assert "HKID **********)" in masker.redact(TEXT).text


def test_keyed_hash_is_stable_per_value_and_needs_a_key(
    pii_settings: PersonalDataSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashed = settings(pii_settings, PERSON={"action": "hash"})
    monkeypatch.delenv("GUARDRAIL_HASH_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="GUARDRAIL_HASH_KEY"):
        Redactor(hashed)
    monkeypatch.setenv("GUARDRAIL_HASH_KEY", "test-only-key-9f3a61c2")
    tags = re.findall(r"<PERSON:[a-z2-7]{16}>", Redactor(hashed).redact(TEXT).text)
    assert len(tags) == 3 and tags[0] == tags[2] != tags[1]
    monkeypatch.setenv("GUARDRAIL_HASH_KEY", "other-key-" * 4)
    assert Redactor(hashed).redact(TEXT).text.count(tags[0]) == 0


def test_pseudonyms_are_stable_within_a_scope_and_reversible(pii_settings: PersonalDataSettings) -> None:
    vault = InMemoryVault()
    pseudo = Redactor(settings(pii_settings, PERSON={"action": "pseudonym"}), vault)
    first = pseudo.redact(TEXT, scope="conv-1").text
    assert first.startswith("<PERSON_1> (HKID <HK_ID>) and <PERSON_2> call")
    assert first.endswith("<PERSON_1> again.")
    assert pseudo.redact("CHAN  Tai Man", scope="conv-1").text == "<PERSON_1>"
    assert pseudo.redact("Wong Ka Yan", scope="conv-2").text == "<PERSON_1>"
    assert vault.original_for("conv-1", "<PERSON_2>") == "Wong Ka Yan"
    assert vault.original_for("conv-2", "<PERSON_1>") == "Wong Ka Yan"


def test_vault_entries_expire() -> None:
    now = [0.0]
    vault = InMemoryVault(ttl_seconds=10, clock=lambda: now[0])
    pseudonym = vault.pseudonym_for("s", "PERSON", "Chan Tai Man")
    now[0] = 5
    assert vault.original_for("s", pseudonym) == "Chan Tai Man"  # renews
    now[0] = 14
    assert vault.original_for("s", pseudonym) == "Chan Tai Man"
    now[0] = 30
    assert vault.original_for("s", pseudonym) is None


def test_block_action_leaves_text_unchanged_and_marks_blocked(pii_settings: PersonalDataSettings) -> None:
    blocker = Redactor(settings(pii_settings, HK_ID={"action": "block"}))
    redaction = blocker.redact(TEXT)
    assert redaction.blocked and redaction.text == TEXT


def test_thresholds_per_entity(pii_settings: PersonalDataSettings) -> None:
    strict = Redactor(settings(pii_settings, PHONE_NUMBER={"action": "placeholder", "threshold": 0.99}))
    assert "9123 4567" in strict.redact(TEXT).text


def test_allow_list_ignores_spacing_and_punctuation(pii_settings: PersonalDataSettings) -> None:
    data = pii_settings.model_dump()
    data["allow_list"] = {"values": ["2345 6789"], "patterns": [r"\+852 3\d{3} \d{4}"]}
    allowing = Redactor(PersonalDataSettings.model_validate(data))
    text = "Hotline 2345-6789 or ２３４５６７８９, sales +852 3123 4567, Chan Tai Man on 9123 4567."
    out = allowing.redact(text).text
    assert "2345-6789" in out and "２３４５６７８９" in out and "+852 3123 4567" in out
    assert "9123 4567" not in out and "Chan Tai Man" not in out


def test_empty_and_blank_text(redactor: Redactor) -> None:
    assert redactor.redact("").text == ""
    assert redactor.redact("  \n").detections == ()


def test_a_megabyte_of_text_is_redacted_throughout(redactor: Redactor) -> None:
    line = "Ticket ORD-12345: Chan Tai Man, 9123 4567, A123456(3).\n"
    text = line * (1_000_000 // len(line) + 1)
    out = redactor.redact(text).text
    assert len(text) > 1_000_000
    assert "9123 4567" not in out and "A123456" not in out and "Chan Tai Man" not in out
    assert out.count("ORD-12345") == text.count("ORD-12345")
