"""Scores redaction on labelled corpora.

Two kinds of corpus are scored. A value-labelled corpus (each row lists its planted
values and decoys, without offsets) is judged on the redacted text alone. A
span-labelled corpus (``benchmarks/data/pii_free/corpus.jsonl``: values and decoys
with offsets) is judged on the redacted text and on the redactor's findings, whose
offsets point into the original text; see :func:`score_spans`.

After NFKC normalisation of the redacted text, a planted value has leaked when a
recognisable part of it survives: for HKID, phone, card and passport any run of four
or more of its digits; for an IP address the whole address; for e-mail the address or
its local part; for a name any two adjacent tokens (for a Chinese-character name, the
name or its given name, without a title or kin word after it: 黃醫生 leaks whole or not
at all, not whenever 醫生 survives); for an address its number-and-street part. A decoy (an
order number, amount or date) is kept when it appears verbatim. IBAN and business
registration numbers follow the digit rule. A number written in words or Chinese
numerals ("nine one two three", 九一二三) is compared after both value and text have
their spelled digits turned into digits. Leaks are looked for outside the decoys the row
keeps (since 2026-12-03): a masked card's last four digits, which the corpus asks to keep,
are no leak of the full card number.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from guardrail.text.dictation import DIGIT_WORDS, HAN_DIGITS

STRUCTURED = ("HKID", "PHONE", "EMAIL", "CARD", "PASSPORT", "IP")
_DIGIT_TYPES = {"HKID", "PHONE", "CARD", "PASSPORT", "IBAN", "BR"}
_SPOKEN = DIGIT_WORDS
_SPOKEN_WORD = re.compile(r"\b(?:(double|triple)[\s-]+)?(" + "|".join(_SPOKEN) + r")\b", re.IGNORECASE)
_HAN_DIGITS = str.maketrans({**HAN_DIGITS, "兩": "2"})  # 兩 ("two of"): read back here, not spelled out
_HAN = re.compile(r"[\u4e00-\u9fff]")
_EN_STREET = re.compile(
    r"\d{1,4}[A-Z]?\s+(?:[A-Z][A-Za-z'’.-]*\s+){1,4}"
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Path|Drive|Crescent|Highway|Boulevard|Circuit|Praya|Way|Close|Terrace)"
    r"(?:\s+(?:Central|East|West|North|South))?"
)
_ZH_STREET = re.compile(r"[\u4e00-\u9fff]{1,6}(?:道|路|街|里|徑|巷|坊|圍|臺|台)\d{1,4}號")


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def spoken_digits(text: str) -> str:
    """``text`` with digits written as English words or Chinese numerals made digits."""

    def digit(match: re.Match[str]) -> str:
        times = {"double": 2, "triple": 3}.get((match[1] or "").lower(), 1)
        return _SPOKEN[match[2].lower()] * times

    return _SPOKEN_WORD.sub(digit, text).translate(_HAN_DIGITS)


# Titles and kin words written after a Chinese name (黃醫生, 浩然奶奶, 陳大文先生), both
# scripts: not part of the name, so their survival elsewhere ("醫生" in any sentence about
# a doctor) is no leak. Single characters (陳生, 陳太) need no entry: a surname and one
# character is judged whole anyway.
_HAN_TITLES = tuple(
    sorted(
        set(
            "先生 小姐 太太 女士 醫生 医生 老師 老师 經理 经理 主任 師傅 师傅 同學 同学 姑娘 教授 律師 律师"
            " 護士 护士 護士長 护士长 社工 校長 校长 總監 总监 主管 組長 组长 店長 店长 老闆 老板 院長 院长"
            " 工程師 工程师 會計 会计 阿姨 婆婆 伯伯"
            " 爺爺 爷爷 奶奶 嫲嫲 公公 叔叔 姨姨 嬸嬸 婶婶 舅舅 媽媽 妈妈 爸爸 哥哥 姐姐"
            # posts of a committee, a temple or a mainland office: 蘇主席, 黃司庫, 韩书记
            " 主席 司庫 司库 秘書 秘书 書記 书记 會長 会长 幹事 干事 科長 科长 所長 所长 牧師 牧师".split()
        ),
        key=len,
        reverse=True,
    )
)


def _han_name_leaked(value: str, text: str) -> bool:
    """A Chinese name has leaked when the name (without a title or kin word after it)
    survives, or its given name of two characters or more does; a surname alone with its
    title (黃醫生) only whole."""
    name = next((value[: -len(title)] for title in _HAN_TITLES if value.endswith(title) and value != title), value)
    if len(name) < 2:
        return value in text
    given = name[1:] if len(name) <= 3 else name[2:]
    return name in text or (len(given) >= 2 and given in text)


def outside_decoys(redacted: str, decoys: Iterable[str], planted: Iterable[Mapping[str, Any]]) -> str:
    """``redacted`` without the look-alikes the corpus asks to keep: a value's digits or
    name surviving only inside one (a card's last four in ``XXXX-XXXX-XXXX-9105``, a
    bishop's name in a school's) are not a leak of it. A decoy that holds a planted value,
    or that a planted value holds, stays: removing it could hide the value itself."""
    values = [item["value"] for item in planted]
    kept = [d for d in decoys if d and not any(v in d or d in v for v in values)]
    for decoy in sorted(kept, key=len, reverse=True):
        redacted = redacted.replace(decoy, " \u00a6 ")
    return redacted


def leaked(kind: str, value: str, redacted: str) -> bool:
    """Whether a recognisable part of planted ``value`` survives in ``redacted``."""
    value, text = _nfkc(value), _nfkc(redacted)
    if kind in _DIGIT_TYPES and len(re.sub(r"\D", "", value)) < 4:
        # Only when the value itself is spelled out, so digit-written values are judged
        # exactly as before.
        value, text = spoken_digits(value), spoken_digits(text)
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
        if _HAN.search(value) and not re.search("[A-Za-z]", value):
            return _han_name_leaked(value, text)
        if _HAN.search(value):
            # 阿Ken, May姐: the whole value, or its Latin name as a word of its own (not
            # the letters "en" of any English word, as the Chinese rule above would read it).
            words = re.findall("[A-Za-z]{2,}", value)
            return value in text or any(re.search(rf"(?<![A-Za-z]){w}(?![A-Za-z])", text) for w in words)
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


def score_corpus(rows: Iterable[Mapping[str, Any]], redact: Callable[[str], str], by: str = "type") -> Score:
    """Redact each row's text and count what survived.

    ``by="type"`` keys counts by entity type; ``by="lang"`` by ``type/lang``.
    """
    score = Score()
    for row in rows:
        redacted = redact(row["text"])
        outside = outside_decoys(redacted, row.get("decoys", []), row["pii"])
        for item in row["pii"]:
            key = item["type"] if by == "type" else f"{item['type']}/{row['lang']}"
            score.planted[key] += 1
            if leaked(item["type"], item["value"], outside):
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


# The redactor's entity names, as the span-labelled corpus names the same kinds.
CORPUS_TYPE = {
    "HK_ID": "HKID",
    "PHONE_NUMBER": "PHONE",
    "EMAIL_ADDRESS": "EMAIL",
    "CREDIT_CARD": "CARD",
    "HK_PASSPORT": "PASSPORT",
    "IP_ADDRESS": "IP",
    "IBAN_CODE": "IBAN",
    "HK_BUSINESS_REG": "BR",
    "CN_RESIDENT_ID": "PASSPORT",  # the corpus files identity documents other than the HKID together
}
ALL = "ALL"


@dataclass(frozen=True, slots=True)
class Found:
    """One finding of a redactor: its entity type and offsets in the original text."""

    entity_type: str
    start: int
    end: int


@dataclass
class Tally:
    """Counts for one entity type (or all) in one language."""

    planted: int = 0
    removed: int = 0
    covered: int = 0
    findings: int = 0
    unmatched: int = 0

    def add(self, other: Tally) -> None:
        self.planted += other.planted
        self.removed += other.removed
        self.covered += other.covered
        self.findings += other.findings
        self.unmatched += other.unmatched

    @property
    def removed_rate(self) -> float:
        return self.removed / self.planted if self.planted else 1.0

    @property
    def covered_rate(self) -> float:
        return self.covered / self.planted if self.planted else 1.0

    @property
    def precision(self) -> float:
        """Share of findings that overlap some planted value."""
        return 1 - self.unmatched / self.findings if self.findings else 1.0


@dataclass(frozen=True, slots=True)
class Miss:
    """A planted value not removed, named without its value."""

    id: str
    type: str
    lang: str
    genre: str
    reason: str  # "leaked" (a recognisable part survives) or "under-covered"


@dataclass
class SpanScore:
    """Counts keyed by (type, lang); findings are keyed by the type they were reported as."""

    tallies: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    decoys: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    damaged: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    misses: list[Miss] = field(default_factory=list)
    damaged_in: list[tuple[str, str, str]] = field(default_factory=list)  # (id, lang, genre)

    def languages(self) -> list[str]:
        return sorted({lang for _, lang in self.tallies} | set(self.decoys))

    def total(self, lang: str | None = None, kinds: Iterable[str] | None = None) -> Tally:
        """All types (or ``kinds``) in ``lang`` (or every language) summed."""
        wanted = set(kinds) if kinds is not None else None
        out = Tally()
        for (kind, key_lang), tally in self.tallies.items():
            if (lang is None or key_lang == lang) and (wanted is None or kind in wanted):
                out.add(tally)
        return out


def _coverage(text: str, start: int, end: int, findings: Iterable[Found]) -> tuple[int, int]:
    """(letters, digits and CJK characters of ``text[start:end]`` inside some finding, all of them)."""
    wanted = [i for i in range(start, end) if text[i].isalnum()]
    spans = [(f.start, f.end) for f in findings if f.start < end and start < f.end]
    inside = sum(1 for i in wanted if any(s <= i < e for s, e in spans))
    return inside, len(wanted)


def score_spans(rows: Iterable[Mapping[str, Any]], analyse: Callable[[str], tuple[str, Iterable[Found]]]) -> SpanScore:
    """Score a span-labelled corpus.

    ``analyse`` returns the redacted text and the findings at offsets in the original.
    A planted value is *removed* when no recognisable part of it survives (as
    :func:`leaked` judges) and findings cover at least half of its letters, digits and
    CJK characters: a value that vanished because a neighbouring finding swallowed
    a few characters, or whose surviving half no rule recognises, is not credited by
    chance. It is *covered* when findings cover every such character. A decoy is
    *damaged* when any finding overlaps it; a finding is *unmatched* when it overlaps
    no planted value.
    """
    score = SpanScore()
    for row in rows:
        text, lang, genre = row["text"], row["lang"], row.get("genre", "")
        redacted, found = analyse(text)
        findings = list(found)
        outside = outside_decoys(redacted, [d["value"] for d in row.get("decoys", [])], row["pii"])
        for item in row["pii"]:
            tally = score.tallies[(item["type"], lang)]
            tally.planted += 1
            inside, letters = _coverage(text, item["start"], item["end"], findings)
            if leaked(item["type"], item["value"], outside):
                score.misses.append(Miss(row["id"], item["type"], lang, genre, "leaked"))
            elif 2 * inside < letters:
                score.misses.append(Miss(row["id"], item["type"], lang, genre, "under-covered"))
            else:
                tally.removed += 1
            if inside == letters:
                tally.covered += 1
        for finding in findings:
            tally = score.tallies[(CORPUS_TYPE.get(finding.entity_type, finding.entity_type), lang)]
            tally.findings += 1
            if not any(finding.start < p["end"] and p["start"] < finding.end for p in row["pii"]):
                tally.unmatched += 1
        for decoy in row.get("decoys", []):
            score.decoys[lang] += 1
            if any(f.start < decoy["end"] and decoy["start"] < f.end for f in findings):
                score.damaged[lang] += 1
                score.damaged_in.append((row["id"], lang, genre))
    return score


def span_labelled(rows: Iterable[Mapping[str, Any]]) -> bool:
    """Whether every planted value and decoy of ``rows`` carries offsets."""
    return all(
        isinstance(item, Mapping) and "start" in item and "end" in item
        for row in rows
        for item in [*row["pii"], *row.get("decoys", [])]
    )
