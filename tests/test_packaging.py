"""The distribution ships every package, names itself consistently, and the README's
commands are the ones CI runs."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_found_by_setuptools() -> None:
    """setuptools finds ``guardrail*`` packages by their ``__init__.py``: a folder of
    modules without one would be left out of the wheel."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert config["packages"]["find"]["include"] == ["guardrail*"]
    for module in (ROOT / "guardrail").rglob("*.py"):
        if "__pycache__" in module.parts:
            continue
        assert (module.parent / "__init__.py").exists(), f"{module.parent.relative_to(ROOT)} has no __init__.py"


def test_rule_sets_ship_as_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "rules/*.yaml" in config["package-data"]["guardrail.policies"]
    assert list((ROOT / "guardrail" / "policies" / "rules").glob("*.yaml"))


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
    documents = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), *sorted((ROOT / "examples").rglob("*.*"))]
    for document in documents:
        for line in document.read_text(encoding="utf-8", errors="replace").splitlines():
            for named in re.findall(r"pip install ([^\s;#`]+)", line):
                named = named.strip("\"'")
                assert not re.match(r"guardrail\b", named), f"{document.name}: {line.strip()}"
    assert f"pip install {DISTRIBUTION}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_runs_the_tests_as_ci_does() -> None:
    """The README sends newcomers to ``.ci/run``, and its command for a machine that
    has the services already is the one CI ends with."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert '.venv/bin/pip install -e ".[dev]"' in ci and 'eval "$(.ci/services)"' in ci
    for gate in ("ruff format --check", "ruff check", "mypy", ".venv/bin/python -m pytest"):
        assert gate in ci and gate in readme, gate
    assert ".ci/run" in readme
    assert 'eval "$(.ci/services)" && .venv/bin/python -m pytest' in readme
    assert "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/guardrail serve" in readme
