"""A learned name tagger: a logistic regression over each token's hashed features.

The rule recognizers find a name where a cue they know stands beside it; free text keeps
inventing cues (``成员：阚宇航、蒯思源``, ``Rocky（薛志強）``, ``nelson 10:15``). The tagger
is trained on the project's own labelled free-text corpus (its ``dev`` split only;
``training/train_name_tagger.py``) and scores each token as part of a name or not, from
the token, its neighbours and its place on the line (:mod:`guardrail.pii.name_tagger_features`).
Runs of tokens scoring above the model's threshold become PERSON findings, beside the
rules' own; the same vetoes as the rules apply after it (gazetteer places and brands,
words that are never names, a lone CJK character that is no surname, a lone letter).

The weights ship in ``guardrail/pii/data/name-tagger.npz`` (nonzero slots and their
weights, the threshold, the model id and version); a missing or malformed file stops
start-up with the path and what is wrong.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from presidio_analyzer import LocalRecognizer, RecognizerResult

from guardrail.errors import ConfigurationError
from guardrail.pii.name_tagger_features import BITS, CJK, TAGGER_NAME, Token, features, tokens
from guardrail.pii.recognizers.base import LANGUAGE, tagged_result
from guardrail.pii.recognizers.name_cues import TITLES_AFTER_SURNAME
from guardrail.pii.recognizers.name_lexicon import (
    AMBIGUOUS_GIVEN,
    ZH_RARE_SURNAMES,
    ZH_SURNAMES,
    is_given,
    is_place,
    is_surname,
    zh_name_shape,
    zh_place_overlaps,
)
from guardrail.pii.recognizers.name_pets import is_pet
from guardrail.pii.recognizers.name_spans import ORG_WORDS, STOP
from guardrail.pii.recognizers.name_things import after_car_maker, after_place_preposition, drop_things
from guardrail.pii.recognizers.name_zh_roles import boundary_after
from guardrail.pii.recognizers.names import PLACE_AFTER, WORDS_NOT_NAMES
from guardrail.pii.recognizers.ner import keep_finding

FORMAT = 1
BUILTIN_FILE = "name-tagger.npz"
# The score a tagger finding carries: over the default policy's PERSON threshold, under
# every rule's, so that where a rule found the same name its finding (and what it says
# of the name to the passes after it) is the one kept.
TAGGER_SCORE = 0.6
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_HAN_ONLY = re.compile(r"[\u3400-\u9fff\uf900-\ufaff ]+")
# The words after a name on its phrase (spaces only, or a firm's ampersand): Mandy Lau
# Nail & Lash Studio, Simon Fraser University, Kwan, Lam & Yip.
_PHRASE_AFTER = re.compile(r"(?:['’]s?)?(?:[ \t]+[A-Za-z][\w'’.-]*){1,3}")
# A capitalised function word beside a capitalised word: a heading or title, not a name.
_TITLE_WORD_AFTER = re.compile(
    r"[ \t]+(?:A|An|The|To|Of|And|For|In|On|At|With|From|By)\b(?![ \t]*[.:,])|[ \t]+[Tt]oo\b"
)
_TITLE_WORD_BEFORE = re.compile(r"\b(?:A|An|The|To|Of|For|In|On|At|With|From|By)[ \t]+$")
_ZH_THING_LABEL = re.compile(
    "(?:材料|食材|配料|甜品|菜式|菜單|菜单|飲品|饮品|寵物|宠物|貨品|货品|產品|产品|商品|產地|产地|目的地|地點|地点|品牌|顏色|颜色|口味)[名]?[ \t]*$"
)
_GLUED = re.compile(r"[0-9]")
_NOUN_ITEM_AFTER = re.compile(r" [a-z]+(?:[,;]| and\b| or\b)")
_FIRM_BEFORE = re.compile(r"&[ \t]*$")
# A word joined to another capitalised word by "and" (記得 Apple 同 Orange 要買): when the
# other is no name the lists know, the pair names things.
_JOINED_TO = re.compile(r"[ \t]*(?:同|和|與|与|及|and|or|&)[ \t]*([A-Z][a-z]+)\b")
_TITLES = tuple(TITLES_AFTER_SURNAME)
_FIRM_JOIN = re.compile(r"(?:,[ \t]*[A-Z][a-z]+)?[ \t]*&[ \t]*[A-Z]")


class NameTagger:
    """Token scores and name spans from one trained model."""

    def __init__(
        self,
        weights: npt.NDArray[np.float32],
        bias: float,
        thresholds: tuple[float, float],
        model_id: str,
        version: str,
    ):
        self.weights = weights
        self.bias = bias
        # A run whose words the name lists know as a name's counts from the first; any
        # other run (a word-like given name, characters no surname starts) from the second.
        self.threshold, self.strict_threshold = thresholds
        self.model_id = model_id
        self.version = version

    @classmethod
    def load(cls, path: str | Path) -> NameTagger:
        """Weights from a ``.npz`` written by ``training/train_name_tagger.py``."""
        try:
            with np.load(path, allow_pickle=False) as data:
                header = json.loads(str(data["header"]))
                if header.get("format") != FORMAT or header.get("bits") != BITS:
                    raise ValueError(f"weights of another format ({header.get('format')}, {header.get('bits')} bits)")
                weights = np.zeros(BITS, dtype=np.float32)
                weights[data["slots"].astype(np.int64)] = data["weights"].astype(np.float32)
                return cls(
                    weights,
                    float(header["bias"]),
                    (float(header["threshold"]), float(header["strict_threshold"])),
                    str(header["model_id"]),
                    str(header["version"]),
                )
        except (OSError, EOFError, KeyError, ValueError) as error:
            raise ConfigurationError(f"name tagger weights {path}: {error}") from error

    @property
    def ref(self) -> str:
        return f"{self.model_id}@{self.version}"

    def scores(self, text: str) -> tuple[list[Token], npt.NDArray[np.float64]]:
        """Each token of ``text`` and the probability that it is part of a name."""
        toks = tokens(text)
        if not toks:
            return toks, np.zeros(0)
        slots = features(text, toks)
        lengths = np.fromiter((len(row) for row in slots), dtype=np.int64, count=len(slots))
        flat = np.fromiter(itertools.chain.from_iterable(slots), dtype=np.int64, count=int(lengths.sum()))
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        logits = np.add.reduceat(self.weights[flat].astype(np.float64), starts)
        return toks, 1.0 / (1.0 + np.exp(-(logits + self.bias)))

    def spans(self, text: str) -> list[tuple[int, int, float]]:
        """Runs of name tokens (``start, end, lowest token score``), before any veto."""
        toks, probabilities = self.scores(text)
        runs: list[list[Any]] = []
        for token, probability in zip(toks, probabilities, strict=True):
            if probability <= self.threshold:
                continue
            if runs and token.start - runs[-1][1] <= 1 and not text[runs[-1][1] : token.start].strip(" -"):
                runs[-1][1] = token.end
                runs[-1][2] = min(runs[-1][2], float(probability))
            else:
                runs.append([token.start, token.end, float(probability)])
        return [(start, end, score) for start, end, score in runs]


_DETERMINER_BEFORE = re.compile(r"(?<![A-Za-z])(?i:my|the|your|our|his|her|their|this|that|its)[ \t]+$")
_ERA_AFTER = re.compile(r"[ \t]+(?i:dynasty|dynasties|era|period|style|emperor)\b")
_DAY_BEFORE_MONTH = re.compile(r"(?<![\d.:/])\d{1,2}(?:st|nd|rd|th)?[ \t]?$")
_MONTH = re.compile(
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)


def _may_be_name(text: str, result: RecognizerResult) -> bool:
    """The rules' vetoes: not a place, brand, firm or pet, not a lone letter or a CJK
    character that no surname is; a name in Latin letters passes what spaCy's findings
    pass (:func:`guardrail.pii.recognizers.ner.keep_finding`)."""
    start, end = result.start, result.end
    span = text[start:end]
    if is_pet(text, start, end) or _zh_thing_field(text, start):
        return False
    if _HAN_ONLY.fullmatch(span):
        if len(span) == 1 and not _titled_surname(text, start, end):
            return False
        squeezed = span.replace(" ", "")
        if squeezed in WORDS_NOT_NAMES or squeezed[:2] in WORDS_NOT_NAMES:
            return False  # 黃金, 凌晨: everyday words that open with a surname
        if len(span) == 2 and span[0] == "阿" and not boundary_after(text, end):
            return False  # 阿森 of 阿森納, 阿富 of 阿富汗: a word spelt in sounds goes on past it
        return not (zh_place_overlaps(text, start, end) or PLACE_AFTER.match(text, end))
    if CJK.search(span):
        # Tommy梁, 阿Lok: both scripts, as no place or brand is written; but not 阿Sir
        return _HONORIFIC.fullmatch(span) is None
    if after_car_maker(text, start):
        return False  # Toyota Noah: a car's model
    if _DAY_BEFORE_MONTH.search(text, max(0, start - 4), start) and _MONTH.fullmatch(span):
        return False  # 19 Jun, 3 May: a date's month, not Jun or May
    if _ERA_AFTER.match(text, end):
        return False  # Ming dynasty, Tang style: an era's name
    words = _LATIN_WORD.findall(span)
    if not words or (len(words) == 1 and (len(words[0]) == 1 or words[0].lower() in STOP)):
        return False  # a lone letter, or So of "So, the deposit"
    if (
        len(words) == 1
        and len(span) <= 3
        and span.isupper()
        and _DETERMINER_BEFORE.search(text, max(0, start - 8), start)
    ):
        return False  # my IP, the ID, your PC: an acronym, not the surname Ip
    if _GLUED.match(text, end) or (start and _GLUED.match(text[start - 1])):
        return False  # letters of a code (Ya0, 3Ka), not a name
    if len(words) == 1 and words[0].lower() in AMBIGUOUS_GIVEN and _NOUN_ITEM_AFTER.match(text, end):
        return False  # "apples, Summer fruit, Crystal glasses": a word-like name qualifying a thing
    if _FIRM_JOIN.match(text, end) or _FIRM_BEFORE.search(text, max(0, start - 3), start):
        return False
    joined = _JOINED_TO.match(text, end) if len(words) == 1 else None
    if joined and not (is_surname(joined[1]) or is_given(joined[1], in_position=True)):
        return False
    if _TITLE_WORD_AFTER.match(text, end) or _TITLE_WORD_BEFORE.search(text, max(0, start - 5), start):
        return False  # a title in title case: Path To Success: A Ho Story, I Hope So
    after = _PHRASE_AFTER.match(text, end)
    if after and any(w.lower() in ORG_WORDS for w in _LATIN_WORD.findall(after[0])):
        return False
    if after_place_preposition(text, start):
        return False
    # A word of a place phrase around it (Chow of Chow Tai Fook, Sunny of Sunny Bay).
    left = _LATIN_WORD.findall(text[max(0, start - 30) : start])[-2:]
    right = _LATIN_WORD.findall(text[end : end + 30])[:2]
    sequence = [*left, *words, *right]
    first, last = len(left), len(left) + len(words)
    for i in range(last):
        for j in range(max(i + 1, first + 1), min(len(sequence), i + 4) + 1):
            if is_place(" ".join(sequence[i:j])):
                return False
    return keep_finding(text, result)


def _zh_thing_field(text: str, start: int) -> bool:
    """Whether ``text[start]`` stands in the value of a Chinese field that lists things
    (材料：陳皮、黃豆, 甜品：楊枝甘露, 寵物名：阿福)."""
    line = text[text.rfind("\n", 0, start) + 1 : start]
    colon = max(line.rfind("："), line.rfind(":"))
    return colon > 0 and _ZH_THING_LABEL.search(line[:colon]) is not None


# 阿Sir, 阿Madam: how Hong Kong addresses a police officer or a teacher, no name.
_HONORIFIC = re.compile(r"阿[ \t]?(?i:sir|madam|miss)")


def _listed_name(span: str) -> bool:
    """Whether the name lists know ``span`` for a name: Chinese characters in a name's shape
    (a surname, one or two given characters), or capitalised Latin words each a surname
    or a given name that is no ordinary word."""
    if _HAN_ONLY.fullmatch(span):
        return zh_name_shape(span.replace(" ", ""), rare=True)
    if CJK.search(span):
        return True
    words = _LATIN_WORD.findall(span)
    # In lower case (ng ho, ho man tin) only a confident run counts: chat types names so,
    # and every other word too.
    return bool(words) and not span.islower() and all(is_surname(w) or is_given(w) for w in words)


def _titled_surname(text: str, start: int, end: int) -> bool:
    """Whether a lone CJK character is a surname standing alone or before its title (邬姐,
    签收人 郜): not the first character of a longer name the tagger cut short (禤|子墨)."""
    if text[start:end] not in ZH_SURNAMES and text[start:end] not in ZH_RARE_SURNAMES:
        return False
    return not CJK.match(text[end : end + 1]) or text.startswith(_TITLES, end)


class NameTaggerRecognizer(LocalRecognizer):
    """PERSON findings from :class:`NameTagger`, each scored ``TAGGER_SCORE``."""

    def __init__(self, tagger: NameTagger) -> None:
        self.tagger = tagger
        super().__init__(supported_entities=["PERSON"], name=TAGGER_NAME, supported_language=LANGUAGE)

    def load(self) -> None:
        """The weights are loaded before the recognizer is made."""

    def names_beside(self, text: str, found: Iterable[RecognizerResult]) -> list[RecognizerResult]:
        """Names in ``text`` besides ``found`` (the other recognizers' findings).

        The tagger reads a name's neighbours, and redaction rewrites them: in a redacted
        text a name stands beside ``<HK_ID>`` where it stood beside the number. So it reads
        the text as it will read once redacted, every finding replaced by its placeholder,
        and a redacted text read again gives what it gave the first time. (Reading the text
        as written as well found 0.5% more names on the corpus for half again the time.)
        """
        found = list(found)
        if not found:
            return self.analyze(text, ["PERSON"])
        view, kept = _masked(text, found)
        names = []
        for result in self.analyze(view, ["PERSON"]):
            for view_start, start, length in kept:
                if view_start <= result.start and result.end <= view_start + length:
                    shift = start - view_start
                    result.start, result.end = result.start + shift, result.end + shift
                    names.append(result)
                    break
        return names

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        found = [
            tagged_result(self, TAGGER_NAME, "PERSON", start, end, TAGGER_SCORE)
            for start, end, score in self.tagger.spans(text)
            if score > self.tagger.strict_threshold or _listed_name(text[start:end])
        ]
        return drop_things(text, [result for result in found if _may_be_name(text, result)])


def _masked(text: str, found: Iterable[RecognizerResult]) -> tuple[str, list[tuple[int, int, int]]]:
    """``text`` with each finding replaced by its placeholder (``<HK_ID>``), as the
    redactor writes it, and the pieces kept (view start, text start, length)."""
    pieces: list[str] = []
    kept: list[tuple[int, int, int]] = []
    position = length = 0
    for result in sorted(found, key=lambda r: (r.start, -r.end)):
        if result.start < position:
            position = max(position, result.end)
            continue
        kept.append((length, position, result.start - position))
        pieces.append(text[position : result.start])
        length += result.start - position
        placeholder = f"<{result.entity_type}>"
        pieces.append(placeholder)
        length += len(placeholder)
        position = result.end
    kept.append((length, position, len(text) - position))
    pieces.append(text[position:])
    return "".join(pieces), kept


def load_tagger(source: str = "builtin") -> NameTagger:
    """The tagger at ``source`` (a ``.npz`` path or ``builtin``), loaded once per process."""
    return _load(source)


@lru_cache(maxsize=2)
def _load(source: str) -> NameTagger:
    if source == "builtin":
        with resources.as_file(resources.files("guardrail.pii") / "data" / BUILTIN_FILE) as path:
            return NameTagger.load(path)
    return NameTagger.load(Path(source))
