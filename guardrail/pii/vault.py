"""The pseudonym vault's old address, kept while code outside this package moves to
:mod:`guardrail.core.vault`.

The vault moved to the core because the policy's :class:`~guardrail.policy.registry.CheckServices`
carries one, and the policy package must not import this one (which imports the policy).
"""

from guardrail.core.vault import (
    MAX_VALUES,
    MAX_VALUES_PER_CONVERSATION,
    MAX_VALUES_PER_TENANT,
    InMemoryVault,
    PseudonymVault,
    VaultCounts,
    canonical_value,
)

__all__ = [
    "MAX_VALUES",
    "MAX_VALUES_PER_CONVERSATION",
    "MAX_VALUES_PER_TENANT",
    "InMemoryVault",
    "PseudonymVault",
    "VaultCounts",
    "canonical_value",
]
