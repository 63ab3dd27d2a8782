"""Check types by name: the built-in ones and any a third party registers.

A policy says ``type: personal_data``; the registry turns that name into a
:class:`CheckType`, which validates the check's ``settings`` and builds the check.
Built-in types are referenced by import path so that validating a policy does not
load Presidio or spaCy. Third-party packages plug in through the ``guardrail.checks``
entry-point group, each entry point naming a :class:`CheckType` object.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any

from pydantic import BaseModel

from guardrail.core.check import Check
from guardrail.core.memo import MemoFactory
from guardrail.core.vault import InMemoryVault, PseudonymVault

ENTRY_POINT_GROUP = "guardrail.checks"

_BUILT_IN: dict[str, str] = {
    "personal_data": "guardrail.pii.settings:PERSONAL_DATA",
    "prohibited_use": "guardrail.crime_prevention.prohibited_use:PROHIBITED_USE",
    "prompt_injection": "guardrail.system_security.injection:PROMPT_INJECTION",
    "secrets": "guardrail.system_security.secrets:SECRETS",
    "request_limits": "guardrail.system_security.limits:REQUEST_LIMITS",
    "cited_sources": "guardrail.reliability.citations:CITED_SOURCES",
    "verbatim_overlap": "guardrail.intellectual_property.overlap:VERBATIM_OVERLAP",
    "threat_classifier": "guardrail.threats.check:THREAT_CLASSIFIER",
    "safety_model": "guardrail.threats.safety_model:SAFETY_MODEL",
}


@dataclass(frozen=True, slots=True)
class CheckServices:
    """Shared resources a check may use, owned by whoever runs the pipeline.

    The pseudonym vault lives here rather than inside a check so that the runtime
    which restores pseudonyms in answers reads the same mappings the check wrote.
    ``memo`` makes each check its own :class:`~guardrail.core.memo.TextMemo` (or one
    shared under a key), with the size and lifetime the runtime was configured with.
    """

    vault: PseudonymVault = field(default_factory=InMemoryVault)
    memo: MemoFactory = field(default_factory=MemoFactory)


@dataclass(frozen=True, slots=True)
class CheckType:
    """How to validate a check type's settings and how to build it.

    ``factory`` is an ``"module:attribute"`` path to a callable taking the validated
    settings and the :class:`CheckServices`, imported only when a pipeline is built.
    """

    name: str
    settings_model: type[BaseModel]
    factory: str

    def build(self, settings: BaseModel, services: CheckServices | None = None) -> Check:
        create: Callable[[Any, CheckServices], Check] = import_path(self.factory)
        return create(settings, services or CheckServices())


_extra: dict[str, CheckType] = {}


def register(check_type: CheckType) -> None:
    """Register a check type in-process (tests, embedding applications)."""
    _extra[check_type.name] = check_type


def known_types() -> list[str]:
    """Every type name a policy may use."""
    names = set(_BUILT_IN) | set(_extra)
    names |= {ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)}
    return sorted(names)


def resolve(name: str) -> CheckType:
    """The check type called ``name``; ``KeyError`` if there is none."""
    if name in _extra:
        return _extra[name]
    if name in _BUILT_IN:
        found: CheckType = import_path(_BUILT_IN[name])
        return found
    for ep in entry_points(group=ENTRY_POINT_GROUP, name=name):
        loaded = ep.load()
        if isinstance(loaded, CheckType):
            return loaded
    raise KeyError(name)


def import_path(path: str) -> Any:
    """The object at ``"package.module:attribute.path"``."""
    module_name, _, attributes = path.partition(":")
    found: Any = importlib.import_module(module_name)
    for attribute in attributes.split("."):
        found = getattr(found, attribute)
    return found
