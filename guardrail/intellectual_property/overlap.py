"""The ``verbatim_overlap`` check: answers that copy long runs of protected texts.

The Guideline asks that generated content avoid whole or substantial copying (p.31).
A provider lists the texts it must not reproduce (its licensed material, say) as
files; at start-up each is cut into overlapping shingles of ``shingle`` tokens (words
for Latin script, single characters for Chinese), hashed into one set. An answer's
shingles are looked up in order, and a run of consecutive hits is a verbatim passage;
one of ``min_tokens`` or more is flagged (``warn``) or refused (``block``). Lookup is
linear in the answer, whatever the size of the protected corpus. Evidence names the
protected text by its id and gives the run length, never the passage.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from pydantic import Field, model_validator

from guardrail.core.chat import collect_texts
from guardrail.core.context import CallContext
from guardrail.core.verdict import ALLOW, Decision, Finding, Payload, Verdict
from guardrail.policy.model import StrictModel
from guardrail.policy.registry import CheckServices, CheckType
from guardrail.text.normalize import normalize

REASON = "intellectual_property.verbatim_overlap"
_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+", re.UNICODE)


class ProtectedText(StrictModel):
    id: str = Field(pattern=r"^[A-Za-z0-9_.:-]{1,128}$")
    path: Path


class VerbatimOverlapSettings(StrictModel):
    texts: list[ProtectedText] = Field(min_length=1)
    shingle: int = Field(default=8, ge=3, le=64, description="Tokens per shingle.")
    min_tokens: int = Field(default=50, ge=3, description="A verbatim run this long is flagged.")
    action: str = Field(default="warn", pattern="^(warn|block)$")

    @model_validator(mode="after")
    def _readable(self) -> VerbatimOverlapSettings:
        if self.min_tokens < self.shingle:
            raise ValueError("min_tokens must be at least shingle")
        for text in self.texts:
            if not text.path.is_file():
                raise ValueError(f"protected text {text.id!r}: {text.path} is not a readable file")
        return self


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Case-folded word and Han-character tokens with their offsets in ``text``."""
    normalized = normalize(text)
    out = []
    for match in _TOKEN.finditer(normalized.text):
        start, end = normalized.to_original(match.start(), match.end())
        out.append((match.group().casefold(), start, end))
    return out


def _shingle_key(words: list[str]) -> bytes:
    return hashlib.blake2b("\x1f".join(words).encode("utf-8"), digest_size=8).digest()


class VerbatimOverlapCheck:
    whole_answer = True  # a copied passage is longer than a stream window

    def __init__(self, settings: VerbatimOverlapSettings) -> None:
        self.settings = settings
        self.index: dict[bytes, str] = {}
        n = settings.shingle
        for text in settings.texts:
            words = [token for token, _, _ in tokens(text.path.read_text(encoding="utf-8"))]
            for i in range(len(words) - n + 1):
                self.index.setdefault(_shingle_key(words[i : i + n]), text.id)

    def __call__(self, payload: Payload, context: CallContext) -> Verdict:
        findings = []
        for slot in collect_texts(payload.messages):
            for start, end, length, source in self._runs(slot.text):
                findings.append(
                    Finding(
                        "PROTECTED_TEXT",
                        start,
                        end,
                        1.0,
                        f"{source}:{length}_tokens",
                        slot.location,
                        self.settings.action,
                    )
                )
        if not findings:
            return ALLOW
        decision = Decision.BLOCK if self.settings.action == "block" else Decision.WARN
        return Verdict(decision, findings=tuple(findings), reason=REASON)

    def _runs(self, text: str) -> list[tuple[int, int, int, str]]:
        """Verbatim runs of at least ``min_tokens``: (start, end, tokens, source id)."""
        n = self.settings.shingle
        found = tokens(text)
        runs: list[tuple[int, int, int, str]] = []
        run_start: int | None = None
        source = ""
        for i in range(len(found) - n + 2):
            hit = self.index.get(_shingle_key([t for t, _, _ in found[i : i + n]])) if i + n <= len(found) else None
            if hit is not None and run_start is None:
                run_start, source = i, hit
            elif hit is None and run_start is not None:
                length = i - 1 + n - run_start
                if length >= self.settings.min_tokens:
                    runs.append((found[run_start][1], found[i - 2 + n][2], length, source))
                run_start = None
        return runs


def build(settings: VerbatimOverlapSettings, services: CheckServices) -> Any:
    return VerbatimOverlapCheck(settings)


VERBATIM_OVERLAP = CheckType(
    name="verbatim_overlap",
    settings_model=VerbatimOverlapSettings,
    factory="guardrail.intellectual_property.overlap:build",
)
