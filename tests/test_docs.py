"""The README and docs/ stay usable: their links lead somewhere, and the proxy's error
table lists every code the code can answer with.

A new error code or a moved page fails here, so the reference cannot drift from the
code unnoticed.
"""

from __future__ import annotations

import re
from pathlib import Path

from guardrail.runtime import reasons
from guardrail.threats.check import REASONS as THREAT_REASONS

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
# Pages other sessions write; the README links them before they exist.
PENDING = {DOCS / "architecture.md", DOCS / "deployment.md"}
LINK = re.compile(r"\]\(([^)\s]+)\)")
SOURCES = ROOT / "guardrail"

# Codes the proxy answers with, as the code spells them.
_CODE_PATTERNS = [
    re.compile(r'code="([a-z_.]+)"'),
    re.compile(r'_Mapping\(\s*\d{3},\s*"([a-z_.]+)"'),
    re.compile(r'(?:UpstreamError|ReviewError)\(\s*\d{3},\s*"([a-z_.]+)"'),
    re.compile(r'ProxyError\(\s*\d{3},\s*"[a-z_]+",\s*"([a-z_.]+)"'),
    re.compile(r'\d{3}: "([a-z_]+)"'),  # HTTP-level errors by status, Anthropic's error types
    re.compile(r'Refusal\(\s*"([a-z_]+)"'),  # fields an API's table refuses
]
# Codes named as module constants (``STORE_UNAVAILABLE = "store_unavailable"``), where
# constants name codes and not files.
_CONSTANT = re.compile(r'^[A-Z_]+ = "([a-z]+(?:[._][a-z]+)+)"$', re.MULTILINE)
_CODE_SOURCES = ["adapters/**/*.py", "runtime/*.py", "review/*.py", "core/shapes.py", "core/*_fields.py"]


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    lines = page.read_text(encoding="utf-8").splitlines()
    return {_slug(line.lstrip("#")) for line in lines if line.startswith("#")}


def test_links_in_the_readme_and_docs_resolve() -> None:
    broken = []
    for page in PAGES:
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            path, _, anchor = target.partition("#")
            resolved = (page.parent / path).resolve() if path else page
            if resolved in PENDING:
                continue
            if not resolved.exists():
                broken.append(f"{page.name}: {target}")
            elif anchor and anchor not in _anchors(resolved):
                broken.append(f"{page.name}: {target} (no such heading)")
    assert not broken, broken


def _codes_in_source() -> set[str]:
    codes: set[str] = set()
    for pattern in _CODE_SOURCES:
        for module in SOURCES.glob(pattern):
            text = module.read_text(encoding="utf-8")
            for regex in _CODE_PATTERNS:
                codes.update(regex.findall(text))
    for module in SOURCES.glob("runtime/*.py"):
        codes.update(_CONSTANT.findall(module.read_text(encoding="utf-8")))
    return codes


def test_the_proxy_page_lists_every_error_code() -> None:
    documented = set(re.findall(r"`([a-z_.]+)`", (DOCS / "proxy.md").read_text(encoding="utf-8")))
    found = _codes_in_source()
    assert {"unknown_use_case", "upstream_rejected_request", "request_timeout"} <= found  # the scan works
    # Every refusal with an explanation, every threat category's code, and the rest.
    expected = set(reasons._EXPLANATIONS) | set(THREAT_REASONS.values()) | found
    missing = sorted(expected - documented)
    assert not missing, f"docs/proxy.md does not list: {missing}"


_VARIABLE = re.compile(r'"((?:GUARDRAIL|OTEL|LITELLM|AIOHTTP)_[A-Z_]+)"')


def test_the_configuration_page_lists_every_environment_variable() -> None:
    """Any variable the package reads or sets by name has a row; ``OTEL_EXPORTER_OTLP_*``
    style rows cover their prefix."""
    page = (DOCS / "configuration.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+\*?)`", page))
    prefixes = tuple(name.rstrip("*") for name in documented if name.endswith("*"))
    used = {name for module in SOURCES.rglob("*.py") for name in _VARIABLE.findall(module.read_text(encoding="utf-8"))}
    missing = sorted(name for name in used if name not in documented and not name.startswith(prefixes))
    assert not missing, f"docs/configuration.md does not list: {missing}"


def test_the_readme_stays_a_quick_start() -> None:
    """The reference lives in docs/; the README says what it is and how to start."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 150
    assert ". .venv/bin/activate" in readme
