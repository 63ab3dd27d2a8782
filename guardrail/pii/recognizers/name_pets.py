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

from guardrail.text.start_gate import gate

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
# A person named by a trade with an animal in it: Peter the pet shop owner, Amy the dog walker.
_COMPOUND = (
    r"(?:shop|store|owner|sitter|sitting|groomer|grooming|walker|walking|trainer|training|food|clinic|hospital"
    r"|doctor|vet|lover|person|rescue|hotel|boarding|insurance|breeder)"
)
# Charlie (cats), Kenneth (ragdoll cat), Winston (shih tzu, 11), Mochi the corgi: the animal
# in brackets after the name, its breed or age beside it, or the name's apposition.
_AFTER = re.compile(
    rf"(?P<pet>{_NAME})(?:[ \t]*\((?:[A-Za-z]+[ \t]){{0,2}}(?:{_ANIMALS})(?![A-Za-z])[^()\n]{{0,30}}\)"
    rf"|,?[ \t]+the[ \t]+(?:[a-z]+[ \t])?(?:{_ANIMALS})(?![A-Za-z])(?![ \t]+{_COMPOUND}))"
)
# 我係 Lucky 主人, 狗狗Coco: an owner's word after a name, an animal's before it.
_ZH_OWNER = re.compile(rf"(?P<pet>{_NAME})[ \t]*(?:嘅|的)?主人")
_ZH_ANIMAL = re.compile(rf"(?:狗|貓|猫|狗狗|貓貓|猫猫|寵物|宠物)[ \t]*(?P<pet>{_NAME})(?![A-Za-z])")
# 寵物名：阿旺, 我隻狗叫Ken仔: a Chinese or Latin name the text gives an animal.
_ZH_PET = rf"(?:{_NAME}(?:[ \t]?[仔女B])?|阿?[\u4e00-\u9fff]{{1,2}}(?<![仔女]))"
_ZH_NAMED = re.compile(
    rf"(?:(?:寵物|宠物|狗|貓|猫)(?:名|名稱|名称|名字)[ \t]*[:：][ \t]*|(?:隻|只)(?:狗|貓|猫|狗仔|貓仔|猫仔|兔|兔仔)(?:仔)?(?:叫做|叫|係|是)[ \t]*)"
    rf"(?P<pet>{_ZH_PET})(?![A-Za-z])"
)
# 病人：朱古力（犬，貴婦，12歲）: a vet's record names the animal, then its kind in brackets.
_ZH_BRACKETED = re.compile(
    rf"(?P<pet>{_NAME}|[\u4e00-\u9fff]{{1,3}})[ \t]*[（(][ \t]*"
    r"(?:犬|狗|貓|猫|兔|鸚鵡|鹦鹉|龜|龟|倉鼠|仓鼠|天竺鼠|狗仔|貓仔|猫仔|唐狗|唐貓|唐猫)(?![主友])"  # not 犬主, an owner
)
_AND = re.compile(rf"[ \t]+(?:and|&)[ \t]+(?P<pet>{_NAME})(?![A-Za-z'’-])")
_BEFORE_AND = re.compile(rf"(?P<pet>{_NAME})[ \t]+(?:and|&)[ \t]+$")
_GATE = gate(re.compile(rf"(?<![A-Za-z])(?:{_ANIMALS}|{_CARE})(?![A-Za-z])"))


@lru_cache(maxsize=16)
def pet_names(text: str) -> frozenset[str]:
    """The words this text uses as a pet's name, lower-cased."""
    pets: set[str] = set()
    if any(
        word in text
        for word in ("主人", "狗", "貓", "猫", "寵物", "宠物", "犬", "兔", "鼠", "鸚鵡", "鹦鹉", "龜", "龟")
    ):
        for pattern in (_ZH_OWNER, _ZH_ANIMAL, _ZH_NAMED, _ZH_BRACKETED):
            for match in pattern.finditer(text):
                pet = re.sub(r"[ \t]", "", match["pet"]).lower()
                pets.add(pet)
                latin = re.match("[a-z]+", pet)
                if latin:
                    pets.add(latin[0])  # Ken of Ken仔
    if _GATE.search(text) is None:
        return frozenset(pets)
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
    # Ken 仔: text normalisation spaces a Latin name from its Chinese affix; still one word.
    if " " in value and not re.fullmatch(r"[A-Za-z]+ [\u4e00-\u9fff]|[\u4e00-\u9fff] [A-Za-z]+", value):
        return False
    return re.sub(r"[ \t]", "", value).lower() in pet_names(text)
