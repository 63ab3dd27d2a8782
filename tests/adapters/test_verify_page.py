"""The /verify page in a real headless browser: it verifies what the CLI verifies and
refuses what the CLI refuses, in English and Traditional Chinese, served by the proxy
or opened as a file.

Needs Chromium from the distribution (``apt-get install chromium``) and Playwright
from PyPI; skipped, saying so, where either is missing.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guardrail.attribution import (
    Attribution,
    Attributor,
    Generator,
    KeyStore,
    Labels,
    from_response,
    load_jwks,
    verify_document,
    with_marker,
)
from guardrail.attribution import jws as jose
from guardrail.attribution.manifest import FIELD
from guardrail.attribution.page import verify_page
from guardrail.core import CallContext
from guardrail.policy import LoadedPolicy
from tests.headless_chromium import require_chromium

require_chromium()


def check(page: Any, answer: str, *, jwks: str | None = None, url: str | None = None) -> str:
    """Paste an answer (and a key set, or its address), press Verify, return the status."""
    page.fill("#answer", answer)
    if url is not None:
        page.fill("#jwks-url", url)
    page.fill("#jwks", jwks or "")
    page.evaluate("document.getElementById('result').removeAttribute('data-status')")
    page.click("#verify")
    page.wait_for_selector("#result[data-status]", timeout=10_000)
    return str(page.get_attribute("#result", "data-status"))


def api(base_url: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{base_url}/v1", api_key="unused", max_retries=0)


def test_the_proxy_serves_a_page_that_verifies_its_answers(page: Any, round_trip_proxy: str) -> None:
    response = httpx.get(f"{round_trip_proxy}/verify")
    assert response.status_code == 200 and "default-src 'none'" in response.headers["content-security-policy"]
    plain = (
        api(round_trip_proxy)
        .chat.completions.with_raw_response.create(
            model="echo", messages=[{"role": "user", "content": "When does the library open?"}]
        )
        .text
    )
    high = api(round_trip_proxy).chat.completions.create(
        model="echo",
        messages=[{"role": "user", "content": "Is this rash serious?"}],
        extra_body={"guardrail": {"use_case": "triage"}},
    )
    pasted_text = high.choices[0].message.content
    page.goto(f"{round_trip_proxy}/verify")
    assert page.input_value("#jwks-url") == f"{round_trip_proxy}/.well-known/jwks.json"  # filled, not yet fetched

    assert check(page, plain) == "valid"
    facts = page.inner_text("#facts")
    assert "echo (openai)" in facts and "every field of every choice" in facts
    assert "trusts whoever controls that address" in page.inner_text("#trust")
    assert check(page, pasted_text) == "valid"  # text copied out of a chat window, marker inside
    assert "the text only" in page.inner_text("#facts") and "triage, high" in page.inner_text("#facts")
    assert check(page, pasted_text.replace("rash", "rush")) == "content_mismatch"
    assert check(page, "When does the library open?") == "malformed"

    document = json.loads(plain)
    changed = copy.deepcopy(document)
    changed["choices"][0]["message"]["content"] = changed["choices"][0]["message"]["content"].replace("W", "w", 1)
    assert check(page, json.dumps(changed)) == "content_mismatch"
    finished = copy.deepcopy(document)
    finished["choices"][0]["finish_reason"] = "length"
    assert check(page, json.dumps(finished)) == "content_mismatch"
    edited = copy.deepcopy(document)
    edited[FIELD]["manifest"]["service_provider"] = "Someone Else"
    assert check(page, json.dumps(edited)) == "manifest_mismatch"
    original = json.dumps(document["choices"][0]["message"]["content"])
    duplicated = plain.replace(f'"content":{original}', f'"content":"Forged.","content":{original}', 1)
    assert duplicated != plain
    assert check(page, duplicated) == "malformed" and "duplicate key" in page.inner_text("#explain")

    page.click("#lang-zh")
    assert page.inner_text("#status") == "無法讀取"  # the last result, now in Chinese
    assert check(page, plain) == "valid" and page.inner_text("#status") == "已核實"
    assert "模型" in page.inner_text("#facts")


def signed(
    keys: KeyStore, context: CallContext, policy: LoadedPolicy, response: dict[str, Any], model: str = "gpt-test"
) -> dict[str, Any]:
    labels = Labels.for_call(policy.policy.attribution, context)
    attribution = Attributor(keys.active, "Example Services Ltd").attribute(
        context, labels, Generator("openai", model), from_response(response), {}
    )
    return {**response, FIELD: attribution.as_field()}


TRICKY = {
    "id": "t",
    "choices": [
        {
            "index": 1,
            "finish_reason": "stop",
            "message": {
                "role": "assistant",
                "content": [
                    {"type": "text", "text": 'Cafe\u0301 \U0001f600 \u2028 tab\t quote" \x07'},
                    {"type": "input_audio", "input_audio": {"data": "AAAA", "format": "wav"}},
                ],
                "annotations": [
                    {
                        "type": "x",
                        "score": 1.0,
                        "big": 12345678901234567890,
                        "tiny": 1.5e-05,
                        "huge": 1e16,
                        "neg": -0.0,
                        "plain": 0.1,
                        "\u00e9": 1,
                        "z": 2,
                        "\U0001f600": 3,
                        "\uff21": 4,
                    }
                ],
                "refusal": None,
            },
        },
        {
            "index": 0,
            "finish_reason": "tool_calls",
            "message": {
                "role": "assistant",
                "content": None,
                "audio": {"id": "a", "transcript": "\u00e9"},
                "tool_calls": [
                    {"index": 0, "id": "c", "type": "function", "function": {"name": "f", "arguments": "{}"}}
                ],
            },
        },
    ],
}


def test_the_page_hashes_exactly_as_python_does_and_refuses_forgeries(
    page: Any, tmp_path: Path, context: CallContext, default_policy: LoadedPolicy
) -> None:
    """Opened as a file with a pasted key set: floats, huge integers, astral and
    decomposed characters, control characters, part types and key order all hash as
    in Python; a forged key id, a swapped key set and escapes in fields are caught."""
    keys = KeyStore(tmp_path / "keys")
    jwks = json.dumps(keys.jwks())
    document = signed(keys, context, default_policy, TRICKY)
    assert verify_document(document, load_jwks(jwks)).valid
    path = tmp_path / "verify.html"
    path.write_text(verify_page(), encoding="utf-8")
    page.goto(path.as_uri())
    assert page.input_value("#jwks-url") == ""  # as a file, no key set is assumed
    raw = json.dumps(document, ensure_ascii=False)
    assert check(page, raw, jwks=jwks) == "valid", page.inner_text("#explain")
    tweaked = raw.replace("1.5e-05", "1.6e-05")
    assert tweaked != raw and check(page, tweaked, jwks=jwks) == "content_mismatch"
    assert "\u0301" in raw and check(page, raw.replace("\u0301", ""), jwks=jwks) == "content_mismatch"

    other = KeyStore(tmp_path / "other")
    assert check(page, raw, jwks=json.dumps(other.jwks())) == "unknown_key"
    manifest = document[FIELD]["manifest"]
    forged = {
        **document,
        FIELD: {"manifest": manifest, "jws": jose.sign(manifest, other.active.private, keys.active.kid)},
    }
    forged_set = json.dumps({"keys": [{**other.active.jwk, "kid": keys.active.kid}]})
    assert check(page, json.dumps(forged), jwks=forged_set) == "key_id_mismatch"

    escaping = signed(keys, context, default_policy, TRICKY, model="gpt\x1b[2J\u202eevil")
    assert check(page, json.dumps(escaping), jwks=jwks) == "valid"
    shown = page.inner_text("#facts")
    assert "\x1b" not in shown and "\u202e" not in shown and "\\u001b[2J" in shown
    text = "Plain answer."
    plain = signed(
        keys,
        context,
        default_policy,
        {"choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": text}}]},
    )
    marked = with_marker(text, Attribution(plain[FIELD]["manifest"], plain[FIELD]["jws"]))
    assert check(page, marked, jwks=jwks) == "valid"
    assert check(page, marked[:-3], jwks=jwks) == "malformed"


def test_a_file_page_fetches_keys_from_the_proxy_only_when_asked(page: Any, default_proxy: str, tmp_path: Path) -> None:
    answer = (
        api(default_proxy)
        .chat.completions.with_raw_response.create(model="echo", messages=[{"role": "user", "content": "hello"}])
        .text
    )
    path = tmp_path / "verify.html"
    path.write_text(verify_page(), encoding="utf-8")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    page.fill("#answer", answer)
    assert not [r for r in requests if r.startswith("http")]
    assert check(page, answer, url=default_proxy + "/.well-known/jwks.json") == "valid"
    assert [r for r in requests if r.startswith("http")] == [default_proxy + "/.well-known/jwks.json"]


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(codec="utf-8"), max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(st.characters(codec="utf-8"), max_size=6), inner, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.text(st.characters(codec="utf-8"), max_size=40), extra=JSON_VALUES, finish=st.text(max_size=8))
def test_the_browser_and_python_agree_on_any_answer(
    page: Any,
    tmp_path_factory: pytest.TempPathFactory,
    context: CallContext,
    default_policy: LoadedPolicy,
    content: str,
    extra: Any,
    finish: str,
) -> None:
    """Whatever the answer holds (floats, huge integers, any characters, nesting), an
    answer Python signed verifies in the browser, and the same answer changed does not."""
    keys = _shared_keys(tmp_path_factory)
    if page.url == "about:blank":
        path = tmp_path_factory.mktemp("page") / "verify.html"
        path.write_text(verify_page(), encoding="utf-8")
        page.goto(path.as_uri())
    response = {
        "choices": [
            {
                "index": 0,
                "finish_reason": finish or None,
                "message": {"role": "assistant", "content": content, "x_extra": extra},
            }
        ]
    }
    raw = json.dumps(signed(keys, context, default_policy, response), ensure_ascii=False)
    jwks = json.dumps(keys.jwks())
    status = page.evaluate("async ([raw, jwks]) => (await verifyPasted(raw, keysById(jwks))).status", [raw, jwks])
    assert status == "valid", raw
    changed = json.loads(raw)
    changed["choices"][0]["message"]["x_extra"] = [extra, 1]
    status = page.evaluate(
        "async ([raw, jwks]) => (await verifyPasted(raw, keysById(jwks))).status",
        [json.dumps(changed, ensure_ascii=False), jwks],
    )
    assert status == "content_mismatch"


_KEYS: dict[str, KeyStore] = {}


def _shared_keys(factory: pytest.TempPathFactory) -> KeyStore:
    if "keys" not in _KEYS:
        _KEYS["keys"] = KeyStore(factory.mktemp("keys") / "keys")
    return _KEYS["keys"]
