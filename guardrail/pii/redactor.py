"""Finds personal data in one text and rewrites it as the policy says.

Detection runs on a normalised copy (see :mod:`guardrail.text.normalize`); findings are
filtered by each entity type's threshold, the allow-list and the placeholders an
earlier pass wrote (so redacting twice changes nothing), merged where they overlap,
and mapped back to offsets in the original text, where they are rewritten.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

from presidio_analyzer import RecognizerResult

from guardrail.core.vault import InMemoryVault, PseudonymVault
from guardrail.pii.engine import build_analyzers
from guardrail.pii.hash_key import hash_key
from guardrail.pii.ner_focus import ner_text
from guardrail.pii.operators import Rewriter, operator_for
from guardrail.pii.public_lines import public_contacts
from guardrail.pii.recognizers.name_lexicon import HAN_RUN
from guardrail.pii.recognizers.name_mentions import more_mentions
from guardrail.pii.recognizers.name_recipients import recipients
from guardrail.pii.recognizers.name_things import drop_businesses, drop_things
from guardrail.pii.recognizers.read_backs import read_backs
from guardrail.pii.settings import Action, PersonalDataSettings
from guardrail.pii.spans import DisjointSpans
from guardrail.text.normalize import normalize

# Texts longer than this are analysed in pieces cut at line breaks (or spaces): spaCy
# refuses texts over a million characters, and its memory grows with the text.
CHUNK_CHARS = 20_000
# Short texts (keys, ids, schema words, short messages) are analysed together, joined by
# a separator no pattern matches across, up to this many characters: each analysis has
# a fixed cost that a tool schema's hundred small strings would otherwise pay a hundred
# times over.
BATCH_CHARS = 4_000
BATCH_TEXT_CHARS = 500
BATCH_SEPARATOR = "\n\u00b6\n"
# What this module writes: <HK_ID>, <PERSON_3>, <EMAIL_ADDRESS:k3vq7d2amn4x5pqa>.
PLACEHOLDER = re.compile(r"<[A-Z][A-Z_]*(?:_\d+|:[a-z2-7]{16})?>")
_NOT_ALNUM = re.compile(r"[\W_]+")
# Reaches every recognizer, so each loads its lazy data (the public-suffix snapshot,
# phone metadata) at start-up.
_WARM_UP = (
    "Warm-up: Mr Chan Tai Man, +852 9123 4567, 2345-6789, tm@example.com.hk, 192.0.2.1, "
    "4111 1111 1111 1111, GB82 WEST 1234 5698 7654 32, A123456(3), K12345678, "
    "陳大文先生, Flat 1A, 2 Nathan Road, 九龍彌敦道1號2樓A室."
)


@dataclass(frozen=True, slots=True)
class Detection:
    """A piece of personal data found in a text, at offsets in the original text."""

    entity_type: str
    start: int
    end: int
    score: float
    rule: str
    action: Action


@dataclass(frozen=True, slots=True)
class Redaction:
    """A text after redaction, with what was found in it."""

    text: str
    detections: tuple[Detection, ...]

    @property
    def blocked(self) -> bool:
        return any(d.action is Action.BLOCK for d in self.detections)


class Redactor:
    """Detects and rewrites personal data according to a check's settings.

    Construction loads the spaCy model and compiles every recognizer; calls after that
    do no I/O.
    """

    def __init__(self, settings: PersonalDataSettings, vault: PseudonymVault | None = None):
        self.settings = settings
        self.vault: PseudonymVault = vault or InMemoryVault()
        self._rules = settings.entities
        self._hash_key = self._load_hash_key(settings)
        self._analyzers = build_analyzers(
            self._rules, model=settings.nlp_model, ner=settings.ner, name_tagger=settings.name_tagger
        )
        self._entities = sorted(self._rules)
        self._allowed_values = {_compact(v) for v in settings.allow_list.values}
        self._allowed_patterns = [re.compile(p) for p in settings.allow_list.patterns]
        # spaCy, tldextract and phonenumbers finish loading on first use (~100 ms):
        # pay that at start-up, not on the first request.
        self.analyze(_WARM_UP)

    def analyze(self, text: str) -> list[Detection]:
        """Personal data in ``text``, non-overlapping, in order, at original offsets."""
        if not text or text.isspace():
            return []
        found: list[Detection] = []
        for offset, chunk in _chunks(text):
            found.extend(
                Detection(d.entity_type, d.start + offset, d.end + offset, d.score, d.rule, d.action)
                for d in self._analyze_chunk(chunk)
            )
        return _merge_overlaps(found)

    def analyze_many(self, texts: Sequence[str]) -> list[list[Detection]]:
        """:meth:`analyze` for each of ``texts``, short ones analysed together.

        A short text is analysed in the company of the others (a key next to its value
        gives context, as it would in the JSON they came from); a detection is cut at the
        separators, so each text gets back only what lies inside it.
        """
        found: list[list[Detection]] = [[] for _ in texts]
        batch: list[int] = []
        size = 0
        for index, text in enumerate(texts):
            if len(text) > BATCH_TEXT_CHARS:
                found[index] = self.analyze(text)
                continue
            if size + len(text) > BATCH_CHARS:
                self._analyze_batch(texts, batch, found)
                batch, size = [], 0
            batch.append(index)
            size += len(text) + len(BATCH_SEPARATOR)
        self._analyze_batch(texts, batch, found)
        return found

    def _analyze_batch(self, texts: Sequence[str], batch: list[int], found: list[list[Detection]]) -> None:
        if not batch:
            return
        if len(batch) == 1:
            found[batch[0]] = self.analyze(texts[batch[0]])
            return
        starts, position = [], 0
        for index in batch:
            starts.append(position)
            position += len(texts[index]) + len(BATCH_SEPARATOR)
        for detection in self.analyze(BATCH_SEPARATOR.join(texts[index] for index in batch)):
            first = bisect.bisect_right(starts, detection.start) - 1
            for k in range(first, len(batch)):
                start, end = starts[k], starts[k] + len(texts[batch[k]])
                if start >= detection.end:
                    break
                local = (max(detection.start, start) - start, min(detection.end, end) - start)
                if local[0] < local[1]:
                    found[batch[k]].append(
                        Detection(detection.entity_type, *local, detection.score, detection.rule, detection.action)
                    )

    def _analyze_chunk(self, text: str) -> list[Detection]:
        normalized = normalize(text)
        probe = normalized.text
        protected = DisjointSpans(m.span() for m in PLACEHOLDER.finditer(probe))
        found = []
        results = [
            result
            for result in self._analyze_probe(probe)
            if result.score >= self._rules[result.entity_type].threshold
            and not protected.overlap(result.start, result.end)
            and not self._allowed(probe[result.start : result.end])
        ]
        public = self._public_contacts(probe, results)
        results = [r for r in results if (r.start, r.end, r.entity_type) not in public]
        # Numbers read back or quoted bare, from what is kept (a published line stays kept).
        results += [
            result
            for result in read_backs(probe, results)
            if not protected.overlap(result.start, result.end) and not self._allowed(probe[result.start : result.end])
        ]
        for result in results:
            rule = self._rules[result.entity_type]
            start, end = normalized.to_original(result.start, result.end)
            if result.entity_type == "PERSON":
                end = _handle_digits_end(text, start, end)
            recognizer = (result.recognition_metadata or {}).get("recognizer_name", "unknown")
            found.append(Detection(result.entity_type, start, end, result.score, recognizer, rule.action))
        return found

    def _public_contacts(self, probe: str, results: Sequence[RecognizerResult]) -> set[tuple[int, int, str]]:
        """The findings the policy keeps as an organisation's published contact."""
        if not self.settings.keep_public_lines:
            return set()
        return public_contacts(probe, [(r.start, r.end, r.entity_type) for r in results])

    def _analyze_probe(self, probe: str) -> list[RecognizerResult]:
        """Patterns first, then NER on the sentences they leave unexplained."""
        found: list[RecognizerResult] = self._analyzers.patterns.analyze(
            probe, language="en", entities=self._entities, nlp_artifacts=self._analyzers.no_nlp
        )
        if self._analyzers.ner is not None:
            focus = ner_text(probe, [(r.start, r.end) for r in found])
            if focus is not None:
                found += drop_things(
                    probe,
                    self._analyzers.ner.analyze(focus, language="en", entities=list(self._analyzers.ner_entities)),
                )
        if "PERSON" in self._entities and "ADDRESS" in self._entities:
            found += recipients(probe, found)
        if self._analyzers.tagger is not None:
            found += self._analyzers.tagger.names_beside(probe, found)
        if "PERSON" in self._entities:
            found += more_mentions(probe, found, self._rules["PERSON"].threshold)
            found = drop_businesses(probe, found)
        return found

    def redact(self, text: str, *, scope: str = "default") -> Redaction:
        """``text`` with personal data rewritten; unchanged if any finding must block."""
        detections = self.analyze(text)
        return self.apply(text, detections, scope=scope)

    def apply(self, text: str, detections: Sequence[Detection], *, scope: str) -> Redaction:
        """Rewrite ``detections`` (overlapping ones merged, as :meth:`analyze` merges them)
        in ``text``; a blocking finding leaves the text as it is."""
        if not detections or any(d.action is Action.BLOCK for d in detections):
            return Redaction(text, tuple(detections))
        rewriters: dict[str, Rewriter] = {}
        pieces, position = [], 0
        for detection in _merge_overlaps(list(detections)):
            entity = detection.entity_type
            rewrite = rewriters.get(entity) or rewriters.setdefault(entity, self._rewriter(entity, scope))
            pieces += [text[position : detection.start], rewrite(text[detection.start : detection.end])]
            position = detection.end
        pieces.append(text[position:])
        return Redaction("".join(pieces), tuple(detections))

    def _rewriter(self, entity: str, scope: str) -> Rewriter:
        rule = self._rules[entity]
        config = operator_for(
            rule.action,
            entity,
            mask_char=self.settings.mask_char,
            hash_key=self._hash_key,
            vault=self.vault,
            scope=scope,
        )
        return Rewriter(config, entity)

    def _allowed(self, value: str) -> bool:
        if _compact(value) in self._allowed_values:
            return True
        return any(pattern.fullmatch(value) for pattern in self._allowed_patterns)

    @staticmethod
    def _load_hash_key(settings: PersonalDataSettings) -> bytes | None:
        if not any(rule.action is Action.HASH for rule in settings.entities.values()):
            return None
        return hash_key(os.environ.get(settings.hash_key_env, ""), settings.hash_key_env)


def _chunks(text: str) -> list[tuple[int, str]]:
    """``text`` cut into pieces of at most ``CHUNK_CHARS``, at a line break if there is
    one in the second half of the piece, else at a space, else anywhere."""
    if len(text) <= CHUNK_CHARS:
        return [(0, text)]
    pieces = []
    start = 0
    while start < len(text):
        end = min(start + CHUNK_CHARS, len(text))
        if end < len(text):
            half = start + CHUNK_CHARS // 2
            cut = text.rfind("\n", half, end)
            if cut < 0:
                cut = text.rfind(" ", half, end)
            end = cut + 1 if cut >= 0 else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces


# Digits written onto a Chinese name with no space make one handle of it (王丽娜1988, a
# chat app's nickname with a birth year); not a date, an age, an amount or a count after,
# nor the first half of a phone number (甄生2764 1158).
_HANDLE_DIGITS = re.compile(r"\d{2,4}(?![\d年月日號号歲岁元個个點点%.]|[ \t-]\d)")


def _handle_digits_end(text: str, start: int, end: int) -> int:
    """Where a PERSON finding ends once digits written onto a Chinese name are taken in
    (text normalisation spaces Han from digits, so this reads the original)."""
    if end <= start or not HAN_RUN.match(text, end - 1):
        return end
    digits = _HANDLE_DIGITS.match(text, end)
    return digits.end() if digits else end


def _compact(value: str) -> str:
    """Case, spacing and punctuation folded away: ``2345-6789`` equals ``2345 6789``."""
    return _NOT_ALNUM.sub("", normalize(value).text).casefold()


def _merge_overlaps(found: list[Detection]) -> list[Detection]:
    """One detection per overlapping group, covering all of it, typed by the best score."""
    merged: list[Detection] = []
    for detection in sorted(found, key=lambda d: (d.start, -d.end)):
        if merged and detection.start < merged[-1].end:
            last = merged[-1]
            best = max((last, detection), key=lambda d: (d.score, d.end - d.start))
            merged[-1] = Detection(
                best.entity_type,
                last.start,
                max(last.end, detection.end),
                best.score,
                best.rule,
                Action.BLOCK if Action.BLOCK in (last.action, detection.action) else best.action,
            )
        else:
            merged.append(detection)
    return merged
