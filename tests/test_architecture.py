"""The package's shape: dependencies between guardrail's parts form a tree, not a web,
and the core depends on nothing but the standard library and the error tree.

The import graph comes from grimp (the library behind import-linter). Every import
counts, including those inside functions and under ``TYPE_CHECKING``: a lazy import
hides a dependency, it does not remove it.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet

import grimp
import pytest

PACKAGE = "guardrail"

# Cycles through these packages are tolerated while the call sequence is rewritten
# (runtime, the adapters and telemetry are being reworked together; inside runtime,
# guard and stream import each other). Every cycle that avoids them fails now; empty
# this when the rewrite lands.
REWRITE_IN_PROGRESS: frozenset[str] = frozenset()

# What the lowest layers may import of guardrail besides themselves.
LOWER_LAYERS: Mapping[str, frozenset[str]] = {
    "guardrail.errors": frozenset(),
    # Checks, verdicts, pipelines, context: their errors come from the one tree.
    "guardrail.core": frozenset({"guardrail.errors"}),
    # Normalisation and prefilters, shared by pii and rules.
    "guardrail.text": frozenset(),
}


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(PACKAGE, include_external_packages=True, cache_dir=None)


def part(module: str) -> str:
    """The direct child of the package a module belongs to: ``guardrail.pii`` for
    ``guardrail.pii.recognizers.hkid``, ``guardrail.errors`` for itself."""
    return ".".join(module.split(".")[:2])


def internal(graph: grimp.ImportGraph) -> list[str]:
    return sorted(module for module in graph.modules if module == PACKAGE or module.startswith(PACKAGE + "."))


def imports(graph: grimp.ImportGraph, module: str) -> set[str]:
    return set(graph.find_modules_directly_imported_by(module))


def shortest_cycles(edges: Mapping[str, AbstractSet[str]]) -> list[tuple[str, ...]]:
    """The shortest cycle through each node that is on one, each written once."""
    found = set()
    for start in sorted(edges):
        chain = path_back(edges, start)
        if chain:
            first = chain.index(min(chain))
            found.add(tuple(chain[first:] + chain[:first]))
    return sorted(found, key=lambda cycle: (len(cycle), cycle))


def path_back(edges: Mapping[str, AbstractSet[str]], start: str) -> list[str] | None:
    """A shortest path from ``start`` back to itself (breadth first), without the return."""
    previous: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for following in sorted(edges.get(node, ())):
            if following == start:
                chain = [node]
                while chain[-1] != start:
                    chain.append(previous[chain[-1]])
                return chain[::-1]
            if following not in previous:
                previous[following] = node
                queue.append(following)
    return None


def evidence(graph: grimp.ImportGraph, importer: str, imported: str, by_part: bool) -> str:
    """One import that makes ``importer`` depend on ``imported``, with its line."""
    for module in internal(graph):
        if (part(module) if by_part else module) != importer:
            continue
        for target in sorted(imports(graph, module)):
            if (part(target) if by_part else target) == imported:
                [detail, *_] = graph.get_import_details(importer=module, imported=target) or [{"line_number": "?"}]
                return f"{module}:{detail['line_number']} imports {target}"
    return "?"


def describe(graph: grimp.ImportGraph, cycles: Iterable[tuple[str, ...]], by_part: bool) -> str:
    lines = []
    for cycle in cycles:
        lines.append(" -> ".join((*cycle, cycle[0])))
        for importer, imported in zip(cycle, (*cycle[1:], cycle[0]), strict=True):
            lines.append(f"    {evidence(graph, importer, imported, by_part)}")
    return "\n".join(lines)


def test_the_parts_of_the_package_import_one_another_without_cycles(graph: grimp.ImportGraph) -> None:
    edges: dict[str, set[str]] = {}
    for module in internal(graph):
        source = part(module)
        for target in imports(graph, module):
            if target.startswith(PACKAGE + ".") and part(target) != source:
                edges.setdefault(source, set()).add(part(target))
    kept = {
        source: {target for target in targets if target not in REWRITE_IN_PROGRESS}
        for source, targets in edges.items()
        if source not in REWRITE_IN_PROGRESS
    }
    assert len(edges) > 10, "the graph looks empty: did grimp find the package?"
    cycles = shortest_cycles(kept)
    assert not cycles, "import cycles between parts of guardrail (move what both need down a layer):\n" + describe(
        graph, cycles, by_part=True
    )


def test_the_modules_of_each_part_import_one_another_without_cycles(graph: grimp.ImportGraph) -> None:
    edges: dict[str, set[str]] = {}
    for module in internal(graph):
        if part(module) in REWRITE_IN_PROGRESS:
            continue
        same_part = {target for target in imports(graph, module) if part(target) == part(module)}
        edges[module] = same_part
    cycles = shortest_cycles(edges)
    assert not cycles, "import cycles between modules of one part:\n" + describe(graph, cycles, by_part=False)


@pytest.mark.parametrize("layer", sorted(LOWER_LAYERS))
def test_the_lowest_layers_import_nothing_above_them(graph: grimp.ImportGraph, layer: str) -> None:
    allowed = LOWER_LAYERS[layer] | {layer}
    above = sorted(
        f"{module} imports {target}"
        for module in internal(graph)
        if part(module) == layer
        for target in imports(graph, module)
        if target.startswith(PACKAGE + ".") and part(target) not in allowed
    )
    assert not above, f"{layer} may import only {sorted(LOWER_LAYERS[layer])} of guardrail:\n" + "\n".join(above)


def test_the_core_needs_only_the_standard_library(graph: grimp.ImportGraph) -> None:
    """No LiteLLM, web framework, exporter or Presidio: those live at the edge and
    depend on the core, never the other way round."""
    third_party = sorted(
        f"{module} imports {target}"
        for module in internal(graph)
        if part(module) == "guardrail.core"
        for target in imports(graph, module)
        if not target.startswith(PACKAGE + ".") and target.split(".")[0] not in sys.stdlib_module_names
    )
    assert not third_party, "guardrail.core imports outside the standard library:\n" + "\n".join(third_party)


def test_cycles_are_found_and_named() -> None:
    """The finder itself: a cycle is reported once, from its smallest node; a chain is not."""
    edges = {"b": {"c"}, "c": {"a"}, "a": {"b", "d"}, "d": set()}
    assert shortest_cycles(edges) == [("a", "b", "c")]
    assert shortest_cycles({"a": {"b"}, "b": {"c"}}) == []
