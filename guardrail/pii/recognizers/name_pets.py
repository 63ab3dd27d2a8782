"""Pets' names, which are people's names (Max, Bella, Charlie, Coco) given to animals.

A dog walker's or a vet's text names its animals as often as its people. A name is a
pet's where the text says so: right after a word for an animal (``corgi Mochi``, ``my
dog Max``), after walking or feeding (``walk Oscar``, ``fed Charlie``), before the
animal in brackets (``Charlie & Coco (cats)``), or joined by ``and``/``&`` to a pet so
named. Once a text has named a pet, that word is the pet's throughout the text
(``Bella pulled a lot``), so no finder reports it as a person.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ANIMALS = (
    "dog|dogs|cat|cats|puppy|puppies|kitten|kittens|corgi|poodle|shiba|husky|labrador|retriever|"
    "terrier|bulldog|chihuahua|pomeranian|schnauzer|beagle|dachshund|maltese|shih tzu|spaniel|collie|"
    "hamster|rabbit|bunny|parrot|tortoise|turtle|pet|pets|goldfish"
)
_CARE = "[Ww]alk|[Ww]alks|[Ww]alked|[Ww]alking|[Ff]eed|[Ff]eeds|[Ff]ed|[Ff]eeding"
_NAME = r"[A-Z][a-z]{1,12}"
_BEFORE = re.compile(
    rf"(?<![A-Za-z])(?:{_ANIMALS}|{_CARE})(?:[ \t]+(?:the|my|our|her|his|their|your))?[ \t]+(?P<pet>{_NAME})(?![A-Za-z'’-])"
)
_AFTER = re.compile(rf"(?P<pet>{_NAME})[ \t]*\((?:{_ANIMALS})\)")
_AND = re.compile(rf"[ \t]+(?:and|&)[ \t]+(?P<pet>{_NAME})(?![A-Za-z'’-])")
_BEFORE_AND = re.compile(rf"(?P<pet>{_NAME})[ \t]+(?:and|&)[ \t]+$")
_GATE = re.compile(rf"(?<![A-Za-z])(?:{_ANIMALS}|{_CARE})(?![A-Za-z])")


@lru_cache(maxsize=16)
def pet_names(text: str) -> frozenset[str]:
    """The words this text uses as a pet's name, lower-cased."""
    if _GATE.search(text) is None:
        return frozenset()
    pets: set[str] = set()
    for match in _BEFORE.finditer(text):
        pets.add(match["pet"].lower())
        following = _AND.match(text, match.end())
        if following:
            pets.add(following["pet"].lower())
    for match in _AFTER.finditer(text):
        pets.add(match["pet"].lower())
        before = _BEFORE_AND.search(text[max(0, match.start() - 20) : match.start()])
        if before:
            pets.add(before["pet"].lower())
    return frozenset(pets)


def is_pet(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a single word the text uses as a pet's name."""
    value = text[start:end]
    return " " not in value and value.lower() in pet_names(text)
