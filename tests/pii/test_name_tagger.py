"""The learned name tagger: names in places no rule names, the rules' vetoes kept, the same
reading on every machine, a clear error for bad weights, a switch in the policy, and a
redacted text that reads the same again.

The texts are written for these tests (none is in the corpus the tagger trained on):
members listed after a role word, an alias beside a name in brackets, a word-like given
name as the subject of a sentence, a helper's name in a duty roster.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import numpy as np
import pytest

from guardrail.errors import ConfigurationError
from guardrail.pii.name_tagger_features import BITS, features, tokens
from guardrail.pii.recognizers.name_tagger import NameTagger, load_tagger
from guardrail.pii.redactor import Redactor
from guardrail.pii.settings import PersonalDataSettings
from tests.pii.coverage import covered, person_spans

FOUND = [
    ("項目組\n└─ 成员：阚志远、蒯佳宁、司马晨\n└─ 组长：乔一帆", "蒯佳宁"),
    ("夜更 全院：蒯永健（保健員）、Marites", "蒯永健"),
    ("大頭佛：Bosco（冼志成）\n鼓手：阿Lam", "Bosco"),
    ("夜更 全院：蒯永健（保健員）、Marites", "Marites"),
    ("Hi all, Summer from client HR called back about the offer.", "Summer"),
]
KEPT = [
    "Receipt from Kwok Sum Kee Noodle Shop, Causeway Bay",
    "Offices at Wing Lok Mansion; call Wilson Parking about the bay.",
    "甜品：楊枝甘露、芒果班戟",
    "記得買黃金同凌晨交貨",
    "Order A12B0 shipped",
    "項目組 weekly update",
]


@pytest.mark.parametrize(("text", "value"), FOUND)
def test_names_the_rules_miss_are_found(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="PERSON")


@pytest.mark.parametrize("text", KEPT)
def test_firms_places_words_and_codes_are_not_names(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


def test_features_are_crc32_slots_the_same_on_every_machine() -> None:
    text = "Claimant: Chan Tai Man"
    toks = tokens(text)
    assert [t.text for t in toks] == ["Claimant", ":", "Chan", "Tai", "Man"]
    slots = features(text, toks)
    assert slots[2][0] == zlib.crc32(b"w=chan") % BITS
    assert features(text, toks) == slots


def slot(name: str) -> int:
    return zlib.crc32(name.encode()) % BITS


def test_a_token_is_seen_by_its_neighbours_and_the_text_edges() -> None:
    text = "Chan Tai"
    slots = features(text, tokens(text))
    assert {slot("n1w=tai"), slot("p1w=<s>"), slot("p2w=<s>"), slot("n2w=</s>")} <= set(slots[0])
    assert {slot("p1w=chan"), slot("p1s=Xx"), slot("n1w=</s>")} <= set(slots[1])
    assert slot("n1w=tai") not in slots[1]


def test_shipped_weights_load_with_their_thresholds() -> None:
    tagger = load_tagger()
    assert tagger.ref.startswith("guardrail-name-tagger@")
    assert 0.5 <= tagger.threshold < tagger.strict_threshold < 1.0
    assert np.count_nonzero(tagger.weights) > 10_000


@pytest.mark.parametrize("content", [b"", b"not an npz", None])
def test_bad_weights_stop_with_the_path(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "tagger.npz"
    if content is None:
        np.savez(path, header=np.array('{"format": 99}'))
        path = tmp_path / "tagger.npz"
    else:
        path.write_bytes(content)
    with pytest.raises(ConfigurationError, match="tagger.npz"):
        NameTagger.load(path)


def test_the_policy_can_switch_the_tagger_off() -> None:
    entities = {"PERSON": {"action": "placeholder", "threshold": 0.5}}
    text = "Hi all, Summer from client HR called back about the offer."
    on = Redactor(PersonalDataSettings(entities=entities, ner=False))
    off = Redactor(PersonalDataSettings(entities=entities, ner=False, name_tagger=False))
    assert covered(on, text, "Summer", entity="PERSON")
    assert not covered(off, text, "Summer", entity="PERSON")


def test_a_redacted_text_read_again_gives_nothing_new(redactor: Redactor) -> None:
    text = "Ya0 HKID A000000(3) tel +852 2000 0000 Ya0\n成员：阚志远、蒯佳宁 9123 4567"
    once = redactor.redact(text).text
    assert redactor.redact(once).text == once
