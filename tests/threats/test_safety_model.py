"""The safety_model check against a Llama Guard-style model served over real HTTP on
127.0.0.1: the prompt it sends, the codes it maps, and how it fails."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from guardrail.core.context import CallContext, PolicyRef, RiskTier, Stage
from guardrail.core.pipeline import Pipeline, Step
from guardrail.core.verdict import Decision, ErrorOutcome, Payload, Verdict
from guardrail.policy.loader import parse_policy
from guardrail.policy.registry import CheckServices, resolve
from guardrail.runtime import Guard
from guardrail.runtime.record import RecordBuilder
from guardrail.testing.safety_upstream import LlamaGuardUpstream
from guardrail.testing.server import BackgroundServer
from guardrail.threats.safety_model import (
    SafetyModelCheck,
    SafetyModelSettings,
    Turn,
    build,
    llama_guard_prompt,
    parse_llama_guard,
)

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

KEY_ENV = "GUARDRAIL_TEST_SAFETY_KEY"
VERDICTS = {"zorblax": "S1", "quuxhate": "S10", "snarfpriv": "S7", "advicex": "S6"}
SECRET_WORDS = "Ms Chan Tai Man of Flat 3B"


@pytest.fixture(scope="module")
def upstream() -> Iterator[tuple[LlamaGuardUpstream, str]]:
    fake = LlamaGuardUpstream(VERDICTS, slow_seconds=1.0)
    with BackgroundServer(fake.app) as server:
        yield fake, f"{server.url}/v1"


@pytest.fixture(autouse=True)
def api_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_ENV, "test-key")


def context() -> CallContext:
    return CallContext(PolicyRef("t", "1", "h"), "chat", RiskTier.LIMITED)


def check(base: str, **settings: Any) -> SafetyModelCheck:
    values: dict[str, Any] = {"model": "openai/llama-guard", "api_base": base, "api_key_env": KEY_ENV, **settings}
    return build(SafetyModelSettings(**values), CheckServices())


def ask(guard: SafetyModelCheck, text: str, ctx: CallContext | None = None) -> Verdict:
    messages = ({"role": "system", "content": "Be helpful."}, {"role": "user", "content": text})
    return guard(Payload(Stage.INPUT, messages), ctx or context())


def piped(guard: SafetyModelCheck, *, fail_closed: bool, timeout: float | None = None) -> Pipeline:
    return Pipeline([Step("safety", guard, fail_closed=fail_closed, timeout_seconds=timeout)])


def test_a_safe_verdict_passes_and_records_the_tokens(upstream: tuple[LlamaGuardUpstream, str]) -> None:
    fake, base = upstream
    verdict = ask(check(base), "What time does the ferry to Cheung Chau leave?")
    assert verdict.decision is Decision.ALLOW and not verdict.findings
    [used] = verdict.usage
    assert used.model == "openai/llama-guard" and used.prompt_tokens > 0 and used.completion_tokens > 0
    assert fake.received[-1]["model"] == "llama-guard"


def test_unsafe_s1_blocks_with_the_mapped_reason_and_no_text(upstream: tuple[LlamaGuardUpstream, str]) -> None:
    _, base = upstream
    verdict = ask(check(base), f"{SECRET_WORDS} wants zorblax instructions")
    assert verdict.blocked and verdict.reason == "crime_prevention.violence_weapons"
    [finding] = verdict.findings
    assert finding.rule == "S1@openai/llama-guard" and finding.entity_type == "crime_prevention.violence_weapons"
    assert finding.action == "block" and finding.threshold == 1.0
    assert SECRET_WORDS not in repr(verdict) and "zorblax" not in repr(verdict)


def test_several_codes_give_a_finding_each(upstream: tuple[LlamaGuardUpstream, str]) -> None:
    _, base = upstream
    verdict = ask(check(base, action="warn"), "zorblax and quuxhate and snarfpriv")
    assert verdict.decision is Decision.WARN and verdict.reason == "crime_prevention.violence_weapons"
    assert [(f.rule.split("@")[0], f.entity_type) for f in verdict.findings] == [
        ("S1", "crime_prevention.violence_weapons"),
        ("S10", "fairness.discrimination"),
        ("S7", "personal_data.doxxing_surveillance"),
    ]


def test_an_unmapped_code_is_recorded_and_ignored_or_acted_on_per_policy(
    upstream: tuple[LlamaGuardUpstream, str],
) -> None:
    _, base = upstream
    ignored = ask(check(base), "advicex on my tax return")  # S6: not in the default map
    assert ignored.decision is Decision.ALLOW
    [finding] = ignored.findings
    assert (finding.rule, finding.action) == ("S6@openai/llama-guard", "ignored")
    acted = ask(check(base, unmapped="act"), "advicex on my tax return")
    assert acted.blocked and acted.reason == "safety_model.unmapped_category"
    mapped = ask(check(base, categories={"S6": "reliability.specialized_advice"}), "advicex please")
    assert mapped.blocked and mapped.reason == "reliability.specialized_advice"


def test_a_reply_in_no_format_is_a_check_error_and_fails_closed(upstream: tuple[LlamaGuardUpstream, str]) -> None:
    _, base = upstream
    guard = check(base, model="openai/garbage")
    verdict = piped(guard, fail_closed=True)(Payload(Stage.INPUT, ({"role": "user", "content": "hello"},)), context())
    step = verdict.steps[0].verdict
    assert verdict.blocked and step.failure is not None
    assert (step.failure.error_type, step.failure.outcome) == ("SafetyModelReplyInvalid", ErrorOutcome.FAILED_CLOSED)
    record = recorded("input", verdict)
    assert record["checks"][0]["error"] == {"type": "SafetyModelReplyInvalid", "outcome": "failed_closed"}


def test_a_timeout_fails_per_on_error(upstream: tuple[LlamaGuardUpstream, str]) -> None:
    _, base = upstream
    guard = check(base, model="openai/slow", call_timeout_ms=300)
    payload = Payload(Stage.INPUT, ({"role": "user", "content": "hello"},))
    opened = piped(guard, fail_closed=False)(payload, context())
    assert not opened.blocked
    failure = opened.steps[0].verdict.failure
    assert failure is not None and (failure.error_type, failure.outcome) == (
        "SafetyModelTimeout",
        ErrorOutcome.FAILED_OPEN,
    )


@pytest.mark.parametrize(
    "reply",
    ["", "unsafe", "unsafe\nviolence", "safe\nS1", "Safe", "unsafe\nS1,", "unsafe\nS1\nextra", "I am not sure"],
)
def test_only_the_exact_format_parses(reply: str) -> None:
    with pytest.raises(Exception, match="reply"):
        parse_llama_guard(reply)


def test_a_conversation_over_max_chars_errs_rather_than_being_cut(upstream: tuple[LlamaGuardUpstream, str]) -> None:
    fake, base = upstream
    fake.reset()
    guard = check(base, max_chars=100)
    verdict = piped(guard, fail_closed=True)(Payload(Stage.INPUT, ({"role": "user", "content": "x" * 101},)), context())
    failure = verdict.steps[0].verdict.failure
    assert verdict.blocked and failure is not None and failure.error_type == "ConversationTooLong"
    assert not fake.received  # nothing was sent


def test_the_prompt_holds_the_conversation_in_llama_guards_template(upstream: tuple[LlamaGuardUpstream, str]) -> None:
    fake, base = upstream
    fake.reset()
    guard = check(base)
    messages = (
        {"role": "system", "content": "System words stay out."},
        {"role": "user", "content": "First question about ferries."},
        {"role": "assistant", "content": "The ferry leaves at nine."},
        {"role": "user", "content": [{"type": "text", "text": "And the last one back?"}]},
    )
    ctx = context()
    assert not guard(Payload(Stage.INPUT, messages), ctx).blocked
    [sent] = fake.received[-1]["messages"]
    prompt = sent["content"]
    assert sent["role"] == "user"
    assert prompt == llama_guard_prompt(
        [
            Turn(False, "First question about ferries."),
            Turn(True, "The ferry leaves at nine."),
            Turn(False, "And the last one back?"),
        ]
    )
    assert "unsafe content in 'User' messages" in prompt and "S14: Code Interpreter Abuse." in prompt
    assert "\n\nUser: First question about ferries.\n\nAgent: The ferry leaves at nine.\n\n" in prompt
    assert "System words" not in prompt
    # The answer is judged with that conversation, in the agent-turn mode.
    answer = Payload(Stage.OUTPUT, ({"role": "assistant", "content": "The last one is zorblax at midnight."},))
    verdict = guard(answer, ctx)
    assert verdict.blocked and verdict.findings[0].location == "output:last_agent_turn"
    output_prompt = fake.received[-1]["messages"][0]["content"]
    assert "unsafe content in 'Agent' messages" in output_prompt
    assert output_prompt.index("User: And the last one back?") < output_prompt.index("Agent: The last one is")


def test_the_server_template_mode_sends_the_turns(upstream: tuple[LlamaGuardUpstream, str]) -> None:
    fake, base = upstream
    guard = check(base, template="server")
    verdict = ask(guard, "a zorblax question")
    assert verdict.blocked
    assert fake.received[-1]["messages"] == [{"role": "user", "content": "a zorblax question"}]


def test_a_missing_api_key_stops_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV)
    with pytest.raises(Exception, match=KEY_ENV):
        check("http://127.0.0.1:9/v1")


def recorded(stage: str, verdict: Verdict) -> dict[str, Any]:
    builder = RecordBuilder("request", "test")
    builder.verdict(stage, verdict)
    return builder.build(200).as_dict()


POLICY = """
id: safety-model-test
version: "1"
default_use_case: chat
use_cases: {{chat: {{tier: limited}}}}
checks:
  - name: llama-guard
    type: safety_model
    stages: [input, output]
    dimensions: [crime_prevention]
    principles: [compliance]
    on_error: block
    settings:
      model: openai/llama-guard
      api_base: {base}
      api_key_env: {key}
"""


def test_a_policy_with_the_check_loads_and_runs_through_the_guard(upstream: tuple[LlamaGuardUpstream, str]) -> None:
    _, base = upstream
    assert resolve("safety_model").name == "safety_model"
    guard = Guard(parse_policy(POLICY.format(base=base, key=KEY_ENV), source="t.yaml"))
    allowed = guard.guard_request([{"role": "user", "content": "Opening hours?"}], guard.context())
    assert not allowed.blocked
    refused = guard.guard_request([{"role": "user", "content": f"{SECRET_WORDS}: zorblax"}], guard.context())
    assert refused.blocked and refused.verdict.reason == "crime_prevention.violence_weapons"
    record = recorded("input", refused.verdict)
    [summary] = record["checks"]
    assert summary["scores"] == [
        {
            "category": "crime_prevention.violence_weapons",
            "score": 1.0,
            "threshold": 1.0,
            "model": "S1@openai/llama-guard",
        }
    ]
    [used] = summary["usage"]
    assert used["model"] == "openai/llama-guard" and used["prompt_tokens"] > 0
    assert SECRET_WORDS not in json.dumps(record)


def test_litellms_cost_is_recorded_when_it_knows_the_models_price(upstream: tuple[LlamaGuardUpstream, str]) -> None:
    _, base = upstream
    [used] = ask(check(base, model="openai/gpt-4o-mini"), "a zorblax question").usage
    assert used.cost_usd is not None and used.cost_usd > 0
    [unpriced] = ask(check(base), "a zorblax question").usage
    assert unpriced.cost_usd is None


def test_a_bad_category_map_stops_the_policy_naming_the_field() -> None:
    text = POLICY.format(base="http://127.0.0.1:9/v1", key=KEY_ENV) + "      categories: {S1: Violence}\n"
    with pytest.raises(Exception, match=r"checks\[0\]\.settings"):
        parse_policy(text, source="t.yaml")


def test_the_documented_example_is_a_valid_policy() -> None:
    page = (Path(__file__).resolve().parents[2] / "docs/policies.md").read_text(encoding="utf-8")
    section = page[page.index("## A safety model through LiteLLM") :]
    example = section[section.index("```yaml\n") + 8 : section.index("```\n", section.index("```yaml"))]
    text = 'id: doc\nversion: "1"\ndefault_use_case: chat\nuse_cases: {chat: {tier: limited}}\n' + example
    loaded = parse_policy(text.replace("LLAMA_GUARD_API_KEY", KEY_ENV), source="policies.md")
    settings = loaded.settings["llama-guard"]
    assert isinstance(settings, SafetyModelSettings) and settings.categories["S10"] == "fairness.discrimination"


def test_through_the_guard_the_answer_is_judged_with_its_request(upstream: tuple[LlamaGuardUpstream, str]) -> None:
    fake, base = upstream
    guard = Guard(parse_policy(POLICY.format(base=base, key=KEY_ENV), source="t.yaml"))
    request = guard.guard_request([{"role": "user", "content": "Which ferry is last?"}], guard.context())
    answer = {
        "id": "c",
        "object": "chat.completion",
        "model": "echo",
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": "Take the zorblax."}, "finish_reason": "stop"}
        ],
    }
    response = guard.guard_response(answer, request)
    assert response.verdict.blocked and response.verdict.reason == "crime_prevention.violence_weapons"
    prompt = fake.received[-1]["messages"][0]["content"]
    assert "User: Which ferry is last?\n\nAgent: Take the zorblax." in prompt
