"""Where a given name typed in lower case stands as a name: one that is also a word
(sunny, hope, angel, rocky) once the text has named the person, and any given name
right after a greeting or a thanks (hi jess, thx, mei).

Once a text has named someone ``Sunny Lui`` or ``Hope (Risk)``, its chat lines and
hurried e-mails go on to write ``ask sunny``, ``ivy's mobile``, ``rocky is in Osaka``.
The same letters are also the word (``sunny days``, ``hope to hear back``, ``a rocky
start``), so a lower-case mention counts only where a name stands and the word does
not: after a word that addresses or hands over to someone, before a possessive or a
speaker's colon, or as the subject of a short verb; never after an article, a
possessive or a preposition of time or place, which make it the word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrail.pii.recognizers.name_lexicon import is_given, never_a_name
from guardrail.pii.recognizers.names_data import GIVEN_SYLLABLES

# What puts a person right after it: cc rocky, ask sunny, speak to angel, @ivy, from summer.
_CUE_BEFORE = re.compile(
    r"(?i)(?:(?<![A-Za-z])(?:cc|bcc|ask|asked|try|tell|told|ping|call|called|message|text|remind|thanks|thx"
    r"|from|with|to|by|for|hi|hey|dear|and|or|per|via|cover(?:ed)?(?:[ \t]+by)?"
    # Student bond, resident honey: a role before its bearer
    r"|student|resident|tenant|guest|member|colleague|helper|tutor|coach"
    r"|patient|client|customer|driver|nurse)[ \t]*[:,]?|@|^[ \t]*[-–—•*]"
    r"|[|,;(][ \t]*)[ \t]*$",
    re.MULTILINE,
)
# What makes the word a word, in any case: the sunny side, this summer, poison ivy.
_ARTICLE_BEFORE = re.compile(
    r"(?i)(?<![A-Za-z])(?:a|an|the|this|that|these|those|my|your|our|his|her|their|its|some|any|every|no"
    r"|poison|saving|rock)[ \t]+[\"“']?$"
)
# And in lower case: at dawn, in hope, so sunny (in support of Sunny is the name).
_PREPOSITION_BEFORE = re.compile(r"(?i)(?<![A-Za-z])(?:at|until|till|in|of|on|into|so|very|still|just)[ \t]+$")
# The verb hope after its subject: we hope, I hope (thank you ben is the name).
_SUBJECT_BEFORE = re.compile(r"(?i)(?<![A-Za-z])(?:i|we|you|they)[ \t]+$")
# What follows a name and not the word: a possessive, a speaker's colon, an aside in
# brackets, or a short verb of which it is the subject (rocky is in Osaka, sunny only has).
_NAME_AFTER = re.compile(
    r"(?:['’]s\b|[ \t]*[:(]|[ \t]+(?:is|was|has|had|will|would|can|could|said|says|left|just|only|here|there"
    r"|already|asked|told|called|wants|needs|knows|booked|covers|sent|replied|mentioned|confirmed)\b"
    # or the end of a quoted line or an aside after a dash ("call dickson not angel", honey - resident ...)
    r"|[ \t]*(?:[,.;!?)\]|\"”]|$)|[ \t]+[-–—][ \t])",
    re.MULTILINE,
)
# After a verb sense of the word (hope this helps, hope to hear): a clause, not a name.
_CLAUSE_AFTER = re.compile(r"(?i)[ \t]+(?:to|you|this|that|it|we|they|so|all|everyone|for|the|your)\b")


def word_sense(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is used as the word here: after an article (the sunny
    side), in lower case after a preposition (at dawn), or as the verb hope (Hope to hear,
    we hope): May to call the customer and Pat to come are names before their task."""
    token = text[start:end]
    head = max(0, start - 24)
    if _ARTICLE_BEFORE.search(text, head, start):
        return True
    verb = token.lower() == "hope"
    if token.islower() and _PREPOSITION_BEFORE.search(text, head, start):
        return True
    if verb and _SUBJECT_BEFORE.search(text, head, start):
        return True
    return (verb or token.islower()) and _CLAUSE_AFTER.match(text, end) is not None


def lower_word_name(text: str, start: int, end: int) -> bool:
    """Whether the lower-case word ``text[start:end]``, a given name found as one elsewhere
    in the text, stands here as the name (its word senses are ruled out by
    :func:`word_sense` first)."""
    return _CUE_BEFORE.search(text, max(0, start - 24), start) is not None or _NAME_AFTER.match(text, end) is not None


# A greeting or thanks that opens a line or a sentence, then one lower-case word that ends
# the clause: hi jess, | thx, mei | morning kitty!
_GREETED_LOWER = re.compile(
    r"(?im)(?:^|(?<=[.!?])[ \t]+|(?<=[:：])[ \t]*)(?:hi|hey|hello|dear|morning|thanks|thank you|thx|ty|cheers)"
    r"[ \t]*[,!]?[ \t]+([a-z]{2,12})(?=[ \t]*[,!.:;)]|[ \t]*$)"
)
# Words a greeting is said to that are no one's name.
_GREETED_WORDS = frozenset(
    "all team everyone everybody guys folks both there again so much lots you ya u sir madam dear boss "
    "mum mom dad bro sis buddy mate babe gang fam ladies".split()
)


def greeted_lower_names(text: str) -> Iterator[tuple[int, int, float]]:
    """A given name in lower case right after a greeting or a thanks (hi jess, thx, mei):
    a chat's or a forwarded e-mail's way of addressing or signing."""
    for match in _GREETED_LOWER.finditer(text):
        word = match[1]
        if word in _GREETED_WORDS or never_a_name(word):
            continue
        if is_given(word, in_position=True) or word in GIVEN_SYLLABLES:
            yield *match.span(1), 0.65


FINDERS = (greeted_lower_names,)
