"""Reading YAML files into pydantic models with errors that name the field.

Shared by policy packs and the server config, so both report problems the same way:
``file: checks[0].settings.entities.HK_ID.action: ...``, or a line and column for YAML
that does not parse.
"""

from __future__ import annotations

from typing import Any

import yaml
from pydantic import ValidationError

from guardrail.errors import InputError


class YamlProblem(InputError):
    """A YAML document that cannot be used; ``field`` locates the problem.

    Each reader turns it into its own error (a policy's, a rule set's, the server
    config's), which names the file as well."""

    def __init__(self, message: str, field: str | None = None) -> None:
        self.message = message
        self.field = field
        super().__init__(message)


def load_mapping(text: str, *, what: str) -> dict[str, Any]:
    """The YAML mapping in ``text``; ``what`` names the document ("a policy")."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise YamlProblem(f"not valid YAML: {problem}", where) from None
    if not isinstance(raw, dict):
        raise YamlProblem(f"{what} must be a YAML mapping")
    return raw


def validation_problem(error: ValidationError, prefix: tuple[Any, ...] = ()) -> YamlProblem:
    """The first problem of a validation error, with the others summarised."""
    problems = error.errors(include_url=False, include_input=False)
    first = problems[0]
    message = first["msg"]
    if len(problems) > 1:
        others = "; ".join(f"{dotted(prefix + tuple(p['loc']))}: {p['msg']}" for p in problems[1:])
        message += f" (and {len(problems) - 1} more: {others})"
    return YamlProblem(message, dotted(prefix + tuple(first["loc"])) or None)


def dotted(loc: tuple[Any, ...]) -> str:
    """``("checks", 0, "name")`` as ``checks[0].name``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
