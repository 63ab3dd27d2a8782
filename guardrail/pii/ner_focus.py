"""Where statistical NER is worth running: sentences with an unexplained capitalised word.

spaCy's NER costs about 15 ms per kilobyte here, more than every pattern recognizer
together, and most of it is spent on sentences where it cannot add anything: the
names there were already caught by the name patterns, or there is no name-like word
at all. Patterns run first; NER then sees only the sentences that still hold a
capitalised word that no pattern explains and that is not an ordinary sentence
opener, month, weekday or Hong Kong place. Other sentences are blanked to spaces of
the same length, so offsets stay those of the original text, and a text with nothing
left skips NER entirely.

The statistical model labels names by their capitalisation in practice, so a
sentence with no such word loses nothing. All-capital words (``SKU``, ``HKID``) are
codes far more often than names, and the model rarely tags them; they do not count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from guardrail.pii import gazetteer
from guardrail.pii.recognizers.names_data import NOT_NAMES, PLACE_NAMES
from guardrail.pii.spans import CoveringSpans

_NOT_NEWLINE = re.compile(r"[^\n]")
_SENTENCE = re.compile(r"[^.!?。！？\n]+[.!?。！？\n]*")
# A word with a capital and at least one lower-case letter: Smith, McDonald, O'Brien.
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][A-Za-z'’-]*[a-z][A-Za-z'’-]*(?![\w'’-])")

_OPENERS = frozenset(
    """
    a an the this that these those it its i we you he she they our your my his her their
    please kindly can could would will shall should may might must do does did is are was
    were be been have has had if when where what which who whom whose why how hi hello hey
    dear thanks thank regards best sincerely yes no not also and but or so then now today
    tomorrow yesterday summarise summarize draft write translate reply respond send call
    contact email e-mail check update review confirm explain tell show give make find help
    let note ask book cancel change create add remove list provide prepare compose rewrite
    answer customer customers client clients patient patients staff order orders ref
    reference subject re fwd attn attention for from to in on at by with of after before
    during about here there as all any each every some many most more less our please
    hope sorry unfortunately however also following attached regarding kind warm
    """.split()
)
_CALENDAR = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday
    friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
    """.split()
)
# Words that are never a name themselves, wherever they stand: greetings and titles
# (the name after one is a word of its own, tested on its own), languages, and the
# nouns that label a reference ("Case #58841", "Invoice 2031"). On business prompts
# these are most of what used to send a sentence to NER for nothing.
_NEVER_NAMES = frozenset(
    """
    dear hi hello hey greetings attn
    mr mrs ms miss mx dr prof sir madam mdm dame lord lady rev
    chinese english cantonese mandarin putonghua japanese korean french german spanish
    italian portuguese thai vietnamese filipino indonesian malay hindi arabic russian
    traditional simplified
    case ticket invoice claim policy account booking order ref reference room unit item
    form section page appendix table figure chapter clause article schedule annex
    """.split()
)
# Single-word places only: the words of "Wong Tai Sin" are also surnames and given names.
# Roles and field words (Mum, Guest, Tel) and one-word places or brands of the gazetteer
# are never a name either.
_PLACES = (
    frozenset(place for place in PLACE_NAMES if " " not in place)
    | NOT_NAMES
    | frozenset(place for place in gazetteer.latin_lower() if " " not in place)
    | frozenset(
        "kowloon lantau road street avenue building tower centre center "
        "court house estate garden gardens plaza flat floor block".split()
    )
)


def ner_text(text: str, explained: Sequence[tuple[int, int]]) -> str | None:
    """``text`` with sentences NER cannot help with blanked; ``None`` if none is left.

    ``explained`` are spans the patterns already matched.
    """
    parts: list[str] = []
    position = 0
    any_kept = False
    covered = CoveringSpans(explained)
    for sentence in _SENTENCE.finditer(text):
        parts.append(text[position : sentence.start()])
        if _needs_ner(sentence, covered):
            parts.append(sentence.group())
            any_kept = True
        else:
            parts.append(_NOT_NEWLINE.sub(" ", sentence.group()))
        position = sentence.end()
    parts.append(text[position:])
    return "".join(parts) if any_kept else None


def _needs_ner(sentence: re.Match[str], explained: CoveringSpans) -> bool:
    start = sentence.start()
    first = True
    for word in _CAPITALISED.finditer(sentence.group()):
        lower = word.group().lower()
        at_start = first and not sentence.group()[: word.start()].strip(" \t\"'“‘(-:")
        first = False
        if at_start and lower in _OPENERS:
            continue
        if lower in _NEVER_NAMES or lower in _CALENDAR or lower in _PLACES:
            continue
        word_start, word_end = start + word.start(), start + word.end()
        if explained.covers(word_start, word_end):
            continue
        return True
    return False
