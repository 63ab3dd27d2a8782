"""Putting pseudonyms' originals back into answers.

Only pseudonyms that this call's own input checks put into the request are restored,
looked up in the vault under the call's scope (tenant, principal, conversation: see
:attr:`~guardrail.core.context.CallContext.vault_scope`). So a model that invents
``<PERSON_7>`` gets nothing back; a client that types ``<PERSON_1>`` itself (guessing
someone else's conversation id, say) gets nothing back; a value sent to confirm a guess
under someone else's conversation id lands in a scope of its own and comes back only
as it was sent; one tenant never receives another's values; and personal data the
model produced (pseudonymised by the output checks) stays pseudonymised. Restored
text goes to the client only: it is never logged or recorded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from guardrail.core.chat import Message, SlotKind, TextSlot, map_texts
from guardrail.core.vault import PseudonymVault

PSEUDONYM = re.compile(r"<[A-Z][A-Z0-9_]*_\d+>")
# A pseudonym that may still be arriving at the end of a stream: "<", "<PERS", "<PERSON_1".
PARTIAL_PSEUDONYM = re.compile(r"<[A-Z0-9_]{0,40}$")


class PseudonymRestorer:
    """Restores one call's pseudonyms from the vault."""

    def __init__(self, vault: PseudonymVault, scope: str, allowed: frozenset[str]) -> None:
        self._vault = vault
        self._scope = scope
        self._allowed = allowed
        self.restored = 0

    def text(self, text: str) -> str:
        """``text`` with every known pseudonym replaced by its original."""
        if "<" not in text:
            return text
        return PSEUDONYM.sub(self._original, text)

    def messages(self, messages: Sequence[Message]) -> list[Message]:
        """Messages with pseudonyms restored in content and tool-call arguments.

        Arguments are restored leaf by leaf inside their JSON (by the chat walker), so
        an original holding quotes or backslashes stays valid JSON. Names are left alone:
        an original rarely fits OpenAI's ``name`` charset.
        """
        return map_texts(messages, self._slot)

    def _slot(self, slot: TextSlot) -> str:
        return slot.text if slot.kind is SlotKind.NAME else self.text(slot.text)

    def _original(self, match: re.Match[str]) -> str:
        if match.group(0) not in self._allowed:
            return match.group(0)
        original = self._vault.original_for(self._scope, match.group(0))
        if original is None:
            return match.group(0)
        self.restored += 1
        return original
