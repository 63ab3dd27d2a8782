"""The distribution ships every package: setuptools' list is kept by hand (the
``package-dir`` mapping defeats discovery), so a new package must be added to it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    found = set()
    for name, folder in config["package-dir"].items():
        for init in (ROOT / folder).rglob("__init__.py"):
            relative = init.parent.relative_to(ROOT / folder).parts
            found.add(".".join((name, *relative)))
    assert found == listed


def test_rule_sets_ship_as_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "rules/*.yaml" in config["package-data"]["guardrail.policies"]
    assert list((ROOT / "policies" / "rules").glob("*.yaml"))


DISTRIBUTION = "hk-genai-guardrail"


def test_the_distribution_has_a_name_of_its_own_used_everywhere() -> None:
    """``guardrail`` on PyPI is somebody else's project: the distribution is named
    ``hk-genai-guardrail`` (import name and command stay ``guardrail``), its extras refer
    to themselves by that name, and no ``pip install`` line names the other project."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == DISTRIBUTION and project["scripts"]["guardrail"] == "guardrail.cli.app:main"
    for extra in project["optional-dependencies"].values():
        for requirement in extra:
            assert not requirement.startswith("guardrail["), requirement
    documents = [ROOT / "README.md", *sorted((ROOT / "examples").rglob("*.*"))]
    for document in documents:
        for line in document.read_text(encoding="utf-8", errors="replace").splitlines():
            for named in re.findall(r"pip install ([^\s;#`]+)", line):
                named = named.strip("\"'")
                assert not re.match(r"guardrail\b", named), f"{document.name}: {line.strip()}"
    assert f"pip install {DISTRIBUTION}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_installs_with_the_readme_command() -> None:
    command = 'python3 -m venv .venv && .venv/bin/pip install -e ".[test]" && .venv/bin/python -m pytest'
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert command in (ROOT / "README.md").read_text(encoding="utf-8")
