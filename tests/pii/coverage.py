"""What the recognizer tests ask of the redactor's findings.

Offsets of findings are in the original text; a value counts as covered when findings
cover every letter, digit and CJK character of it, as the free-text scorer counts
"fully covered" (punctuation inside a value, such as the dots of ``K.M. Wong``, may
fall outside).
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

from guardrail.pii.redactor import Redactor

# Property tests share one budget: each example runs the whole analyzer.
PROPERTY = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def person_spans(redactor: Redactor, text: str) -> list[str]:
    """The texts of the PERSON findings."""
    return [text[d.start : d.end] for d in redactor.analyze(text) if d.entity_type == "PERSON"]


def covered(redactor: Redactor, text: str, value: str, *, entity: str | None = None, at: int | None = None) -> bool:
    """Whether findings (of ``entity`` only, when given) cover ``value`` where it stands
    at ``at``, or at its first occurrence."""
    start = text.index(value) if at is None else at
    spans = [(d.start, d.end) for d in redactor.analyze(text) if entity is None or d.entity_type == entity]
    return all(any(s <= i < e for s, e in spans) for i in range(start, start + len(value)) if text[i].isalnum())


def untouched(redactor: Redactor, text: str, value: str) -> bool:
    """Whether no finding overlaps ``value`` at its first occurrence: a look-alike kept whole."""
    start = text.index(value)
    return not any(d.start < start + len(value) and start < d.end for d in redactor.analyze(text))
