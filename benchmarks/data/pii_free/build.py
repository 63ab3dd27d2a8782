"""Builds ``corpus.jsonl`` from the hand-written genre files in ``docs/``.

    python benchmarks/data/pii_free/build.py

Each genre file holds documents whose personal values are marked ``[[TYPE:value]]``
and whose look-alikes are marked ``[[DECOY:value]]`` (see the corpus section of
``benchmarks/README.md``). The markup is stripped and every value's offsets in the plain
text are recorded, so a scorer can compare a redactor's findings with the
planted spans. Any malformed markup stops the build with the file and line, because a
silently mis-labelled span would skew every figure computed from the corpus.

A genre file may name the part of the corpus it belongs to (``# part: dev2``): the
documents written later, after the first dev half had been tuned on, to measure what
that tuning did to text nobody had looked at. A row records its part (``base`` when
the file names none), so a scorer can report a part alone.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guardrail.pii.evaluation import spoken_digits
from guardrail.text.dictation import DIGIT_WORDS
from guardrail.text.normalize import luhn_valid

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
OUTPUT = HERE / "corpus.jsonl"

TYPES = frozenset({"PERSON", "ADDRESS", "HKID", "PHONE", "EMAIL", "CARD", "PASSPORT", "IP", "IBAN", "BR"})
LANGS = frozenset({"en", "zh-hant", "zh-hans", "mixed"})
SPLITS = frozenset({"dev", "test"})
_HEADER = re.compile(r"^# (genre|split|part): *(.*?)\s*(?:<-.*)?$")
_DOC = re.compile(r"^=== doc (\S+) lang=(\S+) ===\s*$")
_MARK = re.compile(r"\[\[([A-Z]+):(.*?)\]\]", re.DOTALL)
Span = dict[str, Any]


class MarkupError(ValueError):
    """A genre file that cannot be turned into labelled documents."""


@dataclass(frozen=True)
class Doc:
    id: str
    lang: str
    body: str
    line: int


def _headers_and_docs(path: Path) -> tuple[dict[str, str], list[Doc]]:
    headers: dict[str, str] = {}
    docs: list[Doc] = []
    current: tuple[str, str, int] | None = None
    body: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        doc = _DOC.match(line)
        if doc:
            if current:
                docs.append(Doc(current[0], current[1], "\n".join(body), current[2]))
            current, body = (doc[1], doc[2], number), []
            continue
        if current is None:
            header = _HEADER.match(line)
            if header:
                headers[header[1]] = header[2]
            elif line.strip() and not line.startswith("#"):
                raise MarkupError(f"{path.name}:{number}: text before the first '=== doc' line")
            continue
        body.append(line)
    if current:
        docs.append(Doc(current[0], current[1], "\n".join(body), current[2]))
    return headers, docs


def _plain(doc: Doc, where: str) -> tuple[str, list[Span], list[Span]]:
    """The text without markup, its planted values and its decoys, with offsets."""
    raw = doc.body.removesuffix("\n")
    pieces: list[str] = []
    pii: list[Span] = []
    decoys: list[Span] = []
    position = length = 0
    for mark in _MARK.finditer(raw):
        kind, value = mark[1], mark[2]
        if "[[" in value or "]]" in value:
            near = raw[mark.start() : mark.start() + 30]
            raise MarkupError(f"{where}: nested or unclosed marker near {near!r}")
        if kind != "DECOY" and kind not in TYPES:
            raise MarkupError(f"{where}: unknown type {kind!r}")
        if not value.strip() or value != value.strip():
            raise MarkupError(f"{where}: empty value or value with outer spaces in a {kind} marker")
        before = raw[position : mark.start()]
        pieces += [before, value]
        start = length + len(before)
        length = start + len(value)
        span = {"value": value, "start": start, "end": length}
        if kind == "DECOY":
            decoys.append(span)
        else:
            pii.append({"type": kind, **span})
        position = mark.end()
    pieces.append(raw[position:])
    text = "".join(pieces)
    if "[[" in text or "]]" in text:
        raise MarkupError(f"{where}: stray '[[' or ']]' (malformed marker)")
    for span in pii + decoys:
        assert text[span["start"] : span["end"]] == span["value"], (where, span)
    return text, pii, decoys


_DIGIT_WORD = re.compile(r"(?i)\b(?:" + "|".join(DIGIT_WORDS) + r")\b")


def _iban(value: str) -> bool:
    # An IBAN read out on a call (G B seven seven, B A R C, double two ...) is read as the
    # scorer reads it; a written one as written.
    spoken = _DIGIT_WORD.search(value) is not None
    compact = (re.sub(r"[^0-9A-Za-z]", "", spoken_digits(value)) if spoken else re.sub(r"[\s-]", "", value)).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{8,30}", compact):
        return False
    return int("".join(str(int(c, 36)) for c in compact[4:] + compact[:4])) % 97 == 1


_OCR_DIGITS = str.maketrans("Ool", "001")  # a scan's O and l in a card number


def _check_digits(pii: list[Span], where: str) -> None:
    """Cards must pass Luhn and IBANs mod-97 (the format requires it; HKIDs may not),
    a card scanned with O and l for 0 and 1 too."""
    for span in pii:
        value = str(span["value"])
        # A card read out in words is left as written (one in the first corpus fails Luhn).
        # (O and l are a scan's digits only among digits: "two" and "double" are words.)
        scanned = span["type"] == "CARD" and re.search(r"\d", value) is not None
        digits = re.sub(r"\D", "", value.translate(_OCR_DIGITS) if scanned else value)
        if span["type"] == "CARD" and digits and not luhn_valid(digits):
            raise MarkupError(f"{where}: card number fails the Luhn check")
        if span["type"] == "IBAN" and not _iban(value):
            raise MarkupError(f"{where}: IBAN fails its check digits")


def build(docs_dir: Path = DOCS) -> list[Span]:
    """Every document of every genre file, in file and document order."""
    rows: list[Span] = []
    seen: dict[str, str] = {}
    for path in sorted(docs_dir.glob("*.txt")):
        headers, docs = _headers_and_docs(path)
        genre, split = headers.get("genre"), (headers.get("split") or "-").split()[0]
        if not genre:
            raise MarkupError(f"{path.name}: missing '# genre:' header")
        if split not in SPLITS:
            raise MarkupError(f"{path.name}: '# split:' must be dev or test, not {split!r}")
        if not docs:
            raise MarkupError(f"{path.name}: no documents")
        for doc in docs:
            where = f"{path.name}:{doc.line} ({doc.id})"
            if doc.lang not in LANGS:
                raise MarkupError(f"{where}: unknown lang {doc.lang!r}")
            if doc.id in seen:
                raise MarkupError(f"{where}: id already used in {seen[doc.id]}")
            seen[doc.id] = path.name
            text, pii, decoys = _plain(doc, where)
            _check_digits(pii, where)
            rows.append(
                {
                    "id": doc.id,
                    "genre": path.stem,
                    "lang": doc.lang,
                    "split": split,
                    "part": headers.get("part") or "base",
                    "text": text,
                    "pii": pii,
                    "decoys": decoys,
                }
            )
    return rows


def main() -> None:
    try:
        rows = build()
    except MarkupError as error:
        sys.exit(f"build failed: {error}")
    with OUTPUT.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    genres = {row["genre"] for row in rows}
    values = sum(len(row["pii"]) for row in rows)
    print(f"{OUTPUT.name}: {len(rows)} documents, {len(genres)} genres, {values} planted values")


if __name__ == "__main__":
    main()
