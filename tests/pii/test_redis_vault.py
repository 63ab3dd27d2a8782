"""The Redis vault against a real Redis: the in-memory vault's behaviour, shared by
instances, with nothing personal in Redis's keys, values or command stream.

Redis comes from :mod:`tests.redis_service`: the shared test Redis, and for the outage
tests a private ``redis-server`` that they stop.
"""

from __future__ import annotations

import base64
import os
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from cryptography.exceptions import InvalidTag

from guardrail.core.context import CallContext, PolicyRef, RiskTier, Stage
from guardrail.core.pipeline import Pipeline, Step
from guardrail.core.vault import InMemoryVault
from guardrail.core.verdict import Decision, ErrorOutcome, Payload
from guardrail.errors import ConfigurationError, StoreUnavailableError
from guardrail.pii.check import PersonalDataCheck
from guardrail.pii.redis_vault import RedisVault, VaultKeys
from guardrail.pii.settings import Action, EntityRule, PersonalDataSettings
from guardrail.pii.vault_stores import VaultSettings, open_vault
from guardrail.runtime.restore import PseudonymRestorer
from tests.redis_service import free_port, private_redis, redis_url

__all__ = ["private_redis", "redis_url"]  # fixtures, used by name

# Synthetic people: made-up names, numbers in HK's unassigned-looking ranges, example.com.
PEOPLE = [
    ("PERSON", "Chan Siu Ming"),
    ("PERSON", "Wong Ka Yan"),
    ("PERSON", "Lee Tsz Hin"),
    ("PHONE_NUMBER", "+852 9123 4567"),
    ("PHONE_NUMBER", "6234 5678"),
    ("EMAIL_ADDRESS", "siuming.chan@example.com"),
]


@pytest.fixture
def prefix(redis_url: str) -> Iterator[str]:
    """A fresh key prefix per test; its keys are removed afterwards."""
    name = f"test:vault:{uuid.uuid4().hex[:12]}"
    yield name
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match=f"{name}:*"))
    if keys:
        client.delete(*keys)


@pytest.fixture
def vault_key() -> bytes:
    return os.urandom(32)


def make_vault(url: str, key: bytes, prefix: str, **options: Any) -> RedisVault:
    return RedisVault.connect(url, key, prefix=prefix, **options)


def all_of(client: redis.Redis, prefix: str) -> dict[bytes, bytes]:
    """Every key under ``prefix`` with everything it holds, as one byte string, plus
    its ``DUMP`` (the serialised form a backup or replica would carry)."""
    found: dict[bytes, bytes] = {}
    for key in client.scan_iter(match=f"{prefix}:*"):
        kind = client.type(key)
        if kind == b"hash":
            parts = [item for pair in client.hgetall(key).items() for item in pair]
        elif kind == b"zset":
            parts = [member for member, _ in client.zrange(key, 0, -1, withscores=True)]
        elif kind == b"set":
            parts = list(client.smembers(key))
        else:
            parts = [client.get(key) or b""]
        found[key] = b"\x00".join(parts) + b"\x00" + (client.dump(key) or b"")
    return found


def leaks(blob: bytes, originals: list[str]) -> list[str]:
    """Which originals appear in ``blob``, in any case or spacing, or as their digits.

    Single words are not searched: names in Redis are base64 digests, where any
    four-letter word turns up by chance about once in a million positions.
    """
    text = blob.decode("latin-1").casefold()
    squeezed = "".join(text.split())
    found = []
    for original in originals:
        digits = "".join(ch for ch in original if ch.isdigit())
        if (
            original.casefold() in text
            or "".join(original.casefold().split()) in squeezed
            or (len(digits) >= 6 and digits in text)
        ):
            found.append(original)
    return found


# -- behaviour shared with the in-memory vault ------------------------------------------


def test_round_trip_restores_every_value_and_numbers_per_type(redis_url: str, prefix: str, vault_key: bytes) -> None:
    vault = make_vault(redis_url, vault_key, prefix)
    scope = "tenant-a/key/conversation-1"
    pseudonyms = [vault.pseudonym_for(scope, kind, value) for kind, value in PEOPLE]
    assert pseudonyms == [
        "<PERSON_1>",
        "<PERSON_2>",
        "<PERSON_3>",
        "<PHONE_NUMBER_1>",
        "<PHONE_NUMBER_2>",
        "<EMAIL_ADDRESS_1>",
    ]
    assert [vault.original_for(scope, p) for p in pseudonyms] == [value for _, value in PEOPLE]
    # Another spelling of one value is the same value, as in the memory vault.
    assert vault.pseudonym_for(scope, "PERSON", "  CHAN   siu ming ") == "<PERSON_1>"
    # Other conversations, principals and tenants see nothing of this one.
    for other in ("tenant-a/key/conversation-2", "tenant-a/other-key/conversation-1", "tenant-b/key/conversation-1"):
        assert vault.original_for(other, "<PERSON_1>") is None
        assert vault.pseudonym_for(other, "PERSON", "Wong Ka Yan") == "<PERSON_1>"
    assert vault.original_for(scope, "<PERSON_9>") is None
    assert vault.counts().conversations == 4 and vault.counts().values == 9


def test_matches_the_memory_vault_on_the_same_calls(redis_url: str, prefix: str, vault_key: bytes) -> None:
    shared, local = make_vault(redis_url, vault_key, prefix), InMemoryVault()
    calls = [(f"t/k/c{n % 3}", kind, value) for n, (kind, value) in enumerate(PEOPLE * 3)]
    assert [shared.pseudonym_for(*call) for call in calls] == [local.pseudonym_for(*call) for call in calls]


def test_conversations_expire_after_the_ttl_and_reading_renews_them(
    redis_url: str, prefix: str, vault_key: bytes
) -> None:
    vault = make_vault(redis_url, vault_key, prefix, ttl_seconds=0.6)
    vault.pseudonym_for("t/k/kept", "PERSON", "Chan Siu Ming")
    vault.pseudonym_for("t/k/idle", "PERSON", "Wong Ka Yan")
    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(match=f"{prefix}:*"):
        ttl = client.pttl(key)
        if key.endswith((b":key-id", b":tenants")):
            continue  # a few bytes each: the key's fingerprint and the list of tenants
        assert 0 < ttl <= 600, key
    for _ in range(3):  # 0.9 s in all: longer than the TTL, but read every 0.3 s
        time.sleep(0.3)
        assert vault.original_for("t/k/kept", "<PERSON_1>") == "Chan Siu Ming"
    assert vault.original_for("t/k/idle", "<PERSON_1>") is None
    # An expired conversation starts again from 1, and leaves the counts at the next write.
    assert vault.pseudonym_for("t/k/idle", "PERSON", "Lee Tsz Hin") == "<PERSON_1>"
    assert vault.counts().values == 2
    time.sleep(0.8)
    assert vault.original_for("t/k/kept", "<PERSON_1>") is None


def test_a_full_conversation_gives_placeholders_and_counts_them(redis_url: str, prefix: str, vault_key: bytes) -> None:
    vault = make_vault(redis_url, vault_key, prefix, max_values_per_conversation=3)
    scope = "t/k/c"
    assert [vault.pseudonym_for(scope, kind, value) for kind, value in PEOPLE[:5]] == [
        "<PERSON_1>",
        "<PERSON_2>",
        "<PERSON_3>",
        "<PHONE_NUMBER>",
        "<PHONE_NUMBER>",
    ]
    assert vault.pseudonym_for(scope, "PERSON", "Wong Ka Yan") == "<PERSON_2>"  # known values still map
    counts = vault.counts()
    assert (counts.values, counts.unpseudonymised_values, counts.evicted_conversations) == (3, 2, 0)


def test_a_full_tenant_evicts_its_least_recently_used_conversation(
    redis_url: str, prefix: str, vault_key: bytes
) -> None:
    vault = make_vault(redis_url, vault_key, prefix, max_values_per_tenant=4)
    for n in range(2):
        vault.pseudonym_for(f"t/k/c{n}", "PERSON", "Chan Siu Ming")
        vault.pseudonym_for(f"t/k/c{n}", "PERSON", "Wong Ka Yan")
    vault.pseudonym_for("other/k/c0", "PERSON", "Lee Tsz Hin")
    vault.original_for("t/k/c0", "<PERSON_1>")  # c0 is now the more recently used
    vault.pseudonym_for("t/k/c2", "PERSON", "Lee Tsz Hin")
    assert vault.original_for("t/k/c1", "<PERSON_1>") is None  # evicted
    assert vault.original_for("t/k/c0", "<PERSON_2>") == "Wong Ka Yan"
    assert vault.original_for("t/k/c2", "<PERSON_1>") == "Lee Tsz Hin"
    assert vault.original_for("other/k/c0", "<PERSON_1>") == "Lee Tsz Hin"  # other tenants untouched
    assert vault.counts() == vault.counts().__class__(3, 4, 1, 0)


# -- several instances --------------------------------------------------------------------


def test_two_instances_assigning_at_once_agree_and_never_share_a_number(
    redis_url: str, prefix: str, vault_key: bytes
) -> None:
    instances = [make_vault(redis_url, vault_key, prefix) for _ in range(2)]
    scope = "t/k/busy"
    shared = [f"Person {n:03d}" for n in range(60)]  # both instances see every one of these
    start = threading.Barrier(8)
    results: list[dict[str, str]] = [{} for _ in range(8)]

    def work(worker: int) -> None:
        vault = instances[worker % 2]
        order = shared[worker::] + shared[:worker]  # each thread starts somewhere else
        start.wait()
        for value in order:
            results[worker][value] = vault.pseudonym_for(scope, "PERSON", value)
        for n in range(10):  # and a few values of its own
            results[worker][f"own {worker}-{n}"] = vault.pseudonym_for(scope, "PERSON", f"Own {worker}-{n}")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for value in shared:
        assert len({result[value] for result in results}) == 1, value
    given = {pseudonym for result in results for pseudonym in result.values()}
    assert given == {f"<PERSON_{n}>" for n in range(1, 60 + 80 + 1)}  # one number per value, no gaps
    for value in shared:
        assert instances[1].original_for(scope, results[0][value]) == value


# -- nothing personal in Redis ------------------------------------------------------------


def test_keys_values_and_the_command_stream_hold_nothing_personal(
    redis_url: str, prefix: str, vault_key: bytes
) -> None:
    originals = [value for _, value in PEOPLE]
    conversation = "case-2291-chan-siu-ming"  # a client may put anything in a conversation id
    seen: list[bytes] = []
    monitor_ready = threading.Event()
    done = threading.Event()

    def watch() -> None:
        with redis.Redis.from_url(redis_url).monitor() as stream:
            monitor_ready.set()
            for command in stream.listen():
                seen.append(str(command["command"]).encode())
                if done.is_set() and "end-of-test" in command["command"]:
                    return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    assert monitor_ready.wait(5)
    time.sleep(0.1)
    vault = make_vault(redis_url, vault_key, prefix)
    scope = f"acme-clinic/key-digest/{conversation}"
    pseudonyms = [vault.pseudonym_for(scope, kind, value) for kind, value in PEOPLE]
    assert [vault.original_for(scope, p) for p in pseudonyms] == originals
    vault.counts()
    done.set()
    redis.Redis.from_url(redis_url).get(f"{prefix}:end-of-test")
    watcher.join(5)

    client = redis.Redis.from_url(redis_url)
    keys = subprocess.run(
        ["redis-cli", "-u", redis_url, "--scan", "--pattern", f"{prefix}:*"], capture_output=True, check=True
    ).stdout
    assert keys.count(b"\n") >= 4
    stored = all_of(client, prefix)
    assert stored
    assert leaks(keys, [*originals, conversation, "acme-clinic"]) == []
    assert leaks(b"\n".join(stored.values()), [*originals, conversation]) == []
    assert any(b"<PERSON_1>" in value for value in stored.values())  # pseudonyms are not secret
    assert len(seen) > 10 and sum(b"EVALSHA" in command.upper() for command in seen) >= 12
    assert leaks(b"\n".join(seen), [*originals, conversation, "acme-clinic"]) == []


def test_another_key_reads_nothing_and_cannot_decrypt(redis_url: str, prefix: str, vault_key: bytes) -> None:
    vault = make_vault(redis_url, vault_key, prefix)
    vault.pseudonym_for("t/k/c", "PERSON", "Chan Siu Ming")
    client = redis.Redis.from_url(redis_url)
    other_key = os.urandom(32)
    with pytest.raises(ConfigurationError, match="another vault key"):
        make_vault(redis_url, other_key, prefix)
    stranger = RedisVault(client, other_key, prefix=prefix)  # past the start-up check
    assert stranger.original_for("t/k/c", "<PERSON_1>") is None  # it cannot even name the conversation
    (conversation,) = [key for key in client.scan_iter(match=f"{prefix}:*:c:*")]
    sealed = client.hget(conversation, "p:<PERSON_1>")
    assert sealed is not None
    scope_tag = conversation.decode().rpartition(":c:")[2]
    context = f"{scope_tag}\x00PERSON".encode()
    assert VaultKeys(vault_key).open(sealed, context) == "Chan Siu Ming"
    with pytest.raises(InvalidTag):
        VaultKeys(other_key).open(sealed, context)
    # Moved into another conversation, a ciphertext does not decrypt there either.
    vault.pseudonym_for("t/k/other", "PERSON", "Wong Ka Yan")
    (target,) = [key for key in client.scan_iter(match=f"{prefix}:*:c:*") if key != conversation]
    client.hset(target, "p:<PERSON_1>", sealed)
    with pytest.raises(StoreUnavailableError, match="does not decrypt"):
        vault.original_for("t/k/other", "<PERSON_1>")


# -- configuration and start-up -----------------------------------------------------------


def test_open_vault_reads_url_and_key_from_the_environment(redis_url: str, prefix: str, vault_key: bytes) -> None:
    settings = VaultSettings(store="redis", key_prefix=prefix, ttl_seconds=60)
    environ = {"GUARDRAIL_REDIS_URL": redis_url, "GUARDRAIL_VAULT_KEY": base64.b64encode(vault_key).decode()}
    vault = open_vault(settings, environ)
    assert isinstance(vault, RedisVault) and vault.ttl_seconds == 60
    assert vault.original_for("t/k/c", vault.pseudonym_for("t/k/c", "PERSON", "Chan Siu Ming")) == "Chan Siu Ming"
    assert isinstance(open_vault(VaultSettings()), InMemoryVault)


@pytest.mark.parametrize(
    ("key", "message"),
    [
        (None, "GUARDRAIL_VAULT_KEY is not set"),
        ("not base64!", "not valid base64"),
        (base64.b64encode(os.urandom(16)).decode(), "holds 16 bytes"),
        (base64.b64encode(bytes(32)).decode(), "not random"),
    ],
)
def test_a_missing_or_malformed_key_stops_start_up(key: str | None, message: str) -> None:
    environ = {"GUARDRAIL_REDIS_URL": "redis://127.0.0.1:1/0"}
    if key is not None:
        environ["GUARDRAIL_VAULT_KEY"] = key
    with pytest.raises(ConfigurationError, match=message):
        open_vault(VaultSettings(store="redis"), environ)


def test_no_url_stops_start_up_naming_the_variable() -> None:
    with pytest.raises(ConfigurationError, match="GUARDRAIL_REDIS_URL"):
        open_vault(VaultSettings(store="redis"), {})


def test_redis_down_at_start_up_names_the_store_and_hides_the_password() -> None:
    port = free_port()
    environ = {
        "GUARDRAIL_REDIS_URL": f"redis://vault-user:s3cret-pass@127.0.0.1:{port}/2",
        "GUARDRAIL_VAULT_KEY": base64.b64encode(os.urandom(32)).decode(),
    }
    started = time.monotonic()
    with pytest.raises(ConfigurationError) as raised:
        open_vault(VaultSettings(store="redis", timeout_seconds=0.5), environ)
    message = str(raised.value)
    assert "Redis vault" in message and f"redis://vault-user:***@127.0.0.1:{port}/2" in message
    assert "s3cret" not in message
    assert time.monotonic() - started < 5


# -- a private Redis that can be stopped --------------------------------------------------


def test_a_wrong_password_is_said_at_start_up(private_redis: tuple[str, subprocess.Popen[bytes]]) -> None:
    url = private_redis[0].replace("private-pass", "wrong-pass")
    with pytest.raises(ConfigurationError, match="authentication failed") as raised:
        RedisVault.connect(url, os.urandom(32))
    assert "wrong-pass" not in str(raised.value)


def personal_data_step(vault: RedisVault) -> Pipeline:
    settings = PersonalDataSettings(
        ner=False,
        entities={
            "PHONE_NUMBER": EntityRule(action=Action.PSEUDONYM),
            "EMAIL_ADDRESS": EntityRule(action=Action.PSEUDONYM),
        },
    )
    return Pipeline([Step("personal-data", PersonalDataCheck(settings, vault), stages=frozenset(Stage))])


def test_redis_stopping_mid_run_fails_the_call_closed(private_redis: tuple[str, subprocess.Popen[bytes]]) -> None:
    url, process = private_redis
    vault = RedisVault.connect(url, os.urandom(32), timeout_seconds=0.5)
    pipeline = personal_data_step(vault)
    context = CallContext(PolicyRef("test", "1", "0" * 64), "general", RiskTier.LOW, conversation_id="c-1")
    text = "Call me on +852 9123 4567 or write to siuming.chan@example.com"
    before = pipeline(Payload(Stage.INPUT, ({"role": "user", "content": text},)), context)
    assert before.decision is Decision.MODIFY and before.payload is not None
    sent = str(before.payload.messages[0]["content"])
    assert "9123" not in sent and "<PHONE_NUMBER_1>" in sent

    process.kill()
    process.wait()
    started = time.monotonic()
    after = pipeline(Payload(Stage.INPUT, ({"role": "user", "content": "And +852 6234 5678 too"},)), context)
    assert time.monotonic() - started < 5
    assert after.decision is Decision.BLOCK  # the default on_error: the original is never sent
    assert after.payload is None
    assert after.failure is not None or any(step.verdict.failure for step in after.steps)
    failure = next(step.verdict.failure for step in after.steps if step.verdict.failure)
    assert (failure.error_type, failure.outcome) == ("StoreUnavailableError", ErrorOutcome.FAILED_CLOSED)
    # Restoring an answer fails loudly too, rather than handing back text it cannot vouch for.
    restorer = PseudonymRestorer(vault, context.vault_scope, frozenset({"<PHONE_NUMBER_1>"}))
    with pytest.raises(StoreUnavailableError, match=r"Redis vault at redis://:\*\*\*@127\.0\.0\.1"):
        restorer.text("We will call <PHONE_NUMBER_1>.")


def test_errors_carry_no_value(private_redis: tuple[str, subprocess.Popen[bytes]]) -> None:
    url, process = private_redis
    vault = RedisVault.connect(url, os.urandom(32), timeout_seconds=0.5)
    process.kill()
    process.wait()
    with pytest.raises(StoreUnavailableError) as raised:
        vault.pseudonym_for("acme/k/c", "PERSON", "Chan Siu Ming")
    assert leaks(str(raised.value).encode(), ["Chan Siu Ming", "acme/k/c", "private-pass"]) == []
