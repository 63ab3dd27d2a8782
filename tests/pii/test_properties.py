"""Invariants of redaction, checked on generated Hong Kong identifiers and templates."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guardrail.core import CallContext, Payload, Stage
from guardrail.core.chat import collect_texts
from guardrail.pii.check import PersonalDataCheck
from guardrail.pii.evaluation import leaked
from guardrail.pii.recognizers.hkid import check_character
from guardrail.pii.redactor import Redactor

FULL_WIDTH = str.maketrans("0123456789()", "０１２３４５６７８９（）")
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@st.composite
def hkids(draw: st.DrawFn) -> str:
    prefix = draw(st.text("ABCDEGHKMPRVYZ", min_size=1, max_size=2))
    digits = draw(st.text("0123456789", min_size=6, max_size=6))
    style = draw(st.sampled_from(["{p}{d}({c})", "{p}{d} ({c})", "{p}{d}{c}"]))
    return style.format(p=prefix, d=digits, c=check_character(prefix, digits))


@st.composite
def phones(draw: st.DrawFn) -> str:
    first = draw(st.sampled_from("235679"))
    rest = draw(st.text("0123456789", min_size=7, max_size=7))
    number = first + rest
    style = draw(st.sampled_from(["+852 {a} {b}", "{a}-{b}", "(852) {a}-{b}", "+852{a}{b}", "{a} {b}"]))
    return style.format(a=number[:4], b=number[4:])


@st.composite
def emails(draw: st.DrawFn) -> str:
    local = draw(st.from_regex(r"[a-z]{2,8}[._]?[a-z0-9]{0,4}", fullmatch=True))
    return f"{local}@{draw(st.sampled_from(['example.com', 'mail.example.hk', 'uni.example.edu.hk']))}"


TEMPLATES = (
    ("en", "Please call the customer on {phone} about HKID {hkid}; e-mail {email}. Order ORD-55123."),
    ("zh", "客戶電話{phone}，身份證號碼{hkid}，電郵{email}，訂單 ORD-55123。"),
    ("zh-fw", "客戶電話 {phone}，身份證 {hkid}，電郵 {email}，訂單 ORD-55123。"),
)


@PROPERTY
@given(hkid=hkids(), phone=phones(), email=emails(), template=st.sampled_from(TEMPLATES))
def test_no_planted_identifier_survives(
    redactor: Redactor, hkid: str, phone: str, email: str, template: tuple[str, str]
) -> None:
    lang, pattern = template
    if lang == "zh-fw":
        hkid, phone = hkid.translate(FULL_WIDTH), phone.translate(FULL_WIDTH)
    text = pattern.format(hkid=hkid, phone=phone, email=email)
    out = redactor.redact(text).text
    assert "ORD-55123" in out
    out = out.replace("ORD-55123", "")  # its digits may repeat a planted run by chance
    assert not leaked("HKID", hkid, out)
    assert not leaked("PHONE", phone, out)
    assert not leaked("EMAIL", email, out)


@PROPERTY
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=200), hkid=hkids(), phone=phones())
def test_idempotent_and_offsets_index_the_original(redactor: Redactor, text: str, hkid: str, phone: str) -> None:
    sample = f"{text} HKID {hkid} tel {phone} {text}"
    redaction = redactor.redact(sample)
    assert redactor.redact(redaction.text).text == redaction.text
    previous_end = 0
    for d in redaction.detections:
        assert previous_end <= d.start < d.end <= len(sample)
        previous_end = d.end


@PROPERTY
@given(
    name=st.sampled_from(["Chan Tai Man", "陳大文", "Wong Ka Yan"]),
    phone=phones(),
    note=st.text(alphabet=st.characters(categories=["L", "Zs", "P"]), max_size=40),
)
def test_tool_call_arguments_stay_valid_json(
    pii_check: PersonalDataCheck, context: CallContext, name: str, phone: str, note: str
) -> None:
    arguments = json.dumps({"customer": {"name": name, "phones": [phone]}, "note": note, "n": 1}, ensure_ascii=False)
    payload = Payload(
        Stage.INPUT,
        (
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [{"id": "t", "type": "function", "function": {"name": "save", "arguments": arguments}}],
            },
        ),
    )
    verdict = pii_check(payload, context)
    out = (verdict.payload or payload).messages[0]["tool_calls"][0]["function"]["arguments"]
    parsed = json.loads(out)
    assert parsed["n"] == 1 and set(parsed) == {"customer", "note", "n"}
    assert not leaked("PHONE", phone, out)
    assert name not in json.dumps(parsed, ensure_ascii=False)
    assert len(collect_texts(payload.messages)) == len(collect_texts((verdict.payload or payload).messages))


ZH_NAMES = ("陳大文", "歐陽德華", "司徒美玲", "李嘉欣", "张伟明", "黃子晴")


@PROPERTY
@given(
    hkid=hkids(),
    phone=phones(),
    name=st.sampled_from(ZH_NAMES),
    twice=st.booleans(),
)
def test_json_escaped_values_are_removed(redactor: Redactor, hkid: str, phone: str, name: str, twice: bool) -> None:
    """``json.dumps`` escapes every Chinese character of a tool result by default (and a
    payload logged inside another escapes it twice); the model reads the decoded text."""
    record = json.dumps({"姓名": name, "電話": phone, "身份證": hkid, "備註": "請於下午回覆"})
    text = json.dumps({"tool_output": record}) if twice else record
    assert name not in text
    redaction = redactor.redact(text)
    decoded = json.loads(redaction.text)
    out = json.loads(decoded["tool_output"]) if twice else decoded
    seen = json.dumps(out, ensure_ascii=False)
    assert name not in seen
    assert not leaked("PHONE", phone, seen)
    assert not leaked("HKID", hkid, seen)
    assert out["備註"] == "請於下午回覆"
    assert redactor.redact(redaction.text).text == redaction.text
