"""The proxy with the OpenAI SDK and LiteLLM as clients: redaction and round trips.

Round trips, tools and usage run in-process (``Served``); the SDK's plain and streamed
calls, LiteLLM as a client, embeddings, the demo model and what reaches the upstream's
HTTP headers run end to end, over real HTTP through LiteLLM's Router."""

from __future__ import annotations

import json
import time

import openai
import pytest

from guardrail.policy.model import DEFAULT_LABEL
from guardrail.testing import RecordingUpstream
from tests.adapters.conftest import ClientFactory, ProxyFactory, Served

NAME, PHONE, HKID, EMAIL = "Chan Tai Man", "9123 4567", "A123456(3)", "chan.tm@example.com"
PROMPT = f"Customer {NAME} (HKID {HKID}) asks us to call {PHONE} or write to {EMAIL}."
PLANTED = (NAME, PHONE, HKID, EMAIL)


def client(base_url: str, **headers: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{base_url}/v1", api_key="unused", default_headers=headers, max_retries=0)


def test_openai_sdk_plain_call_is_redacted_upstream(
    default_proxy: str, upstream: tuple[RecordingUpstream, str]
) -> None:
    recorder, _ = upstream
    recorder.reset()
    answer = client(default_proxy).chat.completions.create(model="echo", messages=[{"role": "user", "content": PROMPT}])
    received = recorder.received_text()
    assert all(value not in received for value in PLANTED)
    assert "<PERSON>" in received and "<HK_ID>" in received
    assert answer.choices[0].message.content.startswith("You said: Customer <PERSON>")


def test_openai_sdk_lists_models(default_proxy: str) -> None:
    names = [model.id for model in client(default_proxy).models.list()]
    assert {"echo", "guardrail-demo"} <= set(names)


def test_openai_sdk_streams(default_proxy: str, upstream: tuple[RecordingUpstream, str]) -> None:
    recorder, _ = upstream
    recorder.reset()
    stream = client(default_proxy).chat.completions.create(
        model="echo", messages=[{"role": "user", "content": PROMPT}], stream=True
    )
    text = "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)
    sent = json.loads(recorder.received_text())[0]["messages"][0]["content"]
    assert text == f"You said: {sent}\n\n{DEFAULT_LABEL}"  # limited tier: a visible label after
    assert all(value not in text for value in PLANTED)


def test_pseudonyms_round_trip_in_plain_answers(round_trip_client: Served) -> None:
    recorder = round_trip_client.upstream
    recorder.reset()
    answer = round_trip_client.openai().chat.completions.create(
        model="echo", messages=[{"role": "user", "content": PROMPT}]
    )
    received = recorder.received_text()
    assert all(value not in received for value in PLANTED)
    assert "<PERSON_1>" in received and "<PHONE_NUMBER_1>" in received
    assert answer.choices[0].message.content == "You said: " + PROMPT


@pytest.mark.parametrize("chunk_chars", [1, 2, 5])
def test_pseudonyms_round_trip_in_streams_split_anywhere(round_trip_client: Served, chunk_chars: int) -> None:
    recorder = round_trip_client.upstream
    recorder.chunk_chars = chunk_chars
    try:
        stream = round_trip_client.openai().chat.completions.create(
            model="echo", messages=[{"role": "user", "content": PROMPT}], stream=True
        )
        text = "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)
    finally:
        recorder.chunk_chars = 3
    assert text == "You said: " + PROMPT


@pytest.mark.parametrize("stream", [False, True])
def test_pseudonyms_restored_in_tool_call_arguments(round_trip_client: Served, stream: bool) -> None:
    quoted = f'{NAME} said "call {PHONE}" \\ ok'
    response = round_trip_client.openai().chat.completions.create(
        model="echo-tool", messages=[{"role": "user", "content": quoted}], stream=stream
    )
    if stream:
        arguments = "".join(
            call.function.arguments or ""
            for chunk in response
            if chunk.choices
            for call in chunk.choices[0].delta.tool_calls or []
        )
    else:
        arguments = response.choices[0].message.tool_calls[0].function.arguments
    assert json.loads(arguments) == {"note": "You said: " + quoted, "priority": 1}


def test_same_value_same_pseudonym_across_a_conversation(round_trip_client: Served) -> None:
    recorder = round_trip_client.upstream
    recorder.reset()
    api = round_trip_client.openai(**{"x-guardrail-conversation-id": "conv-42"})
    api.chat.completions.create(model="echo", messages=[{"role": "user", "content": f"Hi, I am {NAME}."}])
    api.chat.completions.create(
        model="echo", messages=[{"role": "user", "content": f"Ms Wong Mei Ling and {NAME} both called."}]
    )
    first, second = (body["messages"][0]["content"] for body in json.loads(recorder.received_text()))
    assert first == "Hi, I am <PERSON_1>."
    assert second.endswith("<PERSON_2> and <PERSON_1> both called.")  # a title may go with the name


def test_conversations_of_different_tenants_do_not_share_pseudonyms(make_client: ClientFactory) -> None:
    from tests.conftest import ROUND_TRIP

    keys = [{"key": "key-a", "tenant": "a"}, {"key": "key-b", "tenant": "b"}]
    with make_client(policy=ROUND_TRIP, keys=keys) as served:
        for key, name in (("key-a", NAME), ("key-b", "Wong Mei Ling")):
            served.openai(api_key=key).chat.completions.create(
                model="echo",
                messages=[{"role": "user", "content": f"I am {name}."}],
                extra_headers={"x-guardrail-conversation-id": "shared-id"},
            )
        # Tenant b's model answers with tenant a's pseudonym: it must not be restored.
        answer = served.openai(api_key="key-b").chat.completions.create(
            model="echo",
            messages=[{"role": "user", "content": "<PERSON_1> and <PERSON_2>"}],
            extra_headers={"x-guardrail-conversation-id": "shared-id"},
        )
    assert NAME not in answer.choices[0].message.content


def test_pseudonyms_the_client_did_not_send_are_not_restored(round_trip_client: Served) -> None:
    api = round_trip_client.openai(**{"x-guardrail-conversation-id": "conv-7"})
    api.chat.completions.create(model="echo", messages=[{"role": "user", "content": f"I am {NAME}."}])
    answer = api.chat.completions.create(model="echo", messages=[{"role": "user", "content": "Who is <PERSON_1>?"}])
    # The client typed the pseudonym itself; restoring it would hand out the vault.
    assert answer.choices[0].message.content == "You said: Who is <PERSON_1>?"


@pytest.mark.parametrize("stream", [False, True])
def test_personal_data_the_model_invents_stays_redacted(round_trip_client: Served, stream: bool) -> None:
    response = round_trip_client.openai().chat.completions.create(
        model="fixed", messages=[{"role": "user", "content": "Who handles my case?"}], stream=stream
    )
    if stream:
        content = "".join(chunk.choices[0].delta.content or "" for chunk in response if chunk.choices)
    else:
        content = response.choices[0].message.content
    assert "Wong Mei Ling" not in content and "6123 9876" not in content
    assert "<PERSON_1>" in content and "<PHONE_NUMBER_1>" in content


def test_litellm_as_client(default_proxy: str, upstream: tuple[RecordingUpstream, str]) -> None:
    import litellm

    recorder, _ = upstream
    recorder.reset()
    answer = litellm.completion(
        model="openai/echo",
        api_base=f"{default_proxy}/v1",
        api_key="unused",
        messages=[{"role": "user", "content": PROMPT}],
    )
    assert "<PERSON>" in answer.choices[0].message.content
    assert all(value not in recorder.received_text() for value in PLANTED)


def test_first_token_arrives_long_before_the_last(
    round_trip_proxy: str, upstream: tuple[RecordingUpstream, str]
) -> None:
    recorder, _ = upstream
    recorder.chunk_delay = 0.01
    long_prompt = " ".join(["The quick brown fox jumps over the lazy dog."] * 10)
    try:
        stream = client(round_trip_proxy).chat.completions.create(
            model="echo", messages=[{"role": "user", "content": long_prompt}], stream=True
        )
        arrivals = [time.perf_counter() for chunk in stream if chunk.choices and chunk.choices[0].delta.content]
    finally:
        recorder.chunk_delay = 0.0
    # ~450 characters in 3-char pieces at 10 ms: the stream lasts about 1.5 s.
    assert len(arrivals) > 10
    assert arrivals[-1] - arrivals[0] > 1.0


def test_client_keys_are_not_forwarded(make_proxy: ProxyFactory, upstream: tuple[RecordingUpstream, str]) -> None:
    recorder, _ = upstream
    recorder.reset()
    with make_proxy(keys=[{"key": "client-key-123", "tenant": "acme"}]) as url:
        openai.OpenAI(base_url=f"{url}/v1", api_key="client-key-123", max_retries=0).chat.completions.create(
            model="echo", messages=[{"role": "user", "content": "hello"}]
        )
    headers = recorder.headers[-1]
    assert "client-key-123" not in json.dumps(headers)
    assert headers["authorization"] == "Bearer upstream-secret"


def test_embeddings_inputs_are_redacted(default_proxy: str, upstream: tuple[RecordingUpstream, str]) -> None:
    recorder, _ = upstream
    recorder.reset()
    result = client(default_proxy).embeddings.create(model="echo", input=[PROMPT, "plain text"])
    assert len(result.data) == 2
    received = recorder.received_text()
    assert all(value not in received for value in PLANTED) and "plain text" in received


def test_demo_model_answers_offline(default_proxy: str) -> None:
    answer = client(default_proxy).chat.completions.create(
        model="guardrail-demo", messages=[{"role": "user", "content": PROMPT}]
    )
    content = answer.choices[0].message.content
    assert "I received: Customer <PERSON>" in content
    assert all(value not in content for value in PLANTED)


def test_streamed_usage_reaches_the_client(default_client: Served) -> None:
    stream = default_client.openai().chat.completions.create(
        model="echo",
        messages=[{"role": "user", "content": "hello"}],
        stream=True,
        stream_options={"include_usage": True},
    )
    usages = [chunk.usage for chunk in stream if chunk.usage is not None]
    assert len(usages) == 1 and usages[0].total_tokens > 0
