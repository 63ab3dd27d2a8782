from __future__ import annotations

from pathlib import Path

import pytest

from guardrail.errors import PolicyError, PolicyNotFoundError
from guardrail.policy import built_in_names, load_policy, parse_policy

MINIMAL = """
id: test
version: "1"
default_use_case: chat
use_cases:
  chat: {tier: low}
checks:
  - name: pii
    type: personal_data
    dimensions: [personal_data_privacy]
    principles: [compliance]
    settings:
      entities:
        HK_ID: {action: placeholder}
"""


def test_the_default_pack_loads_and_labels_every_check(default_policy) -> None:  # type: ignore[no-untyped-def]
    assert "hk-genai-2025" in built_in_names()
    ref = default_policy.ref
    assert (ref.id, ref.version) == ("hk-genai-2025", "2025.04.2")
    assert ref.content_hash.startswith("sha256:") and len(ref.content_hash) == 71
    for check in default_policy.policy.checks:
        assert check.dimensions and check.principles


def test_hash_ignores_layout_and_comments_but_not_content() -> None:
    a = parse_policy(MINIMAL, source="a")
    b = parse_policy("# comment\n" + MINIMAL.replace("{tier: low}", "\n    tier: low"), source="b")
    c = parse_policy(MINIMAL.replace("placeholder", "mask"), source="c")
    d = parse_policy(MINIMAL.replace("{action: placeholder}", "{action: placeholder, threshold: 0.5}"), source="d")
    assert a.ref.content_hash == b.ref.content_hash == d.ref.content_hash != c.ref.content_hash


@pytest.mark.parametrize(
    ("mutation", "field", "message"),
    [
        (('version: "1"', 'version: "1"\ncolour: red'), "colour", "Extra inputs"),
        (("[personal_data_privacy]", "[privacy]"), "checks[0].dimensions[0]", "personal_data_privacy"),
        (("type: personal_data", "type: nonsense"), "checks[0].type", "unknown check type"),
        (
            ("HK_ID: {action: placeholder}", "HK_ID: {action: shred}"),
            "checks[0].settings.entities.HK_ID.action",
            "placeholder",
        ),
        (
            ("HK_ID: {action: placeholder}", "US_SSN: {action: placeholder}"),
            "checks[0].settings.entities",
            "unknown entity",
        ),
        (
            ("HK_ID: {action: placeholder}", "HK_ID: {action: placeholder, threshold: 2}"),
            "checks[0].settings.entities.HK_ID.threshold",
            "less than or equal",
        ),
        (("default_use_case: chat", "default_use_case: other"), None, "default_use_case"),
        (("{tier: low}", "{tier: medium}"), "use_cases.chat.tier", "unacceptable"),
    ],
)
def test_invalid_policies_name_the_file_and_field(mutation: tuple[str, str], field: str | None, message: str) -> None:
    text = MINIMAL.replace(*mutation)
    with pytest.raises(PolicyError) as caught:
        parse_policy(text, source="bad.yaml")
    assert caught.value.source == "bad.yaml"
    if field is not None:
        assert caught.value.field == field
    assert message in str(caught.value)
    assert str(caught.value).startswith("bad.yaml: ")


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: x\nversion: [unclosed\n", encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    assert str(path) in str(caught.value) and "line" in (caught.value.field or "")


def test_missing_and_unreadable_policies(tmp_path: Path) -> None:
    with pytest.raises(PolicyNotFoundError, match="hk-genai-2025"):
        load_policy("no-such-pack")
    with pytest.raises(PolicyNotFoundError):
        load_policy(tmp_path / "absent.yaml")
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"id: \xff\xfe")
    with pytest.raises(PolicyError, match="not UTF-8"):
        load_policy(binary)
    scalar = tmp_path / "scalar.yaml"
    scalar.write_text("just a string", encoding="utf-8")
    with pytest.raises(PolicyError, match="mapping"):
        load_policy(scalar)
