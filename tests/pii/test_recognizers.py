"""Table-driven cases for the Hong Kong recognizers, through the whole redactor."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from presidio_analyzer import EntityRecognizer

from guardrail.pii.engine import FixedRegistry
from guardrail.pii.recognizers import phone
from guardrail.pii.recognizers.base import RegexRecognizer
from guardrail.pii.recognizers.hkid import HkIdRecognizer, check_character, is_valid_hkid
from guardrail.pii.recognizers.phone import PhoneRecognizer
from guardrail.pii.redactor import Redactor
from guardrail.text.normalize import normalize
from guardrail.text.prefilter import may_match


def found(redactor: Redactor, text: str) -> list[tuple[str, str]]:
    return [(d.entity_type, text[d.start : d.end]) for d in redactor.analyze(text)]


@pytest.mark.parametrize(
    ("prefix", "digits", "check"),
    [("G", "123456", "A"), ("C", "567890", "9"), ("AB", "987654", "3"), ("A", "123456", "3")],
)
def test_hkid_check_character(prefix: str, digits: str, check: str) -> None:
    assert check_character(prefix, digits) == check


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("G123456(A)", True),
        ("C567890(9)", True),
        ("AB987654(3)", True),
        ("A1234563", True),
        ("C567890(8)", False),
        ("c567890 (9)", True),
        ("ABC123456", False),
    ],
)
def test_hkid_validation(value: str, valid: bool) -> None:
    assert is_valid_hkid(value) is valid


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HKID G123456(A) on file", ("HK_ID", "G123456(A)")),
        ("id A1234563.", ("HK_ID", "A1234563")),
        ("holder AB987654 (3)", ("HK_ID", "AB987654 (3)")),
        ("身份證號碼Ｃ５６７８９０（９）", ("HK_ID", "Ｃ５６７８９０（９）")),
        ("HKID C567890(8) (mistyped)", ("HK_ID", "C567890(8)")),
        ("身份證 C5678908", ("HK_ID", "C5678908")),
        ("+852 9123 4567", ("PHONE_NUMBER", "+852 9123 4567")),
        ("call 9123-4567 now", ("PHONE_NUMBER", "9123-4567")),
        ("(852) 2345-6789", ("PHONE_NUMBER", "(852) 2345-6789")),
        ("number 91234567", ("PHONE_NUMBER", "91234567")),
        ("+85291234567", ("PHONE_NUMBER", "+85291234567")),
        ("電話９１２３ ４５６７", ("PHONE_NUMBER", "９１２３ ４５６７")),
        ("手提：6123\u200b4567", ("PHONE_NUMBER", "6123\u200b4567")),
        ("WeChat +86 138 1234 5678", ("PHONE_NUMBER", "+86 138 1234 5678")),
        ("passport K12345678", ("HK_PASSPORT", "K12345678")),
        ("BR 12345678-000-07-24-1", ("HK_BUSINESS_REG", "12345678-000-07-24-1")),
        ("電郵chan.tm@example.com.hk謝謝", ("EMAIL_ADDRESS", "chan.tm@example.com.hk")),
        ("card 4111 1111 1111 1111", ("CREDIT_CARD", "4111 1111 1111 1111")),
        ("card 2221400065087976", ("CREDIT_CARD", "2221400065087976")),
        ("amex 3782 822463 10005", ("CREDIT_CARD", "3782 822463 10005")),
        ("IBAN GB82 WEST 1234 5698 7654 32", ("IBAN_CODE", "GB82 WEST 1234 5698 7654 32")),
        ("from 203.0.113.54 today", ("IP_ADDRESS", "203.0.113.54")),
        ("subnet 10.0.0.1/24 is", ("IP_ADDRESS", "10.0.0.1/24")),
        ("host 2001:db8::1 is down", ("IP_ADDRESS", "2001:db8::1")),
        ("via fe80::1%eth0 ok", ("IP_ADDRESS", "fe80::1%eth0")),
        ("mapped ::ffff:192.0.2.128 here", ("IP_ADDRESS", "::ffff:192.0.2.128")),
        ("full 2001:0db8:85a3:0000:0000:8a2e:0370:7334.", ("IP_ADDRESS", "2001:0db8:85a3:0000:0000:8a2e:0370:7334")),
        ("to Flat 12B, 88 Queen's Road Central, Central.", ("ADDRESS", "Flat 12B, 88 Queen's Road Central, Central")),
        ("at 161 Prince Edward Road West", ("ADDRESS", "161 Prince Edward Road West")),
        ("Room 1203, 12/F, Block B, Tai Koo Shing", ("ADDRESS", "Room 1203, 12/F, Block B, Tai Koo Shing")),
        ("住在九龍彌敦道264號40樓A室。", ("ADDRESS", "九龍彌敦道264號40樓A室")),
        ("地址：新界沙田大圍道183號17樓C室", ("ADDRESS", "新界沙田大圍道183號17樓C室")),
        ("住在沙田第一城23座15樓C室", ("ADDRESS", "沙田第一城23座15樓C室")),
        ("reply to Chan Tai Man today", ("PERSON", "Chan Tai Man")),
        ("reply to CHAN Tai-man today", ("PERSON", "CHAN Tai-man")),
        ("reply to Tai Man Chan today", ("PERSON", "Tai Man Chan")),
        ("from Gloria Chan Kin Wah", ("PERSON", "Gloria Chan Kin Wah")),
        ("ask Jason Cheung", ("PERSON", "Jason Cheung")),
        # A finding takes in the title beside a name (either labelling convention holds).
        ("Dear Mr. Kelvin Yip,", ("PERSON", "Mr. Kelvin Yip")),
        ("客戶陳大文住在", ("PERSON", "陳大文")),
        ("致歐陽小明：", ("PERSON", "歐陽小明")),
        ("李明先生來電", ("PERSON", "李明先生")),
    ],
)
def test_identifiers_are_found(redactor: Redactor, text: str, expected: tuple[str, str]) -> None:
    assert expected in found(redactor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Order ORD-766234 for HK$23,327 is due within 55 working days.",
        "Charged twice on 16 April 2025 for SKU Z7623 (Case #43461).",
        "Invoice dated 20250416, total 1,234.50, qty 12.",
        "Our Wan Chai and Tai Po branches open at 9:30.",
        "文件已經寄出，周末高興。",
        "Version 1.2.3 of the app; ticket 123456.",
        "Release 1.2.3.4.5 ships at 10:30:45; ratio 3:2:1; MAC 00:1a:2b:3c:4d:5e.",
        "The 2024-2025 budget and the 2019 2020 seasons.",
    ],
)
def test_ordinary_numbers_and_words_survive(redactor: Redactor, text: str) -> None:
    assert found(redactor, text) == []


def test_no_recognizer_relies_on_presidios_context_step(redactor: Redactor) -> None:
    """The analyzers skip Presidio's context step (WindowContextAnalyzer): lossless only
    while no recognizer implements its per-recognizer hook."""
    analyzers = redactor._analyzers
    for engine in (analyzers.patterns, analyzers.ner):
        assert engine is not None
        for recognizer in engine.registry.recognizers:
            assert type(recognizer).enhance_using_context is EntityRecognizer.enhance_using_context, recognizer.name


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(
        [
            "{}",
            "{}-{}",
            "{} {}",
            "+852 {} {}",
            "+852{}{}",
            "00852 {} {}",
            "(852) {}-{}",
            "852-{}{}",
            "+86 {} {}",
            "0{}{}",
        ]
    ),
    st.text("0123456789", min_size=4, max_size=4),
    st.text("0123456789", min_size=4, max_size=4),
)
def test_hong_kong_numbers_are_judged_as_parsing_would(style: str, high: str, low: str) -> None:
    """The shortcut for Hong Kong numbers agrees with phonenumbers' parse-and-validate,
    on allocated and unallocated ranges alike."""
    value = style.format(high, low) if style.count("{}") == 2 else style.format(high + low)
    digits = re.sub(r"\D", "", value)
    assert phone._validity(value, digits) == phone._parsed_validity(value, digits), value


def test_literal_gates_never_skip_a_text_a_pattern_matches(
    redactor: Redactor, dev_corpus: list[dict[str, Any]]
) -> None:
    """A pattern recognizer skips texts without its required literals ("號" or "座" for
    a Chinese address): never one its pattern would have matched."""
    gated = [
        r
        for r in redactor._analyzers.patterns.registry.recognizers
        if isinstance(r, RegexRecognizer) and r._literals is not None
    ]
    assert {r.name for r in gated} >= {"HkChineseAddressRecognizer"}
    for row in dev_corpus:
        text = normalize(row["text"]).text
        for recognizer in gated:
            if recognizer.pattern.search(text):
                assert may_match(recognizer._literals, text), (recognizer.name, row["text"][:40])


def test_the_registry_sees_recognizers_added_after_a_lookup() -> None:
    registry = FixedRegistry(supported_languages=["en"])
    registry.add_recognizer(HkIdRecognizer())
    assert [r.name for r in registry.get_recognizers("en", ["HK_ID", "PHONE_NUMBER"])] == ["HkIdRecognizer"]
    registry.add_recognizer(PhoneRecognizer())
    assert sorted(r.name for r in registry.get_recognizers("en", ["HK_ID", "PHONE_NUMBER"])) == [
        "HkIdRecognizer",
        "HkPhoneRecognizer",
    ]
