"""The pseudonym vault: costs by key whatever other tenants do, caps, and scoping."""

from __future__ import annotations

import statistics
import time

from guardrail.core.context import CallContext, PolicyRef, RiskTier
from guardrail.core.vault import InMemoryVault
from guardrail.runtime.restore import PseudonymRestorer


def request_work(vault: InMemoryVault, scope: str) -> float:
    """Seconds for one request's vault work: 50 values pseudonymised, 50 restored."""
    started = time.perf_counter()
    pseudonyms = [vault.pseudonym_for(scope, "PERSON", f"Person {n}") for n in range(50)]
    for pseudonym in pseudonyms:
        vault.original_for(scope, pseudonym)
    return time.perf_counter() - started


def median_work(vault: InMemoryVault, scope: str) -> float:
    return statistics.median(request_work(vault, f"{scope}-{n}") for n in range(30))


def test_a_request_costs_the_same_after_another_tenant_opens_10000_conversations() -> None:
    vault = InMemoryVault()
    before = median_work(vault, "victim/key/conv")
    for n in range(10_000):
        vault.pseudonym_for(f"other/key/conv-{n}", "PERSON", f"Someone {n}")
    after = median_work(vault, "victim/key/later")
    assert vault.counts().conversations == 10_060
    # Look-ups are by key: 10,000 more conversations must not show. The old vault walked
    # every conversation on every call (about 100 times slower here).
    assert after < before * 3 + 0.0005, (before, after)


def test_a_tenant_over_its_cap_loses_its_own_oldest_conversations_only() -> None:
    vault = InMemoryVault(max_values_per_tenant=10, max_values=100)
    keep = vault.pseudonym_for("quiet/k/c", "PERSON", "Chan Tai Man")
    for n in range(25):
        vault.pseudonym_for(f"busy/k/c{n}", "PERSON", f"Value {n}")
    counts = vault.counts()
    assert counts.evicted_conversations == 15
    assert vault.original_for("busy/k/c0", "<PERSON_1>") is None  # oldest evicted
    assert vault.original_for("busy/k/c24", "<PERSON_1>") == "Value 24"  # newest kept
    assert vault.original_for("quiet/k/c", keep) == "Chan Tai Man"  # other tenants untouched


def test_the_overall_cap_evicts_the_least_recently_used_conversation() -> None:
    vault = InMemoryVault(max_values=3)
    for name in ("a/k/1", "b/k/2", "c/k/3"):
        vault.pseudonym_for(name, "PERSON", "Chan Tai Man")
    vault.original_for("a/k/1", "<PERSON_1>")  # used again: now b is the oldest
    vault.pseudonym_for("d/k/4", "PERSON", "Chan Tai Man")
    assert vault.original_for("b/k/2", "<PERSON_1>") is None
    assert vault.original_for("a/k/1", "<PERSON_1>") == "Chan Tai Man"
    assert vault.counts() == vault.counts().__class__(3, 3, 1, 0)


def test_a_full_conversation_still_removes_new_values_with_a_placeholder() -> None:
    vault = InMemoryVault(max_values_per_conversation=2)
    assert vault.pseudonym_for("t/k/c", "PERSON", "A B") == "<PERSON_1>"
    assert vault.pseudonym_for("t/k/c", "PERSON", "C D") == "<PERSON_2>"
    assert vault.pseudonym_for("t/k/c", "PERSON", "E F") == "<PERSON>"
    assert vault.pseudonym_for("t/k/c", "PERSON", "a  b") == "<PERSON_1>"  # known values keep theirs
    assert vault.counts().unpseudonymised_values == 1


def test_expiry_drops_only_expired_conversations_and_keeps_counts_right() -> None:
    now = [0.0]
    vault = InMemoryVault(ttl_seconds=10, clock=lambda: now[0])
    vault.pseudonym_for("t/k/old", "PERSON", "A B")
    now[0] = 8
    vault.pseudonym_for("t/k/new", "PERSON", "C D")
    now[0] = 12
    assert vault.original_for("t/k/old", "<PERSON_1>") is None
    assert vault.original_for("t/k/new", "<PERSON_1>") == "C D"
    assert vault.counts().conversations == 1 and vault.counts().values == 1


def context(principal: str) -> CallContext:
    return CallContext(
        PolicyRef("p", "1", "sha256:x"),
        "general",
        RiskTier.LOW,
        tenant="clinic",
        conversation_id="conv-1",
        principal=principal,
    )


def test_another_key_of_the_same_tenant_cannot_confirm_a_guess_in_a_known_conversation() -> None:
    vault = InMemoryVault()
    victim, guesser = context("key-a"), context("key-b")
    vault.pseudonym_for(victim.vault_scope, "PERSON", "CHAN Tai-man")
    # The guesser sends the suspected value under the victim's conversation id ...
    pseudonym = vault.pseudonym_for(guesser.vault_scope, "PERSON", "chan tai-man")
    restorer = PseudonymRestorer(vault, guesser.vault_scope, frozenset({pseudonym}))
    # ... and gets back only what it sent, never the victim's spelling.
    assert restorer.text(f"Hello {pseudonym}") == "Hello chan tai-man"
    assert victim.vault_scope != guesser.vault_scope
