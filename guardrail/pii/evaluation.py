"""Scores redaction on a labelled corpus, with the rules of ``shared/data/README.md``.

After NFKC normalisation of the redacted text, a planted value has leaked when a
recognisable part of it survives: for HKID, phone, card and passport any run of four
or more of its digits; for an IP address the whole address; for e-mail the address or
its local part; for a name any two adjacent tokens (for a Chinese-character name, the
whole name or its given name); for an address its number-and-street part. A decoy (an
order number, amount or date) is kept when it appears verbatim.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

STRUCTURED = ("HKID", "PHONE", "EMAIL", "CARD", "PASSPORT", "IP")
_DIGIT_TYPES = {"HKID", "PHONE", "CARD", "PASSPORT"}
_HAN = re.compile(r"[\u4e00-\u9fff]")
_EN_STREET = re.compile(
    r"\d{1,4}[A-Z]?\s+(?:[A-Z][A-Za-z'’.-]*\s+){1,4}"
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Path|Drive|Crescent|Highway|Boulevard|Circuit|Praya|Way|Close|Terrace)"
    r"(?:\s+(?:Central|East|West|North|South))?"
)
_ZH_STREET = re.compile(r"[\u4e00-\u9fff]{1,6}(?:道|路|街|里|徑|巷|坊|圍|臺|台)\d{1,4}號")


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def leaked(kind: str, value: str, redacted: str) -> bool:
    """Whether a recognisable part of planted ``value`` survives in ``redacted``."""
    value, text = _nfkc(value), _nfkc(redacted)
    if kind in _DIGIT_TYPES:
        digits = re.sub(r"\D", "", value)
        text_digits = [re.sub(r"\D", "", run) for run in re.findall(r"\d[\d\s()+-]*", text)]
        runs = {digits[i : i + 4] for i in range(len(digits) - 3)}
        return any(run in candidate for candidate in text_digits for run in runs)
    if kind == "IP":
        return value in text
    if kind == "EMAIL":
        return value in text or re.search(rf"(?<![\w.]){re.escape(value.split('@')[0])}(?![\w])", text) is not None
    if kind == "PERSON":
        if _HAN.search(value):
            given = value[1:] if len(value) <= 3 else value[2:]
            return value in text or (len(given) >= 2 and given in text)
        tokens = value.split()
        pairs = [f"{a} {b}" for a, b in pairwise(tokens)] or tokens
        return any(pair in text for pair in pairs)
    if kind == "ADDRESS":
        core = (_ZH_STREET if _HAN.search(value) else _EN_STREET).search(value)
        return (core[0] if core else value) in text
    return value in text


@dataclass
class Score:
    """Counts per entity type and language."""

    planted: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    removed: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    decoys: int = 0
    decoys_kept: int = 0
    leaks: list[tuple[str, str, str]] = field(default_factory=list)  # (id, type, lang)
    lost_decoys: list[str] = field(default_factory=list)  # ids

    def rate(self, kinds: Iterable[str]) -> float:
        planted = sum(self.planted[k] for k in kinds)
        return sum(self.removed[k] for k in kinds) / planted if planted else 1.0

    @property
    def decoy_rate(self) -> float:
        return self.decoys_kept / self.decoys if self.decoys else 1.0


def score_corpus(
    rows: Iterable[Mapping[str, Any]], redact: Callable[[str], str], by: str = "type"
) -> Score:
    """Redact each row's text and count what survived.

    ``by="type"`` keys counts by entity type; ``by="lang"`` by ``type/lang``.
    """
    score = Score()
    for row in rows:
        redacted = redact(row["text"])
        for item in row["pii"]:
            key = item["type"] if by == "type" else f"{item['type']}/{row['lang']}"
            score.planted[key] += 1
            if leaked(item["type"], item["value"], redacted):
                score.leaks.append((row["id"], item["type"], row["lang"]))
            else:
                score.removed[key] += 1
        for decoy in row.get("decoys", []):
            score.decoys += 1
            if decoy in redacted:
                score.decoys_kept += 1
            else:
                score.lost_decoys.append(row["id"])
    return score
