"""The /verify page verifies Responses and Messages answers as the CLI does (text, tool
calls whose input keys are integer-like or out of order, floats, every tier's labels),
and refuses a changed one. Headless Chromium, skipped where it is missing."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from guardrail.attribution import Attributor, Generator, KeyStore, Status, verify_document
from guardrail.attribution.content import from_messages_answer
from guardrail.attribution.manifest import FIELD
from guardrail.runtime import Guard
from tests.adapters.api_proxy import fake_proxy
from tests.adapters.test_api_attribution import messages_answer, responses_answer
from tests.headless_chromium import new_page, require_chromium

require_chromium()


@pytest.fixture(scope="module")
def served(default_guard: Guard, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with fake_proxy({"hk-genai-2025": default_guard}, "hk-genai-2025", tmp_path_factory.mktemp("page")) as (url, _):
        yield url


@pytest.fixture(scope="module")
def page(browser: Any, served: str) -> Iterator[Any]:
    with new_page(browser) as tab:
        tab.goto(f"{served}/verify")
        yield tab


def check(page: Any, answer: str) -> str:
    page.fill("#answer", answer)
    page.evaluate("document.getElementById('result').removeAttribute('data-status')")
    page.click("#verify")
    page.wait_for_selector("#result[data-status]", timeout=10_000)
    return str(page.get_attribute("#result", "data-status"))


@pytest.mark.parametrize("use_case", ["creative", "healthcare-diagnostics"])
@pytest.mark.parametrize("stream", [False, True], ids=["plain", "stream"])
@pytest.mark.parametrize("model", ["echo", "echo-tool"])
@pytest.mark.parametrize("api", [responses_answer, messages_answer], ids=["responses", "messages"])
def test_the_page_verifies_what_the_command_line_verifies(
    page: Any, served: str, api: Any, model: str, stream: bool, use_case: str
) -> None:
    document = api(served, use_case, stream, model)
    assert check(page, json.dumps(document, ensure_ascii=False)) == "valid"
    assert "every field of every choice" in page.inner_text("#facts")
    changed = json.loads(json.dumps(document).replace("You said", "You sang"))
    assert check(page, json.dumps(changed, ensure_ascii=False)) == "content_mismatch"


def test_tool_inputs_are_read_in_the_order_written(page: Any, tmp_path: Path, default_guard: Guard) -> None:
    """Python keeps a JSON object's key order; the page must too (integer-like keys first
    is JavaScript's order), and print floats as Python does."""
    message = {
        "type": "message",
        "content": [
            {"type": "tool_use", "id": "toolu_1", "name": "f", "input": {"b": 1.0, "10": [2e20, "é"], "2": {}}}
        ],
        "stop_reason": "tool_use",
    }
    (choice,) = from_messages_answer(message)
    assert choice.tool_calls[0][1] == '{"b": 1.0, "10": [2e+20, "é"], "2": {}}'
    # Signed outside the proxy: its models never answer with such a tool call.
    keys = KeyStore(tmp_path / "keys")
    context = default_guard.context(use_case="creative")
    labels = default_guard.labels(context)
    attribution = Attributor(keys.active, "Example Services Ltd").attribute(
        context, labels, Generator("openai", "m"), [choice], {}
    )
    document = {**message, FIELD: attribution.as_field()}
    jwks = json.dumps(keys.jwks())
    assert verify_document(document, {k["kid"]: k for k in keys.jwks()["keys"]}).status is Status.VALID
    page.fill("#jwks-url", "")
    page.fill("#jwks", jwks)
    assert check(page, json.dumps(document, ensure_ascii=False)) == "valid"
    reordered = copy.deepcopy(document)
    reordered["content"][0]["input"] = {"10": [2e20, "é"], "b": 1.0, "2": {}}
    assert check(page, json.dumps(reordered, ensure_ascii=False)) == "content_mismatch"
