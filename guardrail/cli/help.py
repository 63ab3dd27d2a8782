"""Help that reads right: a flag is shown without a value type.

Typer labels every option with its type, so ``--json`` appeared as ``--json <bool>``,
as if it took a value. Flags get an empty label instead; options with values keep
theirs (``--policy <str>``).
"""

from __future__ import annotations

from typing import Any


def plain_flags(command: Any) -> Any:
    """Blank the type label of every flag of ``command`` and its subcommands; returns it."""
    params = list(command.params)
    help_option = command.get_help_option(command.context_class(command))
    if help_option is not None:
        params.append(help_option)
    for param in params:
        if getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""
    for sub in getattr(command, "commands", {}).values():
        plain_flags(sub)
    return command
