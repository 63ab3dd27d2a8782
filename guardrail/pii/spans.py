"""Whether a span lies inside, or overlaps, one of many others, in O(log n) per question.

Recognizers and the NER focus ask this for every word of a text ("is this word inside
a name already found?"). Comparing the word with every span found made texts dense
with names quadratic: 100 KB of capitalised words took seconds in these loops alone.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate


class CoveringSpans:
    """Spans ``(start, end)``, overlapping or not, asked whether they cover a span."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        # The furthest end among the spans starting at or before each one.
        self._reach = list(accumulate((end for _, end in ordered), max))

    def covers(self, start: int, end: int) -> bool:
        """Whether some span has ``span.start <= start`` and ``end <= span.end``."""
        index = bisect_right(self._starts, start) - 1
        return index >= 0 and self._reach[index] >= end


class DisjointSpans:
    """Spans that do not overlap one another (regular-expression matches, say), asked
    whether any of them overlaps a span."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._ends = [end for _, end in ordered]

    def overlap(self, start: int, end: int) -> bool:
        """Whether some span shares at least one character with ``[start, end)``."""
        index = bisect_right(self._ends, start)  # the first span ending after ``start``
        return index < len(self._starts) and self._starts[index] < end
